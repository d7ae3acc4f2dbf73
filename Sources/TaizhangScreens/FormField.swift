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
    /// A hint of the field's own, instead of its type's.
    public var customHint: Words?

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
        if let customHint { return customHint[ctx.lang] }
        switch spec.type {
        case .date: return Words.Forms.dateHint[ctx.lang]
        case .choice, .yesNo: return Words.Forms.choiceHint[ctx.lang]
        case .amount: return Words.Forms.amountHint[ctx.lang]
        case .count: return (key == "days" ? Words.Forms.daysHint : Words.Forms.countHint)[ctx.lang]
        case .phone: return Words.Forms.phoneHint[ctx.lang]
        case .idNumber: return Words.Forms.idNumberHint[ctx.lang]
        case let .caseRef(k): return Words.Forms.caseRefHint(k.prefix)[ctx.lang]
        case .screeningRef: return Words.Forms.screeningRefHint[ctx.lang]
        case .text: return Words.Forms.textHint[ctx.lang]
        case .longText: return Words.Forms.longTextHint[ctx.lang]
        }
    }
}
