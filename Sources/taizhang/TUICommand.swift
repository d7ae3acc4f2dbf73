import ArgumentParser
import Foundation
import TaizhangDomain
import TaizhangScreens
import TaizhangTerminal

/// Opens the terminal UI on the ledger the global options name.
enum TUILauncher {
    /// Runs the TUI; returns false when it is not available, so the caller prints help.
    ///
    /// With `demo`, the TUI opens on a scratch copy of `data/demo-2024.jsonl`, so the demo file
    /// itself never changes.
    static func run(global: GlobalOptions, demo: Bool) throws -> Bool {
        // A missing demo ledger is reported before anything else, terminal or not.
        if demo && demoLedger() == nil { _ = try demoCopy(global) }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            // Not a terminal (a pipe, a script): print help as before rather than draw.
            if demo {
                Console.error(Words.Commands.demoNeedsATerminal[global.language])
                throw ExitCode(1)
            }
            return false
        }
        var storePath = global.storePath
        if demo { storePath = try demoCopy(global) }
        Terminal.setUpLocale()
        let env = ProcessInfo.processInfo.environment
        let operatorGiven = global.operatorName != nil || !(env["TAIZHANG_OPERATOR"] ?? "").isEmpty
        try global.handle {
            let ledger = try TaizhangDomain.Ledger(path: storePath, operatorName: global.resolvedOperator)
            let ctx = AppContext(ledger: ledger, lang: global.language, storePath: storePath)
            // The demo is a town's 2024: its clocks read as on the last day of that year, unless
            // TAIZHANG_TODAY says otherwise.
            if demo && (env["TAIZHANG_TODAY"] ?? "").isEmpty {
                let yearEnd = BusinessDate(year: 2024, month: 12, day: 31)!
                ctx.today = { yearEnd }
            }
            if let q = ledger.openReport.quarantined {
                ctx.fail(Words.Notices.tornTail(bytes: q.byteCount, line: q.line, path: q.path)[global.language])
            }
            let app = App(ctx: ctx, askOperator: !operatorGiven)
            guard let terminal = NcursesBackend() else { return }
            defer { terminal.close() }
            app.run(on: terminal)
        }
        return true
    }

    /// Copies the demo ledger to a fresh temporary directory and returns the copy's path.
    static func demoCopy(_ global: GlobalOptions) throws -> String {
        guard let source = demoLedger() else {
            Console.error(Words.Commands.demoLedgerMissing[global.language])
            throw ExitCode(1)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taizhang-demo-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("demo-2024.jsonl")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
        return target.path
    }

    /// `$TAIZHANG_DEMO`, else `data/demo-2024.jsonl` under the working directory or any parent
    /// of the executable (a build tree inside the project).
    static func demoLedger() -> String? {
        let fm = FileManager.default
        if let p = ProcessInfo.processInfo.environment["TAIZHANG_DEMO"], !p.isEmpty { return fm.fileExists(atPath: p) ? p : nil }
        var candidates = [fm.currentDirectoryPath + "/data/demo-2024.jsonl"]
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("data/demo-2024.jsonl").path)
            dir.deleteLastPathComponent()
        }
        return candidates.first { fm.fileExists(atPath: $0) }
    }
}

/// `taizhang tui`: the same as `taizhang` with no subcommand.
struct TUI: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tui", abstract: "Open the terminal UI (the default when no subcommand is given).")
    @OptionGroup var global: GlobalOptions
    @Flag(help: "Open on a scratch copy of the demo ledger (data/demo-2024.jsonl).") var demo = false

    func run() throws {
        if try !TUILauncher.run(global: global, demo: demo) {
            Console.error(Words.Commands.tuiNeedsATerminal[global.language])
            throw ExitCode(1)
        }
    }
}

/// The `tui` subcommand, registered on the root command.
let tuiCommands: [ParsableCommand.Type] = [TUI.self]
