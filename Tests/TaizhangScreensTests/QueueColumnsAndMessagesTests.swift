import Foundation
import Testing
import TaizhangDomain
import TaizhangReport
import TaizhangTerminalCore
@testable import TaizhangScreens

/// The queue's subject column, "my cases", the reversed order, the message history, the
/// detail's wrapping and links, and the year-end screen's unit words.
@Suite struct QueueColumnsAndMessagesTests {
    /// The sample ledger plus a suit with a plaintiff and a cause, and two cases of the operator.
    func ledger(_ l: Ledger) throws {
        try sampleLedger(l)
        try open(l, .suit, ["date": "2024-03-04", "unit": "office", "court": "宁河区人民法院", "plaintiff": "周八",
                            "cause": "不服行政处罚", "handler": "王律师"])
        try open(l, .consultation, ["date": "2024-03-05", "unit": "station", "client": "吴九", "topic": "labor", "handler": "王律师",
                                    "question": "工资拖欠如何维权"])
    }

    @Test func aSuitShowsItsPlaintiffAndCauseAndAPetitionItsSubject() throws {
        let h = try Harness(setup: ledger)
        let g = h.render(100, 30)
        let suit = try #require(g.firstRow(containing: "S-2024-0001"))
        #expect(g.row(suit).contains("周八"))
        #expect(g.row(suit).contains("不服行政处罚"))
        #expect(!g.row(suit).contains("宁河区人民法院"))
        let petition = try #require(g.firstRow(containing: "P-2024-0001"))
        #expect(g.row(petition).contains("宅基地纠纷"))
        #expect(g.row(2).contains("事项"))
        // The subject column starts at the same cell on every row.
        #expect(g.column(of: "不服行政处罚", row: suit) == g.column(of: "宅基地纠纷", row: petition))
        #expect(g.column(of: "事项", row: 2) == g.column(of: "宅基地纠纷", row: petition))
    }

    @Test func aSuitWithoutAPlaintiffShowsItsCourt() throws {
        let h = try Harness { l in
            try open(l, .suit, ["date": "2024-03-04", "unit": "office", "court": "宁河区人民法院"])
        }
        #expect(h.render(100, 30).text.contains("宁河区人民法院"))
    }

    @Test func myCasesKeepsTheOperatorsAndCountsThem() throws {
        let h = try Harness(setup: ledger)
        h.press(.char("m"))
        let g = h.render(100, 30)
        #expect(g.row(1).contains("全部 2"))
        #expect(g.row(1).contains("承办人：王律师"))
        #expect(g.text.contains("S-2024-0001") && g.text.contains("C-2024-0001"))
        #expect(!g.text.contains("M-2024-0001") && !g.text.contains("P-2024-0001"))
        h.press(.char("m"))
        #expect(h.render(100, 30).text.contains("M-2024-0001"))
    }

    @Test func reverseTurnsTheOrderAround() throws {
        let h = try Harness(setup: ledger)
        h.press(.char("s"), .char("s"))   // by id
        func order(_ g: CellGrid) -> [String] {
            (3..<12).compactMap { y in g.row(y).split(separator: " ").first.map(String.init) }.map { $0.hasPrefix(">") ? String($0.dropFirst()) : $0 }
                .filter { $0.contains("-2024-") }
        }
        let forward = order(h.render(100, 30))
        h.press(.char("r"))
        let g = h.render(100, 30)
        #expect(order(g) == forward.reversed())
        #expect(g.row(1).contains("倒序"))
        #expect(forward.count == 6)
    }

    @Test func aLongMessageCanBeReadInFullInTheHistory() throws {
        let h = try Harness(setup: ledger)
        h.ctx.clock = { "2024-03-20T09:12:33.120+08:00" }
        let long = "这是一条很长的消息：" + String(repeating: "文件已写入某个很深的目录之中，", count: 8) + "结束标记"
        h.ctx.fail(long)
        let before = h.render(80, 24)
        #expect(!before.text.contains("结束标记"), "the status row cuts it")
        h.press(.char("h"))
        let g = h.render(80, 24)
        #expect(g.text.contains("消息记录"))
        #expect(g.text.contains("2024-03-20 09:12:33"))
        #expect(g.text.contains("结束标记"))
        h.press(.char("q"))
        #expect(h.render(80, 24).row(2).contains("编号"))
    }

    @Test func theHistoryListsNewestFirstWithItsTimes() {
        let log = [LoggedMessage(at: "2024-03-20T09:00:00.000+08:00", text: "first", isError: false),
                   LoggedMessage(at: "2024-03-20T09:05:00.000+08:00", text: "second", isError: true)]
        let lines = MessageHistoryScreen.lines(log, width: 60, lang: .en)
        #expect(lines.map(\.0) == ["2024-03-20 09:05:00  second", "2024-03-20 09:00:00  first"])
        #expect(lines[0].1 == .alert)
        #expect(MessageHistoryScreen.lines([], width: 60, lang: .en).first?.0 == "(no message yet)")
    }

    @Test func wrappingBreaksBetweenValuesNeverInsideADateOrAnID() {
        let text = "  2024-03-20 09:12  王律师  登记：受理日期=2026-12-01，单位=公共安全办，来源咨询=C-2024-0012，申请人=张三，被申请人=李四"
        for width in 20...70 {
            let lines = CaseFormat.wrap(text, width: width)
            for line in lines {
                #expect(DisplayWidth.of(line) <= width, "\(width): \(line)")
            }
            let joined = lines.joined(separator: "\n")
            #expect(joined.contains("2026-12-01"), "\(width): \(lines)")
            #expect(joined.contains("C-2024-0012"), "\(width): \(lines)")
            if width >= 26 { #expect(joined.contains("来源咨询=C-2024-0012"), "\(width): \(lines)") }
            // Nothing lost: the lines are the text again, less the indents.
            let back = lines.enumerated().map { $0.offset == 0 ? $0.element : String($0.element.dropFirst(4)) }.joined()
            #expect(back == text, "\(width): \(lines)")
        }
    }

    @Test func aLongWordLongerThanALineIsStillCut() {
        let id = String(repeating: "A", count: 30)
        let lines = CaseFormat.wrap(id, width: 12)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 12 })
        #expect(lines.joined().replacingOccurrences(of: " ", with: "") == id)
    }

    @Test func aConsultationLinksToTheMediationWhoseFromCaseNamesIt() throws {
        var consultation: CaseID?
        let h = try Harness { l in
            consultation = try open(l, .consultation, ["date": "2024-03-05", "unit": "station", "client": "吴九", "topic": "labor"])
            try open(l, .mediation, ["date": "2024-03-06", "unit": "station", "applicant": "吴九", "respondent": "某公司", "category": "labor",
                                     "from_case": consultation!.description])
        }
        // By deadline: the mediation (its 30-day guideline) first, then the consultation.
        h.press(.char("j"), .enter)
        let g = h.render(100, 30)
        #expect(g.row(1).contains("C-2024-0001"))
        #expect(g.text.contains("关联案件：M-2024-0001"))
        h.press(.char("l"))
        #expect(h.render(100, 30).row(1).contains("M-2024-0001"))
    }

    @Test func theTownsMediationLineSaysWhichUnitsItCountsAndSuitsTheirCount() throws {
        let h = try Harness(setup: ledger)
        h.press(.char("y"))
        let g = h.render(100, 30)
        #expect(g.text.contains("人民调解（全镇）"))
        #expect(g.text.contains("全镇调解 = 法律服务站 1 件"), "\(g.text)")
        #expect(g.text.contains("公共安全办 2 件"))
        let suits = try #require(g.firstRow(containing: "行政应诉"))
        #expect(g.row(suits).contains("1"))
        h.press(.char("u"), .char("u"))   // the office
        let office = h.render(100, 30)
        #expect(office.text.contains("人民调解（公共安全办）"))
        #expect(!office.text.contains("全镇调解 ="))
    }

    @Test func englishRatesUseASCIIBrackets() throws {
        let h = try Harness(lang: .en, setup: ledger)
        h.press(.char("y"))
        let g = h.render(100, 30)
        #expect(g.text.contains("(0/3)"), "\(g.text)")
        for ch in "（）：，、；" { #expect(!g.text.contains(ch), "\(ch) in \(g.text)") }
        #expect(YearEndFigures.value(.init(label: "x", count: 44, of: 46), lang: .en) == "95.7% (44/46)")
        #expect(YearEndFigures.value(.init(label: "x", count: 44, of: 46), lang: .zh) == "95.7%（44/46）")
    }

    @Test func theYearEndExportWritesXLSXForAnXlsxPath() throws {
        let h = try Harness(setup: ledger)
        let f = YearEndFigures(ledger: h.ledger, year: 2024, unit: nil, today: Harness.today, lang: .zh)
        let bytes = try f.exportBytes(path: "/tmp/x/figures.XLSX", lang: .zh)
        #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]))   // a ZIP package
        #expect(try f.exportBytes(path: "/tmp/x/figures.csv", lang: .zh) == Array(f.export(path: "figures.csv", lang: .zh).utf8))
    }
}
