import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangLog

/// Damage in the middle of the log: `verify` names the first bad line and the kind of damage, a
/// normal open refuses with that line, and `repair` writes a good copy without touching the file.
@Suite struct CorruptionTests {
    enum Damage: CustomStringConvertible {
        case flip(line: Int, offset: Int, xor: UInt8)
        case delete(line: Int)
        case duplicate(line: Int)
        var description: String {
            switch self {
            case let .flip(l, o, x): return "flip line \(l) byte \(o) ^ \(x)"
            case let .delete(l): return "delete line \(l)"
            case let .duplicate(l): return "duplicate line \(l)"
            }
        }
    }

    func damaged(_ bytes: [UInt8], _ damage: Damage) -> [UInt8] {
        let lines = lineRanges(bytes)
        switch damage {
        case let .flip(l, o, x):
            var b = bytes
            b[lines[l - 1].lowerBound + o] ^= x
            return b
        case let .delete(l):
            return Array(bytes[0..<lines[l - 1].lowerBound]) + Array(bytes[(lines[l - 1].upperBound + 1)...])
        case let .duplicate(l):
            let line = Array(bytes[lines[l - 1].lowerBound...lines[l - 1].upperBound])
            return Array(bytes[0...lines[l - 1].upperBound]) + line + Array(bytes[(lines[l - 1].upperBound + 1)...])
        }
    }

    @Test func randomDamageIsFoundAtItsLine() throws {
        let dir = TempDir()
        let pristine = try makeRealisticLog(at: dir.file("pristine.jsonl"), count: 60)
        let lines = lineRanges(pristine)
        var rng = SeededRandom(seed: 20241127)
        var damages: [Damage] = []
        for _ in 0..<40 {
            let l = Int.random(in: 2...55, using: &rng)
            let len = lines[l - 1].count
            damages.append(.flip(line: l, offset: Int.random(in: 0..<len, using: &rng), xor: UInt8.random(in: 1...255, using: &rng)))
        }
        for l in [2, 17, 30, 59] { damages += [.delete(line: l), .duplicate(line: l)] }

        for damage in damages {
            let path = dir.file("ledger.jsonl")
            let bytes = damaged(pristine, damage)
            writeBytes(path, bytes)
            let report = try LogVerifier.verify(path: path)
            let first = try #require(report.problems.first, "\(damage): not detected")
            switch damage {
            case let .flip(l, _, _):
                // A flip either breaks the line itself or (still valid JSON) the chain at the next line.
                #expect(first.line == l || (first.line == l + 1 && first.defect.kind == .brokenChain), "\(damage): \(first)")
            case let .delete(l):
                #expect(first.line == l && first.defect.kind == .sequenceGap, "\(damage): \(first)")
            case let .duplicate(l):
                #expect(first.line == l + 1 && first.defect.kind == .duplicateID, "\(damage): \(first)")
            }

            // A normal open refuses at the same line and changes nothing.
            do {
                _ = try openLog(path)
                Issue.record("\(damage): open should refuse")
            } catch let LogError.corrupt(_, line, _) {
                #expect(line == first.line, "\(damage)")
            }
            #expect(readBytes(path) == bytes)

            // Repair writes a verifiable copy and keeps the original as it was.
            let repaired = try LogRepair.repair(path: path, output: dir.file("repaired.jsonl")) { (_) throws(LineDefect) in }
            #expect(readBytes(path) == bytes)
            let check = try LogVerifier.verify(path: repaired.outputPath)
            #expect(check.ok, "\(damage): \(check.problems)")
            #expect(repaired.linesKept + repaired.dropped.count == repaired.linesRead)
            if case .duplicate = damage { #expect(repaired.linesKept == 60) }
            // The line before a deleted one is set aside too: no line records its hash any more.
            if case .delete = damage { #expect(repaired.linesKept == 58) }
            if let r = repaired.rejectedPath { try FileManager.default.removeItem(atPath: r) }
        }
    }

    @Test func repairSetsAsideAnAlteredLine() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let pristine = try makeRealisticLog(at: path, count: 20)
        let text = String(decoding: pristine, as: UTF8.self).replacingOccurrences(of: "第7次记录", with: "第7次纪录")
        writeBytes(path, Array(text.utf8))
        let report = try LogRepair.repair(path: path) { (_) throws(LineDefect) in }
        #expect(report.linesKept == 19)
        #expect(report.dropped.map(\.line) == [8])
        #expect(report.dropped.map(\.defect.kind) == [.altered])
        var records: [LogRecord] = []
        var open = LogOpenReport()
        _ = try openLog(report.outputPath, records: &records, report: &open)
        #expect(records.count == 19)
        #expect(!records.contains { $0.data["text"]?.stringValue?.hasPrefix("第7次纪录") == true })
    }

    @Test func repairNeverWritesOverTheLedger() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let bytes = try makeRealisticLog(at: path, count: 5)
        #expect(throws: LogError.self) { _ = try LogRepair.repair(path: path, output: path) { (_) throws(LineDefect) in } }
        #expect(readBytes(path) == bytes)
    }

    @Test func repairSavesWhatItLeavesOut() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        var bytes = try makeRealisticLog(at: path, count: 10)
        let lines = lineRanges(bytes)
        bytes[lines[4].lowerBound] = UInt8(ascii: "!")
        let badLine = Array(bytes[lines[4]])
        writeBytes(path, bytes + Array("{\"torn".utf8))
        let report = try LogRepair.repair(path: path) { (_) throws(LineDefect) in }
        #expect(report.dropped.map(\.line) == [5, 11])
        #expect(report.dropped.map(\.defect.kind) == [.badJSON, .tornTail])
        let rejected = readBytes(try #require(report.rejectedPath))
        let expected = Array("# line 5: ".utf8)
        #expect(Array(rejected.prefix(expected.count)) == expected)
        let saved = lineRanges(rejected).map { Array(rejected[$0]) }
        #expect(saved.count == 4 && saved[1] == badLine && saved[3] == Array("{\"torn".utf8))
        #expect(try LogVerifier.verify(path: report.outputPath).lines == 9)
    }
}
