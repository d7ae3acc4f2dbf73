import Foundation
import Testing
import TaizhangDomain
import TaizhangLog
@testable import TaizhangDocuments

/// Screening rounds are ledger events of their own and count on the monthly form.
@Suite struct ScreeningTests {
    @Test func roundsAreValidatedFoldedAndKeptInTheSnapshot() throws {
        let t = try DocLedger()
        try t.run(.screening(date: "2024-03-05", villages: "东河村, 前营村、东河村", found: "0", unit: nil, note: "零报告"), on: "2024-03-06")
        try t.run(.screening(date: nil, villages: "后营村", found: "2", unit: "station", note: nil), on: "2024-03-20")
        let rounds = t.ledger.state.screenings
        #expect(rounds.count == 2)
        #expect(rounds[0].villages == ["东河村", "前营村"] && rounds[0].isZeroReport && rounds[0].unit == "office" && rounds[0].op == "王律师")
        #expect(rounds[1].date == day("2024-03-20") && rounds[1].found == 2 && rounds[1].unit == "station")
        for (villages, found, date) in [("", "0", "2024-03-05"), ("东河村", "-1", "2024-03-05"), ("东河村", "两", "2024-03-05"), ("东河村", "1", "2024-04-01")] {
            #expect(throws: ValidationError.self, "\(villages) \(found) \(date)") {
                try t.run(.screening(date: date, villages: villages, found: found, unit: nil, note: nil), on: "2024-03-20")
            }
        }
        // A fresh replay and a snapshot give the same rounds.
        let replayed = try Ledger(path: t.path, operatorName: "x", useSnapshot: false)
        #expect(replayed.state.screenings == rounds)
        try replayed.writeSnapshot()
        let fromSnapshot = try Ledger(path: t.path, operatorName: "x", useSnapshot: true)
        #expect(fromSnapshot.openReport.linesRead == 0)
        #expect(fromSnapshot.state.screenings == rounds)
    }

    @Test func theMonthlyFormCountsRoundsAndSaysZeroReport() throws {
        let t = try DocLedger()
        try t.run(.screening(date: "2024-03-05", villages: "东河村、前营村", found: "0", unit: "office", note: nil), on: "2024-03-06")
        let march = DisputeForm(state: t.ledger.state, period: try ReportPeriod.parse("2024-03"), byVillage: false)
        #expect(march.total.screenings == 1 && march.rows[1].screenings == 1 && march.rows[0].screenings == 0)
        #expect(march.csv(.zh).contains("零报告"))
        let villages = DisputeForm(state: t.ledger.state, period: try ReportPeriod.parse("2024-Q1"), byVillage: true)
        #expect(villages.rows.map(\.name) == ["东河村", "前营村"] && villages.rows.allSatisfy { $0.screenings == 1 })
        try t.run(.screening(date: "2024-03-25", villages: "后营村", found: "3", unit: "office", note: nil), on: "2024-03-25")
        let again = DisputeForm(state: t.ledger.state, period: try ReportPeriod.parse("2024-03"), byVillage: false)
        #expect(again.total.screenings == 2 && again.total.screeningFound == 3)
        #expect(!again.csv(.zh).contains("零报告"))
        #expect(DisputeForm(state: t.ledger.state, period: try ReportPeriod.parse("2024-04"), byVillage: false).total.screenings == 0)
    }

    @Test func roundsAreNamedByDateAndPlaceAndKeepTheirNames() throws {
        let t = try DocLedger()
        try t.run(.screening(date: "2024-03-05", villages: "东河村", found: "1", unit: nil, note: nil), on: "2024-03-06")
        try t.run(.screening(date: "2024-03-01", villages: "前营村", found: "0", unit: nil, note: nil), on: "2024-03-06")
        try t.run(.screening(date: "2024-03-05", villages: "后营村", found: "2", unit: nil, note: nil), on: "2024-03-06")
        #expect(t.ledger.state.screenings.map(\.id) == ["2024-03-05/1", "2024-03-01/1", "2024-03-05/2"])
        #expect(t.ledger.state.screening("2024-03-05/2")?.villages == ["后营村"])
        #expect(t.ledger.state.screening("2024-03-05/3") == nil && t.ledger.state.screening("2024-03-05") == nil)
        let replayed = try Ledger(path: t.path, operatorName: "x", useSnapshot: false)
        try replayed.writeSnapshot()
        let fromSnapshot = try Ledger(path: t.path, operatorName: "x", useSnapshot: true)
        #expect(fromSnapshot.openReport.linesRead == 0)
        #expect(fromSnapshot.state.screenings.map(\.id) == ["2024-03-05/1", "2024-03-01/1", "2024-03-05/2"])
    }

    /// A mediation's fields from a round, with `extra` added.
    static func found(_ extra: [String: String]) -> [FieldInput] {
        let base = ["date": "2024-03-06", "unit": "office", "applicant": "赵大", "respondent": "钱二", "category": "neighbor", "source": "initiative"]
        return base.merging(extra) { $1 }.map { FieldInput($0.key, $0.value) }.sorted { $0.key < $1.key }
    }

    @Test func aMediationFromScreeningNamesItsRound() throws {
        let t = try DocLedger()
        try t.run(.screening(date: "2024-03-05", villages: "东河村", found: "1", unit: nil, note: nil), on: "2024-03-06")
        // The date alone names the day's only round, and is stored with its place.
        let m = try #require(try t.run(.open(kind: .mediation, fields: Self.found(["screening": "2024-3-5"])), on: "2024-03-06").caseID)
        #expect(t.document(m.description)["screening"] == "2024-03-05/1")
        #expect(t.ledger.state.screeningLinks() == ["2024-03-05/1": [m]])
        #expect(t.ledger.state.screeningSummary("2024-03-05/1").zh == "东河村，发现 1 件")

        try t.run(.screening(date: "2024-03-05", villages: "后营村", found: "0", unit: nil, note: nil), on: "2024-03-06")
        func refused(_ extra: [String: String], _ words: String) {
            do {
                _ = try t.run(.open(kind: .mediation, fields: Self.found(extra)), on: "2024-03-06")
                Issue.record("accepted \(extra)")
            } catch let e as ValidationError {
                #expect(e.field == "screening" && e.zh.contains(words), "\(extra): \(e.zh)")
            } catch { Issue.record("\(error)") }
        }
        refused(["screening": "2024-03-05"], "有 2 次排查")               // two rounds that day: say which
        refused(["screening": "2024-03-04/1"], "找不到排查记录")
        refused(["screening": "2024-03-05/x"], "无效")
        refused(["screening": "2024-03-05/1", "source": "application"], "主动排查")
        refused(["screening": "2024-03-05/1", "date": "2024-03-04"], "晚于受理日期")
        // Another mediation from the same round; a voided one no longer counts as linked.
        let second = try #require(try t.run(.open(kind: .mediation, fields: Self.found(["screening": "2024-03-05/1"])), on: "2024-03-06").caseID)
        #expect(t.ledger.state.screeningLinks()["2024-03-05/1"] == [m, second])
        try t.run(.void(id: second.description, reason: "重复登记"), on: "2024-03-06")
        #expect(t.ledger.state.screeningLinks()["2024-03-05/1"] == [m])
        // Moving the source away from initiative needs the round cleared first.
        #expect(throws: ValidationError.self) {
            try t.run(.update(id: m.description, fields: [FieldInput("source", "referred")]), on: "2024-03-07")
        }
        try t.run(.update(id: m.description, fields: [FieldInput("source", "referred"), FieldInput("screening", "")]), on: "2024-03-07")
        #expect(t.document(m.description)["screening"] == "")
        // A replay folds the same.
        let audit = try Ledger(path: t.path, operatorName: "x", useSnapshot: false)
        #expect(audit.state.screeningLinks().isEmpty)
    }

    @Test func theFormCountsLinkedMediationsUnderInitiative() throws {
        let t = try DocLedger()
        try t.run(.screening(date: "2024-03-05", villages: "东河村", found: "2", unit: "office", note: nil), on: "2024-03-06")
        for _ in 0..<2 { _ = try t.run(.open(kind: .mediation, fields: Self.found(["screening": "2024-03-05/1"])), on: "2024-03-06") }
        _ = try t.run(.open(kind: .mediation, fields: Self.found(["source": "application"])), on: "2024-03-06")
        let form = DisputeForm(state: t.ledger.state, period: try ReportPeriod.parse("2024-03"), byVillage: false)
        let links = t.ledger.state.screeningLinks().values.reduce(0) { $0 + $1.count }
        #expect(links == 2)
        #expect(form.total.sources["initiative"] == links && form.total.sources["application"] == 1)
        #expect(form.total.screenings == 1 && form.total.screeningFound == 2)
    }
}
