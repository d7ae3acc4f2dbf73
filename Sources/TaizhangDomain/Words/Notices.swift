// The words of notices about the ledger file and of the CLI's own messages.

extension Words {
    /// What happened to the ledger file, as the CLI and the TUI both report it.
    public enum Notices {
        /// A torn last line was moved aside (the CLI, the TUI on opening and after a command).
        public static func tornTail(bytes: Int, line: Int, path: String) -> Words {
            Words("账本末尾有一行未写完整（\(bytes) 字节，第 \(line) 行），已移到 \(path)；之前的记录完好",
                  "the ledger ended in an incomplete line (\(bytes) bytes, line \(line)); it was moved to \(path). Earlier records are intact")
        }
        /// A large ledger replayed without a snapshot: its values were folded but not audited.
        public static func notAudited(_ count: Int) -> Words {
            Words("账本较大，打开时未逐行核对 \(count) 行记录的取值：请运行 taizhang verify 检查",
                  "the values of \(count) lines were not checked on opening (a large ledger read without its snapshot): run taizhang verify")
        }
        /// Said by `taizhang verify` when it found every line sound and the snapshot had lines
        /// counted as not checked (or flagged): the count is cleared.
        public static let verifiedRecorded = Words("已记入快照：打开账本时不再提示核对",
                                                   "recorded in the snapshot: opening the ledger no longer asks for verify")
        /// Lines the open folded as written that `taizhang verify` would flag (the CLI on
        /// stderr, the TUI's status row on opening).
        public static func flaggedByVerify(_ count: Int) -> Words {
            Words("有 \(count) 行记录不符合登记规则（verify 会指出）：请运行 taizhang verify",
                  count == 1 ? "1 line would be flagged by verify: run taizhang verify"
                             : "\(count) lines would be flagged by verify: run taizhang verify")
        }
    }

    /// The CLI's messages.
    public enum Commands {
        public static let demoNeedsATerminal = Words("--demo 需要在终端中运行", "--demo needs a terminal")
        public static let tuiNeedsATerminal = Words("界面需要在终端中运行", "the TUI needs a terminal")
        public static let demoLedgerMissing = Words("找不到演示账本 data/demo-2024.jsonl（可设置 TAIZHANG_DEMO 指向它，或在项目目录中运行）",
                                                    "the demo ledger data/demo-2024.jsonl was not found (set TAIZHANG_DEMO to its path, or run from the project directory)")
    }
}
