import Foundation
import Testing
@testable import TaizhangDomain
@testable import TaizhangLog
import TaizhangTerminalCore

@Suite struct RoundTripTests {
    @Test(arguments: CaseKind.allCases)
    func addUpdateCloseShowSurvivesReplay(_ kind: CaseKind) throws {
        let t = try TestLedger()
        let id = try t.add(kind, minimal[kind]!)
        #expect(id == "\(kind.prefix)-2024-0001")
        try t.run(.update(id: id, fields: [FieldInput("village", "东村"), FieldInput("handler", "刘律师")]))
        try t.run(.note(id: id, text: "当事人来电补充材料"))
        let (outcome, fields) = closing[kind]!
        try t.close(id, outcome, fields.merging(["closed_on": "2024-03-20"]) { a, _ in a })

        let c = try #require(t.state.lookup(id))
        #expect(c.status == .closed)
        #expect(c.outcome == outcome)
        #expect(c.closedOn == BusinessDate(year: 2024, month: 3, day: 20))
        #expect(c["village"] == "东村")
        #expect(c["handler"] == "刘律师")
        for (k, v) in fields { #expect(c[k] == v) }
        #expect(c.notes.map(\.text) == ["当事人来电补充材料"])
        #expect(c.timeline.map(\.type) == ["case.opened", "case.updated", "case.noted", "case.closed"])
        #expect(c.timeline.allSatisfy { $0.op == "王律师" })

        // Replaying the file gives the same case.
        let replayed = try t.replayed()
        #expect(try replayed.loaded(#require(replayed.lookup(id))) == t.state.loaded(c))
        // And the JSON view carries it.
        let json = c.jsonValue(today: t.today)
        #expect(json["status"] == .string("closed"))
        #expect(json["fields"]?["village"] == .string("东村"))
    }

    @Test func replayEqualsFoldForAMixedLedger() throws {
        let t = try TestLedger()
        for kind in CaseKind.allCases {
            for n in 0..<3 {
                var f = minimal[kind]!
                f["date"] = "2024-0\(n + 1)-1\(n)"
                let id = try t.add(kind, f)
                if n == 1 { try t.close(id, closing[kind]!.0, closing[kind]!.1) }
                if n == 2 { try t.run(.void(id: id, reason: "重复登记")) }
            }
        }
        try t.run(.setting(key: "town", value: "东棘坨镇"))
        let replayed = try t.replayed()
        #expect(replayed.order == t.state.order)
        for id in t.state.order { #expect(try replayed.loaded(#require(replayed[id])) == t.state.loaded(#require(t.state[id]))) }
        #expect(replayed.settings == t.state.settings)
        #expect(replayed.lastNumbers == t.state.lastNumbers)
        #expect(replayed.townName == "东棘坨镇")
    }

    @Test func reopenClearsTheOutcomeAndKeepsHistory() throws {
        let t = try TestLedger()
        let id = try t.add(.mediation, minimal[.mediation]!)
        try t.close(id, "resolved", ["agreement": "oral"])
        try t.run(.reopen(id: id, reason: "当事人反悔"))
        var c = try #require(t.state.lookup(id))
        #expect(c.status == .open)
        #expect(c.outcome == nil)
        #expect(c["agreement"] == "")
        try t.close(id, "failed", ["next": "litigation"])
        c = try #require(t.state.lookup(id))
        #expect(c.outcome == "failed")
        #expect(c["next"] == "litigation")
        #expect(c.timeline.count == 4)
        let replayed = try t.replayed()
        #expect(try replayed.loaded(#require(replayed.lookup(id))) == t.state.loaded(c))
    }

    @Test func voidAndRestore() throws {
        let t = try TestLedger()
        let id = try t.add(.review, minimal[.review]!)
        try t.close(id, "revised", ["opinion": "删除第五条"])
        try t.run(.void(id: id, reason: "误录"))
        #expect(t.state.lookup(id)?.status == .voided)
        try t.run(.restore(id: id, reason: "作废有误"))
        #expect(t.state.lookup(id)?.status == .closed)
        #expect(t.state.lookup(id)?.voidReason == nil)
    }

    @Test func consultationToMediationOpensALinkedCase() throws {
        let t = try TestLedger()
        var f = minimal[.consultation]!
        f["village"] = "西村"
        let cid = try t.add(.consultation, f)
        let result = try t.run(.close(id: cid, outcome: "to_mediation",
                                      fields: [FieldInput("respondent", "某建筑公司"), FieldInput("category", "labor"), FieldInput("closed_on", "2024-03-06")]))
        let mid = try #require(result.linkedCaseID)
        #expect(mid.description == "M-2024-0001")
        let m = try #require(t.state[mid])
        #expect(m["applicant"] == "张三")
        #expect(m["respondent"] == "某建筑公司")
        #expect(m["village"] == "西村")
        #expect(m["from_case"] == cid)
        #expect(m["date"] == "2024-03-06")
        #expect(t.state.lookup(cid)?.linkedCase == mid)
        #expect(t.state.lookup(cid)?["respondent"] == "")  // mediation fields stay on the mediation
        // The mediation's line is written first, so a torn second line can never leave a dangling link.
        #expect(result.records.map(\.type) == ["case.opened", "case.closed"])
        try t.run(.reopen(id: cid, reason: "当事人改变主意"))
        #expect(t.state.lookup(cid)?.linkedCase == nil)
        #expect(t.state[mid]?["from_case"] == cid)
    }

    @Test func followUpsAfterClosing() throws {
        let t = try TestLedger()
        let id = try t.add(.mediation, minimal[.mediation]!)
        #expect(t.rejection(.followUp(id: id, date: "2024-04-01", performed: "yes", note: nil)) != nil)  // still open
        try t.close(id, "resolved", ["agreement": "written", "closed_on": "2024-03-10"])
        #expect(t.rejection(.followUp(id: id, date: "2024-03-01", performed: "yes", note: nil))?.field == "date")  // before closing
        try t.run(.followUp(id: id, date: "2024-04-01", performed: "yes", note: "已按协议付款"))
        let c = try #require(t.state.lookup(id))
        #expect(c.followUps == [FollowUp(date: BusinessDate(year: 2024, month: 4, day: 1)!, performed: "yes", note: "已按协议付款")])
    }

    @Test func storesControlCharactersAsTypedButShowsThemEscaped() throws {
        let t = try TestLedger()
        var f = minimal[.consultation]!
        f["client"] = "张三\u{1B}[2J"
        let id = try t.add(.consultation, f)
        #expect(t.state.lookup(id)?["client"] == "张三\u{1B}[2J")
        #expect(Escaping.visible("张三\u{1B}[2J") == "张三\\e[2J")
        #expect(!Escaping.visible("a\u{7}b\u{9B}c\nd").unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
    }
}
