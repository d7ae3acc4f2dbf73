import Foundation
import TaizhangTestSupport
import Testing
import TaizhangDistrict

/// The district's login roles against a real server: each town role writes and reads only its
/// own town, stored lines stay append-only, the analyst reads everything and changes nothing.
/// (In the serialized suite, so only one cluster runs at a time.)
extension DistrictTests {
    /// Writes `password` and a newline to `dir/name`.
    func passwordFile(_ dir: String, _ name: String, _ password: String) throws -> String {
        let path = dir + "/" + name
        try Data((password + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A fresh password.
    func newPassword(_ prefix: String) -> String { prefix + "-" + UUID().uuidString.prefix(13).lowercased() }

    /// One value summing up every row of every table, to show a statement changed nothing.
    static let everything = """
        SELECT (SELECT count(*) || ':' || md5(string_agg(town || seq || line, ',' ORDER BY town, seq)) FROM events)
            || '/' || (SELECT string_agg(name || '=' || events || '@' || head || '@' || first_push || '@' || last_push, ',' ORDER BY name) FROM towns)
            || '/' || (SELECT count(*) || ':' || md5(string_agg(town || case_id || status || fields::text || updated_seq, ',' ORDER BY town, case_id)) FROM cases)
        """

    @Test func aTownRoleWritesOnlyItsOwnTown() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            let a = try DistrictFixtures.demoCopy(in: dir)
            let b = try DistrictFixtures.generated(in: dir, town: "潘庄镇", cases: 40, seed: 7)
            let (pwA, pwB) = (newPassword("qingtuo"), newPassword("panzhuang"))

            let made = try taizhang(["district", "add-town", "--db", url, "--town", "青坨镇", "--role", "town_qingtuo",
                                     "--password-file", try passwordFile(dir, "a.pw", pwA)])
            #expect(made.status == 0 && made.stdout.contains("created login role town_qingtuo for town 青坨镇"), "\(made.stdout) \(made.stderr)")
            #expect(!made.stdout.contains(pwA) && !made.stderr.contains(pwA))
            // B's password through standard input.
            let madeB = try taizhang(["district", "add-town", "--db", url, "--town", "潘庄镇", "--role", "town_panzhuang", "--password-file", "-"],
                                     stdin: try passwordFile(dir, "b.pw", pwB))
            #expect(madeB.status == 0 && madeB.stdout.contains("created login role town_panzhuang for town 潘庄镇"), "\(madeB.stdout) \(madeB.stderr)")
            #expect(try pg.psql("district", "SELECT string_agg(role || '=' || kind || ':' || town, ',' ORDER BY role) FROM district_roles")
                    == "town_panzhuang=town:潘庄镇,town_qingtuo=town:青坨镇")
            // The server got SCRAM verifiers (each with its own salt), never the passwords.
            let stored = try pg.psql("district", "SELECT string_agg(rolpassword, ' ' ORDER BY rolname) FROM pg_authid WHERE rolname LIKE 'town_%'")
            let verifiers = stored.split(separator: " ")
            #expect(verifiers.count == 2 && verifiers.allSatisfy { $0.hasPrefix("SCRAM-SHA-256$4096:") } && Set(verifiers.map { $0.prefix(44) }).count == 2, "\(stored)")
            let urlA = pg.url("district", role: "town_qingtuo", password: pwA)
            let urlB = pg.url("district", role: "town_panzhuang", password: pwB)

            // A's role pushes A's ledger: most of it, then the rest (an incremental push).
            let lines = try DistrictFixtures.lineCount(a)
            let part = dir + "/part.jsonl"
            try DistrictFixtures.prefix(of: a, lines: lines - 30, to: part)
            #expect(try LedgerCopy(path: part).town == "青坨镇")
            let first = try push(part, urlA, extra: ["--batch-size", "300"])
            #expect(first.stdout.contains("pushed \(lines - 30) lines of 青坨镇"), "\(first.stdout)")
            let rest = try push(a, urlA)
            #expect(rest.stdout.contains("pushed 30 lines of 青坨镇 (seq \(lines - 29)…\(lines))"), "\(rest.stdout)")
            let again = try push(a, urlA)
            #expect(again.stdout.contains("青坨镇 is up to date"), "\(again.stdout)")

            // B's ledger with A's role: refused, naming both towns, and nothing stored.
            let wrong = try taizhang(["district", "push", "--db", urlA, "--store", b])
            #expect(wrong.status == 2)
            #expect(wrong.stderr.contains("names town 潘庄镇") && wrong.stderr.contains("may write only town 青坨镇"), "\(wrong.stderr)")
            #expect(wrong.stderr.contains("Nothing was stored"), "\(wrong.stderr)")
            #expect(try pg.psql("district", "SELECT (SELECT count(*) FROM events WHERE town = '潘庄镇') + (SELECT count(*) FROM towns WHERE name = '潘庄镇') + (SELECT count(*) FROM cases WHERE town = '潘庄镇')") == "0")
            // Without the client's check the database refuses on its own: a role whose row was
            // taken out of district_roles may write no town at all.
            let pwC = newPassword("unrecorded")
            let madeC = try taizhang(["district", "add-town", "--db", url, "--town", "潘庄镇", "--role", "town_unrecorded",
                                      "--password-file", try passwordFile(dir, "c.pw", pwC)])
            #expect(madeC.status == 0, "\(madeC.stderr)")
            try pg.psql("district", "DELETE FROM district_roles WHERE role = 'town_unrecorded'")
            let unrecorded = try taizhang(["district", "push", "--db", pg.url("district", role: "town_unrecorded", password: pwC), "--store", b])
            #expect(unrecorded.status == 2, "\(unrecorded.stdout)")
            #expect(unrecorded.stderr.contains("refused: the district database does not let role town_unrecorded write town 潘庄镇's lines 1…"), "\(unrecorded.stderr)")
            #expect(unrecorded.stderr.contains("row-level security policy") && unrecorded.stderr.contains("SQLSTATE 42501"), "\(unrecorded.stderr)")
            #expect(try pg.psql("district", "SELECT (SELECT count(*) FROM events WHERE town = '潘庄镇') + (SELECT count(*) FROM towns WHERE name = '潘庄镇') + (SELECT count(*) FROM cases WHERE town = '潘庄镇')") == "0")

            _ = try push(b, urlB)
            #expect(try pg.psql("district", "SELECT count(*) FROM events WHERE town = '潘庄镇'") == String(try DistrictFixtures.lineCount(b)))
            let verified = try taizhang(["district", "verify", "--db", url])
            #expect(verified.status == 0, "\(verified.stderr)")

            // The database refuses on its own, statement by statement, for either town's role.
            let before = try pg.psql("district", Self.everything)
            for (role, password, own, other) in [("town_qingtuo", pwA, "青坨镇", "潘庄镇"), ("town_panzhuang", pwB, "潘庄镇", "青坨镇")] {
                func refused(_ sql: String, _ cause: String) throws {
                    let r = try pg.psql(as: role, password: password, "district", sql)
                    #expect(r.status != 0 && r.stderr.contains(cause), "\(role): \(sql) was not refused with \(cause): \(r.stdout) \(r.stderr)")
                }
                try refused("UPDATE events SET op = op WHERE town = '\(own)' AND seq = 1", "permission denied for table events")
                try refused("UPDATE events SET line = line || ' '", "permission denied for table events")
                try refused("DELETE FROM events WHERE town = '\(own)' AND seq = 2", "permission denied for table events")
                try refused("DELETE FROM events", "permission denied for table events")
                try refused("TRUNCATE events", "permission denied for table events")
                try refused("""
                    INSERT INTO events (town, seq, line, hash, prev, type, at, op)
                    VALUES ('\(other)', 100000, '{}', repeat('0', 64), repeat('0', 64), 'x', now(), 'x')
                    """, "new row violates row-level security policy for table \"events\"")
                try refused("INSERT INTO towns (name, head, events) VALUES ('\(other)', repeat('0', 64), 0) ON CONFLICT DO NOTHING",
                            "new row violates row-level security policy for table \"towns\"")
                try refused("INSERT INTO towns (name, head, events) VALUES ('新镇', repeat('0', 64), 0)",
                            "new row violates row-level security policy for table \"towns\"")
                try refused("""
                    INSERT INTO cases (town, case_id, kind, year, unit, date, status, handler, village, fields, opened_seq, updated_seq)
                    VALUES ('\(other)', 'X-1', 'mediation', 2024, 'station', '2024-01-01', 'open', '', '', '{}', 1, 1)
                    """, "new row violates row-level security policy for table \"cases\"")
                try refused("UPDATE cases SET town = '\(other)' WHERE town = '\(own)'", "new row violates row-level security policy for table \"cases\"")
                try refused("UPDATE towns SET name = '\(other)'", "permission denied for table towns")
                try refused("UPDATE towns SET first_push = now()", "permission denied for table towns")
                try refused("DELETE FROM cases", "permission denied for table cases")
                try refused("DELETE FROM towns", "permission denied for table towns")
                try refused("SELECT count(*) FROM town_status", "permission denied for view town_status")
                try refused("INSERT INTO district_roles VALUES ('\(role)', 'analyst', NULL)", "permission denied for table district_roles")
                try refused("CREATE TABLE mine (x int)", "permission denied for schema public")

                // The other town's rows are invisible; updating them touches nothing.
                let seen = try pg.psql(as: role, password: password, "district", """
                    SELECT (SELECT count(*) FROM events WHERE town <> '\(own)') || ',' || (SELECT count(*) FROM cases WHERE town <> '\(own)')
                        || ',' || (SELECT string_agg(name, ',') FROM towns) || ',' || (SELECT string_agg(role, ',') FROM district_roles)
                        || ',' || (SELECT count(*) > 0 FROM events WHERE town = '\(own)')
                    """)
                #expect(seen.status == 0 && seen.stdout == "0,0,\(own),\(role),true", "\(role): \(seen.stdout) \(seen.stderr)")
                let touched = try pg.psql(as: role, password: password, "district",
                                          "UPDATE cases SET status = 'voided' WHERE town = '\(other)'; UPDATE towns SET events = 0 WHERE name = '\(other)'")
                #expect(touched.status == 0, "\(touched.stderr)")
            }
            #expect(try pg.psql("district", Self.everything) == before)

            // add-town again changes the password: the old one no longer logs in.
            let pwA2 = newPassword("qingtuo2")
            let changed = try taizhang(["district", "add-town", "--db", url, "--town", "青坨镇", "--role", "town_qingtuo",
                                        "--password-file", try passwordFile(dir, "a2.pw", pwA2)])
            #expect(changed.status == 0 && changed.stdout.contains("updated login role town_qingtuo"), "\(changed.stdout) \(changed.stderr)")
            let old = try pg.psql(as: "town_qingtuo", password: pwA, "district", "SELECT 1")
            #expect(old.status != 0 && old.stderr.contains("password authentication failed"), "\(old.stderr)")
            #expect(try pg.psql(as: "town_qingtuo", password: pwA2, "district", "SELECT count(*) FROM towns").stdout == "1")

            // What add-town refuses, before or without touching the database.
            let cases: [([String], String?, String)] = [
                (["--role", "taizhang_admin"], nil, "is the role this command is connected as"),
                (["--role", "Town-A"], nil, "--role: 'Town-A' is not allowed"),
                (["--role", "pg_town"], nil, "--role: 'pg_town' is not allowed"),
                (["--role", "town_x", "--town", " 青坨镇"], nil, "--town: ' 青坨镇' is not allowed"),
                (["--role", "town_x"], "abc12", "the password has 5 characters; allowed: 8 to 1024"),
                (["--role", "town_x"], "密码密码密码密码", "printable ASCII"),
            ]
            for (args, password, message) in cases {
                let file = try passwordFile(dir, "bad.pw", password ?? newPassword("x"))
                var all = ["district", "add-town", "--db", url, "--password-file", file] + args
                if !args.contains("--town") { all += ["--town", "青坨镇"] }
                let r = try taizhang(all)
                #expect(r.status == 1 && r.stderr.contains(message), "\(args): \(r.stderr)")
                if let password { #expect(!r.stderr.contains(password)) }
            }
            let missing = try taizhang(["district", "add-town", "--db", url, "--town", "青坨镇", "--role", "town_x", "--password-file", dir + "/none.pw"])
            #expect(missing.status == 1 && missing.stderr.contains("--password-file: cannot read"), "\(missing.stderr)")
            #expect(try pg.psql("postgres", "SELECT count(*) FROM pg_roles WHERE rolname = 'town_x'") == "0")
        }
    }

    @Test func theRolesPasswordIsHashedBeforeItIsSent() {
        // Computed independently with Python's hashlib.pbkdf2_hmac and hmac (RFC 7677's recipe).
        #expect(DistrictRoles.scramVerifier(password: "pencil-and-paper-42", salt: Array(0..<16))
                == "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$NitFh+tQaJoJQ+Q9d2H47/LkTVdkeS7VdwfhpO3S0Aw=:UAfrJiMS76M0m/uugphxV/6kDrhazPdGgS+tW92XYOQ=")
    }

    @Test func theAnalystReadsEveryTownAndChangesNothing() async throws {
        try await PostgresCluster.with { pg in
            let url = try pg.createDatabase("district")
            let dir = try DistrictFixtures.scratch()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            try initDB(url)
            _ = try push(try DistrictFixtures.demoCopy(in: dir), url)
            _ = try push(try DistrictFixtures.generated(in: dir, town: "潘庄镇", cases: 60, seed: 8), url)
            let pw = newPassword("analyst")
            let made = try taizhang(["district", "add-analyst", "--db", url, "--role", "district_analyst", "--password-file", "-"],
                                    stdin: try passwordFile(dir, "x.pw", pw))
            #expect(made.status == 0 && made.stdout.contains("created read-only login role district_analyst"), "\(made.stdout) \(made.stderr)")
            #expect(!made.stdout.contains(pw) && !made.stderr.contains(pw))
            let analyst = pg.url("district", role: "district_analyst", password: pw)

            // Every town's rows, as the owner sees them.
            let counts = """
                SELECT (SELECT count(DISTINCT town) FROM events) || ',' || (SELECT count(*) FROM events) || ','
                    || (SELECT count(*) FROM cases) || ',' || (SELECT string_agg(town || cases, ',' ORDER BY town) FROM town_status)
                """
            let read = try pg.psql(as: "district_analyst", password: pw, "district", counts)
            let owners = try pg.psql("district", counts)
            #expect(read.status == 0 && read.stdout == owners, "\(read.stdout) \(read.stderr)")
            #expect(read.stdout.hasPrefix("2,"))

            let before = try pg.psql("district", Self.everything)
            let writes = [
                "INSERT INTO events (town, seq, line, hash, prev, type, at, op) VALUES ('青坨镇', 100000, '{}', repeat('0', 64), repeat('0', 64), 'x', now(), 'x')",
                "UPDATE events SET op = op",
                "DELETE FROM events WHERE seq = 1",
                "INSERT INTO towns (name, head, events) VALUES ('新镇', repeat('0', 64), 0)",
                "UPDATE towns SET events = 0",
                "UPDATE cases SET status = 'voided'",
                "DELETE FROM cases",
                "TRUNCATE events",
                "INSERT INTO district_roles VALUES ('someone', 'analyst', NULL)",
            ]
            for sql in writes {
                // Refused as it stands (read-only transactions), and by the grants alone.
                let plain = try pg.psql(as: "district_analyst", password: pw, "district", sql)
                #expect(plain.status != 0 && plain.stderr.contains("read-only transaction"), "\(sql): \(plain.stderr)")
                let readWrite = try pg.psql(as: "district_analyst", password: pw, "district", "BEGIN READ WRITE; \(sql); COMMIT")
                #expect(readWrite.status != 0 && readWrite.stderr.contains("permission denied"), "\(sql): \(readWrite.stderr)")
            }
            #expect(try pg.psql("district", Self.everything) == before)

            // The district's commands that read work for the analyst, with the owner's results.
            for args in [["summary", "--year", "2024", "--format", "json"], ["summary", "--form", "disputes", "--period", "2024", "--format", "csv"]] {
                let theirs = try taizhang(["district"] + args + ["--db", analyst])
                let owners = try taizhang(["district"] + args + ["--db", url])
                #expect(theirs.status == 0 && owners.status == 0, "\(args): \(theirs.stderr)")
                #expect(theirs.stdout == owners.stdout && theirs.stdout.contains("潘庄镇"), "\(args)")
            }
            let status = try taizhang(["district", "status", "--db", analyst])
            #expect(status.status == 0 && status.stdout.contains("潘庄镇") && status.stdout.contains("青坨镇"), "\(status.stderr)")
            let verify = try taizhang(["district", "verify", "--db", analyst])
            #expect(verify.status == 0 && verify.stdout.contains("chain intact"), "\(verify.stderr)")

            // It cannot push: refused by the client, and its transactions could not write anyway.
            let other = try DistrictFixtures.generated(in: dir, town: "芦台镇", cases: 10, seed: 9)
            let pushed = try taizhang(["district", "push", "--db", analyst, "--store", other])
            #expect(pushed.status == 2 && pushed.stderr.contains("read-only analyst role"), "\(pushed.stderr)")
            #expect(try pg.psql("district", Self.everything) == before)

            // Made a town role later, it loses the analyst's reach.
            let town = try taizhang(["district", "add-town", "--db", url, "--town", "芦台镇", "--role", "district_analyst",
                                     "--password-file", try passwordFile(dir, "y.pw", pw)])
            #expect(town.status == 0 && town.stdout.contains("updated login role district_analyst"), "\(town.stderr)")
            let narrowed = try pg.psql(as: "district_analyst", password: pw, "district", "SELECT count(*) FROM events")
            #expect(narrowed.status == 0 && narrowed.stdout == "0", "\(narrowed.stdout) \(narrowed.stderr)")
            _ = try push(other, analyst)
            #expect(try pg.psql("district", "SELECT count(*) FROM events WHERE town = '芦台镇'") == String(try DistrictFixtures.lineCount(other)))
        }
    }
}
