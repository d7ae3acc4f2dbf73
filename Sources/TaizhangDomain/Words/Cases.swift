// The words of case lists and of one case's page (the CLI's list and show, the TUI's queue and
// detail screen) and of the ledger exports' extra columns.

extension Words {
    /// Column titles and the lines of a case's page.
    public enum Cases {
        public static let id = Words("编号", "id")
        public static let kind = Words("类型", "kind")
        public static let status = Words("状态", "status")
        public static let outcome = Words("结果", "outcome")
        /// The parties (or the subject) shown in lists.
        public static let parties = Words("当事人/事项", "parties / subject")
        /// The category shown in lists (a kind's topic, category, form, …).
        public static let category = Words("类别", "category")
        public static let voidReason = Words("作废理由", "void reason")
        /// The case opened from this one.
        public static let linkedCase = Words("关联案件", "linked case")
        /// Later petitions that repeat this one.
        public static let repeatedBy = Words("重复信访", "repeated by")
        /// A follow-up visit.
        public static let followUp = Words("回访", "follow-up")
        /// Whether the agreement was honoured at a follow-up: `履行：是`.
        public static func performed(_ answer: Words) -> Words { Words("履行：\(answer.zh)", "performed: \(answer.en)") }
        /// The timeline's heading.
        public static let history = Words("经过：", "history:")
    }

    /// Headers of the ledger exports' columns that are not fields.
    public enum Exports {
        public static let followUps = Words("回访次数", "follow-ups")
        public static let lastFollowUp = Words("最近回访", "last follow-up")
        public static let extensionDays = Words("延期天数", "extension days")
        public static let notes = Words("备注", "notes")
        public static let repeatedBy = Words("重复信访件", "repeated by")
        public static let linkedCase = Words("转调解案件", "linked case")
        public static let createdBy = Words("登记人", "created by")
        public static let createdAt = Words("登记时间", "created at")
        public static let updatedAt = Words("最后修改", "updated at")
        /// Name of the workbook's first sheet.
        public static let noticeSheet = Words("说明", "notice")
        /// Second line of that sheet.
        public static let headersNote = Words("列名与字段键见各表首行；字段定义见 docs/metrics.md",
                                              "Headers are labels; field keys are defined in docs/metrics.md")
        /// The personal-data notice every export starts with.
        public static func notice(masked: Bool, year: Int, cases: Int, events: Int, head: String) -> Words {
            Words("本文件含个人信息（当事人姓名、联系方式、身份证号等），仅限工作使用，请妥善保管、勿外传；"
                    + (masked ? "联系电话与身份证号已部分遮盖。" : "联系电话与身份证号未遮盖。")
                    + "台账 \(year) 年，\(cases) 件，账本 \(events) 条记录，末行哈希 \(head)。",
                  "Contains personal data (names, phone and ID numbers of citizens): for official use only, keep it safe and do not pass it on; "
                    + (masked ? "phone and ID numbers are partly masked. " : "phone and ID numbers are NOT masked. ")
                    + "Ledger year \(year), \(cases) cases, \(events) events, head \(head).")
        }
    }
}
