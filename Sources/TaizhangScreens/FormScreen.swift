import TaizhangDomain
import TaizhangTerminalCore

/// An entry form: labelled fields, Tab between them, Ctrl-S or F2 saves, Esc asks before
/// discarding changes. A rejected save keeps everything typed and puts the caret on the field
/// the ledger named.
public final class FormScreen: Screen {
    /// Turns the form's values into a command and runs it; returns where to go next.
    public typealias Submit = (FormScreen, AppContext) throws -> ScreenAction

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

    public var capturesText: Bool { true }
    public var hasUnsavedChanges: Bool { fields.contains { $0.value != (initial[$0.key] ?? "") } }

    // MARK: - Keys

    public func keys(_ ctx: AppContext) -> [KeyHelp] {
        [
            KeyHelp("Tab/↓", ctx.t("下一项", "next")), KeyHelp("Shift-Tab/↑", ctx.t("上一项", "previous")),
            KeyHelp("Ctrl-S/F2", ctx.t("保存", "save")), KeyHelp("Esc", ctx.t("取消", "cancel")),
            KeyHelp("Enter", ctx.t("选择/下一项", "pick / next"), bar: false),
            KeyHelp("←/→", ctx.t("移动光标", "move caret"), bar: false),
            KeyHelp("Home/End Ctrl-A/E", ctx.t("行首/行尾", "start/end of line"), bar: false),
            KeyHelp("Backspace/Del", ctx.t("删除一个字", "delete a character"), bar: false),
            KeyHelp("Ctrl-U/Ctrl-K", ctx.t("删除至行首/行尾", "delete to start/end"), bar: false),
            KeyHelp("Ctrl-W", ctx.t("删除前一个词", "delete previous word"), bar: false),
        ]
    }

    public func handle(_ key: Key, _ ctx: AppContext) -> ScreenAction {
        guard !fields.isEmpty else { return .back }
        switch key {
        case .tab, .down:
            focus = (focus + 1) % fields.count
        case .backTab, .up:
            focus = (focus + fields.count - 1) % fields.count
        case .ctrl("s"), .function(2):
            return save(ctx)
        case .escape:
            if hasUnsavedChanges {
                return .push(ConfirmScreen(question: ctx.t("放弃已填写的内容？", "Discard what you typed?")) { _ in .back })
            }
            return .back
        case .enter:
            if fields[focus].isChoice { return pick(ctx, filter: "") }
            if case let .caseRef(kind) = fields[focus].spec.type { return pickCase(kind, ctx) }
            if focus < fields.count - 1 { focus += 1 }
        default:
            if fields[focus].isChoice {
                switch key {
                case .backspace, .delete, .ctrl("u"), .ctrl("k"):
                    fields[focus].choiceKey = nil
                    onChoice?(self, fields[focus].key)
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
        let items = f.spec.choices.map { PickItem(key: $0.key, label: $0.label(ctx.lang), extra: ctx.lang == .zh ? $0.key : $0.label.zh) }
        return .push(PickListScreen(title: f.spec.label(ctx.lang), items: items, filter: filter, selectedKey: f.choiceKey) { [weak self] item in
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
        return .push(PickListScreen(title: fields[index].spec.label(ctx.lang), items: items) { [weak self] item in
            guard let self else { return .none }
            self.fields[index].editor.text = item.key
            return .none
        })
    }

    /// Runs the submit closure; a rejection keeps the form and focuses the named field.
    func save(_ ctx: AppContext) -> ScreenAction {
        do {
            let next = try submit(self, ctx)
            error = nil
            initial = values
            return next
        } catch let e as ValidationError {
            error = e.message(ctx.lang)
            if let i = fields.firstIndex(where: { $0.key == e.field }) { focus = i }
        } catch {
            self.error = ctx.describe(error)
        }
        return .none
    }

    // MARK: - Drawing

    public func statusLine(_ ctx: AppContext) -> (text: String, style: CellStyle, caret: Int?)? {
        if let error { return ("! " + error, .alert, nil) }
        return nil
    }

    public func render(into grid: inout CellGrid, area: Rect, _ ctx: AppContext) {
        grid.put(title, x: area.x + 1, y: area.y, width: area.width - 2, style: .bold)
        let labelWidth = (fields.map { DisplayWidth.of($0.spec.label(ctx.lang)) }.max() ?? 8) + 2
        let valueX = area.x + 2 + labelWidth + 1
        let valueWidth = area.x + area.width - 2 - valueX
        let top = area.y + 2
        let visible = max(1, area.height - 4)
        if focus < scroll { scroll = focus }
        if focus >= scroll + visible { scroll = focus - visible + 1 }
        for n in 0..<min(visible, fields.count - scroll) {
            let i = scroll + n
            let y = top + n
            let f = fields[i]
            let focused = i == focus
            let mark = f.required ? "*" : " "
            grid.put(mark, x: area.x + 1, y: y, style: f.required ? .alert : .plain)
            grid.put(f.spec.label(ctx.lang), x: area.x + 2, y: y, width: labelWidth, style: focused ? .bold : .plain, ellipsis: false)
            if focused { grid.put(">", x: valueX - 2, y: y, style: .bold) }
            let style = focused ? CellStyle(underline: true) : CellStyle.plain
            if f.isChoice {
                let shown = f.display(ctx.lang)
                grid.fill(x: valueX, y: y, width: valueWidth, style: style)
                grid.put(shown.isEmpty ? ctx.t("（未选）", "(none)") : shown, x: valueX, y: y, style: shown.isEmpty ? .hint : style, maxWidth: valueWidth - 4)
                grid.put("▾", x: valueX + valueWidth - 2, y: y, style: .hint)
                if focused { grid.cursor = (valueX, y) }
            } else {
                let caretX = fields[i].editor.render(into: &grid, x: valueX, y: y, width: valueWidth, style: style)
                if focused { grid.cursor = (caretX, y) }
            }
        }
        if fields.count > visible {
            grid.put("\(focus + 1)/\(fields.count)", x: area.x + area.width - 8, y: area.y, width: 7, style: .hint)
        }
        let hint = (fields[focus].required ? ctx.t("必填。", "required. ") : "") + fields[focus].hint(ctx)
        grid.put(hint, x: area.x + 2, y: area.bottom - 1, width: area.width - 3, style: .hint)
    }
}
