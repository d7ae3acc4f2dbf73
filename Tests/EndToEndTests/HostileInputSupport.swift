import Foundation
import TaizhangTestSupport
import TaizhangLog

/// How a program ended, including by a signal (a Swift trap is SIGILL or SIGTRAP) or by being
/// stopped after a time limit (a hang).
struct Outcome {
    var status: Int32
    var signalled: Bool
    var timedOut: Bool
    var stdout: String
    var stderr: String
    /// True when it ended by itself, without a signal.
    var exitedNormally: Bool { !signalled && !timedOut }
}

/// Runs `executable` with `arguments`; stops it after `limit` seconds.
func runGuarded(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                stdin: Data? = nil, limit: TimeInterval = 60) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let outPath = NSTemporaryDirectory() + "tz-out-" + UUID().uuidString
    let errPath = NSTemporaryDirectory() + "tz-err-" + UUID().uuidString
    FileManager.default.createFile(atPath: outPath, contents: nil)
    FileManager.default.createFile(atPath: errPath, contents: nil)
    defer { unlink(outPath); unlink(errPath) }
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    var inPath: String? = nil
    if let stdin {
        let p = NSTemporaryDirectory() + "tz-in-" + UUID().uuidString
        FileManager.default.createFile(atPath: p, contents: stdin)
        process.standardInput = FileHandle(forReadingAtPath: p)
        inPath = p
    } else {
        process.standardInput = FileHandle.nullDevice
    }
    defer { if let inPath { unlink(inPath) } }
    try process.run()
    let deadline = Date().addingTimeInterval(limit)
    var timedOut = false
    while process.isRunning {
        if Date() > deadline {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            break
        }
        usleep(5_000)
    }
    process.waitUntilExit()
    return Outcome(status: process.terminationStatus, signalled: !timedOut && process.terminationReason == .uncaughtSignal,
                   timedOut: timedOut,
                   stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// Runs the CLI on `store` as 王律师 on 2024-12-31, in English.
func tzGuarded(_ store: String, _ arguments: [String], stdin: Data? = nil, limit: TimeInterval = 60,
               environment: [String: String] = [:]) throws -> Outcome {
    var env = ["TAIZHANG_TODAY": "2024-12-31"]
    for (k, v) in environment { env[k] = v }
    return try runGuarded(Binaries.path("taizhang"), arguments + ["--store", store, "--operator", "王律师", "--lang", "en"],
                          environment: env, stdin: stdin, limit: limit)
}

/// Runs a shell command line (for arguments that are not valid UTF-8, which `Process` cannot pass).
func shell(_ script: String, environment: [String: String] = [:], stdin: Data? = nil) throws -> Outcome {
    var env = ["TAIZHANG_TODAY": "2024-12-31", "TZ_BIN": Binaries.path("taizhang")]
    for (k, v) in environment { env[k] = v }
    return try runGuarded("/bin/sh", ["-c", script], environment: env, stdin: stdin)
}

/// Ledger lines chained as taizhang writes them, for files a test shapes by hand.
struct LineChain {
    private(set) var lines: [[UInt8]] = []
    private(set) var head = LogRecord.genesisHash
    private var counter = 0

    /// Appends an event; `seq` and `version` may be forced to any value.
    mutating func add(_ type: String, _ caseID: String?, _ data: JSONValue, seq: Int? = nil, version: Int = 1,
                      at: String = "2024-12-31T10:00:00.000+08:00", op: String = "王律师") {
        counter += 1
        let id = String(format: "00000000-0000-4000-8000-%012d", counter)
        let record = LogRecord(version: version, seq: seq ?? lines.count + 1, id: id, at: at, op: op,
                               caseID: caseID, type: type, data: data, prev: head)
        let line = record.encoded()
        head = LineHash.hexDigest(line)
        lines.append(line)
    }

    /// The file: every line with its newline.
    var bytes: [UInt8] { lines.flatMap { $0 + [0x0A] } }

    /// A small ledger touching every event type, valid in every respect.
    static func sample() -> LineChain {
        var c = LineChain()
        for (type, id, data) in sampleEvents { c.add(type, id, data) }
        return c
    }

    /// The events of ``sample()``.
    static let sampleEvents: [(String, String?, JSONValue)] = [
        ("settings.set", nil, .object([("key", .string("town")), ("value", .string("东棘坨镇"))])),
        ("case.opened", "M-2024-0001", .object([("kind", .string("mediation")), ("fields", .object([
            ("applicant", .string("张三")), ("category", .string("neighbor")), ("date", .string("2024-03-05")),
            ("respondent", .string("李四")), ("unit", .string("office"))]))])),
        ("case.noted", "M-2024-0001", .object([("text", .string("双方约定下周再谈"))])),
        ("case.updated", "M-2024-0001", .object([("fields", .object([("village", .string("东村"))]))])),
        ("case.closed", "M-2024-0001", .object([("outcome", .string("resolved")), ("closed_on", .string("2024-03-20")),
                                                ("fields", .object([("agreement", .string("written"))]))])),
        ("case.followed_up", "M-2024-0001", .object([("date", .string("2024-04-20")), ("performed", .string("yes")), ("note", .string("已按协议付款"))])),
        ("case.opened", "P-2024-0001", .object([("kind", .string("petition")), ("fields", .object([
            ("accepted_on", .string("2024-03-05")), ("date", .string("2024-03-05")), ("form", .string("visit")),
            ("petitioner", .string("孙七")), ("subject", .string("宅基地界址纠纷")), ("unit", .string("office"))]))])),
        ("case.extended", "P-2024-0001", .object([("days", .int(30)), ("reason", .string("需现场勘查")), ("extended_on", .string("2024-04-25"))])),
        ("case.reopened", "M-2024-0001", .object([("reason", .string("当事人反悔"))])),
        ("case.voided", "P-2024-0001", .object([("reason", .string("重复登记"))])),
        ("case.restored", "P-2024-0001", .object([("reason", .string("作废有误"))])),
        ("case.noted", "P-2024-0001", .object([("text", .string("已电话告知"))])),
    ]
}

/// The bytes of a file (empty when it cannot be read).
func fileBytes(_ path: String) -> [UInt8] { [UInt8]((try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()) }

/// Writes `bytes` to `path`, replacing it.
func putBytes(_ path: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: path, contents: Data(bytes)) }

/// Names in `dir` starting with `prefix`.
func filesStarting(_ prefix: String, in dir: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasPrefix(prefix) }.sorted()
}
