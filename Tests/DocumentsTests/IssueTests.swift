import Foundation
import Testing
import TaizhangDomain
import TaizhangFiles
import TaizhangLog
@testable import TaizhangDocuments

/// Issuing a document records it in the case's history and numbers it by the documented rule.
@Suite struct IssueTests {
    func issuedEvents(_ t: DocLedger, _ id: String) -> [TimelineEntry] {
        t.document(id).timeline.filter { $0.eventType == .documentIssued }
    }

    @Test func writingADocumentAddsItsEvent() throws {
        let t = try DocLedger()
        let m = try t.resolvedMediation()
        let before = t.ledger.log.lineCount
        t.ledger.operatorName = "李干事"
        let r = try Documents.issue(.agreement, caseID: m, format: .docx, to: t.dir + "/a.docx", ledger: t.ledger, today: day("2024-03-21"))
        #expect(t.ledger.log.lineCount == before + 1)
        let events = issuedEvents(t, m)
        #expect(events.count == 1)
        let e = try #require(events.first)
        #expect(e.op == "李干事")
        #expect(e.data["form"]?.stringValue == "agreement")
        #expect(e.data["year"]?.intValue == 2024 && e.data["number"]?.intValue == 1)
        #expect(e.data["format"]?.stringValue == "docx")
        #expect(!e.at.isEmpty)
        #expect(r.numberText == "（2024）青坨人调字第1号")
        // The timeline says what happened, and the case lists what it issued.
        #expect(e.describe(kind: .mediation, lang: .zh).contains("出具文书：人民调解协议书"))
        #expect(t.document(m).issuedDocuments.map(\.form) == [.agreement])

        // A reopened ledger folds the event the same way (through the fast decoder).
        let again = try Ledger(path: t.path, operatorName: "x", useSnapshot: false)
        #expect(again.state.lookup(m)!.issuedDocuments.map(\.number) == [1])
    }

    @Test func numbersFollowFirstIssuePerSeriesAndYearAndStay() throws {
        let t = try DocLedger()
        let m1 = try t.resolvedMediation(date: "2024-03-05")
        let m2 = try t.resolvedMediation(date: "2024-03-06")
        let p1 = try t.petition(date: "2024-05-06")
        func issue(_ f: DocumentForm, _ id: String) throws -> Int {
            try Documents.issue(f, caseID: id, format: .txt, to: nil, ledger: t.ledger, today: day("2024-12-31")).number.number
        }
        #expect(try issue(.registration, m2) == 1)   // first issue, not case order, decides
        #expect(try issue(.registration, m1) == 2)
        #expect(try issue(.agreement, m2) == 1)      // the file keeps its number
        #expect(try issue(.agreement, m2) == 1)      // a reprint too
        #expect(try issue(.acceptance, p1) == 1)     // another series starts at 1
        #expect(issuedEvents(t, m2).count == 3)
        // A 2023 case counts in 2023's series.
        let old = try t.resolvedMediation(date: "2023-12-20", closed: "2023-12-28")
        let r = try Documents.issue(.rights, caseID: old, format: .txt, to: nil, ledger: t.ledger, today: day("2024-12-31"))
        #expect(r.numberText == "（2023）青坨人调字第1号")
    }

    @Test func unfitFormsAndExistingFilesAreRefusedWithoutAnEvent() throws {
        let t = try DocLedger()
        let p = try t.petition()
        let lines = t.ledger.log.lineCount
        #expect(throws: ValidationError.self) {
            try Documents.issue(.agreement, caseID: p, format: .txt, to: nil, ledger: t.ledger)
        }
        #expect(throws: ValidationError.self) {
            try Documents.issue(.reply, caseID: p, format: .txt, to: nil, ledger: t.ledger)
        }
        let path = t.dir + "/exists.docx"
        FileManager.default.createFile(atPath: path, contents: Data("keep".utf8))
        #expect(throws: FileWriteError.exists(path: path)) {
            try Documents.issue(.acceptance, caseID: p, format: .docx, to: path, ledger: t.ledger)
        }
        #expect(t.ledger.log.lineCount == lines)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
        // With overwrite the file is replaced and the event written.
        _ = try Documents.issue(.acceptance, caseID: p, format: .docx, to: path, overwrite: true, ledger: t.ledger, today: day("2024-05-06"))
        #expect(t.ledger.log.lineCount == lines + 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).prefix(2) == Data("PK".utf8))
        // No temporary files are left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: t.dir).filter { $0.contains(".tmp-") }
        #expect(left.isEmpty)
    }

    @Test func formsFitTheCasesKindAndState() throws {
        let t = try DocLedger()
        let m = try t.resolvedMediation()
        #expect(Documents.forms(for: t.document(m)) == [.registration, .rights, .agreement, .followup])
        let open = try t.run(.open(kind: .mediation, fields: [FieldInput("date", "2024-04-01"), FieldInput("unit", "office"), FieldInput("applicant", "甲"),
                                                               FieldInput("respondent", "乙"), FieldInput("category", "labor")]), on: "2024-04-01").caseID!
        #expect(Documents.forms(for: t.ledger.state[open]!) == [.registration, .rights])
        let p = try t.petition()
        #expect(Documents.forms(for: t.document(p)) == [.acceptance])
        try t.run(.close(id: p, outcome: "concluded", fields: [FieldInput("result", "explained")]), on: "2024-06-01")
        #expect(Documents.forms(for: t.document(p)) == [.acceptance, .reply])
        try t.run(.void(id: p, reason: "误录"), on: "2024-06-02")
        #expect(Documents.forms(for: t.document(p)).isEmpty)
    }

    @Test func theFoldRejectsADocumentEventWithoutItsNumber() throws {
        var state = LedgerState()
        let opened = LogRecord(seq: 1, id: "a", at: "2024-03-05T09:00:00.000+08:00", op: "王", caseID: "M-2024-0001", type: "case.opened",
                               data: .object([("kind", .string("mediation")), ("fields", .object([("date", .string("2024-03-05"))]))]), prev: "")
        try state.apply(opened)
        let bad = LogRecord(seq: 2, id: "b", at: "2024-03-05T09:00:00.000+08:00", op: "王", caseID: "M-2024-0001", type: "document.issued",
                            data: .object([("form", .string("rights")), ("year", .int(2024))]), prev: "")
        #expect(throws: LineDefect.self) { try state.apply(bad) }
    }
}

/// The mediation fields an agreement needs are validated like the others.
@Suite struct AgreementFieldTests {
    @Test func termsPerformanceAndConfirmation() throws {
        let t = try DocLedger()
        let m = try t.resolvedMediation()
        // Confirmation and its date go together, on a resolved written agreement, dated
        // between the agreement and today.
        #expect(throws: ValidationError.self) { try t.run(.update(id: m, fields: [FieldInput("confirmation", "applied")]), on: "2024-04-01") }
        #expect(throws: ValidationError.self) { try t.run(.update(id: m, fields: [FieldInput("confirmation_date", "2024-04-01")]), on: "2024-04-01") }
        #expect(throws: ValidationError.self) {
            try t.run(.update(id: m, fields: [FieldInput("confirmation", "confirmed"), FieldInput("confirmation_date", "2024-03-01")]), on: "2024-04-01")
        }
        #expect(throws: ValidationError.self) {
            try t.run(.update(id: m, fields: [FieldInput("confirmation", "maybe"), FieldInput("confirmation_date", "2024-04-01")]), on: "2024-04-01")
        }
        try t.run(.update(id: m, fields: [FieldInput("confirmation", "已确认"), FieldInput("confirmation_date", "2024-04-01")]), on: "2024-04-01")
        #expect(t.document(m)["confirmation"] == "confirmed")
        let text = TextRenderer.render(Documents.layout(.agreement, case: t.document(m), state: t.ledger.state))
        #expect(text.contains("司法确认：已确认（2024年4月1日）"))

        let open = try t.run(.open(kind: .mediation, fields: [FieldInput("date", "2024-04-01"), FieldInput("unit", "office"), FieldInput("applicant", "甲"),
                                                               FieldInput("respondent", "乙"), FieldInput("category", "labor")]), on: "2024-04-01").caseID!.description
        #expect(throws: ValidationError.self) {
            try t.run(.update(id: open, fields: [FieldInput("confirmation", "applied"), FieldInput("confirmation_date", "2024-04-01")]), on: "2024-04-01")
        }
        do {
            try t.run(.update(id: open, fields: [FieldInput("terms", String(repeating: "条", count: 5001))]), on: "2024-04-01")
            Issue.record("over-long terms were accepted")
        } catch let e as ValidationError {
            #expect(e.field == "terms")
        }
        // The confirmation window runs 30 days from the agreement.
        #expect(t.document(m).confirmationDue == day("2024-04-19"))
        #expect(t.ledger.state[CaseID(open)!]!.confirmationDue == nil)
    }
}

/// The clocks that documents answer show beside the kinds' own clocks.
@Suite struct DocumentClockTests {
    @Test func writtenNoticeClockStopsWhenTheNoticeIsIssued() throws {
        let t = try DocLedger()
        let p = try t.petition(date: "2024-05-06")
        func notice() -> Clock? { t.document(p).clocks.first { $0.purpose == .notice } }
        #expect(notice()?.due == day("2024-05-21"))
        #expect(notice()?.doneOn == nil)
        #expect(notice()?.binding == false)
        _ = try Documents.issue(.acceptance, caseID: p, format: .txt, to: nil, ledger: t.ledger, today: day("2024-05-08"))
        #expect(notice()?.doneOn == day("2024-05-06"))
        // The binding clocks and the current deadline are the petition's own.
        #expect(t.document(p).deadline?.purpose == .handling)
    }

    @Test func confirmationWindowRunsFromTheWrittenAgreement() throws {
        let t = try DocLedger()
        let m = try t.resolvedMediation(closed: "2024-03-20")
        func window() -> Clock? { t.document(m).clocks.first { $0.purpose == .confirmation } }
        #expect(window()?.due == day("2024-04-19") && window()?.doneOn == nil)
        #expect(t.document(m).deadline?.purpose == .mediation)
        try t.run(.update(id: m, fields: [FieldInput("confirmation", "applied"), FieldInput("confirmation_date", "2024-04-02")]), on: "2024-04-02")
        #expect(window()?.doneOn == day("2024-04-02"))
        try t.run(.reopen(id: m, reason: "一方反悔"), on: "2024-04-03")
        #expect(window() == nil)
    }
}
