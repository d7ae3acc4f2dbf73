import Foundation
import TaizhangDomain

/// Pinyin initials for Chinese text (`张三` -> `zs`), so lists can be filtered by typing them.
///
/// Foundation's Latin transform is slow (an ICU call per string), so initials are cached per
/// Han character and per case; the set of characters in one ledger is small.
public final class PinyinIndex {
    private var charInitials: [Character: Character] = [:]
    private var caseKeys: [CaseID: (stamp: String, haystack: String, initials: String)] = [:]

    /// An empty cache.
    public init() {}

    /// The initials of `text`: one lowercase letter per Han character; letters and digits kept
    /// as they are (lowercased); other characters dropped.
    public func initials(_ text: String) -> String {
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
        let stamp = "\(c.updatedAt)|\(c.timeline.count)|\(lang.rawValue)"
        if let e = caseKeys[c.id], e.stamp == stamp { return e }
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
        let haystack = parts.joined(separator: "\u{1F}").lowercased()
        // Initials per part, separated so a match never spans two fields.
        let initialsText = parts.map { initials($0) }.joined(separator: " ")
        let e = (stamp, haystack, initialsText)
        caseKeys[c.id] = e
        return e
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
