// The TUI's forms: their titles, field labels, hints and outcomes.

extension Words {
    /// The TUI's forms: their titles, field labels, hints and outcomes.
    public enum Forms {
        public static let earlierCases = Words("在先案件", "earlier cases")
        public static func savedAs(_ id: String) -> Words { Words("已登记 \(id)", "saved as \(id)") }
        public static func saved(_ id: String) -> Words { Words("已保存 \(id)", "saved \(id)") }
        public static func closedOpening(_ id: String) -> Words { Words("已结案；已转调解 \(id)", "closed; opened mediation \(id)") }
        public static func closedCase(_ id: String) -> Words { Words("已结案 \(id)", "closed \(id)") }
        /// The hint of a field holding another case's id.
        public static func caseRefHint(_ prefix: String) -> Words {
            Words("案件编号，如 \(prefix)-2024-0001；Enter 从列表选择", "case id, e.g. \(prefix)-2024-0001; Enter picks from a list")
        }
        /// The hint of a field holding a screening round's id.
        public static let screeningRefHint = Words("排查轮次，如 2024-03-05/1（仅主动排查）；Enter 从列表选择",
                                                   "screening round, e.g. 2024-03-05/1 (source initiative only); Enter picks from a list")
        public static let discardWhatYouTyped = Words("放弃已填写的内容？", "Discard what you typed?")
        public static let noneWord = Words("（未选）", "(none)")
        public static let required = Words("必填。", "required. ")
        public static let next = Words("下一项", "next")
        public static let previous = Words("上一项", "previous")
        public static let save = Words("保存", "save")
        public static let pickNext = Words("选择/下一项", "pick / next")
        public static let onAPickListField = Words("在选择项上：按输入筛选列表", "on a pick-list field: open the list filtered")
        public static let clearTheChoice = Words("清除选择", "clear the choice")
        public static let moveCaret = Words("移动光标", "move caret")
        public static let startEndOfLine = Words("行首/行尾", "start/end of line")
        public static let deleteACharacter = Words("删除一个字", "delete a character")
        public static let deleteToStartEnd = Words("删除至行首/行尾", "delete to start/end")
        public static let deletePreviousWord = Words("删除前一个词", "delete previous word")
        public static let newWord = Words("新建", "New ")
        public static let edit = Words("修改 ", "Edit ")
        public static let nothingChanged = Words("没有修改", "nothing changed")
        public static let noteOn = Words("备注 ", "Note on ")
        public static let noteAdded = Words("已添加备注", "note added")
        public static let close = Words("结案 ", "Close ")
        public static let followUpOf = Words("回访 ", "Follow-up of ")
        public static let followUpRecorded = Words("已登记回访", "follow-up recorded")
        public static let extend = Words("延期 ", "Extend ")
        public static let extended = Words("已延期", "extended")
        public static let outcome = Words("结案结果", "outcome")
        public static let followUpDate = Words("回访日期", "date")
        public static let performed = Words("履行情况", "performed")
        public static let extensionDays = Words("延期天数", "days")
        public static let extensionReason = Words("延期理由", "reason")
        public static let extendedOn = Words("延期日期", "extended on")
        public static let dateHint = Words("日期：2024-03-05、2024.3.5、3-5（今年）、t（今天）、y（昨天）；输入即替换",
                                           "date: 2024-03-05, 2024.3.5, 3-5 (this year), t (today), y (yesterday); typing replaces it")
        public static let choiceHint = Words("Enter 或直接输入以选择（汉字、拼音首字母或代码）；Backspace 清除", "Enter or type to pick (label, pinyin initials or key); Backspace clears")
        public static let amountHint = Words("金额（元），如 12000 或 3500.50", "amount in yuan, e.g. 12000 or 3500.50")
        public static let countHint = Words("人数（整数）", "a whole number")
        public static let daysHint = Words("天数（1 至 \(Schema.petitionMaximumExtension) 的整数）", "days (a whole number from 1 to \(Schema.petitionMaximumExtension))")
        public static let phoneHint = Words("电话号码", "phone number")
        public static let idNumberHint = Words("18 位身份证号", "18-character ID number")
        public static let textHint = Words("可粘贴；Ctrl-A/E 行首/行尾，Ctrl-U/K 删除至行首/行尾", "paste works; Ctrl-A/E start/end, Ctrl-U/K delete to start/end")
        public static let longTextHint = Words("自动换行；Ctrl-J 换行，Ctrl-X 用外部编辑器（$EDITOR）；可粘贴多行", "wraps; Ctrl-J new line, Ctrl-X opens $EDITOR; multi-line paste works")
        public static let longTextDialogHint = Words("Enter 保存，Ctrl-J 换行，Ctrl-X 用外部编辑器；自动换行，可粘贴多行", "Enter saves, Ctrl-J new line, Ctrl-X opens $EDITOR; wraps; multi-line paste works")
        public static let longTextFormHint = Words("Enter 换行，Ctrl-X 用外部编辑器；自动换行，可粘贴多行；Ctrl-S 保存", "Enter new line, Ctrl-X opens $EDITOR; wraps; multi-line paste works; Ctrl-S saves")
        public static let newLine = Words("换行", "new line")
        public static let externalEditor = Words("外部编辑器", "editor")
    }
}
