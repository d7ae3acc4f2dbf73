import TaizhangDomain
import TaizhangTerminalCore

/// One field of a form: a line editor for text, a chosen key for pick-list fields.
public struct FormField {
    /// The field key the command takes.
    public var key: String
    /// What it holds (type and allowed values).
    public var spec: FieldSpec
    /// Marked with `*`; the domain decides what is really required.
    public var required: Bool
    /// The text typed (text fields).
    public var editor: LineEditor
    /// The chosen value's key (pick-list fields).
    public var choiceKey: String?

    /// A field holding `value`.
    public init(_ spec: FieldSpec, value: String = "", required: Bool? = nil) {
        self.key = spec.key
        self.spec = spec
        self.required = required ?? spec.required
        self.editor = LineEditor(spec.choices.isEmpty ? value : "", multiline: FormField.isLong(spec))
        self.choiceKey = spec.choices.isEmpty || value.isEmpty ? nil : value
        if case .date = spec.type, !value.isEmpty { editor.replacesOnType = true }
    }

    /// Long texts (summaries, questions, opinions, notes, reasons) wrap over several rows.
    static func isLong(_ spec: FieldSpec) -> Bool {
        if case .longText = spec.type { return true }
        return false
    }

    /// Whether the field wraps over several rows.
    public var isLong: Bool { FormField.isLong(spec) }

    /// Whether the value is picked from a list.
    public var isChoice: Bool { !spec.choices.isEmpty }

    /// The value to hand to the command (choice key or text as typed).
    public var value: String { isChoice ? (choiceKey ?? "") : editor.text }

    /// The value as shown.
    public func display(_ lang: Language) -> String {
        guard isChoice else { return editor.text }
        guard let k = choiceKey else { return "" }
        return spec.displayValue(k, lang)
    }

    /// The typing hint for this field.
    func hint(_ ctx: AppContext) -> String {
        switch spec.type {
        case .date: return ctx.t("日期：2024-03-05、2024.3.5、2024/3/5、2024年3月5日、3-5 或 3.5（今年）、t（今天）、y（昨天）；输入即替换原值",
                                 "date: 2024-03-05, 2024.3.5, 2024/3/5, 3-5 or 3.5 (this year), t (today), y (yesterday); typing replaces the value")
        case .choice, .yesNo: return ctx.t("Enter 或直接输入以选择（汉字、拼音首字母或代码）；Backspace 清除", "Enter or type to pick (label, pinyin initials or key); Backspace clears")
        case .amount: return ctx.t("金额（元），如 12000 或 3500.50", "amount in yuan, e.g. 12000 or 3500.50")
        case .count:
            if key == "days" { return ctx.t("天数（1 至 \(Schema.petitionMaximumExtension) 的整数）", "days (a whole number from 1 to \(Schema.petitionMaximumExtension))") }
            return ctx.t("人数（整数）", "a whole number")
        case .phone: return ctx.t("电话号码", "phone number")
        case .idNumber: return ctx.t("18 位身份证号", "18-character ID number")
        case let .caseRef(k): return ctx.t("案件编号，如 \(k.prefix)-2024-0001；Enter 从列表选择", "case id, e.g. \(k.prefix)-2024-0001; Enter picks from a list")
        case .text: return ctx.t("可粘贴；Ctrl-A/E 行首/行尾，Ctrl-U/K 删除至行首/行尾", "paste works; Ctrl-A/E start/end, Ctrl-U/K delete to start/end")
        case .longText: return ctx.t("自动换行；Ctrl-J 换行，Ctrl-X 用外部编辑器（$EDITOR）；可粘贴多行", "wraps; Ctrl-J new line, Ctrl-X opens $EDITOR; multi-line paste works")
        }
    }
}
