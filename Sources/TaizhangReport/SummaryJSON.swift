import TaizhangDomain

extension Rate {
    /// `{"num": 44, "den": 46, "percent": 95.7}`; percent is null when den is 0.
    public var json: JSONNode {
        .object([.init("num", .int(num)), .init("den", .int(den)), .init("percent", tenths.map(JSONNode.tenths) ?? .null)])
    }
}

extension Tally {
    /// `{"key": count, …}` in tally order.
    public var json: JSONNode { .object(entries.map { .init($0.key, .int($0.count)) }) }
}

extension KindCounts {
    /// `{"consultations": n, "mediations": n, "petitions": n, "reviews": n, "suits": n, "total": n}`.
    public var json: JSONNode {
        .object(SummaryLabels.kindKeys.map { .init($0.key, .int(self[$0.kind])) } + [.init("total", .int(total))])
    }
}

extension YearSummary {
    /// The stable JSON form documented in docs/metrics.md.
    public var json: JSONNode {
        var top: [JSONNode.Member] = [
            .init("year", .int(year)),
            .init("town", .string(town)),
            .init("generated_at", .string(generatedAt)),
            .init("as_of", .string(asOf.description)),
            .init("ledger", .object([.init("events", .int(events)), .init("head", .string(head))])),
        ]
        top.append(.init("units", .object(units.map { .init($0.key, $0.json) })))
        return .object(top)
    }

    /// The JSON text, indented.
    public func jsonText() -> String { json.pretty() }
}

extension UnitFigures {
    /// One unit's figures as JSON.
    public var json: JSONNode {
        let c = consultations, m = mediations, p = petitions, r = reviews, s = suits
        return .object([
            .init("consultations", .object([
                .init("total", .int(c.total)), .init("by_outcome", c.byOutcome.json),
                .init("answered_or_guided", .int(c.answeredOrGuided)), .init("by_topic", c.byTopic.json),
            ])),
            .init("mediations", .object([
                .init("total", .int(m.total)), .init("resolved", .int(m.resolved)), .init("failed", .int(m.failed)),
                .init("failed_to_litigation", .int(m.failedToLitigation)), .init("withdrawn", .int(m.withdrawn)),
                .init("open", .int(m.open)), .init("resolution_rate", m.resolutionRate.json),
                .init("closed_loop", .int(m.closedLoop)), .init("closed_loop_rate", m.closedLoopRate.json),
                .init("by_category", m.byCategory.json),
                .init("agreements", .object([.init("written", .int(m.writtenAgreements)), .init("oral", .int(m.oralAgreements))])),
                .init("amount", .string(Amount.yuan(fen: m.amountFen))),
                .init("amount_fen", .int(m.amountFen)),
            ])),
            .init("petitions", .object([
                .init("total", .int(p.total)), .init("group_visits", .int(p.groupVisits)), .init("finished", .int(p.finished)),
                .init("conclusion_rate", p.conclusionRate.json), .init("overdue", .int(p.overdue)),
                .init("first_visits", .int(p.firstVisits)), .init("came_back", .int(p.cameBack)),
                .init("return_rate", p.returnRate.json), .init("repeats", .int(p.repeats)), .init("repeat_rate", p.repeatRate.json),
                .init("by_form", p.byForm.json), .init("by_outcome", p.byOutcome.json),
            ])),
            .init("reviews", .object([
                .init("total", .int(r.total)), .init("by_doc_type", r.byDocType.json), .init("by_outcome", r.byOutcome.json),
            ])),
            .init("suits", .object([
                .init("total", .int(s.total)), .init("heard", .int(s.heard)), .init("head_appeared", .int(s.headAppeared)),
                .init("appearance_rate", s.appearanceRate.json), .init("by_outcome", s.byOutcome.json),
            ])),
            .init("by_village", .object(byVillage.map { .init($0.name, $0.counts.json) })),
            .init("by_handler", .object(byHandler.map { .init($0.name, $0.counts.json) })),
        ])
    }
}
