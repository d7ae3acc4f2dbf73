import Testing
@testable import TaizhangTerminalCore

@Suite struct CellGridTests {
    @Test func wideCharactersTakeTwoCells() {
        var g = CellGrid(width: 10, height: 1)
        let used = g.put("张三ab", x: 0, y: 0)
        #expect(used == 6)
        #expect(g[0, 0].text == "张")
        #expect(g[1, 0].isContinuation)
        #expect(g[2, 0].text == "三")
        #expect(g[4, 0].text == "a")
        #expect(g.row(0) == "张三ab    ")
    }

    @Test func wideCharacterNeverSplitsAtTheEdge() {
        var g = CellGrid(width: 5, height: 1)
        g.put("ab张三", x: 0, y: 0)
        // "ab张" uses 4 cells; "三" needs 2 but only 1 is left: a space, never half a character.
        #expect(g.row(0) == "ab张 ")
        #expect(g[4, 0].text == " ")
        #expect(!g[4, 0].isContinuation)
    }

    @Test func wideCharacterNeverSplitsAtAFieldLimit() {
        var g = CellGrid(width: 10, height: 1)
        g.put("一二三四", x: 0, y: 0, maxWidth: 5)
        #expect(g.row(0) == "一二      ")
        #expect(g[5, 0].text == " ")
    }

    @Test func fittedTextIsPaddedAndCutByCells() {
        var g = CellGrid(width: 12, height: 1)
        g.put("张三李四王五", x: 0, y: 0, width: 7)
        g.put("|", x: 7, y: 0)
        #expect(g.column(of: "|", row: 0) == 7)
        #expect(g.row(0).hasPrefix("张三李…"))
    }

    @Test func overwritingHalfOfAWideCharacterBlanksTheOtherHalf() {
        var g = CellGrid(width: 6, height: 1)
        g.put("张三", x: 0, y: 0)
        g.put("x", x: 1, y: 0)
        #expect(g[0, 0].text == " ")
        #expect(g[1, 0].text == "x")
        #expect(g[2, 0].text == "三")
    }

    @Test func controlCharactersAreMadeVisible() {
        var g = CellGrid(width: 20, height: 1)
        g.put("a\u{1B}[31mb\u{07}", x: 0, y: 0)
        #expect(g.row(0).hasPrefix("a\\e[31mb\\x07"))
        #expect(!g.cells.contains { $0.text.unicodeScalars.contains { $0.value < 0x20 } })
    }

    @Test func boxDrawsAnOutline() {
        var g = CellGrid(width: 10, height: 4)
        g.box(x: 0, y: 0, width: 10, height: 4, title: "标题")
        #expect(g.row(0).hasPrefix("┌─ 标题 "))
        #expect(g.row(3) == "└────────┘")
    }
}

/// What the TUI draws goes through the one escaping filter: bidirectional controls too.
@Suite struct GridEscapingTests {
    @Test func bidiAndC1ControlsAreDrawnEscaped() {
        var grid = CellGrid(width: 60, height: 1)
        grid.put("张三\u{202E}txt.exe\u{9B}\u{2066}\u{200F}\u{061C}\u{1B}", x: 0, y: 0)
        let row = grid.row(0)
        #expect(row.contains("\\u{202e}txt.exe\\x9b\\u{2066}\\u{200f}\\u{61c}\\e"), "\(row)")
        #expect(!row.unicodeScalars.contains { Escaping.isBidiControl($0) || Escaping.isControl($0) })
    }
}
