import Foundation
@testable import TaizhangDomain
@testable import TaizhangLog

/// A ledger in a fresh temp folder, removed when released.
final class TestLedger {
    let dir: String
    let path: String
    let ledger: Ledger
    let today: BusinessDate

    init(today: String = "2024-12-31", operatorName: String = "王律师") throws {
        dir = NSTemporaryDirectory() + "taizhang-domain-" + UUID().uuidString
        path = dir + "/ledger.jsonl"
        ledger = try Ledger(path: path, operatorName: operatorName)
        self.today = BusinessDate.parseISO(today)!
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    var state: LedgerState { ledger.state }

    @discardableResult
    func run(_ command: Command) throws -> CommandResult { try ledger.perform(command, today: today) }

    /// Opens a case from `key=value` pairs and returns its id text.
    @discardableResult
    func add(_ kind: CaseKind, _ pairs: [String: String]) throws -> String {
        let inputs = pairs.keys.sorted().map { FieldInput($0, pairs[$0]!) }
        return try run(.open(kind: kind, fields: inputs)).caseID!.description
    }

    func close(_ id: String, _ outcome: String, _ pairs: [String: String] = [:]) throws {
        try run(.close(id: id, outcome: outcome, fields: pairs.keys.sorted().map { FieldInput($0, pairs[$0]!) }))
    }

    /// The state a second process gets by replaying the file from scratch.
    func replayed() throws -> LedgerState {
        try Ledger(path: path, operatorName: "另一人").state
    }

    /// The validation error `command` raises, or nil.
    func rejection(_ command: Command) -> TaizhangDomain.ValidationError? {
        do {
            try run(command)
            return nil
        } catch let e as TaizhangDomain.ValidationError {
            return e
        } catch {
            return nil
        }
    }
}

/// Minimal valid fields for each kind.
let minimal: [CaseKind: [String: String]] = [
    .consultation: ["date": "2024-03-05", "unit": "station", "client": "张三", "topic": "labor"],
    .mediation: ["date": "2024-03-05", "unit": "office", "applicant": "李四", "respondent": "王五；赵六", "category": "neighbor"],
    .petition: ["date": "2024-03-05", "unit": "office", "petitioner": "孙七", "form": "visit", "subject": "宅基地界址纠纷"],
    .review: ["date": "2024-03-05", "unit": "station", "requester": "东村村民委员会", "title": "土地承包合同", "doc_type": "contract"],
    .suit: ["date": "2024-03-05", "unit": "station", "court": "宁河区人民法院"],
]

/// An outcome with its required fields, for each kind.
let closing: [CaseKind: (String, [String: String])] = [
    .consultation: ("answered", [:]),
    .mediation: ("resolved", ["agreement": "written"]),
    .petition: ("concluded", ["result": "explained"]),
    .review: ("lawful", ["opinion": "合同条款合法"]),
    .suit: ("won", [:]),
]
