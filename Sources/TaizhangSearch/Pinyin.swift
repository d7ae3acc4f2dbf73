import Foundation
import TaizhangDomain
import TaizhangLog

/// Pinyin initials for Chinese text (`张三` -> `zs`, `调解` -> `tj`), so cases, names and choices
/// can be found by typing them. Words are read as ``PinyinReadings`` describes: a word of its
/// table by its reading there, an ambiguous character (a surname such as 单, 长 in a place name)
/// by every reading.
///
/// Foundation's Latin transform is slow (an ICU call per string), so initials are cached per
/// Han character; the set of characters in one ledger is small. Not thread-safe: a background
/// build makes its own.
public final class PinyinIndex {
    private var charInitials: [UInt32: UInt8] = [:]
    /// Initials of BMP ideographs by scalar value from U+3400 (0: not looked up yet, 0xFF: none).
    private var hanInitials = [UInt8](repeating: 0, count: PinyinIndex.hanEnd - PinyinIndex.hanStart)
    /// The text being read: lowercase ASCII letters and digits as they are, Han characters as
    /// scalars, 0 for anything else (which ends a word and gives no initial).
    private var units: [UInt32] = []
    private var choices: [(at: Int, letters: [UInt8])] = []

    static let hanStart = 0x3400
    static let hanEnd = 0xA000

    /// An empty cache.
    public init() {}

    /// The initials of `text` as they are searched: one lowercase letter per Han character,
    /// ASCII letters (lowercased) and digits kept, other characters dropped. Where a character
    /// has several readings (see ``PinyinReadings``), the first reading's initials are followed,
    /// after a space each, by the stretch around that character with each other reading; a
    /// needle of up to ``window`` + 1 letters (or any needle in a text of up to
    /// 2 × ``window`` + 1 letters) then matches under any choice of readings.
    public func initials(_ text: String) -> String {
        String(decoding: initialLetters(text), as: UTF8.self)
    }

    /// ``initials(_:)`` as UTF-8 bytes.
    func initialLetters(_ text: String) -> [UInt8] {
        units.removeAll(keepingCapacity: true)
        if !plainUnits(text) {
            units.removeAll(keepingCapacity: true)
            for c in text {
                if c.isASCII {
                    if c.isLetter || c.isNumber, let a = Character(c.lowercased()).asciiValue { units.append(UInt32(a)) } else { units.append(0) }
                } else if let v = c.unicodeScalars.first?.value, PinyinIndex.isHan(v) {
                    units.append(v)
                } else {
                    units.append(0)
                }
            }
        }
        return read()
    }

    /// Whether `needle` matches `text`: as a case-insensitive substring, or (for ASCII letters)
    /// as a substring of its pinyin initials (``initials(_:)``).
    public func matches(_ needle: String, in text: String) -> Bool {
        let n = needle.lowercased()
        if n.isEmpty { return true }
        if text.lowercased().contains(n) { return true }
        guard n.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return initials(text).contains(n)
    }

    /// What a filter is matched against for `c`: the lowercased text of its id, fields (with the
    /// labels of chosen values, in both languages) and notes, joined by U+001F; and the pinyin
    /// initials of each of those parts, joined by spaces. `plain` says whether the haystack is
    /// plain (``SearchText/isPlain(_:)``). Long texts are read from `source`, the ledger file of
    /// the state `c` is from.
    func searchKey(_ c: CaseRecord, source: LineSource? = nil) -> (haystack: String, initials: String, plain: Bool) {
        let key = searchKeyBytes(c, source: source)
        return (String(decoding: key.haystack, as: UTF8.self), String(decoding: key.initials, as: UTF8.self), key.plain)
    }

    /// ``searchKey(_:source:)`` as UTF-8 bytes, as the search text stores it: building it for
    /// every case of a district ledger makes no intermediate strings.
    func searchKeyBytes(_ c: CaseRecord, source: LineSource?) -> (haystack: [UInt8], initials: [UInt8], plain: Bool) {
        // Field values plus the labels of chosen values (so `邻里` finds category `neighbor`).
        var parts = [c.id.description]
        for (k, v) in c.fields.sortedPairs(readingFrom: source) {
            parts.append(v)
            if let spec = c.kind.field(k) ?? Schema.outcomeFields[k], !spec.choices.isEmpty {
                parts.append(spec.displayValue(v, .zh))
                parts.append(spec.displayValue(v, .en))
            }
        }
        for n in c.notes { parts.append(n.text(readingFrom: source)) }
        var haystack: [UInt8] = []
        var plain = true
        for (i, part) in parts.enumerated() where plain {
            if i > 0 { haystack.append(0x1F) }
            plain = SearchText.appendPlainLowercased(part, to: &haystack)
        }
        if !plain { haystack = Array(parts.joined(separator: "\u{1F}").lowercased().utf8) }
        // Initials per part, separated so a match never spans two fields.
        var initialsBytes: [UInt8] = []
        for (i, part) in parts.enumerated() {
            if i > 0 { initialsBytes.append(0x20) }
            initialsBytes += initialLetters(part)
        }
        return (haystack, initialsBytes, plain)
    }

    /// Letters on either side of an ambiguous character that its other readings are written
    /// out with.
    public static let window = 5

    // MARK: - Reading

    /// Reads ``units`` into initials (see ``initials(_:)``).
    private func read() -> [UInt8] {
        // Worked on as local variables: every access to a class's stored array is checked for
        // exclusivity at run time, and this loop runs for every character of every case.
        var choices = self.choices, han = self.hanInitials
        self.choices = []; self.hanInitials = []
        defer { self.choices = choices; self.hanInitials = han }
        choices.removeAll(keepingCapacity: true)
        let units = self.units
        let readings = PinyinReadings.compiled
        let n = units.count
        // At most one letter per unit: written straight into the array, not appended one by one.
        let letters = [UInt8](unsafeUninitializedCapacity: n) { out, count in
            var i = 0, k = 0
            while i < n {
                let u = units[i]
                if u < 0x80 {
                    if u != 0 { out[k] = UInt8(u); k += 1 }
                    i += 1
                    continue
                }
                let bmp = u >= PinyinIndex.hanStart && u < PinyinIndex.hanEnd ? Int(u) - PinyinIndex.hanStart : -1
                if bmp >= 0, readings.wordsStarting[bmp] != 0,
                   let word = readings.longestWord(readings.wordsStarting[bmp], units, i) {
                    for position in word.positions {
                        if position.count > 1 { choices.append((k, position)) }
                        out[k] = position[0]
                        k += 1
                    }
                    i += word.positions.count
                    continue
                }
                if bmp >= 0, readings.polyphoneAt[bmp] != 0 {
                    let all = readings.polyphones[Int(readings.polyphoneAt[bmp]) - 1]
                    choices.append((k, all))
                    out[k] = all[0]
                    k += 1
                } else if let letter = bmp >= 0 ? PinyinIndex.cachedInitial(bmp, &han) : initial(u) {
                    out[k] = letter
                    k += 1
                }
                i += 1
            }
            count = k
        }
        guard !choices.isEmpty else { return letters }
        var out = letters
        PinyinIndex.appendOtherReadings(&out, letters, choices)
        return out
    }

    /// The initial of BMP ideograph `hanStart + bmp` from the cache `han`, looked up (and kept)
    /// the first time.
    @inline(__always)
    private static func cachedInitial(_ bmp: Int, _ han: inout [UInt8]) -> UInt8? {
        var cached = han[bmp]
        if cached == 0 {
            cached = PinyinIndex.transformInitial(UInt32(bmp + PinyinIndex.hanStart)) ?? 0xFF
            han[bmp] = cached
        }
        return cached == 0xFF ? nil : cached
    }

    /// Appends, for each ambiguous letter, the stretch of ``window`` letters either side with
    /// every combination of the readings of the ambiguous letters in it in which that letter
    /// takes another reading than its first (at most ``combinationLimit`` per letter).
    private static func appendOtherReadings(_ out: inout [UInt8], _ letters: [UInt8], _ choices: [(at: Int, letters: [UInt8])]) {
        let r = PinyinIndex.window
        for (k, c) in choices.enumerated() {
            let lo = max(0, c.at - r), hi = min(letters.count, c.at + r + 1)
            var first = k
            while first > 0 && choices[first - 1].at >= lo { first -= 1 }
            var last = k
            while last + 1 < choices.count && choices[last + 1].at < hi { last += 1 }
            let inWindow = Array(first...last)
            var window = Array(letters[lo..<hi])
            // An odometer over the readings; the letter the stretch is for skips its first.
            var digits = inWindow.map { $0 == k ? 1 : 0 }
            var emitted = 0
            combinations: while emitted < PinyinIndex.combinationLimit {
                for (d, j) in inWindow.enumerated() { window[choices[j].at - lo] = choices[j].letters[digits[d]] }
                out.append(0x20)
                out += window
                emitted += 1
                var d = 0
                while true {
                    guard d < inWindow.count else { break combinations }
                    digits[d] += 1
                    if digits[d] < choices[inWindow[d]].letters.count { break }
                    digits[d] = inWindow[d] == k ? 1 : 0
                    d += 1
                }
            }
        }
    }

    /// Readings written out per ambiguous letter, at most.
    static let combinationLimit = 16

    /// The initial of Han character `u` by the Latin transform, cached.
    private func initial(_ u: UInt32) -> UInt8? {
        let bmp = Int(u) - PinyinIndex.hanStart
        if bmp >= 0 && u < PinyinIndex.hanEnd {
            var cached = hanInitials[bmp]
            if cached == 0 {
                cached = PinyinIndex.transformInitial(u) ?? 0xFF
                hanInitials[bmp] = cached
            }
            return cached == 0xFF ? nil : cached
        }
        if let i = charInitials[u] { return i == 0xFF ? nil : i }
        let i = PinyinIndex.transformInitial(u)
        charInitials[u] = i ?? 0xFF
        return i
    }

    /// ICU's transliterator is not safe to run on two threads at once (Foundation keeps one per
    /// transform), and the search text is built on two: looked up one at a time. Each
    /// character is looked up once per cache, so this costs nothing measurable.
    private static let transformLock = NSLock()

    private static func transformInitial(_ u: UInt32) -> UInt8? {
        guard let scalar = Unicode.Scalar(u) else { return nil }
        transformLock.lock()
        defer { transformLock.unlock() }
        let latin = String(Character(scalar)).applyingTransform(.toLatin, reverse: false) ?? ""
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        return plain.lowercased().utf8.first { ($0 >= 0x61 && $0 <= 0x7A) }
    }

    static func isHan(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2FFFF).contains(v) || (0xF900...0xFAFF).contains(v)
    }

    /// Fills ``units`` by bytes, for text of ASCII, BMP ideographs and punctuation that is a
    /// character of its own (each scalar is then one `Character`); false for anything else.
    /// Building the search text calls this for every field of every case.
    private func plainUnits(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { plainUnits(bytes: $0) }
    }

    private func plainUnits(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Written straight into a fresh array (each unit takes at least one byte): appending
        // one by one checks the buffer's uniqueness every time.
        var plain = true
        let n = bytes.count
        let filled = [UInt32](unsafeUninitializedCapacity: n) { out, count in
            var i = 0, k = 0
            scan: while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if b >= 0x41 && b <= 0x5A { out[k] = UInt32(b + 0x20) }
                    else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { out[k] = UInt32(b) }
                    else { out[k] = 0 }
                    k += 1
                    i += 1
                    continue
                }
                guard b >= 0xE0 && b < 0xF0 else {
                    // Two-byte: only the middle dot is known to stand alone (and it has no initial).
                    guard b == 0xC2, i + 1 < n, bytes[i + 1] == 0xB7 else { plain = false; break scan }
                    out[k] = 0
                    k += 1
                    i += 2
                    continue
                }
                guard i + 2 < n else { plain = false; break scan }
                let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                switch v {
                case 0x3400...0x4DBF, 0x4E00...0x9FFF:
                    out[k] = v
                case 0x2014...0x2026, 0x3000...0x3029, 0xFF01...0xFF5E:
                    out[k] = 0   // punctuation and fullwidth forms: neither ASCII nor Han, dropped
                default:
                    plain = false
                    break scan
                }
                k += 1
                i += 3
            }
            count = k
        }
        if plain { units = filled }
        return plain
    }
}

extension PinyinReadings {
    /// A word of the table: its characters and, per character, the initials of its readings.
    struct Word: Sendable {
        let scalars: [UInt32]
        let positions: [[UInt8]]
    }

    /// The tables in the form reading uses them.
    struct Compiled: Sendable {
        /// Per BMP ideograph (from U+3400): 1 + index in ``wordLists`` of the words it starts, or 0.
        var wordsStarting: [UInt16]
        /// Words by first character, longest first.
        var wordLists: [[Word]]
        /// Per BMP ideograph: 1 + index in ``polyphones``, or 0.
        var polyphoneAt: [UInt8]
        var polyphones: [[UInt8]]

        /// The longest word of list `list` (1-based) at `units[i...]`.
        @inline(__always)
        func longestWord(_ list: UInt16, _ units: [UInt32], _ i: Int) -> Word? {
            for w in wordLists[Int(list) - 1] where i + w.scalars.count <= units.count {
                var k = 1
                while k < w.scalars.count && units[i + k] == w.scalars[k] { k += 1 }
                if k == w.scalars.count { return w }
            }
            return nil
        }
    }

    static let compiled: Compiled = {
        let size = PinyinIndex.hanEnd - PinyinIndex.hanStart
        var byFirst: [UInt32: [Word]] = [:]
        for line in wordTable {
            let parts = line.split(separator: " ")
            let scalars = parts[0].unicodeScalars.map(\.value)
            let readings = parts[1].split(separator: "/").map { Array($0.utf8) }
            let positions = scalars.indices.map { k in
                readings.reduce(into: [UInt8]()) { seen, r in if !seen.contains(r[k]) { seen.append(r[k]) } }
            }
            byFirst[scalars[0], default: []].append(Word(scalars: scalars, positions: positions))
        }
        var wordsStarting = [UInt16](repeating: 0, count: size)
        var wordLists: [[Word]] = []
        for (first, words) in byFirst.sorted(by: { $0.key < $1.key }) {
            wordLists.append(words.sorted { $0.scalars.count > $1.scalars.count })
            wordsStarting[Int(first) - PinyinIndex.hanStart] = UInt16(wordLists.count)
        }
        var polyphoneAt = [UInt8](repeating: 0, count: size)
        var polyphones: [[UInt8]] = []
        for line in polyphoneTable {
            let parts = line.split(separator: " ")
            polyphones.append(Array(parts[1].utf8))
            polyphoneAt[Int(parts[0].unicodeScalars.first!.value) - PinyinIndex.hanStart] = UInt8(polyphones.count)
        }
        return Compiled(wordsStarting: wordsStarting, wordLists: wordLists, polyphoneAt: polyphoneAt, polyphones: polyphones)
    }()
}
