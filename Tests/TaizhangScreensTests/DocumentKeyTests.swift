import Foundation
import Testing
import TaizhangDocuments
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens
#if canImport(Glibc)
import Glibc
#endif

/// The detail screen's `p`: the forms that fit the case, then the format, written through the
/// app to the working folder, asking before replacing a file.
@Suite struct DocumentKeyTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        return stat(path, &st) == 0 ? st.st_mode & 0o777 : 0
    }

    /// A harness whose working folder is its own temporary folder.
    func app(_ h: Harness) -> (App, AppContext) {
        let ctx = AppContext(ledger: h.ledger, lang: .zh, storePath: h.path, today: { Harness.today }, workingDirectory: h.dir.path)
        return (App(ctx: ctx), ctx)
    }

    func issued(_ h: Harness, _ id: String) -> Int {
        h.ledger.state.lookup(id)?.timeline.filter { $0.eventType == .documentIssued }.count ?? -1
    }

    @Test func issuesAFittingFormAndAsksBeforeReplacingIt() throws {
        let h = try Harness(setup: sampleLedger)
        let (app, ctx) = app(h)
        func press(_ keys: Key...) { for k in keys { _ = app.handle(k) } }
        press(.char("/")); for c in "zs" { _ = app.handle(.char(c)) }; press(.enter, .enter)
        #expect(app.top is DetailScreen)
        press(.char("p"))
        // The open mediation's forms, and only those.
        let forms = try #require(app.top as? PickListScreen)
        #expect(forms.items.map(\.key) == ["registration", "rights"])
        press(.enter)
        let formats = try #require(app.top as? PickListScreen)
        #expect(formats.items.map(\.key) == ["docx", "txt"])
        press(.enter)
        let full = h.dir.appendingPathComponent("M-2024-0001-人民调解受理登记表.docx").path
        #expect(app.top is DetailScreen)
        #expect(try Data(contentsOf: URL(fileURLWithPath: full)).prefix(2) == Data("PK".utf8))
        #expect(mode(full) == 0o600)
        #expect(ctx.message?.text.contains(full) == true)
        #expect(ctx.message?.text.contains("第1号") == true)
        #expect(issued(h, "M-2024-0001") == 1)

        // Again: asked first; "no" keeps the file and records nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: full))
        press(.char("p"), .enter, .enter)
        let asked = try #require(app.top as? ConfirmScreen)
        #expect(asked.question.contains(full) && asked.question.contains("已存在"))
        press(.char("n"))
        #expect(issued(h, "M-2024-0001") == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: full)) == before)
        // "yes" replaces it, with the same number.
        press(.char("p"), .enter, .enter, .char("y"))
        #expect(issued(h, "M-2024-0001") == 2)
        #expect(mode(full) == 0o600)
        #expect(ctx.message?.text.contains("第1号") == true)

        // The second form as text.
        press(.char("p"), .down, .enter, .down, .enter)
        let text = h.dir.appendingPathComponent("M-2024-0001-当事人权利义务告知书.txt").path
        #expect(try String(contentsOfFile: text, encoding: .utf8).contains("当事人权利义务告知书"))
        #expect(issued(h, "M-2024-0001") == 3)
    }

    @Test func theKeyIsRefusedWhenNoFormFits() throws {
        let h = try Harness(setup: sampleLedger)
        let (app, ctx) = app(h)
        _ = app.handle(.char("/")); for c in "zs" { _ = app.handle(.char(c)) }; _ = app.handle(.enter); _ = app.handle(.enter)
        let detail = try #require(app.top as? DetailScreen)
        #expect(detail.bar(ctx).contains { $0.keys == "p" })
        try h.ledger.perform(.void(id: "M-2024-0001", reason: "重复登记"), today: Harness.today)
        #expect(!detail.bar(ctx).contains { $0.keys == "p" })
        _ = app.handle(.char("p"))
        #expect(app.top is DetailScreen)
        #expect(ctx.message?.text.contains("没有可出具的文书") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: h.dir.path).filter { $0.hasSuffix(".docx") || $0.hasSuffix(".txt") }.isEmpty)
    }
}
