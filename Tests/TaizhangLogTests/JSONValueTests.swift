import Testing
@testable import TaizhangLog

@Suite struct JSONValueTests {
    @Test func roundTripsChineseAndEscapes() throws {
        let value = JSONValue.object([("名字", .string("张三\n\"引号\"\u{1B}[31m")), ("n", .int(-42)), ("ok", .bool(true)),
                                      ("list", .array([.null, .string("")]))])
        let text = value.jsonText
        #expect(!text.contains("\n"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("张三"))  // written as UTF-8, not \u escapes
        #expect(try JSONParser.parse(Array(text.utf8)) == value)
    }

    @Test func escapesC1ControlsAndLineSeparators() throws {
        let value = JSONValue.string("a\u{85}b\u{9B}c\u{2028}d\u{2029}e中")
        let text = value.jsonText
        #expect(text == #""a\u0085b\u009bc\u2028d\u2029e中""#)
        #expect(try JSONParser.parse(Array(text.utf8)) == value)
    }

    @Test func keepsKeyOrder() {
        let v = JSONValue.object([("b", .int(1)), ("a", .int(2))])
        #expect(v.jsonText == #"{"b":1,"a":2}"#)
    }

    @Test(arguments: [
        #"{"a":1"#, #"{"a":1}x"#, #"{"a":01}"#, #"{"a":1.5}"#, #"{"a":"\x"}"#, #"{"a":1,"a":2}"#,
        #"{"a":"\ud800"}"#, "{\"a\":\"\u{01}\"}", #"[1,]"#, #"nul"#, "",
    ])
    func rejectsMalformed(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    /// Exactly the integers of Int64 are read: both ends, and nothing one past either.
    @Test func readsExactlyTheIntegersOfInt64() throws {
        for n in [0, -1, 1, Int.max, Int.min, Int.min + 1, Int.max - 1] {
            #expect(try JSONParser.parse(Array(#"{"n":\#(n)}"#.utf8)) == .object([("n", .int(n))]), "\(n)")
            // The canonical cursor (the replay's decoder) reads numbers with the same parser.
            let bytes = Array(String(n).utf8)
            #expect(bytes.withUnsafeBufferPointer { b in var c = CanonicalCursor(b); return c.int() } == n)
        }
        #expect(try JSONParser.parse(Array(#"{"n":-0}"#.utf8)) == .object([("n", .int(0))]))
        for text in ["9223372036854775808", "-9223372036854775809", "18446744073709551616", "-99999999999999999999"] {
            #expect(throws: JSONParseError.self, "\(text)") { try JSONParser.parse(Array(#"{"n":\#(text)}"#.utf8)) }
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = Array(#"{"a":""#.utf8) + [0xE5, 0xBC] + Array(#""}"#.utf8)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
    }

    @Test func rejectsDeepNesting() {
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(Array(deep.utf8)) }
        let ok = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect((try? JSONParser.parse(Array(ok.utf8))) != nil)
    }

    /// The fast decoder for canonical lines and the plain one agree at the nesting limit.
    @Test func bothDecodersShareTheNestingLimit() {
        func line(depth: Int) -> [UInt8] {
            let nested = String(repeating: "{\"a\":", count: depth) + "1" + String(repeating: "}", count: depth)
            let text = #"{"v":1,"seq":1,"id":"x","at":"t","op":"o","type":"case.noted","data":"# + nested
                + #","prev":"0000000000000000000000000000000000000000000000000000000000000000"}"#
            return Array(text.utf8)
        }
        for depth in [60, 62, 63, 64, 65] {
            let bytes = line(depth: depth)
            let plain = (try? LogRecord.decode(bytes)) != nil
            let fast = bytes.withUnsafeBufferPointer { (try? LogRecord.decodeCanonical($0)) != nil }
            #expect(plain == fast, "depth \(depth)")
        }
        #expect((try? LogRecord.decode(line(depth: 62))) != nil)
        #expect((try? LogRecord.decode(line(depth: 64))) == nil)
    }

    @Test func decodesSurrogatePairs() throws {
        let v = try JSONParser.parse(Array(#""\ud83d\ude00\u4e2d""#.utf8))
        #expect(v == .string("😀中"))
    }
}
