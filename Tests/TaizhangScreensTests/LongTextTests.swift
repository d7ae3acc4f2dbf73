import Foundation
import Testing
@testable import TaizhangDomain
@testable import TaizhangScreens
import TaizhangTerminalCore
#if canImport(Glibc)
import Glibc
#endif

@Suite struct LongTextTests {
    static let longNote = "双方同意下周在村委会再谈一次，由刘律师主持调解"

    /// A ledger whose first mediation has a long note, opened again so the note is read back
    /// from the file.
    func reopened() throws -> (Harness, Ledger) {
        let h = try Harness(setup: sampleLedger)
        try h.ledger.perform(.note(id: "M-2024-0001", text: Self.longNote), today: Harness.today)
        return (h, try Ledger(path: h.path, operatorName: "王律师", useSnapshot: false))
    }

    /// Comparing records reads no file: a record whose note is still in the file is not equal
    /// to the same record read into memory, though their words are.
    @Test func equalityReadsNoFile() throws {
        let (_, ledger) = try reopened()
        let c = try #require(ledger.state.lookup("M-2024-0001"))
        let loaded = try ledger.state.loaded(c)
        #expect(c == c)
        #expect(c != loaded)
        // Neither the note's text nor its history entry is read to compare them.
        #expect(c.notes[0].stored.location != nil && loaded.notes[0].stored.location == nil)
        #expect(c.notes[0].stored != loaded.notes[0].stored)
        #expect(c.notes[0].entry != loaded.notes[0].entry)
        #expect(c.timeline.last != loaded.timeline.last)
        #expect(loaded.notes.map(\.text) == [Self.longNote])
        #expect(loaded == (try ledger.state.loaded(c)))
        #expect(loaded.timeline.allSatisfy { $0.isInMemory })
    }

    /// A text the file no longer holds is an error naming the file, not an empty note.
    @Test func aLostTextIsAnErrorNotAnEmptyString() throws {
        let (h, ledger) = try reopened()
        let c = try #require(ledger.state.lookup("M-2024-0001"))
        #expect(truncate(h.path, 10) == 0)
        let error = #expect(throws: StoredTextError.self) { try ledger.state.loaded(c) }
        #expect(error?.path == h.path)
        #expect(error?.message(.zh).contains(h.path) == true)
    }

    /// The detail screen reads the case once when it opens and says so when it cannot,
    /// instead of showing an empty note.
    @Test func theDetailScreenShowsAReadErrorAsAMessage() throws {
        let (h, ledger) = try reopened()
        let ctx = AppContext(ledger: ledger, lang: .zh, storePath: h.path, today: { Harness.today })
        let app = App(ctx: ctx)
        _ = app.handle(.char("/"))
        for c in "zs" { _ = app.handle(.char(c)) }
        _ = app.handle(.enter); _ = app.handle(.enter)
        #expect(app.top is DetailScreen)
        var g = CellGrid(width: 100, height: 30)
        app.render(into: &g)
        #expect(g.text.contains(String(Self.longNote.prefix(8))))
        // The open screen keeps what it read; a screen opened after the file lost its bytes says why.
        #expect(truncate(h.path, 10) == 0)
        _ = app.handle(.escape); _ = app.handle(.enter)
        app.render(into: &g)
        #expect(g.text.contains("无法读取本案的内容"))
        #expect(!g.text.contains("备注："))
    }
}
