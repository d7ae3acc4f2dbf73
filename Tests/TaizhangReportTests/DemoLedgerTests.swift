import Foundation
import Testing
import TaizhangDomain
@testable import TaizhangReport

/// The demo ledger must reproduce the figures of section 一 of the 2024 report.
@Suite struct DemoLedgerTests {
    static var demoPath: String {
        // Tests/TaizhangReportTests/DemoLedgerTests.swift -> package root.
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/demo-2024.jsonl").path
    }

    func load() throws -> YearSummary {
        try YearSummary.load(path: Self.demoPath, year: 2024, today: BusinessDate.parseISO("2025-01-10")!, generatedAt: "test")
    }

    @Test func narrativeHasTheReportsFigures() throws {
        let text = try load().narrative()
        for phrase in [
            "法律服务站共为镇村提供经济合同及重大决策合法性审查服务23件，成功调解各类矛盾纠纷14件，律师接待解答或引导诉讼程序解决问题42件。",
            "共接待来信来访65件", "信访办结率100%", "初访回流1件", "初访回流率1.7%",
            "共调解各类矛盾纠纷46起", "化解44起", "化解率为95.7%", "2起调解不成纠纷成功引导诉讼",
            "46起矛盾百分百实现了闭环管理", "行政机关负责人出庭应诉率达100%",
        ] {
            #expect(text.contains(phrase), "narrative lacks \(phrase)")
        }
    }

    @Test func figuresBehindTheNarrative() throws {
        let s = try load()
        let station = s["station"]!, office = s["office"]!
        #expect(station.reviews.total == 23)
        #expect(station.mediations.resolved == 14)
        #expect(station.consultations.answeredOrGuided == 42)
        #expect(office.petitions.total == 65 && office.petitions.finished == 65)
        #expect(office.petitions.firstVisits == 60 && office.petitions.cameBack == 1)
        #expect(office.petitions.returnRate.percentText == "1.7")
        #expect(office.petitions.overdue == 0)
        #expect(office.mediations.total == 46 && office.mediations.resolved == 44)
        #expect(office.mediations.failedToLitigation == 2 && office.mediations.closedLoop == 46)
        #expect(s["all"]!.suits.appearanceRate.percentText == "100.0")
        // Nine duty lawyers handle the station's cases.
        #expect(station.byHandler.filter { !$0.name.isEmpty }.count == 9)
    }

    @Test func demoHasTheEdgeCasesItPromises() throws {
        let ledger = try Ledger(path: Self.demoPath, operatorName: "test", options: .init(create: false, readOnly: true))
        let cases = ledger.state.allCases
        #expect(cases.contains { $0.status == .voided })
        #expect(cases.contains { c in c.timeline.contains { $0.type == EventType.reopened.rawValue } })
        #expect(cases.contains { !$0.extensions.isEmpty })
        #expect(cases.contains { $0.date.year == 2023 && $0.createdAt.hasPrefix("2024-") })
        #expect(ledger.state.townName.isEmpty == false)
    }
}
