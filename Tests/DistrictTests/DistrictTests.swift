import Foundation
import TaizhangTestSupport
import Testing
import TaizhangDistrict
import TaizhangDomain
import TaizhangLog
import TaizhangReport

/// The district commands against a real PostgreSQL server (one throwaway cluster per test).
@Suite(.serialized)
struct DistrictTests {
    /// Pushes `path` with the CLI and expects success.
    func push(_ path: String, _ url: String, extra: [String] = []) throws -> RunResult {
        let r = try taizhang(["district", "push", "--db", url, "--store", path] + extra)
        #expect(r.status == 0, "push of \(path) failed: \(r.stderr)")
        return r
    }

    func initDB(_ url: String) throws {
        let r = try taizhang(["district", "init", "--db", url])
        #expect(r.status == 0, "init failed: \(r.stderr)")
    }

    /// Every integer of a summary's `units`, by path (percentages left out: they are recomputed).
    func counts(_ node: Any, _ path: String = "", into out: inout [String: Int]) {
        if let d = node as? [String: Any] {
            for (k, v) in d where k != "percent" { counts(v, path + "/" + k, into: &out) }
        } else if let n = node as? NSNumber, !(node is String) {
            out[path, default: 0] += n.intValue
        }
    }

    @Test func threeTownsAndTheDemoGiveTheLedgersOwnFigures() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let ledgers = [
                ("青坨镇", try DistrictFixtures.demoCopy(in: dir)),
                ("潘庄镇", try DistrictFixtures.generated(in: dir, town: "潘庄镇", cases: 300, seed: 11)),
                ("芦台镇", try DistrictFixtures.generated(in: dir, town: "芦台镇", cases: 300, seed: 22)),
                ("岳龙镇", try DistrictFixtures.generated(in: dir, town: "岳龙镇", cases: 300, seed: 33)),
            ]
            for (_, path) in ledgers { _ = try push(path, url, extra: ["--batch-size", "500"]) }
            // The stored lines are the files' lines, byte for byte: their chains recompute.
            let verified = try taizhang(["district", "verify", "--db", url])
            #expect(verified.status == 0, "\(verified.stderr)")
            for (town, path) in ledgers {
                #expect(verified.stdout.contains("\(town): \(try DistrictFixtures.lineCount(path)) lines, chain intact, head \((try LedgerCopy(path: path)).head)"))
            }

            // Each town's cases rows are its ledger's cases.
            for (town, path) in ledgers {
                let ledger = try Ledger(path: path, operatorName: "t", options: LogOpenOptions(create: false, readOnly: true))
                #expect(try pg.psql("district", "SELECT count(*) FROM cases WHERE town = '\(town)'") == String(ledger.state.cases.count))
            }

            let db = try await DistrictDatabase.connect(DistrictURL(url))
            for year in [2023, 2024, 2025] {
                // In process: the SQL's figures equal the fold's, member for member and in order.
                let summary = try await DistrictSummary.compute(db, year: year, today: DistrictFixtures.todayDate)
                #expect(summary.towns.map(\.name) == ledgers.map(\.0).sorted())
                for (town, path) in ledgers {
                    let t = try #require(summary.towns.first { $0.name == town })
                    #expect(DistrictFixtures.units(t) == (try DistrictFixtures.ledgerUnits(path, year: year)),
                            "\(town) \(year): the district's figures differ from the ledger's")
                }
                // Through the CLI: `district summary --format json` beside `summary --format json`.
                let d = try taizhang(["district", "summary", "--db", url, "--year", String(year), "--format", "json"])
                #expect(d.status == 0, "\(d.stderr)")
                let district = try #require(DistrictFixtures.parse(d.stdout) as? [String: Any])
                let towns = try #require(district["towns"] as? [String: Any])
                var summed: [String: Int] = [:]
                for (town, path) in ledgers {
                    let s = try taizhang(["summary", "--store", path, "--year", String(year), "--format", "json"])
                    #expect(s.status == 0, "\(s.stderr)")
                    let own = try #require((DistrictFixtures.parse(s.stdout) as? [String: Any])?["units"] as? NSDictionary)
                    let entry = try #require(towns[town] as? [String: Any])
                    let theirs = try #require(entry["units"] as? NSDictionary)
                    #expect(own.isEqual(theirs), "\(town) \(year): CLI figures differ")
                    #expect(entry["head"] as? String == (try LedgerCopy(path: path)).head)
                    counts(theirs, into: &summed)
                }
                // District totals add the towns' counts and recompute every rate.
                let totals = try #require((district["district"] as? [String: Any])?["units"])
                var districtCounts: [String: Int] = [:]
                counts(totals, into: &districtCounts)
                #expect(districtCounts == summed, "\(year): district totals are not the towns' sums")
                for unit in summary.district {
                    for rate in [unit.mediations.resolutionRate, unit.mediations.closedLoopRate, unit.petitions.conclusionRate,
                                 unit.petitions.returnRate, unit.suits.appearanceRate] {
                        #expect(rate.num <= rate.den)
                    }
                    let sumResolved = summary.towns.reduce(0) { $0 + $1.units.first { $0.key == unit.key }!.mediations.resolved }
                    let sumTotal = summary.towns.reduce(0) { $0 + $1.units.first { $0.key == unit.key }!.mediations.total }
                    #expect(unit.mediations.resolutionRate == Rate(num: sumResolved, den: sumTotal))
                }
            }
            // The demo's report figures, through the SQL.
            let demo = try #require(try await DistrictSummary.compute(db, year: 2024, town: "青坨镇", today: DistrictFixtures.todayDate).towns.first)
            let office = try #require(demo.units.first { $0.key == "office" })
            #expect(office.mediations.resolutionRate == Rate(num: 44, den: 46))
            #expect(office.petitions.returnRate == Rate(num: 1, den: 60))
            await db.close()

            for format in ["text", "csv", "md"] {
                let r = try taizhang(["district", "summary", "--db", url, "--year", "2024", "--format", format])
                #expect(r.status == 0 && r.stdout.contains("青坨镇") && r.stdout.contains("芦台镇"), "\(format): \(r.stderr)")
            }
            let xlsx = dir + "/district.xlsx"
            let x = try taizhang(["district", "summary", "--db", url, "--year", "2024", "--format", "xlsx", "-o", xlsx])
            #expect(x.status == 0 && FileManager.default.fileExists(atPath: xlsx), "\(x.stderr)")

            // The monthly dispute form, one row per town: each town's row is the total row of
            // `report disputes` on that town's own ledger, for a month, a quarter and a year.
            for period in ["2024-03", "2024-Q1", "2024"] {
                let d = try taizhang(["district", "summary", "--db", url, "--form", "disputes", "--period", period, "--format", "csv"])
                #expect(d.status == 0, "\(period): \(d.stderr)")
                let rows = d.stdout.split(whereSeparator: \.isNewline).map(String.init)
                for (town, path) in ledgers {
                    let own = try taizhang(["report", "disputes", "--store", path, "--period", period, "--format", "csv"])
                    #expect(own.status == 0, "\(own.stderr)")
                    let ownTotal = try #require(own.stdout.split(whereSeparator: \.isNewline).map(String.init).first { $0.hasPrefix("合计,") })
                    let townRow = try #require(rows.first { $0.hasPrefix(town + ",") }, "\(period): no row for \(town)")
                    #expect(townRow.dropFirst(town.count) == ownTotal.dropFirst("合计".count), "\(period) \(town)")
                }
                // The district's total adds the towns' rows, column by column.
                let total = try #require(rows.first { $0.hasPrefix("合计,") }).split(separator: ",", omittingEmptySubsequences: false)
                let townRows = ledgers.map { l in rows.first { $0.hasPrefix(l.0 + ",") }!.split(separator: ",", omittingEmptySubsequences: false) }
                for column in [1, 2, 3] {
                    #expect(Int(total[column]) == townRows.reduce(0) { $0 + Int($1[column])! }, "\(period) column \(column)")
                }
            }
            let bad = try taizhang(["district", "summary", "--db", url, "--form", "disputes", "--format", "csv"])
            #expect(bad.status == 1 && bad.stderr.contains("--period"), "\(bad.stderr)")
        }
    }

    @Test func pushingTwiceSendsNothingTheSecondTime() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let path = try DistrictFixtures.demoCopy(in: dir)
            let lines = try DistrictFixtures.lineCount(path)
            let first = try push(path, url)
            #expect(first.stdout.contains("pushed \(lines) lines of 青坨镇"))
            let second = try push(path, url)
            #expect(second.stdout.contains("青坨镇 is up to date"), "\(second.stdout)")
            #expect(second.stdout.contains("nothing sent"))
            #expect(try pg.psql("district", "SELECT count(*) FROM events") == String(lines))
            #expect(try pg.psql("district", "SELECT events FROM towns") == String(lines))

            // New lines in the ledger go on the next push, and only they.
            let ledger = try Ledger(path: path, operatorName: "王律师")
            _ = try ledger.perform(.open(kind: .consultation, fields: [FieldInput("date", "2024-12-30"), FieldInput("unit", "station"),
                                                                      FieldInput("client", "新人"), FieldInput("topic", pickTopic())]),
                                   today: DistrictFixtures.todayDate)
            let third = try push(path, url)
            #expect(third.stdout.contains("pushed 1 lines of 青坨镇 (seq \(lines + 1)…\(lines + 1))"), "\(third.stdout)")
        }
    }

    func pickTopic() -> String { CaseKind.consultation.field("topic")!.choices[0].key }

    @Test func aKilledPushIsCompletedByTheNext() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let path = try DistrictFixtures.demoCopy(in: dir)
            let lines = try DistrictFixtures.lineCount(path)
            let batch = 40
            let program = try RunningProgram(Binaries.taizhang, ["district", "push", "--db", url, "--store", path, "--lang", "en",
                                                                 "--batch-size", String(batch), "--pause-after-batch", "0.2"])
            // Kill it (SIGKILL: no chance to clean up) once a few batches are in.
            var held = 0
            for _ in 0..<600 {
                held = Int((try? pg.psql("district", "SELECT coalesce((SELECT events FROM towns), 0)")) ?? "0") ?? 0
                if held >= 3 * batch { break }
                usleep(20_000)
            }
            kill(program.process.processIdentifier, SIGKILL)
            let killed = program.finish()
            #expect(killed.status == SIGKILL, "the push ended before it was killed")
            let events = Int(try pg.psql("district", "SELECT count(*) FROM events"))!
            let recorded = Int(try pg.psql("district", "SELECT events FROM towns"))!
            // A batch boundary: the events, the town's count and its head agree.
            #expect(events == recorded)
            #expect(events % batch == 0 && events >= 3 * batch && events < lines, "stopped at \(events) of \(lines)")
            #expect(try pg.psql("district", "SELECT head FROM towns") == (try LedgerCopy(path: path)).lines[events - 1].hash)
            #expect(try pg.psql("district", "SELECT count(*) FROM cases WHERE updated_seq > \(events)") == "0")

            let rest = try push(path, url)
            #expect(rest.stdout.contains("pushed \(lines - events) lines of 青坨镇 (seq \(events + 1)…\(lines))"), "\(rest.stdout)")
            #expect(try pg.psql("district", "SELECT count(*), min(seq), max(seq), count(DISTINCT seq) FROM events") == "\(lines)|1|\(lines)|\(lines)")
            let v = try taizhang(["district", "verify", "--db", url])
            #expect(v.status == 0, "\(v.stderr)")
            // The cases are those of a push that never stopped.
            let db = try await DistrictDatabase.connect(DistrictURL(url))
            let summary = try await DistrictSummary.compute(db, year: 2024, today: DistrictFixtures.todayDate)
            await db.close()
            #expect(DistrictFixtures.units(try #require(summary.towns.first)) == (try DistrictFixtures.ledgerUnits(path, year: 2024)))
        }
    }

    @Test func aForkedLedgerIsRefusedAndNothingStored() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let path = try DistrictFixtures.demoCopy(in: dir)
            _ = try push(path, url)
            let stored = try pg.psql("district", "SELECT events || ' ' || head FROM towns")
            let lines = try DistrictFixtures.lineCount(path)

            // The same town's ledger cut at line 100 and written on from there: a fork.
            let fork = dir + "/fork.jsonl"
            try DistrictFixtures.prefix(of: path, lines: 100, to: fork)
            let ledger = try Ledger(path: fork, operatorName: "王律师")
            for i in 0..<(lines - 100 + 5) {
                _ = try ledger.perform(.open(kind: .consultation, fields: [FieldInput("date", "2024-12-30"), FieldInput("unit", "station"),
                                                                          FieldInput("client", "分叉\(i)"), FieldInput("topic", pickTopic())]),
                                       today: DistrictFixtures.todayDate)
            }
            let original = try LedgerCopy(path: path), forked = try LedgerCopy(path: fork)
            let r = try taizhang(["district", "push", "--db", url, "--store", fork])
            #expect(r.status == 2)
            #expect(r.stderr.contains("at seq 101"), "\(r.stderr)")
            #expect(r.stderr.contains(original.lines[100].hash) && r.stderr.contains(forked.lines[100].hash), "\(r.stderr)")
            #expect(r.stderr.contains("nothing was stored"))
            #expect(try pg.psql("district", "SELECT events || ' ' || head FROM towns") == stored)
            #expect(try pg.psql("district", "SELECT count(*) FROM events") == String(lines))
            #expect(try pg.psql("district", "SELECT count(*) FROM cases WHERE fields->>'client' LIKE '分叉%'") == "0")
        }
    }

    @Test func aCutBackLedgerIsReportedAsMissingLines() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let path = try DistrictFixtures.demoCopy(in: dir)
            _ = try push(path, url)
            let lines = try DistrictFixtures.lineCount(path)
            let short = dir + "/short.jsonl"
            try DistrictFixtures.prefix(of: path, lines: lines - 25, to: short)
            let r = try taizhang(["district", "push", "--db", url, "--store", short])
            #expect(r.status == 2)
            #expect(r.stderr.contains("has \(lines - 25) lines but the district holds \(lines) for town 青坨镇"), "\(r.stderr)")
            #expect(r.stderr.contains("lines \(lines - 24)…\(lines) are missing"), "\(r.stderr)")
            #expect(try pg.psql("district", "SELECT events FROM towns") == String(lines))
        }
    }

    @Test func verifyNamesAnEditedLineAndADeletedRow() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let demo = try DistrictFixtures.demoCopy(in: dir)
            let other = try DistrictFixtures.generated(in: dir, town: "潘庄镇", cases: 60, seed: 5)
            _ = try push(demo, url)
            _ = try push(other, url)
            let clean = try taizhang(["district", "verify", "--db", url])
            #expect(clean.status == 0, "\(clean.stderr)")
            #expect(clean.stdout.contains("青坨镇:") && clean.stdout.contains("chain intact"))

            try pg.psql("district", "UPDATE events SET line = replace(line, '\"seq\":17,', '\"seq\":17, ') WHERE town = '青坨镇' AND seq = 17")
            let edited = try taizhang(["district", "verify", "--db", url])
            #expect(edited.status == 2)
            #expect(edited.stderr.contains("town 青坨镇 seq 17: the stored line does not match its hash"), "\(edited.stderr)")
            #expect(!edited.stderr.contains("潘庄镇"))
            let onlyOther = try taizhang(["district", "verify", "--db", url, "--town", "潘庄镇"])
            #expect(onlyOther.status == 0, "\(onlyOther.stderr)")

            try pg.psql("district", "DELETE FROM events WHERE town = '潘庄镇' AND seq = 30")
            let deleted = try taizhang(["district", "verify", "--db", url, "--town", "潘庄镇"])
            #expect(deleted.status == 2)
            #expect(deleted.stderr.contains("town 潘庄镇 seq 30: line 30 is missing"), "\(deleted.stderr)")
        }
    }

    @Test func aWrongPasswordGivesAClearError() async throws {
        try await PostgresCluster.with { pg in
            _ = try pg.createDatabase("district")
            let wrong = "not-the-password-123"
            let r = try taizhang(["district", "status", "--db", pg.url("district", password: wrong)])
            #expect(r.status == 2)
            #expect(r.stderr.contains("cannot connect to the district database at 127.0.0.1:\(pg.port)"), "\(r.stderr)")
            #expect(r.stderr.contains("password authentication failed"), "\(r.stderr)")
            #expect(!r.stderr.contains(wrong) && !r.stdout.contains(wrong))
        }
    }

    @Test func tlsIsUsedWhenTheServerAsksForIt() async throws {
        try await PostgresCluster.with(tls: true) { pg in
            let plain = pg.url("postgres")
            let tlsURL = plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=require")
            let preferred = plain.replacingOccurrences(of: "?sslmode=disable", with: "")
            for url in [tlsURL, preferred] {
                let r = try taizhang(["district", "init", "--db", url])
                #expect(r.status == 0, "\(r.stderr)")
            }
            let refused = try taizhang(["district", "status", "--db", plain])
            #expect(refused.status == 2 && refused.stderr.contains("no encryption"), "\(refused.stderr)")
            let unverified = try taizhang(["district", "status", "--db", plain.replacingOccurrences(of: "sslmode=disable", with: "sslmode=verify-ca")])
            #expect(unverified.status == 2 && unverified.stderr.contains("certificate could not be verified"), "\(unverified.stderr)")
        }
    }

    @Test func anUnreachableServerGivesHostPortAndCause() throws {
        let port = try PostgresCluster.freePort()
        let r = try taizhang(["district", "status", "--db", "postgres://someone:secret-pw@127.0.0.1:\(port)/district?sslmode=disable"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("127.0.0.1:\(port)") && r.stderr.contains("connection refused"), "\(r.stderr)")
        #expect(!r.stderr.contains("secret-pw"))
        let none = try taizhang(["district", "status"])
        #expect(none.status == 1 && none.stderr.contains("TAIZHANG_DISTRICT_DB"), "\(none.stderr)")
    }

    @Test func aLedgerWithoutATownIsRefused() throws {
        let dir = try DistrictFixtures.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/no-town.jsonl"
        let ledger = try Ledger(path: path, operatorName: "王律师")
        _ = try ledger.perform(.setting(key: "station_name", value: "法律服务站"), today: DistrictFixtures.todayDate)
        let r = try taizhang(["district", "push", "--db", "postgres://u:p@127.0.0.1:1/d", "--store", path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no town setting") && r.stderr.contains("taizhang settings set town="), "\(r.stderr)")
    }

    @Test func initIsIdempotentAndStatusMarksSilentTowns() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let before = try taizhang(["district", "status", "--db", url])
            #expect(before.status == 2 && before.stderr.contains("run `taizhang district init"), "\(before.stderr)")
            let first = try taizhang(["district", "init", "--db", url])
            #expect(first.status == 0 && first.stdout.contains("applied migration(s) 1, 2, 3"), "\(first.stdout) \(first.stderr)")
            let again = try taizhang(["district", "init", "--db", url])
            #expect(again.status == 0 && again.stdout.contains("nothing to migrate"), "\(again.stdout)")
            #expect(try pg.psql("district", "SELECT string_agg(version::text, ',' ORDER BY version) FROM taizhang_migrations") == "1,2,3")

            let demo = try DistrictFixtures.demoCopy(in: dir)
            let other = try DistrictFixtures.generated(in: dir, town: "潘庄镇", cases: 40, seed: 9)
            _ = try push(demo, url)
            _ = try push(other, url)
            try pg.psql("district", "UPDATE towns SET last_push = now() - interval '40 days' WHERE name = '潘庄镇'")
            let s = try taizhang(["district", "status", "--db", url, "--format", "json"])
            #expect(s.status == 0, "\(s.stderr)")
            let towns = try #require((DistrictFixtures.parse(s.stdout) as? [String: Any])?["towns"] as? [[String: Any]])
            #expect(towns.map { $0["town"] as? String } == ["潘庄镇", "青坨镇"].sorted())
            let demoRow = try #require(towns.first { $0["town"] as? String == "青坨镇" })
            let ledger = try Ledger(path: demo, operatorName: "t", options: LogOpenOptions(create: false, readOnly: true))
            #expect(demoRow["events"] as? Int == ledger.log.lineCount)
            #expect(demoRow["cases"] as? Int == ledger.state.cases.count)
            #expect(demoRow["silent"] as? Bool == false)
            let silent = try #require(towns.first { $0["town"] as? String == "潘庄镇" })
            #expect(silent["silent"] as? Bool == true && silent["days_since_push"] as? Int == 40)
            let text = try taizhang(["district", "status", "--db", url])
            #expect(text.stdout.contains("silent for more than 31 days"), "\(text.stdout)")
        }
    }
}
