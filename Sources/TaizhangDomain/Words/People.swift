// The words of the TUI's person lookups: the queue's search for a person and a person's cases.

extension Words {
    /// Looking a person up in the TUI.
    public enum People {
        public static let findPerson = Words("查找当事人", "find a person")
        public static let findPersonTitle = Words("查找当事人的全部案件", "All cases of a person")
        public static let nameIDOrPhone = Words("姓名、身份证号或电话：", "Name, ID number or phone:")
        public static let query = Words("姓名、身份证号或电话", "name, ID number or phone")
        public static let notRecorded = Words("号码只显示部分；查询不会被记录", "numbers are shown masked; the lookup is not recorded")
        public static let typeAQuery = Words("请输入姓名、身份证号或电话", "type a name, an ID number or a phone")
        public static let find = Words("查找", "find")
        public static func noCase(_ who: String) -> Words { Words("没有找到 \(who) 的案件", "no case of \(who)") }
        public static func allCases(_ who: String, _ n: Int) -> Words { Words("\(who) 的全部案件（\(n) 件）", "All cases of \(who) (\(n))") }
        public static func idNumber(_ masked: String) -> Words { Words("身份证号 \(masked)", "ID number \(masked)") }
        public static func phone(_ masked: String) -> Words { Words("电话 \(masked)", "phone \(masked)") }
    }
}
