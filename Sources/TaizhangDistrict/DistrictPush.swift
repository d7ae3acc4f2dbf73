import Foundation
import PostgresNIO
import TaizhangDomain
import TaizhangLog

/// What a push did.
public struct PushReport: Sendable {
    /// The ledger's town.
    public var town: String
    /// Lines sent by this push.
    public var sent: Int
    /// Lines the district now holds for the town.
    public var total: Int
    /// Head hash the district now holds.
    public var head: String
    /// True when nothing needed sending.
    public var upToDate: Bool { sent == 0 }
}

/// Sends a ledger's new lines to the district database.
///
/// Lines go in batches, each batch one transaction holding its events (sent with COPY), the
/// `cases` rows those events change (their state after the batch, from the domain's fold) and
/// the town's new head. A push stopped at any moment therefore leaves the database at a batch
/// boundary, and the next push continues from there. Before anything is sent the lines the
/// district already holds are compared with the ledger's: a ledger that differs (rewritten,
/// repaired, forked) or is shorter (cut back) is refused and nothing is stored.
public enum DistrictPush {
    /// Lines per batch (transaction).
    public static let defaultBatchSize = 5000

    /// Pushes `ledger`; `progress(done, total)` is called after each batch with the lines sent so
    /// far and the lines to send. `pauseAfterBatch` (seconds) slows a push down for tests that stop it.
    public static func push(_ ledger: LedgerCopy, to db: DistrictDatabase, batchSize: Int = defaultBatchSize,
                            pauseAfterBatch: Double = 0,
                            progress: ((Int, Int) -> Void)? = nil) async throws(DistrictError) -> PushReport {
        try requireTown(ledger)
        let town = ledger.town
        try await DistrictSchema.require(db)
        let role = try await checkRole(ledger, db)
        let staged = try await rowSecurityActive(db)
        let (stored, storedHead) = try await townState(town, db)
        try await compare(ledger, town: town, stored: stored, storedHead: storedHead, db)
        let total = ledger.lines.count
        if stored == total { return PushReport(town: town, sent: 0, total: total, head: ledger.head) }

        // The cases' state at the first line to send: fold what the district already has.
        var state = LedgerState()
        state.lineSource = LineSource(path: ledger.path)
        for line in ledger.lines[0..<stored] { try apply(line, to: &state, ledger) }

        var done = stored
        var head = storedHead
        while done < total {
            let end = min(done + max(1, batchSize), total)
            var touched: [CaseID] = []
            var seen = Set<CaseID>()
            for line in ledger.lines[done..<end] {
                try apply(line, to: &state, ledger)
                if let text = line.record.caseID, let id = CaseID(text), seen.insert(id).inserted { touched.append(id) }
            }
            let rows = touched.compactMap { state[$0] }.map(CaseRow.init)
            let newHead = ledger.lines[end - 1].hash
            let (from, expectedHead) = (done, head)
            do {
                try await db.transaction { () async throws(DistrictError) in
                    try await lockTown(town, expecting: from, head: expectedHead, db)
                    try await copyEvents(ledger, range: from..<end, town: town, staged: staged, db)
                    try await checkStored(town, range: from..<end, db)
                    try await upsert(rows, town: town, db)
                    try await db.query("UPDATE towns SET head = \(newHead), events = \(end), last_push = now() WHERE name = \(town)")
                }
            } catch {
                throw refusal(error, role: role, ledger: ledger, range: from..<end)
            }
            done = end
            head = newHead
            progress?(done - stored, total - stored)
            if pauseAfterBatch > 0, done < total { try? await Task.sleep(for: .seconds(pauseAfterBatch)) }
        }
        return PushReport(town: town, sent: total - stored, total: total, head: head)
    }

    /// Refuses, before anything is sent, a push by an analyst role or by a town role whose town
    /// is not the ledger's. (The database refuses such writes on its own; this names both towns.)
    static func checkRole(_ ledger: LedgerCopy, _ db: DistrictDatabase) async throws(DistrictError) -> DistrictRoles.Role {
        let role = try await DistrictRoles.current(db)
        switch role.kind {
        case .analyst?:
            throw DistrictError.refused("refused: role \(role.name) is one of the district's read-only analyst roles and cannot push; push with the town's own role (`taizhang district add-town`). Nothing was stored.")
        case .town?:
            if let own = role.town, own != ledger.town {
                throw DistrictError.refused("refused: the ledger \(ledger.path) names town \(ledger.town), but role \(role.name) may write only town \(own). Nothing was stored; push \(ledger.town)'s ledger with \(ledger.town)'s own role.")
            }
        case nil:
            break
        }
        return role
    }

    /// True when row-level security applies to the connected role: COPY then goes into a
    /// temporary table (PostgreSQL refuses COPY FROM into a table with row-level security).
    static func rowSecurityActive(_ db: DistrictDatabase) async throws(DistrictError) -> Bool {
        let rows = try await db.query("SELECT row_security_active('events')")
        var active = false
        do { for try await (a) in rows.decode(Bool.self) { active = a } } catch {
            throw DistrictError.query("cannot read the connected role's rights: \(DistrictDatabase.cause(of: error))")
        }
        return active
    }

    /// A batch the database refused for lack of rights (SQLSTATE 42501), said plainly.
    static func refusal(_ error: DistrictError, role: DistrictRoles.Role, ledger: LedgerCopy, range: Range<Int>) -> DistrictError {
        guard case let .query(message) = error, message.contains("SQLSTATE 42501") else { return error }
        let may = role.town.map { " (which may write only town \($0))" } ?? ""
        return .refused("refused: the district database does not let role \(role.name)\(may) write town \(ledger.town)'s lines \(range.lowerBound + 1)…\(range.upperBound) of the ledger \(ledger.path); that batch was not stored (\(message))")
    }

    /// Refuses a ledger without a `town` setting, naming the command that sets it.
    public static func requireTown(_ ledger: LedgerCopy) throws(DistrictError) {
        guard ledger.town.isEmpty else { return }
        throw DistrictError.noTown("the ledger \(ledger.path) has no town setting; set it first with `taizhang settings set town=…` (the town's name), then push again")
    }

    static func apply(_ line: LedgerCopy.Line, to state: inout LedgerState, _ ledger: LedgerCopy) throws(DistrictError) {
        do {
            try state.apply(line.record)
        } catch {
            throw DistrictError.ledger("the ledger \(ledger.path) is damaged at line \(line.seq) (\(error)); run `taizhang verify` on it before pushing")
        }
    }

    /// The lines and head the district holds for `town` (0 and the genesis hash when none).
    static func townState(_ town: String, _ db: DistrictDatabase) async throws(DistrictError) -> (Int, String) {
        let rows = try await db.query("SELECT events, head FROM towns WHERE name = \(town)")
        var result = (0, LogRecord.genesisHash)
        do { for try await (n, h) in rows.decode((Int, String).self) { result = (n, h) } } catch {
            throw DistrictError.query("cannot read town \(town): \(DistrictDatabase.cause(of: error))")
        }
        return result
    }

    /// Refuses a ledger whose lines differ from, or stop before, what the district holds.
    static func compare(_ ledger: LedgerCopy, town: String, stored: Int, storedHead: String,
                        _ db: DistrictDatabase) async throws(DistrictError) {
        guard stored > 0 else { return }
        let common = min(stored, ledger.lines.count)
        // The chain makes one comparison enough when the last common line agrees.
        let agreesAtCommon: Bool
        if common == stored {
            agreesAtCommon = ledger.lines[common - 1].hash == storedHead
        } else if common == 0 {
            agreesAtCommon = true
        } else {
            agreesAtCommon = try await storedHash(town, seq: common, db) == ledger.lines[common - 1].hash
        }
        if !agreesAtCommon {
            let rows = try await db.query("SELECT seq, hash FROM events WHERE town = \(town) AND seq <= \(common) ORDER BY seq")
            var first: (Int, String, String)?
            do {
                for try await (seq, hash) in rows.decode((Int, String).self) where first == nil {
                    let mine = ledger.lines[seq - 1].hash
                    if mine != hash { first = (seq, hash, mine) }
                }
            } catch {
                throw DistrictError.query("cannot read town \(town)'s stored hashes: \(DistrictDatabase.cause(of: error))")
            }
            let (seq, theirs, mine) = first ?? (common, storedHead, ledger.lines[common - 1].hash)
            throw DistrictError.conflict("""
                refused: the ledger \(ledger.path) differs from the district's copy of town \(town) at seq \(seq): \
                the district holds hash \(theirs), the ledger has \(mine). The ledger was rewritten, repaired or forked \
                after it was pushed; nothing was stored. Compare it with the district's lines (`taizhang district verify`) before going on.
                """)
        }
        if ledger.lines.count < stored {
            throw DistrictError.conflict("""
                refused: the ledger \(ledger.path) has \(ledger.lines.count) lines but the district holds \(stored) for town \(town): \
                lines \(ledger.lines.count + 1)…\(stored) are missing from this ledger (district head \(storedHead)). \
                It was cut back or restored from an older copy; nothing was stored.
                """)
        }
    }

    static func storedHash(_ town: String, seq: Int, _ db: DistrictDatabase) async throws(DistrictError) -> String? {
        let rows = try await db.query("SELECT hash FROM events WHERE town = \(town) AND seq = \(seq)")
        var hash: String?
        do { for try await (h) in rows.decode(String.self) { hash = h } } catch {
            throw DistrictError.query("cannot read town \(town)'s line \(seq): \(DistrictDatabase.cause(of: error))")
        }
        return hash
    }

    /// Creates the town's row when new, locks it, and checks nobody pushed meanwhile.
    static func lockTown(_ town: String, expecting events: Int, head: String, _ db: DistrictDatabase) async throws(DistrictError) {
        try await db.query("INSERT INTO towns (name, head, events) VALUES (\(town), \(LogRecord.genesisHash), 0) ON CONFLICT (name) DO NOTHING")
        let (n, h) = try await lockedState(town, db)
        guard n == events, h == head else {
            throw DistrictError.conflict("town \(town) changed in the district database during this push (another push of the same town?): it now holds \(n) lines; push again")
        }
    }

    static func lockedState(_ town: String, _ db: DistrictDatabase) async throws(DistrictError) -> (Int, String) {
        let rows = try await db.query("SELECT events, head FROM towns WHERE name = \(town) FOR UPDATE")
        var result = (0, "")
        do { for try await (n, h) in rows.decode((Int, String).self) { result = (n, h) } } catch {
            throw DistrictError.query("cannot lock town \(town): \(DistrictDatabase.cause(of: error))")
        }
        return result
    }

    /// Sends lines `range` (0-based) with COPY … FROM STDIN, in COPY's text format; `staged`:
    /// into a temporary table first, then `INSERT … SELECT` (where the policies are checked).
    static func copyEvents(_ ledger: LedgerCopy, range: Range<Int>, town: String, staged: Bool, _ db: DistrictDatabase) async throws(DistrictError) {
        var buffer = ByteBufferAllocator().buffer(capacity: (ledger.lines[range.upperBound - 1].range.upperBound - ledger.lines[range.lowerBound].range.lowerBound) * 2 + range.count * 256)
        ledger.bytes.withUnsafeBufferPointer { all in
            for line in ledger.lines[range] {
                let r = line.record
                writeEscaped(town, to: &buffer); buffer.writeInteger(UInt8(ascii: "\t"))
                buffer.writeString(String(line.seq)); buffer.writeInteger(UInt8(ascii: "\t"))
                writeEscaped(UnsafeBufferPointer(rebasing: all[line.range]), to: &buffer); buffer.writeInteger(UInt8(ascii: "\t"))
                buffer.writeString(line.hash); buffer.writeInteger(UInt8(ascii: "\t"))
                buffer.writeString(r.prev); buffer.writeInteger(UInt8(ascii: "\t"))
                writeEscaped(r.type, to: &buffer); buffer.writeInteger(UInt8(ascii: "\t"))
                if let c = r.caseID { writeEscaped(c, to: &buffer) } else { buffer.writeString("\\N") }
                buffer.writeInteger(UInt8(ascii: "\t"))
                writeEscaped(r.at, to: &buffer); buffer.writeInteger(UInt8(ascii: "\t"))
                writeEscaped(r.op, to: &buffer); buffer.writeInteger(UInt8(ascii: "\n"))
            }
        }
        let data = buffer
        let columns = ["town", "seq", "line", "hash", "prev", "type", "case_id", "at", "op"]
        // COPY quotes the table name as one identifier: the temporary table is found first on
        // the search path (pg_temp comes first for tables).
        if staged {
            try await db.execute("""
                CREATE TEMPORARY TABLE taizhang_push_events (town text, seq bigint, line text, hash text, prev text,
                                                             type text, case_id text, at timestamptz, op text) ON COMMIT DROP
                """)
        }
        do {
            try await db.connection.copyFrom(table: staged ? "taizhang_push_events" : "events", columns: columns,
                                             logger: db.logger) { writer in
                try await writer.write(data)
            }
        } catch {
            throw DistrictError.query("the district database (\(db.url.host):\(db.url.port)) refused town \(town)'s lines \(range.lowerBound + 1)…\(range.upperBound): \(DistrictDatabase.cause(of: error))")
        }
        if staged {
            let list = columns.joined(separator: ", ")
            try await db.execute("INSERT INTO events (\(list)) SELECT \(list) FROM pg_temp.taizhang_push_events ORDER BY seq")
        }
    }

    /// Checks, before the batch commits, that the server stored each line exactly: its SHA-256
    /// computed by PostgreSQL from the stored text is the hash the ledger's chain has.
    static func checkStored(_ town: String, range: Range<Int>, _ db: DistrictDatabase) async throws(DistrictError) {
        let rows = try await db.query("""
            SELECT min(seq) FROM events
            WHERE town = \(town) AND seq > \(range.lowerBound) AND seq <= \(range.upperBound)
              AND encode(sha256(convert_to(line, 'UTF8')), 'hex') <> hash
            """)
        var bad: Int?
        do { for try await (seq) in rows.decode(Int?.self) { bad = seq } } catch {
            throw DistrictError.query("cannot check town \(town)'s stored lines: \(DistrictDatabase.cause(of: error))")
        }
        if let bad {
            throw DistrictError.query("the district database stored town \(town)'s line \(bad) differently from the ledger (its hash does not match); nothing of this batch was kept")
        }
    }

    /// COPY text format: backslash, tab, newline and carriage return are escaped.
    static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to buffer: inout ByteBuffer) {
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x5C || b == 0x09 || b == 0x0A || b == 0x0D {
            if i > start { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start..<i])) }
            switch b {
            case 0x09: buffer.writeString("\\t")
            case 0x0A: buffer.writeString("\\n")
            case 0x0D: buffer.writeString("\\r")
            default: buffer.writeString("\\\\")
            }
            start = i + 1
        }
        if start < bytes.count { buffer.writeBytes(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(bytes)[start...])) }
    }

    static func writeEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { writeEscaped($0, to: &buffer) }
    }

    /// Writes the current state of the batch's cases.
    static func upsert(_ rows: [CaseRow], town: String, _ db: DistrictDatabase) async throws(DistrictError) {
        guard !rows.isEmpty else { return }
        let q: PostgresQuery = """
            INSERT INTO cases (town, case_id, kind, year, unit, date, status, outcome, handler, village, fields,
                               closed_on, accepted_on, extension_days, follow_ups, hearing_date, amount_fen, people,
                               repeat_of, opened_seq, updated_seq)
            SELECT \(town), u.case_id, u.kind, u.year, u.unit, u.date::date, u.status, nullif(u.outcome, ''), u.handler, u.village,
                   u.fields::jsonb, nullif(u.closed_on, '')::date, nullif(u.accepted_on, '')::date, u.extension_days,
                   CASE WHEN u.follow_ups = '' THEN '{}'::date[] ELSE string_to_array(u.follow_ups, ',')::date[] END,
                   nullif(u.hearing_date, '')::date, nullif(u.amount_fen, '')::bigint, nullif(u.people, '')::bigint,
                   u.repeat_of, u.opened_seq, u.updated_seq
            FROM unnest(\(rows.map(\.caseID))::text[], \(rows.map(\.kind))::text[], \(rows.map(\.year))::int[],
                        \(rows.map(\.unit))::text[], \(rows.map(\.date))::text[], \(rows.map(\.status))::text[],
                        \(rows.map(\.outcome))::text[], \(rows.map(\.handler))::text[], \(rows.map(\.village))::text[],
                        \(rows.map(\.fields))::text[], \(rows.map(\.closedOn))::text[], \(rows.map(\.acceptedOn))::text[],
                        \(rows.map(\.extensionDays))::int[], \(rows.map(\.followUps))::text[], \(rows.map(\.hearingDate))::text[],
                        \(rows.map(\.amountFen))::text[], \(rows.map(\.people))::text[], \(rows.map(\.repeatOf))::text[],
                        \(rows.map(\.openedSeq))::bigint[], \(rows.map(\.updatedSeq))::bigint[])
                 AS u(case_id, kind, year, unit, date, status, outcome, handler, village, fields, closed_on, accepted_on,
                      extension_days, follow_ups, hearing_date, amount_fen, people, repeat_of, opened_seq, updated_seq)
            ON CONFLICT (town, case_id) DO UPDATE SET
                kind = excluded.kind, year = excluded.year, unit = excluded.unit, date = excluded.date,
                status = excluded.status, outcome = excluded.outcome, handler = excluded.handler, village = excluded.village,
                fields = excluded.fields, closed_on = excluded.closed_on, accepted_on = excluded.accepted_on,
                extension_days = excluded.extension_days, follow_ups = excluded.follow_ups, hearing_date = excluded.hearing_date,
                amount_fen = excluded.amount_fen, people = excluded.people, repeat_of = excluded.repeat_of,
                opened_seq = excluded.opened_seq, updated_seq = excluded.updated_seq
            """
        try await db.query(q)
    }
}
