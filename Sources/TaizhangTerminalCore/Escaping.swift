/// Makes text safe to print on a terminal: control characters (C0, DEL, C1, U+2028/2029) become
/// visible escapes such as `\e`, `\n`, `\x07`, so text from a ledger (even a damaged or hostile
/// one) can never emit terminal control sequences; the bidirectional controls (U+202E makes
/// "exe.txt" of "txt.exe" without being visible itself) become `\u{202e}`.
///
/// Every place that shows stored text goes through it: the cell grid, the CLI's output, the
/// validation messages and the log's descriptions of damaged lines.
public enum Escaping {
    /// `text` with every control character escaped.
    public static func visible(_ text: String) -> String { visible(text, keepingLines: false) }

    /// Like ``visible(_:)`` but keeps newlines and tabs: for multi-line output such as a whole
    /// report or table, where every other control character is still escaped.
    public static func visibleKeepingLines(_ text: String) -> String { visible(text, keepingLines: true) }

    static func visible(_ text: String, keepingLines: Bool) -> String {
        func escaped(_ s: Unicode.Scalar) -> Bool {
            (isControl(s) || isBidiControl(s)) && !(keepingLines && (s == "\n" || s == "\t"))
        }
        // Fast path: most text has no control characters.
        if !text.unicodeScalars.contains(where: escaped) { return text }
        var out = ""
        for s in text.unicodeScalars {
            if !escaped(s) { out.unicodeScalars.append(s); continue }
            switch s.value {
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x1B: out += "\\e"
            default:
                let hex = String(s.value, radix: 16)
                out += s.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" + hex : hex) : "\\u{\(hex)}"
            }
        }
        return out
    }

    /// Whether `s` is a control character.
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
    }

    /// Whether `s` is one of the Unicode bidirectional formatting characters: U+061C,
    /// U+200E–200F, U+202A–202E, U+2066–2069.
    public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
