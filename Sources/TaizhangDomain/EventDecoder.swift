import TaizhangLog
#if canImport(Glibc)
import Glibc
#endif

/// True when `a` and `b` hold the same bytes.
func equal(_ a: [UInt8], _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if a.count != b.count { return false }
    return a.withUnsafeBufferPointer { p in
        for i in 0..<b.count where p[i] != b[i] { return false }
        return true
    }
}

/// Decoded events of part of a ledger file.
///
/// The fold takes each event out once, in order; taking moves it (its strings go into the state
/// without being retained here and released later), so only events never taken are destroyed
/// with the batch.
public final class EventBatch {
    private var storage: UnsafeMutablePointer<DecodedEvent>
    private var capacity: Int
    /// Events appended.
    public private(set) var count = 0
    /// Events before this index have been moved out.
    private var taken = 0
    /// The lines as records, by the same index, when the decoder keeps them (for the audit).
    var records: [LogRecord] = []

    /// The record of event `index`, when the decoder kept records.
    public func record(_ index: Int) -> LogRecord? { index < records.count ? records[index] : nil }

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        (storage + taken).deinitialize(count: count - taken)
        storage.deallocate()
    }

    func append(_ event: DecodedEvent) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<DecodedEvent>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        (storage + count).initialize(to: event)
        count += 1
    }

    /// The event at `index`: moved out when it is the next one in order, else copied.
    public func take(_ index: Int) -> DecodedEvent {
        precondition(index >= taken && index < count, "event \(index) of \(count) was already taken")
        if index == taken {
            taken += 1
            return (storage + index).move()
        }
        return storage[index]
    }
}

/// Decodes ledger lines straight into ``DecodedEvent``s, for replaying a ledger on worker threads.
///
/// Lines in the exact layout this program writes (envelope members in order, no spaces, no
/// escapes in keys, payload members the event type uses) are read without building a JSON tree:
/// keys are matched as bytes, field keys are numbered as they are read, and only the values the
/// fold keeps become strings. Any other line goes through the plain decoder and
/// ``DecodedEvent/init(record:)``, so both paths accept, reject and mean exactly the same.
public struct EventDecoder: LineDecoder {
    /// The number of the source the lines come from: long texts are then kept as positions in
    /// its file (``StoredText``).
    let source: UInt32?
    /// Whether each line is also kept as a ``LogRecord`` (``EventBatch/record(_:)``), for
    /// auditing the lines an open folds (``LedgerState/audit(_:today:)``). The parsing is done
    /// here, on the worker threads, not on the folding thread.
    let keepsRecords: Bool

    /// A decoder for lines of `source`'s file (nil: keep every text in memory); `keepsRecords`
    /// keeps each line's record beside its event.
    public init(source: LineSource? = nil, keepsRecords: Bool = false) {
        self.source = source?.number
        self.keepsRecords = keepsRecords
    }

    public func makeBatch(capacity: Int) -> EventBatch {
        EventBatch(capacity: capacity)
    }

    public func decode(_ line: UnsafeBufferPointer<UInt8>, offset: Int, into batch: EventBatch) throws(LineDefect) -> (seq: Int, prev: LineDigest?) {
        if let (event, prev) = Self.canonical(line, offset: offset, source: source) {
            if keepsRecords {
                // The fast decoder accepted it, so the record decoder does too.
                guard var record = try? LogRecord.decodeCanonical(line) else {
                    throw LineDefect(kind: .badJSON, detail: "the line could not be read as a record")
                }
                record.lineOffset = offset
                record.lineLength = line.count
                batch.records.append(record)
            }
            batch.append(event)
            return (event.seq, prev)
        }
        var record = try LogRecord.decode(line)
        record.lineOffset = offset
        record.lineLength = line.count
        if keepsRecords { batch.records.append(record) }
        batch.append(DecodedEvent(record: record))
        return (record.seq, LineDigest(hex: record.prev))
    }

    /// The event, or nil when the line is not exactly in canonical layout.
    static func canonical(_ line: UnsafeBufferPointer<UInt8>, offset: Int, source: UInt32?) -> (DecodedEvent, LineDigest)? {
        guard let lineStart = line.baseAddress else { return nil }
        var c = CanonicalCursor(line)
        let texts = TextPlacement(source: source, line: lineStart, fileOffset: offset)
        guard c.take("{\"v\":"), let version = c.int(), version >= 1, version <= LogRecord.currentVersion,
              c.take(",\"seq\":"), let seq = c.int(), seq >= 1, seq <= LogRecord.maximumSeq,
              c.take(",\"id\":"), let id = c.rawString(), !id.isEmpty, CanonicalCursor.isValidUTF8(id),
              c.take(",\"at\":"), let at = stamp(&c),
              c.take(",\"op\":"), let op = c.string() else { return nil }
        var caseRef = DecodedEvent.CaseRef.absent
        if c.take(",\"case\":") {
            // An id that does not parse is left to the plain decoder (it names the problem).
            guard let text = c.rawString(), let id = CaseID.parse(text) else { return nil }
            caseRef = .id(id)
        }
        guard c.take(",\"type\":"), let typeBytes = c.rawString(), let type = eventType(typeBytes),
              c.take(",\"data\":"), let payload = self.payload(type, &c, texts),
              c.take(",\"prev\":"), let prevBytes = c.rawString(), let prev = LineDigest(hex: prevBytes),
              c.take("}"), c.atEnd else { return nil }
        let event = DecodedEvent(seq: seq, at: at, op: op, caseRef: caseRef, payload: payload,
                                 lineOffset: offset, lineLength: line.count)
        return (event, prev)
    }

    /// The `at` string: packed when it has no escapes; nil (the plain decoder then decides)
    /// when it is not a valid string.
    static func stamp(_ c: inout CanonicalCursor) -> EventTime? {
        if let raw = c.rawString() { return EventTime(bytes: raw) }
        return c.string().map { EventTime($0) }
    }

    static let typeNames: [(EventType, [UInt8])] = EventType.allCases.map { ($0, Array($0.rawValue.utf8)) }

    static func eventType(_ bytes: UnsafeBufferPointer<UInt8>) -> EventType? {
        for (type, name) in typeNames where name.count == bytes.count && equal(name, bytes) { return type }
        return nil
    }

    /// Members a payload may carry, by bit.
    enum Member: Int, CaseIterable {
        case kind, fields, text, outcome, closedOn, linkedCase, date, performed, note, days, reason, extendedOn, key, value, source
        case form, year, number, format, unit, villages, found

        var name: String {
            switch self {
            case .kind: return "kind"
            case .fields: return "fields"
            case .text: return "text"
            case .outcome: return "outcome"
            case .closedOn: return "closed_on"
            case .linkedCase: return "linked_case"
            case .date: return "date"
            case .performed: return "performed"
            case .note: return "note"
            case .days: return "days"
            case .reason: return "reason"
            case .extendedOn: return "extended_on"
            case .key: return "key"
            case .value: return "value"
            case .source: return "source"
            case .form: return "form"
            case .year: return "year"
            case .number: return "number"
            case .format: return "format"
            case .unit: return "unit"
            case .villages: return "villages"
            case .found: return "found"
            }
        }

        static let names: [(Member, [UInt8])] = allCases.map { ($0, Array($0.name.utf8)) }

        static func named(_ bytes: UnsafeBufferPointer<UInt8>) -> Member? {
            for (m, name) in names where name.count == bytes.count && equal(name, bytes) { return m }
            return nil
        }

        /// The members each event type writes, as a bit set.
        static func allowed(for type: EventType) -> UInt32 {
            func bits(_ ms: Member...) -> UInt32 { ms.reduce(0) { $0 | 1 << UInt32($1.rawValue) } }
            switch type {
            case .setting: return bits(.key, .value)
            case .opened: return bits(.kind, .fields, .source)
            case .updated: return bits(.fields)
            case .noted: return bits(.text)
            case .closed: return bits(.outcome, .closedOn, .linkedCase, .fields)
            case .followedUp: return bits(.date, .performed, .note)
            case .extended: return bits(.days, .reason, .extendedOn)
            case .reopened, .voided, .restored: return bits(.reason)
            case .documentIssued: return bits(.form, .year, .number, .format)
            case .screening: return bits(.date, .unit, .villages, .found, .note)
            }
        }
    }

    /// Reads the `data` object of a `type` event; nil when it holds anything but the members
    /// that type writes, each once and of its usual JSON type.
    static func payload(_ type: EventType, _ c: inout CanonicalCursor, _ texts: TextPlacement) -> DecodedEvent.Payload? {
        guard c.take(byte: UInt8(ascii: "{")) else { return nil }
        let allowed = Member.allowed(for: type)
        var seen: UInt32 = 0
        var noteText: StoredText? = nil
        var kind, text, outcome, closedOn, linkedCase, date, performed, note, reason, extendedOn, key, value: String?
        var days: Int? = nil
        var form: String? = nil, year: Int? = nil, number: Int? = nil
        var unit: String? = nil, villages: String? = nil, found: Int? = nil
        var fields = DecodedEvent.FieldChanges()
        if !c.take(byte: UInt8(ascii: "}")) {
            while true {
                guard let keyBytes = c.rawString(), let member = Member.named(keyBytes) else { return nil }
                let bit: UInt32 = 1 << UInt32(member.rawValue)
                guard allowed & bit != 0, seen & bit == 0, c.take(byte: UInt8(ascii: ":")) else { return nil }
                seen |= bit
                switch member {
                case .fields:
                    guard let f = fieldObject(&c, keepEmpty: type != .opened, texts) else { return nil }
                    fields = f
                case .days, .year, .number, .found:
                    guard let n = c.int() else { return nil }
                    switch member {
                    case .days: days = n
                    case .year: year = n
                    case .number: number = n
                    default: found = n
                    }
                case .text:
                    guard let t = texts.text(&c) else { return nil }
                    noteText = t
                case .source:
                    // An imported case's origin; the fold does not keep it (the history reads it
                    // from the line). Only its exact written layout is read here.
                    guard c.take("{\"file\":"), c.string() != nil, c.take(",\"sheet\":"), c.string() != nil,
                          c.take(",\"row\":"), c.int() != nil, c.take(",\"sha256\":"), c.string() != nil, c.take("}") else { return nil }
                default:
                    guard let s = c.string() else { return nil }
                    switch member {
                    case .kind: kind = s
                    case .text: text = s
                    case .outcome: outcome = s
                    case .closedOn: closedOn = s
                    case .linkedCase: linkedCase = s
                    case .date: date = s
                    case .performed: performed = s
                    case .note: note = s
                    case .reason: reason = s
                    case .extendedOn: extendedOn = s
                    case .key: key = s
                    case .value: value = s
                    case .form: form = s
                    case .unit: unit = s
                    case .villages: villages = s
                    case .format: break  // written for the reader; the fold does not keep it
                    case .fields, .days, .source, .year, .number, .found: break
                    }
                }
                if c.take(byte: UInt8(ascii: ",")) { continue }
                guard c.take(byte: UInt8(ascii: "}")) else { return nil }
                break
            }
        }
        func day(_ s: String?) -> BusinessDate? { s.flatMap(BusinessDate.parseISO) }
        switch type {
        case .setting: return .setting(key: key, value: value)
        case .opened: return .opened(kind: kind.flatMap(CaseKind.init(rawValue:)), fields: fields)
        case .updated: return .updated(fields)
        case .noted: return .noted(text: noteText ?? StoredText(text ?? ""))
        case .closed:
            return .closed(outcome: outcome, closedOn: day(closedOn), linkedCase: linkedCase.flatMap(CaseID.init), fields: fields)
        case .followedUp: return .followedUp(date: day(date), performed: performed, note: note)
        case .extended: return .extended(days: days, reason: reason ?? "", extendedOn: day(extendedOn))
        case .reopened: return .reopened
        case .voided: return .voided(reason: reason)
        case .restored: return .restored
        case .documentIssued: return .documentIssued(form: form, year: year, number: number)
        case .screening: return .screening(date: day(date), unit: unit, villages: villages, found: found, note: note)
        }
    }

    /// Reads a `fields` object whose keys are all schema keys (each once) and whose values are
    /// all strings; `keepEmpty` false drops empty values, as an opening event does.
    static func fieldObject(_ c: inout CanonicalCursor, keepEmpty: Bool, _ texts: TextPlacement) -> DecodedEvent.FieldChanges? {
        guard c.take(byte: UInt8(ascii: "{")) else { return nil }
        var out = DecodedEvent.FieldChanges()
        out.known.reserveCapacity(keepEmpty ? 4 : 16)  // an opening event carries a dozen fields
        if c.take(byte: UInt8(ascii: "}")) { return out }
        var seen: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        while true {
            guard let keyBytes = c.rawString(), let key = FieldKeyTable.number(keyBytes) else { return nil }
            let bit: UInt64 = 1 << UInt64(key & 63)
            switch key >> 6 {
            case 0: if seen.0 & bit != 0 { return nil } else { seen.0 |= bit }
            case 1: if seen.1 & bit != 0 { return nil } else { seen.1 |= bit }
            case 2: if seen.2 & bit != 0 { return nil } else { seen.2 |= bit }
            default: if seen.3 & bit != 0 { return nil } else { seen.3 |= bit }
            }
            guard c.take(byte: UInt8(ascii: ":")), let value = texts.text(&c) else { return nil }
            if keepEmpty || !value.isEmpty { out.insert(key, value) }
            if c.take(byte: UInt8(ascii: ",")) { continue }
            guard c.take(byte: UInt8(ascii: "}")) else { return nil }
            return out
        }
    }
}

/// Where the line being decoded sits, so a long text can be kept as its position in the file.
struct TextPlacement {
    let source: UInt32?
    let line: UnsafePointer<UInt8>
    let fileOffset: Int

    /// A JSON string at the cursor: a position in the file when it is long and has no escapes,
    /// else the text; nil when it is not a valid string.
    func text(_ c: inout CanonicalCursor) -> StoredText? {
        if let raw = c.rawString() {
            if let source, raw.count > StoredText.inlineLimit {
                guard CanonicalCursor.isValidUTF8(raw) else { return nil }
                let offset = fileOffset + line.distance(to: raw.baseAddress!)
                return StoredText(source: source, offset: offset, length: raw.count) { String(decoding: raw, as: UTF8.self) }
            }
            return CanonicalCursor.string(validating: raw).map { StoredText($0) }
        }
        return c.string().map { StoredText($0) }
    }
}

/// Schema field keys by their bytes: a hash of the bytes picks a slot of a small table (chosen so
/// that no two keys share one), and a comparison confirms the key.
enum FieldKeyTable {
    static let slotBits = 11
    /// The hash's shift that spreads the schema's keys over distinct slots.
    static let (shift, slots): (UInt64, [UInt8]) = {
        let hashes = CaseFields.knownKeys.map { k in Array(k.utf8).withUnsafeBufferPointer { hash($0) } }
        for shift in stride(from: UInt64(0), through: 52, by: 1) {
            var slots = Array(repeating: UInt8(0xFF), count: 1 << slotBits)
            var clash = false
            for (i, h) in hashes.enumerated() {
                let s = Int((h >> shift) & UInt64(1 << slotBits - 1))
                if slots[s] != 0xFF { clash = true; break }
                slots[s] = UInt8(i)
            }
            if !clash { return (shift, slots) }
        }
        preconditionFailure("no collision-free field key table")
    }()
    static let keyBytes: [[UInt8]] = CaseFields.knownKeys.map { Array($0.utf8) }

    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for x in b { h = (h ^ UInt64(x)) &* 0x100000001b3 }
        return h
    }

    /// The key's number, or nil when it is not a schema key.
    static func number(_ b: UnsafeBufferPointer<UInt8>) -> UInt8? {
        let n = slots[Int((hash(b) >> shift) & UInt64(1 << slotBits - 1))]
        guard n != 0xFF, equal(keyBytes[Int(n)], b) else { return nil }
        return n
    }
}
