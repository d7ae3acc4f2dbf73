import Testing
import TaizhangDomain
@testable import TaizhangReport

@Suite struct MediationFigureTests {
    @Test func countsOutcomesClosedLoopAndAmounts() throws {
        let t = try TestLedger()
        let a = try t.open(.mediation, "2024-03-01", ["amount": "1000.50", "category": "neighbor"])
        try t.close(a, "resolved", on: "2024-03-10", ["agreement": "written"])
        try t.followUp(a, on: "2024-04-01")
        let b = try t.open(.mediation, "2024-03-02", ["amount": "0.5", "category": "labor"])
        try t.close(b, "resolved", on: "2024-03-12", ["agreement": "oral"])  // no follow-up: not a closed loop
        let c = try t.open(.mediation, "2024-03-03", ["category": "labor"])
        try t.close(c, "failed", on: "2024-03-20", ["next": "litigation"])
        let d = try t.open(.mediation, "2024-03-04")
        try t.close(d, "failed", on: "2024-03-20", ["next": "none"])
        let e = try t.open(.mediation, "2024-03-05")
        try t.close(e, "withdrawn", on: "2024-03-06")
        try t.open(.mediation, "2024-03-06")  // still open

        let m = t.summary(2024)["office"]!.mediations
        #expect(m.total == 6)
        #expect(m.resolved == 2)
        #expect(m.failed == 2)
        #expect(m.failedToLitigation == 1)
        #expect(m.withdrawn == 1)
        #expect(m.open == 1)
        #expect(m.closedLoop == 4)  // a (followed up), c, d (next recorded), e (withdrawn)
        #expect(m.closedLoopRate == Rate(num: 4, den: 6))
        #expect(m.resolutionRate == Rate(num: 2, den: 6))
        #expect(m.writtenAgreements == 1 && m.oralAgreements == 1)
        #expect(m.amountFen == 100_050 + 50)
        #expect(m.byCategory["labor"] == 2 && m.byCategory["neighbor"] == 4)
    }

    @Test func reopenedCaseCountsByItsCurrentOutcome() throws {
        let t = try TestLedger()
        let a = try t.open(.mediation, "2024-05-01")
        try t.close(a, "resolved", on: "2024-05-10", ["agreement": "written"])
        try t.followUp(a, on: "2024-05-20")
        try t.reopen(a, on: "2024-06-01")
        var m = t.summary(2024)["office"]!.mediations
        #expect(m.resolved == 0)
        #expect(m.open == 1)
        #expect(m.closedLoop == 0)  // open again: the earlier follow-up closes no loop
        // Resolved again: the visit made before the reopen does not close this loop.
        try t.close(a, "resolved", on: "2024-06-20", ["agreement": "oral"])
        m = t.summary(2024)["office"]!.mediations
        #expect(m.resolved == 1 && m.open == 0 && m.closedLoop == 0)
        try t.followUp(a, on: "2024-07-01")
        #expect(t.summary(2024)["office"]!.mediations.closedLoop == 1)
        try t.reopen(a, on: "2024-07-10")
        try t.close(a, "failed", on: "2024-07-20", ["next": "litigation"])
        m = t.summary(2024)["office"]!.mediations
        #expect(m.failed == 1 && m.failedToLitigation == 1 && m.closedLoop == 1 && m.open == 0 && m.resolved == 0)
    }

    @Test func voidedCasesAreNotCounted() throws {
        let t = try TestLedger()
        let a = try t.open(.mediation, "2024-05-01", ["amount": "500"])
        try t.open(.mediation, "2024-05-02", ["amount": "700"])
        try t.void(a, on: "2024-05-03")
        let s = t.summary(2024)
        #expect(s["office"]!.mediations.total == 1)
        #expect(s["office"]!.mediations.amountFen == 70_000)
        #expect(s["all"]!.byVillage.map(\.counts.total).reduce(0, +) == 1)
    }

    @Test func caseDatedInDecemberEnteredInJanuaryCountsInItsOwnYear() throws {
        let t = try TestLedger()
        let a = try t.open(.consultation, "2023-12-31", unit: .station, entered: "2024-01-03")
        try t.close(a, "answered", on: "2023-12-31", entered: "2024-01-03")
        try t.open(.consultation, "2024-01-02", unit: .station)
        #expect(a.hasPrefix("C-2023-"))
        #expect(t.summary(2023)["station"]!.consultations.total == 1)
        #expect(t.summary(2023)["station"]!.consultations.answeredOrGuided == 1)
        #expect(t.summary(2024)["station"]!.consultations.total == 1)
        #expect(t.summary(2024)["station"]!.consultations.answeredOrGuided == 0)
    }

    @Test func zeroDenominatorsGiveNullPercentages() throws {
        let t = try TestLedger()
        try t.open(.consultation, "2024-02-01", unit: .station)
        // A 2024 petition that repeats a 2023 one: petitions exist, first visits do not.
        let old = try t.open(.petition, "2023-12-01")
        try t.open(.petition, "2024-02-01", ["repeat_of": old])
        let s = t.summary(2024)
        let office = s["office"]!
        #expect(office.mediations.resolutionRate.tenths == nil)
        #expect(office.petitions.returnRate.tenths == nil)
        let json = s.json.compact()
        #expect(json.contains(#""resolution_rate":{"num":0,"den":0,"percent":null}"#))
        #expect(office.petitions.total == 1)
        #expect(json.contains(#""return_rate":{"num":0,"den":0,"percent":null}"#))
        #expect(s.text(.en).contains("0/0 = —"))
        #expect(!s.narrative().contains("初访回流率"))
    }
}
