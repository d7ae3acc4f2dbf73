/// Which cases to show: every criterion is optional and they combine with AND.
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
    /// Free text matched against the id, every field value and the notes.
    public var text: String?

    /// Creates a filter.
    public init(status: CaseStatus? = .open, kind: CaseKind? = nil, unit: Unit? = nil, year: Int? = nil,
                village: String? = nil, handler: String? = nil, text: String? = nil) {
        self.status = status
        self.kind = kind
        self.unit = unit
        self.year = year
        self.village = village
        self.handler = handler
        self.text = text
    }

    /// Whether `c` passes.
    public func matches(_ c: CaseRecord) -> Bool {
        if let status, c.status != status { return false }
        if let kind, c.kind != kind { return false }
        if let unit, c.unit != unit { return false }
        if let year, c.id.year != year && c.date.year != year { return false }
        if let village, c["village"] != village { return false }
        if let handler, c["handler"] != handler { return false }
        if let text, !text.isEmpty {
            let needle = text.lowercased()
            if c.id.description.lowercased().contains(needle) { return true }
            if c.fields.values.contains(where: { $0.lowercased().contains(needle) }) { return true }
            if c.notes.contains(where: { $0.text.lowercased().contains(needle) }) { return true }
            return false
        }
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
    /// The cases that pass `filter`, in `sort` order.
    public func query(_ filter: CaseFilter, sort: CaseSort = .deadline) -> [CaseRecord] {
        let picked = order.compactMap { id -> CaseRecord? in
            let c = cases[id]!
            return filter.matches(c) ? c : nil
        }
        switch sort {
        case .id:
            return picked.sorted { $0.id < $1.id }
        case .date:
            return picked.sorted { ($0.date, $0.id) > ($1.date, $1.id) }
        case .deadline:
            return picked.sorted { a, b in
                let da = a.status == .open ? a.deadline?.due : nil
                let db = b.status == .open ? b.deadline?.due : nil
                switch (da, db) {
                case let (x?, y?): return x != y ? x < y : a.id < b.id
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return a.date != b.date ? a.date > b.date : a.id < b.id
                }
            }
        }
    }

    /// The work queue: open cases by nearest deadline, overdue first.
    public func queue(kind: CaseKind? = nil) -> [CaseRecord] {
        query(CaseFilter(status: .open, kind: kind), sort: .deadline)
    }
}
