import Testing
import TaizhangDomain
@testable import TaizhangReport

@Suite struct PetitionFigureTests {
    @Test func finishedConclusionRateAndForms() throws {
        let t = try TestLedger()
        let a = try t.open(.petition, "2024-02-01", ["form": "letter"])
        try t.close(a, "concluded", on: "2024-02-20", ["result": "explained"])
        let b = try t.open(.petition, "2024-02-02", ["people": "6"])
        try t.close(b, "not_accepted", on: "2024-02-05", ["reason": "不属于受理范围"])
        let c = try t.open(.petition, "2024-02-03", ["people": "5"])
        try t.close(c, "withdrawn", on: "2024-02-06")
        try t.open(.petition, "2024-12-20", ["form": "online", "people": "4"])
        let p = t.summary(2024)["office"]!.petitions
        #expect(p.total == 4)
        #expect(p.finished == 2)  // concluded + not_accepted; withdrawn is not finished
        #expect(p.conclusionRate == Rate(num: 2, den: 4))
        #expect(p.groupVisits == 2)
        #expect(p.byForm["letter"] == 1 && p.byForm["visit"] == 2 && p.byForm["online"] == 1)
        #expect(p.byOutcome["open"] == 1 && p.byOutcome["withdrawn"] == 1)
    }

    @Test func overdueOpenPastItsClockAndFinishedLate() throws {
        let t = try TestLedger()
        // Open past its 60-day handling deadline by the year end.
        try t.open(.petition, "2024-09-01")
        // Finished after the deadline (accepted 2024-03-01, due 2024-04-30).
        let late = try t.open(.petition, "2024-03-01")
        try t.close(late, "concluded", on: "2024-05-10", ["result": "supported"])
        // Extended by 30 days: finished on day 70, within the moved deadline.
        let ext = try t.open(.petition, "2024-03-01")
        try t.extend(ext, days: 30, on: "2024-04-20")
        try t.close(ext, "concluded", on: "2024-05-10", ["result": "supported"])
        // Still open but within its clock on Dec 31 (due 2025-02-08): not overdue.
        try t.open(.petition, "2024-12-10")
        let p = t.summary(2024, today: "2025-03-01")["office"]!.petitions
        #expect(p.overdue == 2)
        // Judged on an earlier day, the September petition is still within its clock.
        #expect(t.summary(2024, today: "2024-10-15")["office"]!.petitions.overdue == 1)
    }

    @Test func firstVisitThatCameBackNextYearCountsForItsOwnYear() throws {
        let t = try TestLedger()
        let first = try t.open(.petition, "2024-11-05")
        try t.close(first, "concluded", on: "2024-11-30", ["result": "explained"])
        let other = try t.open(.petition, "2024-11-06")
        try t.close(other, "concluded", on: "2024-11-30", ["result": "explained"])
        #expect(t.summary(2024)["office"]!.petitions.cameBack == 0)
        let again = try t.open(.petition, "2025-01-15", ["repeat_of": first])
        var p2024 = t.summary(2024, today: "2025-02-01")["office"]!.petitions
        #expect(p2024.firstVisits == 2)
        #expect(p2024.cameBack == 1)
        #expect(p2024.returnRate == Rate(num: 1, den: 2))
        // The return itself is a 2025 repeat petition, not a first visit.
        let p2025 = t.summary(2025, today: "2025-02-01")["office"]!.petitions
        #expect(p2025.total == 1 && p2025.firstVisits == 0 && p2025.cameBack == 0)
        // A voided return does not count.
        try t.void(again, on: "2025-01-16")
        p2024 = t.summary(2024, today: "2025-02-01")["office"]!.petitions
        #expect(p2024.cameBack == 0)
    }

    @Test func repeatsOfRepeatsAndOfLastYearDoNotCountTwice() throws {
        let t = try TestLedger()
        let old = try t.open(.petition, "2023-12-01")
        let first = try t.open(.petition, "2024-01-10")
        let r1 = try t.open(.petition, "2024-02-10", ["repeat_of": first])
        try t.open(.petition, "2024-03-10", ["repeat_of": r1])
        try t.open(.petition, "2024-04-10", ["repeat_of": first])
        try t.open(.petition, "2024-05-10", ["repeat_of": old])
        let p = t.summary(2024)["office"]!.petitions
        #expect(p.total == 5)
        #expect(p.firstVisits == 1)
        #expect(p.cameBack == 1)
        #expect(t.summary(2023)["office"]!.petitions.cameBack == 1)
    }
}
