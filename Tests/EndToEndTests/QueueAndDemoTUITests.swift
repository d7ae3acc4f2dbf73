import Foundation
import Testing

/// The real binary in tmux: the queue's subject column, "my cases", the message history, the
/// key bar at 80 columns, the year-end screen's words, and the demo's scratch copy.
@Suite(.serialized, .enabled(if: TUISession.enabled, "tmux is not installed"))
struct QueueAndDemoTUITests {
    @Test func theQueueShowsSubjectsAndMyCasesAndKeepsHelpVisibleAt80Columns() throws {
        let s = TUISession()
        #expect(try s.cli("add", "suit", "--set", "unit=office", "--set", "court=县人民法院", "--set", "plaintiff=周八",
                          "--set", "cause=不服行政处罚", "--set", "handler=测试员").status == 0)
        #expect(try s.cli("add", "petition", "--set", "unit=office", "--set", "petitioner=孙七", "--set", "form=visit",
                          "--set", "subject=宅基地界址", "--set", "handler=别人").status == 0)
        try s.start(width: 80, height: 24)
        s.waitFor("不服行政处罚")
        s.waitFor("宅基地界址")
        s.waitFor("? 帮助")
        #expect(!s.screen().contains("县人民法院"), "\(s.screen())")
        try s.keys("m")
        s.waitFor("the operator's cases only") { $0.contains("承办人：测试员") && $0.contains("周八") && !$0.contains("孙七") }
        try s.keys("h")
        s.waitFor("消息记录")
        s.waitFor("只显示承办人为 测试员 的案件")
        try s.keys("q", "y")
        s.waitFor("人民调解（全镇）")
        s.waitFor("全镇调解 = 法律服务站 0 件")
        try s.keys("q", "q")
        s.waitForExit()
    }

    /// The copy `--demo` opens on is named in the header and removed when the TUI ends, by
    /// `q` or by its terminal closing.
    @Test(arguments: [false, true])
    func theDemoCopyIsNamedAndRemoved(hangUp: Bool) throws {
        let s = TUISession()
        let tmp = s.dir + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: true)
        try s.start(env: ["TMPDIR=\(tmp)"], extra: ["--demo"])
        s.waitFor("演示副本（退出时删除）")
        let copies = try FileManager.default.contentsOfDirectory(atPath: tmp).filter { $0.hasPrefix("taizhang-demo-") }
        #expect(copies.count == 1, "\(copies)")
        if hangUp {
            try s.tmuxRun(["kill-server"])
        } else {
            try s.keys("q")
            s.waitForExit()
        }
        let deadline = Date().addingTimeInterval(15)
        var left = copies
        while Date() < deadline {
            left = ((try? FileManager.default.contentsOfDirectory(atPath: tmp)) ?? []).filter { $0.hasPrefix("taizhang-demo-") }
            if left.isEmpty { break }
            usleep(50_000)
        }
        #expect(left.isEmpty, "the demo copy stayed: \(left)")
    }

    @Test func theYearEndFiguresGoToAnXLSXFileAndTheCLIWritesTheSame() throws {
        let s = TUISession(today: "2024-12-31")
        #expect(try s.cli("add", "suit", "--set", "unit=office", "--set", "court=县人民法院", "--set", "date=2024-03-01").status == 0)
        let cli = s.dir + "/cli.xlsx"
        let r = try s.cli("summary", "--year", "2024", "--format", "xlsx", "-o", cli)
        #expect(r.status == 0, "\(r.output)")
        #expect((FileManager.default.contents(atPath: cli) ?? Data()).starts(with: [0x50, 0x4B, 0x03, 0x04]))
        #expect(try s.cli("summary", "--year", "2024", "--format", "xlsx").status == 1)
    }
}
