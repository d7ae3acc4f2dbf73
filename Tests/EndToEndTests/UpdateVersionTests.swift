import Foundation
import Testing
import TaizhangLog

/// `update --if-version`: an edit saved only over the version it was made against.
@Suite struct UpdateVersionTests {
    func version(_ f: CLIFixture, _ id: String) throws -> Int? {
        let json = try f.tz("show", id, "--format", "json")
        let value = try JSONParser.parse(Array(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        return value["version"]?.intValue
    }

    @Test func aMatchingVersionSavesAndAStaleOneExitsOneNamingBoth() throws {
        let f = CLIFixture()
        try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                 "--set", "category=neighbor", "--set", "date=2024-03-05")
        let v1 = try #require(try version(f, "M-2024-0001"))
        let ok = try f.tz("update", "M-2024-0001", "--set", "village=东村", "--if-version", "\(v1)")
        #expect(ok.status == 0, "\(ok.stderr)")
        let v2 = try #require(try version(f, "M-2024-0001"))
        #expect(v2 > v1)
        let stale = try f.tz("update", "M-2024-0001", "--set", "village=西村", "--if-version", "\(v1)", lang: "en")
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("version \(v1)") && stale.stderr.contains("version \(v2)"), "\(stale.stderr)")
        let show = try f.tz("show", "M-2024-0001")
        #expect(show.stdout.contains("东村 → 西村") == false)
        #expect(show.stdout.contains("村/社区：（空） → 东村"), "\(show.stdout)")
    }

    @Test func anOldDateNeedsYesBeforeAnIdIsGiven() throws {
        let f = CLIFixture()
        let refused = try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=张三", "--set", "topic=labor", "--set", "date=1900-01-01")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--yes") && refused.stderr.contains("C-1900-"), "\(refused.stderr)")
        #expect(try f.tz("list", "--status", "all").stdout.contains("C-1900") == false)
        let accepted = try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=张三", "--set", "topic=labor",
                                "--set", "date=1900-01-01", "--yes")
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stdout == "C-1900-0001\n")
    }
}
