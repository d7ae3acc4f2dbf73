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
    public var label: Words {
        switch self {
        case .consultation: return Words.Kinds.consultation
        case .mediation: return Words.Kinds.mediation
        case .petition: return Words.Kinds.petition
        case .review: return Words.Kinds.review
        case .suit: return Words.Kinds.suit
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
    public var label: Words {
        self == .station ? Words.Units.station : Words.Units.office
    }
}

/// One allowed value of a pick-list field.
public struct Choice: Sendable, Hashable {
    /// The stored key.
    public var key: String
    /// Its label.
    public var label: Words
    /// Creates a choice labelled with catalogue words.
    public init(_ key: String, _ label: Words) {
        self.key = key
        self.label = label
    }
    /// Creates a choice from a Chinese and an English label.
    public init(_ key: String, _ zh: String, _ en: String) {
        self.init(key, Words(zh, en))
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
    /// The id of a screening round (`2024-03-05/1`, ``ScreeningRound/id``).
    case screeningRef
}

/// One field of a case kind.
public struct FieldSpec: Sendable, Hashable {
    /// Stable key (CLI, exports, JSON).
    public var key: String
    /// Label.
    public var label: Words
    /// Value type.
    public var type: FieldType
    /// Required when the case is opened.
    public var required: Bool

    /// Creates a field labelled with catalogue words.
    public init(_ key: String, _ label: Words, _ type: FieldType, required: Bool = false) {
        self.key = key
        self.label = label
        self.type = type
        self.required = required
    }

    /// Creates a field from a Chinese and an English label.
    public init(_ key: String, _ zh: String, _ en: String, _ type: FieldType, required: Bool = false) {
        self.init(key, Words(zh, en), type, required: required)
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
        if let c = choices.first(where: { $0.key == value }) { return c.label[lang] }
        return value
    }
}

/// One outcome of a case kind, with the fields it requires.
public struct OutcomeSpec: Sendable, Hashable {
    /// Stable key.
    public var key: String
    /// Label.
    public var label: Words
    /// Fields that must be given when closing with this outcome.
    public var requiredFields: [FieldSpec]
    /// Creates an outcome.
    public init(_ key: String, _ label: Words, requires: [FieldSpec] = []) {
        self.key = key
        self.label = label
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
    public static let yesNo = [Choice("yes", Words.Choices.yes), Choice("no", Words.Choices.no)]

    /// The label of a stored `yes` or `no`; any other value as itself.
    public static func yesNoLabel(_ value: String) -> Words {
        yesNo.first { $0.key == value }?.label ?? Words(value, value)
    }

    /// Fields every kind has.
    public static let commonFields: [FieldSpec] = [
        FieldSpec("date", Words.Fields.receivedOn, .date, required: true),
        FieldSpec("unit", Words.Fields.unit, .choice(Unit.allCases.map { Choice($0.rawValue, $0.label) }), required: true),
        FieldSpec("village", Words.Fields.village, short),
        FieldSpec("handler", Words.Fields.handler, short),
        FieldSpec("summary", Words.Fields.summary, long),
        FieldSpec("phone", Words.Fields.phone, .phone),
        FieldSpec("id_number", Words.Fields.idNumber, .idNumber),
    ]

    static let topics: [Choice] = [
        Choice("marriage_family", Words.Choices.marriageFamily), Choice("inheritance", Words.Choices.inheritance),
        Choice("land_homestead", Words.Choices.landHomestead), Choice("labor", Words.Choices.labor),
        Choice("contract_debt", Words.Choices.contractDebt), Choice("tort", Words.Choices.tort),
        Choice("administrative", Words.Choices.administrative), Choice("other", Words.Choices.other),
    ]

    static let mediationCategories: [Choice] = [
        Choice("marriage_family", Words.Choices.marriageFamily), Choice("neighbor", Words.Choices.neighbor),
        Choice("housing_homestead", Words.Choices.housingHomestead), Choice("contract", Words.Choices.contract),
        Choice("production", Words.Choices.production), Choice("damages", Words.Choices.damages),
        Choice("land_forest", Words.Choices.landForest), Choice("land_acquisition", Words.Choices.landAcquisition),
        Choice("environment", Words.Choices.environment), Choice("labor", Words.Choices.laborDispute),
        Choice("consumer", Words.Choices.consumer), Choice("medical", Words.Choices.medical),
        Choice("traffic", Words.Choices.traffic), Choice("property_mgmt", Words.Choices.propertyMgmt),
        Choice("inheritance", Words.Choices.inheritance), Choice("other", Words.Choices.other),
    ]

    static let mediationCategoryField = FieldSpec("category", Words.Fields.mediationCategory, .choice(mediationCategories), required: true)
    static let respondentField = FieldSpec("respondent", Words.Fields.respondent, medium, required: true)

    /// Fields particular to each kind.
    public static let kindFields: [CaseKind: [FieldSpec]] = [
        .consultation: [
            FieldSpec("client", Words.Fields.client, short, required: true),
            FieldSpec("channel", Words.Fields.channel, .choice([
                Choice("visit", Words.Choices.visit), Choice("phone", Words.Choices.phone),
                Choice("online", Words.Choices.online), Choice("letter", Words.Choices.letter)])),
            FieldSpec("topic", Words.Fields.topic, .choice(topics), required: true),
            FieldSpec("question", Words.Fields.question, long),
            FieldSpec("answer", Words.Fields.answer, long),
        ],
        .mediation: [
            FieldSpec("applicant", Words.Fields.applicant, short, required: true),
            respondentField,
            mediationCategoryField,
            FieldSpec("source", Words.Fields.mediationSource, .choice([
                Choice("application", Words.Choices.application), Choice("initiative", Words.Choices.initiative),
                Choice("referred", Words.Choices.referred), Choice("assigned", Words.Choices.assigned)])),
            FieldSpec("mediator", Words.Fields.mediator, short),
            FieldSpec("amount", Words.Fields.amount, .amount),
            FieldSpec("people", Words.Fields.mediationPeople, .count),
            FieldSpec("from_case", Words.Fields.fromCase, .caseRef(.consultation)),
            // The screening round that found it (source initiative only).
            FieldSpec("screening", Words.Fields.screening, .screeningRef),
            // What the agreement (人民调解协议书) says, and its judicial confirmation.
            FieldSpec("terms", Words.Fields.terms, long),
            FieldSpec("performance", Words.Fields.performance, medium),
            FieldSpec("confirmation", Words.Fields.confirmation, .choice([
                Choice("applied", Words.Choices.confirmationApplied), Choice("confirmed", Words.Choices.confirmationConfirmed),
                Choice("rejected", Words.Choices.confirmationRejected)])),
            FieldSpec("confirmation_date", Words.Fields.confirmationDate, .date),
        ],
        .petition: [
            FieldSpec("petitioner", Words.Fields.petitioner, short, required: true),
            FieldSpec("form", Words.Fields.form, .choice([
                Choice("visit", Words.Choices.visit), Choice("letter", Words.Choices.letter),
                Choice("online", Words.Choices.onlineForm), Choice("phone", Words.Choices.phone)]), required: true),
            FieldSpec("subject", Words.Fields.subject, medium, required: true),
            FieldSpec("people", Words.Fields.petitionPeople, .count),
            FieldSpec("source", Words.Fields.petitionSource, .choice([
                Choice("direct", Words.Choices.direct), Choice("transferred", Words.Choices.transferred),
                Choice("assigned", Words.Choices.assignedOnly)])),
            FieldSpec("repeat_of", Words.Fields.repeatOf, .caseRef(.petition)),
            FieldSpec("accepted_on", Words.Fields.acceptedOn, .date),
        ],
        .review: [
            FieldSpec("requester", Words.Fields.requester, short, required: true),
            FieldSpec("title", Words.Fields.reviewTitle, medium, required: true),
            FieldSpec("doc_type", Words.Fields.docType, .choice([
                Choice("contract", Words.Choices.economicContract), Choice("decision", Words.Choices.decision),
                Choice("normative", Words.Choices.normative), Choice("enforcement", Words.Choices.enforcement),
                Choice("village_rules", Words.Choices.villageRules)]), required: true),
            FieldSpec("reviewer", Words.Fields.reviewer, short),
        ],
        .suit: [
            FieldSpec("court", Words.Fields.court, short, required: true),
            FieldSpec("docket", Words.Fields.docket, short),
            // Who sued the town and over what (the queue shows them instead of the court).
            FieldSpec("plaintiff", Words.Fields.plaintiff, short),
            FieldSpec("cause", Words.Fields.cause, medium),
            FieldSpec("hearing_date", Words.Fields.hearingDate, .date),
            FieldSpec("head_appeared", Words.Fields.headAppeared, .yesNo),
        ],
    ]

    static let opinion = FieldSpec("opinion", Words.Fields.opinion, long, required: true)

    /// Fields that only outcomes carry (not editable with `update`).
    public static let outcomeFields: [String: FieldSpec] = {
        var all: [String: FieldSpec] = [:]
        for list in outcomes.values { for o in list { for f in o.requiredFields { all[f.key] = f } } }
        all["closed_on"] = closedOnField
        return all
    }()

    /// `closed_on`, the business date of an outcome.
    public static let closedOnField = FieldSpec("closed_on", Words.Fields.closedOn, .date)

    /// Outcomes of each kind.
    public static let outcomes: [CaseKind: [OutcomeSpec]] = [
        .consultation: [
            OutcomeSpec("answered", Words.Outcomes.answered),
            OutcomeSpec("litigation_guided", Words.Outcomes.litigationGuided),
            OutcomeSpec("to_mediation", Words.Outcomes.toMediation, requires: [respondentField, mediationCategoryField]),
            OutcomeSpec("legal_aid", Words.Outcomes.legalAid),
            OutcomeSpec("referred", Words.Outcomes.referred),
        ],
        .mediation: [
            OutcomeSpec("resolved", Words.Outcomes.resolved, requires: [
                FieldSpec("agreement", Words.Fields.agreement, .choice([
                    Choice("written", Words.Choices.written), Choice("oral", Words.Choices.oral)]), required: true)]),
            OutcomeSpec("failed", Words.Outcomes.failed, requires: [
                FieldSpec("next", Words.Fields.nextStep, .choice([
                    Choice("litigation", Words.Choices.toLitigation), Choice("other", Words.Choices.otherWay),
                    Choice("none", Words.Choices.noFurtherStep)]), required: true)]),
            OutcomeSpec("withdrawn", Words.Outcomes.withdrawn),
        ],
        .petition: [
            OutcomeSpec("concluded", Words.Outcomes.concluded, requires: [
                FieldSpec("result", Words.Fields.result, .choice([
                    Choice("supported", Words.Choices.supported), Choice("explained", Words.Choices.explained),
                    Choice("not_supported", Words.Choices.notSupported)]), required: true)]),
            OutcomeSpec("not_accepted", Words.Outcomes.notAccepted, requires: [
                FieldSpec("reason", Words.Fields.notAcceptedReason, medium, required: true)]),
            OutcomeSpec("withdrawn", Words.Outcomes.petitionWithdrawn),
        ],
        .review: [
            OutcomeSpec("lawful", Words.Outcomes.lawful, requires: [opinion]),
            OutcomeSpec("revised", Words.Outcomes.revised, requires: [opinion]),
            OutcomeSpec("unlawful", Words.Outcomes.unlawful, requires: [opinion]),
        ],
        .suit: [
            OutcomeSpec("won", Words.Outcomes.won),
            OutcomeSpec("lost", Words.Outcomes.lost),
            OutcomeSpec("settled", Words.Outcomes.settled),
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
        FieldSpec("town", Words.Fields.town, short),
        FieldSpec("station_name", Words.Fields.stationName, short),
        FieldSpec("office_name", Words.Fields.officeName, short),
        FieldSpec("default_unit", Words.Fields.defaultUnit, .choice(Unit.allCases.map { Choice($0.rawValue, $0.label) })),
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
