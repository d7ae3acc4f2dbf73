import Foundation
import Testing

/// The real binary in tmux: typing Chinese, the main case flow, filters, validation,
/// appends from another process, resizing and quitting.
///
/// Skipped when tmux is not installed, except under `CI=true`, where they run and fail.
@Suite(.serialized, .enabled(if: TUISession.enabled, "tmux is not installed"))
struct TUITests {
    @Test func mediationFromEntryToClosedAndFound() throws {
        let s = TUISession()
        // Another case, so the filters have something to leave out.
        #expect(try s.cli("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                          "--set", "category=neighbor", "--set", "date=2024-03-01").status == 0)
        try s.start()
        s.waitFor("张三 / 李四")

        // New mediation: unit by pinyin initials, names typed in Chinese, category from the pick list.
        try s.keys("n")
        s.waitFor("5  行政应诉")
        try s.keys("2")
        s.waitFor("新建人民调解")
        try s.keys("Tab")
        try s.type("gg")
        s.waitFor("公共安全办  office")
        try s.keys("Enter")
        s.waitFor("公共安全办 ")
        for _ in 0..<5 { try s.keys("Tab") }
        try s.type("陈大明")
        try s.keys("Tab")
        try s.type("李小红")
        try s.keys("Tab")
        try s.type("ll")
        s.waitFor("邻里  neighbor")
        try s.keys("Enter")
        s.waitFor("李小红")
        try s.keys("C-s")
        s.waitFor("已登记 M-2024-0002")

        // Back in the queue it is listed.
        try s.keys("q")
        s.waitFor("陈大明 / 李小红")

        // Open it and add a note.
        try s.keys("/")
        try s.type("陈大明")
        s.waitFor("全部 1")
        try s.keys("Enter", "Enter")
        s.waitFor("M-2024-0002  人民调解")
        try s.keys("a")
        s.waitFor("备注 M-2024-0002")
        try s.type("双方已初步沟通")
        try s.keys("C-s")
        s.waitFor("备注：双方已初步沟通")

        // Close as resolved with a written agreement.
        try s.keys("c")
        s.waitFor("结案 M-2024-0002")
        try s.type("tjcg")
        s.waitFor("调解成功  resolved")
        try s.keys("Enter")
        s.waitFor("协议形式")
        try s.type("sm")
        s.waitFor("书面  written")
        try s.keys("Enter")
        try s.keys("F2")
        s.waitFor("已结案 M-2024-0002")
        s.waitFor("结案：调解成功 2024-03-20，协议形式=书面")

        // The queue shows open cases; the closed one is found under "all" by text and by initials.
        try s.keys("q", "Escape")
        s.waitFor("queue without the closed case") { $0.contains("张三 / 李四") && !$0.contains("陈大明 / 李小红") }
        try s.keys("o", "o")
        s.waitFor("全部状态")
        try s.keys("/")
        try s.type("李小红")
        s.waitFor("filter by Chinese") { $0.contains("陈大明 / 李小红") && !$0.contains("张三 / 李四") && $0.contains("调解成功") }
        try s.keys("C-u")
        try s.type("cdm")
        s.waitFor("filter by pinyin initials") { $0.contains("陈大明 / 李小红") && !$0.contains("张三 / 李四") }
        try s.keys("C-u")
        try s.type("zs")
        s.waitFor("filter by other initials") { !$0.contains("陈大明 / 李小红") && $0.contains("张三 / 李四") }

        // Quit.
        try s.keys("Enter", "q")
        s.waitForExit()
    }

    @Test func validationErrorKeepsWhatWasTyped() throws {
        let s = TUISession()
        try s.start()
        s.waitFor("按 n 新建")
        try s.keys("n", "2")
        s.waitFor("新建人民调解")
        try s.keys("Tab")
        try s.type("fl")
        s.waitFor("法律服务站  station")
        try s.keys("Enter")
        for _ in 0..<5 { try s.keys("Tab") }
        try s.type("陈大明")
        for _ in 0..<5 { try s.keys("Tab") }
        try s.type("一万元")
        try s.keys("C-s")
        s.waitFor("涉及金额(元)（amount）：“一万元” 无效")
        #expect(s.screen().contains("陈大明"))
        // The real cursor sits right after the typed text, where an input method expects it.
        let lines = s.screen().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("一万元") })
        let caretColumn = displayColumns(lines[row].components(separatedBy: "一万元")[0]) + 6
        let cursor = try #require(s.cursor())
        #expect(cursor.y == row)
        #expect(cursor.x == caretColumn)
        // The caret is back on the amount: fix it there and save again.
        try s.keys("C-u")
        try s.type("12000")
        try s.keys("C-s")
        s.waitFor("缺少必填字段：被申请人")
        #expect(s.screen().contains("12000"))
        // A multi-line paste lands in one field; the summary, a long text, keeps its line break.
        try s.keys("Up", "Up", "Up", "Up")   // from the respondent back to the summary
        try s.tmuxRun(["set-buffer", "-b", "tz", "双方因宅基地边界\n发生争执"])
        try s.tmuxRun(["paste-buffer", "-p", "-d", "-b", "tz", "-t", "tz"])
        s.waitFor("the paste in the summary field, over two rows") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            guard let row = lines.firstIndex(where: { $0.contains("简要情况") }), row + 1 < lines.count else { return false }
            return lines[row].contains("双方因宅基地边界") && !lines[row].contains("发生争执") && lines[row + 1].contains("发生争执")
        }
        // Esc asks before throwing the typing away.
        try s.keys("Escape")
        s.waitFor("放弃已填写的内容？")
        try s.keys("y")
        s.waitFor("按 n 新建")
        try s.keys("q")
        s.waitForExit()
    }

    @Test func caseAddedByTheCLIAppearsWithoutAKeyPress() throws {
        let s = TUISession()
        try s.start(lang: "C")   // a non-UTF-8 locale: the TUI falls back to C.UTF-8
        s.waitFor("按 n 新建")
        let r = try s.cli("add", "consultation", "--set", "unit=station", "--set", "client=外来户", "--set", "topic=labor")
        #expect(r.status == 0, "\(r.output)")
        s.waitFor("外来户")
        s.waitFor("咨询 1")
        try s.keys("q")
        s.waitForExit()
    }

    @Test func layoutFollowsResize() throws {
        let s = TUISession()
        #expect(try s.cli("add", "petition", "--set", "unit=office", "--set", "petitioner=孙七", "--set", "form=visit",
                          "--set", "subject=宅基地纠纷", "--set", "date=2024-01-05").status == 0)
        try s.start(width: 100, height: 30)
        s.waitFor("!超期15天")
        try s.tmuxRun(["resize-window", "-t", "tz", "-x", "130", "-y", "40"])
        s.waitFor("40 rows, key bar at the bottom") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return lines.count >= 40 && lines[39].contains("新建")
        }
        // The due column moved right with the wider headline column.
        s.waitFor("due column at the new right edge") { screen in
            guard let line = screen.split(separator: "\n").first(where: { $0.contains("孙七") }) else { return false }
            return line.contains("!超期15天") && displayColumns(String(line)) >= 120
        }
        try s.tmuxRun(["resize-window", "-t", "tz", "-x", "60", "-y", "20"])
        s.waitFor("终端窗口太小")
        try s.tmuxRun(["resize-window", "-t", "tz", "-x", "80", "-y", "24"])
        s.waitFor("80x24 layout") { $0.contains("孙七") && !$0.contains("终端窗口太小") }
        try s.keys("q")
        s.waitForExit()
    }

    @Test(arguments: [false, true])
    func overdueIsRedUnlessNoColor(noColor: Bool) throws {
        let s = TUISession()
        #expect(try s.cli("add", "petition", "--set", "unit=office", "--set", "petitioner=孙七", "--set", "form=visit",
                          "--set", "subject=宅基地纠纷", "--set", "date=2024-01-05").status == 0)
        try s.start(env: noColor ? ["NO_COLOR=1"] : [])
        s.waitFor("!超期15天")   // the plain-text marker is there either way
        let styled = s.screenWithAttributes()
        // tmux writes a red foreground as SGR 31 (alone or combined, e.g. "1;31").
        let red = styled.contains("[31m") || styled.contains(";31m") || styled.contains("[31;")
        #expect(red == !noColor, "\(styled)")
        try s.keys("q")
        s.waitForExit()
    }

    @Test func exitsWhenItsTerminalGoesAway() throws {
        let s = TUISession()
        try s.start(ignoreHangup: true)
        s.waitFor("按 n 新建")
        let pid = try #require(Int32(try s.tmuxRun(["display-message", "-p", "-t", "tz", "#{pane_pid}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        // SIGHUP is ignored, so only the TUI's own hang-up check can end it.
        try s.tmuxRun(["kill-server"])
        let deadline = Date().addingTimeInterval(15)
        var alive = true
        while Date() < deadline {
            // `exec env` execs the binary, so the pane's pid is the TUI's; a zombie counts as ended.
            let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?.split(separator: ")").last?
                .trimmingCharacters(in: .whitespaces).first
            if kill(pid, 0) != 0 || state == "Z" { alive = false; break }
            usleep(50_000)
        }
        #expect(!alive, "the TUI (pid \(pid)) kept running after its terminal closed")
        if alive { kill(pid, SIGKILL) }
    }

    @Test func asksWhoIsWorkingWhenNoOperatorIsGiven() throws {
        let s = TUISession()
        #expect(try s.cli("add", "suit", "--set", "unit=office", "--set", "court=县人民法院").status == 0)
        try s.start(operatorName: nil)
        s.waitFor("谁在值班")
        s.waitFor("李干事")
        try s.type("赵律师")
        s.waitFor("新操作员：赵律师")
        try s.keys("Enter")
        s.waitFor("操作员：赵律师")
        try s.keys("q")
        s.waitForExit()
    }

    /// The terminal's own bytes for editing keys and a bracketed paste reach the app as keys.
    @Test func editingKeysAndBracketedPasteThroughTheTerminal() throws {
        let s = TUISession()
        #expect(try s.cli("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                          "--set", "category=neighbor", "--set", "date=2024-03-01").status == 0)
        #expect(try s.cli("add", "mediation", "--set", "unit=office", "--set", "applicant=王五", "--set", "respondent=赵六",
                          "--set", "category=neighbor", "--set", "date=2024-03-02").status == 0)
        try s.start()
        s.waitFor("王五 / 赵六")
        try s.keys("/")
        try s.type("x李四")
        s.waitFor("/ x李四")
        try s.keys("Home", "Delete", "End")
        s.waitFor("/ 李四")
        try s.keys("Enter")
        s.waitFor("only the matching case") { $0.contains("张三 / 李四") && !$0.contains("王五 / 赵六") }
        // Pasted with a line break: one paste, so the break becomes a space in the filter instead
        // of an Enter that would end it.
        try s.keys("/", "C-u")
        try s.tmuxRun(["set-buffer", "-b", "p", "王\n五"])
        try s.tmuxRun(["paste-buffer", "-p", "-b", "p", "-t", "tz"])
        s.waitFor("/ 王 五")
        try s.keys("Escape")
        s.waitFor("both cases again") { $0.contains("张三 / 李四") && $0.contains("王五 / 赵六") }
        try s.keys("q")
        s.waitForExit()
    }
}

/// Display width of a captured line, counting CJK as two cells (enough for these checks).
func displayColumns(_ s: String) -> Int {
    s.unicodeScalars.reduce(0) { w, u in
        w + ((0x1100...0x115F).contains(u.value) || (0x2E80...0xA4CF).contains(u.value) || (0xAC00...0xD7A3).contains(u.value)
             || (0xF900...0xFAFF).contains(u.value) || (0xFE30...0xFE4F).contains(u.value) || (0xFF00...0xFF60).contains(u.value)
             || (0xFFE0...0xFFE6).contains(u.value) ? 2 : 1)
    }
}
