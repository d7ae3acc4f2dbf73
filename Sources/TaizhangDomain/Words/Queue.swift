// The words of the TUI's queue screen.

extension Words {
    /// The queue: its tabs (short kind names) and lines.
    public enum Queue {
        public static let all = Words("全部状态", "all")
        public static let byDeadline = Words("按期限", "by deadline")
        public static let byDate = Words("按日期", "by date")
        public static let byId = Words("按编号", "by id")
        public static let noCases = Words("（没有案件。按 n 新建）", "(no cases; press n to add one)")
        public static let noMatch = Words("（没有符合筛选的案件）", "(no case matches the filter)")
        public static let pgupPgdnPages = Words("PgUp/PgDn 翻页", "PgUp/PgDn pages")
        public static let openWord = Words("打开", "open")
        public static let newWord = Words("新建", "new")
        public static let filter = Words("筛选", "filter")
        public static let tab = Words("切换类别", "tab")
        public static let openClosedAll = Words("办理中/已结/全部", "open/closed/all")
        public static let sort = Words("排序", "sort")
        public static let yearEnd = Words("年度统计", "year-end")
        /// The key that records a screening round.
        public static let recordScreening = Words("登记排查", "screening round")
        public static let firstLast = Words("首行/末行", "first/last")
        public static let previousTab = Words("上一类别", "previous tab")
        public static let clearFilter = Words("清除筛选", "clear filter")
        public static let filterPinyinInitialsToo = Words("筛选（可用拼音首字母）", "filter (pinyin initials too)")
        public static let keep = Words("确定", "keep")
        public static let allKinds = Words("全部", "All")
        public static let consultation = Words("咨询", "Consult")
        public static let mediation = Words("调解", "Mediation")
        public static let petition = Words("信访", "Petition")
        public static let review = Words("审查", "Review")
        public static let suit = Words("应诉", "Suit")
        /// The list's party column.
        public static let party = Words("当事人", "parties")
        /// The list's subject column: a petition's 事项, a suit's 案由, a review's title, …
        public static let subject = Words("事项", "subject")
        /// `m`: only the cases whose handler is the operator.
        public static let mine = Words("我的案件", "my cases")
        /// `r`: the sort order reversed.
        public static let reverse = Words("倒序", "reverse")
        /// The header's mark of a reversed order.
        public static let reversed = Words("倒序", "reversed")
        /// The header's mark of the "my cases" filter.
        /// Beside the filter while the search text is still being built: the matches shown are
        /// those among the cases searched so far, and refine by themselves.
        public static func searchedSoFar(_ percent: Int) -> Words {
            Words("（正在建立搜索，已查 \(percent)%，结果随后补全）", "(building the search: \(percent)% searched, the rest follows)")
        }
        public static func mineOf(_ name: String) -> Words { Words("承办人：\(name)", "handler: \(name)") }
        /// Said when `m` is pressed.
        public static func showingMine(_ name: String) -> Words {
            Words("只显示承办人为 \(name) 的案件（再按 m 显示全部）", "showing only cases handled by \(name) (m again shows all)")
        }
        /// Said when `m` is pressed again.
        public static let showingEveryones = Words("显示所有承办人的案件", "showing every handler's cases")
        /// The empty list under the filter.
        public static func noneOfMine(_ name: String) -> Words {
            Words("（没有承办人为 \(name) 的案件；按 m 显示全部）", "(no case handled by \(name); press m to show all)")
        }
        /// `h`: the message history.
        public static let messages = Words("消息记录", "messages")
    }
}
