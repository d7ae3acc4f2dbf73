import TaizhangLog

/// One event in the form the fold consumes: type, case id and payload already interpreted, field
/// keys already numbered.
///
/// Replaying a ledger decodes every line into one of these on worker threads (``EventDecoder``),
/// so the folding thread only links records. Appends and tests reach the same form from a
/// ``LogRecord`` (``init(record:)``), which is the definition of what each payload means; the
/// fast decoder must give exactly the same value for every line it accepts.
public struct DecodedEvent: Sendable, Equatable {
    /// Sequence number of the line.
    public var seq: Int
    /// When it was written.
    public var at: EventTime
    /// Who wrote it.
    public var op: String
    /// The case the line names.
    var caseRef: CaseRef
    /// What the event says.
    var payload: Payload
    /// Where the line is in the file (-1 when unknown) and its length.
    var lineOffset = -1
    var lineLength = 0
    /// The raw payload, kept only for events folded without a file to read them back from.
    var data: JSONValue? = nil

    /// The `case` member of a line.
    enum CaseRef: Sendable, Equatable {
        case absent
        case invalid
        case id(CaseID)
    }

    /// Field values carried by an event: schema keys by number, in key order (the order of a
    /// case's fields, so an opening event's list becomes the case's fields as it is), and any
    /// other keys in the order written.
    struct FieldChanges: Sendable, Equatable {
        var known: [CaseFields.Entry] = []
        var other: [(key: String, value: String)] = []

        static func == (a: FieldChanges, b: FieldChanges) -> Bool {
            a.known == b.known && a.other.elementsEqual(b.other, by: { $0.key == $1.key && $0.value == $1.value })
        }

        mutating func append(key: String, value: String) {
            if let n = CaseFields.keyNumbers[key] { insert(n, StoredText(value)) } else { other.append((key, value)) }
        }

        /// Adds a schema key's value in key order (keys are never repeated: the parser rejects
        /// a repeated key).
        mutating func insert(_ key: UInt8, _ value: StoredText) {
            var i = known.count
            while i > 0 && known[i - 1].key > key { i -= 1 }
            known.insert(CaseFields.Entry(key: key, value: value), at: i)
        }

        /// The value for `key`, if present.
        func value(_ key: UInt8) -> String? {
            for e in known where e.key == key { return e.value.string }
            return nil
        }
    }

    /// The payload of each event type, as the fold reads it (members it ignores are dropped).
    enum Payload: Sendable, Equatable {
        case setting(key: String?, value: String?)
        /// `kind` is nil when the member is missing, not a string or not a kind.
        case opened(kind: CaseKind?, fields: FieldChanges)
        case updated(FieldChanges)
        case noted(text: StoredText)
        case closed(outcome: String?, closedOn: BusinessDate?, linkedCase: CaseID?, fields: FieldChanges)
        case followedUp(date: BusinessDate?, performed: String?, note: String?)
        case extended(days: Int?, reason: String, extendedOn: BusinessDate?)
        case reopened
        case voided(reason: String?)
        case restored
        /// `form`, `year` and `number` as written (nil when missing or of another JSON type).
        case documentIssued(form: String?, year: Int?, number: Int?)
        case screening(date: BusinessDate?, unit: String?, villages: String?, found: Int?, note: String?)
        /// A type this program does not know.
        case unknown(type: String)
    }

    /// The event type (nil for an unknown type).
    var type: EventType? {
        switch payload {
        case .setting: return .setting
        case .opened: return .opened
        case .updated: return .updated
        case .noted: return .noted
        case .closed: return .closed
        case .followedUp: return .followedUp
        case .extended: return .extended
        case .reopened: return .reopened
        case .voided: return .voided
        case .restored: return .restored
        case .documentIssued: return .documentIssued
        case .screening: return .screening
        case .unknown: return nil
        }
    }

    /// The `type` member as written.
    var typeName: String {
        if case let .unknown(name) = payload { return name }
        return type!.rawValue
    }

    public static func == (a: DecodedEvent, b: DecodedEvent) -> Bool {
        a.seq == b.seq && a.at == b.at && a.op == b.op && a.caseRef == b.caseRef && a.payload == b.payload
            && a.lineOffset == b.lineOffset && a.lineLength == b.lineLength
    }

    /// The event a decoded record carries: the reference meaning of every payload.
    public init(record r: LogRecord) {
        seq = r.seq
        at = EventTime(r.at)
        op = r.op
        lineOffset = r.lineOffset
        lineLength = r.lineLength
        if r.lineOffset < 0 { data = r.data }
        if let text = r.caseID {
            caseRef = CaseID(text).map { .id($0) } ?? .invalid
        } else {
            caseRef = .absent
        }
        let d = r.data
        func str(_ key: String) -> String? { d[key]?.stringValue }
        func date(_ key: String) -> BusinessDate? { str(key).flatMap(BusinessDate.parseISO) }
        func fields(keepEmpty: Bool) -> FieldChanges {
            var out = FieldChanges()
            for (k, v) in d["fields"]?.objectPairs ?? [] {
                if case let .string(s) = v, keepEmpty || !s.isEmpty { out.append(key: k, value: s) }
            }
            return out
        }
        switch EventType(rawValue: r.type) {
        case nil: payload = .unknown(type: r.type)
        case .setting?: payload = .setting(key: str("key"), value: str("value"))
        case .opened?: payload = .opened(kind: str("kind").flatMap(CaseKind.init(rawValue:)), fields: fields(keepEmpty: false))
        case .updated?: payload = .updated(fields(keepEmpty: true))
        case .noted?: payload = .noted(text: StoredText(str("text") ?? ""))
        case .closed?:
            payload = .closed(outcome: str("outcome"), closedOn: date("closed_on"),
                              linkedCase: str("linked_case").flatMap(CaseID.init), fields: fields(keepEmpty: true))
        case .followedUp?: payload = .followedUp(date: date("date"), performed: str("performed"), note: str("note"))
        case .extended?: payload = .extended(days: d["days"]?.intValue, reason: str("reason") ?? "", extendedOn: date("extended_on"))
        case .reopened?: payload = .reopened
        case .voided?: payload = .voided(reason: str("reason"))
        case .restored?: payload = .restored
        case .documentIssued?: payload = .documentIssued(form: str("form"), year: d["year"]?.intValue, number: d["number"]?.intValue)
        case .screening?:
            payload = .screening(date: date("date"), unit: str("unit"), villages: str("villages"), found: d["found"]?.intValue, note: str("note"))
        }
    }

    init(seq: Int, at: EventTime, op: String, caseRef: CaseRef, payload: Payload, lineOffset: Int, lineLength: Int) {
        self.seq = seq
        self.at = at
        self.op = op
        self.caseRef = caseRef
        self.payload = payload
        self.lineOffset = lineOffset
        self.lineLength = lineLength
    }
}
