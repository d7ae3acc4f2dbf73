import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct RestoreTests {
    /// A case voided by mistake is restored from its detail screen with `U` and a reason.
    @Test func aVoidedCaseIsRestoredWithU() throws {
        let h = try Harness(setup: sampleLedger)
        h.press(.char("/")); h.type("zs"); h.press(.enter, .enter)
        #expect(h.app.top is DetailScreen)
        // Not voided yet: U explains itself and changes nothing.
        h.press(.char("U"))
        #expect(h.app.top is DetailScreen)
        #expect(h.render().text.contains("只有已作废的案件可以恢复"))
        h.press(.char("V")); h.type("误录"); h.press(.ctrl("s"), .char("y"))
        #expect(h.ledger.state.lookup("M-2024-0001")?.status == .voided)
        h.press(.char("U"))
        #expect(h.app.top is FormScreen)
        h.type("作废有误"); h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("M-2024-0001")?.status == .open)
        #expect(h.app.top is DetailScreen)
        // The key is on the help screen.
        h.press(.char("?"))
        #expect(h.render(120, 40).text.contains("恢复作废"))
    }
}
