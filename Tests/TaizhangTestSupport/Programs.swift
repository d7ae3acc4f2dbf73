import Foundation
import TaizhangTestSupport

/// Finds the package's built executables: `$TAIZHANG_BIN_DIR`, else `.build/debug` under the
/// package root (found from this file's path).
public enum Binaries {
    /// The folder holding `Package.swift`.
    public static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    /// The folder of the built executables.
    public static var directory: String {
        if let d = ProcessInfo.processInfo.environment["TAIZHANG_BIN_DIR"], !d.isEmpty { return d }
        return packageRoot.appendingPathComponent(".build/debug").path
    }

    /// The built executable `name`.
    public static func path(_ name: String) -> String { directory + "/" + name }
}

/// The result of running a program.
public struct RunResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String

    public init(status: Int32, stdout: String, stderr: String) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    /// stdout parsed as a JSON object (empty when it is not one).
    public var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }
}

/// A started program whose output goes to temporary files (no pipes to drain), its standard
/// input empty.
public final class RunningProgram {
    public let process = Process()
    let outPath = NSTemporaryDirectory() + "taizhang-out-" + UUID().uuidString
    let errPath = NSTemporaryDirectory() + "taizhang-err-" + UUID().uuidString

    /// Starts `executable` with `arguments`, `environment` added to this process's, in `folder`
    /// (default: this process's working folder).
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        FileManager.default.createFile(atPath: outPath, contents: nil)
        FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Output so far.
    public var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

    /// Waits for the program to end and returns what it printed.
    public func finish() -> RunResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        return RunResult(status: process.terminationStatus, stdout: stdout,
                         stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// Runs `executable` with `arguments`, waiting for it to finish.
@discardableResult
public func runProgram(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                       in folder: String? = nil) throws -> RunResult {
    try RunningProgram(executable, arguments, environment: environment, in: folder).finish()
}
