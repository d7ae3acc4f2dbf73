// The words of deadlines: the clocks' names and what a clock says on a given day.

extension Words {
    /// Deadlines: names of the clocks, the short notes of the case lists (`超期3天`) and the
    /// longer ones of a case's own page (`已于 2024-03-05 办理`).
    public enum Clocks {
        /// Petition: decide acceptance within 15 days.
        public static let acceptanceDue = Words("受理告知期限", "acceptance due")
        /// Petition: handle within 60 days of acceptance.
        public static let handlingDue = Words("办理期限", "handling due")
        /// Mediation: 30-day guideline.
        public static let mediationGuideline = Words("调解指导期限", "mediation guideline")
        public static let noticeDue = Words("书面告知期限", "written notice due")
        public static let confirmationWindow = Words("司法确认申请期限", "confirmation window")
        /// Suit: the hearing.
        public static let hearing = Words("开庭日期", "hearing")
        /// A list column and export header: the current deadline.
        public static let deadline = Words("期限", "deadline")
        /// A count, column or flag of cases that missed a binding deadline.
        public static let overdue = Words("超期", "overdue")
        /// The line under a case's clocks when it is overdue.
        public static let caseOverdue = Words("！已超期", "! overdue")

        // Short notes, for list columns.

        /// A binding deadline missed `n` days ago, case still open.
        public static func daysOver(_ n: Int) -> Words { Words("超期\(n)天", "\(n)d over") }
        /// A guideline or hearing day `n` days past, case still open.
        public static func daysPast(_ n: Int) -> Words { Words("已过\(n)天", "\(n)d past") }
        /// `n` days left.
        public static func daysLeft(_ n: Int) -> Words { Words("剩\(n)天", "\(n)d left") }
        /// A petition's written notice, `n` days left to issue it.
        public static func noticeLeft(_ n: Int) -> Words { Words("告知剩\(n)天", "notice \(n)d") }
        /// A written agreement's window for judicial confirmation, `n` days left.
        public static func confirmationLeft(_ n: Int) -> Words { Words("确认剩\(n)天", "confirm \(n)d") }
        /// A closed case finished after its binding deadline.
        public static let closedLate = Words("超期办结", "late")

        // Long notes, for one clock on a case's page.

        /// The step was done on `day`, in time.
        public static func doneOn(_ day: String) -> Words { Words("已于 \(day) 办理", "done \(day)") }
        /// The step was done on `day`, after the deadline.
        public static func doneLate(_ day: String) -> Words { Words("已于 \(day) 办理（逾期）", "done \(day) (late)") }
        /// The day passed `n` days ago.
        public static func daysAgo(_ n: Int) -> Words { Words("已过 \(n) 天", "\(n) days ago") }
        /// `n` days left.
        public static func daysToGo(_ n: Int) -> Words { Words("剩 \(n) 天", "\(n) days left") }
    }
}
