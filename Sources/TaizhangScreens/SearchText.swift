import CTextSearch
import Foundation
import TaizhangDomain

/// Every case's search text (``PinyinIndex/searchKey(_:)``) in one byte buffer, and its pinyin
/// initials in another, so a filter is one pass over bytes instead of a string search per case.
struct SearchText {
    var text: [UInt8] = []
    /// Case `i`'s text is `text[starts[i]..<starts[i + 1]]`.
    var starts: [Int] = [0]
    var initials: [UInt8] = []
    var initialStarts: [Int] = [0]
    /// Case `i`'s ASCII runs, each ended by 0xFF: `ascii[asciiStarts[i]..<asciiStarts[i + 1]]`.
    /// A needle of ASCII characters can only occur inside such a run, and 0xFF is in no UTF-8
    /// needle, so letters and digits are looked for here: a sixth of the text.
    var ascii: [UInt8] = []
    var asciiStarts: [Int] = [0]
    /// Whether case `i`'s text is byte-searchable (see ``isPlain(_:)``); others use `String`.
    var plain: [Bool] = []
    /// What the text was built from, to reuse it after the ledger changes.
    var stamps: [(events: Int, updated: EventTime)] = []
    /// Rows whose text is not plain: few or none, searched with `String` every time.
    var special: [Int32] = []
    /// ``signatureWords`` words per row (see there).
    var signatures: [UInt64] = []
    /// Exact presence of the ledger's commonest characters, ``exactWords`` words per row (see
    /// ``exactBit``).
    var exact: [UInt64] = []
    /// Bit of each BMP character tracked exactly (0xFF: not tracked): ASCII letters and digits,
    /// the commonest other characters of the text, and (from bit 102) letters of the initials.
    var exactBit: [UInt8] = []

    init(_ t: CaseTable, _ state: LedgerState, reusing old: SearchText?, oldIDs: [CaseID]?, pinyin p: PinyinIndex) {
        let n = t.ids.count
        starts.reserveCapacity(n + 1); initialStarts.reserveCapacity(n + 1); asciiStarts.reserveCapacity(n + 1)
        plain.reserveCapacity(n); stamps.reserveCapacity(n); signatures.reserveCapacity(n * SearchText.signatureWords)
        if let old { text.reserveCapacity(old.text.count); initials.reserveCapacity(old.initials.count) }
        for (i, id) in t.ids.enumerated() {
            let c = state.cases[id]!
            let stamp = (c.timeline.count, c.updated)
            // Cases are only ever appended to the order, so an unchanged case keeps its row.
            if let old, let oldIDs, i < oldIDs.count, oldIDs[i] == id, old.stamps[i] == stamp {
                text += old.text[old.starts[i]..<old.starts[i + 1]]
                initials += old.initials[old.initialStarts[i]..<old.initialStarts[i + 1]]
                ascii += old.ascii[old.asciiStarts[i]..<old.asciiStarts[i + 1]]
                plain.append(old.plain[i])
                let w = SearchText.signatureWords
                signatures += old.signatures[(i * w)..<((i + 1) * w)]
            } else {
                let key = p.searchKey(c)
                let textFrom = text.count, initialsFrom = initials.count
                text += key.haystack.utf8
                initials += key.initials.utf8
                plain.append(SearchText.isPlain(key.haystack))
                appendSignature(textFrom: textFrom, initialsFrom: initialsFrom)
                appendASCIIRuns(textFrom: textFrom)
            }
            if !plain[i] { special.append(Int32(i)) }
            starts.append(text.count)
            initialStarts.append(initials.count)
            asciiStarts.append(ascii.count)
            stamps.append(stamp)
        }
        buildExactBits(reusing: old, oldIDs: oldIDs, ids: t.ids)
    }

    // MARK: - Exact character bits

    /// Words of exact bits per row: 128 bits.
    static let exactWords = 2
    /// First bit of the initials' letters (a to z).
    static let initialsBase = 102

    /// Chooses the tracked characters (or keeps an earlier text's choice) and sets each row's
    /// bits. A needle of one tracked character is then answered from the bits alone, and a
    /// longer one is only looked for in rows that hold all its tracked characters. The common
    /// characters are the ones a signature cannot rule out and a search must otherwise read
    /// most of the text for.
    mutating func buildExactBits(reusing old: SearchText?, oldIDs: [CaseID]?, ids: [CaseID]) {
        let n = plain.count
        if let old, !old.exactBit.isEmpty {
            exactBit = old.exactBit
        } else {
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
        }
        exact = []
        exact.reserveCapacity(n * SearchText.exactWords)
        let w = SearchText.exactWords
        text.withUnsafeBufferPointer { tb in
            initials.withUnsafeBufferPointer { ib in
                exactBit.withUnsafeBufferPointer { table in
                    for i in 0..<n {
                        if let old, let oldIDs, i < oldIDs.count, oldIDs[i] == ids[i], old.stamps[i] == stamps[i], old.exact.count == oldIDs.count * w {
                            exact += old.exact[(i * w)..<((i + 1) * w)]
                            continue
                        }
                        var words: (UInt64, UInt64) = (0, 0)
                        func set(_ bit: Int) { if bit < 64 { words.0 |= 1 << UInt64(bit) } else { words.1 |= 1 << UInt64(bit - 64) } }
                        SearchText.forEachScalar(UnsafeBufferPointer(rebasing: tb[starts[i]..<starts[i + 1]])) { c in
                            let b = table[Int(c)]
                            if b != 0xFF { set(Int(b)) }
                        }
                        for b in ib[initialStarts[i]..<initialStarts[i + 1]] where b >= 0x61 && b <= 0x7A {
                            set(SearchText.initialsBase + Int(b - 0x61))
                        }
                        exact.append(words.0)
                        exact.append(words.1)
                    }
                }
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
    /// in the row's text, and for a needle of ASCII letters, those of its letters in the
    /// initials (a match may be in either, never half in each).
    struct ExactMask: Sendable {
        var text: (UInt64, UInt64) = (0, 0)
        var initials: (UInt64, UInt64)?

        /// Whether row words `w0, w1` allow the needle in the text and in the initials.
        @inline(__always)
        func allows(_ w0: UInt64, _ w1: UInt64) -> (text: Bool, initials: Bool) {
            let inText = w0 & text.0 == text.0 && w1 & text.1 == text.1
            guard let i = initials else { return (inText, false) }
            return (inText, w0 & i.0 == i.0 && w1 & i.1 == i.1)
        }
    }

    /// The exact bits of `needle`'s tracked characters (see ``ExactMask``), and whether all
    /// its characters are tracked.
    func exactMask(_ needle: [UInt8], lettersOnly: Bool) -> (mask: ExactMask, allTracked: Bool) {
        var mask = ExactMask(initials: lettersOnly ? (0, 0) : nil)
        var allTracked = true, scalars = 0
        func set(_ words: inout (UInt64, UInt64), _ bit: Int) {
            if bit < 64 { words.0 |= 1 << UInt64(bit) } else { words.1 |= 1 << UInt64(bit - 64) }
        }
        needle.withUnsafeBufferPointer { nb in
            SearchText.forEachScalar(nb) { c in
                scalars += 1
                let b = exactBit[Int(c)]
                guard b != 0xFF else { allTracked = false; return }
                set(&mask.text, Int(b))
                if lettersOnly { set(&mask.initials!, SearchText.initialsBase + Int(c - 0x61)) }
            }
        }
        // Scalars beyond the BMP are not visited (and not tracked).
        return (mask, allTracked && scalars == String(decoding: needle, as: UTF8.self).unicodeScalars.count)
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

    /// `s.lowercased()` for a plain string (see ``isPlain(_:)``), by bytes: only ASCII and
    /// fullwidth Latin capitals have lowercase forms there. Nil for other strings.
    static func plainLowercased(_ s: String) -> String? {
        guard isPlain(s) else { return nil }
        var bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x41 && b <= 0x5A {
                bytes[i] = b + 0x20
            } else if b == 0xEF, i + 2 < bytes.count, bytes[i + 1] == 0xBC, bytes[i + 2] >= 0xA1, bytes[i + 2] <= 0xBA {
                // U+FF21…U+FF3A (Ａ…Ｚ) -> U+FF41…U+FF5A (ａ…ｚ)
                bytes[i + 1] = 0xBD
                bytes[i + 2] -= 0x20
                i += 2
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Rows (ascending) whose text contains `needle`, or (for ASCII letters) whose initials do;
    /// only `candidates` (ascending; plus the non-plain rows) when given.
    func search(_ needle: String, among candidates: [Int32]?) -> [Int32] {
        let n = plain.count
        guard SearchText.isPlain(needle) else {
            // Rare (combining marks, kana, Latin accents…): the same test as PinyinIndex, per case.
            return (0..<n).compactMap { i in stringMatch(i, needle) ? Int32(i) : nil }
        }
        let query = Query(self, needle)
        let large = text.count >= 1 << 22
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
        /// An ASCII needle can only be inside a row's ASCII runs, so only those are read.
        let isASCII: Bool
        let exact: ExactMask
        /// One tracked character: the exact bits are the answer.
        let answeredByBits: Bool
        let signature: [(word: Int, bits: UInt64)]

        init(_ text: SearchText, _ needle: String) {
            bytes = Array(needle.utf8)
            lettersOnly = bytes.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
            isASCII = bytes.allSatisfy { $0 < 0x80 }
            let (mask, allTracked) = text.exactMask(bytes, lettersOnly: lettersOnly)
            exact = mask
            answeredByBits = allTracked && needle.unicodeScalars.count == 1
            signature = SearchText.signatureMask(bytes)
        }
    }

    /// The plain rows (ascending) holding the needle among `positions` of `candidates` (or
    /// rows `positions` when nil). Rows the exact bits and signatures rule out are not read;
    /// a letters-only needle is looked for in the initials of the rows whose text lacks it.
    func plainRowsMatching(_ q: Query, _ positions: Range<Int>, of candidates: [Int32]?) -> [Int32] {
        var textRows: [Int32] = [], initialsRows: [Int32] = []
        exact.withUnsafeBufferPointer { ex in
            signatures.withUnsafeBufferPointer { sb in
                plain.withUnsafeBufferPointer { pb in
                    for k in positions {
                        let i = candidates.map { Int($0[k]) } ?? k
                        guard pb[i] else { continue }
                        let a = q.exact.allows(ex[2 * i], ex[2 * i + 1])
                        guard a.text || a.initials else { continue }
                        if q.answeredByBits { textRows.append(Int32(i)); continue }
                        let sig = i * SearchText.signatureWords
                        var possible = true
                        for m in q.signature where sb[sig + m.word] & m.bits != m.bits { possible = false; break }
                        guard possible else { continue }
                        if a.text { textRows.append(Int32(i)) } else { initialsRows.append(Int32(i)) }
                    }
                }
            }
        }
        if q.answeredByBits { return textRows }
        let first = q.isASCII ? SearchText.rowsContaining(q.bytes, ascii, asciiStarts, textRows[...], keepMisses: q.lettersOnly)
                              : SearchText.rowsContaining(q.bytes, text, starts, textRows[...], keepMisses: q.lettersOnly)
        guard q.lettersOnly else { return first.hits }
        let more = SearchText.rowsContaining(q.bytes, initials, initialStarts, SearchText.merged(first.misses, initialsRows)[...],
                                             keepMisses: false)
        return SearchText.merged(first.hits, more.hits)
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
                                s.withMemoryRebound(to: Int64.self) { s64 in
                                    count = Int(tz_rows_containing(b.baseAddress, s64.baseAddress, r.baseAddress, Int64(r.count),
                                                                   nb.baseAddress, Int64(nb.count), h.baseAddress,
                                                                   keepMisses ? m.baseAddress : nil))
                                }
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

    /// Words of each row's signature: 1 024 bits, one set for each character (by a hash) of
    /// the row's text and initials. A row holds a needle only if its signature has the bits of
    /// all the needle's characters, so most rows are ruled out without reading their text.
    static let signatureWords = 16

    /// The signature bit of each character of `bytes` (UTF-8), as (word, bit).
    static func forEachCharacterBit(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, UInt64) -> Void) {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            var key = UInt32(b)
            var k = 1
            while k < length && i + k < n {
                key = key << 8 | UInt32(bytes[i + k])
                k += 1
            }
            let bit = Int((key &* 0x9E37_79B1) >> 22)  // 10 bits
            body(bit >> 6, 1 << UInt64(bit & 63))
            i += length
        }
    }

    /// The bits a row needs to possibly hold `needle`, grouped by word.
    static func signatureMask(_ needle: [UInt8]) -> [(word: Int, bits: UInt64)] {
        var words = Array(repeating: UInt64(0), count: signatureWords)
        needle.withUnsafeBufferPointer { nb in forEachCharacterBit(nb) { w, bit in words[w] |= bit } }
        return words.enumerated().compactMap { $0.element == 0 ? nil : ($0.offset, $0.element) }
    }

    /// Appends the signature of the last row (`text` and `initials` from the given starts).
    mutating func appendSignature(textFrom: Int, initialsFrom: Int) {
        var words = Array(repeating: UInt64(0), count: SearchText.signatureWords)
        text.withUnsafeBufferPointer { tb in
            SearchText.forEachCharacterBit(UnsafeBufferPointer(rebasing: tb[textFrom...])) { w, bit in words[w] |= bit }
        }
        initials.withUnsafeBufferPointer { ib in
            SearchText.forEachCharacterBit(UnsafeBufferPointer(rebasing: ib[initialsFrom...])) { w, bit in words[w] |= bit }
        }
        signatures += words
    }

    /// Appends the ASCII runs of the last row's text (from `textFrom`), each ended by 0xFF.
    mutating func appendASCIIRuns(textFrom: Int) {
        var inRun = false
        for k in textFrom..<text.count {
            let b = text[k]
            if b < 0x80 {
                ascii.append(b)
                inRun = true
            } else if inRun {
                ascii.append(0xFF)
                inRun = false
            }
        }
        if inRun { ascii.append(0xFF) }
    }

    private func stringMatch(_ i: Int, _ needle: String) -> Bool {
        let haystack = String(decoding: text[starts[i]..<starts[i + 1]], as: UTF8.self)
        if haystack.contains(needle) { return true }
        guard needle.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return String(decoding: initials[initialStarts[i]..<initialStarts[i + 1]], as: UTF8.self).contains(needle)
    }
}
