#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few system calls through which the log changes its file, injectable so tests can make a
/// write fail with ENOSPC or EIO, or return short, at exactly the moment they choose.
///
/// Each call follows the C convention: a negative result means failure and `errno` says why.
public struct FileCalls: Sendable {
    /// `write(2)`.
    public var write: @Sendable (_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int
    /// `fsync(2)`.
    public var fsync: @Sendable (_ fd: Int32) -> Int32
    /// `ftruncate(2)`.
    public var truncate: @Sendable (_ fd: Int32, _ length: Int) -> Int32

    /// Creates a set of calls.
    public init(write: @escaping @Sendable (Int32, UnsafeRawPointer, Int) -> Int,
                fsync: @escaping @Sendable (Int32) -> Int32,
                truncate: @escaping @Sendable (Int32, Int) -> Int32) {
        self.write = write
        self.fsync = fsync
        self.truncate = truncate
    }

    /// The real system calls.
    public static let system = FileCalls(
        write: { fd, buf, n in
            #if canImport(Glibc)
            return Glibc.write(fd, buf, n)
            #else
            return Darwin.write(fd, buf, n)
            #endif
        },
        fsync: { fd in
            #if canImport(Glibc)
            return Glibc.fsync(fd)
            #else
            return Darwin.fsync(fd)
            #endif
        },
        truncate: { fd, length in
            #if canImport(Glibc)
            return Glibc.ftruncate(fd, off_t(length))
            #else
            return Darwin.ftruncate(fd, off_t(length))
            #endif
        }
    )

    /// Writes all of `bytes`, looping over short writes and EINTR.
    func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + done, bytes.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if n == 0 { return EIO }
            done += n
        }
        return nil
    }
}
