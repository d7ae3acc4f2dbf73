import TaizhangDomain

/// Simple year-end counts folded from the ledger state, for the year-end screen.
///
/// The full figures (and their renderers) belong to TaizhangReport; it has no public summary
/// API yet, so the screen counts what it shows here, with the same rules as domain.md: cases
/// whose business date falls in the year, voided ones excluded.
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
    /// The figures, in report order.
    public var figures: [Figure] = []
    /// Mediations by category label, largest first.
    public var byCategory: [(String, Int)] = []
    /// Cases received per month, January first.
    public var byMonth: [Int] = Array(repeating: 0, count: 12)

    public static func == (a: YearEndFigures, b: YearEndFigures) -> Bool {
        a.year == b.year && a.unit == b.unit && a.figures == b.figures && a.byMonth == b.byMonth
            && a.byCategory.map(\.0) == b.byCategory.map(\.0) && a.byCategory.map(\.1) == b.byCategory.map(\.1)
    }

    /// Counts for `year` and `unit` (nil: both units).
    public init(state: LedgerState, year: Int, unit: Unit?, today: BusinessDate, lang: Language) {
        self.year = year
        self.unit = unit
        let zh = lang == .zh
        let cases = state.allCases.filter { $0.status != .voided && $0.date.year == year && (unit == nil || $0.unit == unit) }
        func of(_ k: CaseKind) -> [CaseRecord] { cases.filter { $0.kind == k } }
        let cons = of(.consultation), meds = of(.mediation), pets = of(.petition), revs = of(.review), suits = of(.suit)
        func f(_ z: String, _ e: String, _ n: Int, _ d: Int? = nil) -> Figure { Figure(label: zh ? z : e, count: n, of: d) }

        let answered = cons.filter { $0.outcome == "answered" || $0.outcome == "litigation_guided" }.count
        let resolved = meds.filter { $0.outcome == "resolved" }.count
        let failed = meds.filter { $0.outcome == "failed" }
        let closedLoop = meds.filter { m in
            switch m.outcome {
            case "resolved": return !m.followUps.isEmpty
            case "failed": return !m["next"].isEmpty
            case "withdrawn": return true
            default: return false
            }
        }.count
        let finished = pets.filter { $0.outcome == "concluded" || $0.outcome == "not_accepted" }.count
        let first = pets.filter(\.isFirstVisit)
        let cameBack = first.filter { !$0.repeatedBy.isEmpty }.count
        let appeared = suits.filter { $0["head_appeared"] == "yes" }.count
        figures = [
            f("法律咨询", "consultations", cons.count),
            f("解答或引导诉讼", "answered or guided to litigation", answered, cons.count),
            f("人民调解", "mediations", meds.count),
            f("调解成功（化解率）", "resolved (resolution rate)", resolved, meds.count),
            f("调解不成", "failed", failed.count),
            f("调解不成引导诉讼", "failed, guided to litigation", failed.filter { $0["next"] == "litigation" }.count),
            f("闭环管理", "closed loop", closedLoop, meds.count),
            f("信访", "petitions", pets.count),
            f("信访办结率", "petitions finished", finished, pets.count),
            f("超期", "overdue", pets.filter { $0.isOverdue(today: today) }.count),
            f("初访回流率", "first visits that came back", cameBack, first.count),
            f("合法性审查", "legality reviews", revs.count),
            f("行政应诉负责人出庭率", "suits with the agency head in court", appeared, suits.count),
        ]
        var cats: [String: Int] = [:]
        for m in meds { cats[CaseFormat.category(m, lang: lang), default: 0] += 1 }
        byCategory = cats.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        for c in cases { byMonth[c.date.month - 1] += 1 }
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

    /// A plain-text rendering for export.
    public func text(town: String, lang: Language) -> String {
        let zh = lang == .zh
        var lines: [String] = []
        let unitName = unit?.label(lang) ?? (zh ? "全镇" : "whole town")
        lines.append(zh ? "\(town)\(year) 年度统计（\(unitName)）" : "\(town) year-end figures \(year) (\(unitName))")
        lines.append("")
        let w = (figures.map { DisplayWidth.of($0.label) }.max() ?? 10) + 2
        for f in figures { lines.append(DisplayWidth.fit(f.label, width: w, ellipsis: false) + YearEndFigures.value(f)) }
        lines.append("")
        lines.append(zh ? "调解纠纷类型：" : "mediations by category:")
        for (k, v) in byCategory { lines.append("  \(k) \(v)") }
        lines.append("")
        lines.append(zh ? "按月受理：" : "received per month:")
        for (i, v) in byMonth.enumerated() { lines.append("  \(i + 1)\(zh ? "月" : "") \(v)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
