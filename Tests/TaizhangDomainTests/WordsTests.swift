import Foundation
import Testing
@testable import TaizhangDomain

/// One `Words(…)` written in the catalogue's source, with its two arguments as written.
struct CatalogueEntry: CustomStringConvertible {
    var file: String
    var line: Int
    var zh: String
    var en: String
    var description: String { "\(file):\(line) Words(\(zh), \(en))" }
}

/// Reads the `Words("…", "…")` entries of Sources/TaizhangDomain/Words/*.swift.
///
/// The catalogue is read as source because Swift cannot list a type's static members: reading
/// the files finds every entry, including one a list kept by hand would have missed.
enum CatalogueSource {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/TaizhangDomain/Words").standardized

    static func files() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "swift" }.sorted { $0.path < $1.path }
    }

    static func entries() throws -> [CatalogueEntry] {
        var out: [CatalogueEntry] = []
        for url in try files() {
            let text = Array(try String(contentsOf: url, encoding: .utf8))
            var i = 0
            while i < text.count {
                if text[i] == "/", i + 1 < text.count, text[i + 1] == "/" {  // skip comments
                    while i < text.count, text[i] != "\n" { i += 1 }
                    continue
                }
                if text[i] == "\"" { i = endOfString(text, from: i); continue }
                if matches(text, at: i, "Words("), i == 0 || !(text[i - 1].isLetter || text[i - 1].isNumber || text[i - 1] == "_" || text[i - 1] == ".") {
                    let args = arguments(text, openParen: i + 5)
                    let line = text[..<i].filter { $0 == "\n" }.count + 1
                    out.append(CatalogueEntry(file: url.lastPathComponent, line: line,
                                              zh: args.first ?? "", en: args.count == 2 ? args[1] : "<\(args.count) arguments>"))
                }
                i += 1
            }
        }
        return out
    }

    static func matches(_ t: [Character], at i: Int, _ s: String) -> Bool {
        let s = Array(s)
        return i + s.count <= t.count && Array(t[i..<(i + s.count)]) == s
    }

    /// The index after the string literal starting at `start`, interpolations included.
    static func endOfString(_ t: [Character], from start: Int) -> Int {
        var i = start + 1
        while i < t.count {
            switch t[i] {
            case "\\":
                if i + 1 < t.count, t[i + 1] == "(" {
                    i = endOfParens(t, openParen: i + 1)
                    continue
                }
                i += 2
            case "\"": return i + 1
            default: i += 1
            }
        }
        return i
    }

    static func endOfParens(_ t: [Character], openParen: Int) -> Int {
        var depth = 0, i = openParen
        while i < t.count {
            if t[i] == "\"" { i = endOfString(t, from: i); continue }
            if t[i] == "(" { depth += 1 }
            if t[i] == ")" { depth -= 1; if depth == 0 { return i + 1 } }
            i += 1
        }
        return i
    }

    /// The top-level arguments of the call whose `(` is at `openParen`, whitespace collapsed.
    static func arguments(_ t: [Character], openParen: Int) -> [String] {
        var args: [String] = [], current = "", depth = 0, i = openParen + 1
        while i < t.count {
            let c = t[i]
            if c == "\"" {
                let end = endOfString(t, from: i)
                current += String(t[i..<end])
                i = end
                continue
            }
            if c == "(" || c == "[" { depth += 1 }
            if c == ")" || c == "]" {
                if depth == 0 { break }
                depth -= 1
            }
            if c == ",", depth == 0 {
                args.append(current)
                current = ""
            } else {
                current.append(c)
            }
            i += 1
        }
        args.append(current)
        return args.map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
    }

    /// The text of the string literals in `source`, interpolations left out.
    static func literalText(_ source: String) -> String {
        let t = Array(source)
        var out = "", i = 0
        while i < t.count {
            guard t[i] == "\"" else { i += 1; continue }
            var j = i + 1
            while j < t.count, t[j] != "\"" {
                if t[j] == "\\", j + 1 < t.count, t[j + 1] == "(" {
                    j = endOfParens(t, openParen: j + 1)
                    continue
                }
                out.append(t[j])
                j += 1
            }
            i = j + 1
        }
        return out
    }
}

@Suite struct WordsCatalogueTests {
    static func isHan(_ c: Character) -> Bool {
        c.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value) }
    }

    @Test func theCatalogueIsFound() throws {
        let entries = try CatalogueSource.entries()
        // Far fewer would mean the scan lost its way (a literal it cannot read).
        #expect(entries.count > 200, "\(entries.count) entries")
        #expect(try CatalogueSource.files().map(\.lastPathComponent).contains("Clocks.swift"))
    }

    @Test func everyEntryHasChineseFirstAndEnglishSecond() throws {
        for e in try CatalogueSource.entries() {
            let zh = CatalogueSource.literalText(e.zh), en = CatalogueSource.literalText(e.en)
            #expect(e.zh.contains("\""), "\(e): Chinese is not a string literal")
            #expect(e.en.contains("\""), "\(e): English is not a string literal")
            #expect(!zh.trimmingCharacters(in: .whitespaces).isEmpty, "\(e): empty Chinese")
            #expect(!en.trimmingCharacters(in: .whitespaces).isEmpty, "\(e): empty English")
            #expect(zh.unicodeScalars.contains { !$0.isASCII }, "\(e): the first text has no Chinese")
            #expect(!en.contains(where: Self.isHan), "\(e): the English text has Chinese in it")
        }
    }

    @Test func noWordsAreEnteredTwice() throws {
        var seen: [String: CatalogueEntry] = [:]
        for e in try CatalogueSource.entries() {
            let key = e.zh + "\u{0}" + e.en
            if let first = seen[key] {
                Issue.record("\(e) repeats \(first)")
            } else {
                seen[key] = e
            }
        }
    }

    @Test func theSchemasLabelsHaveBothLanguages() {
        var labels: [(String, Words)] = []
        for kind in CaseKind.allCases {
            labels.append((kind.rawValue, kind.label))
            for f in kind.fields + kind.outcomes.flatMap(\.requiredFields) {
                labels.append(("\(kind.rawValue).\(f.key)", f.label))
                labels += f.choices.map { ("\(kind.rawValue).\(f.key).\($0.key)", $0.label) }
            }
            labels += kind.outcomes.map { ("\(kind.rawValue) outcome \($0.key)", $0.label) }
        }
        labels += CaseStatus.allCases.map { ($0.rawValue, $0.label) } + Unit.allCases.map { ($0.rawValue, $0.label) }
        labels += Schema.settings.map { ($0.key, $0.label) }
        for purpose in [Clock.Purpose.acceptance, .handling, .mediation, .hearing] {
            labels.append((purpose.rawValue, Clock(purpose: purpose, due: BusinessDate(dayNumber: 0), binding: false).label))
        }
        #expect(labels.count > 150)
        for (name, w) in labels {
            #expect(!w[.zh].isEmpty && !w[.en].isEmpty, "\(name)")
            #expect(w[.zh] != w[.en], "\(name): \(w.zh) in both languages")
        }
    }

    @Test func chineseIsTheDefaultLanguage() {
        #expect(Language.standard == .zh)
        #expect(Language(option: nil, environment: nil) == .zh)
        #expect(Language(option: "zh", environment: "en") == .zh)  // the option wins
        #expect(Language(option: nil, environment: "en_US.UTF-8") == .en)
        #expect(Language(option: "EN", environment: nil) == .en)
        #expect(Language(option: nil, environment: "fr") == .zh)
        #expect(Words.Common.colon[.zh] == "：" && Words.Common.colon[.en] == ": ")
        #expect(Words.Kinds.mediation(.zh) == Words.Kinds.mediation[.zh])  // the older call form
    }
}

@Suite struct DeadlineNoteTests {
    func petition(_ t: TestLedger, date: String = "2024-03-01", extra: [String: String] = [:]) throws -> String {
        var f = minimal[.petition]!
        f["date"] = date
        for (k, v) in extra { f[k] = v }
        return try t.add(.petition, f)
    }

    func note(_ t: TestLedger, _ id: String, on day: String) throws -> DeadlineNote? {
        try #require(t.state.lookup(id)).deadlineNote(today: BusinessDate.parseISO(day)!)
    }

    func texts(_ n: DeadlineNote?) -> [String] {
        guard let n else { return [] }
        return [n.text(.zh), n.text(.en)]
    }

    @Test func anOpenPetitionCountsDownThenOver() throws {
        let t = try TestLedger(today: "2024-06-30")
        let id = try petition(t)  // handling due 2024-04-30
        let far = try note(t, id, on: "2024-04-20")
        #expect(texts(far) == ["剩10天", "10d left"])
        #expect(far?.urgency == DeadlineNote.Urgency.none)
        let soon = try note(t, id, on: "2024-04-28")
        #expect(texts(soon) == ["*剩2天", "*2d left"])
        #expect(soon?.urgency == .soon)
        #expect(texts(try note(t, id, on: "2024-04-30")) == ["*剩0天", "*0d left"])
        #expect(texts(try note(t, id, on: "2024-04-27")) == ["*剩3天", "*3d left"])  // three days is soon
        #expect(texts(try note(t, id, on: "2024-04-26")) == ["剩4天", "4d left"])
        let over = try note(t, id, on: "2024-06-30")
        #expect(texts(over) == ["!超期61天", "!61d over"])
        #expect(over?.urgency == .overdue)
        #expect(over?.text(.zh, marked: false) == "超期61天")
    }

    @Test func aPetitionClosedLateSaysSoAndOneClosedInTimeSaysNothing() throws {
        let t = try TestLedger(today: "2024-06-30")
        let late = try petition(t)
        let onTime = try petition(t)
        let refused = try petition(t)
        try t.close(late, "concluded", ["result": "supported", "closed_on": "2024-05-02"])
        try t.close(onTime, "concluded", ["result": "supported", "closed_on": "2024-04-30"])
        try t.close(refused, "not_accepted", ["reason": "不属于受理范围", "closed_on": "2024-03-20"])
        let n = try note(t, late, on: "2024-06-30")
        #expect(texts(n) == ["!超期办结", "!late"])
        #expect(n?.urgency == .overdue)
        #expect(try note(t, onTime, on: "2024-06-30") == nil)
        #expect(texts(try note(t, refused, on: "2024-06-30")) == ["!超期办结", "!late"])  // acceptance decided after 15 days
    }

    @Test func anExtensionMovesTheCountdown() throws {
        let t = try TestLedger(today: "2024-05-28")
        let id = try petition(t)
        #expect(texts(try note(t, id, on: "2024-05-28")) == ["!超期28天", "!28d over"])
        try t.run(.extend(id: id, days: "30", reason: "案情复杂", on: "2024-04-15"))
        #expect(texts(try note(t, id, on: "2024-05-28")) == ["*剩2天", "*2d left"])
    }

    @Test func aPassedGuidelineIsPastNotOverdue() throws {
        let t = try TestLedger(today: "2024-04-10")
        var f = minimal[.mediation]!
        f["date"] = "2024-03-05"  // guideline due 2024-04-04
        let id = try t.add(.mediation, f)
        let n = try note(t, id, on: "2024-04-10")
        #expect(texts(n) == ["!已过6天", "!6d past"])
        #expect(n?.urgency == .past)
        #expect(try #require(t.state.lookup(id)).isOverdue(today: t.today) == false)
        try t.run(.void(id: id, reason: "误录"))
        #expect(try note(t, id, on: "2024-04-10") == nil)
    }

    @Test func aClockSaysWhenItsStepWasDoneOrHowLongIsLeft() throws {
        let t = try TestLedger(today: "2024-06-30")
        let prompt = try petition(t)
        let slow = try petition(t, extra: ["accepted_on": "2024-03-20"])  // acceptance due 2024-03-16
        let day = BusinessDate.parseISO("2024-04-28")!
        let p = try #require(t.state.lookup(prompt)), s = try #require(t.state.lookup(slow))
        let done = try #require(p.clocks[0].note(today: day, running: true))
        #expect([done.text(.zh), done.text(.en)] == ["已于 2024-03-01 办理", "done 2024-03-01"])
        #expect(done.urgency == DeadlineNote.Urgency.none)
        let late = try #require(s.clocks[0].note(today: day, running: true))
        #expect([late.text(.zh), late.text(.en)] == ["已于 2024-03-20 办理（逾期）", "done 2024-03-20 (late)"])
        #expect(late.urgency == .overdue && late.marker.isEmpty)
        let handling = try #require(p.clocks[1].note(today: day, running: true))
        #expect([handling.text(.zh), handling.text(.en)] == ["*剩 2 天", "*2 days left"])
        let missed = try #require(p.clocks[1].note(today: BusinessDate.parseISO("2024-05-03")!, running: true))
        #expect([missed.text(.zh), missed.text(.en)] == ["!已过 3 天", "!3 days ago"])
        #expect(missed.urgency == .overdue)
        // A closed case's clock has stopped: it says nothing more.
        #expect(p.clocks[1].note(today: day, running: false) == nil)
        #expect(p.clocks[0].note(today: day, running: false) != nil)  // a step done stays said
    }
}

/// Texts written outside the catalogue, in the older styles: `ctx.t("…", "…")`,
/// `Localized("…", "…")`, `lang == .zh ? "…" : "…"`, `zh:`/`en:` pairs, or labels given to
/// `FieldSpec`/`Choice`/`OutcomeSpec` as two strings.
@Suite struct OldStyleWordsTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources").standardized

    /// Files that still write their texts the older ways; the list only shrinks.
    static let notYetConverted: Set<String> = [
        "TaizhangDomain/Command.swift", "TaizhangDomain/Validation.swift",
        "taizhang/CaseCommands.swift", "taizhang/GlobalOptions.swift", "taizhang/ListShowVerify.swift",
        "taizhang/ReportCommands.swift",
        // Below the domain: the file writer's own messages, in both languages.
        "TaizhangFiles/FileWriter.swift",
        // The import, documents and district modules, written beside the catalogue.
        "TaizhangDocuments/DisputeForm.swift", "TaizhangDocuments/DocumentIssuer.swift",
        "TaizhangDomain/Documents.swift", "TaizhangDomain/Screening.swift", "TaizhangDomain/LedgerAudit.swift",
        "TaizhangImport/ImportError.swift", "TaizhangImport/ImportReportText.swift", "TaizhangImport/Importer.swift",
        "TaizhangImport/MapFile.swift", "TaizhangImport/SheetLayout.swift",
        "taizhang/DistrictCommands.swift", "taizhang/DocumentCommands.swift", "taizhang/ImportCommand.swift",
        // The edit-version check, the date question and the terminal check.
        "TaizhangDomain/CaseEdit.swift", "TaizhangDomain/DatePlausibility.swift", "taizhang/TUICommand.swift",
        // The people index, its CLI commands and screens.
        "TaizhangDomain/PersonIDs.swift", "TaizhangScreens/PartyLookup.swift", "TaizhangScreens/PersonList.swift",
        "TaizhangSearch/PeopleIndex.swift", "taizhang/PersonCommands.swift",
    ]

    static let patterns = [
        #"Localized\("#, #"\bt\(""#, #"zh \? ""#, #"Words\(""#, #"\bzh: ""#,
        #"(FieldSpec|Choice|OutcomeSpec)\("[^"]*", ""#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// `module/file.swift` -> the lines that write words the older ways.
    static func oldStyleLines() throws -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        let walker = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            let relative = String(url.standardized.path.dropFirst(sources.path.count + 1))
            if relative.hasPrefix("TaizhangDomain/Words/") { continue }
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() {
                let s = String(line), range = NSRange(s.startIndex..., in: s)
                if patterns.contains(where: { $0.firstMatch(in: s, range: range) != nil }) { out[relative, default: []].append(n + 1) }
            }
        }
        return out
    }

    @Test func convertedFilesTakeTheirWordsFromTheCatalogue() throws {
        let found = try Self.oldStyleLines()
        #expect(found["TaizhangDomain/Command.swift"] != nil, "the scan finds nothing: \(Self.sources.path)")
        for (file, lines) in found.sorted(by: { $0.key < $1.key }) where !Self.notYetConverted.contains(file) {
            Issue.record("\(file) lines \(lines): words outside the catalogue (add them to Sources/TaizhangDomain/Words)")
        }
        for file in Self.notYetConverted.sorted() where found[file] == nil {
            Issue.record("\(file) no longer writes words the older ways: take it off notYetConverted")
        }
    }
}
