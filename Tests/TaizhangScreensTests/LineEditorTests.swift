import Testing
import TaizhangDomain
@testable import TaizhangScreens
import TaizhangTerminalCore

@Suite struct LineEditorTests {
    @Test func typingAndCaretMoveByCharacter() {
        var e = LineEditor()
        for c in "张三abc" { _ = e.handle(.char(c)) }
        #expect(e.text == "张三abc")
        #expect(e.caret == 5)
        #expect(e.caretColumn == 7)
        _ = e.handle(.home)
        _ = e.handle(.right)
        #expect(e.caret == 1)
        #expect(e.caretColumn == 2)
    }

    @Test func backspaceDeletesOneWholeChineseCharacter() {
        var e = LineEditor("调解成功")
        _ = e.handle(.backspace)
        #expect(e.text == "调解成")
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        #expect(e.text == "调成")
        #expect(e.caret == 1)
        _ = e.handle(.delete)
        #expect(e.text == "调")
    }

    @Test func combinedCharactersAreOneStep() {
        var e = LineEditor("e\u{301}x")   // é as e + combining accent
        #expect(e.chars.count == 2)
        _ = e.handle(.left)
        _ = e.handle(.backspace)
        #expect(e.text == "x")
    }

    @Test func emacsKeys() {
        var e = LineEditor("张三李四")
        _ = e.handle(.ctrl("a"))
        #expect(e.caret == 0)
        _ = e.handle(.ctrl("e"))
        #expect(e.caret == 4)
        _ = e.handle(.left); _ = e.handle(.left)
        _ = e.handle(.ctrl("k"))
        #expect(e.text == "张三")
        _ = e.handle(.left)
        _ = e.handle(.ctrl("u"))
        #expect(e.text == "三")
        #expect(e.caret == 0)
        _ = e.handle(.end)
        _ = e.handle(.char(" "))
        for c in "王五" { _ = e.handle(.char(c)) }
        _ = e.handle(.ctrl("w"))
        #expect(e.text == "三 ")
    }

    @Test func pasteInsertsAtCaretAndFlattensLineBreaks() {
        var e = LineEditor("张四")
        _ = e.handle(.left)
        e.insert("三\n李")
        #expect(e.text == "张三 李四")
        #expect(e.caret == 4)
    }

    @Test func pasteKeyInsertsText() {
        var e = LineEditor("甲")
        _ = e.handle(.paste("乙\n丙"))
        #expect(e.text == "甲乙 丙")
        #expect(e.caretColumn == 7)
    }

    @Test func renderScrollsToKeepTheCaretVisible() {
        var e = LineEditor("一二三四五六七八九十")
        var g = CellGrid(width: 10, height: 1)
        let caretX = e.render(into: &g, x: 0, y: 0, width: 10)
        // 20 cells of text in a 10-cell field: the end shows, the caret sits after the last character.
        #expect(caretX == 8)
        #expect(g.row(0).hasPrefix("七八九十"))
        _ = e.handle(.home)
        let atStart = e.render(into: &g, x: 0, y: 0, width: 10)
        #expect(atStart == 0)
        #expect(g.row(0).hasPrefix("一二三四五"))
    }
}
