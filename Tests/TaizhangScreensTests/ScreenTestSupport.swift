import Foundation
import TaizhangDomain
import TaizhangScreens
import TaizhangTerminalCore

/// A ledger in a fresh temporary directory, an app on it, and helpers to type and render.
final class Harness {
    let dir: URL
    let path: String
    let ledger: Ledger
    let ctx: AppContext
    let app: App
    static let today = BusinessDate(year: 2024, month: 3, day: 20)!

    init(askOperator: Bool = false, lang: Language = .zh, setup: (Ledger) throws -> Void = { _ in }) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tz-screens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("ledger.jsonl").path
        ledger = try Ledger(path: path, operatorName: "王律师")
        try setup(ledger)
        ctx = AppContext(ledger: ledger, lang: lang, storePath: path, today: { Harness.today })
        app = App(ctx: ctx, askOperator: askOperator)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// Sends keys.
    func press(_ keys: Key...) {
        for k in keys { _ = app.handle(k) }
    }

    /// Types text one character at a time, as a terminal delivers it.
    func type(_ text: String) {
        for c in text { _ = app.handle(.char(c)) }
    }

    /// Renders at `width` x `height`.
    func render(_ width: Int = 80, _ height: Int = 24) -> CellGrid {
        var g = CellGrid(width: width, height: height)
        app.render(into: &g)
        return g
    }
}

/// Opens a case and returns its id.
@discardableResult
func open(_ ledger: Ledger, _ kind: CaseKind, _ fields: [String: String], today: BusinessDate = Harness.today) throws -> CaseID {
    try ledger.perform(.open(kind: kind, fields: fields.map { FieldInput($0.key, $0.value) }), today: today).caseID!
}

/// A small ledger: a town, three mediations with mixed Chinese and ASCII names, a petition.
func sampleLedger(_ l: Ledger) throws {
    try l.perform(.setting(key: "town", value: "东棘坨镇"), today: Harness.today)
    try open(l, .mediation, ["date": "2024-03-01", "unit": "office", "applicant": "张三", "respondent": "李四", "category": "neighbor", "handler": "刘"])
    try open(l, .mediation, ["date": "2024-03-02", "unit": "office", "applicant": "Bob Smith", "respondent": "Acme Ltd", "category": "contract", "handler": "Li"])
    try open(l, .mediation, ["date": "2024-03-03", "unit": "station", "applicant": "王五A", "respondent": "赵六", "category": "labor", "handler": "刘"])
    // Received 2024-01-05: handling due 2024-03-05, overdue on 2024-03-20.
    try open(l, .petition, ["date": "2024-01-05", "unit": "office", "petitioner": "孙七", "form": "visit", "subject": "宅基地纠纷"])
}
