import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct FormScreenTests {
    /// Moves focus to the field `key` with Tab.
    func focus(_ h: Harness, _ key: String) throws {
        let form = try #require(h.app.top as? FormScreen)
        for _ in 0..<form.fields.count {
            if form.fields[form.focus].key == key { return }
            h.press(.tab)
        }
        Issue.record("no field \(key)")
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func newMediationFormShowsEveryFieldWithRequiredMarks(size: (Int, Int)) throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"))
        #expect(h.render(size.0, size.1).text.contains("2  人民调解"))
        h.press(.char("2"))
        let g = h.render(size.0, size.1)
        #expect(g.row(1).contains("新建人民调解"))
        for label in ["受理日期", "单位", "申请人", "被申请人", "纠纷类型", "调解员", "涉及金额(元)"] {
            #expect(g.text.contains(label), "missing \(label)")
        }
        let applicant = try #require(g.firstRow(containing: "申请人"))
        #expect(g.row(applicant).hasPrefix(" *"))
        let village = try #require(g.firstRow(containing: "村/社区"))
        #expect(g.row(village).hasPrefix("  "))
        // Dates are prefilled with today; values line up in one column.
        let date = try #require(g.firstRow(containing: "2024-03-20"))
        #expect(g.column(of: "2024-03-20", row: date) == g.column(of: "（未选）", row: date + 1))
        // The caret sits in the focused field.
        #expect(g.cursor?.y == date)
    }

    @Test func createMediationByTypingChinese() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("2"))
        try focus(h, "unit")
        h.type("gg")   // 公共安全办 by initials
        h.press(.enter)
        try focus(h, "applicant")
        h.type("陈大明")
        h.press(.tab)
        h.type("陈小明；李红")
        h.press(.tab)
        h.type("邻")
        h.press(.enter)
        h.press(.ctrl("s"))
        let detail = try #require(h.app.top as? DetailScreen)
        #expect(detail.id.description == "M-2024-0004")
        let g = h.render()
        #expect(g.text.contains("已登记 M-2024-0004"))
        let c = try #require(h.ledger.state.lookup("M-2024-0004"))
        #expect(c["applicant"] == "陈大明")
        #expect(c["respondent"] == "陈小明；李红")
        #expect(c["category"] == "neighbor")
        #expect(c["unit"] == "office")
    }

    @Test func validationErrorFocusesTheFieldAndKeepsTheText() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("2"))
        try focus(h, "unit")
        h.type("fl"); h.press(.enter)
        try focus(h, "applicant")
        h.type("陈大明")
        try focus(h, "category")
        h.type("ll"); h.press(.enter)
        try focus(h, "amount")
        h.type("一万元")
        h.press(.ctrl("s"))
        let form = try #require(h.app.top as? FormScreen)
        // The amount is not a number: the caret goes there, everything typed stays.
        #expect(form.fields[form.focus].key == "amount")
        var g = h.render()
        #expect(g.row(22).contains("涉及金额"))
        #expect(g.text.contains("陈大明"))
        let row = try #require(g.firstRow(containing: "一万元"))
        #expect(g.cursor?.y == row)
        h.press(.ctrl("u"))
        h.type("12000")
        h.press(.ctrl("s"))
        // Respondent is still missing.
        #expect(form.fields[form.focus].key == "respondent")
        g = h.render()
        #expect(g.row(22).contains("缺少必填字段：被申请人"))
        #expect(g.text.contains("12000"))
        h.type("李四")
        h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("M-2024-0004")?["amount"] == "12000")
        #expect(h.app.top is DetailScreen)
    }

    @Test func dateFieldsAcceptShortForms() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("1"))
        try focus(h, "date")
        h.press(.ctrl("u")); h.type("3-5")
        try focus(h, "unit"); h.type("fl"); h.press(.enter)
        try focus(h, "client"); h.type("钱")
        try focus(h, "topic"); h.type("hy"); h.press(.enter)
        h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("C-2024-0001")?["date"] == "2024-03-05")
    }

    @Test func caseIdFieldsPickFromTheLedger() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("3"))
        try focus(h, "unit"); h.type("gg"); h.press(.enter)
        try focus(h, "petitioner"); h.type("孙七")
        try focus(h, "form"); h.type("lf"); h.press(.enter)
        try focus(h, "subject"); h.type("宅基地纠纷")
        try focus(h, "repeat_of")
        h.press(.enter)
        #expect(h.app.top is PickListScreen)
        h.type("sq")   // 孙七
        #expect(h.render().text.contains("P-2024-0001  2024-01-05  孙七"))
        h.press(.enter)
        #expect(h.render().text.contains("P-2024-0001"))
        h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("P-2024-0002")?["repeat_of"] == "P-2024-0001")
        #expect(h.ledger.state.lookup("P-2024-0001")?.repeatedBy.map(\.description) == ["P-2024-0002"])
    }

    @Test func escapeOnAChangedFormAsks() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("2"))
        h.press(.escape)
        #expect(h.app.top is QueueScreen)   // unchanged: leaves at once
        h.press(.char("n"), .char("2"))
        try focus(h, "applicant")
        h.type("张")
        h.press(.escape)
        #expect(h.app.top is ConfirmScreen)
        h.press(.char("n"))
        #expect(h.app.top is FormScreen)
        // Quitting from anywhere asks too.
        #expect(h.app.handle(.ctrl("q")).isEmpty)
        #expect(h.app.top is ConfirmScreen)
        h.press(.escape, .escape, .char("y"))
        #expect(h.app.top is QueueScreen)
        #expect(h.ledger.state.allCases.count == 4)
    }

    @Test func editSendsOnlyChangedFields() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        h.press(.char("e"))
        try focus(h, "village")
        h.type("东村")
        h.press(.ctrl("s"))
        let c = try #require(h.ledger.state.lookup("M-2024-0001"))
        #expect(c["village"] == "东村")
        #expect(c.timeline.last?.data["fields"]?.objectPairs?.map(\.0) == ["village"])
        #expect(h.app.top is DetailScreen)
    }

    @Test func questionMarkIsTextInAFormAndF1IsHelp() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("n"), .char("2"))
        try focus(h, "applicant")
        h.type("?")
        #expect(h.app.top is FormScreen)
        h.press(.function(1))
        #expect(h.app.top is HelpScreen)
        #expect(h.render().text.contains("Ctrl-S/F2"))
    }
}
