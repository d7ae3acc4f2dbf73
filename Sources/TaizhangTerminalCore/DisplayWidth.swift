/// Terminal display width of text: East Asian wide and fullwidth characters take two cells,
/// combining marks and zero-width characters none, everything else one.
///
/// A table of its own instead of `wcwidth(3)`: `wcwidth` answers -1 for every non-ASCII
/// character unless the process has set a UTF-8 locale, and its answers differ between C
/// libraries; the CLI's tables and the tests must not depend on either.
public enum DisplayWidth {
    /// Width in cells of one grapheme cluster (its first scalar decides; emoji presentation
    /// selectors make it wide).
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if c.isASCII { return first.value < 0x20 || first.value == 0x7F ? 0 : 1 }
        if scalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
        return of(first)
    }

    /// Width in cells of one scalar.
    public static func of(_ s: Unicode.Scalar) -> Int {
        let v = s.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        if isZeroWidth(v) { return 0 }
        return isWide(v) ? 2 : 1
    }

    /// Width in cells of a string.
    public static func of(_ text: String) -> Int {
        var w = 0
        for c in text { w += of(c) }
        return w
    }

    static func isZeroWidth(_ v: UInt32) -> Bool {
        (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0x2060...0x2064).contains(v)
            || (0xFE00...0xFE0F).contains(v) || (0xFE20...0xFE2F).contains(v) || v == 0xFEFF
            || (0x1AB0...0x1AFF).contains(v) || (0x1DC0...0x1DFF).contains(v) || (0x20D0...0x20FF).contains(v)
            || (0xE0100...0xE01EF).contains(v)
    }

    static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3,
             0x25FD...0x25FE, 0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB,
             0x26BD...0x26BE, 0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA,
             0x26FD, 0x2705, 0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757,
             0x2795...0x2797, 0x27B0, 0x27BF, 0x2B1B...0x2B1C, 0x2B50, 0x2B55,
             0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F,
             0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,
             0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A, 0x1F200...0x1F251, 0x1F300...0x1F64F,
             0x1F680...0x1F6FF, 0x1F7E0...0x1F7EB, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// `text` cut to at most `width` cells (a wide character is never split: it is dropped and
    /// the cell filled with a space), padded with spaces to exactly `width`; `ellipsis` marks a cut.
    public static func fit(_ text: String, width: Int, ellipsis: Bool = true) -> String {
        let total = of(text)
        if total <= width { return text + String(repeating: " ", count: width - total) }
        let budget = ellipsis ? width - 1 : width
        var out = ""
        var used = 0
        for c in text {
            let w = of(c)
            if used + w > budget { break }
            out.append(c)
            used += w
        }
        if ellipsis && width > 0 { out.append("…"); used += 1 }
        return out + String(repeating: " ", count: max(0, width - used))
    }
}
