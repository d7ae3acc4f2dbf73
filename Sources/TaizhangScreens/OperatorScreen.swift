import TaizhangDomain
import TaizhangTerminalCore

/// Asked first when no operator was given: pick one seen in the ledger or type a new name.
public final class OperatorScreen: Screen {
    /// The name typed (also filters the known operators).
    public private(set) var editor = LineEditor()
    private var selected = 0

    /// The prompt.
    public init() {}

    public var capturesText: Bool { true }

    /// Known operators, busiest first, filtered by what is typed; then the typed name as a new one.
    func choices(_ ctx: AppContext) -> [(name: String, isNew: Bool)] {
        let typed = editor.text.trimmingCharacters(in: .whitespaces)
        let known = ctx.state.operators.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        var out = known.filter { typed.isEmpty || ctx.pinyin.matches(typed, in: $0) }.map { (name: $0, isNew: false) }
        if !typed.isEmpty && !known.contains(typed) { out.append((typed, true)) }
        return out
    }

    /// What the prompt's keys stand for.
    public enum Action: Sendable, Equatable { case up, down, confirm, quit, type }

    /// The prompt's keys.
    public static let keyTable = KeyTable<Action, Void>(title: "Operator prompt (start-up)", fallback: .type, [
        KeyBinding([], Words.Common.typeWord, .type, Words.Pick.nameOrFilter,
                   doc: "your name, or filter the operators already in the ledger (pinyin initials work)", docKeys: "typing"),
        KeyBinding([(.up, .up), (.down, .down), (.tab, .down)], "↑/↓", Words.Pick.choose, doc: "choose", docKeys: "↑ / ↓, Tab"),
        KeyBinding([.enter], "Enter", .confirm, Words.Pick.confirmWord, doc: "confirm"),
        KeyBinding([.escape], "Esc", .quit, Words.Common.quit, doc: "quit"),
    ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        let list = choices(ctx)
        switch action {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, list.count - 1), selected + 1)
        case .quit: return .quit
        case .confirm:
            guard selected < list.count else {
                ctx.fail(Words.Pick.typeYourName[ctx.lang])
                return .none
            }
            ctx.ledger.operatorName = list[selected].name
            ctx.say(Words.App.operatorWord[ctx.lang] + list[selected].name)
            return .back
        case .type:
            if editor.handle(key) { selected = 0 }
        }
        return .none
    }

    private func box(_ area: Rect, count: Int) -> Rect { area.centered(width: 56, height: min(area.height, max(count, 3) + 7)) }

    public func layout(_ area: Rect, _ ctx: AppContext) {
        let count = choices(ctx).count
        let box = box(area, count: count)
        if selected >= count { selected = max(0, count - 1) }
        editor.layout(width: box.width - 7)
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let list = choices(ctx)
        let box = box(area, count: list.count)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: Words.Pick.whoIsWorking[ctx.lang])
        grid.put(Words.Pick.pickOrTypeOperator[ctx.lang], x: box.x + 2, y: box.y + 1, maxWidth: box.width - 4)
        grid.put("> ", x: box.x + 2, y: box.y + 3, style: .bold)
        let caret = editor.render(into: &grid, x: box.x + 4, y: box.y + 3, width: box.width - 7, style: CellStyle(underline: true))
        grid.cursor = (caret, box.y + 3)
        let visible = box.height - 6
        let selected = min(self.selected, max(0, list.count - 1))
        let start = max(0, selected - visible + 1)
        for n in 0..<max(0, min(visible, list.count - start)) {
            let item = list[start + n]
            let y = box.y + 5 + n
            let text = item.isNew ? Words.Pick.newOperator[ctx.lang] + item.name : item.name
            grid.put(text, x: box.x + 3, y: y, maxWidth: box.width - 6)
            if start + n == selected { grid.restyle(x: box.x + 2, y: y, width: box.width - 4, style: .reverse) }
        }
    }
}
