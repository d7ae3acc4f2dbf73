import Foundation
import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct KeyTableTests {
    /// No key means two things at once: in every state a table is checked in, each key is in
    /// force in at most one binding.
    func expectNoKeyTwice<A, S>(_ table: KeyTable<A, S>, _ state: S, _ what: String) {
        var seen: [Key: String] = [:]
        for b in table.bindings where b.applies(state) {
            for k in b.keys {
                if let other = seen[k] { Issue.record("\(what): \(k) is bound to both \(other) and \(b.label.en)") }
                seen[k] = b.label.en
            }
        }
    }

    @Test func noKeyIsBoundTwice() {
        for f in [false, true] { expectNoKeyTwice(QueueScreen.keyTable, .init(filtering: f), "queue filtering=\(f)") }
        for kind in CaseKind.allCases {
            for status in [CaseStatus.open, .closed, .voided] {
                let s = DetailScreen.KeyState(id: CaseID("M-2024-0001")!, kind: kind, status: status, hasLinks: true)
                expectNoKeyTwice(DetailScreen.keyTable, s, "detail \(kind) \(status)")
            }
        }
        for c in [false, true] {
            expectNoKeyTwice(FormScreen.keyTable, .init(onChoice: c), "form onChoice=\(c)")
            expectNoKeyTwice(App.keyTable, c, "app capturesText=\(c)")
        }
        expectNoKeyTwice(PickListScreen.keyTable, (), "pick list")
        expectNoKeyTwice(ConfirmScreen.keyTable, (), "confirm")
        expectNoKeyTwice(KindMenuScreen.keyTable, (), "kind menu")
        expectNoKeyTwice(OperatorScreen.keyTable, (), "operator")
        expectNoKeyTwice(YearEndScreen.keyTable, (), "year-end")
        expectNoKeyTwice(HelpScreen.keyTable, (), "help")
    }

    /// Every key a table lists reaches its binding's action (or its refusal): handling goes
    /// through the table, so what help shows is what the key does.
    @Test func everyListedKeyResolvesToItsBinding() {
        let s = DetailScreen.KeyState(id: CaseID("P-2024-0001")!, kind: .petition, status: .open, hasLinks: false)
        for b in DetailScreen.keyTable.bindings {
            for pair in b.keyActions {
                let got = DetailScreen.keyTable.resolve(pair.key, s)
                if let why = b.refusal(s) { #expect(got == .refused(why)) } else { #expect(got == .run(pair.action)) }
            }
        }
        #expect(DetailScreen.keyTable.resolve(.char("z"), s) == .unbound)
        // A key the form does not list goes to the focused field.
        #expect(FormScreen.keyTable.resolve(.char("?"), .init(onChoice: false)) == .run(.edit))
    }

    /// The key bar of the detail screen shows what the case on screen allows.
    @Test func theDetailBarShowsOnlyWhatTheCaseAllows() throws {
        let h = try Harness(setup: sampleLedger)
        try open(h.ledger, .consultation, ["date": "2024-03-05", "unit": "station", "client": "周八", "topic": "labor"])
        func bar(_ id: String) throws -> [String] {
            let screen = DetailScreen(id: try #require(CaseID(id)))
            return screen.bar(h.ctx).map(\.keys)
        }
        // An open consultation: no follow-up, no reopen, no restore.
        var keys = try bar("C-2024-0001")
        #expect(keys.contains("e") && keys.contains("c") && keys.contains("V"))
        #expect(!keys.contains("f") && !keys.contains("R") && !keys.contains("U") && !keys.contains("x"))
        // A closed mediation: reopen and follow-up, no close.
        try h.ledger.perform(.close(id: "M-2024-0001", outcome: "resolved", fields: [FieldInput("agreement", "written")]), today: Harness.today)
        keys = try bar("M-2024-0001")
        #expect(keys.contains("R") && keys.contains("f"))
        #expect(!keys.contains("c") && !keys.contains("U"))
        // A voided case: restore, and neither edit nor close nor note.
        try h.ledger.perform(.void(id: "M-2024-0002", reason: "误录"), today: Harness.today)
        keys = try bar("M-2024-0002")
        #expect(keys.contains("U"))
        #expect(!keys.contains("e") && !keys.contains("c") && !keys.contains("a") && !keys.contains("V"))
        // What the bar leaves out, help still lists, dimmed.
        let help = DetailScreen(id: CaseID("M-2024-0002")!).help(h.ctx)
        #expect(help.contains { $0.entry.keys == "e" && !$0.available })
        #expect(help.contains { $0.entry.keys == "U" && $0.available })
    }

    /// The queue's help lists each key once (Ctrl-Q used to appear twice).
    @Test func helpListsEachKeyOnce() throws {
        let h = try Harness(setup: sampleLedger)
        let lines = h.app.helpLines().map(\.entry.keys)
        #expect(lines.filter { $0 == "Ctrl-Q" }.count == 1)
        #expect(Set(lines).count == lines.count, "\(lines)")
        h.press(.char("?"))
        let text = h.render(100, 30).text
        #expect(text.components(separatedBy: "Ctrl-Q").count == 2, "Ctrl-Q once on the help screen")
    }

    /// In a form, where `?` types a question mark, help and the key bar offer F1, never `?`.
    @Test func aFormOffersF1NotQuestionMark() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("2"))
        let lines = h.app.helpLines().map(\.entry.keys)
        #expect(lines.contains("F1"))
        #expect(!lines.contains { $0.contains("?") }, "\(lines)")
        let bar = h.render().row(23)
        #expect(bar.contains("F1"))
        #expect(!bar.contains("?"))
        // On the queue, `?` it is.
        h.press(.escape)
        #expect(h.app.helpLines().map(\.entry.keys).contains("?"))
    }

    /// `?` on the help screen closes it again.
    @Test func questionMarkTogglesHelp() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("?"))
        #expect(h.app.top is HelpScreen)
        h.press(.char("?"))
        #expect(h.app.top is QueueScreen)
    }
}
