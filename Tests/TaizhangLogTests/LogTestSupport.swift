import Foundation
import TaizhangTestSupport
@testable import TaizhangLog
import TaizhangRandom

/// A fresh folder under the temp directory, removed when the test is done.
final class TempDir {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "taizhang-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// Opens a log, collecting every record it reads.
func openLog(_ path: String, options: LogOpenOptions = LogOpenOptions(), calls: FileCalls = .system,
             records: inout [LogRecord], report: inout LogOpenReport) throws -> EventLog {
    var collected: [LogRecord] = []
    let log = try EventLog(path: path, options: options, calls: calls, report: &report) { (r, _) throws(LineDefect) in
        collected.append(r)
    }
    records = collected
    return log
}

/// Opens a log, ignoring its records.
func openLog(_ path: String, calls: FileCalls = .system) throws -> EventLog {
    var records: [LogRecord] = []
    var report = LogOpenReport()
    return try openLog(path, calls: calls, records: &records, report: &report)
}

/// Appends `count` simple events, one line each.
func appendEvents(_ log: EventLog, count: Int, text: String = "备注") throws {
    for i in 0..<count {
        try log.append(operator: "测试员", catchUp: { (_, _) throws(LineDefect) in }, build: {
            [PendingEvent(type: "case.noted", caseID: "C-2024-0001", data: .object([("text", .string("\(text) \(i)"))]))]
        })
    }
}

func writeBytes(_ path: String, _ bytes: [UInt8]) { FileManager.default.createFile(atPath: path, contents: Data(bytes)) }


/// A seeded generator so failures reproduce.
typealias SeededRandom = SplitMix64

/// Builds a log of `count` events with realistic Chinese text and returns its bytes.
func makeRealisticLog(at path: String, count: Int) throws -> [UInt8] {
    let log = try openLog(path)
    let names = ["张三", "李四", "王五", "赵六", "孙七", "周八", "吴九", "郑十"]
    for i in 0..<count {
        try log.append(operator: names[i % names.count] + "律师", catchUp: { (_, _) throws(LineDefect) in }, build: {
            [PendingEvent(type: "case.noted", caseID: "M-2024-\(String(format: "%04d", i / 5 + 1))",
                          data: .object([("text", .string("第\(i)次记录：\(names[(i * 3) % names.count])与\(names[(i * 5 + 1) % names.count])就宅基地界址发生争议，村委会已到场查看。"))]))]
        })
    }
    return readBytes(path)
}
