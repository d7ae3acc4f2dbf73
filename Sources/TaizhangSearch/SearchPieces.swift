import CTextSearch
import Foundation
import TaizhangDomain

/// The search text of a whole ledger as consecutive pieces of ``rowsPerPiece`` rows, each a
/// ``SearchText`` with exact bits of its own.
///
/// Pieces are why a large ledger's text builds on both cores (each piece is independent), why a
/// filter typed while it builds is answered from the pieces done so far, and why a change to
/// the ledger rebuilds one piece instead of copying the whole text: cases are only ever
/// appended to `LedgerState.records`, so piece `k` always holds the same cases, and a piece
/// whose cases have not changed is kept as it is.
struct SearchPieces {
    /// The pieces in row order; piece `k` holds rows `k * rowsPerPiece ..< (k + 1) * rowsPerPiece`.
    var pieces: [SearchText]
    /// Rows per piece (the last may have fewer).
    let rowsPerPiece: Int

    /// Rows in every piece.
    var count: Int { pieces.reduce(0) { $0 + $1.plain.count } }

    /// The rows of piece `k` among `ids`.
    static func range(_ k: Int, of ids: Int, rowsPerPiece: Int) -> Range<Int> {
        (k * rowsPerPiece)..<min(ids, (k + 1) * rowsPerPiece)
    }

    /// Pieces needed for `rows` rows.
    static func pieceCount(_ rows: Int, rowsPerPiece: Int) -> Int { (rows + rowsPerPiece - 1) / rowsPerPiece }

    /// Piece `k` for the cases `ids` of `state`: an earlier piece `k` kept whole when none of its
    /// cases changed, or built again copying the rows of those that did not.
    static func piece(_ k: Int, _ ids: [CaseID], _ state: LedgerState, rowsPerPiece: Int,
                      reusing old: SearchPieces?, oldIDs: [CaseID]?, pinyin: PinyinIndex) -> SearchText {
        let r = range(k, of: ids.count, rowsPerPiece: rowsPerPiece)
        let mine = Array(ids[r])
        guard let old, let oldIDs, old.rowsPerPiece == rowsPerPiece, k < old.pieces.count else {
            return SearchText(mine, state, reusing: nil, oldIDs: nil, pinyin: pinyin)
        }
        let before = old.pieces[k]
        let oldRange = range(k, of: oldIDs.count, rowsPerPiece: rowsPerPiece)
        let theirs = Array(oldIDs[oldRange])
        if theirs == mine, mine.indices.allSatisfy({ before.stamps[$0] == SearchText.stamp(state.cases[mine[$0]]!) }) {
            return before
        }
        return SearchText(mine, state, reusing: before, oldIDs: theirs, pinyin: pinyin)
    }

    /// Builds every piece, on `workers` threads taking pieces in turn (each with a pinyin cache
    /// of its own), and hands each finished piece to `done` (called on the worker's thread).
    /// With one worker, `pinyin` is the cache used.
    static func build(_ ids: [CaseID], _ state: LedgerState, rowsPerPiece: Int, reusing old: SearchPieces?,
                      oldIDs: [CaseID]?, workers: Int, pinyin: PinyinIndex? = nil, yielding: Bool = false,
                      done: @escaping @Sendable (Int, SearchText) -> Void = { _, _ in }) -> SearchPieces {
        let n = pieceCount(ids.count, rowsPerPiece: rowsPerPiece)
        let slots = Slots(n)
        let body = {
            let work: @Sendable (PinyinIndex) -> Void = { p in
                while let k = slots.claim() {
                    let piece = SearchPieces.piece(k, ids, state, rowsPerPiece: rowsPerPiece, reusing: old, oldIDs: oldIDs, pinyin: p)
                    slots.put(k, piece)
                    done(k, piece)
                }
            }
            if yielding {
                // Threads of the build's own, at a lower priority for their whole short life: a
                // thread of the shared pool could not be given its priority back (raising it
                // again needs a privilege an ordinary user lacks).
                let group = DispatchGroup()
                for _ in 0..<max(1, min(workers, n)) {
                    group.enter()
                    Thread {
                        SearchPieces.lowerThreadPriority()
                        work(PinyinIndex())
                        group.leave()
                    }.start()
                }
                group.wait()
            } else if workers <= 1 || n <= 1 {
                work(pinyin ?? PinyinIndex())
            } else {
                DispatchQueue.concurrentPerform(iterations: min(workers, n)) { _ in work(PinyinIndex()) }
            }
        }
        // Long texts are read back from the mapped ledger file (one mapping for all workers).
        if let source = state.lineSource { source.withMapping(body) } else { body() }
        return SearchPieces(pieces: slots.all(), rowsPerPiece: rowsPerPiece)
    }

    /// Lowers the calling thread's priority to nice 10 (Linux gives each thread its own): a
    /// build in the background has as many threads as there are cores, and the terminal's
    /// thread must still answer every key at once. Only for threads that end with the build.
    static func lowerThreadPriority() {
        let now = tz_thread_nice()
        if now != -100 && now < 10 { _ = tz_set_thread_nice(10) }
    }

    /// Rows (ascending) holding `needle` (normalized), only among `candidates` (ascending) when
    /// given. Pieces are searched on two threads when the text is large.
    func search(_ needle: String, among candidates: [Int32]?) -> [Int32] {
        SearchPieces.search(needle, among: candidates, in: numbered, rowsPerPiece: rowsPerPiece)
    }

    /// The pieces with their numbers.
    var numbered: [NumberedPiece] { pieces.enumerated().map { NumberedPiece($0.offset, $0.element) } }

    /// The rows holding `needle` in the pieces given with their numbers (others are not
    /// searched: a text still being built answers from the pieces done).
    static func search(_ needle: String, among candidates: [Int32]?, in pieces: [NumberedPiece],
                       rowsPerPiece: Int) -> [Int32] {
        guard !pieces.isEmpty else { return [] }
        let bytes = pieces.reduce(0) { $0 + $1.text.text.count }
        let parallel = pieces.count > 1 && bytes >= 1 << 22
        let found = Found(pieces.count)
        let work: @Sendable (Int) -> Void = { j in
            let k = pieces[j].number, piece = pieces[j].text
            let base = Int32(k * rowsPerPiece)
            var local: [Int32]? = nil
            if let candidates {
                // The candidates inside this piece, as its own row numbers.
                let lo = SearchPieces.firstIndex(candidates, atLeast: base)
                let hi = SearchPieces.firstIndex(candidates, atLeast: base + Int32(piece.plain.count))
                local = candidates[lo..<hi].map { $0 - base }
                if local!.isEmpty { found.put(j, []); return }
            }
            found.put(j, piece.search(needle, among: local, parallel: !parallel).map { $0 + base })
        }
        if parallel {
            DispatchQueue.concurrentPerform(iterations: pieces.count, execute: work)
        } else {
            for j in pieces.indices { work(j) }
        }
        return found.joined()
    }

    /// The first index of the ascending `rows` holding a row at least `row`.
    static func firstIndex(_ rows: [Int32], atLeast row: Int32) -> Int {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid] < row { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

/// A piece and its number (its place among the pieces), as a build hands it over.
final class NumberedPiece: Sendable {
    let number: Int
    let text: SearchText
    init(_ number: Int, _ text: SearchText) {
        self.number = number
        self.text = text
    }
}

/// The pieces of a build, filled by its workers in any order.
final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var pieces: [SearchText?]

    init(_ count: Int) { pieces = Array(repeating: nil, count: count) }

    /// The next piece for a worker to build, or nil when all are taken.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < pieces.count else { return nil }
        next += 1
        return next - 1
    }

    func put(_ k: Int, _ piece: SearchText) {
        lock.lock()
        pieces[k] = piece
        lock.unlock()
    }

    /// Every piece, once all are built.
    func all() -> [SearchText] {
        lock.lock()
        defer { lock.unlock() }
        return pieces.map { $0! }
    }
}

/// Each piece's rows from a search, written by one thread each.
private final class Found: @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [[Int32]]
    init(_ count: Int) { rows = Array(repeating: [], count: count) }
    func put(_ j: Int, _ r: [Int32]) { lock.lock(); rows[j] = r; lock.unlock() }
    func joined() -> [Int32] { rows.flatMap { $0 } }
}
