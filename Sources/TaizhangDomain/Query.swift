/// Which cases to show: every criterion is optional and they combine with AND. Free text is not
/// here: matching it (pinyin initials, choice labels) belongs to the search module, which
/// narrows a query with ``LedgerState/query(_:sort:among:)``.
public struct CaseFilter: Sendable, Equatable {
    /// Status to show; nil for all.
    public var status: CaseStatus?
    /// Only this kind.
    public var kind: CaseKind?
    /// Only this unit.
    public var unit: Unit?
    /// Only cases whose business date is in this year.
    public var year: Int?
    /// Only this village (exact).
    public var village: String?
    /// Only this handler (exact).
    public var handler: String?

    /// Creates a filter.
    public init(status: CaseStatus? = .open, kind: CaseKind? = nil, unit: Unit? = nil, year: Int? = nil,
                village: String? = nil, handler: String? = nil) {
        self.status = status
        self.kind = kind
        self.unit = unit
        self.year = year
        self.village = village
        self.handler = handler
    }

    /// Whether `c` passes.
    public func matches(_ c: CaseRecord) -> Bool {
        if let status, c.status != status { return false }
        if let kind, c.kind != kind { return false }
        if let unit, c.unit != unit { return false }
        if let year, c.id.year != year && c.date.year != year { return false }
        if let village, c["village"] != village { return false }
        if let handler, c["handler"] != handler { return false }
        return true
    }
}

/// Orders for lists.
public enum CaseSort: String, Sendable, CaseIterable {
    /// Nearest deadline first (overdue first); cases without a deadline last, newest first.
    case deadline
    /// Business date, newest first.
    case date
    /// Case id.
    case id
}

extension LedgerState {
    /// The cases that pass `filter`, in `sort` order; only those at `positions` of ``records``
    /// when given (a text search's matches).
    public func query(_ filter: CaseFilter, sort: CaseSort = .deadline, among positions: [Int32]? = nil) -> [CaseRecord] {
        // Sort keys are computed once per case, not once per comparison: a deadline is derived
        // from the case's clocks, and a district ledger has hundreds of thousands of cases.
        var keyed: [(key: (Int, Int, CaseID), record: CaseRecord)] = []
        keyed.reserveCapacity(positions?.count ?? order.count)
        func consider(_ c: CaseRecord) {
            guard filter.matches(c) else { return }
            let key: (Int, Int, CaseID)
            switch sort {
            case .id: key = (0, 0, c.id)
            case .date: key = (-c.date.dayNumber, 0, c.id)
            case .deadline:
                if c.status == .open, let due = c.deadline?.due {
                    key = (0, due.dayNumber, c.id)
                } else {
                    key = (1, -c.date.dayNumber, c.id)
                }
            }
            keyed.append((key, c))
        }
        if let positions {
            for at in positions { consider(records[Int(at)]) }
        } else {
            for c in records { consider(c) }
        }
        if sort == .date {
            // Newest first, and for one date the higher id first.
            keyed.sort { a, b in a.key.0 != b.key.0 ? a.key.0 < b.key.0 : b.key.2 < a.key.2 }
        } else {
            keyed.sort { a, b in
                if a.key.0 != b.key.0 { return a.key.0 < b.key.0 }
                if a.key.1 != b.key.1 { return a.key.1 < b.key.1 }
                return a.key.2 < b.key.2
            }
        }
        return keyed.map(\.record)
    }

    /// The work queue: open cases by nearest deadline, overdue first.
    public func queue(kind: CaseKind? = nil) -> [CaseRecord] {
        query(CaseFilter(status: .open, kind: kind), sort: .deadline)
    }
}
