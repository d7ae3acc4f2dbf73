import Foundation
import Testing
@testable import TaizhangDomain

@Suite struct CaseIDTests {
    @Test func sequencesRunPerKindAndYear() throws {
        let t = try TestLedger()
        var ids: [String] = []
        for (kind, date) in [(CaseKind.mediation, "2024-01-05"), (.mediation, "2024-02-05"), (.consultation, "2024-02-06"),
                             (.mediation, "2023-12-31"), (.mediation, "2024-03-01"), (.consultation, "2023-11-11")] {
            var f = minimal[kind]!
            f["date"] = date
            ids.append(try t.add(kind, f))
        }
        #expect(ids == ["M-2024-0001", "M-2024-0002", "C-2024-0001", "M-2023-0001", "M-2024-0003", "C-2023-0001"])
    }

    @Test func voidedCasesKeepTheirNumber() throws {
        let t = try TestLedger()
        let a = try t.add(.suit, minimal[.suit]!)
        try t.run(.void(id: a, reason: "误录"))
        #expect(try t.add(.suit, minimal[.suit]!) == "S-2024-0002")
    }

    @Test func idsParseAndPrint() {
        #expect(CaseID("m-2024-0007")?.description == "M-2024-0007")
        #expect(CaseID("M-2024-12345")?.number == 12345)
        #expect(CaseID("X-2024-0001") == nil)
        #expect(CaseID("M-24-0001") == nil)
        #expect(CaseID("M-2024-0000") == nil)
    }

    @Test func twoLedgersOnOneFileNeverShareAnID() throws {
        let t = try TestLedger()
        let other = try Ledger(path: t.path, operatorName: "李干事")
        let a = try t.add(.mediation, minimal[.mediation]!)
        let b = try other.perform(.open(kind: .mediation, fields: minimal[.mediation]!.map { FieldInput($0.key, $0.value) }), today: t.today)
        let c = try t.add(.mediation, minimal[.mediation]!)
        #expect([a, b.caseID!.description, c] == ["M-2024-0001", "M-2024-0002", "M-2024-0003"])
        #expect(t.state.cases.count == 3)
    }
}

@Suite struct PetitionClockTests {
    func petition(_ t: TestLedger, date: String = "2024-03-01", extra: [String: String] = [:]) throws -> String {
        var f = minimal[.petition]!
        f["date"] = date
        for (k, v) in extra { f[k] = v }
        return try t.add(.petition, f)
    }

    @Test func acceptanceAndHandlingDeadlines() throws {
        let t = try TestLedger(today: "2024-03-10")
        let id = try petition(t)
        let c = try #require(t.state.lookup(id))
        #expect(c["accepted_on"] == "2024-03-01")  // defaults to date
        #expect(c.clocks.map(\.due.description) == ["2024-03-16", "2024-04-30"])
        #expect(c.clocks[0].doneOn?.description == "2024-03-01")  // accepted: that clock has stopped
        #expect(c.clocks[1].doneOn == nil)
        #expect(c.deadline?.purpose == .handling)
        #expect(c.daysLeft(today: t.today) == 51)
        #expect(!c.isOverdue(today: t.today))
    }

    @Test func handlingRunsFromAcceptedOn() throws {
        let t = try TestLedger(today: "2024-03-20")
        let id = try petition(t, extra: ["accepted_on": "2024-03-12"])
        #expect(t.state.lookup(id)?.deadline?.due.description == "2024-05-11")
        #expect(t.rejection(.update(id: id, fields: [FieldInput("accepted_on", "2024-02-01")]))?.field == "accepted_on")
        #expect(t.rejection(.update(id: id, fields: [FieldInput("accepted_on", "2024-03-21")]))?.field == "accepted_on")  // future
    }

    @Test func oneExtensionOfAtMostThirtyDays() throws {
        let t = try TestLedger(today: "2024-04-20")
        let id = try petition(t)
        #expect(t.rejection(.extend(id: id, days: "31", reason: "案情复杂", on: nil))?.field == "days")
        #expect(t.rejection(.extend(id: id, days: "0", reason: "案情复杂", on: nil))?.field == "days")
        #expect(t.rejection(.extend(id: id, days: "10", reason: " ", on: nil))?.field == "reason")
        try t.run(.extend(id: id, days: "30", reason: "案情复杂，需调查", on: "2024-04-15"))
        let c = try #require(t.state.lookup(id))
        #expect(c.deadline?.due.description == "2024-05-30")
        #expect(c.extensions.first?.extendedOn.description == "2024-04-15")
        #expect(t.rejection(.extend(id: id, days: "5", reason: "再延", on: nil))?.field == "days")
    }

    @Test func overdueWhenOpenPastTheDeadlineOrFinishedLate() throws {
        let t = try TestLedger(today: "2024-06-30")
        let open = try petition(t)
        let late = try petition(t)
        let onTime = try petition(t)
        try t.close(late, "concluded", ["result": "supported", "closed_on": "2024-05-02"])
        try t.close(onTime, "concluded", ["result": "supported", "closed_on": "2024-04-30"])
        #expect(t.state.lookup(open)?.isOverdue(today: t.today) == true)
        #expect(t.state.lookup(open)?.daysLeft(today: t.today) == -61)
        #expect(t.state.lookup(late)?.isOverdue(today: t.today) == true)
        #expect(t.state.lookup(onTime)?.isOverdue(today: t.today) == false)
        #expect(t.state.lookup(open)?.isOverdue(today: BusinessDate(year: 2024, month: 4, day: 30)!) == false)
    }

    @Test func notAcceptedRunsAgainstTheAcceptanceClock() throws {
        let t = try TestLedger(today: "2024-06-30")
        let id = try petition(t)
        try t.close(id, "not_accepted", ["reason": "不属于受理范围", "closed_on": "2024-03-20"])
        #expect(t.state.lookup(id)?.isOverdue(today: t.today) == true)  // decided after 15 days
    }

    @Test func anExtensionCannotExcuseALatePetition() throws {
        let t = try TestLedger(today: "2024-06-01")
        let id = try petition(t)  // handling due 2024-04-30
        #expect(t.rejection(.extend(id: id, days: "30", reason: "补办", on: "2024-05-05"))?.field == "extended_on")
        try t.run(.extend(id: id, days: "30", reason: "案情复杂", on: "2024-04-30"))
    }

    @Test func extensionsOnlyForOpenPetitions() throws {
        let t = try TestLedger()
        let m = try t.add(.mediation, minimal[.mediation]!)
        #expect(t.rejection(.extend(id: m, days: "5", reason: "x", on: nil)) != nil)
        let p = try petition(t)
        try t.close(p, "withdrawn")
        #expect(t.rejection(.extend(id: p, days: "5", reason: "x", on: nil)) != nil)
    }
}

@Suite struct QueueTests {
    @Test func openCasesByNearestDeadlineOverdueFirst() throws {
        let t = try TestLedger(today: "2024-06-01")
        var ids: [String: String] = [:]
        for (name, kind, date) in [("p-old", CaseKind.petition, "2024-03-01"), ("p-new", .petition, "2024-05-20"),
                                   ("m", .mediation, "2024-05-25"), ("c", .consultation, "2024-05-30"), ("r", .review, "2024-04-01")] {
            var f = minimal[kind]!
            f["date"] = date
            ids[name] = try t.add(kind, f)
        }
        let closed = try t.add(.suit, minimal[.suit]!)
        try t.close(closed, "won")
        let queue = t.state.queue().map(\.id.description)
        #expect(queue == [ids["p-old"]!, ids["m"]!, ids["p-new"]!, ids["c"]!, ids["r"]!])
        #expect(!queue.contains(closed))
    }

    @Test func filtersCombine() throws {
        let t = try TestLedger()
        var f = minimal[.mediation]!
        f["village"] = "东村"
        f["handler"] = "刘律师"
        let a = try t.add(.mediation, f)
        f["village"] = "西村"
        f["date"] = "2023-05-05"
        let b = try t.add(.mediation, f)
        _ = try t.add(.consultation, minimal[.consultation]!)
        try t.run(.note(id: b, text: "涉及排水沟"))
        #expect(t.state.query(CaseFilter(status: nil, kind: .mediation)).count == 2)
        #expect(t.state.query(CaseFilter(status: nil, village: "东村")).map(\.id.description) == [a])
        #expect(t.state.query(CaseFilter(status: nil, year: 2023)).map(\.id.description) == [b])
        #expect(t.state.query(CaseFilter(status: nil, unit: .station)).count == 1)
        #expect(t.state.query(CaseFilter(status: nil, handler: "刘律师")).count == 2)
        #expect(t.state.query(CaseFilter(status: .closed)).isEmpty)
    }
}
