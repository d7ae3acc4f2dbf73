import PostgresNIO

/// The district database's tables, created and migrated by `taizhang district init`.
///
/// Each migration is a numbered list of statements applied once, in one transaction, and recorded
/// in `taizhang_migrations`; running init again applies only what is missing. A transaction-level
/// advisory lock keeps two inits from migrating at the same time. docs/district.md describes
/// every table.
public enum DistrictSchema {
    /// The schema version this program writes and reads.
    public static var currentVersion: Int { migrations.count }

    /// Lock key of the migration advisory lock ("taizhang" in ASCII, fits a bigint).
    static let lockKey: Int64 = 0x7461_697A_6861_6E67

    /// Migration n (1-based) is `migrations[n - 1]`.
    static let migrations: [[String]] = [
        // 1: towns, events, cases.
        [
            """
            CREATE TABLE towns (
                name        text PRIMARY KEY,
                head        char(64) NOT NULL,
                events      bigint NOT NULL CHECK (events >= 0),
                first_push  timestamptz NOT NULL DEFAULT now(),
                last_push   timestamptz NOT NULL DEFAULT now()
            )
            """,
            """
            CREATE TABLE events (
                town     text NOT NULL REFERENCES towns(name),
                seq      bigint NOT NULL CHECK (seq >= 1),
                line     text NOT NULL,
                hash     char(64) NOT NULL,
                prev     char(64) NOT NULL,
                type     text NOT NULL,
                case_id  text,
                at       timestamptz NOT NULL,
                op       text NOT NULL,
                PRIMARY KEY (town, seq)
            )
            """,
            "CREATE INDEX events_case ON events (town, case_id, seq)",
            """
            CREATE TABLE cases (
                town            text NOT NULL REFERENCES towns(name),
                case_id         text NOT NULL,
                kind            text NOT NULL,
                year            int NOT NULL,
                unit            text NOT NULL,
                date            date NOT NULL,
                status          text NOT NULL,
                outcome         text,
                handler         text NOT NULL,
                village         text NOT NULL,
                fields          jsonb NOT NULL,
                closed_on       date,
                accepted_on     date,
                extension_days  int NOT NULL DEFAULT 0,
                follow_ups      date[] NOT NULL DEFAULT '{}',
                hearing_date    date,
                amount_fen      bigint,
                people          bigint,
                repeat_of       text NOT NULL DEFAULT '',
                opened_seq      bigint NOT NULL,
                updated_seq     bigint NOT NULL,
                PRIMARY KEY (town, case_id)
            )
            """,
            "CREATE INDEX cases_year ON cases (year, town)",
            "CREATE INDEX cases_repeat_of ON cases (town, repeat_of) WHERE repeat_of <> ''",
        ],
        // 2: a per-town overview for analysts and `district status`.
        [
            """
            CREATE VIEW town_status AS
            SELECT t.name AS town, t.events, t.head, t.first_push, t.last_push,
                   (SELECT count(*) FROM cases c WHERE c.town = t.name) AS cases
            FROM towns t
            """,
        ],
        // 3: login roles for the towns and the analysts; each town role reads and writes only
        // its own town's rows (see DistrictRoles and docs/district.md, "Roles").
        DistrictRoles.migration,
    ]

    /// The version recorded in the database; 0 when init never ran.
    static func version(of db: DistrictDatabase) async throws(DistrictError) -> Int {
        let rows = try await db.query("SELECT to_regclass('taizhang_migrations') IS NOT NULL")
        var exists = false
        do { for try await (e) in rows.decode(Bool.self) { exists = e } } catch {
            throw DistrictError.query("cannot read the schema version: \(DistrictDatabase.cause(of: error))")
        }
        guard exists else { return 0 }
        let v = try await db.query("SELECT coalesce(max(version), 0) FROM taizhang_migrations")
        var version = 0
        do { for try await (n) in v.decode(Int.self) { version = n } } catch {
            throw DistrictError.query("cannot read the schema version: \(DistrictDatabase.cause(of: error))")
        }
        return version
    }

    /// Creates or migrates the schema; returns the versions applied (empty when up to date).
    public static func migrate(_ db: DistrictDatabase) async throws(DistrictError) -> [Int] {
        try await db.transaction { () async throws(DistrictError) -> [Int] in
            try await db.query("SELECT pg_advisory_xact_lock(\(lockKey))")
            try await db.execute("""
                CREATE TABLE IF NOT EXISTS taizhang_migrations (
                    version     int PRIMARY KEY,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """)
            let have = try await version(of: db)
            guard have <= currentVersion else {
                throw DistrictError.schema("the district database has schema version \(have), newer than this program's \(currentVersion); update taizhang")
            }
            var applied: [Int] = []
            if have < currentVersion {
                for v in (have + 1)...currentVersion {
                    for statement in migrations[v - 1] { try await db.execute(statement) }
                    try await db.query("INSERT INTO taizhang_migrations (version) VALUES (\(v))")
                    applied.append(v)
                }
            }
            return applied
        }
    }

    /// Fails unless the database holds exactly this program's schema.
    static func require(_ db: DistrictDatabase) async throws(DistrictError) {
        let v = try await version(of: db)
        if v == 0 {
            throw DistrictError.schema("the district database \(db.url) has no taizhang schema; run `taizhang district init --db URL` first")
        }
        if v < currentVersion {
            throw DistrictError.schema("the district database has schema version \(v), this program needs \(currentVersion); run `taizhang district init --db URL` to migrate")
        }
        if v > currentVersion {
            throw DistrictError.schema("the district database has schema version \(v), newer than this program's \(currentVersion); update taizhang")
        }
    }
}
