#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks that a path names a ledger before anything reads, locks or changes it.
///
/// Two promises rest on these checks: only regular files are opened (a FIFO would block every
/// reader, /dev/zero never ends, and a lock file beside /dev/null is litter), and a file that
/// is not a taizhang ledger is refused untouched, so its content is never mistaken for a torn
/// tail and cut away.
public enum LedgerFile {
    /// The UTF-8 byte-order mark, which taizhang never writes.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// What the start of a file says about it.
    public enum Identity: Sendable, Equatable {
        /// No bytes: a new ledger.
        case empty
        /// Its first line is a taizhang line (or the torn start of one).
        case ledger
        /// A taizhang ledger whose first line starts with a byte-order mark (an editor added it).
        case byteOrderMark
        /// Anything else; the reason says what was found.
        case foreign(String)
    }

    /// Throws unless the file at `path`, if it exists, is a regular file (symbolic links are
    /// followed). Nothing is created or opened.
    public static func checkRegular(path: String) throws(LogError) {
        var st = stat()
        guard stat(path, &st) == 0 else { return }
        if let kind = nonRegularKind(st.st_mode) { throw LogError.notRegularFile(path: path, kind: kind) }
    }

    /// Opens `path` with `flags` and checks, on the open descriptor, that it is a regular file.
    /// The open never blocks (a FIFO without a writer would), and never makes the file the
    /// process's controlling terminal.
    public static func openRegular(path: String, flags: Int32) throws(LogError) -> Int32 {
        let fd = open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw e == ENOENT ? LogError.notFound(path: path) : LogError.io(operation: "open", path: path, code: e)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            close(fd)
            throw LogError.io(operation: "open", path: path, code: e)
        }
        if let kind = nonRegularKind(st.st_mode) {
            close(fd)
            throw LogError.notRegularFile(path: path, kind: kind)
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// A word for a file that is not regular, or nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFSOCK: return "a socket"
        default: return "not a regular file"
        }
    }

    /// The longest first line read to identify a file; a longer one is judged by its start.
    static let identifyLimit = 1 << 24

    /// What the file open at `fd` is, judged by its first line.
    ///
    /// A ledger's first line is a taizhang record: it starts `{"v":` and a digit, or (written by
    /// hand with its members in another order) it is a JSON object with `v`, `seq` and `prev`.
    /// A file without a complete line is the torn start of a ledger only when its bytes begin
    /// as taizhang's first line always begins (`{"v":1,"seq":1,"id":"`), or are a piece of that.
    public static func identify(fd: Int32) -> Identity {
        var first: [UInt8] = []
        var complete = false
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var pos = 0
        while first.count < identifyLimit {
            let n = chunk.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, off_t(pos)) }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { break }
            if let nl = chunk[0..<n].firstIndex(of: 0x0A) {
                first.append(contentsOf: chunk[0..<nl])
                complete = true
                break
            }
            first.append(contentsOf: chunk[0..<n])
            pos += n
        }
        if first.isEmpty && !complete { return .empty }
        if first.starts(with: byteOrderMark) {
            let rest = Array(first.dropFirst(3))
            return isLedgerLine(rest, complete: complete) ? .byteOrderMark
                : .foreign("it starts with a byte-order mark and its first line is not a taizhang record")
        }
        if isLedgerLine(first, complete: complete) { return .ledger }
        return .foreign(complete ? "its first line is not a taizhang record" : "it holds no taizhang record")
    }

    static let canonicalStart: [UInt8] = Array("{\"v\":1,\"seq\":1,\"id\":\"".utf8)

    /// Whether `line` (without newline) is a taizhang line, or, when not `complete`, the torn
    /// start of a ledger's first line.
    static func isLedgerLine(_ line: [UInt8], complete: Bool) -> Bool {
        if !complete {
            return line.count <= canonicalStart.count ? canonicalStart.starts(with: line) : line.starts(with: canonicalStart)
        }
        let prefix: [UInt8] = Array("{\"v\":".utf8)
        if line.count > prefix.count, line.starts(with: prefix), (48...57).contains(line[prefix.count]) { return true }
        guard let value = try? JSONParser.parse(line), case .object = value else { return false }
        return value["v"] != nil && value["seq"] != nil && value["prev"] != nil
    }
}
