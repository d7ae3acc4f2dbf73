import Foundation
import TaizhangDomain
import TaizhangLog
import TaizhangRandom

/// Writes a realistic district-scale ledger: 14 towns' villages over ten years, a mix of kinds,
/// 3 to 8 events per case, Chinese text of realistic length. Every event goes through the
/// domain's validation and fold, so the file is a ledger taizhang itself could have written.
struct LedgerGenerator {
    static let surnames = Array("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭")
    static let given = Array("伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志强春梅海燕文斌玉兰淑珍德明凤英")
    static let towns = ["东棘坨镇", "潘庄镇", "芦台镇", "丰台镇", "岳龙镇", "板桥镇", "俵口镇", "大北涧沽镇", "造甲城镇", "七里海镇", "苗庄镇", "廉庄镇", "北淮淀镇", "宁河镇"]
    static let villageNames = ["东村", "西村", "南村", "北村", "前街村", "后街村", "王庄村", "李家台村", "大坨村", "小坨村", "新村", "河头村"]
    static let lawyers = ["王律师", "李律师", "张律师", "刘律师", "陈律师", "杨律师", "赵律师", "黄律师", "周律师"]
    static let staff = ["吴干事", "徐干事", "孙干事", "胡干事", "朱干事"]
    static let phrases = [
        "因宅基地界址问题与邻居发生争执，双方各执一词，请求村委会出面协调。",
        "务工期间工资被拖欠三个月，多次讨要未果，询问如何通过法律途径维权。",
        "父亲去世后兄弟姐妹对遗产分配意见不一，希望了解法定继承的顺序和份额。",
        "承包地被征用后补偿款分配存在争议，部分村民认为分配方案不公平。",
        "邻居家排水沟改道后雨水流入自家院内，造成墙体受损，要求赔偿。",
        "夫妻感情破裂，一方起诉离婚前咨询子女抚养权和共同财产分割问题。",
        "购买的农机具存在质量问题，经销商拒绝退换，要求依法处理。",
        "道路交通事故后对方保险公司理赔金额过低，当事人不予认可。",
    ]

    var rng: SplitMix64
    var state = LedgerState()
    let writer: LogBulkWriter
    let today = BusinessDate(year: 2024, month: 12, day: 31)!
    var idCounter: UInt64 = 0

    init(path: String, seed: UInt64) throws {
        rng = SplitMix64(seed: seed)
        writer = try LogBulkWriter(path: path)
    }

    mutating func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func name() -> String { String(pick(Self.surnames)) + String(pick(Self.given)) + (chance(0.5) ? String(pick(Self.given)) : "") }
    mutating func village() -> String { pick(Self.towns) + pick(Self.villageNames) }
    mutating func text() -> String { pick(Self.phrases) + (chance(0.5) ? pick(Self.phrases) : "") }

    /// Validates `command` against the state, writes its events and folds them.
    @discardableResult
    mutating func perform(_ command: Command, op: String, on date: BusinessDate) throws -> CaseID? {
        let made = try state.events(for: command, today: today)
        for e in made.events {
            idCounter += 1
            let at = "\(date)T\(String(format: "%02d", 8 + Int(idCounter % 9))):\(String(format: "%02d", Int(idCounter % 60))):00.000+08:00"
            let record = try writer.append(e, op: op, at: at, id: String(format: "%016llx", idCounter ^ 0x5DEECE66D))
            try state.apply(record)
        }
        return made.caseID
    }

    /// Opens one case of a random kind on `date`; returns its id and the rest of its events to come.
    mutating func openCase(on date: BusinessDate) throws -> (String, Int) {
        let roll = Double.random(in: 0..<1, using: &rng)
        let kind: CaseKind = roll < 0.35 ? .consultation : roll < 0.65 ? .mediation : roll < 0.85 ? .petition : roll < 0.95 ? .review : .suit
        var f: [String: String] = ["date": date.description, "village": village(), "summary": text()]
        let station = kind == .consultation || kind == .review || (kind == .mediation && chance(0.3)) || kind == .suit
        f["unit"] = station ? "station" : "office"
        f["handler"] = station ? pick(Self.lawyers) : pick(Self.staff)
        if chance(0.6) { f["phone"] = "13\(Int.random(in: 100_000_000...999_999_999, using: &rng))" }
        switch kind {
        case .consultation:
            f["client"] = name()
            f["topic"] = pick(CaseKind.consultation.field("topic")!.choices).key
            f["channel"] = pick(["visit", "phone", "online"])
            f["question"] = text()
        case .mediation:
            f["applicant"] = name()
            f["respondent"] = name() + (chance(0.2) ? "；" + name() : "")
            f["category"] = pick(CaseKind.mediation.field("category")!.choices).key
            f["source"] = pick(["application", "initiative", "referred"])
            if chance(0.5) { f["amount"] = String(Int.random(in: 500...200_000, using: &rng)) }
        case .petition:
            f["petitioner"] = name()
            f["form"] = pick(["visit", "letter", "online", "phone"])
            f["subject"] = pick(Self.phrases)
            f["people"] = String(chance(0.1) ? Int.random(in: 5...30, using: &rng) : Int.random(in: 1...3, using: &rng))
        case .review:
            f["requester"] = pick(Self.villageNames) + "村民委员会"
            f["title"] = pick(["土地承包合同", "村集体资产租赁合同", "村规民约修订", "工程施工合同", "重大行政决策"])
            f["doc_type"] = pick(CaseKind.review.field("doc_type")!.choices).key
            f["reviewer"] = pick(Self.lawyers)
        case .suit:
            f["court"] = pick(["宁河区人民法院", "天津市第一中级人民法院"])
            f["docket"] = "（\(date.year)）津0117行初\(Int.random(in: 1...999, using: &rng))号"
        }
        let op = f["handler"]!
        let id = try perform(.open(kind: kind, fields: f.map { FieldInput($0.key, $0.value) }), op: op, on: date)!
        return (id.description, Int.random(in: 2...7, using: &rng))
    }

    /// One more event for an open case: a note, an update, or (last) its outcome.
    mutating func advance(_ id: String, remaining: Int) throws {
        guard let c = state.lookup(id) else { return }
        let op = c["handler"].isEmpty ? "王律师" : c["handler"]
        let day = min(today, c.date.adding(days: Int.random(in: 0...25, using: &rng)))
        if remaining > 1 || c.status != .open {
            if c.status == .closed && c.kind == .mediation && c.followUps.isEmpty && c.outcome == "resolved" {
                try perform(.followUp(id: id, date: max(c.closedOn!, day).description, performed: "yes", note: "回访当事人，协议已履行。"), op: op, on: day)
            } else if c.kind == .petition && c.status == .open && c.extensions.isEmpty && chance(0.1) {
                try perform(.extend(id: id, days: "30", reason: "情况复杂，需进一步调查核实。", on: day.description), op: op, on: day)
            } else if chance(0.7) || c.status != .open {
                try perform(.note(id: id, text: text()), op: op, on: day)
            } else {
                try perform(.update(id: id, fields: [FieldInput("phone", "139\(Int.random(in: 10_000_000...99_999_999, using: &rng))")]), op: op, on: day)
            }
            return
        }
        // The last event of an open case: its outcome, unless it stays open (recent cases).
        if c.date.year == today.year && chance(0.3) {
            try perform(.note(id: id, text: text()), op: op, on: day)
            return
        }
        var fields = [FieldInput("closed_on", day.description)]
        let outcome: String
        switch c.kind {
        case .consultation: outcome = pick(["answered", "answered", "litigation_guided", "legal_aid", "referred"])
        case .mediation:
            outcome = pick(["resolved", "resolved", "resolved", "failed", "withdrawn"])
            if outcome == "resolved" { fields.append(FieldInput("agreement", pick(["written", "oral"]))) }
            if outcome == "failed" { fields.append(FieldInput("next", pick(["litigation", "other", "none"]))) }
        case .petition:
            outcome = pick(["concluded", "concluded", "concluded", "not_accepted", "withdrawn"])
            if outcome == "concluded" { fields.append(FieldInput("result", pick(["supported", "explained", "not_supported"]))) }
            if outcome == "not_accepted" { fields.append(FieldInput("reason", "不属于信访受理范围。")) }
        case .review:
            outcome = pick(["lawful", "revised", "unlawful"])
            fields.append(FieldInput("opinion", "经审查，" + pick(Self.phrases)))
        case .suit:
            outcome = pick(["won", "lost", "settled"])
            fields.append(FieldInput("head_appeared", chance(0.9) ? "yes" : "no"))
        }
        try perform(.close(id: id, outcome: outcome, fields: fields), op: op, on: day)
    }

    /// Writes about `events` events (a case's events are never cut short at the end).
    mutating func generate(events: Int) throws {
        try perform(.setting(key: "town", value: "宁河区"), op: "管理员", on: BusinessDate(year: 2015, month: 1, day: 1)!)
        let start = BusinessDate(year: 2015, month: 1, day: 1)!
        let span = start.days(until: today)
        var active: [(id: String, remaining: Int)] = []
        var opened = 0
        let expectedCases = max(1, events / 5)
        while state.eventCount < events || !active.isEmpty {
            let wantNew = state.eventCount < events && (active.isEmpty || (active.count < 40 && chance(0.3)))
            if wantNew {
                // Spread cases evenly over the ten years, in date order.
                let date = start.adding(days: min(span, opened * span / expectedCases))
                let (id, remaining) = try openCase(on: date)
                active.append((id, remaining))
                opened += 1
            } else {
                let i = Int.random(in: 0..<active.count, using: &rng)
                try advance(active[i].id, remaining: active[i].remaining)
                active[i].remaining -= 1
                if active[i].remaining <= 0 { active.remove(at: i) }
            }
        }
        try writer.finish()
    }
}
