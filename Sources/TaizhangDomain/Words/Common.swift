// Words many places share: punctuation that differs by language, placeholders.

extension Words {
    /// Punctuation and placeholders used across the program.
    public enum Common {
        public static let move = Words("移动", "move")
        public static let quit = Words("退出", "quit")
        public static let page = Words("翻页", "page")
        public static let typeWord = Words("输入", "type")
        public static let note = Words("备注", "note")
        public static let back = Words("返回", "back")
        public static let cancel = Words("取消", "cancel")
        /// After a label: `受理日期：`, `date: `.
        public static let colon = Words("：", ": ")
        /// Between list items: `甲，乙`, `a, b`.
        public static let comma = Words("，", ", ")
        /// A value that was never filled in.
        public static let notRecorded = Words("（未填）", "(not recorded)")
        /// An empty section or list.
        public static let none = Words("（无）", "(none)")
        /// A value that was cleared.
        public static let cleared = Words("（清空）", "(cleared)")
        /// `n` cases.
        public static func caseCount(_ n: Int) -> Words { Words("共 \(n) 件", "\(n) case(s)") }
    }
}
