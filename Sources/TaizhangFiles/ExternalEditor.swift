import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a text could not be edited in an external editor.
public enum ExternalEditError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No editor was found (`$VISUAL`, `$EDITOR`, `nano`, `vi`).
    case noEditor
    /// The scratch file could not be written or read back (`step`, errno).
    case file(step: String, path: String, code: Int32)
    /// The editor could not be started, or it exited with a non-zero status (the text is kept as it was).
    case editorFailed(command: String, status: Int32)

    public var description: String {
        switch self {
        case .noEditor: return "no editor found: set VISUAL or EDITOR, or install nano or vi"
        case let .file(step, path, code): return "cannot \(step) \(path): \(String(cString: strerror(code)))"
        case let .editorFailed(command, status): return "the editor (\(command)) exited with status \(status); the text is unchanged"
        }
    }

    /// The message in Chinese.
    public var chineseDescription: String {
        switch self {
        case .noEditor: return "找不到编辑器：请设置 VISUAL 或 EDITOR，或安装 nano 或 vi"
        case let .file(step, path, code): return "无法\(step == "write" ? "写入" : "读取") \(path)：\(String(cString: strerror(code)))"
        case let .editorFailed(command, status): return "编辑器（\(command)）以状态 \(status) 退出；内容未改"
        }
    }
}

/// Edits a text in the user's editor: `$VISUAL`, else `$EDITOR`, else `nano`, else `vi`, run by
/// `/bin/sh` (so `EDITOR="code --wait"` works) on a scratch file (0600, removed afterwards).
/// The caller hands the terminal over first (the backend's suspend/resume).
public struct ExternalEditor: Sendable {
    /// The shell command; the file's path is appended as its last argument.
    public var command: String

    /// An editor running `command`.
    public init(command: String) { self.command = command }

    /// The editor the environment names, or the first of `nano` and `vi` on `PATH`; nil when none.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ExternalEditor? {
        for key in ["VISUAL", "EDITOR"] {
            if let v = env[key]?.trimmingCharacters(in: .whitespaces), !v.isEmpty { return ExternalEditor(command: v) }
        }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["nano", "vi"] {
            if let dir = dirs.first(where: { access($0 + "/" + name, X_OK) == 0 }) { return ExternalEditor(command: dir + "/" + name) }
        }
        return nil
    }

    /// Writes `text` to a scratch file, runs the editor on it, and returns what the file holds
    /// afterwards (one trailing line break, which editors add, removed).
    public func edit(_ text: String) throws(ExternalEditError) -> String {
        let dir = FileManager.default.temporaryDirectory.path
        let path = dir + "/taizhang-edit-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw .file(step: "write", path: path, code: errno) }
        defer { unlink(path) }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let writeErrno = errno
        close(fd)
        guard written == bytes.count else { throw .file(step: "write", path: path, code: writeErrno) }

        var pid: pid_t = 0
        let args: [String] = ["/bin/sh", "-c", command + " \"$1\"", "sh", path]
        var argv: [UnsafeMutablePointer<CChar>?] = args.map { strdup($0) }
        argv.append(nil)
        defer { argv.forEach { free($0) } }
        let rc = posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ)
        guard rc == 0 else { throw .editorFailed(command: command, status: rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exit == 0 else { throw .editorFailed(command: command, status: exit) }

        guard let data = FileManager.default.contents(atPath: path) else { throw .file(step: "read", path: path, code: errno) }
        var result = String(decoding: data, as: UTF8.self)
        if result.hasSuffix("\r\n") { result.removeLast() } else if result.hasSuffix("\n") { result.removeLast() }
        return result
    }
}
