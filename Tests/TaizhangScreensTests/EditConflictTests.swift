import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

/// Two terminals editing one case: the form knows the version it was opened at.
@Suite struct EditConflictTests {
    /// One mediation; the app on its edit form, the other terminal on the same file.
    func editing() throws -> (Harness, Ledger, String) {
        let h = try Harness { l in
            try open(l, .mediation, ["date": "2024-03-01", "unit": "office", "applicant": "张三", "respondent": "李四",
                                     "category": "neighbor", "summary": "原来的简要情况"])
        }
        h.press(.enter, .char("e"))
        #expect(h.app.top is FormScreen)
        return (h, try Ledger(path: h.path, operatorName: "李文书"), "M-2024-0001")
    }

    func focus(_ h: Harness, _ key: String) throws {
        let form = try #require(h.app.top as? FormScreen)
        for _ in 0..<form.fields.count {
            if form.fields[form.focus].key == key { return }
            h.press(.tab)
        }
        Issue.record("no field \(key)")
    }

    /// Replaces the focused field's text.
    func retype(_ h: Harness, _ text: String) {
        h.press(.ctrl("e"), .ctrl("u"))
        h.type(text)
    }

    @Test func theSameFieldChangedElsewhereShowsBothValuesAndKeepsTheirsUntilChosen() throws {
        let (h, other, id) = try editing()
        try focus(h, "summary")
        retype(h, "乙的简要情况")
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲的简要情况")]), today: Harness.today)
        h.press(.ctrl("s"))
        let conflict = try #require(h.app.top as? ConflictScreen)
        #expect(conflict.conflict.fields.map(\.key) == ["summary"])
        let g = h.render(100, 30).text
        #expect(g.contains("乙的简要情况") && g.contains("甲的简要情况") && g.contains("修改冲突"))
        #expect(h.ledger.state.lookup(id)?["summary"] == "甲的简要情况")
        // Take theirs: nothing of mine to save in that field, the other's value stays.
        h.press(.char("t"))
        #expect(h.ledger.state.lookup(id)?["summary"] == "甲的简要情况")
    }

    @Test func keepMineSavesMineOverTheirs() throws {
        let (h, other, id) = try editing()
        try focus(h, "summary")
        retype(h, "乙的简要情况")
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲的简要情况")]), today: Harness.today)
        h.press(.ctrl("s"))
        #expect(h.app.top is ConflictScreen)
        h.press(.char("m"))
        #expect(h.ledger.state.lookup(id)?["summary"] == "乙的简要情况")
        #expect(h.app.top is DetailScreen)
    }

    @Test func mergingFieldByFieldTakesEachChoice() throws {
        let (h, other, id) = try editing()
        try focus(h, "summary")
        retype(h, "乙的简要情况")
        try focus(h, "village")
        retype(h, "乙村")
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲的简要情况"), FieldInput("village", "甲村")]), today: Harness.today)
        h.press(.ctrl("s"))
        let conflict = try #require(h.app.top as? ConflictScreen)
        #expect(Set(conflict.conflict.fields.map(\.key)) == ["summary", "village"])
        // The first listed field (in the form's order) takes theirs; the other keeps mine.
        let first = conflict.conflict.fields[0].key
        h.press(.char(" "), .enter)
        let c = try #require(h.ledger.state.lookup(id))
        #expect(c[first] == (first == "summary" ? "甲的简要情况" : "甲村"))
        #expect(c[first == "summary" ? "village" : "summary"] == (first == "summary" ? "乙村" : "乙的简要情况"))
    }

    @Test func anotherFieldChangedElsewhereIsMergedWithoutAsking() throws {
        let (h, other, id) = try editing()
        try focus(h, "village")
        retype(h, "东村")
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲的简要情况")]), today: Harness.today)
        h.press(.ctrl("s"))
        #expect(h.app.top is DetailScreen)
        let c = try #require(h.ledger.state.lookup(id))
        #expect(c["village"] == "东村" && c["summary"] == "甲的简要情况")
    }

    @Test func backToEditingShowsTheStoredValuesOfUntouchedFields() throws {
        let (h, other, id) = try editing()
        try focus(h, "summary")
        retype(h, "乙的简要情况")
        try other.perform(.update(id: id, fields: [FieldInput("summary", "甲的简要情况"), FieldInput("handler", "刘律师")]), today: Harness.today)
        h.press(.ctrl("s"))
        h.press(.escape)
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.value("handler") == "刘律师")
        #expect(form.value("summary") == "乙的简要情况")
        h.press(.ctrl("s"))
        let c = try #require(h.ledger.state.lookup(id))
        #expect(c["summary"] == "乙的简要情况" && c["handler"] == "刘律师")
    }

    @Test func keysOnTheTooSmallScreenDoNotReachTheForm() throws {
        let (h, _, _) = try editing()
        try focus(h, "village")
        _ = h.render(60, 20)
        h.type("abc")
        h.press(.tab, .enter)
        _ = h.render(80, 24)
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.value("village") == "")
        #expect(form.fields[form.focus].key == "village")
        // q asks before quitting over the unsaved form? Nothing typed: it quits.
        _ = h.render(60, 20)
        #expect(h.app.handle(.char("q")) == [.quit])
    }
}
