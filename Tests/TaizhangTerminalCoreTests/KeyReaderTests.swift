import Testing
@testable import TaizhangTerminalCore

/// A scripted input source that records how long each wait was allowed to take.
struct ScriptedSource: InputSource {
    var events: [InputEvent]
    var waits: [Int] = []
    init(_ events: [InputEvent]) { self.events = events }
    mutating func wait(milliseconds: Int) -> InputEvent {
        waits.append(milliseconds)
        return events.isEmpty ? .closed : events.removeFirst()
    }
}

/// The reader between the terminal and the app: ticks, the wait after ESC, stalled pastes,
/// resizes, the end of input.
@Suite struct KeyReaderTests {
    static func read(_ events: [InputEvent], timeout: Int = 250) -> (keys: [Key], waits: [Int]) {
        var r = KeyReader(source: ScriptedSource(events))
        var keys: [Key] = []
        while let k = r.next(timeoutMilliseconds: timeout) { keys.append(k) }
        return (keys, r.source.waits)
    }

    @Test func nothingWithinTheTimeoutIsATick() {
        let r = KeyReaderTests.read([.timeout, .bytes([0x6A]), .timeout])
        #expect(r.keys == [.tick, .char("j"), .tick])
        #expect(r.waits == [250, 250, 250, 250])
    }

    @Test func escapeIsDecidedAfterAShortWait() {
        let r = KeyReaderTests.read([.bytes([0x1B]), .timeout, .bytes([0x71])])
        #expect(r.keys == [.escape, .char("q")])
        #expect(r.waits == [250, KeyReader<ScriptedSource>.escapeDelayMilliseconds, 250, 250])
    }

    @Test func aSequenceSplitAcrossReadsIsOneKey() {
        let r = KeyReaderTests.read([.bytes([0x1B]), .bytes([0x5B]), .bytes([0x42])])
        #expect(r.keys == [.down])
    }

    @Test func aPasteSplitAcrossReadsIsOneKeyAndMayStall() {
        let start: [UInt8] = [0x1B] + Array("[200~".utf8), end: [UInt8] = [0x1B] + Array("[201~".utf8)
        let text = Array("张三\r李四".utf8)
        var r = KeyReaderTests.read([.bytes(start + text.prefix(4)), .bytes(Array(text.dropFirst(4)) + end.prefix(3)), .bytes(Array(end.dropFirst(3)))])
        #expect(r.keys == [.paste("张三\n李四")])
        #expect(r.waits.dropFirst().prefix(2) == [KeyReader<ScriptedSource>.pasteGapMilliseconds, KeyReader<ScriptedSource>.pasteGapMilliseconds])
        // A paste whose end marker never comes ends when the input stalls.
        r = KeyReaderTests.read([.bytes(start + text), .timeout, .bytes([0x6B])])
        #expect(r.keys == [.paste("张三\n李四"), .char("k")])
    }

    @Test func aResizeIsAKeyAndDoesNotBreakASequence() {
        let r = KeyReaderTests.read([.resized, .bytes([0x1B, 0x5B]), .resized, .bytes([0x41])])
        #expect(r.keys == [.resize, .resize, .up])
    }

    @Test func theEndOfInputEndsTheKeysAfterWhatCameBefore() {
        var reader = KeyReader(source: ScriptedSource([.bytes([0x61, 0x1B]), .closed]))
        #expect(reader.next(timeoutMilliseconds: 250) == .char("a"))
        #expect(reader.next(timeoutMilliseconds: 250) == .escape)
        #expect(reader.next(timeoutMilliseconds: 250) == nil)
        #expect(reader.next(timeoutMilliseconds: 250) == nil)
        #expect(reader.source.waits.count == 2)
    }

    @Test func bytesThatAreNoKeyDoNotEndTheWait() {
        // An unknown sequence, then a tick: the reader waits again instead of returning nothing.
        let r = KeyReaderTests.read([.bytes([0x1B] + Array("[99~".utf8)), .timeout])
        #expect(r.keys == [.tick])
    }
}

/// The in-memory terminal: scripted keys through the real reader, frames kept, resizes and
/// suspends force a full redraw.
@Suite struct InMemoryBackendTests {
    @Test func scriptedKeysArriveThroughTheReader() {
        let t = InMemoryBackend(input: [.key(.escape), .text("张a"), .key(.up), .key(.paste("x\ny")), .pause, .bytes([0x13]), .key(.tick)])
        var keys: [Key] = []
        while let k = t.nextKey(timeoutMilliseconds: 250) { keys.append(k) }
        #expect(keys == [.escape, .char("张"), .char("a"), .up, .paste("x\ny"), .tick, .ctrl("s"), .tick])
        #expect(t.keys == keys)
    }

    @Test func aResizeChangesTheSizeAndRedrawsInFull() {
        let t = InMemoryBackend(width: 10, height: 2, input: [.resize(width: 10, height: 2), .resize(width: 12, height: 3), .hangUp, .text("never")])
        var g = CellGrid(width: 10, height: 2)
        g.put("ab", x: 0, y: 0)
        t.draw(g)
        t.draw(g)
        #expect(t.updates.map(\.clearsScreen) == [true, false])
        #expect(t.nextKey(timeoutMilliseconds: 250) == .resize)
        #expect(t.size == TerminalSize(width: 10, height: 2))
        t.draw(g)
        #expect(t.updates.last?.clearsScreen == true)
        #expect(t.nextKey(timeoutMilliseconds: 250) == .resize)
        #expect(t.size == TerminalSize(width: 12, height: 3))
        #expect(t.nextKey(timeoutMilliseconds: 250) == nil)
        #expect(t.nextKey(timeoutMilliseconds: 250) == nil)
    }

    @Test func resumingAfterSuspendRedrawsInFull() {
        let t = InMemoryBackend(width: 4, height: 1)
        var g = CellGrid(width: 4, height: 1)
        g.put("ab", x: 0, y: 0)
        t.draw(g)
        t.suspend()
        t.resume()
        t.draw(g)
        #expect(t.events == [.suspended, .resumed])
        #expect(t.updates.map(\.clearsScreen) == [true, true])
        #expect(t.screen.row(0) == "ab  ")
    }
}

@Suite struct EscapingTests {
    @Test func controlCharactersBecomeVisible() {
        #expect(Escaping.visible("a\u{1B}[2Jb\u{7}\u{9B}\u{2028}\n\t") == "a\\e[2Jb\\x07\\x9b\\u{2028}\\n\\t")
        #expect(Escaping.visibleKeepingLines("a\u{1B}\nb\tc\r") == "a\\e\nb\tc\\r")
        #expect(Escaping.visible("张三 plain") == "张三 plain")
    }
}
