import Foundation
import Testing
@testable import TaizhangDomain
@testable import TaizhangLog

/// Lines chained by hand, for files no command would write.
struct HandChain {
    private(set) var lines: [[UInt8]] = []
    private(set) var head = LogRecord.genesisHash

    mutating func add(_ type: String, _ caseID: String?, _ data: JSONValue, seq: Int? = nil, version: Int = 1,
                      at: String = "2024-12-31T10:00:00.000+08:00", op: String = "王律师") {
        let id = String(format: "00000000-0000-4000-8000-%012d", lines.count + 1)
        let line = LogRecord(version: version, seq: seq ?? lines.count + 1, id: id, at: at, op: op,
                             caseID: caseID, type: type, data: data, prev: head).encoded()
        head = LineHash.hexDigest(line)
        lines.append(line)
    }

    var bytes: [UInt8] { lines.flatMap { $0 + [UInt8(0x0A)] } }

    /// Every event type once or more, each as the program writes it.
    static let sample: [(String, String?, JSONValue)] = [
        ("settings.set", nil, .object([("key", .string("town")), ("value", .string("东棘坨镇"))])),
        ("case.opened", "M-2024-0001", .object([("kind", .string("mediation")), ("fields", .object([
            ("applicant", .string("张三")), ("category", .string("neighbor")), ("date", .string("2024-03-05")),
            ("respondent", .string("李四")), ("unit", .string("office"))]))])),
        ("case.noted", "M-2024-0001", .object([("text", .string("双方约定下周再谈"))])),
        ("case.updated", "M-2024-0001", .object([("fields", .object([("amount", .string("1200")), ("people", .string("3")), ("village", .string("东村"))]))])),
        ("case.closed", "M-2024-0001", .object([("outcome", .string("resolved")), ("closed_on", .string("2024-03-20")),
                                                ("fields", .object([("agreement", .string("written"))]))])),
        ("case.followed_up", "M-2024-0001", .object([("date", .string("2024-04-20")), ("performed", .string("yes")), ("note", .string("已按协议付款"))])),
        ("case.opened", "P-2024-0001", .object([("kind", .string("petition")), ("fields", .object([
            ("accepted_on", .string("2024-03-05")), ("date", .string("2024-03-05")), ("form", .string("visit")),
            ("people", .string("6")), ("petitioner", .string("孙七")), ("subject", .string("宅基地界址纠纷")), ("unit", .string("office"))]))])),
        ("case.extended", "P-2024-0001", .object([("days", .int(30)), ("reason", .string("需现场勘查")), ("extended_on", .string("2024-04-25"))])),
        ("case.reopened", "M-2024-0001", .object([("reason", .string("当事人反悔"))])),
        ("case.voided", "P-2024-0001", .object([("reason", .string("重复登记"))])),
        ("case.restored", "P-2024-0001", .object([("reason", .string("作废有误"))])),
        ("case.opened", "P-2024-0002", .object([("kind", .string("petition")), ("fields", .object([
            ("accepted_on", .string("2024-06-01")), ("date", .string("2024-06-01")), ("form", .string("letter")),
            ("petitioner", .string("周八")), ("subject", .string("土地补偿")), ("unit", .string("office"))]))])),
        ("document.issued", "M-2024-0001", .object([("form", .string("registration")), ("year", .int(2024)), ("number", .int(1)), ("format", .string("docx"))])),
        ("screening.recorded", nil, .object([("date", .string("2024-06-02")), ("unit", .string("office")), ("villages", .string("东河村、前营村")), ("found", .int(2))])),
    ]

    static func sampleChain() -> HandChain {
        var c = HandChain()
        for (t, id, d) in sample { c.add(t, id, d) }
        return c
    }
}

@Suite struct LedgerAuditTests {
    let dir = NSTemporaryDirectory() + "taizhang-audit-" + UUID().uuidString
    var path: String { dir + "/ledger.jsonl" }
    let today = BusinessDate(year: 2024, month: 12, day: 31)!

    init() { try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }

    func write(_ chain: HandChain) { FileManager.default.createFile(atPath: path, contents: Data(chain.bytes)) }

    func opened(_ id: String, _ kind: String, _ fields: [(String, String)]) -> (String, String?, JSONValue) {
        ("case.opened", id, .object([("kind", .string(kind)), ("fields", .object(fields.sorted { $0.0 < $1.0 }.map { ($0.0, .string($0.1)) }))]))
    }

    func mediation(_ id: String, _ changes: [String: String]) -> (String, String?, JSONValue) {
        var f = ["applicant": "王五", "category": "labor", "date": "2024-05-05", "respondent": "某公司", "unit": "station"]
        for (k, v) in changes { f[k] = v }
        return opened(id, "mediation", f.map { ($0.key, $0.value) })
    }

    func document(_ id: String, _ form: String, year: Int = 2024, number: Int = 1, format: String = "docx") -> (String, String?, JSONValue) {
        ("document.issued", id, .object([("form", .string(form)), ("year", .int(year)), ("number", .int(number)), ("format", .string(format))]))
    }

    func screening(date: String = "2024-07-01", villages: String = "东河村", found: JSONValue = .int(0), unit: String = "office") -> (String, String?, JSONValue) {
        ("screening.recorded", nil, .object([("date", .string(date)), ("unit", .string(unit)), ("villages", .string(villages)), ("found", found)]))
    }

    @Test func theSampleAndTheDemoLedgerPassEveryCheck() throws {
        write(HandChain.sampleChain())
        let (report, state) = try Ledger.verify(path: path, today: today)
        #expect(report.ok, "\(report.problems)")
        #expect(state.cases.count == 3)
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data/demo-2024.jsonl").path
        let (demoReport, _) = try Ledger.verify(path: demo)
        #expect(demoReport.ok, "\(demoReport.problems.prefix(5))")
    }

    @Test func aLedgerWrittenByEveryCommandPassesEveryCheck() throws {
        let t = try TestLedger()
        let c = try t.add(.consultation, minimal[.consultation]!)
        try t.close(c, "to_mediation", ["respondent": "某公司", "category": "labor", "closed_on": "2024-03-06"])
        let p = try t.add(.petition, minimal[.petition]!)
        try t.run(.extend(id: p, days: "20", reason: "需勘查", on: "2024-03-10"))
        try t.run(.update(id: p, fields: [FieldInput("village", "东村"), FieldInput("phone", "13800000000")]))
        try t.close(p, "concluded", ["result": "explained", "closed_on": "2024-04-01"])
        try t.run(.reopen(id: p, reason: "再查"))
        let r = try t.add(.review, minimal[.review]!)
        try t.run(.void(id: r, reason: "重复"))
        try t.run(.restore(id: r, reason: "误作废"))
        try t.run(.note(id: r, text: "已送审"))
        try t.run(.setting(key: "default_unit", value: "office"))
        let (report, _) = try Ledger.verify(path: t.path, today: t.today)
        #expect(report.ok, "\(report.problems)")
    }

    /// Lines the CLI itself would refuse: each is flagged at its own line, and only there.
    @Test func everyLineTheProgramWouldRefuseIsFlaggedWithItsLineNumber() throws {
        let bad: [(String, [(String, String?, JSONValue)])] = [
            ("an impossible date", [mediation("M-2024-0002", ["date": "2024-02-30"])]),
            ("a date in another year than the id", [mediation("M-2024-0002", ["date": "2023-05-05"])]),
            ("a category not in the list", [mediation("M-2024-0002", ["category": "nonsense"])]),
            ("a unit not in the list", [mediation("M-2024-0002", ["unit": "mars"])]),
            ("a negative amount", [mediation("M-2024-0002", ["amount": "-5"])]),
            ("a 3 MB name", [mediation("M-2024-0002", ["applicant": String(repeating: "张", count: 1_000_000)])]),
            ("a date in the future", [mediation("M-2024-0002", ["date": "2025-01-05"])]),
            ("a missing required field", [opened("M-2024-0002", "mediation", [("applicant", "王五"), ("date", "2024-05-05"), ("unit", "office"), ("respondent", "李四")])]),
            ("an unknown field", [mediation("M-2024-0002", ["colour": "red"])]),
            ("a date not in stored form", [mediation("M-2024-0002", ["date": "2024.5.5"])]),
            ("outcome won on a mediation", [("case.closed", "M-2024-0001", .object([("outcome", .string("won")), ("closed_on", .string("2024-06-01")), ("fields", .object([]))]))]),
            ("resolved without its agreement", [("case.closed", "M-2024-0001", .object([("outcome", .string("resolved")), ("closed_on", .string("2024-06-01")), ("fields", .object([]))]))]),
            ("a second extension", [("case.extended", "P-2024-0001", .object([("days", .int(5)), ("reason", .string("再延")), ("extended_on", .string("2024-04-26"))]))]),
            ("an extension of 0 days", [("case.extended", "P-2024-0002", .object([("days", .int(0)), ("reason", .string("x")), ("extended_on", .string("2024-06-05"))]))]),
            ("an extension of -1 days", [("case.extended", "P-2024-0002", .object([("days", .int(-1)), ("reason", .string("x")), ("extended_on", .string("2024-06-05"))]))]),
            ("an extension of 31 days", [("case.extended", "P-2024-0002", .object([("days", .int(31)), ("reason", .string("x")), ("extended_on", .string("2024-06-05"))]))]),
            ("an extension with days as text", [("case.extended", "P-2024-0002", .object([("days", .string("10")), ("reason", .string("x")), ("extended_on", .string("2024-06-05"))]))]),
            ("a follow-up of an open mediation", [("case.followed_up", "M-2024-0001", .object([("date", .string("2024-06-01"))]))]),
            ("an empty note", [("case.noted", "M-2024-0001", .object([("text", .string(""))]))]),
            ("reopening an open case", [("case.reopened", "M-2024-0001", .object([("reason", .string("x"))]))]),
            ("restoring a case that is not voided", [("case.restored", "M-2024-0001", .object([("reason", .string("x"))]))]),
            ("an unknown setting", [("settings.set", nil, .object([("key", .string("colour")), ("value", .string("red"))]))]),
            ("an update that changes nothing", [("case.updated", "M-2024-0001", .object([("fields", .object([("village", .string("东村"))]))]))]),
            ("an update clearing a required field", [("case.updated", "M-2024-0001", .object([("fields", .object([("applicant", .string(""))]))]))]),
            ("an update moving the date to another year", [("case.updated", "M-2024-0001", .object([("fields", .object([("date", .string("2023-03-05"))]))]))]),
            ("a field value that is a number", [("case.updated", "M-2024-0001", .object([("fields", .object([("people", .int(3))]))]))]),
            ("a repeat_of naming no petition", [("case.opened", "P-2024-0003", .object([("kind", .string("petition")), ("fields", .object([
                ("accepted_on", .string("2024-06-01")), ("date", .string("2024-06-01")), ("form", .string("letter")), ("petitioner", .string("周八")),
                ("repeat_of", .string("P-2024-0099")), ("subject", .string("土地补偿")), ("unit", .string("office"))]))]))]),
            ("a document numbered out of turn", [document("M-2024-0001", "rights", number: 5)]),
            ("a document in another year than its case", [document("M-2024-0001", "rights", year: 2023)]),
            ("a form that does not exist", [document("M-2024-0001", "poster")]),
            ("an agreement from an unresolved mediation", [document("M-2024-0001", "agreement")]),
            ("a petition's notice from a mediation", [document("M-2024-0001", "acceptance")]),
            ("a document in a format not allowed", [document("M-2024-0001", "rights", format: "pdf")]),
            ("a document with an unknown member", [("document.issued", "M-2024-0001", .object([("form", .string("rights")), ("year", .int(2024)), ("number", .int(1)), ("format", .string("docx")), ("colour", .string("red"))]))]),
            ("a screening that found -1", [screening(found: .int(-1))]),
            ("a screening that found a text", [screening(found: .string("2"))]),
            ("a screening of no villages", [screening(villages: "")]),
            ("a screening dated in the future", [screening(date: "2025-01-05")]),
            ("a screening on an impossible date", [screening(date: "2024-02-30")]),
            ("a screening by a unit not in the list", [screening(unit: "mars")]),
        ]
        let envelopes: [(String, (inout HandChain) -> Void)] = [
            ("at is garbage", { $0.add("case.noted", "M-2024-0001", .object([("text", .string("x"))]), at: "garbage") }),
            ("at is not a real time", { $0.add("case.noted", "M-2024-0001", .object([("text", .string("x"))]), at: "2024-12-31T25:00:00.000+08:00") }),
            ("the operator is empty", { $0.add("case.noted", "M-2024-0001", .object([("text", .string("x"))]), op: "") }),
            ("the operator's name is too long", { $0.add("case.noted", "M-2024-0001", .object([("text", .string("x"))]), op: String(repeating: "王", count: 20_000)) }),
            ("a case id in lowercase", { $0.add("case.noted", "m-2024-0001", .object([("text", .string("x"))])) }),
        ]
        var all: [(String, (inout HandChain) -> Void)] = envelopes
        for (what, events) in bad {
            all.append((what, { chain in for (t, id, d) in events { chain.add(t, id, d) } }))
        }
        for (what, addBad) in all {
            var chain = HandChain.sampleChain()
            addBad(&chain)
            // A good line after it: the audit goes on past a flagged line.
            chain.add("case.noted", "P-2024-0001", .object([("text", .string("之后的记录"))]))
            write(chain)
            let (report, _) = try Ledger.verify(path: path, today: today)
            let badLine = chain.lines.count - 1
            #expect(report.problems.map(\.line) == [badLine], "\(what): \(report.problems)")
            #expect(report.problems.first.map { [.badValue, .badEvent].contains($0.defect.kind) } == true, "\(what): \(report.problems)")
            // The open stays lenient about values: the line is folded.
            if report.problems.first?.defect.kind == .badValue {
                #expect(throws: Never.self, "\(what)") { _ = try Ledger(path: path, operatorName: "x", options: LogOpenOptions(readOnly: true), useSnapshot: false) }
                // ... and counted: the open says how many lines verify would flag.
                if let opened = try? Ledger(path: path, operatorName: "x", options: LogOpenOptions(readOnly: true), useSnapshot: false),
                   !what.contains("future") {
                    #expect(opened.state.flaggedLines == 1, "\(what): \(opened.state.flaggedLines)")
                }
            }
        }
    }
}
