import Foundation
import Testing
import TaizhangDomain
@testable import TaizhangSearch

@Suite struct PeopleIndexTests {
    @Test func namesAreNormalised() {
        #expect(PersonName.normalized("王 建华") == "王建华")
        #expect(PersonName.normalized("王\u{3000}建华 ") == "王建华")
        #expect(PersonName.normalized("阿依古丽·买买提") == PersonName.normalized("阿依古丽•买买提"))
        #expect(PersonName.normalized("阿依古丽・买买提") == "阿依古丽买买提")
        #expect(PersonName.normalized("ＬＩ　Ｍｉｎｇ") == "liming")
        #expect(PersonName.normalized("王建华") != PersonName.normalized("王建国"))
        #expect(PersonName.parties("李四；王五;赵六、 孙七") == ["李四", "王五", "赵六", "孙七"])
    }

    @Test func queriesAreReadAsIDNumbersPhonesOrNames() {
        #expect(PersonQuery("120101199001011239") == .idNumber("120101199001011239"))
        #expect(PersonQuery("120101900101123") == .idNumber("120101199001011239"))
        #expect(PersonQuery("138 1234 5678") == .phone("13812345678"))
        #expect(PersonQuery("王 建华") == .name("王建华"))
    }

    /// Every role of every kind: a person who consulted, applied, was a respondent, petitioned.
    @Test func personListsEveryRole() throws {
        let t = try TestLedger()
        let l = t.ledger
        let c = try open(l, .consultation, ["date": "2024-01-05", "unit": "station", "client": "王建华", "topic": "labor"])
        let m1 = try open(l, .mediation, ["date": "2024-01-10", "unit": "office", "applicant": "王 建华", "respondent": "李四", "category": "neighbor"])
        let m2 = try open(l, .mediation, ["date": "2024-02-01", "unit": "office", "applicant": "赵六", "respondent": "孙七；王建华", "category": "neighbor"])
        let p = try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷"])
        let r = try open(l, .review, ["date": "2024-02-11", "unit": "station", "requester": "王建华", "title": "合同", "doc_type": "contract"])
        try open(l, .petition, ["date": "2024-02-12", "unit": "office", "petitioner": "王建国", "form": "visit", "subject": "反映宅基地纠纷"])
        let found = PeopleIndex(t.state).appearances(.name("王建华"), in: t.state)
        #expect(found.map(\.id) == [c, m1, m2, p, r])
        #expect(found.map(\.role) == [.client, .applicant, .respondent, .petitioner, .requester])
        #expect(found[2].name == "王建华")
        // One pass without an index finds the same cases in the same roles.
        let scanned = PeopleIndex.scan(names: ["王 建华"], idNumber: nil, phone: nil, in: t.state)
        #expect(scanned.map(\.id) == found.map(\.id) && scanned.map(\.role) == found.map(\.role))
    }

    @Test func idNumberAndPhoneFindTheMainParty() throws {
        let t = try TestLedger()
        let l = t.ledger
        let p = try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷",
                                        "id_number": "120101900101123", "phone": "138 1234 5678"])
        let m = try open(l, .mediation, ["date": "2024-02-11", "unit": "office", "applicant": "王健华", "respondent": "李四", "category": "neighbor",
                                         "id_number": "120101199001011239"])
        let index = PeopleIndex(t.state)
        #expect(index.appearances(.idNumber("120101199001011239"), in: t.state).map(\.id) == [p, m])
        #expect(index.appearances(PersonQuery("13812345678"), in: t.state).map(\.id) == [p])
        // A mediation party matching at entry by ID number, strongest match kept.
        let m2 = index.matches(names: ["王建华"], idNumber: "120101199001011239", phone: nil, in: t.state)
        #expect(Set(m2.map(\.id)) == [p, m] && m2.allSatisfy { $0.by == .idNumber })
        let s2 = PeopleIndex.scan(names: ["王建华"], idNumber: "120101199001011239", phone: nil, in: t.state)
        #expect(s2.map(\.id) == [p, m] && s2.allSatisfy { $0.by == .idNumber })
        #expect(PeopleIndex.scan(names: [], idNumber: nil, phone: "+86 138 1234 5678", in: t.state).map(\.id) == [p])
    }

    @Test func subjectSimilarity() {
        #expect(SubjectSimilarity.of("反映宅基地确权纠纷", "反映宅基地确权纠纷") == 1)
        #expect(SubjectSimilarity.of("反映宅基地确权纠纷", "宅基地确权问题") >= SubjectSimilarity.threshold)
        #expect(SubjectSimilarity.of("反映宅基地确权纠纷", "反映路灯损坏未修") < SubjectSimilarity.threshold)
        #expect(SubjectSimilarity.of("", "") == 0)
    }

    @Test func earlierPetitionsOnASimilarSubjectComeFirst() throws {
        let t = try TestLedger()
        let l = t.ledger
        let a = try open(l, .petition, ["date": "2024-01-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映路灯损坏未修"])
        let b = try open(l, .petition, ["date": "2024-01-05", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地确权纠纷"])
        let c = try open(l, .consultation, ["date": "2024-02-01", "unit": "station", "client": "王建华", "topic": "labor"])
        let old = try open(l, .petition, ["date": "2022-01-05", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地确权纠纷"])
        // Same name, another person's ID number: left out.
        try open(l, .petition, ["date": "2024-01-06", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地确权纠纷",
                                "id_number": "11010519491231002X"])
        let matched = PeopleIndex(t.state).matches(names: ["王建华"], idNumber: "120101199001011239", phone: nil, in: t.state)
        let found = Repeats.earlierCases(matched, idNumber: "120101199001011239", subject: "宅基地确权纠纷",
                                         date: BusinessDate(year: 2024, month: 3, day: 1)!, in: t.state)
        #expect(found.map(\.appearance.id) == [b, c, a, old])
        #expect(found.map(\.likelyRepeat) == [true, false, false, false])
    }

    @Test func repeatsFindsAnUnmarkedPairAndNotAMarkedOne() throws {
        let t = try TestLedger()
        let l = t.ledger
        let first = try open(l, .petition, ["date": "2024-01-05", "unit": "office", "petitioner": "王建华", "form": "visit",
                                            "subject": "反映宅基地确权纠纷", "id_number": "120101199001011239"])
        // By ID number, whatever the subject and however the name is written.
        let unmarked = try open(l, .petition, ["date": "2024-02-05", "unit": "office", "petitioner": "王 建华", "form": "visit",
                                               "subject": "反映路灯损坏未修", "id_number": "120101900101123"])
        // Marked: not listed.
        try open(l, .petition, ["date": "2024-03-01", "unit": "office", "petitioner": "王建华", "form": "visit",
                                "subject": "反映宅基地确权纠纷", "id_number": "120101199001011239", "repeat_of": first.description])
        // Same name, similar subject, no ID number.
        let byName = try open(l, .petition, ["date": "2024-03-10", "unit": "office", "petitioner": "李秀英", "form": "visit", "subject": "反映拖欠农民工工资"])
        let byName2 = try open(l, .petition, ["date": "2024-03-15", "unit": "office", "petitioner": "李秀英", "form": "letter", "subject": "拖欠农民工工资"])
        // Same name, unrelated subject: not listed; more than a year later: not listed.
        try open(l, .petition, ["date": "2024-03-16", "unit": "office", "petitioner": "李秀英", "form": "letter", "subject": "反映路灯损坏未修"])
        try open(l, .petition, ["date": "2022-06-01", "unit": "office", "petitioner": "赵六", "form": "visit", "subject": "反映征地补偿款发放"])
        try open(l, .petition, ["date": "2024-03-17", "unit": "office", "petitioner": "赵六", "form": "visit", "subject": "反映征地补偿款发放"])
        let pairs = Repeats.unmarked(in: t.state)
        #expect(pairs.map { [$0.earlier, $0.later] } == [[first, unmarked], [byName, byName2]])
        #expect(pairs.map(\.by) == [.idNumber, .name])
        #expect(pairs[1].similarity >= SubjectSimilarity.threshold)
        #expect(Repeats.unmarked(in: t.state, year: 2023).isEmpty)
        #expect(Repeats.unmarked(in: t.state, year: 2024) == pairs)
    }

    /// An index followed through adds, edits, notes, voids and restores holds what one built
    /// afresh holds, and reads again only the cases that changed.
    @Test func anIndexFollowedStepByStepEqualsOneBuiltAfresh() throws {
        let t = try TestLedger(setup: mixedLedger)
        let l = t.ledger
        let index = PeopleIndex(t.state)
        func check(_ what: String, reread: Int? = nil, looked: Int? = nil) {
            index.follow(t.state)
            // Only the rows the events since touched are compared, not every case.
            if let looked { #expect(index.lastRowsLooked == looked, "\(what): \(index.lastRowsLooked) rows compared") }
            let fresh = PeopleIndex(t.state)
            #expect(index.contents == fresh.contents, "\(what)")
            if let reread { #expect(index.lastRowsRead == reread, "\(what): \(index.lastRowsRead) rows read") }
            #expect(index.appearances(.name("王建华"), in: t.state) == fresh.appearances(.name("王建华"), in: t.state), "\(what)")
        }
        let p = try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷",
                                        "id_number": "120101199001011239", "phone": "13812345678"])
        let m = try open(l, .mediation, ["date": "2024-02-11", "unit": "office", "applicant": "赵六", "respondent": "孙七；王建华", "category": "neighbor"])
        check("two cases added", reread: 2)
        #expect(index.appearances(.name("王建华"), in: t.state).map(\.id) == [p, m])
        try note(l, p, "来电询问进度")
        check("a note", reread: 1, looked: 1)
        try l.perform(.update(id: p.description, fields: [FieldInput("petitioner", "王 建国"), FieldInput("phone", "022-29901234")]), today: TestLedger.today)
        check("name and phone changed", reread: 1, looked: 1)
        #expect(index.appearances(.name("王建国"), in: t.state).map(\.id) == [p])
        #expect(index.appearances(.phone("13812345678"), in: t.state).isEmpty)
        #expect(index.appearances(.phone("02229901234"), in: t.state).map(\.id) == [p])
        try l.perform(.update(id: m.description, fields: [FieldInput("respondent", "孙七、李四、王建国")]), today: TestLedger.today)
        check("respondents changed", reread: 1)
        try l.perform(.update(id: p.description, fields: [FieldInput("id_number", "120101900101123")]), today: TestLedger.today)
        check("ID number in its old form")
        try l.perform(.void(id: m.description, reason: "重复登记"), today: TestLedger.today)
        check("voided", reread: 1)
        #expect(index.appearances(.name("王建国"), in: t.state).map(\.id) == [p])
        try l.perform(.restore(id: m.description, reason: "误作废"), today: TestLedger.today)
        try open(l, .consultation, ["date": "2024-03-01", "unit": "station", "client": "王建国", "topic": "labor"])
        check("restored, and one more case", reread: 2, looked: 1)
        #expect(index.appearances(.name("王建国"), in: t.state).count == 3)
    }

    /// A lookup on the snapshot's hashes of the parties answers exactly as a pass over every
    /// case: on a ledger reopened from its snapshot, after cases changed or were added since,
    /// and from a snapshot written again over those changes.
    @Test func theSnapshotsPartyHashesAnswerAsAPassOverEveryCase() throws {
        let t = try TestLedger(setup: mixedLedger)
        let l = t.ledger
        let p = try open(l, .petition, ["date": "2024-02-10", "unit": "office", "petitioner": "王建华", "form": "visit", "subject": "反映宅基地纠纷",
                                        "id_number": "120101199001011239", "phone": "13812345678"])
        let m = try open(l, .mediation, ["date": "2024-02-11", "unit": "office", "applicant": "赵六", "respondent": "孙七；王 建华", "category": "neighbor"])
        let e = try open(l, .consultation, ["date": "2024-02-12", "unit": "station", "client": "e\u{301}lise", "topic": "labor"])
        let path = t.dir.appendingPathComponent("ledger.jsonl").path
        try l.writeSnapshot()
        let questions: [(names: [String], id: String?, phone: String?)] = [
            (["王建华"], nil, nil), (["王 建华"], nil, "13812345678"), ([], "120101900101123", nil), ([], nil, "138 1234 5678"),
            (["\u{E9}lise"], nil, nil), (["孙七", "赵六"], nil, nil), (["王建国"], nil, "022-29901234"), (["无此人"], nil, nil),
        ]
        func check(_ state: LedgerState, _ what: String) {
            #expect(state.partyKeys != nil, "\(what): the snapshot's hashes were read")
            for q in questions {
                let fast = PeopleIndex.scan(names: q.names, idNumber: q.id, phone: q.phone, in: state)
                let every = PeopleIndex.scanEveryCase(names: q.names, idNumber: q.id, phone: q.phone, in: state)
                #expect(fast == every, "\(what): \(q)")
            }
        }
        let reopened = try Ledger(path: path, operatorName: "王律师")
        check(reopened.state, "reopened")
        #expect(PeopleIndex.scan(names: ["王建华"], idNumber: nil, phone: nil, in: reopened.state).map(\.id) == [p, m])
        // Typed precomposed, stored decomposed (as the varied cases' "élise" are too).
        #expect(PeopleIndex.scan(names: ["\u{E9}lise"], idNumber: nil, phone: nil, in: reopened.state).map(\.id).contains(e))
        // Only the cases the hashes point to are read.
        let keys = try #require(reopened.state.partyKeys)
        let read = keys.candidates([PartyKeys.hash(name: "王建华")], rowCount: reopened.state.records.count)
        #expect(read == [reopened.state.records.firstIndex { $0.id == p }!, reopened.state.records.firstIndex { $0.id == m }!])

        // A state read from a snapshot remembers the rows changed after it, not before.
        let atSnapshot = reopened.state.eventCount
        #expect(reopened.state.rowsChanged(since: 0) == nil)
        #expect(reopened.state.rowsChanged(since: atSnapshot) == [])
        try reopened.perform(.update(id: p.description, fields: [FieldInput("petitioner", "王建国"), FieldInput("phone", "022-29901234")]), today: TestLedger.today)
        try reopened.perform(.void(id: m.description, reason: "重复登记"), today: TestLedger.today)
        let added = try open(reopened, .petition, ["date": "2024-03-01", "unit": "office", "petitioner": "王 建华", "form": "visit", "subject": "再次反映"])
        check(reopened.state, "changed since the snapshot")
        let rows = reopened.state.records
        #expect(reopened.state.rowsChanged(since: atSnapshot) == [p, m, added].map { id in rows.firstIndex { $0.id == id }! }.sorted())
        #expect(PeopleIndex.scan(names: ["王建华"], idNumber: nil, phone: nil, in: reopened.state).map(\.id) == [added])
        #expect(PeopleIndex.scan(names: ["王建国"], idNumber: nil, phone: nil, in: reopened.state).map(\.id) == [p])

        try reopened.writeSnapshot()
        let again = try Ledger(path: path, operatorName: "王律师")
        check(again.state, "from a snapshot written over the changes")
        #expect(PeopleIndex.scan(names: [], idNumber: nil, phone: "02229901234", in: again.state).map(\.id) == [p])
        #expect(again.state.partyKeys?.rows == again.state.records.count)
    }
}
