import Testing
import TaizhangDomain
import TaizhangLog
@testable import TaizhangSearch

/// The search index's byte search (exact bits, signatures, the C kernel, remembered results,
/// background builds) must give exactly what searching each case's text with `String` gives.
@Suite struct SearchTextTests {
    /// The exact character and pair bits answer some needles without reading any text and
    /// rule rows out for others; on a ledger with more distinct pairs than are tracked, every
    /// kind of needle (tracked or not, text or initials) must still give the reference's answer.
    @Test func exactBitsAgreeWithReadingTheText() throws {
        var han = RandomHan("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏", seed: 2024)
        let pool = han.pool
        let t = try TestLedger { l in
            for i in 0..<160 {
                let id = try open(l, .consultation, ["date": "2024-0\(1 + i % 3)-1\(i % 10)", "unit": "station", "client": han.text(2 + i % 2),
                                                     "topic": "labor"])
                try note(l, id, han.text(30) + " ab\(i % 7)x " + han.text(20))
            }
        }
        let state = t.state
        let text = CaseSearchIndex().searchText(state).pieces[0]
        let reference = ReferenceMatch()
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
        for needle in needles.map(CaseSearchIndex.needle) where !needle.isEmpty {
            let mask = text.exactMask(Array(needle.utf8), lettersOnly: needle.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A })
            if mask.textDecided || mask.initialsDecided { decided += 1 } else { read += 1 }
            #expect(text.search(needle, among: nil) == reference.rows(needle, state), "\(needle) (seed \(han.seed))")
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
        let t = try TestLedger { l in
            try open(l, .consultation, ["date": "2024-01-02", "unit": "station", "client": "张三", "topic": "labor"])
        }
        let small = t.state
        let before = SearchText(small.records.map(\.id), small, reusing: nil, oldIDs: nil, pinyin: PinyinIndex())
        let dragon = Int(("龙" as Unicode.Scalar).value)
        #expect(before.exactBit[dragon] == 0xFF)
        for i in 0..<6 {
            let id = try open(t.ledger, .consultation, ["date": "2024-01-0\(3 + i)", "unit": "station", "client": "龙\(i)", "topic": "labor"])
            try note(t.ledger, id, "龙王庙龙潭")
        }
        let grown = t.state
        let after = SearchText(grown.records.map(\.id), grown, reusing: before, oldIDs: small.records.map(\.id), pinyin: PinyinIndex())
        #expect(after.exactBit[dragon] != 0xFF)
        let reference = ReferenceMatch()
        for needle in ["龙", "龙王", "龙潭", "张", "ll", "l"] {
            #expect(after.search(needle, among: nil) == reference.rows(needle, grown), "\(needle)")
        }
    }

    /// A text rebuilt from an earlier one (same tracked choice, rows copied where their case is
    /// unchanged) answers like one built afresh, after a case is added and another gets a note.
    @Test func rebuiltTextReusesRowsAndStillMatchesTheReference() throws {
        var han = RandomHan("张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹", seed: 7)
        let pool = han.pool
        let t = try TestLedger { l in
            for i in 0..<40 {
                let id = try open(l, .consultation, ["date": "2024-02-1\(i % 10)", "unit": "station", "client": han.text(2), "topic": "labor"])
                try note(l, id, han.text(12) + "鑫淼\(i)")
            }
        }
        let before = t.state
        let oldIDs = before.records.map(\.id)
        let old = SearchText(oldIDs, before, reusing: nil, oldIDs: nil, pinyin: PinyinIndex())
        try open(t.ledger, .consultation, ["date": "2024-03-01", "unit": "station", "client": "龘靐", "topic": "labor"])
        try note(t.ledger, oldIDs[3], "齉龖 追加")
        let after = t.state
        let rebuilt = SearchText(after.records.map(\.id), after, reusing: old, oldIDs: oldIDs, pinyin: PinyinIndex())
        #expect(rebuilt.exactBit == old.exactBit)  // the choice was kept, so rows were copied
        let reference = ReferenceMatch()
        var needles = ["龘", "龘靐", "齉龖", "追加", "鑫淼", "鑫淼3", "zj", "zw", "l", "xm"] + pool.prefix(8).map { String($0) }
        needles += (0..<30).map { _ in han.text(2) }
        for needle in needles {
            #expect(rebuilt.search(needle, among: nil) == reference.rows(needle, after), "\(needle) (seed \(han.seed))")
        }
    }

    /// A search text built in the background (as the queue starts one on a large ledger) gives
    /// the same matches as one built on the first search, and a ledger that changed since is
    /// not searched with the older text.
    @Test func backgroundSearchTextMatchesTheReference() throws {
        let t = try TestLedger(setup: mixedLedger)
        let state = t.state
        let reference = ReferenceMatch()
        let index = CaseSearchIndex()
        index.prepare(state, threshold: 0)
        for needle in ["张", "zw", "宅基地", "回访", "m-2024", "l", "tj", "sc"] {
            #expect(index.rows(matching: needle, in: state) == reference.rows(needle, state), "needle \(needle)")
        }
        // Prepared for one state, then the ledger changes before the first search.
        let stale = CaseSearchIndex()
        stale.prepare(state, threshold: 0)
        let id = try open(t.ledger, .consultation, ["date": "2024-03-01", "unit": "station", "client": "张新来", "topic": "labor"])
        let changed = t.state
        let got = stale.rows(matching: "张新来", in: changed)
        #expect(got.map { changed.records[Int($0)].id } == [id])
        #expect(got == reference.rows("张新来", changed))
    }

    /// One index searched character by character (narrowed and remembered results), a fresh
    /// index per needle and a scan without an index (the CLI's one search) all give the
    /// reference's cases.
    @Test func searchMatchesTheReferenceTypedOrFresh() throws {
        let t = try TestLedger(setup: mixedLedger)
        let state = t.state
        let reference = ReferenceMatch()
        let typed = CaseSearchIndex()
        let needles = ["z", "zw", "zwe", "zw", "z", "张", "张伟", "张", "东", "东村", "宅基地", "宅基地纠纷（", "（二）",
                       "abc", "ａｂｃ", "jos", "josé", "e", "élise", "欄", "\u{F91D}", "\r", "\n", "m-2024", "2024-02",
                       "邻里", "ll", "neighbour", "回访", "hf", "已签字", "\u{1F}", "li", "l", "xyzq",
                       "t", "tj", "dj", "cx", "cxtj", "yhhk", "单", "sc", "dc", "dzs", "szs", "zcs", " ZS ", "张s"]
        for raw in needles {
            let want = reference.rows(raw, state)
            #expect(typed.rows(matching: raw, in: state) == want, "typed \(raw.debugDescription)")
            #expect(CaseSearchIndex().rows(matching: raw, in: state) == want, "fresh \(raw.debugDescription)")
            let needle = CaseSearchIndex.needle(raw)
            if !needle.isEmpty {
                #expect(SearchText.scan(needle, state, pinyin: PinyinIndex()) == want, "scan \(raw.debugDescription)")
            }
        }
        #expect(!reference.rows("zw", state).isEmpty)
        #expect(!reference.rows("宅基地", state).isEmpty)
        #expect(!reference.rows("cxtj", state).isEmpty)   // 重新调解 in a note
        #expect(reference.rows("cxdj", state).isEmpty)
        #expect(!reference.rows("szs", state).isEmpty)    // 单长顺, a surname read Shàn
    }

    /// The ledger's query with text (what `taizhang list --text` runs) is the index's matches
    /// under the other criteria, in the query's order.
    @Test func queryWithTextIsTheIndexsMatches() throws {
        let t = try TestLedger { l in
            try open(l, .mediation, ["date": "2024-03-01", "unit": "office", "applicant": "张三", "respondent": "李四", "category": "neighbor",
                                     "village": "东村"])
            let b = try open(l, .mediation, ["date": "2023-05-01", "unit": "station", "applicant": "王五", "respondent": "赵六", "category": "land_forest"])
            try note(l, b, "排水沟堵塞，调解成功")
        }
        let s = t.state
        #expect(s.query(CaseFilter(status: nil), text: "排水").map(\.id.description) == ["M-2023-0001"])
        #expect(s.query(CaseFilter(status: nil), text: "tjcg").map(\.id.description) == ["M-2023-0001"])
        #expect(s.query(CaseFilter(status: nil), text: "邻里").map(\.id.description) == ["M-2024-0001"])
        #expect(s.query(CaseFilter(status: nil), text: "neighbours").map(\.id.description) == ["M-2024-0001"])
        #expect(s.query(CaseFilter(status: nil), text: "zs").map(\.id.description) == ["M-2024-0001"])
        #expect(s.query(CaseFilter(status: nil, year: 2024), text: "M-20").map(\.id.description) == ["M-2024-0001"])
        #expect(s.query(CaseFilter(status: nil), text: "m-20", sort: .id).map(\.id.description) == ["M-2023-0001", "M-2024-0001"])
        #expect(s.query(CaseFilter(status: nil), text: "  ").count == 2)
        #expect(s.query(CaseFilter(status: .closed), text: "zs").isEmpty)
    }

    @Test func bytePathsAgreeWithStringPaths() {
        // Lowercasing: every scalar the byte path accepts, plus a mixed sample.
        var sample = "Hello ＡＢＣ·—…、。《》Ｚ１２ 张三 \t\n\u{1F}"
        for v in [0x20...0x7E, 0x2014...0x2026, 0x3000...0x3029, 0xFF01...0xFF5E].joined() { sample.unicodeScalars.append(Unicode.Scalar(UInt32(v))!) }
        var bytes: [UInt8] = []
        #expect(SearchText.appendPlainLowercased(sample, to: &bytes))
        #expect(bytes == Array(sample.lowercased().utf8))
        for other in ["José", "e\u{301}", "😀", "Ω", "\r"] {
            var out: [UInt8] = []
            #expect(!SearchText.appendPlainLowercased(other, to: &out), "\(other.debugDescription)")
            #expect(SearchText.isPlain(other) == false)
        }
        // Initials: the byte path against the character path (which non-plain text takes).
        let p = PinyinIndex()
        #expect(p.initials("张三，Ａ李四 Bob-9") == "zslsbob9")
        #expect(p.initials("王五A") == "wwa")
        #expect(p.initials("刘\r\n明") == "lm")
        #expect(p.initials("e\u{301}李") == "l")   // an accented letter is neither ASCII nor Han
        // Words and polyphones read alike on both paths.
        #expect(p.initials("调解，银行") == "tjyh")
        #expect(p.initials("调解\r\n银行") == "tjyh")
        #expect(p.initials("e\u{301}单三") == p.initials("单三"))
    }
}
