import TaizhangDomain

/// One line of the year-end figures, before it is laid out as text, Markdown or CSV.
public struct FigureRow: Sendable, Equatable {
    /// What the value is.
    public enum Value: Sendable, Equatable {
        case count(Int)
        case rate(Rate)
        case amount(fen: Int)
    }
    /// Stable id: `mediations.resolution_rate`, `mediations.by_category.neighbor`.
    public var id: String
    /// Label.
    public var label: Words
    /// Nesting depth (0 figure, 1 breakdown item).
    public var depth: Int
    /// The value.
    public var value: Value

    /// The value as text: `44`, `44/46 = 95.7%`, `44/0 = —`, `1234.50`.
    public func valueText() -> String {
        switch value {
        case let .count(n): return String(n)
        case let .rate(r): return "\(r.num)/\(r.den) = " + (r.percentText.map { $0 + "%" } ?? "—")
        case let .amount(fen): return Amount.yuan(fen: fen)
        }
    }
}

/// A titled group of rows: one kind of one unit, or a breakdown by village or handler.
public struct FigureSection: Sendable, Equatable {
    /// `consultations`, `mediations`, …, `by_village`, `by_handler`.
    public var key: String
    /// Title.
    public var title: Words
    /// Rows.
    public var rows: [FigureRow]
}

extension UnitFigures {
    /// The figures as labelled sections; breakdowns list only non-zero items. A kind with no
    /// cases shows its total only, unless `keepingEmptyKinds`.
    public func sections(keepingEmptyKinds: Bool = false) -> [FigureSection] {
        func row(_ id: String, _ label: Words, _ v: FigureRow.Value, depth: Int = 0) -> FigureRow {
            FigureRow(id: id, label: label, depth: depth, value: v)
        }
        func breakdown(_ prefix: String, _ title: Words, _ tally: Tally, kind: CaseKind, field: String?) -> [FigureRow] {
            let items = tally.nonZero
            if items.isEmpty { return [] }
            return [row(prefix, title, .count(tally.total))] + items.map {
                row("\(prefix).\($0.key)", SummaryLabels.choiceLabel($0.key, kind: kind, field: field), .count($0.count), depth: 1)
            }
        }
        typealias L = Words.Figures
        let c = consultations, m = mediations, p = petitions, r = reviews, s = suits
        var out: [FigureSection] = []
        out.append(FigureSection(key: "consultations", title: CaseKind.consultation.label, rows:
            [row("consultations.total", L.total, .count(c.total)),
             row("consultations.answered_or_guided", L.answeredOrGuided, .count(c.answeredOrGuided))]
            + breakdown("consultations.by_outcome", L.byOutcome, c.byOutcome, kind: .consultation, field: nil)
            + breakdown("consultations.by_topic", L.byTopic, c.byTopic, kind: .consultation, field: "topic")))
        out.append(FigureSection(key: "mediations", title: CaseKind.mediation.label, rows: [
            row("mediations.total", L.total, .count(m.total)),
            row("mediations.resolved", L.resolved, .count(m.resolved)),
            row("mediations.failed", Words.Outcomes.failed, .count(m.failed)),
            row("mediations.failed_to_litigation", L.failedToLitigation, .count(m.failedToLitigation)),
            row("mediations.withdrawn", Words.Outcomes.withdrawn, .count(m.withdrawn)),
            row("mediations.open", Words.Statuses.open, .count(m.open)),
            row("mediations.resolution_rate", L.resolutionRate, .rate(m.resolutionRate)),
            row("mediations.closed_loop", L.closedLoop, .count(m.closedLoop)),
            row("mediations.closed_loop_rate", L.closedLoopRate, .rate(m.closedLoopRate)),
            row("mediations.agreements.written", L.written, .count(m.writtenAgreements)),
            row("mediations.agreements.oral", L.oral, .count(m.oralAgreements)),
            row("mediations.amount", L.amount, .amount(fen: m.amountFen)),
        ] + breakdown("mediations.by_category", L.byCategory, m.byCategory, kind: .mediation, field: "category")))
        out.append(FigureSection(key: "petitions", title: CaseKind.petition.label, rows: [
            row("petitions.total", L.total, .count(p.total)),
            row("petitions.group_visits", L.groupVisits, .count(p.groupVisits)),
            row("petitions.finished", L.finished, .count(p.finished)),
            row("petitions.conclusion_rate", L.conclusionRate, .rate(p.conclusionRate)),
            row("petitions.overdue", Words.Clocks.overdue, .count(p.overdue)),
            row("petitions.first_visits", L.firstVisits, .count(p.firstVisits)),
            row("petitions.came_back", L.cameBack, .count(p.cameBack)),
            row("petitions.return_rate", L.returnRate, .rate(p.returnRate)),
            row("petitions.repeats", L.repeats, .count(p.repeats)),
            row("petitions.repeat_rate", L.repeatRate, .rate(p.repeatRate)),
        ] + breakdown("petitions.by_form", L.byForm, p.byForm, kind: .petition, field: "form")
          + breakdown("petitions.by_outcome", L.byOutcome, p.byOutcome, kind: .petition, field: nil)))
        out.append(FigureSection(key: "reviews", title: CaseKind.review.label, rows:
            [row("reviews.total", L.total, .count(r.total))]
            + breakdown("reviews.by_doc_type", L.byDocType, r.byDocType, kind: .review, field: "doc_type")
            + breakdown("reviews.by_outcome", L.byOutcome, r.byOutcome, kind: .review, field: nil)))
        out.append(FigureSection(key: "suits", title: CaseKind.suit.label, rows: [
            row("suits.total", L.total, .count(s.total)),
            row("suits.heard", L.heard, .count(s.heard)),
            row("suits.head_appeared", Words.Fields.headAppeared, .count(s.headAppeared)),
            row("suits.appearance_rate", L.appearanceRate, .rate(s.appearanceRate)),
        ] + breakdown("suits.by_outcome", L.byOutcome, s.byOutcome, kind: .suit, field: nil)))
        // A kind with no cases shows its total only: a page of zeros hides the figures that matter.
        if !keepingEmptyKinds {
            out = out.map { section in
                guard let first = section.rows.first, first.value == .count(0) else { return section }
                return FigureSection(key: section.key, title: section.title, rows: [first])
            }
        }
        out.append(countsSection("by_village", L.byVillage, byVillage))
        out.append(countsSection("by_handler", L.byHandler, byHandler))
        return out
    }

    func countsSection(_ key: String, _ title: Words, _ list: [(name: String, counts: KindCounts)]) -> FigureSection {
        var rows: [FigureRow] = []
        for (name, counts) in list {
            let label = name.isEmpty ? Words.Common.notRecorded : Words(name, name)
            rows.append(FigureRow(id: "\(key).\(name)", label: label, depth: 0, value: .count(counts.total)))
            for (kind, kkey) in SummaryLabels.kindKeys where counts[kind] > 0 {
                rows.append(FigureRow(id: "\(key).\(name).\(kkey)", label: kind.label, depth: 1, value: .count(counts[kind])))
            }
        }
        return FigureSection(key: key, title: title, rows: rows)
    }
}
