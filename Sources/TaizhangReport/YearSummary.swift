import TaizhangDomain
import TaizhangLog

/// The year-end figures of a ledger for one year: per unit and for the whole town.
///
/// Counted over cases whose business `date` falls in the year and that are not voided. Outcomes
/// are taken as the ledger stands now (an outcome recorded in January for a December case
/// counts); only "overdue" and "heard" depend on a day, the as-of day (see ``asOf``).
/// docs/metrics.md defines every figure.
public struct YearSummary: Sendable, Equatable {
    /// The year counted.
    public var year: Int
    /// The town's name (setting `town`), possibly empty.
    public var town: String
    /// When the summary was made (ISO 8601), for the reader.
    public var generatedAt: String
    /// Events (lines) in the ledger when the summary was made.
    public var events: Int
    /// SHA-256 of the ledger's last line: which state of the file the figures come from.
    public var head: String
    /// The day clocks are judged on: the earlier of today and December 31 of `year`.
    public var asOf: BusinessDate
    /// The figures, in output order: `station`, `office`, `all` (or only the unit asked for).
    public var units: [UnitFigures]

    /// The figures of `key` (`station`, `office`, `all`).
    public subscript(key: String) -> UnitFigures? { units.first { $0.key == key } }

    /// Computes the figures of `year` from `state`.
    ///
    /// - Parameters:
    ///   - unit: only this unit; nil for station, office and the whole town.
    ///   - today: the day the summary is made; clocks are judged on min(today, Dec 31 of year).
    ///   - events, head: the ledger's line count and head hash, printed with the figures.
    public init(state: LedgerState, year: Int, unit: Unit? = nil, today: BusinessDate,
                events: Int, head: String, generatedAt: String) {
        self.year = year
        self.town = state.townName
        self.generatedAt = generatedAt
        self.events = events
        self.head = head
        let yearEnd = BusinessDate(year: year, month: 12, day: 31)!
        let asOf = min(today, yearEnd)
        self.asOf = asOf
        // A case's id carries the year of its business date (a date never moves to another
        // year), so only that year's cases are looked at: a district ledger holds ten years.
        let counted: [CaseRecord] = state.order.lazy.filter { $0.year == year }.compactMap { state[$0] }
            .filter { $0.status != .voided && $0.date.year == year }.map { $0 }
        let keys: [String] = unit.map { [$0.rawValue] } ?? Unit.allCases.map(\.rawValue) + ["all"]
        units = keys.map { key in
            let cases = key == "all" ? counted : counted.filter { $0.unit.rawValue == key }
            return FigureCounter.count(cases, key: key, state: state, asOf: asOf)
        }
    }

    /// Opens the ledger file at `path` read-only and computes the figures of `year`.
    public static func load(path: String, year: Int, unit: Unit? = nil, today: BusinessDate,
                            generatedAt: String = LogClock.now()) throws -> YearSummary {
        let ledger = try Ledger(path: path, operatorName: "summary", options: LogOpenOptions(create: false, readOnly: true))
        return YearSummary(state: ledger.state, year: year, unit: unit, today: today,
                           events: ledger.log.lineCount, head: ledger.log.headHash, generatedAt: generatedAt)
    }
}
