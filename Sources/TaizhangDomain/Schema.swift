/// The five kinds of case the ledger keeps.
public enum CaseKind: String, Sendable, CaseIterable, Codable {
    case consultation, mediation, petition, review, suit

    /// The case id prefix (`M` in `M-2024-0007`).
    public var prefix: String {
        switch self {
        case .consultation: return "C"
        case .mediation: return "M"
        case .petition: return "P"
        case .review: return "R"
        case .suit: return "S"
        }
    }

    /// The kind whose ids start with `prefix`.
    public init?(prefix: String) {
        guard let k = CaseKind.allCases.first(where: { $0.prefix == prefix }) else { return nil }
        self = k
    }

    /// Display name.
    public var label: Localized {
        switch self {
        case .consultation: return Localized("法律咨询", "consultation")
        case .mediation: return Localized("人民调解", "mediation")
        case .petition: return Localized("信访", "petition")
        case .review: return Localized("合法性审查", "legality review")
        case .suit: return Localized("行政应诉", "administrative suit")
        }
    }

    /// The fields of this kind, common fields first.
    public var fields: [FieldSpec] { Schema.commonFields + Schema.kindFields[self]! }

    /// The possible outcomes of this kind.
    public var outcomes: [OutcomeSpec] { Schema.outcomes[self]! }

    /// The field spec for `key`, if this kind has it.
    public func field(_ key: String) -> FieldSpec? {
        Schema.fieldIndex[self]![key]
    }

    /// The outcome spec for `key`, if this kind has it.
    public func outcome(_ key: String) -> OutcomeSpec? { outcomes.first { $0.key == key } }

    /// The field naming the parties or subject, shown in lists.
    public var headlineField: String {
        switch self {
        case .consultation: return "client"
        case .mediation: return "applicant"
        case .petition: return "petitioner"
        case .review: return "title"
        case .suit: return "court"
        }
    }

    /// The field holding the category shown in lists.
    public var categoryField: String {
        switch self {
        case .consultation: return "topic"
        case .mediation: return "category"
        case .petition: return "form"
        case .review: return "doc_type"
        case .suit: return "docket"
        }
    }
}

/// The two desks that keep ledgers.
public enum Unit: String, Sendable, CaseIterable {
    case station, office
    /// Display name.
    public var label: Localized {
        self == .station ? Localized("法律服务站", "legal service station") : Localized("公共安全办", "public-security office")
    }
}

/// One allowed value of a pick-list field.
public struct Choice: Sendable, Hashable {
    /// The stored key.
    public var key: String
    /// Its label.
    public var label: Localized
    /// Creates a choice.
    public init(_ key: String, _ zh: String, _ en: String) {
        self.key = key
        self.label = Localized(zh, en)
    }
}

/// What a field holds, which decides how it is validated and edited.
public enum FieldType: Sendable, Hashable {
    /// One line of text up to `maxLength` characters.
    case text(maxLength: Int)
    /// Longer free text.
    case longText(maxLength: Int)
    /// A business date `YYYY-MM-DD`.
    case date
    /// One of a fixed list.
    case choice([Choice])
    /// `yes` or `no`.
    case yesNo
    /// A non-negative amount of yuan with up to two decimals.
    case amount
    /// A whole number of people, 1 or more.
    case count
    /// A phone number.
    case phone
    /// A resident ID number (18 characters, last may be X).
    case idNumber
    /// The id of another case of `kind`.
    case caseRef(CaseKind)
}

/// One field of a case kind.
public struct FieldSpec: Sendable, Hashable {
    /// Stable key (CLI, exports, JSON).
    public var key: String
    /// Label.
    public var label: Localized
    /// Value type.
    public var type: FieldType
    /// Required when the case is opened.
    public var required: Bool

    /// Creates a field.
    public init(_ key: String, _ zh: String, _ en: String, _ type: FieldType, required: Bool = false) {
        self.key = key
        self.label = Localized(zh, en)
        self.type = type
        self.required = required
    }

    /// The allowed choices, empty for free fields.
    public var choices: [Choice] {
        switch type {
        case let .choice(c): return c
        case .yesNo: return Schema.yesNo
        default: return []
        }
    }

    /// The label of a stored value (a choice's label, or the value itself).
    public func displayValue(_ value: String, _ lang: Language) -> String {
        if let c = choices.first(where: { $0.key == value }) { return c.label(lang) }
        return value
    }
}

/// One outcome of a case kind, with the fields it requires.
public struct OutcomeSpec: Sendable, Hashable {
    /// Stable key.
    public var key: String
    /// Label.
    public var label: Localized
    /// Fields that must be given when closing with this outcome.
    public var requiredFields: [FieldSpec]
    /// Creates an outcome.
    public init(_ key: String, _ zh: String, _ en: String, requires: [FieldSpec] = []) {
        self.key = key
        self.label = Localized(zh, en)
        self.requiredFields = requires
    }
}

/// The tables of domain.md: every kind's fields, choices and outcomes.
public enum Schema {
    static let short = FieldType.text(maxLength: 100)
    static let medium = FieldType.text(maxLength: 500)
    static let long = FieldType.longText(maxLength: 5000)
    /// Longest note, in characters.
    public static let maximumNoteLength = 5000
    /// Longest reason (void, reopen, extension), in characters.
    public static let maximumReasonLength = 1000

    /// `yes` / `no`.
    public static let yesNo = [Choice("yes", "是", "yes"), Choice("no", "否", "no")]

    /// Fields every kind has.
    public static let commonFields: [FieldSpec] = [
        FieldSpec("date", "受理日期", "date", .date, required: true),
        FieldSpec("unit", "单位", "unit", .choice(Unit.allCases.map { Choice($0.rawValue, $0.label.zh, $0.label.en) }), required: true),
        FieldSpec("village", "村/社区", "village", short),
        FieldSpec("handler", "承办人", "handler", short),
        FieldSpec("summary", "简要情况", "summary", long),
        FieldSpec("phone", "联系电话", "phone", .phone),
        FieldSpec("id_number", "身份证号", "ID number", .idNumber),
    ]

    static let topics: [Choice] = [
        Choice("marriage_family", "婚姻家庭", "marriage & family"), Choice("inheritance", "继承", "inheritance"),
        Choice("land_homestead", "土地宅基地", "land & homestead"), Choice("labor", "劳动", "labor"),
        Choice("contract_debt", "合同债务", "contract & debt"), Choice("tort", "侵权赔偿", "tort"),
        Choice("administrative", "行政", "administrative"), Choice("other", "其他", "other"),
    ]

    static let mediationCategories: [Choice] = [
        Choice("marriage_family", "婚姻家庭", "marriage & family"), Choice("neighbor", "邻里", "neighbours"),
        Choice("housing_homestead", "房屋宅基地", "housing & homestead"), Choice("contract", "合同", "contract"),
        Choice("production", "生产经营", "production"), Choice("damages", "损害赔偿", "damages"),
        Choice("land_forest", "山林土地", "land & forest"), Choice("land_acquisition", "征地拆迁", "land acquisition"),
        Choice("environment", "环境污染", "environment"), Choice("labor", "劳动争议", "labor"),
        Choice("consumer", "消费", "consumer"), Choice("medical", "医疗", "medical"),
        Choice("traffic", "道路交通", "traffic"), Choice("property_mgmt", "物业", "property management"),
        Choice("inheritance", "继承", "inheritance"), Choice("other", "其他", "other"),
    ]

    static let mediationCategoryField = FieldSpec("category", "纠纷类型", "category", .choice(mediationCategories), required: true)
    static let respondentField = FieldSpec("respondent", "被申请人", "respondent", medium, required: true)

    /// Fields particular to each kind.
    public static let kindFields: [CaseKind: [FieldSpec]] = [
        .consultation: [
            FieldSpec("client", "咨询人", "client", short, required: true),
            FieldSpec("channel", "咨询方式", "channel", .choice([
                Choice("visit", "来访", "visit"), Choice("phone", "电话", "phone"),
                Choice("online", "网络", "online"), Choice("letter", "来信", "letter")])),
            FieldSpec("topic", "咨询类别", "topic", .choice(topics), required: true),
            FieldSpec("question", "咨询内容", "question", long),
            FieldSpec("answer", "解答意见", "answer", long),
        ],
        .mediation: [
            FieldSpec("applicant", "申请人", "applicant", short, required: true),
            respondentField,
            mediationCategoryField,
            FieldSpec("source", "纠纷来源", "source", .choice([
                Choice("application", "当事人申请", "application"), Choice("initiative", "主动排查", "own initiative"),
                Choice("referred", "移交/委托", "referred"), Choice("assigned", "上级交办", "assigned")])),
            FieldSpec("mediator", "调解员", "mediator", short),
            FieldSpec("amount", "涉及金额(元)", "amount (yuan)", .amount),
            FieldSpec("people", "涉及人数", "people", .count),
            FieldSpec("from_case", "来源咨询", "from consultation", .caseRef(.consultation)),
            // What the agreement (人民调解协议书) says, and its judicial confirmation.
            FieldSpec("terms", "协议内容", "agreed terms", long),
            FieldSpec("performance", "履行方式及期限", "performance and time limit", medium),
            FieldSpec("confirmation", "司法确认", "judicial confirmation", .choice([
                Choice("applied", "已申请", "applied"), Choice("confirmed", "已确认", "confirmed"),
                Choice("rejected", "不予确认", "not confirmed")])),
            FieldSpec("confirmation_date", "司法确认日期", "confirmation date", .date),
        ],
        .petition: [
            FieldSpec("petitioner", "信访人", "petitioner", short, required: true),
            FieldSpec("form", "信访形式", "form", .choice([
                Choice("visit", "来访", "visit"), Choice("letter", "来信", "letter"),
                Choice("online", "网上", "online"), Choice("phone", "电话", "phone")]), required: true),
            FieldSpec("subject", "信访事项", "subject", medium, required: true),
            FieldSpec("people", "人数", "people", .count),
            FieldSpec("source", "来源", "source", .choice([
                Choice("direct", "直接受理", "direct"), Choice("transferred", "上级转送", "transferred"),
                Choice("assigned", "交办", "assigned")])),
            FieldSpec("repeat_of", "重复信访(原件)", "repeat of", .caseRef(.petition)),
            FieldSpec("accepted_on", "受理告知日期", "accepted on", .date),
        ],
        .review: [
            FieldSpec("requester", "送审单位", "requester", short, required: true),
            FieldSpec("title", "送审事项", "title", medium, required: true),
            FieldSpec("doc_type", "文件类型", "document type", .choice([
                Choice("contract", "经济合同", "contract"), Choice("decision", "重大行政决策", "major decision"),
                Choice("normative", "规范性文件", "normative document"), Choice("enforcement", "重大执法决定", "enforcement decision"),
                Choice("village_rules", "村规民约", "village rules")]), required: true),
            FieldSpec("reviewer", "审查人", "reviewer", short),
        ],
        .suit: [
            FieldSpec("court", "法院", "court", short, required: true),
            FieldSpec("docket", "案号", "docket", short),
            FieldSpec("hearing_date", "开庭日期", "hearing date", .date),
            FieldSpec("head_appeared", "负责人出庭", "head appeared", .yesNo),
        ],
    ]

    static let opinion = FieldSpec("opinion", "审查意见", "opinion", long, required: true)

    /// Fields that only outcomes carry (not editable with `update`).
    public static let outcomeFields: [String: FieldSpec] = {
        var all: [String: FieldSpec] = [:]
        for list in outcomes.values { for o in list { for f in o.requiredFields { all[f.key] = f } } }
        all["closed_on"] = closedOnField
        return all
    }()

    /// `closed_on`, the business date of an outcome.
    public static let closedOnField = FieldSpec("closed_on", "结案日期", "closed on", .date)

    /// Outcomes of each kind.
    public static let outcomes: [CaseKind: [OutcomeSpec]] = [
        .consultation: [
            OutcomeSpec("answered", "当场解答", "answered"),
            OutcomeSpec("litigation_guided", "引导诉讼", "guided to litigation"),
            OutcomeSpec("to_mediation", "转调解", "to mediation", requires: [respondentField, mediationCategoryField]),
            OutcomeSpec("legal_aid", "转法律援助", "to legal aid"),
            OutcomeSpec("referred", "转有关部门", "referred"),
        ],
        .mediation: [
            OutcomeSpec("resolved", "调解成功", "resolved", requires: [
                FieldSpec("agreement", "协议形式", "agreement", .choice([
                    Choice("written", "书面", "written"), Choice("oral", "口头", "oral")]), required: true)]),
            OutcomeSpec("failed", "调解不成", "failed", requires: [
                FieldSpec("next", "后续途径", "next step", .choice([
                    Choice("litigation", "引导诉讼", "litigation"), Choice("other", "其他途径", "other"),
                    Choice("none", "无", "none")]), required: true)]),
            OutcomeSpec("withdrawn", "撤回/终止", "withdrawn"),
        ],
        .petition: [
            OutcomeSpec("concluded", "办结", "concluded", requires: [
                FieldSpec("result", "办理结果", "result", .choice([
                    Choice("supported", "支持", "supported"), Choice("explained", "解释", "explained"),
                    Choice("not_supported", "不予支持", "not supported")]), required: true)]),
            OutcomeSpec("not_accepted", "不予受理", "not accepted", requires: [
                FieldSpec("reason", "不予受理理由", "reason", medium, required: true)]),
            OutcomeSpec("withdrawn", "撤回", "withdrawn"),
        ],
        .review: [
            OutcomeSpec("lawful", "合法", "lawful", requires: [opinion]),
            OutcomeSpec("revised", "修改后合法", "lawful after revision", requires: [opinion]),
            OutcomeSpec("unlawful", "不合法", "unlawful", requires: [opinion]),
        ],
        .suit: [
            OutcomeSpec("won", "胜诉", "won"),
            OutcomeSpec("lost", "败诉", "lost"),
            OutcomeSpec("settled", "和解/撤诉", "settled / withdrawn"),
        ],
    ]

    static let fieldIndex: [CaseKind: [String: FieldSpec]] = {
        var out: [CaseKind: [String: FieldSpec]] = [:]
        for kind in CaseKind.allCases {
            var d: [String: FieldSpec] = [:]
            for f in commonFields + kindFields[kind]! { d[f.key] = f }
            out[kind] = d
        }
        return out
    }()

    /// Settings the ledger knows, with what each holds.
    public static let settings: [FieldSpec] = [
        FieldSpec("town", "镇名称", "town name", short),
        FieldSpec("station_name", "法律服务站名称", "station name", short),
        FieldSpec("office_name", "公共安全办名称", "office name", short),
        FieldSpec("default_unit", "默认单位", "default unit", .choice(Unit.allCases.map { Choice($0.rawValue, $0.label.zh, $0.label.en) })),
    ]

    /// Petition clocks, in calendar days.
    public static let petitionAcceptanceDays = 15
    /// Days to handle a petition after acceptance.
    public static let petitionHandlingDays = 60
    /// Longest single extension of a petition.
    public static let petitionMaximumExtension = 30
    /// Days an extension line may carry and still be folded (a hundred years either way):
    /// values are taken as written, but no deadline arithmetic may overflow. `verify` holds
    /// stored extensions to 1...``petitionMaximumExtension``.
    public static let storedDaysRange = -36_500...36_500
    /// Longest operator name, in characters (it goes into every line the operator writes).
    public static let maximumOperatorLength = 100
    /// Guideline for concluding a mediation.
    public static let mediationGuidelineDays = 30
    /// Days after a mediation agreement takes effect within which the parties may apply for
    /// judicial confirmation (人民调解法 Art. 33).
    public static let confirmationWindowDays = 30
    /// A petition by this many people or more is a group visit.
    public static let groupVisitSize = 5
}
