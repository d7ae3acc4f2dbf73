import TaizhangDomain
import TaizhangTerminalCore

/// An entry form: labelled fields, Tab between them, Ctrl-S or F2 saves, Esc asks before
/// discarding changes. A rejected save keeps everything typed and puts the caret on the field
/// the ledger named.
public final class FormScreen: Screen {
    /// What saving the form asks for: a command for the app to perform (and where to go once
    /// it is written), or an action of its own (nothing changed; a question first).
    public enum Submission {
        /// Perform the command; `done` says what happens after it was written.
        case command(Command, done: (CommandResult, AppContext) -> ScreenAction)
        /// No command: do this (the form counts as saved).
        case action(ScreenAction)
        /// Not yet: do this first (a question), the form keeps its unsaved changes.
        case pending(ScreenAction)
    }

    /// Turns the form's values into a submission; throws a ``ValidationError`` for values
    /// rejected before any command is made.
    public typealias Submit = (FormScreen, AppContext) throws -> Submission

    /// Title line.
    public let title: String
    /// The fields, top to bottom.
    public private(set) var fields: [FormField]
    /// Index of the focused field.
    public private(set) var focus = 0
    /// The last rejection, shown until the next save.
    public private(set) var error: String?
    private var initial: [String: String]
    private let submit: Submit
    /// Called after a pick-list field changes (the close form shows the chosen outcome's fields).
    var onChoice: ((FormScreen, String) -> Void)?
    /// Called after the ledger rejected a save; may say what comes next (the edit form shows a
    /// change conflict).
    var onReject: ((FormScreen, any Error, AppContext) -> ScreenAction?)?
    /// The earlier cases of the party being entered (new petitions and mediations).
    var partyLookup: PartyLookup?
    /// What Enter does on a text field of this form's own (the screening form's villages list).
    var onEnter: [String: (FormScreen, Int, AppContext) -> ScreenAction] = [:]
    private var scroll = 0

    /// A form over `fields`.
    public init(title: String, fields: [FormField], submit: @escaping Submit) {
        self.title = title
        self.fields = fields
        self.submit = submit
        self.initial = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    /// Current values by key.
    public var values: [String: String] { Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }) }

    /// The value of field `key` ("" when absent).
    public func value(_ key: String) -> String { fields.first { $0.key == key }?.value ?? "" }

    /// Inputs for the fields whose value differs from the initial one.
    public var changedInputs: [FieldInput] {
        fields.filter { $0.value != (initial[$0.key] ?? "") }.map { FieldInput($0.key, $0.value) }
    }

    /// Inputs for every non-empty field.
    public var filledInputs: [FieldInput] {
        fields.filter { !$0.value.trimmingCharacters(in: .whitespaces).isEmpty }.map { FieldInput($0.key, $0.value) }
    }

    /// Replaces the fields after `index` (keeping what was typed into fields that stay).
    func setFields(after index: Int, _ tail: [FormField]) {
        let old = Dictionary(fields.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        fields = Array(fields[...index]) + tail.map { f in
            if let o = old[f.key], o.spec == f.spec { return o }
            return f
        }
        for f in tail where initial[f.key] == nil { initial[f.key] = f.value }
    }

    /// Sets the text of field `key` (a case id chosen from a list).
    func setValue(_ key: String, _ value: String) {
        if let i = fields.firstIndex(where: { $0.key == key && !$0.isChoice }) { fields[i].editor.text = value }
    }

    public var capturesText: Bool { true }
    public var hasUnsavedChanges: Bool { fields.contains { $0.value != (initial[$0.key] ?? "") } }

    // MARK: - Keys

    /// What the form's keys stand for.
    public enum Action: Sendable, Equatable {
        case next, previous, save, cancel, enter, clearChoice
        /// A line break in a long text.
        case newline
        /// Edit the long text in `$VISUAL` / `$EDITOR`.
        case externalEditor
        /// List the earlier cases of the party being entered.
        case earlierCases
        /// A key for the focused field: typed into a text field, or opens a pick list.
        case edit
    }

    /// What the key table looks at: the kind of the focused field.
    public struct KeyState: Sendable {
        /// The focused field is picked from a list.
        public var onChoice: Bool
        /// The focused field is a long text (wraps over several rows).
        public var onLongText: Bool = false
        /// The form has one field (a note, a reason): Enter saves it.
        public var single: Bool = false
        /// The form looks up the party's earlier cases.
        public var lookup = false
    }

    /// The form's keys. Printable keys go into the field, so `?` is text here (F1 is help).
    public static let keyTable = KeyTable<Action, KeyState>(
        title: "Forms (new case, edit, note, close, follow-up, extend, reason)",
        notes: """
        Fields marked `*` are required. Date fields take `2024-03-05`, `2024.3.5`, `3-5` (this year),
        `t` (today) or `y` (yesterday). Pasting works (bracketed paste): a multi-line paste stays in
        the field; outside long texts its line breaks become spaces. When the ledger
        rejects a save, the message names the field, the caret goes to it and everything typed stays.
        Long texts wrap by display width and the field grows to several rows; ↑ / ↓ move over its
        lines before moving to another field; a multi-line paste keeps its line breaks there. The
        pre-filled date is replaced by the first character typed (← / Backspace first to edit it).
        """,
        fallback: .edit, [
            KeyBinding([.tab, .down], "Tab/↓", .next, Words.Forms.next, doc: "next field", docKeys: "Tab / ↓"),
            KeyBinding([.backTab, .up], "Shift-Tab/↑", .previous, Words.Forms.previous, doc: "previous field", docKeys: "Shift-Tab / ↑"),
            KeyBinding([.ctrl("s"), .function(2)], "Ctrl-S/F2", .save, Words.Forms.save, doc: "save", docKeys: "Ctrl-S / F2"),
            KeyBinding([.escape], "Esc", .cancel, Words.Common.cancel, doc: "cancel (asks first when something was typed)"),
            KeyBinding([.enter], "Enter", .save, Words.Forms.save, bar: false,
                       doc: "in a one-field dialog (a note, a reason): save", docKeys: "Enter (one-field dialog)",
                       applies: { $0.single && !$0.onChoice }),
            KeyBinding([.enter, .ctrl("j")], "Enter/Ctrl-J", .newline, Words.Forms.newLine,
                       doc: "in a long text of a form (简要情况, 咨询内容, 解答意见, notes): a new line", docKeys: "Enter / Ctrl-J (long text)",
                       applies: { $0.onLongText && !$0.single }),
            KeyBinding([.ctrl("j")], "Ctrl-J", .newline, Words.Forms.newLine,
                       doc: "in a one-field dialog: a new line (Enter saves)", docKeys: "Ctrl-J (one-field dialog)",
                       applies: { $0.onLongText && $0.single }),
            KeyBinding([.ctrl("x")], "Ctrl-X", .externalEditor, Words.Forms.externalEditor,
                       doc: "edit the long text in `$VISUAL`, `$EDITOR`, `nano` or `vi`, and read it back", docKeys: "Ctrl-X (long text)",
                       applies: { $0.onLongText }),
            KeyBinding([.function(3)], "F3", .earlierCases, Words.Forms.earlierCases, bar: false, doc: "new petition or mediation: list the party's earlier cases (by ID number, phone or name; likely repeats first); Enter on an earlier petition sets `repeat_of`", applies: { $0.lookup }),
            KeyBinding([.enter], "Enter", .enter, Words.Forms.pickNext, bar: false,
                       doc: "next field; on a pick-list field (marked ▾) open the list; on a case-id field (`repeat_of`, `from_case`) pick from the ledger's cases of that kind; on `screening` pick from the screening rounds"),
            KeyBinding([], Words.Common.typeWord, .edit, Words.Forms.onAPickListField, bar: false,
                       doc: "open the list filtered by what you type", docKeys: "typing on a pick-list field",
                       applies: { $0.onChoice }),
            KeyBinding([.backspace, .delete, .ctrl("u"), .ctrl("k")], "Backspace", .clearChoice, Words.Forms.clearTheChoice, bar: false,
                       doc: "clear the choice", docKeys: "Backspace on a pick-list field", applies: { $0.onChoice }),
            KeyBinding([.left, .right, .ctrl("b"), .ctrl("f")], "←/→", .edit, Words.Forms.moveCaret, bar: false,
                       doc: "move the caret one character (a Chinese character is one step)", docKeys: "← / →", applies: { !$0.onChoice }),
            KeyBinding([.home, .end, .ctrl("a"), .ctrl("e")], "Home/End Ctrl-A/E", .edit, Words.Forms.startEndOfLine, bar: false,
                       doc: "start / end of the line", docKeys: "Home / End, Ctrl-A / Ctrl-E", applies: { !$0.onChoice }),
            KeyBinding([.backspace, .delete, .ctrl("h"), .ctrl("d")], "Backspace/Del", .edit, Words.Forms.deleteACharacter, bar: false,
                       doc: "delete one character before / under the caret", docKeys: "Backspace / Delete", applies: { !$0.onChoice }),
            KeyBinding([.ctrl("u"), .ctrl("k")], "Ctrl-U/Ctrl-K", .edit, Words.Forms.deleteToStartEnd, bar: false,
                       doc: "delete to the start / end of the line", docKeys: "Ctrl-U / Ctrl-K", applies: { !$0.onChoice }),
            KeyBinding([.ctrl("w")], "Ctrl-W", .edit, Words.Forms.deletePreviousWord, bar: false,
                       doc: "delete the word before the caret", applies: { !$0.onChoice }),
        ])

    private var keyState: KeyState {
        guard !fields.isEmpty else { return KeyState(onChoice: false) }
        return KeyState(onChoice: fields[focus].isChoice, onLongText: fields[focus].isLong, single: fields.count == 1,
                        lookup: partyLookup != nil)
    }

    /// Ctrl-J is a line break here (the focused field is a long text), not Enter.
    public var takesLineFeed: Bool { !fields.isEmpty && fields[focus].isLong }

    public func bar(_ ctx: AppContext) -> [KeyHelp] { Self.keyTable.bar(keyState, ctx.lang) }
    public func help(_ ctx: AppContext) -> [HelpLine] { Self.keyTable.help(keyState, ctx.lang) }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard !fields.isEmpty else { return .back }
        switch Self.keyTable.resolve(key, keyState) {
        case let .run(action): return run(action, key, ctx)
        case let .refused(why): ctx.fail(why(ctx.lang)); return .none
        case .unbound: return .none
        }
    }

    private func run(_ action: Action, _ key: Key, _ ctx: AppContext) -> ScreenAction {
        switch action {
        case .next:
            if key == .down, fields[focus].editor.moveVertically(1) { return .none }
            focus = (focus + 1) % fields.count
        case .previous:
            if key == .up, fields[focus].editor.moveVertically(-1) { return .none }
            focus = (focus + fields.count - 1) % fields.count
        case .newline:
            fields[focus].editor.replacesOnType = false
            fields[focus].editor.insert("\n")
        case .externalEditor:
            let index = focus
            return .editText(fields[index].value) { [weak self] result, _ in
                if case let .success(text) = result, let self, self.fields.indices.contains(index) {
                    self.fields[index].editor.text = text
                }
                return .none
            }
        case .save:
            return save(ctx)
        case .cancel:
            if hasUnsavedChanges {
                return .push(ConfirmScreen(question: Words.Forms.discardWhatYouTyped[ctx.lang]) { _ in .back })
            }
            return .back
        case .enter:
            if fields[focus].isChoice { return pick(ctx, filter: "") }
            if case let .caseRef(kind) = fields[focus].spec.type { return pickCase(kind, ctx) }
            if case .screeningRef = fields[focus].spec.type { return pickScreening(ctx) }
            if let custom = onEnter[fields[focus].key] { return custom(self, focus, ctx) }
            if focus < fields.count - 1 { focus += 1 }
        case .earlierCases:
            return partyLookup?.show(self, ctx) ?? .none
        case .clearChoice:
            fields[focus].choiceKey = nil
            onChoice?(self, fields[focus].key)
        case .edit:
            if fields[focus].isChoice {
                switch key {
                case let .char(c):
                    return pick(ctx, filter: c == " " ? "" : String(c))
                case let .paste(text):
                    return pick(ctx, filter: text.trimmingCharacters(in: .whitespacesAndNewlines))
                default:
                    break
                }
            } else {
                _ = fields[focus].editor.handle(key)
            }
        }
        return .none
    }

    /// Opens the pick list for the focused choice field.
    private func pick(_ ctx: AppContext, filter: String) -> ScreenAction {
        let index = focus
        let f = fields[index]
        let items = f.spec.choices.map { PickItem(key: $0.key, label: $0.label[ctx.lang], extra: ctx.lang == .zh ? $0.key : $0.label.zh) }
        return .push(PickListScreen(title: f.spec.label[ctx.lang], items: items, filter: filter, selectedKey: f.choiceKey) { [weak self] item in
            guard let self else { return .none }
            self.fields[index].choiceKey = item.key
            self.onChoice?(self, self.fields[index].key)
            if index < self.fields.count - 1 { self.focus = index + 1 }
            return .none
        })
    }

    /// Opens a pick list of the ledger's cases of `kind` (newest first) for a case-id field.
    private func pickCase(_ kind: CaseKind, _ ctx: AppContext) -> ScreenAction {
        let index = focus
        let cases = ctx.state.query(CaseFilter(status: nil, kind: kind), sort: .date).filter { $0.status != .voided }
        let items = cases.map { PickItem(key: $0.id.description, label: "\($0.id)  \($0["date"])  \($0.headline)") }
        return .push(PickListScreen(title: fields[index].spec.label[ctx.lang], items: items) { [weak self] item in
            guard let self else { return .none }
            self.fields[index].editor.text = item.key
            return .none
        })
    }

    /// Opens a pick list of the ledger's screening rounds (newest first) for a `screening` field.
    private func pickScreening(_ ctx: AppContext) -> ScreenAction {
        let index = focus
        let rounds = ctx.state.screenings.sorted { ($0.date, $0.ordinal) > ($1.date, $1.ordinal) }
        guard !rounds.isEmpty else { ctx.fail(Words.Screening.noRounds[ctx.lang]); return .none }
        let items = rounds.map { r in
            PickItem(key: r.id, label: "\(r.id)  " + Words.Screening.summary(villages: r.villages.joined(separator: "、"), found: r.found)[ctx.lang])
        }
        return .push(PickListScreen(title: fields[index].spec.label[ctx.lang], items: items, selectedKey: fields[index].editor.text) { [weak self] item in
            guard let self else { return .none }
            self.fields[index].editor.text = item.key
            return .none
        })
    }

    /// Sets the text of the field at `index` (a custom Enter's pick).
    func setText(at index: Int, _ text: String) {
        guard fields.indices.contains(index) else { return }
        fields[index].editor.text = text
    }

    /// Runs the submit closure: its command goes to the app, whose result comes back here; a
    /// rejection keeps the form and focuses the named field.
    func save(_ ctx: AppContext) -> ScreenAction {
        do {
            switch try submit(self, ctx) {
            case let .action(next):
                accept()
                return next
            case let .pending(next):
                error = nil
                return next
            case let .command(command, done):
                return .perform(command) { [weak self] result, ctx in
                    switch result {
                    case let .success(written):
                        self?.accept()
                        return done(written, ctx)
                    case let .failure(error):
                        guard let self else { return .none }
                        self.reject(error, ctx)
                        return self.onReject?(self, error, ctx) ?? .none
                    }
                }
            }
        } catch {
            reject(error, ctx)
        }
        return .none
    }

    /// Puts the form on top of `stored` (the case as it is now): fields not changed in the form,
    /// and those in `taking`, take the stored value; the others keep what was typed, and count
    /// as changes against the stored values.
    func rebase(onto stored: [String: String], taking: Set<String>) {
        for i in fields.indices {
            let k = fields[i].key
            let now = stored[k] ?? ""
            if fields[i].value == (initial[k] ?? "") || taking.contains(k) {
                if fields[i].isChoice { fields[i].choiceKey = now.isEmpty ? nil : now } else { fields[i].editor.text = now }
            }
            initial[k] = now
        }
        error = nil
    }

    /// The values are saved: nothing unsaved any more.
    private func accept() {
        error = nil
        initial = values
    }

    /// Shows why a save was rejected and focuses the field the ledger named.
    func reject(_ error: any Error, _ ctx: AppContext) {
        if let e = error as? ValidationError {
            self.error = e.message(ctx.lang)
            if let i = fields.firstIndex(where: { $0.key == e.field }) { focus = i }
        } else {
            self.error = ctx.describe(error)
        }
    }

    // MARK: - Drawing

    public func statusLine(_ ctx: AppContext) -> (text: String, style: CellStyle, caret: Int?)? {
        if let error { return ("! " + error, .alert, nil) }
        if let notice = partyLookup?.notice(self, ctx) { return (notice, .alert, nil) }
        return nil
    }

    /// Where the values go: their column and width.
    private func valueColumn(_ area: Rect, _ ctx: AppContext) -> (labelWidth: Int, x: Int, width: Int) {
        let labelWidth = (fields.map { DisplayWidth.of($0.spec.label[ctx.lang]) }.max() ?? 8) + 2
        let valueX = area.x + 2 + labelWidth + 1
        return (labelWidth, valueX, area.x + area.width - 2 - valueX)
    }

    /// Most rows a long text takes: several in a form, most of the screen in a one-field dialog.
    private func maxRows(_ area: Rect) -> Int { fields.count == 1 ? max(1, area.height - 5) : 6 }

    /// Rows each field takes at this width.
    private func heights(_ area: Rect, _ ctx: AppContext) -> [Int] {
        let width = valueColumn(area, ctx).width
        return fields.map { $0.isLong ? $0.editor.height(width: width, maxRows: maxRows(area)) : 1 }
    }

    /// The first field shown: the kept one, moved as little as needed for the focused field to
    /// be shown whole in `visible` rows.
    private static func firstShown(scroll: Int, focus: Int, heights: [Int], visible: Int) -> Int {
        var first = min(scroll, focus)
        while first < focus, heights[first...focus].reduce(0, +) > visible { first += 1 }
        return first
    }

    public func layout(_ area: Rect, _ ctx: AppContext) {
        // The party look-up's index, built while the officer types the first fields.
        if partyLookup != nil { ctx.preparePeople() }
        guard !fields.isEmpty else { return }
        let visible = max(1, area.height - 4)
        let width = valueColumn(area, ctx).width
        let h = heights(area, ctx)
        scroll = Self.firstShown(scroll: scroll, focus: focus, heights: h, visible: visible)
        for i in fields.indices where !fields[i].isChoice {
            if fields[i].isLong { fields[i].editor.layout(width: width, height: h[i]) } else { fields[i].editor.layout(width: width) }
        }
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        grid.put(title, x: area.x + 1, y: area.y, width: area.width - 2, style: .bold)
        guard !fields.isEmpty else { return }
        let (labelWidth, valueX, valueWidth) = valueColumn(area, ctx)
        let top = area.y + 2
        let visible = max(1, area.height - 4)
        let h = heights(area, ctx)
        let scroll = Self.firstShown(scroll: self.scroll, focus: focus, heights: h, visible: visible)
        var y = top
        var shownAll = true
        for i in scroll..<fields.count {
            if y + h[i] > top + visible { shownAll = false; break }
            defer { y += h[i] }
            let f = fields[i]
            let focused = i == focus
            let mark = f.required ? "*" : " "
            grid.put(mark, x: area.x + 1, y: y, style: f.required ? .alert : .plain)
            grid.put(f.spec.label[ctx.lang], x: area.x + 2, y: y, width: labelWidth, style: focused ? .bold : .plain, ellipsis: false)
            if focused { grid.put(">", x: valueX - 2, y: y, style: .bold) }
            let style = focused ? CellStyle(underline: true) : CellStyle.plain
            if f.isChoice {
                let shown = f.display(ctx.lang)
                grid.fill(x: valueX, y: y, width: valueWidth, style: style)
                grid.put(shown.isEmpty ? Words.Forms.noneWord[ctx.lang] : shown, x: valueX, y: y, style: shown.isEmpty ? .hint : style, maxWidth: valueWidth - 4)
                grid.put("▾", x: valueX + valueWidth - 2, y: y, style: .hint)
                if focused { grid.cursor = (valueX, y) }
            } else if f.isLong {
                let caret = f.editor.render(into: &grid, x: valueX, y: y, width: valueWidth, height: h[i], style: style)
                if focused { grid.cursor = caret }
            } else {
                let caretX = f.editor.render(into: &grid, x: valueX, y: y, width: valueWidth, style: style)
                if focused { grid.cursor = (caretX, y) }
            }
        }
        if scroll > 0 || !shownAll {
            grid.put("\(focus + 1)/\(fields.count)", x: area.x + area.width - 8, y: area.y, width: 7, style: .hint)
        }
        var fieldHint = fields[focus].hint(ctx)
        if fields[focus].isLong {
            fieldHint = (fields.count == 1 ? Words.Forms.longTextDialogHint : Words.Forms.longTextFormHint)[ctx.lang]
        }
        let hint = (fields[focus].required ? Words.Forms.required[ctx.lang] : "") + fieldHint
        grid.put(hint, x: area.x + 2, y: area.bottom - 1, width: area.width - 3, style: .hint)
    }
}
