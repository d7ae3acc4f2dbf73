import TaizhangLog

/// The documents a case can issue (the forms of a mediation file and a petition's notices).
///
/// Their content and layout live in the documents module; the ledger knows their keys, titles,
/// which cases they fit, and how they are numbered, because a document's number is handed out
/// under the ledger's lock like a case id.
public enum DocumentForm: String, Sendable, CaseIterable, Hashable {
    /// 人民调解受理登记表.
    case registration
    /// 当事人权利义务告知书.
    case rights
    /// 人民调解协议书.
    case agreement
    /// 人民调解回访记录.
    case followup
    /// 信访事项受理告知书.
    case acceptance
    /// 信访事项不予受理告知书.
    case refusal
    /// 信访事项处理意见书.
    case reply

    /// The document's title.
    public var title: Localized {
        switch self {
        case .registration: return Localized("人民调解受理登记表", "mediation registration form")
        case .rights: return Localized("当事人权利义务告知书", "notice of the parties' rights and duties")
        case .agreement: return Localized("人民调解协议书", "mediation agreement")
        case .followup: return Localized("人民调解回访记录", "follow-up visit record")
        case .acceptance: return Localized("信访事项受理告知书", "notice of acceptance")
        case .refusal: return Localized("信访事项不予受理告知书", "notice of non-acceptance")
        case .reply: return Localized("信访事项处理意见书", "petition decision")
        }
    }

    /// The kind of case it is issued from.
    public var caseKind: CaseKind {
        switch self {
        case .registration, .rights, .agreement, .followup: return .mediation
        case .acceptance, .refusal, .reply: return .petition
        }
    }

    /// The numbering series: the forms of one mediation file share the file's number; each
    /// petition notice has a series of its own.
    public var series: DocumentSeries {
        switch self {
        case .registration, .rights, .agreement, .followup: return .mediation
        case .acceptance: return .acceptance
        case .refusal: return .refusal
        case .reply: return .reply
        }
    }

    /// The forms of `kind`, in the order they go into the case file.
    public static func forms(of kind: CaseKind) -> [DocumentForm] { allCases.filter { $0.caseKind == kind } }

    /// Why this form cannot be issued from `c` now, or nil when it can.
    public func unfitReason(_ c: CaseRecord) -> ValidationError? {
        func reject(_ zh: String, _ en: String) -> ValidationError {
            ValidationError(field: "form", value: rawValue, zh: "\(c.id)：不能出具\(title.zh)，\(zh)", en: "\(c.id): cannot issue a \(title.en); \(en)")
        }
        guard c.kind == caseKind else {
            let list = DocumentForm.forms(of: c.kind).map { "\($0.rawValue)（\($0.title.zh)）" }.joined(separator: "、")
            return reject("它是\(caseKind.label.zh)的文书；\(c.kind.label.zh)可出具：\(list.ifEmpty("无"))",
                          "it belongs to a \(caseKind.label.en); a \(c.kind.label.en) has: \(DocumentForm.forms(of: c.kind).map(\.rawValue).joined(separator: ", ").ifEmpty("none"))")
        }
        if c.status == .voided { return reject("案件已作废", "the case is voided") }
        switch self {
        case .registration, .rights:
            return nil
        case .agreement:
            guard c.outcome == "resolved", c["agreement"] == "written" else {
                return reject("协议书须在调解成功并达成书面协议（outcome=resolved，agreement=written）后出具",
                              "an agreement is issued once the mediation is resolved with a written agreement (outcome resolved, agreement written)")
            }
            return nil
        case .followup:
            guard c.outcome == "resolved", !c.followUps.isEmpty else {
                return reject("须先登记调解成功后的回访（followup）", "record a follow-up visit of the resolved mediation first")
            }
            return nil
        case .acceptance:
            if c.outcome == "not_accepted" { return reject("该信访件不予受理，应出具不予受理告知书（refusal）", "the petition was not accepted; issue the refusal instead") }
            return nil
        case .refusal:
            guard c.outcome == "not_accepted" else {
                return reject("须先以不予受理（not_accepted）结案并写明理由", "close the petition as not_accepted with its reason first")
            }
            return nil
        case .reply:
            guard c.outcome == "concluded" else {
                return reject("须先以办结（concluded）结案并写明办理结果", "close the petition as concluded with its result first")
            }
            return nil
        }
    }

    /// The forms `c` can issue now, in file order.
    public static func fitting(_ c: CaseRecord) -> [DocumentForm] {
        forms(of: c.kind).filter { $0.unfitReason(c) == nil }
    }
}

/// A numbering series of documents: each has its own counter per year.
public enum DocumentSeries: String, Sendable, CaseIterable {
    case mediation, acceptance, refusal, reply

    /// The series' word in the number (`人调` in （2024）青坨人调字第7号).
    public var word: String {
        switch self {
        case .mediation: return "人调"
        case .acceptance: return "信受"
        case .refusal: return "信不受"
        case .reply: return "信处"
        }
    }
}

/// A document's number: series, year and sequence, e.g. （2024）青坨人调字第7号.
public struct DocumentNumber: Sendable, Hashable {
    /// The series.
    public var series: DocumentSeries
    /// The year (that of the case's id).
    public var year: Int
    /// Sequence within series and year, from 1.
    public var number: Int

    /// Creates a number.
    public init(series: DocumentSeries, year: Int, number: Int) {
        self.series = series
        self.year = year
        self.number = number
    }

    /// The number as printed: `（2024）青坨人调字第7号`, with the town's short name.
    public func text(townShortName: String) -> String {
        "（\(year)）\(townShortName)\(series.word)字第\(number)号"
    }

    /// The short name of a town for document numbers: `青坨镇` -> `青坨` (a trailing 镇, 乡 or
    /// 街道 dropped).
    public static func shortName(town: String) -> String {
        for suffix in ["街道办事处", "街道", "镇", "乡"] where town.hasSuffix(suffix) && town.count > suffix.count {
            return String(town.dropLast(suffix.count))
        }
        return town
    }
}

/// A document issued from a case, as its event records it.
public struct IssuedDocument: Sendable, Equatable {
    /// The form (nil for a form this program does not know).
    public var form: DocumentForm?
    /// The form key as written.
    public var formKey: String
    /// Its number.
    public var year: Int
    /// Sequence within series and year.
    public var number: Int
    /// `docx` or `txt`, as written.
    public var format: String
    /// The event's timeline entry (who issued it and when).
    public var entry: TimelineEntry
}

extension CaseRecord {
    /// The documents issued from this case, oldest first (read from the ledger file).
    public var issuedDocuments: [IssuedDocument] {
        timeline.compactMap { e in
            guard e.eventType == .documentIssued else { return nil }
            let d = e.data
            guard let key = d["form"]?.stringValue, let year = d["year"]?.intValue, let number = d["number"]?.intValue else { return nil }
            return IssuedDocument(form: DocumentForm(rawValue: key), formKey: key, year: year, number: number,
                                  format: d["format"]?.stringValue ?? "", entry: e)
        }
    }

    /// The clocks that documents answer (after the kind's own clocks in ``clocks``): a
    /// petition's written notice within 15 days of `date`, done on the date the first
    /// acceptance or refusal notice issued bears; a written agreement's 30-day window for
    /// judicial confirmation, done on `confirmation_date`. Neither makes a case overdue.
    var documentClocks: [Clock] {
        switch kind {
        case .petition:
            let notice = issuedDocuments.first { $0.form == .acceptance || $0.form == .refusal }
            let done = notice.map { $0.form == .refusal ? (closedOn ?? acceptedOn) : acceptedOn }
            return [Clock(purpose: .notice, due: date.adding(days: Schema.petitionAcceptanceDays), binding: false, doneOn: done)]
        case .mediation:
            guard let due = confirmationDue else { return [] }
            return [Clock(purpose: .confirmation, due: due, binding: false, doneOn: BusinessDate.parseISO(self["confirmation_date"]))]
        default:
            return []
        }
    }

    /// The last day the parties may apply for judicial confirmation: 30 days after a written
    /// agreement took effect (its `closed_on`); nil unless the mediation is resolved in writing.
    public var confirmationDue: BusinessDate? {
        guard kind == .mediation, outcome == "resolved", self["agreement"] == "written", let d = closedOn else { return nil }
        return d.adding(days: Schema.confirmationWindowDays)
    }
}

extension LedgerState {
    /// The number `form` has, or will get, on `c`.
    ///
    /// Numbering rule: a series (``DocumentSeries``) counts per year of the case's id, in the
    /// order in which cases first issue a document of that series; a case keeps its number for
    /// every later document of the same series (a reprint, or the next form of a mediation
    /// file). `issued` says whether the number was already handed out.
    public func documentNumber(_ c: CaseRecord, form: DocumentForm) -> (number: DocumentNumber, issued: Bool) {
        let series = form.series
        for d in c.issuedDocuments where d.form?.series == series {
            return (DocumentNumber(series: series, year: d.year, number: d.number), true)
        }
        var highest = 0
        for r in records where r.kind == form.caseKind {
            for e in r.timeline where e.eventType == .documentIssued {
                let d = e.data
                guard let key = d["form"]?.stringValue, DocumentForm(rawValue: key)?.series == series,
                      d["year"]?.intValue == c.id.year, let n = d["number"]?.intValue else { continue }
                highest = max(highest, n)
            }
        }
        return (DocumentNumber(series: series, year: c.id.year, number: highest + 1), false)
    }

    /// The event recording that `form` was issued from `c` as `format`.
    func documentEvent(_ c: CaseRecord, form: DocumentForm, format: String) throws(ValidationError) -> PendingEvent {
        if let why = form.unfitReason(c) { throw why }
        guard ["docx", "txt"].contains(format) else {
            throw ValidationError(field: "format", value: format, zh: "文书格式（format）：\(Validator.quote(format)) 无效，可选：docx、txt",
                                  en: "format: \(Validator.quote(format)) is not valid; allowed: docx, txt")
        }
        let n = documentNumber(c, form: form).number
        let data = JSONValue.object([("form", .string(form.rawValue)), ("year", .int(n.year)), ("number", .int(n.number)),
                                     ("format", .string(format))])
        return PendingEvent(type: EventType.documentIssued.rawValue, caseID: c.id.description, data: data)
    }

    /// Judicial confirmation (`confirmation`, `confirmation_date`) is recorded together, for a
    /// mediation resolved with a written agreement, dated between the agreement and today.
    func checkConfirmation(_ fields: [String: String], existing: CaseRecord?, today: BusinessDate) throws(ValidationError) {
        let state = fields["confirmation"] ?? "", day = fields["confirmation_date"] ?? ""
        if state.isEmpty && day.isEmpty { return }
        // Unchanged values are not judged again (a reopened case keeps what it recorded).
        if let c = existing, c["confirmation"] == state, c["confirmation_date"] == day { return }
        if state.isEmpty || day.isEmpty {
            throw ValidationError(field: state.isEmpty ? "confirmation" : "confirmation_date", value: nil,
                                  zh: "司法确认（confirmation）与司法确认日期（confirmation_date）须一并填写",
                                  en: "confirmation and confirmation_date are given together")
        }
        guard let c = existing, c.outcome == "resolved", c["agreement"] == "written", let agreed = c.closedOn else {
            throw ValidationError(field: "confirmation", value: state,
                                  zh: "司法确认（confirmation）：只适用于调解成功并达成书面协议的案件，请在结案后填写",
                                  en: "confirmation: only for a mediation resolved with a written agreement; record it after closing")
        }
        let d = BusinessDate.parseISO(day)!
        if d < agreed || d > today {
            throw ValidationError(field: "confirmation_date", value: day,
                                  zh: "司法确认日期（confirmation_date）：\(d) 应在协议日期 \(agreed) 与今天 \(today) 之间",
                                  en: "confirmation_date: \(d) must lie between the agreement's date \(agreed) and today (\(today))")
        }
    }
}
