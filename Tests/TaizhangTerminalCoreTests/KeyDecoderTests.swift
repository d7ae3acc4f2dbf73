import Testing
@testable import TaizhangTerminalCore

/// Bytes to keys: text, control codes, escape sequences, bracketed paste, however the bytes
/// are split between reads.
@Suite struct KeyDecoderTests {
    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let esc: UInt8 = 0x1B

    /// Decodes `chunks` read one after another, then a pause.
    static func decode(_ chunks: [[UInt8]], pause: Bool = true) -> [Key] {
        var d = KeyDecoder()
        var keys: [Key] = []
        for c in chunks { keys += d.feed(c) }
        if pause { keys += d.pause() }
        return keys
    }

    /// Decodes `bytes` split at every possible point (and byte by byte) and requires the same
    /// keys each time.
    static func expectSameAtEverySplit(_ bytes: [UInt8], _ expected: [Key], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(decode([bytes]) == expected, sourceLocation: sourceLocation)
        #expect(decode(bytes.map { [$0] }) == expected, "byte by byte", sourceLocation: sourceLocation)
        for cut in 1..<max(1, bytes.count) {
            #expect(decode([Array(bytes[..<cut]), Array(bytes[cut...])]) == expected, "split at \(cut)", sourceLocation: sourceLocation)
        }
    }

    @Test func textIncludingChinese() {
        #expect(KeyDecoderTests.decode([KeyDecoderTests.bytes("a张三 1")]) == [.char("a"), .char("张"), .char("三"), .char(" "), .char("1")])
    }

    @Test func utf8SplitAcrossReads() {
        KeyDecoderTests.expectSameAtEverySplit(KeyDecoderTests.bytes("调解😀é"), [.char("调"), .char("解"), .char("😀"), .char("é")])
        // The first bytes of a character alone give nothing yet, even after a pause.
        var d = KeyDecoder()
        #expect(d.feed([0xE8, 0xB0]) == [])
        #expect(d.pause() == [])
        #expect(d.feed([0x83]) == [.char("调")])
    }

    @Test func brokenUTF8IsDroppedAndTheNextKeyStillArrives() {
        #expect(KeyDecoderTests.decode([[0xE5, 0x41]]) == [.char("A")])
        #expect(KeyDecoderTests.decode([[0x80, 0xFF, 0x62]]) == [.char("b")])
        #expect(KeyDecoderTests.decode([[0xE5, 0x1B, 0x5B, 0x41]]) == [.up])
        // An overlong encoding of "/" is not a character.
        #expect(KeyDecoderTests.decode([[0xC0, 0xAF]]) == [])
    }

    @Test func controlCodesAndCtrlKeys() {
        #expect(KeyDecoderTests.decode([[0x01, 0x13, 0x11, 0x15, 0x1A]]) == [.ctrl("a"), .ctrl("s"), .ctrl("q"), .ctrl("u"), .ctrl("z")])
        // A line feed is Ctrl-J (a new line in a long text; the app takes it as Enter elsewhere).
        #expect(KeyDecoderTests.decode([[9, 13, 10, 127, 8]]) == [.tab, .enter, .ctrl("j"), .backspace, .backspace])
        // Ctrl-Space and the codes above Ctrl-Z mean nothing here.
        #expect(KeyDecoderTests.decode([[0, 28, 29, 30, 31]]) == [])
    }

    static let sequences: [(String, Key)] = [
        ("[A", .up), ("[B", .down), ("[C", .right), ("[D", .left),
        ("OA", .up), ("OB", .down), ("OC", .right), ("OD", .left),
        ("[H", .home), ("[F", .end), ("OH", .home), ("OF", .end), ("[1~", .home), ("[4~", .end), ("[7~", .home), ("[8~", .end),
        ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown), ("[Z", .backTab), ("OM", .enter),
        ("OP", .function(1)), ("OQ", .function(2)), ("OR", .function(3)), ("OS", .function(4)),
        ("[11~", .function(1)), ("[12~", .function(2)), ("[13~", .function(3)), ("[14~", .function(4)), ("[15~", .function(5)),
        ("[17~", .function(6)), ("[18~", .function(7)), ("[19~", .function(8)), ("[20~", .function(9)), ("[21~", .function(10)),
        ("[23~", .function(11)), ("[24~", .function(12)),
        ("[[A", .function(1)), ("[[B", .function(2)), ("[[E", .function(5)),
    ]

    @Test(arguments: KeyDecoderTests.sequences.indices)
    func escapeSequence(_ i: Int) {
        let (body, key) = KeyDecoderTests.sequences[i]
        KeyDecoderTests.expectSameAtEverySplit([KeyDecoderTests.esc] + KeyDecoderTests.bytes(body), [key])
        // Followed by a key in the same read.
        #expect(KeyDecoderTests.decode([[KeyDecoderTests.esc] + KeyDecoderTests.bytes(body + "j")]) == [key, .char("j")], "ESC \(body)")
    }

    @Test func loneEscapeWaitsForThePause() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B]) == [])
        #expect(d.isAwaitingSequence)
        #expect(d.pause() == [.escape])
        #expect(!d.isAwaitingSequence)
        #expect(KeyDecoderTests.decode([[0x1B, 0x1B]]) == [.escape, .escape])
    }

    @Test func escapeThenAnOrdinaryKey() {
        #expect(KeyDecoderTests.decode([[0x1B, 0x71]]) == [.escape, .char("q")])
        #expect(KeyDecoderTests.decode([[0x1B] + KeyDecoderTests.bytes("张")]) == [.escape, .char("张")])
        #expect(KeyDecoderTests.decode([[0x1B, 0x0D]]) == [.escape, .enter])
    }

    @Test func anUnfinishedSequenceIsWhatWasTyped() {
        #expect(KeyDecoderTests.decode([[0x1B, 0x5B]]) == [.escape, .char("[")])
        #expect(KeyDecoderTests.decode([[0x1B] + KeyDecoderTests.bytes("[12")]) == [.escape, .char("["), .char("1"), .char("2")])
        #expect(KeyDecoderTests.decode([[0x1B, 0x4F]]) == [.escape, .char("O")])
    }

    @Test func unknownAndModifiedSequencesAreSkipped() {
        // Ctrl-Up, Shift-F5, Insert, an unknown number: nothing, and decoding goes on after them.
        for body in ["[1;5A", "[15;2~", "[2~", "[99~", "[?1;2c", "Ox", "O2P", "O1;5A"] {
            #expect(KeyDecoderTests.decode([[0x1B] + KeyDecoderTests.bytes(body + "k")]) == [.char("k")], "ESC \(body)")
        }
        // A runaway parameter string is dropped whole.
        #expect(KeyDecoderTests.decode([[0x1B] + KeyDecoderTests.bytes("[" + String(repeating: "1", count: 100) + "Ak")]) == [.char("k")])
    }

    @Test func bracketedPasteIsOneKey() {
        let paste = [0x1B] + KeyDecoderTests.bytes("[200~第一行\r第二行\tX[201]") + [0x1B] + KeyDecoderTests.bytes("[201~j")
        KeyDecoderTests.expectSameAtEverySplit(paste, [.paste("第一行\n第二行\tX[201]"), .char("j")])
    }

    @Test func pastedLineBreaksAndControlCharacters() {
        func paste(_ inner: [UInt8]) -> [Key] {
            KeyDecoderTests.decode([[0x1B] + KeyDecoderTests.bytes("[200~") + inner + [0x1B] + KeyDecoderTests.bytes("[201~")])
        }
        #expect(paste(KeyDecoderTests.bytes("a\r\nb\nc\rd")) == [.paste("a\nb\nc\nd")])
        #expect(paste(KeyDecoderTests.bytes("a\r\r\nb")) == [.paste("a\n\nb")])
        // Escapes, backspaces and bytes that are not UTF-8 never reach the text.
        #expect(paste([0x61, 0x1B, 0x07, 0x7F, 0xFF, 0x62]) == [.paste("ab")])
        #expect(paste([]) == [.paste("")])
    }

    @Test func aStalledPasteEndsWithWhatArrived() {
        var d = KeyDecoder()
        #expect(d.feed([0x1B] + KeyDecoderTests.bytes("[200~张三") + [0x1B] + KeyDecoderTests.bytes("[20")) == [])
        #expect(d.isInsidePaste)
        #expect(d.pause() == [.paste("张三")])
        #expect(!d.isInsidePaste)
        #expect(d.feed(KeyDecoderTests.bytes("x")) == [.char("x")])
    }

    /// Every key that has bytes decodes back to itself.
    @Test func everyKeyRoundTrips() {
        var keys: [Key] = [.char("a"), .char("张"), .char("😀"), .enter, .escape, .tab, .backTab, .backspace, .delete,
                           .up, .down, .left, .right, .home, .end, .pageUp, .pageDown, .paste("多行\n文字"), .paste("")]
        keys += (1...12).map { .function($0) }
        keys += "abcdefgklnopqrstuvwxyz".map { .ctrl($0) }
        for k in keys {
            let b = k.terminalBytes!
            #expect(KeyDecoderTests.decode([b]) == [k], "\(k)")
        }
        #expect(Key.resize.terminalBytes == nil)
        #expect(Key.tick.terminalBytes == nil)
    }
}
