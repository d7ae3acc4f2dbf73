import Foundation
import Testing
import TaizhangDomain
import TaizhangFiles
import TaizhangTerminalCore
@testable import TaizhangScreens

/// Long texts: wrapped by display width over several rows, line breaks kept, an external editor.
@Suite struct MultilineEditorTests {
    @Test func rowsWrapByDisplayWidthAndAtLineBreaks() {
        var e = LineEditor("", multiline: true)
        e.insert("一二三四五六\nab")
        // 11 cells of room at width 12: five wide characters fit, the sixth wraps.
        let rows = e.rows(width: 12).map { String(e.chars[$0]) }
        #expect(rows == ["一二三四五", "六", "ab"])
        #expect(e.text == "一二三四五六\nab")
        #expect(e.caretPosition(width: 12) == (row: 2, column: 2))
    }

    @Test func pastedLineBreaksStayInALongTextAndBecomeSpacesElsewhere() {
        var long = LineEditor("", multiline: true)
        _ = long.handle(.paste("第一行\r\n第二行\r第三行"))
        #expect(long.text == "第一行\n第二行\n第三行")
        var short = LineEditor("")
        _ = short.handle(.paste("a\nb"))
        #expect(short.text == "a b")
    }

    @Test func upAndDownMoveOverWrappedRowsKeepingTheColumn() {
        var e = LineEditor("abcdefghij", multiline: true)
        e.layout(width: 5, height: 3)   // rows of 4: abcd efgh ij
        #expect(e.caretPosition(width: 5) == (row: 2, column: 2))
        var moved = e.moveVertically(-1)
        #expect(moved && e.caret == 6)
        moved = e.moveVertically(-1)
        #expect(moved && e.caret == 2)
        moved = e.moveVertically(-1)
        #expect(!moved && e.caret == 2)
        let downs = [e.moveVertically(1), e.moveVertically(1), e.moveVertically(1)]
        #expect(downs == [true, true, false] && e.caret == 10)
    }

    /// A note form with a 300-character note typed.
    func noteWith300Characters() throws -> (Harness, String) {
        let h = try Harness(setup: sampleLedger)
        h.press(.enter, .char("a"))
        #expect(h.app.top is FormScreen)
        let text = String((0..<300).map { i in Character(Unicode.Scalar(0x4E00 + UInt32(i % 200))!) })
        _ = h.app.handle(.paste(text))
        return (h, text)
    }

    @Test func aLongNoteIsShownAsWrappedRowsAndSavedWhole() throws {
        let (h, text) = try noteWith300Characters()
        let g = h.render(80, 24)
        // The note fills row after row of the field (300 wide characters at about 60 cells a row).
        let field = g.text.split(separator: "\n").filter { line in line.unicodeScalars.filter { (0x4E00..<0x4EC8).contains($0.value) }.count >= 20 }
        #expect(field.count >= 8, "\(g.text)")
        h.press(.enter)   // Enter saves a one-field dialog
        let c = try #require(h.ledger.state.cases.values.first { !$0.notes.isEmpty })
        #expect(c.notes.last?.text == text)
    }

    @Test func enterStartsALineInAFormsLongTextAndCtrlJInADialog() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.enter, .char("e"))
        let form = try #require(h.app.top as? FormScreen)
        while form.fields[form.focus].key != "summary" { h.press(.tab) }
        h.press(.ctrl("e"), .ctrl("u"))
        h.type("甲")
        h.press(.enter)
        h.type("乙")
        #expect(form.value("summary").hasSuffix("甲\n乙"))
        #expect(form.fields[form.focus].key == "summary")
        // ↑ moves within the field first, then to the field above.
        h.press(.up)
        #expect(form.fields[form.focus].key == "summary")
        h.press(.escape)
        h.press(.char("y"))

        h.press(.char("a"))
        let note = try #require(h.app.top as? FormScreen)
        h.type("第一行")
        _ = h.app.handle(.ctrl("j"))
        h.type("第二行")
        #expect(note.value("note") == "第一行\n第二行")
        h.press(.enter)
        #expect(!(h.app.top is FormScreen))
        #expect(h.ledger.state.cases.values.contains { $0.notes.last?.text == "第一行\n第二行" })
    }

    @Test func ctrlJIsEnterOutsideLongTexts() throws {
        let h = try Harness(setup: sampleLedger)
        _ = h.app.handle(.ctrl("j"))
        #expect(h.app.top is DetailScreen)
    }

    @Test func ctrlXEditsTheTextInTheEditorWithTheTerminalHandedOver() throws {
        let h = try Harness(setup: sampleLedger)
        let t = InMemoryBackend(width: 80, height: 24, input: [.key(.enter), .key(.char("a")), .text("草稿"), .key(.ctrl("x")), .pause, .hangUp])
        var seen: String?
        h.app.run(on: t, editor: { text in
            seen = text
            return text + "，编辑器里补充的内容\n第二行"
        })
        #expect(seen == "草稿")
        #expect(t.events == [.suspended, .resumed])
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.value("note") == "草稿，编辑器里补充的内容\n第二行")
    }

    @Test func aScriptedEditorEditsTheScratchFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tz-editor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = dir.appendingPathComponent("ed.sh").path
        try "#!/bin/sh\nprintf '%s\\n' \"$(cat \"$1\") 已改\" '第二行' > \"$1\"\n".write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o700)
        let edited = try ExternalEditor(command: script).edit("原文")
        #expect(edited == "原文 已改\n第二行")
        #expect(ExternalEditor.fromEnvironment(["EDITOR": script, "VISUAL": ""])?.command == script)
        #expect(ExternalEditor.fromEnvironment(["VISUAL": "vis", "EDITOR": script])?.command == "vis")
        #expect(throws: ExternalEditError.self) { try ExternalEditor(command: "exit 3;").edit("x") }
    }
}
