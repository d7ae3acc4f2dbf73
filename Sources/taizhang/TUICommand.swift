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
        if let why = Terminal.unusable(term: ProcessInfo.processInfo.environment["TERM"]) {
            Console.error(unusableMessage(why, zh: global.language == .zh))
            throw ExitCode(2)
        }
        var storePath = global.storePath
        if demo {
            storePath = try demoCopy(global)
            // A closed terminal window must end the loop (the input ends) rather than kill the
            // process, so the copy below is removed then too.
            signal(SIGHUP, SIG_IGN)
        }
        // The demo's copy goes when the TUI ends (its folder holds nothing else).
        defer { if demo { try? FileManager.default.removeItem(atPath: (storePath as NSString).deletingLastPathComponent) } }
        Terminal.setUpLocale()
        let env = ProcessInfo.processInfo.environment
        let operatorGiven = global.operatorName != nil || !(env["TAIZHANG_OPERATOR"] ?? "").isEmpty
        try global.handle {
            let ledger = try TaizhangDomain.Ledger(path: storePath, operatorName: global.resolvedOperator)
            let ctx = AppContext(ledger: ledger, lang: global.language, storePath: storePath)
            ctx.scratchCopy = demo
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

    /// What to say when the terminal cannot show the TUI: why, and the commands that work anywhere.
    static func unusableMessage(_ why: Terminal.Unusable, zh: Bool) -> String {
        let reason: String
        switch why {
        case .unset: reason = zh ? "未设置 TERM，无法确定终端类型" : "TERM is not set, so the terminal type is unknown"
        case let .unknown(t): reason = zh ? "终端类型 TERM=\(t) 未知（terminfo 中没有它）" : "the terminal type TERM=\(t) is unknown (terminfo has no entry for it)"
        case let .dumb(t): reason = zh ? "终端 TERM=\(t) 不能移动光标或清屏" : "the terminal TERM=\(t) cannot move the cursor or clear the screen"
        }
        if zh {
            return """
                taizhang：\(reason)，不能打开全屏界面。
                请在正常终端中运行（如 TERM=xterm-256color），或使用命令行：
                  taizhang list                      列出案件
                  taizhang show ID                   查看案件
                  taizhang add KIND --set 键=值      登记
                  taizhang update ID --set 键=值     修改
                  taizhang note / close / followup / extend / reopen / void / restore
                  taizhang summary                   年度统计
                taizhang --help 列出全部命令。
                """
        }
        return """
            taizhang: \(reason); the full-screen interface cannot run here.
            Run it in an ordinary terminal (e.g. TERM=xterm-256color), or use the command line:
              taizhang list                        list cases
              taizhang show ID                     show a case
              taizhang add KIND --set key=value    open a case
              taizhang update ID --set key=value   change fields
              taizhang note / close / followup / extend / reopen / void / restore
              taizhang summary                     year-end figures
            taizhang --help lists every command.
            """
    }

    /// Copies the demo ledger to a fresh temporary directory and returns the copy's path.
    static func demoCopy(_ global: GlobalOptions) throws -> String {
        guard let source = demoLedger() else {
            Console.error(Words.Commands.demoLedgerMissing[global.language])
            throw ExitCode(1)
        }
        removeAbandonedDemoCopies()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("taizhang-demo-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let target = dir.appendingPathComponent("demo-2024.jsonl")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(atPath: source, toPath: target.path)
        chmod(target.path, 0o600)
        return target.path
    }

    /// Removes the demo copies of processes that ended without removing theirs (killed, or
    /// the machine went down): folders `taizhang-demo-PID` of the temporary directory whose
    /// process no longer exists.
    static func removeAbandonedDemoCopies() {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory
        guard let names = try? fm.contentsOfDirectory(atPath: tmp.path) else { return }
        for name in names where name.hasPrefix("taizhang-demo-") {
            guard let pid = Int32(name.dropFirst("taizhang-demo-".count)), pid > 0, pid != getpid() else { continue }
            // ESRCH: no such process (EPERM means it exists but is another user's).
            guard kill(pid, 0) != 0 && errno == ESRCH else { continue }
            let dir = tmp.appendingPathComponent(name)
            // Only what a demo copy holds: the ledger and the files beside it.
            let files = (try? fm.contentsOfDirectory(atPath: dir.path)) ?? []
            guard files.allSatisfy({ $0.hasPrefix("demo-2024.jsonl") }) else { continue }
            try? fm.removeItem(at: dir)
        }
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
