import Foundation
import Testing
import TaizhangDomain
@testable import TaizhangScreens
import TaizhangTerminalCore

@Suite struct AppTests {
    @Test func smallTerminalGetsAMessage() throws {
        let h = try Harness(setup: sampleLedger)
        let g = h.render(60, 20)
        #expect(g.text.contains("终端窗口太小"))
        #expect(g.text.contains("60x20"))
        #expect(!g.text.contains("张三"))
        // Growing again reflows.
        #expect(h.render(80, 24).text.contains("张三"))
    }

    @Test func helpListsEveryKeyOfTheScreen() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("?"))
        var g = h.render(100, 30)
        for k in ["j/k", "PgUp/PgDn", "g/G", "Enter", "Tab", "Shift-Tab", "/", "o", "s", "y", "n", "q"] {
            #expect(g.text.contains(k), "help lacks \(k)")
        }
        h.press(.escape, .enter, .char("?"))
        g = h.render(100, 30)
        for k in ["e ", "a ", "c ", "f ", "x ", "R ", "V ", "l "] { #expect(g.text.contains("│ " + k), "help lacks \(k)") }
    }

    @Test func appendedLinesAppearOnTick() throws {
        let h = try Harness(setup: sampleLedger)
        let other = try Ledger(path: h.path, operatorName: "李干事")
        try open(other, .consultation, ["date": "2024-03-19", "unit": "station", "client": "外来户", "topic": "labor"])
        #expect(!h.render().text.contains("外来户"))
        h.press(.tick)
        #expect(h.render().text.contains("外来户"))
    }

    @Test func operatorPromptPicksAKnownNameOrANewOne() throws {
        let h = try Harness(askOperator: true, setup: sampleLedger)
        var g = h.render()
        #expect(g.text.contains("谁在值班"))
        #expect(g.text.contains("王律师"))
        h.type("陈")
        g = h.render()
        #expect(g.text.contains("新操作员：陈"))
        h.press(.enter)
        #expect(h.ledger.operatorName == "陈")
        #expect(h.app.top is QueueScreen)
        #expect(h.render().row(0).contains("操作员：陈"))
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func yearEndShowsFiguresWithDenominatorsAndBars(size: (Int, Int)) throws {
        let h = try Harness(setup: sampleLedger)
        try h.ledger.perform(.close(id: "M-2024-0001", outcome: "resolved", fields: [FieldInput("agreement", "written")]), today: Harness.today)
        h.press(.char("y"))
        var g = h.render(size.0, size.1)
        // Labels and values form two columns.
        let a = try #require(g.firstRow(containing: "法律咨询"))
        let b = try #require(g.firstRow(containing: "化解率"))
        #expect(g.column(of: "0", row: a) == g.column(of: "33.3%", row: b))
        #expect(g.text.contains("按月受理"))
        #expect(g.text.contains("2024"))
        #expect(g.text.contains("33.3%（1/3）"))
        #expect(g.text.contains("邻里"))
        #expect(g.text.contains("█"))
        h.press(.char("u"))
        g = h.render(size.0, size.1)
        #expect(g.text.contains("法律服务站"))
        #expect(g.text.contains("0.0%（0/1）"))
        h.press(.left)
        #expect(h.render(80, 24).text.contains("2023"))
    }

    @Test func yearEndExportsToAConfirmedPath() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("y"), .char("w"))
        #expect(h.render().text.contains("导出到文件"))
        let target = h.dir.appendingPathComponent("年度统计.md").path
        h.press(.ctrl("u"))
        h.type(target)
        h.press(.ctrl("s"))
        #expect(h.app.top is ConfirmScreen)
        #expect(!FileManager.default.fileExists(atPath: target))
        h.press(.char("y"))
        #expect(h.app.top is YearEndScreen)
        #expect(h.render().text.contains("已导出到"))
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("2024"))
        #expect(text.contains("|"))   // Markdown tables
    }

    @Test func percentRoundsHalfUp() {
        #expect(YearEndFigures.percent(44, 46) == "95.7%")
        #expect(YearEndFigures.percent(1, 60) == "1.7%")
        #expect(YearEndFigures.percent(1, 8) == "12.5%")
        #expect(YearEndFigures.percent(0, 0) == "—")
    }

    @Test func keyFromScalar() {
        #expect(Key.fromScalar(13) == .enter)
        #expect(Key.fromScalar(19) == .ctrl("s"))
        #expect(Key.fromScalar(127) == .backspace)
        #expect(Key.fromScalar(0x5F20) == .char("张"))
    }
}
