import Foundation
import TaizhangDomain

/// The part a person plays in a case.
public enum PersonRole: String, Sendable, CaseIterable {
    case client, applicant, respondent, petitioner, requester

    /// The field that names the person in this role.
    public var field: String { rawValue }

    /// The same field, looked up once.
    var key: CaseFieldKey {
        switch self {
        case .client: FieldKeys.client
        case .applicant: FieldKeys.applicant
        case .respondent: FieldKeys.respondent
        case .petitioner: FieldKeys.petitioner
        case .requester: FieldKeys.requester
        }
    }

    /// The role's name in both languages.
    public var label: Localized {
        switch self {
        case .client: Localized("咨询人", "client")
        case .applicant: Localized("申请人", "applicant")
        case .respondent: Localized("被申请人", "respondent")
        case .petitioner: Localized("信访人", "petitioner")
        case .requester: Localized("送审单位", "requester")
        }
    }

    /// The roles of a kind's parties, the main one (whose `phone` and `id_number` the case holds) first.
    public static func roles(of kind: CaseKind) -> [PersonRole] { rolesByKind[CaseKind.allCases.firstIndex(of: kind)!] }
    private static let rolesByKind: [[PersonRole]] = CaseKind.allCases.map { $0.partyFields.map { PersonRole(rawValue: $0)! } }
}

/// The fields a person is read from, looked up once.
enum FieldKeys {
    static let client = CaseFieldKey("client"), applicant = CaseFieldKey("applicant"), respondent = CaseFieldKey("respondent")
    static let petitioner = CaseFieldKey("petitioner"), requester = CaseFieldKey("requester")
    static let idNumber = CaseFieldKey("id_number"), phone = CaseFieldKey("phone")
}

/// How a case was found to concern a person, strongest first.
public enum PersonMatchKind: String, Sendable, Comparable {
    case idNumber = "id_number", phone, name

    var strength: Int { self == .idNumber ? 0 : self == .phone ? 1 : 2 }
    public static func < (a: PersonMatchKind, b: PersonMatchKind) -> Bool { a.strength < b.strength }

    /// Said in a list of matches.
    public var label: Localized {
        switch self {
        case .idNumber: Localized("身份证号", "ID number")
        case .phone: Localized("电话", "phone")
        case .name: Localized("仅姓名", "name only")
        }
    }
}

/// How alike two petitions' subjects are: the Dice coefficient over their characters and pairs of
/// adjacent characters (spaces and punctuation left out), 0 (nothing shared) to 1 (the same).
public enum SubjectSimilarity {
    static func units(_ text: String) -> [String: Int] {
        let chars = text.filter { $0.isLetter || $0.isNumber }.map { String($0).lowercased() }
        var units: [String: Int] = [:]
        for c in chars { units[c, default: 0] += 1 }
        for (a, b) in zip(chars, chars.dropFirst()) { units[a + b, default: 0] += 1 }
        return units
    }

    /// The similarity of `a` and `b`.
    public static func of(_ a: String, _ b: String) -> Double {
        let ua = units(a), ub = units(b)
        let total = ua.values.reduce(0, +) + ub.values.reduce(0, +)
        guard total > 0 else { return 0 }
        let shared = ua.reduce(0) { $0 + min($1.value, ub[$1.key] ?? 0) }
        return Double(2 * shared) / Double(total)
    }

    /// From this similarity on, two subjects are taken for the same matter.
    public static let threshold = 0.5
}

/// One case in which a person appears.
public struct PersonAppearance: Sendable, Equatable {
    /// The case.
    public var id: CaseID
    /// The case's position in `LedgerState.records`.
    public var row: Int
    /// The role in which the person appears.
    public var role: PersonRole
    /// The name as written in the case.
    public var name: String
    /// How the case was found.
    public var by: PersonMatchKind
}

/// What is asked: a name, an ID number or a phone.
public enum PersonQuery: Sendable, Equatable {
    case name(String), idNumber(String), phone(String)

    /// Reads what was typed: an ID number (15 or 18 characters), a phone (7 or more digits), else a name.
    public init(_ text: String) {
        let compact = text.filter { !$0.isWhitespace }
        if let key = PersonIDs.matchKey(idNumber: compact), compact.count == 15 || compact.count == 18 {
            self = .idNumber(key)
        } else if compact.allSatisfy({ ($0.isASCII && $0.isNumber) || "+-()（）－".contains($0) }), let key = PersonIDs.matchKey(phone: compact) {
            self = .phone(key)
        } else {
            self = .name(PersonName.normalized(text))
        }
    }
}

/// Every person of every case, by normalised name, ID number and phone: a person's history, the
/// earlier cases of a party at entry, and likely repeat petitions. Built over a ledger state once;
/// when the ledger changes (``follow(_:)``) only the cases that changed are looked at again.
/// Not thread-safe; one owner calls it.
public final class PeopleIndex {
    struct Entry: Hashable { var row: Int32; var role: PersonRole }
    private(set) var version: LedgerVersion?
    private var byName: [String: [Entry]] = [:]
    private var byID: [String: [Int32]] = [:]
    private var byPhone: [String: [Int32]] = [:]
    /// Each row's case as last indexed: a hash of its timeline length and last change, which
    /// differ once anything has happened to it, and a hash of the keys it is filed under (two
    /// words a row; two different states with one 64-bit hash are not a practical concern).
    private var stamps: [Int] = []
    private var keyHashes: [Int] = []

    static func stamp(_ c: CaseRecord) -> Int {
        var h = Hasher()
        h.combine(c.timeline.count)
        h.combine(c.updated)
        return h.finalize()
    }

    /// What one case is filed under.
    struct RowKeys: Hashable {
        var names: [Entry] = []
        var nameKeys: [String] = []
        var id: String?
        var phone: String?
    }

    /// The keys of `c` at `row` (none for a voided case).
    static func keys(_ c: CaseRecord, row: Int32) -> RowKeys {
        var k = RowKeys()
        guard c.status != .voided else { return k }
        for role in PersonRole.roles(of: c.kind) {
            for key in PersonName.keys(c[role.key], several: role == .respondent) {
                k.names.append(Entry(row: row, role: role)); k.nameKeys.append(key)
            }
        }
        k.id = PersonIDs.matchKey(idNumber: c[FieldKeys.idNumber])
        k.phone = PersonIDs.matchKey(phone: c[FieldKeys.phone])
        return k
    }

    private func file(_ k: RowKeys, _ row: Int32) {
        for (e, key) in zip(k.names, k.nameKeys) { byName[key, default: []].append(e) }
        if let id = k.id { byID[id, default: []].append(row) }
        if let phone = k.phone { byPhone[phone, default: []].append(row) }
    }

    /// An index of `state`.
    public init(_ state: LedgerState) { follow(state) }

    /// How many rows were looked at again by the last ``follow(_:)`` that changed anything
    /// (every row for a first build).
    private(set) var lastRowsRead = 0
    /// How many earlier rows the last ``follow(_:)`` that changed anything compared.
    private(set) var lastRowsLooked = 0

    /// Brings the index to `state`. Cases are only ever appended to the ledger's order, so a
    /// row keeps its case: new rows are filed, changed rows (another timeline length or last
    /// change) are read again, and only those whose keys differ are taken out and filed anew.
    public func follow(_ state: LedgerState) {
        let v = LedgerVersion(state)
        if v == version { return }
        let records = state.records
        let old = stamps.count
        let previous = version
        // A state with fewer events or cases is not a later one of the ledger followed.
        if let before = version, before.events > v.events || before.cases > v.cases { version = v; rebuild(state); return }
        version = v
        guard old <= records.count else { rebuild(state); return }
        var moved: [(row: Int32, keys: RowKeys)] = []
        var read = 0
        // The state remembers which rows its recent events touched: after a save only those are
        // compared (comparing all of a district's cases took 50–130 ms on the next frame).
        let looked: [Int] = previous.flatMap { state.rowsChanged(since: $0.events) }?.filter { $0 < old } ?? Array(0..<old)
        lastRowsLooked = looked.count
        for row in looked {
            let stamp = Self.stamp(records[row])
            if stamps[row] == stamp { continue }
            let c = records[row]
            read += 1
            stamps[row] = stamp
            let k = Self.keys(c, row: Int32(row))
            // Most changes (a note, an outcome) leave the keys as they were.
            if k.hashValue == keyHashes[row] { continue }
            keyHashes[row] = k.hashValue
            moved.append((Int32(row), k))
        }
        if !moved.isEmpty {
            // One pass over the lists takes every moved row out; then each is filed anew.
            let gone = Set(moved.map(\.row))
            Self.remove(gone, from: &byName) { $0.row }
            Self.remove(gone, from: &byID) { $0 }
            Self.remove(gone, from: &byPhone) { $0 }
            for m in moved { file(m.keys, m.row) }
        }
        for row in old..<records.count { add(records[row], row) }
        lastRowsRead = read + records.count - old
    }

    /// Files a new row.
    private func add(_ c: CaseRecord, _ row: Int) {
        let k = Self.keys(c, row: Int32(row))
        stamps.append(Self.stamp(c))
        keyHashes.append(k.hashValue)
        file(k, Int32(row))
    }

    /// Builds the index anew (a state that is not a later one of the state followed).
    private func rebuild(_ state: LedgerState) {
        byName = [:]; byID = [:]; byPhone = [:]
        stamps = []; keyHashes = []
        let records = state.records
        stamps.reserveCapacity(records.count); keyHashes.reserveCapacity(records.count)
        for row in records.indices { add(records[row], row) }
        lastRowsRead = records.count
    }

    /// Takes the entries of `rows` out of every list, and the lists left empty.
    private static func remove<E>(_ rows: Set<Int32>, from table: inout [String: [E]], row: (E) -> Int32) {
        var emptied: [String] = []
        var i = table.values.startIndex
        while i != table.values.endIndex {
            if table.values[i].contains(where: { rows.contains(row($0)) }) {
                table.values[i].removeAll { rows.contains(row($0)) }
                if table.values[i].isEmpty { emptied.append(table[i].key) }
            }
            table.values.formIndex(after: &i)
        }
        for k in emptied { table[k] = nil }
    }

    /// The index's lists in a canonical order, to compare an index followed step by step with
    /// one built afresh.
    var contents: (names: [String: Set<Entry>], ids: [String: Set<Int32>], phones: [String: Set<Int32>]) {
        (byName.mapValues(Set.init), byID.mapValues(Set.init), byPhone.mapValues(Set.init))
    }

    /// The main role of a row's case (the one its `phone` and `id_number` belong to).
    private func mainRole(_ row: Int32, _ state: LedgerState) -> PersonRole? { PersonRole.roles(of: state.records[Int(row)].kind).first }

    /// The cases in which the person asked for appears, in ledger order (`state` must be the
    /// state the index follows). A name matches every role; an ID number or phone the main party.
    public func appearances(_ query: PersonQuery, in state: LedgerState) -> [PersonAppearance] {
        follow(state)
        func appearance(_ e: Entry, _ by: PersonMatchKind) -> PersonAppearance {
            let c = state.records[Int(e.row)]
            let name = e.role == .respondent
                ? PersonName.parties(c[e.role.field]).first { key(query) == nil || PersonName.normalized($0) == key(query) } ?? c[e.role.field]
                : c[e.role.field]
            return PersonAppearance(id: c.id, row: Int(e.row), role: e.role, name: name, by: by)
        }
        func key(_ q: PersonQuery) -> String? { if case let .name(n) = q { n } else { nil } }
        var found: [PersonAppearance]
        switch query {
        case let .name(n): found = (byName[n] ?? []).map { appearance($0, .name) }
        case let .idNumber(k): found = (byID[k] ?? []).compactMap { r in mainRole(r, state).map { appearance(Entry(row: r, role: $0), .idNumber) } }
        case let .phone(k): found = (byPhone[k] ?? []).compactMap { r in mainRole(r, state).map { appearance(Entry(row: r, role: $0), .phone) } }
        }
        found.sort { ($0.row, $0.role.field) < ($1.row, $1.role.field) }
        return found
    }

    /// The same answer as ``matches(names:idNumber:phone:in:)`` without building an index: one
    /// pass over the cases, for a process that asks once (`taizhang person`, `taizhang add`).
    public static func scan(names: [String], idNumber: String?, phone: String?, in state: LedgerState) -> [PersonAppearance] {
        // Long values (a village committee's name, several respondents) are kept in the ledger
        // file: they are read from one mapping of it rather than by a system call each.
        let all = 0..<state.records.count
        // A district ledger's pass is split over two threads (the first half's finds first):
        // a process asking once waits for the whole pass.
        func halves() -> [PersonAppearance] {
            guard all.count >= scanHalvesThreshold else { return scanRows(all, names: names, idNumber: idNumber, phone: phone, in: state) }
            final class Halves: @unchecked Sendable { var first: [PersonAppearance] = []; var second: [PersonAppearance] = [] }
            let found = Halves(), mid = all.count / 2
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                if k == 0 { found.first = scanRows(0..<mid, names: names, idNumber: idNumber, phone: phone, in: state) }
                else { found.second = scanRows(mid..<all.count, names: names, idNumber: idNumber, phone: phone, in: state) }
            }
            return found.first + found.second
        }
        // With the snapshot's hashes of every case's parties, only the cases that may match
        // are read (and then decided exactly, as in a full pass).
        if let keys = state.partyKeys, keys.rows <= state.records.count {
            var wanted = names.map(PersonName.normalized).filter { !$0.isEmpty }.map(PartyKeys.hash(name:))
            if let k = idNumber.flatMap(PersonIDs.matchKey(idNumber:)) { wanted.append(PartyKeys.hash(idNumberKey: k)) }
            if let k = phone.flatMap(PersonIDs.matchKey(phone:)) { wanted.append(PartyKeys.hash(phoneKey: k)) }
            let rows = keys.candidates(wanted, rowCount: all.count)
            guard let source = state.lineSource else { return scanRows(rows, names: names, idNumber: idNumber, phone: phone, in: state) }
            return source.withMapping { scanRows(rows, names: names, idNumber: idNumber, phone: phone, in: state) }
        }
        guard let source = state.lineSource else { return halves() }
        return source.withMapping { halves() }
    }

    /// ``scan(names:idNumber:phone:in:)`` reading every case, as without a snapshot.
    static func scanEveryCase(names: [String], idNumber: String?, phone: String?, in state: LedgerState) -> [PersonAppearance] {
        var plain = state
        plain.dropPartyKeys()
        return scan(names: names, idNumber: idNumber, phone: phone, in: plain)
    }

    /// Cases from which ``scan(names:idNumber:phone:in:)`` reads in two halves at once.
    static let scanHalvesThreshold = 50_000

    private static func scanRows<Rows: Sequence<Int>>(_ range: Rows, names: [String], idNumber: String?, phone: String?,
                                                      in state: LedgerState) -> [PersonAppearance] {
        let nameKeys = Set(names.map(PersonName.normalized).filter { !$0.isEmpty })
        let idKey = idNumber.flatMap(PersonIDs.matchKey(idNumber:))
        let phoneKey = phone.flatMap(PersonIDs.matchKey(phone:))
        var out: [PersonAppearance] = []
        // One name, the usual question: compared without hashing every party's name, and as
        // bytes when both are plain Chinese or ASCII.
        let onlyName = nameKeys.count == 1 ? nameKeys.first : nil
        let onlySimple = onlyName.map(PersonName.isSimple) ?? false
        func named(_ party: String) -> Bool {
            guard let onlyName else { return nameKeys.contains(PersonName.normalized(party)) }
            if onlySimple && PersonName.isSimple(party) {
                return party.utf8.count == onlyName.utf8.count && party.utf8.elementsEqual(onlyName.utf8)
            }
            return PersonName.normalized(party) == onlyName
        }
        // The records are read in place: copying each one out of the array costs a retain and
        // a release of every part of it.
        state.records.withUnsafeBufferPointer { records in
            for row in range where records[row].status != .voided {
                let kind = records[row].kind
                let roles = PersonRole.roles(of: kind)
                guard let main = roles.first else { continue }
                if let idKey, case let v = records[row][FieldKeys.idNumber], !v.isEmpty, PersonIDs.matchKey(idNumber: v) == idKey {
                    out.append(PersonAppearance(id: records[row].id, row: row, role: main, name: records[row][main.key], by: .idNumber))
                    continue
                }
                if let phoneKey, case let v = records[row][FieldKeys.phone], !v.isEmpty, PersonIDs.matchKey(phone: v) == phoneKey {
                    out.append(PersonAppearance(id: records[row].id, row: row, role: main, name: records[row][main.key], by: .phone))
                    continue
                }
                if nameKeys.isEmpty { continue }
                found: for role in roles {
                    let value = records[row][role.key]
                    if value.isEmpty { continue }
                    if role != .respondent || PersonName.isSimple(value) || PersonName.isSingleParty(value) {
                        if named(value) {
                            out.append(PersonAppearance(id: records[row].id, row: row, role: role, name: value, by: .name))
                            break found
                        }
                        continue
                    }
                    for party in PersonName.parties(value) where named(party) {
                        out.append(PersonAppearance(id: records[row].id, row: row, role: role, name: party, by: .name))
                        break found
                    }
                }
            }
        }
        return out
    }

    /// The earlier cases of a party about to be entered, each once with its strongest match:
    /// by the ID number, then by the phone, then by any of the names. Not ordered.
    public func matches(names: [String], idNumber: String?, phone: String?, in state: LedgerState) -> [PersonAppearance] {
        var best: [Int: PersonAppearance] = [:]
        func add(_ list: [PersonAppearance]) {
            for a in list where best[a.row].map({ a.by < $0.by }) ?? true { best[a.row] = a }
        }
        if let idNumber, let k = PersonIDs.matchKey(idNumber: idNumber) { add(appearances(.idNumber(k), in: state)) }
        if let phone, let k = PersonIDs.matchKey(phone: phone) { add(appearances(.phone(k), in: state)) }
        for n in names {
            let k = PersonName.normalized(n)
            if !k.isEmpty { add(appearances(.name(k), in: state)) }
        }
        return Array(best.values)
    }
}

/// One build of a people index on a background thread, so a form that looks parties up need
/// not wait for it on the first keystroke. The state it reads is a value and the ledger file is
/// read under its lock; the index is handed over once, after ``result()`` has waited for it.
public final class PeopleIndexBuild: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var index: PeopleIndex?

    /// Starts building an index of `state`.
    public init(_ state: LedgerState) {
        DispatchQueue.global(qos: .utility).async {
            let built = state.lineSource.map { source in source.withMapping { PeopleIndex(state) } } ?? PeopleIndex(state)
            self.index = built
            self.done.signal()
        }
    }

    /// The index, waiting for the build to finish (it then follows the ledger as it is now).
    public func result() -> PeopleIndex {
        done.wait()
        done.signal()
        return index!
    }
}
