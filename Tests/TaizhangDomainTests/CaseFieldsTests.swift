import Testing
@testable import TaizhangDomain

@Suite struct CaseFieldsTests {
    @Test func behavesLikeADictionary() {
        var f = CaseFields()
        f["village"] = "东村"
        f["date"] = "2024-03-05"
        f["x_custom"] = "手工添加"
        #expect(f["village"] == "东村")
        #expect(f["x_custom"] == "手工添加")
        #expect(f["phone"] == nil)
        #expect(f.count == 3)
        #expect(Set(f.keys) == ["village", "date", "x_custom"])
        #expect(f.dictionary == ["village": "东村", "date": "2024-03-05", "x_custom": "手工添加"])
        f["village"] = "西村"
        f["x_custom"] = nil
        f["date"] = nil
        #expect(f.dictionary == ["village": "西村"])
        #expect(f == CaseFields(["village": "西村"]))
        #expect(f != CaseFields(["village": "东村"]))
        #expect(Array(f).map(\.key) == ["village"])
    }

    @Test func orderOfWritesDoesNotMatter() {
        let a = CaseFields(["date": "2024-01-01", "unit": "office", "applicant": "张三", "zz": "1"])
        var b = CaseFields()
        for (k, v) in [("zz", "1"), ("applicant", "张三"), ("unit", "office"), ("date", "2024-01-01")] { b[k] = v }
        #expect(a == b)
    }
}
