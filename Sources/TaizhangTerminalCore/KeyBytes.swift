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
