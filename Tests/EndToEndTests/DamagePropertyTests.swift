import Foundation
import Testing
import TaizhangLog

/// Random ledgers, randomly damaged, run through the CLI as processes (a trap shows as a
/// signal). For every round: no command traps or hangs; a command that refuses the file leaves
/// it byte for byte as it was; `repair` keeps exactly the lines the chain vouches for (their
/// successor records their hash, or the last line has the head given) and never a line whose
/// content differs from what was written, and drops a vouched line only because it does not fit
/// the ledger (an earlier line it depends on was set aside) or repeats an event.
///
/// The seed is printed with every failure; `TAIZHANG_PROPERTY_SEED=N` replays one, and
/// `TAIZHANG_PROPERTY_ROUNDS=N` runs more rounds.
@Suite struct DamagePropertyTests {
    /// SplitMix64: small, seeded, the same on every platform.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
    }

    enum Damage: CustomStringConvertible {
        case flip(line: Int, offset: Int, xor: UInt8)
        case edit(line: Int)
        case delete(line: Int)
        case cut(keep: Int)
        case foreignFirstLine(String)
        var description: String {
            switch self {
            case let .flip(l, o, x): return "flip line \(l + 1) byte \(o) ^ \(x)"
            case let .edit(l): return "edit line \(l + 1)"
            case let .delete(l): return "delete line \(l + 1)"
            case let .cut(k): return "cut after line \(k)"
            case let .foreignFirstLine(s): return "foreign first line \(s.debugDescription)"
            }
        }
    }

    /// A ledger of `count` events that the fold accepts: cases opened, noted, updated, closed
    /// and reopened.
    static func randomLedger(_ rng: inout Random, count: Int) -> LineChain {
        var chain = LineChain()
        var cases: [(id: String, open: Bool)] = []
        chain.add("settings.set", nil, .object([("key", .string("town")), ("value", .string("东棘坨镇"))]))
        let names = ["张三", "李四", "王五", "赵六", "孙七"]
        while chain.lines.count < count {
            let roll = rng.below(10)
            if cases.isEmpty || roll < 3 {
                let id = String(format: "M-2024-%04d", cases.count + 1)
                chain.add("case.opened", id, .object([("kind", .string("mediation")), ("fields", .object([
                    ("applicant", .string(rng.pick(names))), ("category", .string("neighbor")), ("date", .string("2024-03-0\(1 + rng.below(9))")),
                    ("respondent", .string(rng.pick(names))), ("unit", .string("office"))]))]))
                cases.append((id, true))
                continue
            }
            let k = rng.below(cases.count)
            let id = cases[k].id
            switch roll {
            case 3, 4, 5:
                chain.add("case.noted", id, .object([("text", .string("第\(chain.lines.count)次记录：\(rng.pick(names))到场，约定\(rng.below(30) + 1)日后再谈"))]))
            case 6:
                chain.add("case.updated", id, .object([("fields", .object([("village", .string("村\(rng.below(100))"))]))]))
            default:
                if cases[k].open {
                    chain.add("case.closed", id, .object([("outcome", .string("resolved")), ("closed_on", .string("2024-04-1\(rng.below(10))")),
                                                          ("fields", .object([("agreement", .string("written"))]))]))
                } else {
                    chain.add("case.reopened", id, .object([("reason", .string("当事人反悔"))]))
                }
                cases[k].open.toggle()
            }
        }
        return chain
    }

    static func damage(_ lines: [[UInt8]], _ d: Damage, _ rng: inout Random) -> [UInt8] {
        var lines = lines
        switch d {
        case let .flip(l, o, x):
            var bytes = lines.flatMap { $0 + [UInt8(0x0A)] }
            let start = lines[0..<l].reduce(0) { $0 + $1.count + 1 }
            bytes[start + o] ^= x
            return bytes
        case let .edit(l):
            // A valid-JSON edit: a digit in the line's text changed (a date, a count, a number).
            var text = Array(lines[l])
            let digits = text.indices.filter { text[$0] >= 48 && text[$0] <= 57 && $0 > 40 && $0 < text.count - 80 }
            if let i = digits.isEmpty ? nil : digits[rng.below(digits.count)] { text[i] = 48 + (text[i] - 48 + 1) % 10 }
            lines[l] = text
        case let .delete(l):
            lines.remove(at: l)
        case let .cut(k):
            lines = Array(lines.prefix(k))
        case let .foreignFirstLine(s):
            lines[0] = Array(s.utf8)
        }
        return lines.flatMap { $0 + [UInt8(0x0A)] }
    }

    /// The `prev` a line records, read from its end as the chain does.
    static func recordedPrev(_ line: [UInt8]) -> String? {
        let suffix = Array(",\"prev\":\"".utf8)
        let n = line.count, tail = suffix.count + 66
        guard n >= tail, line[n - 1] == UInt8(ascii: "}"), line[n - 2] == UInt8(ascii: "\""),
              Array(line[(n - tail)..<(n - 66)]) == suffix else { return nil }
        return String(decoding: line[(n - 66)..<(n - 2)], as: UTF8.self)
    }

    /// The record without its position in the chain.
    static func content(_ r: LogRecord) -> String { "\(r.version)|\(r.id)|\(r.at)|\(r.op)|\(r.caseID ?? "-")|\(r.type)|\(r.data.jsonText)" }

    @Test func randomDamageNeverTrapsNeverChangesARefusedFileAndRepairKeepsExactlyWhatTheChainVouchesFor() throws {
        let env = ProcessInfo.processInfo.environment
        let seed = env["TAIZHANG_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 20_261_202
        let rounds = env["TAIZHANG_PROPERTY_ROUNDS"].flatMap { Int($0) } ?? 40
        let fixture = CLIFixture()
        var rng = Random(state: seed)
        for round in 0..<rounds {
            let roundSeed = rng.state
            let tag = "seed \(seed), round \(round) (state \(roundSeed))"
            let chain = Self.randomLedger(&rng, count: 20 + rng.below(40))
            let original = chain.lines
            let originalByID = Dictionary(uniqueKeysWithValues: original.map { line in
                let r = try! LogRecord.decode(line)
                return (r.id, Self.content(r))
            })
            var damages: [Damage] = []
            var working = original
            var bytes: [UInt8] = []
            for _ in 0..<(1 + rng.below(3)) {
                let l = rng.below(working.count)
                let d: Damage
                switch rng.below(9) {
                case 0, 1, 2: d = .flip(line: l, offset: rng.below(working[l].count), xor: UInt8(1 + rng.below(255)))
                case 3, 4: d = .edit(line: l)
                case 5, 6: d = working.count > 2 ? .delete(line: l) : .edit(line: l)
                case 7: d = .cut(keep: max(1, l))
                default: d = .foreignFirstLine(rng.pick(["myhost", "127.0.0.1 localhost", "{\"name\":\"x\"}", "# notes", "\u{FEFF}{\"v\":1}"]))
                }
                damages.append(d)
                bytes = Self.damage(working, d, &rng)
                working = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map(Array.init)
            }
            // The damaged file is kept where a failure message can point to it.
            let kept = NSTemporaryDirectory() + "taizhang-property-\(seed)-\(round).jsonl"
            let what = "\(tag): \(damages) (the damaged file: \(kept))"
            for name in filesStarting("ledger.jsonl", in: fixture.dir) { unlink(fixture.dir + "/" + name) }
            putBytes(fixture.store, bytes)

            // verify: never traps; with the head the file had, any change is found.
            let verify = try tzGuarded(fixture.store, ["verify", "--head", chain.head], limit: 60)
            #expect(verify.exitedNormally && [0, 2].contains(verify.status), "\(what): verify \(verify.status) \(verify.stderr.suffix(200))")
            if bytes != chain.bytes { #expect(verify.status == 2, "\(what): verify missed the damage") }
            #expect(fileBytes(fixture.store) == bytes, "\(what): verify changed the file")

            // repair: never traps, never changes the file, keeps exactly what the chain vouches for.
            let copy = fixture.dir + "/copy.jsonl"
            unlink(copy)
            let repair = try tzGuarded(fixture.store, ["repair", "--head", chain.head, "-o", copy], limit: 60)
            #expect(repair.exitedNormally && [0, 2].contains(repair.status), "\(what): repair \(repair.status) \(repair.stderr.suffix(200))")
            #expect(fileBytes(fixture.store) == bytes, "\(what): repair changed the file")
            if repair.status == 0 {
                let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                let complete = Array(lines.dropLast())  // the piece after the last newline is not a line
                let hashes = complete.map { LineHash.hexDigest($0) }
                let vouched = complete.indices.map { i in
                    i + 1 < complete.count ? Self.recordedPrev(complete[i + 1]) == hashes[i] : hashes[i] == chain.head
                }
                var keptLines: Set<Int> = []
                let copyLines = fileBytes(copy).split(separator: 0x0A).map(Array.init)
                var prev = LogRecord.genesisHash
                for (n, line) in copyLines.enumerated() {
                    guard let r = try? LogRecord.decode(line) else { Issue.record("\(what): copy line \(n + 1) does not parse"); continue }
                    #expect(r.seq == n + 1 && r.prev == prev, "\(what): the copy is not a chain at line \(n + 1)")
                    prev = LineHash.hexDigest(line)
                    // Never laundered: the content is what was written.
                    #expect(originalByID[r.id] == Self.content(r), "\(what): kept a line whose content was changed: \(r.id)")
                    // And it is a vouched line of the damaged file.
                    let source = complete.indices.first { i in (try? LogRecord.decode(complete[i])).map { Self.content($0) == Self.content(r) } == true }
                    if let source {
                        #expect(vouched[source], "\(what): kept line \(source + 1), which the chain does not vouch for")
                        keptLines.insert(source)
                    } else {
                        Issue.record("\(what): kept a line that is not in the file")
                    }
                }
                // Never dropped a vouched line except for not fitting the ledger.
                for i in complete.indices where vouched[i] && !keptLines.contains(i) {
                    let said = repair.stdout.components(separatedBy: "\n").first { $0.hasPrefix("left out line \(i + 1): ") } ?? ""
                    #expect(said.contains("bad event") || said.contains("duplicate id"), "\(what): dropped vouched line \(i + 1): \(said)")
                }
            } else {
                #expect(repair.stderr.contains("not a taizhang ledger"), "\(what): \(repair.stderr)")
                #expect(access(copy, F_OK) != 0, "\(what): a refused repair wrote a copy")
            }

            if !verify.exitedNormally || !repair.exitedNormally { putBytes(kept, bytes) }

            // A writer: refuses untouched, or changes only what the recovery rules allow.
            let add = try tzGuarded(fixture.store, ["add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                                                    "--set", "category=neighbor", "--set", "date=2024-05-01"], limit: 60)
            #expect(add.exitedNormally && [0, 1, 2].contains(add.status), "\(what): add \(add.status) \(add.stderr.suffix(200))")
            if add.status != 0 {
                #expect(fileBytes(fixture.store) == bytes, "\(what): a refused add changed the file")
            } else {
                // Only a torn tail set aside (or a stripped newline put back), and one line appended.
                let now = fileBytes(fixture.store)
                let quarantined = filesStarting("ledger.jsonl.quarantine-", in: fixture.dir).flatMap { fileBytes(fixture.dir + "/" + $0) }
                let before = now.dropLast().lastIndex(of: 0x0A).map { Array(now[...$0]) } ?? []
                #expect(before + quarantined == bytes || before == bytes + [0x0A], "\(what): add changed more than the torn tail")
            }
            for args in [["list", "--status", "all", "--read-only"], ["summary", "--year", "2024"], ["export", "--year", "2024", "-o", "-"]] {
                let r = try tzGuarded(fixture.store, args, limit: 60)
                #expect(r.exitedNormally, "\(what): \(args) \(r.status) \(r.stderr.suffix(200))")
            }
        }
    }
}
