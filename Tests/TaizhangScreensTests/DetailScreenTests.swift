import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct DetailScreenTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func fieldsClocksAndTimeline(size: (Int, Int)) throws {
        let h = try Harness(setup: sampleLedger)
        try h.ledger.perform(.note(id: "M-2024-0001", text: "双方同意下周再谈"), today: Harness.today)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        let g = h.render(size.0, size.1)
        #expect(g.row(1).contains("M-2024-0001"))
        #expect(g.row(1).contains("人民调解"))
        #expect(g.text.contains("申请人"))
        #expect(g.text.contains("张三"))
        #expect(g.text.contains("纠纷类型"))
        #expect(g.text.contains("邻里"))
        #expect(g.text.contains("调解指导期限"))
        #expect(g.text.contains("经过"))
        #expect(g.text.contains("备注：双方同意下周再谈"))
        #expect(g.text.contains("王律师"))
        // Labels form one column: values start at the same cell.
        let a = try #require(g.firstRow(containing: "申请人"))
        let c = try #require(g.firstRow(containing: "纠纷类型"))
        #expect(g.column(of: "张三", row: a) == g.column(of: "邻里", row: c))
    }

    @Test func addNoteCloseAndReopen() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        h.press(.char("a"))
        h.type("已电话联系双方")
        h.press(.ctrl("s"))
        #expect(h.app.top is DetailScreen)
        #expect(h.ledger.state.lookup("M-2024-0001")?.notes.last?.text == "已电话联系双方")

        h.press(.char("c"))
        h.type("tjcg")    // 调解成功 by pinyin initials (调 read tiáo)
        var g = h.render()
        #expect(g.text.contains("调解成功"))
        #expect(!g.text.contains("调解不成"))
        h.press(.enter)
        // The outcome's required field appeared.
        g = h.render()
        #expect(g.text.contains("协议形式"))
        h.type("书面")
        h.press(.enter)
        h.press(.function(2))
        let c = try #require(h.ledger.state.lookup("M-2024-0001"))
        #expect(c.status == .closed)
        #expect(c.outcome == "resolved")
        #expect(c["agreement"] == "written")
        #expect(h.render().text.contains("已结案"))

        h.press(.char("R"))
        h.type("误操作")
        h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("M-2024-0001")?.status == .open)
    }

    @Test func voidAsksForAReasonAndAConfirmation() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        h.press(.char("V"))
        h.press(.ctrl("s"))
        // No reason: rejected, still on the form.
        #expect(h.app.top is FormScreen)
        #expect(h.render().text.contains("不能为空"))
        h.type("重复登记")
        h.press(.ctrl("s"))
        #expect(h.app.top is ConfirmScreen)
        #expect(h.render().text.contains("确定作废"))
        h.press(.char("n"))
        #expect(h.ledger.state.lookup("M-2024-0001")?.status == .open)
        h.press(.ctrl("s"), .char("y"))
        #expect(h.ledger.state.lookup("M-2024-0001")?.status == .voided)
        #expect(h.app.top is DetailScreen)
        #expect(h.render().text.contains("重复登记"))
    }

    @Test func linkedCaseOpensWithL() throws {
        let h = try Harness { l in
            try sampleLedger(l)
            try open(l, .petition, ["date": "2024-03-10", "unit": "office", "petitioner": "孙七", "form": "letter", "subject": "宅基地纠纷", "repeat_of": "P-2024-0001"])
        }
        h.press(.char("s"), .char("s"))   // by id
        h.press(.char("G"), .enter)
        #expect((h.app.top as? DetailScreen)?.id.description == "P-2024-0002")
        h.press(.char("l"))
        #expect((h.app.top as? DetailScreen)?.id.description == "P-2024-0001")
        #expect(h.render().text.contains("P-2024-0002"))
    }

    @Test func unavailableActionsExplainWhy() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        h.press(.char("x"))
        #expect(h.app.top is DetailScreen)
        #expect(h.render().text.contains("延期只适用于信访案件"))
        h.press(.char("f"))
        #expect(h.render().text.contains("调解结案后"))
    }

    @Test func ledgerTextCannotEmitControlSequences() throws {
        let h = try Harness { l in
            try open(l, .consultation, ["date": "2024-03-01", "unit": "station", "client": "x", "topic": "other"])
            try l.perform(.note(id: "C-2024-0001", text: "evil\u{1B}]0;pwned\u{07}text"), today: Harness.today)
        }
        h.press(.enter)
        let g = h.render()
        #expect(g.text.contains("evil\\e]0;pwned\\x07text"))
        #expect(!g.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } })
    }
}
