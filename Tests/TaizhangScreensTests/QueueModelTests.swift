import Testing
import TaizhangDomain
import TaizhangLog
@testable import TaizhangScreens
import TaizhangRandom

/// The queue's cached lists must be exactly what the plain definitions give: the domain's query
/// order, and `PinyinIndex.matches` per case, however the filter was reached.
@Suite struct QueueModelTests {
    /// Forty-odd cases of every kind over several dates, some closed or voided, with notes, mixed
    /// Chinese, ASCII, fullwidth and accented text.
    static func mixedLedger(_ l: Ledger) throws {
        try sampleLedger(l)
        let names = ["张伟", "李娜", "王芳", "赵强", "Zhang Wei", "ＡＢＣ公司", "José", "e\u{301}lise", "欄杆\u{F91D}", "刘\r\n明"]
        for i in 0..<36 {
            let date = "2024-0\(1 + i % 3)-\(10 + i % 9)"
            let name = names[i % names.count]
            let id: CaseID
            switch i % 4 {
            case 0: id = try open(l, .consultation, ["date": date, "unit": "station", "client": name, "topic": "labor"])
            case 1: id = try open(l, .mediation, ["date": date, "unit": "office", "applicant": name, "respondent": "东村委会", "category": "neighbor"])
            case 2: id = try open(l, .petition, ["date": date, "unit": "office", "petitioner": name, "form": "visit", "subject": "宅基地纠纷（二）"])
            default: id = try open(l, .consultation, ["date": date, "unit": "station", "client": name, "topic": "marriage_family"])
            }
            if i % 5 == 0 { try l.perform(.note(id: id.description, text: "回访：\(name) 已签字"), today: Harness.today) }
            if i % 7 == 3 { try l.perform(.void(id: id.description, reason: "重复登记"), today: Harness.today) }
        }
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
        let reference = PinyinIndex()
        for needle in ["张", "张律师已", "宅基地", "zw", "回访", "2024"] {
            for status in [CaseStatus.open, .closed, nil] {
                for sort in CaseSort.allCases {
                    for kind in QueueScreen.tabs {
                        let expected = state.query(CaseFilter(status: status, kind: kind), sort: sort)
                            .filter { reference.matches(needle, case: $0, lang: .zh) }.map(\.id)
                        let got = Array(model.rows(state, status: status, sort: sort, kind: kind, needle: needle, pinyin: h.ctx.pinyin))
                        #expect(got == expected, "\(needle) status \(String(describing: status)) sort \(sort) kind \(String(describing: kind))")
                    }
                }
            }
        }
    }

    /// The exact character and pair bits answer some needles without reading any text and
    /// rule rows out for others; on a ledger with more distinct pairs than are tracked, every
    /// kind of needle (tracked or not, text or initials) must still give PinyinIndex's answer.
    @Test func exactBitsAgreeWithReadingTheText() throws {
        var han = RandomHan("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏", seed: 2024)
        let pool = han.pool
        let h = try Harness { l in
            for i in 0..<160 {
                let id = try open(l, .consultation, ["date": "2024-0\(1 + i % 3)-1\(i % 10)", "unit": "station", "client": han.text(2 + i % 2),
                                                     "topic": "labor"])
                try l.perform(.note(id: id.description, text: han.text(30) + " ab\(i % 7)x " + han.text(20)), today: Harness.today)
            }
        }
        let state = h.ctx.state
        let table = CaseTable(state)
        let text = SearchText(table, state, reusing: nil, oldIDs: nil, pinyin: PinyinIndex())
        let reference = PinyinIndex()
        // Needles: single characters, pairs and triples cut from the texts and made up, letter
        // pairs and triples, digits.
        var needles = pool.prefix(20).map { String($0) }
        for _ in 0..<80 {
            let c = state.records[Int(han.next() % UInt64(state.records.count))]
            let words = Array(c.notes.first!.text)
            let at = Int(han.next() % UInt64(words.count - 4))
            needles.append(String(words[at..<(at + 2 + Int(han.next() % 3))]).lowercased())
        }
        needles += (0..<40).map { _ in han.text(2) }
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        needles += (0..<120).map { k in String((0..<(2 + k % 2)).map { _ in letters[Int(han.next() % 26)] }) }
        needles += ["20", "202", "2024", "ab3x", "b5", "c-2024", "-0"]
        var decided = 0, read = 0
        for needle in needles.map(QueueModel.needle) where !needle.isEmpty {
            let mask = text.exactMask(Array(needle.utf8), lettersOnly: needle.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A })
            if mask.textDecided || mask.initialsDecided { decided += 1 } else { read += 1 }
            let want = state.records.indices.filter { reference.matches(needle, case: state.records[$0], lang: .zh) }.map { Int32($0) }
            #expect(text.search(needle, among: nil) == want, "\(needle)")
        }
        // Both kinds of needle were tried, and not every pair was tracked.
        #expect(decided > 20 && read > 20, "decided \(decided), read \(read)")
        #expect(text.pairBit.filter { $0 != 0xFF }.count == SearchText.initialsPairBase - SearchText.pairBase)
        #expect(text.initialsPairBit.filter { $0 != 0xFF }.count == 255)
    }

    /// A search text rebuilt from an earlier one keeps its choice of tracked characters only
    /// when that choice was made over most of the rows; after a small ledger grows a lot, the
    /// new cases' common characters are tracked, and every answer stays the reference's.
    @Test func trackedCharactersAreChosenAgainAfterTheLedgerGrows() throws {
        let h = try Harness { l in
            try open(l, .consultation, ["date": "2024-01-02", "unit": "station", "client": "张三", "topic": "labor"])
        }
        let small = h.ctx.state
        let before = SearchText(CaseTable(small), small, reusing: nil, oldIDs: nil, pinyin: PinyinIndex())
        let dragon = Int(("龙" as Unicode.Scalar).value)
        #expect(before.exactBit[dragon] == 0xFF)
        for i in 0..<6 {
            let id = try open(h.ledger, .consultation, ["date": "2024-01-0\(3 + i)", "unit": "station", "client": "龙\(i)", "topic": "labor"])
            try h.ledger.perform(.note(id: id.description, text: "龙王庙龙潭"), today: Harness.today)
        }
        let grown = h.ledger.state
        let after = SearchText(CaseTable(grown), grown, reusing: before, oldIDs: CaseTable(small).ids, pinyin: PinyinIndex())
        #expect(after.exactBit[dragon] != 0xFF)
        let reference = PinyinIndex()
        for needle in ["龙", "龙王", "龙潭", "张", "ll", "l"] {
            let want = grown.records.indices.filter { reference.matches(needle, case: grown.records[$0], lang: .zh) }.map { Int32($0) }
            #expect(after.search(needle, among: nil) == want, "\(needle)")
        }
    }

    /// Sorting by counting gives exactly the comparison sort's order, for random tables:
    /// numbers out of turn within a kind and year, ties on dates and deadlines, days far apart.
    @Test func countingSortAgreesWithComparing() throws {
        var rng = SplitMix64(seed: 99)
        for round in 0..<30 {
            var t = CaseTable(LedgerState())
            let n = 1 + Int(rng.next() % 400)
            var seen = Set<[Int]>()
            while t.idKeys.count < n {
                let key = CaseTable.IDKey(prefix: UInt8(rng.next() % 5), year: 2015 + Int(rng.next() % 4), number: 1 + Int(rng.next() % 60))
                guard seen.insert([Int(key.prefix), key.year, key.number]).inserted else { continue }
                t.idKeys.append(key)
                // Days far apart (negative ones too, within the counting range), beyond it (the
                // comparison sort then serves), or a few weeks of a year.
                let day = round % 5 == 0 ? -25_000 + Int(rng.next() % 3) * 400_000
                    : round % 5 == 1 ? Int(rng.next() % 3) * 600_000 : 16_000 + Int(rng.next() % 40)
                t.dates.append(Int32(day))
                t.due.append(rng.next() % 3 == 0 ? Int32(day + Int(rng.next() % 20)) : CaseTable.noDeadline)
            }
            for sort in CaseSort.allCases {
                var want = (0..<n).map { Int32($0) }
                t.sort(&want, by: sort)
                #expect(t.sortedAll(by: sort) == want, "round \(round) \(sort)")
            }
        }
    }

    /// A text rebuilt from an earlier one (same tracked choice, rows copied where their case is
    /// unchanged) answers like one built afresh, after a case is added and another gets a note.
    @Test func rebuiltTextReusesRowsAndStillMatchesTheReference() throws {
        var han = RandomHan("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹", seed: 7)
        let pool = han.pool
        let h = try Harness { l in
            for i in 0..<40 {
                let id = try open(l, .consultation, ["date": "2024-02-1\(i % 10)", "unit": "station", "client": han.text(2), "topic": "labor"])
                try l.perform(.note(id: id.description, text: han.text(12) + "鑫淼\(i)"), today: Harness.today)
            }
        }
        let before = h.ctx.state
        let oldTable = CaseTable(before)
        let old = SearchText(oldTable, before, reusing: nil, oldIDs: nil, pinyin: PinyinIndex())
        try open(h.ledger, .consultation, ["date": "2024-03-01", "unit": "station", "client": "龘靐", "topic": "labor"])
        try h.ledger.perform(.note(id: oldTable.ids[3].description, text: "齉龖 追加"), today: Harness.today)
        let after = h.ledger.state
        let rebuilt = SearchText(CaseTable(after), after, reusing: old, oldIDs: oldTable.ids, pinyin: PinyinIndex())
        #expect(rebuilt.exactBit == old.exactBit)  // the choice was kept, so rows were copied
        let reference = PinyinIndex()
        var needles = ["龘", "龘靐", "齉龖", "追加", "鑫淼", "鑫淼3", "zj", "zw", "l", "xm"] + pool.prefix(8).map { String($0) }
        needles += (0..<30).map { _ in han.text(2) }
        for needle in needles {
            let want = after.records.indices.filter { reference.matches(needle, case: after.records[$0], lang: .zh) }.map { Int32($0) }
            #expect(rebuilt.search(needle, among: nil) == want, "\(needle)")
        }
    }

    /// A search text built in the background (as the queue starts one on a large ledger) gives
    /// the same matches as one built on the first keystroke, and a ledger that changed since
    /// is not searched with the older text.
    @Test func backgroundSearchTextMatchesTheReference() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let state = h.ctx.state
        let reference = PinyinIndex()
        func expected(_ s: LedgerState, _ needle: String) -> [CaseID] {
            s.query(CaseFilter(status: nil), sort: .id).filter { reference.matches(needle, case: $0, lang: .zh) }.map(\.id)
        }
        let model = QueueModel()
        model.prepareSearch(state, pinyin: h.ctx.pinyin, threshold: 0)
        for needle in ["张", "zw", "宅基地", "回访", "m-2024", "l"] {
            let got = Array(model.rows(state, status: nil, sort: .id, kind: nil, needle: needle, pinyin: h.ctx.pinyin))
            #expect(got == expected(state, needle), "needle \(needle)")
        }
        // Prepared for one state, then the ledger changes before the first keystroke.
        let stale = QueueModel()
        stale.prepareSearch(state, pinyin: h.ctx.pinyin, threshold: 0)
        let id = try open(h.ledger, .consultation, ["date": "2024-03-01", "unit": "station", "client": "张新来", "topic": "labor"])
        let changed = h.ledger.state
        let got = Array(stale.rows(changed, status: nil, sort: .id, kind: nil, needle: "张新来", pinyin: h.ctx.pinyin))
        #expect(got == [id])
        #expect(got == expected(changed, "张新来"))
    }

    @Test func filterMatchesPinyinIndexTypedOrFresh() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let state = h.ctx.state
        let reference = PinyinIndex()
        func expected(_ needle: String) -> [CaseID] {
            state.query(CaseFilter(status: nil), sort: .id).filter { reference.matches(needle, case: $0, lang: .zh) }.map(\.id)
        }
        // One model typed into character by character (incremental and remembered results), and
        // a fresh model per needle.
        let typed = QueueModel()
        let needles = ["z", "zw", "zwe", "zw", "z", "张", "张伟", "张", "东", "东村", "宅基地", "宅基地纠纷（", "（二）",
                       "abc", "ａｂｃ", "jos", "josé", "e", "élise", "欄", "\u{F91D}", "\r", "\n", "m-2024", "2024-02",
                       "邻里", "ll", "neighbour", "回访", "hf", "已签字", "\u{1F}", "li", "l", "xyzq"]
        for raw in needles {
            let needle = QueueModel.needle(raw)
            let want = expected(needle)
            let got = Array(typed.rows(state, status: nil, sort: .id, kind: nil, needle: needle, pinyin: h.ctx.pinyin))
            #expect(got == want, "typed \(raw.debugDescription)")
            let fresh = Array(QueueModel().rows(state, status: nil, sort: .id, kind: nil, needle: needle, pinyin: PinyinIndex()))
            #expect(fresh == want, "fresh \(raw.debugDescription)")
        }
        #expect(!expected("zw").isEmpty)
        #expect(!expected("宅基地").isEmpty)
    }

    @Test func countsFollowTheFilterAndTheLedger() throws {
        let h = try Harness(setup: Self.mixedLedger)
        let model = QueueModel()
        func check(_ needle: String) {
            let state = h.ctx.state
            let reference = PinyinIndex()
            let cases = state.allCases.filter { needle.isEmpty || reference.matches(needle, case: $0, lang: .zh) }
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

    @Test func bytePathsAgreeWithStringPaths() {
        // Lowercasing: every scalar the byte path accepts, plus a mixed sample.
        var sample = "Hello ＡＢＣ·—…、。《》Ｚ１２ 张三 \t\n\u{1F}"
        for v in [0x20...0x7E, 0x2014...0x2026, 0x3000...0x3029, 0xFF01...0xFF5E].joined() { sample.unicodeScalars.append(Unicode.Scalar(UInt32(v))!) }
        #expect(SearchText.plainLowercased(sample) == sample.lowercased())
        #expect(SearchText.plainLowercased("José") == nil)
        // Initials: the byte path against the character path (which non-plain text takes).
        let p = PinyinIndex()
        #expect(p.initials("张三，Ａ李四 Bob-9") == "zslsbob9")
        #expect(p.initials("王五A") == "wwa")
        #expect(p.initials("刘\r\n明") == "lm")
        #expect(p.initials("e\u{301}李") == "l")   // an accented letter is neither ASCII nor Han
    }
}

/// Seeded random text from a pool of Chinese characters, so failures repeat.
struct RandomHan {
    let pool: [Character]
    private var rng: SplitMix64

    init(_ characters: String, seed: UInt64) {
        pool = Array(characters)
        rng = SplitMix64(seed: seed)
    }

    /// The next 64 random bits, from the same sequence.
    mutating func next() -> UInt64 { rng.next() }

    /// `count` characters of the pool.
    mutating func text(_ count: Int) -> String {
        String((0..<count).map { _ in pool[Int(rng.next() % UInt64(pool.count))] })
    }
}
