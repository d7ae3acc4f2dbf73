#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the log could not be opened, read or appended to.
public enum LogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed; `operation` names it in words, `path` the file.
    case io(operation: String, path: String, code: Int32)
    /// A line in the middle of the log is damaged; the log is not opened for writing.
    case corrupt(path: String, line: Int, defect: LineDefect)
    /// The file does not exist and creating it was not asked for.
    case notFound(path: String)
    /// The open log no longer matches the file (replaced, or a failed write could not be undone);
    /// nothing more is written until the ledger is opened again.
    case inconsistent(path: String, detail: String)
    /// The file is not a taizhang ledger (`reason` says what its start holds); it was not changed.
    case notALedger(path: String, reason: String)
    /// The path names a FIFO, a device, a folder...: only regular files are ledgers.
    case notRegularFile(path: String, kind: String)
    /// The file has fewer lines than a snapshot or a printed head recorded: lines at its end
    /// are gone. Reading is allowed; nothing is written.
    case linesMissing(path: String, missing: Int, recordedSeq: Int, fileSeq: Int)

    /// English description (the CLI adds a Chinese one, see ``chineseDescription``).
    public var description: String {
        switch self {
        case let .io(operation, path, code):
            return "cannot \(operation) \(path): \(String(cString: strerror(code)))"
        case let .corrupt(path, line, defect):
            return "\(path): line \(line) is damaged (\(defect)); nothing was changed. Run `taizhang verify` for a full report, `taizhang repair` to write a repaired copy, or add --read-only to look at the records before it"
        case let .notFound(path):
            return "no ledger at \(path)"
        case let .inconsistent(path, detail):
            return "\(path): \(detail); nothing more was written"
        case let .notALedger(path, reason):
            return "\(path) is not a taizhang ledger (\(reason)); it was not changed. Check --store or $TAIZHANG_STORE"
        case let .notRegularFile(path, kind):
            return "\(path) is \(kind), not a regular file; a ledger must be a regular file. Check --store or $TAIZHANG_STORE"
        case let .linesMissing(path, missing, recorded, fileSeq):
            return "\(path) is shorter than its snapshot recorded: \(missing) line(s) at the end are missing (the snapshot covered \(recorded) lines, the file has \(fileSeq)); nothing was written, so no case id is handed out twice. Restore the ledger from a backup; if it was replaced on purpose (a repaired copy), delete \(SnapshotFile.path(forLog: path)) and try again"
        }
    }

    /// The same message in Chinese.
    public var chineseDescription: String {
        switch self {
        case let .io(operation, path, code):
            let reason = code == ENOSPC ? "磁盘空间已满" : String(cString: strerror(code))
            return "无法\(LogError.chineseOperation(operation)) \(path)：\(reason)（本次操作未写入，账本保持原样）"
        case let .corrupt(path, line, defect):
            return "\(path) 第 \(line) 行已损坏（\(defect)），未做任何改动。请运行 `taizhang verify` 查看完整报告，`taizhang repair` 生成修复副本，或加 --read-only 只读查看之前的记录"
        case let .notFound(path):
            return "找不到账本：\(path)"
        case let .inconsistent(path, _):
            return "\(path)：账本文件已被替换或上次写入失败后无法复原，本次未写入；请重新打开账本后再操作"
        case let .notALedger(path, reason):
            return "\(path) 不是台账账本（not a taizhang ledger: \(reason)），未做任何改动。请检查 --store 或 $TAIZHANG_STORE"
        case let .notRegularFile(path, kind):
            return "\(path) 不是普通文件（\(kind)），账本必须是普通文件。请检查 --store 或 $TAIZHANG_STORE"
        case let .linesMissing(path, missing, recorded, fileSeq):
            return "\(path) 比快照记录的短：末尾缺少 \(missing) 行（快照记录 \(recorded) 行，文件只有 \(fileSeq) 行），本次未写入，以免重复发放案件编号。请从备份恢复账本；如确是有意替换（例如换成修复副本），请删除 \(SnapshotFile.path(forLog: path)) 后再试"
        }
    }

    static func chineseOperation(_ op: String) -> String {
        switch op {
        case "append to": return "写入"
        case "flush": return "同步写入磁盘"
        case "open": return "打开"
        case "create": return "创建"
        case "read": return "读取"
        case "lock": return "锁定"
        default: return op
        }
    }
}
