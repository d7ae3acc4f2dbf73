import Foundation
import Testing
@testable import TaizhangDomain
@testable import TaizhangLog
import TaizhangRandom

/// The snapshot cache is derived, never authoritative: snapshot + tail must equal a full replay,
/// and a snapshot that does not describe the log must be noticed and ignored.
@Suite struct SnapshotTests {
    /// Fills a ledger with a mix of cases and events.
    func fill(_ t: TestLedger, cases: Int, seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed)
        for n in 0..<cases {
            let kind = CaseKind.allCases[n % CaseKind.allCases.count]
            var f = minimal[kind]!
            f["date"] = "2024-0\(1 + Int.random(in: 0..<9, using: &rng))-1\(Int.random(in: 0..<9, using: &rng))"
            let id = try t.add(kind, f)
            if Bool.random(using: &rng) { try t.run(.note(id: id, text: "第\(n)件的备注")) }
            if Bool.random(using: &rng) { try t.close(id, closing[kind]!.0, closing[kind]!.1) }
            if n % 7 == 3 { try t.run(.void(id: id, reason: "误录")) }
        }
        try t.run(.setting(key: "town", value: "东棘坨镇"))
    }

    func fullReplay(_ path: String) throws -> LedgerState {
        try Ledger(path: path, operatorName: "x", options: LogOpenOptions(create: false, readOnly: true), useSnapshot: false).state
    }

    func expectSame(_ a: LedgerState, _ b: LedgerState, _ comment: Comment? = nil) {
        #expect(a.order == b.order, comment)
        #expect(a.settings == b.settings, comment)
        #expect(a.operators == b.operators, comment)
        #expect(a.lastNumbers == b.lastNumbers, comment)
        #expect(a.eventCount == b.eventCount, comment)
        for id in a.order { #expect((try? a.loaded(#require(a[id]))) == (try? b.loaded(#require(b[id]))), comment) }
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func snapshotPlusTailEqualsFullReplay(_ seed: UInt64) throws {
        let t = try TestLedger()
        try fill(t, cases: 30, seed: seed)
        try t.ledger.writeSnapshot()
        // Another process appends after the snapshot was taken.
        let other = try Ledger(path: t.path, operatorName: "李干事", useSnapshot: false)
        for n in 0..<5 {
            let made = try other.perform(.open(kind: .suit, fields: minimal[.suit]!.map { FieldInput($0.key, $0.value) }), today: t.today)
            try other.perform(.note(id: made.caseID!.description, text: "尾部 \(n)"), today: t.today)
        }
        let resumed = try Ledger(path: t.path, operatorName: "x", options: LogOpenOptions(create: false, readOnly: true))
        #expect(resumed.openReport.resumedFrom != nil)
        #expect(resumed.openReport.linesRead == 10)
        expectSame(resumed.state, try fullReplay(t.path))
        // And the resumed ledger keeps working: appends chain on, and a later replay agrees.
        let writer = try Ledger(path: t.path, operatorName: "王律师")
        try writer.perform(.note(id: "C-2024-0001", text: "之后"), today: t.today)
        #expect(try LogVerifier.verify(path: t.path).ok)
        expectSame(writer.state, try fullReplay(t.path))
    }

    @Test func aSnapshotOfAnotherLedgerIsIgnored() throws {
        let a = try TestLedger()
        try fill(a, cases: 12, seed: 9)
        try a.ledger.writeSnapshot()
        let b = try TestLedger()
        try fill(b, cases: 20, seed: 10)
        try FileManager.default.copyItem(atPath: SnapshotFile.path(forLog: a.path), toPath: SnapshotFile.path(forLog: b.path))
        let opened = try Ledger(path: b.path, operatorName: "x")
        #expect(opened.openReport.snapshotRejected)
        #expect(opened.openReport.resumedFrom == nil)
        expectSame(opened.state, try fullReplay(b.path))
    }

    @Test func aRewrittenLogInvalidatesItsSnapshot() throws {
        let t = try TestLedger()
        try fill(t, cases: 15, seed: 4)
        try t.ledger.writeSnapshot()
        // Replace the log by a repaired copy of itself with one line left out: same length or
        // shorter, different hashes.
        var text = try String(contentsOfFile: t.path, encoding: .utf8)
        text = text.replacingOccurrences(of: "第3件的备注", with: "第3件的备忘")
        try text.write(toFile: t.path, atomically: false, encoding: .utf8)
        let report = try LogRepair.repair(path: t.path, output: t.path + ".fixed") { (_) throws(LineDefect) in }
        try FileManager.default.removeItem(atPath: t.path)
        try FileManager.default.moveItem(atPath: report.outputPath, toPath: t.path)
        let opened = try Ledger(path: t.path, operatorName: "x")
        #expect(opened.openReport.snapshotRejected)
        expectSame(opened.state, try fullReplay(t.path))
    }

    @Test func aTruncatedOrDamagedSnapshotIsIgnored() throws {
        let t = try TestLedger()
        try fill(t, cases: 10, seed: 5)
        try t.ledger.writeSnapshot()
        let snap = SnapshotFile.path(forLog: t.path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: snap))
        for damaged in [bytes.prefix(bytes.count / 2), bytes.prefix(20), { var d = bytes; d[d.count / 2] ^= 0x40; return d }()] {
            try Data(damaged).write(to: URL(fileURLWithPath: snap))
            #expect(SnapshotFile.read(path: snap, schema: LedgerState.snapshotSchema) == nil)
            let opened = try Ledger(path: t.path, operatorName: "x")
            #expect(opened.openReport.resumedFrom == nil)
            expectSame(opened.state, try fullReplay(t.path))
        }
    }

    /// Any single damaged byte, in the header or the payload, is detected: never a crash, never
    /// a different state.
    @Test func everyDamagedByteOfASnapshotIsCaught() throws {
        let t = try TestLedger()
        try fill(t, cases: 12, seed: 11)
        try t.ledger.writeSnapshot()
        let snap = SnapshotFile.path(forLog: t.path)
        let good = try Data(contentsOf: URL(fileURLWithPath: snap))
        let expected = try fullReplay(t.path)
        var rng = SeededGenerator(seed: 99)
        var positions = Array(0..<min(120, good.count))        // the whole header and more
        for _ in 0..<150 { positions.append(Int.random(in: 0..<good.count, using: &rng)) }
        for pos in positions {
            var bad = good
            bad[pos] ^= UInt8.random(in: 1...255, using: &rng)
            try bad.write(to: URL(fileURLWithPath: snap))
            let opened = try Ledger(path: t.path, operatorName: "x", options: LogOpenOptions(create: false, readOnly: true))
            #expect(opened.openReport.resumedFrom == nil, "byte \(pos)")
            expectSame(opened.state, expected, "byte \(pos)")
        }
    }

    @Test func closingDatesSurviveTheSnapshot() throws {
        let t = try TestLedger()
        var f = minimal[.suit]!
        f["date"] = "1969-12-30"
        let id = try t.add(.suit, f)
        try t.close(id, "won", ["closed_on": "1969-12-31"])
        try t.ledger.writeSnapshot()
        let resumed = try Ledger(path: t.path, operatorName: "x", options: LogOpenOptions(create: false, readOnly: true))
        #expect(resumed.openReport.resumedFrom != nil)
        #expect(resumed.state.lookup(id)?.closedOn?.description == "1969-12-31")
    }

    @Test func aSnapshotPastTheEndOfTheLogIsIgnored() throws {
        let t = try TestLedger()
        try fill(t, cases: 10, seed: 6)
        let full = try Data(contentsOf: URL(fileURLWithPath: t.path))
        try t.ledger.writeSnapshot()
        // The log loses its last lines (restored from an older backup).
        let lines = full.split(separator: 0x0A)
        let shorter = Data(lines.dropLast(3).joined(separator: [0x0A])) + Data([0x0A])
        try shorter.write(to: URL(fileURLWithPath: t.path))
        let opened = try Ledger(path: t.path, operatorName: "x")
        #expect(opened.openReport.snapshotRejected)
        expectSame(opened.state, try fullReplay(t.path))
    }

    @Test func snapshotsAreWrittenPrivately() throws {
        let t = try TestLedger()
        try fill(t, cases: 3, seed: 7)
        try t.ledger.writeSnapshot()
        let attributes = try FileManager.default.attributesOfItem(atPath: SnapshotFile.path(forLog: t.path))
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
    }

    /// Many cases: the snapshot is written in several blocks, decoded on worker threads, and
    /// an open that replayed enough lines writes it by itself.
    @Test func aLargeLedgerWritesAndUsesAMultiBlockSnapshot() throws {
        let dir = NSTemporaryDirectory() + "taizhang-blocks-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/ledger.jsonl"
        let writer = try LogBulkWriter(path: path)
        var state = LedgerState()
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        for n in 0..<(LedgerState.snapshotBlockSize * 2 + 100) {
            let kind = CaseKind.allCases[n % 5]
            let made = try state.events(for: .open(kind: kind, fields: minimal[kind]!.map { FieldInput($0.key, $0.value) }), today: today)
            for e in made.events { try state.apply(try writer.append(e, op: "甲", at: "2024-01-01T00:00:00.000+08:00", id: "id-\(n)")) }
        }
        try writer.finish()
        let first = try Ledger(path: path, operatorName: "x")
        #expect(first.openReport.resumedFrom == nil)
        #expect(FileManager.default.fileExists(atPath: SnapshotFile.path(forLog: path)))
        let second = try Ledger(path: path, operatorName: "x", options: LogOpenOptions(create: false, readOnly: true))
        #expect(second.openReport.resumedFrom != nil)
        #expect(second.openReport.linesRead == 0)
        expectSame(second.state, first.state)
        #expect(second.state.cases.count == LedgerState.snapshotBlockSize * 2 + 100)
    }

    @Test func theParallelReaderAgreesWithTheFoldOnALargeLog() throws {
        // Large enough for several 4 MB segments decoded on worker threads.
        let dir = NSTemporaryDirectory() + "taizhang-big-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/ledger.jsonl"
        let writer = try LogBulkWriter(path: path)
        var state = LedgerState()
        let today = BusinessDate(year: 2024, month: 12, day: 31)!
        let longText = String(repeating: "调解过程记录，", count: 40)
        var n = 0
        while writer.bytesWritten < 9_000_000 {
            let made = try state.events(for: .open(kind: .mediation, fields: minimal[.mediation]!.map { FieldInput($0.key, $0.value) } + [FieldInput("summary", longText)]), today: today)
            for e in made.events { try state.apply(try writer.append(e, op: "甲", at: "2024-01-01T00:00:00.000+08:00", id: "id-\(n)")); n += 1 }
            let note = try state.events(for: .note(id: made.caseID!.description, text: longText), today: today)
            for e in note.events { try state.apply(try writer.append(e, op: "乙", at: "2024-01-01T00:00:00.000+08:00", id: "id-\(n)")); n += 1 }
        }
        try writer.finish()
        let opened = try fullReplay(path)
        #expect(opened.eventCount == n)
        #expect(opened.order == state.order)
        #expect(opened[state.order.last!]?.notes.map(\.text) == [longText])
    }
}

/// A seeded generator for reproducible test data.
typealias SeededGenerator = SplitMix64
