// The words of the year-end figures (the report, its exports and the year-end screen).

extension Words {
    /// Labels of the year-end figures. Figures that count an outcome, a status or a field use
    /// those groups' words (`Outcomes.failed`, `Statuses.open`, `Fields.headAppeared`).
    public enum Figures {
        public static let total = Words("总数", "total")
        public static let answeredOrGuided = Words("解答或引导诉讼", "answered or guided to litigation")
        public static let resolved = Words("调解成功（化解）", "resolved")
        public static let failedToLitigation = Words("调解不成引导诉讼", "failed, guided to litigation")
        public static let resolutionRate = Words("化解率", "resolution rate")
        public static let closedLoop = Words("闭环管理", "closed loop")
        public static let closedLoopRate = Words("闭环率", "closed-loop rate")
        public static let written = Words("书面协议", "written agreements")
        public static let oral = Words("口头协议", "oral agreements")
        public static let amount = Words("涉及金额（元）", "amount (yuan)")
        public static let groupVisits = Words("集体访", "group visits")
        public static let finished = Words("办结", "finished")
        public static let conclusionRate = Words("信访办结率", "conclusion rate")
        public static let firstVisits = Words("初访", "first visits")
        public static let cameBack = Words("初访回流", "came back")
        public static let returnRate = Words("初访回流率", "return rate")
        public static let repeats = Words("重复信访", "repeat petitions")
        public static let repeatRate = Words("重复信访率", "repeat rate")
        public static let heard = Words("已开庭（应出庭）", "heard")
        public static let appearanceRate = Words("负责人出庭应诉率", "appearance rate")
        public static let byOutcome = Words("按结果", "by outcome")
        public static let byTopic = Words("按咨询类别", "by topic")
        public static let byCategory = Words("按纠纷类型", "by category")
        public static let byForm = Words("按信访形式", "by form")
        public static let byDocType = Words("按文件类型", "by document type")
        public static let byVillage = Words("按村/社区", "by village")
        public static let byHandler = Words("按承办人", "by handler")

        /// The whole town, named when the ledger knows the town's name.
        public static func wholeTown(_ town: String) -> Words {
            town.isEmpty ? Words("全镇", "whole town") : Words("全镇（\(town)）", "whole town (\(town))")
        }
        /// Heading of one unit's figures in the text report.
        public static func unitHeading(_ name: Words) -> Words { Words("【\(name.zh)】", "== \(name.en) ==") }
        /// Title of the text report.
        public static func title(town: String, year: Int) -> Words {
            let t = town.isEmpty ? "" : town + " "
            return Words("\(t)\(year) 年度台账统计", "\(t)year-end figures \(year)")
        }
        /// What the figures count.
        public static func scope(year: Int, asOf: String) -> Words {
            Words("统计范围：受理日期在 \(year) 年的案件，不含已作废；期限按 \(asOf) 判断",
                  "Scope: cases dated in \(year), voided cases excluded; deadlines judged on \(asOf)")
        }
        /// Which ledger state the figures come from.
        public static func ledger(events: Int, head: String) -> Words {
            Words("账本：\(events) 条记录，末行哈希 \(head)", "Ledger: \(events) events, head \(head)")
        }
        /// When the figures were made.
        public static func generated(_ at: String) -> Words { Words("生成时间：\(at)", "Generated: \(at)") }
        /// Header of a Markdown table's label column.
        public static let item = Words("项目", "figure")
        /// Header of a Markdown table's value column.
        public static let value = Words("数值", "value")
        /// A rate's numerator, as a spreadsheet's column.
        public static let numerator = Words("分子", "numerator")
        /// A rate's denominator, as a spreadsheet's column.
        public static let denominator = Words("分母", "denominator")
    }
}
