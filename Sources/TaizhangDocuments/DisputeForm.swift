import Foundation
import TaizhangDomain
import TaizhangReport

/// A month, a quarter or a year of business dates.
public struct ReportPeriod: Sendable, Equatable {
    /// First day.
    public var start: BusinessDate
    /// Last day.
    public var end: BusinessDate
    /// As written on the form: `2024年3月`, `2024年第一季度`, `2024年`.
    public var label: String
    /// As given: `2024-03`, `2024-Q1`, `2024`.
    public var key: String

    /// Parses `2024-03`, `2024-Q1` or `2024`.
    public static func parse(_ text: String) throws(ValidationError) -> ReportPeriod {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        func reject() -> ValidationError {
            ValidationError(field: "period", value: text, zh: "统计期间（--period）“\(text)” 无效，应为月份 2024-03、季度 2024-Q1 或年份 2024",
                            en: "--period: '\(text)' is not valid; expected a month (2024-03), a quarter (2024-Q1) or a year (2024)")
        }
        guard let first = parts.first, first.count == 4, let year = Int(first), (1900...2199).contains(year) else { throw reject() }
        if parts.count == 1 {
            return ReportPeriod(start: BusinessDate(year: year, month: 1, day: 1)!, end: BusinessDate(year: year, month: 12, day: 31)!,
                                label: "\(year)年", key: "\(year)")
        }
        guard parts.count == 2 else { throw reject() }
        let p = parts[1]
        if p.hasPrefix("Q"), p.count == 2, let q = Int(p.dropFirst()), (1...4).contains(q) {
            let names = ["一", "二", "三", "四"]
            let start = BusinessDate(year: year, month: 3 * q - 2, day: 1)!
            return ReportPeriod(start: start, end: monthEnd(year, 3 * q), label: "\(year)年第\(names[q - 1])季度", key: "\(year)-Q\(q)")
        }
        guard (1...2).contains(p.count), p.allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(p), (1...12).contains(m) else { throw reject() }
        return ReportPeriod(start: BusinessDate(year: year, month: m, day: 1)!, end: monthEnd(year, m),
                            label: "\(year)年\(m)月", key: String(format: "%04d-%02d", year, m))
    }

    static func monthEnd(_ year: Int, _ month: Int) -> BusinessDate {
        let next = month == 12 ? BusinessDate(year: year + 1, month: 1, day: 1)! : BusinessDate(year: year, month: month + 1, day: 1)!
        return next.adding(days: -1)
    }

    /// True when `d` lies in the period.
    public func contains(_ d: BusinessDate) -> Bool { !(d < start) && !(end < d) }
}

/// 矛盾纠纷排查调处情况表: the monthly (quarterly, yearly) mediation form the district asks of
/// every town. One row per unit (or per village) and a total row; columns are defined in
/// docs/metrics.md ("The monthly dispute form").
public struct DisputeForm: Sendable {
    /// One column: stable key and label.
    public struct Column: Sendable, Equatable {
        /// `mediations`, `source.initiative`, `category.neighbor`, …
        public var key: String
        /// Label with its unit of measure.
        public var label: Localized
    }

    /// One row's counts.
    public struct Row: Sendable, Equatable {
        /// The unit's or village's name, or 合计.
        public var name: String
        /// Mediations counted.
        public var mediations = 0
        /// Parties involved.
        public var parties = 0
        /// Resolved.
        public var resolved = 0
        /// Sum of `amount` over the resolved mediations, in fen.
        public var amountFen = 0
        /// Count per `source` key.
        public var sources: [String: Int] = [:]
        /// Count per `category` key.
        public var categories: [String: Int] = [:]
        /// Resolved with `agreement` = oral / written.
        public var oral = 0
        public var written = 0
        /// Mediations whose `confirmation` is `confirmed`.
        public var confirmed = 0
        /// Screening rounds, and the disputes they found.
        public var screenings = 0
        public var screeningFound = 0

        mutating func add(_ c: CaseRecord) {
            mediations += 1
            parties += Int(c["people"]) ?? max(1, DisputeForm.namedParties(c))
            if c.outcome == "resolved" {
                resolved += 1
                amountFen += Amount.fen(c["amount"]) ?? 0
                if c["agreement"] == "oral" { oral += 1 }
                if c["agreement"] == "written" { written += 1 }
            }
            if !c["source"].isEmpty { sources[c["source"], default: 0] += 1 }
            categories[c["category"], default: 0] += 1
            if c["confirmation"] == "confirmed" { confirmed += 1 }
        }

        /// Adds `other`'s counts to this row's (a town's total into the district's).
        mutating func add(_ other: Row) {
            mediations += other.mediations
            parties += other.parties
            resolved += other.resolved
            amountFen += other.amountFen
            sources.merge(other.sources, uniquingKeysWith: +)
            categories.merge(other.categories, uniquingKeysWith: +)
            oral += other.oral
            written += other.written
            confirmed += other.confirmed
            screenings += other.screenings
            screeningFound += other.screeningFound
        }

        /// The cells in column order.
        func cells(_ columns: [Column]) -> [String] {
            [name] + columns.dropFirst().map { col in
                switch col.key {
                case "mediations": return String(mediations)
                case "parties": return String(parties)
                case "resolved": return String(resolved)
                case "amount": return DisputeForm.tenThousands(fen: amountFen)
                case "agreement.oral": return String(oral)
                case "agreement.written": return String(written)
                case "confirmed": return String(confirmed)
                case "screenings": return String(screenings)
                case "screening_found": return String(screeningFound)
                default:
                    if col.key.hasPrefix("source.") { return String(sources[String(col.key.dropFirst(7))] ?? 0) }
                    if col.key.hasPrefix("category.") { return String(categories[String(col.key.dropFirst(9))] ?? 0) }
                    return ""
                }
            }
        }
    }

    /// The town.
    public var town: String
    /// The period.
    public var period: ReportPeriod
    /// True for one row per village.
    public var byVillage: Bool
    /// The rows before the total.
    public var rows: [Row]
    /// The total row.
    public var total: Row
    /// The screening rounds of the period.
    public var rounds: [ScreeningRound]
    /// The ledger's event count and head, so the form pins the file it came from.
    public var events: Int
    public var head: String
    /// True for the district's form (rows are towns).
    public var isDistrict = false

    /// The form for `period` from `state`: mediations whose `date` is in the period, voided
    /// ones left out; outcomes as the ledger stands.
    public init(state: LedgerState, period: ReportPeriod, byVillage: Bool, events: Int = 0, head: String = "") {
        town = state.townName
        self.period = period
        self.byVillage = byVillage
        self.events = events
        self.head = head
        let cases = state.records.filter { $0.kind == .mediation && $0.status != .voided && period.contains($0.date) }
        let rounds = state.screenings.filter { period.contains($0.date) }
        self.rounds = rounds
        var total = Row(name: "合计")
        for c in cases { total.add(c) }
        for s in rounds { total.screenings += 1; total.screeningFound += s.found }
        self.total = total
        if byVillage {
            var byName: [String: Row] = [:]
            for c in cases { byName[c["village"], default: Row(name: c["village"])].add(c) }
            // A round counts once in every village it covered; what it found, in the total only
            // (a round's count is not split by village).
            for s in rounds { for v in s.villages { byName[v, default: Row(name: v)].screenings += 1 } }
            rows = byName.keys.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
                .map { key in var r = byName[key]!; if r.name.isEmpty { r.name = "（未填村/社区）" }; return r }
        } else {
            rows = TaizhangDomain.Unit.allCases.map { unit in
                var r = Row(name: DisputeForm.unitName(unit, settings: state.settings))
                for c in cases where c.unit == unit { r.add(c) }
                for s in rounds where s.unit == unit.rawValue { r.screenings += 1; r.screeningFound += s.found }
                return r
            }
        }
    }

    /// The district's form: one row per town (that town's total row, named by the town) and
    /// the district's total. `towns` are the towns' own forms for the same period, made from
    /// their stored ledgers by ``init(state:period:byVillage:events:head:)``.
    public init(district: String, towns: [(name: String, form: DisputeForm)], period: ReportPeriod) {
        town = district
        self.period = period
        byVillage = false
        isDistrict = true
        events = towns.reduce(0) { $0 + $1.form.events }
        head = ""
        rounds = towns.flatMap(\.form.rounds)
        rows = towns.map { t in var r = t.form.total; r.name = t.name; return r }
        var total = Row(name: "合计")
        for r in rows { total.add(r) }
        self.total = total
    }

    /// The unit's name as the forms print it (settings `station_name`, `office_name`).
    static func unitName(_ unit: TaizhangDomain.Unit, settings: [String: String]) -> String {
        let town = settings["town"] ?? ""
        switch unit {
        case .station: return settings["station_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(town)法律服务站"
        case .office: return settings["office_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(town)公共安全办"
        }
    }

    /// Parties named in `applicant` and `respondent`.
    static func namedParties(_ c: CaseRecord) -> Int {
        DocumentText.parties(c["applicant"]).count + DocumentText.parties(c["respondent"]).count
    }

    /// Fen as 万元 with two decimals, rounded half-up: 3 710 000 fen -> `3.71`.
    public static func tenThousands(fen: Int) -> String {
        let hundredths = (fen + 5_000) / 10_000
        let r = hundredths % 100
        return "\(hundredths / 100).\(r < 10 ? "0" : "")\(r)"
    }

    /// The columns, in order: name, counts, sources, categories, agreements, confirmations.
    public var columns: [Column] {
        let mediation = CaseKind.mediation
        var cols = [Column(key: "name", label: isDistrict ? Localized("镇", "town") : byVillage ? Localized("村/社区", "village") : Localized("单位", "unit")),
                    Column(key: "mediations", label: Localized("调解案件总数（件）", "mediations")),
                    Column(key: "parties", label: Localized("涉及当事人数（人）", "parties")),
                    Column(key: "resolved", label: Localized("调解成功（件）", "resolved")),
                    Column(key: "amount", label: Localized("协议涉及金额（万元）", "amount agreed (10k yuan)"))]
        for ch in mediation.field("source")!.choices {
            cols.append(Column(key: "source.\(ch.key)", label: Localized("\(ch.label.zh)（件）", "source: \(ch.label.en)")))
        }
        for ch in mediation.field("category")!.choices {
            cols.append(Column(key: "category.\(ch.key)", label: Localized("\(ch.label.zh)（件）", ch.label.en)))
        }
        cols.append(Column(key: "agreement.oral", label: Localized("口头协议（件）", "oral agreements")))
        cols.append(Column(key: "agreement.written", label: Localized("书面协议（件）", "written agreements")))
        cols.append(Column(key: "confirmed", label: Localized("司法确认（件）", "judicially confirmed")))
        cols.append(Column(key: "screenings", label: Localized("排查纠纷（次）", "screening rounds")))
        cols.append(Column(key: "screening_found", label: Localized("排查发现纠纷（件）", "disputes found in screening")))
        return cols
    }

    /// The form's title: 青坨镇矛盾纠纷排查调处情况表（2024年第一季度）.
    public var title: String { "\(town)矛盾纠纷排查调处情况表（\(period.label)）" }

    /// Header and rows (total last) as cells.
    public func table(_ lang: Language) -> [[String]] {
        let cols = columns
        return [cols.map { $0.label(lang) }] + (rows + [total]).map { $0.cells(cols) }
    }

    /// The ledger line under the table.
    func source(_ lang: Language) -> String {
        if isDistrict {
            return zeroReport(lang) + (lang == .zh ? "依据区数据库所存各镇台账：\(rows.count) 个镇，共 \(events) 条记录。统计口径见 docs/metrics.md。"
                                             : "From the towns' ledgers stored in the district database: \(rows.count) towns, \(events) events. Definitions: docs/metrics.md.")
        }
        return zeroReport(lang) + (lang == .zh ? "依据台账：\(events) 条记录，末行哈希 \(head)。统计口径见 docs/metrics.md。"
                    : "From the ledger: \(events) events, head \(head). Definitions: docs/metrics.md.")
    }

    /// `零报告` when the period's screening rounds found nothing.
    func zeroReport(_ lang: Language) -> String {
        guard !rounds.isEmpty, total.screeningFound == 0 else { return "" }
        return lang == .zh ? "本期排查\(rounds.count)次，未发现矛盾纠纷（零报告）。" : "\(rounds.count) screening round(s), no disputes found (zero report). "
    }

    /// CSV (UTF-8 with BOM): the title, the header, the rows and the total, then the ledger line.
    public func csv(_ lang: Language) -> String {
        CSV.document([[title]] + table(lang) + [[source(lang)]])
    }

    /// A workbook with one sheet: the title, the table (header bold and frozen) and the ledger
    /// line.
    public func xlsx(_ lang: Language) throws -> Data {
        let t = table(lang)
        return try XLSXWriter.workbook([XLSXWriter.Sheet(name: period.key, rows: [t[0]] + t.dropFirst() + [[], [title], [source(lang)]], headerRows: 1)])
    }

    /// The form in `format`: `xlsx`, `csv`, else Markdown.
    public func bytes(format: String, _ lang: Language) throws -> [UInt8] {
        switch format {
        case "xlsx": return [UInt8](try xlsx(lang))
        case "csv": return Array(csv(lang).utf8)
        default: return Array(markdown(lang).utf8)
        }
    }

    /// A Markdown heading and table.
    public func markdown(_ lang: Language) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        let t = table(lang)
        var out = "## \(cell(title))\n\n"
        out += "| " + t[0].map(cell).joined(separator: " | ") + " |\n"
        out += "|" + t[0].indices.map { $0 == 0 ? "---|" : "---:|" }.joined() + "\n"
        for row in t.dropFirst() { out += "| " + row.map(cell).joined(separator: " | ") + " |\n" }
        return out + "\n" + source(lang) + "\n"
    }
}
