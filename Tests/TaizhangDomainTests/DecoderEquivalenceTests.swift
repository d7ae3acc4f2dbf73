import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangDomain
@testable import TaizhangLog
import TaizhangTerminalCore
import TaizhangRandom

/// The replay decoder (``EventDecoder``) reads canonical lines straight into ``DecodedEvent``s
/// without building a JSON tree. These tests prove it is exactly the reference path
/// (`LogRecord.decode` + ``DecodedEvent/init(record:)``): the same lines accepted, the same
/// defects for the lines rejected, the same events (down to the bytes of every text) and the
/// same folded state, with and without a ``LineSource`` keeping long texts as file positions.
@Suite struct DecoderEquivalenceTests {

    // MARK: - 1. Every line of a ledger written through the domain

    /// Every line the program writes (all five kinds, every command, clearing updates, long
    /// Chinese texts, quotes, newlines, `\u2028`, odd time stamps and operators) takes the fast
    /// path, and gives the reference event, `seq` and `prev`; with a `LineSource` the long
    /// unescaped texts become file positions that read back as the reference text.
    @Test func everyLineOfARealisticLedgerDecodesAsTheReference() throws {
        let folder = Self.Folder()
        let path = folder.file("ledger.jsonl")
        try Self.writeRealisticLedger(at: path)
        let bytes = readBytes(path)
        let ranges = lineRanges(bytes)
        #expect(ranges.count >= 150)
        let source = LineSource(path: path)
        var referenced = 0, inline = 0
        var types: Set<String> = []
        bytes.withUnsafeBufferPointer { all in
            var previous: LineDigest = .genesis
            for r in ranges {
                let line = UnsafeBufferPointer(rebasing: all[r])
                let shown = Self.show(Array(line))
                // The program's own lines are all in canonical layout: the fast path is taken.
                #expect(EventDecoder.canonical(line, offset: r.lowerBound, source: nil) != nil, "not canonical: \(shown)")
                let expected = Self.reference(line, offset: r.lowerBound)
                guard case let .accepted(want, seq, prev) = expected else {
                    Issue.record("the reference rejects a line the program wrote: \(shown)")
                    continue
                }
                types.insert(want.typeName)
                #expect(prev == previous, "prev does not chain: \(shown)")
                #expect(seq == want.seq)
                previous = LineDigest.of(UnsafeRawBufferPointer(line))
                for s in [nil, source] {
                    let fast = Self.fast(line, offset: r.lowerBound, source: s)
                    if let problem = Self.mismatch(fast, expected, source: s) {
                        Issue.record("source \(s == nil ? "none" : "file"): \(problem)\nline: \(shown)")
                    }
                    guard case let .accepted(got, _, _) = fast else { continue }
                    // Stored texts: compared as texts once read, here also byte for byte, and placed
                    // in the file exactly when a source is given, the text is long and its JSON
                    // form has no escapes.
                    let a = Self.storedTexts(got), b = Self.storedTexts(want)
                    #expect(a.count == b.count, "\(shown)")
                    for (x, y) in zip(a, b) {
                        #expect((try? x.read(from: s)) == y.string)
                        #expect(Array(x.string.utf8) == Array(y.string.utf8), "\(shown)")
                        let text = y.string
                        let shouldReference = s != nil && text.utf8.count > StoredText.inlineLimit && !Self.needsEscapes(text)
                        #expect((x.location != nil) == shouldReference, "placement of \(Self.show(Array(text.utf8))) in \(shown)")
                        if let place = x.location {
                            referenced += 1
                            #expect(r.contains(place.offset) && place.offset + place.length < r.upperBound)
                            #expect(Array(all[place.offset..<(place.offset + place.length)]) == Array(text.utf8))
                        } else {
                            inline += 1
                        }
                    }
                }
            }
        }
        // The ledger really exercised both placements and every event type.
        #expect(referenced >= 40)
        #expect(inline >= 40)
        #expect(types == Set(EventType.allCases.map(\.rawValue)))
        withExtendedLifetime(source) {}
    }

    // MARK: - 2. Hand-made variations of valid lines

    /// Lines edited by hand (spaces, reordered or unknown or duplicate members, values of the
    /// wrong JSON type, escapes in keys and values, invalid UTF-8, bad `prev`, missing members,
    /// leading zeros, unknown types, invalid case ids, …): the fast decoder throws exactly when
    /// the reference does, with the same defect, and otherwise gives the same event.
    @Test func handMadeVariationsAreAcceptedAndRejectedAlike() throws {
        let variations = Self.variations()
        #expect(variations.count >= 100)
        let result = Self.compareAll(variations.map(\.bytes), names: variations.map(\.name))
        for d in result.disagreements { Issue.record(Comment(rawValue: d.message)) }
        // Both outcomes, and the fast path itself, are exercised.
        #expect(result.accepted >= 100)
        #expect(result.rejected >= 100)
        #expect(result.fastPath >= 40)
    }

    /// A line whose `at` holds invalid UTF-8 and is directly followed by a second string
    /// (`"at":"\xFF""2024-…"`) is not JSON: the reference rejects it as bad JSON.
    ///
    /// (An earlier fast decoder, on a raw `at` that was not UTF-8, went on to read the *next*
    /// string as the time stamp and accepted the line.)
    @Test func invalidUTF8InAtFollowedByAStringIsRejectedAlike() throws {
        let base = Array(Self.notedLine.utf8)
        let stamp = Array("\"at\":\"2024-03-05T09:12:33.123+08:00\"".utf8)
        let lines: [[UInt8]] = [
            Self.replacing(base, stamp, Array("\"at\":\"".utf8) + [0xFF] + Array("\"\"2024-03-05T09:12:33.123+08:00\"".utf8)),
            Self.replacing(base, stamp, Array("\"at\":\"2024-03-05T09:12:33".utf8) + [0xC0, 0x80] + Array("\"\"x\"".utf8)),
            Self.replacing(base, stamp, Array("\"at\":\"".utf8) + [0xED, 0xA0, 0x80] + Array("\"\"\"".utf8)),
        ]
        for line in lines {
            #expect(throws: LineDefect.self) { try LogRecord.decode(line) }
        }
        let result = Self.compareAll(lines, names: lines.indices.map { "invalid UTF-8 in at, then a string (\($0))" })
        #expect(result.rejected == lines.count)
        for d in result.disagreements { Issue.record(Comment(rawValue: d.message)) }
    }

    /// An empty line whose buffer has no address (`UnsafeBufferPointer(start: nil, count: 0)`) is
    /// rejected as bad JSON by the reference; the fast decoder must reject it too, not stop the
    /// process.
    /// (The log's own reader only passes slices of its buffers, which always have an address;
    /// an empty line with an address is compared in
    /// ``handMadeVariationsAreAcceptedAndRejectedAlike()``.)
    @Test func anEmptyLineWithoutAnAddressIsRejectedNotATrap() async {
        let reference = Self.reference(UnsafeBufferPointer(start: nil, count: 0), offset: 0)
        guard case .rejected(let defect) = reference else {
            Issue.record("the reference accepts an empty line")
            return
        }
        #expect(defect.kind == .badJSON)
        await #expect(processExitsWith: .success) {
            let decoder = EventDecoder(source: nil)
            let batch = decoder.makeBatch(capacity: 1)
            do throws(LineDefect) {
                _ = try decoder.decode(UnsafeBufferPointer(start: nil, count: 0), offset: 0, into: batch)
                exit(1)  // accepted: not what the reference does
            } catch {
                exit(error.kind == .badJSON ? 0 : 2)
            }
        }
    }

    // MARK: - 3. Random mutations

    /// Seeded random byte flips, replacements, insertions (bytes, `""`, `\u` escapes), deletions,
    /// swaps and duplications of canonical lines: both paths agree on accepting, on the defect
    /// and on the event.
    /// Any disagreement fails the test.
    @Test func randomMutationsOfCanonicalLinesAreDecodedAlike() throws {
        let folder = Self.Folder()
        let path = folder.file("ledger.jsonl")
        try Self.writeRealisticLedger(at: path)
        let written = readBytes(path)
        var seeds = lineRanges(written).map { Array(written[$0]) }
        seeds += Self.baseLines.map { Array($0.utf8) }
        var rng = SplitMix64(seed: 0x7A1_2ADE)
        var lines: [[UInt8]] = []
        for _ in 0..<20_000 {
            var m = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
            let changes = [1, 1, 1, 2, 2, 3][Int.random(in: 0..<6, using: &rng)]
            for _ in 0..<changes { Self.mutate(&m, &rng) }
            lines.append(m)
        }
        let result = Self.compareAll(lines, names: lines.indices.map { "mutation \($0)" })
        for d in result.disagreements { Issue.record(Comment(rawValue: d.message)) }
        // Both outcomes, and the fast path itself, are exercised often.
        #expect(result.accepted >= 1500)
        #expect(result.rejected >= 5000)
        #expect(result.fastPath >= 1000)
    }

    // MARK: - 4. Folding

    /// A full replay (`Ledger` with `useSnapshot: false`, fast events with a `LineSource`) and a
    /// hand fold of `EventDecoder` events give the same state as folding the plain records with
    /// `LedgerState.apply(_: LogRecord)`.
    @Test func foldingFastEventsEqualsFoldingRecords() throws {
        let folder = Self.Folder()
        let path = folder.file("ledger.jsonl")
        try Self.writeRealisticLedger(at: path)
        let bytes = readBytes(path)
        let ranges = lineRanges(bytes)

        var plain = LedgerState()
        for r in ranges { try plain.apply(LogRecord.decode(Array(bytes[r]))) }

        let replayed = try Ledger(path: path, operatorName: "核对", options: LogOpenOptions(create: false, readOnly: true),
                                  useSnapshot: false).state

        let source = LineSource(path: path)
        var manual = LedgerState()
        manual.lineSource = source
        let decoder = EventDecoder(source: source)
        let batch = decoder.makeBatch(capacity: 4)
        try bytes.withUnsafeBufferPointer { all throws(LineDefect) in
            for r in ranges { _ = try decoder.decode(UnsafeBufferPointer(rebasing: all[r]), offset: r.lowerBound, into: batch) }
        }
        #expect(batch.count == ranges.count)
        for i in 0..<batch.count { try manual.apply(batch.take(i)) }

        #expect(plain.eventCount == ranges.count)
        #expect(plain.cases.count >= 40)
        Self.expectSame(replayed, plain, "Ledger replay")
        Self.expectSame(manual, plain, "EventDecoder fold")
        // The replay did keep long texts as positions in the file.
        let placed = replayed.allCases.flatMap(\.notes).filter { $0.stored.location != nil }
        #expect(placed.count >= 10)
        withExtendedLifetime(source) {}
    }

    // MARK: - 5. EventTime

    /// Canonical stamps (with and without milliseconds, negative offsets, extreme fields) are
    /// packed; anything else is kept as text; either way `description` is the exact text, and
    /// the byte initialiser agrees with the string one.
    @Test func eventTimeRoundTripsEveryText() {
        let packed = [
            "2024-03-05T09:12:33.123+08:00", "2024-03-05T09:12:33+08:00", "2024-12-31T23:59:59.999-05:30",
            "1999-01-01T00:00:00-00:00", "0000-00-00T00:00:00.000+00:00", "9999-15-31T31:63:63.999-31:63",
            "2024-03-05T09:12:33.000+08:00", "2024-03-05T09:12:33.007-12:45",
        ]
        let text = [
            "", "2024-03-05T09:12:33Z", "2024-03-05 09:12:33+08:00", "2024-03-05T09:12:33.12+08:00",
            "2024-03-05T09:12:33.1234+08:00", "2024-3-05T09:12:33+08:00", "2024-16-05T09:12:33+08:00",
            "2024-03-32T09:12:33+08:00", "2024-03-05T32:12:33+08:00", "2024-03-05T09:64:33+08:00",
            "2024-03-05T09:12:64+08:00", "2024-03-05T09:12:33+32:00", "2024-03-05T09:12:33+08:64",
            "2024-03-05T09:12:33 08:00", "2024-03-05T09:12:33+0800", "2024-03-05T09:12:33.1a3+08:00",
            "２０２４-03-05T09:12:33+08:00", "二〇二四年三月五日", "2024-03-05T09:12:33+08:00\n",
            "-024-03-05T09:12:33+08:00", "2024-03-05T09:12:33,123+08:00", "2024-03-05t09:12:33+08:00",
        ]
        for s in packed {
            let t = EventTime(s)
            #expect(t.description == s)
            guard case .packed = t.storage else { Issue.record("\(s) is not packed"); continue }
        }
        for s in text {
            let t = EventTime(s)
            #expect(t.description == s)
            #expect(t.storage == .text(s), "\(s)")
        }
        for s in packed + text {
            var copy = s
            let fromBytes = copy.withUTF8 { EventTime(bytes: $0) }
            #expect(fromBytes == EventTime(s), "\(s)")
        }
        // Bytes that are not UTF-8 make no time stamp.
        for bad: [UInt8] in [[0xFF], [0x32, 0x30, 0xC0, 0x80], [0xED, 0xA0, 0x80], Array("2024-03-05T09:12:33+08:0".utf8) + [0xFF]] {
            #expect(bad.withUnsafeBufferPointer { EventTime(bytes: $0) } == nil)
        }
    }

    /// Two stamps compare (and hash) equal exactly when their texts are equal, whether either
    /// is packed or kept as text.
    @Test func eventTimesAreEqualExactlyWhenTheirTextsAre() {
        let texts = [
            "2024-03-05T09:12:33.123+08:00", "2024-03-05T09:12:33+08:00", "2024-03-05T09:12:33.000+08:00",
            "2024-03-05T09:12:33.123-08:00", "2024-03-05T09:12:33.123+08:01", "2024-03-05T09:12:34.123+08:00",
            "2024-03-05 09:12:33+08:00", "2024-03-05T09:12:33Z", "2024-03-05T09:12:33.12+08:00", "",
            "0000-00-00T00:00:00+00:00", "0000-00-00T00:00:00.000+00:00",
        ]
        for a in texts {
            for b in texts {
                let x = EventTime(a), y = EventTime(b)
                #expect((x == y) == (a == b), "\(a) vs \(b)")
                if a == b { #expect(x.hashValue == y.hashValue) }
            }
        }
    }

    /// `EventTime(packed:)` takes back exactly the words `pack` makes: year above 9999,
    /// milliseconds above 999, milliseconds without their flag and the top bit are refused, and
    /// every word it takes is the packing of its own description.
    @Test func packedWordsOutsidePackAreRefused() throws {
        guard case let .packed(withMillis) = EventTime("2024-03-05T09:12:33.123+08:00").storage,
              case let .packed(without) = EventTime("2024-03-05T09:12:33+08:00").storage else {
            Issue.record("canonical stamps are not packed")
            return
        }
        func setting(_ word: UInt64, shift: UInt64, width: UInt64, to value: UInt64) -> UInt64 {
            let mask: UInt64 = ((1 << width) - 1) << shift
            return word & ~mask | (value << shift) & mask
        }
        #expect(EventTime(packed: withMillis)?.description == "2024-03-05T09:12:33.123+08:00")
        #expect(EventTime(packed: without)?.description == "2024-03-05T09:12:33+08:00")
        #expect(EventTime(packed: setting(withMillis, shift: 1, width: 14, to: 9999))?.description == "9999-03-05T09:12:33.123+08:00")
        #expect(EventTime(packed: setting(withMillis, shift: 1, width: 14, to: 10000)) == nil)
        #expect(EventTime(packed: setting(withMillis, shift: 1, width: 14, to: 16383)) == nil)
        #expect(EventTime(packed: setting(withMillis, shift: 41, width: 10, to: 999))?.description == "2024-03-05T09:12:33.999+08:00")
        #expect(EventTime(packed: setting(withMillis, shift: 41, width: 10, to: 1000)) == nil)
        #expect(EventTime(packed: setting(withMillis, shift: 41, width: 10, to: 1023)) == nil)
        #expect(EventTime(packed: setting(without, shift: 41, width: 10, to: 0)) != nil)
        #expect(EventTime(packed: setting(without, shift: 41, width: 10, to: 1)) == nil)
        #expect(EventTime(packed: setting(without, shift: 41, width: 10, to: 500)) == nil)
        #expect(EventTime(packed: withMillis | 1 << 63) == nil)
        #expect(EventTime(packed: without | 1 << 63) == nil)

        // Random words: a word taken back is the packing of its own text; a refused one breaks
        // one of the rules.
        var rng = SplitMix64(seed: 2024)
        var taken = 0
        for n in 0..<20_000 {
            var w = rng.next()
            if n % 2 == 0 { w &= ~(1 << 63) }
            if n % 4 == 0 { w = setting(w, shift: 1, width: 14, to: ((w >> 1) & 0x3FFF) % 10_000) }
            let year = (w >> 1) & 0x3FFF, millis = (w >> 41) & 0x3FF
            let rule = w >> 63 == 0 && year <= 9999 && millis <= 999 && (w & 1 == 1 || millis == 0)
            if let t = EventTime(packed: w) {
                taken += 1
                #expect(rule)
                #expect(EventTime(t.description).storage == .packed(w), "\(String(w, radix: 16))")
            } else {
                #expect(!rule, "\(String(w, radix: 16))")
            }
        }
        #expect(taken >= 500)
    }

    // MARK: - 6. LineDigest

    /// A digest's hex form parses back to it and is the chain's usual hex digest; only exactly
    /// 64 lowercase hex digits parse.
    @Test func lineDigestHexRoundTripsAndIsStrict() {
        var rng = SplitMix64(seed: 64)
        var seen: Set<LineDigest> = []
        var inputs: Set<[UInt8]> = []
        for n in 0..<300 {
            let data = (0..<(n % 150)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            inputs.insert(data)
            let d = LineDigest.of(data)
            #expect(LineDigest(hex: d.hex) == d)
            #expect(d.hex == LineHash.hexDigest(data))
            #expect(d.hex.utf8.count == 64 && d.hex.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) })
            seen.insert(d)
        }
        #expect(seen.count == inputs.count)  // distinct data, distinct digests
        #expect(LineDigest(hex: LogRecord.genesisHash) == .genesis)
        #expect(LineDigest.genesis.hex == LogRecord.genesisHash)

        let hex = LineDigest.of(Array("核对".utf8)).hex
        #expect(hex.contains { $0.isLetter })
        #expect(LineDigest(hex: hex.uppercased()) == nil)
        #expect(LineDigest(hex: String(hex.dropLast())) == nil)
        #expect(LineDigest(hex: hex + "0") == nil)
        #expect(LineDigest(hex: "") == nil)
        #expect(LineDigest(hex: String(repeating: "0", count: 128)) == nil)
        #expect(LineDigest(hex: " " + hex.dropLast()) == nil)
        #expect(LineDigest(hex: String(hex.dropLast(2)) + "好") == nil)  // 65 bytes
        // Every position, every byte that is not a lowercase hex digit.
        let good = Array(hex.utf8)
        var refused = 0
        for i in 0..<64 {
            for bad in 0...255 where !((48...57).contains(bad) || (97...102).contains(bad)) {
                var b = good
                b[i] = UInt8(bad)
                if b.withUnsafeBufferPointer({ LineDigest(hex: $0) }) == nil { refused += 1 } else {
                    Issue.record("accepted byte \(bad) at \(i)")
                }
            }
        }
        #expect(refused == 64 * (256 - 16))
    }
}

// MARK: - Decoding both ways

extension DecoderEquivalenceTests {
    /// What a decoder made of one line.
    enum Verdict {
        case accepted(DecodedEvent, seq: Int, prev: LineDigest?)
        case rejected(LineDefect)
    }

    /// The fast decoder's verdict.
    static func fast(_ line: UnsafeBufferPointer<UInt8>, offset: Int, source: LineSource?) -> Verdict {
        let decoder = EventDecoder(source: source)
        let batch = decoder.makeBatch(capacity: 1)
        do throws(LineDefect) {
            let (seq, prev) = try decoder.decode(line, offset: offset, into: batch)
            guard batch.count == 1 else { return .rejected(LineDefect(kind: .badEvent, detail: "batch holds \(batch.count) events")) }
            return .accepted(batch.take(0), seq: seq, prev: prev)
        } catch {
            return .rejected(error)
        }
    }

    /// The reference: the plain decoder and `DecodedEvent(record:)`, positioned the same way.
    static func reference(_ line: UnsafeBufferPointer<UInt8>, offset: Int) -> Verdict {
        do throws(LineDefect) {
            var r = try LogRecord.decode(line)
            r.lineOffset = offset
            r.lineLength = line.count
            return .accepted(DecodedEvent(record: r), seq: r.seq, prev: LineDigest(hex: r.prev))
        } catch {
            return .rejected(error)
        }
    }

    /// How the two verdicts differ, or nil when they agree.
    static func mismatch(_ fast: Verdict, _ reference: Verdict, source: LineSource?) -> String? {
        switch (fast, reference) {
        case let (.rejected(a), .rejected(b)):
            return a == b ? nil : "defects differ: fast \(a), reference \(b)"
        case let (.accepted(e, s, p), .accepted(f, t, q)):
            if s != t || p != q { return "seq/prev differ: fast \(s) \(p?.hex ?? "nil"), reference \(t) \(q?.hex ?? "nil")" }
            if (try? e.withTextsRead(from: source)) != f { return "events differ:\n  fast      \(e)\n  reference \(f)" }
            if exactTexts(e) != exactTexts(f) { return "texts differ in their bytes:\n  fast      \(e)\n  reference \(f)" }
            return nil
        case let (.accepted(e, _, _), .rejected(b)):
            return "fast decoder accepts (\(e)) but the reference rejects: \(b)"
        case let (.rejected(a), .accepted(f, _, _)):
            return "fast decoder rejects (\(a)) but the reference accepts: \(f)"
        }
    }

    /// What decoding many lines both ways showed.
    struct Comparison {
        /// Lines the reference accepts, rejects, and lines the fast path itself decodes.
        var accepted = 0, rejected = 0, fastPath = 0
        /// Each line the two paths disagree on (once per decoder set-up).
        var disagreements: [Disagreement] = []
    }

    /// A line the two paths disagree on.
    struct Disagreement {
        let line: [UInt8]
        /// What differs, with the line.
        let message: String
        /// The fast decoder accepts the line and the reference rejects it.
        let onlyFastAccepts: Bool
    }

    /// Decodes `lines`, written one after another into a file, both ways, with and without a
    /// source.
    static func compareAll(_ lines: [[UInt8]], names: [String]) -> Comparison {
        let folder = Folder()
        let path = folder.file("lines.jsonl")
        var file: [UInt8] = []
        var ranges: [Range<Int>] = []
        for line in lines {
            ranges.append(file.count..<(file.count + line.count))
            file += line + [0x0A]
        }
        #expect(FileManager.default.createFile(atPath: path, contents: Data(file)))
        let source = LineSource(path: path)
        var result = Comparison()
        file.withUnsafeBufferPointer { all in
            for (n, r) in ranges.enumerated() {
                let line = UnsafeBufferPointer(rebasing: all[r])
                let expected = reference(line, offset: r.lowerBound)
                if case .accepted = expected { result.accepted += 1 } else { result.rejected += 1 }
                if EventDecoder.canonical(line, offset: r.lowerBound, source: nil) != nil { result.fastPath += 1 }
                for s in [nil, source] {
                    let got = fast(line, offset: r.lowerBound, source: s)
                    if let problem = mismatch(got, expected, source: s) {
                        var onlyFastAccepts = false
                        if case .accepted = got, case .rejected = expected { onlyFastAccepts = true }
                        result.disagreements.append(Disagreement(
                            line: Array(line), message: "\(names[n]) (source \(s == nil ? "none" : "file")): \(problem)\n  line: \(show(Array(line)))",
                            onlyFastAccepts: onlyFastAccepts))
                    }
                }
            }
        }
        withExtendedLifetime(source) {}
        return result
    }

    /// Every text of an event, as bytes, in order (`==` on events compares strings by Unicode
    /// equivalence; this does not).
    static func exactTexts(_ e: DecodedEvent) -> [[UInt8]] {
        var out: [String] = [e.op, e.at.description]
        func addText(_ s: String?) { out.append(s.map { "=" + $0 } ?? "nil") }
        func addFields(_ f: DecodedEvent.FieldChanges) {
            for e in f.known { out.append("#\(e.key)"); addText(e.value.string) }
            for (k, v) in f.other { addText(k); addText(v) }
        }
        switch e.payload {
        case let .setting(key, value): addText(key); addText(value)
        case let .opened(_, f): addFields(f)
        case let .updated(f): addFields(f)
        case let .noted(text): addText(text.string)
        case let .closed(outcome, _, _, f): addText(outcome); addFields(f)
        case let .followedUp(_, performed, note): addText(performed); addText(note)
        case let .extended(_, reason, _): addText(reason)
        case let .voided(reason): addText(reason)
        case let .unknown(type): addText(type)
        case .reopened, .restored: break
        }
        return out.map { Array($0.utf8) }
    }

    /// The stored texts of an event (note text, field values), in order.
    static func storedTexts(_ e: DecodedEvent) -> [StoredText] {
        switch e.payload {
        case let .noted(text): return [text]
        case let .opened(_, f), let .updated(f), let .closed(_, _, _, f): return f.known.map(\.value)
        default: return []
        }
    }

    /// True when the JSON form of `text` has an escape.
    static func needsEscapes(_ text: String) -> Bool {
        JSONValue.string(text).jsonText.utf8.count != text.utf8.count + 2
    }

    /// A line for a message: control characters escaped, bytes that are not UTF-8 as `\xNN`.
    static func show(_ bytes: [UInt8]) -> String {
        if let s = String(validating: bytes, as: UTF8.self) { return Escaping.visible(s) }
        return bytes.map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }
}

// MARK: - Folded states

extension DecoderEquivalenceTests {
    /// Two states hold the same cases, settings, operators, numbers and event count.
    static func expectSame(_ a: LedgerState, _ b: LedgerState, _ what: String) {
        #expect(a.order == b.order, "\(what)")
        #expect(a.cases.count == b.cases.count, "\(what)")
        #expect(a.settings == b.settings, "\(what)")
        #expect(a.operators == b.operators, "\(what)")
        #expect(a.lastNumbers == b.lastNumbers, "\(what)")
        #expect(a.eventCount == b.eventCount, "\(what)")
        for id in b.order {
            guard let x = a[id], let y = b[id] else {
                Issue.record("\(what): case \(id) missing")
                continue
            }
            #expect((try? a.loaded(x)) != nil && (try? a.loaded(x)) == (try? b.loaded(y)), "\(what): case \(id)")
            // What `CaseRecord ==` leaves out, and the texts byte for byte.
            #expect(x.createdBy == y.createdBy && x.createdAt == y.createdAt && x.updatedAt == y.updatedAt, "\(what): case \(id)")
            #expect(x.notes.map { Array($0.text.utf8) } == y.notes.map { Array($0.text.utf8) }, "\(what): case \(id)")
            #expect(x.fields.map { Array($0.key.utf8) + [0] + Array($0.value.utf8) }
                    == y.fields.map { Array($0.key.utf8) + [0] + Array($0.value.utf8) }, "\(what): case \(id)")
            #expect(x.timeline.map(\.at) == y.timeline.map(\.at), "\(what): case \(id)")
            #expect(x.status == y.status && x.outcome == y.outcome, "\(what): case \(id)")
        }
    }
}

// MARK: - A realistic ledger

extension DecoderEquivalenceTests {
    /// A folder under the temp directory, removed when released.
    final class Folder {
        let path = NSTemporaryDirectory() + "taizhang-equivalence-" + UUID().uuidString
        init() { try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
    }

    /// Hands out the next of a fixed list of strings, round and round (numbered when asked,
    /// so every one is different).
    final class Cycle: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        private let items: [String]
        private let numbered: Bool
        init(_ items: [String], numbered: Bool = false) {
            self.items = items
            self.numbered = numbered
        }
        func next() -> String {
            lock.lock()
            defer { lock.unlock() }
            n += 1
            let item = items[(n - 1) % items.count]
            return numbered ? "\(item)-\(n)" : item
        }
    }


    /// Writes a ledger through the domain with every command: all five kinds opened, updates
    /// that clear fields, short and long notes with quotes, newlines, tabs, backslashes,
    /// `\u2028`, C1 and DEL characters and emoji, every outcome family, a consultation turned
    /// into a mediation, follow-ups, an extension, reopen, void, restore, settings; several
    /// operators and time stamps in and out of the packed form.
    static func writeRealisticLedger(at path: String) throws {
        let stamps = Cycle([
            "2024-03-05T09:12:33.123+08:00", "2024-03-05T09:12:34+08:00", "2024-03-05T01:12:35.007-05:30",
            "2024-03-05 09:12:36", "2024-03-05T09:12:37Z", "二〇二四年三月五日 \"上午\"", "9999-12-31T23:59:59.999-23:59",
            "0000-01-01T00:00:00+00:00", "2024-12-31T23:59:59.000+14:00",
        ])
        let ids = Cycle(["e", "事件", "7f9c2ba4-e88f-11ee-9a8c-325096b39f47", "x"], numbered: true)
        let ledger = try Ledger(path: path, operatorName: "王律师", useSnapshot: false,
                                timestamp: { stamps.next() }, makeID: { ids.next() })
        let today = BusinessDate.parseISO("2024-12-31")!
        @discardableResult
        func run(_ c: Command) throws -> CommandResult { try ledger.perform(c, today: today) }
        func open(_ kind: CaseKind, _ pairs: KeyValuePairs<String, String>) throws -> String {
            try run(.open(kind: kind, fields: pairs.map { FieldInput($0.key, $0.value) })).caseID!.description
        }
        func close(_ id: String, _ outcome: String, _ pairs: KeyValuePairs<String, String> = [:]) throws {
            try run(.close(id: id, outcome: outcome, fields: pairs.map { FieldInput($0.key, $0.value) }))
        }
        func update(_ id: String, _ pairs: KeyValuePairs<String, String>) throws {
            try run(.update(id: id, fields: pairs.map { FieldInput($0.key, $0.value) }))
        }

        try run(.setting(key: "town", value: "东棘坨镇"))
        try run(.setting(key: "station_name", value: "东棘坨镇\"示范\"法律服务站"))
        try run(.setting(key: "office_name", value: "公共安全办公室（综合治理中心）\\分部"))
        try run(.setting(key: "default_unit", value: "office"))

        // A consultation with every field, cleared and changed, noted, closed, reopened and
        // turned into a mediation.
        let c1 = try open(.consultation, [
            "date": "2024-03-05", "unit": "station", "client": "张三", "topic": "labor", "channel": "phone",
            "village": "东村", "handler": "刘律师", "phone": "138 0013 8000", "id_number": "11010519491231002x",
            "question": "用人单位拖欠工资三个月，能否申请劳动仲裁？\n对方称\"公司困难\"，要求再等半年。",
            "answer": "可以申请劳动仲裁\u{2028}仲裁时效为一年\t自知道权利被侵害之日起计算",
            "summary": "当事人情绪激动😀，路径 C:\\材料\\工资单，附言\u{85}及\u{7F}字符",
        ])
        try update(c1, ["village": "", "handler": "李律师", "phone": ""])
        try run(.note(id: c1, text: "当事人来电补充材料，称对方已经同意分期支付拖欠的工资"))
        try run(.note(id: c1, text: "他说：\"不同意\"\n第二行\u{2028}第三行\u{2029}\\路径\t制表"))
        try run(.note(id: c1, text: "好"))
        try run(.note(id: c1, text: "一二三四五"))      // 15 bytes: kept inline
        try run(.note(id: c1, text: "一二三四五a"))     // 16 bytes: a file position
        try run(.note(id: c1, text: "abcdefghijklmnop"))
        try close(c1, "answered", ["closed_on": "2024-03-06"])
        try run(.reopen(id: c1, reason: "当事人补充了新的证据材料，需要重新解答"))
        try close(c1, "to_mediation", ["respondent": "某建筑公司", "category": "labor", "closed_on": "2024-03-10"])
        try run(.reopen(id: c1, reason: "当事人改变主意"))
        try close(c1, "legal_aid", ["closed_on": "2024-03-12"])

        // A mediation: closed, followed up, reopened, closed again.
        ledger.operatorName = "李干事\"甲\"\\后台"
        let m2 = try open(.mediation, [
            "date": "2024-03-20", "unit": "office", "applicant": "李四", "respondent": "王五；赵六", "category": "neighbor",
            "source": "application", "mediator": "周调解员", "amount": "12,000.50", "people": "3",
            "summary": "双方因宅基地界址发生争议，多次协商未果，村委会已到场查看并留存照片",
        ])
        try close(m2, "resolved", ["agreement": "written", "closed_on": "2024-04-01"])
        try run(.followUp(id: m2, date: "2024-05-01", performed: "yes", note: "已按协议付款，双方表示满意\n\"无异议\""))
        try run(.followUp(id: m2, date: "2024-06-01", performed: "no", note: nil))
        try run(.followUp(id: m2, date: "2024-06-02", performed: nil, note: "回访"))
        try run(.reopen(id: m2, reason: "一方未履行协议"))
        try close(m2, "failed", ["next": "litigation", "closed_on": "2024-06-10"])
        let m3 = try open(.mediation, ["date": "2024-04-02", "unit": "station", "applicant": "钱八", "respondent": "孙九", "category": "damages"])
        try close(m3, "withdrawn", ["closed_on": "2024-04-03"])
        try run(.void(id: m3, reason: "重复登记"))
        try run(.restore(id: m3, reason: "作废有误，实为另一起纠纷"))

        // Petitions: an extension, a repeat visit, void and restore.
        ledger.operatorName = "Ops\u{2028}人员"
        let p1 = try open(.petition, [
            "date": "2024-11-20", "unit": "office", "petitioner": "孙七", "form": "visit",
            "subject": "宅基地界址纠纷，要求重新丈量并出具书面意见", "people": "6", "source": "direct",
        ])
        try run(.extend(id: p1, days: "30", reason: "案情复杂，需要实地调查\n并召开听证会", on: "2024-12-01"))
        try update(p1, ["people": "8", "village": "西村"])
        try close(p1, "concluded", ["result": "explained", "closed_on": "2024-12-20"])
        let p2 = try open(.petition, ["date": "2024-12-10", "unit": "office", "petitioner": "孙七", "form": "letter",
                                      "subject": "同一事项再次来信", "repeat_of": p1])
        try close(p2, "not_accepted", ["reason": "已经办结的重复信访事项，依法不予受理", "closed_on": "2024-12-11"])
        let p3 = try open(.petition, ["date": "2024-12-15", "unit": "office", "petitioner": "吴九", "form": "online", "subject": "噪音"])
        try run(.void(id: p3, reason: "误录"))
        try run(.restore(id: p3, reason: "恢复"))
        try update(p3, ["repeat_of": p1])

        // Reviews and suits.
        ledger.operatorName = "王律师"
        let r1 = try open(.review, ["date": "2024-05-05", "unit": "station", "requester": "东村村民委员会",
                                    "title": "土地承包合同", "doc_type": "contract", "reviewer": "赵律师"])
        try close(r1, "lawful", ["opinion": "合同条款合法有效，建议补充违约责任条款", "closed_on": "2024-05-10"])
        try run(.reopen(id: r1, reason: "送审单位提交了修改稿"))
        try close(r1, "revised", ["opinion": "删除第五条\"排他条款\"\n其余合法", "closed_on": "2024-05-20"])
        let r2 = try open(.review, ["date": "2024-06-05", "unit": "station", "requester": "镇政府", "title": "村规民约", "doc_type": "village_rules"])
        try close(r2, "unlawful", ["opinion": "第三条限制村民人身自由，违反法律规定"])
        let s1 = try open(.suit, ["date": "2024-07-01", "unit": "station", "court": "宁河区人民法院",
                                  "docket": "（2024）津0117行初12号", "hearing_date": "2024-08-01", "head_appeared": "yes"])
        try close(s1, "won", ["closed_on": "2024-08-15"])
        let s2 = try open(.suit, ["date": "2024-07-02", "unit": "station", "court": "宁河区人民法院"])
        try close(s2, "lost")
        try run(.void(id: s2, reason: "录入错误"))
        let s3 = try open(.suit, ["date": "2024-07-03", "unit": "station", "court": "天津市第一中级人民法院"])
        try close(s3, "settled", ["closed_on": "2024-09-01"])

        // Plenty of ordinary cases.
        let operators = ["王律师", "李干事", "赵主任"]
        for n in 0..<40 {
            ledger.operatorName = operators[n % operators.count]
            let kind = CaseKind.allCases[n % CaseKind.allCases.count]
            var fields = minimal[kind]!
            fields["date"] = "2024-\(String(format: "%02d", 1 + n % 11))-1\(n % 9)"
            fields["summary"] = "第\(n)件：当事人反映的问题已记录，待进一步核实" + (n % 3 == 0 ? "\n附\"补充\"说明" : "")
            let id = try run(.open(kind: kind, fields: fields.keys.sorted().map { FieldInput($0, fields[$0]!) })).caseID!.description
            if n % 2 == 0 { try run(.note(id: id, text: "第\(n)件的备注：电话联系当事人，约定下周来访")) }
            if n % 4 == 1 { try update(id, ["village": "南村", "handler": n % 8 == 1 ? "" : "孙律师"]) }
            if n % 3 != 2 {
                let (outcome, extra) = closing[kind]!
                try run(.close(id: id, outcome: outcome, fields: extra.keys.sorted().map { FieldInput($0, extra[$0]!) }))
            }
            if n % 7 == 3 { try run(.void(id: id, reason: "误录")) }
        }
    }
}

// MARK: - Hand-made variations

extension DecoderEquivalenceTests {
    static let prevHex = LineDigest.of(Array("the line before".utf8)).hex

    static func line(seq: Int = 7, at: String = "2024-03-05T09:12:33.123+08:00", op: String = "王律师", caseID: String? = "M-2024-0003",
                     type: String, data: JSONValue) -> String {
        String(decoding: LogRecord(seq: seq, id: "e7", at: at, op: op, caseID: caseID, type: type, data: data, prev: prevHex).encoded(),
               as: UTF8.self)
    }

    static let closedLine = line(type: "case.closed", data: .object([
        ("outcome", .string("resolved")), ("closed_on", .string("2024-03-09")), ("linked_case", .string("C-2024-0001")),
        ("fields", .object([("agreement", .string("written")), ("summary", .string("双方当事人就宅基地界址达成一致意见"))])),
    ]))
    static let notedLine = line(type: "case.noted", data: .object([("text", .string("当事人来电补充材料，称对方已同意赔偿"))]))
    static let openedLine = line(type: "case.opened", data: .object([
        ("kind", .string("mediation")),
        ("fields", .object([("applicant", .string("李四")), ("category", .string("neighbor")), ("date", .string("2024-03-05")),
                            ("unit", .string("office")), ("village", .string(""))])),
    ]))
    static let updatedLine = line(type: "case.updated", data: .object([
        ("fields", .object([("handler", .string("")), ("summary", .string("补充：对方当事人已搬离本村，联系方式变更")), ("village", .string("东村"))])),
    ]))
    static let extendedLine = line(caseID: "P-2024-0002", type: "case.extended", data: .object([
        ("days", .int(30)), ("reason", .string("案情复杂")), ("extended_on", .string("2024-05-01")),
    ]))
    static let followedLine = line(type: "case.followed_up", data: .object([
        ("date", .string("2024-05-01")), ("performed", .string("yes")), ("note", .string("已按协议付款")),
    ]))
    static let voidedLine = line(type: "case.voided", data: .object([("reason", .string("重复登记"))]))
    static let reopenedLine = line(type: "case.reopened", data: .object([("reason", .string("当事人反悔"))]))
    static let restoredLine = line(type: "case.restored", data: .object([("reason", .string("作废有误"))]))
    static let settingLine = line(seq: 1, op: "管理员", caseID: nil, type: "settings.set",
                                  data: .object([("key", .string("town")), ("value", .string("东棘坨镇"))]))
    static let baseLines = [closedLine, notedLine, openedLine, updatedLine, extendedLine, followedLine, voidedLine,
                            reopenedLine, restoredLine, settingLine]

    /// `line` with the first `from` replaced by `to` (an unchanged line when `from` is missing,
    /// which the caller reports).
    static func replacing(_ line: [UInt8], _ from: [UInt8], _ to: [UInt8]) -> [UInt8] {
        guard !from.isEmpty, line.count >= from.count else { return line }
        for i in 0...(line.count - from.count) where Array(line[i..<(i + from.count)]) == from {
            return Array(line[..<i]) + to + Array(line[(i + from.count)...])
        }
        return line
    }

    struct Variation {
        let name: String
        let bytes: [UInt8]
    }

    static func variations() -> [Variation] {
        var out: [Variation] = []
        func addBytes(_ name: String, _ base: String, _ from: [UInt8], _ to: [UInt8]) {
            let b = Array(base.utf8)
            let v = replacing(b, from, to)
            if v == b { Issue.record("variation \(name) changed nothing") }
            out.append(Variation(name: name, bytes: v))
        }
        func add(_ name: String, _ base: String, _ from: String, _ to: String) {
            addBytes(name, base, Array(from.utf8), Array(to.utf8))
        }
        func raw(_ name: String, _ bytes: [UInt8]) { out.append(Variation(name: name, bytes: bytes)) }

        // The unchanged lines.
        for (n, b) in baseLines.enumerated() { raw("base \(n)", Array(b.utf8)) }

        // Spaces.
        add("space after {", closedLine, "{\"v\"", "{ \"v\"")
        add("space after colon", closedLine, "\"seq\":7", "\"seq\": 7")
        add("space before comma", notedLine, "\"op\":\"王律师\"", "\"op\":\"王律师\" ")
        add("tab in data", notedLine, "{\"text\"", "{\t\"text\"")
        add("newline in data", notedLine, "\"data\":{", "\"data\":\n{")
        add("space in fields", closedLine, "\"agreement\":\"written\"", "\"agreement\" : \"written\"")
        add("trailing space", notedLine, "\"}", "\"} ")
        raw("leading space", Array((" " + notedLine).utf8))
        raw("trailing newline", Array((notedLine + "\r").utf8))

        // Reordered members.
        add("seq before v", notedLine, "{\"v\":1,\"seq\":7,", "{\"seq\":7,\"v\":1,")
        add("prev before data", notedLine, ",\"data\":{\"text\":\"当事人来电补充材料，称对方已同意赔偿\"},\"prev\":\"\(prevHex)\"}",
            ",\"prev\":\"\(prevHex)\",\"data\":{\"text\":\"当事人来电补充材料，称对方已同意赔偿\"}}")
        add("case after type", notedLine, ",\"case\":\"M-2024-0003\",\"type\":\"case.noted\"", ",\"type\":\"case.noted\",\"case\":\"M-2024-0003\"")
        add("data members reordered", closedLine, "\"outcome\":\"resolved\",\"closed_on\":\"2024-03-09\"", "\"closed_on\":\"2024-03-09\",\"outcome\":\"resolved\"")
        add("fields first", closedLine,
            "{\"outcome\":\"resolved\",\"closed_on\":\"2024-03-09\",\"linked_case\":\"C-2024-0001\",\"fields\":{\"agreement\":\"written\",\"summary\":\"双方当事人就宅基地界址达成一致意见\"}}",
            "{\"fields\":{\"summary\":\"双方当事人就宅基地界址达成一致意见\",\"agreement\":\"written\"},\"linked_case\":\"C-2024-0001\",\"closed_on\":\"2024-03-09\",\"outcome\":\"resolved\"}")
        add("field keys reordered", openedLine, "\"applicant\":\"李四\",\"category\":\"neighbor\"", "\"category\":\"neighbor\",\"applicant\":\"李四\"")
        add("extension members reordered", extendedLine, "\"days\":30,\"reason\":\"案情复杂\"", "\"reason\":\"案情复杂\",\"days\":30")
        add("setting members reordered", settingLine, "\"key\":\"town\",\"value\":\"东棘坨镇\"", "\"value\":\"东棘坨镇\",\"key\":\"town\"")

        // Unknown members.
        add("unknown data member", notedLine, "{\"text\"", "{\"extra\":1,\"text\"")
        add("unknown data member last", closedLine, "\"outcome\":\"resolved\"", "\"outcome\":\"resolved\",\"extra\":{\"a\":[1,null,true]}")
        add("member of another type", notedLine, "{\"text\"", "{\"reason\":\"x\",\"text\"")
        add("days on a note", notedLine, "{\"text\"", "{\"days\":3,\"text\"")
        add("unknown field key", closedLine, "\"agreement\":\"written\"", "\"agreement\":\"written\",\"colour\":\"红\"")
        add("unknown field key only", updatedLine, "\"handler\":\"\"", "\"Handler\":\"\"")
        add("unknown envelope member", notedLine, ",\"prev\"", ",\"note\":\"x\",\"prev\"")
        add("empty data", notedLine, "{\"text\":\"当事人来电补充材料，称对方已同意赔偿\"}", "{}")
        add("empty fields", closedLine, "{\"agreement\":\"written\",\"summary\":\"双方当事人就宅基地界址达成一致意见\"}", "{}")
        add("empty extension", extendedLine, "{\"days\":30,\"reason\":\"案情复杂\",\"extended_on\":\"2024-05-01\"}", "{}")
        add("setting without value", settingLine, ",\"value\":\"东棘坨镇\"", "")
        add("setting with a case", settingLine, ",\"type\"", ",\"case\":\"M-2024-0001\",\"type\"")

        // Duplicate keys.
        add("duplicate data member", notedLine, "{\"text\"", "{\"text\":\"a\",\"text\"")
        add("duplicate field", closedLine, "\"agreement\":\"written\"", "\"agreement\":\"written\",\"agreement\":\"oral\"")
        add("duplicate field far apart", updatedLine, "\"village\":\"东村\"", "\"village\":\"东村\",\"handler\":\"x\"")
        add("duplicate envelope member", notedLine, "\"seq\":7,", "\"seq\":7,\"seq\":7,")
        add("duplicate unknown member", notedLine, "{\"text\"", "{\"q\":1,\"q\":1,\"text\"")
        add("duplicate fields object", closedLine, "\"linked_case\"", "\"fields\":{},\"linked_case\"")

        // Values of another JSON type.
        add("field value number", closedLine, "\"agreement\":\"written\"", "\"agreement\":1")
        add("field value null", closedLine, "\"agreement\":\"written\"", "\"agreement\":null")
        add("field value array", updatedLine, "\"village\":\"东村\"", "\"village\":[\"东村\"]")
        add("field value object", updatedLine, "\"village\":\"东村\"", "\"village\":{}")
        add("field value bool", openedLine, "\"village\":\"\"", "\"village\":false")
        add("fields a string", closedLine, "\"fields\":{\"agreement\":\"written\",\"summary\":\"双方当事人就宅基地界址达成一致意见\"}", "\"fields\":\"x\"")
        add("text a number", notedLine, "\"text\":\"当事人来电补充材料，称对方已同意赔偿\"", "\"text\":5")
        add("outcome null", closedLine, "\"outcome\":\"resolved\"", "\"outcome\":null")
        add("kind null", openedLine, "\"kind\":\"mediation\"", "\"kind\":null")
        add("kind unknown", openedLine, "\"kind\":\"mediation\"", "\"kind\":\"Mediation\"")
        add("days a string", extendedLine, "\"days\":30", "\"days\":\"30\"")
        add("days negative", extendedLine, "\"days\":30", "\"days\":-5")
        add("days minus zero", extendedLine, "\"days\":30", "\"days\":-0")
        add("days huge", extendedLine, "\"days\":30", "\"days\":9223372036854775807")
        add("days overflow", extendedLine, "\"days\":30", "\"days\":9223372036854775808")
        add("days fraction", extendedLine, "\"days\":30", "\"days\":30.5")
        add("days exponent", extendedLine, "\"days\":30", "\"days\":3e1")
        add("reason a number", voidedLine, "\"reason\":\"重复登记\"", "\"reason\":1")
        add("performed a bool", followedLine, "\"performed\":\"yes\"", "\"performed\":true")
        add("key a number", settingLine, "\"key\":\"town\"", "\"key\":1")
        add("seq a string", notedLine, "\"seq\":7", "\"seq\":\"7\"")
        add("v a string", notedLine, "\"v\":1", "\"v\":\"1\"")
        add("op a number", notedLine, "\"op\":\"王律师\"", "\"op\":5")
        add("at null", notedLine, "\"at\":\"2024-03-05T09:12:33.123+08:00\"", "\"at\":null")
        add("case a number", notedLine, "\"case\":\"M-2024-0003\"", "\"case\":3")
        add("case null", notedLine, "\"case\":\"M-2024-0003\"", "\"case\":null")
        add("type a number", notedLine, "\"type\":\"case.noted\"", "\"type\":1")
        add("data an array", notedLine, "{\"text\":\"当事人来电补充材料，称对方已同意赔偿\"}", "[]")
        add("data a string", notedLine, "{\"text\":\"当事人来电补充材料，称对方已同意赔偿\"}", "\"x\"")
        add("prev a number", notedLine, "\"\(prevHex)\"", "0")

        // Escapes in keys and values.
        add("escaped data key", notedLine, "\"text\":", "\"te\\u0078t\":")
        add("escaped field key", closedLine, "\"agreement\":", "\"agree\\u006dent\":")
        add("escaped envelope key", notedLine, "\"seq\":", "\"s\\u0065q\":")
        add("escaped type", notedLine, "\"case.noted\"", "\"case\\u002enoted\"")
        add("escaped case id", notedLine, "\"M-2024-0003\"", "\"M-2024-000\\u0033\"")
        add("escaped id", notedLine, "\"id\":\"e7\"", "\"id\":\"e\\u0037\"")
        add("escaped at", notedLine, "2024-03-05T09", "2024\\u002d03-05T09")
        add("escaped prev digit", notedLine, "\"prev\":\"\(prevHex.prefix(1))", "\"prev\":\"" + String(format: "\\u%04x", Int(prevHex.utf8.first!)))
        add("escaped text", notedLine, "当事人来电", "当事人\\n来电\\\"")
        add("escaped short text", notedLine, "当事人来电补充材料，称对方已同意赔偿", "\\u597d")
        add("escaped slash", notedLine, "当事人", "\\/当事人")
        add("escaped surrogate pair", notedLine, "当事人", "\\ud83d\\ude00")
        add("unpaired surrogate", notedLine, "当事人", "\\ud83d")
        add("bad escape", notedLine, "当事人", "\\x")
        add("escaped field value", closedLine, "\"written\"", "\"writt\\u0065n\"")
        add("escaped long field value", closedLine, "双方当事人", "双方\\t当事人")
        add("escaped outcome", closedLine, "\"resolved\"", "\"resolv\\u0065d\"")
        add("escaped date", closedLine, "\"2024-03-09\"", "\"2024\\u002d03-09\"")
        add("escaped op", notedLine, "\"王律师\"", "\"王\\\"律师\"")
        add("escaped setting value", settingLine, "\"东棘坨镇\"", "\"东棘\\u5768镇\"")

        // Raw control characters and odd but valid bytes.
        add("raw tab in text", notedLine, "当事人", "当事人\t")
        add("raw newline in op", notedLine, "王律师", "王\n律师")
        add("raw control in field value", closedLine, "written", "writ\u{1}ten")
        add("raw control in key", notedLine, "\"text\"", "\"te\u{1F}xt\"")
        add("raw DEL in text", notedLine, "当事人", "当事人\u{7F}")
        add("raw C1 in text", notedLine, "当事人", "当事人\u{85}")
        add("raw U+2028 in text", notedLine, "当事人", "当事人\u{2028}")
        add("raw control in at", notedLine, "09:12:33", "09:12\u{1}33")

        // Invalid UTF-8 in a value or a key.
        let bad: [(String, [UInt8])] = [("FF", [0xFF]), ("lone continuation", [0x80]), ("truncated", [0xE5, 0xBC]),
                                         ("overlong", [0xC0, 0x80]), ("surrogate", [0xED, 0xA0, 0x80]), ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80])]
        for (what, bytes) in bad {
            addBytes("\(what) in text", notedLine, Array("当事人".utf8), Array("当事".utf8) + bytes)
            addBytes("\(what) in short text", notedLine, Array("当事人来电补充材料，称对方已同意赔偿".utf8), bytes)
            addBytes("\(what) in op", notedLine, Array("王律师".utf8), Array("王".utf8) + bytes)
            addBytes("\(what) in id", notedLine, Array("\"e7\"".utf8), Array("\"e".utf8) + bytes + [0x22])
            addBytes("\(what) in at", notedLine, Array("09:12:33".utf8), Array("09:12".utf8) + bytes)
            addBytes("\(what) in case", notedLine, Array("M-2024".utf8), Array("M-20".utf8) + bytes)
            addBytes("\(what) in type", notedLine, Array("case.noted".utf8), Array("case.".utf8) + bytes)
            addBytes("\(what) in field value", closedLine, Array("双方当事人".utf8), Array("双方".utf8) + bytes)
            addBytes("\(what) in short field value", closedLine, Array("written".utf8), Array("writ".utf8) + bytes)
            addBytes("\(what) in field key", closedLine, Array("\"agreement\"".utf8), Array("\"agree".utf8) + bytes + [0x22])
            addBytes("\(what) in data key", notedLine, Array("\"text\"".utf8), Array("\"te".utf8) + bytes + [0x22])
            addBytes("\(what) in reason", voidedLine, Array("重复登记".utf8), Array("重复".utf8) + bytes)
            addBytes("\(what) in prev", notedLine, Array("\"prev\":\"\(prevHex.prefix(2))".utf8), Array("\"prev\":\"".utf8) + bytes)
        }

        // prev.
        add("prev 63 digits", notedLine, "\"\(prevHex)\"", "\"\(prevHex.dropLast())\"")
        add("prev 65 digits", notedLine, "\"\(prevHex)\"", "\"\(prevHex)0\"")
        add("prev with g", notedLine, "\"\(prevHex)\"", "\"\(prevHex.dropLast())g\"")
        add("prev uppercase", notedLine, "\"\(prevHex)\"", "\"\(prevHex.uppercased())\"")
        add("prev one uppercase digit", notedLine, "\"\(prevHex)\"", "\"\(prevHex.dropLast())A\"")
        add("prev empty", notedLine, "\"\(prevHex)\"", "\"\"")
        add("prev with space", notedLine, "\"\(prevHex)\"", "\" \(prevHex.dropFirst())\"")
        add("prev genesis", notedLine, "\"\(prevHex)\"", "\"\(LogRecord.genesisHash)\"")

        // Missing members.
        add("no v", notedLine, "\"v\":1,", "")
        add("no seq", notedLine, "\"seq\":7,", "")
        add("no id", notedLine, "\"id\":\"e7\",", "")
        add("empty id", notedLine, "\"id\":\"e7\"", "\"id\":\"\"")
        add("no at", notedLine, "\"at\":\"2024-03-05T09:12:33.123+08:00\",", "")
        add("no op", notedLine, "\"op\":\"王律师\",", "")
        add("no case", notedLine, "\"case\":\"M-2024-0003\",", "")
        add("no type", notedLine, "\"type\":\"case.noted\",", "")
        add("no data", notedLine, "\"data\":{\"text\":\"当事人来电补充材料，称对方已同意赔偿\"},", "")
        add("no prev", notedLine, ",\"prev\":\"\(prevHex)\"", "")
        add("no outcome", closedLine, "\"outcome\":\"resolved\",", "")
        add("no kind", openedLine, "\"kind\":\"mediation\",", "")

        // Numbers.
        add("v leading zero", notedLine, "\"v\":1", "\"v\":01")
        add("seq leading zero", notedLine, "\"seq\":7", "\"seq\":07")
        add("seq zero", notedLine, "\"seq\":7", "\"seq\":0")
        add("seq negative", notedLine, "\"seq\":7", "\"seq\":-7")
        add("seq minus zero", notedLine, "\"seq\":7", "\"seq\":-0")
        add("seq fraction", notedLine, "\"seq\":7", "\"seq\":7.0")
        add("seq exponent", notedLine, "\"seq\":7", "\"seq\":7e0")
        add("seq overflow", notedLine, "\"seq\":7", "\"seq\":99999999999999999999")
        add("seq max", notedLine, "\"seq\":7", "\"seq\":9223372036854775807")
        add("seq plus", notedLine, "\"seq\":7", "\"seq\":+7")
        add("v two", notedLine, "\"v\":1", "\"v\":2")
        add("v zero", notedLine, "\"v\":1", "\"v\":0")
        add("v minus zero", notedLine, "\"v\":1", "\"v\":-0")

        // Types and case ids.
        add("unknown type", notedLine, "\"case.noted\"", "\"case.exploded\"")
        add("type in capitals", notedLine, "\"case.noted\"", "\"Case.Noted\"")
        add("empty type", notedLine, "\"case.noted\"", "\"\"")
        add("type with space", notedLine, "\"case.noted\"", "\"case.noted \"")
        for (what, id) in [("short", "M-2024-0"), ("unknown prefix", "X-2024-0001"), ("lowercase prefix", "m-2024-0003"),
                           ("number zero", "M-2024-0000"), ("empty", ""), ("chinese", "调-2024-0001"), ("ten digits", "M-2024-0000000001"),
                           ("nine digits", "M-2024-000000003"), ("letter year", "M-20a4-0003"), ("no dash", "M2024-00003"),
                           ("spaces", " M-2024-0003"), ("number letter", "M-2024-000x")] {
            add("case id \(what)", notedLine, "\"M-2024-0003\"", "\"\(id)\"")
            add("case id \(what) on an opening", openedLine, "\"M-2024-0003\"", "\"\(id)\"")
        }
        add("linked case invalid", closedLine, "\"C-2024-0001\"", "\"abc\"")
        add("linked case lowercase", closedLine, "\"C-2024-0001\"", "\"c-2024-0001\"")
        add("closed_on invalid", closedLine, "\"2024-03-09\"", "\"2024-02-30\"")
        add("closed_on other form", closedLine, "\"2024-03-09\"", "\"2024/03/09\"")
        add("follow-up date empty", followedLine, "\"2024-05-01\"", "\"\"")
        add("extended_on invalid", extendedLine, "\"2024-05-01\"", "\"2024-5-1\"")

        // Time stamps and texts at the edges.
        add("at without millis", notedLine, "2024-03-05T09:12:33.123+08:00", "2024-03-05T09:12:33+08:00")
        add("at negative offset", notedLine, "2024-03-05T09:12:33.123+08:00", "2024-03-05T09:12:33.123-05:30")
        add("at free text", notedLine, "2024-03-05T09:12:33.123+08:00", "昨天上午")
        add("at empty", notedLine, "2024-03-05T09:12:33.123+08:00", "")
        add("text of 15 bytes", notedLine, "当事人来电补充材料，称对方已同意赔偿", "一二三四五")
        add("text of 16 bytes", notedLine, "当事人来电补充材料，称对方已同意赔偿", "一二三四五a")
        add("empty text", notedLine, "当事人来电补充材料，称对方已同意赔偿", "")
        add("long text", notedLine, "当事人来电补充材料，称对方已同意赔偿", String(repeating: "很长的备注", count: 2000))
        add("long key-like text", closedLine, "双方当事人就宅基地界址达成一致意见", String(repeating: "x", count: 16))
        add("empty field on opening", openedLine, "\"applicant\":\"李四\"", "\"applicant\":\"\"")

        // Structure.
        add("trailing garbage", notedLine, "\"}", "\"}x")
        add("two closing braces", notedLine, "\"}", "\"}}")
        add("missing closing brace", notedLine, "\"\(prevHex)\"}", "\"\(prevHex)\"")
        add("trailing comma in data", notedLine, "赔偿\"}", "赔偿\",}")
        add("trailing comma in fields", closedLine, "意见\"}", "意见\",}")
        add("unterminated text", notedLine, "赔偿\"}", "赔偿}")
        add("nested data", notedLine, "{\"text\"", "{\"deep\":[[[[{\"a\":{}}]]]],\"text\"")
        raw("empty line", [])
        raw("null", Array("null".utf8))
        raw("array", Array("[]".utf8))
        raw("empty object", Array("{}".utf8))
        raw("just the start", Array("{\"v\":1".utf8))
        raw("two lines in one", Array((notedLine + notedLine).utf8))
        return out
    }
}

// MARK: - Random mutation

extension DecoderEquivalenceTests {
    /// Bytes that matter to the JSON grammar, the decoders' fast checks and UTF-8.
    static let interesting: [UInt8] = Array("\"\\{}[],: 0179-.eEaAfFgnu".utf8) + [0x00, 0x09, 0x0A, 0x1F, 0x7F, 0x80, 0xBF, 0xC0, 0xC2, 0xE2, 0xE5, 0xED, 0xF4, 0xF5, 0xFF]

    /// One random change to `m`.
    static func mutate(_ m: inout [UInt8], _ rng: inout SplitMix64) {
        func position() -> Int { m.isEmpty ? 0 : Int.random(in: 0..<m.count, using: &rng) }
        func byte() -> UInt8 {
            Bool.random(using: &rng) ? interesting[Int.random(in: 0..<interesting.count, using: &rng)] : UInt8.random(in: 0...255, using: &rng)
        }
        switch Int.random(in: 0..<9, using: &rng) {
        case 6: m.insert(contentsOf: [0x22, 0x22], at: Int.random(in: 0...m.count, using: &rng))
        case 7:
            let escape = Array(String(format: "\\u%04x", Int.random(in: 0..<0x3000, using: &rng)).utf8)
            m.insert(contentsOf: escape, at: Int.random(in: 0...m.count, using: &rng))
        case 8 where m.count > 1:
            let i = Int.random(in: 0..<(m.count - 1), using: &rng)
            m.swapAt(i, i + 1)
        case 0 where !m.isEmpty: m[position()] ^= 1 << UInt8.random(in: 0..<8, using: &rng)
        case 1 where !m.isEmpty: m[position()] = byte()
        case 2: m.insert(byte(), at: Int.random(in: 0...m.count, using: &rng))
        case 3 where !m.isEmpty: m.remove(at: position())
        case 4 where m.count > 1:
            let start = position(), end = min(m.count, start + Int.random(in: 1...8, using: &rng))
            m.removeSubrange(start..<end)
        case 5 where m.count > 1:
            let start = position(), end = min(m.count, start + Int.random(in: 1...12, using: &rng))
            let piece = Array(m[start..<end])
            m.insert(contentsOf: piece, at: Int.random(in: 0...m.count, using: &rng))
        default: m.append(byte())
        }
    }
}
