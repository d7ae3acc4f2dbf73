import TaizhangLog
import TaizhangTerminalCore

/// The rules `taizhang verify` holds every stored line to, beyond the chain and the fold.
///
/// The fold takes values as written (rules may tighten later without making old ledgers
/// unreadable); the audit asks, for each line, whether the program would have written it: the
/// line is turned back into the command that makes it, that command is checked against the state
/// before the line exactly as a new command is, and the event it makes must say what the line
/// says. So every rule of entry (real dates in the case's year, choices from their lists,
/// amounts, lengths, outcomes of the kind, one extension of 1 to 30 days, ...) is checked by the
/// code that enforces it on entry, and cannot drift from it.
extension LedgerState {
    /// What is wrong with `record` given the state before it; nil when the program could have
    /// written it. `today` bounds dates (nothing may be dated after it).
    public func audit(_ r: LogRecord, today: BusinessDate) -> ValidationError? {
        if let e = Self.auditEnvelope(r) { return e }
        guard let type = EventType(rawValue: r.type) else { return nil }  // the fold reports it
        let d = r.data
        func str(_ key: String) -> String? { d[key]?.stringValue }
        func mustBeString(_ keys: [String]) -> ValidationError? {
            for k in keys where d[k] != nil && d[k]?.stringValue == nil { return Self.rule(k, "must be a string", "应为文本") }
            return nil
        }
        var inputs: [FieldInput] = []
        for (k, v) in d["fields"]?.objectPairs ?? [] {
            guard let s = v.stringValue else { return Self.rule(k, "must be a string", "应为文本") }
            inputs.append(FieldInput(k, s))
        }
        if d["fields"] != nil && d["fields"]?.objectPairs == nil { return Self.rule("fields", "must be an object", "应为对象") }
        let id = r.caseID ?? ""
        let command: Command
        switch type {
        case .setting:
            if let e = mustBeString(["key", "value"]) { return e }
            command = .setting(key: str("key") ?? "", value: str("value") ?? "")
        case .opened:
            guard let kind = str("kind").flatMap(CaseKind.init(rawValue:)) else { return nil }  // the fold reports it
            command = .open(kind: kind, fields: inputs)
        case .updated:
            command = .update(id: id, fields: inputs)
        case .noted:
            if let e = mustBeString(["text"]) { return e }
            command = .note(id: id, text: str("text") ?? "")
        case .closed:
            if let e = mustBeString(["outcome", "closed_on", "linked_case"]) { return e }
            if str("outcome") == "to_mediation" { return auditToMediation(r, today: today) }
            command = .close(id: id, outcome: str("outcome") ?? "", fields: inputs + [FieldInput("closed_on", str("closed_on") ?? "")])
        case .followedUp:
            if let e = mustBeString(["date", "performed", "note"]) { return e }
            command = .followUp(id: id, date: str("date") ?? "", performed: str("performed"), note: str("note"))
        case .extended:
            if let e = mustBeString(["reason", "extended_on"]) { return e }
            guard let days = d["days"]?.intValue else { return Self.rule("days", "must be a whole number", "应为整数") }
            command = .extend(id: id, days: String(days), reason: str("reason") ?? "", on: str("extended_on") ?? "")
        case .reopened: command = .reopen(id: id, reason: str("reason") ?? "")
        case .voided: command = .void(id: id, reason: str("reason") ?? "")
        case .restored: command = .restore(id: id, reason: str("reason") ?? "")
        case .documentIssued:
            if let e = mustBeString(["form", "format"]) { return e }
            guard let form = str("form").flatMap(DocumentForm.init(rawValue:)) else {
                return Self.rule("form", "\(Validator.quote(str("form") ?? "")) is not a form; allowed: \(DocumentForm.allCases.map(\.rawValue).joined(separator: ", "))",
                                 "\(Validator.quote(str("form") ?? "")) 不是文书，可选：\(DocumentForm.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            // The number and year are the ones the program hands out at this point of the file.
            command = .issueDocument(id: id, form: form, format: str("format") ?? "")
        case .screening:
            if let e = mustBeString(["date", "villages", "unit", "note"]) { return e }
            guard let found = d["found"]?.intValue else { return Self.rule("found", "must be a whole number", "应为整数") }
            command = .screening(date: str("date") ?? "", villages: str("villages") ?? "", found: String(found), unit: str("unit") ?? "", note: str("note"))
        }
        let made: [PendingEvent]
        let madeID: CaseID?
        do {
            (made, madeID, _) = try events(for: command, today: today)
        } catch {
            return error
        }
        if type == .opened, let madeID, let stored = r.caseID.flatMap(CaseID.init) {
            if stored.kind != madeID.kind || stored.year != madeID.year {
                return Self.rule("case", "\(stored) is not numbered by its date: a \(madeID.kind.rawValue) dated in \(madeID.year) is numbered \(madeID.kind.prefix)-\(madeID.year)-…",
                                 "\(stored) 与受理日期不符：\(madeID.year) 年的案件应编为 \(madeID.kind.prefix)-\(madeID.year)-…")
            }
        }
        guard let event = made.first(where: { $0.type == r.type }) else { return nil }
        return Self.compare(stored: d, made: event.data)
    }

    /// Folds the event at `index` of `batch`, counting it in ``flaggedLines`` first when the
    /// audit finds fault with its line (when the batch's decoder kept records; see
    /// ``EventDecoder/init(source:keepsRecords:)``). The open stays lenient: the line is folded
    /// as written either way.
    public mutating func applyAudited(_ batch: EventBatch, _ index: Int, today: BusinessDate) throws(LineDefect) {
        let event = batch.take(index)
        if let r = batch.record(index), audit(r, today: today) != nil { flaggedLines += 1 }
        try apply(event)
    }

    /// `at`, `op` and the case id's form.
    static func auditEnvelope(_ r: LogRecord) -> ValidationError? {
        if !isTimestamp(r.at) {
            return rule("at", "\(Validator.quote(r.at)) is not a time stamp such as 2024-03-05T09:12:33.120+08:00",
                        "\(Validator.quote(r.at)) 不是时间戳（如 2024-03-05T09:12:33.120+08:00）")
        }
        let op = r.op.trimmingCharacters(in: .whitespaces)
        if op.isEmpty { return rule("op", "the operator is empty", "操作人为空") }
        if r.op.count > Schema.maximumOperatorLength {
            return rule("op", "the operator's name is \(r.op.count) characters long; at most \(Schema.maximumOperatorLength) allowed",
                        "操作人姓名过长（\(r.op.count) 字），最多 \(Schema.maximumOperatorLength) 字")
        }
        if let c = r.caseID, let id = CaseID(c), id.description != c {
            return rule("case", "\(Validator.quote(c)) is not written as the program writes ids (\(id))", "\(Validator.quote(c)) 的写法不规范（应为 \(id)）")
        }
        return nil
    }

    /// A consultation closed `to_mediation`: its mediation's line comes first and names it.
    func auditToMediation(_ r: LogRecord, today: BusinessDate) -> ValidationError? {
        guard let id = r.caseID.flatMap(CaseID.init), let c = cases[id] else { return nil }
        if c.kind != .consultation { return Self.rule("outcome", "to_mediation is an outcome of consultations only", "to_mediation 只适用于法律咨询") }
        if c.status != .open { return Self.rule("outcome", "\(id) is not open", "\(id) 不在办理中") }
        guard let closedOn = r.data["closed_on"]?.stringValue.flatMap(BusinessDate.parseISO), closedOn >= c.date, closedOn <= today else {
            return Self.rule("closed_on", "must be a real date between the case's date and today", "应为受理日期与今天之间的有效日期")
        }
        guard let m = r.data["linked_case"]?.stringValue.flatMap(CaseID.init), let med = cases[m], med.kind == .mediation,
              med["from_case"] == id.description else {
            return Self.rule("linked_case", "must name the mediation opened from \(id) on the line before", "应为前一行由 \(id) 转来的调解案件")
        }
        return nil
    }

    /// Differences between the payload stored and the one the program makes from it.
    static func compare(stored: JSONValue, made: JSONValue) -> ValidationError? {
        // `source` (where an imported case came from) is written by the import beside the
        // opening command's own members; the command rebuilt here has no file to name.
        let storedPairs = (stored.objectPairs ?? []).filter { $0.0 != "source" }, madePairs = made.objectPairs ?? []
        for (k, v) in madePairs where k != "fields" {
            guard let s = stored[k] else { return rule(k, "is missing", "缺失") }
            if s != v { return rule(k, "is stored as \(shown(s)); the program writes \(shown(v))", "存为 \(shown(s))，程序应写为 \(shown(v))") }
        }
        for (k, _) in storedPairs where made[k] == nil && k != "fields" {
            return rule(k, "is not a member of this event", "不是此类事件的成员")
        }
        let sf = stored["fields"]?.stringDictionary ?? [:], mf = made["fields"]?.stringDictionary ?? [:]
        for k in Set(sf.keys).union(mf.keys).sorted() where sf[k] != mf[k] {
            switch (sf[k], mf[k]) {
            case let (s?, m?): return rule(k, "is stored as \(Validator.quote(s)); the program writes \(Validator.quote(m))", "存为 \(Validator.quote(s))，程序应写为 \(Validator.quote(m))")
            case (nil, _?): return rule(k, "is missing", "缺失")
            default: return rule(k, "does not change anything or is not recorded here", "未改变任何内容或不应记录在此")
            }
        }
        return nil
    }

    static func shown(_ v: JSONValue) -> String {
        if let s = v.stringValue { return Validator.quote(s) }
        return Escaping.visible(v.jsonText)
    }

    static func rule(_ field: String, _ en: String, _ zh: String) -> ValidationError {
        ValidationError(field: field, value: nil, zh: "\(field)：\(zh)", en: "\(field): \(en)")
    }

    /// Exactly `YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM` with a real date and time.
    static func isTimestamp(_ text: String) -> Bool {
        let b = Array(text.utf8)
        guard b.count == 25 || b.count == 29 else { return false }
        let tz = b.count == 29 ? 23 : 19
        func num(_ at: Int, _ n: Int) -> Int? {
            var v = 0
            for i in at..<(at + n) { guard b[i] >= 48, b[i] <= 57 else { return nil }; v = v * 10 + Int(b[i] - 48) }
            return v
        }
        guard b[10] == 84, b[13] == 58, b[16] == 58, b[tz] == 43 || b[tz] == 45, b[tz + 3] == 58,
              b.count == 25 || (b[19] == 46 && num(20, 3) != nil),
              let h = num(11, 2), h < 24, let mi = num(14, 2), mi < 60, let s = num(17, 2), s < 61,
              let oh = num(tz + 1, 2), oh <= 14, let om = num(tz + 4, 2), om < 60 else { return false }
        return BusinessDate.parseISO(String(decoding: b[0..<10], as: UTF8.self)) != nil
    }
}
