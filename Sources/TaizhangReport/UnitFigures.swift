import TaizhangDomain

/// Consultation figures (法律咨询).
public struct ConsultationFigures: Sendable, Equatable {
    /// All consultations of the year.
    public var total = 0
    /// By outcome key; `open` counts those without an outcome.
    public var byOutcome = Tally(keys: CaseKind.consultation.outcomes.map(\.key) + ["open"])
    /// answered + litigation_guided (律师接待解答或引导诉讼程序解决问题).
    public var answeredOrGuided = 0
    /// By `topic`.
    public var byTopic = Tally(keys: CaseKind.consultation.field("topic")!.choices.map(\.key))
}

/// Mediation figures (人民调解).
public struct MediationFigures: Sendable, Equatable {
    /// All mediations of the year.
    public var total = 0
    /// Closed `resolved` (调解成功 / 化解).
    public var resolved = 0
    /// Closed `failed` (调解不成).
    public var failed = 0
    /// Closed `failed` with `next` = `litigation` (调解不成引导诉讼).
    public var failedToLitigation = 0
    /// Closed `withdrawn`.
    public var withdrawn = 0
    /// Still open.
    public var open = 0
    /// resolved / total (化解率).
    public var resolutionRate = Rate(num: 0, den: 0)
    /// Mediations that reached a closed loop (闭环管理).
    public var closedLoop = 0
    /// closedLoop / total.
    public var closedLoopRate = Rate(num: 0, den: 0)
    /// By `category`.
    public var byCategory = Tally(keys: CaseKind.mediation.field("category")!.choices.map(\.key))
    /// Resolved with a written agreement.
    public var writtenAgreements = 0
    /// Resolved with an oral agreement.
    public var oralAgreements = 0
    /// Sum of `amount`, in fen.
    public var amountFen = 0
}

/// Petition figures (信访).
public struct PetitionFigures: Sendable, Equatable {
    /// All petitions of the year (接待来信来访).
    public var total = 0
    /// Petitions with 5 or more people (集体访).
    public var groupVisits = 0
    /// concluded + not_accepted (办结).
    public var finished = 0
    /// finished / total (信访办结率).
    public var conclusionRate = Rate(num: 0, den: 0)
    /// Finished after, or still open past, the deadline (超期).
    public var overdue = 0
    /// Petitions naming no earlier petition (初访).
    public var firstVisits = 0
    /// First visits that a later petition names in `repeat_of` (初访回流).
    public var cameBack = 0
    /// cameBack / firstVisits (初访回流率).
    public var returnRate = Rate(num: 0, den: 0)
    /// Petitions naming an earlier one in `repeat_of` (重复信访).
    public var repeats = 0
    /// repeats / total (重复信访率).
    public var repeatRate = Rate(num: 0, den: 0)
    /// By `form`.
    public var byForm = Tally(keys: CaseKind.petition.field("form")!.choices.map(\.key))
    /// By outcome key; `open` counts those without an outcome.
    public var byOutcome = Tally(keys: CaseKind.petition.outcomes.map(\.key) + ["open"])
}

/// Legality review figures (合法性审查).
public struct ReviewFigures: Sendable, Equatable {
    /// All reviews of the year.
    public var total = 0
    /// By `doc_type`.
    public var byDocType = Tally(keys: CaseKind.review.field("doc_type")!.choices.map(\.key))
    /// By outcome key; `open` counts those without an outcome.
    public var byOutcome = Tally(keys: CaseKind.review.outcomes.map(\.key) + ["open"])
}

/// Administrative suit figures (行政应诉).
public struct SuitFigures: Sendable, Equatable {
    /// All suits of the year.
    public var total = 0
    /// Suits heard: `head_appeared` recorded, or `hearing_date` on or before the as-of day.
    public var heard = 0
    /// Heard suits where the agency head appeared (负责人出庭).
    public var headAppeared = 0
    /// headAppeared / heard (出庭应诉率).
    public var appearanceRate = Rate(num: 0, den: 0)
    /// By outcome key; `open` counts those without an outcome.
    public var byOutcome = Tally(keys: CaseKind.suit.outcomes.map(\.key) + ["open"])
}

/// Case counts of one village or one handler, per kind.
public struct KindCounts: Sendable, Equatable {
    /// Cases per kind.
    public var counts: [CaseKind: Int] = [:]
    /// All cases.
    public var total: Int { counts.values.reduce(0, +) }
    /// Cases of `kind`.
    public subscript(kind: CaseKind) -> Int { counts[kind] ?? 0 }
}

/// Every year-end figure of one unit, or of the whole town.
public struct UnitFigures: Sendable, Equatable {
    /// `station`, `office` or `all`.
    public var key: String
    /// Consultations.
    public var consultations = ConsultationFigures()
    /// Mediations.
    public var mediations = MediationFigures()
    /// Petitions.
    public var petitions = PetitionFigures()
    /// Legality reviews.
    public var reviews = ReviewFigures()
    /// Administrative suits.
    public var suits = SuitFigures()
    /// Case counts per village (`""` = not recorded), sorted by village.
    public var byVillage: [(name: String, counts: KindCounts)] = []
    /// Case counts per handler (`""` = not recorded), sorted by handler.
    public var byHandler: [(name: String, counts: KindCounts)] = []

    /// Empty figures for `key`.
    public init(key: String) { self.key = key }

    public static func == (a: UnitFigures, b: UnitFigures) -> Bool {
        a.key == b.key && a.consultations == b.consultations && a.mediations == b.mediations && a.petitions == b.petitions
            && a.reviews == b.reviews && a.suits == b.suits
            && a.byVillage.map(\.name) == b.byVillage.map(\.name) && a.byVillage.map(\.counts) == b.byVillage.map(\.counts)
            && a.byHandler.map(\.name) == b.byHandler.map(\.name) && a.byHandler.map(\.counts) == b.byHandler.map(\.counts)
    }
}
