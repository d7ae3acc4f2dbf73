import Foundation
import Testing

/// The real binary in tmux: two terminals editing one case, terminals the TUI cannot use,
/// and the too-small window.
@Suite(.serialized, .enabled(if: TUISession.enabled, "tmux is not installed"))
struct EditingTUITests {
    /// Opens the only case of the queue in its edit form and moves to the summary (简要情况).
    func editSummary(_ s: TUISession) throws {
        s.waitFor("张三")
        try s.keys("Enter")
        s.waitFor("经过")
        try s.keys("e")
        s.waitFor("修改 M-2024-0001")
        for _ in 0..<4 { try s.keys("Tab") }
        try s.keys("C-e", "C-u")
    }

    @Test func theSecondSaveOfAFieldIsShownTheConflictAndTheFirstSurvives() throws {
        let a = TUISession()
        let r = try a.cli("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                          "--set", "category=neighbor", "--set", "summary=原来的情况")
        #expect(r.status == 0, "\(r.output)")
        let b = TUISession(store: a.store)
        try a.start(operatorName: "甲")
        try b.start(operatorName: "乙")
        try editSummary(a)
        try editSummary(b)
        try a.type("甲写的情况")
        try a.keys("C-s")
        a.waitFor("已保存 M-2024-0001")
        try b.type("乙写的情况")
        try b.keys("C-s")
        b.waitFor("修改冲突")
        b.waitFor("甲写的情况")
        b.waitFor("乙写的情况")
        // Nothing of B's was written: A's value is what is stored.
        let shown = try a.cli("show", "M-2024-0001", "--format", "json")
        #expect(shown.output.contains("甲写的情况") && !shown.output.contains("乙写的情况"), "\(shown.output)")
        // B takes A's value: it stays.
        try b.keys("t")
        b.waitFor("经过")
        let after = try a.cli("show", "M-2024-0001")
        #expect(after.output.contains("简要情况：原来的情况 → 甲写的情况"), "\(after.output)")
        #expect(!after.output.contains("乙写的情况"), "\(after.output)")
        try a.keys("q", "q")
        try b.keys("q", "q")
        a.waitForExit()
        b.waitForExit()
    }

    @Test(arguments: ["dumb", "no-such-terminal-xyz"])
    func aTerminalThatCannotShowTheTUIGetsAMessageNamingTheCLI(term: String) throws {
        let s = TUISession()
        let err = s.dir + "/err.txt", rc = s.dir + "/rc.txt"
        // Standard input and output stay the pane's terminal; the message (stderr) and the exit
        // status are kept in files.
        try s.tmuxRun(["new-session", "-d", "-s", "tz", "-x", "100", "-y", "30",
                       "env TERM=\(term) TAIZHANG_OPERATOR=测试员 \(TUISession.quote(TUISession.binary)) --store \(TUISession.quote(s.store)) 2> \(err); echo $? > \(rc).tmp; mv \(rc).tmp \(rc)"])
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline && !FileManager.default.fileExists(atPath: rc) { usleep(50_000) }
        let text = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        let status = (try? String(contentsOfFile: rc, encoding: .utf8)) ?? ""
        #expect(text.contains("TERM=\(term)"), "\(text)")
        #expect(text.contains("taizhang list") && text.contains("taizhang add"), "\(text)")
        #expect(!text.contains("Error opening terminal"), "\(text)")
        #expect(status == "2\n", "exit status \(status)")
    }

    @Test func keysOnTheTooSmallScreenAreIgnored() throws {
        let s = TUISession()
        try s.start(width: 100, height: 30)
        s.waitFor("按 n 新建")
        try s.keys("n", "2")
        s.waitFor("新建人民调解")
        for _ in 0..<2 { try s.keys("Tab") }   // 村/社区
        s.waitFor("focus on 村/社区") { $0.split(separator: "\n").contains { $0.contains("村/社区") && $0.contains(">") } }
        try s.tmuxRun(["resize-window", "-t", "tz", "-x", "60", "-y", "20"])
        s.waitFor("终端窗口太小")
        try s.type("abc")
        try s.keys("Tab", "Enter")
        try s.tmuxRun(["resize-window", "-t", "tz", "-x", "100", "-y", "30"])
        s.waitFor("the form again") { $0.contains("新建人民调解") && !$0.contains("终端窗口太小") }
        let village = s.screen().split(separator: "\n").first { $0.contains("村/社区") }.map(String.init) ?? ""
        #expect(!village.contains("abc"), "\(s.screen())")
        #expect(village.contains(">"), "focus stays on 村/社区: \(s.screen())")
        try s.keys("Escape")
        try s.keys("q")
        s.waitForExit()
    }

    @Test func aLongNoteWrapsIsSavedWholeAndCtrlXEditsItInTheEditor() throws {
        let s = TUISession()
        #expect(try s.cli("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                          "--set", "category=neighbor").status == 0)
        let script = s.dir + "/editor.sh"
        try "#!/bin/sh\nprintf '%s\\n' \"$(cat \"$1\")外部编辑器补充\" > \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        try s.start(env: ["EDITOR=\(script)", "VISUAL="])
        s.waitFor("张三")
        try s.keys("Enter")
        s.waitFor("经过")
        try s.keys("a")
        s.waitFor("备注 M-2024-0001")
        let note = String(String(repeating: "双方同意分期付款并由村委会见证。", count: 19).prefix(300))
        try s.type(note)
        s.waitFor("the note over several rows") { screen in
            screen.split(separator: "\n").filter { $0.contains("分期") || $0.contains("见证") }.count >= 6
        }
        try s.keys("C-x")
        s.waitFor("外部编辑器补充")
        try s.keys("Enter")
        s.waitFor("已添加备注")
        let show = try s.cli("show", "M-2024-0001", "--format", "json")
        #expect(show.output.contains(note + "外部编辑器补充"), "\(show.output)")
        try s.keys("q", "q")
        s.waitForExit()
    }

    @Test func anOldDateAsksBeforeTheCaseIsNumbered() throws {
        let s = TUISession()
        try s.start()
        s.waitFor("按 n 新建")
        try s.keys("n", "1")
        s.waitFor("新建法律咨询")
        try s.type("1900-01-01")
        try s.keys("Tab")
        try s.type("fl")
        try s.keys("Enter")
        for _ in 0..<5 { try s.keys("Tab") }   // village, handler, summary, phone, ID number
        try s.type("张三")
        try s.keys("Tab", "Tab")               // channel, then topic
        try s.type("ld")
        try s.keys("Enter")
        try s.keys("C-s")
        s.waitFor("C-1900-")
        #expect(try s.cli("list", "--status", "all").output.contains("C-1900") == false)
        try s.keys("y")
        s.waitFor("已登记 C-1900-0001")
        try s.keys("q", "q")
        s.waitForExit()
    }
}
