import Foundation
import Testing
import TaizhangDomain
import TaizhangLog
import ZIPFoundation
@testable import TaizhangDocuments

/// Each form written as DOCX is a valid package whose document names the parties, the number,
/// the town and the dates.
@Suite struct DOCXTests {
    /// A ledger holding a case for every form: a resolved, followed-up mediation and three
    /// petitions (open, not accepted, concluded).
    static func ledger() throws -> (DocLedger, [DocumentForm: String]) {
        let t = try DocLedger()
        let m = try t.resolvedMediation()
        let open = try t.petition(date: "2024-05-06")
        let refused = try t.petition(date: "2024-05-07", subject: "要求撤销法院判决")
        try t.run(.close(id: refused, outcome: "not_accepted", fields: [FieldInput("reason", "该事项已进入诉讼程序，应依法通过诉讼途径解决"),
                                                                          FieldInput("closed_on", "2024-05-10")]), on: "2024-05-10")
        let done = try t.petition(date: "2024-05-08", subject: "要求修复村道")
        try t.run(.update(id: done, fields: [FieldInput("summary", "经现场查看，村道确有损坏，已列入维修计划")]), on: "2024-05-08")
        try t.run(.close(id: done, outcome: "concluded", fields: [FieldInput("result", "supported"), FieldInput("closed_on", "2024-06-20")]), on: "2024-06-20")
        return (t, [.registration: m, .rights: m, .agreement: m, .followup: m, .acceptance: open, .refusal: refused, .reply: done])
    }

    /// What each form's document must say besides the town and the number.
    static let expected: [DocumentForm: [String]] = [
        .registration: ["张三", "李四", "王五", "2024年3月5日", "13812345678", "120101199001011239", "东河村"],
        .rights: ["申请人张三", "被申请人李四", "被申请人王五", "2024年3月5日"],
        .agreement: ["张三", "李四", "王五", "2024年3月20日", "李四于2024年4月1日前拆除滴水檐", "王五赔偿张三损失2000元", "当场付清",
                     "本协议一式四份", "人民调解员（签名）：刘建军", "三十日内共同向人民法院申请司法确认"],
        .followup: ["张三", "2024年4月20日", "已按协议履行", "2024年3月20日"],
        .acceptance: ["朱金凤", "2024年5月6日", "反映路灯损坏未修", "予以受理"],
        .refusal: ["朱金凤", "2024年5月7日", "2024年5月10日", "该事项已进入诉讼程序，应依法通过诉讼途径解决", "不予受理"],
        .reply: ["朱金凤", "2024年5月8日", "2024年6月20日", "要求修复村道", "村道确有损坏", "予以支持", "三十日内", "复查"],
    ]

    static let numbers: [DocumentForm: String] = [
        .registration: "（2024）青坨人调字第1号", .rights: "（2024）青坨人调字第1号", .agreement: "（2024）青坨人调字第1号",
        .followup: "（2024）青坨人调字第1号", .acceptance: "（2024）青坨信受字第1号", .refusal: "（2024）青坨信不受字第1号",
        .reply: "（2024）青坨信处字第1号",
    ]

    @Test(arguments: DocumentForm.allCases)
    func docxNamesPartiesNumberTownAndDates(_ form: DocumentForm) throws {
        let (t, ids) = try Self.ledger()
        let path = t.dir + "/\(form.rawValue).docx"
        let result = try Documents.issue(form, caseID: ids[form]!, format: .docx, to: path, ledger: t.ledger, today: day("2024-12-31"))
        #expect(result.numberText == Self.numbers[form])
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)

        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        for part in ["[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels", "word/document.xml", "word/styles.xml"] {
            #expect(try zipEntry(archive, part) != nil, "missing \(part)")
        }
        let types = try #require(try zipEntry(archive, "[Content_Types].xml"))
        #expect(types.contains("wordprocessingml.document.main+xml"))
        _ = parseXML(types)
        _ = parseXML(try #require(try zipEntry(archive, "_rels/.rels")))
        let styles = try #require(try zipEntry(archive, "word/styles.xml"))
        let styleXML = parseXML(styles)
        let eastAsia = Set((styleXML.attributes["w:rFonts"] ?? []).compactMap { $0["w:eastAsia"] })
        #expect(eastAsia.contains("仿宋") && eastAsia.contains("宋体"))

        let document = try #require(try zipEntry(archive, "word/document.xml"))
        let body = parseXML(document)
        let size = try #require(body.attributes["w:pgSz"]?.first)
        #expect(size["w:w"] == "11906" && size["w:h"] == "16838")
        #expect(body.attributes["w:pgMar"]?.first?["w:left"] != nil)
        let text = body.paragraphs.joined(separator: "\n")
        #expect(body.paragraphs.first == form.title.zh)
        #expect(body.paragraphs.contains(Self.numbers[form]!))
        #expect(text.contains("青坨镇"), "no town in \(form)")
        for phrase in Self.expected[form]! {
            #expect(text.contains(phrase), "\(form) lacks \(phrase)")
        }
    }

    @Test func textAndMarkupCannotBreakTheXML() throws {
        let t = try DocLedger(town: "青坨<镇>&\"")
        let m = try t.resolvedMediation()
        try t.run(.update(id: m, fields: [FieldInput("terms", "甲方<赔偿>乙方 & \"丙方\"\u{07}铃")]), on: "2024-03-21")
        let layout = Documents.layout(.agreement, case: t.document(m), state: t.ledger.state)
        let data = try DOCXWriter.package(layout)
        let archive = try Archive(data: data, accessMode: .read)
        let body = parseXML(try #require(try zipEntry(archive, "word/document.xml")))
        #expect(body.paragraphs.contains { $0.contains("甲方<赔偿>乙方 & \"丙方\"\\x7铃") })
        #expect(body.paragraphs.contains { $0.contains("青坨<镇>&\"人民调解委员会") })
    }

    @Test func samePackageForTheSameDocument() throws {
        let (t, ids) = try Self.ledger()
        let c = t.document(ids[.agreement]!)
        let a = try DOCXWriter.package(Documents.layout(.agreement, case: c, state: t.ledger.state))
        let b = try DOCXWriter.package(Documents.layout(.agreement, case: c, state: t.ledger.state))
        #expect(a == b)
    }
}
