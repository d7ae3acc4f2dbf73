import Foundation

/// Names as they are matched.
public enum PersonName {
    /// Middle dots of transcribed names (阿依古丽·买买提), in their many encodings, and the full stop
    /// sometimes typed in their place.
    static let dots: Set<UInt32> = [0x2E, 0xB7, 0x387, 0x16EB, 0x2022, 0x2024, 0x2027, 0x2219, 0x22C5, 0x2E31, 0x30FB, 0x318D, 0xFF65]

    /// `name` without spaces or middle dots, full-width letters and digits made half-width, Latin
    /// letters lower-cased: `王 建华`, `王建华` and `王　建华` are one name.
    public static func normalized(_ name: String) -> String {
        // Most names need nothing done: return them without building a new string.
        if isSimple(name) || !name.unicodeScalars.contains(where: needsWork) { return name }
        var out = String.UnicodeScalarView()
        for s in name.unicodeScalars {
            var v = s.value
            if (0xFF01...0xFF5E).contains(v) { v -= 0xFEE0 }
            if dots.contains(v) || isSpace(v) || (v < 0x20) { continue }
            if (0x41...0x5A).contains(v) { v += 0x20 }
            out.append(Unicode.Scalar(v) ?? s)
        }
        return String(out)
    }

    /// True when every character of `s` is a Chinese character of U+4000–U+9FFF or an ASCII
    /// character other than a space, a capital letter, `.`, `;` and `,`. Such a text is its own
    /// normalised form and one party, and two such texts are equal exactly when their bytes are
    /// (they are in NFC and nothing in them composes): the common case, read as bytes.
    public static func isSimple(_ s: String) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { b -> Bool in
            if b.isEmpty { return false }
            var i = 0
            while i < b.count {
                let c = b[i]
                if c < 0x80 {
                    if c <= 0x20 || c == 0x2E || c == 0x3B || c == 0x2C || c == 0x7F || (0x41...0x5A).contains(c) { return false }
                    i += 1
                } else if (0xE4...0xE9).contains(c), i + 2 < b.count {
                    i += 3
                } else {
                    return false
                }
            }
            return true
        } ?? false
    }

    /// Unicode's white space (a table rather than the property lookup, which dominated a scan).
    static func isSpace(_ v: UInt32) -> Bool {
        v <= 0x20 || v == 0x85 || v == 0xA0 || v == 0x1680 || (0x2000...0x200A).contains(v) || v == 0x2028 || v == 0x2029
            || v == 0x202F || v == 0x205F || v == 0x3000
    }

    static func needsWork(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v <= 0x20 || v == 0x2E || (0x41...0x5A).contains(v) }
        return (0xFF01...0xFF5E).contains(v) || isSpace(v) || dots.contains(v)
    }

    /// The names in a party field: several parties are separated by `；`, `;`, `、` or commas.
    public static func parties(_ value: String) -> [String] {
        if isSingleParty(value) { return [value] }
        if !value.contains(where: { "；;、,，".contains($0) }) {
            let t = value.trimmingCharacters(in: .whitespaces)
            return t.isEmpty ? [] : [t]
        }
        return value.split(whereSeparator: { "；;、,，".contains($0) }).map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// True when `value` is one party as it stands: no separator, nothing to trim at either end
    /// (``isSpace(_:)`` holds all that `.whitespaces` does). Read as bytes: most fields are one
    /// name, and then nothing is built.
    public static func isSingleParty(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, let last = value.unicodeScalars.last,
              !isSpace(first.value), !isSpace(last.value) else { return false }
        return value.utf8.withContiguousStorageIfAvailable { b -> Bool in
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x3B || c == 0x2C { return false }  // ; ,
                // ；(EF BC 9B) ，(EF BC 8C) 、(E3 80 81)
                if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBC, b[i + 2] == 0x9B || b[i + 2] == 0x8C { return false }
                if c == 0xE3, i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x81 { return false }
                i += 1
            }
            return true
        } ?? false
    }
}

extension PersonName {
    /// The normalised names a party field is looked up by: each party of a field that may name
    /// several (`several`: the respondents), else the whole value; empty ones left out.
    public static func keys(_ value: String, several: Bool) -> [String] {
        if value.isEmpty { return [] }
        let parties = several && !isSimple(value) ? parties(value) : [value]
        return parties.map(normalized).filter { !$0.isEmpty }
    }
}

extension CaseKind {
    /// The fields naming a case's parties, the main party's first (the one whose `phone` and
    /// `id_number` the case holds); `respondent` may name several.
    public var partyFields: [String] {
        switch self {
        case .consultation: ["client"]
        case .mediation: ["applicant", "respondent"]
        case .petition: ["petitioner"]
        case .review: ["requester"]
        case .suit: []
        }
    }
}
