import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads single lines of a log by position, so the folded state can point at its events' lines
/// instead of holding every event's payload in memory (a district ledger has a million events;
/// a screen shows a few dozen of them at a time).
public final class LineSource: @unchecked Sendable {
    /// The log file.
    public let path: String
    private let lock = NSLock()
    private var fd: Int32 = -1

    /// A source for the file at `path`; the file is opened on first use.
    public init(path: String) {
        self.path = path
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The record whose line starts at `offset` and is `length` bytes long, or nil when the file
    /// no longer holds it (it was replaced).
    public func record(offset: Int, length: Int) -> LogRecord? {
        lock.lock()
        if fd < 0 { fd = open(path, O_RDONLY | O_CLOEXEC) }
        let handle = fd
        lock.unlock()
        guard handle >= 0, length > 0 else { return nil }
        var buffer = [UInt8](repeating: 0, count: length)
        let n = buffer.withUnsafeMutableBytes { pread(handle, $0.baseAddress, length, off_t(offset)) }
        guard n == length else { return nil }
        return try? LogRecord.decode(buffer)
    }
}
