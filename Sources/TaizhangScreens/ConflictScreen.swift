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
            KeyBinding([(.up, .up), (.down, .down), (.char("k"), .up), (.char("j"), .down)], "↑/↓", Words.Conflict.chooseField,
                       bar: false, doc: "choose a field", docKeys: "↑ / ↓, `k` / `j`"),
            KeyBinding([.char(" "), .left, .right], "Space", .toggle, Words.Conflict.mineOrTheirs,
                       doc: "switch the chosen field between my value and the other's", docKeys: "Space / ← / →"),
            KeyBinding([.char("m")], "m", .keepMine, Words.Conflict.keepMine, doc: "keep my values and save", docKeys: "`m`"),
            KeyBinding([.char("t")], "t", .takeTheirs, Words.Conflict.takeTheirs, doc: "take the other values and save the rest", docKeys: "`t`"),
            KeyBinding([.enter, .ctrl("s"), .function(2)], "Enter", .saveMerge, Words.Conflict.saveAsChosen,
                       doc: "save with each field as chosen (merge field by field)", docKeys: "Enter / Ctrl-S / F2"),
            KeyBinding([.escape, .char("e")], "Esc", .edit, Words.Conflict.backToEditing,
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
        if value.isEmpty { return Words.Conflict.empty[ctx.lang] }
        return kind.field(key)?.displayValue(value, ctx.lang) ?? value
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        let w = min(area.width - 2, 100)
        let inner = w - 4
        var lines: [(String, CellStyle)] = []
        lines.append((Words.Conflict.changedMeanwhile(conflict.id.description, from: conflict.expectedVersion, to: conflict.currentVersion)[ctx.lang], .bold))
        for (i, f) in conflict.fields.enumerated() {
            let label = kind.field(f.key)?.label[ctx.lang] ?? f.key
            let takeTheirs = theirs.contains(f.key)
            lines.append(((i == selected ? "> " : "  ") + label + "  " + (takeTheirs ? Words.Conflict.useTheirs[ctx.lang] : Words.Conflict.useMine[ctx.lang]),
                          i == selected ? .bold : .plain))
            for (n, l) in CaseFormat.wrap(Words.Conflict.mine[ctx.lang] + shown(f.key, f.mine, ctx), width: inner - 4, indent: 0).enumerated() {
                lines.append(((n == 0 ? "    " : "      ") + l, takeTheirs ? .hint : .plain))
            }
            for (n, l) in CaseFormat.wrap(Words.Conflict.theirs[ctx.lang] + shown(f.key, f.theirs, ctx), width: inner - 4, indent: 0).enumerated() {
                lines.append(((n == 0 ? "    " : "      ") + l, takeTheirs ? .plain : .hint))
            }
        }
        lines.append((Words.Conflict.keys[ctx.lang], .hint))
        let h = min(area.height, lines.count + 2)
        let box = area.centered(width: w, height: h)
        grid.box(x: box.x, y: box.y, width: box.width, height: box.height, title: Words.Conflict.title[ctx.lang])
        for (i, (l, style)) in lines.prefix(h - 2).enumerated() {
            grid.put(l, x: box.x + 2, y: box.y + 1 + i, style: style, maxWidth: inner)
        }
    }
}
