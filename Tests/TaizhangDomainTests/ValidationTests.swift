import Foundation
import Testing
@testable import TaizhangDomain

@Suite struct ValidationTests {
    @Test(arguments: CaseKind.allCases)
    func missingRequiredFieldIsNamed(_ kind: CaseKind) throws {
        for spec in kind.fields where spec.required && spec.key != "date" {
            let t = try TestLedger()
            var f = minimal[kind]!
            f[spec.key] = nil
            let e = try #require(t.rejection(.open(kind: kind, fields: f.map { FieldInput($0.key, $0.value) })))
            #expect(e.field == spec.key)
            #expect(e.zh.contains(spec.key) && e.zh.contains(spec.label.zh))
            #expect(e.en.contains(spec.key))
            #expect(t.state.cases.isEmpty)
        }
    }

    @Test func unknownKeyListsTheFields() throws {
        let t = try TestLedger()
        var f = minimal[.mediation]!
        f["colour"] = "红"
        let e = try #require(t.rejection(.open(kind: .mediation, fields: f.map { FieldInput($0.key, $0.value) })))
        #expect(e.field == "colour")
        #expect(e.en.contains("applicant") && e.en.contains("category"))
    }

    @Test func valueOutsideTheListNamesTheAllowedValues() throws {
        let t = try TestLedger()
        var f = minimal[.mediation]!
        f["category"] = "quarrel"
        let e = try #require(t.rejection(.open(kind: .mediation, fields: f.map { FieldInput($0.key, $0.value) })))
        #expect(e.field == "category")
        #expect(e.value == "quarrel")
        #expect(e.en.contains("neighbor") && e.zh.contains("邻里"))
    }

    @Test func choicesAcceptTheirChineseLabel() throws {
        let t = try TestLedger()
        var f = minimal[.mediation]!
        f["category"] = "邻里"
        let id = try t.add(.mediation, f)
        #expect(t.state.lookup(id)?["category"] == "neighbor")
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "24-3-5x", "昨儿", "2024-3"])
    func badDatesAreRejected(_ text: String) throws {
        let t = try TestLedger()
        var f = minimal[.consultation]!
        f["date"] = text
        let e = try #require(t.rejection(.open(kind: .consultation, fields: f.map { FieldInput($0.key, $0.value) })))
        #expect(e.field == "date")
    }

    @Test func friendlyDateFormsAreNormalised() throws {
        let today = BusinessDate(year: 2024, month: 6, day: 1)!
        #expect(BusinessDate.parse("2024.3.5", today: today)?.description == "2024-03-05")
        #expect(BusinessDate.parse("3-5", today: today)?.description == "2024-03-05")
        #expect(BusinessDate.parse("2024年3月5日", today: today)?.description == "2024-03-05")
        #expect(BusinessDate.parse("t", today: today) == today)
        #expect(BusinessDate.parse("2024-02-29", today: today) != nil)
    }

    @Test func futureDatesAreRejected() throws {
        let t = try TestLedger(today: "2024-06-01")
        var f = minimal[.consultation]!
        f["date"] = "2024-06-02"
        #expect(t.rejection(.open(kind: .consultation, fields: f.map { FieldInput($0.key, $0.value) }))?.field == "date")
    }

    @Test(arguments: [("amount", "-5"), ("amount", "12.345"), ("amount", "一万"), ("people", "0"), ("people", "-3"),
                      ("phone", "abc"), ("id_number", "12345"), ("from_case", "P-2024-0001")])
    func outOfRangeValuesAreRejected(_ key: String, _ value: String) throws {
        let t = try TestLedger()
        var f = minimal[.mediation]!
        f[key] = value
        #expect(t.rejection(.open(kind: .mediation, fields: f.map { FieldInput($0.key, $0.value) }))?.field == key)
    }

    @Test func overlongTextIsRejectedWithItsLength() throws {
        let t = try TestLedger()
        let id = try t.add(.consultation, minimal[.consultation]!)
        let huge = String(repeating: "字", count: 10_000_000)
        let e = try #require(t.rejection(.note(id: id, text: huge)))
        #expect(e.field == "note")
        #expect(e.en.contains("too long"))
        #expect(t.rejection(.note(id: id, text: "   ")) != nil)
    }

    @Test func outcomeMissingItsRequiredFieldIsNamed() throws {
        let t = try TestLedger()
        let cases: [(CaseKind, String, String)] = [(.mediation, "resolved", "agreement"), (.mediation, "failed", "next"),
                                                   (.petition, "concluded", "result"), (.petition, "not_accepted", "reason"),
                                                   (.review, "unlawful", "opinion"), (.consultation, "to_mediation", "respondent")]
        for (kind, outcome, field) in cases {
            let id = try t.add(kind, minimal[kind]!)
            let e = try #require(t.rejection(.close(id: id, outcome: outcome, fields: [])))
            #expect(e.field == field, "\(kind) \(outcome)")
            #expect(t.state.lookup(id)?.status == .open)
        }
    }

    @Test func unknownOutcomeListsTheKindsOutcomes() throws {
        let t = try TestLedger()
        let id = try t.add(.suit, minimal[.suit]!)
        let e = try #require(t.rejection(.close(id: id, outcome: "resolved", fields: [])))
        #expect(e.field == "outcome")
        #expect(e.en.contains("won") && e.en.contains("settled"))
    }

    @Test func anOutcomeFieldOfAnotherOutcomeIsRejected() throws {
        let t = try TestLedger()
        let id = try t.add(.mediation, minimal[.mediation]!)
        #expect(t.rejection(.close(id: id, outcome: "resolved", fields: [FieldInput("agreement", "written"), FieldInput("next", "none")]))?.field == "next")
    }

    @Test func closingAClosedCaseIsRejected() throws {
        let t = try TestLedger()
        let id = try t.add(.suit, minimal[.suit]!)
        try t.close(id, "won")
        let e = try #require(t.rejection(.close(id: id, outcome: "lost", fields: [])))
        #expect(e.en.contains("already closed"))
        #expect(t.state.lookup(id)?.outcome == "won")
    }

    @Test func actingOnAVoidedCaseIsRejected() throws {
        let t = try TestLedger()
        let id = try t.add(.petition, minimal[.petition]!)
        try t.run(.void(id: id, reason: "误录"))
        let commands: [Command] = [
            .update(id: id, fields: [FieldInput("village", "东村")]), .note(id: id, text: "x"),
            .close(id: id, outcome: "withdrawn", fields: []), .extend(id: id, days: "10", reason: "复杂", on: nil),
            .reopen(id: id, reason: "x"), .void(id: id, reason: "again"),
        ]
        for command in commands {
            let e = try #require(t.rejection(command))
            #expect(e.en.contains("voided"))
        }
        #expect(t.state.lookup(id)?.timeline.count == 2)
    }

    @Test func closedOnMustLieBetweenDateAndToday() throws {
        let t = try TestLedger(today: "2024-06-01")
        let id = try t.add(.suit, minimal[.suit]!)
        #expect(t.rejection(.close(id: id, outcome: "won", fields: [FieldInput("closed_on", "2024-03-01")]))?.field == "closed_on")
        #expect(t.rejection(.close(id: id, outcome: "won", fields: [FieldInput("closed_on", "2024-07-01")]))?.field == "closed_on")
    }

    @Test func updatesMayNotClearRequiredFieldsOrMoveTheYear() throws {
        let t = try TestLedger()
        let id = try t.add(.consultation, minimal[.consultation]!)
        #expect(t.rejection(.update(id: id, fields: [FieldInput("client", "")]))?.field == "client")
        #expect(t.rejection(.update(id: id, fields: [FieldInput("date", "2023-12-31")]))?.field == "date")
        #expect(t.rejection(.update(id: id, fields: [FieldInput("client", "张三")])) != nil)  // nothing changes
        try t.run(.update(id: id, fields: [FieldInput("date", "2024-01-02")]))
    }

    @Test func repeatOfMustNameAnEarlierPetition() throws {
        let t = try TestLedger()
        let first = try t.add(.petition, minimal[.petition]!)
        var f = minimal[.petition]!
        f["repeat_of"] = "P-2024-0099"
        #expect(t.rejection(.open(kind: .petition, fields: f.map { FieldInput($0.key, $0.value) }))?.field == "repeat_of")
        f["repeat_of"] = "M-2024-0001"
        #expect(t.rejection(.open(kind: .petition, fields: f.map { FieldInput($0.key, $0.value) }))?.field == "repeat_of")
        f["repeat_of"] = first.lowercased()
        f["date"] = "2024-04-01"
        let second = try t.add(.petition, f)
        #expect(t.state.lookup(first)?.repeatedBy.map(\.description) == [second])
        #expect(t.state.lookup(first)?.isFirstVisit == true)
        #expect(t.state.lookup(second)?.isFirstVisit == false)
        // Voiding the repeat takes it back; restoring brings it back.
        try t.run(.void(id: second, reason: "误录"))
        #expect(t.state.lookup(first)?.repeatedBy.isEmpty == true)
        try t.run(.restore(id: second, reason: "作废有误"))
        #expect(t.state.lookup(first)?.repeatedBy.map(\.description) == [second])
        #expect(try t.replayed().lookup(first)?.repeatedBy.map(\.description) == [second])
    }

    @Test func unknownSettingsAreRejected() throws {
        let t = try TestLedger()
        #expect(t.rejection(.setting(key: "colour", value: "red"))?.field == "colour")
        #expect(t.rejection(.setting(key: "default_unit", value: "court"))?.field == "default_unit")
        try t.run(.setting(key: "default_unit", value: "office"))
        var f = minimal[.mediation]!
        f["unit"] = nil
        let id = try t.add(.mediation, f)
        #expect(t.state.lookup(id)?["unit"] == "office")
    }
}
