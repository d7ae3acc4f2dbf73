// The words of dispute screening (矛盾纠纷排查): the rounds, their form and their listing.

extension Words {
    /// Rounds of dispute screening: the form's fields, what a round says in a list, the
    /// confirmation after recording one.
    public enum Screening {
        /// The form's title.
        public static let formTitle = Words("登记排查", "Record a screening round")
        /// Field: the round's date.
        public static let date = Words("排查日期", "date of the round")
        /// Field: villages and communities covered.
        public static let villages = Words("排查村/社区", "villages covered")
        /// Field: disputes found.
        public static let found = Words("发现纠纷数", "disputes found")
        /// Hint of the villages field.
        public static let villagesHint = Words("多个用逗号或顿号分隔；Enter 从本台账的村/社区中选择添加",
                                               "several separated by commas; Enter adds one from the ledger's villages")
        /// Hint of the found field.
        public static let foundHint = Words("整数，0 即零报告", "a whole number; 0 is a zero report")
        /// Title of the villages pick list.
        public static let pickVillage = Words("添加村/社区", "Add a village")
        /// A round that found nothing.
        public static let zeroReport = Words("零报告", "zero report")
        /// A round that found `n` disputes.
        public static func found(_ n: Int) -> Words { Words("发现 \(n) 件", "\(n) found") }
        /// A round in a line: its villages and what it found.
        public static func summary(villages: String, found n: Int) -> Words {
            n == 0 ? Words("\(villages)，零报告", "\(villages), zero report") : Words("\(villages)，发现 \(n) 件", "\(villages), \(n) found")
        }
        /// The mediations entered from a round.
        public static func linked(_ ids: String) -> Words { Words("已关联调解：\(ids)", "mediations: \(ids)") }
        /// More mediations name a round than it found.
        public static func overLinked(linked: Int, found: Int) -> Words {
            Words("！关联调解 \(linked) 件，多于发现数 \(found) 件", "! \(linked) mediations name it, more than the \(found) found")
        }
        /// The count line under the list.
        public static func rounds(_ n: Int) -> Words { Words("共 \(n) 次", "\(n) round(s)") }
        /// Said after a round is recorded.
        public static func recorded(_ id: String, _ summary: String) -> Words {
            Words("已登记排查 \(id)：\(summary)", "recorded screening round \(id): \(summary)")
        }
        /// A round named by a mediation that the ledger does not hold.
        public static let unknownRound = Words("（无此排查记录）", "(no such round)")
        /// A pick list with no rounds to offer.
        public static let noRounds = Words("尚未登记排查（在列表按 S 登记）", "no screening rounds yet (S on the queue records one)")
    }
}
