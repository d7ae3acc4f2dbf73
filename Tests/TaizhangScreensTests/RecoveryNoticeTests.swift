import Foundation
import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct RecoveryNoticeTests {
    /// Another process crashed mid-write: the next save from the TUI sets the torn bytes aside,
    /// saves, and says so instead of hiding it.
    @Test func aTornLineSetAsideDuringASaveIsAnnounced() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        h.press(.char("a"))
        h.type("补充材料已收到")
        let handle = try #require(FileHandle(forWritingAtPath: h.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"v\":1,\"seq\":99,\"id\":\"torn".utf8))
        try handle.close()
        h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("M-2024-0001")?.notes.map(\.text) == ["补充材料已收到"])
        let text = h.render(120, 40).text
        #expect(text.contains("未写完整"), "\(text)")
        let files = try FileManager.default.contentsOfDirectory(atPath: h.dir.path)
        #expect(files.contains { $0.hasPrefix("ledger.jsonl.quarantine-") })
    }
}
