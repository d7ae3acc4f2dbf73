/// A key press as the screens see it; ``KeyDecoder`` turns the bytes a terminal sends into these.
public enum Key: Sendable, Hashable {
    /// A printable character (a Chinese character from an input method arrives as one of these).
    case char(Character)
    /// Ctrl plus a letter, lowercase (`ctrl("s")` is Ctrl-S).
    case ctrl(Character)
    /// Function key F1…F12.
    case function(Int)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// Text pasted in one go (bracketed paste), line breaks included.
    case paste(String)
    /// The terminal changed size.
    case resize
    /// No key within the poll interval: time to look for appended lines.
    case tick

    /// Builds a key from one Unicode scalar read in text mode (control codes become keys; a
    /// line feed is Ctrl-J, which the app takes as Enter outside long texts).
    public static func fromScalar(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(Unicode.Scalar(v + 96)!))
        case 0, 28...31: return nil
        default:
            guard let s = Unicode.Scalar(v) else { return nil }
            return .char(Character(s))
        }
    }
}
