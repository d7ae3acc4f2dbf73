import Dispatch
import TaizhangLog

/// The folded state in the snapshot's binary form (see ``SnapshotFile``).
///
/// Timeline entries are stored as the positions of their lines, so the snapshot is small and the
/// state decoded from it is the same as the one a full replay builds. Cases are stored in blocks
/// of ``snapshotBlockSize``, each with its byte length, so blocks are decoded on worker threads
/// while the file is still being read and hashed. Bump ``snapshotSchema`` whenever the encoding
/// or the fold changes: a snapshot of another schema is ignored and rebuilt.
extension LedgerState {
    /// Version of the encoding below and of the fold that produced it, mixed with a fingerprint
    /// of every numbering the encoding relies on (field keys by schema position, event types,
    /// kinds and statuses by case order): changing any of them changes the number, so an old
    /// snapshot is ignored instead of read with the wrong names.
    public static let snapshotSchema: UInt32 = {
        let numbering = CaseFields.knownKeys + EventType.allCases.map(\.rawValue)
            + CaseKind.allCases.map(\.rawValue) + CaseStatus.allCases.map(\.rawValue)
        var h: UInt32 = 2166136261  // FNV-1a
        // The parties' hashes depend on the rules of matching too (see PartyKeys.rulesVersion).
        for b in ("11|party\(PartyKeys.rulesVersion)|" + numbering.joined(separator: ",")).utf8 { h = (h ^ UInt32(b)) &* 16777619 }
        return h
    }()
    /// Day numbers a snapshot may hold (years 1900 to 2199, with room to spare).
    static let dayNumberRange = -30_000...90_000
    /// Cases per block.
    static let snapshotBlockSize = 4096

    /// A record holding nothing to free: what a merged block's slots are left with.
    static let emptyRecord = CaseRecord(id: CaseID(kind: .consultation, year: 0, number: 1), fields: CaseFields(),
                                        createdBy: "", created: EventTime(""), updated: EventTime(""))

    /// The state encoded for a snapshot, or nil when it cannot be (a timeline entry without a
    /// position in the file: state built in memory, not from a ledger file).
    public func snapshotPayload() -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(cases.count * 600)
        func dict(_ d: [String: String]) {
            BinaryWriter.varint(d.count, to: &out)
            for k in d.keys.sorted() { BinaryWriter.string(k, to: &out); BinaryWriter.string(d[k]!, to: &out) }
        }
        func counts(_ d: [String: Int]) {
            BinaryWriter.varint(d.count, to: &out)
            for k in d.keys.sorted() { BinaryWriter.string(k, to: &out); BinaryWriter.varint(d[k]!, to: &out) }
        }
        dict(settings)
        counts(operators)
        counts(lastNumbers)
        BinaryWriter.varint(eventCount, to: &out)
        BinaryWriter.varint(flaggedLines, to: &out)
        BinaryWriter.varint(unauditedLines, to: &out)
        encodeScreenings(to: &out)
        let blocks = stride(from: 0, to: order.count, by: Self.snapshotBlockSize).map { $0..<min($0 + Self.snapshotBlockSize, order.count) }
        BinaryWriter.varint(blocks.count, to: &out)
        for range in blocks {
            var block: [UInt8] = []
            BinaryWriter.varint(range.count, to: &block)
            // Operators are written once per block and named by number in timeline entries:
            // a million entries then decode a few dozen names instead of a million strings.
            var operatorNumbers: [ExactText: Int] = [:]
            var operatorNames: [String] = []
            for caseID in order[range] {
                for e in self[caseID]!.timeline where operatorNumbers[ExactText(text: e.op)] == nil {
                    operatorNumbers[ExactText(text: e.op)] = operatorNames.count
                    operatorNames.append(e.op)
                }
            }
            BinaryWriter.varint(operatorNames.count, to: &block)
            for name in operatorNames { BinaryWriter.string(name, to: &block) }
            for caseID in order[range] {
                guard Self.encode(self[caseID]!, operators: operatorNumbers, to: &block) else { return nil }
            }
            BinaryWriter.varint(block.count, to: &out)
            out.append(contentsOf: block)
        }
        // The parties' hashes, for `person` and the match at entry (taken anew for rows
        // changed since the last snapshot).
        (partyKeys?.updated(records) ?? PartyKeys(records, source: lineSource)).encode(to: &out)
        return out
    }

    static func encode(_ c: CaseRecord, operators: [ExactText: Int], to out: inout [UInt8]) -> Bool {
        func str(_ s: String) { BinaryWriter.string(s, to: &out) }
        func int(_ i: Int) { BinaryWriter.varint(i, to: &out) }
        func optStr(_ s: String?) { if let s { out.append(1); str(s) } else { out.append(0) } }
        // A text kept as a position in the ledger file stays one (the snapshot only describes
        // the file it was made from).
        func text(_ t: StoredText) {
            if let loc = t.location { out.append(1); int(loc.offset); int(loc.length) } else { out.append(0); str(t.string) }
        }
        func id(_ c: CaseID) { out.append(UInt8(CaseKind.allCases.firstIndex(of: c.kind)!)); int(c.year); int(c.number) }
        id(c.id)
        // Schema keys by number (in order), other keys by name after 255.
        int(c.fields.count)
        for e in c.fields.entries { out.append(e.key); text(e.value) }
        for (k, v) in c.fields.extra ?? [:] { out.append(255); str(k); str(v) }
        out.append(UInt8(CaseStatus.allCases.firstIndex(of: c.status)!))
        optStr(c.outcome)
        if let d = c.closedOn { out.append(1); int(d.dayNumber) } else { out.append(0) }
        int(c.followUps.count)
        for f in c.followUps { int(f.date.dayNumber); optStr(f.performed); optStr(f.note) }
        int(c.extensions.count)
        for e in c.extensions { int(e.days); str(e.reason); int(e.extendedOn.dayNumber) }
        int(c.timeline.count)
        for e in c.timeline {
            guard let loc = e.location else { return false }
            int(e.seq); int(operators[ExactText(text: e.op)]!); out.append(UInt8(EventType.allCases.firstIndex(of: e.eventType)!)); int(loc.offset); int(loc.length)
        }
        // Notes name their timeline entry by index.
        int(c.notes.count)
        for n in c.notes {
            guard let i = c.timeline.firstIndex(where: { $0.seq == n.entry.seq }) else { return false }
            int(i); text(n.stored)
        }
        optStr(c.voidReason)
        int(c.repeatedBy.count)
        for r in c.repeatedBy { id(r) }
        if let l = c.linkedCase { out.append(1); id(l) } else { out.append(0) }
        func stamp(_ t: EventTime) {
            switch t.storage {
            case let .packed(p): out.append(0); int(Int(p))
            case let .text(s): out.append(1); str(s)
            }
        }
        str(c.createdBy); stamp(c.created); stamp(c.updated)
        return true
    }

    /// Decodes a snapshot payload held in memory; nil when it is malformed.
    public init?(snapshotPayload bytes: [UInt8], source: LineSource) {
        let reader = BinaryReader(bytes: bytes)
        self.init(snapshotReader: reader, source: source)
        if !reader.atEnd { return nil }
    }

    /// Decodes a snapshot payload from a reader (streamed from the snapshot file). Timeline
    /// entries read their lines through `source`.
    public init?(snapshotReader r: BinaryReader, source: LineSource) {
        func dict() -> [String: String]? {
            guard let n = r.varint(), n >= 0 else { return nil }
            var d: [String: String] = [:]
            for _ in 0..<n { guard let k = r.string(), let v = r.string() else { return nil }; d[k] = v }
            return d
        }
        func counts() -> [String: Int]? {
            guard let n = r.varint(), n >= 0 else { return nil }
            var d: [String: Int] = [:]
            for _ in 0..<n { guard let k = r.string(), let v = r.varint() else { return nil }; d[k] = v }
            return d
        }
        var state = LedgerState()
        state.lineSource = source
        guard let settings = dict(), let operators = counts(), let lastNumbers = counts(), let eventCount = r.varint(),
              let flagged = r.varint(), flagged >= 0, flagged <= eventCount,
              let unaudited = r.varint(), unaudited >= 0, unaudited <= eventCount,
              let screenings = Self.decodeScreenings(r), let blockCount = r.varint(), blockCount >= 0 else { return nil }
        state.screenings = screenings
        state.settings = settings
        state.operators = operators
        state.lastNumbers = lastNumbers
        state.eventCount = eventCount
        state.changesFrom = eventCount
        state.flaggedLines = flagged
        state.unauditedLines = unaudited

        // Read (and hash) blocks on this thread, decode them on workers, merge them in order.
        var inflight: [SnapshotBlock] = []
        var failed = false
        // Every case takes more than 16 bytes, which bounds what a damaged count can reserve.
        state.reserve(cases: min(blockCount > r.remaining ? 0 : blockCount * Self.snapshotBlockSize, r.remaining / 16))
        func merge(_ block: SnapshotBlock) {
            block.wait()
            guard var decoded = block.take() else { failed = true; return }
            // Records are swapped into place with empty ones rather than copied: a copy
            // retained, and the block's release then released, everything each record holds.
            let base = state.records.count
            state.records.append(contentsOf: repeatElement(LedgerState.emptyRecord, count: decoded.count))
            state.records.withUnsafeMutableBufferPointer { into in
                decoded.withUnsafeMutableBufferPointer { from in
                    for i in 0..<from.count { swap(&into[base + i], &from[i]) }
                }
            }
            // The source is attached here, on one thread: it is weakly referenced by the
            // registry, and two workers retaining it for every case fought over its count.
            for i in base..<state.records.count {
                state.records[i].lineSource = source
                state.positions[state.records[i].id] = Int32(i)
                state.order.append(state.records[i].id)
            }
        }
        for _ in 0..<blockCount {
            guard let length = r.varint(), length >= 0, length <= r.remaining, let bytes = r.take(length) else { return nil }
            let block = SnapshotBlock(bytes: bytes, source: source)
            block.start()
            inflight.append(block)
            if inflight.count >= 3 { merge(inflight.removeFirst()) }
            if failed { return nil }
        }
        for block in inflight { merge(block) }
        if failed { return nil }
        guard let keys = PartyKeys.decode(r, rows: state.records.count) else { return nil }
        state.partyKeys = keys
        self = state
    }

    /// Decodes one case; nil when the bytes are malformed.
    static func decodeCase(_ r: BinaryReader, source: LineSource, operators: [String]) -> CaseRecord? {
        func int() -> Int? { r.varint() }
        /// A count of items that each take at least one byte: never more than the bytes left.
        func count() -> Int? { guard let n = r.varint(), n >= 0, n <= r.remaining else { return nil }; return n }
        func day() -> Int? { guard let d = r.varint(), LedgerState.dayNumberRange.contains(d) else { return nil }; return d }
        func optStr() -> String?? {
            guard let flag = r.uint(1) else { return nil }
            if flag == 0 { return .some(nil) }
            guard let s = r.string() else { return nil }
            return .some(s)
        }
        func text() -> StoredText? {
            guard let flag = r.uint(1) else { return nil }
            if flag == 0 { return r.string().map { StoredText($0) } }
            guard flag == 1, let offset = r.varint(), let length = r.varint(), offset >= 0, length >= 0 else { return nil }
            return StoredText(source: source.number, offset: offset, length: length) { "" }
        }
        func id() -> CaseID? {
            guard let k = r.uint(1), Int(k) < CaseKind.allCases.count, let y = int(), let n = int() else { return nil }
            return CaseID(kind: CaseKind.allCases[Int(k)], year: y, number: n)
        }
        guard let caseID = id(), let fieldCount = count() else { return nil }
        var fields = CaseFields()
        fields.entries.reserveCapacity(fieldCount)
        for _ in 0..<fieldCount {
            guard let k = r.uint(1) else { return nil }
            if k == 255 {
                guard let name = r.string(), let v = r.string() else { return nil }
                fields[name] = v
            } else {
                guard Int(k) < CaseFields.knownKeys.count, let v = text(),
                      fields.entries.last.map({ $0.key < UInt8(k) }) ?? true else { return nil }
                fields.entries.append(CaseFields.Entry(key: UInt8(k), value: v))
            }
        }
        guard let st = r.uint(1), Int(st) < CaseStatus.allCases.count, let outcome = optStr(),
              let hasClosed = r.uint(1) else { return nil }
        var closedOn: BusinessDate? = nil
        if hasClosed == 1 { guard let d = day() else { return nil }; closedOn = BusinessDate(dayNumber: d) }
        guard let fuCount = count() else { return nil }
        var followUps: [FollowUp] = []
        for _ in 0..<fuCount {
            guard let d = day(), let p = optStr(), let n = optStr() else { return nil }
            followUps.append(FollowUp(date: BusinessDate(dayNumber: d), performed: p, note: n))
        }
        guard let exCount = count() else { return nil }
        var extensions: [Extension] = []
        for _ in 0..<exCount {
            guard let days = int(), let reason = r.string(), let d = day() else { return nil }
            extensions.append(Extension(days: days, reason: reason, extendedOn: BusinessDate(dayNumber: d)))
        }
        guard let tlCount = count() else { return nil }
        var timeline: [TimelineEntry] = []
        timeline.reserveCapacity(tlCount)
        for _ in 0..<tlCount {
            guard let seq = int(), let o = int(), o >= 0, o < operators.count, let t = r.uint(1), Int(t) < EventType.allCases.count,
                  let offset = int(), let length = int() else { return nil }
            timeline.append(TimelineEntry(seq: seq, op: operators[o], type: EventType.allCases[Int(t)], source: source, offset: offset, length: length))
        }
        guard let noteCount = count() else { return nil }
        var notes: [CaseNote] = []
        notes.reserveCapacity(noteCount)
        for _ in 0..<noteCount {
            guard let i = int(), i >= 0, i < timeline.count, let stored = text() else { return nil }
            notes.append(CaseNote(entry: timeline[i], stored: stored))
        }
        guard let voidReason = optStr(), let rbCount = count() else { return nil }
        var repeatedBy: [CaseID] = []
        for _ in 0..<rbCount { guard let x = id() else { return nil }; repeatedBy.append(x) }
        guard let hasLink = r.uint(1) else { return nil }
        var linked: CaseID? = nil
        if hasLink == 1 { guard let l = id() else { return nil }; linked = l }
        func stamp() -> EventTime? {
            guard let flag = r.uint(1) else { return nil }
            if flag == 0 { return r.varint().flatMap { EventTime(packed: UInt64(truncatingIfNeeded: $0)) } }
            return flag == 1 ? r.string().map { EventTime($0) } : nil
        }
        guard let createdBy = r.string(), let created = stamp(), let updated = stamp() else { return nil }
        var c = CaseRecord(id: caseID, fields: fields, createdBy: createdBy, created: created, updated: updated)
        c.status = CaseStatus.allCases[Int(st)]
        c.outcome = outcome
        c.closedOn = closedOn
        c.followUps = followUps
        c.extensions = extensions
        c.notes = notes
        c.timeline = timeline
        c.voidReason = voidReason
        c.repeatedBy = repeatedBy
        c.linkedCase = linked
        return c
    }
}

/// One block of a snapshot's cases, decoded on a worker thread; `cases` is read after `wait()`.
final class SnapshotBlock: @unchecked Sendable {
    let bytes: [UInt8]
    let source: LineSource
    /// The decoded cases, or nil when the block is malformed.
    private var cases: [CaseRecord]?

    /// The decoded cases, moved out of the block (after `wait()`).
    func take() -> [CaseRecord]? {
        defer { cases = nil }
        return cases
    }
    private let group = DispatchGroup()

    init(bytes: [UInt8], source: LineSource) {
        self.bytes = bytes
        self.source = source
    }

    func start() {
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.cases = self.decode()
            self.group.leave()
        }
    }

    func wait() { group.wait() }

    private func decode() -> [CaseRecord]? {
        let r = BinaryReader(bytes: bytes)
        guard let count = r.varint(), count >= 0, count <= r.remaining,
              let operatorCount = r.varint(), operatorCount >= 0, operatorCount <= r.remaining else { return nil }
        var operators: [String] = []
        for _ in 0..<operatorCount {
            guard let name = r.string() else { return nil }
            operators.append(name)
        }
        var out: [CaseRecord] = []
        out.reserveCapacity(count)
        for _ in 0..<count {
            guard let c = LedgerState.decodeCase(r, source: source, operators: operators) else { return nil }
            out.append(c)
        }
        return r.atEnd ? out : nil
    }
}
