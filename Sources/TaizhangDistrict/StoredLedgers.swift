import Foundation
import PostgresNIO

/// The towns' ledgers as the district stores them: each town's lines, in order, as the bytes of
/// a ledger file. Forms that the ledger's own code computes (the monthly dispute form) are made
/// from these, so the district's figures are the towns' own by construction.
public enum StoredLedgers {
    /// One town's stored ledger.
    public struct Town: Sendable {
        /// The town's name.
        public var name: String
        /// Lines stored.
        public var events: Int
        /// The head the town last pushed.
        public var head: String
        /// Every stored line, each followed by a newline: the bytes of the town's ledger file.
        public var bytes: [UInt8]
    }

    /// Reads every town's lines (or `town`'s alone), towns ordered by name.
    public static func read(_ db: DistrictDatabase, town: String? = nil) async throws(DistrictError) -> [Town] {
        try await DistrictSchema.require(db)
        var towns: [Town] = []
        let t = try await db.query("SELECT name, events, head FROM towns WHERE \(town)::text IS NULL OR name = \(town) ORDER BY name COLLATE \"C\"")
        do {
            for try await (name, events, head) in t.decode((String, Int, String).self) {
                towns.append(Town(name: name, events: events, head: head, bytes: []))
            }
        } catch { throw DistrictError.query("cannot read the towns: \(DistrictDatabase.cause(of: error))") }
        if let town, towns.isEmpty { throw DistrictError.query("the district database holds no town named \(town)") }
        for i in towns.indices {
            let name = towns[i].name
            let rows = try await db.query("SELECT line FROM events WHERE town = \(name) AND seq <= \(towns[i].events) ORDER BY seq")
            var bytes: [UInt8] = []
            do {
                for try await line in rows.decode(String.self) {
                    bytes.append(contentsOf: line.utf8)
                    bytes.append(0x0A)
                }
            } catch { throw DistrictError.query("cannot read town \(name)'s lines: \(DistrictDatabase.cause(of: error))") }
            towns[i].bytes = bytes
        }
        return towns
    }
}
