import Foundation
import TaizhangTestSupport

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

    func tz(_ arguments: String...) throws -> RunResult {
        try runProgram(Binaries.path("taizhang"), arguments + ["--store", store, "--operator", "李干事"], environment: ["TAIZHANG_TODAY": "2024-06-30"])
    }
}

/// `text` in GB18030, converted by the system's iconv program (as a Chinese Windows saves it).
func gb18030(_ text: String) throws -> Data {
    let dir = NSTemporaryDirectory() + "tz-gb-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let input = dir + "/in.txt", output = dir + "/out.txt"
    FileManager.default.createFile(atPath: input, contents: Data(text.utf8))
    let r = try runProgram("/usr/bin/iconv", ["-f", "UTF-8", "-t", "GB18030", "-o", output, input])
    guard r.status == 0, let data = FileManager.default.contents(atPath: output) else {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "iconv failed: \(r.stderr)"])
    }
    return data
}
