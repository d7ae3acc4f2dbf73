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

    /// Builds a key from one Unicode scalar read in text mode (control codes become keys).
    public static func fromScalar(_ v: UInt32) -> Key? {
        switch v {
        case 9: return .tab
        case 10, 13: return .enter
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

extension Key {
    /// The bytes an xterm-like terminal sends for this key (what ``KeyDecoder`` reads back),
    /// nil for `.resize` and `.tick`, which are not bytes. Scripted input in tests is built from these.
    public var terminalBytes: [UInt8]? {
        func csi(_ s: String) -> [UInt8] { [0x1B, UInt8(ascii: "[")] + Array(s.utf8) }
        switch self {
        case let .char(c): return Array(String(c).utf8)
        case let .ctrl(c):
            guard let v = c.asciiValue, (97...122).contains(v) else { return nil }
            return [v - 96]
        case let .function(n):
            switch n {
            case 1...4: return [0x1B, UInt8(ascii: "O"), UInt8(ascii: "P") + UInt8(n - 1)]
            case 5: return csi("15~")
            case 6...10: return csi("\(n + 11)~")
            case 11, 12: return csi("\(n + 12)~")
            default: return nil
            }
        case .enter: return [13]
        case .escape: return [0x1B]
        case .tab: return [9]
        case .backTab: return csi("Z")
        case .backspace: return [0x7F]
        case .delete: return csi("3~")
        case .up: return csi("A")
        case .down: return csi("B")
        case .right: return csi("C")
        case .left: return csi("D")
        case .home: return csi("H")
        case .end: return csi("F")
        case .pageUp: return csi("5~")
        case .pageDown: return csi("6~")
        case let .paste(text): return csi("200~") + Array(text.utf8) + csi("201~")
        case .resize, .tick: return nil
        }
    }
}
