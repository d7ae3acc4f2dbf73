// The message history (`h` on the queue and a case's page).

extension Words {
    /// The message history: every message the status row showed, with its time.
    public enum Messages {
        /// The screen's title.
        public static func title(_ n: Int) -> Words { Words("消息记录（\(n) 条，最新在上）", "Messages (\(n), newest first)") }
        /// No message yet.
        public static let empty = Words("（还没有消息）", "(no message yet)")
    }
}
