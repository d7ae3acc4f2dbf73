import Foundation
import TaizhangDomain

extension LedgerExport {
    /// CSV (UTF-8 with BOM, RFC 4180, formula guard): the notice as the first line, then a
    /// header of column keys, then one row per case with stored values.
    public func csv(_ lang: Language) -> String {
        let t = table()
        return CSV.bom + CSV.line([notice(lang)]) + CSV.line(t.columns.map(\.key)) + t.rows.map(CSV.line).joined()
    }

    /// JSON lines: a first object with the notice and the ledger state, then one object per case
    /// (column key -> stored value; empty values left out).
    public func jsonLines(_ lang: Language) -> String {
        let t = table()
        let header = JSONNode.object([
            .init("notice", .string(notice(lang))), .init("personal_data", .bool(true)), .init("masked", .bool(masked)),
            .init("year", .int(year)), .init("cases", .int(cases.count)),
            .init("ledger", .object([.init("events", .int(events)), .init("head", .string(head))])),
            .init("columns", .array(t.columns.map { .string($0.key) })),
        ])
        var lines = [header.compact()]
        for row in t.rows {
            lines.append(JSONNode.object(zip(t.columns, row).filter { !$0.1.isEmpty }.map { .init($0.0.key, .string($0.1)) }).compact())
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// XLSX: a first sheet with the notice, then one sheet per kind with a header row of labels
    /// in `lang` and choices shown by label.
    public func xlsx(_ lang: Language) throws -> Data {
        var sheets: [XLSXWriter.Sheet] = []
        let noticeTitle = Words.Exports.noticeSheet[lang]
        sheets.append(XLSXWriter.Sheet(name: noticeTitle, rows: [[notice(lang)],
                                                                [Words.Exports.headersNote[lang]]],
                                       headerRows: 0))
        for kind in kinds {
            let t = table(kinds: [kind], labels: lang)
            sheets.append(XLSXWriter.Sheet(name: kind.label[lang], rows: [t.columns.map { $0.label[lang] }] + t.rows, headerRows: 1))
        }
        return try XLSXWriter.workbook(sheets)
    }
}
