// A case's page in the TUI: its keys, lines and refusals.

extension Words {
    /// A case's page in the TUI: its keys, lines and refusals.
    public enum Detail {
        public static let partysCases = Words("当事人案件", "party's cases")
        public static let suitHasNoParty = Words("行政应诉案件没有当事人记录", "a suit records no party")
        public static func issueDocumentFor(_ id: String) -> Words { Words("出具文书 \(id)", "Issue a document for \(id)") }
        public static let docxFormat = Words("Word 文档（.docx）", "Word document (.docx)")
        public static let txtFormat = Words("纯文本（.txt）", "plain text (.txt)")
        public static func issued(_ title: Words, number: String, path: String) -> Words {
            Words("已出具\(title.zh) \(number)：\(path)", "issued \(title.en) \(number): \(path)")
        }
        public static let documents = Words("文书", "print")
        public static let noDocumentFits = Words("本案现在没有可出具的文书", "no document fits this case now")
        public static func alreadyExtended(_ days: Int) -> Words {
            Words("已延期一次（\(days) 天），按规定只能延期一次", "already extended once (\(days) days); only one extension is allowed")
        }
        public static func closedReopenFirst(_ id: String) -> Words {
            Words("\(id) 已结案；如需更改结果请先按 R 重新打开", "\(id) is closed; press R to reopen it first")
        }
        public static func alreadyVoided(_ id: String) -> Words { Words("\(id) 已作废", "\(id) is already voided") }
        public static func reopenTitle(_ id: String) -> Words { Words("重新打开 \(id)", "Reopen \(id)") }
        public static func voidTitle(_ id: String) -> Words { Words("作废 \(id)", "Void \(id)") }
        public static func voidConfirm(_ id: String) -> Words {
            Words("确定作废 \(id)？作废后不能再修改（可恢复）。", "Void \(id)? It can no longer be changed (it can be restored).")
        }
        public static func restoreTitle(_ id: String) -> Words { Words("恢复 \(id)", "Restore \(id)") }
        /// One extension of a petition.
        public static func extensionLine(days: Int, on day: String) -> Words {
            Words("延期 \(days) 天（\(day)）：", "extended \(days) days (\(day)): ")
        }
        public static func noCase(_ id: String) -> Words { Words("找不到案件 \(id)", "no case \(id)") }
        /// Which lines of a long page are shown.
        public static func lines(from: Int, to: Int, of total: Int) -> Words {
            Words("（\(from)-\(to)/\(total) 行，j/k 滚动）", "(lines \(from)-\(to) of \(total); j/k scroll)")
        }
        public static let linkedCases = Words("关联案件", "Linked cases")
        public static let followUp = Words("  回访 ", "  follow-up ")
        public static let linked = Words("  关联案件：", "  linked: ")
        public static let lOpens = Words("（按 l 打开）", " (l opens)")
        public static let voidReason = Words("  作废理由：", "  void reason: ")
        public static let history = Words("经过", "History")
        public static let cannotReadThisCaseS = Words("! 无法读取本案的内容：", "! cannot read this case's texts: ")
        public static let edit = Words("修改", "edit")
        public static let voidedCannotChange = Words("已作废的案件不能修改", "a voided case cannot be changed")
        public static let voidedTakesNoNotes = Words("已作废的案件不能添加备注", "a voided case takes no notes")
        public static let close = Words("结案", "close")
        public static let voidedCannotClose = Words("已作废的案件不能结案", "a voided case cannot be closed")
        public static let followUpsForMediations = Words("回访只适用于人民调解案件", "follow-ups are for mediations only")
        public static let followUpAfterClosing = Words("调解结案后才能登记回访", "record a follow-up after the mediation is closed")
        public static let extend = Words("延期", "extend")
        public static let extensionsForPetitions = Words("延期只适用于信访案件", "extensions are for petitions only")
        public static let onlyOpenPetitionsExtend = Words("只有办理中的信访件可以延期", "only an open petition can be extended")
        public static let reopen = Words("重新打开", "reopen")
        public static let onlyClosedReopen = Words("只有已结案的案件可以重新打开", "only a closed case can be reopened")
        public static let void = Words("作废", "void")
        public static let restore = Words("恢复作废", "restore")
        public static let onlyVoidedRestore = Words("只有已作废的案件可以恢复", "only a voided case can be restored")
        public static let noLinkedCase = Words("本案没有关联案件", "this case has no linked case")
        public static let scroll = Words("滚动", "scroll")
        public static let topBottom = Words("开头/末尾", "top/bottom")
        public static let reopenReason = Words("重新打开理由", "reason")
        public static let voidReasonField = Words("作废理由", "reason")
        public static let restoreReason = Words("恢复理由", "reason")
    }
}
