import Testing
@testable import TaizhangDomain

@Suite struct DatePlausibilityTests {
    let today = BusinessDate(year: 2026, month: 12, day: 2)!

    @Test(arguments: ["1900-01-01", "1999-12-31", "2025-12-01", "2020-06-01"])
    func oldDatesAreUnusual(_ text: String) {
        #expect(DatePlausibility.isUnusual(BusinessDate.parseISO(text)!, today: today))
        let q = DatePlausibility.question(kind: .consultation, inputs: [FieldInput("date", text)], today: today)
        #expect(q?.zh.contains("C-\(text.prefix(4))-") == true)
    }

    @Test(arguments: ["2025-12-02", "2026-06-01", "2026-12-02"])
    func datesWithinAYearAreUsual(_ text: String) {
        #expect(!DatePlausibility.isUnusual(BusinessDate.parseISO(text)!, today: today))
        #expect(DatePlausibility.question(kind: .mediation, inputs: [FieldInput("date", text)], today: today) == nil)
    }

    @Test func typedFormsAndMissingDatesAreRead() {
        #expect(DatePlausibility.question(kind: .petition, inputs: [FieldInput("date", "1998.3.5")], today: today) != nil)
        #expect(DatePlausibility.question(kind: .petition, inputs: [FieldInput("village", "东村")], today: today) == nil)
        #expect(DatePlausibility.question(kind: .petition, inputs: [FieldInput("date", "not a date")], today: today) == nil)
    }
}
