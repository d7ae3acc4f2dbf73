import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TaizhangDomain
import ZIPFoundation
@testable import TaizhangReport

@Suite struct XLSXTests {
    /// Reads one entry of a ZIP archive held in memory.
    func entry(_ archive: Archive, _ path: String) throws -> String? {
        guard let e = archive[path] else { return nil }
        var data = Data()
        _ = try archive.extract(e) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// The text of every inline-string cell, row by row, parsed with XMLParser.
    final class SheetReader: NSObject, XMLParserDelegate {
        var rows: [[String: String]] = []
        var cellRef = ""
        var text = ""
        var inText = false
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "row" { rows.append([:]) }
            if name == "c" { cellRef = attributes["r"] ?? "" }
            if name == "t" { inText = true; text = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { text += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "t" {
                inText = false
                let column = String(cellRef.prefix { $0.isLetter })
                rows[rows.count - 1][column] = text
            }
        }
    }

    func parse(_ xml: String) -> [[String: String]] {
        let parser = XMLParser(data: Data(xml.utf8))
        let reader = SheetReader()
        parser.delegate = reader
        #expect(parser.parse(), "sheet XML does not parse")
        return reader.rows
    }

    @Test func workbookHasNoticeSheetOneSheetPerKindAndMaskedNumbers() throws {
        let t = try TestLedger()
        try t.open(.mediation, "2024-04-01", ["applicant": "王<五>&", "phone": "13812345678", "id_number": "120101199001011239", "category": "neighbor"])
        try t.open(.mediation, "2024-04-02")
        try t.open(.petition, "2024-04-03")
        let export = try LedgerExport(state: t.ledger.state, year: 2024, today: TestLedger.day("2024-12-31"),
                                  events: t.ledger.log.lineCount, head: t.ledger.log.headHash)
        let data = try export.xlsx(.zh)
        let archive = try Archive(data: data, accessMode: .read)
        let types = try #require(try entry(archive, "[Content_Types].xml"))
        #expect(types.contains("/xl/worksheets/sheet6.xml"))
        #expect(try entry(archive, "_rels/.rels") != nil)
        let workbook = try #require(try entry(archive, "xl/workbook.xml"))
        for name in ["说明", "法律咨询", "人民调解", "信访", "合法性审查", "行政应诉"] { #expect(workbook.contains("name=\"\(name)\"")) }
        let rels = try #require(try entry(archive, "xl/_rels/workbook.xml.rels"))
        #expect(rels.contains("worksheets/sheet6.xml") && rels.contains("styles.xml"))

        let notice = parse(try #require(try entry(archive, "xl/worksheets/sheet1.xml")))
        #expect(notice[0]["A"]?.contains("个人信息") == true)

        let mediations = parse(try #require(try entry(archive, "xl/worksheets/sheet3.xml")))
        #expect(mediations.count == 3)  // header + 2 cases
        let header = mediations[0]
        let columnOf = { (label: String) in header.first { $0.value == label }?.key }
        let phone = try #require(columnOf("联系电话"))
        let idCol = try #require(columnOf("身份证号"))
        let applicant = try #require(columnOf("申请人"))
        let category = try #require(columnOf("纠纷类型"))
        #expect(mediations[1][phone] == "138****5678")
        #expect(mediations[1][idCol] == "1201**********1239")
        #expect(mediations[1][applicant] == "王<五>&")
        #expect(mediations[1][category] == "邻里")
        #expect(mediations[1]["A"] == "M-2024-0001")

        let petitions = parse(try #require(try entry(archive, "xl/worksheets/sheet4.xml")))
        #expect(petitions.count == 2)
        let suits = parse(try #require(try entry(archive, "xl/worksheets/sheet6.xml")))
        #expect(suits.count == 1)  // header only
    }

    @Test func columnNames() {
        #expect(XLSXWriter.columnName(0) == "A")
        #expect(XLSXWriter.columnName(25) == "Z")
        #expect(XLSXWriter.columnName(26) == "AA")
        #expect(XLSXWriter.columnName(701) == "ZZ")
        #expect(XLSXWriter.columnName(702) == "AAA")
    }

    @Test func sheetNamesAreValidAndUnique() {
        #expect(XLSXWriter.uniqueNames(["a/b", "A/B", String(repeating: "x", count: 40)]) == ["a_b", "A_B(2)", String(repeating: "x", count: 31)])
    }
}
