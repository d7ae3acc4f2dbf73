import Foundation
import TaizhangDomain

/// Identifies a ledger state: every event, from this process or another, changes it.
public struct LedgerVersion: Equatable, Sendable {
    /// Events folded.
    public var events: Int
    /// Cases in the state.
    public var cases: Int

    /// The version of `state`.
    public init(_ state: LedgerState) {
        events = state.eventCount
        cases = state.cases.count
    }
}

/// Finds cases by text, as the queue's filter and `taizhang list --text` do: a needle matches a
/// case when the case's search text (id, field values, the labels of chosen values in both
/// languages, notes; lowercased) holds it, or, for a needle of ASCII letters, when the pinyin
/// initials of one of those parts do (``PinyinIndex/initials(_:)``).
///
/// Built once over a ledger state and kept: the search text of every case in one byte buffer,
/// with exact bits and signatures that rule most cases out without reading them (see
/// `SearchText`). When the ledger changes, only the changed cases are rebuilt. Results are
/// positions in `LedgerState.records`, ascending. Not thread-safe; one owner calls it.
public final class CaseSearchIndex {
    private var version: LedgerVersion?
    /// The cases of the rows, `state.records`' ids.
    private var ids: [CaseID] = []
    private var search: SearchText?
    /// Rows matching recent needles, newest last; a longer needle searches only the rows of one
    /// it contains, and Backspace finds its earlier result here.
    private var memo: [(needle: String, rows: [Int32])] = []
    static let memoLimit = 32
    /// Rows remembered over all needles (4 bytes each).
    static let memoRowLimit = 1_000_000
    /// The search text being built in the background, so the first filter keystroke on a large
    /// ledger need not wait for all of it (see ``prepare(_:ids:threshold:)``).
    private var preparing: SearchBuild?

    /// An empty index; the search text is built on the first search (or by ``prepare(_:ids:threshold:)``).
    public init() {}

    /// Cases from which ``prepare(_:ids:threshold:)`` builds the search text in the background.
    public static let backgroundThreshold = 20_000

    /// The needle as matched: trimmed and lowercased.
    public static func needle(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// Starts building the search text on a background thread, once per ledger state, when the
    /// ledger is large enough for building it to be felt (about 4 s at 200 000 cases). The first
    /// search then uses it, waiting for the rest if it is not done. `ids` are
    /// `state.records`' ids when the caller has them already (shared, not copied).
    public func prepare(_ state: LedgerState, ids: [CaseID]? = nil, threshold: Int = CaseSearchIndex.backgroundThreshold) {
        guard search == nil, state.records.count >= threshold else { return }
        // One build at a time: a ledger that changes meanwhile is caught up from the finished
        // build (only changed cases are rebuilt), not by starting over beside it.
        if let p = preparing, p.version == LedgerVersion(state) || !p.isDone { return }
        follow(state, ids: ids, pinyin: nil)
        preparing = SearchBuild(self.ids, state, LedgerVersion(state), reusing: preparing)
    }

    /// Brings the index to `state`: a search text once built follows the ledger (unchanged cases
    /// are copied over), and remembered results are dropped. Searching does this itself; a
    /// caller that would rather pay for it on the next frame than on the next keystroke calls
    /// it when the ledger changes.
    public func follow(_ state: LedgerState, ids: [CaseID]? = nil, pinyin: PinyinIndex? = nil) {
        let v = LedgerVersion(state)
        if v == version { return }
        let now = ids ?? state.records.map(\.id)
        if search != nil { search = Self.searchText(now, state, reusing: search, oldIDs: self.ids, pinyin: pinyin ?? PinyinIndex()) }
        self.ids = now
        version = v
        memo = []
    }

    /// Positions in `state.records` (ascending) of the cases matching `needle` (normalized as
    /// ``needle(_:)``; an empty one matches every case). `pinyin` is a cache of initials to
    /// build with, when the caller keeps one.
    public func rows(matching needle: String, in state: LedgerState, ids: [CaseID]? = nil, pinyin: PinyinIndex? = nil) -> [Int32] {
        follow(state, ids: ids, pinyin: pinyin)
        let needle = Self.needle(needle)
        if needle.isEmpty { return (0..<Int32(self.ids.count)).map { $0 } }
        if let i = memo.lastIndex(where: { $0.needle == needle }) {
            let hit = memo.remove(at: i)
            memo.append(hit)
            return hit.rows
        }
        let text = builtText(state, pinyin)
        // A case matching a needle matches every needle inside it, so only those are searched.
        let narrower = memo.filter { needle.contains($0.needle) && SearchText.isPlain($0.needle) }.min { $0.rows.count < $1.rows.count }
        // Searching row by row pays off only when few rows are left; otherwise one pass is faster.
        let among = narrower.flatMap { $0.rows.count * 4 < self.ids.count ? $0.rows : nil }
        let rows = text.search(needle, among: among)
        memo.append((needle, rows))
        // A needle matching most of a district ledger keeps 800 KB of rows: the oldest go first
        // once the remembered rows pass the limit.
        while memo.count > CaseSearchIndex.memoLimit
            || (memo.count > 1 && memo.reduce(0, { $0 + $1.rows.count }) > CaseSearchIndex.memoRowLimit) {
            memo.removeFirst()
        }
        return rows
    }

    /// Builds the search text with the ledger file mapped: long texts are read back from the
    /// file, and a district ledger has about a million of them.
    fileprivate static func searchText(_ ids: [CaseID], _ state: LedgerState, reusing old: SearchText?, oldIDs: [CaseID]?,
                                       pinyin: PinyinIndex) -> SearchText {
        guard let source = state.lineSource else { return SearchText(ids, state, reusing: old, oldIDs: oldIDs, pinyin: pinyin) }
        return source.withMapping { SearchText(ids, state, reusing: old, oldIDs: oldIDs, pinyin: pinyin) }
    }

    /// The search text of `state`, built if it was not.
    func searchText(_ state: LedgerState) -> SearchText {
        follow(state)
        return builtText(state, nil)
    }

    /// The search text for the state the index follows: the one kept, the background build's,
    /// or one built now.
    private func builtText(_ state: LedgerState, _ pinyin: PinyinIndex?) -> SearchText {
        if let s = search { return s }
        let text: SearchText
        if let p = preparing, p.version == version {
            // Built (or being built) in the background since the queue was first drawn.
            text = p.result().text
            preparing = nil
        } else if let p = preparing, p.isDone {
            // Built for an earlier state of the ledger: only the changed cases are rebuilt.
            let old = p.result()
            text = Self.searchText(ids, state, reusing: old.text, oldIDs: old.ids, pinyin: pinyin ?? PinyinIndex())
            preparing = nil
        } else {
            // The first search builds every case's search text (the warm-up).
            text = Self.searchText(ids, state, reusing: nil, oldIDs: nil, pinyin: pinyin ?? PinyinIndex())
        }
        search = text
        return text
    }
}

extension LedgerState {
    /// The cases that pass `filter` and match `text` as ``CaseSearchIndex`` matches it (the
    /// queue's filter), in `sort` order; all that pass `filter` when `text` is nil or blank.
    /// Builds the search text once for this call: a caller that searches again keeps a
    /// ``CaseSearchIndex``.
    public func query(_ filter: CaseFilter, text: String?, sort: CaseSort = .deadline) -> [CaseRecord] {
        guard let text, !CaseSearchIndex.needle(text).isEmpty else { return query(filter, sort: sort) }
        return query(filter, sort: sort, among: CaseSearchIndex().rows(matching: text, in: self))
    }
}

/// One background build of the search text. Everything it reads is a value (the ids and the
/// ledger state) or thread-safe (the ledger file), and it has a pinyin cache of its own; the
/// index reads the result once, after `result()` has waited for it.
final class SearchBuild: @unchecked Sendable {
    let version: LedgerVersion
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var finished = false
    private var text: SearchText?
    private let ids: [CaseID]

    /// Starts building for the cases `ids` of `state`, from an earlier build's text when given.
    init(_ ids: [CaseID], _ state: LedgerState, _ version: LedgerVersion, reusing earlier: SearchBuild?) {
        self.version = version
        self.ids = ids
        let old = earlier.map { $0.result() }
        DispatchQueue.global(qos: .utility).async {
            let built = CaseSearchIndex.searchText(ids, state, reusing: old?.text, oldIDs: old?.ids, pinyin: PinyinIndex())
            self.lock.lock()
            self.text = built
            self.finished = true
            self.lock.unlock()
            self.done.signal()
        }
    }

    /// True when the build has finished.
    var isDone: Bool {
        lock.lock()
        defer { lock.unlock() }
        return finished
    }

    /// The search text and the ids it was built for, waiting for the build to finish.
    func result() -> (text: SearchText, ids: [CaseID]) {
        done.wait()
        done.signal()  // a later call returns at once
        lock.lock()
        defer { lock.unlock() }
        return (text!, ids)
    }
}
