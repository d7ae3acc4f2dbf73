// The words of a case's history: what each event did.

extension Words {
    /// One line per event in a case's timeline: `结案：调解成功 2024-03-20`.
    public enum History {
        public static let opened = Words("登记：", "opened: ")
        /// Where an imported case came from, after its opening line.
        public static func importedFrom(_ at: String, row: Int, sha256: String) -> Words {
            Words("（导入自 \(at) 第 \(row) 行，SHA-256 \(sha256)…）", " (imported from \(at) row \(row), SHA-256 \(sha256)…)")
        }
        public static let documentIssued = Words("出具文书：", "document issued: ")
        public static let changed = Words("修改：", "changed: ")
        public static let noted = Words("备注：", "note: ")
        public static let closed = Words("结案：", "closed: ")
        /// The case a closing opened (consultation -> mediation).
        public static func opens(_ id: String) -> Words { Words("，转 \(id)", ", opened \(id)") }
        public static let followedUp = Words("回访：", "follow-up: ")
        public static func extended(_ days: Int) -> Words { Words("延期 \(days) 天：", "extended \(days) days: ") }
        public static let reopened = Words("重新打开：", "reopened: ")
        public static let voided = Words("作废：", "voided: ")
        public static let restored = Words("恢复：", "restored: ")
    }
}
