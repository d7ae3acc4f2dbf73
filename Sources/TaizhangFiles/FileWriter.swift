import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file could not be written, naming the path and the step that failed.
public enum FileWriteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The target already exists and the caller did not ask to replace it.
    case exists(path: String)
    /// A system call failed: `step` is `create`, `write`, `flush`, `rename` or `folder`.
    case failed(step: String, path: String, code: Int32)

    /// The path the error is about.
    public var path: String {
        switch self {
        case let .exists(path), let .failed(_, path, _): return path
        }
    }

    public var description: String {
        switch self {
        case let .exists(path): return "\(path) already exists"
        case let .failed(step, path, code): return "cannot \(Self.verb(step, zh: false)) \(path): \(String(cString: strerror(code)))"
        }
    }

    /// The message in Chinese.
    public var chineseDescription: String {
        switch self {
        case let .exists(path): return "\(path) 已存在"
        case let .failed(step, path, code): return "无法\(Self.verb(step, zh: true)) \(path)：\(String(cString: strerror(code)))"
        }
    }

    private static func verb(_ step: String, zh: Bool) -> String {
        switch step {
        case "write": return zh ? "写入" : "write"
        case "flush": return zh ? "保存到磁盘" : "flush"
        case "rename": return zh ? "替换" : "replace"
        case "folder": return zh ? "创建文件夹" : "create the folder"
        default: return zh ? "创建" : "create"
        }
    }
}

/// The one writer for files a user asked for (exports, figures): atomic, private, and careful
/// not to replace what is already there.
///
/// The bytes go to a temporary file beside the target (mode 0600), which is flushed to disk,
/// renamed over the target and followed by a flush of the folder, so a crash leaves either the
/// old file or the whole new one, never a part. Missing folders are made with mode 0700. The
/// files hold personal data (names, phone and ID numbers), so nobody but the owner can read
/// them.
public enum FileWriter {
    /// Mode of every file written.
    public static let fileMode: mode_t = 0o600
    /// Mode of every folder made.
    public static let folderMode: mode_t = 0o700

    /// Writes `bytes` to `path` and returns the file's full path.
    ///
    /// Refuses with ``FileWriteError/exists(path:)`` when something is at `path` already,
    /// unless `overwrite` is true. A relative path is taken from `directory` (default: the
    /// process's working folder).
    @discardableResult
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool = false,
                             relativeTo directory: String? = nil) throws(FileWriteError) -> String {
        let file = try prepare(bytes, for: path, overwrite: overwrite, relativeTo: directory)
        return try file.commit(overwrite: overwrite)
    }

    /// The first of two steps: writes `bytes` in full to a temporary file beside `path` (flushed,
    /// mode 0600) and returns it, not yet in place. Callers that must record something between
    /// "the bytes are safely on disk" and "the file is there" (an issued document's event) use
    /// this, then ``PendingFile/commit(overwrite:)`` or ``PendingFile/discard()``.
    ///
    /// Refuses with ``FileWriteError/exists(path:)`` when something is at `path` already, unless
    /// `overwrite`; the commit checks again.
    public static func prepare(_ bytes: [UInt8], for path: String, overwrite: Bool = false,
                               relativeTo directory: String? = nil) throws(FileWriteError) -> PendingFile {
        let full = absolute(path, relativeTo: directory)
        let dir = (full as NSString).deletingLastPathComponent
        if !dir.isEmpty { try makeDirectories(dir) }
        if !overwrite && exists(full) { throw .exists(path: full) }
        // A name of its own per call: two files prepared for one target must not share it.
        let file = PendingFile(path: full, temporaryPath: "\(full).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try file.replaceContents(bytes)
        return file
    }

    /// Whether anything (a file, a folder, a dangling link) is at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    /// `path` made absolute against `directory` (default: the working folder), with `.` and
    /// `..` left as they are.
    public static func absolute(_ path: String, relativeTo directory: String? = nil) -> String {
        if path.hasPrefix("/") { return path }
        let base = directory ?? currentDirectory()
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }

    /// The process's working folder.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(cString: buffer)
    }

    /// `mkdir -p` with mode 0700 for every folder it makes.
    public static func makeDirectories(_ dir: String) throws(FileWriteError) {
        if access(dir, F_OK) == 0 { return }
        let parent = (dir as NSString).deletingLastPathComponent
        if !parent.isEmpty && parent != dir { try makeDirectories(parent) }
        if mkdir(dir, folderMode) != 0 && errno != EEXIST {
            throw .failed(step: "folder", path: dir, code: errno)
        }
    }

    /// Flushes a folder's entries (a rename in it) to disk.
    public static func syncDirectory(_ dir: String) throws(FileWriteError) {
        let dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard dfd >= 0 else { throw .failed(step: "flush", path: dir, code: errno) }
        defer { close(dfd) }
        // Some file systems cannot flush a folder (EINVAL); the rename itself has happened.
        if fsync(dfd) != 0 && errno != EINVAL { throw .failed(step: "flush", path: dir, code: errno) }
    }
}

/// A file whose bytes are on disk under a temporary name beside ``path``, waiting to be put in
/// place (``FileWriter/prepare(_:for:overwrite:relativeTo:)``).
public struct PendingFile: Sendable {
    /// The full path the file goes to.
    public let path: String
    /// Where the bytes are until the commit.
    public let temporaryPath: String

    /// Replaces the temporary file's contents with `bytes` (flushed, mode 0600). On failure the
    /// temporary file is removed.
    public func replaceContents(_ bytes: [UInt8]) throws(FileWriteError) {
        let temp = temporaryPath
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, FileWriter.fileMode)
        guard fd >= 0 else { throw .failed(step: "create", path: temp, code: errno) }
        // The umask cannot widen 0600, but a leftover temporary file keeps its old mode.
        fchmod(fd, FileWriter.fileMode)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let code = n < 0 ? errno : EIO
                close(fd); unlink(temp)
                throw .failed(step: "write", path: temp, code: code)
            }
            done += n
        }
        if fsync(fd) != 0 { let e = errno; close(fd); unlink(temp); throw .failed(step: "flush", path: temp, code: e) }
        close(fd)
    }

    /// Puts the file in place and returns its full path. Without `overwrite` it refuses with
    /// ``FileWriteError/exists(path:)`` if a file appeared at ``path`` meanwhile. The temporary
    /// file is gone afterwards either way.
    @discardableResult
    public func commit(overwrite: Bool = false) throws(FileWriteError) -> String {
        let temp = temporaryPath, full = path
        if !overwrite {
            // Not replacing: link() fails if a file appeared meanwhile, where rename() would
            // silently replace it.
            if link(temp, full) == 0 {
                unlink(temp)
            } else {
                let e = errno
                if e == EEXIST { unlink(temp); throw .exists(path: full) }
                // File systems without hard links (a FAT-formatted USB stick): check, then rename.
                if FileWriter.exists(full) { unlink(temp); throw .exists(path: full) }
                if rename(temp, full) != 0 { let e = errno; unlink(temp); throw .failed(step: "rename", path: full, code: e) }
            }
        } else if rename(temp, full) != 0 {
            let e = errno; unlink(temp); throw .failed(step: "rename", path: full, code: e)
        }
        let dir = (full as NSString).deletingLastPathComponent
        try FileWriter.syncDirectory(dir.isEmpty ? "." : dir)
        return full
    }

    /// Removes the temporary file (the file is not to be written after all).
    public func discard() { unlink(temporaryPath) }
}

/// `write(2)`, named apart from ``FileWriter/write(_:to:overwrite:relativeTo:)``.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
