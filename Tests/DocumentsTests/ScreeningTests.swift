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
}
