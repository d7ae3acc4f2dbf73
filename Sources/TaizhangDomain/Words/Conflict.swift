extension Words {
    /// The edit-conflict screen: a save refused because the case changed after the form opened.
    public enum Conflict {
        public static let title = Words("修改冲突", "Change conflict")
        public static func changedMeanwhile(_ id: String, from: Int, to: Int) -> Words {
            Words("\(id) 在你打开后已被他人修改（版本 \(from) → \(to)）。以下字段双方都改了：",
                  "\(id) was changed by someone else after you opened it (version \(from) → \(to)). Both changed:")
        }
        public static let empty = Words("（空）", "(empty)")
        public static let useTheirs = Words("[用他人的]", "[theirs]")
        public static let useMine = Words("[用我的]", "[mine]")
        public static let mine = Words("我的：", "mine:   ")
        public static let theirs = Words("他人：", "theirs: ")
        public static let keys = Words("m 全用我的  t 全用他人的  空格 切换  Enter 按所选保存  Esc 返回修改",
                                       "m keep mine  t take theirs  Space switch  Enter save as chosen  Esc back to editing")
        public static let chooseField = Words("选择字段", "field")
        public static let mineOrTheirs = Words("我的/他人的", "mine/theirs")
        public static let keepMine = Words("全用我的", "keep mine")
        public static let takeTheirs = Words("全用他人的", "take theirs")
        public static let saveAsChosen = Words("按所选保存", "save as chosen")
        public static let backToEditing = Words("返回修改", "back to editing")
        public static let formRefreshed = Words("表单已更新为最新内容，你改过的字段保留你的值", "the form now shows the stored values; fields you changed keep your values")
    }
}
