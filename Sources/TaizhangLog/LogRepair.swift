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

        // Every line first: whether a line is kept depends on the line after it.
        var lines: [[UInt8]] = []
        var torn: [UInt8]? = nil
        try LogVerifier.forEachLine(fd: fd, path: path) { line, complete in
            if complete { lines.append(Array(line)) } else { torn = Array(line) }
        }
        if identity == .byteOrderMark, !lines.isEmpty, lines[0].starts(with: LedgerFile.byteOrderMark) {
            lines[0].removeFirst(3)
            report.removedByteOrderMark = true
        }
        let hashes = lines.map { LineHash.hexDigest($0) }
        let decoded: [Result<LogRecord, LineDefect>] = lines.map { line in
            do throws(LineDefect) { return .success(try LogRecord.decode(line)) } catch { return .failure(error) }
        }
        let recorded: [String?] = zip(lines, decoded).map { line, result in
            if case let .success(r) = result { return r.prev }
            return recordedPrev(line)
        }
        let expectedHead = head?.lowercased()

        var out: [UInt8] = []
        var rejected: [UInt8] = []
        var ids = Set<String>()
        var seq = 0
        var prevHash = LogRecord.genesisHash
        var lastKeptOriginal: (seq: Int, hash: String)? = nil
        report.linesRead = lines.count + (torn == nil ? 0 : 1)
        func drop(_ number: Int, _ bytes: [UInt8], _ kind: LineDefect.Kind, _ detail: String) {
            let defect = LineDefect(kind: kind, detail: detail)
            report.dropped.append(LogProblem(line: number, defect: defect))
            rejected.append(contentsOf: Array("# line \(number): \(defect)\n".utf8))
            rejected.append(contentsOf: number == 1 && report.removedByteOrderMark ? LedgerFile.byteOrderMark + bytes : bytes)
            rejected.append(0x0A)
        }
        for i in lines.indices {
            let number = i + 1
            let record = try? decoded[i].get()
            if case let .failure(defect) = decoded[i] {
                drop(number, lines[i], defect.kind, defect.detail)
                continue
            }
            if i + 1 < lines.count {
                if recorded[i + 1] != hashes[i] {
                    let next = try? decoded[i + 1].get()
                    if lines[i] == lines[i + 1] {
                        drop(number, lines[i], .duplicateID, "line \(number + 1) is the same line (a duplicated line); that copy is the one the chain vouches for")
                    } else if let record, let next, next.seq == record.seq + 1 {
                        drop(number, lines[i], .altered, "its hash is not the one line \(number + 1) recorded: it was changed after it was written")
                    } else if let record, let next, next.seq > record.seq + 1 {
                        drop(number, lines[i], .unvouched, "the \(next.seq - record.seq - 1) line(s) after it are missing (seq \(record.seq) is followed by \(next.seq)), so no line records its hash")
                    } else if recorded[i + 1] == nil {
                        drop(number, lines[i], .unvouched, "line \(number + 1) cannot be read, so no line records this line's hash")
                    } else {
                        drop(number, lines[i], .altered, "its hash is not the one line \(number + 1) recorded: it, or the line after it, was changed or moved")
                    }
                    continue
                }
            } else if let expectedHead {
                if hashes[i] == expectedHead {
                    report.lastLinePinned = true
                } else if !hashes.contains(expectedHead) {
                    drop(number, lines[i], .altered, "its hash is not the head \(expectedHead) given: it was changed, or the lines after it are missing")
                    continue
                }
            }
            guard var kept = record else { continue }
            if ids.contains(kept.id) {
                drop(number, lines[i], .duplicateID, "event id \(kept.id) repeats an earlier line")
                continue
            }
            do throws(LineDefect) {
                try accept(kept)
            } catch {
                drop(number, lines[i], error.kind, error.detail)
                continue
            }
            let followsKept = lastKeptOriginal.map { kept.seq == $0.seq + 1 && kept.prev == $0.hash } ?? (kept.seq == 1 && kept.prev == LogRecord.genesisHash)
            if !followsKept { report.gaps.append(number) }
            lastKeptOriginal = (kept.seq, hashes[i])
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
        if let torn { drop(lines.count + 1, torn, .tornTail, "incomplete last line") }
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
