import CTextSearch
import Foundation
import TaizhangDomain

/// Every case's search text (``PinyinIndex/searchKey(_:)``) in one byte buffer, and its pinyin
/// initials in another, so a filter is one pass over bytes instead of a string search per case.
/// Row `i` is the case `ids[i]` the text was built for (``CaseSearchIndex`` builds it over
/// `LedgerState.records`, so rows are positions there).
struct SearchText {
    var text: [UInt8] = []
    /// Case `i`'s text is `text[starts[i]..<starts[i + 1]]`.
    var starts: [Int] = [0]
    var initials: [UInt8] = []
    var initialStarts: [Int] = [0]
    /// Whether case `i`'s text is byte-searchable (see ``isPlain(_:)``); others use `String`.
    var plain: [Bool] = []
    /// What the text was built from, to reuse it after the ledger changes.
    var stamps: [(events: Int, updated: EventTime)] = []
    /// Rows whose text is not plain: few or none, searched with `String` every time.
    var special: [Int32] = []
    /// ``signatureWords`` words per row (see there), stored by word like ``exact``.
    var signatures: [UInt64] = []
    /// Exact presence of the ledger's commonest characters, ``exactWords`` words per row (see
    /// ``exactBit``).
    var exact: [UInt64] = []
    /// Bit of each BMP character tracked exactly in the text (0xFF: not tracked): ASCII letters
    /// and digits, then the text's commonest other characters, below ``initialsBase``. (The
    /// initials' letters have bits of their own from there.)
    var exactBit: [UInt8] = []
    /// Bit (counted from ``pairBase``) of each tracked pair of adjacent text characters, indexed
    /// by their character bits as `a * initialsBase + b` (0xFF: not tracked).
    var pairBit: [UInt8] = []
    /// Bit (counted from ``initialsPairBase``) of each tracked pair of adjacent initials letters,
    /// indexed `a * 26 + b` (0xFF: not tracked).
    var initialsPairBit: [UInt8] = []

    /// What a row's text was built from: the case changes exactly when this does.
    static func stamp(_ c: CaseRecord) -> (events: Int, updated: EventTime) { (c.timeline.count, c.updated) }

    /// Cases between two releases of the mapped ledger's pages while the text is built.
    static let releaseEvery = 8_192

    /// No rows (a scan's scratch row).
    init() {}

    /// Builds the rows of the cases `ids` of `state`, copying those of an earlier text `old`
    /// (built for `oldIDs`) whose case has not changed since.
    init(_ ids: [CaseID], _ state: LedgerState, reusing old: SearchText?, oldIDs: [CaseID]?, pinyin p: PinyinIndex) {
        let n = ids.count
        starts.reserveCapacity(n + 1); initialStarts.reserveCapacity(n + 1)
        plain.reserveCapacity(n); stamps.reserveCapacity(n)
        if let old {
            text.reserveCapacity(old.text.count + old.text.count / 8)
            initials.reserveCapacity(old.initials.count + old.initials.count / 8)
        }
        // Without an earlier text, the buffers are sized from the first cases: growing a 150 MB
        // array by doubling holds the old and the new copy at once.
        let probe = old == nil && n >= 10_000 ? n / 100 : -1
        let source = state.lineSource
        for (i, id) in ids.enumerated() {
            if i == probe {
                let scale = Double(n) / Double(i) * 1.25
                text.reserveCapacity(Int(Double(text.count) * scale))
                initials.reserveCapacity(Int(Double(initials.count) * scale))
            }
            // Texts are read from the mapped ledger in about the order of the file.
            if i % SearchText.releaseEvery == SearchText.releaseEvery - 1 { state.lineSource?.releaseMappedPages() }
            let c = state.cases[id]!
            let stamp = SearchText.stamp(c)
            // Cases are only ever appended to the order, so an unchanged case keeps its row.
            if let old, let oldIDs, i < oldIDs.count, oldIDs[i] == id, old.stamps[i] == stamp {
                text += old.text[old.starts[i]..<old.starts[i + 1]]
                initials += old.initials[old.initialStarts[i]..<old.initialStarts[i + 1]]
                plain.append(old.plain[i])
            } else {
                let key = p.searchKeyBytes(c, source: source)
                text += key.haystack
                appendInitials(key.initials)
                plain.append(key.plain)
            }
            if !plain[i] { special.append(Int32(i)) }
            starts.append(text.count)
            initialStarts.append(initials.count)
            stamps.append(stamp)
        }
        buildExactBits(reusing: old, oldIDs: oldIDs, ids: ids)
    }

    // MARK: - Exact character bits

    /// Words of exact bits per row: 256 bits of characters (230 of the text, 26 letters of the
    /// initials), 128 of text character pairs and 256 of initials letter pairs. Initials are
    /// dense (a case's notes give hundreds of letters, and about 200 of the 676 letter pairs
    /// are in most cases), so they get the most pairs.
    static let exactWords = 10
    /// Number of tracked text characters, and the first bit of the initials' letters (a to z).
    static let initialsBase = 230
    /// First bit of the text's character pairs.
    static let pairBase = 256
    /// First bit of the initials' letter pairs.
    static let initialsPairBase = 384

    /// Chooses the tracked characters and pairs (or keeps an earlier text's choice when it was
    /// made over most of these rows) and sets each row's bits. A needle of one tracked
    /// character or one tracked pair is then answered from the bits alone, and a longer one is
    /// only looked for in rows that hold all its tracked characters and pairs. The common ones
    /// are those a signature cannot rule out and a search must otherwise read most of the
    /// text for.
    mutating func buildExactBits(reusing old: SearchText?, oldIDs: [CaseID]?, ids: [CaseID]) {
        let n = plain.count
        let w = SearchText.exactWords
        // A choice made over a much smaller ledger (say an empty one that was then imported
        // into) would leave the new cases' common characters untracked.
        let inherit = old.map { !$0.exactBit.isEmpty && $0.plain.count * 2 >= n } ?? false
        if inherit, let old {
            exactBit = old.exactBit
            pairBit = old.pairBit
            initialsPairBit = old.initialsPairBit
        } else {
            chooseTracked()
        }
        let sw = SearchText.signatureWords
        let oldRows = oldIDs?.count ?? -1
        let reusable = inherit && old.map { $0.exact.count == oldRows * w && $0.signatures.count == oldRows * sw } ?? false
        // Stored by word (word k of row i at k * n + i): a needle's test reads one or two words
        // of each row, and this way they are the only memory it reads.
        var bits = [UInt64](repeating: 0, count: n * w)
        var sigs = [UInt64](repeating: 0, count: n * sw)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: w + sw) { row in
            text.withUnsafeBufferPointer { tb in
                initials.withUnsafeBufferPointer { ib in
                    bits.withUnsafeMutableBufferPointer { ex in
                        sigs.withUnsafeMutableBufferPointer { sg in
                            for i in 0..<n {
                                if reusable, let old, let oldIDs, i < oldRows, oldIDs[i] == ids[i], old.stamps[i] == stamps[i] {
                                    for k in 0..<w { ex[k * n + i] = old.exact[k * oldRows + i] }
                                    for k in 0..<sw { sg[k * n + i] = old.signatures[k * oldRows + i] }
                                    continue
                                }
                                row.initialize(repeating: 0)
                                setRowBits(UnsafeBufferPointer(rebasing: tb[starts[i]..<starts[i + 1]]),
                                           UnsafeBufferPointer(rebasing: ib[initialStarts[i]..<initialStarts[i + 1]]),
                                           into: row.baseAddress!, signature: row.baseAddress! + w)
                                for k in 0..<w { ex[k * n + i] = row[k] }
                                for k in 0..<sw { sg[k * n + i] = row[w + k] }
                            }
                        }
                    }
                }
            }
        }
        exact = bits
        signatures = sigs
    }

    /// Picks the tracked characters (by count over all text) and pairs (by the number of rows
    /// holding them, over a sample of rows).
    private mutating func chooseTracked() {
        var counts = [UInt32](repeating: 0, count: 0x10000)
        text.withUnsafeBufferPointer { tb in
            SearchText.forEachScalar(tb) { counts[Int($0)] &+= 1 }
        }
        var bits = [UInt8](repeating: 0xFF, count: 0x10000)
        var next = 0
        for c in Array(0x30...0x39) + Array(0x61...0x7A) { bits[c] = UInt8(next); next += 1 }
        let rest = (0..<0x10000).filter { bits[$0] == 0xFF && counts[$0] > 0 && $0 != 0x1F }
            .sorted { counts[$0] > counts[$1] }.prefix(SearchText.initialsBase - next)
        for c in rest { bits[c] = UInt8(next); next += 1 }
        exactBit = bits

        let base = SearchText.initialsBase
        var pairCounts = [UInt32](repeating: 0, count: base * base)
        var letterPairCounts = [UInt32](repeating: 0, count: 26 * 26)
        // The sampled row each pair was last counted for, so a row counts a pair once.
        var pairSeen = [Int32](repeating: -1, count: base * base)
        var letterPairSeen = [Int32](repeating: -1, count: 26 * 26)
        // A sample of about 2 000 rows ranks the pairs well enough (a piece has 16 384 rows).
        let step = max(1, plain.count / 2_000)
        text.withUnsafeBufferPointer { tb in
            initials.withUnsafeBufferPointer { ib in
                for i in stride(from: 0, to: plain.count, by: step) {
                    let row = Int32(i)
                    forEachTrackedPair(UnsafeBufferPointer(rebasing: tb[starts[i]..<starts[i + 1]])) { p in
                        if pairSeen[p] != row { pairSeen[p] = row; pairCounts[p] &+= 1 }
                    }
                    SearchText.forEachLetterPair(UnsafeBufferPointer(rebasing: ib[initialStarts[i]..<initialStarts[i + 1]])) { p in
                        if letterPairSeen[p] != row { letterPairSeen[p] = row; letterPairCounts[p] &+= 1 }
                    }
                }
            }
        }
        // Tables hold the bit's offset from the first pair bit (0 to 254; 0xFF is "not tracked").
        func top(_ counts: [UInt32], _ count: Int) -> [UInt8] {
            var table = [UInt8](repeating: 0xFF, count: counts.count)
            let chosen = counts.indices.filter { counts[$0] > 0 }.sorted { counts[$0] > counts[$1] }.prefix(min(count, 255))
            for (k, pair) in chosen.enumerated() { table[pair] = UInt8(k) }
            return table
        }
        pairBit = top(pairCounts, SearchText.initialsPairBase - SearchText.pairBase)
        initialsPairBit = top(letterPairCounts, SearchText.exactWords * 64 - SearchText.initialsPairBase)
    }

    /// Calls `body` with the pair index (`a * initialsBase + b`) of each two adjacent tracked
    /// text characters of `bytes`.
    @inline(__always)
    func forEachTrackedPair(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        var previous = -1
        exactBit.withUnsafeBufferPointer { table in
            SearchText.forEachScalar(bytes) { c in
                let b = table[Int(c)]
                let bit = b == 0xFF ? -1 : Int(b)
                if previous >= 0, bit >= 0 { body(previous * SearchText.initialsBase + bit) }
                previous = bit
            }
        }
    }

    /// Calls `body` with the index (`a * 26 + b`) of each two adjacent lowercase letters.
    @inline(__always)
    static func forEachLetterPair(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        var previous = -1
        for b in bytes {
            let letter = b >= 0x61 && b <= 0x7A ? Int(b - 0x61) : -1
            if previous >= 0, letter >= 0 { body(previous * 26 + letter) }
            previous = letter
        }
    }

    /// Sets one row's exact bits (``exactWords`` zeroed words at `words`): its tracked
    /// characters and pairs in the text and the initials; and its signature (``signatureWords``
    /// zeroed words at `signature`): its other characters. Rows with characters beyond the BMP
    /// are not plain and never read by these bits.
    func setRowBits(_ text: UnsafeBufferPointer<UInt8>, _ initials: UnsafeBufferPointer<UInt8>,
                    into words: UnsafeMutablePointer<UInt64>, signature: UnsafeMutablePointer<UInt64>) {
        @inline(__always) func set(_ bit: Int) { words[bit >> 6] |= UInt64(1) << UInt64(bit & 63) }
        exactBit.withUnsafeBufferPointer { table in
            pairBit.withUnsafeBufferPointer { pairs in
                var previous = -1
                SearchText.forEachScalar(text) { c in
                    let b = table[Int(c)]
                    let bit = b == 0xFF ? -1 : Int(b)
                    if bit >= 0 {
                        set(bit)
                        if previous >= 0 {
                            let p = pairs[previous * SearchText.initialsBase + bit]
                            if p != 0xFF { set(SearchText.pairBase + Int(p)) }
                        }
                    } else {
                        let s = SearchText.signatureBit(c)
                        signature[s >> 6] |= UInt64(1) << UInt64(s & 63)
                    }
                    previous = bit
                }
            }
        }
        for b in initials where b >= 0x61 && b <= 0x7A { set(SearchText.initialsBase + Int(b - 0x61)) }
        initialsPairBit.withUnsafeBufferPointer { pairs in
            SearchText.forEachLetterPair(initials) { p in
                let bit = pairs[p]
                if bit != 0xFF { set(SearchText.initialsPairBase + Int(bit)) }
            }
        }
    }

    /// Calls `body` with each BMP scalar of the UTF-8 `bytes` (longer ones are skipped).
    @inline(__always)
    static func forEachScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (UInt32) -> Void) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                body(UInt32(b))
                i += 1
            } else if b < 0xE0 {
                if i + 1 < n { body(UInt32(b & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)) }
                i += 2
            } else if b < 0xF0 {
                if i + 2 < n { body(UInt32(b & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)) }
                i += 3
            } else {
                i += 4
            }
        }
    }

    /// Exact bits a row must have to possibly hold a needle: those of its tracked characters
    /// and pairs in the row's text, and for a needle of ASCII letters, those of its letters and
    /// letter pairs in the initials (a match may be in either, never half in each).
    struct ExactMask: Sendable {
        /// Whether the bits alone answer for the text (a needle of one tracked character or
        /// one tracked pair) and for the initials.
        let textDecided: Bool
        let initialsDecided: Bool
        /// The non-zero words the row must have all the bits of, for the text and the initials.
        private let textTest: [(word: Int, bits: UInt64)]
        private let initialsTest: [(word: Int, bits: UInt64)]?

        init(text: [UInt64], initials: [UInt64]?, textDecided: Bool, initialsDecided: Bool) {
            self.textDecided = textDecided
            self.initialsDecided = initialsDecided
            func test(_ w: [UInt64]) -> [(word: Int, bits: UInt64)] { w.indices.compactMap { w[$0] == 0 ? nil : ($0, w[$0]) } }
            textTest = test(text)
            initialsTest = initials.map(test)
        }

        @inline(__always)
        private static func has(_ exact: UnsafePointer<UInt64>, _ i: Int, _ n: Int, _ test: [(word: Int, bits: UInt64)]) -> Bool {
            for t in test where exact[t.word * n + i] & t.bits != t.bits { return false }
            return true
        }

        /// Whether row `i` of the `n` rows' words at `exact` (stored by word) allows the needle
        /// in the text and in the initials.
        @inline(__always)
        func allows(_ exact: UnsafePointer<UInt64>, _ i: Int, _ n: Int) -> (text: Bool, initials: Bool) {
            (ExactMask.has(exact, i, n, textTest), initialsTest.map { ExactMask.has(exact, i, n, $0) } ?? false)
        }
    }

    /// The exact bits of `needle` (see ``ExactMask``), a plain needle (see ``isPlain(_:)``:
    /// every scalar is in the BMP, so each is visited).
    func exactMask(_ needle: [UInt8], lettersOnly: Bool) -> ExactMask {
        var scalars: [Int] = []
        needle.withUnsafeBufferPointer { nb in SearchText.forEachScalar(nb) { scalars.append(Int($0)) } }
        let bits = scalars.map { exactBit[$0] }
        let textDecided = (bits.count == 1 && bits[0] != 0xFF)
            || (bits.count == 2 && bits[0] != 0xFF && bits[1] != 0xFF && pairBit[Int(bits[0]) * SearchText.initialsBase + Int(bits[1])] != 0xFF)
        var initialsDecided = false
        if lettersOnly {
            let letterPairTracked = needle.count == 2 && initialsPairBit[Int(needle[0] - 0x61) * 26 + Int(needle[1] - 0x61)] != 0xFF
            initialsDecided = needle.count == 1 || letterPairTracked
        }
        return ExactMask(text: bitsOf(needle, asInitials: false).exact, initials: lettersOnly ? bitsOf(needle, asInitials: true).exact : nil,
                         textDecided: textDecided, initialsDecided: initialsDecided)
    }

    /// `bytes` taken as a row's text, or (`asInitials`) as its initials: the exact bits and
    /// signature ``setRowBits(_:_:into:signature:)`` gives such a row. A row holding a needle
    /// has every bit its needle has.
    func bitsOf(_ bytes: [UInt8], asInitials: Bool) -> (exact: [UInt64], signature: [UInt64]) {
        var exact = [UInt64](repeating: 0, count: SearchText.exactWords)
        var signature = [UInt64](repeating: 0, count: SearchText.signatureWords)
        let none = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        bytes.withUnsafeBufferPointer { b in
            exact.withUnsafeMutableBufferPointer { e in
                signature.withUnsafeMutableBufferPointer { s in
                    setRowBits(asInitials ? none : b, asInitials ? b : none, into: e.baseAddress!, signature: s.baseAddress!)
                }
            }
        }
        return (exact, signature)
    }

    /// Whether every scalar of `s` is one that matches only itself, byte for byte: a character
    /// of its own (no combining marks, no CR), with no other canonically equivalent spelling.
    /// Between two such strings a UTF-8 substring search agrees with `String.contains`. Covers
    /// ASCII, CJK ideographs and common Chinese punctuation.
    static func isPlain(_ s: String) -> Bool {
        for u in s.unicodeScalars {
            switch u.value {
            case 0x09, 0x0A, 0x1F, 0x20...0x7E, 0xB7, 0x2014...0x2026, 0x3000...0x3029,
                 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
                continue
            default:
                return false
            }
        }
        return true
    }

    /// Appends `s.lowercased()` as UTF-8 to `out` when `s` is plain (see ``isPlain(_:)``) and
    /// says so; false (with `out` partly appended) when it is not.
    static func appendPlainLowercased(_ s: String, to out: inout [UInt8]) -> Bool {
        var s = s
        return s.withUTF8 { b in
            // One pass to check (and to see whether any capital needs lowering), then one copy.
            let n = b.count
            var i = 0
            var capitals = false
            while i < n {
                let c = b[i]
                if c < 0x80 {
                    guard c == 0x09 || c == 0x0A || c == 0x1F || (c >= 0x20 && c <= 0x7E) else { return false }
                    if c >= 0x41 && c <= 0x5A { capitals = true }
                    i += 1
                } else if c == 0xC2 {
                    guard i + 1 < n, b[i + 1] == 0xB7 else { return false }
                    i += 2
                } else if c >= 0xE0 && c < 0xF0 {
                    guard i + 2 < n else { return false }
                    let v = (UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F)
                    switch v {
                    case 0x2014...0x2026, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
                        if v >= 0xFF21 && v <= 0xFF3A { capitals = true }
                    default:
                        return false
                    }
                    i += 3
                } else {
                    return false
                }
            }
            let start = out.count
            out.append(contentsOf: b)
            guard capitals else { return true }
            out.withUnsafeMutableBufferPointer { o in
                var i = start
                while i < o.count {
                    let c = o[i]
                    if c >= 0x41 && c <= 0x5A {
                        o[i] = c + 0x20
                    } else if c == 0xEF, i + 2 < o.count, o[i + 1] == 0xBC, o[i + 2] >= 0xA1, o[i + 2] <= 0xBA {
                        // U+FF21…U+FF3A (Ａ…Ｚ) -> U+FF41…U+FF5A (ａ…ｚ)
                        o[i + 1] = 0xBD
                        o[i + 2] -= 0x20
                        i += 2
                    }
                    i += 1
                }
            }
            return true
        }
    }

    /// Rows (ascending) whose text contains `needle`, or (for ASCII letters) whose initials do;
    /// only `candidates` (ascending; plus the non-plain rows) when given.
    /// On two threads when `parallel` and the text is large.
    func search(_ needle: String, among candidates: [Int32]?, parallel: Bool = true) -> [Int32] {
        let n = plain.count
        guard SearchText.isPlain(needle) else {
            // Rare (combining marks, kana, Latin accents…): `String`'s test, per case.
            return (0..<n).compactMap { i in stringMatch(i, needle) ? Int32(i) : nil }
        }
        let query = Query(self, needle)
        let large = parallel && text.count >= 1 << 22
        var found = SearchText.inHalves(candidates?.count ?? n, parallel: large) { positions in
            plainRowsMatching(query, positions, of: candidates)
        }
        let specialHits = special.filter { stringMatch(Int($0), needle) }
        if !specialHits.isEmpty { found = SearchText.merged(found, specialHits) }
        return found
    }

    /// A needle as the byte search needs it.
    struct Query: Sendable {
        let bytes: [UInt8]
        /// Initials are lowercase letters, and only needles of letters are looked for there.
        let lettersOnly: Bool
        let exact: ExactMask
        let signature: [(word: Int, bits: UInt64)]

        init(_ text: SearchText, _ needle: String) {
            bytes = Array(needle.utf8)
            lettersOnly = bytes.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
            exact = text.exactMask(bytes, lettersOnly: lettersOnly)
            signature = text.signatureMask(bytes)
        }
    }

    /// The plain rows (ascending) holding the needle among `positions` of `candidates` (or
    /// rows `positions` when nil). Rows the exact bits and signatures rule out are not read;
    /// a letters-only needle is looked for in the initials of the rows whose text lacks it.
    func plainRowsMatching(_ q: Query, _ positions: Range<Int>, of candidates: [Int32]?) -> [Int32] {
        var hits: [Int32] = [], textRows: [Int32] = [], initialsRows: [Int32] = []
        let n = plain.count
        exact.withUnsafeBufferPointer { ex in
            signatures.withUnsafeBufferPointer { sb in
                plain.withUnsafeBufferPointer { pb in
                    for k in positions {
                        let i = candidates.map { Int($0[k]) } ?? k
                        guard pb[i] else { continue }
                        let a = q.exact.allows(ex.baseAddress!, i, n)
                        if (a.text && q.exact.textDecided) || (a.initials && q.exact.initialsDecided) {
                            hits.append(Int32(i))
                            continue
                        }
                        guard (a.text && !q.exact.textDecided) || (a.initials && !q.exact.initialsDecided) else { continue }
                        // Signatures cover the text's untracked characters only. That rules out
                        // nothing in the initials: a needle of letters (all tracked) has none.
                        var possible = true
                        for m in q.signature where sb[m.word * n + i] & m.bits != m.bits { possible = false; break }
                        guard possible else { continue }
                        if a.text { textRows.append(Int32(i)) } else { initialsRows.append(Int32(i)) }
                    }
                }
            }
        }
        if textRows.isEmpty && initialsRows.isEmpty { return hits }
        let first = SearchText.rowsContaining(q.bytes, text, starts, textRows[...], keepMisses: q.lettersOnly)
        let found = SearchText.merged(hits, first.hits)
        guard q.lettersOnly, !q.exact.initialsDecided else { return found }
        // Rows whose text lacks a letters-only needle may still hold it in their initials.
        let again = exact.withUnsafeBufferPointer { ex in first.misses.filter { q.exact.allows(ex.baseAddress!, Int($0), n).initials } }
        let more = SearchText.rowsContaining(q.bytes, initials, initialStarts, SearchText.merged(again, initialsRows)[...],
                                             keepMisses: false)
        return SearchText.merged(found, more.hits)
    }

    /// Two ascending lists of distinct rows as one.
    static func merged(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Int32] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count && j < b.count {
            if a[i] < b[j] { out.append(a[i]); i += 1 } else if b[j] < a[i] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1; j += 1 }
        }
        out += a[i...]
        out += b[j...]
        return out
    }

    /// The rows of `rows` whose span of `buffer` (`buffer[starts[r]..<starts[r + 1]]`) holds
    /// `needle`, and when `keepMisses`, those whose span does not; both in the order given.
    static func rowsContaining(_ needle: [UInt8], _ buffer: [UInt8], _ starts: [Int], _ rows: ArraySlice<Int32>,
                               keepMisses: Bool) -> (hits: [Int32], misses: [Int32]) {
        guard !rows.isEmpty else { return ([], []) }
        var hits = [Int32](repeating: 0, count: rows.count)
        var misses = [Int32](repeating: 0, count: keepMisses ? rows.count : 0)
        var count = 0
        buffer.withUnsafeBufferPointer { b in
            starts.withUnsafeBufferPointer { s in
                rows.withUnsafeBufferPointer { r in
                    needle.withUnsafeBufferPointer { nb in
                        hits.withUnsafeMutableBufferPointer { h in
                            misses.withUnsafeMutableBufferPointer { m in
                                count = tz_rows_containing(b.baseAddress, s.baseAddress, r.baseAddress, r.count, nb.baseAddress,
                                                           nb.count, h.baseAddress, keepMisses ? m.baseAddress : nil)
                            }
                        }
                    }
                }
            }
        }
        hits.removeLast(rows.count - count)
        if keepMisses { misses.removeLast(count) }
        return (hits, misses)
    }

    /// `work` over `0..<count`, on two threads in two halves when `parallel` (the first half's
    /// result first): a fresh search of a district ledger's text is what a filter keystroke
    /// waits for.
    static func inHalves(_ count: Int, parallel: Bool, _ work: @Sendable (Range<Int>) -> [Int32]) -> [Int32] {
        guard parallel, count >= 2 else { return work(0..<count) }
        // Two separate slots, each written by one thread.
        final class Halves: @unchecked Sendable { var first: [Int32] = []; var second: [Int32] = [] }
        let halves = Halves()
        let mid = count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 { halves.first = work(0..<mid) } else { halves.second = work(mid..<count) }
        }
        return halves.first + halves.second
    }

    // MARK: - Signatures

    /// Words of each row's signature: 512 bits, one set (by a hash) for each character of the
    /// row's text that the exact bits do not track. A row holds a needle only if its signature
    /// has the bits of all the needle's untracked characters, so most rows are ruled out
    /// without reading their text. (The initials hold only letters, which are tracked.)
    static let signatureWords = 8

    /// The signature bit of scalar `c`.
    @inline(__always)
    static func signatureBit(_ c: UInt32) -> Int { Int((c &* 0x9E37_79B1) >> 23) }  // 9 bits

    /// The bits a row needs to possibly hold `needle` (a plain needle), grouped by word.
    func signatureMask(_ needle: [UInt8]) -> [(word: Int, bits: UInt64)] {
        let words = bitsOf(needle, asInitials: false).signature
        return words.indices.compactMap { words[$0] == 0 ? nil : ($0, words[$0]) }
    }

    /// Appends a row's initials with each run of digits as one space: only needles of letters
    /// are looked for in the initials, and a space keeps the letters on either side of a
    /// number from meeting.
    mutating func appendInitials(_ initials: [UInt8]) {
        var inDigits = false
        for b in initials {
            if b >= 0x30 && b <= 0x39 {
                if !inDigits { self.initials.append(0x20) }
                inDigits = true
            } else {
                self.initials.append(b)
                inDigits = false
            }
        }
    }

    /// Positions in `state.records` (ascending) of the cases whose text holds `needle` (already
    /// normalized), by the same test ``search(_:among:)`` makes, without keeping any text: each
    /// case's text is built, tested and dropped. One search of a district ledger this way holds
    /// no 200 MB of text and bits, and skips choosing and setting them.
    static func scan(_ needle: String, _ state: LedgerState, pinyin p: PinyinIndex) -> [Int32] {
        let plainNeedle = isPlain(needle)
        let bytes = Array(needle.utf8)
        let lettersOnly = !bytes.isEmpty && bytes.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
        var scratch = SearchText()
        var hits: [Int32] = []
        let source = state.lineSource
        let body = {
            for (i, c) in state.records.enumerated() {
                if i % SearchText.releaseEvery == SearchText.releaseEvery - 1 { state.lineSource?.releaseMappedPages() }
                let key = p.searchKeyBytes(c, source: source)
                scratch.text.removeAll(keepingCapacity: true)
                scratch.initials.removeAll(keepingCapacity: true)
                scratch.text += key.haystack
                scratch.appendInitials(key.initials)
                scratch.starts = [0, scratch.text.count]
                scratch.initialStarts = [0, scratch.initials.count]
                let found: Bool
                if plainNeedle && key.plain {
                    found = SearchText.spanHolds(bytes, scratch.text) || (lettersOnly && SearchText.spanHolds(bytes, scratch.initials))
                } else {
                    found = scratch.stringMatch(0, needle)
                }
                if found { hits.append(Int32(i)) }
            }
        }
        if let source = state.lineSource { source.withMapping(body) } else { body() }
        return hits
    }

    /// Whether `buffer` holds `needle`, by the C kernel.
    private static func spanHolds(_ needle: [UInt8], _ buffer: [UInt8]) -> Bool {
        buffer.withUnsafeBufferPointer { b in
            needle.withUnsafeBufferPointer { nb in tz_find(b.baseAddress, 0, b.count, nb.baseAddress, nb.count) >= 0 }
        }
    }

    private func stringMatch(_ i: Int, _ needle: String) -> Bool {
        let haystack = String(decoding: text[starts[i]..<starts[i + 1]], as: UTF8.self)
        if haystack.contains(needle) { return true }
        guard needle.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return String(decoding: initials[initialStarts[i]..<initialStarts[i + 1]], as: UTF8.self).contains(needle)
    }
}
