import Foundation

/// Finds the package's built executables: `$TAIZHANG_BIN_DIR`, else `.build/debug` under the
/// package root (found from this file's path).
enum Binaries {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var directory: String {
        if let d = ProcessInfo.processInfo.environment["TAIZHANG_BIN_DIR"], !d.isEmpty { return d }
        return packageRoot.appendingPathComponent(".build/debug").path
    }

    static func path(_ name: String) -> String { directory + "/" + name }
}

/// The result of running a program.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A started program whose output goes to temporary files (no pipes to drain).
final class RunningProgram {
    let process = Process()
    let outPath = NSTemporaryDirectory() + "taizhang-out-" + UUID().uuidString
    let errPath = NSTemporaryDirectory() + "taizhang-err-" + UUID().uuidString

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
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
    var stdout: String { (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" }

    /// Waits for the program to end and returns what it printed.
    func finish() -> RunResult {
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
func runProgram(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
    try RunningProgram(executable, arguments, environment: environment).finish()
}

/// A scratch folder with a ledger path, and a runner for the CLI on it.
final class CLIFixture {
    let dir: String
    let store: String
    let today: String

    init(today: String = "2024-12-31") {
        dir = NSTemporaryDirectory() + "taizhang-e2e-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = dir + "/ledger.jsonl"
        self.today = today
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `taizhang ARGS --store STORE` as operator 王律师 on the fixture's day.
    @discardableResult
    func tz(_ arguments: String..., lang: String? = nil) throws -> RunResult {
        var args = arguments + ["--store", store, "--operator", "王律师"]
        if let lang { args += ["--lang", lang] }
        return try runProgram(Binaries.path("taizhang"), args, environment: ["TAIZHANG_TODAY": today])
    }
}
