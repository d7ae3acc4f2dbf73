import Foundation
import PostgresNIO
import TaizhangDomain
import TaizhangReport

/// The year-end figures of every town and of the district, computed by SQL over `cases`.
///
/// The definitions are docs/metrics.md's, the same as ``YearSummary``'s; the SQL is a second
/// implementation of them, and the district tests check that both give the same figures on the
/// same ledgers. Counts and rates (numerator, denominator and the half-up tenths) come from
/// PostgreSQL; this type only puts them into ``UnitFigures`` so the report's renderers lay them
/// out. District totals add the towns' counts (SQL grouping sets) and recompute the rates.
public struct DistrictSummary: Sendable {
    /// One town's figures.
    public struct Town: Sendable {
        /// The town's name.
        public var name: String
        /// The head hash the district holds for it.
        public var head: String
        /// The lines the district holds for it.
        public var events: Int
        /// station, office, all.
        public var units: [UnitFigures]
    }

    /// The year counted.
    public var year: Int
    /// The day clocks are judged on: the earlier of today and December 31 of `year`.
    public var asOf: BusinessDate
    /// The towns, sorted by name.
    public var towns: [Town]
    /// The district's figures (the towns' sums): station, office, all.
    public var district: [UnitFigures]

    static let unitKeys = ["station", "office", "all"]

    /// Half-up tenths of a percent, as ``Rate/tenths`` computes them, in SQL.
    static func tenths(_ num: String, _ den: String) -> String {
        "CASE WHEN \(den) > 0 THEN (2 * \(num) * 1000 + \(den)) / (2 * \(den)) END"
    }

    /// The counted cases of the year, each once per unit it counts in (its own and `all`), with
    /// the per-case conditions of docs/metrics.md as columns.
    static let countedSQL = """
        counted AS (
            SELECT c.town, u.unit_key, c.kind, c.outcome, c.status, c.fields, c.village, c.handler, c.opened_seq,
                   c.amount_fen, c.case_id,
                   (c.kind = 'mediation' AND c.status = 'closed' AND (
                        (c.outcome = 'resolved' AND CASE WHEN c.closed_on IS NULL THEN cardinality(c.follow_ups) > 0
                                                         ELSE EXISTS (SELECT 1 FROM unnest(c.follow_ups) f WHERE f >= c.closed_on) END)
                     OR (c.outcome = 'failed' AND coalesce(c.fields->>'next', '') <> '')
                     OR c.outcome = 'withdrawn')) AS closed_loop,
                   (c.kind = 'petition' AND CASE WHEN c.status = 'closed' AND c.closed_on IS NOT NULL
                                                 THEN c.closed_on > p.due ELSE $2::date > p.due END) AS overdue,
                   (c.kind = 'petition' AND c.repeat_of = '') AS first_visit,
                   (c.kind = 'petition' AND c.repeat_of <> '') AS repeat_visit,
                   (c.kind = 'petition' AND c.repeat_of = '' AND EXISTS (
                        SELECT 1 FROM cases r WHERE r.town = c.town AND r.repeat_of = c.case_id AND r.status <> 'voided')) AS came_back,
                   (c.kind = 'suit' AND (coalesce(c.fields->>'head_appeared', '') <> '' OR c.hearing_date <= $2::date)) AS heard,
                   coalesce(c.people, 1) >= 5 AS group_visit
            FROM cases c
            CROSS JOIN LATERAL (VALUES (c.unit), ('all')) AS u(unit_key)
            CROSS JOIN LATERAL (SELECT CASE WHEN c.outcome = 'not_accepted' THEN c.date + \(Schema.petitionAcceptanceDays)
                                            ELSE c.accepted_on + \(Schema.petitionHandlingDays) + c.extension_days END AS due) AS p
            WHERE c.year = $1 AND extract(year FROM c.date) = $1 AND c.status <> 'voided'
              AND ($3::text IS NULL OR c.town = $3)
        )
        """

    /// The scalar figures: one row per (town, unit) and per unit for the district.
    static let figureColumns: [(key: String, sql: String)] = [
        ("consultations.total", "count(*) FILTER (WHERE kind = 'consultation')"),
        ("consultations.answered_or_guided", "count(*) FILTER (WHERE kind = 'consultation' AND outcome IN ('answered', 'litigation_guided'))"),
        ("mediations.total", "count(*) FILTER (WHERE kind = 'mediation')"),
        ("mediations.resolved", "count(*) FILTER (WHERE kind = 'mediation' AND outcome = 'resolved')"),
        ("mediations.failed", "count(*) FILTER (WHERE kind = 'mediation' AND outcome = 'failed')"),
        ("mediations.failed_to_litigation", "count(*) FILTER (WHERE kind = 'mediation' AND outcome = 'failed' AND fields->>'next' = 'litigation')"),
        ("mediations.withdrawn", "count(*) FILTER (WHERE kind = 'mediation' AND outcome = 'withdrawn')"),
        ("mediations.open", "count(*) FILTER (WHERE kind = 'mediation' AND (outcome IS NULL OR outcome NOT IN ('resolved', 'failed', 'withdrawn')))"),
        ("mediations.closed_loop", "count(*) FILTER (WHERE closed_loop)"),
        ("mediations.agreements.written", "count(*) FILTER (WHERE kind = 'mediation' AND outcome = 'resolved' AND fields->>'agreement' = 'written')"),
        ("mediations.agreements.oral", "count(*) FILTER (WHERE kind = 'mediation' AND outcome = 'resolved' AND fields->>'agreement' = 'oral')"),
        ("mediations.amount_fen", "coalesce(sum(amount_fen) FILTER (WHERE kind = 'mediation'), 0)"),
        ("petitions.total", "count(*) FILTER (WHERE kind = 'petition')"),
        ("petitions.group_visits", "count(*) FILTER (WHERE kind = 'petition' AND group_visit)"),
        ("petitions.finished", "count(*) FILTER (WHERE kind = 'petition' AND outcome IN ('concluded', 'not_accepted'))"),
        ("petitions.overdue", "count(*) FILTER (WHERE overdue)"),
        ("petitions.first_visits", "count(*) FILTER (WHERE first_visit)"),
        ("petitions.came_back", "count(*) FILTER (WHERE came_back)"),
        ("petitions.repeats", "count(*) FILTER (WHERE repeat_visit)"),
        ("reviews.total", "count(*) FILTER (WHERE kind = 'review')"),
        ("suits.total", "count(*) FILTER (WHERE kind = 'suit')"),
        ("suits.heard", "count(*) FILTER (WHERE heard)"),
        ("suits.head_appeared", "count(*) FILTER (WHERE heard AND fields->>'head_appeared' = 'yes')"),
    ]

    /// The rates: key, numerator figure, denominator figure.
    static let rates: [(key: String, num: String, den: String)] = [
        ("mediations.resolution_rate", "mediations.resolved", "mediations.total"),
        ("mediations.closed_loop_rate", "mediations.closed_loop", "mediations.total"),
        ("petitions.conclusion_rate", "petitions.finished", "petitions.total"),
        ("petitions.return_rate", "petitions.came_back", "petitions.first_visits"),
        ("petitions.repeat_rate", "petitions.repeats", "petitions.total"),
        ("suits.appearance_rate", "suits.head_appeared", "suits.heard"),
    ]

    static var figuresSQL: String {
        let cols = figureColumns.enumerated().map { "\($1.sql)::bigint AS f\($0)" }.joined(separator: ",\n       ")
        let index = Dictionary(uniqueKeysWithValues: figureColumns.enumerated().map { ($1.key, "f\($0)") })
        let rateCols = rates.map { r in
            let n = index[r.num]!, d = index[r.den]!
            return "\(n) AS \(r.key.replacingOccurrences(of: ".", with: "_"))_num, \(d) AS \(r.key.replacingOccurrences(of: ".", with: "_"))_den, \(tenths(n, d)) AS \(r.key.replacingOccurrences(of: ".", with: "_"))_tenths"
        }.joined(separator: ",\n       ")
        return """
            WITH \(countedSQL),
            figures AS (
                SELECT coalesce(town, '') AS town, unit_key, grouping(town) = 1 AS district,
                       \(cols)
                FROM counted
                GROUP BY GROUPING SETS ((town, unit_key), (unit_key))
            )
            SELECT figures.*, \(rateCols)
            FROM figures
            """
    }

    /// Every breakdown: (town, unit, district?, figure, key, count, first case's seq).
    static var breakdownSQL: String {
        """
        WITH \(countedSQL)
        SELECT coalesce(town, '') AS town, unit_key, grouping(town) = 1 AS district, b.figure, b.key,
               count(*)::bigint AS n, min(opened_seq)::bigint AS first_seq
        FROM counted
        CROSS JOIN LATERAL (VALUES
            ('consultations.by_outcome', CASE WHEN kind = 'consultation' THEN coalesce(outcome, 'open') END),
            ('consultations.by_topic', CASE WHEN kind = 'consultation' THEN coalesce(fields->>'topic', '') END),
            ('mediations.by_category', CASE WHEN kind = 'mediation' THEN coalesce(fields->>'category', '') END),
            ('petitions.by_form', CASE WHEN kind = 'petition' THEN coalesce(fields->>'form', '') END),
            ('petitions.by_outcome', CASE WHEN kind = 'petition' THEN coalesce(outcome, 'open') END),
            ('reviews.by_doc_type', CASE WHEN kind = 'review' THEN coalesce(fields->>'doc_type', '') END),
            ('reviews.by_outcome', CASE WHEN kind = 'review' THEN coalesce(outcome, 'open') END),
            ('suits.by_outcome', CASE WHEN kind = 'suit' THEN coalesce(outcome, 'open') END),
            ('by_village.' || kind, village),
            ('by_handler.' || kind, handler)
        ) AS b(figure, key)
        WHERE b.key IS NOT NULL
        GROUP BY GROUPING SETS ((town, unit_key, b.figure, b.key), (unit_key, b.figure, b.key))
        """
    }

    /// Computes the figures of `year` for every town (or only `town`) in the database.
    public static func compute(_ db: DistrictDatabase, year: Int, town: String? = nil,
                               today: BusinessDate = .today()) async throws(DistrictError) -> DistrictSummary {
        try await DistrictSchema.require(db)
        let asOf = min(today, BusinessDate(year: year, month: 12, day: 31)!)
        let asOfText = asOf.description

        // The towns the district holds.
        var towns: [Town] = []
        let townRows = try await db.query("SELECT name, head, events FROM towns WHERE \(town)::text IS NULL OR name = \(town) ")
        do {
            for try await (name, head, events) in townRows.decode((String, String, Int).self) {
                towns.append(Town(name: name, head: head, events: events, units: unitKeys.map(UnitFigures.init(key:))))
            }
        } catch { throw DistrictError.query("cannot read the towns: \(DistrictDatabase.cause(of: error))") }
        if let town, towns.isEmpty {
            throw DistrictError.query("the district database holds no town named \(town)")
        }
        towns.sort { $0.name < $1.name }
        let position = Dictionary(uniqueKeysWithValues: towns.enumerated().map { ($1.name, $0) })

        func figures(_ isDistrict: Bool, _ townName: String, _ unit: String) throws(DistrictError) -> WritableKeyPath<DistrictSummary.Builder, UnitFigures> {
            guard let u = unitKeys.firstIndex(of: unit) else { throw DistrictError.query("unexpected unit \(unit) from the summary query") }
            if isDistrict { return \Builder.district[u] }
            guard let t = position[townName] else { throw DistrictError.query("unexpected town \(townName) from the summary query") }
            return \Builder.towns[t].units[u]
        }
        var builder = Builder(towns: towns, district: unitKeys.map(UnitFigures.init(key:)))

        // Scalar figures and rates.
        var q = PostgresQuery(unsafeSQL: figuresSQL)
        q.binds.append(year); q.binds.append(asOfText); q.binds.append(town)
        let rows = try await db.query(q)
        do {
            for try await row in rows {
                let cells = row.makeRandomAccess()
                let townName = try cells["town"].decode(String.self)
                let unit = try cells["unit_key"].decode(String.self)
                let isDistrict = try cells["district"].decode(Bool.self)
                let path = try figures(isDistrict, townName, unit)
                var v: [String: Int] = [:]
                for (i, col) in figureColumns.enumerated() { v[col.key] = try cells["f\(i)"].decode(Int.self) }
                var f = builder[keyPath: path]
                f.consultations.total = v["consultations.total"]!
                f.consultations.answeredOrGuided = v["consultations.answered_or_guided"]!
                f.mediations.total = v["mediations.total"]!
                f.mediations.resolved = v["mediations.resolved"]!
                f.mediations.failed = v["mediations.failed"]!
                f.mediations.failedToLitigation = v["mediations.failed_to_litigation"]!
                f.mediations.withdrawn = v["mediations.withdrawn"]!
                f.mediations.open = v["mediations.open"]!
                f.mediations.closedLoop = v["mediations.closed_loop"]!
                f.mediations.writtenAgreements = v["mediations.agreements.written"]!
                f.mediations.oralAgreements = v["mediations.agreements.oral"]!
                f.mediations.amountFen = v["mediations.amount_fen"]!
                f.petitions.total = v["petitions.total"]!
                f.petitions.groupVisits = v["petitions.group_visits"]!
                f.petitions.finished = v["petitions.finished"]!
                f.petitions.overdue = v["petitions.overdue"]!
                f.petitions.firstVisits = v["petitions.first_visits"]!
                f.petitions.cameBack = v["petitions.came_back"]!
                f.petitions.repeats = v["petitions.repeats"]!
                f.reviews.total = v["reviews.total"]!
                f.suits.total = v["suits.total"]!
                f.suits.heard = v["suits.heard"]!
                f.suits.headAppeared = v["suits.head_appeared"]!
                var r: [String: Rate] = [:]
                for rate in rates {
                    let base = rate.key.replacingOccurrences(of: ".", with: "_")
                    let value = Rate(num: try cells[base + "_num"].decode(Int.self), den: try cells[base + "_den"].decode(Int.self))
                    let tenths = try cells[base + "_tenths"].decode(Int?.self)
                    // The SQL rounds on its own; a difference from the report's rounding is a bug, not a figure.
                    guard tenths == value.tenths else {
                        throw DistrictError.query("\(rate.key): the database computed \(tenths.map(String.init) ?? "null") tenths for \(value.num)/\(value.den), the report \(value.tenths.map(String.init) ?? "null")")
                    }
                    r[rate.key] = value
                }
                f.mediations.resolutionRate = r["mediations.resolution_rate"]!
                f.mediations.closedLoopRate = r["mediations.closed_loop_rate"]!
                f.petitions.conclusionRate = r["petitions.conclusion_rate"]!
                f.petitions.returnRate = r["petitions.return_rate"]!
                f.petitions.repeatRate = r["petitions.repeat_rate"]!
                f.suits.appearanceRate = r["suits.appearance_rate"]!
                builder[keyPath: path] = f
            }
        } catch let e as DistrictError { throw e } catch {
            throw DistrictError.query("cannot read the summary: \(DistrictDatabase.cause(of: error))")
        }

        // Breakdowns. Keys outside the schema follow its keys in the order the ledger first
        // used them (a town) or sorted (the district), as the report's tallies do.
        var b = PostgresQuery(unsafeSQL: breakdownSQL)
        b.binds.append(year); b.binds.append(asOfText); b.binds.append(town)
        var items: [(path: WritableKeyPath<Builder, UnitFigures>, district: Bool, figure: String, key: String, n: Int, first: Int)] = []
        let bRows = try await db.query(b)
        do {
            for try await (townName, unit, isDistrict, figure, key, n, first) in bRows.decode((String, String, Bool, String, String, Int, Int).self) {
                items.append((try figures(isDistrict, townName, unit), isDistrict, figure, key, n, first))
            }
        } catch let e as DistrictError { throw e } catch {
            throw DistrictError.query("cannot read the summary's breakdowns: \(DistrictDatabase.cause(of: error))")
        }
        items.sort { $0.district == $1.district ? ($0.district ? $0.key < $1.key : $0.first < $1.first) : !$0.district }
        var villages: [WritableKeyPath<Builder, UnitFigures>: [String: KindCounts]] = [:]
        var handlers: [WritableKeyPath<Builder, UnitFigures>: [String: KindCounts]] = [:]
        for item in items {
            var f = builder[keyPath: item.path]
            switch item.figure {
            case "consultations.by_outcome": f.consultations.byOutcome.add(item.key, item.n)
            case "consultations.by_topic": f.consultations.byTopic.add(item.key, item.n)
            case "mediations.by_category": f.mediations.byCategory.add(item.key, item.n)
            case "petitions.by_form": f.petitions.byForm.add(item.key, item.n)
            case "petitions.by_outcome": f.petitions.byOutcome.add(item.key, item.n)
            case "reviews.by_doc_type": f.reviews.byDocType.add(item.key, item.n)
            case "reviews.by_outcome": f.reviews.byOutcome.add(item.key, item.n)
            case "suits.by_outcome": f.suits.byOutcome.add(item.key, item.n)
            default:
                let parts = item.figure.split(separator: ".", maxSplits: 1).map(String.init)
                guard parts.count == 2, let kind = CaseKind(rawValue: parts[1]) else {
                    throw DistrictError.query("unexpected figure \(item.figure) from the summary query")
                }
                if parts[0] == "by_village" {
                    villages[item.path, default: [:]][item.key, default: KindCounts([:])].counts[kind, default: 0] += item.n
                } else {
                    handlers[item.path, default: [:]][item.key, default: KindCounts([:])].counts[kind, default: 0] += item.n
                }
            }
            builder[keyPath: item.path] = f
        }
        for (path, counts) in villages { builder[keyPath: path].byVillage = counts.keys.sorted().map { ($0, counts[$0]!) } }
        for (path, counts) in handlers { builder[keyPath: path].byHandler = counts.keys.sorted().map { ($0, counts[$0]!) } }
        return DistrictSummary(year: year, asOf: asOf, towns: builder.towns, district: builder.district)
    }

    /// Figures under construction, addressed by key path.
    struct Builder {
        var towns: [Town]
        var district: [UnitFigures]
    }

    /// `{"year", "as_of", "towns": {"<town>": {"town", "head", "events", "units"}}, "district": {"events", "units"}}`.
    public var json: JSONNode {
        .object([
            .init("year", .int(year)),
            .init("as_of", .string(asOf.description)),
            .init("towns", .object(towns.map { t in
                .init(t.name, .object([
                    .init("town", .string(t.name)), .init("head", .string(t.head)), .init("events", .int(t.events)),
                    .init("units", .object(t.units.map { .init($0.key, $0.json) })),
                ]))
            })),
            .init("district", .object([
                .init("towns", .int(towns.count)),
                .init("events", .int(towns.reduce(0) { $0 + $1.events })),
                .init("units", .object(district.map { .init($0.key, $0.json) })),
            ])),
        ])
    }
}
