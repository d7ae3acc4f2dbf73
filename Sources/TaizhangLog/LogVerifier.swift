#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One problem `verify` found.
public struct LogProblem: Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number.
    public var line: Int
    /// What is wrong.
    public var defect: LineDefect
    public var description: String { "line \(line): \(defect)" }
}

/// What `verify` found.
public struct VerifyReport: Sendable {
    /// Complete lines read.
    public var lines = 0
    /// Bytes in the file.
    public var bytes = 0
    /// SHA-256 of the last complete line (genesis hash when empty).
    public var head = LogRecord.genesisHash
    /// Problems in file order (capped at ``LogVerifier/maximumProblems``).
    public var problems: [LogProblem] = []
    /// Problems found in all (``problems`` lists at most ``LogVerifier/maximumProblems``).
    public var problemCount = 0
    /// The head the caller expected (`verify --head`), if any.
    public var expectedHead: String?
    /// The line whose hash is ``expectedHead`` (nil when no line has it).
    public var expectedHeadLine: Int?
    /// True when a head was expected and no line has it: the lines it pinned were changed or removed.
    public var headMissing: Bool { expectedHead != nil && expectedHeadLine == nil }
    /// True when nothing is wrong.
    public var ok: Bool { problemCount == 0 && !headMissing }
}

/// Checks a whole log without changing it: every line parses, sequence numbers run without gaps,
/// ids are unique and each `prev` is the hash of the line before.
///
/// After a problem it resynchronises (takes the damaged line's own hash and seq as the new
/// reference) so one damaged line is reported once, not as a cascade.
public enum LogVerifier {
    /// Problems listed at most.
    public static let maximumProblems = 50

    /// Verifies the file at `path`; `check` may add domain checks per record (it throws to report).
    /// `head`, when given, is a head printed earlier (on a report): the file must still hold
    /// a line with that hash.
    public static func verify(path: String, head: String? = nil, check: ((LogRecord, Int) throws(LineDefect) -> Void)? = nil) throws(LogError) -> VerifyReport {
        let fd = try LedgerFile.openRegular(path: path, flags: O_RDONLY)
        defer { close(fd) }
        var report = VerifyReport()
        report.expectedHead = head?.lowercased()
        let identity = LedgerFile.identify(fd: fd)
        if case let .foreign(reason) = identity { throw LogError.notALedger(path: path, reason: reason) }
        var skipBOM = identity == .byteOrderMark
        if skipBOM {
            report.problemCount += 1
            report.problems.append(LogProblem(line: 1, defect: LineDefect.byteOrderMarkFound))
        }
        var ids = Set<String>()
        var expectedSeq = 1
        var prevHash = LogRecord.genesisHash
        var lineNumber = 0
        try forEachLine(fd: fd, path: path) { whole, complete in
            lineNumber += 1
            var line = whole
            if skipBOM {
                skipBOM = false
                line = UnsafeBufferPointer(rebasing: whole[min(3, whole.count)...])
            }
            func problem(_ kind: LineDefect.Kind, _ detail: String) {
                report.problemCount += 1
                if report.problems.count < maximumProblems {
                    report.problems.append(LogProblem(line: lineNumber, defect: LineDefect(kind: kind, detail: detail)))
                }
            }
            if !complete {
                problem(.tornTail, "\(line.count) bytes without a final newline (a write that did not finish); opening the ledger moves them to a quarantine file")
                return
            }
            report.lines += 1
            let hash = LineHash.hexDigest(UnsafeRawBufferPointer(line))
            if hash == report.expectedHead { report.expectedHeadLine = lineNumber }
            defer { prevHash = hash; report.head = hash }
            let record: LogRecord
            do throws(LineDefect) {
                record = try LogRecord.decode(line)
            } catch {
                problem(error.kind, error.detail)
                expectedSeq += 1
                return
            }
            defer { expectedSeq = record.seq + 1 }
            if !ids.insert(record.id).inserted {
                problem(.duplicateID, "event id \(record.id) already appeared on an earlier line (a duplicated line?)")
                return
            }
            if record.seq != expectedSeq {
                problem(.sequenceGap, "seq \(record.seq) where \(expectedSeq) was expected (\(record.seq > expectedSeq ? "lines missing" : "lines out of order or repeated"))")
                return
            }
            if record.prev != prevHash {
                problem(.brokenChain, lineNumber == 1 ? "the first line's prev is not the genesis hash"
                        : "prev does not match the hash of line \(lineNumber - 1): that line was changed after it was written")
                return
            }
            if let check {
                do throws(LineDefect) { try check(record, lineNumber) } catch { problem(error.kind, error.detail) }
            }
        }
        report.bytes = Int(lseek(fd, 0, SEEK_END))
        return report
    }

    /// Calls `body` with each line (without newline); the last one gets `complete == false`
    /// when the file does not end with a newline.
    static func forEachLine(fd: Int32, path: String, _ body: (UnsafeBufferPointer<UInt8>, Bool) -> Void) throws(LogError) {
        let chunk = 1 << 22
        var buffer = [UInt8]()
        var fileOffset = 0
        while true {
            var tmp = [UInt8](repeating: 0, count: chunk)
            let n = tmp.withUnsafeMutableBytes { pread(fd, $0.baseAddress, chunk, off_t(fileOffset)) }
            if n < 0 { if errno == EINTR { continue }; throw LogError.io(operation: "read", path: path, code: errno) }
            if n == 0 { break }
            fileOffset += n
            buffer.append(contentsOf: tmp[0..<n])
            var start = 0
            buffer.withUnsafeBufferPointer { all in
                var i = 0
                while i < all.count {
                    if all[i] == 0x0A {
                        body(UnsafeBufferPointer(rebasing: all[start..<i]), true)
                        start = i + 1
                    }
                    i += 1
                }
            }
            buffer.removeFirst(start)
        }
        if !buffer.isEmpty { buffer.withUnsafeBufferPointer { body($0, false) } }
    }
}
