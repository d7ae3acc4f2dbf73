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
    /// Readers share it (a search text is built on two threads, each reading texts back); a
    /// descriptor or mapping is replaced under it alone.
    private let lock = ReadWriteLock()
    private var fd: Int32 = -1
    /// The file mapped into memory while ``withMapping(_:)`` runs.
    private var mapping: UnsafeRawBufferPointer?

    /// This source's number in the process-wide registry (see ``registered(_:)``).
    public let number: UInt32

    /// A source for the file at `path`; the file is opened on first use.
    public init(path: String) {
        self.path = path
        number = LineSource.nextNumber()
        LineSource.register(self)
    }

    // MARK: - Registry

    // Folded timeline entries name their source by number instead of holding a reference: a
    // million entries then cost no reference counting and eight bytes less each. The registry
    // holds sources weakly; the state that folded the entries keeps its source alive.
    private final class Weak { weak var source: LineSource?; init(_ s: LineSource) { source = s } }
    private static let registryLock = NSLock()
    nonisolated(unsafe) private static var sources: [UInt32: Weak] = [:]
    nonisolated(unsafe) private static var counter: UInt32 = 0

    private static func nextNumber() -> UInt32 {
        registryLock.lock()
        defer { registryLock.unlock() }
        counter &+= 1
        return counter
    }

    private static func register(_ source: LineSource) {
        registryLock.lock()
        if sources.count > 64 { sources = sources.filter { $0.value.source != nil } }
        sources[source.number] = Weak(source)
        registryLock.unlock()
    }

    /// The source with this number.
    public static func registered(_ number: UInt32) -> LineSource? {
        registryLock.lock()
        defer { registryLock.unlock() }
        return sources[number]?.source
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Reads through `descriptor` (which the source now owns) instead of opening the path, so
    /// lines are always read from the file the log has open, even if the path is later given to
    /// another file.
    public func use(descriptor: Int32) {
        guard descriptor >= 0 else { return }
        lock.write {
            if fd >= 0 { close(fd) }
            fd = descriptor
        }
    }

    /// The record whose line starts at `offset` and is `length` bytes long, or nil when the file
    /// no longer holds it (it was replaced).
    public func record(offset: Int, length: Int) -> LogRecord? {
        guard let buffer = bytes(offset: offset, length: length) else { return nil }
        return try? LogRecord.decode(buffer)
    }

    /// The UTF-8 text whose bytes are at `offset`, `length` bytes long (a string value written
    /// without escapes), or nil when the file no longer holds valid text there.
    public func text(offset: Int, length: Int) -> String? {
        if length == 0 { return "" }
        guard let buffer = bytes(offset: offset, length: length) else { return nil }
        return buffer.withUnsafeBufferPointer { UTF8Check.string($0) }
    }

    /// Runs `body` with the file mapped into memory, so the many small reads it makes (every
    /// text of every case, when the queue builds its search index) are copies instead of
    /// system calls. Only complete lines already read are ever asked for, and a log only
    /// grows, so the mapped bytes stay valid.
    public func withMapping<T>(_ body: () throws -> T) rethrows -> T {
        let mapped: (UnsafeMutableRawPointer, Int)? = lock.write {
            if fd < 0 { fd = open(path, O_RDONLY | O_CLOEXEC) }
            var st = stat()
            guard mapping == nil, fd >= 0, fstat(fd, &st) == 0, st.st_size > 0,
                  let p = mmap(nil, Int(st.st_size), PROT_READ, MAP_SHARED, fd, 0), p != MAP_FAILED else { return nil }
            mapping = UnsafeRawBufferPointer(start: p, count: Int(st.st_size))
            return (p, Int(st.st_size))
        }
        defer {
            if let (p, size) = mapped {
                lock.write {
                    mapping = nil
                    munmap(p, size)
                }
            }
        }
        return try body()
    }

    /// Lets go of the mapped pages read so far (``withMapping(_:)``), without unmapping: they
    /// stay in the page cache and fault back in if read again. A pass over every case's texts
    /// reads the file front to back, and would otherwise end up holding the whole file as
    /// resident memory. Does nothing when the file is not mapped.
    public func releaseMappedPages() {
        lock.read {
            if let m = mapping, let base = m.baseAddress { madvise(UnsafeMutableRawPointer(mutating: base), m.count, MADV_DONTNEED) }
        }
    }

    /// `length` bytes at `offset`. The lock is held (shared with other readers) across the read,
    /// so a descriptor being replaced by ``use(descriptor:)`` is never read after it is closed.
    func bytes(offset: Int, length: Int) -> [UInt8]? {
        guard length > 0, length <= 1 << 28, offset >= 0 else { return nil }
        if lock.read({ fd < 0 }) { lock.write { if fd < 0 { fd = open(path, O_RDONLY | O_CLOEXEC) } } }
        return lock.read { read(offset: offset, length: length) }
    }

    /// ``bytes(offset:length:)`` with the lock held.
    private func read(offset: Int, length: Int) -> [UInt8]? {
        // Served from the mapping only while the file still reaches that far: a page past the
        // end of a file cut short in place (by something other than taizhang) would fault.
        var st = stat()
        if let m = mapping, offset + length <= m.count, fstat(fd, &st) == 0, offset + length <= Int(st.st_size) {
            return Array(UnsafeRawBufferPointer(rebasing: m[offset..<(offset + length)]))
        }
        guard fd >= 0 else { return nil }
        var got = 0
        let buffer = [UInt8](unsafeUninitializedCapacity: length) { out, count in
            while got < length {
                let n = pread(fd, out.baseAddress! + got, length - got, off_t(offset + got))
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                got += n
            }
            count = got
        }
        return got == length ? buffer : nil
    }
}

/// A lock that readers hold together and a writer alone (`pthread_rwlock_t`).
final class ReadWriteLock: @unchecked Sendable {
    private let rw: UnsafeMutablePointer<pthread_rwlock_t>

    init() {
        rw = UnsafeMutablePointer<pthread_rwlock_t>.allocate(capacity: 1)
        rw.initialize(to: pthread_rwlock_t())
        pthread_rwlock_init(rw, nil)
    }

    deinit {
        pthread_rwlock_destroy(rw)
        rw.deallocate()
    }

    /// `body` with the lock shared with other readers.
    func read<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_rdlock(rw)
        defer { pthread_rwlock_unlock(rw) }
        return try body()
    }

    /// `body` with the lock held alone.
    func write<T>(_ body: () throws -> T) rethrows -> T {
        pthread_rwlock_wrlock(rw)
        defer { pthread_rwlock_unlock(rw) }
        return try body()
    }
}
