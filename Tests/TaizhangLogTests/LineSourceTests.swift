import Foundation
import Testing
@testable import TaizhangLog

/// Reads of a ledger file's texts: plain reads, reads through the mapping, and reads after the
/// mapping's pages were let go.
@Suite struct LineSourceTests {
    @Test func textsReadTheSameMappedAndAfterReleasingPages() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tz-linesource-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("texts.jsonl").path
        // Many pages of distinct lines, so a read served from a dropped page would show.
        var content = ""
        var spans: [(offset: Int, length: Int, text: String)] = []
        for i in 0..<3_000 {
            let text = "第\(i)行：调解记录\(String(repeating: "甲乙丙", count: i % 7))"
            let prefix = "{\"n\":\(i),\"t\":\""
            spans.append((content.utf8.count + prefix.utf8.count, text.utf8.count, text))
            content += prefix + text + "\"}\n"
        }
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        let source = LineSource(path: path)
        for s in spans.prefix(50) { #expect(source.text(offset: s.offset, length: s.length) == s.text) }
        source.withMapping {
            for (k, s) in spans.enumerated() {
                #expect(source.text(offset: s.offset, length: s.length) == s.text, "line \(k)")
                if k % 500 == 499 { source.releaseMappedPages() }
            }
            source.releaseMappedPages()
            for s in spans.suffix(100) { #expect(source.text(offset: s.offset, length: s.length) == s.text) }
        }
        // Not mapped: releasing does nothing, and reads still work.
        source.releaseMappedPages()
        #expect(source.text(offset: spans[7].offset, length: spans[7].length) == spans[7].text)
    }
}
