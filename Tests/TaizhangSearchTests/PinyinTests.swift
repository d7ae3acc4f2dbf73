import Testing
import TaizhangDomain
@testable import TaizhangSearch

@Suite struct PinyinTests {
    @Test func initialsOfChineseNames() {
        let p = PinyinIndex()
        #expect(p.initials("张三") == "zs")
        #expect(p.initials("王五A") == "wwa")
        #expect(p.initials("邻里") == "ll")
    }

    @Test func matchesByTextOrInitials() {
        let p = PinyinIndex()
        #expect(p.matches("zs", in: "张三"))
        #expect(p.matches("张", in: "张三"))
        #expect(p.matches("ZS", in: "张三"))
        #expect(!p.matches("ls", in: "张三"))
        #expect(p.matches("sm", in: "Bob Smith"))
    }

    /// Words of the table are read by their reading there, not by each character's commonest.
    @Test func wordsReadByTheirReading() {
        let p = PinyinIndex()
        let cases: [(String, String)] = [
            ("调解", "tj"), ("调解成功", "tjcg"), ("调查", "dc"), ("协调", "xt"), ("调委会", "twh"), ("重复", "cf"),
            ("重新", "cx"), ("重要", "zy"), ("行政", "xz"), ("银行", "yh"), ("履行", "lx"), ("还款", "hk"),
            ("会计", "kj"), ("委员会", "wyh"), ("村长", "cz"), ("长期", "cq"), ("单位", "dw"), ("曾经", "cj"),
            ("了解", "lj"), ("社区", "sq"), ("审查", "sc"), ("给付", "jf"), ("结案率", "jal"),
            ("要求重新调解", "yqcxtj"), ("到银行还款", "dyhhk"),
        ]
        for (text, want) in cases {
            #expect(p.initials(text) == want, "\(text)")
        }
        #expect(p.matches("tj", in: "调解"))
        #expect(!p.matches("dj", in: "调解"))
        #expect(!p.matches("zf", in: "重复"))
        #expect(!p.matches("yx", in: "银行"))
    }

    /// A character whose reading depends on the name (a surname, 长 in a place name) matches by
    /// every reading, alone and next to other such characters.
    @Test func ambiguousCharactersMatchEveryReading() {
        let p = PinyinIndex()
        let both: [(String, [String])] = [
            ("单小明", ["dxm", "sxm"]), ("曾强", ["cq", "zq"]), ("解某", ["jm", "xm"]), ("仇某", ["cm", "qm"]),
            ("长坪村", ["cpc", "zpc"]), ("李长顺", ["lcs", "lzs"]), ("朝阳", ["cy", "zy"]), ("查某某", ["cmm", "zmm"]),
            ("翟某", ["zm", "dm"]), ("区某", ["qm", "om"]),
            ("单长顺", ["dcs", "dzs", "scs", "szs"]), ("长", ["c", "z"]),
        ]
        for (text, readings) in both {
            for r in readings { #expect(p.matches(r, in: text), "\(r) in \(text): \(p.initials(text))") }
        }
        #expect(!p.matches("zm", in: "单某"))
        #expect(!p.matches("cc", in: "村长"))   // a word of the table: one reading
        // The other reading is written out around the character, so a needle across it matches
        // in a long text too (up to window + 1 letters).
        let long = "当事人于二〇二四年三月与单某签订房屋租赁合同后因租金发生争议"
        #expect(p.matches("ysmq", in: long))
        #expect(p.matches("ydmq", in: long))
        #expect(p.matches("ysmqd", in: long))
        #expect(!p.matches("yxmq", in: long))
        // The first reading alone is the text's initials up to the first space.
        #expect(p.initials("单小明").split(separator: " ").first == "dxm")
        #expect(p.initials("单小明").split(separator: " ").count == 2)
    }

    /// Every word reading has one initial per character, no word is listed twice, and each
    /// polyphone has at least two distinct readings.
    @Test func readingTablesAreWellFormed() {
        var seen = Set<String>()
        for line in PinyinReadings.wordTable {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2, "\(line)")
            guard parts.count == 2 else { continue }
            #expect(seen.insert(String(parts[0])).inserted, "\(line) listed twice")
            #expect(parts[0].unicodeScalars.allSatisfy { $0.value >= 0x3400 && $0.value < 0xA000 }, "\(line)")
            for r in parts[1].split(separator: "/") {
                #expect(r.count == parts[0].count && r.allSatisfy { $0 >= "a" && $0 <= "z" }, "\(line)")
            }
        }
        for line in PinyinReadings.polyphoneTable {
            let parts = line.split(separator: " ")
            #expect(parts.count == 2 && parts[0].count == 1 && Set(parts[1]).count == parts[1].count && parts[1].count >= 2, "\(line)")
        }
    }
}
