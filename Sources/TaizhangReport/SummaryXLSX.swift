import Foundation
import TaizhangDomain

extension YearSummary {
    /// XLSX: a first sheet naming the year, the scope and the ledger state, then a sheet per
    /// unit (as in ``text(_:)``) with a row per figure: its label, value, and for a rate its
    /// numerator and denominator. Counts only, no personal data.
    public func xlsx(_ lang: Language) throws -> Data {
        typealias F = Words.Figures
        var sheets = [XLSXWriter.Sheet(name: Words.YearEnd.ledgerSheet[lang], rows: headerLines(lang).map { [$0] }, headerRows: 0)]
        for unit in units {
            var rows: [[String]] = [[F.item[lang], F.value[lang], F.numerator[lang], F.denominator[lang]]]
            for section in unit.sections() {
                rows.append([section.title[lang], "", "", ""])
                if section.rows.isEmpty { rows.append(["  " + Words.Common.none[lang], "", "", ""]); continue }
                for row in section.rows {
                    let label = String(repeating: "  ", count: 1 + row.depth) + row.label[lang]
                    switch row.value {
                    case let .rate(r): rows.append([label, r.percentText.map { $0 + "%" } ?? "", String(r.num), String(r.den)])
                    default: rows.append([label, row.valueText(), "", ""])
                    }
                }
            }
            sheets.append(XLSXWriter.Sheet(name: SummaryLabels.unitName(unit.key, town: "")[lang], rows: rows, headerRows: 1))
        }
        return try XLSXWriter.workbook(sheets)
    }
}
