import TaizhangDomain

/// Counts the figures of one set of cases (already filtered by year, unit and void status).
enum FigureCounter {
    static func count(_ cases: [CaseRecord], key: String, state: LedgerState, asOf: BusinessDate) -> UnitFigures {
        var f = UnitFigures(key: key)
        var villages: [String: KindCounts] = [:]
        var handlers: [String: KindCounts] = [:]
        for c in cases {
            villages[c["village"], default: KindCounts()].counts[c.kind, default: 0] += 1
            handlers[c["handler"], default: KindCounts()].counts[c.kind, default: 0] += 1
            switch c.kind {
            case .consultation: add(c, to: &f.consultations)
            case .mediation: add(c, to: &f.mediations)
            case .petition: add(c, to: &f.petitions, state: state, asOf: asOf)
            case .review: add(c, to: &f.reviews)
            case .suit: add(c, to: &f.suits, asOf: asOf)
            }
        }
        f.mediations.resolutionRate = Rate(num: f.mediations.resolved, den: f.mediations.total)
        f.mediations.closedLoopRate = Rate(num: f.mediations.closedLoop, den: f.mediations.total)
        f.petitions.conclusionRate = Rate(num: f.petitions.finished, den: f.petitions.total)
        f.petitions.returnRate = Rate(num: f.petitions.cameBack, den: f.petitions.firstVisits)
        f.petitions.repeatRate = Rate(num: f.petitions.repeats, den: f.petitions.total)
        f.suits.appearanceRate = Rate(num: f.suits.headAppeared, den: f.suits.heard)
        f.byVillage = villages.keys.sorted().map { ($0, villages[$0]!) }
        f.byHandler = handlers.keys.sorted().map { ($0, handlers[$0]!) }
        return f
    }

    static func add(_ c: CaseRecord, to f: inout ConsultationFigures) {
        f.total += 1
        f.byOutcome.add(c.outcome ?? "open")
        if c.outcome == "answered" || c.outcome == "litigation_guided" { f.answeredOrGuided += 1 }
        f.byTopic.add(c["topic"])
    }

    static func add(_ c: CaseRecord, to f: inout MediationFigures) {
        f.total += 1
        f.byCategory.add(c["category"])
        f.amountFen += Amount.fen(c["amount"]) ?? 0
        if isClosedLoop(c) { f.closedLoop += 1 }
        switch c.outcome {
        case "resolved":
            f.resolved += 1
            if c["agreement"] == "written" { f.writtenAgreements += 1 }
            if c["agreement"] == "oral" { f.oralAgreements += 1 }
        case "failed":
            f.failed += 1
            if c["next"] == "litigation" { f.failedToLitigation += 1 }
        case "withdrawn":
            f.withdrawn += 1
        default:
            f.open += 1
        }
    }

    /// Closed loop (闭环): resolved and followed up after closing, failed with a next step recorded, or withdrawn.
    static func isClosedLoop(_ c: CaseRecord) -> Bool {
        guard c.status == .closed else { return false }
        switch c.outcome {
        case "resolved":
            // Only a visit after the latest closing counts: one made before a reopen checked an
            // agreement that has since been replaced.
            guard let closedOn = c.closedOn else { return !c.followUps.isEmpty }
            return c.followUps.contains { $0.date >= closedOn }
        case "failed": return !c["next"].isEmpty
        case "withdrawn": return true
        default: return false
        }
    }

    static func add(_ c: CaseRecord, to f: inout PetitionFigures, state: LedgerState, asOf: BusinessDate) {
        f.total += 1
        f.byForm.add(c["form"])
        f.byOutcome.add(c.outcome ?? "open")
        if (Int(c["people"]) ?? 1) >= 5 { f.groupVisits += 1 }
        if c.outcome == "concluded" || c.outcome == "not_accepted" { f.finished += 1 }
        if c.isOverdue(today: asOf) { f.overdue += 1 }
        if !c["repeat_of"].isEmpty { f.repeats += 1 }
        if c.isFirstVisit {
            f.firstVisits += 1
            // A return counts whenever it happens, even in a later year; voided returns do not.
            if c.repeatedBy.contains(where: { state[$0].map { $0.status != .voided && $0["repeat_of"] == c.id.description } ?? false }) {
                f.cameBack += 1
            }
        }
    }

    static func add(_ c: CaseRecord, to f: inout ReviewFigures) {
        f.total += 1
        f.byDocType.add(c["doc_type"])
        f.byOutcome.add(c.outcome ?? "open")
    }

    static func add(_ c: CaseRecord, to f: inout SuitFigures, asOf: BusinessDate) {
        f.total += 1
        f.byOutcome.add(c.outcome ?? "open")
        let appeared = c["head_appeared"]
        let hearingPassed = BusinessDate.parseISO(c["hearing_date"]).map { $0 <= asOf } ?? false
        if !appeared.isEmpty || hearingPassed {
            f.heard += 1
            if appeared == "yes" { f.headAppeared += 1 }
        }
    }
}
