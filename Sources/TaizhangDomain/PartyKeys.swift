import Dispatch
import Foundation
import TaizhangLog

/// A 64-bit hash of every name, ID number and phone each case is looked up by, kept in the
/// snapshot: a process that asks once about a person (`taizhang person`, the earlier cases of
/// a party at `taizhang add`) compares hashes instead of reading every case's parties, and
/// reads in full only the cases whose hashes match, those changed since the snapshot and
/// those added after it. A hash only chooses which cases to read: what matches is decided on
/// the case itself, so a collision costs one case read and can never add a wrong match.
public struct PartyKeys: Sendable, Equatable {
    /// Row `i`'s hashes are `hashes[starts[i]..<starts[i + 1]]` (rows are positions in
    /// ``LedgerState/records``).
    var starts: [UInt32] = [0]
    var hashes: [UInt64] = []
    /// Rows changed since the hashes were taken; rows from ``rows`` on were added since.
    var changed: Set<Int32> = []

    /// Version of what the hashes are taken over: the normalisation of names (`PersonName`),
    /// the match keys of ID numbers and phones (`PersonIDs`), the party fields and the hash.
    /// It is part of the snapshot's schema: bump it when any of them changes, or snapshots
    /// written before would hold hashes that miss matches.
    public static let rulesVersion = 1

    /// Rows the hashes were taken for.
    public var rows: Int { starts.count - 1 }

    /// The hash of a normalised name (``PersonName/normalized(_:)``). Names are compared as
    /// canonically equivalent strings, so any name that is not plain is hashed in NFC.
    public static func hash(name: String) -> UInt64 {
        PersonName.isSimple(name) ? fnv(0x6E, name.utf8) : fnv(0x6E, name.precomposedStringWithCanonicalMapping.utf8)
    }

    /// The hash of an ID number's match key (``PersonIDs/matchKey(idNumber:)``).
    public static func hash(idNumberKey key: String) -> UInt64 { fnv(0x69, key.utf8) }

    /// The hash of a phone's match key (``PersonIDs/matchKey(phone:)``).
    public static func hash(phoneKey key: String) -> UInt64 { fnv(0x70, key.utf8) }

    /// FNV-1a over a tag byte (what kind of key) and the key's bytes: the same in every
    /// process, which a snapshot needs (Swift's `Hasher` is seeded anew in each).
    static func fnv(_ tag: UInt8, _ bytes: String.UTF8View) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        h = (h ^ UInt64(tag)) &* 0x100_0000_01b3
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    static let idNumberKey = CaseFieldKey("id_number"), phoneKey = CaseFieldKey("phone")
    static let partyFieldKeys: [[(key: CaseFieldKey, several: Bool)]] = CaseKind.allCases.map { kind in
        kind.partyFields.map { (CaseFieldKey($0), $0 == "respondent") }
    }

    /// Appends the hashes `c` is looked up by (none for a voided case).
    static func append(_ c: CaseRecord, to out: inout [UInt64]) {
        guard c.status != .voided else { return }
        for field in partyFieldKeys[CaseKind.allCases.firstIndex(of: c.kind)!] {
            for name in PersonName.keys(c[field.key], several: field.several) { out.append(hash(name: name)) }
        }
        if let k = PersonIDs.matchKey(idNumber: c[idNumberKey]) { out.append(hash(idNumberKey: k)) }
        if let k = PersonIDs.matchKey(phone: c[phoneKey]) { out.append(hash(phoneKey: k)) }
    }

    /// No rows.
    init() {}

    /// The hashes of `records[range]`: each row's end and the hashes.
    static func part(_ records: [CaseRecord], _ range: Range<Int>) -> (starts: [UInt32], hashes: [UInt64]) {
        var starts: [UInt32] = [], hashes: [UInt64] = []
        starts.reserveCapacity(range.count)
        hashes.reserveCapacity(range.count * 2)
        records.withUnsafeBufferPointer { r in
            for row in range {
                append(r[row], to: &hashes)
                starts.append(UInt32(hashes.count))
            }
        }
        return (starts, hashes)
    }

    /// The hashes of `records`, taken on two threads for a district's ledger. Long values are
    /// read from the ledger file through `source`'s mapping.
    init(_ records: [CaseRecord], source: LineSource?) {
        func build() {
            let n = records.count
            guard n >= 50_000 else {
                let p = Self.part(records, 0..<n)
                starts += p.starts; hashes = p.hashes
                return
            }
            // Each thread writes a property of its own.
            final class Halves: @unchecked Sendable {
                var first: (starts: [UInt32], hashes: [UInt64]) = ([], [])
                var second: (starts: [UInt32], hashes: [UInt64]) = ([], [])
            }
            let halves = Halves(), mid = n / 2
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 { halves.first = Self.part(records, 0..<mid) } else { halves.second = Self.part(records, mid..<n) }
            }
            starts += halves.first.starts
            let offset = UInt32(halves.first.hashes.count)
            starts += halves.second.starts.map { $0 + offset }
            hashes = halves.first.hashes + halves.second.hashes
        }
        if let source { source.withMapping(build) } else { build() }
    }

    /// The hashes brought up to `records`: rows changed or added since taken again, the others
    /// copied.
    func updated(_ records: [CaseRecord]) -> PartyKeys {
        if changed.isEmpty && rows == records.count { return self }
        var next = PartyKeys()
        next.starts.reserveCapacity(records.count + 1)
        next.hashes.reserveCapacity(hashes.count + (records.count - rows) * 2)
        for row in 0..<records.count {
            if row < rows && !changed.contains(Int32(row)) {
                next.hashes += hashes[Int(starts[row])..<Int(starts[row + 1])]
            } else {
                Self.append(records[row], to: &next.hashes)
            }
            next.starts.append(UInt32(next.hashes.count))
        }
        return next
    }

    /// Notes that row `row` changed (its hashes may be out of date).
    mutating func markChanged(_ row: Int) {
        if row < rows { changed.insert(Int32(row)) }
    }

    /// The rows, in order, that may be cases of a person looked up by any of `wanted`: those
    /// with one of the hashes, those changed since, and those from ``rows`` to `rowCount`.
    public func candidates(_ wanted: [UInt64], rowCount: Int) -> [Int] {
        var found = Set<Int>(changed.lazy.map { Int($0) })
        if !wanted.isEmpty {
            hashes.withUnsafeBufferPointer { h in
                for i in h.indices where wanted.contains(h[i]) { found.insert(row(ofHash: i)) }
            }
        }
        var list = found.filter { $0 < rowCount }.sorted()
        if rows < rowCount { list += rows..<rowCount }
        return list
    }

    /// The row whose hashes include position `i` of ``hashes``.
    private func row(ofHash i: Int) -> Int {
        // The first row whose end is past `i`.
        var lo = 0, hi = rows - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(starts[mid + 1]) > i { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    // MARK: - In the snapshot

    /// Writes the hashes (changed rows must have been taken again: see ``updated(_:)``): the
    /// rows' ends as 4 bytes each, then the hashes as 8, little-endian.
    func encode(to out: inout [UInt8]) {
        BinaryWriter.varint(rows, to: &out)
        BinaryWriter.varint(hashes.count, to: &out)
        out.reserveCapacity(out.count + rows * 4 + hashes.count * 8)
        for s in starts.dropFirst() { withUnsafeBytes(of: s.littleEndian) { out.append(contentsOf: $0) } }
        for h in hashes { withUnsafeBytes(of: h.littleEndian) { out.append(contentsOf: $0) } }
    }

    /// Reads hashes written by ``encode(to:)`` for `rows` rows; nil when malformed.
    static func decode(_ r: BinaryReader, rows expected: Int) -> PartyKeys? {
        guard let rows = r.varint(), rows == expected, let count = r.varint(), count >= 0,
              rows <= r.remaining / 4, count <= r.remaining / 8,
              let ends = r.take(rows * 4), let words = r.take(count * 8) else { return nil }
        var keys = PartyKeys()
        keys.starts.reserveCapacity(rows + 1)
        let sound: Bool = ends.withUnsafeBytes { b in
            for i in 0..<rows {
                let s = UInt32(littleEndian: b.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                guard s >= keys.starts.last!, Int(s) <= count else { return false }
                keys.starts.append(s)
            }
            return true
        }
        guard sound, Int(keys.starts.last!) == count else { return nil }
        keys.hashes = words.withUnsafeBytes { b in
            (0..<count).map { UInt64(littleEndian: b.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        }
        return keys
    }
}

extension LedgerState {
    /// Forgets the parties' hashes: lookups then read every case (for comparing the two).
    public mutating func dropPartyKeys() { partyKeys = nil }
}
