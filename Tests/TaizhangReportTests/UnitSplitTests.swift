import Testing
import TaizhangDomain
@testable import TaizhangReport

@Suite struct UnitSplitTests {
    @Test func unitsAndTownAndBreakdowns() throws {
        let t = try TestLedger()
        let c1 = try t.open(.consultation, "2024-01-05", unit: .station, ["village": "东村", "handler": "韩律师"])
        try t.close(c1, "answered", on: "2024-01-05")
        let c2 = try t.open(.consultation, "2024-01-06", unit: .station, ["village": "西村", "handler": "韩律师", "topic": "inheritance"])
        try t.close(c2, "litigation_guided", on: "2024-01-06")
        let c3 = try t.open(.consultation, "2024-01-07", unit: .office, ["village": "东村"])
        try t.close(c3, "legal_aid", on: "2024-01-07")
        let r = try t.open(.review, "2024-02-01", unit: .station, ["doc_type": "decision", "handler": "周律师"])
        try t.close(r, "revised", on: "2024-02-10", ["opinion": "修改第三条"])
        try t.open(.review, "2024-02-02", unit: .station)
        let s = t.summary(2024)
        #expect(s.units.map(\.key) == ["station", "office", "all"])
        #expect(s["station"]!.consultations.answeredOrGuided == 2)
        #expect(s["office"]!.consultations.answeredOrGuided == 0)
        #expect(s["all"]!.consultations.total == 3)
        #expect(s["all"]!.consultations.byOutcome["legal_aid"] == 1)
        #expect(s["station"]!.consultations.byTopic["inheritance"] == 1)
        #expect(s["station"]!.reviews.total == 2)
        #expect(s["station"]!.reviews.byDocType["decision"] == 1 && s["station"]!.reviews.byDocType["contract"] == 1)
        #expect(s["station"]!.reviews.byOutcome["revised"] == 1 && s["station"]!.reviews.byOutcome["open"] == 1)
        let villages = Dictionary(uniqueKeysWithValues: s["all"]!.byVillage.map { ($0.name, $0.counts) })
        #expect(villages["东村"]?[.consultation] == 2)
        #expect(villages[""]?[.review] == 2)
        let handlers = Dictionary(uniqueKeysWithValues: s["station"]!.byHandler.map { ($0.name, $0.counts.total) })
        #expect(handlers["韩律师"] == 2 && handlers["周律师"] == 1)
        let only = t.summary(2024, unit: .office)
        #expect(only.units.map(\.key) == ["office"])
    }

    @Test func suitsHeardAndHeadAppeared() throws {
        let t = try TestLedger()
        try t.open(.suit, "2024-03-01", ["head_appeared": "yes"])
        try t.open(.suit, "2024-04-01", ["head_appeared": "no"])
        try t.open(.suit, "2024-05-01", ["hearing_date": "2024-06-01"])  // heard, head not recorded
        try t.open(.suit, "2024-11-01", ["hearing_date": "2025-02-01"])  // not heard yet
        let s = t.summary(2024, today: "2025-03-01")["all"]!.suits
        #expect(s.total == 4)
        #expect(s.heard == 3)
        #expect(s.headAppeared == 1)
        #expect(s.appearanceRate == Rate(num: 1, den: 3))
    }

    @Test func jsonCarriesLedgerHeadAndShape() throws {
        let t = try TestLedger()
        try t.setTown("测试镇")
        try t.open(.petition, "2024-02-01")
        let s = t.summary(2024)
        let json = s.jsonText()
        #expect(json.contains("\"head\": \"\(t.ledger.log.headHash)\""))
        #expect(json.contains("\"events\": \(t.ledger.log.lineCount)"))
        #expect(json.contains("\"town\": \"测试镇\""))
        for key in ["consultations", "mediations", "petitions", "reviews", "suits", "by_village", "by_handler",
                    "answered_or_guided", "closed_loop_rate", "failed_to_litigation", "return_rate", "appearance_rate",
                    "by_doc_type", "agreements", "first_visits", "came_back", "group_visits", "conclusion_rate"] {
            #expect(json.contains("\"\(key)\""), "missing \(key)")
        }
        #expect(s.text(.zh).contains(t.ledger.log.headHash))
        #expect(s.markdown(.en).contains(t.ledger.log.headHash))
        #expect(s.csv(.zh).contains(t.ledger.log.headHash))
        #expect(s.narrative().contains(t.ledger.log.headHash))
    }
}
