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
        starts.reserveCapacity(n + 1); initialStarts.reserveCapacity(n + 1)
        plain.reserveCapacity(n); stamps.reserveCapacity(n); signatures.reserveCapacity(n * SearchText.signatureWords)
        if let old { text.reserveCapacity(old.text.count); initials.reserveCapacity(old.initials.count) }
        for (i, id) in t.ids.enumerated() {
            let c = state.cases[id]!
            let stamp = (c.timeline.count, c.updated)
            // Cases are only ever appended to the order, so an unchanged case keeps its row.
            if let old, let oldIDs, i < oldIDs.count, oldIDs[i] == id, old.stamps[i] == stamp {
                text += old.text[old.starts[i]..<old.starts[i + 1]]
                initials += old.initials[old.initialStarts[i]..<old.initialStarts[i + 1]]
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
            }
            if !plain[i] { special.append(Int32(i)) }
            starts.append(text.count)
            initialStarts.append(initials.count)
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

    /// The exact bits a row must have to possibly hold `needle`, or nil when none of its
    /// characters is tracked. For letters-only needles each letter may be in the text or the
    /// initials, so both its bits count (as alternatives) and the test is made per letter.
    func exactRequirement(_ needle: [UInt8], lettersOnly: Bool) -> [(text: Int, initials: Int?)]? {
        var out: [(text: Int, initials: Int?)] = []
        needle.withUnsafeBufferPointer { nb in
            SearchText.forEachScalar(nb) { c in
                let b = exactBit[Int(c)]
                guard b != 0xFF else { return }
                let initial = lettersOnly && c >= 0x61 && c <= 0x7A ? SearchText.initialsBase + Int(c - 0x61) : nil
                out.append((Int(b), initial))
            }
        }
        return out.isEmpty ? nil : out
    }

    /// Whether row `i` has every required character (in its text, or for a letter also in its
    /// initials).
    @inline(__always)
    func hasExact(_ i: Int, _ required: [(text: Int, initials: Int?)]) -> Bool {
        let w0 = exact[i * 2], w1 = exact[i * 2 + 1]
        func bit(_ b: Int) -> Bool { b < 64 ? w0 & (1 << UInt64(b)) != 0 : w1 & (1 << UInt64(b - 64)) != 0 }
        for r in required where !bit(r.text) && !(r.initials.map(bit) ?? false) { return false }
        return true
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
    /// only `candidates` (plus the non-plain rows) when given.
    func search(_ needle: String, among candidates: [Int32]?) -> [Int32] {
        let n = plain.count
        guard SearchText.isPlain(needle) else {
            // Rare (combining marks, kana, Latin accents…): the same test as PinyinIndex, per case.
            return (0..<n).compactMap { i in stringMatch(i, needle) ? Int32(i) : nil }
        }
        let bytes = Array(needle.utf8)
        let lettersOnly = needle.allSatisfy { $0.isASCII && $0.isLetter }
        let mask = SearchText.signatureMask(bytes)
        let required = exactRequirement(bytes, lettersOnly: lettersOnly)
        var hit = Array(repeating: false, count: n)
        if let required, required.count == 1, needle.unicodeScalars.count == 1, let only = needle.unicodeScalars.first,
           only.value < 0x10000, exactBit[Int(only.value)] != 0xFF {
            // One tracked character: the bits are the answer (in the text, or for a letter
            // also in the initials).
            for i in 0..<n where plain[i] && hasExact(i, required) { hit[i] = true }
        } else if let candidates {
            for r in matchingRows(bytes, mask, lettersOnly, rows: candidates.lazy.map { Int($0) }) { hit[r] = true }
        } else {
            // Rows whose signatures allow the needle. When they are few, only they are read;
            // when most rows pass (a common letter), one pass over all the text is faster.
            var possible: [Int] = []
            signatures.withUnsafeBufferPointer { sb in
                for i in 0..<n where plain[i] {
                    if let required, !hasExact(i, required) { continue }
                    let sig = i * SearchText.signatureWords
                    var ok = true
                    for m in mask where sb[sig + m.word] & m.bits != m.bits { ok = false; break }
                    if ok { possible.append(i) }
                }
            }
            let large = text.count >= 1 << 22
            if possible.count * 10 < n * 9 {
                let candidates = possible
                for r in SearchText.inHalves(candidates.count, parallel: large, { range in
                    matchingRows(bytes, mask, lettersOnly, rows: candidates[range])
                }) { hit[r] = true }
            } else {
                for r in SearchText.inHalves(n, parallel: large, { range in
                    var rows = SearchText.scan(text, starts, bytes, rows: range)
                    if lettersOnly { rows += SearchText.scan(initials, initialStarts, bytes, rows: range) }
                    return rows
                }) where plain[r] { hit[r] = true }
            }
        }
        for r in special where stringMatch(Int(r), needle) { hit[Int(r)] = true }
        var out: [Int32] = []
        for i in 0..<n where hit[i] { out.append(Int32(i)) }
        return out
    }

    /// The plain rows among `rows` whose text (or, for ASCII letters, initials) contains
    /// `needle`; rows whose signature lacks a bit of the needle's characters are skipped unread.
    func matchingRows<Rows: Sequence>(_ needle: [UInt8], _ mask: [(word: Int, bits: UInt64)], _ lettersOnly: Bool,
                                      rows: Rows) -> [Int] where Rows.Element == Int {
        var out: [Int] = []
        text.withUnsafeBufferPointer { tb in
            initials.withUnsafeBufferPointer { ib in
                signatures.withUnsafeBufferPointer { sb in
                    needle.withUnsafeBufferPointer { nb in
                        for i in rows where plain[i] {
                            let sig = i * SearchText.signatureWords
                            var possible = true
                            for m in mask where sb[sig + m.word] & m.bits != m.bits { possible = false; break }
                            guard possible else { continue }
                            if let t = tb.baseAddress, SearchText.find(t, starts[i], starts[i + 1], nb) != nil {
                                out.append(i)
                            } else if lettersOnly, let b = ib.baseAddress, SearchText.find(b, initialStarts[i], initialStarts[i + 1], nb) != nil {
                                out.append(i)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `work` over `0..<count`, on two threads in two halves when `parallel`: a fresh search of
    /// a district ledger's text is what a filter keystroke waits for.
    static func inHalves(_ count: Int, parallel: Bool, _ work: @Sendable (Range<Int>) -> [Int]) -> [Int] {
        guard parallel, count >= 2 else { return work(0..<count) }
        // Two separate slots, each written by one thread.
        final class Halves: @unchecked Sendable { var first: [Int] = []; var second: [Int] = [] }
        let halves = Halves()
        let mid = count / 2
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 { halves.first = work(0..<mid) } else { halves.second = work(mid..<count) }
        }
        return halves.first + halves.second
    }

    /// The rows of `rows` whose span of `buffer` contains `needle`, in row order, found in one
    /// pass over their bytes.
    static func scan(_ buffer: [UInt8], _ starts: [Int], _ needle: [UInt8], rows: Range<Int>) -> [Int] {
        var found: [Int] = []
        guard !needle.isEmpty, !buffer.isEmpty, !rows.isEmpty else { return found }
        buffer.withUnsafeBufferPointer { b in
            needle.withUnsafeBufferPointer { nb in
                let base = b.baseAddress!
                var pos = starts[rows.lowerBound], row = rows.lowerBound
                let end = starts[rows.upperBound]
                while pos < end, let at = find(base, pos, end, nb) {
                    while starts[row + 1] <= at { row += 1 }
                    if at + nb.count <= starts[row + 1] {
                        found.append(row)
                        pos = starts[row + 1]   // one hit per row is enough
                    } else {
                        pos = at + 1            // spans two rows: not a match
                    }
                }
            }
        }
        return found
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

    private func stringMatch(_ i: Int, _ needle: String) -> Bool {
        let haystack = String(decoding: text[starts[i]..<starts[i + 1]], as: UTF8.self)
        if haystack.contains(needle) { return true }
        guard needle.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return String(decoding: initials[initialStarts[i]..<initialStarts[i + 1]], as: UTF8.self).contains(needle)
    }

    /// Offset of the first `needle` in `base[from..<to]`, or nil. Compares the needle's first and
    /// last bytes 32 positions at a time and checks the rest only where both agree: Chinese
    /// text shares a handful of lead bytes, so a byte-at-a-time or first-byte search would stop
    /// on nearly every character.
    static func find(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int, _ needle: UnsafeBufferPointer<UInt8>) -> Int? {
        let m = needle.count
        guard m > 0, to - from >= m else { return m == 0 ? from : nil }
        let n0 = needle[0], nl = needle[m - 1]
        var i = from
        if m == 1 {
            // One byte (a letter or digit typed first): the C library's vectorized memchr.
            guard let p = memchr(base + from, Int32(n0), to - from) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
        } else {
            let first = SIMD32<UInt8>(repeating: n0), last = SIMD32<UInt8>(repeating: nl)
            let raw = UnsafeRawPointer(base)
            while i + 32 + m - 1 <= to {
                let a = raw.loadUnaligned(fromByteOffset: i, as: SIMD32<UInt8>.self)
                let b = raw.loadUnaligned(fromByteOffset: i + m - 1, as: SIMD32<UInt8>.self)
                // Each lane of the mask is 0 or 0xFF. Read as four words, a zero test and the
                // lowest set byte stand in for the standard library's `any` and lane loop, which
                // were a call and 32 steps per block.
                let words = unsafeBitCast((a .== first) .& (b .== last), to: (UInt64, UInt64, UInt64, UInt64).self)
                if words.0 | words.1 | words.2 | words.3 != 0 {
                    for k in 0..<4 {
                        var w = k == 0 ? words.0 : k == 1 ? words.1 : k == 2 ? words.2 : words.3
                        while w != 0 {
                            let byte = w.trailingZeroBitCount / 8
                            let at = i + k * 8 + byte
                            if SearchText.middleMatches(base + at, needle) { return at }
                            w &= ~(UInt64(0xFF) << UInt64(byte * 8))
                        }
                    }
                }
                i += 32
            }
        }
        while i + m <= to {
            if base[i] == n0, base[i + m - 1] == nl, SearchText.middleMatches(base + i, needle) { return i }
            i += 1
        }
        return nil
    }

    /// Whether the bytes between the first and the last of `needle` match at `p` (whose first
    /// and last bytes already do); short needles, such as one Chinese character, without a call.
    @inline(__always)
    static func middleMatches(_ p: UnsafePointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let m = needle.count
        if m <= 2 { return true }
        if m <= 6 {
            for j in 1..<(m - 1) where p[j] != needle[j] { return false }
            return true
        }
        return memcmp(p + 1, needle.baseAddress! + 1, m - 2) == 0
    }

}
