import Foundation
import Testing
import TaizhangDocuments
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

/// `S` on the queue records a screening round; a mediation picks its round; the clocks that come
/// from documents show in the queue.
@Suite struct ScreeningFormTests {
    func villageLedger(_ l: Ledger) throws {
        try sampleLedger(l)
        try open(l, .consultation, ["date": "2024-03-04", "unit": "station", "client": "钱一", "topic": "other", "village": "东河村"])
        try open(l, .consultation, ["date": "2024-03-05", "unit": "station", "client": "钱二", "topic": "other", "village": "东河村"])
        try open(l, .consultation, ["date": "2024-03-06", "unit": "station", "client": "钱三", "topic": "other", "village": "前营村"])
    }

    func focusField(_ h: Harness, _ key: String) throws -> FormScreen {
        let form = try #require(h.app.top as? FormScreen)
        let index = try #require(form.fields.firstIndex { $0.key == key })
        while form.focus != index { h.press(.tab) }
        return form
    }

    @Test func sOnTheQueueRecordsARoundAndSaysZeroReport() throws {
        let h = try Harness(setup: villageLedger)
        h.press(.char("S"))
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.title == "登记排查")
        #expect(form.fields.map(\.key) == ["date", "villages", "found", "unit", "note"])
        #expect(form.value("date") == "2024-03-20")
        // Enter on the villages lists the ledger's, most used first, and adds the one chosen.
        _ = try focusField(h, "villages")
        h.press(.enter)
        let pick = try #require(h.app.top as? PickListScreen)
        #expect(pick.items.map(\.key) == ["东河村", "前营村"])
        h.press(.enter)
        #expect(form.value("villages") == "东河村")
        h.press(.enter, .down, .enter)
        #expect(form.value("villages") == "东河村、前营村")
        h.press(.enter, .enter)   // already named: not added twice
        #expect(form.value("villages") == "东河村、前营村")
        _ = try focusField(h, "found")
        h.type("0")
        h.press(.ctrl("s"))
        #expect(h.app.top is QueueScreen)
        let round = try #require(h.ledger.state.screenings.first)
        #expect(round.villages == ["东河村", "前营村"] && round.found == 0 && round.date == Harness.today && round.op == "王律师")
        #expect(round.id == "2024-03-20/1")
        let said = try #require(h.ctx.message?.text)
        #expect(said.contains("2024-03-20/1") && said.contains("零报告"), "\(said)")
    }

    @Test func aRejectedRoundKeepsTheFormOnTheNamedField() throws {
        let h = try Harness(setup: villageLedger)
        h.press(.char("S"))
        let form = try focusField(h, "villages")
        h.type("后营村")
        h.press(.tab)
        h.type("两")
        h.press(.ctrl("s"))
        #expect(h.app.top === form)
        #expect(form.fields[form.focus].key == "found")
        #expect(form.error?.contains("found") == true)
        #expect(h.ledger.state.screenings.isEmpty)
        h.press(.backspace)
        h.type("3")
        h.press(.ctrl("s"))
        #expect(h.ledger.state.screenings.map(\.found) == [3])
        #expect(h.ctx.message?.text.contains("发现 3 件") == true)
    }

    @Test func aMediationPicksItsRoundAndShowsIt() throws {
        let h = try Harness { l in
            try sampleLedger(l)
            try l.perform(.screening(date: "2024-03-05", villages: "东河村、前营村", found: "2", unit: nil, note: nil), today: Harness.today)
            try l.perform(.screening(date: "2024-03-05", villages: "后营村", found: "0", unit: nil, note: nil), today: Harness.today)
        }
        h.press(.char("n"), .char("2"))
        let form = try focusField(h, "screening")
        h.press(.enter)
        let pick = try #require(h.app.top as? PickListScreen)
        #expect(pick.items.map(\.key) == ["2024-03-05/2", "2024-03-05/1"])
        #expect(pick.items[1].label.contains("东河村、前营村，发现 2 件"))
        h.press(.down, .enter)
        #expect(form.value("screening") == "2024-03-05/1")

        let id = try open(h.ledger, .mediation, ["date": "2024-03-06", "unit": "office", "applicant": "赵大", "respondent": "钱二",
                                                 "category": "neighbor", "source": "initiative", "screening": "2024-03-05/1"])
        let detail = DetailScreen(id: id)
        var g = CellGrid(width: 100, height: 30)
        detail.layout(Rect(x: 0, y: 1, width: 100, height: 28), h.ctx)
        detail.render(into: &g, area: Rect(x: 0, y: 1, width: 100, height: 28), h.ctx)
        #expect(g.text.contains("排查轮次") && g.text.contains("2024-03-05/1  东河村、前营村，发现 2 件"), "\(g.text)")
    }

    @Test func theQueueShowsTheNoticeAndConfirmationWindowsWhileTheyRun() throws {
        let h = try Harness { l in
            try sampleLedger(l)
            // Received 2024-03-10: the written notice is due 2024-03-25, five days after today.
            try open(l, .petition, ["date": "2024-03-10", "unit": "office", "petitioner": "周八", "form": "letter", "subject": "路灯损坏"])
            try l.perform(.close(id: "M-2024-0001", outcome: "resolved", fields: [FieldInput("agreement", "written"), FieldInput("closed_on", "2024-03-15")]),
                          today: Harness.today)
            try l.perform(.close(id: "M-2024-0002", outcome: "resolved", fields: [FieldInput("agreement", "oral"), FieldInput("closed_on", "2024-03-15")]),
                          today: Harness.today)
        }
        var g = h.render(100, 30)
        let notice = try #require(g.firstRow(containing: "周八"))
        #expect(g.row(notice).contains("告知剩5天"), "\(g.row(notice))")
        // The overdue petition keeps its missed deadline.
        #expect(g.row(try #require(g.firstRow(containing: "孙七"))).contains("!超期15天"))

        // Once the notice is issued, the handling deadline shows (60 days from 2024-03-10).
        _ = try Documents.issue(.acceptance, caseID: "P-2024-0002", format: .txt, to: nil, ledger: h.ledger, today: Harness.today)
        g = h.render(100, 30)
        let handled = try #require(g.firstRow(containing: "周八"))
        #expect(g.row(handled).contains("剩50天") && !g.row(handled).contains("告知"), "\(g.row(handled))")

        // Closed cases: the written agreement's 30 days for 司法确认 run to 2024-04-14.
        h.press(.char("o"))
        g = h.render(100, 30)
        let written = try #require(g.firstRow(containing: "张三"))
        #expect(g.row(written).contains("确认剩25天"), "\(g.row(written))")
        #expect(!g.row(try #require(g.firstRow(containing: "Bob Smith"))).contains("确认"))
        try h.ledger.perform(.update(id: "M-2024-0001", fields: [FieldInput("confirmation", "applied"), FieldInput("confirmation_date", "2024-03-18")]),
                             today: Harness.today)
        g = h.render(100, 30)
        #expect(!g.row(try #require(g.firstRow(containing: "张三"))).contains("确认"))
    }
}
