import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct FormDetailsTests {
    @Test func aNewCaseIsSelectedOnTheQueueOnTheRightTab() throws {
        let h = try Harness(setup: sampleLedger)
        // On the petitions tab, enter a consultation: back on the queue it is selected and shown.
        let queue = try #require(h.app.top as? QueueScreen)
        while QueueScreen.tabs[queue.tab] != .petition { h.press(.tab) }
        h.press(.char("n"), .char("1"))
        h.press(.tab)
        h.type("fl")
        h.press(.enter)
        for _ in 0..<5 { h.press(.tab) }
        h.type("新来的人")
        h.press(.tab, .tab)
        h.type("ld")
        h.press(.enter)
        h.press(.ctrl("s"))
        #expect(h.app.top is DetailScreen)
        h.press(.char("q"))
        _ = h.render()
        #expect(queue.selectedID?.description == "C-2024-0001")
        #expect(QueueScreen.tabs[queue.tab] == nil || QueueScreen.tabs[queue.tab] == .consultation)
        #expect(h.render().text.contains("新来的人"))
    }

    @Test func extendingAnExtendedPetitionSaysSoBeforeTheForm() throws {
        let h = try Harness { l in
            try open(l, .petition, ["date": "2024-03-01", "unit": "office", "petitioner": "孙七", "form": "visit", "subject": "宅基地纠纷"])
            try l.perform(.extend(id: "P-2024-0001", days: "30", reason: "需要调查", on: nil), today: Harness.today)
        }
        h.press(.enter, .char("x"))
        #expect(h.app.top is DetailScreen)
        #expect(h.render().text.contains("已延期一次（30 天）"))
    }

    @Test func theExtensionFormAsksForDays() throws {
        let h = try Harness { l in
            try open(l, .petition, ["date": "2024-03-01", "unit": "office", "petitioner": "孙七", "form": "visit", "subject": "宅基地纠纷"])
        }
        h.press(.enter, .char("x"))
        #expect(h.app.top is FormScreen)
        let g = h.render(120, 30).text
        #expect(g.contains("天数（1 至"))
        #expect(!g.contains("人数"))
    }

    @Test func theKeyBarKeepsHelpVisibleAt80Columns() throws {
        let h = try Harness(setup: sampleLedger)
        #expect(h.render(80, 24).row(23).contains("? 帮助"))
        for i in 0..<4 {
            for _ in 0..<i { h.press(.down) }
            h.press(.enter)
            #expect(h.app.top is DetailScreen)
            let bar = h.render(80, 24).row(23)
            #expect(bar.contains("? 帮助"), "\(bar)")
            h.press(.char("q"))
        }
        h.press(.char("n"), .char("2"))
        #expect(h.render(80, 24).row(23).contains("F1 帮助"))
    }

    @Test func aScratchCopySaysSoInTheHeader() throws {
        let h = try Harness(setup: sampleLedger)
        h.ctx.scratchCopy = true
        #expect(h.render(120, 30).row(0).contains("演示副本（退出时删除）"))
    }
}
