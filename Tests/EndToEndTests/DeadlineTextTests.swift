import Foundation
import Testing

/// The CLI's deadline words are the TUI's: the same notes, markers included.
@Suite struct DeadlineTextTests {
    func petition(_ f: CLIFixture, date: String) throws -> String {
        let r = try f.tz("add", "petition", "--set", "unit=office", "--set", "petitioner=张三", "--set", "form=visit",
                         "--set", "subject=宅基地", "--set", "date=\(date)")
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func listShowsOverdueSoonPastAndClosedLate() throws {
        let f = CLIFixture(today: "2024-06-30")
        let open = try petition(f, date: "2024-03-01")        // handling due 2024-04-30: 61 days over
        let soon = try petition(f, date: "2024-05-02")        // due 2024-07-01: 1 day left
        let late = try petition(f, date: "2024-03-01")
        try f.tz("close", late, "--outcome", "concluded", "--set", "result=supported", "--set", "closed_on=2024-05-02")
        try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=李四", "--set", "respondent=王五",
                 "--set", "category=neighbor", "--set", "date=2024-06-01")  // guideline due 2024-07-01
        try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=赵六", "--set", "respondent=王五",
                 "--set", "category=neighbor", "--set", "date=2024-05-01")  // guideline passed 2024-05-31
        for (lang, want) in [("zh", [open: "!超期61天", soon: "*剩1天", late: "!超期办结", "M-2024-0001": "*剩1天", "M-2024-0002": "!已过30天"]),
                             ("en", [open: "!61d over", soon: "*1d left", late: "!late", "M-2024-0001": "*1d left", "M-2024-0002": "!30d past"])] {
            let out = try f.tz("list", "--status", "all", lang: lang).stdout
            for (id, note) in want {
                let line = out.split(separator: "\n").first { $0.hasPrefix(id) }.map(String.init) ?? ""
                #expect(line.hasSuffix(" " + note), "\(lang) \(id): \(line)")
            }
        }
    }

    @Test func showGivesEachClocksNote() throws {
        let f = CLIFixture(today: "2024-04-28")
        let id = try petition(f, date: "2024-03-01")
        let zh = try f.tz("show", id).stdout
        #expect(zh.contains("受理告知期限：2024-03-16  已于 2024-03-01 办理"), "\(zh)")
        #expect(zh.contains("办理期限：2024-04-30  *剩 2 天"), "\(zh)")
        let en = try f.tz("show", id, lang: "en").stdout
        #expect(en.contains("acceptance due: 2024-03-16  done 2024-03-01"), "\(en)")
        #expect(en.contains("handling due: 2024-04-30  *2 days left"), "\(en)")
    }
}
