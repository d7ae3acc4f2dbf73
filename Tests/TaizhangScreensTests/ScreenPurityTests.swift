import Foundation
import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ScreenPurityTests {
    /// The screens' source files (the search engine and the terminal core live elsewhere).
    static func screenSources() throws -> [(name: String, text: String)] {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/TaizhangScreens")
        let names = ["App", "Screen", "QueueScreen", "DetailScreen", "FormScreen", "Forms", "FormField", "PickListScreen",
                     "OperatorScreen", "YearEndScreen", "LineEditor", "KeyTable", "KeyDocs"]
        return try names.map { ($0, try String(contentsOf: dir.appendingPathComponent("\($0).swift"), encoding: .utf8)) }
    }

    /// No screen reads or writes files itself, and only the app runs commands.
    @Test func screensDoNoFileIOAndRunNoCommands() throws {
        let forbidden = [#"FileManager"#, #"(?<![.\w])open\("#, #"\bpread\b"#, #"Data\([^)]*\)\.write"#, #"\.write\(to:"#, #"FileHandle"#, #"fopen"#]
        let perform = #"(ctx|ledger)\.perform\("#
        for (name, text) in try Self.screenSources() {
            let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
            for pattern in forbidden {
                #expect(code.range(of: pattern, options: .regularExpression) == nil, "\(name).swift matches \(pattern)")
            }
            // The app runs commands, through the context's `perform` (defined beside it in Screen.swift).
            if name != "App" && name != "Screen" {
                #expect(code.range(of: perform, options: .regularExpression) == nil, "\(name).swift runs a command itself")
            }
        }
    }

    /// Drawing changes nothing: the queue's selection is chosen by the layout step, not by
    /// drawing, and drawing twice gives the same picture.
    @Test func drawingChangesNoState() throws {
        let h = try Harness(setup: sampleLedger)
        let queue = try #require(h.app.top as? QueueScreen)
        var g = CellGrid(width: 80, height: 24)
        h.app.draw(into: &g)
        #expect(queue.selectedID == nil)
        var again = CellGrid(width: 80, height: 24)
        h.app.draw(into: &again)
        #expect(g.text == again.text)
        h.app.layout(width: 80, height: 24)
        #expect(queue.selectedID != nil)
    }

    /// The year-end figures are computed on opening and on changes, not for every frame:
    /// drawing after the ledger changed shows the figures of the last update step.
    @Test func yearEndFiguresAreComputedInTheUpdateStepOnly() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("y"))
        let screen = try #require(h.app.top as? YearEndScreen)
        let before = screen.figures
        try open(h.ledger, .mediation, ["date": "2024-03-09", "unit": "office", "applicant": "钱九", "respondent": "吴十", "category": "neighbor"])
        var g = CellGrid(width: 120, height: 40)
        h.app.draw(into: &g)
        #expect(screen.figures == before)
        h.app.layout(width: 120, height: 40)
        #expect(screen.figures != before)
        #expect(screen.figures.figures.first { $0.label == "人民调解（全镇）" }?.count == 4)
    }
}

@Suite struct ExportFileTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : 0
    }

    /// Year-end exports go through the one file writer: private, whole, and an existing file
    /// is replaced only after "exists, overwrite?".
    @Test func yearEndExportIsPrivateAndAsksBeforeReplacing() throws {
        let h = try Harness(setup: sampleLedger)
        let target = h.dir.appendingPathComponent("figures.csv").path
        func export() {
            h.press(.char("w"), .ctrl("u"))
            h.type(target)
            h.press(.ctrl("s"), .char("y"))
        }
        h.press(.char("y"))
        export()
        #expect(h.app.top is YearEndScreen)
        #expect(mode(target) == 0o600)
        #expect(h.render().text.contains("已导出到"))
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: target))
        export()
        // Asked, and "no" keeps the file as it was.
        let asked = try #require(h.app.top as? ConfirmScreen)
        #expect(asked.question.contains("已存在"))
        h.press(.char("n"))
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep me")
        h.press(.escape, .char("y"))   // leave the form (discarding), back on the figures
        #expect(h.app.top is YearEndScreen)
        export()
        h.press(.char("y"))
        #expect(h.app.top is YearEndScreen)
        #expect(try String(contentsOfFile: target, encoding: .utf8) != "keep me")
        #expect(mode(target) == 0o600)
    }

    /// A relative path is taken from the working folder and the message gives the full path.
    @Test func aRelativeExportPathIsReportedInFull() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tz-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let h = try Harness(setup: sampleLedger)
        let ctx = AppContext(ledger: h.ledger, lang: .zh, storePath: h.path, today: { Harness.today }, workingDirectory: dir.path)
        let app = App(ctx: ctx)
        for k in [Key.char("y"), .char("w"), .ctrl("u")] { _ = app.handle(k) }
        for c in "out.md" { _ = app.handle(.char(c)) }
        for k in [Key.ctrl("s"), .char("y")] { _ = app.handle(k) }
        let full = dir.appendingPathComponent("out.md").path
        #expect(FileManager.default.fileExists(atPath: full))
        #expect(ctx.message?.text.contains(full) == true)
    }
}
