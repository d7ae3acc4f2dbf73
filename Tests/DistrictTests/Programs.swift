import Foundation

/// The package's built executables: `$TAIZHANG_BIN_DIR`, else `.build/debug` under the package root.
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

    static var taizhang: String { directory + "/taizhang" }
    static var demoLedger: String { packageRoot.appendingPathComponent("data/demo-2024.jsonl").path }
}

/// What a program printed and how it ended.
struct RunResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// A started program whose output goes to temporary files (no pipes to drain).
final class RunningProgram: @unchecked Sendable {
    let process = Process()
    let outPath = "/tmp/taizhang-district-out-" + UUID().uuidString
    let errPath = "/tmp/taizhang-district-err-" + UUID().uuidString

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits for the program and returns what it printed.
    func finish() -> RunResult {
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        return RunResult(status: process.terminationStatus,
                         stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                         stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
    }
}

/// Runs `executable` to its end.
@discardableResult
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> RunResult {
    try RunningProgram(executable, arguments, environment: environment).finish()
}

/// Runs the taizhang CLI in English on a fixed day.
@discardableResult
func taizhang(_ arguments: [String], today: String = DistrictFixtures.today) throws -> RunResult {
    try run(Binaries.taizhang, arguments + ["--lang", "en"],
            environment: ["TAIZHANG_TODAY": today, "TAIZHANG_OPERATOR": "测试员", "TAIZHANG_DISTRICT_DB": ""])
}
