import Foundation
import Testing
import TaizhangDomain
@testable import TaizhangReport

/// `petitions.repeat_rate`: petitions naming an earlier one in `repeat_of`, over all petitions.
@Suite struct RepeatRateTests {
    @Test func demoLedgerRepeatRateIsRepeatsOverPetitions() throws {
        let s = try DemoLedgerTests().load()
        let ledger = try Ledger(path: DemoLedgerTests.demoPath, operatorName: "test", options: .init(create: false, readOnly: true))
        // Counted here from the cases themselves, not from the figures.
        let petitions = ledger.state.allCases.filter { $0.kind == .petition && $0.status != .voided && $0.date.year == 2024 }
        let repeats = petitions.filter { !$0["repeat_of"].isEmpty }
        let all = s["all"]!.petitions
        #expect(all.repeatRate == Rate(num: repeats.count, den: petitions.count))
        #expect(all.repeats == repeats.count && all.repeats > 0)
        #expect(all.total == petitions.count)
        // 5 of 65: the figures of the report are unchanged beside it.
        #expect(all.repeatRate.percentText == "7.7")
        #expect(all.firstVisits + all.repeats == all.total)
        #expect(s.narrative().contains("重复信访\(repeats.count)件，重复信访率7.7%"))
    }

    @Test func repeatRateIsInTheJSONAndTextSummaries() throws {
        let s = try DemoLedgerTests().load()
        let json = s.json.compact()
        #expect(json.contains(#""repeats":5,"repeat_rate":{"num":5,"den":65"#))
        #expect(s.text(.zh).contains("重复信访率"))
        #expect(s.text(.en).contains("repeat rate"))
    }

    @Test func aVoidedRepeatDoesNotCount() throws {
        let t = try TestLedger()
        let first = try t.open(.petition, "2024-02-01")
        let again = try t.open(.petition, "2024-03-01", ["repeat_of": first])
        try t.open(.petition, "2024-03-02", ["repeat_of": first])
        try t.void(again, on: "2024-03-05")
        let s = t.summary(2024)
        #expect(s["all"]!.petitions.repeatRate == Rate(num: 1, den: 2))
    }
}
