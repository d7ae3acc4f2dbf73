import Foundation
import TaizhangTestSupport

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

    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: outPath)
        process.standardError = FileHandle(forWritingAtPath: errPath)
        process.standardInput = stdin.flatMap { FileHandle(forReadingAtPath: $0) } ?? FileHandle.nullDevice
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
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> RunResult {
    try RunningProgram(executable, arguments, environment: environment, stdin: stdin).finish()
}

/// Runs the taizhang CLI in English on a fixed day.
@discardableResult
func taizhang(_ arguments: [String], today: String = DistrictFixtures.today, stdin: String? = nil) throws -> RunResult {
    try run(Binaries.taizhang, arguments + ["--lang", "en"],
            environment: ["TAIZHANG_TODAY": today, "TAIZHANG_OPERATOR": "测试员", "TAIZHANG_DISTRICT_DB": ""], stdin: stdin)
}

/// Runs `argv` with posix_spawn, every descriptor above 2 closed in the child, and waits for it.
///
/// For the server's programs: `pg_ctl start` leaves a daemon behind, and a daemon that inherited
/// one of Foundation's descriptors (its `Process` keeps a socket for each child) would make
/// Foundation wait for the daemon instead of pg_ctl.
func spawnClosingDescriptors(_ argv: [String], environment: [String: String] = [:]) throws -> RunResult {
    let outPath = "/tmp/taizhang-district-out-" + UUID().uuidString
    let errPath = "/tmp/taizhang-district-err-" + UUID().uuidString
    defer {
        unlink(outPath)
        unlink(errPath)
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // glibc 2.34+ (Debian 12 has 2.36); not in Swift's Glibc module, so found at run time.
    typealias CloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else {
        return RunResult(status: 127, stdout: "", stderr: "posix_spawn_file_actions_addclosefrom_np is missing (glibc older than 2.34)")
    }
    _ = unsafeBitCast(symbol, to: CloseFrom.self)(&actions, 3)
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let cArgs = argv.map { strdup($0) } + [nil]
    let cEnv = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        cArgs.forEach { free($0) }
        cEnv.forEach { free($0) }
    }
    var pid: pid_t = 0
    let rc = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
    guard rc == 0 else {
        return RunResult(status: 127, stdout: "", stderr: "cannot start \(argv[0]): \(String(cString: strerror(rc)))")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    return RunResult(status: exit,
                     stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                     stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}
