import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct QueueScreenTests {
    @Test(arguments: [(80, 24), (120, 40)])
    func headerTabsAndRows(size: (Int, Int)) throws {
        let h = try Harness(setup: sampleLedger)
        let g = h.render(size.0, size.1)
        #expect(g.row(0).contains("东棘坨镇"))
        #expect(g.row(0).contains("操作员：王律师"))
        #expect(g.row(0).contains("账本："))
        #expect(g.row(1).contains("全部 4"))
        #expect(g.row(1).contains("调解 3"))
        #expect(g.row(1).contains("信访 1"))
        #expect(g.row(2).contains("编号"))
        #expect(g.text.contains("张三 / 李四"))
        #expect(g.text.contains("Bob Smith"))
        // Bottom bar lists the keys that matter.
        #expect(g.row(size.1 - 1).contains("新建"))
        #expect(g.row(size.1 - 1).contains("筛选"))
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func columnsAlignAcrossChineseAndASCIIRows(size: (Int, Int)) throws {
        let h = try Harness(setup: sampleLedger)
        let g = h.render(size.0, size.1)
        let zhRow = try #require(g.firstRow(containing: "张三"))
        let enRow = try #require(g.firstRow(containing: "Bob Smith"))
        let mixedRow = try #require(g.firstRow(containing: "王五A"))
        // Category, handler and status start at the same cell on every row, whatever the width of the names.
        let neighbor = try #require(g.column(of: "邻里", row: zhRow))
        let contract = try #require(g.column(of: "合同", row: enRow))
        let labor = try #require(g.column(of: "劳动争议", row: mixedRow))
        #expect(neighbor == contract)
        #expect(contract == labor)
        let header = try #require(g.column(of: "类别", row: 2))
        #expect(header == neighbor)
        let handlerZh = try #require(g.column(of: "刘", row: zhRow))
        let handlerEn = try #require(g.column(of: "Li ", row: enRow))
        #expect(handlerZh == handlerEn)
        // The id column is at the left edge on every row.
        #expect(g.column(of: "M-2024-0001", row: zhRow) == g.column(of: "M-2024-0002", row: enRow))
    }

    @Test func overdueAndDueSoonHaveMarkersAndColours() throws {
        let h = try Harness { l in
            try sampleLedger(l)
            // Guideline due 2024-03-22: two days left.
            try open(l, .mediation, ["date": "2024-02-21", "unit": "office", "applicant": "周八", "respondent": "吴九", "category": "other"])
        }
        let g = h.render(100, 30)
        let overdue = try #require(g.firstRow(containing: "孙七"))
        #expect(g.row(overdue).contains("!超期15天"))
        let x = try #require(g.column(of: "!超期", row: overdue))
        #expect(g[x, overdue].style.color == .red)
        #expect(g[x, overdue].style.reverse)   // the selected row keeps its colour
        let soon = try #require(g.firstRow(containing: "周八"))
        #expect(g.row(soon).contains("*剩2天"))
        let sx = try #require(g.column(of: "*剩", row: soon))
        #expect(g[sx, soon].style.color == .yellow)
        // Deadline order: the overdue petition comes first.
        #expect(overdue < soon)
    }

    @Test func tabsStatusAndSortCycle() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.tab, .tab)   // mediations
        var g = h.render()
        #expect(g.row(1).contains("[调解 3]"))
        #expect(!g.text.contains("孙七"))
        h.press(.backTab, .backTab)
        try h.ledger.perform(.close(id: "M-2024-0001", outcome: "resolved", fields: [FieldInput("agreement", "written")]), today: Harness.today)
        g = h.render()
        #expect(!g.text.contains("张三"))
        h.press(.char("o"))   // closed
        g = h.render()
        #expect(g.text.contains("张三"))
        #expect(g.text.contains("调解成功"))
        #expect(g.row(1).contains("已结案"))
        h.press(.char("o"))   // all
        g = h.render()
        #expect(g.row(1).contains("全部 4"))
        h.press(.char("s"))
        #expect(h.render().row(1).contains("按日期"))
        h.press(.char("s"))
        #expect(h.render().row(1).contains("按编号"))
    }

    @Test func filterAsYouTypeWithPinyinInitials() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/"))
        h.type("zs")
        var g = h.render()
        #expect(g.text.contains("张三"))
        #expect(!g.text.contains("Bob Smith"))
        #expect(!g.text.contains("孙七"))
        #expect(g.row(22).hasPrefix("/ zs"))
        #expect(g.cursor?.y == 22)
        #expect(g.row(1).contains("全部 1"))
        h.press(.backspace, .backspace)
        h.type("宅基地")
        g = h.render()
        #expect(g.text.contains("孙七"))
        #expect(!g.text.contains("张三"))
        // Category labels match too.
        h.press(.ctrl("u"))
        h.type("邻里")
        g = h.render()
        #expect(g.text.contains("张三"))
        #expect(!g.text.contains("王五A"))
        h.press(.escape)
        #expect(h.render().row(1).contains("全部 4"))
    }

    @Test func enterOpensTheSelectedCase() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("G"))
        h.press(.enter)
        #expect(h.app.top is DetailScreen)
        h.press(.char("q"))
        #expect(h.app.top is QueueScreen)
    }

    @Test func longListsScrollAndShowThePosition() throws {
        let h = try Harness { l in
            for i in 1...40 {
                try open(l, .consultation, ["date": "2024-03-01", "unit": "station", "client": "咨询人\(i)", "topic": "labor"])
            }
        }
        h.press(.char("s"), .char("s"))   // by id
        var g = h.render()
        #expect(g.row(21).contains("1/40"))
        #expect(g.text.contains("C-2024-0001"))
        #expect(!g.text.contains("C-2024-0030"))
        h.press(.char("G"))
        g = h.render()
        #expect(g.row(21).contains("40/40"))
        #expect(g.text.contains("C-2024-0040"))
        #expect(!g.text.contains("C-2024-0001"))
        // The selected row is on screen and highlighted.
        let row = try #require(g.firstRow(containing: "C-2024-0040"))
        #expect(g[1, row].style.reverse)
        h.press(.pageUp)
        #expect(h.render().text.contains("C-2024-00"))
    }

    @Test func emptyLedgerSaysHowToStart() throws {
        let h = try Harness()
        #expect(h.render().text.contains("按 n 新建"))
    }

    @Test func englishLabels() throws {
        let h = try Harness(lang: .en, setup: sampleLedger)
        let g = h.render(120, 40)
        #expect(g.row(1).contains("All 4"))
        #expect(g.text.contains("neighbours"))
        #expect(g.text.contains("!15d over"))
    }
}
