import Foundation

/// docs/keys.md, made from the screens' key tables (a test fails when the file is stale).
public enum KeyDocs {
    /// Every screen's key table, in the order docs/keys.md lists them.
    public static var sections: [KeyDocSection] {
        [
            KeyDocSection(App.keyTable),
            KeyDocSection(OperatorScreen.keyTable),
            KeyDocSection(QueueScreen.keyTable),
            KeyDocSection(PersonSearchScreen.keyTable),
            KeyDocSection(KindMenuScreen.keyTable),
            KeyDocSection(DetailScreen.keyTable),
            KeyDocSection(FormScreen.keyTable),
            KeyDocSection(PickListScreen.keyTable),
            KeyDocSection(ConfirmScreen.keyTable),
            KeyDocSection(ConflictScreen.keyTable),
            KeyDocSection(YearEndScreen.keyTable),
            KeyDocSection(HelpScreen.keyTable),
            KeyDocSection(MessageHistoryScreen.keyTable),
        ]
    }

    /// The text before the first table.
    static let preface = """
        # Keys of the terminal UI

        <!-- Generated from the screens' key tables (Sources/TaizhangScreens); do not edit by hand.
             After changing a table: TAIZHANG_WRITE_KEYS_DOC=1 swift test --filter KeyDocsTests -->

        `taizhang` with no subcommand (or `taizhang tui`) opens the TUI on the same ledger and operator
        as the command line (`--store`, `--operator`, `--lang en`). `taizhang --demo` opens it on a scratch
        copy of `data/demo-2024.jsonl`; the header says so, and the copy is removed when the TUI ends (also
        when its terminal window is closed). With no `--operator` and no `TAIZHANG_OPERATOR`, it first asks who
        is working.

        Conventions follow tig, hledger-ui and taskwarrior-tui. `?` (or F1 where `?` would be typed into
        a field) lists every key of the current screen, dimming those the case on screen does not allow;
        the bottom bar shows the ones that matter and that the case allows (a voided case shows restore
        and not edit or close, an open consultation no follow-up, a closed case reopen).
        """

    /// docs/keys.md.
    public static func markdown() -> String {
        var out = preface + "\n"
        for s in sections {
            out += "\n## \(s.title)\n\n"
            if !s.intro.isEmpty { out += s.intro + "\n\n" }
            out += "| key | action |\n|---|---|\n"
            for row in s.rows { out += "| \(cell(row.keys.count == 1 ? "`\(row.keys)`" : row.keys)) | \(cell(row.action)) |\n" }
            if !s.notes.isEmpty { out += "\n" + s.notes + "\n" }
        }
        return out
    }

    /// `|` escaped for a table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}
