import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An event the caller wants appended; the log assigns `seq`, `id`, `at` and `prev`.
public struct PendingEvent: Sendable {
    /// The event type, e.g. `case.opened`.
    public var type: String
    /// The case it belongs to, if any.
    public var caseID: String?
    /// The payload object.
    public var data: JSONValue
    /// Creates a pending event.
    public init(type: String, caseID: String?, data: JSONValue) {
        self.type = type
        self.caseID = caseID
        self.data = data
    }
}

/// Bytes moved out of the log because they were not a complete line.
public struct QuarantineReport: Sendable, Equatable {
    /// Where the bytes were saved.
    public var path: String
    /// How many bytes.
    public var byteCount: Int
    /// The line number the torn bytes would have had.
    public var line: Int
}

/// How a log should be opened.
public struct LogOpenOptions: Sendable {
    /// Create the file (and its folder, mode 0700) when missing.
    public var create = true
    /// Never change the file: a torn tail is skipped instead of quarantined, and a damaged
    /// middle line ends the read there instead of failing.
    public var readOnly = false
    /// Creates options.
    public init(create: Bool = true, readOnly: Bool = false) {
        self.create = create
        self.readOnly = readOnly
    }
}

/// What happened while opening: recoveries and warnings for the user.
public struct LogOpenReport: Sendable {
    /// Set when a torn last line was moved aside.
    public var quarantined: QuarantineReport?
    /// Set in read-only mode when reading stopped at a damaged line.
    public var stoppedAt: (line: Int, defect: LineDefect)?
    /// Plain warnings (e.g. the file is writable by others).
    public var warnings: [String] = []
    /// The file's permission bits when others may read or write it (it holds personal data).
    public var exposedMode: Int?
    /// True when the file was created by this open.
    public var created = false
    /// The snapshot position the open started from, when it matched the log.
    public var resumedFrom: LogPosition?
    /// True when a snapshot position was offered but did not match the log.
    public var snapshotRejected = false
    /// Lines read from the file by this open (after the snapshot position, if any).
    public var linesRead = 0
    /// An empty report.
    public init() {}
}

/// The append-only JSON-lines event log.
///
/// Durability protocol: every append takes an exclusive `flock` on `<log>.lock`, reads any
/// lines other processes appended since (checking their chain), recovers a torn tail left by a
/// crashed writer, writes all new lines with one `write` (looping on short writes), `fsync`s,
/// and only then reports success. When a write or `fsync` fails the file is cut back to its size
/// before the append. See docs/data-format.md.
public final class EventLog {
    /// Path of the log file.
    public let path: String
    /// Path of the lock file beside it.
    public var lockPath: String { path + ".lock" }
    /// True when opened read-only.
    public let readOnly: Bool

    let calls: FileCalls
    let timestamp: @Sendable () -> String
    let makeID: @Sendable () -> String
    var fd: Int32 = -1
    var lockFD: Int32 = -1

    /// Bytes of the file that have been read and checked (always just after a newline).
    public private(set) var offset = 0
    /// Sequence number of the last line read or written (0 for an empty log).
    public private(set) var lastSeq = 0
    /// SHA-256 of the last line (the genesis hash for an empty log): the ledger's head.
    public var headHash: String { head.hex }
    /// The same, as the chain check compares it.
    public private(set) var head = LineDigest.genesis
    /// Number of lines read or written.
    public var lineCount: Int { lastSeq }
    /// Torn tails this log moved aside since it was opened (on open or before an append), for
    /// the user to be told.
    public private(set) var recoveries: [QuarantineReport] = []

    /// Opens (and by default creates) the log at `path`, feeding every line to `sink` in order.
    ///
    /// `sink` receives each record with its 1-based line number; it may throw a ``LineDefect``
    /// (kind `.badEvent`) to reject a line, which is then treated like any damaged line.
    public convenience init(path: String, options: LogOpenOptions = LogOpenOptions(), calls: FileCalls = .system,
                            timestamp: @escaping @Sendable () -> String = LogClock.now,
                            makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                            resume: LogPosition? = nil, onReset: () -> Void = {},
                            report: inout LogOpenReport,
                            sink: (LogRecord, Int) throws(LineDefect) -> Void) throws(LogError) {
        try self.init(path: path, options: options, calls: calls, timestamp: timestamp, makeID: makeID, resume: resume,
                      onReset: onReset, report: &report, decoder: RecordDecoder(),
                      sink: { (batch, i, line) throws(LineDefect) in try sink(batch.records[i], line) })
    }

    /// Opens the log like the initialiser above, but lines are decoded by `decoder` on worker
    /// threads; `sink` receives the batch holding a line's value, the value's index in it and
    /// the line number.
    public init<Decoder: LineDecoder>(path: String, options: LogOpenOptions = LogOpenOptions(), calls: FileCalls = .system,
                                      timestamp: @escaping @Sendable () -> String = LogClock.now,
                                      makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
                                      resume: LogPosition? = nil, onReset: () -> Void = {},
                                      report: inout LogOpenReport, decoder: Decoder,
                                      sink: (Decoder.Batch, Int, Int) throws(LineDefect) -> Void) throws(LogError) {
        self.path = path
        self.readOnly = options.readOnly
        self.calls = calls
        self.timestamp = timestamp
        self.makeID = makeID

        // Before anything is created beside it: a FIFO, a device or a folder is never a ledger.
        try LedgerFile.checkRegular(path: path)
        if access(path, F_OK) == 0 {
            // A foreign file is refused before its lock file is made beside it (and again under
            // the lock below, in case the file changes meanwhile).
            let probe = try LedgerFile.openRegular(path: path, flags: O_RDONLY)
            let identity = LedgerFile.identify(fd: probe)
            close(probe)
            if case let .foreign(reason) = identity { throw LogError.notALedger(path: path, reason: reason) }
        }
        if access(path, F_OK) != 0 {
            guard options.create, !options.readOnly else { throw LogError.notFound(path: path) }
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try EventLog.makeDirectories(dir) }
        }
        lockFD = options.readOnly ? open(lockPath, O_RDONLY | O_CLOEXEC) : open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        if lockFD < 0 && !options.readOnly { throw LogError.io(operation: "open", path: lockPath, code: errno) }
        if access(path, F_OK) != 0 && !options.readOnly {
            // Created under the lock and without replacing anything: two first runs at once must
            // not each put an empty file in place, the second over the first one's records.
            do {
                try withLock(exclusive: true) { () throws(LogError) in
                    if try EventLog.createEmptyIfMissing(path: path) { report.created = true }
                }
            } catch {
                closeFiles()
                throw error
            }
        }
        do {
            fd = try LedgerFile.openRegular(path: path, flags: options.readOnly ? O_RDONLY : O_RDWR | O_APPEND)
        } catch {
            closeFiles()
            throw error
        }

        var st = stat()
        if fstat(fd, &st) == 0, st.st_mode & 0o077 != 0 {
            report.exposedMode = Int(st.st_mode & 0o777)
            report.warnings.append("\(path) can be read or written by other users (mode \(String(st.st_mode & 0o777, radix: 8))); it holds personal data. Run: chmod 600 \(path)")
        }

        do {
            try withLock(exclusive: !options.readOnly) { () throws(LogError) in
                // Refused before a byte is read as a record: a foreign file's last line would
                // otherwise look like a torn write and be cut away.
                switch LedgerFile.identify(fd: fd) {
                case .empty, .ledger: break
                case let .foreign(reason): throw LogError.notALedger(path: path, reason: reason)
                case .byteOrderMark: throw LogError.corrupt(path: path, line: 1, defect: LineDefect.byteOrderMarkFound)
                }
                if !options.readOnly { EventLog.removeStaleTempFiles(beside: path) }
                if let resume {
                    if try matches(resume), let digest = LineDigest(hex: resume.headHash) {
                        offset = resume.offset
                        lastSeq = resume.seq
                        head = digest
                        report.resumedFrom = resume
                    } else {
                        report.snapshotRejected = true
                        onReset()
                    }
                }
                let before = lastSeq
                try readNewLines(decoder: decoder, recoverTail: !options.readOnly, report: &report, sink: sink)
                report.linesRead = lastSeq - before
            }
        } catch {
            closeFiles()
            throw error
        }
    }

    deinit { closeFiles() }

    func closeFiles() {
        if fd >= 0 { close(fd); fd = -1 }
        if lockFD >= 0 { close(lockFD); lockFD = -1 }
    }

    // MARK: - Appending

    /// Appends events atomically with respect to other processes.
    ///
    /// Under the lock it first feeds lines appended by others to `catchUp` (so the caller's
    /// state is current), then calls `build` to make the events from that state, then writes and
    /// `fsync`s them. Returns the written records; the caller folds them into its own state.
    /// Throws without changing the file when `build` throws or the write fails.
    @discardableResult
    public func append(operator op: String,
                       catchUp: (LogRecord, Int) throws(LineDefect) -> Void,
                       build: () throws -> [PendingEvent]) throws -> [LogRecord] {
        try append(operator: op, decoder: RecordDecoder(),
                   catchUp: { (batch, i, line) throws(LineDefect) in try catchUp(batch.records[i], line) }, build: build)
    }

    /// Appends like ``append(operator:catchUp:build:)``, with other writers' lines reaching
    /// `catchUp` in the form `decoder` gives them.
    @discardableResult
    public func append<Decoder: LineDecoder>(operator op: String, decoder: Decoder,
                                             catchUp: (Decoder.Batch, Int, Int) throws(LineDefect) -> Void,
                                             build: () throws -> [PendingEvent]) throws -> [LogRecord] {
        precondition(!readOnly, "append on a read-only log")
        if let failure { throw failure }
        if let appendRefusal { throw appendRefusal }
        var report = LogOpenReport()
        return try withLock(exclusive: true) { () throws -> [LogRecord] in
            try checkSameFile()
            try readNewLines(decoder: decoder, recoverTail: true, report: &report, sink: catchUp)
            let pending = try build()
            if pending.isEmpty { return [] }
            var bytes: [UInt8] = []
            var records: [LogRecord] = []
            var seq = lastSeq
            var prev = head
            let at = timestamp()
            for event in pending {
                seq += 1
                let record = LogRecord(seq: seq, id: makeID(), at: at, op: op, caseID: event.caseID,
                                       type: event.type, data: event.data, prev: prev.hex)
                var placed = record
                let line = record.encoded()
                placed.lineOffset = offset + bytes.count
                placed.lineLength = line.count
                prev = LineDigest.of(line)
                bytes.append(contentsOf: line)
                bytes.append(0x0A)
                records.append(placed)
            }
            let before = offset
            if let code = calls.writeAll(fd, bytes) {
                rollBack(to: before)
                throw LogError.io(operation: "append to", path: path, code: code)
            }
            if calls.fsync(fd) != 0 {
                let code = errno
                rollBack(to: before)
                throw LogError.io(operation: "flush", path: path, code: code)
            }
            offset = before + bytes.count
            lastSeq = seq
            head = prev
            return records
        }
    }

    /// Cuts the file back after a failed append so no partial line stays behind. If even that
    /// fails, the file's end is unknown: every later append is refused until the ledger is opened
    /// again (which checks and recovers the tail).
    ///
    /// A failed `fsync` of the cut is not fatal: the next successful append's `fsync` makes the
    /// file's size durable together with its own line.
    func rollBack(to size: Int) {
        if calls.truncate(fd, size) != 0 {
            failure = LogError.inconsistent(path: path, detail: "a failed write could not be undone (\(String(cString: strerror(errno))))")
            return
        }
        _ = calls.fsync(fd)
    }

    /// Set when a failed append could not be rolled back; appends are refused from then on.
    var failure: LogError?

    /// When set, every append is refused with this error (reading goes on): the reader found
    /// the file shorter than a snapshot or a printed head recorded, and appending would hand
    /// out case ids again.
    public var appendRefusal: LogError?

    /// Fails when the file at `path` is no longer the one this log has open (it was replaced,
    /// e.g. by a repaired copy, or removed): writing on would put records in a file nobody reads.
    func checkSameFile() throws(LogError) {
        var onDisk = stat(), open = stat()
        guard stat(path, &onDisk) == 0, fstat(fd, &open) == 0,
              onDisk.st_dev == open.st_dev, onDisk.st_ino == open.st_ino else {
            throw LogError.inconsistent(path: path, detail: "the ledger file was replaced or removed while it was open; open it again")
        }
    }

    // MARK: - Reading

    /// Reads lines other processes appended since the last read, under a shared lock so it
    /// never sees lines a writer is about to cut back after a failed `fsync`. Returns the number
    /// of new lines.
    @discardableResult
    public func refresh(sink: (LogRecord, Int) throws(LineDefect) -> Void) throws(LogError) -> Int {
        try refresh(decoder: RecordDecoder()) { (batch, i, line) throws(LineDefect) in try sink(batch.records[i], line) }
    }

    /// Reads new lines like ``refresh(sink:)``, in the form `decoder` gives them.
    @discardableResult
    public func refresh<Decoder: LineDecoder>(decoder: Decoder, sink: (Decoder.Batch, Int, Int) throws(LineDefect) -> Void) throws(LogError) -> Int {
        if let failure { throw failure }
        let before = lastSeq
        var report = LogOpenReport()
        try withLock(exclusive: false) { () throws(LogError) in
            try checkSameFile()
            try readNewLines(decoder: decoder, recoverTail: false, report: &report, sink: sink)
        }
        return lastSeq - before
    }

    /// The current size of the file, to notice appends cheaply.
    public func fileSize() -> Int {
        var st = stat()
        return fstat(fd, &st) == 0 ? Int(st.st_size) : offset
    }

    /// Reads complete lines from `offset` to the end of the file, checking each line's JSON,
    /// `seq` and `prev`, and feeding it to `sink` in order.
    ///
    /// Large reads (opening a big ledger) are pipelined: segments of about 4 MB are decoded and
    /// hashed on worker threads, two halves at a time, while this thread checks the chain and
    /// folds the segment before. The fold itself stays on one thread, in file order.
    func readNewLines<Decoder: LineDecoder>(decoder: Decoder, recoverTail: Bool, report: inout LogOpenReport,
                                            sink: (Decoder.Batch, Int, Int) throws(LineDefect) -> Void) throws(LogError) {
        var readPos = offset
        var inflight: [DecodeJob<Decoder>] = []
        // Buffers of segments already folded, read into again.
        var spare: [[UInt8]] = []
        var eof = false
        while true {
            while inflight.count < 3 && !eof {
                guard let job = try readSegment(at: readPos, decoder: decoder, reusing: spare.popLast()) else { eof = true; break }
                readPos += job.bytes.count
                job.start()
                inflight.append(job)
            }
            guard !inflight.isEmpty else { break }
            let job = inflight.removeFirst()
            job.wait()
            // Freeing a segment's decoded records is real work; leave it to a worker thread.
            defer {
                spare.append(job.takeBytes())
                DispatchQueue.global(qos: .utility).async { job.discard() }
            }
            for part in job.parts {
                for line in part.lines {
                    let lineNumber = lastSeq + 1
                    do throws(LineDefect) {
                        if let defect = line.defect { throw defect }
                        if line.seq != lastSeq + 1 {
                            throw LineDefect(kind: .sequenceGap, detail: "seq \(line.seq) follows seq \(lastSeq)")
                        }
                        if line.prev != head {
                            throw LineDefect(kind: .brokenChain, detail: lineNumber == 1
                                ? "the first line's prev is not the genesis hash"
                                : "prev does not match the hash of line \(lineNumber - 1): that line was changed, or lines were removed or inserted")
                        }
                        try sink(part.batch, line.value, lineNumber)
                        lastSeq = line.seq
                        head = line.hash
                        offset = job.base + line.end + 1
                    } catch let defect {
                        // A damaged *last* line that does not even parse is a torn write: quarantine it.
                        let isLast = job.base + line.end + 1 >= fileSize()
                        // Never the first line: a file whose only line does not parse is not
                        // known to be a ledger at all.
                        if isLast && defect.kind == .badJSON && lineNumber > 1 {
                            if recoverTail { try quarantineTail(report: &report) }
                            return
                        }
                        if readOnly {
                            report.stoppedAt = (lineNumber, defect)
                            return
                        }
                        throw LogError.corrupt(path: path, line: lineNumber, defect: defect)
                    }
                }
            }
        }
        // Bytes after the last newline: a torn write when we hold the lock, unless they are a
        // whole line that only lacks its newline (an editor stripped it): that one is kept.
        if fileSize() > offset && recoverTail {
            if try completeUnterminatedLine() {
                try readNewLines(decoder: decoder, recoverTail: recoverTail, report: &report, sink: sink)
                return
            }
            try quarantineTail(report: &report)
        }
    }

    /// When the bytes after the last newline are one complete, chained line, adds its newline
    /// (the caller holds the exclusive lock) and returns true.
    func completeUnterminatedLine() throws(LogError) -> Bool {
        let size = fileSize()
        guard size > offset, size - offset <= 1 << 26 else { return false }
        var tail = [UInt8](repeating: 0, count: size - offset)
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size - offset, off_t(offset)) }
        guard n == tail.count, !tail.contains(0x0A), let record = try? LogRecord.decode(tail),
              record.seq == lastSeq + 1, LineDigest(hex: record.prev) == head else { return false }
        if let code = calls.writeAll(fd, [0x0A]) {
            rollBack(to: size)
            throw LogError.io(operation: "append to", path: path, code: code)
        }
        if calls.fsync(fd) != 0 {
            let code = errno
            rollBack(to: size)
            throw LogError.io(operation: "flush", path: path, code: code)
        }
        return true
    }

    /// Removes snapshot temp files beside `path` left by a process killed before its rename
    /// (they hold personal data). A temp file whose process still runs is left alone.
    static func removeStaleTempFiles(beside path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let prefix = (SnapshotFile.path(forLog: path) as NSString).lastPathComponent + ".tmp-"
        guard let d = opendir(dir.isEmpty ? "." : dir) else { return }
        defer { closedir(d) }
        while let entry = readdir(d) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            guard name.hasPrefix(prefix), let pid = Int32(name.dropFirst(prefix.count)) else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                unlink((dir.isEmpty ? "" : dir + "/") + name)
            }
        }
    }

    /// Reads the complete lines that start at `position` (at least one, however long), or nil
    /// when there is no complete line there.
    func readSegment<Decoder: LineDecoder>(at position: Int, decoder: Decoder, reusing spare: [UInt8]? = nil) throws(LogError) -> DecodeJob<Decoder>? {
        // Nothing new is the common case (a TUI polls four times a second): no buffer at all.
        let available = fileSize() - position
        if available <= 0 { return nil }
        var want = min(1 << 22, available)
        var reused = spare
        while true {
            var got = 0
            var failure: Int32 = 0
            func fill(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
                while got < want {
                    let n = pread(fd, buffer.baseAddress! + got, want - got, off_t(position + got))
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = errno
                        break
                    }
                    if n == 0 { break }
                    got += n
                }
            }
            var bytes: [UInt8]
            if var b = reused {
                reused = nil
                // A folded segment's buffer: only the part it did not use is zero-filled.
                if b.count < want { b.append(contentsOf: repeatElement(0, count: want - b.count)) }
                b.withUnsafeMutableBufferPointer { fill($0) }
                b.removeSubrange(got...)
                bytes = b
            } else {
                // Not zero-filled first: every byte kept is read from the file.
                bytes = [UInt8](unsafeUninitializedCapacity: want) { buffer, count in
                    fill(buffer)
                    count = got
                }
            }
            if failure != 0 { throw LogError.io(operation: "read", path: path, code: failure) }
            if let last = bytes[0..<got].lastIndex(of: 0x0A) {
                bytes.removeSubrange((last + 1)...)
                return DecodeJob(base: position, bytes: bytes, decoder: decoder)
            }
            if got < want && position + got >= fileSize() { return nil }  // only a partial line at the end
            want *= 2                                                    // a line longer than the buffer
        }
    }

    /// Whether the log's line ending at `position.offset` has the position's hash and sequence
    /// number, i.e. whether state covering that position describes this log.
    func matches(_ position: LogPosition) throws(LogError) -> Bool {
        if position.offset == 0 { return position.seq == 0 && position.headHash == LogRecord.genesisHash }
        guard position.offset <= fileSize() else { return false }
        var window = 4096
        while true {
            let start = max(0, position.offset - window)
            var bytes = [UInt8](repeating: 0, count: position.offset - start)
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, position.offset - start, off_t(start)) }
            guard n == bytes.count, bytes.last == 0x0A else { return false }
            let body = bytes.dropLast()
            // The covered line starts after the newline before it, or at the start of the file.
            guard let lineStart = body.lastIndex(of: 0x0A).map({ $0 + 1 }) ?? (start == 0 ? 0 : nil) else {
                window *= 4
                continue
            }
            let line = Array(body[lineStart...])
            return LineDigest(hex: position.headHash) == LineDigest.of(line) && (try? LogRecord.decode(line))?.seq == position.seq
        }
    }

    /// A new descriptor for the open log file (the caller closes it): reads through it always
    /// reach this file, even after the path is given to another.
    public func duplicateDescriptor() -> Int32 { dup(fd) }

    /// The position this log has read up to.
    public var position: LogPosition { LogPosition(offset: offset, seq: lastSeq, headHash: head.hex) }

    /// Moves every byte after `offset` to a quarantine file beside the log, then cuts the log.
    func quarantineTail(report: inout LogOpenReport) throws(LogError) {
        let size = fileSize()
        guard size > offset else { return }
        var tail = [UInt8](repeating: 0, count: size - offset)
        let n = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, size - offset, off_t(offset)) }
        guard n == size - offset else { throw LogError.io(operation: "read", path: path, code: n < 0 ? errno : EIO) }
        let stamp = LogClock.fileStamp()
        var qpath = "\(path).quarantine-\(stamp)"
        var k = 1
        while access(qpath, F_OK) == 0 { k += 1; qpath = "\(path).quarantine-\(stamp)-\(k)" }
        try EventLog.writeNewFile(path: qpath, bytes: tail)
        if calls.truncate(fd, offset) != 0 { throw LogError.io(operation: "truncate", path: path, code: errno) }
        if calls.fsync(fd) != 0 { throw LogError.io(operation: "flush", path: path, code: errno) }
        report.quarantined = QuarantineReport(path: qpath, byteCount: tail.count, line: lastSeq + 1)
        recoveries.append(report.quarantined!)
    }

    // MARK: - Locking and files

    func withLock<T>(exclusive: Bool, _ body: () throws -> T) throws -> T {
        var result: Result<T, any Error>? = nil
        try withLock(exclusive: exclusive) { () throws(LogError) in result = Result { try body() } }
        return try result!.get()
    }

    func withLock<T>(exclusive: Bool, _ body: () throws(LogError) -> T) throws(LogError) -> T {
        if lockFD >= 0 {
            while flock(lockFD, exclusive ? LOCK_EX : LOCK_SH) != 0 {
                if errno == EINTR { continue }
                throw LogError.io(operation: "lock", path: lockPath, code: errno)
            }
        }
        defer { if lockFD >= 0 { flock(lockFD, LOCK_UN) } }
        return try body()
    }

    /// Creates an empty log, mode 0600, creating missing folders with mode 0700. The caller holds
    /// the lock; an exclusive create never replaces a file that appeared meanwhile, and an empty
    /// file needs no temp-file-and-rename to appear whole.
    /// Returns true when it created the file.
    @discardableResult
    public static func createEmptyIfMissing(path: String) throws(LogError) -> Bool {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try makeDirectories(dir) }
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd < 0 {
            if errno == EEXIST { return false }
            throw LogError.io(operation: "create", path: path, code: errno)
        }
        let synced = fsync(fd) == 0
        let e = errno
        close(fd)
        if !synced { throw LogError.io(operation: "flush", path: path, code: e) }
        syncDirectory(dir.isEmpty ? "." : dir)
        return true
    }

    /// Writes a new file atomically with mode 0600: temp file, fsync, rename, fsync the folder.
    public static func writeNewFile(path: String, bytes: [UInt8]) throws(LogError) {
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty { try makeDirectories(dir) }
        let temp = "\(path).tmp-\(getpid())"
        let tfd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard tfd >= 0 else { throw LogError.io(operation: "create", path: temp, code: errno) }
        fchmod(tfd, 0o600)
        if let code = FileCalls.system.writeAll(tfd, bytes) {
            close(tfd); unlink(temp)
            throw LogError.io(operation: "create", path: temp, code: code)
        }
        if fsync(tfd) != 0 { let e = errno; close(tfd); unlink(temp); throw LogError.io(operation: "flush", path: temp, code: e) }
        close(tfd)
        if rename(temp, path) != 0 { let e = errno; unlink(temp); throw LogError.io(operation: "create", path: path, code: e) }
        syncDirectory(dir.isEmpty ? "." : dir)
    }

    static func syncDirectory(_ dir: String) {
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// `mkdir -p` with mode 0700 for every folder it creates.
    public static func makeDirectories(_ dir: String) throws(LogError) {
        if access(dir, F_OK) == 0 { return }
        let parent = (dir as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != dir { try makeDirectories(parent) }
        if mkdir(dir, 0o700) != 0 && errno != EEXIST {
            throw LogError.io(operation: "create", path: dir, code: errno)
        }
    }
}

/// Wall-clock time stamps for the `at` member and quarantine file names.
public enum LogClock {
    /// The time zone of `at` stamps: `TAIZHANG_TZ`, else Asia/Shanghai.
    public static let timeZone: TimeZone = {
        if let name = ProcessInfo.processInfo.environment["TAIZHANG_TZ"], let tz = TimeZone(identifier: name) { return tz }
        return TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
    }()

    /// Now, as `2024-03-05T09:12:33.120+08:00`.
    @Sendable public static func now() -> String { format(Date(), in: timeZone) }

    /// Formats a moment as ISO 8601 with milliseconds and offset.
    public static func format(_ date: Date, in tz: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .nanosecond], from: date)
        let offset = tz.secondsFromGMT(for: date)
        let sign = offset < 0 ? "-" : "+"
        let oh = abs(offset) / 3600, om = abs(offset) % 3600 / 60
        func p(_ v: Int, _ w: Int = 2) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(c.year!, 4))-\(p(c.month!))-\(p(c.day!))T\(p(c.hour!)):\(p(c.minute!)):\(p(c.second!)).\(p(c.nanosecond! / 1_000_000, 3))\(sign)\(p(oh)):\(p(om))"
    }

    /// A compact UTC stamp for file names, e.g. `20241105T101010Z`.
    public static func fileStamp() -> String {
        var t = time(nil)
        var tmv = tm()
        gmtime_r(&t, &tmv)
        func p(_ v: Int32, _ w: Int = 2) -> String { let s = String(v); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(p(tmv.tm_year + 1900, 4))\(p(tmv.tm_mon + 1))\(p(tmv.tm_mday))T\(p(tmv.tm_hour))\(p(tmv.tm_min))\(p(tmv.tm_sec))Z"
    }
}
