import TaizhangDomain
import TaizhangTerminalCore
import TaizhangLog
import TaizhangReport

/// The year-end screen's view of TaizhangReport's ``YearSummary``: the headline figures of one
/// unit (or the whole town), mediations by category, and cases received per month.
public struct YearEndFigures: Sendable, Equatable {
    /// One figure: a count, or a rate with numerator and denominator.
    public struct Figure: Sendable, Equatable {
        /// Label in the UI language.
        public var label: String
        /// Numerator (or the count).
        public var count: Int
        /// Denominator for rates.
        public var of: Int?
    }

    /// The year.
    public var year: Int
    /// The unit, nil for the whole town.
    public var unit: Unit?
    /// The report's figures this view was made from.
    public var summary: YearSummary
    /// The headline figures, in report order.
    public var figures: [Figure] = []
    /// Mediations by category label, largest first.
    public var byCategory: [(String, Int)] = []
    /// Cases received per month, January first (not voided).
    public var byMonth: [Int] = Array(repeating: 0, count: 12)
    /// Under the whole town's figures: its mediations as the two units' (the report quotes
    /// the office's); nil for one unit.
    public var note: String?

    public static func == (a: YearEndFigures, b: YearEndFigures) -> Bool {
        a.year == b.year && a.unit == b.unit && a.figures == b.figures && a.byMonth == b.byMonth && a.note == b.note
            && a.byCategory.map(\.0) == b.byCategory.map(\.0) && a.byCategory.map(\.1) == b.byCategory.map(\.1)
    }

    /// The figures of `year` for `unit` (nil: the whole town), computed by TaizhangReport.
    public init(ledger: Ledger, year: Int, unit: Unit?, today: BusinessDate, lang: Language) {
        let state = ledger.state
        self.year = year
        self.unit = unit
        summary = YearSummary(state: state, year: year, unit: unit, today: today,
                              events: ledger.log.lineCount, head: ledger.log.headHash, generatedAt: LogClock.now())
        let u = summary[unit?.rawValue ?? "all"] ?? UnitFigures(key: "all")
        figures = Self.headline(u, lang: lang, unit: unit?.label ?? Words.Figures.wholeTown(""))
        if unit == nil {
            let station = summary["station"]?.mediations, office = summary["office"]?.mediations
            note = Words.YearEnd.townMediations(station: station?.total ?? 0, stationResolved: station?.resolved ?? 0,
                                                office: office?.total ?? 0, officeResolved: office?.resolved ?? 0)[lang]
        }
        byCategory = u.sections(keepingEmptyKinds: true).flatMap(\.rows)
            .filter { $0.depth == 1 && $0.id.hasPrefix("mediations.by_category.") }
            .compactMap { row in if case let .count(n) = row.value { return (id: row.id, label: row.label[lang], count: n) } else { return nil } }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.id < $1.id }
            .map { ($0.label, $0.count) }
        for c in state.allCases where c.status != .voided && c.date.year == year && (unit == nil || c.unit == unit) {
            byMonth[c.date.month - 1] += 1
        }
    }

    /// The report's rows the screen shows, by id, in order. A kind's total is labelled with the
    /// kind's name; `consultations.answered_or_guided` is shown as a share of the consultations.
    static let headlineIDs = [
        "consultations.total", "consultations.answered_or_guided",
        "mediations.total", "mediations.resolution_rate", "mediations.failed", "mediations.failed_to_litigation",
        "mediations.closed_loop_rate",
        "petitions.total", "petitions.conclusion_rate", "petitions.overdue", "petitions.return_rate",
        "reviews.total",
        "suits.total", "suits.appearance_rate",
    ]

    /// The figures whose label names the unit they count: the town's mediations are both
    /// units', and a reader comparing them with the report (which quotes the office's) must
    /// see which they are.
    static let scopedIDs: Set<String> = ["mediations.total", "mediations.resolution_rate"]

    /// The headline figures of `u`, labelled and counted as the report's rows are.
    static func headline(_ u: UnitFigures, lang: Language, unit: Words) -> [Figure] {
        var rows: [String: (section: FigureSection, row: FigureRow)] = [:]
        for section in u.sections(keepingEmptyKinds: true) {
            for row in section.rows { rows[row.id] = (section, row) }
        }
        return headlineIDs.compactMap { id in
            guard let (section, row) = rows[id] else { return nil }
            let words = id.hasSuffix(".total") ? section.title : row.label
            let label = scopedIDs.contains(id) ? Words.YearEnd.scoped(words, unit)[lang] : words[lang]
            switch row.value {
            case let .rate(r): return Figure(label: label, count: r.num, of: r.den)
            case let .count(n) where id == "consultations.answered_or_guided":
                return Figure(label: label, count: n, of: u.consultations.total)
            case let .count(n): return Figure(label: label, count: n, of: nil)
            case .amount: return nil
            }
        }
    }

    /// `95.7%`: the report's rate, rounded half up to one decimal; `—` when `d` is 0.
    public static func percent(_ n: Int, _ d: Int) -> String {
        Rate(num: n, den: d).percentText.map { $0 + "%" } ?? "—"
    }

    /// The figure as text: `44`, or `95.7%（44/46）` (`95.7% (44/46)` in English).
    public static func value(_ f: Figure, lang: Language = .zh) -> String {
        guard let d = f.of else { return String(f.count) }
        return "\(percent(f.count, d))" + Words.YearEnd.ofCount(f.count, d)[lang]
    }

    /// The export for `path`: Markdown for `.md`, CSV for `.csv`, JSON for `.json`, else text.
    public func export(path: String, lang: Language) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") { return summary.markdown(lang) }
        if lower.hasSuffix(".csv") { return summary.csv(lang) }
        if lower.hasSuffix(".json") { return summary.jsonText() + "\n" }
        return summary.text(lang) + "\n"
    }

    /// The export's bytes for `path`: an XLSX workbook for `.xlsx` (as `taizhang summary
    /// --format xlsx` writes), else the text of ``export(path:lang:)``.
    public func exportBytes(path: String, lang: Language) throws -> [UInt8] {
        if path.lowercased().hasSuffix(".xlsx") { return [UInt8](try summary.xlsx(lang)) }
        return Array(export(path: path, lang: lang).utf8)
    }
}
