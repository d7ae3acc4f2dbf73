import TaizhangLog
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything the ledger knows, folded from the log's events in order.
///
/// The fold is the only place that interprets events. It is strict about structure (an event
/// for an unknown case, a second `case.opened` for one id, an unknown type) because such a line
/// means the file is not what this program wrote; field values are taken as written, so rules
/// that change later never make an old log unreadable.
public struct LedgerState: Sendable {
    /// Every case, in the order they were opened.
    ///
    /// Records sit in one array, found by id through `positions`: a table of small positions
    /// rehashes and looks up faster than one of whole records, and the queue reads every
    /// record in order without hashing or copying any.
    public internal(set) var records: [CaseRecord] = []
    /// Where each case is in `records`.
    var positions: [CaseID: Int32] = [:]
    /// Cases by id.
    public var cases: CaseMap { CaseMap(records: records, positions: positions) }
    /// Case ids in the order they were opened.
    public internal(set) var order: [CaseID] = []
    /// Settings by key.
    public internal(set) var settings: [String: String] = [:]
    /// Every operator seen, with the number of events each wrote.
    public internal(set) var operators: [String: Int] {
        get {
            var d: [String: Int] = [:]
            for (k, n) in operatorTally { d[k.text, default: 0] += n }
            return d
        }
        set {
            operatorTally = [:]
            for (k, n) in newValue { operatorTally[ExactText(text: k)] = n }
        }
    }
    /// The same, counted by exact bytes: hashing a Chinese name as a `String` normalises it
    /// first, which cost more than the rest of folding an event.
    var operatorTally: [ExactText: Int] = [:]
    /// Highest sequence number used per prefix and year, e.g. `M-2024` -> 7.
    public internal(set) var lastNumbers: [String: Int] = [:]
    /// Events folded so far.
    public internal(set) var eventCount = 0
    /// Lines folded that `taizhang verify` would flag as `bad value` (the open folds values as
    /// written, and says how many there are). Counted by ``applyAudited(_:_:today:)`` and kept
    /// in the snapshot, so an open from a snapshot audits only the lines after it.
    public internal(set) var flaggedLines = 0
    /// Lines folded without that audit: a full replay of a ledger larger than
    /// ``Ledger/auditByteLimit`` (district-scale files) skips it, since checking every value
    /// costs about ten times the replay itself; kept in the snapshot so the gap is never
    /// forgotten. `taizhang verify` checks every line regardless.
    public internal(set) var unauditedLines = 0
    /// Rounds of dispute screening, in the order recorded.
    public internal(set) var screenings: [ScreeningRound] = []

    /// An empty ledger.
    public init() {}

    /// The case with this id.
    public subscript(id: CaseID) -> CaseRecord? { positions[id].map { records[Int($0)] } }

    /// The case with this id text.
    public func lookup(_ text: String) -> CaseRecord? { CaseID(text).flatMap { self[$0] } }

    /// All cases in opening order.
    public var allCases: [CaseRecord] { records }

    /// Makes room for about `count` cases.
    mutating func reserve(cases count: Int) {
        records.reserveCapacity(count)
        positions.reserveCapacity(count)
        order.reserveCapacity(count)
    }

    /// Adds a case that is not in the state yet.
    mutating func insert(_ record: CaseRecord) {
        positions[record.id] = Int32(records.count)
        order.append(record.id)
        records.append(record)
    }

    /// The town's name (setting `town`).
    public var townName: String { settings["town"] ?? "" }

    /// The id the next case of `kind` dated in `year` will get.
    public func nextID(kind: CaseKind, year: Int) -> CaseID {
        CaseID(kind: kind, year: year, number: (lastNumbers["\(kind.prefix)-\(year)"] ?? 0) + 1)
    }

    /// Where folded events' lines can be read back (set when the state comes from a file).
    public var lineSource: LineSource?

    /// The hashes of the parties of the cases, when the state was read from a snapshot that
    /// carried them (see ``PartyKeys``): rows changed since are marked as they change.
    public internal(set) var partyKeys: PartyKeys?

    // MARK: - The fold

    /// Folds one record into the state.
    public mutating func apply(_ r: LogRecord) throws(LineDefect) {
        try apply(DecodedEvent(record: r))
    }

    /// `M-2024` for `M-2024-0007`; the usual years' keys are made once.
    static func numberingKey(_ id: CaseID) -> String {
        let k = CaseKind.allCases.firstIndex(of: id.kind)!
        if id.year >= 1990 && id.year < 2100 { return numberingKeys[k][id.year - 1990] }
        return "\(id.kind.prefix)-\(id.year)"
    }
    static let numberingKeys: [[String]] = CaseKind.allCases.map { kind in (1990..<2100).map { "\(kind.prefix)-\($0)" } }

    static let repeatOfKey = CaseFields.keyNumbers["repeat_of"]!
    static let closedOnKey = CaseFields.keyNumbers["closed_on"]!

    /// Folds one decoded event into the state.
    public mutating func apply(_ e: DecodedEvent) throws(LineDefect) {
        guard let type = e.type else {
            throw LineDefect(kind: .badEvent, detail: "unknown event type \"\(e.typeName)\"")
        }
        if case let .setting(key, value) = e.payload {
            guard let key, let value else { throw LineDefect(kind: .badEvent, detail: "settings.set needs key and value") }
            settings[key] = value
            count(e)
            return
        }
        if case let .screening(date, unit, villages, found, note) = e.payload {
            try foldScreening(e, date: date, unit: unit, villages: villages, found: found, note: note)
            return
        }
        guard case let .id(id) = e.caseRef else {
            throw LineDefect(kind: .badEvent, detail: "\(e.typeName) needs a valid case id")
        }
        let entry: TimelineEntry
        if let source = lineSource, e.lineOffset >= 0 {
            entry = TimelineEntry(seq: e.seq, op: e.op, type: type, source: source, offset: e.lineOffset, length: e.lineLength)
        } else {
            entry = TimelineEntry(seq: e.seq, at: e.at.description, op: e.op, type: type, data: e.data ?? .object([]))
        }
        if case let .opened(kind, changes) = e.payload {
            guard positions[id] == nil else { throw LineDefect(kind: .badEvent, detail: "case \(id) is opened twice") }
            guard kind == id.kind else {
                throw LineDefect(kind: .badEvent, detail: "case \(id) opened with a kind that does not match its id")
            }
            var fields = CaseFields()
            // Already in key order, without empty values: the decoder's list becomes the case's.
            fields.entries = changes.known
            for (k, v) in changes.other { fields[k] = v }
            var record = CaseRecord(id: id, fields: fields, createdBy: e.op, created: e.at, updated: e.at)
            record.lineSource = lineSource
            record.timeline.reserveCapacity(8)  // a case has five or six events
            record.timeline.append(entry)
            insert(record)
            let key = Self.numberingKey(id)
            lastNumbers[key] = max(lastNumbers[key] ?? 0, id.number)
            if let target = fields.value(Self.repeatOfKey).flatMap(CaseID.init), let p = positions[target] {
                records[Int(p)].repeatedBy.append(id)
            }
            count(e, row: Int32(records.count - 1))
            return
        }
        guard let index = positions[id] else {
            throw LineDefect(kind: .badEvent, detail: "\(e.typeName) for unknown case \(id)")
        }
        // One lookup, and the record is modified in place: reading it out would copy the record
        // (retaining everything in it) on every event. Links to other cases change after.
        var unlink: CaseID? = nil
        var link: CaseID? = nil
        try Self.fold(e, entry, into: &records[Int(index)], unlink: &unlink, link: &link)
        partyKeys?.markChanged(Int(index))
        if let old = unlink, let p = positions[old] { records[Int(p)].repeatedBy.removeAll { $0 == id } }
        if let new = link, let p = positions[new] { records[Int(p)].repeatedBy.append(id) }
        count(e, row: index)
    }

    mutating func count(_ e: DecodedEvent, row: Int32 = -1) {
        operatorTally[ExactText(text: e.op), default: 0] += 1
        eventCount += 1
        if changedRows.count >= Self.changedRowsKept {
            changedRows.removeAll(keepingCapacity: true)
            changesFrom = eventCount - 1
        }
        changedRows.append(row)
    }

    /// The row each event folded after the first ``changesFrom`` changed (-1: none), so that
    /// what follows the state (the people index) need not compare every case after a save.
    var changedRows: [Int32] = []
    /// Events folded before the first of ``changedRows``.
    var changesFrom = 0
    /// Events remembered in ``changedRows`` at most (a full replay starts the list again).
    static let changedRowsKept = 1 << 16

    /// The rows of the cases that the events folded after the first `events` opened or
    /// changed, each once, in order; nil when this state no longer remembers them all (then
    /// compare the cases themselves). Links between cases (`repeatedBy`) are not counted.
    public func rowsChanged(since events: Int) -> [Int]? {
        guard events >= changesFrom, events <= eventCount else { return nil }
        let rows = Set(changedRows[(events - changesFrom)...].lazy.filter { $0 >= 0 }.map { Int($0) })
        return rows.sorted()
    }

    static func apply(_ changes: DecodedEvent.FieldChanges, to fields: inout CaseFields) {
        for e in changes.known { fields.set(e.key, e.value.isEmpty ? nil : e.value) }
        for (k, v) in changes.other { fields[k] = v.isEmpty ? nil : v }
    }

    static func fold(_ e: DecodedEvent, _ entry: TimelineEntry, into c: inout CaseRecord,
                     unlink: inout CaseID?, link: inout CaseID?) throws(LineDefect) {
        c.timeline.append(entry)
        c.updated = e.at
        switch e.payload {
        case let .updated(changes):
            if let newTarget = changes.value(repeatOfKey), c.status != .voided {
                unlink = c.fields.value(repeatOfKey).flatMap(CaseID.init)
                link = CaseID(newTarget)
            }
            apply(changes, to: &c.fields)
        case let .noted(text):
            c.notes.append(CaseNote(entry: entry, stored: text))
        case let .closed(outcome, closedOn, linkedCase, changes):
            guard let outcome else { throw LineDefect(kind: .badEvent, detail: "case.closed without outcome") }
            c.status = .closed
            c.outcome = outcome
            c.closedOn = closedOn
            apply(changes, to: &c.fields)
            if let d = closedOn { c.fields.set(closedOnKey, StoredText(d.description)) }
            if let linkedCase { c.linkedCase = linkedCase }
        case let .followedUp(date, performed, note):
            guard let date else { throw LineDefect(kind: .badEvent, detail: "follow-up without a date") }
            c.followUps.append(FollowUp(date: date, performed: performed, note: note))
        case let .extended(days, reason, extendedOn):
            guard let days else { throw LineDefect(kind: .badEvent, detail: "extension without days") }
            // Values are taken as written, but a number that no deadline could use is refused:
            // the clocks add it to dates, and nothing read from the file may overflow.
            guard Schema.storedDaysRange.contains(days) else {
                throw LineDefect(kind: .badEvent, detail: "extension of \(days) days is out of range (\(Schema.storedDaysRange.lowerBound)...\(Schema.storedDaysRange.upperBound))")
            }
            c.extensions.append(Extension(days: days, reason: reason, extendedOn: extendedOn ?? c.date))
        case .reopened:
            c.status = .open
            if let o = c.outcome, let spec = c.kind.outcome(o) {
                for f in spec.requiredFields { c.fields[f.key] = nil }
            }
            c.outcome = nil
            c.closedOn = nil
            c.fields.set(closedOnKey, nil)
            c.linkedCase = nil  // the mediation keeps its own `from_case`
        case let .voided(reason):
            c.status = .voided
            c.voidReason = reason
            // A voided petition no longer makes its original "come back".
            unlink = c.fields.value(repeatOfKey).flatMap(CaseID.init)
        case .restored:
            c.status = c.outcome == nil ? .open : .closed
            c.voidReason = nil
            link = c.fields.value(repeatOfKey).flatMap(CaseID.init)
        case let .documentIssued(form, year, number):
            // The document's own record is its timeline entry (see `LedgerState.documentNumber`).
            guard form != nil, year != nil, number != nil else {
                throw LineDefect(kind: .badEvent, detail: "document.issued needs form, year and number")
            }
        case .opened, .setting, .screening, .unknown:
            break
        }
    }
}

/// A string compared and hashed by its exact UTF-8 bytes.
struct ExactText: Hashable, Sendable {
    let text: String

    static func == (a: ExactText, b: ExactText) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.isEmpty || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }

    func hash(into hasher: inout Hasher) {
        var t = text
        t.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// The state's cases by id (a view; see ``LedgerState/records``).
public struct CaseMap: Sendable {
    let records: [CaseRecord]
    let positions: [CaseID: Int32]

    /// The case with this id.
    public subscript(id: CaseID) -> CaseRecord? { positions[id].map { records[Int($0)] } }

    /// Number of cases.
    public var count: Int { records.count }

    /// True when there are none.
    public var isEmpty: Bool { records.isEmpty }

    /// Every case, in opening order.
    public var values: [CaseRecord] { records }

    /// Every id, in opening order.
    public var keys: [CaseID] { records.map(\.id) }

    /// Where the case with this id comes in opening order (its index in `values`).
    public func position(of id: CaseID) -> Int? { positions[id].map { Int($0) } }
}
