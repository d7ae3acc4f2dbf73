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
/// Built once over a ledger state and kept: the search text of every case in byte buffers, in
/// pieces of consecutive cases (see `SearchPieces`), with exact bits and signatures that rule
/// most cases out without reading them (see `SearchText`). When the ledger changes, only the
/// pieces holding changed cases are rebuilt. Results are positions in `LedgerState.records`,
/// ascending. Not thread-safe; one owner calls it.
public final class CaseSearchIndex {
    private var version: LedgerVersion?
    /// The cases of the rows, `state.records`' ids.
    private var ids: [CaseID] = []
    private var search: SearchPieces?
    /// Rows matching recent needles, newest last; a longer needle searches only the rows of one
    /// it contains, and Backspace finds its earlier result here.
    private var memo: [(needle: String, rows: [Int32])] = []
    static let memoLimit = 32
    /// Rows remembered over all needles (4 bytes each).
    static let memoRowLimit = 1_000_000
    /// The search text being built in the background, so the first filter keystroke on a large
    /// ledger need not wait for all of it (see ``prepare(_:ids:threshold:)``).
    private var preparing: SearchBuild?
    /// The last answer from a build under way, with the pieces it had and the state asked about.
    private var lastPartial: PartialAnswer?
    private struct PartialAnswer {
        var needle: String
        var pieces: Int
        var version: LedgerVersion?
        var answer: Answer
    }
    /// Cases per piece of the search text.
    let rowsPerPiece: Int
    /// For tests: a background build stops after this many pieces until the semaphore is
    /// signalled, so what is answered meanwhile can be looked at.
    var holdBuild: (pieces: Int, until: DispatchSemaphore)?

    /// An empty index; the search text is built on the first search (or by ``prepare(_:ids:threshold:)``).
    /// `rowsPerPiece` is the number of cases per piece of the text (small ones test the pieces).
    /// `workers` is the number of threads that build it (by default one per core, at most two).
    public init(rowsPerPiece: Int = CaseSearchIndex.defaultRowsPerPiece, workers: Int = CaseSearchIndex.defaultWorkers) {
        self.rowsPerPiece = max(1, rowsPerPiece)
        self.workers = max(1, workers)
    }

    /// Cases per piece: about 10 MB of text, so a district ledger has a dozen pieces to share
    /// between the cores, and an edit rebuilds one of them in a few milliseconds.
    public static let defaultRowsPerPiece = 16_384

    /// Cases from which ``prepare(_:ids:threshold:)`` builds the search text in the background.
    public static let backgroundThreshold = 20_000

    /// Threads that build the search text, by default.
    public static let defaultWorkers = max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
    /// Threads that build this index's search text.
    let workers: Int

    /// The needle as matched: trimmed and lowercased.
    public static func needle(_ text: String) -> String {
        text.trimmingCharacters(in: .whitespaces).lowercased().trimmingCharacters(in: .whitespaces)
    }

    /// Starts building the search text on background threads, once per ledger state, when the
    /// ledger is large enough for building it to be felt (about a second at 200 000 cases).
    /// Searches meanwhile either wait for it (``rows(matching:in:ids:pinyin:)``) or are answered
    /// from the pieces built so far (``answer(matching:in:ids:pinyin:)``). `ids` are
    /// `state.records`' ids when the caller has them already (shared, not copied).
    public func prepare(_ state: LedgerState, ids: [CaseID]? = nil, threshold: Int = CaseSearchIndex.backgroundThreshold) {
        guard search == nil, state.records.count >= threshold else { return }
        // One build at a time: a ledger that changes meanwhile is caught up from the finished
        // build (only changed pieces are rebuilt), not by starting over beside it.
        if let p = preparing, p.version == LedgerVersion(state) || !p.isDone { return }
        follow(state, ids: ids, pinyin: nil)
        preparing = SearchBuild(self.ids, state, LedgerVersion(state), rowsPerPiece: rowsPerPiece, workers: workers,
                                reusing: preparing, hold: holdBuild)
    }

    /// Brings the index to `state`: a search text once built follows the ledger (pieces whose
    /// cases are unchanged are kept), and remembered results are dropped. Searching does this
    /// itself; a caller that would rather pay for it on the next frame than on the next
    /// keystroke calls it when the ledger changes.
    public func follow(_ state: LedgerState, ids: [CaseID]? = nil, pinyin: PinyinIndex? = nil) {
        let v = LedgerVersion(state)
        if v == version { return }
        let now = ids ?? state.records.map(\.id)
        if search != nil {
            search = SearchPieces.build(now, state, rowsPerPiece: rowsPerPiece, reusing: search, oldIDs: self.ids,
                                        workers: 1, pinyin: pinyin)
        }
        self.ids = now
        version = v
        memo = []
    }

    /// Positions in `state.records` (ascending) of the cases matching `needle` (normalized as
    /// ``needle(_:)``; an empty one matches every case). `pinyin` is a cache of initials to
    /// build with, when the caller keeps one. Waits for a background build to finish.
    public func rows(matching needle: String, in state: LedgerState, ids: [CaseID]? = nil, pinyin: PinyinIndex? = nil) -> [Int32] {
        answer(matching: needle, in: state, ids: ids, pinyin: pinyin, waiting: true).rows
    }

    /// What a search answers while the search text is built in the background.
    public struct Answer: Sendable {
        /// Positions in `state.records`, ascending.
        public var rows: [Int32]
        /// The share of cases searched (1 when every case was).
        public var searched: Double
        /// Whether every case was searched.
        public var isComplete: Bool { searched >= 1 }
    }

    /// Like ``rows(matching:in:ids:pinyin:)``, but never waits for a background build: until
    /// it is done, the answer holds the matches among the cases built so far (and says what
    /// share that is), and is not remembered. The caller asks again later to refine it.
    public func answer(matching needle: String, in state: LedgerState, ids: [CaseID]? = nil,
                       pinyin: PinyinIndex? = nil) -> Answer {
        answer(matching: needle, in: state, ids: ids, pinyin: pinyin, waiting: false)
    }

    /// Bytes the built search text holds, by part (for the benchmark's account of memory):
    /// texts, initials, exact bits and signatures, row bounds and stamps. Nil until built.
    public var footprint: (text: Int, initials: Int, bits: Int, rows: Int)? {
        guard let search else { return nil }
        return search.pieces.reduce((0, 0, 0, 0)) { sum, p in
            (sum.0 + p.text.capacity, sum.1 + p.initials.capacity, sum.2 + 8 * (p.exact.count + p.signatures.count),
             sum.3 + 8 * (p.starts.count + p.initialStarts.count) + p.plain.count + MemoryLayout<(Int, EventTime)>.stride * p.stamps.count)
        }
    }

    /// The share of cases whose search text a background build has finished, or nil when no
    /// build is under way (built, or never started).
    public var buildProgress: Double? {
        guard search == nil, let p = preparing, !p.isDone else { return nil }
        return p.progress
    }

    private func answer(matching needle: String, in state: LedgerState, ids: [CaseID]?, pinyin: PinyinIndex?,
                        waiting: Bool) -> Answer {
        follow(state, ids: ids, pinyin: pinyin)
        let needle = Self.needle(needle)
        if needle.isEmpty { return Answer(rows: (0..<Int32(self.ids.count)).map { $0 }, searched: 1) }
        if let i = memo.lastIndex(where: { $0.needle == needle }) {
            let hit = memo.remove(at: i)
            memo.append(hit)
            return Answer(rows: hit.rows, searched: 1)
        }
        if search == nil, !waiting, let p = preparing, !p.isDone {
            // Only the pieces built so far. A frame asks two or three times (rows, counts), so
            // the answer is kept until another piece is done or the ledger changes.
            let built = p.builtPieces()
            if let last = lastPartial, last.needle == needle, last.pieces == built.pieces.count, last.version == version {
                return last.answer
            }
            var rows = SearchPieces.search(needle, among: nil, in: built.pieces, rowsPerPiece: rowsPerPiece)
            if p.version != version { rows = p.unchanged(rows, in: built.pieces, now: self.ids, state) }
            let answer = Answer(rows: rows, searched: min(built.share, 0.999))
            lastPartial = PartialAnswer(needle: needle, pieces: built.pieces.count, version: version, answer: answer)
            return answer
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
        return Answer(rows: rows, searched: 1)
    }

    /// The search text of `state`, built if it was not.
    func searchText(_ state: LedgerState) -> SearchPieces {
        follow(state)
        return builtText(state, nil)
    }

    /// The search text for the state the index follows: the one kept, the background build's,
    /// or one built now.
    private func builtText(_ state: LedgerState, _ pinyin: PinyinIndex?) -> SearchPieces {
        if let s = search { return s }
        let text: SearchPieces
        if let p = preparing, p.version == version {
            // Built (or being built) in the background since the queue was first drawn.
            text = p.result().text
            preparing = nil
        } else if let p = preparing {
            // Built for an earlier state of the ledger (waited for when not done): only the
            // changed pieces are rebuilt.
            let old = p.result()
            text = SearchPieces.build(ids, state, rowsPerPiece: rowsPerPiece, reusing: old.text, oldIDs: old.ids,
                                      workers: workers, pinyin: pinyin)
            preparing = nil
        } else {
            // The first search builds every case's search text (the warm-up).
            text = SearchPieces.build(ids, state, rowsPerPiece: rowsPerPiece, reusing: nil, oldIDs: nil,
                                      workers: workers, pinyin: pinyin)
        }
        search = text
        return text
    }
}

extension LedgerState {
    /// The cases that pass `filter` and match `text` as ``CaseSearchIndex`` matches it (the
    /// queue's filter), in `sort` order; all that pass `filter` when `text` is nil or blank.
    /// For one search: each case's text is built and tested in turn, and none is kept (a
    /// caller that searches again keeps a ``CaseSearchIndex``).
    public func query(_ filter: CaseFilter, text: String?, sort: CaseSort = .deadline) -> [CaseRecord] {
        let needle = CaseSearchIndex.needle(text ?? "")
        guard !needle.isEmpty else { return query(filter, sort: sort) }
        return query(filter, sort: sort, among: SearchText.scan(needle, self, pinyin: PinyinIndex()))
    }
}

/// One background build of the search text. Everything it reads is a value (the ids and the
/// ledger state) or thread-safe (the ledger file), and each of its threads has a pinyin cache of
/// its own; the index reads the pieces done so far while it runs, and the whole text once
/// `result()` has waited for it.
final class SearchBuild: @unchecked Sendable {
    let version: LedgerVersion
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var finished = false
    private var text: SearchPieces?
    /// Pieces finished so far, by number.
    private var built: [NumberedPiece] = []
    private var builtRows = 0
    private let ids: [CaseID]
    private let rowsPerPiece: Int

    /// Starts building for the cases `ids` of `state`, from an earlier build's text when given.
    init(_ ids: [CaseID], _ state: LedgerState, _ version: LedgerVersion, rowsPerPiece: Int, workers: Int,
         reusing earlier: SearchBuild?,
         hold: (pieces: Int, until: DispatchSemaphore)? = nil) {
        self.version = version
        self.ids = ids
        self.rowsPerPiece = rowsPerPiece
        let old = earlier.map { $0.result() }
        DispatchQueue.global(qos: .utility).async {
            let text = SearchPieces.build(ids, state, rowsPerPiece: rowsPerPiece, reusing: old?.text, oldIDs: old?.ids,
                                          workers: workers, yielding: true) { k, piece in
                self.lock.lock()
                self.built.append(NumberedPiece(k, piece))
                self.builtRows += piece.plain.count
                let held = hold.map { self.built.count >= $0.pieces } ?? false
                self.lock.unlock()
                if let hold, held { hold.until.wait(); hold.until.signal() }
            }
            self.lock.lock()
            self.text = text
            self.built = []
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

    /// The share of the cases built so far.
    var progress: Double {
        lock.lock()
        defer { lock.unlock() }
        return finished || ids.isEmpty ? 1 : Double(builtRows) / Double(ids.count)
    }

    /// The rows holding `needle` among the pieces built so far, and the share of cases they hold.
    /// The pieces finished so far (with their numbers, in order) and the share of the cases
    /// they hold.
    func builtPieces() -> (pieces: [NumberedPiece], share: Double) {
        lock.lock()
        defer { lock.unlock() }
        if let text { return (text.numbered, 1) }
        return (built.sorted { $0.number < $1.number }, ids.isEmpty ? 1 : Double(builtRows) / Double(ids.count))
    }

    /// Of `rows` found in `pieces` of this build, those whose case is still the same and
    /// unchanged in `state` (whose cases are `now`): when the ledger has changed since the build
    /// began, the pieces describe its cases as they were.
    func unchanged(_ rows: [Int32], in pieces: [NumberedPiece], now: [CaseID], _ state: LedgerState) -> [Int32] {
        var byNumber: [Int: SearchText] = [:]
        for p in pieces { byNumber[p.number] = p.text }
        return rows.filter { r in
            let i = Int(r), k = i / rowsPerPiece
            guard i < now.count, i < ids.count, now[i] == ids[i], let piece = byNumber[k], let c = state.cases[ids[i]] else { return false }
            return piece.stamps[i - k * rowsPerPiece] == SearchText.stamp(c)
        }
    }

    /// The search text and the ids it was built for, waiting for the build to finish.
    func result() -> (text: SearchPieces, ids: [CaseID]) {
        done.wait()
        done.signal()  // a later call returns at once
        lock.lock()
        defer { lock.unlock() }
        return (text!, ids)
    }
}
