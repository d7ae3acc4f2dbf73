import Foundation
import TaizhangDomain
import TaizhangLog

/// Writes a town's ledger through the domain's commands (so every line is one taizhang itself
/// could have written), covering what the figures look at: outcomes of every kind, follow-ups
/// before and after a reopen, voided and restored cases, repeat petitions (also across years),
/// extensions, late and not-accepted petitions, hearings before and after the as-of day, amounts
/// with decimals, group visits, cases without a village or handler, and cases of 2023–2025.
struct TownGenerator {
    var seed: UInt64
    let today = BusinessDate(year: 2025, month: 6, day: 30)!

    mutating func next() -> UInt64 {
        seed &+= 0x9E37_79B9_7F4A_7C15
        var z = seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
    mutating func pick<T>(_ list: [T]) -> T { list[int(0...(list.count - 1))] }

    static let villages = ["东村", "西村", "南村", "北村", "河头村", "大坨村", ""]
    static let handlers = ["王律师", "李律师", "张干事", "刘干事", ""]
    static let names = ["张三", "李四", "王五", "赵六", "孙七", "周八"]

    /// Writes `cases` cases (and their events) for `town` to a new ledger at `path`.
    static func write(path: String, town: String, cases: Int, seed: UInt64) throws {
        var g = TownGenerator(seed: seed)
        let ledger = try Ledger(path: path, operatorName: "管理员", useSnapshot: false,
                                timestamp: { "2025-01-01T09:00:00.000+08:00" },
                                makeID: { UUID().uuidString.lowercased() })
        _ = try ledger.perform(.setting(key: "town", value: town), today: g.today)
        var open: [String] = []
        var petitions: [String] = []
        let start = BusinessDate(year: 2023, month: 1, day: 1)!
        let span = start.days(until: g.today)
        for n in 0..<cases {
            let date = start.adding(days: n * span / max(1, cases))
            if let id = try? g.open(ledger, date: date, petitions: petitions) {
                open.append(id)
                if id.hasPrefix("P-") { petitions.append(id) }
            }
            // Advance a few open cases.
            for _ in 0..<g.int(1...3) where !open.isEmpty {
                let i = g.int(0...(open.count - 1))
                if try g.advance(ledger, id: open[i], day: date) { open.remove(at: i) }
            }
        }
    }

    mutating func open(_ ledger: Ledger, date: BusinessDate, petitions: [String]) throws -> String {
        let roll = int(0...99)
        let kind: CaseKind = roll < 30 ? .consultation : roll < 60 ? .mediation : roll < 82 ? .petition : roll < 92 ? .review : .suit
        var f: [String: String] = ["date": date.description]
        f["unit"] = chance(0.5) ? "station" : "office"
        let v = pick(Self.villages), h = pick(Self.handlers)
        if !v.isEmpty { f["village"] = v }
        if !h.isEmpty { f["handler"] = h }
        switch kind {
        case .consultation:
            f["client"] = pick(Self.names)
            f["topic"] = pick(CaseKind.consultation.field("topic")!.choices).key
        case .mediation:
            f["applicant"] = pick(Self.names)
            f["respondent"] = pick(Self.names)
            f["category"] = pick(CaseKind.mediation.field("category")!.choices).key
            if chance(0.6) { f["amount"] = pick(["1200", "3500.5", "88.05", "20000", "0.5", "777"]) }
            if chance(0.3) { f["people"] = String(int(1...9)) }
        case .petition:
            f["petitioner"] = pick(Self.names)
            f["form"] = pick(["visit", "letter", "online", "phone"])
            f["subject"] = "宅基地界址纠纷"
            if chance(0.25) { f["people"] = String(int(1...12)) }
            if chance(0.3) { f["accepted_on"] = date.adding(days: int(0...10)).description }
            if chance(0.25), !petitions.isEmpty { f["repeat_of"] = pick(petitions) }
        case .review:
            f["requester"] = "村民委员会"
            f["title"] = "土地承包合同"
            f["doc_type"] = pick(CaseKind.review.field("doc_type")!.choices).key
        case .suit:
            f["court"] = "宁河区人民法院"
            if chance(0.7) { f["hearing_date"] = date.adding(days: int(10...200)).description }
            if chance(0.3) { f["head_appeared"] = pick(["yes", "no"]) }
        }
        let result = try ledger.perform(.open(kind: kind, fields: f.sorted { $0.key < $1.key }.map { FieldInput($0.key, $0.value) }), today: today)
        return result.caseID!.description
    }

    /// One more event for `id`; true when the case is finished with.
    mutating func advance(_ ledger: Ledger, id: String, day: BusinessDate) throws -> Bool {
        guard let c = ledger.state.lookup(id) else { return true }
        let on = max(c.date, min(today, day))
        func perform(_ command: Command) -> Bool { (try? ledger.perform(command, today: today)) != nil }
        if c.status == .voided {
            if chance(0.3) { _ = perform(.restore(id: id, reason: "作废有误")) }
            return true
        }
        if chance(0.04) { _ = perform(.void(id: id, reason: "重复登记")); return false }
        if c.status == .closed {
            if c.kind == .mediation && c.outcome == "resolved" && chance(0.6) {
                _ = perform(.followUp(id: id, date: max(c.closedOn ?? on, on).description, performed: "yes", note: nil))
                if chance(0.15) { _ = perform(.reopen(id: id, reason: "当事人反悔")); return false }
                return true
            }
            if chance(0.08) { _ = perform(.reopen(id: id, reason: "重新处理")); return false }
            return true
        }
        if c.kind == .petition && c.extensions.isEmpty && chance(0.15) {
            _ = perform(.extend(id: id, days: String(int(5...30)), reason: "需调查核实", on: on.description))
            return false
        }
        // Quotes, backslashes and tabs become JSON escapes: backslashes in the line, which COPY must carry exactly.
        if chance(0.3) { _ = perform(.note(id: id, text: pick(["跟进", "当事人称\"已付款\"", "路径 C:\\材料\\卷宗", "甲\t乙"]))); return false }
        // Some cases stay open (and some petitions run past their deadline).
        if chance(0.12) { return true }
        var fields: [FieldInput] = []
        let closedOn = c.kind == .petition && chance(0.2) ? c.date.adding(days: int(40...90)) : on
        fields.append(FieldInput("closed_on", min(today, max(c.date, closedOn)).description))
        let outcome: String
        switch c.kind {
        case .consultation:
            outcome = pick(["answered", "answered", "litigation_guided", "legal_aid", "referred"])
        case .mediation:
            outcome = pick(["resolved", "resolved", "resolved", "failed", "withdrawn"])
            if outcome == "resolved" { fields.append(FieldInput("agreement", pick(["written", "oral"]))) }
            if outcome == "failed" { fields.append(FieldInput("next", pick(["litigation", "other", "none"]))) }
        case .petition:
            outcome = pick(["concluded", "concluded", "not_accepted", "withdrawn"])
            if outcome == "concluded" { fields.append(FieldInput("result", pick(["supported", "explained", "not_supported"]))) }
            if outcome == "not_accepted" { fields.append(FieldInput("reason", "不属于受理范围")) }
        case .review:
            outcome = pick(["lawful", "revised", "unlawful"])
            fields.append(FieldInput("opinion", "经审查合法"))
        case .suit:
            outcome = pick(["won", "lost", "settled"])
            if chance(0.5) { fields.append(FieldInput("head_appeared", pick(["yes", "yes", "no"]))) }
        }
        return perform(.close(id: id, outcome: outcome, fields: fields)) && c.kind != .mediation && !chance(0.1)
    }
}
