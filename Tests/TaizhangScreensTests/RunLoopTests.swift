import Testing
import TaizhangDomain
import TaizhangScreens
import TaizhangTerminalCore

/// The app on an in-memory terminal, through the same loop and key reader as on the real one.
@Suite struct RunLoopTests {
    @Test func drawsTheQueueAndQuitsOnQ() throws {
        let h = try Harness(setup: sampleLedger)
        let t = InMemoryBackend(width: 80, height: 24, input: [.key(.char("q")), .text("never read")])
        h.app.run(on: t)
        #expect(t.frames.count == 1)
        #expect(t.keys == [.char("q")])
        #expect(t.screen.text.contains("张三"))
        #expect(t.screen == t.frames[0])
    }

    @Test func endsWhenTheTerminalGoesAway() throws {
        let h = try Harness(setup: sampleLedger)
        let t = InMemoryBackend(input: [.pause, .hangUp])
        h.app.run(on: t)
        #expect(t.keys == [.tick])
        #expect(t.frames.count == 2)
        #expect(t.waits.first == App.pollMilliseconds)
    }

    @Test func followsAResizeWithAFullRedraw() throws {
        let h = try Harness(setup: sampleLedger)
        let t = InMemoryBackend(width: 80, height: 24, input: [.resize(width: 100, height: 30), .resize(width: 60, height: 20), .key(.char("q"))])
        h.app.run(on: t)
        #expect(t.frames.map { "\($0.width)x\($0.height)" } == ["80x24", "100x30", "60x20"])
        #expect(t.updates.map(\.clearsScreen) == [true, true, true])
        #expect(t.screen.text.contains("终端窗口太小"))
    }

    @Test func movingTheSelectionRedrawsOnlyWhatChanged() throws {
        let h = try Harness(setup: sampleLedger)
        let t = InMemoryBackend(width: 80, height: 24, input: [.key(.char("j")), .key(.char("q"))])
        h.app.run(on: t)
        #expect(t.frames.count == 2)
        let update = try #require(t.updates.last)
        #expect(!update.clearsScreen)
        #expect(!update.runs.isEmpty)
        #expect(update.rows.count < 12, "rows redrawn: \(update.rows)")
        #expect(t.screen == t.frames[1])
    }

    @Test func aPasteIntoTheFilterIsOneKey() throws {
        let h = try Harness(setup: sampleLedger)
        let t = InMemoryBackend(width: 80, height: 24, input: [.key(.char("/")), .bytes(Key.paste("李四").terminalBytes!), .key(.enter), .key(.char("q"))])
        h.app.run(on: t)
        #expect(t.keys == [.char("/"), .paste("李四"), .enter, .char("q")])
        #expect(t.screen.text.contains("张三 / 李四"))
        #expect(!t.screen.text.contains("Bob Smith"))
    }
}
