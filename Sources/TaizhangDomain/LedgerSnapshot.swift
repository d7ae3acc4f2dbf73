import TaizhangLog

/// The folded state in the snapshot's binary form (see ``SnapshotFile``).
///
/// Timeline entries are stored as the positions of their lines, so the snapshot is small and the
/// state decoded from it is the same as the one a full replay builds. Bump ``schema`` whenever
/// the encoding or the fold changes: a snapshot of another schema is ignored and rebuilt.
extension LedgerState {
    /// Version of the encoding below and of the fold that produced it.
    public static let snapshotSchema: UInt32 = 2

    /// The state encoded for a snapshot, or nil when it cannot be (a timeline entry without a
    /// position in the file: state built in memory, not from a ledger file).
    public func snapshotPayload() -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(cases.count * 600)
        func str(_ s: String) { BinaryWriter.string(s, to: &out) }
        func int(_ i: Int) { BinaryWriter.varint(i, to: &out) }
        func optStr(_ s: String?) { if let s { out.append(1); str(s) } else { out.append(0) } }
        func id(_ c: CaseID) { out.append(UInt8(CaseKind.allCases.firstIndex(of: c.kind)!)); int(c.year); int(c.number) }
        func dict(_ d: [String: String]) { int(d.count); for k in d.keys.sorted() { str(k); str(d[k]!) } }

        dict(settings)
        int(operators.count); for k in operators.keys.sorted() { str(k); int(operators[k]!) }
        int(lastNumbers.count); for k in lastNumbers.keys.sorted() { str(k); int(lastNumbers[k]!) }
        int(eventCount)
        int(order.count)
        for caseID in order {
            let c = cases[caseID]!
            id(c.id)
            dict(c.fields)
            out.append(UInt8(CaseStatus.allCases.firstIndex(of: c.status)!))
            optStr(c.outcome)
            int(c.closedOn.map { $0.dayNumber + 1 } ?? 0)
            int(c.followUps.count)
            for f in c.followUps { int(f.date.dayNumber); optStr(f.performed); optStr(f.note) }
            int(c.extensions.count)
            for e in c.extensions { int(e.days); str(e.reason); int(e.extendedOn.dayNumber) }
            int(c.notes.count)
            for n in c.notes { str(n.at); str(n.op); str(n.text) }
            int(c.timeline.count)
            for e in c.timeline {
                guard let loc = e.location else { return nil }
                int(e.seq); str(e.op); out.append(UInt8(EventType.allCases.firstIndex(of: e.eventType)!)); int(loc.offset); int(loc.length)
            }
            optStr(c.voidReason)
            int(c.repeatedBy.count); for r in c.repeatedBy { id(r) }
            if let l = c.linkedCase { out.append(1); id(l) } else { out.append(0) }
            str(c.createdBy); str(c.createdAt); str(c.updatedAt)
        }
        return out
    }

    /// Decodes a snapshot payload; nil when it is malformed. Timeline entries read their lines
    /// through `source`.
    public init?(snapshotPayload bytes: [UInt8], source: LineSource) {
        let reader = BinaryReader(bytes: bytes)
        self.init(snapshotReader: reader, source: source)
        if !reader.atEnd { return nil }
    }

    /// Decodes a snapshot payload from a reader (streamed from the snapshot file).
    public init?(snapshotReader r: BinaryReader, source: LineSource) {
        func int() -> Int? { r.varint() }
        func optStr() -> String?? {
            guard let flag = r.uint(1) else { return nil }
            if flag == 0 { return .some(nil) }
            guard let s = r.string() else { return nil }
            return .some(s)
        }
        func id() -> CaseID? {
            guard let k = r.uint(1), Int(k) < CaseKind.allCases.count, let y = int(), let n = int() else { return nil }
            return CaseID(kind: CaseKind.allCases[Int(k)], year: y, number: n)
        }
        func dict() -> [String: String]? {
            guard let n = int(), n >= 0 else { return nil }
            var d: [String: String] = [:]
            d.reserveCapacity(n)
            for _ in 0..<n { guard let k = r.string(), let v = r.string() else { return nil }; d[k] = v }
            return d
        }
        func counts() -> [String: Int]? {
            guard let n = int(), n >= 0 else { return nil }
            var d: [String: Int] = [:]
            for _ in 0..<n { guard let k = r.string(), let v = int() else { return nil }; d[k] = v }
            return d
        }
        var state = LedgerState()
        state.lineSource = source
        guard let settings = dict(), let operators = counts(), let lastNumbers = counts(), let eventCount = int(),
              let caseCount = int(), caseCount >= 0 else { return nil }
        state.settings = settings
        state.operators = operators
        state.lastNumbers = lastNumbers
        state.eventCount = eventCount
        state.order.reserveCapacity(caseCount)
        state.cases.reserveCapacity(caseCount)
        for _ in 0..<caseCount {
            guard let caseID = id(), let fields = dict(), let st = r.uint(1), Int(st) < CaseStatus.allCases.count,
                  let outcome = optStr(), let closed = int() else { return nil }
            guard let fuCount = int(), fuCount >= 0 else { return nil }
            var followUps: [FollowUp] = []
            for _ in 0..<fuCount {
                guard let d = int(), let p = optStr(), let n = optStr() else { return nil }
                followUps.append(FollowUp(date: BusinessDate(dayNumber: d), performed: p, note: n))
            }
            guard let exCount = int(), exCount >= 0 else { return nil }
            var extensions: [Extension] = []
            for _ in 0..<exCount {
                guard let days = int(), let reason = r.string(), let d = int() else { return nil }
                extensions.append(Extension(days: days, reason: reason, extendedOn: BusinessDate(dayNumber: d)))
            }
            guard let noteCount = int(), noteCount >= 0 else { return nil }
            var notes: [(at: String, op: String, text: String)] = []
            for _ in 0..<noteCount {
                guard let at = r.string(), let op = r.string(), let text = r.string() else { return nil }
                notes.append((at, op, text))
            }
            guard let tlCount = int(), tlCount >= 0 else { return nil }
            var timeline: [TimelineEntry] = []
            timeline.reserveCapacity(tlCount)
            for _ in 0..<tlCount {
                guard let seq = int(), let op = r.string(), let t = r.uint(1), Int(t) < EventType.allCases.count,
                      let offset = int(), let length = int() else { return nil }
                timeline.append(TimelineEntry(seq: seq, op: op, type: EventType.allCases[Int(t)], source: source, offset: offset, length: length))
            }
            guard let voidReason = optStr(), let rbCount = int(), rbCount >= 0 else { return nil }
            var repeatedBy: [CaseID] = []
            for _ in 0..<rbCount { guard let x = id() else { return nil }; repeatedBy.append(x) }
            guard let hasLink = r.uint(1) else { return nil }
            var linked: CaseID? = nil
            if hasLink == 1 { guard let l = id() else { return nil }; linked = l }
            guard let createdBy = r.string(), let createdAt = r.string(), let updatedAt = r.string() else { return nil }
            var c = CaseRecord(id: caseID, fields: fields, createdBy: createdBy, createdAt: createdAt, updatedAt: updatedAt)
            c.status = CaseStatus.allCases[Int(st)]
            c.outcome = outcome
            c.closedOn = closed == 0 ? nil : BusinessDate(dayNumber: closed - 1)
            c.followUps = followUps
            c.extensions = extensions
            c.notes = notes
            c.timeline = timeline
            c.voidReason = voidReason
            c.repeatedBy = repeatedBy
            c.linkedCase = linked
            state.cases[caseID] = c
            state.order.append(caseID)
        }
        self = state
    }
}
