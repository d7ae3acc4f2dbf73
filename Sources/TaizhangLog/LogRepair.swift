#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What `repair` did.
public struct RepairReport: Sendable {
    /// The repaired copy.
    public var outputPath: String
    /// Where the lines that were left out were saved (nil when none were).
    public var rejectedPath: String?
    /// Lines read from the damaged log (a torn tail counts as one).
    public var linesRead = 0
    /// Lines written to the repaired copy.
    public var linesKept = 0
    /// Lines left out, with why.
    public var dropped: [LogProblem] = []
    /// True when a byte-order mark was removed from the start of the file.
    public var removedByteOrderMark = false
    /// Kept lines that follow missing ones (their `seq` or `prev` points at a line that is not
    /// in the file), by line number.
    public var gaps: [Int] = []
    /// True when the caller gave the head the ledger had (`--head`) and the last line has it.
    public var lastLinePinned = false
}

/// Writes a repaired copy of a damaged log beside it; the original is never changed.
///
/// Like `git fsck`, it trusts bytes only where the chain vouches for them: a line is kept when
/// the line after it records its hash in `prev` (the last line, which no line follows, when it
/// has the head the caller gave, or when no head is given). A line whose hash is not what its
/// successor recorded was changed after it was written, and is set aside however valid it
/// looks; so is a line whose successor is missing or unreadable, since nothing vouches for it.
/// Of the vouched lines, one that does not parse, repeats an earlier event id, or does not fit
/// the ledger (the caller's `accept`, normally the fold) is set aside too. Kept lines keep their
/// `id`, `at`, `op`, `type` and `data`; `seq` and `prev` are rewritten so the copy is a valid
/// chain. Every line set aside is saved byte for byte to a `.rejected-*` file, after a comment
/// line naming its line number and why, so nothing is lost.
public enum LogRepair {
    /// Repairs `path` into `<path>.repaired-<UTC time>` (or `output`). `head` is the ledger's
    /// head as printed on an earlier report, which vouches for the last line.
    public static func repair(path: String, output: String? = nil, head: String? = nil,
                              accept: (LogRecord) throws(LineDefect) -> Void) throws(LogError) -> RepairReport {
        let fd = try LedgerFile.openRegular(path: path, flags: O_RDONLY)
        defer { close(fd) }
        let stamp = LogClock.fileStamp()
        var report = RepairReport(outputPath: output ?? "\(path).repaired-\(stamp)")
        // The original is never changed: refuse an output that is the ledger itself.
        var a = stat(), b = stat()
        if fstat(fd, &a) == 0, stat(report.outputPath, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
            throw LogError.inconsistent(path: report.outputPath, detail: "the repaired copy must not be written over the ledger itself")
        }
        let identity = LedgerFile.identify(fd: fd)
        if case let .foreign(reason) = identity { throw LogError.notALedger(path: path, reason: reason) }

        // Whether a line is kept depends on the line after it: lines are judged one behind the
        // read, so only two are held at a time.
        struct Line {
            var number: Int
            var bytes: [UInt8]
            var hash: String
            var decoded: Result<LogRecord, LineDefect>
            /// The `prev` it records (read from its end when it does not parse).
            var recorded: String?
        }
        let expectedHead = head?.lowercased()
        var out: [UInt8] = []
        var rejected: [UInt8] = []
        var ids = Set<String>()
        var seq = 0
        var prevHash = LogRecord.genesisHash
        var lastKeptOriginal: (seq: Int, hash: String)? = nil
        var headSeen = false
        var pending: Line? = nil
        var torn: [UInt8]? = nil
        var lineNumber = 0

        func drop(_ number: Int, _ bytes: [UInt8], _ kind: LineDefect.Kind, _ detail: String) {
            let defect = LineDefect(kind: kind, detail: detail)
            report.dropped.append(LogProblem(line: number, defect: defect))
            rejected.append(contentsOf: Array("# line \(number): \(defect)\n".utf8))
            rejected.append(contentsOf: number == 1 && report.removedByteOrderMark ? LedgerFile.byteOrderMark + bytes : bytes)
            rejected.append(0x0A)
        }

        /// Keeps or sets aside `line`, given the line after it (nil for the last line).
        func judge(_ line: Line, next: Line?) {
            let number = line.number
            let record: LogRecord
            switch line.decoded {
            case let .failure(defect): return drop(number, line.bytes, defect.kind, defect.detail)
            case let .success(r): record = r
            }
            if let next {
                if next.recorded != line.hash {
                    let nextRecord = try? next.decoded.get()
                    if line.bytes == next.bytes {
                        drop(number, line.bytes, .duplicateID, "line \(number + 1) is the same line (a duplicated line); that copy is the one the chain vouches for")
                    } else if let nextRecord, nextRecord.seq == record.seq + 1 {
                        drop(number, line.bytes, .altered, "its hash is not the one line \(number + 1) recorded: it was changed after it was written")
                    } else if let nextRecord, nextRecord.seq > record.seq + 1 {
                        drop(number, line.bytes, .unvouched, "the \(nextRecord.seq - record.seq - 1) line(s) after it are missing (seq \(record.seq) is followed by \(nextRecord.seq)), so no line records its hash")
                    } else if next.recorded == nil {
                        drop(number, line.bytes, .unvouched, "line \(number + 1) cannot be read, so no line records this line's hash")
                    } else {
                        drop(number, line.bytes, .altered, "its hash is not the one line \(number + 1) recorded: it, or the line after it, was changed or moved")
                    }
                    return
                }
            } else if let expectedHead {
                if line.hash == expectedHead {
                    report.lastLinePinned = true
                } else if !headSeen {
                    return drop(number, line.bytes, .altered, "its hash is not the head \(expectedHead) given: it was changed, or the lines after it are missing")
                }
            }
            var kept = record
            if ids.contains(kept.id) { return drop(number, line.bytes, .duplicateID, "event id \(kept.id) repeats an earlier line") }
            do throws(LineDefect) {
                try accept(kept)
            } catch {
                return drop(number, line.bytes, error.kind, error.detail)
            }
            let followsKept = lastKeptOriginal.map { kept.seq == $0.seq + 1 && kept.prev == $0.hash } ?? (kept.seq == 1 && kept.prev == LogRecord.genesisHash)
            if !followsKept { report.gaps.append(number) }
            lastKeptOriginal = (kept.seq, line.hash)
            ids.insert(kept.id)
            seq += 1
            kept.seq = seq
            kept.prev = prevHash
            let bytes = kept.encoded()
            prevHash = LineHash.hexDigest(bytes)
            out.append(contentsOf: bytes)
            out.append(0x0A)
            report.linesKept += 1
        }

        try LogVerifier.forEachLine(fd: fd, path: path) { buffer, complete in
            guard complete else { torn = Array(buffer); return }
            lineNumber += 1
            var bytes = Array(buffer)
            if lineNumber == 1, identity == .byteOrderMark, bytes.starts(with: LedgerFile.byteOrderMark) {
                bytes.removeFirst(3)
                report.removedByteOrderMark = true
            }
            let decoded: Result<LogRecord, LineDefect>
            do throws(LineDefect) { decoded = .success(try LogRecord.decode(bytes)) } catch { decoded = .failure(error) }
            let recorded: String?
            if case let .success(r) = decoded { recorded = r.prev } else { recorded = recordedPrev(bytes) }
            let line = Line(number: lineNumber, bytes: bytes, hash: LineHash.hexDigest(bytes), decoded: decoded, recorded: recorded)
            if let previous = pending {
                if previous.hash == expectedHead { headSeen = true }
                judge(previous, next: line)
            }
            pending = line
        }
        if let last = pending { judge(last, next: nil) }
        report.linesRead = lineNumber + (torn == nil ? 0 : 1)
        if let torn { drop(lineNumber + 1, torn, .tornTail, "incomplete last line") }
        try EventLog.writeNewFile(path: report.outputPath, bytes: out)
        if !rejected.isEmpty {
            let rpath = "\(path).rejected-\(stamp)"
            try EventLog.writeNewFile(path: rpath, bytes: rejected)
            report.rejectedPath = rpath
        }
        return report
    }

    static let prevMember: [UInt8] = Array(",\"prev\":\"".utf8)

    /// The `prev` a line that does not parse still records, when it ends as every taizhang line
    /// ends (`,"prev":"<64 hex>"}`): damage elsewhere in it does not hide what it vouches for.
    static func recordedPrev(_ line: [UInt8]) -> String? {
        let n = line.count
        let tail = prevMember.count + 64 + 2
        guard n >= tail, line[n - 1] == UInt8(ascii: "}"), line[n - 2] == UInt8(ascii: "\""),
              Array(line[(n - tail)..<(n - 66)]) == prevMember else { return nil }
        let hex = line[(n - 66)..<(n - 2)]
        guard hex.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        return String(decoding: hex, as: UTF8.self)
    }
}
