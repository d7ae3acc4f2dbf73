import Foundation
import TaizhangDomain

/// Pinyin initials for Chinese text (`张三` -> `zs`), so lists can be filtered by typing them.
///
/// Foundation's Latin transform is slow (an ICU call per string), so initials are cached per
/// Han character and per case; the set of characters in one ledger is small.
public final class PinyinIndex {
    private var charInitials: [Character: Character] = [:]
    private var caseKeys: [CaseID: (stamp: String, haystack: String, initials: String)] = [:]
    /// Initials of BMP ideographs by scalar value from U+3400 (0: not looked up yet, 0xFF: none).
    private var hanInitials = [UInt8](repeating: 0, count: 0xA000 - 0x3400)

    /// An empty cache.
    public init() {}

    /// The initials of `text`: one lowercase letter per Han character; letters and digits kept
    /// as they are (lowercased); other characters dropped.
    public func initials(_ text: String) -> String {
        if let fast = plainInitials(text) { return fast }
        var out = ""
        for c in text {
            if c.isASCII {
                if c.isLetter || c.isNumber { out.append(Character(c.lowercased())) }
            } else if isHan(c) {
                if let i = initial(of: c) { out.append(i) }
            }
        }
        return out
    }

    /// Whether `needle` matches `text`: as a case-insensitive substring, or (for ASCII letters)
    /// as a substring of its pinyin initials.
    public func matches(_ needle: String, in text: String) -> Bool {
        let n = needle.lowercased()
        if n.isEmpty { return true }
        if text.lowercased().contains(n) { return true }
        guard n.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return initials(text).contains(n)
    }

    /// Whether `needle` matches any text field, the id or a note of `c` (initials included).
    public func matches(_ needle: String, case c: CaseRecord, lang: Language) -> Bool {
        let n = needle.lowercased().trimmingCharacters(in: .whitespaces)
        if n.isEmpty { return true }
        let entry = entryFor(c, lang: lang)
        if entry.haystack.contains(n) { return true }
        guard n.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return entry.initials.contains(n)
    }

    private func entryFor(_ c: CaseRecord, lang: Language) -> (stamp: String, haystack: String, initials: String) {
        let stamp = "\(c.updated)|\(c.timeline.count)|\(lang.rawValue)"
        if let e = caseKeys[c.id], e.stamp == stamp { return e }
        let key = searchKey(c)
        let e = (stamp, key.haystack, key.initials)
        caseKeys[c.id] = e
        return e
    }

    /// What a filter is matched against for `c`: the lowercased text of its id, fields (with the
    /// labels of chosen values) and notes, joined by U+001F; and the pinyin initials of each of
    /// those parts, joined by spaces. Not cached (the queue keeps its own per-ledger copy).
    func searchKey(_ c: CaseRecord) -> (haystack: String, initials: String) {
        // Field values plus the labels of chosen values (so `邻里` finds category `neighbor`).
        var parts = [c.id.description]
        for (k, v) in c.fields.sorted(by: { $0.key < $1.key }) {
            parts.append(v)
            if let spec = c.kind.field(k) ?? Schema.outcomeFields[k], !spec.choices.isEmpty {
                parts.append(spec.displayValue(v, .zh))
                parts.append(spec.displayValue(v, .en))
            }
        }
        parts += c.notes.map(\.text)
        let joined = parts.joined(separator: "\u{1F}")
        let haystack = SearchText.plainLowercased(joined) ?? joined.lowercased()
        // Initials per part, separated so a match never spans two fields.
        let initialsText = parts.map { initials($0) }.joined(separator: " ")
        return (haystack, initialsText)
    }

    /// ``initials(_:)`` by bytes, for text of ASCII, BMP ideographs and punctuation that is a
    /// character of its own (each scalar is then one `Character`); nil for anything else.
    /// Building the queue's search text calls this for every field of every case.
    private func plainInitials(_ text: String) -> String? {
        var out: [UInt8] = []
        let bytes = text.utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let b = bytes[i]
            if b < 0x80 {
                if (b >= 0x41 && b <= 0x5A) { out.append(b + 0x20) }
                else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { out.append(b) }
                i = bytes.index(after: i)
                continue
            }
            guard b >= 0xE0 && b < 0xF0 else {
                // Two-byte: only the middle dot is known to stand alone (and it has no initial).
                guard b == 0xC2, bytes.index(after: i) != bytes.endIndex, bytes[bytes.index(after: i)] == 0xB7 else { return nil }
                i = bytes.index(i, offsetBy: 2)
                continue
            }
            let j = bytes.index(after: i)
            guard j != bytes.endIndex, bytes.index(after: j) != bytes.endIndex else { return nil }
            let k = bytes.index(after: j)
            let v = (UInt32(b & 0x0F) << 12) | (UInt32(bytes[j] & 0x3F) << 6) | UInt32(bytes[k] & 0x3F)
            switch v {
            case 0x3400...0x4DBF, 0x4E00...0x9FFF:
                var cached = hanInitials[Int(v - 0x3400)]
                if cached == 0 {
                    cached = initial(of: Character(Unicode.Scalar(v)!))?.asciiValue ?? 0xFF
                    hanInitials[Int(v - 0x3400)] = cached
                }
                if cached != 0xFF { out.append(cached) }
            case 0x2014...0x2026, 0x3000...0x3029, 0xFF01...0xFF5E:
                break   // punctuation and fullwidth forms: neither ASCII nor Han, dropped
            default:
                return nil
            }
            i = bytes.index(after: k)
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func isHan(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        return (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2FFFF).contains(v) || (0xF900...0xFAFF).contains(v)
    }

    private func initial(of c: Character) -> Character? {
        if let i = charInitials[c] { return i }
        let latin = String(c).applyingTransform(.toLatin, reverse: false) ?? ""
        let plain = latin.applyingTransform(.stripDiacritics, reverse: false) ?? latin
        let i = plain.lowercased().first(where: { $0.isASCII && $0.isLetter })
        if let i { charInitials[c] = i }
        return i
    }
}
