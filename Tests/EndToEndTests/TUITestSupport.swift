import Foundation
import Testing

/// Drives the real `taizhang` binary inside a private tmux server: keys in with `send-keys`,
/// the screen out with `capture-pane -p`. Every wait polls the screen with a timeout.
final class TUISession {
    /// The tmux binary: `$TAIZHANG_TMUX` if set (a path; one that does not exist means "no
    /// tmux", to try the skip), else the first on `PATH` or in the usual places; nil when none.
    static let tmux: String? = {
        let env = ProcessInfo.processInfo.environment
        if let t = env["TAIZHANG_TMUX"], !t.isEmpty { return FileManager.default.isExecutableFile(atPath: t) ? t : nil }
        let paths = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        return (paths + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]).map { $0 + "/tmux" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Whether a missing tmux must fail the tests instead of skipping them: under `CI=true`.
    static let requiredByCI = ProcessInfo.processInfo.environment["CI"] == "true"

    /// Whether the TUI tests run: tmux is there, or it must be (then they fail without it).
    static let enabled = tmux != nil || requiredByCI

    /// The binary under test: `$TAIZHANG_BIN`, else `$TAIZHANG_BIN_DIR/taizhang`, else
    /// `.build/debug/taizhang` under the package root (found from this file's path).
    static let binary: String = {
        let env = ProcessInfo.processInfo.environment
        if let b = env["TAIZHANG_BIN"], !b.isEmpty { return b }
        if let d = env["TAIZHANG_BIN_DIR"], !d.isEmpty { return d + "/taizhang" }
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.appendingPathComponent(".build/debug/taizhang").path
            }
        }
        return ".build/debug/taizhang"
    }()

    let socket = "tz-tui-e2e-" + UUID().uuidString.prefix(8)
    let dir: String
    let store: String
    let today: String

    /// A scratch folder and ledger path (or `store`, another session's ledger, for a second
    /// terminal); nothing started yet.
    init(today: String = "2024-03-20", store: String? = nil) {
        dir = NSTemporaryDirectory() + "taizhang-tui-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        self.store = store ?? dir + "/ledger.jsonl"
        self.today = today
    }

    deinit {
        _ = try? tmuxRun(["kill-server"])
        // tmux can leave its socket file behind once the last session has ended.
        let base = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(base)/tmux-\(getuid())/\(socket)")
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Starts the TUI in a `width` x `height` pane.
    func start(width: Int = 100, height: Int = 30, operatorName: String? = "测试员", lang: String = "C.UTF-8", env extraEnv: [String] = [], ignoreHangup: Bool = false,
               extra: [String] = []) throws {
        guard TUISession.tmux != nil else { throw TUIError.noTmux }
        guard FileManager.default.isExecutableFile(atPath: TUISession.binary) else {
            throw TUIError.noBinary(TUISession.binary)
        }
        var env = ["TERM=xterm-256color", "LANG=\(lang)", "LC_ALL=\(lang)", "TAIZHANG_TODAY=\(today)", "TZ=UTC"]
        if let operatorName { env.append("TAIZHANG_OPERATOR=\(operatorName)") }
        env += extraEnv
        let command = "env -u TAIZHANG_OPERATOR -u TAIZHANG_STORE -u NO_COLOR " + env.map(TUISession.quote).joined(separator: " ") + " "
            + ([TUISession.binary, "--store", store] + extra).map(TUISession.quote).joined(separator: " ")
        // An ignored SIGHUP survives exec, so the TUI starts with it ignored too.
        let shell = ignoreHangup ? "trap '' HUP; exec " + command : "exec " + command
        try tmuxRun(["new-session", "-d", "-s", "tz", "-x", "\(width)", "-y", "\(height)", shell])
    }

    /// Presses keys by tmux name (`Enter`, `Tab`, `C-s`, `Escape`, `n`).
    func keys(_ names: String...) throws {
        for n in names { try tmuxRun(["send-keys", "-t", "tz", n]) }
    }

    /// Types text literally (Chinese included).
    func type(_ text: String) throws {
        try tmuxRun(["send-keys", "-t", "tz", "-l", text])
    }

    /// The screen now.
    func screen() -> String {
        (try? tmuxRun(["capture-pane", "-p", "-t", "tz"])) ?? ""
    }

    /// Where the terminal cursor is (column, row), from tmux.
    func cursor() -> (x: Int, y: Int)? {
        guard let out = try? tmuxRun(["display-message", "-p", "-t", "tz", "#{cursor_x} #{cursor_y}"]) else { return nil }
        let parts = out.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// The screen now with its colours and attributes as escape sequences.
    func screenWithAttributes() -> String {
        (try? tmuxRun(["capture-pane", "-p", "-e", "-t", "tz"])) ?? ""
    }

    /// Waits until `condition` holds for the screen; records an issue with the screen if it never does.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation,
                 _ condition: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            guard let now = try? tmuxRun(["capture-pane", "-p", "-t", "tz"]) else {
                let message = "the TUI is not running while waiting for \(what) (binary: \(TUISession.binary); set TAIZHANG_BIN to a freshly built one)"
                Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
                return false
            }
            last = now
            if condition(last) { return true }
            usleep(50_000)
        }
        Issue.record("timed out waiting for \(what); screen:\n\(last)", sourceLocation: sourceLocation)
        return false
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    func waitFor(_ text: String, timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        waitFor("“\(text)”", timeout: timeout, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Waits until the TUI has exited (the session, and with it the server, is gone).
    @discardableResult
    func waitForExit(timeout: TimeInterval = 15, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? tmuxRun(["has-session", "-t", "tz"])) == nil { return true }
            usleep(50_000)
        }
        Issue.record("the TUI did not exit; screen:\n\(screen())", sourceLocation: sourceLocation)
        return false
    }

    /// Runs the CLI on the same ledger (another process appending).
    @discardableResult
    func cli(_ arguments: String...) throws -> (status: Int32, output: String) {
        try TUISession.run(TUISession.binary, arguments + ["--store", store, "--operator", "李干事"], env: ["TAIZHANG_TODAY": today])
    }

    /// Runs tmux on this session's private socket; throws when it fails.
    @discardableResult
    func tmuxRun(_ arguments: [String]) throws -> String {
        guard let tmux = TUISession.tmux else { throw TUIError.noTmux }
        let r = try TUISession.run(tmux, ["-L", socket, "-f", "/dev/null"] + arguments, env: [:])
        guard r.status == 0 else { throw TUIError.tmuxFailed(arguments.joined(separator: " "), r.output) }
        return r.output
    }

    /// Runs a program to completion with posix_spawn and waitpid (Foundation's Process can miss
    /// the exit of a tmux client whose server daemonised), output to a temporary file.
    static func run(_ exe: String, _ args: [String], env: [String: String]) throws -> (status: Int32, output: String) {
        let outPath = NSTemporaryDirectory() + "tz-tui-out-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: outPath) }
        var e = ProcessInfo.processInfo.environment
        for (k, v) in env { e[k] = v }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        let envp = e.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        // Children start with no blocked signals (a test runner's threads may block SIGWINCH,
        // and the tmux server and the TUI would inherit that).
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attr, &noSignals)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, &attr, argv, envp)
        guard rc == 0 else { throw TUIError.spawnFailed(exe, rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "")
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}

enum TUIError: Error, CustomStringConvertible {
    case tmuxFailed(String, String)
    case spawnFailed(String, Int32)
    /// The binary is missing: build it (`swift build`) or set TAIZHANG_BIN.
    case noBinary(String)
    /// tmux is not installed and CI=true requires these tests to run.
    case noTmux

    var description: String {
        switch self {
        case let .tmuxFailed(command, output): return "tmux \(command) failed: \(output)"
        case let .spawnFailed(exe, code): return "cannot start \(exe): error \(code)"
        case let .noBinary(path): return "no taizhang binary at \(path): build it (swift build) or set TAIZHANG_BIN"
        case .noTmux: return "tmux is not installed, and CI=true requires the TUI tests to run: install tmux (script/setup does)"
        }
    }
}
