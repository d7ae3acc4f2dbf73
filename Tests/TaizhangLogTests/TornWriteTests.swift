import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangLog
#if canImport(Glibc)
import Glibc
#endif

/// A crash can stop a write anywhere. Whatever byte the file ends at, opening must give exactly
/// the complete lines before it, keep the torn bytes in a quarantine file, and take new appends.
@Suite struct TornWriteTests {
    @Test func everyTruncationOfTheLastThreeLinesRecovers() throws {
        let dir = TempDir()
        let original = dir.file("original.jsonl")
        let full = try makeRealisticLog(at: original, count: 300)
        let lines = lineRanges(full)
        #expect(lines.count == 300)
        let firstCut = lines[lines.count - 3].lowerBound
        let copy = dir.file("ledger.jsonl")
        var checked = 0
        for cut in firstCut..<full.count {
            // Start each run from a clean folder so quarantine files do not pile up.
            for name in (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasPrefix("ledger.jsonl") {
                unlink(dir.file(name))
            }
            writeBytes(copy, Array(full[0..<cut]))
            // A cut just before a newline leaves a whole line without its newline: it is kept,
            // and the newline added.
            let completeLines = lines.filter { $0.upperBound <= cut }.count
            let prefixEnd = completeLines == 0 ? 0 : lines[completeLines - 1].upperBound + 1

            var records: [LogRecord] = []
            var report = LogOpenReport()
            let log = try openLog(copy, records: &records, report: &report)
            #expect(records.count == completeLines, "cut at \(cut)")
            #expect(readBytes(copy) == Array(full[0..<prefixEnd]), "cut at \(cut)")
            if cut > prefixEnd {
                let q = try #require(report.quarantined, "cut at \(cut): torn bytes must be quarantined")
                #expect(readBytes(q.path) == Array(full[prefixEnd..<cut]))
                var st = stat()
                stat(q.path, &st)
                #expect(st.st_mode & 0o777 == 0o600)
            } else {
                #expect(report.quarantined == nil, "cut at \(cut)")
            }
            try appendEvents(log, count: 1)
            let verified = try LogVerifier.verify(path: copy)
            #expect(verified.ok, "cut at \(cut): \(verified.problems)")
            #expect(verified.lines == completeLines + 1)
            checked += 1
        }
        #expect(checked == full.count - firstCut)
    }
}
