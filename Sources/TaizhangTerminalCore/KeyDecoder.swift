/// Turns the bytes a terminal sends into ``Key``s: UTF-8 text, control codes, the escape
/// sequences of the common terminals (xterm and its kin, tmux and screen, the Linux console,
/// rxvt) and bracketed paste (`ESC [200~ … ESC [201~`, one ``Key/paste(_:)``).
///
/// It keeps no clock: bytes go in as they arrive, split anywhere, and the caller says when the
/// input paused (``pause()``), which is what tells a lone Escape from the start of a sequence
/// and ends a paste whose end marker never came. ``KeyReader`` does that timing.
public struct KeyDecoder: Sendable {
    enum State: Sendable {
        /// Between keys.
        case ground
        /// Inside a multi-byte UTF-8 character; ``KeyDecoder/buffer`` holds its bytes so far.
        case utf8(need: Int)
        /// After ESC.
        case escape
        /// After `ESC [`; ``KeyDecoder/buffer`` holds the parameter bytes.
        case csi
        /// After `ESC [ [` (the Linux console's F1…F5).
        case console
        /// After `ESC O`.
        case ss3
        /// Inside a bracketed paste; ``KeyDecoder/buffer`` holds the pasted bytes.
        case paste
    }

    var state = State.ground
    /// The bytes of the character, sequence or paste in progress (kept out of `state` so a long
    /// paste is appended to in place).
    var buffer: [UInt8] = []
    /// Whether the sequence in progress is to be dropped when it ends: a control sequence longer
    /// than any real one, or a modified `ESC O` key.
    var overlong = false

    /// The end of a bracketed paste.
    static let pasteEnd: [UInt8] = [0x1B] + Array("[201~".utf8)
    /// Longest parameter string taken for a control sequence; longer ones are dropped.
    static let maximumSequence = 32

    /// A decoder between keys.
    public init() {}

    /// Whether an escape sequence has begun and not ended: the caller waits briefly for the
    /// rest, then calls ``pause()`` (a lone ESC is the Escape key).
    public var isAwaitingSequence: Bool {
        switch state {
        case .escape, .csi, .console, .ss3: return true
        default: return false
        }
    }

    /// Whether a bracketed paste has begun and not ended.
    public var isInsidePaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// Decodes `bytes` and returns the keys they complete.
    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        var out: [Key] = []
        for b in bytes { step(b, into: &out) }
        return out
    }

    /// The input paused: an unfinished escape sequence becomes the keys typed (ESC alone is the
    /// Escape key), and an unfinished paste ends with what arrived. An unfinished UTF-8
    /// character is kept: its remaining bytes may still come.
    public mutating func pause() -> [Key] {
        var out: [Key] = []
        switch state {
        case .ground, .utf8:
            break
        case .escape:
            state = .ground
            out.append(.escape)
        case .csi, .console:
            let rest = (state.isConsole ? [0x5B, 0x5B] : [0x5B]) + buffer
            state = .ground
            buffer = []
            overlong = false
            out.append(.escape)
            for b in rest { step(b, into: &out) }
        case .ss3:
            state = .ground
            overlong = false
            out += [.escape, .char("O")]
        case .paste:
            // Drop a partial end marker the pause cut off.
            var n = min(buffer.count, KeyDecoder.pasteEnd.count - 1)
            while n > 0, Array(buffer.suffix(n)) != Array(KeyDecoder.pasteEnd.prefix(n)) { n -= 1 }
            buffer.removeLast(n)
            out.append(.paste(KeyDecoder.pasteText(buffer)))
            state = .ground
            buffer = []
        }
        return out
    }

    mutating func step(_ b: UInt8, into out: inout [Key]) {
        switch state {
        case .ground:
            ground(b, into: &out)
        case let .utf8(need):
            guard b & 0xC0 == 0x80 else {
                // A broken character is dropped; the byte starts something new.
                state = .ground
                buffer = []
                ground(b, into: &out)
                return
            }
            buffer.append(b)
            guard buffer.count == need else { return }
            if let s = String(validating: buffer, as: UTF8.self), let scalar = s.unicodeScalars.first,
               let key = Key.fromScalar(scalar.value) {
                out.append(key)
            }
            state = .ground
            buffer = []
        case .escape:
            switch b {
            case UInt8(ascii: "["): state = .csi; buffer = []
            case UInt8(ascii: "O"): state = .ss3
            case 0x1B: out.append(.escape)
            default:
                // Escape, then an ordinary key typed quickly after it.
                out.append(.escape)
                state = .ground
                ground(b, into: &out)
            }
        case .csi:
            if buffer.isEmpty && b == UInt8(ascii: "[") {
                state = .console
            } else if (0x20...0x3F).contains(b) {
                if buffer.count < KeyDecoder.maximumSequence { buffer.append(b) } else { overlong = true }
            } else if (0x40...0x7E).contains(b) {
                let parameters = String(decoding: buffer, as: UTF8.self)
                let dropped = overlong
                state = .ground
                buffer = []
                overlong = false
                if dropped {
                    break
                } else if parameters == "200" && b == UInt8(ascii: "~") {
                    state = .paste
                } else if let key = KeyDecoder.csiKey(parameters, final: b) {
                    out.append(key)
                }
            } else {
                // Not part of any sequence: what was read is dropped, the byte starts anew.
                state = .ground
                buffer = []
                overlong = false
                ground(b, into: &out)
            }
        case .console:
            state = .ground
            if (UInt8(ascii: "A")...UInt8(ascii: "E")).contains(b) { out.append(.function(Int(b - UInt8(ascii: "A")) + 1)) }
        case .ss3:
            if (0x30...0x3F).contains(b) {
                // A modifier (`ESC O 2 P`, Shift-F1 on some terminals): the key is not one the TUI uses.
                overlong = true
                return
            }
            let modified = overlong
            state = .ground
            overlong = false
            if (0x40...0x7E).contains(b) {
                if !modified, let key = KeyDecoder.ss3Key(b) { out.append(key) }
            } else {
                ground(b, into: &out)
            }
        case .paste:
            buffer.append(b)
            if b == UInt8(ascii: "~"), buffer.count >= KeyDecoder.pasteEnd.count,
               buffer[(buffer.count - KeyDecoder.pasteEnd.count)...].elementsEqual(KeyDecoder.pasteEnd) {
                buffer.removeLast(KeyDecoder.pasteEnd.count)
                out.append(.paste(KeyDecoder.pasteText(buffer)))
                state = .ground
                buffer = []
            }
        }
    }

    mutating func ground(_ b: UInt8, into out: inout [Key]) {
        switch b {
        case 0x1B:
            state = .escape
        case 0x00..<0x80:
            if let key = Key.fromScalar(UInt32(b)) { out.append(key) }
        case 0xC2...0xDF:
            state = .utf8(need: 2); buffer = [b]
        case 0xE0...0xEF:
            state = .utf8(need: 3); buffer = [b]
        case 0xF0...0xF4:
            state = .utf8(need: 4); buffer = [b]
        default:
            break  // a stray continuation byte or one that never starts UTF-8
        }
    }

    /// `ESC [ parameters final`. Keys with modifiers (`ESC [1;5A`, Ctrl-Up) are not used by the
    /// TUI and give nil, as do sequences nobody sends.
    static func csiKey(_ parameters: String, final: UInt8) -> Key? {
        let plain = parameters.isEmpty || parameters == "1"
        switch final {
        case UInt8(ascii: "A"): return plain ? .up : nil
        case UInt8(ascii: "B"): return plain ? .down : nil
        case UInt8(ascii: "C"): return plain ? .right : nil
        case UInt8(ascii: "D"): return plain ? .left : nil
        case UInt8(ascii: "H"): return plain ? .home : nil
        case UInt8(ascii: "F"): return plain ? .end : nil
        case UInt8(ascii: "Z"): return plain ? .backTab : nil
        case UInt8(ascii: "~"):
            switch parameters {
            case "1", "7": return .home
            case "4", "8": return .end
            case "3": return .delete
            case "5": return .pageUp
            case "6": return .pageDown
            case "11", "12", "13", "14", "15": return .function(Int(parameters)! - 10)
            case "17", "18", "19", "20", "21": return .function(Int(parameters)! - 11)
            case "23", "24": return .function(Int(parameters)! - 12)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// `ESC O final`: cursor and keypad keys in application mode, F1…F4.
    static func ss3Key(_ final: UInt8) -> Key? {
        switch final {
        case UInt8(ascii: "A"): return .up
        case UInt8(ascii: "B"): return .down
        case UInt8(ascii: "C"): return .right
        case UInt8(ascii: "D"): return .left
        case UInt8(ascii: "H"): return .home
        case UInt8(ascii: "F"): return .end
        case UInt8(ascii: "M"): return .enter
        case UInt8(ascii: "P"), UInt8(ascii: "Q"), UInt8(ascii: "R"), UInt8(ascii: "S"): return .function(Int(final - UInt8(ascii: "P")) + 1)
        default: return nil
        }
    }

    /// Pasted bytes as text: line breaks (CR, LF or CR LF) become `\n`, tabs stay, other control
    /// characters and bytes that are not UTF-8 are dropped.
    static func pasteText(_ bytes: [UInt8]) -> String {
        var text = ""
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var afterCR = false
        loop: while true {
            switch decoder.decode(&iterator) {
            case let .scalarValue(s):
                defer { afterCR = s == "\r" }
                switch s.value {
                case 0x0D: text.append("\n")
                case 0x0A: if !afterCR { text.append("\n") }
                case 0x09: text.append("\t")
                case 0..<0x20, 0x7F: break
                default: text.unicodeScalars.append(s)
                }
            case .emptyInput:
                break loop
            case .error:
                afterCR = false
            }
        }
        return text
    }
}

extension KeyDecoder.State {
    var isConsole: Bool {
        if case .console = self { return true }
        return false
    }
}
