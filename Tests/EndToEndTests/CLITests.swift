import Foundation
import TaizhangTestSupport
import Testing
import TaizhangLog

@Suite struct CLITests {
    @Test func addListShowVerify() throws {
        let f = CLIFixture()
        let add = try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                           "--set", "category=邻里", "--set", "date=2024.3.5", "--set", "village=东村")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout == "M-2024-0001\n")
        try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=Zhang San Feng", "--set", "topic=labor", "--set", "date=2024-12-01")
        try f.tz("note", "M-2024-0001", "双方同意下周再谈")
        let close = try f.tz("close", "M-2024-0001", "--outcome", "resolved", "--set", "agreement=written", "--set", "closed_on=2024-03-20")
        #expect(close.status == 0, "\(close.stderr)")

        let show = try f.tz("show", "M-2024-0001")
        #expect(show.stdout.contains("调解成功"))
        #expect(show.stdout.contains("双方同意下周再谈"))
        #expect(show.stdout.contains("书面"))

        let json = try f.tz("show", "m-2024-0001", "--format", "json")
        let value = try JSONParser.parse(Array(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        #expect(value["outcome"] == .string("resolved"))
        #expect(value["fields"]?["category"] == .string("neighbor"))
        #expect(value["timeline"].map { if case let .array(a) = $0 { return a.count } else { return 0 } } == 3)

        let open = try f.tz("list")
        #expect(open.stdout.contains("C-2024-0001"))
        #expect(!open.stdout.contains("M-2024-0001"))
        let all = try f.tz("list", "--status", "all", "--format", "csv")
        #expect(all.stdout.split(separator: "\n").count == 3)

        let verify = try f.tz("verify")
        #expect(verify.status == 0)
        #expect(verify.stdout.contains("4 行"))
    }

    /// Every column starts at the same display column on every line, Chinese or not.
    @Test func tableColumnsLineUpByDisplayWidth() throws {
        let f = CLIFixture()
        for (client, handler) in [("张三", "刘律师"), ("Li Si", "Wang"), ("欧阳春花abc", "司马律师甲乙丙丁")] {
            let r = try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=\(client)", "--set", "topic=labor",
                             "--set", "handler=\(handler)")
            #expect(r.status == 0, "\(r.stderr)")
        }
        for lang in ["zh", "en"] {
            let lines = try f.tz("list", lang: lang).stdout.split(separator: "\n").map(String.init).dropLast()
            #expect(lines.count == 4)
            // The status column: find where "open"/"办理中" starts on each data line.
            let marker = lang == "zh" ? "办理中" : "open"
            let header = lang == "zh" ? "状态" : "status"
            let starts = lines.dropFirst().map { line -> Int in
                let prefix = line.components(separatedBy: marker)[0]
                return displayWidth(prefix)
            }
            let headerStart = displayWidth(lines[0].components(separatedBy: header)[0])
            #expect(Set(starts).count == 1, "\(lines)")
            #expect(starts.first == headerStart)
        }
    }

    @Test func rejectedInputGoesToStderrWithANonZeroExit() throws {
        let f = CLIFixture()
        let bad = try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四", "--set", "category=吵架")
        #expect(bad.status == 1)
        #expect(bad.stdout.isEmpty)
        #expect(bad.stderr.contains("category"))
        #expect(bad.stderr.contains("吵架"))
        let en = try f.tz("add", "petition", "--set", "unit=office", "--set", "petitioner=张三", "--set", "form=visit", lang: "en")
        #expect(en.status == 1)
        #expect(en.stderr.contains("missing required field subject"))
        let kind = try f.tz("add", "lawsuit")
        #expect(kind.status == 1)
        #expect(kind.stderr.contains("consultation"))
        let set = try f.tz("add", "suit", "--set", "court")
        #expect(set.status == 1)
        #expect(set.stderr.contains("key=value") || set.stderr.contains("键=值"))
        let missing = try f.tz("close", "S-2024-0042", "--outcome", "won")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("S-2024-0042"))
        // Nothing was written by any of these.
        #expect(try f.tz("verify").stdout.contains("0 行"))
    }

    @Test func verifyNamesAnEditedMiddleLine() throws {
        let f = CLIFixture()
        for n in 1...5 {
            try f.tz("add", "suit", "--set", "unit=station", "--set", "court=第\(n)法院")
        }
        var text = try String(contentsOfFile: f.store, encoding: .utf8)
        text = text.replacingOccurrences(of: "第3法院", with: "第8法院")
        try text.write(toFile: f.store, atomically: false, encoding: .utf8)
        let verify = try f.tz("verify", lang: "en")
        #expect(verify.status == 2)
        #expect(verify.stdout.contains("line 4: broken chain"))
        // A normal open refuses and points at verify; the file is untouched.
        let list = try f.tz("list", lang: "en")
        #expect(list.status == 2)
        #expect(list.stderr.contains("line 4"))
        #expect(list.stderr.contains("taizhang verify"))
        #expect(try String(contentsOfFile: f.store, encoding: .utf8) == text)
        let readOnly = try f.tz("list", "--read-only", lang: "en")
        #expect(readOnly.status == 0)
        #expect(readOnly.stdout.contains("S-2024-0003"))
        #expect(!readOnly.stdout.contains("S-2024-0004"))
    }

    @Test func aTornLastLineIsQuarantinedAndReported() throws {
        let f = CLIFixture()
        for n in 1...3 { try f.tz("add", "suit", "--set", "unit=station", "--set", "court=法院\(n)") }
        var bytes = try Data(contentsOf: URL(fileURLWithPath: f.store))
        bytes.removeLast(9)
        try bytes.write(to: URL(fileURLWithPath: f.store))
        let add = try f.tz("add", "suit", "--set", "unit=station", "--set", "court=新法院", lang: "en")
        #expect(add.status == 0)
        #expect(add.stdout == "S-2024-0003\n")
        #expect(add.stderr.contains("quarantine"))
        let files = try FileManager.default.contentsOfDirectory(atPath: f.dir)
        #expect(files.contains { $0.hasPrefix("ledger.jsonl.quarantine-") })
        #expect(try f.tz("verify").status == 0)
    }

    @Test func settingsAreEvents() throws {
        let f = CLIFixture()
        #expect(try f.tz("settings", "set", "town=东棘坨镇").status == 0)
        #expect(try f.tz("settings", "show").stdout.contains("town=东棘坨镇"))
        let bad = try f.tz("settings", "set", "colour=red")
        #expect(bad.status == 1)
        let log = try String(contentsOfFile: f.store, encoding: .utf8)
        #expect(log.contains("\"type\":\"settings.set\""))
    }

    @Test func storeAndOperatorFallBackToTheEnvironment() throws {
        let f = CLIFixture()
        let env = ["TAIZHANG_STORE": f.store, "TAIZHANG_OPERATOR": "李干事", "TAIZHANG_TODAY": "2024-06-01"]
        let r = try runProgram(Binaries.path("taizhang"), ["add", "suit", "--set", "unit=station", "--set", "court=区法院"], environment: env)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOfFile: f.store, encoding: .utf8).contains("\"op\":\"李干事\""))
        let home = f.dir + "/xdg"
        let r2 = try runProgram(Binaries.path("taizhang"), ["add", "suit", "--set", "unit=station", "--set", "court=区法院"],
                                environment: ["TAIZHANG_STORE": "", "XDG_DATA_HOME": home, "TAIZHANG_TODAY": "2024-06-01"])
        #expect(r2.status == 0, "\(r2.stderr)")
        #expect(FileManager.default.fileExists(atPath: home + "/taizhang/ledger.jsonl"))
    }

    func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, u in
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return w + (wide ? 2 : 1)
        }
    }
}
