import Foundation
import PostgresNIO

/// A libpq connection URL: `postgres://user:password@host:port/dbname?sslmode=…`.
///
/// `sslmode` is `disable`, `allow` or `prefer` (TLS when the server offers it; the default),
/// `require` (TLS or no connection), `verify-ca` and `verify-full` (TLS with the server's
/// certificate checked against the system's trust roots or `sslrootcert`).
public struct DistrictURL: Sendable, CustomStringConvertible {
    /// Server host name or address.
    public var host: String
    /// Server port.
    public var port: Int
    /// Login role.
    public var user: String
    /// Password (never printed).
    public var password: String?
    /// Database name.
    public var database: String
    /// The `sslmode` parameter.
    public var sslMode: String
    /// The `sslrootcert` parameter (a PEM file), if given.
    public var sslRootCert: String?

    static let sslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    /// Parses `text`; the error names what is wrong and never repeats the password.
    public init(_ text: String) throws(DistrictError) {
        guard let c = URLComponents(string: text), let scheme = c.scheme, ["postgres", "postgresql"].contains(scheme) else {
            throw DistrictError.badURL("--db: not a PostgreSQL URL; expected postgres://user:password@host:port/dbname")
        }
        guard let host = c.host, !host.isEmpty else {
            throw DistrictError.badURL("--db: the URL names no host; expected postgres://user:password@host:port/dbname")
        }
        self.host = host
        port = c.port ?? 5432
        // URLComponents gives user, password and path percent-decoded.
        user = c.user ?? ProcessInfo.processInfo.environment["USER"] ?? "postgres"
        password = c.password
        let path = c.path.hasPrefix("/") ? String(c.path.dropFirst()) : c.path
        database = path.isEmpty ? user : path
        var mode = "prefer"
        var root: String?
        for item in c.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                let v = item.value ?? ""
                guard Self.sslModes.contains(v) else {
                    throw DistrictError.badURL("--db: sslmode '\(v)' is not valid; allowed: \(Self.sslModes.joined(separator: ", "))")
                }
                mode = v
            case "sslrootcert": root = item.value
            case "application_name", "connect_timeout": break
            default:
                throw DistrictError.badURL("--db: parameter '\(item.name)' is not supported; allowed: sslmode, sslrootcert, application_name, connect_timeout")
            }
        }
        sslMode = mode
        sslRootCert = root
    }

    /// `user@host:port/dbname`, without the password.
    public var description: String { "\(user)@\(host):\(port)/\(database)" }

    /// The PostgresNIO configuration for this URL.
    func configuration() throws(DistrictError) -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case "disable":
                tls = .disable
            case "allow", "prefer", "require":
                var t = TLSConfiguration.makeClientConfiguration()
                t.certificateVerification = .none
                let ctx = try NIOSSLContext(configuration: t)
                tls = sslMode == "require" ? .require(ctx) : .prefer(ctx)
            default:
                var t = TLSConfiguration.makeClientConfiguration()
                t.certificateVerification = sslMode == "verify-full" ? .fullVerification : .noHostnameVerification
                if let root = sslRootCert { t.trustRoots = .file(root) }
                tls = .require(try NIOSSLContext(configuration: t))
            }
        } catch {
            throw DistrictError.badURL("--db: cannot set up TLS (sslmode=\(sslMode)): \(error)")
        }
        var config = PostgresConnection.Configuration(host: host, port: port, username: user, password: password,
                                                      database: database, tls: tls)
        config.options.connectTimeout = .seconds(10)
        return config
    }
}
