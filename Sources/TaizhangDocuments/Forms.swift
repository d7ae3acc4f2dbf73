import TaizhangDomain

/// What every form takes from the ledger besides its case: the town, the issuing body and the
/// document's number.
public struct FormContext: Sendable, Equatable {
    /// The town (setting `town`), e.g. 青坨镇.
    public var town: String
    /// The body that issues the document: the town's people's mediation committee for the
    /// mediation file, the public-security office (setting `office_name`) for petitions.
    public var issuer: String
    /// The document number as printed.
    public var number: String

    /// Creates a context.
    public init(town: String, issuer: String, number: String) {
        self.town = town
        self.issuer = issuer
        self.number = number
    }

    /// The context of `form` on `c` with `number`, from the ledger's settings.
    public init(settings: [String: String], form: DocumentForm, number: DocumentNumber) {
        let town = settings["town"] ?? ""
        let issuer: String
        switch form.caseKind {
        case .petition: issuer = settings["office_name"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(town)公共安全办"
        default: issuer = "\(town)人民调解委员会"
        }
        self.init(town: town, issuer: issuer, number: number.text(townShortName: DocumentNumber.shortName(town: town)))
    }
}

/// A party as the forms show it: role, name and what the ledger knows of them.
public struct Party: Sendable, Equatable {
    /// 申请人 or 被申请人.
    public var role: String
    /// Name.
    public var name: String
    /// Village or community, when recorded.
    public var village: String
    /// Phone number, when recorded.
    public var phone: String
    /// ID number, when recorded.
    public var idNumber: String

    /// What is known of the party, as lines (unknown details left as lines to write on):
    /// address and phone, then the ID number.
    public var detailLines: [String] {
        ["住址：\(DocumentText.orBlank(village))　联系电话：\(DocumentText.orBlank(phone))", "身份证号：\(DocumentText.orBlank(idNumber))"]
    }

    /// The applicant and respondents of a mediation. The case's village, phone and ID number
    /// are the applicant's (the person at the desk); respondents' details are left to fill in.
    static func of(mediation c: CaseRecord) -> [Party] {
        let applicants = DocumentText.parties(c["applicant"]).enumerated().map { i, name in
            Party(role: "申请人", name: name, village: c["village"], phone: i == 0 ? c["phone"] : "", idNumber: i == 0 ? c["id_number"] : "")
        }
        let respondents = DocumentText.parties(c["respondent"]).map { Party(role: "被申请人", name: $0, village: "", phone: "", idNumber: "") }
        return applicants + respondents
    }
}

/// A form: a model filled from a case, laid out as blocks.
public protocol CaseForm: Sendable {
    /// Which form this is.
    static var form: DocumentForm { get }
    /// The form filled from `c`.
    init(case c: CaseRecord, context: FormContext)
    /// Its layout.
    var layout: DocumentLayout { get }
}

func choiceLabel(_ c: CaseRecord, _ key: String) -> String {
    let v = c[key]
    return (c.kind.field(key) ?? Schema.outcomeFields[key])?.displayValue(v, .zh) ?? v
}

// MARK: - The mediation file

/// 人民调解受理登记表: the registration of a mediation, as a table.
public struct RegistrationForm: CaseForm {
    public static let form = DocumentForm.registration
    public var context: FormContext
    public var caseID: String
    public var received: String
    public var parties: [Party]
    public var category: String
    public var source: String
    public var people: String
    public var amount: String
    public var summary: String
    public var mediator: String
    public var handler: String

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        caseID = c.id.description
        received = DocumentText.date(c.date)
        parties = Party.of(mediation: c)
        category = choiceLabel(c, "category")
        source = choiceLabel(c, "source")
        people = c["people"]
        amount = c["amount"]
        summary = c["summary"]
        mediator = c["mediator"]
        handler = c["handler"]
    }

    public var layout: DocumentLayout {
        typealias C = DocumentLayout.Cell
        var rows: [[C]] = [
            [.label("案件编号"), C(caseID), .label("受理日期"), C(received)],
        ]
        for p in parties {
            rows.append([.label(p.role), C(([p.name] + p.detailLines).joined(separator: "\n"), span: 3)])
        }
        rows += [
            [.label("纠纷类型"), C(category), .label("纠纷来源"), C(source)],
            [.label("涉及人数"), C(people.isEmpty ? "" : "\(people)人"), .label("涉及金额"), C(amount.isEmpty ? "" : "\(amount)元")],
            [.label("纠纷简要情况"), C(summary.isEmpty ? "\n\n\n" : summary, span: 3)],
            [.label("受理意见"), C("经审查，该纠纷属于人民调解范围，当事人自愿申请（同意）调解，予以受理。", span: 3)],
            [.label("调解员"), C(mediator), .label("登记人"), C(handler)],
        ]
        return DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: [
            .table(columns: [2, 3, 2, 3], rows: rows),
            .space(lines: 1),
            .signatures(["申请人（签名）：", "登记人（签名）："]),
            .seal(issuer: context.issuer, date: received),
        ])
    }
}

/// 当事人权利义务告知书: the parties' rights and duties in mediation (人民调解法 Arts. 23, 24).
public struct RightsNotice: CaseForm {
    public static let form = DocumentForm.rights
    public var context: FormContext
    public var parties: [Party]
    public var date: String

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        parties = Party.of(mediation: c)
        date = DocumentText.date(c.date)
    }

    public var layout: DocumentLayout {
        let addressed = parties.map { "\($0.role)\($0.name)" }.joined(separator: "、")
        var blocks: [DocumentLayout.Block] = [
            .paragraph("\(addressed)：", indent: false),
            .paragraph("根据《中华人民共和国人民调解法》的规定，人民调解委员会调解民间纠纷，遵循当事人自愿、平等，不违背法律、法规和国家政策，尊重当事人权利的原则。现将你们在调解活动中享有的权利和承担的义务告知如下：", indent: true),
            .heading("一、当事人享有下列权利"),
            .paragraph("（一）选择或者接受人民调解员；", indent: true),
            .paragraph("（二）接受调解、拒绝调解或者要求终止调解；", indent: true),
            .paragraph("（三）要求调解公开进行或者不公开进行；", indent: true),
            .paragraph("（四）自主表达意愿、自愿达成调解协议。", indent: true),
            .heading("二、当事人承担下列义务"),
            .paragraph("（一）如实陈述纠纷事实；", indent: true),
            .paragraph("（二）遵守调解现场秩序，尊重人民调解员；", indent: true),
            .paragraph("（三）尊重对方当事人行使权利。", indent: true),
            .paragraph("经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。调解协议生效后，双方当事人认为有必要的，可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。", indent: true),
            .paragraph("以上内容，本人已经知悉。", indent: true),
        ]
        blocks.append(.signatures(parties.map { "\($0.role)（签名）：" }))
        blocks.append(.seal(issuer: context.issuer, date: date))
        return DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: blocks)
    }
}

/// 人民调解协议书: the parties, the dispute's facts, the agreed terms, how and by when they are
/// carried out, the number of copies, and the lines to sign and seal.
public struct AgreementForm: CaseForm {
    public static let form = DocumentForm.agreement
    public var context: FormContext
    public var parties: [Party]
    public var category: String
    public var facts: String
    public var terms: String
    public var performance: String
    /// One for each party and one for the committee.
    public var copies: Int
    public var mediator: String
    public var date: String
    /// The judicial confirmation as recorded (`已确认（2024年3月1日）`), empty when none.
    public var confirmation: String

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        parties = Party.of(mediation: c)
        category = choiceLabel(c, "category")
        facts = c["summary"]
        terms = c["terms"]
        performance = c["performance"]
        copies = parties.count + 1
        mediator = c["mediator"].isEmpty ? c["handler"] : c["mediator"]
        date = DocumentText.date(c.closedOn)
        confirmation = c["confirmation"].isEmpty ? "" : "\(choiceLabel(c, "confirmation"))（\(DocumentText.date(c["confirmation_date"]))）"
    }

    public var layout: DocumentLayout {
        var blocks: [DocumentLayout.Block] = []
        for p in parties {
            blocks.append(.field(label: "当事人（\(p.role)）", value: p.name))
            for line in p.detailLines { blocks.append(.paragraph(line, indent: true)) }
        }
        blocks.append(.heading("纠纷主要事实、争议事项："))
        blocks.append(.paragraph((facts.isEmpty ? "" : facts + "。") + "纠纷类型：\(category)。", indent: true))
        blocks.append(.paragraph("经本委员会调解，当事人自愿达成如下协议：", indent: true))
        if terms.isEmpty {
            blocks.append(.space(lines: 4))
        } else {
            for line in terms.split(separator: "\n") { blocks.append(.paragraph(String(line), indent: true)) }
        }
        blocks.append(.field(label: "履行方式、时限", value: performance))
        blocks.append(.paragraph("本协议一式\(Self.chineseCount(copies))份，当事人各执一份，人民调解委员会留存一份。本协议自各方当事人签名（盖章或者按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。", indent: true))
        blocks.append(.paragraph("双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认（《中华人民共和国人民调解法》第三十三条）。", indent: true))
        if !confirmation.isEmpty { blocks.append(.field(label: "司法确认", value: confirmation)) }
        blocks.append(.space(lines: 1))
        blocks.append(.signatures(parties.map { "\($0.role)（签名/按指印）：" } + ["人民调解员（签名）：\(mediator)"]))
        blocks.append(.seal(issuer: context.issuer, date: date))
        return DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: blocks)
    }

    /// 一 to 十 for small counts, digits beyond.
    static func chineseCount(_ n: Int) -> String {
        let words = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        return (0...10).contains(n) ? words[n] : String(n)
    }
}

/// 人民调解回访记录: the follow-up visits of a resolved mediation.
public struct FollowUpRecord: CaseForm {
    public static let form = DocumentForm.followup
    public var context: FormContext
    public var parties: [Party]
    public var agreed: String
    public var agreement: String
    public var visitor: String
    /// Each visit: date, performed or not, note.
    public var visits: [(date: String, performed: String, note: String)]

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        parties = Party.of(mediation: c)
        agreed = DocumentText.date(c.closedOn)
        agreement = choiceLabel(c, "agreement")
        visitor = c["mediator"].isEmpty ? c["handler"] : c["mediator"]
        visits = c.followUps.map { f in
            (DocumentText.date(f.date), f.performed.map { $0 == "yes" ? "已按协议履行" : "未按协议履行" } ?? "未记录", f.note ?? "")
        }
    }

    public var layout: DocumentLayout {
        typealias C = DocumentLayout.Cell
        var rows: [[C]] = [
            [.label("当事人"), C(parties.map { "\($0.name)（\($0.role)）" }.joined(separator: "\n"), span: 3)],
            [.label("协议日期"), C(agreed), .label("协议形式"), C(agreement)],
        ]
        for (i, v) in visits.enumerated() {
            let title = visits.count > 1 ? "第\(AgreementForm.chineseCount(i + 1))次回访" : "回访日期"
            rows.append([.label(title), C(v.date), .label("回访人"), C(visitor)])
            rows.append([.label("履行情况"), C(v.performed, span: 3)])
            rows.append([.label("回访情况"), C(v.note.isEmpty ? "\n\n" : v.note, span: 3)])
        }
        return DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: [
            .table(columns: [2, 3, 2, 3], rows: rows),
            .space(lines: 1),
            .signatures(["被回访人（签名）：", "回访人（签名）："]),
            .seal(issuer: context.issuer, date: visits.last?.date ?? DocumentText.date(nil)),
        ])
    }
}

// MARK: - Petitions

/// What the three petition notices share: who petitioned, when, how and about what.
struct PetitionFacts: Sendable, Equatable {
    var petitioner: String
    var received: String
    var form: String
    var subject: String

    init(_ c: CaseRecord) {
        petitioner = c["petitioner"]
        received = DocumentText.date(c.date)
        form = choiceLabel(c, "form")
        subject = c["subject"]
    }

    /// 你（你们）于2024年3月5日以来访形式反映的“宅基地界址纠纷”一事
    var opening: String { "你（你们）于\(received)以\(form)形式反映的“\(subject)”一事" }
}

/// 信访事项受理告知书: the written notice of acceptance, due within 15 days of receipt.
public struct AcceptanceNotice: CaseForm {
    public static let form = DocumentForm.acceptance
    public var context: FormContext
    var facts: PetitionFacts
    public var accepted: String

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        facts = PetitionFacts(c)
        accepted = DocumentText.date(c.acceptedOn)
    }

    public var layout: DocumentLayout {
        DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: [
            .paragraph("\(facts.petitioner)：", indent: false),
            .paragraph("\(facts.opening)，本机关已收悉。经审查，该信访事项属于本机关处理范围，根据《信访工作条例》的规定，决定予以受理。", indent: true),
            .paragraph("本机关将自受理之日起六十日内办结；情况复杂的，经批准可以适当延长办理期限，但延长期限不超过三十日，并将延期理由告知你（你们）。", indent: true),
            .paragraph("特此告知。", indent: true),
            .space(lines: 2),
            .seal(issuer: context.issuer, date: accepted),
        ])
    }
}

/// 信访事项不予受理告知书: the notice of non-acceptance with its reason.
public struct RefusalNotice: CaseForm {
    public static let form = DocumentForm.refusal
    public var context: FormContext
    var facts: PetitionFacts
    public var reason: String
    public var decided: String

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        facts = PetitionFacts(c)
        reason = c["reason"]
        decided = DocumentText.date(c.closedOn)
    }

    public var layout: DocumentLayout {
        let why = reason.hasSuffix("。") || reason.hasSuffix("，") ? String(reason.dropLast()) : reason
        return DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: [
            .paragraph("\(facts.petitioner)：", indent: false),
            .paragraph("\(facts.opening)，本机关已收悉。经审查，\(why)。根据《信访工作条例》的有关规定，本机关决定不予受理。", indent: true),
            .paragraph("特此告知。", indent: true),
            .space(lines: 2),
            .seal(issuer: context.issuer, date: decided),
        ])
    }
}

/// 信访事项处理意见书: the request, the facts and reasons, the decision, its basis and the
/// 30-day review (复查) remedy.
public struct ReplyForm: CaseForm {
    public static let form = DocumentForm.reply
    public var context: FormContext
    var facts: PetitionFacts
    public var accepted: String
    public var findings: String
    public var result: String
    public var decided: String

    public init(case c: CaseRecord, context: FormContext) {
        self.context = context
        facts = PetitionFacts(c)
        accepted = DocumentText.date(c.acceptedOn)
        findings = c["summary"]
        decided = DocumentText.date(c.closedOn)
        switch c["result"] {
        case "supported": result = "你（你们）的信访请求事实清楚，符合法律、法规、规章或者其他有关规定，予以支持。"
        case "not_supported": result = "你（你们）的信访请求缺乏事实根据或者不符合法律、法规、规章或者其他有关规定，不予支持。"
        case "explained": result = "你（你们）的信访请求合理但缺乏法律依据，本机关已向你（你们）做好解释工作。"
        default: result = ""
        }
    }

    public var layout: DocumentLayout {
        var blocks: [DocumentLayout.Block] = [
            .paragraph("\(facts.petitioner)：", indent: false),
            .paragraph("\(facts.opening)，本机关于\(accepted)受理。经调查核实，现提出处理意见如下：", indent: true),
            .heading("一、信访请求"),
            .paragraph(facts.subject.isEmpty ? DocumentText.blank : facts.subject + "。", indent: true),
            .heading("二、查明的事实和理由"),
        ]
        blocks.append(findings.isEmpty ? .space(lines: 3) : .paragraph(findings, indent: true))
        blocks += [
            .heading("三、处理意见"),
            result.isEmpty ? .space(lines: 2) : .paragraph(result, indent: true),
            .heading("四、处理依据"),
            .paragraph("《信访工作条例》第三十二条及有关法律、法规、规章和政策规定。", indent: true),
            .paragraph("如你（你们）对本处理意见不服，可以自收到本意见书之日起三十日内请求本机关的上一级机关复查（《信访工作条例》第三十五条）。", indent: true),
            .space(lines: 2),
            .seal(issuer: context.issuer, date: decided),
        ]
        return DocumentLayout(title: Self.form.title.zh, number: context.number, blocks: blocks)
    }
}

extension DocumentForm {
    /// The model type that fills this form.
    public var model: any CaseForm.Type {
        switch self {
        case .registration: return RegistrationForm.self
        case .rights: return RightsNotice.self
        case .agreement: return AgreementForm.self
        case .followup: return FollowUpRecord.self
        case .acceptance: return AcceptanceNotice.self
        case .refusal: return RefusalNotice.self
        case .reply: return ReplyForm.self
        }
    }

    /// The layout of this form filled from `c`.
    public func layout(_ c: CaseRecord, context: FormContext) -> DocumentLayout {
        model.init(case: c, context: context).layout
    }
}
