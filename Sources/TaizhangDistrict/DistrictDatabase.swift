import Foundation
import PostgresNIO

/// One connection to the district's PostgreSQL, with errors turned into messages that name the
/// server and the cause (never the password).
public final class DistrictDatabase: Sendable {
    /// Where it is connected (no password).
    public let url: DistrictURL
    let connection: PostgresConnection
    let logger: Logger

    private init(url: DistrictURL, connection: PostgresConnection, logger: Logger) {
        self.url = url
        self.connection = connection
        self.logger = logger
    }

    /// Connects to `url`: password (SCRAM or MD5) authentication, TLS as `sslmode` says.
    public static func connect(_ url: DistrictURL) async throws(DistrictError) -> DistrictDatabase {
        var logger = Logger(label: "taizhang.district")
        logger.logLevel = .critical
        let config = try url.configuration()
        do {
            let c = try await PostgresConnection.connect(configuration: config, id: 1, logger: logger)
            return DistrictDatabase(url: url, connection: c, logger: logger)
        } catch {
            throw DistrictError.connection("cannot connect to the district database at \(url.host):\(url.port) (role \(url.user), database \(url.database)): \(Self.cause(of: error))")
        }
    }

    /// Closes the connection.
    public func close() async {
        try? await connection.close()
    }

    /// Runs `query`, returning its rows.
    @discardableResult
    func query(_ query: PostgresQuery) async throws(DistrictError) -> PostgresRowSequence {
        do {
            return try await connection.query(query, logger: logger)
        } catch {
            throw DistrictError.query("the district database (\(url.host):\(url.port)) refused a query: \(Self.cause(of: error))")
        }
    }

    /// Runs one SQL statement without parameters.
    func execute(_ sql: String) async throws(DistrictError) {
        try await query(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(_ body: () async throws(DistrictError) -> T) async throws(DistrictError) -> T {
        try await execute("BEGIN")
        do {
            let value = try await body()
            try await execute("COMMIT")
            return value
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }

    /// A readable cause for a PostgresNIO error: the server's message and SQLSTATE, or the
    /// network error underneath.
    static func cause(of error: any Error) -> String {
        guard let e = error as? PSQLError else { return String(describing: error) }
        if let info = e.serverInfo {
            let message = info[.message] ?? "error"
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = info[.detail].map { "; \($0)" } ?? ""
            return message + state + detail
        }
        if let u = e.underlying {
            let text = String(describing: u)
            if text.localizedCaseInsensitiveContains("connection refused") {
                return "connection refused (is PostgreSQL running and listening on that address?)"
            }
            if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("failedToValidateHostname") {
                return "TLS: the server's certificate could not be verified (sslmode=verify-ca or verify-full checks it against the system's roots or sslrootcert=FILE, and verify-full also against the host name)"
            }
            if text.localizedCaseInsensitiveContains("timed out") || text.localizedCaseInsensitiveContains("timeout") {
                return "no answer (connection timed out)"
            }
            return text
        }
        switch e.code {
        case .sslUnsupported: return "the server does not support TLS but sslmode requires it"
        case .authMechanismRequiresPassword: return "the server asks for a password and the URL gives none"
        case .serverClosedConnection: return "the server closed the connection"
        case .unsupportedAuthMechanism: return "the server asks for an authentication method this client does not support"
        default: return e.code.description
        }
    }
}
