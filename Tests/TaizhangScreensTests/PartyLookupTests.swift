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

    /// From the queue, `P` asks for a name, ID number or phone and lists the person's cases, the
    /// numbers masked; what was typed is not written to the ledger.
    @Test func fromTheQueueByNameIDNumberOrPhone() throws {
        let h = try Harness { l in
            try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷",
                                    "id_number": "120101199001011239", "phone": "13812345678"])
            try open(l, .consultation, ["date": "2024-01-05", "unit": "station", "client": "王 建华", "topic": "labor"])
            try open(l, .mediation, ["date": "2024-03-01", "unit": "office", "applicant": "赵六", "respondent": "孙七；王建华", "category": "neighbor",
                                     "phone": "022-29901234"])
            try open(l, .petition, ["date": "2024-02-11", "unit": "office", "petitioner": "王建国", "form": "visit", "subject": "反映宅基地纠纷"])
        }
        let events = h.ledger.state.eventCount
        h.press(.char("P"))
        #expect(h.app.top is PersonSearchScreen)
        #expect(h.render(120, 30).text.contains("姓名、身份证号或电话"))
        h.type("王建华")
        h.press(.enter)
        var g = h.render(120, 30)
        #expect(g.text.contains("王建华 的全部案件（3 件）"), "\(g.text)")
        // The list's rows start with the date (the queue's rows below it with the id).
        let c = try #require(g.firstRow(containing: "2024-01-05  C-2024-0001")), p = try #require(g.firstRow(containing: "2024-02-10  P-2024-0001"))
        let m = try #require(g.firstRow(containing: "2024-03-01  M-2024-0001"))
        #expect(c < p && p < m, "\(g.text)")
        #expect(g.row(p).contains("1201**********1239") && g.row(p).contains("138****5678"))
        // The mediation's phone is the applicant's, not this respondent's.
        #expect(!g.row(m).contains("*") && !g.text.contains("120101199001011239") && !g.text.contains("13812345678"))
        #expect(g.firstRow(containing: "  P-2024-0002  ") == nil)
        h.press(.enter)
        #expect((h.app.top as? DetailScreen)?.id.description == "C-2024-0001")
        h.press(.char("q"))
        #expect(h.app.top is QueueScreen)

        // By ID number (in its old form): the petition only, under the number masked.
        h.press(.char("P")); h.type("120101900101123"); h.press(.enter)
        g = h.render(120, 30)
        #expect(g.text.contains("身份证号 1201**********1239 的全部案件（1 件）"), "\(g.text)")
        #expect(g.firstRow(containing: "2024-02-10  P-2024-0001") != nil && g.firstRow(containing: "2024-01-05  C-2024-0001") == nil)
        h.press(.escape)
        // By phone, and a phone nobody gave: said on the status row, the prompt stays.
        h.press(.char("P")); h.type("022 2990 1234"); h.press(.enter)
        g = h.render(120, 30)
        #expect(g.text.contains("电话 022****1234 的全部案件（1 件）") && g.firstRow(containing: "2024-03-01  M-2024-0001  人民调解  申请人") != nil,
                "\(g.text)")
        h.press(.escape)
        h.press(.char("P")); h.type("13900000000"); h.press(.enter)
        #expect(h.app.top is PersonSearchScreen)
        #expect(h.render(120, 30).text.contains("没有找到 电话 139****0000 的案件"))
        h.press(.escape)
        #expect(h.app.top is QueueScreen)
        #expect(h.ledger.state.eventCount == events)
    }

    /// In English the prompt and the list speak English.
    @Test func theQueuesPersonSearchInEnglish() throws {
        let h = try Harness(lang: .en) { l in
            try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷"])
        }
        h.press(.char("P"))
        #expect(h.render(120, 30).text.contains("Name, ID number or phone:"))
        h.press(.enter)
        #expect(h.render(120, 30).text.contains("type a name, an ID number or a phone"))
        h.type("王建华"); h.press(.enter)
        #expect(h.render(120, 30).text.contains("All cases of 王建华 (1)"))
    }
}
