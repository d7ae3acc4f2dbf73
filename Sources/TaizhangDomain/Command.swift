import TaizhangLog
import TaizhangTerminalCore

/// A field value as typed (`--set key=value`, a form field).
public struct FieldInput: Sendable, Equatable {
    /// Field key.
    public var key: String
    /// Value as typed.
    public var value: String
    /// Creates an input.
    public init(_ key: String, _ value: String) {
        self.key = key
        self.value = value
    }

    /// Parses `key=value`.
    public static func parse(_ text: String) throws(ValidationError) -> FieldInput {
        guard let eq = text.firstIndex(of: "="), eq != text.startIndex else {
            throw ValidationError(field: "--set", value: text, zh: "--set 的格式应为 键=值，如 village=东村：\(Validator.quote(text))",
                                  en: "--set expects key=value, e.g. village=东村; got \(Validator.quote(text))")
        }
        return FieldInput(String(text[..<eq]).trimmingCharacters(in: .whitespaces), String(text[text.index(after: eq)...]))
    }
}

/// Something a user asks the ledger to do. The CLI and the TUI both end here.
public enum Command: Sendable, Equatable {
    /// Open a new case.
    case open(kind: CaseKind, fields: [FieldInput])
    /// Change fields of a case.
    case update(id: String, fields: [FieldInput])
    /// Change fields of a case made against a known version of it (see ``CaseEdit``).
    case edit(CaseEdit)
    /// Add a note.
    case note(id: String, text: String)
    /// Record an outcome; `fields` may hold the outcome's fields, `closed_on` and other fields.
    case close(id: String, outcome: String, fields: [FieldInput])
    /// Record a mediation follow-up visit.
    case followUp(id: String, date: String?, performed: String?, note: String?)
    /// Extend a petition's handling deadline.
    case extend(id: String, days: String, reason: String, on: String?)
    /// Open a closed case again.
    case reopen(id: String, reason: String)
    /// Mark a case entered in error.
    case void(id: String, reason: String)
    /// Undo a void.
    case restore(id: String, reason: String)
    /// Set a ledger setting.
    case setting(key: String, value: String)
    /// Record that a document was issued from a case (numbered here, under the lock).
    case issueDocument(id: String, form: DocumentForm, format: String)
    /// Record a round of dispute screening (0 found is a zero report).
    case screening(date: String?, villages: String, found: String, unit: String?, note: String?)
}

/// What a command produced.
public struct CommandResult: Sendable {
    /// The case the command acted on (the new id for `open`).
    public var caseID: CaseID?
    /// A case opened alongside (a mediation opened from a consultation).
    public var linkedCaseID: CaseID?
    /// The lines written.
    public var records: [LogRecord]
}

extension LedgerState {
    /// Checks `command` against the current state and returns the events that carry it out.
    ///
    /// Throws a ``ValidationError`` naming the field, the value and what is allowed.
    public func events(for command: Command, today: BusinessDate) throws(ValidationError) -> (events: [PendingEvent], caseID: CaseID?, linked: CaseID?) {
        switch command {
        case let .open(kind, inputs):
            var fields = try normalizedFields(inputs, kind: kind, today: today, forOpen: true)
            if fields["date"] == nil { fields["date"] = today.description }
            if fields["unit"] == nil, let u = settings["default_unit"] { fields["unit"] = u }
            if kind == .petition, fields["accepted_on"] == nil { fields["accepted_on"] = fields["date"] }
            try checkRequired(fields, kind: kind)
            try checkConsistency(fields, kind: kind, today: today, existing: nil)
            let date = BusinessDate.parseISO(fields["date"]!)!
            let id = nextID(kind: kind, year: date.year)
            let data = JSONValue.object([("kind", .string(kind.rawValue)), ("fields", .sortedObject(fields))])
            return ([PendingEvent(type: EventType.opened.rawValue, caseID: id.description, data: data)], id, nil)

        case let .update(idText, inputs):
            let c = try existingCase(idText, allowVoided: false)
            let given = try normalizedFields(inputs, kind: c.kind, today: today, forOpen: false)
            var changes: [String: String] = [:]
            for (k, v) in given where (c.fields[k] ?? "") != v { changes[k] = v }
            if changes.isEmpty {
                throw ValidationError(field: "", value: nil, zh: "\(c.id)：没有需要修改的内容（所给值与现值相同）",
                                      en: "\(c.id): nothing to change (the values given equal the current ones)")
            }
            var merged = c.fields.dictionary
            for (k, v) in changes { merged[k] = v.isEmpty ? nil : v }
            try checkRequired(merged, kind: c.kind)
            if let d = changes["date"], BusinessDate.parseISO(d)!.year != c.id.year {
                throw ValidationError(field: "date", value: d,
                                      zh: "受理日期（date）：\(Validator.quote(d)) 不在 \(c.id.year) 年，而案件编号 \(c.id) 已按该年编号；如确属录入错误，请作废后重新登记",
                                      en: "date: \(Validator.quote(d)) is not in \(c.id.year), the year in case id \(c.id); if it was entered wrongly, void the case and enter it again")
            }
            try checkConsistency(merged, kind: c.kind, today: today, existing: c)
            return ([PendingEvent(type: EventType.updated.rawValue, caseID: c.id.description,
                                  data: .object([("fields", .sortedObject(changes))]))], c.id, nil)

        case let .edit(edit):
            return try events(forEdit: edit, today: today)

        case let .note(idText, text):
            let c = try existingCase(idText, allowVoided: false)
            let t = try Validator.freeText(text, field: "note", label: Localized("备注", "note"), maxLength: Schema.maximumNoteLength)
            return ([PendingEvent(type: EventType.noted.rawValue, caseID: c.id.description, data: .object([("text", .string(t))]))], c.id, nil)

        case let .close(idText, outcomeKey, inputs):
            let c = try existingCase(idText, allowVoided: false)
            if c.status == .closed {
                throw ValidationError(field: "", value: nil,
                                      zh: "\(c.id) 已于 \(c.closedOn?.description ?? "") 结案（\(c.kind.outcome(c.outcome ?? "")?.label.zh ?? "")）；如需更改结果，请先重新打开（reopen）",
                                      en: "\(c.id) is already closed (\(c.outcome ?? "") on \(c.closedOn?.description ?? "")); reopen it first to record another outcome")
            }
            guard let outcome = c.kind.outcome(outcomeKey) else {
                let zhList = c.kind.outcomes.map { "\($0.key)（\($0.label.zh)）" }.joined(separator: "、")
                throw ValidationError(field: "outcome", value: outcomeKey,
                                      zh: "结案结果（outcome）：\(Validator.quote(outcomeKey)) 不是\(c.kind.label.zh)的结果，可选：\(zhList)",
                                      en: "outcome: \(Validator.quote(outcomeKey)) is not an outcome of a \(c.kind.label.en); allowed: \(c.kind.outcomes.map(\.key).joined(separator: ", "))")
            }
            var outcomeFields: [String: String] = [:]
            var otherInputs: [FieldInput] = []
            var closedOn = today
            for input in inputs {
                if input.key == "closed_on" {
                    let v = try Validator.normalize(input.value, for: Schema.closedOnField, today: today)
                    if !v.isEmpty { closedOn = BusinessDate.parseISO(v)! }
                } else if let spec = outcome.requiredFields.first(where: { $0.key == input.key }) {
                    outcomeFields[input.key] = try Validator.normalize(input.value, for: spec, today: today)
                } else if Schema.outcomeFields[input.key] != nil && c.kind.field(input.key) == nil {
                    throw ValidationError(field: input.key, value: input.value,
                                          zh: "\(input.key)：不属于结果“\(outcome.label.zh)”；该结果需要的字段：\(outcome.requiredFields.map(\.key).joined(separator: "、").ifEmpty("无"))",
                                          en: "\(input.key): does not belong to outcome \(outcome.key); it takes: \(outcome.requiredFields.map(\.key).joined(separator: ", ").ifEmpty("no fields"))")
                } else {
                    otherInputs.append(input)
                }
            }
            for spec in outcome.requiredFields where (outcomeFields[spec.key] ?? "").isEmpty {
                let allowed = spec.choices.isEmpty ? Localized("", "") :
                    Localized("，可选：" + spec.choices.map { "\($0.key)（\($0.label.zh)）" }.joined(separator: "、"),
                              "; allowed: " + spec.choices.map(\.key).joined(separator: ", "))
                throw ValidationError(field: spec.key, value: nil,
                                      zh: "结果“\(outcome.label.zh)”须填写\(spec.label.zh)（\(spec.key)）\(allowed.zh)",
                                      en: "outcome \(outcome.key) requires \(spec.key)\(allowed.en)")
            }
            if closedOn < c.date {
                throw ValidationError(field: "closed_on", value: closedOn.description,
                                      zh: "结案日期（closed_on）：\(closedOn) 早于受理日期 \(c.date)",
                                      en: "closed_on: \(closedOn) is before the case's date \(c.date)")
            }
            if closedOn > today {
                throw ValidationError(field: "closed_on", value: closedOn.description,
                                      zh: "结案日期（closed_on）：\(closedOn) 晚于今天 \(today)", en: "closed_on: \(closedOn) is after today (\(today))")
            }
            var changes = try normalizedFields(otherInputs, kind: c.kind, today: today, forOpen: false)
            changes = changes.filter { (c.fields[$0.key] ?? "") != $0.value }
            var merged = c.fields.dictionary
            for (k, v) in changes { merged[k] = v.isEmpty ? nil : v }
            try checkRequired(merged, kind: c.kind)
            try checkConsistency(merged, kind: c.kind, today: today, existing: c)

            var events: [PendingEvent] = []
            var linked: CaseID? = nil
            var data: [(String, JSONValue)] = [("outcome", .string(outcome.key)), ("closed_on", .string(closedOn.description))]
            var recorded = changes
            if outcome.key == "to_mediation" {
                var m: [String: String] = ["date": closedOn.description, "applicant": c["client"], "from_case": c.id.description,
                                           "respondent": outcomeFields["respondent"]!, "category": outcomeFields["category"]!]
                for k in ["unit", "village", "handler", "phone", "id_number", "summary"] { if let v = merged[k] { m[k] = v } }
                let mid = nextID(kind: .mediation, year: closedOn.year)
                linked = mid
                data.append(("linked_case", .string(mid.description)))
                // The mediation's line comes first: if a crash tears the second line, what stays is
                // a mediation naming its consultation and a consultation still open, never a
                // consultation pointing at a mediation that does not exist.
                events.append(PendingEvent(type: EventType.opened.rawValue, caseID: mid.description,
                                           data: .object([("kind", .string("mediation")), ("fields", .sortedObject(m))])))
                events.append(PendingEvent(type: EventType.closed.rawValue, caseID: c.id.description,
                                           data: .object(data + [("fields", .sortedObject(recorded))])))
                return (events, c.id, linked)
            }
            for (k, v) in outcomeFields { recorded[k] = v }
            events.append(PendingEvent(type: EventType.closed.rawValue, caseID: c.id.description,
                                       data: .object(data + [("fields", .sortedObject(recorded))])))
            return (events, c.id, nil)

        case let .followUp(idText, dateText, performed, note):
            let c = try existingCase(idText, allowVoided: false)
            guard c.kind == .mediation else {
                throw ValidationError(field: "", value: c.id.description, zh: "回访只适用于人民调解案件，\(c.id) 是\(c.kind.label.zh)",
                                      en: "follow-ups are for mediations only; \(c.id) is a \(c.kind.label.en)")
            }
            guard c.status == .closed, let closedOn = c.closedOn else {
                throw ValidationError(field: "", value: c.id.description, zh: "\(c.id) 尚未结案：回访应在调解结案后登记",
                                      en: "\(c.id) is still open: a follow-up is recorded after the mediation is closed")
            }
            let dateSpec = FieldSpec("date", "回访日期", "date", .date)
            let d = try Validator.normalize(dateText ?? "", for: dateSpec, today: today)
            let date = d.isEmpty ? today : BusinessDate.parseISO(d)!
            if date < closedOn || date > today {
                throw ValidationError(field: "date", value: date.description,
                                      zh: "回访日期（date）：\(date) 应在结案日期 \(closedOn) 与今天 \(today) 之间",
                                      en: "date: \(date) must lie between the closing date \(closedOn) and today (\(today))")
            }
            var data: [(String, JSONValue)] = [("date", .string(date.description))]
            if let p = performed, !p.isEmpty {
                let v = try Validator.normalize(p, for: FieldSpec("performed", "履行情况", "performed", .yesNo), today: today)
                data.append(("performed", .string(v)))
            }
            if let n = note, !n.trimmingCharacters(in: .whitespaces).isEmpty {
                data.append(("note", .string(try Validator.freeText(n, field: "note", label: Localized("备注", "note"), maxLength: Schema.maximumNoteLength))))
            }
            return ([PendingEvent(type: EventType.followedUp.rawValue, caseID: c.id.description, data: .object(data))], c.id, nil)

        case let .extend(idText, daysText, reason, onText):
            let c = try existingCase(idText, allowVoided: false)
            guard c.kind == .petition else {
                throw ValidationError(field: "", value: c.id.description, zh: "延期只适用于信访案件，\(c.id) 是\(c.kind.label.zh)",
                                      en: "extensions are for petitions only; \(c.id) is a \(c.kind.label.en)")
            }
            guard c.status == .open else {
                throw ValidationError(field: "", value: c.id.description, zh: "\(c.id) 已结案，不能延期", en: "\(c.id) is closed; only open petitions can be extended")
            }
            guard c.extensions.isEmpty else {
                throw ValidationError(field: "days", value: daysText, zh: "\(c.id) 已延期一次（\(c.extensions[0].days) 天），按规定只能延期一次",
                                      en: "\(c.id) was already extended once (\(c.extensions[0].days) days); only one extension is allowed")
            }
            guard let days = Int(daysText.trimmingCharacters(in: .whitespaces)), (1...Schema.petitionMaximumExtension).contains(days) else {
                throw ValidationError(field: "days", value: daysText, zh: "延期天数（days）：\(Validator.quote(daysText)) 无效，应为 1 至 \(Schema.petitionMaximumExtension) 的整数",
                                      en: "days: \(Validator.quote(daysText)) is not valid; expected a whole number from 1 to \(Schema.petitionMaximumExtension)")
            }
            let r = try Validator.freeText(reason, field: "reason", label: Localized("延期理由", "reason"), maxLength: Schema.maximumReasonLength)
            let onValue = try Validator.normalize(onText ?? "", for: FieldSpec("extended_on", "延期日期", "extended on", .date), today: today)
            let on = onValue.isEmpty ? today : BusinessDate.parseISO(onValue)!
            if on < c.date || on > today {
                throw ValidationError(field: "extended_on", value: on.description,
                                      zh: "延期日期（extended_on）：\(on) 应在受理日期 \(c.date) 与今天 \(today) 之间",
                                      en: "extended_on: \(on) must lie between the case's date \(c.date) and today (\(today))")
            }
            // An extension is decided before the handling deadline runs out, not to excuse a
            // petition that is already late.
            let due = c.acceptedOn.adding(days: Schema.petitionHandlingDays)
            if on > due {
                throw ValidationError(field: "extended_on", value: on.description,
                                      zh: "延期日期（extended_on）：\(on) 已过办理期限 \(due)，延期须在期限届满前决定",
                                      en: "extended_on: \(on) is after the handling deadline \(due); an extension must be decided before it runs out")
            }
            return ([PendingEvent(type: EventType.extended.rawValue, caseID: c.id.description,
                                  data: .object([("days", .int(days)), ("reason", .string(r)), ("extended_on", .string(on.description))]))], c.id, nil)

        case let .reopen(idText, reason):
            let c = try existingCase(idText, allowVoided: false)
            guard c.status == .closed else {
                throw ValidationError(field: "", value: c.id.description, zh: "\(c.id) 未结案，无需重新打开", en: "\(c.id) is not closed; only a closed case can be reopened")
            }
            let r = try Validator.freeText(reason, field: "reason", label: Localized("重新打开理由", "reason"), maxLength: Schema.maximumReasonLength)
            return ([PendingEvent(type: EventType.reopened.rawValue, caseID: c.id.description, data: .object([("reason", .string(r))]))], c.id, nil)

        case let .void(idText, reason):
            let c = try existingCase(idText, allowVoided: false)
            let r = try Validator.freeText(reason, field: "reason", label: Localized("作废理由", "reason"), maxLength: Schema.maximumReasonLength)
            return ([PendingEvent(type: EventType.voided.rawValue, caseID: c.id.description, data: .object([("reason", .string(r))]))], c.id, nil)

        case let .restore(idText, reason):
            let c = try existingCase(idText, allowVoided: true)
            guard c.status == .voided else {
                throw ValidationError(field: "", value: c.id.description, zh: "\(c.id) 未作废，无需恢复", en: "\(c.id) is not voided; only a voided case can be restored")
            }
            let r = try Validator.freeText(reason, field: "reason", label: Localized("恢复理由", "reason"), maxLength: Schema.maximumReasonLength)
            return ([PendingEvent(type: EventType.restored.rawValue, caseID: c.id.description, data: .object([("reason", .string(r))]))], c.id, nil)

        case let .issueDocument(idText, form, format):
            let c = try existingCase(idText, allowVoided: false)
            return ([try documentEvent(c, form: form, format: format)], c.id, nil)

        case let .screening(date, villages, found, unit, note):
            return ([try screeningEvent(date: date, villages: villages, found: found, unit: unit, note: note, today: today)], nil, nil)

        case let .setting(key, value):
            guard let spec = Schema.settings.first(where: { $0.key == key }) else {
                throw ValidationError(field: key, value: value, zh: "未知设置项：\(Validator.quote(key))，可设置：\(Schema.settings.map(\.key).joined(separator: "、"))",
                                      en: "unknown setting \(Validator.quote(key)); known: \(Schema.settings.map(\.key).joined(separator: ", "))")
            }
            let v = try Validator.normalize(value, for: spec, today: today)
            return ([PendingEvent(type: EventType.setting.rawValue, caseID: nil, data: .object([("key", .string(key)), ("value", .string(v))]))], nil, nil)
        }
    }

    // MARK: - Helpers

    func existingCase(_ text: String, allowVoided: Bool) throws(ValidationError) -> CaseRecord {
        guard let id = CaseID(text.trimmingCharacters(in: .whitespaces)) else {
            throw ValidationError(field: "id", value: text, zh: "案件编号 \(Validator.quote(text)) 格式不对，应如 M-2024-0007",
                                  en: "case id \(Validator.quote(text)) is not valid; expected e.g. M-2024-0007")
        }
        guard let c = cases[id] else {
            throw ValidationError(field: "id", value: text, zh: "找不到案件 \(id)", en: "no case \(id) in this ledger")
        }
        if c.status == .voided && !allowVoided {
            throw ValidationError(field: "id", value: text,
                                  zh: "\(id) 已作废（\(Escaping.visible(c.voidReason ?? ""))），不能再操作；如作废有误，可用 restore 恢复",
                                  en: "\(id) is voided (\(Escaping.visible(c.voidReason ?? ""))) and cannot be changed; use restore if voiding was a mistake")
        }
        return c
    }

    func normalizedFields(_ inputs: [FieldInput], kind: CaseKind, today: BusinessDate, forOpen: Bool) throws(ValidationError) -> [String: String] {
        var out: [String: String] = [:]
        for input in inputs {
            guard let spec = kind.field(input.key) else {
                if Schema.outcomeFields[input.key] != nil {
                    throw ValidationError(field: input.key, value: input.value,
                                          zh: "\(input.key)：属于结案结果，请在结案（close）时填写",
                                          en: "\(input.key): belongs to an outcome; give it when closing the case")
                }
                let keys = kind.fields.map(\.key)
                throw ValidationError(field: input.key, value: input.value,
                                      zh: "未知字段 \(Validator.quote(input.key))：\(kind.label.zh)的字段有 \(keys.joined(separator: "、"))",
                                      en: "unknown field \(Validator.quote(input.key)) for a \(kind.label.en); fields: \(keys.joined(separator: ", "))")
            }
            if out[input.key] != nil {
                throw ValidationError(field: input.key, value: input.value, zh: "字段 \(input.key) 给了两次", en: "field \(input.key) is given twice")
            }
            var v = try Validator.normalize(input.value, for: spec, today: today)
            if case .screeningRef = spec.type, !v.isEmpty { v = try resolveScreening(v, today: today) }
            if forOpen && v.isEmpty { continue }
            out[input.key] = v
        }
        return out
    }

    func checkRequired(_ fields: [String: String], kind: CaseKind) throws(ValidationError) {
        for spec in kind.fields where spec.required && (fields[spec.key] ?? "").isEmpty {
            let allowed = spec.choices.isEmpty ? Localized("", "") :
                Localized("，可选：" + spec.choices.map { "\($0.key)（\($0.label.zh)）" }.joined(separator: "、"),
                          "; allowed: " + spec.choices.map(\.key).joined(separator: ", "))
            throw ValidationError(field: spec.key, value: nil,
                                  zh: "缺少必填字段：\(spec.label.zh)（\(spec.key)）\(allowed.zh)",
                                  en: "missing required field \(spec.key) (\(spec.label.en))\(allowed.en)")
        }
    }

    func checkConsistency(_ fields: [String: String], kind: CaseKind, today: BusinessDate, existing: CaseRecord?) throws(ValidationError) {
        // A stored value is taken as written, so the case's date may not be a real one (an
        // edited or damaged file): that is said, never trapped on.
        guard let date = BusinessDate.parseISO(fields["date"] ?? "") else {
            let stored = fields["date"] ?? ""
            throw ValidationError(field: "date", value: stored,
                                  zh: "受理日期（date）：记录中的 \(Validator.quote(stored)) 不是有效日期；请先用 update --set date=YYYY-MM-DD 更正",
                                  en: "date: the stored \(Validator.quote(stored)) is not a real date; correct it first with update --set date=YYYY-MM-DD")
        }
        if date > today && existing?.date != date {
            throw ValidationError(field: "date", value: date.description, zh: "受理日期（date）：\(date) 晚于今天 \(today)",
                                  en: "date: \(date) is after today (\(today))")
        }
        if let a = fields["accepted_on"].flatMap(BusinessDate.parseISO), a < date || a > today {
            throw ValidationError(field: "accepted_on", value: a.description,
                                  zh: "受理告知日期（accepted_on）：\(a) 应在受理日期 \(date) 与今天 \(today) 之间",
                                  en: "accepted_on: \(a) must lie between the petition's date \(date) and today (\(today))")
        }
        if let r = fields["repeat_of"], let rid = CaseID(r) {
            guard let target = cases[rid] else {
                throw ValidationError(field: "repeat_of", value: r, zh: "重复信访（repeat_of）：找不到信访件 \(rid)", en: "repeat_of: no petition \(rid) in this ledger")
            }
            if rid == existing?.id || target.date > date {
                throw ValidationError(field: "repeat_of", value: r, zh: "重复信访（repeat_of）：\(rid) 应为本件之前的信访件",
                                      en: "repeat_of: \(rid) must be an earlier petition than this one")
            }
        }
        if let f = fields["from_case"], let fid = CaseID(f), cases[fid] == nil {
            throw ValidationError(field: "from_case", value: f, zh: "来源咨询（from_case）：找不到咨询件 \(fid)", en: "from_case: no consultation \(fid) in this ledger")
        }
        try checkConfirmation(fields, existing: existing, today: today)
        try checkScreening(fields, date: date, existing: existing)
    }
}

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
