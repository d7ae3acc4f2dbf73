import Crypto
import Foundation
import PostgresNIO

/// The district's login roles: one per town, which reads and writes only that town's rows, and
/// read-only analysts, who read every town and change nothing.
///
/// The rights are the database's, not the client's: grants on the tables, and row-level security
/// policies on `towns`, `events` and `cases` that compare each row's town with the town
/// `district_roles` records for `current_user`. No role is given `UPDATE` or `DELETE` on `events`,
/// and no policy would let one through, so stored lines are append-only for every role but the
/// owner. The owner (the administrator who ran `district init`) is not subject to the policies
/// (they are enabled, not forced), so `init`, `push` and `verify` work for it as before.
public enum DistrictRoles {
    /// What a recorded role may do.
    public enum Kind: String, Sendable {
        /// Insert and keep current one town's rows; read that town's rows.
        case town
        /// Read every town's rows and views; change nothing.
        case analyst
    }

    /// The role a connection logged in as, as `district_roles` records it.
    public struct Role: Sendable, Equatable {
        /// The role's name (`current_user`).
        public var name: String
        /// Town or analyst; nil when the role is not recorded (the owner, say).
        public var kind: Kind?
        /// The town a town role may write.
        public var town: String?
    }

    /// The town of the connected role, for the policies. A scalar subquery, so PostgreSQL
    /// computes it once per statement; written out in each policy (not a function) because a
    /// policy's table references are bound when it is created and cannot be redirected later
    /// by a search path or a temporary table of the same name.
    static let ownTown = "(SELECT r.town FROM district_roles r WHERE r.role = current_user AND r.kind = 'town')"
    static let isAnalyst = "EXISTS (SELECT 1 FROM district_roles r WHERE r.role = current_user AND r.kind = 'analyst')"

    /// Schema migration 3: `district_roles` and the policies.
    static let migration: [String] = [
        """
        CREATE TABLE district_roles (
            role  name PRIMARY KEY,
            kind  text NOT NULL CHECK (kind IN ('town', 'analyst')),
            town  text,
            CHECK ((kind = 'town') = (town IS NOT NULL AND town <> ''))
        )
        """,
        "ALTER TABLE district_roles ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY own_row ON district_roles FOR SELECT USING (role = current_user)",
        "ALTER TABLE towns ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY analyst_reads ON towns FOR SELECT USING (\(isAnalyst))",
        "CREATE POLICY town_reads ON towns FOR SELECT USING (name = \(ownTown))",
        "CREATE POLICY town_inserts ON towns FOR INSERT WITH CHECK (name = \(ownTown))",
        "CREATE POLICY town_updates ON towns FOR UPDATE USING (name = \(ownTown)) WITH CHECK (name = \(ownTown))",
        "ALTER TABLE events ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY analyst_reads ON events FOR SELECT USING (\(isAnalyst))",
        "CREATE POLICY town_reads ON events FOR SELECT USING (town = \(ownTown))",
        "CREATE POLICY town_inserts ON events FOR INSERT WITH CHECK (town = \(ownTown))",
        "ALTER TABLE cases ENABLE ROW LEVEL SECURITY",
        "CREATE POLICY analyst_reads ON cases FOR SELECT USING (\(isAnalyst))",
        "CREATE POLICY town_reads ON cases FOR SELECT USING (town = \(ownTown))",
        "CREATE POLICY town_inserts ON cases FOR INSERT WITH CHECK (town = \(ownTown))",
        "CREATE POLICY town_updates ON cases FOR UPDATE USING (town = \(ownTown)) WITH CHECK (town = \(ownTown))",
    ]

    /// Every table and view a role's rights are set on (all rights on them are revoked first).
    static let relations = "towns, events, cases, town_status, taizhang_migrations, district_roles"

    /// The statements giving a role its rights; `%1$I` is the role, `%2$I` the database,
    /// `%3$I` the schema.
    static func grants(_ kind: Kind) -> [String] {
        let common = [
            "REVOKE ALL ON \(relations) FROM %1$I",
            "GRANT USAGE ON SCHEMA %3$I TO %1$I",
        ]
        switch kind {
        case .town:
            return common + [
                // TEMPORARY: a push sends its lines into a temporary table first (COPY is not
                // allowed into a table with row-level security).
                "GRANT CONNECT, TEMPORARY ON DATABASE %2$I TO %1$I",
                "GRANT SELECT ON taizhang_migrations, district_roles TO %1$I",
                "GRANT SELECT, INSERT ON towns, events TO %1$I",
                "GRANT UPDATE (head, events, last_push) ON towns TO %1$I",
                "GRANT SELECT, INSERT, UPDATE ON cases TO %1$I",
                "ALTER ROLE %1$I RESET default_transaction_read_only",
            ]
        case .analyst:
            return common + [
                "GRANT CONNECT ON DATABASE %2$I TO %1$I",
                "REVOKE TEMPORARY ON DATABASE %2$I FROM %1$I",
                "GRANT SELECT ON \(relations) TO %1$I",
                "ALTER ROLE %1$I SET default_transaction_read_only = on",
            ]
        }
    }

    /// The connected role and what the district records for it.
    public static func current(_ db: DistrictDatabase) async throws(DistrictError) -> Role {
        let rows = try await db.query("""
            SELECT current_user::text, r.kind, r.town
            FROM (SELECT 1) AS one LEFT JOIN district_roles r ON r.role = current_user
            """)
        var role = Role(name: db.url.user, kind: nil, town: nil)
        do {
            for try await (name, kind, town) in rows.decode((String, String?, String?).self) {
                role = Role(name: name, kind: kind.flatMap(Kind.init(rawValue:)), town: town)
            }
        } catch {
            throw DistrictError.query("cannot read the connected role's rights: \(DistrictDatabase.cause(of: error))")
        }
        return role
    }

    /// Creates or updates `role` as town `town`'s login role; true when it was created.
    public static func addTown(_ db: DistrictDatabase, role: String, town: String, password: String) async throws(DistrictError) -> Bool {
        try checkTown(town)
        return try await add(db, role: role, kind: .town, town: town, password: password)
    }

    /// Creates or updates `role` as a read-only analyst role; true when it was created.
    public static func addAnalyst(_ db: DistrictDatabase, role: String, password: String) async throws(DistrictError) -> Bool {
        try await add(db, role: role, kind: .analyst, town: nil, password: password)
    }

    static func add(_ db: DistrictDatabase, role: String, kind: Kind, town: String?, password: String) async throws(DistrictError) -> Bool {
        try checkRoleName(role)
        _ = try Self.password(from: Array(password.utf8))
        try await DistrictSchema.require(db)
        return try await db.transaction { () async throws(DistrictError) -> Bool in
            let me = try await current(db)
            if me.name == role {
                throw DistrictError.badInput("--role: \(role) is the role this command is connected as (the administrator's); choose another name for the \(kind == .town ? "town's" : "analyst's") role")
            }
            let existing = try await db.query("""
                SELECT r.rolsuper, r.rolbypassrls, pg_has_role(r.oid, c.relowner, 'MEMBER')
                FROM pg_roles r, pg_class c WHERE r.rolname = \(role) AND c.oid = 'events'::regclass
                """)
            var found: (Bool, Bool, Bool)?
            do { for try await row in existing.decode((Bool, Bool, Bool).self) { found = row } } catch {
                throw DistrictError.query("cannot look up role \(role): \(DistrictDatabase.cause(of: error))")
            }
            if case let (superuser, bypass, owner)? = found {
                // Row-level security does not hold such a role: it would see and write every town.
                if superuser { throw DistrictError.badInput("--role: \(role) is a superuser, which row-level security cannot restrict; choose another name") }
                if bypass { throw DistrictError.badInput("--role: \(role) has BYPASSRLS, which row-level security cannot restrict; choose another name") }
                if owner { throw DistrictError.badInput("--role: \(role) owns the district's tables (or is a member of their owner), which row-level security cannot restrict; choose another name") }
            }
            let create = found == nil ? "CREATE ROLE %1$I LOGIN PASSWORD %4$L" : "ALTER ROLE %1$I LOGIN PASSWORD %4$L"
            let verifier = scramVerifier(password: password, salt: randomSalt())
            for template in [create] + grants(kind) {
                try await db.execute(try await format(template, role: role, password: verifier, db))
            }
            try await db.query("""
                INSERT INTO district_roles (role, kind, town) VALUES (\(role), \(kind.rawValue), \(town))
                ON CONFLICT (role) DO UPDATE SET kind = excluded.kind, town = excluded.town
                """)
            return found == nil
        }
    }

    /// `template` with the role, the database, the schema of the district's tables and the
    /// password filled in and quoted by the server's own `format` (so the quoting always
    /// matches the server's settings).
    static func format(_ template: String, role: String, password: String, _ db: DistrictDatabase) async throws(DistrictError) -> String {
        let rows = try await db.query("""
            SELECT format(\(template), \(role)::text, current_database()::text,
                          (SELECT n.nspname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'events'::regclass),
                          \(password)::text)
            """)
        var sql = ""
        do { for try await (s) in rows.decode(String.self) { sql = s } } catch {
            throw DistrictError.query("cannot prepare the rights of role \(role): \(DistrictDatabase.cause(of: error))")
        }
        return sql
    }

    /// PostgreSQL's SCRAM-SHA-256 verifier of `password` (RFC 5802/7677, 4096 iterations, as
    /// `psql`'s `\password` makes it): the server stores it as it is and never sees the password,
    /// which therefore cannot appear in its statement log or `pg_stat_activity`. The password is
    /// printable ASCII, which SASLprep leaves unchanged.
    public static func scramVerifier(password: String, salt: [UInt8], iterations: Int = 4096) -> String {
        let key = SymmetricKey(data: Array(password.utf8))
        // PBKDF2-HMAC-SHA-256 with one 32-byte block.
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var salted = u
        for _ in 1..<max(1, iterations) {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in salted.indices { salted[i] ^= u[i] }
        }
        let saltedKey = SymmetricKey(data: salted)
        let clientKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Client Key".utf8), using: saltedKey))
        let storedKey = Array(SHA256.hash(data: clientKey))
        let serverKey = Array(HMAC<SHA256>.authenticationCode(for: Array("Server Key".utf8), using: saltedKey))
        func b64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
        return "SCRAM-SHA-256$\(iterations):\(b64(salt))$\(b64(storedKey)):\(b64(serverKey))"
    }

    /// 16 random bytes (the salt length PostgreSQL uses).
    static func randomSalt() -> [UInt8] {
        var rng = SystemRandomNumberGenerator()
        return (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) }
    }

    /// Refuses a role name that needs quoting or that PostgreSQL reserves.
    public static func checkRoleName(_ name: String) throws(DistrictError) {
        let bytes = Array(name.utf8)
        let allowed = bytes.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }
        let first = bytes.first.map { ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x5F } ?? false
        guard !bytes.isEmpty, bytes.count <= 63, allowed, first, !name.hasPrefix("pg_"), name != "public" else {
            throw DistrictError.badInput("--role: '\(name)' is not allowed; a role name is 1 to 63 of a-z, 0-9 and _, starts with a letter or _, and is not public or pg_…")
        }
    }

    /// Refuses an empty town name, or one with spaces at its ends or control characters.
    public static func checkTown(_ town: String) throws(DistrictError) {
        let bad = town.unicodeScalars.contains { $0.properties.generalCategory == .control }
        guard !town.isEmpty, !bad, town.trimmingCharacters(in: .whitespaces) == town, town.count <= 200 else {
            throw DistrictError.badInput("--town: '\(town)' is not allowed; give the town's name exactly as its ledger's `town` setting (1 to 200 characters, no control characters, no spaces at either end)")
        }
    }

    /// The password in a password file's bytes: one trailing newline (LF or CR LF) is dropped;
    /// the rest must be 8 to 1024 printable ASCII characters. The message never repeats it.
    public static func password(from bytes: [UInt8]) throws(DistrictError) -> String {
        var b = bytes[...]
        if b.last == 0x0A { b = b.dropLast() }
        if b.last == 0x0D { b = b.dropLast() }
        guard b.allSatisfy({ $0 >= 0x20 && $0 <= 0x7E }) else {
            throw DistrictError.badInput("--password-file: the password must be one line of printable ASCII characters (letters, digits, punctuation, space)")
        }
        guard (8...1024).contains(b.count) else {
            throw DistrictError.badInput("--password-file: the password has \(b.count) characters; allowed: 8 to 1024")
        }
        return String(decoding: b, as: UTF8.self)
    }
}
