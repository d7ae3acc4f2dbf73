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

    public static func == (a: YearEndFigures, b: YearEndFigures) -> Bool {
        a.year == b.year && a.unit == b.unit && a.figures == b.figures && a.byMonth == b.byMonth
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
        let zh = lang == .zh
        func f(_ z: String, _ e: String, _ n: Int) -> Figure { Figure(label: zh ? z : e, count: n, of: nil) }
        func r(_ z: String, _ e: String, _ rate: Rate) -> Figure { Figure(label: zh ? z : e, count: rate.num, of: rate.den) }
        let c = u.consultations, m = u.mediations, p = u.petitions, s = u.suits
        figures = [
            f("法律咨询", "consultations", c.total),
            r("解答或引导诉讼", "answered or guided to litigation", Rate(num: c.answeredOrGuided, den: c.total)),
            f("人民调解", "mediations", m.total),
            r("化解率（调解成功）", "resolution rate (resolved)", m.resolutionRate),
            f("调解不成", "failed", m.failed),
            f("调解不成引导诉讼", "failed, guided to litigation", m.failedToLitigation),
            r("闭环率", "closed-loop rate", m.closedLoopRate),
            f("信访", "petitions", p.total),
            r("信访办结率", "petitions finished", p.conclusionRate),
            f("超期", "overdue", p.overdue),
            r("初访回流率", "first visits that came back", p.returnRate),
            f("合法性审查", "legality reviews", u.reviews.total),
            r("负责人出庭应诉率", "agency head in court", s.appearanceRate),
        ]
        let categoryField = CaseKind.mediation.field("category")!
        byCategory = m.byCategory.nonZero.sorted { $0.count != $1.count ? $0.count > $1.count : $0.key < $1.key }
            .map { (categoryField.displayValue($0.key, lang), $0.count) }
        for c in state.allCases where c.status != .voided && c.date.year == year && (unit == nil || c.unit == unit) {
            byMonth[c.date.month - 1] += 1
        }
    }

    /// `95.7%`: rounded half up to one decimal, as the report does.
    public static func percent(_ n: Int, _ d: Int) -> String {
        guard d > 0 else { return "—" }
        let tenths = (n * 2000 + d) / (2 * d)
        return "\(tenths / 10).\(tenths % 10)%"
    }

    /// The figure as text: `44`, or `95.7%（44/46）`.
    public static func value(_ f: Figure) -> String {
        guard let d = f.of else { return String(f.count) }
        return "\(percent(f.count, d))（\(f.count)/\(d)）"
    }

    /// The export for `path`: Markdown for `.md`, CSV for `.csv`, JSON for `.json`, else text.
    public func export(path: String, lang: Language) -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".md") { return summary.markdown(lang) }
        if lower.hasSuffix(".csv") { return summary.csv(lang) }
        if lower.hasSuffix(".json") { return summary.jsonText() + "\n" }
        return summary.text(lang) + "\n"
    }
}
