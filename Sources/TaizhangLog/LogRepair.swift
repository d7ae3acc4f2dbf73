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
    /// Lines kept whose chain did not match: the line before them was altered, or lines are missing.
    public var chainBreaks: [Int] = []
}

/// Writes a repaired copy of a damaged log beside it; the original is never changed.
///
/// Every line that parses, is not a repeat of an earlier event id, and fits the ledger (the
/// caller's `accept`, normally the fold) is kept with its `id`, `at`, `op`, `type` and `data`
/// as found; `seq` and `prev` are rewritten so the copy is a valid chain. Lines left out are saved
/// byte for byte to a `.rejected-*` file so nothing is lost. Altered lines cannot be told from
/// good ones by their content: they are kept, and the break in the chain they caused is reported.
public enum LogRepair {
    /// Repairs `path` into `<path>.repaired-<UTC time>` (or `output`).
    public static func repair(path: String, output: String? = nil,
                              accept: (LogRecord) throws(LineDefect) -> Void) throws(LogError) -> RepairReport {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw errno == ENOENT ? LogError.notFound(path: path) : LogError.io(operation: "open", path: path, code: errno) }
        defer { close(fd) }
        let stamp = LogClock.fileStamp()
        var report = RepairReport(outputPath: output ?? "\(path).repaired-\(stamp)")
        // The original is never changed: refuse an output that is the ledger itself.
        var a = stat(), b = stat()
        if fstat(fd, &a) == 0, stat(report.outputPath, &b) == 0, a.st_dev == b.st_dev, a.st_ino == b.st_ino {
            throw LogError.inconsistent(path: report.outputPath, detail: "the repaired copy must not be written over the ledger itself")
        }
        var out: [UInt8] = []
        var rejected: [UInt8] = []
        var ids = Set<String>()
        var seq = 0
        var prevHash = LogRecord.genesisHash
        var originalPrevHash = LogRecord.genesisHash
        var lineNumber = 0
        try LogVerifier.forEachLine(fd: fd, path: path) { line, complete in
            lineNumber += 1
            report.linesRead += 1
            let originalHash = LineHash.hexDigest(UnsafeRawBufferPointer(line))
            defer { originalPrevHash = originalHash }
            func drop(_ kind: LineDefect.Kind, _ detail: String) {
                report.dropped.append(LogProblem(line: lineNumber, defect: LineDefect(kind: kind, detail: detail)))
                rejected.append(contentsOf: line)
                rejected.append(0x0A)
            }
            guard complete else { return drop(.tornTail, "incomplete last line") }
            var record: LogRecord
            do throws(LineDefect) {
                record = try LogRecord.decode(line)
            } catch {
                return drop(error.kind, error.detail)
            }
            if ids.contains(record.id) { return drop(.duplicateID, "event id \(record.id) repeats an earlier line") }
            do throws(LineDefect) {
                try accept(record)
            } catch {
                return drop(error.kind, error.detail)
            }
            if record.prev != originalPrevHash { report.chainBreaks.append(lineNumber) }
            ids.insert(record.id)
            seq += 1
            record.seq = seq
            record.prev = prevHash
            let bytes = record.encoded()
            prevHash = LineHash.hexDigest(bytes)
            out.append(contentsOf: bytes)
            out.append(0x0A)
            report.linesKept += 1
        }
        try EventLog.writeNewFile(path: report.outputPath, bytes: out)
        if !rejected.isEmpty {
            let rpath = "\(path).rejected-\(stamp)"
            try EventLog.writeNewFile(path: rpath, bytes: rejected)
            report.rejectedPath = rpath
        }
        return report
    }
}
