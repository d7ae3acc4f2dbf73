import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangLog

/// Random and mutated lines never crash the reader, and every one is reported at its line.
@Suite struct ParserFuzzTests {
    static func hostileLines() -> [[UInt8]] {
        var out: [[UInt8]] = []
        let valid = Array(#"{"v":1,"seq":3,"id":"x","at":"2024-01-01T00:00:00.000+08:00","op":"甲","case":"M-2024-0001","type":"case.noted","data":{"text":"好"},"prev":"0000000000000000000000000000000000000000000000000000000000000000"}"#.utf8)
        out.append([0xFF, 0xFE, 0x00])                               // not UTF-8
        out.append(Array("{\"v\":1,\"text\":\"".utf8) + [0xE5, 0xBC] + Array("\"}".utf8))  // truncated UTF-8 in a string
        out.append(Array(repeating: UInt8(ascii: "["), count: 100_000))   // deep nesting
        out.append(Array("{\"a\":\"".utf8) + Array(repeating: UInt8(ascii: "x"), count: 3_000_000) + Array("\"}".utf8))  // huge line
        out.append(Array(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "\"v\":1", with: "\"v\":9").utf8))  // future version
        out.append(Array(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "\"v\":1", with: "\"v\":\"1\"").utf8))
        out.append(Array(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "case.noted", with: "case.exploded").utf8))
        out.append(Array(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "\"seq\":3", with: "\"seq\":99999999999999999999").utf8))
        out.append(Array(String(decoding: valid, as: UTF8.self).replacingOccurrences(of: "{\"text\":\"好\"}", with: "[1,2]").utf8))
        out.append(Array("null".utf8))
        out.append(Array("[]".utf8))
        out.append([])
        var rng = SeededRandom(seed: 7)
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

    @Test func hostileMiddleLinesAreNamed() throws {
        let dir = TempDir()
        let base = try makeRealisticLog(at: dir.file("base.jsonl"), count: 4)
        let lines = lineRanges(base)
        let head = Array(base[0...lines[1].upperBound])       // lines 1-2
        let tail = Array(base[lines[2].lowerBound...])          // lines 3-4 become 4-5
        let path = dir.file("ledger.jsonl")
        for (n, hostile) in ParserFuzzTests.hostileLines().enumerated() {
            writeBytes(path, head + hostile + [0x0A] + tail)
            do {
                _ = try openLog(path)
                Issue.record("line \(n) was accepted")
            } catch let LogError.corrupt(_, line, defect) {
                // The hostile line itself, or (if it happens to be a valid line) the chain after it.
                #expect(line == 3 || line == 4, "case \(n): \(defect)")
            }
            let report = try LogVerifier.verify(path: path)
            #expect(report.problems.first?.line == 3, "case \(n)")
        }
    }

    @Test func theParserNeverCrashesOnItsOwn() {
        for hostile in ParserFuzzTests.hostileLines() {
            _ = try? LogRecord.decode(hostile)
            _ = try? JSONParser.parse(hostile)
        }
    }
}
