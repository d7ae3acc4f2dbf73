import Foundation
import Testing
import TaizhangRandom
import TaizhangTestSupport
@testable import TaizhangLog

/// Random, mutated and hostile lines: the parser either returns a value that re-encodes to an
/// equal value (and to the same bytes when the line is the writer's own), or throws an error
/// that names a position inside the line; in a ledger, the damaged line is named by number.
///
/// The mutations come from a seeded generator; every failure message names the seed, and
/// `TAIZHANG_TEST_SEED` replays another one.
@Suite struct ParserFuzzTests {
    static let seed = TestSeed(7)

    static let valid = Array(#"{"v":1,"seq":3,"id":"x","at":"2024-01-01T00:00:00.000+08:00","op":"甲","case":"M-2024-0001","type":"case.noted","data":{"text":"好"},"prev":"0000000000000000000000000000000000000000000000000000000000000000"}"#.utf8)

    static func hostileLines(_ seed: TestSeed) -> [[UInt8]] {
        var out: [[UInt8]] = []
        let valid = ParserFuzzTests.valid
        let text = String(decoding: valid, as: UTF8.self)
        out.append([0xFF, 0xFE, 0x00])                               // not UTF-8
        out.append(Array("{\"v\":1,\"text\":\"".utf8) + [0xE5, 0xBC] + Array("\"}".utf8))  // truncated UTF-8 in a string
        out.append(Array(repeating: UInt8(ascii: "["), count: 100_000))   // deep nesting
        out.append(Array("{\"a\":\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 3_000_000) + Array("\"}".utf8))  // huge line
        out.append(Array(text.replacingOccurrences(of: "\"v\":1", with: "\"v\":9").utf8))  // future version
        out.append(Array(text.replacingOccurrences(of: "\"v\":1", with: "\"v\":\"1\"").utf8))
        out.append(Array(text.replacingOccurrences(of: "case.noted", with: "case.exploded").utf8))
        out.append(Array(text.replacingOccurrences(of: "\"seq\":3", with: "\"seq\":99999999999999999999").utf8))
        out.append(Array(text.replacingOccurrences(of: "{\"text\":\"好\"}", with: "[1,2]").utf8))
        out.append(Array("null".utf8))
        out.append(Array("[]".utf8))
        out.append([])
        var rng = SplitMix64(seed: seed.value)
        for _ in 0..<300 {
            var m = valid
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                switch Int.random(in: 0..<3, using: &rng) {
                case 0: m[Int.random(in: 0..<m.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                case 1: m.remove(at: Int.random(in: 0..<m.count, using: &rng))
                default: m.insert(UInt8.random(in: 0...255, using: &rng), at: Int.random(in: 0...m.count, using: &rng))
                }
            }
            out.append(m.filter { $0 != 0x0A })
        }
        for _ in 0..<100 { out.append((0..<Int.random(in: 1...400, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }.filter { $0 != 0x0A }) }
        return out
    }

    static func encode(_ v: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        v.write(to: &out)
        return out
    }

    /// The property for one input: a value that re-encodes to an equal value, with the encoding
    /// stable, or an error at a position inside the input.
    static func checkParser(_ bytes: [UInt8], _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONParser.parse(bytes)
        } catch {
            #expect((0...bytes.count).contains(error.offset), "\(label): error at \(error.offset) of \(bytes.count) bytes", sourceLocation: sourceLocation)
            #expect(!error.reason.isEmpty, "\(label)", sourceLocation: sourceLocation)
            return
        }
        let encoded = encode(value)
        guard let again = try? JSONParser.parse(encoded) else {
            Issue.record("\(label): the re-encoded value does not parse: \(String(decoding: encoded, as: UTF8.self))", sourceLocation: sourceLocation)
            return
        }
        #expect(again == value, "\(label)", sourceLocation: sourceLocation)
        #expect(encode(again) == encoded, "\(label): encoding is not stable", sourceLocation: sourceLocation)
    }

    @Test func hostileLinesParseToStableValuesOrFailInsideTheLine() {
        let seed = ParserFuzzTests.seed
        for (n, line) in ParserFuzzTests.hostileLines(seed).enumerated() {
            ParserFuzzTests.checkParser(line, "case \(n), \(seed)")
            // The envelope: a record re-encodes to a line that decodes to the same record, or a
            // defect that says what is wrong.
            do throws(LineDefect) {
                let record = try LogRecord.decode(line)
                let encoded = record.encoded()
                #expect((try? LogRecord.decode(encoded)) == record, "case \(n), \(seed)")
                #expect((try? LogRecord.decode(encoded))?.encoded() == encoded, "case \(n), \(seed)")
            } catch {
                #expect(!error.description.isEmpty, "case \(n), \(seed)")
            }
        }
    }

    @Test func hostileMiddleLinesAreNamed() throws {
        let seed = ParserFuzzTests.seed
        let dir = TempDir()
        let base = try makeRealisticLog(at: dir.file("base.jsonl"), count: 4)
        let lines = lineRanges(base)
        let head = Array(base[0...lines[1].upperBound])       // lines 1-2
        let tail = Array(base[lines[2].lowerBound...])          // lines 3-4 become 4-5
        let path = dir.file("ledger.jsonl")
        for (n, hostile) in ParserFuzzTests.hostileLines(seed).enumerated() {
            writeBytes(path, head + hostile + [0x0A] + tail)
            do {
                _ = try openLog(path)
                Issue.record("case \(n) was accepted, \(seed)")
            } catch let LogError.corrupt(_, line, defect) {
                // The hostile line itself, or (if it happens to be a valid line) the chain after it.
                #expect(line == 3 || line == 4, "case \(n): \(defect), \(seed)")
            }
            let report = try LogVerifier.verify(path: path)
            #expect(report.problems.first?.line == 3, "case \(n), \(seed)")
        }
    }

    /// Every line the log writes decodes and re-encodes to exactly its bytes (the hash chain
    /// depends on it).
    @Test func writtenLinesReencodeToTheSameBytes() throws {
        let dir = TempDir()
        let bytes = try makeRealisticLog(at: dir.file("ledger.jsonl"), count: 20)
        for (n, r) in lineRanges(bytes).enumerated() {
            let line = Array(bytes[r])
            #expect(try LogRecord.decode(line).encoded() == line, "line \(n + 1)")
            #expect(ParserFuzzTests.encode(try JSONParser.parse(line)) == line, "line \(n + 1)")
        }
    }

    /// Random values, with every kind of character the writer must escape: the writer's bytes
    /// parse back to an equal value and re-encode to the same bytes; the same text with spaces
    /// between the tokens parses to the same value.
    @Test func generatedValuesRoundTripExactly() {
        let seed = ParserFuzzTests.seed
        var rng = SplitMix64(seed: seed.value ^ 0x9E37)
        for n in 0..<400 {
            let value = ParserFuzzTests.randomValue(&rng, depth: 0)
            let bytes = ParserFuzzTests.encode(value)
            let label = "value \(n), \(seed)"
            guard let parsed = try? JSONParser.parse(bytes) else {
                Issue.record("\(label): the writer's bytes do not parse: \(String(decoding: bytes, as: UTF8.self))")
                continue
            }
            #expect(parsed == value, "\(label)")
            #expect(ParserFuzzTests.encode(parsed) == bytes, "\(label)")
            let spaced = ParserFuzzTests.spaced(bytes, &rng)
            #expect((try? JSONParser.parse(spaced)) == value, "\(label): with spaces \(String(decoding: spaced, as: UTF8.self))")
            ParserFuzzTests.checkParser(spaced, label)
        }
    }

    static let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}",
                                     "\u{2028}", "\u{2029}", "张", "调", "（", "é", "e\u{301}", "😀", "\u{FEFF}", "\u{10FFFF}"]

    static func randomString(_ rng: inout SplitMix64) -> String {
        (0..<Int.random(in: 0...8, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }.joined()
    }

    static func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
        switch Int.random(in: 0..<(depth > 4 ? 4 : 6), using: &rng) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &rng))
        // The full range but Int.min, which the writer writes and the parser rejects as out of
        // range (it reads the magnitude first); see `numbersAtTheEdgesOfTheRange`.
        case 2: return .int([0, -1, Int.max, -Int.max, Int.random(in: -Int.max...Int.max, using: &rng)].randomElement(using: &rng)!)
        case 3: return .string(randomString(&rng))
        case 4: return .array((0..<Int.random(in: 0...4, using: &rng)).map { _ in randomValue(&rng, depth: depth + 1) })
        default:
            var pairs: [(String, JSONValue)] = []
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let key = randomString(&rng)
                if !pairs.contains(where: { $0.0 == key }) { pairs.append((key, randomValue(&rng, depth: depth + 1))) }
            }
            return .object(pairs)
        }
    }

    /// `bytes` with JSON whitespace inserted after some structural characters outside strings.
    static func spaced(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var out: [UInt8] = []
        var inString = false, escaped = false
        for b in bytes {
            out.append(b)
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if b == UInt8(ascii: "\"") { inString = true; continue }
            if [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ","), UInt8(ascii: ":")].contains(b), Bool.random(using: &rng) {
                out.append([0x20, 0x09, 0x0D, 0x0A].randomElement(using: &rng)!)
            }
        }
        return out
    }

    @Test func numbersAtTheEdgesOfTheRange() {
        for i in [Int.max, -Int.max, 0, -1] {
            #expect((try? JSONParser.parse(Array(String(i).utf8))) == .int(i), "\(i)")
        }
        ParserFuzzTests.checkParser(Array("9223372036854775808".utf8), "Int.max + 1")
        ParserFuzzTests.checkParser(Array(String(Int.min).utf8), "Int.min")
    }
}
