// Pick lists, confirmations, the kind menu, help and the operator screen.

extension Words {
    /// Pick lists, confirmations, the kind menu, help and the operator screen.
    public enum Pick {
        public static let nothingMatches = Words("（无匹配项）", "(nothing matches)")
        public static let confirm = Words("请确认", "Confirm")
        public static let yYesNNo = Words("y 确定    n 取消", "y yes    n no")
        public static let newCase = Words("新建案件", "New case")
        public static let keys = Words("按键", "Keys")
        public static let filterLabelPinyinInitialsKey = Words("筛选（汉字/拼音首字母/代码）", "filter (label, pinyin initials, key)")
        public static let pick = Words("选定", "pick")
        public static let yes = Words("确定", "yes")
        public static let no = Words("取消", "no")
        public static let chooseKind = Words("选择类型", "choose kind")
        public static let closeHelp = Words("关闭帮助", "close help")
        public static let typeYourName = Words("请输入您的姓名", "type your name")
        public static let whoIsWorking = Words("谁在值班？", "Who is working?")
        public static let pickOrTypeOperator = Words("选择已有的操作员，或输入新的姓名：", "Pick a known operator or type a new name:")
        public static let newOperator = Words("新操作员：", "new operator: ")
        public static let nameOrFilter = Words("姓名或筛选", "name or filter")
        public static let choose = Words("选择", "choose")
        public static let confirmWord = Words("确定", "confirm")
    }
}
