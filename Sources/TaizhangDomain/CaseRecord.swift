import TaizhangLog

/// A case id such as `M-2024-0007`: kind prefix, year of the case's `date`, sequence.
public struct CaseID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The kind, from the prefix.
    public var kind: CaseKind
    /// Year of the case's business date.
    public var year: Int
    /// Sequence within kind and year, from 1.
    public var number: Int

    /// Creates an id.
    public init(kind: CaseKind, year: Int, number: Int) {
        self.kind = kind
        self.year = year
        self.number = number
    }

    /// Parses `M-2024-0007` (case-insensitive prefix): a letter, `-`, four digits, `-`, four to
    /// nine digits. Works on the UTF-8 bytes directly: the fold parses an id for every event.
    public init?(_ text: String) {
        let utf8 = text.utf8
        guard let parsed = utf8.withContiguousStorageIfAvailable({ CaseID.parse($0) }) ?? CaseID.parse(Array(utf8)) else {
            return nil
        }
        self = parsed
    }

    static func parse<C: RandomAccessCollection>(_ b: C) -> CaseID? where C.Element == UInt8, C.Index == Int {
        let n = b.count
        guard n >= 11, n <= 16, b[b.startIndex + 1] == 45, b[b.startIndex + 6] == 45 else { return nil }
        let s = b.startIndex
        let kind: CaseKind
        switch b[s] | 0x20 {  // lowercase
        case 0x63: kind = .consultation
        case 0x6D: kind = .mediation
        case 0x70: kind = .petition
        case 0x72: kind = .review
        case 0x73: kind = .suit
        default: return nil
        }
        var year = 0
        for i in (s + 2)..<(s + 6) {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            year = year * 10 + Int(d)
        }
        var number = 0
        for i in (s + 7)..<(s + n) {
            let d = b[i] &- 48
            guard d < 10 else { return nil }
            number = number * 10 + Int(d)
        }
        guard number >= 1 else { return nil }
        return CaseID(kind: kind, year: year, number: number)
    }

    /// Hashes one word instead of the kind's raw-value string: the fold looks a case up for
    /// every event.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(packed)
    }

    /// Kind, year and number in one word (distinct ids give distinct words for years below
    /// 2^20 and numbers below 2^40).
    var packed: UInt64 {
        let k: UInt64
        switch kind {
        case .consultation: k = 0
        case .mediation: k = 1
        case .petition: k = 2
        case .review: k = 3
        case .suit: k = 4
        }
        return k << 60 ^ UInt64(truncatingIfNeeded: year) << 40 ^ UInt64(truncatingIfNeeded: number)
    }

    /// The hash tables of the state look an id up for every event of a replay; this mixes the
    /// packed word with the table's seed directly (a 64-bit finaliser) instead of running the
    /// general-purpose hasher. Ids come from the ledger file, whose writer is trusted.
    public func _rawHashValue(seed: Int) -> Int {
        var x = packed ^ UInt64(bitPattern: Int64(seed))
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int(bitPattern: UInt(x ^ (x >> 31)))
    }

    public var description: String {
        let n = String(number)
        return "\(kind.prefix)-\(year)-\(String(repeating: "0", count: max(0, 4 - n.count)))\(n)"
    }

    public static func < (a: CaseID, b: CaseID) -> Bool {
        (a.kind.prefix, a.year, a.number) < (b.kind.prefix, b.year, b.number)
    }
}

/// Status of a case.
public enum CaseStatus: String, Sendable, CaseIterable {
    case open, closed, voided
    /// Display name.
    public var label: Words {
        switch self {
        case .open: return Words.Statuses.open
        case .closed: return Words.Statuses.closed
        case .voided: return Words.Statuses.voided
        }
    }
}

/// A mediation follow-up visit (回访).
public struct FollowUp: Sendable, Equatable {
    /// Business date of the visit.
    public var date: BusinessDate
    /// Whether the agreement was being honoured (`yes`/`no`), if recorded.
    public var performed: String?
    /// Free note.
    public var note: String?
}

/// A note on a case. Its text is kept in memory (the queue's filter searches it); when and by
/// whom come from its timeline entry.
public struct CaseNote: Sendable, Equatable {
    /// The note's event.
    public var entry: TimelineEntry
    /// The text as stored (long texts stay in the ledger file until read).
    var stored: StoredText
    /// The text.
    public var text: String { stored.string }
    /// The text, read from `source` itself when it is kept in that file (see
    /// ``CaseFields/sortedPairs(readingFrom:)``).
    public func text(readingFrom source: LineSource?) -> String { (try? stored.read(from: source)) ?? stored.string }
    /// A note with this text.
    public init(entry: TimelineEntry, text: String) {
        self.entry = entry
        self.stored = StoredText(text)
    }
    init(entry: TimelineEntry, stored: StoredText) {
        self.entry = entry
        self.stored = stored
    }
    /// Who wrote it.
    public var op: String { entry.op }
    /// When it was written (read from the ledger file for folded notes).
    public var at: String { entry.at }
}

/// A petition deadline extension (延期).
public struct Extension: Sendable, Equatable {
    /// Days added to the handling deadline.
    public var days: Int
    /// Why.
    public var reason: String
    /// Business date of the decision.
    public var extendedOn: BusinessDate
}

/// One event in a case's history, for the timeline.
///
/// Entries folded from a ledger file keep only the line's position; `at` and `data` are read
/// back from the file when asked for (a few dozen at a time on screen), so a million-event
/// ledger does not hold every payload in memory. Entries built in memory carry them inline.
public struct TimelineEntry: Sendable, Equatable {
    // The payload first and the one-byte kind in its padding: 48 bytes an entry (56 the other
    // way round), a million of them in a district's ledger.
    let payload: Payload
    let kind: EventType
    /// Sequence number of the line.
    public var seq: Int
    /// Who wrote it.
    public var op: String

    /// The payload itself, or where to read it: the line's position and a registered source's
    /// number (17 bytes, and no reference counting when entries are copied; the offset first,
    /// so the two 4-byte numbers share a word).
    enum Payload: Sendable {
        case inline(InlinePayload)
        case line(offset: Int, source: UInt32, length: UInt32)
    }

    /// The time stamp and payload of an entry built in memory.
    final class InlinePayload: Sendable {
        let at: String
        let data: JSONValue
        init(at: String, data: JSONValue) {
            self.at = at
            self.data = data
        }
    }

    /// An entry carrying its payload.
    public init(seq: Int, at: String, op: String, type: EventType, data: JSONValue) {
        self.seq = seq
        self.op = op
        self.kind = type
        self.payload = .inline(InlinePayload(at: at, data: data))
    }

    /// An entry pointing at its line in `source`.
    public init(seq: Int, op: String, type: EventType, source: LineSource, offset: Int, length: Int) {
        self.seq = seq
        self.op = op
        self.kind = type
        self.payload = .line(offset: offset, source: source.number, length: UInt32(clamping: length))
    }

    /// Event type, e.g. `case.closed`.
    public var type: String { kind.rawValue }

    /// The event type.
    public var eventType: EventType { kind }

    /// When it was written and its payload, with one read of the file through the source
    /// registry ("" and an empty payload when that fails). What is shown or exported reads
    /// with ``LedgerState/details(of:)`` or ``LedgerState/loaded(_:)``, which throw instead.
    public var details: (at: String, data: JSONValue) {
        switch payload {
        case let .inline(p): return (p.at, p.data)
        case let .line(offset, number, length):
            // The line must still be this event's (the file could have been replaced).
            guard let r = LineSource.registered(number)?.record(offset: offset, length: Int(length)), r.seq == seq else {
                return ("", .object([]))
            }
            return (r.at, r.data)
        }
    }

    /// When it was written.
    public var at: String { details.at }

    /// Payload.
    public var data: JSONValue { details.data }

    /// Where the line is in the ledger file, when known.
    public var location: (offset: Int, length: Int)? {
        if case let .line(offset, _, length) = payload { return (offset, Int(length)) }
        return nil
    }

    /// Same event, with equal payloads in memory or the same line of the same file; never
    /// reads a file (compare loaded entries to compare contents).
    public static func == (a: TimelineEntry, b: TimelineEntry) -> Bool {
        guard a.seq == b.seq, a.op == b.op, a.kind == b.kind else { return false }
        switch (a.payload, b.payload) {
        case let (.inline(x), .inline(y)): return x.at == y.at && x.data == y.data
        case let (.line(o1, s1, l1), .line(o2, s2, l2)): return s1 == s2 && o1 == o2 && l1 == l2
        default: return false
        }
    }
}

/// A deadline a case runs against.
public struct Clock: Sendable, Equatable {
    /// What the deadline is for.
    public enum Purpose: String, Sendable {
        /// Petition: decide acceptance within 15 days.
        case acceptance
        /// Petition: handle within 60 days of acceptance (plus extension).
        case handling
        /// Mediation: guideline of 30 days.
        case mediation
        /// Suit: the hearing date.
        case hearing
        /// Petition: the written notice (受理告知书 or 不予受理告知书) within 15 days.
        case notice
        /// Mediation: 30 days from a written agreement to apply for judicial confirmation.
        case confirmation
    }
    /// Which deadline.
    public var purpose: Purpose
    /// The last day.
    public var due: BusinessDate
    /// Whether missing it makes the case overdue (false for guidelines and hearings).
    public var binding: Bool
    /// The day the step was done, when it has been (a petition's acceptance): the clock no
    /// longer runs, and the step was late if this is after `due`.
    public var doneOn: BusinessDate? = nil

    /// Display name.
    public var label: Words {
        switch purpose {
        case .acceptance: return Words.Clocks.acceptanceDue
        case .handling: return Words.Clocks.handlingDue
        case .mediation: return Words.Clocks.mediationGuideline
        case .hearing: return Words.Clocks.hearing
        case .notice: return Words.Clocks.noticeDue
        case .confirmation: return Words.Clocks.confirmationWindow
        }
    }
}

/// The current state of one case, folded from its events.
public struct CaseRecord: Sendable, Equatable {
    /// Its id.
    public var id: CaseID
    /// Its kind.
    public var kind: CaseKind { id.kind }
    /// Current field values by key, outcome fields included; cleared fields are absent.
    public var fields: CaseFields
    /// Status.
    public var status: CaseStatus = .open
    /// Outcome key when closed.
    public var outcome: String?
    /// Business date of the outcome.
    public var closedOn: BusinessDate?
    /// Follow-up visits (mediations).
    public var followUps: [FollowUp] = []
    /// Extensions (petitions; at most one).
    public var extensions: [Extension] = []
    /// Notes, oldest first.
    public var notes: [CaseNote] = []
    /// The whole history.
    public var timeline: [TimelineEntry] = []
    /// Reason given when voided.
    public var voidReason: String?
    /// Ids of later, non-voided petitions that name this one in `repeat_of`.
    public var repeatedBy: [CaseID] = []
    /// Case opened from this one (consultation -> mediation).
    public var linkedCase: CaseID?
    /// Operator and time of the opening event.
    public var createdBy: String
    /// Time of the opening event.
    public var created: EventTime
    /// Time of the latest event.
    public var updated: EventTime
    /// Time of the opening event, as written.
    public var createdAt: String { created.description }
    /// Time of the latest event, as written.
    public var updatedAt: String { updated.description }
    /// Keeps the file its timeline entries read from open for as long as this record exists
    /// (entries name their source by number only).
    var lineSource: LineSource? = nil

    public static func == (a: CaseRecord, b: CaseRecord) -> Bool {
        a.id == b.id && a.fields == b.fields && a.status == b.status && a.outcome == b.outcome
            && a.closedOn == b.closedOn && a.followUps == b.followUps && a.extensions == b.extensions
            && a.notes.map(\.stored) == b.notes.map(\.stored) && a.timeline == b.timeline && a.voidReason == b.voidReason
            && a.repeatedBy == b.repeatedBy && a.linkedCase == b.linkedCase
    }

    /// The business date the case was received.
    public var date: BusinessDate { fields.value(Self.dateKey).flatMap(BusinessDate.parseISO) ?? BusinessDate(dayNumber: 0) }

    static let dateKey = CaseFields.keyNumbers["date"]!
    static let acceptedOnKey = CaseFields.keyNumbers["accepted_on"]!

    /// The unit that keeps it.
    public var unit: Unit { Unit(rawValue: fields["unit"] ?? "") ?? .station }

    /// Field value or empty string.
    public subscript(key: String) -> String { fields[key] ?? "" }

    /// The date the petition was accepted (`accepted_on`, default `date`).
    public var acceptedOn: BusinessDate { fields.value(Self.acceptedOnKey).flatMap(BusinessDate.parseISO) ?? date }

    /// Days added by extensions.
    public var extensionDays: Int {
        // Each is within Schema.storedDaysRange (the fold checks); the sum is kept there too.
        let sum = extensions.reduce(0) { $0 &+ $1.days }
        return min(max(sum, Schema.storedDaysRange.lowerBound), Schema.storedDaysRange.upperBound)
    }

    /// True for a petition that names no earlier petition.
    public var isFirstVisit: Bool { kind == .petition && (fields["repeat_of"] ?? "").isEmpty }

    /// The deadlines this case runs against, binding ones first.
    public var clocks: [Clock] {
        switch kind {
        case .petition:
            return [
                Clock(purpose: .acceptance, due: date.adding(days: Schema.petitionAcceptanceDays), binding: true, doneOn: acceptedOn),
                Clock(purpose: .handling, due: acceptedOn.adding(days: Schema.petitionHandlingDays + extensionDays), binding: true),
            ] + documentClocks
        case .mediation:
            return [Clock(purpose: .mediation, due: date.adding(days: Schema.mediationGuidelineDays), binding: false)] + documentClocks
        case .suit:
            if let h = BusinessDate.parseISO(fields["hearing_date"] ?? "") { return [Clock(purpose: .hearing, due: h, binding: false)] }
            return []
        case .consultation, .review:
            return []
        }
    }

    /// The deadline that matters now: for an open petition the handling deadline (acceptance is
    /// decided at `accepted_on`, which defaults to `date`); for a closed `not_accepted` petition
    /// the acceptance deadline.
    public var deadline: Clock? {
        // The same clock `clocks` lists, without building the list: the queue asks every case.
        switch kind {
        case .petition:
            if outcome == "not_accepted" {
                return Clock(purpose: .acceptance, due: date.adding(days: Schema.petitionAcceptanceDays), binding: true, doneOn: acceptedOn)
            }
            return Clock(purpose: .handling, due: acceptedOn.adding(days: Schema.petitionHandlingDays + extensionDays), binding: true)
        case .mediation, .suit, .consultation, .review:
            return clocks.first
        }
    }

    /// Overdue: a binding deadline missed, either finished after it or still open past it.
    public func isOverdue(today: BusinessDate) -> Bool {
        guard status != .voided, let d = deadline, d.binding else { return false }
        if status == .closed, let c = closedOn { return c > d.due }
        return today > d.due
    }

    /// Days left until the current deadline (negative when past), for open cases.
    public func daysLeft(today: BusinessDate) -> Int? {
        guard status == .open, let d = deadline else { return nil }
        return today.days(until: d.due)
    }

    /// The category shown in lists: the label of the kind's category field's value (a suit's
    /// docket as written).
    public func categoryLabel(_ lang: Language) -> String {
        let key = kind.categoryField
        return kind.field(key)?.displayValue(self[key], lang) ?? self[key]
    }

    /// The parties or subject shown in lists (a suit's plaintiff, else its court).
    public var headline: String {
        switch kind {
        case .mediation:
            let a = self["applicant"], r = self["respondent"]
            return r.isEmpty ? a : "\(a) / \(r)"
        case .suit:
            let p = self["plaintiff"]
            return p.isEmpty ? self["court"] : p
        default:
            return self[kind.headlineField]
        }
    }
}
