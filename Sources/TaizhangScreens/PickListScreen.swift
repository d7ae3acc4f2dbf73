import TaizhangDomain
import TaizhangTerminalCore

/// One entry of a pick list.
public struct PickItem: Sendable, Equatable {
    /// The value picked (a choice key, a case id, an operator name).
    public var key: String
    /// What is shown.
    public var label: String
    /// Also matched and shown dimmed (the key, or the Chinese label in English mode).
    public var extra: String
    /// Creates an item.
    public init(key: String, label: String, extra: String = "") {
        self.key = key
        self.label = label
        self.extra = extra
    }
}

/// A pick list over the screen below: typing filters (Chinese, pinyin initials, key), arrows
/// choose, Enter picks, Esc closes.
public final class PickListScreen: Screen {
    /// Title of the box.
    public let title: String
    /// All items.
    public let items: [PickItem]
    /// The filter typed so far.
    public private(set) var filter: LineEditor
    /// Index into the filtered items.
    public private(set) var selected = 0
    private let onPick: (PickItem) -> ScreenAction
    private var scroll = 0

    /// A pick list; `selectedKey` starts the highlight on the current value.
    public init(title: String, items: [PickItem], filter: String = "", selectedKey: String? = nil,
                onPick: @escaping (PickItem) -> ScreenAction) {
        self.title = title
        self.items = items
        self.filter = LineEditor(filter)
        self.onPick = onPick
        if filter.isEmpty, let k = selectedKey, let i = items.firstIndex(where: { $0.key == k }) { selected = i }
    }

    public var isOverlay: Bool { true }
    public var capturesText: Bool { true }

    /// Items passing the filter (label, extra or key; pinyin initials of the label).
    public func matching(_ ctx: AppContext) -> [PickItem] {
        let f = filter.text.trimmingCharacters(in: .whitespaces)
        if f.isEmpty { return items }
        return items.filter { ctx.pinyin.matches(f, in: $0.label) || ctx.pinyin.matches(f, in: $0.extra) || $0.key.lowercased().hasPrefix(f.lowercased()) }
    }

    /// What a pick list's keys stand for.
    public enum Action: Sendable, Equatable { case up, down, pageUp, pageDown, pick, cancel, type }

    /// A pick list's keys.
    public static let keyTable = KeyTable<Action, Void>(title: "Pick lists", fallback: .type, [
        KeyBinding([], Words.Common.typeWord, .type, Words.Pick.filterLabelPinyinInitialsKey,
                   doc: "filter by label, pinyin initials (`ll` finds 邻里) or key (`neighbor`)", docKeys: "typing"),
        KeyBinding([(.up, .up), (.down, .down), (.tab, .down), (.pageUp, .pageUp), (.pageDown, .pageDown)], "↑/↓", Words.Common.move,
                   doc: "move", docKeys: "↑ / ↓, Tab, PgUp / PgDn"),
        KeyBinding([.enter], "Enter", .pick, Words.Pick.pick, doc: "pick"),
        KeyBinding([.escape], "Esc", .cancel, Words.Common.cancel, doc: "close without picking"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        let list = matching(ctx)
        switch action {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, list.count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - 8)
        case .pageDown: selected = min(max(0, list.count - 1), selected + 8)
        case .cancel: return .back
        case .pick:
            guard selected < list.count else { return .none }
            return .sequence([.back, onPick(list[selected])])
        case .type:
            if filter.handle(key) { selected = 0 }
        }
        return .none
    }

    /// The box in `area`.
    private func box(_ area: Rect) -> Rect {
        let widest = items.map { DisplayWidth.of($0.label) + DisplayWidth.of($0.extra) + 3 }.max() ?? 20
        return area.centered(width: max(36, min(area.width - 4, widest + 6)), height: min(area.height, items.count + 5))
    }

    public func layout(_ area: Rect, _ ctx: AppContext) {
        let count = matching(ctx).count
        let box = box(area)
        if selected >= count { selected = max(0, count - 1) }
        scroll = ScrollWindow.follow(selected: selected, scroll: scroll, visible: box.height - 4, count: count)
        filter.layout(width: box.width - 6)
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let list = matching(ctx)
        let selected = min(self.selected, max(0, list.count - 1))
        let box = box(area)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: title)
        let inner = box.width - 4
        let prompt = "> "
        grid.put(prompt, x: box.x + 2, y: box.y + 1, style: .bold)
        let caret = filter.render(into: &grid, x: box.x + 4, y: box.y + 1, width: inner - 2, style: CellStyle(underline: true))
        grid.cursor = (caret, box.y + 1)
        let visible = box.height - 4
        let scroll = ScrollWindow.follow(selected: selected, scroll: self.scroll, visible: visible, count: list.count)
        if list.isEmpty {
            grid.put(Words.Pick.nothingMatches[ctx.lang], x: box.x + 2, y: box.y + 3, style: .hint)
        }
        for n in 0..<max(0, min(visible, list.count - scroll)) {
            let item = list[scroll + n]
            let y = box.y + 3 + n
            let used = grid.put(item.label, x: box.x + 2, y: y, maxWidth: inner)
            if !item.extra.isEmpty { grid.put(item.extra, x: box.x + 4 + used, y: y, style: .hint, maxWidth: max(0, inner - used - 2)) }
            if scroll + n == selected {
                grid.put(">", x: box.x + 1, y: y, style: .bold)
                grid.restyle(x: box.x + 2, y: y, width: inner, style: .reverse)
            }
        }
    }
}

/// A yes/no question over the screen below; `y` confirms, `n` or Esc cancels.
public final class ConfirmScreen: Screen {
    /// The question.
    public let question: String
    private let onYes: (AppContext) -> ScreenAction

    /// Asks `question`; `onYes` runs after the dialog closes.
    public init(question: String, onYes: @escaping (AppContext) -> ScreenAction) {
        self.question = question
        self.onYes = onYes
    }

    public var isOverlay: Bool { true }

    /// What a question's keys stand for.
    public enum Action: Sendable, Equatable { case yes, no }

    /// A question's keys.
    public static let keyTable = KeyTable<Action, Void>(title: "Confirmation", [
        KeyBinding([.char("y"), .char("Y")], "y", .yes, Words.Pick.yes, doc: "yes", docKeys: "`y`"),
        KeyBinding([.char("n"), .char("N"), .escape, .char("q")], "n/Esc", .no, Words.Pick.no, doc: "no", docKeys: "`n` / Esc / `q`"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        switch Self.keyTable.resolve(key, ()) {
        case .run(.yes): return .sequence([.back, onYes(ctx)])
        case .run(.no): return .back
        default: return .none
        }
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let lines = CaseFormat.wrap(question, width: min(60, area.width - 8), indent: 0)
        let w = max(30, (lines.map { DisplayWidth.of($0) }.max() ?? 20) + 4)
        let box = area.centered(width: w, height: lines.count + 4)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: Words.Pick.confirm[ctx.lang])
        for (i, l) in lines.enumerated() { grid.put(l, x: box.x + 2, y: box.y + 1 + i, style: .bold, maxWidth: box.width - 4) }
        grid.put(Words.Pick.yYesNNo[ctx.lang], x: box.x + 2, y: box.y + box.height - 2, style: .hint)
    }
}

/// `n` on the queue: which kind of case to open (1 to 5).
public final class KindMenuScreen: Screen {
    private var selected = 0

    /// The menu.
    public init() {}

    public var isOverlay: Bool { true }

    /// What the menu's keys stand for.
    public enum Action: Sendable, Equatable { case choose(Int), up, down, pick, cancel }

    /// The menu's keys.
    public static let keyTable = KeyTable<Action, Void>(title: "New case (`n` on the queue)", [
        KeyBinding(CaseKind.allCases.indices.map { (Key.char(Character(String($0 + 1))), Action.choose($0)) }, "1-5",
                   Words.Pick.chooseKind,
                   doc: CaseKind.allCases.enumerated().map { "`\($0.offset + 1)` \($0.element.label(.en).lowercased())" }.joined(separator: ", "),
                   docKeys: "`1`-`5`"),
        KeyBinding([(.up, .up), (.char("k"), .up), (.down, .down), (.char("j"), .down), (.enter, .pick)], "↑/↓ Enter", Words.Pick.pick,
                   doc: "move, and pick", docKeys: "↑ / ↓, `j` / `k`, Enter"),
        KeyBinding([.escape, .char("q")], "Esc", .cancel, Words.Common.cancel, doc: "back", docKeys: "Esc / `q`"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        let kinds = CaseKind.allCases
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        switch action {
        case let .choose(n): return .replace(FormScreen.new(kinds[n], ctx))
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(kinds.count - 1, selected + 1)
        case .pick: return .replace(FormScreen.new(kinds[selected], ctx))
        case .cancel: return .back
        }
        return .none
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let kinds = CaseKind.allCases
        let box = area.centered(width: 36, height: kinds.count + 4)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: Words.Pick.newCase[ctx.lang])
        for (i, k) in kinds.enumerated() {
            let y = box.y + 2 + i
            grid.put("\(i + 1)  \(k.label[ctx.lang])", x: box.x + 3, y: y, maxWidth: box.width - 5)
            if i == selected { grid.restyle(x: box.x + 2, y: y, width: box.width - 4, style: .reverse) }
        }
    }
}

/// `?`: every key of the screen below (those its current state does not allow dimmed), then
/// the keys of every screen.
public final class HelpScreen: Screen {
    /// The keys listed.
    public let entries: [HelpLine]

    /// Lists `entries`.
    public init(entries: [HelpLine]) { self.entries = entries }

    public var isOverlay: Bool { true }

    /// What the help's keys stand for.
    public enum Action: Sendable, Equatable { case close }

    /// The help's keys (`?` and F1 close it too: the app's own keys).
    public static let keyTable = KeyTable<Action, Void>(title: "Help (`?`)", [
        KeyBinding([.escape, .char("q"), .enter], "Esc/q", .close, Words.Pick.closeHelp, doc: "close the help",
                   docKeys: "Esc / `q` / Enter / `?`"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { entries }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case .run(.close) = Self.keyTable.resolve(key, ()) else { return .none }
        return .back
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let keyWidth = (entries.map { DisplayWidth.of($0.entry.keys) }.max() ?? 6) + 2
        let actionWidth = entries.map { DisplayWidth.of($0.entry.action) }.max() ?? 10
        let box = area.centered(width: keyWidth + actionWidth + 6, height: entries.count + 4)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: Words.Pick.keys[ctx.lang])
        for (i, line) in entries.enumerated() where i < box.height - 4 {
            // Actions the screen below does not allow now are dimmed, not left out.
            grid.put(line.entry.keys, x: box.x + 2, y: box.y + 2 + i, width: keyWidth, style: line.available ? .bold : .hint, ellipsis: false)
            grid.put(line.entry.action, x: box.x + 2 + keyWidth, y: box.y + 2 + i, style: line.available ? .plain : .hint,
                     maxWidth: box.width - keyWidth - 4)
        }
    }
}
