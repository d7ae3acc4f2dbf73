import ArgumentParser
import TaizhangDomain

/// `taizhang`: the township legal-service ledger.
@main
struct Taizhang: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taizhang",
        abstract: "台账 — the township legal-service ledger: consultations, mediations, petitions, legality reviews and administrative suits.",
        discussion: """
        The ledger is an append-only JSON-lines file; every change is a new, hash-chained line.
        Field keys for --set are listed by `taizhang fields KIND`.
        Exit status: 0 success, 1 input rejected (the message names the field), 2 ledger damaged or not writable.
        """,
        subcommands: [
            Add.self, Update.self, Note.self, Close.self, FollowUpCommand.self, Extend.self,
            Reopen.self, VoidCommand.self, Restore.self, List.self, Show.self, Verify.self, Repair.self, Settings.self, Fields.self,
        ] + reportCommands + tuiCommands + documentCommands + districtCommands + [
            ImportCommand.self,
            Person.self,
            RepeatsCommand.self,
        ]
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Open the TUI on a scratch copy of the demo ledger (data/demo-2024.jsonl).")
    var demo = false

    mutating func run() throws {
        if try TUILauncher.run(global: global, demo: demo) { return }
        print(Taizhang.helpMessage())
    }
}
