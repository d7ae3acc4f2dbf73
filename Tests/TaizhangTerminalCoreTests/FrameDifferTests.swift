import Testing
import TaizhangRandom
import TaizhangTestSupport
@testable import TaizhangTerminalCore

/// What the differ sends: everything on the first frame, then only changed cells, wide
/// characters whole, nothing the terminal could not show as the grid holds it.
@Suite struct FrameDifferTests {
    static func grid(_ rows: [String], width: Int) -> CellGrid {
        var g = CellGrid(width: width, height: rows.count)
        for (y, r) in rows.enumerated() { g.put(r, x: 0, y: y) }
        return g
    }

    @Test func firstFrameClearsAndWritesEveryCell() {
        var d = FrameDiffer()
        let u = d.update(to: FrameDifferTests.grid(["ab", "张"], width: 4))
        #expect(u.clearsScreen)
        #expect(u.runs.map(\.y) == [0, 1])
        #expect(u.runs.map(\.cells.count) == [4, 4])
        #expect(u.runs.map(\.text) == ["ab  ", "张  "])
    }

    @Test func anUnchangedFrameSendsNothing() {
        var d = FrameDiffer()
        let g = FrameDifferTests.grid(["张三 ab", "x"], width: 8)
        _ = d.update(to: g)
        let u = d.update(to: g)
        #expect(!u.clearsScreen)
        #expect(u.runs.isEmpty)
    }

    @Test func onlyTheChangedCellsAreSent() {
        var d = FrameDiffer()
        var g = FrameDifferTests.grid(["abcdef", "ghijkl", "mnopqr"], width: 6)
        _ = d.update(to: g)
        g.put("X", x: 2, y: 1)
        g.put("YZ", x: 4, y: 1)
        let u = d.update(to: g)
        #expect(u.rows == [1])
        #expect(u.runs == [CellRun(x: 2, y: 1, style: .plain, cells: [Cell(text: "X", style: .plain)]),
                           CellRun(x: 4, y: 1, style: .plain, cells: [Cell(text: "Y", style: .plain), Cell(text: "Z", style: .plain)])])
    }

    @Test func aStyleChangeStartsANewRun() {
        var d = FrameDiffer()
        var g = CellGrid(width: 3, height: 1)
        g.put("a", x: 0, y: 0)
        g.put("b", x: 1, y: 0, style: .alert)
        g.put("c", x: 2, y: 0)
        let u = d.update(to: g)
        #expect(u.runs.map(\.text) == ["a", "b", "c"])
        #expect(u.runs.map(\.style) == [.plain, .alert, .plain])
        // Restyling alone is a change.
        g.highlight(x: 0, y: 0, width: 1)
        #expect(d.update(to: g).runs.map(\.x) == [0])
    }

    @Test func aWideCharacterIsRewrittenWholeWhenOnlyItsRightHalfChanged() {
        var d = FrameDiffer()
        var g = FrameDifferTests.grid(["a张三b"], width: 8)
        _ = d.update(to: g)
        // Selection ending in the middle of 三: only its right half changes style.
        g.highlight(x: 4, y: 0, width: 1)
        let u = d.update(to: g)
        #expect(u.runs.count == 1)
        #expect(u.runs[0].x == 3)
        #expect(u.runs[0].text == "三")
        #expect(u.runs[0].cells.count == 2)
        #expect(u.runs[0].style == .plain)
    }

    @Test func wideAndNarrowCharactersReplacingEachOther() {
        var d = FrameDiffer()
        var g = FrameDifferTests.grid(["abcd"], width: 4)
        _ = d.update(to: g)
        g.put("张", x: 1, y: 0)
        var u = d.update(to: g)
        #expect(u.runs.map(\.x) == [1])
        #expect(u.runs.map(\.text) == ["张"])
        g.put("xy", x: 1, y: 0)
        u = d.update(to: g)
        #expect(u.runs.map(\.x) == [1])
        #expect(u.runs.map(\.text) == ["xy"])
        // Writing over the left half blanks the right half, and both are sent.
        g.put("张", x: 0, y: 0)
        g.put("q", x: 0, y: 0)
        _ = d.update(to: g)
        g.put("张", x: 2, y: 0)
        u = d.update(to: g)
        #expect(u.runs.map(\.text) == ["张"])
    }

    @Test func cellsATerminalCannotShowAreSentAsBlanks() {
        var d = FrameDiffer()
        var g = CellGrid(width: 3, height: 2)
        // Set directly, bypassing put's checks: a wide character in the last column, and a right
        // half with no character on its left.
        g[2, 0] = Cell(text: "张", style: .plain)
        g[0, 1] = Cell(text: "", style: .plain)
        let u = d.update(to: g)
        #expect(u.runs.map(\.text) == ["   ", "   "])
        #expect(!u.runs.flatMap(\.cells).contains { $0.isContinuation })
    }

    @Test func aNewSizeOrInvalidateClearsTheScreen() {
        var d = FrameDiffer()
        _ = d.update(to: FrameDifferTests.grid(["ab"], width: 4))
        let wider = FrameDifferTests.grid(["ab"], width: 5)
        var u = d.update(to: wider)
        #expect(u.clearsScreen)
        #expect(u.runs.map(\.text) == ["ab   "])
        d.invalidate()
        u = d.update(to: wider)
        #expect(u.clearsScreen)
        #expect(u.runs.map(\.text) == ["ab   "])
        #expect(!d.update(to: wider).clearsScreen)
    }

    @Test func theCursorIsShownOnlyInsideTheFrame() {
        var d = FrameDiffer()
        var g = CellGrid(width: 4, height: 2)
        g.cursor = (3, 1)
        #expect(d.update(to: g).cursor == GridPoint(x: 3, y: 1))
        g.cursor = (4, 1)
        #expect(d.update(to: g).cursor == nil)
        g.cursor = (-1, 0)
        #expect(d.update(to: g).cursor == nil)
        g.cursor = (0, 2)
        #expect(d.update(to: g).cursor == nil)
        g.cursor = nil
        #expect(d.update(to: g).cursor == nil)
    }

    /// Random frames, with text hanging over every edge: applying each update to what the
    /// terminal showed gives exactly the new frame, and nothing unchanged is sent except the
    /// other half of a changed wide character.
    @Test func updatesReproduceEveryFrameAndSendOnlyChanges() {
        let seed = TestSeed(0x7E4_3141)
        var rng = SplitMix64(seed: seed.value)
        let pieces = ["张三", "调解", "ab", "x", "（）", "é", "😀", "—", " ", "李四王五赵六"]
        let styles: [CellStyle] = [.plain, .bold, .alert, .reverse, .hint]
        for round in 0..<40 {
            let width = Int.random(in: 1...12, using: &rng), height = Int.random(in: 1...4, using: &rng)
            let backend = InMemoryBackend(width: width, height: height)
            var g = CellGrid(width: width, height: height)
            for frame in 0..<12 {
                let previous = g
                for _ in 0..<Int.random(in: 0...5, using: &rng) {
                    g.put(pieces.randomElement(using: &rng)! + pieces.randomElement(using: &rng)!,
                          x: Int.random(in: -3...(width + 1), using: &rng), y: Int.random(in: -1...height, using: &rng),
                          style: styles.randomElement(using: &rng)!, maxWidth: Bool.random(using: &rng) ? nil : Int.random(in: 0...6, using: &rng))
                }
                if Bool.random(using: &rng) { g.highlight(x: Int.random(in: -1...width, using: &rng), y: Int.random(in: 0..<height, using: &rng), width: 3) }
                g.cursor = Bool.random(using: &rng) ? (Int.random(in: -1...width, using: &rng), Int.random(in: -1...height, using: &rng)) : nil
                backend.draw(g)
                #expect(backend.screen.cells == g.cells, "round \(round) frame \(frame), \(seed)")
                let update = backend.updates.last!
                guard frame > 0 else { continue }
                for run in update.runs {
                    for i in 0..<run.cells.count {
                        let x = run.x + i
                        let changed = previous[x, run.y] != g[x, run.y]
                        let partnerChanged = (x > 0 && g[x, run.y].isContinuation && previous[x - 1, run.y] != g[x - 1, run.y])
                            || (x + 1 < width && g[x + 1, run.y].isContinuation && previous[x + 1, run.y] != g[x + 1, run.y])
                        #expect(changed || partnerChanged, "round \(round) frame \(frame): unchanged cell \(x),\(run.y) sent, \(seed)")
                    }
                }
            }
        }
    }
}
