#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole new log in one go (generators, imports, benchmarks): lines are chained and
/// buffered, and the file appears atomically at `path` only when ``finish()`` has written and
/// `fsync`ed all of it. Never used on a live ledger: appends to one go through ``EventLog``.
public final class LogBulkWriter {
    /// Where the log will appear.
    public let path: String
    let tempPath: String
    var fd: Int32
    var buffer: [UInt8] = []
    /// Sequence number of the last line written.
    public private(set) var lastSeq = 0
    /// Hash of the last line written.
    public private(set) var headHash = LogRecord.genesisHash
    /// Bytes written so far.
    public private(set) var bytesWritten = 0

    /// Starts a new log for `path` (an existing file there is replaced by ``finish()``).
    public init(path: String) throws(LogError) {
        self.path = path
        tempPath = "\(path).tmp-bulk-\(getpid())"
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        if !dir.isEmpty { try EventLog.makeDirectories(dir) }
        fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LogError.io(operation: "create", path: tempPath, code: errno) }
        buffer.reserveCapacity(1 << 20)
    }

    deinit {
        if fd >= 0 { close(fd); unlink(tempPath) }
    }

    /// Appends one event; returns the record as written.
    @discardableResult
    public func append(_ event: PendingEvent, op: String, at: String, id: String) throws(LogError) -> LogRecord {
        lastSeq += 1
        let record = LogRecord(seq: lastSeq, id: id, at: at, op: op, caseID: event.caseID, type: event.type,
                               data: event.data, prev: headHash)
        let line = record.encoded()
        headHash = LineHash.hexDigest(line)
        buffer.append(contentsOf: line)
        buffer.append(0x0A)
        bytesWritten += line.count + 1
        if buffer.count >= 1 << 20 { try flush() }
        return record
    }

    func flush() throws(LogError) {
        if let code = FileCalls.system.writeAll(fd, buffer) { throw LogError.io(operation: "append to", path: tempPath, code: code) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, `fsync`s, and moves the file into place.
    public func finish() throws(LogError) {
        try flush()
        if fsync(fd) != 0 { throw LogError.io(operation: "flush", path: tempPath, code: errno) }
        close(fd)
        fd = -1
        if rename(tempPath, path) != 0 { throw LogError.io(operation: "create", path: path, code: errno) }
        let dir = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        EventLog.syncDirectory(dir.isEmpty ? "." : dir)
    }
}
