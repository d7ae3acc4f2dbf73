import Foundation
import PostgresNIO
import TaizhangDomain
import TaizhangLog

/// Per town: what the district holds and when the town last pushed.
public struct TownStatus: Sendable, Equatable {
    /// Town name.
    public var town: String
    /// Lines held.
    public var events: Int
    /// Cases held.
    public var cases: Int
    /// Head hash held.
    public var head: String
    /// When the town last pushed (ISO 8601, UTC).
    public var lastPush: String
    /// Whole days since the last push.
    public var daysSincePush: Int
    /// True when the town has not pushed for more than ``DistrictStatus/silentAfterDays`` days.
    public var silent: Bool { daysSincePush > DistrictStatus.silentAfterDays }
}

/// `taizhang district status`.
public enum DistrictStatus {
    /// Towns silent for longer are marked.
    public static let silentAfterDays = 31

    /// Every town, sorted by name.
    public static func read(_ db: DistrictDatabase) async throws(DistrictError) -> [TownStatus] {
        try await DistrictSchema.require(db)
        let rows = try await db.query("""
            SELECT town, events, cases, head,
                   to_char(last_push AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                   floor(extract(epoch FROM now() - last_push) / 86400)::bigint
            FROM town_status ORDER BY town COLLATE "C"
            """)
        var out: [TownStatus] = []
        do {
            for try await (town, events, cases, head, last, days) in rows.decode((String, Int, Int, String, String, Int).self) {
                out.append(TownStatus(town: town, events: events, cases: cases, head: head, lastPush: last, daysSincePush: days))
            }
        } catch { throw DistrictError.query("cannot read the towns: \(DistrictDatabase.cause(of: error))") }
        return out
    }
}

/// One problem `district verify` found.
public struct ChainDefect: Sendable, Equatable, CustomStringConvertible {
    /// Town.
    public var town: String
    /// The line concerned.
    public var seq: Int
    /// What is wrong.
    public var problem: String
    public var description: String { "town \(town) seq \(seq): \(problem)" }
}

/// The result of verifying one town's stored chain.
public struct TownVerification: Sendable {
    /// Town.
    public var town: String
    /// Lines held.
    public var events: Int
    /// The head recomputed from the stored lines.
    public var head: String
    /// Problems found, in seq order (at most ``DistrictVerify/maxDefects`` per town).
    public var defects: [ChainDefect]
}

/// `taizhang district verify`: recomputes every stored chain from `events.line`.
///
/// Each line's SHA-256 is computed by PostgreSQL from the stored text and compared with the
/// stored `hash`, with the next line's `prev`, and (for the last line) with the town's head; seq
/// numbers must run 1, 2, 3, … A line edited in place, a deleted row or a broken `prev` is named
/// by town and seq.
public enum DistrictVerify {
    /// Problems reported per town at most.
    public static let maxDefects = 20

    /// Verifies every town, or only `town`.
    public static func run(_ db: DistrictDatabase, town: String? = nil) async throws(DistrictError) -> [TownVerification] {
        try await DistrictSchema.require(db)
        var towns: [(String, Int, String)] = []
        let t = try await db.query("SELECT name, events, head FROM towns WHERE \(town)::text IS NULL OR name = \(town) ORDER BY name COLLATE \"C\"")
        do { for try await row in t.decode((String, Int, String).self) { towns.append(row) } } catch {
            throw DistrictError.query("cannot read the towns: \(DistrictDatabase.cause(of: error))")
        }
        if let town, towns.isEmpty { throw DistrictError.query("the district database holds no town named \(town)") }
        var out: [TownVerification] = []
        for (name, events, head) in towns {
            var defects: [ChainDefect] = []
            let rows = try await db.query("""
                WITH e AS (
                    SELECT seq, hash, prev, encode(sha256(convert_to(line, 'UTF8')), 'hex') AS computed
                    FROM events WHERE town = \(name)
                ), w AS (
                    SELECT seq, hash, prev, computed,
                           lag(hash) OVER (ORDER BY seq) AS prev_hash,
                           lag(seq) OVER (ORDER BY seq) AS prev_seq
                    FROM e
                )
                SELECT seq, hash, prev, computed, coalesce(prev_hash, \(LogRecord.genesisHash)), coalesce(prev_seq, 0)
                FROM w
                WHERE computed <> hash OR prev <> coalesce(prev_hash, \(LogRecord.genesisHash)) OR seq <> coalesce(prev_seq, 0) + 1
                ORDER BY seq
                LIMIT \(maxDefects)
                """)
            do {
                for try await (seq, hash, prev, computed, expectedPrev, prevSeq) in rows.decode((Int, String, String, String, String, Int).self) {
                    if seq != prevSeq + 1 {
                        let missing = prevSeq + 1 == seq - 1 ? "line \(prevSeq + 1) is" : "lines \(prevSeq + 1)…\(seq - 1) are"
                        defects.append(ChainDefect(town: name, seq: prevSeq + 1, problem: "\(missing) missing (sequence gap)"))
                    }
                    if computed != hash {
                        defects.append(ChainDefect(town: name, seq: seq, problem: "the stored line does not match its hash (stored \(hash), computed from the line \(computed)): the line was edited"))
                    } else if prev != expectedPrev, seq == prevSeq + 1 {
                        defects.append(ChainDefect(town: name, seq: seq, problem: "prev \(prev) is not line \(seq - 1)'s hash \(expectedPrev) (broken chain: line \(seq - 1) and its hash, or this prev, were changed)"))
                    }
                }
            } catch { throw DistrictError.query("cannot verify town \(name): \(DistrictDatabase.cause(of: error))") }

            let last = try await db.query("""
                SELECT count(*)::bigint, coalesce(max(seq), 0)::bigint,
                       coalesce((SELECT encode(sha256(convert_to(line, 'UTF8')), 'hex') FROM events WHERE town = \(name) ORDER BY seq DESC LIMIT 1), \(LogRecord.genesisHash))
                FROM events WHERE town = \(name)
                """)
            var count = 0, maxSeq = 0, computedHead = LogRecord.genesisHash
            do { for try await (c, m, h) in last.decode((Int, Int, String).self) { (count, maxSeq, computedHead) = (c, m, h) } } catch {
                throw DistrictError.query("cannot verify town \(name): \(DistrictDatabase.cause(of: error))")
            }
            if maxSeq < events {
                defects.append(ChainDefect(town: name, seq: maxSeq + 1, problem: "the town's record says \(events) lines but the last stored line is \(maxSeq) (lines deleted)"))
            } else if maxSeq > events || count > events {
                defects.append(ChainDefect(town: name, seq: events + 1, problem: "lines after the town's recorded \(events) are stored (the town's record was changed)"))
            } else if computedHead != head {
                defects.append(ChainDefect(town: name, seq: events, problem: "the town's head \(head) is not the hash of its last line (\(computedHead))"))
            }
            out.append(TownVerification(town: name, events: count, head: computedHead, defects: defects))
        }
        return out
    }
}
