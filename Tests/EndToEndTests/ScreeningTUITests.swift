import Foundation
import Testing

/// The real binary in tmux: `S` on the queue records a screening round that the CLI then lists.
///
/// Skipped when tmux is not installed, except under `CI=true`, where they run and fail.
@Suite(.serialized, .enabled(if: TUISession.enabled, "tmux is not installed"))
struct ScreeningTUITests {
    @Test func sRecordsAZeroReportThatTheCLIThenLists() throws {
        let s = TUISession()
        #expect(try s.cli("add", "consultation", "--set", "unit=station", "--set", "client=钱一", "--set", "topic=other",
                          "--set", "village=东河村").status == 0)
        try s.start()
        s.waitFor("钱一")
        try s.keys("S")
        s.waitFor("登记排查")
        try s.keys("Tab", "Enter")   // the villages: pick the ledger's
        s.waitFor("添加村/社区")
        try s.keys("Enter")
        try s.type("，前营村")
        try s.keys("Tab")
        try s.type("0")
        try s.keys("C-s")
        s.waitFor("已登记排查 2024-03-20/1：东河村、前营村，零报告")
        let listed = try s.cli("screening", "list")
        #expect(listed.status == 0 && listed.output.contains("2024-03-20/1") && listed.output.contains("东河村、前营村")
                && listed.output.contains("零报告"), "\(listed.output)")
        try s.keys("q")
        s.waitForExit()
    }
}
