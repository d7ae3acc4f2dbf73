import TaizhangLog

/// Everything the ledger knows, folded from the log's events in order.
///
/// The fold is the only place that interprets events. It is strict about structure (an event
/// for an unknown case, a second `case.opened` for one id, an unknown type) because such a line
/// means the file is not what this program wrote; field values are taken as written, so rules
/// that change later never make an old log unreadable.
public struct LedgerState: Sendable {
    /// Cases by id.
    public internal(set) var cases: [CaseID: CaseRecord] = [:]
    /// Case ids in the order they were opened.
    public internal(set) var order: [CaseID] = []
    /// Settings by key.
    public internal(set) var settings: [String: String] = [:]
    /// Every operator seen, with the number of events each wrote.
    public internal(set) var operators: [String: Int] = [:]
    /// Highest sequence number used per prefix and year, e.g. `M-2024` -> 7.
    public internal(set) var lastNumbers: [String: Int] = [:]
    /// Events folded so far.
    public internal(set) var eventCount = 0

    /// An empty ledger.
    public init() {}

    /// The case with this id.
    public subscript(id: CaseID) -> CaseRecord? { cases[id] }

    /// The case with this id text.
    public func lookup(_ text: String) -> CaseRecord? { CaseID(text).flatMap { cases[$0] } }

    /// All cases in opening order.
    public var allCases: [CaseRecord] { order.map { cases[$0]! } }

    /// The town's name (setting `town`).
    public var townName: String { settings["town"] ?? "" }

    /// The id the next case of `kind` dated in `year` will get.
    public func nextID(kind: CaseKind, year: Int) -> CaseID {
        CaseID(kind: kind, year: year, number: (lastNumbers["\(kind.prefix)-\(year)"] ?? 0) + 1)
    }

    /// Where folded events' lines can be read back (set when the state comes from a file).
    public var lineSource: LineSource?

    // MARK: - The fold

    /// Folds one record into the state.
    public mutating func apply(_ r: LogRecord) throws(LineDefect) {
        guard let type = EventType(rawValue: r.type) else {
            throw LineDefect(kind: .badEvent, detail: "unknown event type \"\(r.type)\"")
        }
        if type == .setting {
            guard let key = r.data["key"]?.stringValue, let value = r.data["value"]?.stringValue else {
                throw LineDefect(kind: .badEvent, detail: "settings.set needs key and value")
            }
            settings[key] = value
            count(r)
            return
        }
        guard let idText = r.caseID, let id = CaseID(idText) else {
            throw LineDefect(kind: .badEvent, detail: "\(r.type) needs a valid case id")
        }
        let entry: TimelineEntry
        if let source = lineSource, r.lineOffset >= 0 {
            entry = TimelineEntry(seq: r.seq, op: r.op, type: type, source: source, offset: r.lineOffset, length: r.lineLength)
        } else {
            entry = TimelineEntry(seq: r.seq, at: r.at, op: r.op, type: type, data: r.data)
        }
        if type == .opened {
            guard cases[id] == nil else { throw LineDefect(kind: .badEvent, detail: "case \(id) is opened twice") }
            guard r.data["kind"]?.stringValue == id.kind.rawValue else {
                throw LineDefect(kind: .badEvent, detail: "case \(id) opened with a kind that does not match its id")
            }
            var fields = CaseFields()
            for (k, v) in r.data["fields"]?.objectPairs ?? [] {
                if case let .string(s) = v, !s.isEmpty { fields[k] = s }
            }
            var record = CaseRecord(id: id, fields: fields, createdBy: r.op, createdAt: r.at, updatedAt: r.at)
            record.lineSource = lineSource
            record.timeline = [entry]
            cases[id] = record
            order.append(id)
            let key = "\(id.kind.prefix)-\(id.year)"
            lastNumbers[key] = max(lastNumbers[key] ?? 0, id.number)
            if let target = fields["repeat_of"].flatMap(CaseID.init) { cases[target]?.repeatedBy.append(id) }
            count(r)
            return
        }
        guard cases[id] != nil else { throw LineDefect(kind: .badEvent, detail: "\(r.type) for unknown case \(id)") }
        // Links to other cases change after the case itself, so `cases[id]!` is modified in place
        // (a copy would copy its timeline on every event).
        var unlink: CaseID? = nil
        var link: CaseID? = nil
        try Self.fold(type, r, entry, into: &cases[id]!, unlink: &unlink, link: &link)
        if let old = unlink { cases[old]?.repeatedBy.removeAll { $0 == id } }
        if let new = link { cases[new]?.repeatedBy.append(id) }
        count(r)
    }

    mutating func count(_ r: LogRecord) {
        operators[r.op, default: 0] += 1
        eventCount += 1
    }

    static func fold(_ type: EventType, _ r: LogRecord, _ entry: TimelineEntry, into c: inout CaseRecord,
                     unlink: inout CaseID?, link: inout CaseID?) throws(LineDefect) {
        c.timeline.append(entry)
        c.updatedAt = r.at
        switch type {
        case .updated:
            let changes = r.data["fields"]?.stringDictionary ?? [:]
            if changes["repeat_of"] != nil, c.status != .voided {
                unlink = c.fields["repeat_of"].flatMap(CaseID.init)
                link = changes["repeat_of"].flatMap(CaseID.init)
            }
            for (k, v) in changes { c.fields[k] = v.isEmpty ? nil : v }
        case .noted:
            c.notes.append(CaseNote(entry: entry, text: r.data["text"]?.stringValue ?? ""))
        case .closed:
            guard let outcome = r.data["outcome"]?.stringValue else { throw LineDefect(kind: .badEvent, detail: "case.closed without outcome") }
            c.status = .closed
            c.outcome = outcome
            c.closedOn = r.data["closed_on"]?.stringValue.flatMap(BusinessDate.parseISO)
            for (k, v) in r.data["fields"]?.stringDictionary ?? [:] { c.fields[k] = v.isEmpty ? nil : v }
            if let s = c.closedOn?.description { c.fields["closed_on"] = s }
            if let linked = r.data["linked_case"]?.stringValue.flatMap(CaseID.init) { c.linkedCase = linked }
        case .followedUp:
            guard let d = r.data["date"]?.stringValue.flatMap(BusinessDate.parseISO) else {
                throw LineDefect(kind: .badEvent, detail: "follow-up without a date")
            }
            c.followUps.append(FollowUp(date: d, performed: r.data["performed"]?.stringValue, note: r.data["note"]?.stringValue))
        case .extended:
            guard let days = r.data["days"]?.intValue else { throw LineDefect(kind: .badEvent, detail: "extension without days") }
            let on = r.data["extended_on"]?.stringValue.flatMap(BusinessDate.parseISO) ?? c.date
            c.extensions.append(Extension(days: days, reason: r.data["reason"]?.stringValue ?? "", extendedOn: on))
        case .reopened:
            c.status = .open
            if let o = c.outcome, let spec = c.kind.outcome(o) {
                for f in spec.requiredFields { c.fields[f.key] = nil }
            }
            c.outcome = nil
            c.closedOn = nil
            c.fields["closed_on"] = nil
            c.linkedCase = nil  // the mediation keeps its own `from_case`
        case .voided:
            c.status = .voided
            c.voidReason = r.data["reason"]?.stringValue
            // A voided petition no longer makes its original "come back".
            unlink = c.fields["repeat_of"].flatMap(CaseID.init)
        case .restored:
            c.status = c.outcome == nil ? .open : .closed
            c.voidReason = nil
            link = c.fields["repeat_of"].flatMap(CaseID.init)
        case .opened, .setting:
            break
        }
    }
}
