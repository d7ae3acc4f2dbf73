import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangLog
#if canImport(Glibc)
import Glibc
#endif

@Suite struct EventLogTests {
    @Test func appendsChainedLinesAndReadsThemBack() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let log = try openLog(path)
        try appendEvents(log, count: 5)
        #expect(log.lastSeq == 5)

        var records: [LogRecord] = []
        var report = LogOpenReport()
        let again = try openLog(path, records: &records, report: &report)
        #expect(records.map(\.seq) == [1, 2, 3, 4, 5])
        #expect(records[0].prev == LogRecord.genesisHash)
        let bytes = readBytes(path)
        let lines = lineRanges(bytes)
        for i in 1..<lines.count {
            #expect(records[i].prev == LineHash.hexDigest(Array(bytes[lines[i - 1]])))
        }
        #expect(again.headHash == LineHash.hexDigest(Array(bytes[lines.last!])))
        #expect(report.quarantined == nil)
        #expect(LogVerifier.verify(pathOrFail: path).ok)
    }

    @Test func createsFilesPrivately() throws {
        let dir = TempDir()
        let path = dir.file("sub/folder/ledger.jsonl")
        _ = try openLog(path)
        var st = stat()
        stat(path, &st)
        #expect(st.st_mode & 0o777 == 0o600)
        stat(path + ".lock", &st)
        #expect(st.st_mode & 0o777 == 0o600)
        stat(dir.file("sub/folder"), &st)
        #expect(st.st_mode & 0o777 == 0o700)
    }

    @Test func warnsWhenOthersCanWrite() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        _ = try openLog(path)
        chmod(path, 0o666)
        var records: [LogRecord] = []
        var report = LogOpenReport()
        _ = try openLog(path, records: &records, report: &report)
        #expect(report.warnings.contains { $0.contains("chmod 600") })
    }

    @Test func quarantinesATornLastLineAndStaysAppendable() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        try appendEvents(try openLog(path), count: 4)
        let full = readBytes(path)
        let lines = lineRanges(full)
        // Cut in the middle of the last line.
        let cut = lines[3].lowerBound + 10
        writeBytes(path, Array(full[0..<cut]))

        var records: [LogRecord] = []
        var report = LogOpenReport()
        let log = try openLog(path, records: &records, report: &report)
        #expect(records.count == 3)
        let q = try #require(report.quarantined)
        #expect(q.line == 4)
        #expect(readBytes(q.path) == Array(full[lines[3].lowerBound..<cut]))
        #expect(readBytes(path) == Array(full[0..<lines[3].lowerBound]))

        try appendEvents(log, count: 1)
        #expect(log.lastSeq == 4)
        #expect(LogVerifier.verify(pathOrFail: path).ok)
    }

    @Test func aCompleteButUnparsableLastLineIsQuarantinedToo() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        try appendEvents(try openLog(path), count: 2)
        var bytes = readBytes(path)
        bytes += Array("{\"v\":1,\"seq\":3,\u{0}\u{0}\n".utf8)
        writeBytes(path, bytes)
        var records: [LogRecord] = []
        var report = LogOpenReport()
        _ = try openLog(path, records: &records, report: &report)
        #expect(records.count == 2)
        #expect(report.quarantined != nil)
    }

    @Test func refusesToOpenWithADamagedMiddleLine() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        try appendEvents(try openLog(path), count: 5)
        var bytes = readBytes(path)
        let lines = lineRanges(bytes)
        bytes[lines[1].lowerBound] = UInt8(ascii: "#")  // line 2 no longer parses
        writeBytes(path, bytes)
        #expect(throws: LogError.self) { _ = try openLog(path) }
        do {
            _ = try openLog(path)
        } catch let LogError.corrupt(_, line, defect) {
            #expect(line == 2)
            #expect(defect.kind == .badJSON)
        }
        // The file is untouched by the failed open.
        #expect(readBytes(path) == bytes)

        // Read-only open shows the lines before the damage.
        var records: [LogRecord] = []
        var report = LogOpenReport()
        _ = try openLog(path, options: LogOpenOptions(create: false, readOnly: true), records: &records, report: &report)
        #expect(records.count == 1)
        #expect(report.stoppedAt?.line == 2)
    }

    @Test func refreshSeesAnotherWritersLines() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let reader = try openLog(path)
        let writer = try openLog(path)
        try appendEvents(writer, count: 3)
        var seen: [Int] = []
        let n = try reader.refresh { (r, _) throws(LineDefect) in seen.append(r.seq) }
        #expect(n == 3)
        #expect(seen == [1, 2, 3])
        // And the reader can append after them, chained to the writer's lines.
        try appendEvents(reader, count: 1)
        #expect(reader.lastSeq == 4)
        #expect(LogVerifier.verify(pathOrFail: path).ok)
    }

    @Test func appendCatchesUpBeforeBuilding() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let a = try openLog(path)
        let b = try openLog(path)
        try appendEvents(b, count: 2)
        var caughtUp: [Int] = []
        try a.append(operator: "甲", catchUp: { (r, _) throws(LineDefect) in caughtUp.append(r.seq) }, build: {
            #expect(caughtUp == [1, 2])
            return [PendingEvent(type: "case.noted", caseID: "C-2024-0001", data: .object([]))]
        })
        #expect(a.lastSeq == 3)
    }

    @Test func aFailedBuildWritesNothing() throws {
        struct Refused: Error {}
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let log = try openLog(path)
        try appendEvents(log, count: 1)
        let before = readBytes(path)
        #expect(throws: Refused.self) {
            try log.append(operator: "甲", catchUp: { (_, _) throws(LineDefect) in }, build: { throw Refused() })
        }
        #expect(readBytes(path) == before)
    }
}

extension LogVerifier {
    /// Verify, failing the test on an I/O error.
    static func verify(pathOrFail path: String) -> VerifyReport {
        (try? verify(path: path)) ?? VerifyReport(lines: -1, bytes: 0, head: "", problems: [LogProblem(line: 0, defect: LineDefect(kind: .badJSON, detail: "verify failed"))])
    }
}
