import Foundation
import TaizhangTestSupport
import Testing

/// A throwaway PostgreSQL cluster for one test: Debian's server binaries, `initdb` into a
/// temporary folder as an unprivileged user, SCRAM password authentication, a free port on
/// 127.0.0.1. Stopped and removed by ``stop()`` (``with(_:)`` always calls it).
///
/// When the server cannot be started the test is cancelled (reported as skipped) on a
/// developer's machine and fails under `CI=true`, where script/setup installs PostgreSQL.
final class PostgresCluster: @unchecked Sendable {
    let bin: String
    let dir: String
    let port: Int
    let user = "taizhang_admin"
    let password: String
    /// The unprivileged account the server runs as when the tests run as root.
    let runAs: String?

    /// postgres://… for `database`.
    func url(_ database: String = "postgres", password: String? = nil) -> String {
        "postgres://\(user):\(password ?? self.password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Starts a cluster (with `tls`: a self-signed certificate, and connections without TLS
    /// refused), runs `body`, and always stops it.
    static func with<T>(tls: Bool = false, _ body: (PostgresCluster) async throws -> T) async throws -> T {
        let cluster: PostgresCluster
        do {
            cluster = try PostgresCluster(tls: tls)
        } catch {
            let message = "PostgreSQL could not be started: \(error)"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(Comment(rawValue: message + " (CI=true: script/setup installs Debian's postgresql)"))
                throw error
            }
            try Test.cancel(Comment(rawValue: message))
        }
        do {
            let value = try await body(cluster)
            cluster.stop()
            return value
        } catch {
            cluster.stop()
            throw error
        }
    }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// The newest of Debian's /usr/lib/postgresql/*/bin holding initdb.
    static func findBinaries() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .compactMap { Int($0) }.sorted(by: >)
        for v in versions where FileManager.default.isExecutableFile(atPath: "\(base)/\(v)/bin/initdb") {
            return "\(base)/\(v)/bin"
        }
        return nil
    }

    private init(tls: Bool) throws {
        guard let bin = Self.findBinaries() else {
            throw StartError(description: "no /usr/lib/postgresql/*/bin/initdb (install Debian's postgresql)")
        }
        self.bin = bin
        dir = "/tmp/taizhang-pg-" + UUID().uuidString.prefix(8).lowercased()
        password = "pw-" + UUID().uuidString.prefix(12).lowercased()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        // initdb refuses to run as root: the server runs as an unprivileged account.
        if getuid() == 0 {
            let candidates: [String] = ["postgres", "nobody"]
            let account = candidates.first { name in getpwnam(name) != nil }
            guard let account else {
                try? FileManager.default.removeItem(atPath: dir)
                throw StartError(description: "running as root and there is no postgres or nobody account to run the server as")
            }
            runAs = account
        } else {
            runAs = nil
        }
        port = try Self.freePort()
        do {
            try FileManager.default.createDirectory(atPath: dir + "/sock", withIntermediateDirectories: false)
            _ = FileManager.default.createFile(atPath: dir + "/pwfile", contents: Data((password + "\n").utf8), attributes: [.posixPermissions: 0o600])
            if let runAs { try checked("/usr/bin/chown", ["-R", runAs, dir]) }
            try checked(bin + "/initdb", ["-D", dir + "/data", "-U", user, "--auth=scram-sha-256", "--pwfile=" + dir + "/pwfile",
                                          "-E", "UTF8", "--no-locale", "--no-sync"], asServer: true)
            var options = "-p \(port) -h 127.0.0.1 -k \(dir)/sock -c fsync=off -c synchronous_commit=off"
            if tls {
                try checked("/usr/bin/openssl", ["req", "-new", "-x509", "-days", "2", "-nodes", "-subj", "/CN=localhost",
                                                 "-keyout", dir + "/data/server.key", "-out", dir + "/data/server.crt"], asServer: true)
                let hba = dir + "/data/pg_hba.conf"
                let rules = try String(contentsOfFile: hba, encoding: .utf8)
                try ("hostnossl all all all reject\n" + rules).write(toFile: hba, atomically: false, encoding: .utf8)
                options += " -c ssl=on"
            }
            try checked(bin + "/pg_ctl", ["-D", dir + "/data", "-l", dir + "/server.log", "-w", "-t", "60", "-o", options, "start"], asServer: true)
        } catch {
            let log = (try? String(contentsOfFile: dir + "/server.log", encoding: .utf8)) ?? ""
            stop()
            throw StartError(description: "\(error)\(log.isEmpty ? "" : "\nserver log:\n" + log)")
        }
    }

    /// Runs a server program (as the unprivileged account when root), failing on a non-zero exit.
    private func checked(_ program: String, _ arguments: [String], asServer: Bool = false) throws {
        let r: RunResult
        if asServer, let runAs {
            r = try spawnClosingDescriptors(["/usr/sbin/runuser", "-u", runAs, "--", program] + arguments)
        } else {
            r = try spawnClosingDescriptors([program] + arguments)
        }
        guard r.status == 0 else {
            throw StartError(description: "\((program as NSString).lastPathComponent) exited \(r.status): \(r.stderr)\(r.stdout)")
        }
    }

    /// A port nobody listens on now (bound to 0, read back, closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0 else { throw StartError(description: "bind: \(String(cString: strerror(errno)))") }
        var out = sockaddr_in()
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &out) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return Int(UInt16(bigEndian: out.sin_port))
    }

    private var stopped = false

    /// Stops the server (immediately) and removes its folder.
    func stop() {
        guard !stopped else { return }
        stopped = true
        if FileManager.default.fileExists(atPath: dir + "/data/postmaster.pid") {
            try? checked(bin + "/pg_ctl", ["-D", dir + "/data", "-m", "immediate", "-w", "stop"], asServer: true)
        }
        try? FileManager.default.removeItem(atPath: dir)
    }

    deinit { stop() }

    /// Runs SQL with psql; returns its unaligned, tuples-only output.
    @discardableResult
    func psql(_ database: String, _ sql: String) throws -> String {
        let r = try run(bin + "/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", String(port), "-U", user, "-d", database, "-c", sql],
                        environment: ["PGPASSWORD": password])
        guard r.status == 0 else { throw StartError(description: "psql: \(r.stderr)") }
        return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs SQL with psql as `role` (password authentication); returns how it ended, for
    /// statements the role is expected to be refused.
    func psql(as role: String, password: String, _ database: String, _ sql: String) throws -> RunResult {
        var r = try run(bin + "/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-At", "-h", "127.0.0.1", "-p", String(port), "-U", role, "-d", database, "-c", sql],
                        environment: ["PGPASSWORD": password])
        r.stdout = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return r
    }

    /// postgres://… for `role` with `password`.
    func url(_ database: String, role: String, password: String) -> String {
        "postgres://\(role):\(password)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    /// Creates a database and returns its URL.
    func createDatabase(_ name: String) throws -> String {
        try psql("postgres", "CREATE DATABASE \(name)")
        return url(name)
    }
}
