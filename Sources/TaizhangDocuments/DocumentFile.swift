import Foundation
import TaizhangDomain
import TaizhangLog
#if canImport(Glibc)
import Glibc
#endif

/// A document file on its way to disk: written in full to a temporary file beside its place
/// (mode 0600, it holds personal data) and `fsync`ed, then put in place in one step, so a
/// reader never sees half a document and an existing file is never replaced unless asked.
struct DocumentFile {
    let path: String
    let temp: String

    /// Writes `bytes` to a new temporary file beside `path`.
    init(path: String, bytes: [UInt8]) throws(LogError) {
        self.path = path
        let dir = (path as NSString).deletingLastPathComponent
        temp = (dir.isEmpty ? "" : dir + "/") + ".\((path as NSString).lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try write(bytes)
    }

    /// Replaces the temporary file's contents.
    func write(_ bytes: [UInt8]) throws(LogError) {
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LogError.io(operation: "create", path: temp, code: errno) }
        fchmod(fd, 0o600)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in Glibc.write(fd, raw.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 {
                let code = n < 0 ? errno : EIO
                close(fd); unlink(temp)
                throw LogError.io(operation: "create", path: temp, code: code)
            }
            done += n
        }
        if fsync(fd) != 0 { let e = errno; close(fd); unlink(temp); throw LogError.io(operation: "flush", path: temp, code: e) }
        close(fd)
    }

    /// Puts the file in place: with `overwrite` by `rename`, else by `link`, which fails rather
    /// than replace a file that appeared meanwhile. Throws ``DocumentFile/exists(_:)`` then.
    func commit(overwrite: Bool) throws {
        defer { unlink(temp) }
        if overwrite {
            if rename(temp, path) != 0 { throw LogError.io(operation: "create", path: path, code: errno) }
        } else if link(temp, path) != 0 {
            let e = errno
            if e == EEXIST { throw DocumentFile.exists(path) }
            // A file system without hard links: check, then rename (a narrow race, no worse).
            guard e == EPERM || e == ENOTSUP || e == EXDEV else { throw LogError.io(operation: "create", path: path, code: e) }
            if access(path, F_OK) == 0 { throw DocumentFile.exists(path) }
            if rename(temp, path) != 0 { throw LogError.io(operation: "create", path: path, code: errno) }
        }
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { _ = fsync(dfd); close(dfd) }
    }

    /// Removes the temporary file (when the document is not to be written after all).
    func discard() { unlink(temp) }

    /// The refusal to replace an existing file.
    static func exists(_ path: String) -> ValidationError {
        ValidationError(field: "output", value: path, zh: "文件 \(path) 已存在；如要覆盖，请加 --force",
                        en: "\(path) already exists; add --force to replace it")
    }
}
