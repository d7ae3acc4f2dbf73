import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct DateEntryTests {
    /// A new consultation form with its required fields filled, focus on the date.
    func consultation() throws -> Harness {
        let h = try Harness()
        h.press(.char("n"), .char("1"))
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.fields[form.focus].key == "date")
        return h
    }

    func fillRequired(_ h: Harness) throws {
        let form = try #require(h.app.top as? FormScreen)
        for _ in 0..<form.fields.count {
            switch form.fields[form.focus].key {
            case "unit": h.type("fl"); h.press(.enter)
            case "client": h.type("张三"); h.press(.tab)
            case "topic": h.type("ld"); h.press(.enter)
            default: h.press(.tab)
            }
        }
    }

    @Test func theFirstTypedCharacterReplacesThePrefilledDate() throws {
        let h = try consultation()
        h.type("3-5")
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.value("date") == "3-5")
    }

    @Test func movingTheCaretFirstKeepsThePrefilledDateForEditing() throws {
        let h = try consultation()
        h.press(.backspace)
        h.type("9")
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.value("date") == "2024-03-29")
    }

    @Test func anOldDateAsksBeforeAnIdIsGiven() throws {
        let h = try consultation()
        h.type("1900-01-01")
        try fillRequired(h)
        h.press(.ctrl("s"))
        let confirm = try #require(h.app.top as? ConfirmScreen)
        #expect(confirm.question.contains("C-1900-"))
        #expect(h.ledger.state.cases.isEmpty)
        h.press(.char("n"))
        #expect(h.app.top is FormScreen)
        #expect(h.ledger.state.cases.isEmpty)
        h.press(.ctrl("s"))
        #expect(h.app.top is ConfirmScreen)
        h.press(.char("y"))
        #expect(h.ledger.state.lookup("C-1900-0001") != nil)
    }

    @Test func aRecentDateIsSavedWithoutAsking() throws {
        let h = try consultation()
        h.type("3-1")
        try fillRequired(h)
        h.press(.ctrl("s"))
        #expect(h.ledger.state.lookup("C-2024-0001") != nil)
    }

    @Test func theDateHintListsEveryShortcut() throws {
        let h = try consultation()
        // At 100 columns, the README's width, the whole hint fits.
        let g = h.render(100, 30).text
        for s in ["2024.3.5", "3-5", "t（今天）", "y（昨天）", "输入即替换"] { #expect(g.contains(s), "missing \(s)") }
    }
}
