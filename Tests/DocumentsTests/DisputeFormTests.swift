import Foundation
import Testing
import TaizhangDomain
import TaizhangLog
import TaizhangReport
@testable import TaizhangDocuments

/// The monthly form (矛盾纠纷排查调处情况表) counts what docs/metrics.md says it counts.
@Suite struct DisputeFormTests {
    /// RFC 4180 fields of one CSV document (quoted fields, doubled quotes, CRLF).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false, i = text.unicodeScalars.startIndex
        let s = text.unicodeScalars
        if s.first == "\u{FEFF}" { i = s.index(after: i) }
        while i < s.endIndex {
            let c = s[i]
            if quoted {
                if c == "\"" {
                    let n = s.index(after: i)
                    if n < s.endIndex && s[n] == "\"" { field.unicodeScalars.append("\""); i = n } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" {}
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
            i = s.index(after: i)
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    /// Yuan text to fen, independently of the report module.
    static func fen(_ s: String) -> Int {
        let parts = s.split(separator: ".")
        guard let whole = parts.first.flatMap({ Int($0) }) else { return 0 }
        let frac = parts.count > 1 ? String(parts[1]) : ""
        return whole * 100 + (Int((frac + "00").prefix(2)) ?? 0)
    }

    /// The form's counts derived from `list --format json`: one row per unit, then the total.
    static func derived(_ cases: [[String: Any]], start: String, end: String) -> [String: [String: Int]] {
        var rows: [String: [String: Int]] = [:]
        for c in cases {
            guard c["kind"] as? String == "mediation", c["status"] as? String != "voided" else { continue }
            let f = c["fields"] as! [String: String]
            let date = f["date"]!
            guard date >= start && date <= end else { continue }
            for unit in [f["unit"]!, "total"] {
                var r = rows[unit, default: [:]]
                r["mediations", default: 0] += 1
                let named = (f["applicant"]! + ";" + f["respondent"]!).split(whereSeparator: { $0 == ";" || $0 == "；" }).count
                r["parties", default: 0] += Int(f["people"] ?? "") ?? named
                if c["outcome"] as? String == "resolved" {
                    r["resolved", default: 0] += 1
                    r["amount_fen", default: 0] += fen(f["amount"] ?? "0")
                    r["agreement.\(f["agreement"] ?? "")", default: 0] += 1
                }
                if let s = f["source"] { r["source.\(s)", default: 0] += 1 }
                r["category.\(f["category"]!)", default: 0] += 1
                if f["confirmation"] == "confirmed" { r["confirmed", default: 0] += 1 }
                rows[unit] = r
            }
        }
        return rows
    }

    @Test(arguments: ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])
    func eachQuarterOfTheDemoEqualsTheListedCases(_ quarter: String) throws {
        let list = try runTaizhang(["list", "--store", demoPath, "--status", "all", "--kind", "mediation", "--format", "json", "--read-only"])
        #expect(list.status == 0, "\(list.stderr)")
        let cases = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as! [[String: Any]]
        #expect(cases.count > 50)
        let report = try runTaizhang(["report", "disputes", "--store", demoPath, "--period", quarter, "--format", "csv"])
        #expect(report.status == 0, "\(report.stderr)")
        let table = Self.parseCSV(report.stdout)
        let q = Int(quarter.suffix(1))!
        let start = String(format: "2024-%02d-01", 3 * q - 2)
        let end = ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"][q - 1]
        #expect(table[0] == ["青坨镇矛盾纠纷排查调处情况表（2024年第\(["一", "二", "三", "四"][q - 1])季度）"])
        let header = table[1]
        let want = Self.derived(cases, start: start, end: end)
        let columns = DisputeForm(state: LedgerState(), period: try ReportPeriod.parse(quarter), byVillage: false).columns
        #expect(header == columns.map(\.label.zh))
        let named: [(String, String)] = [("station", "青坨镇法律服务站"), ("office", "青坨镇公共安全办"), ("total", "合计")]
        #expect(table.count == 2 + named.count + 1)
        for (n, (unit, name)) in named.enumerated() {
            let row = table[2 + n]
            #expect(row[0] == name)
            let w = want[unit] ?? [:]
            for (k, col) in columns.enumerated().dropFirst() {
                let expected: String
                if col.key == "amount" {
                    let hundredths = ((w["amount_fen"] ?? 0) + 5_000) / 10_000
                    expected = String(format: "%d.%02d", hundredths / 100, hundredths % 100)
                } else {
                    expected = String(w[col.key] ?? 0)
                }
                #expect(row[k] == expected, "\(quarter) \(unit) \(col.key): form \(row[k]), listed \(expected)")
            }
        }
        #expect((want["total"]?["mediations"] ?? 0) > 0)
    }

    @Test func periodsParseAndReject() throws {
        let m = try ReportPeriod.parse("2024-03")
        #expect(m.start == day("2024-03-01") && m.end == day("2024-03-31") && m.label == "2024年3月")
        let feb = try ReportPeriod.parse("2024-2")
        #expect(feb.end == day("2024-02-29"))
        let q = try ReportPeriod.parse("2024-q4")
        #expect(q.start == day("2024-10-01") && q.end == day("2024-12-31") && q.label == "2024年第四季度")
        let y = try ReportPeriod.parse("2024")
        #expect(y.start == day("2024-01-01") && y.end == day("2024-12-31"))
        for bad in ["2024-13", "2024-Q5", "24", "2024-03-01", "", "2024-Q"] {
            #expect(throws: ValidationError.self, "\(bad)") { try ReportPeriod.parse(bad) }
        }
    }

    @Test func villagesRowsAddUpToTheTotal() throws {
        let ledger = try Ledger(path: demoPath, operatorName: "t", options: .init(create: false, readOnly: true), useSnapshot: false)
        let form = DisputeForm(state: ledger.state, period: try ReportPeriod.parse("2024"), byVillage: true)
        #expect(form.rows.count >= 10)
        #expect(form.rows.reduce(0) { $0 + $1.mediations } == form.total.mediations)
        #expect(form.rows.reduce(0) { $0 + $1.resolved } == form.total.resolved)
        // The year's total agrees with the year-end figures.
        let summary = YearSummary(state: ledger.state, year: 2024, today: day("2025-01-10"), events: 0, head: "", generatedAt: "")
        #expect(form.total.mediations == summary["all"]!.mediations.total)
        #expect(form.total.resolved == summary["all"]!.mediations.resolved)
        let md = form.markdown(.zh)
        #expect(md.contains("| 合计 |"))
        #expect(DisputeForm.tenThousands(fen: 3_710_000) == "3.71" && DisputeForm.tenThousands(fen: 5_000) == "0.01"
                && DisputeForm.tenThousands(fen: 4_999) == "0.00")
    }
}
