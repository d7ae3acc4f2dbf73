import ArgumentParser
import TaizhangDomain

/// Opens the terminal UI (filled in by the TUI work; until then `taizhang` prints help).
enum TUILauncher {
    /// Runs the TUI; returns false when it is not available, so the caller prints help.
    static func run(global: GlobalOptions, demo: Bool) throws -> Bool { false }
}

/// The `tui` subcommand, registered on the root command.
let tuiCommands: [ParsableCommand.Type] = []
