import Foundation
import Testing
@testable import TaizhangDomain
@testable import TaizhangLog

/// Every number read from a file is range-checked: the integers at the edges (0, ±1, ±2^31,
/// ±2^53, ±(2^63−1), −2^63) in every member of every event type, envelope and payload and field values
/// alike, are folded, verified, repaired and shown without a trap.
@Suite struct BoundaryIntegerTests {
    static let edges: [Int] = [0, 1, -1, 1 << 31, -(1 << 31), 1 << 53, -(1 << 53), Int.max, -Int.max, Int.min]

    /// A copy of `value` with the member at `path` replaced by `replacement`.
    static func replacing(_ value: JSONValue, at path: [String], with replacement: JSONValue) -> JSONValue {
        guard let first = path.first, case let .object(pairs) = value else { return replacement }
        return .object(pairs.map { ($0.0, $0.0 == first ? replacing($0.1, at: Array(path.dropFirst()), with: replacement) : $0.1) })
    }

    /// Every member path of a payload (objects are walked into).
    static func paths(_ value: JSONValue, prefix: [String] = []) -> [[String]] {
        guard case let .object(pairs) = value else { return [prefix] }
        var out: [[String]] = prefix.isEmpty ? [] : [prefix]
        for (k, v) in pairs { out += paths(v, prefix: prefix + [k]) }
        return out
    }

    /// Everything a reader asks of a state.
    static func exercise(_ state: LedgerState) {
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        for c in state.allCases {
            _ = c.clocks
            _ = c.deadline
            _ = c.isOverdue(today: today)
            _ = c.daysLeft(today: today)
            _ = c.extensionDays
            _ = c.headline
            _ = c.jsonValue(today: today).jsonText
            for e in c.timeline { _ = e.data }
        }
        _ = state.query(CaseFilter(status: nil), sort: .deadline)
        _ = state.query(CaseFilter(status: nil), sort: .date)
    }

    @Test func edgeIntegersInEveryMemberOfEveryEventTypeNeverTrap() throws {
        let dir = NSTemporaryDirectory() + "taizhang-edges-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/ledger.jsonl"
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        var runs = 0
        for (index, (type, id, data)) in HandChain.sample.enumerated() {
            // Envelope members (v, seq) and every payload member.
            var targets: [(String, [String])] = [("v", []), ("seq", [])]
            for p in Self.paths(data) { targets.append(("data", p)) }
            for (member, dataPath) in targets {
                for value in Self.edges {
                    var chain = HandChain()
                    for (i, (t, cid, d)) in HandChain.sample.enumerated() {
                        guard i == index else { chain.add(t, cid, d); continue }
                        switch member {
                        case "v": chain.add(t, cid, d, version: value)
                        case "seq": chain.add(t, cid, d, seq: value)
                        default: chain.add(type, id, Self.replacing(data, at: dataPath, with: .int(value)))
                        }
                    }
                    FileManager.default.createFile(atPath: path, contents: Data(chain.bytes))
                    let what = "\(type) \(member) \(dataPath.joined(separator: ".")) = \(value)"
                    for readOnly in [true, false] {
                        if let ledger = try? Ledger(path: path, operatorName: "x", options: LogOpenOptions(readOnly: readOnly), useSnapshot: false) {
                            Self.exercise(ledger.state)
                        }
                    }
                    let (report, state) = try Ledger.verify(path: path, today: today)
                    Self.exercise(state)
                    let unchanged = (member == "v" && value == 1) || (member == "seq" && value == index + 1)
                        || (type == "case.extended" && dataPath == ["days"] && (1...30).contains(value))
                        || (type == "document.issued" && dataPath == ["number"] && value == 1)
                        || (type == "screening.recorded" && dataPath == ["found"] && (0...999_999).contains(value))
                    if !unchanged {
                        #expect(report.problems.contains { $0.line == index + 1 }, "\(what): not flagged: \(report.problems)")
                    }
                    var repaired = LedgerState()
                    let repair = try LogRepair.repair(path: path, output: dir + "/copy.jsonl") { (r) throws(LineDefect) in try repaired.apply(r) }
                    Self.exercise(repaired)
                    if let r = repair.rejectedPath { unlink(r) }
                    if let copy = try? Ledger(path: dir + "/copy.jsonl", operatorName: "x", options: LogOpenOptions(readOnly: true), useSnapshot: false) {
                        Self.exercise(copy.state)
                    }
                    runs += 1
                }
            }
        }
        #expect(runs > 400)
    }

    @Test func sequenceNumbersAreBounded() throws {
        var chain = HandChain()
        chain.add("settings.set", nil, .object([("key", .string("town")), ("value", .string("x"))]), seq: LogRecord.maximumSeq + 1)
        #expect(throws: LineDefect.self) { _ = try LogRecord.decode(chain.lines[0]) }
        var ok = HandChain()
        ok.add("settings.set", nil, .object([("key", .string("town")), ("value", .string("x"))]), seq: LogRecord.maximumSeq)
        #expect(try LogRecord.decode(ok.lines[0]).seq == LogRecord.maximumSeq)
    }

    @Test func anExtensionOutOfRangeStopsTheOpenAtItsLine() throws {
        let dir = NSTemporaryDirectory() + "taizhang-edges-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var chain = HandChain()
        for (t, id, d) in HandChain.sample {
            if t == "case.extended" {
                chain.add(t, id, .object([("days", .int(Int.max)), ("reason", .string("x")), ("extended_on", .string("2024-04-25"))]))
            } else {
                chain.add(t, id, d)
            }
        }
        FileManager.default.createFile(atPath: dir + "/l.jsonl", contents: Data(chain.bytes))
        #expect {
            _ = try Ledger(path: dir + "/l.jsonl", operatorName: "x", useSnapshot: false)
        } throws: { error in
            guard case let LogError.corrupt(_, line, defect) = error else { return false }
            return line == 8 && defect.kind == .badEvent
        }
    }
}
