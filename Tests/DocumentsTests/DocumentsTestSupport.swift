import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TaizhangDomain
import TaizhangLog
import TaizhangTestSupport
import ZIPFoundation
@testable import TaizhangDocuments

/// The package root.
let packageRoot = Binaries.packageRoot

let demoPath = packageRoot.appendingPathComponent("data/demo-2024.jsonl").path
let fixturesPath = packageRoot.appendingPathComponent("Tests/DocumentsTests/Fixtures").path

func day(_ s: String) -> BusinessDate { BusinessDate.parseISO(s)! }

/// A ledger in a fresh temporary folder with the town set, driven with explicit days.
final class DocLedger {
    let dir: String
    let path: String
    let ledger: Ledger

    init(town: String = "青坨镇") throws {
        dir = NSTemporaryDirectory() + "taizhang-docs-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        path = dir + "/ledger.jsonl"
        ledger = try Ledger(path: path, operatorName: "王律师")
        try ledger.perform(.setting(key: "town", value: town), today: day("2024-01-01"))
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    @discardableResult
    func run(_ command: Command, on: String) throws -> CommandResult { try ledger.perform(command, today: day(on)) }

    /// A mediation with two respondents, resolved in writing with its terms, and followed up.
    func resolvedMediation(date: String = "2024-03-05", closed: String = "2024-03-20") throws -> String {
        let fields: [String: String] = [
            "date": date, "unit": "office", "applicant": "张三", "respondent": "李四；王五", "category": "neighbor",
            "village": "东河村", "phone": "13812345678", "id_number": "120101199001011239", "mediator": "刘建军",
            "source": "application", "amount": "12000", "summary": "因宅基地滴水问题发生争议",
        ]
        let id = try run(.open(kind: .mediation, fields: fields.keys.sorted().map { FieldInput($0, fields[$0]!) }), on: date).caseID!.description
        try run(.update(id: id, fields: [FieldInput("terms", "李四于2024年4月1日前拆除滴水檐\n王五赔偿张三损失2000元"),
                                         FieldInput("performance", "当场付清")]), on: date)
        try run(.close(id: id, outcome: "resolved", fields: [FieldInput("agreement", "written"), FieldInput("closed_on", closed)]), on: closed)
        try run(.followUp(id: id, date: "2024-04-20", performed: "yes", note: "已按协议履行"), on: "2024-04-20")
        return id
    }

    /// A petition dated `date`.
    func petition(date: String = "2024-05-06", subject: String = "反映路灯损坏未修") throws -> String {
        try run(.open(kind: .petition, fields: [FieldInput("date", date), FieldInput("unit", "office"), FieldInput("petitioner", "朱金凤"),
                                                 FieldInput("form", "visit"), FieldInput("subject", subject), FieldInput("village", "后营村")]),
                on: date).caseID!.description
    }

    func document(_ id: String) -> CaseRecord { ledger.state.lookup(id)! }
}

/// Reads one entry of a ZIP archive.
func zipEntry(_ archive: Archive, _ path: String) throws -> String? {
    guard let e = archive[path] else { return nil }
    var data = Data()
    _ = try archive.extract(e) { data.append($0) }
    return String(decoding: data, as: UTF8.self)
}

/// The paragraphs of a WordprocessingML body, each the text of its `w:t` runs, parsed with
/// XMLParser (which also proves the XML well-formed).
final class ParagraphReader: NSObject, XMLParserDelegate {
    var paragraphs: [String] = []
    var current = ""
    var inText = false
    var elements: [String: Int] = [:]
    var attributes: [String: [[String: String]]] = [:]

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        elements[name, default: 0] += 1
        attributes[name, default: []].append(a)
        if name == "w:p" { current = "" }
        if name == "w:t" { inText = true }
    }
    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "w:t" { inText = false }
        if name == "w:p" { paragraphs.append(current) }
    }
}

/// Parses XML, failing the test when it is not well-formed.
func parseXML(_ xml: String) -> ParagraphReader {
    let parser = XMLParser(data: Data(xml.utf8))
    let reader = ParagraphReader()
    parser.delegate = reader
    #expect(parser.parse(), "XML does not parse: \(parser.parserError.map { "\($0)" } ?? "")")
    return reader
}

/// Runs the built `taizhang` with `arguments`.
func runTaizhang(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil) throws -> RunResult {
    try runProgram(Binaries.path("taizhang"), arguments, environment: environment, in: folder)
}
