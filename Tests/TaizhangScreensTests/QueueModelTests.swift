import Foundation
import Testing
import TaizhangDomain
import TaizhangTerminalCore
import TaizhangLog
@testable import TaizhangSearch
@testable import TaizhangScreens
import TaizhangRandom
import TaizhangTestSupport

/// The queue's cached lists must be exactly what the plain definitions give: the domain's query
/// order, and the cases `LedgerState.query(_:text:sort:)` (the CLI's `list --text`) finds,
/// however the filter was reached.
@Suite struct QueueModelTests {
    /// Forty-odd cases of every kind over several dates, some closed or voided, with notes, mixed
    /// Chinese, ASCII, fullwidth and accented text.
    static func mixedLedger(_ l: Ledger) throws {
        try sampleLedger(l)
        try addVariedCases(to: l, names: ["张伟", "李娜", "王芳", "赵强", "Zhang Wei", "ＡＢＣ公司", "José", "e\u{301}lise", "欄杆\u{F91D}", "刘\r\n明"],
                           today: Harness.today, note: { "回访：\($0) 已签字" })
    }

    /// While the search text is built in the background, the filtered list holds only true
    /// matches, says what share was searched, and is not kept: once the build is done, the same
    /// question gives the whole answer (and the counts agree with it).
    @Test func aListFilteredWhileTheSearchTextBuildsFillsInOnceBuilt() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let state = h.ctx.state
        let index = CaseSearchIndex(rowsPerPiece: 2)
        let release = DispatchSemaphore(value: 0)
        index.holdBuild = (1, release)
        let model = QueueModel(search: index)
        model.prepareSearch(state, pinyin: h.ctx.pinyin, threshold: 0)
        var waited = 0
        while (model.searchedShare ?? 1) == 0 && waited < 5_000 { usleep(1_000); waited += 1 }
        let share = try #require(model.searchedShare)
        #expect(share > 0 && share < 1)
        let want = state.query(CaseFilter(status: nil), text: "回访", sort: .deadline).map(\.id)
        let partial = Array(model.rows(state, status: nil, sort: .deadline, kind: nil, needle: "回访", pinyin: h.ctx.pinyin))
        #expect(Set(partial).isSubset(of: Set(want)))
        #expect(partial.count < want.count, "the held build has not reached every case")
        let partialCounts = model.counts(state, status: nil, needle: "回访", pinyin: h.ctx.pinyin)
        #expect(partialCounts[0] == partial.count)
        release.signal()
        while model.searchedShare != nil && waited < 10_000 { usleep(1_000); waited += 1 }
        #expect(model.searchedShare == nil)
        let whole = Array(model.rows(state, status: nil, sort: .deadline, kind: nil, needle: "回访", pinyin: h.ctx.pinyin))
        #expect(whole == want)
        #expect(model.counts(state, status: nil, needle: "回访", pinyin: h.ctx.pinyin)[0] == want.count)
    }

    @Test func orderMatchesTheDomainQuery() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let model = QueueModel()
        let state = h.ctx.state
        for status in [CaseStatus.open, .closed, nil] {
            for sort in CaseSort.allCases {
                for kind in QueueScreen.tabs {
                    let expected = state.query(CaseFilter(status: status, kind: kind), sort: sort).map(\.id)
                    let got = Array(model.rows(state, status: status, sort: sort, kind: kind, needle: "", pinyin: h.ctx.pinyin))
                    #expect(got == expected, "status \(String(describing: status)) sort \(sort) kind \(String(describing: kind))")
                }
            }
        }
    }

    /// Filtered lists keep the domain's order under every status, sort and tab, whether the
    /// matches are few (placed by rank) or many (one pass over the sorted list).
    @Test func filteredOrderMatchesTheDomainQuery() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let model = QueueModel()
        let state = h.ctx.state
        for needle in ["张", "张律师已", "宅基地", "zw", "回访", "2024"] {
            for status in [CaseStatus.open, .closed, nil] {
                for sort in CaseSort.allCases {
                    for kind in QueueScreen.tabs {
                        let expected = state.query(CaseFilter(status: status, kind: kind), text: needle, sort: sort).map(\.id)
                        let got = Array(model.rows(state, status: status, sort: sort, kind: kind, needle: needle, pinyin: h.ctx.pinyin))
                        #expect(got == expected, "\(needle) status \(String(describing: status)) sort \(sort) kind \(String(describing: kind))")
                    }
                }
            }
        }
    }

    /// Sorting by counting gives exactly the comparison sort's order, for random tables:
    /// numbers out of turn within a kind and year, ties on dates and deadlines, days far apart.
    @Test func countingSortAgreesWithComparing() throws {
        var rng = SplitMix64(seed: 99)
        for round in 0..<30 {
            var t = QueueTable(LedgerState())
            let n = 1 + Int(rng.next() % 400)
            var seen = Set<[Int]>()
            while t.idKeys.count < n {
                let key = QueueTable.IDKey(prefix: UInt8(rng.next() % 5), year: 2015 + Int(rng.next() % 4), number: 1 + Int(rng.next() % 60))
                guard seen.insert([Int(key.prefix), key.year, key.number]).inserted else { continue }
                t.idKeys.append(key)
                // Days far apart (negative ones too, within the counting range), beyond it (the
                // comparison sort then serves), or a few weeks of a year.
                let day = round % 5 == 0 ? -25_000 + Int(rng.next() % 3) * 400_000
                    : round % 5 == 1 ? Int(rng.next() % 3) * 600_000 : 16_000 + Int(rng.next() % 40)
                t.dates.append(Int32(day))
                t.due.append(rng.next() % 3 == 0 ? Int32(day + Int(rng.next() % 20)) : QueueTable.noDeadline)
            }
            for sort in CaseSort.allCases {
                var want = (0..<n).map { Int32($0) }
                t.sort(&want, by: sort)
                #expect(t.sortedAll(by: sort) == want, "round \(round) \(sort)")
            }
        }
    }

    @Test func countsFollowTheFilterAndTheLedger() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let model = QueueModel()
        func check(_ needle: String) {
            let state = h.ctx.state
            let cases = state.query(CaseFilter(status: nil), text: needle)
            var want = [cases.count]
            for k in CaseKind.allCases { want.append(cases.filter { $0.kind == k }.count) }
            #expect(model.counts(state, status: nil, needle: needle, pinyin: h.ctx.pinyin) == want, "\(needle)")
        }
        check("")
        check("张")
        // A new case and a note on an old one: the cached search text follows.
        try open(h.ledger, .mediation, ["date": "2024-03-05", "unit": "office", "applicant": "张新", "respondent": "钱多", "category": "contract"])
        try h.ledger.perform(.note(id: "M-2024-0002", text: "张律师已联系"), today: Harness.today)
        check("张")
        check("zx")
        #expect(Array(model.rows(h.ctx.state, status: nil, sort: .id, kind: nil, needle: "张律师已", pinyin: h.ctx.pinyin)) == [CaseID("M-2024-0002")!])
    }
}
