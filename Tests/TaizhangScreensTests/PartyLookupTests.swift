import Testing
import TaizhangDomain
import TaizhangTerminalCore
@testable import TaizhangScreens

@Suite struct PartyLookupTests {
    func focus(_ h: Harness, _ key: String) throws {
        let form = try #require(h.app.top as? FormScreen)
        for _ in 0..<form.fields.count {
            if form.fields[form.focus].key == key { return }
            h.press(.tab)
        }
        Issue.record("no field \(key)")
    }

    func twoPetitions(_ l: Ledger) throws {
        try l.perform(.setting(key: "default_unit", value: "office"), today: Harness.today)
        try open(l, .petition, ["date": "2024-01-05", "unit": "office", "petitioner": "王建华", "form": "visit",
                                "subject": "反映宅基地确权纠纷", "id_number": "120101199001011239"])
        try open(l, .petition, ["date": "2024-01-06", "unit": "office", "petitioner": "李四", "form": "visit", "subject": "反映拖欠工资"])
    }

    /// A second petition by the same ID number (in its old form, under another name) shows the
    /// first at entry; F3 lists it and Enter records it as `repeat_of`.
    @Test func aSecondPetitionByTheSameIDNumberShowsTheFirstAtEntry() throws {
        let h = try Harness(setup: twoPetitions)
        h.press(.char("n"), .char("3"))
        let form = try #require(h.app.top as? FormScreen)
        #expect(form.title.contains("信访"))
        #expect(!h.render().text.contains("在先案件"))
        try focus(h, "petitioner")
        h.type("王健华")
        try focus(h, "form")
        h.type("来访"); h.press(.enter)
        try focus(h, "subject")
        h.type("宅基地确权纠纷")
        try focus(h, "id_number")
        h.type("120101900101123")
        #expect(h.render().text.contains("此当事人有在先案件 1 件，其中疑似重复信访 1 件（F3 查看）"))
        h.press(.function(3))
        let g = h.render(120, 30)
        #expect(g.text.contains("P-2024-0001") && g.text.contains("身份证号") && g.text.contains("疑似重复"))
        #expect(!g.text.contains("P-2024-0002"))
        h.press(.enter)
        #expect(h.app.top === form)
        #expect(form.value("repeat_of") == "P-2024-0001")
        h.press(.ctrl("s"))
        let c = try #require(h.ledger.state.lookup("P-2024-0003"))
        #expect(c["repeat_of"] == "P-2024-0001")
        #expect(c["id_number"] == "120101900101123")
    }

    @Test func noEarlierCaseNoNoticeAndF3SaysSo() throws {
        let h = try Harness(setup: twoPetitions)
        h.press(.char("n"), .char("3"))
        try focus(h, "petitioner")
        h.type("赵六")
        #expect(!h.render().text.contains("在先案件"))
        h.press(.function(3))
        #expect(h.app.top is FormScreen)
        #expect(h.render().text.contains("没有找到此当事人的在先案件"))
    }

    @Test func aMediationRespondentMatchesByName() throws {
        let h = try Harness(setup: twoPetitions)
        h.press(.char("n"), .char("2"))
        try focus(h, "respondent")
        h.type("孙七；李 四")
        #expect(h.render().text.contains("此当事人有在先案件 1 件（F3 查看）"))
    }
}

@Suite struct PersonListTests {
    /// From a mediation's detail, `p` offers its parties, then lists every case of the one
    /// chosen, any kind and role, by date; Enter opens one.
    @Test func fromADetailEveryCaseOfAParty() throws {
        let h = try Harness { l in
            try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷"])
            try open(l, .consultation, ["date": "2024-01-05", "unit": "station", "client": "王 建华", "topic": "labor"])
            try open(l, .mediation, ["date": "2024-03-01", "unit": "office", "applicant": "赵六", "respondent": "孙七；王建华", "category": "neighbor"])
            try open(l, .petition, ["date": "2024-02-11", "unit": "office", "petitioner": "王建国", "form": "visit", "subject": "反映宅基地纠纷"])
        }
        h.press(.char("/")); h.type("赵六"); h.press(.enter, .enter)
        #expect((h.app.top as? DetailScreen)?.id.description == "M-2024-0001")
        h.press(.char("P"))
        var g = h.render(120, 30)
        #expect(g.text.contains("申请人  赵六") && g.text.contains("被申请人  王建华"))
        h.press(.down, .down, .enter)
        g = h.render(120, 30)
        #expect(g.text.contains("王建华 的全部案件（3 件）"), "\(g.text)")
        let c = try #require(g.firstRow(containing: "C-2024-0001")), p = try #require(g.firstRow(containing: "P-2024-0001"))
        let m = try #require(g.firstRow(containing: "2024-03-01  M-2024-0001"))
        #expect(c < p && p < m)
        #expect(g.row(c).contains("咨询人") && g.row(m).contains("被申请人") && g.row(p).contains("信访人"))
        #expect(!g.text.contains("P-2024-0002"))
        h.press(.enter)
        #expect((h.app.top as? DetailScreen)?.id.description == "C-2024-0001")
    }
}
