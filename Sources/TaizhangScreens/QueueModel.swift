import Foundation
import TaizhangDomain
import TaizhangTerminalCore
import TaizhangSearch

/// The queue's lists and counts, kept between keys so that a key costs work in proportion to
/// what it changes rather than to the size of the ledger.
///
/// Everything is derived from one ledger state and thrown away when any event is added (the
/// event count changes). The order is the domain's (`LedgerState.query`), reproduced with sort
/// keys computed once per case instead of on every comparison; the filter's matches come from a
/// ``CaseSearchIndex`` (the same search `taizhang list --text` runs).
final class QueueModel {

    private struct SortKey: Hashable {
        var status: CaseStatus?
        var sort: CaseSort
    }

    private struct RowsKey: Equatable {
        var status: CaseStatus?
        var sort: CaseSort
        var kind: CaseKind?
        var needle: String
    }

    private struct CountsKey: Equatable {
        var status: CaseStatus?
        var needle: String
    }

    private var table: QueueTable?
    /// The filter's matches, as table rows (the table's rows are the ledger's records in order).
    private let search: CaseSearchIndex
    private var sorted: [SortKey: [Int32]] = [:]
    private var rankings: [SortKey: [Int32]] = [:]
    private var lastRows: (key: RowsKey, rows: QueueRows)?
    private var lastCounts: (key: CountsKey, counts: [Int])?

    /// `search` is the index the filter uses (tests give one that holds its background build).
    init(search: CaseSearchIndex = CaseSearchIndex()) {
        self.search = search
    }

    /// Starts building the filter's search text in the background on a large ledger (see
    /// ``CaseSearchIndex/prepare(_:ids:threshold:)``).
    func prepareSearch(_ state: LedgerState, pinyin: PinyinIndex, threshold: Int = CaseSearchIndex.backgroundThreshold) {
        guard state.records.count >= threshold else { return }
        search.prepare(state, ids: sync(state, pinyin).ids, threshold: threshold)
    }

    /// The share of cases a filter searches while the search text is still being built in the
    /// background (its matches are those among them), or nil when every case is searched.
    var searchedShare: Double? { search.buildProgress }

    /// Drops everything derived from an older state.
    private func sync(_ state: LedgerState, _ pinyin: PinyinIndex) -> QueueTable {
        let v = LedgerVersion(state)
        if let t = table, t.version == v { return t }
        let t = QueueTable(state)
        // Once built, the search text follows the ledger (unchanged cases are copied over).
        search.follow(state, ids: t.ids, pinyin: pinyin)
        table = t
        sorted = [:]
        rankings = [:]
        lastRows = nil
        lastCounts = nil
        return t
    }

    /// The filter as matched (``CaseSearchIndex/needle(_:)``).
    static func needle(_ text: String) -> String { CaseSearchIndex.needle(text) }

    /// The cases with `status` (nil: any) and `kind` (nil: any) whose search text matches
    /// `needle` (already normalized by ``needle(_:)``), in `sort` order.
    func rows(_ state: LedgerState, status: CaseStatus?, sort: CaseSort, kind: CaseKind?, needle: String,
              pinyin: PinyinIndex) -> QueueRows {
        let t = sync(state, pinyin)
        let key = RowsKey(status: status, sort: sort, kind: kind, needle: needle)
        if let r = lastRows, r.key == key { return r.rows }
        let base = sortedRows(t, status: status, sort: sort)
        let k = kind.map { QueueTable.kindIndex($0) }
        var out: [Int32] = []
        var complete = true
        if needle.isEmpty {
            if let k {
                out.reserveCapacity(base.count)
                t.kinds.withUnsafeBufferPointer { kinds in
                    for i in base where kinds[Int(i)] == k { out.append(i) }
                }
            } else {
                out = base  // shared, not copied
            }
        } else {
            let answer = search.answer(matching: needle, in: state, ids: t.ids, pinyin: pinyin)
            complete = answer.isComplete
            let matched = answer.rows
            if matched.count * 16 < base.count {
                // Few matches: put them in order by their place in the sorted list.
                let rank = ranks(t, status: status, sort: sort)
                out = matched.filter { rank[Int($0)] >= 0 && (k == nil || t.kinds[Int($0)] == k) }
                out.sort { rank[Int($0)] < rank[Int($1)] }
            } else {
                // Many: one pass over the sorted list, testing a bit per case.
                var bits = [UInt64](repeating: 0, count: (t.ids.count + 63) / 64)
                for r in matched { bits[Int(r) >> 6] |= 1 << UInt64(r & 63) }
                out.reserveCapacity(matched.count)
                bits.withUnsafeBufferPointer { bits in
                    t.kinds.withUnsafeBufferPointer { kinds in
                        for i in base where bits[Int(i) >> 6] & (1 << UInt64(i & 63)) != 0 {
                            if let k, kinds[Int(i)] != k { continue }
                            out.append(i)
                        }
                    }
                }
            }
        }
        let rows = QueueRows(rows: out, ids: t.ids)
        // An answer from a search text still being built is asked for again on the next frame.
        if complete { lastRows = (key, rows) }
        return rows
    }

    /// Case counts per queue tab (all kinds, then each kind) under `status` and `needle`.
    func counts(_ state: LedgerState, status: CaseStatus?, needle: String, pinyin: PinyinIndex) -> [Int] {
        let t = sync(state, pinyin)
        let key = CountsKey(status: status, needle: needle)
        if let c = lastCounts, c.key == key { return c.counts }
        var perKind = Array(repeating: 0, count: CaseKind.allCases.count)
        var complete = true
        t.kinds.withUnsafeBufferPointer { kinds in
            t.statuses.withUnsafeBufferPointer { statuses in
                if needle.isEmpty {
                    for j in 0..<kinds.count where status == nil || statuses[j] == status { perKind[Int(kinds[j])] += 1 }
                } else {
                    let answer = search.answer(matching: needle, in: state, ids: t.ids, pinyin: pinyin)
                    complete = answer.isComplete
                    for r in answer.rows where status == nil || statuses[Int(r)] == status {
                        perKind[Int(kinds[Int(r)])] += 1
                    }
                }
            }
        }
        let out = [perKind.reduce(0, +)] + perKind
        if complete { lastCounts = (key, out) }
        return out
    }

    // MARK: - Order

    private func sortedRows(_ t: QueueTable, status: CaseStatus?, sort: CaseSort) -> [Int32] {
        let key = SortKey(status: status, sort: sort)
        if let s = sorted[key] { return s }
        var rows: [Int32] = []
        rows.reserveCapacity(t.ids.count)
        for j in 0..<t.ids.count where status == nil || t.statuses[j] == status { rows.append(Int32(j)) }
        if status != nil && rows.count * 8 >= t.ids.count {
            // Most cases: every order is total, so filtering the whole sorted table keeps it,
            // and one sort of the whole table serves every status.
            let all = sortedRows(t, status: nil, sort: sort)
            rows.removeAll(keepingCapacity: true)
            t.statuses.withUnsafeBufferPointer { st in
                for j in all where st[Int(j)] == status { rows.append(j) }
            }
        } else if status == nil {
            rows = t.sortedAll(by: sort)
        } else {
            t.sort(&rows, by: sort)  // few, such as the open cases of a district ledger
        }
        sorted[key] = rows
        return rows
    }

    /// Each table row's place in ``sortedRows(_:status:sort:)`` (-1: not listed there).
    private func ranks(_ t: QueueTable, status: CaseStatus?, sort: CaseSort) -> [Int32] {
        let key = SortKey(status: status, sort: sort)
        if let r = rankings[key] { return r }
        var rank = [Int32](repeating: -1, count: t.ids.count)
        for (place, row) in sortedRows(t, status: status, sort: sort).enumerated() { rank[Int(row)] = Int32(place) }
        rankings[key] = rank
        return rank
    }
}

/// The cases a queue tab lists, in order: rows of the queue's table, read as ids. Keeping rows
/// as small numbers lets a filter over a district ledger list its matches without copying ids.
struct QueueRows: RandomAccessCollection {
    let rows: [Int32]
    let ids: [CaseID]

    var startIndex: Int { 0 }
    var endIndex: Int { rows.count }
    subscript(i: Int) -> CaseID { ids[Int(rows[i])] }

    /// Where the case at table row `row` (its place in opening order) is listed, if it is.
    func index(ofRow row: Int) -> Int? {
        let r = Int32(truncatingIfNeeded: row)
        return rows.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == r { return i }
            return nil
        }
    }
}

/// Per-case facts the queue sorts and counts by, in ledger order (`LedgerState.order`).
struct QueueTable {
    let version: LedgerVersion
    var ids: [CaseID] = []
    /// Index of the kind in `CaseKind.allCases` (the queue's tab minus one).
    var kinds: [UInt8] = []
    var statuses: [CaseStatus] = []
    /// The deadline's day number for open cases with one (what the domain's deadline order
    /// uses), else ``noDeadline``. Day numbers are four bytes here: a district ledger's table
    /// is read on every key and kept beside the search text.
    var due: [Int32] = []
    /// Day number of `date`.
    var dates: [Int32] = []
    static let noDeadline = Int32.min
    /// Ids as comparable numbers, in `CaseID`'s order (prefix, year, number).
    var idKeys: [IDKey] = []

    /// Eight bytes: a year fits 16 bits and a number within a kind and year 32.
    struct IDKey: Comparable {
        let prefix: UInt8
        private let shortYear: Int16
        private let shortNumber: Int32
        var year: Int { Int(shortYear) }
        var number: Int { Int(shortNumber) }
        init(prefix: UInt8, year: Int, number: Int) {
            self.prefix = prefix
            shortYear = Int16(clamping: year)
            shortNumber = Int32(clamping: number)
        }
        static func < (a: IDKey, b: IDKey) -> Bool { (a.prefix, a.year, a.number) < (b.prefix, b.year, b.number) }
    }

    /// Rank of each kind's id prefix, so ids compare without strings.
    static let prefixRank: [CaseKind: UInt8] = {
        let byPrefix = CaseKind.allCases.sorted { $0.prefix < $1.prefix }
        return Dictionary(uniqueKeysWithValues: byPrefix.enumerated().map { ($0.element, UInt8($0.offset)) })
    }()

    static let kindIndexes: [CaseKind: UInt8] =
        Dictionary(uniqueKeysWithValues: CaseKind.allCases.enumerated().map { ($0.element, UInt8($0.offset)) })

    static func kindIndex(_ k: CaseKind) -> UInt8 { kindIndexes[k]! }

    init(_ state: LedgerState) {
        version = LedgerVersion(state)
        let n = state.records.count
        ids.reserveCapacity(n); kinds.reserveCapacity(n); statuses.reserveCapacity(n)
        due.reserveCapacity(n); dates.reserveCapacity(n); idKeys.reserveCapacity(n)
        let kindIndex = CaseKind.allCases.map { QueueTable.kindIndex($0) }
        let prefixRank = CaseKind.allCases.map { QueueTable.prefixRank[$0]! }
        let records = state.records
        for at in records.indices {
            // Read in place: copying a record out retains all it holds.
            let id = records[at].id
            let k = CaseKind.allCases.firstIndex(of: id.kind)!
            let status = records[at].status
            ids.append(id)
            kinds.append(kindIndex[k])
            statuses.append(status)
            let deadline = status == .open ? records[at].deadline?.due.dayNumber : nil
            due.append(deadline.map { Int32(clamping: $0) } ?? QueueTable.noDeadline)
            dates.append(Int32(clamping: records[at].date.dayNumber))
            idKeys.append(IDKey(prefix: prefixRank[k], year: id.year, number: id.number))
        }
    }

    /// Every table row in `sort` order, as ``sort(_:by:)`` puts them, by counting instead of
    /// comparing: rows go into buckets by kind and year (numbers within a kind and year are
    /// handed out in opening order, so they seldom need sorting), then for the other orders
    /// into buckets by day, taken in id order. A district ledger's 200 000 cases take a few
    /// milliseconds instead of the 20 a comparison sort takes, which a status or order key
    /// would wait for. Falls back to that sort when the years or days span too far.
    func sortedAll(by sort: CaseSort) -> [Int32] {
        let n = idKeys.count
        guard n > 0 else { return [] }
        func fallback() -> [Int32] {
            var rows = (0..<n).map { Int32($0) }
            self.sort(&rows, by: sort)
            return rows
        }
        guard let byID = idOrder() else { return fallback() }
        if sort == .id { return byID }

        var low = Int.max, high = Int.min
        for d in dates { low = Swift.min(low, Int(d)); high = Swift.max(high, Int(d)) }
        for d in due where d != QueueTable.noDeadline { low = Swift.min(low, Int(d)); high = Swift.max(high, Int(d)) }
        let span = high - low + 1
        guard span <= 1 << 20 else { return fallback() }
        // Deadline order: open cases with a deadline by deadline, then the rest newest first,
        // ids ascending within each; date order: newest first, ids descending.
        if sort == .date {
            return QueueTable.countingSort(Array(byID.reversed()), buckets: span) { row in
                high - Int(dates[Int(row)])
            }
        }
        return QueueTable.countingSort(byID, buckets: 2 * span) { row in
            let d = due[Int(row)]
            return d != QueueTable.noDeadline ? Int(d) - low : span + (high - Int(dates[Int(row)]))
        }
    }

    /// Table rows in id order, or nil when kinds times years make too many buckets.
    func idOrder() -> [Int32]? {
        let n = idKeys.count
        var firstYear = Int.max, lastYear = Int.min
        for k in idKeys { firstYear = Swift.min(firstYear, k.year); lastYear = Swift.max(lastYear, k.year) }
        let years = lastYear - firstYear + 1, kinds = CaseKind.allCases.count
        guard n > 0, years <= 1 << 16 else { return nil }
        var rows = QueueTable.countingSort((0..<n).map { Int32($0) }, buckets: kinds * years) { row in
            let k = idKeys[Int(row)]
            return Int(k.prefix) * years + (k.year - firstYear)
        }
        // Within a kind and year, by number: already so unless a number was taken out of turn.
        var start = 0
        while start < n {
            let first = idKeys[Int(rows[start])]
            var end = start + 1, ordered = true
            while end < n, idKeys[Int(rows[end])].prefix == first.prefix, idKeys[Int(rows[end])].year == first.year {
                if idKeys[Int(rows[end])].number < idKeys[Int(rows[end - 1])].number { ordered = false }
                end += 1
            }
            if !ordered { rows[start..<end].sort { idKeys[Int($0)].number < idKeys[Int($1)].number } }
            start = end
        }
        return rows
    }

    /// `rows` stably ordered by `bucket` (0 ..< `buckets`).
    static func countingSort(_ rows: [Int32], buckets: Int, _ bucket: (Int32) -> Int) -> [Int32] {
        var starts = [Int](repeating: 0, count: buckets + 1)
        var keys = [Int32](repeating: 0, count: rows.count)
        for (k, row) in rows.enumerated() {
            let b = bucket(row)
            keys[k] = Int32(b)
            starts[b + 1] += 1
        }
        for b in 0..<buckets { starts[b + 1] += starts[b] }
        var out = [Int32](repeating: 0, count: rows.count)
        for (k, row) in rows.enumerated() {
            let b = Int(keys[k])
            out[starts[b]] = row
            starts[b] += 1
        }
        return out
    }

    /// Sorts table rows as `LedgerState.query(_:sort:)` orders cases (every order there is
    /// total, ties broken by id, so sorting the whole table and filtering later agree).
    func sort(_ rows: inout [Int32], by sort: CaseSort) {
        switch sort {
        case .id:
            rows.sort { idKeys[Int($0)] < idKeys[Int($1)] }
        case .date:
            rows.sort { a, b in
                let i = Int(a), j = Int(b)
                return dates[i] != dates[j] ? dates[i] > dates[j] : idKeys[i] > idKeys[j]
            }
        case .deadline:
            rows.sort { a, b in
                let i = Int(a), j = Int(b)
                switch (due[i] == QueueTable.noDeadline ? nil : due[i], due[j] == QueueTable.noDeadline ? nil : due[j]) {
                case let (x?, y?): return x != y ? x < y : idKeys[i] < idKeys[j]
                case (.some, nil): return true
                case (nil, .some): return false
                case (nil, nil): return dates[i] != dates[j] ? dates[i] > dates[j] : idKeys[i] < idKeys[j]
                }
            }
        }
    }
}
