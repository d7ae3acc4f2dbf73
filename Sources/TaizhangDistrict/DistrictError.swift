/// What can go wrong between a ledger and the district database.
///
/// Every case carries a message for the person at the terminal; none ever contains a password.
public enum DistrictError: Error, Sendable, CustomStringConvertible {
    /// `--db` / `$TAIZHANG_DISTRICT_DB` missing or not a PostgreSQL URL.
    case badURL(String)
    /// The server could not be reached, refused the login or dropped the connection.
    case connection(String)
    /// The ledger file cannot be read or is damaged.
    case ledger(String)
    /// The ledger has no `town` setting.
    case noTown(String)
    /// The ledger differs from what the district already holds (forked, repaired, cut back).
    case conflict(String)
    /// The database's schema is missing or newer than this program.
    case schema(String)
    /// A query failed.
    case query(String)
    /// `district verify` found damage.
    case damaged(String)
    /// An option's value is not allowed (a role name, a town, a password file).
    case badInput(String)
    /// The logged-in role may not do this (a town role pushing another town's ledger, an
    /// analyst pushing), checked by the client and refused by the database.
    case refused(String)

    public var description: String {
        switch self {
        case let .badURL(m), let .connection(m), let .ledger(m), let .noTown(m), let .conflict(m),
             let .schema(m), let .query(m), let .damaged(m), let .badInput(m), let .refused(m):
            return m
        }
    }
}
