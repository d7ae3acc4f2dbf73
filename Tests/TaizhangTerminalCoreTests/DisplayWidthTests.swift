import Testing
import TaizhangTerminalCore

@Suite struct DisplayWidthTests {
    @Test func chineseTakesTwoCells() {
        #expect(DisplayWidth.of("张三abc") == 7)
        #expect(DisplayWidth.of("（）：，") == 8)
        #expect(DisplayWidth.of("e\u{301}") == 1)
    }

    @Test func fitNeverSplitsAWideCharacter() {
        #expect(DisplayWidth.fit("张三李四", width: 5, ellipsis: false) == "张三 ")
        #expect(DisplayWidth.fit("张三李四", width: 6) == "张三… ")
        #expect(DisplayWidth.of(DisplayWidth.fit("张三李四王五", width: 7)) == 7)
        #expect(DisplayWidth.fit("ab", width: 4) == "ab  ")
    }
}
