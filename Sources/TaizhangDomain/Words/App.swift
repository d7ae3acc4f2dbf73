// The TUI's frame: title bar, key bar, size warning, quit confirmation.

extension Words {
    /// The TUI's frame: title bar, key bar, size warning, quit confirmation.
    public enum App {
        public static let yesNoSuffix = Words("（y 确定，n 取消）", " (y yes, n no)")
        public static let demoCopy = Words("演示副本（退出时删除）：", "demo scratch copy (removed on exit): ")
        /// A file the user named exists.
        public static func overwrite(_ path: String) -> Words { Words("\(path) 已存在，覆盖？", "\(path) exists. Overwrite it?") }
        /// The terminal's size and the least the TUI needs.
        public static func size(width: Int, height: Int, minWidth: Int, minHeight: Int) -> Words {
            Words("当前 \(width)x\(height)，至少需要 \(minWidth)x\(minHeight)", "now \(width)x\(height), needs at least \(minWidth)x\(minHeight)")
        }
        public static let discardFormAndQuit = Words("表单尚未保存，确定放弃修改并退出？", "A form has unsaved changes. Discard them and quit?")
        public static let terminalTooSmall = Words("终端窗口太小", "Terminal too small")
        public static let enlargeWindow = Words("请放大窗口；q 退出", "enlarge the window; q quits")
        public static let taizhang = Words("台账", "Taizhang")
        public static let operatorWord = Words("操作员：", "operator: ")
        public static let ledger = Words("账本：", "ledger: ")
        public static let help = Words("帮助", "help")
        public static let quitTheProgram = Words("退出程序", "quit the program")
        public static let separator = Words("；", "; ")
    }
}
