import Foundation
import Testing
import TaizhangDomain
import TaizhangLog
@testable import TaizhangSearch

/// The search text in pieces of a few cases (a district ledger's is in pieces of 16 384) must
/// answer exactly as one piece does, after the ledger changes too; and while a background build
/// is under way, an answer from the pieces built so far holds only true matches and says it is
/// not complete.
@Suite struct SearchPiecesTests {
    static let needles = ["z", "zw", "张", "张伟", "宅基地", "回访", "hf", "已签字", "m-2024", "2024-02", "邻里", "ll", "l",
                          "josé", "élise", "ａｂｃ", "cxtj", "单", "sc", "xyzq", "\u{1F}"]

    @Test func aTextInPiecesAnswersLikeTheReferenceBeforeAndAfterAChange() throws {
        let t = try TestLedger(setup: mixedLedger)
        let reference = ReferenceMatch()
        let index = CaseSearchIndex(rowsPerPiece: 3)
        let state = t.state
        #expect(index.searchText(state).pieces.count == (state.records.count + 2) / 3)
        for needle in Self.needles {
            #expect(index.rows(matching: needle, in: state) == reference.rows(needle, state), "\(needle.debugDescription)")
        }
        // A note on the second case (its piece is rebuilt), and a new case (a new last piece or a
        // longer one): the other pieces are kept as they were.
        let before = index.searchText(state)
        try note(t.ledger, state.records[1].id, "追加回访张伟")
        try open(t.ledger, .consultation, ["date": "2024-03-01", "unit": "station", "client": "张新来", "topic": "labor"])
        let changed = t.state
        let after = index.searchText(changed)
        #expect(after.count == changed.records.count)
        #expect(after.pieces[0].text != before.pieces[0].text)
        for k in 1..<(before.pieces.count - 1) { #expect(after.pieces[k].text == before.pieces[k].text, "piece \(k)") }
        for needle in Self.needles + ["张新来", "追加"] {
            #expect(index.rows(matching: needle, in: changed) == reference.rows(needle, changed), "\(needle.debugDescription) after")
            #expect(CaseSearchIndex(rowsPerPiece: 2).rows(matching: needle, in: changed) == reference.rows(needle, changed))
        }
    }

    @Test func anAnswerWhileTheTextIsBuiltHoldsOnlyMatchesAndIsRefinedOnceBuilt() throws {
        let t = try TestLedger(setup: mixedLedger)
        let reference = ReferenceMatch()
        let state = t.state
        let index = CaseSearchIndex(rowsPerPiece: 2)
        let release = DispatchSemaphore(value: 0)
        index.holdBuild = (1, release)
        index.prepare(state, threshold: 0)
        // The build stops after its first piece (the other thread may add a few more).
        var waited = 0
        while (index.buildProgress ?? 1) == 0 && waited < 5_000 { usleep(1_000); waited += 1 }
        let progress = try #require(index.buildProgress)
        #expect(progress > 0 && progress < 1)
        var partialSeen = 0
        for needle in Self.needles {
            let want = reference.rows(needle, state)
            let answer = index.answer(matching: needle, in: state)
            #expect(!answer.isComplete, "\(needle.debugDescription)")
            #expect(Set(answer.rows).isSubset(of: Set(want)), "\(needle.debugDescription): \(answer.rows) not within \(want)")
            #expect(answer.rows == answer.rows.sorted())
            if answer.rows.count < want.count { partialSeen += 1 }
        }
        // Some needle matched cases not built yet, so the answers really were partial.
        #expect(partialSeen > 0)
        // The ledger changes while the build is held: a case already built gets a note. The
        // pieces describe it as it was, so answers from them leave it out until it is rebuilt.
        let (needle, row) = try #require(Self.needles.lazy.compactMap { n in
            index.answer(matching: n, in: state).rows.first.map { (n, $0) }
        }.first)
        try note(t.ledger, state.records[Int(row)].id, "追加一条")
        let changed = t.state
        let stale = index.answer(matching: needle, in: changed)
        #expect(!stale.isComplete && !stale.rows.contains(row), "\(needle): \(stale.rows)")
        #expect(Set(stale.rows).isSubset(of: Set(reference.rows(needle, changed))))
        release.signal()
        for needle in Self.needles + ["追加一条"] {
            #expect(index.rows(matching: needle, in: changed) == reference.rows(needle, changed), "\(needle.debugDescription) built")
        }
        #expect(index.buildProgress == nil)
        #expect(index.answer(matching: "张", in: state).isComplete)
    }
}
