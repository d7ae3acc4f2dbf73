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

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        [KeyHelp(ctx.t("输入", "type"), ctx.t("筛选（汉字/拼音首字母/代码）", "filter (label, pinyin initials, key)")),
         KeyHelp("↑/↓", ctx.t("移动", "move")), KeyHelp("Enter", ctx.t("选定", "pick")), KeyHelp("Esc", ctx.t("取消", "cancel"))]
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        let list = matching(ctx)
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down, .tab: selected = min(max(0, list.count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - 8)
        case .pageDown: selected = min(max(0, list.count - 1), selected + 8)
        case .escape: return .back
        case .enter:
            guard selected < list.count else { return .none }
            return .sequence([.back, onPick(list[selected])])
        default:
            if filter.handle(key) { selected = 0 }
        }
        return .none
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let list = matching(ctx)
        if selected >= list.count { selected = max(0, list.count - 1) }
        let widest = items.map { DisplayWidth.of($0.label) + DisplayWidth.of($0.extra) + 3 }.max() ?? 20
        let box = area.centered(width: max(36, min(area.width - 4, widest + 6)), height: min(area.height, items.count + 5))
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: title)
        let inner = box.width - 4
        let prompt = "> "
        grid.put(prompt, x: box.x + 2, y: box.y + 1, style: .bold)
        let caret = filter.render(into: &grid, x: box.x + 4, y: box.y + 1, width: inner - 2, style: CellStyle(underline: true))
        grid.cursor = (caret, box.y + 1)
        let visible = box.height - 4
        if selected < scroll { scroll = selected }
        if selected >= scroll + visible { scroll = selected - visible + 1 }
        if list.isEmpty {
            grid.put(ctx.t("（无匹配项）", "(nothing matches)"), x: box.x + 2, y: box.y + 3, style: .hint)
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

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        [KeyHelp("y", ctx.t("确定", "yes")), KeyHelp("n/Esc", ctx.t("取消", "no"))]
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        switch key {
        case .char("y"), .char("Y"): return .sequence([.back, onYes(ctx)])
        case .char("n"), .char("N"), .escape, .char("q"): return .back
        default: return .none
        }
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let lines = CaseFormat.wrap(question, width: min(60, area.width - 8), indent: 0)
        let w = max(30, (lines.map { DisplayWidth.of($0) }.max() ?? 20) + 4)
        let box = area.centered(width: w, height: lines.count + 4)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: ctx.t("请确认", "Confirm"))
        for (i, l) in lines.enumerated() { grid.put(l, x: box.x + 2, y: box.y + 1 + i, style: .bold, maxWidth: box.width - 4) }
        grid.put(ctx.t("y 确定    n 取消", "y yes    n no"), x: box.x + 2, y: box.y + box.height - 2, style: .hint)
    }
}

/// `n` on the queue: which kind of case to open (1 to 5).
public final class KindMenuScreen: Screen {
    private var selected = 0

    /// The menu.
    public init() {}

    public var isOverlay: Bool { true }

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        [KeyHelp("1-5", ctx.t("选择类型", "choose kind")), KeyHelp("↑/↓ Enter", ctx.t("选定", "pick")), KeyHelp("Esc", ctx.t("取消", "cancel"))]
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        let kinds = CaseKind.allCases
        switch key {
        case let .char(c):
            if let n = c.wholeNumberValue, (1...kinds.count).contains(n) { return .replace(FormScreen.new(kinds[n - 1], ctx)) }
            if c == "q" { return .back }
            if c == "j" { selected = min(kinds.count - 1, selected + 1) }
            if c == "k" { selected = max(0, selected - 1) }
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(kinds.count - 1, selected + 1)
        case .enter: return .replace(FormScreen.new(kinds[selected], ctx))
        case .escape: return .back
        default: break
        }
        return .none
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let kinds = CaseKind.allCases
        let box = area.centered(width: 36, height: kinds.count + 4)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: ctx.t("新建案件", "New case"))
        for (i, k) in kinds.enumerated() {
            let y = box.y + 2 + i
            grid.put("\(i + 1)  \(k.label(ctx.lang))", x: box.x + 3, y: y, maxWidth: box.width - 5)
            if i == selected { grid.restyle(x: box.x + 2, y: y, width: box.width - 4, style: .reverse) }
        }
    }
}

/// `?`: every key of the screen below.
public final class HelpScreen: Screen {
    /// The keys listed.
    public let entries: [KeyHelp]

    /// Lists `entries`.
    public init(entries: [KeyHelp]) { self.entries = entries }

    public var isOverlay: Bool { true }

    public func keys(_ ctx: AppContext) -> [KeyHelp] { [KeyHelp("Esc/q/?", ctx.t("关闭帮助", "close help"))] }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        switch key {
        case .escape, .char("q"), .char("?"), .enter, .function(1): return .back
        default: return .none
        }
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let all = entries + [KeyHelp("? / F1", ctx.t("本帮助", "this help")), KeyHelp("Ctrl-Q", ctx.t("退出程序", "quit the program"))]
        let keyWidth = (all.map { DisplayWidth.of($0.keys) }.max() ?? 6) + 2
        let actionWidth = all.map { DisplayWidth.of($0.action) }.max() ?? 10
        let box = area.centered(width: keyWidth + actionWidth + 6, height: all.count + 4)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: ctx.t("按键", "Keys"))
        for (i, e) in all.enumerated() where i < box.height - 4 {
            grid.put(e.keys, x: box.x + 2, y: box.y + 2 + i, width: keyWidth, style: .bold, ellipsis: false)
            grid.put(e.action, x: box.x + 2 + keyWidth, y: box.y + 2 + i, maxWidth: box.width - keyWidth - 4)
        }
    }
}
