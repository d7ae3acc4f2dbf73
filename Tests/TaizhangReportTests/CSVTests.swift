import Testing
import TaizhangDomain
@testable import TaizhangReport

@Suite struct CSVTests {
    @Test func quotesCommasQuotesAndNewlines() {
        #expect(CSV.cell("plain") == "plain")
        #expect(CSV.cell("a,b") == "\"a,b\"")
        #expect(CSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.cell("line1\nline2") == "\"line1\nline2\"")
        #expect(CSV.cell("a\r\nb") == "\"a\r\nb\"")
        #expect(CSV.cell("中文，全角逗号") == "中文，全角逗号")
    }

    @Test func guardsAgainstFormulas() {
        #expect(CSV.cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CSV.cell("+1") == "'+1")
        #expect(CSV.cell("-2") == "'-2")
        #expect(CSV.cell("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSV.cell("\tx") == "'\tx")
        #expect(CSV.cell("\rx") == "\"'\rx\"")
        #expect(CSV.cell("a=b") == "a=b")
    }

    @Test func exportHasBOMNoticeHeaderAndGuardedCells() throws {
        let t = try TestLedger()
        let id = try t.open(.mediation, "2024-04-01", ["applicant": "=1+2", "respondent": "张三, 李四", "summary": "他说\"不行\"\n第二行",
                                                       "phone": "13812345678", "id_number": "120101199001011239"])
        try t.ledger.perform(.note(id: id, text: "@备注"), today: TestLedger.day("2024-04-02"))
        let export = try LedgerExport(state: t.ledger.state, year: 2024, today: TestLedger.day("2024-12-31"),
                                  events: t.ledger.log.lineCount, head: t.ledger.log.headHash)
        let text = export.csv(.zh)
        let bytes = Array(text.utf8)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let body = String(text.dropFirst())
        let lines = body.components(separatedBy: "\r\n")
        #expect(lines[0].contains("个人信息"))
        #expect(lines[0].contains(t.ledger.log.headHash))
        #expect(lines[1].hasPrefix("id,kind,status,outcome,closed_on,date,unit"))
        let row = lines.dropFirst(2).joined(separator: "\r\n")
        #expect(row.contains(",'=1+2,"))
        #expect(row.contains(",\"张三, 李四\","))
        #expect(row.contains("\"他说\"\"不行\"\"\n第二行\""))
        #expect(row.contains(",'@备注,"))
        #expect(row.contains("138****5678"))
        #expect(row.contains("1201**********1239"))
        #expect(!row.contains("13812345678"))
        let open = try LedgerExport(state: t.ledger.state, year: 2024, masked: false, today: TestLedger.day("2024-12-31"),
                                events: 0, head: "")
        #expect(open.csv(.en).contains("13812345678"))
        #expect(open.csv(.en).contains("NOT masked"))
    }

    @Test func masking() {
        #expect(Masking.phone("13812345678") == "138****5678")
        #expect(Masking.idNumber("120101199001011239") == "1201**********1239")
        #expect(Masking.idNumber("12010119900101X") == "1201*******101X")
        #expect(Masking.phone("12345") == "***45")
        #expect(Masking.phone("") == "")
    }

    @Test func jsonLinesStartWithNoticeAndHoldEveryCase() throws {
        let t = try TestLedger()
        let a = try t.open(.petition, "2024-02-01", ["phone": "13900001111"])
        try t.open(.review, "2024-03-01", unit: .station)
        try t.open(.review, "2023-03-01", unit: .station)  // other year: not exported
        try t.void(a, on: "2024-02-02")
        let export = try LedgerExport(state: t.ledger.state, year: 2024, today: TestLedger.day("2024-12-31"),
                                  events: t.ledger.log.lineCount, head: t.ledger.log.headHash)
        let lines = export.jsonLines(.en).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].contains("\"personal_data\":true") && lines[0].contains("\"masked\":true"))
        #expect(lines[1].contains("\"status\":\"voided\"") && lines[1].contains("139****1111"))
        let onlyReviews = try LedgerExport(state: t.ledger.state, year: 2024, kind: .review, today: TestLedger.day("2024-12-31"), events: 0, head: "")
        #expect(onlyReviews.cases.map(\.kind) == [.review])
    }
}
