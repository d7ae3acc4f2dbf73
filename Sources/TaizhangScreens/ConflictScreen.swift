import TaizhangDomain
import TaizhangTerminalCore

/// Shown when a form's save finds that someone else changed the same fields of the case since
/// the form was opened: each such field with the user's value and the other's, and the choice
/// of keeping mine, taking theirs, choosing field by field, or going back to the form. Fields
/// only one side changed are merged without asking.
public final class ConflictScreen: Screen {
    /// The conflict the save ran into.
    public let conflict: EditConflict
    private let kind: CaseKind
    /// The fields whose other value is taken (by key); the rest keep the user's.
    public private(set) var theirs: Set<String> = []
    private var selected = 0
    private let resolve: (Set<String>, AppContext) -> ScreenAction
    private let backToEditing: (AppContext) -> Void

    /// A conflict over fields of a `kind` case; `resolve` saves taking the other's value of the
    /// given fields, `backToEditing` puts the form on top of the stored values.
    public init(_ conflict: EditConflict, kind: CaseKind, resolve: @escaping (Set<String>, AppContext) -> ScreenAction,
                backToEditing: @escaping (AppContext) -> Void) {
        self.conflict = conflict
        self.kind = kind
        self.resolve = resolve
        self.backToEditing = backToEditing
    }

    public var isOverlay: Bool { true }

    /// What the conflict's keys stand for.
    public enum Action: Sendable, Equatable { case up, down, toggle, keepMine, takeTheirs, saveMerge, edit }

    /// The conflict's keys.
    public static let keyTable = KeyTable<Action, Void>(
        title: "Change conflict (saving a form after someone else changed the same fields)",
        notes: """
        Fields changed only in the form, or only by the other terminal, are merged without asking;
        fields nobody changed in the form are never sent, so they never go back to old values.
        """, [
            KeyBinding([(.up, .up), (.down, .down), (.char("k"), .up), (.char("j"), .down)], "↑/↓", Localized("选择字段", "field"),
                       bar: false, doc: "choose a field", docKeys: "↑ / ↓, `k` / `j`"),
            KeyBinding([.char(" "), .left, .right], "Space", .toggle, Localized("我的/他人的", "mine/theirs"),
                       doc: "switch the chosen field between my value and the other's", docKeys: "Space / ← / →"),
            KeyBinding([.char("m")], "m", .keepMine, Localized("全用我的", "keep mine"), doc: "keep my values and save", docKeys: "`m`"),
            KeyBinding([.char("t")], "t", .takeTheirs, Localized("全用他人的", "take theirs"), doc: "take the other values and save the rest", docKeys: "`t`"),
            KeyBinding([.enter, .ctrl("s"), .function(2)], "Enter", .saveMerge, Localized("按所选保存", "save as chosen"),
                       doc: "save with each field as chosen (merge field by field)", docKeys: "Enter / Ctrl-S / F2"),
            KeyBinding([.escape, .char("e")], "Esc", .edit, Localized("返回修改", "back to editing"),
                       doc: "back to the form, which now starts from the stored values (my changed fields stay)", docKeys: "Esc / `e`"),
        ])

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar((), ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help((), ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard case let .run(action) = Self.keyTable.resolve(key, ()) else { return .none }
        let keys = conflict.fields.map(\.key)
        switch action {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(keys.count - 1, selected + 1)
        case .toggle:
            guard keys.indices.contains(selected) else { return .none }
            let k = keys[selected]
            if theirs.contains(k) { theirs.remove(k) } else { theirs.insert(k) }
        case .keepMine: return .sequence([.back, resolve([], ctx)])
        case .takeTheirs: return .sequence([.back, resolve(Set(keys), ctx)])
        case .saveMerge: return .sequence([.back, resolve(theirs, ctx)])
        case .edit:
            backToEditing(ctx)
            return .back
        }
        return .none
    }

    private func shown(_ key: String, _ value: String, _ ctx: AppContext) -> String {
        if value.isEmpty { return ctx.t("（空）", "(empty)") }
        return kind.field(key)?.displayValue(value, ctx.lang) ?? value
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let w = min(area.width - 2, 100)
        let inner = w - 4
        var lines: [(String, CellStyle)] = []
        lines.append((ctx.t("\(conflict.id) 在你打开后已被他人修改（版本 \(conflict.expectedVersion) → \(conflict.currentVersion)）。以下字段双方都改了：",
                            "\(conflict.id) was changed by someone else after you opened it (version \(conflict.expectedVersion) → \(conflict.currentVersion)). Both changed:"), .bold))
        for (i, f) in conflict.fields.enumerated() {
            let label = kind.field(f.key)?.label(ctx.lang) ?? f.key
            let takeTheirs = theirs.contains(f.key)
            lines.append(((i == selected ? "> " : "  ") + label + "  " + (takeTheirs ? ctx.t("[用他人的]", "[theirs]") : ctx.t("[用我的]", "[mine]")),
                          i == selected ? .bold : .plain))
            for (n, l) in CaseFormat.wrap(ctx.t("我的：", "mine:   ") + shown(f.key, f.mine, ctx), width: inner - 4, indent: 0).enumerated() {
                lines.append(((n == 0 ? "    " : "      ") + l, takeTheirs ? .hint : .plain))
            }
            for (n, l) in CaseFormat.wrap(ctx.t("他人：", "theirs: ") + shown(f.key, f.theirs, ctx), width: inner - 4, indent: 0).enumerated() {
                lines.append(((n == 0 ? "    " : "      ") + l, takeTheirs ? .plain : .hint))
            }
        }
        lines.append((ctx.t("m 全用我的  t 全用他人的  空格 切换  Enter 按所选保存  Esc 返回修改",
                            "m keep mine  t take theirs  Space switch  Enter save as chosen  Esc back to editing"), .hint))
        let h = min(area.height, lines.count + 2)
        let box = area.centered(width: w, height: h)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: ctx.t("修改冲突", "Change conflict"))
        for (i, (l, style)) in lines.prefix(h - 2).enumerated() {
            grid.put(l, x: box.x + 2, y: box.y + 1 + i, style: style, maxWidth: inner)
        }
    }
}
