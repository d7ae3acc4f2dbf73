import Foundation
import TaizhangDomain
import TaizhangLog
@testable import TaizhangReport

/// A ledger in a fresh temporary folder, driven through `Ledger.perform` with explicit days.
final class TestLedger {
    let dir: String
    let path: String
    let ledger: Ledger

    init() throws {
        dir = NSTemporaryDirectory() + "taizhang-report-\(UUID().uuidString)"
        path = dir + "/ledger.jsonl"
        ledger = try Ledger(path: path, operatorName: "测试员")
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    static func day(_ s: String) -> BusinessDate { BusinessDate.parseISO(s)! }

    /// Opens a case dated `date`, entered on `entered` (default: the same day).
    @discardableResult
    func open(_ kind: CaseKind, _ date: String, unit: TaizhangDomain.Unit = .office, entered: String? = nil, _ fields: [String: String] = [:]) throws -> String {
        var inputs = [FieldInput("date", date), FieldInput("unit", unit.rawValue)]
        let defaults: [CaseKind: [String: String]] = [
            .consultation: ["client": "甲", "topic": "labor"],
            .mediation: ["applicant": "甲", "respondent": "乙", "category": "neighbor"],
            .petition: ["petitioner": "丙", "form": "visit", "subject": "事项"],
            .review: ["requester": "村委会", "title": "合同", "doc_type": "contract"],
            .suit: ["court": "区法院"],
        ]
        let merged = defaults[kind]!.merging(fields) { _, new in new }
        inputs += merged.keys.sorted().map { FieldInput($0, merged[$0]!) }
        let result = try ledger.perform(.open(kind: kind, fields: inputs), today: Self.day(entered ?? date))
        return result.caseID!.description
    }

    func close(_ id: String, _ outcome: String, on: String, _ fields: [String: String] = [:], entered: String? = nil) throws {
        let inputs = [FieldInput("closed_on", on)] + fields.keys.sorted().map { FieldInput($0, fields[$0]!) }
        try ledger.perform(.close(id: id, outcome: outcome, fields: inputs), today: Self.day(entered ?? on))
    }

    func followUp(_ id: String, on: String) throws {
        try ledger.perform(.followUp(id: id, date: on, performed: "yes", note: nil), today: Self.day(on))
    }

    func reopen(_ id: String, on: String) throws {
        try ledger.perform(.reopen(id: id, reason: "当事人反悔"), today: Self.day(on))
    }

    func void(_ id: String, on: String) throws {
        try ledger.perform(.void(id: id, reason: "重复登记"), today: Self.day(on))
    }

    func extend(_ id: String, days: Int, on: String) throws {
        try ledger.perform(.extend(id: id, days: String(days), reason: "情况复杂", on: on), today: Self.day(on))
    }

    func setTown(_ name: String) throws {
        try ledger.perform(.setting(key: "town", value: name), today: Self.day("2024-01-01"))
    }

    /// The figures of `year` as of `today`.
    func summary(_ year: Int, today: String = "2025-01-10", unit: TaizhangDomain.Unit? = nil) -> YearSummary {
        YearSummary(state: ledger.state, year: year, unit: unit, today: Self.day(today),
                    events: ledger.log.lineCount, head: ledger.log.headHash, generatedAt: "2025-01-10T09:00:00.000+08:00")
    }
}
