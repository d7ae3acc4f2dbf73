import Foundation

/// Finds the built `taizhang` (`$TAIZHANG_BIN_DIR`, else `.build/debug` under the package root).
enum Built {
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var taizhang: String {
        if let d = ProcessInfo.processInfo.environment["TAIZHANG_BIN_DIR"], !d.isEmpty { return d + "/taizhang" }
        return packageRoot.appendingPathComponent(".build/debug/taizhang").path
    }
}

/// What a program printed.
struct Output {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:]
    }
}

/// Runs a program to its end with its output in temporary files.
func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    p.environment = env
    let out = NSTemporaryDirectory() + "tz-import-out-" + UUID().uuidString
    let err = NSTemporaryDirectory() + "tz-import-err-" + UUID().uuidString
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: out); try? FileManager.default.removeItem(atPath: err) }
    p.standardOutput = FileHandle(forWritingAtPath: out)
    p.standardError = FileHandle(forWritingAtPath: err)
    p.standardInput = FileHandle.nullDevice
    try p.run()
    p.waitUntilExit()
    return Output(status: p.terminationStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                  stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// A scratch folder with a ledger path and the CLI run on it as of 2024-06-30.
final class Scratch {
    let dir: String
    let store: String

    init() {
        dir = NSTemporaryDirectory() + "tz-import-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        store = dir + "/ledger.jsonl"
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    func write(_ name: String, _ data: Data) -> String {
        let path = dir + "/" + name
        FileManager.default.createFile(atPath: path, contents: data)
        return path
    }

    func tz(_ arguments: String...) throws -> Output {
        try run(Built.taizhang, arguments + ["--store", store, "--operator", "李干事"], environment: ["TAIZHANG_TODAY": "2024-06-30"])
    }
}

/// `text` in GB18030, converted by the system's iconv program (as a Chinese Windows saves it).
func gb18030(_ text: String) throws -> Data {
    let dir = NSTemporaryDirectory() + "tz-gb-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let input = dir + "/in.txt", output = dir + "/out.txt"
    FileManager.default.createFile(atPath: input, contents: Data(text.utf8))
    let r = try run("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030", "-o", output, input])
    guard r.status == 0, let data = FileManager.default.contents(atPath: output) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "iconv failed: \(r.stderr)"])
    }
    return data
}
