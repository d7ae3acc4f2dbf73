import Testing
import TaizhangDomain
@testable import TaizhangScreens

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
}
