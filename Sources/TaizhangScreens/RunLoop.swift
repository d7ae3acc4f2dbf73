import TaizhangFiles
import TaizhangTerminalCore

extension App {
    /// How long the loop waits for a key before the app gets a `.tick` (and looks for lines
    /// other processes appended).
    public static let pollMilliseconds = 250

    /// Runs the app on `terminal` until it asks to quit or the terminal goes away: draws a
    /// frame at the terminal's size, waits for a key, hands it to the app, and again.
    ///
    /// `editor` edits a long text (Ctrl-X) while the terminal is handed over to it; by default
    /// the one the environment names.
    public func run(on terminal: some TerminalBackend,
                    editor: @escaping (String) throws -> String = App.environmentEditor) {
        while true {
            let size = terminal.size
            var grid = CellGrid(width: size.width, height: size.height)
            render(into: &grid)
            terminal.draw(grid)
            guard let key = terminal.nextKey(timeoutMilliseconds: App.pollMilliseconds) else { return }
            var effects = handle(key)
            while effects.contains(.editText), let text = pendingEdit?.text {
                terminal.suspend()
                let result = Result { try editor(text) }
                terminal.resume()
                effects = finishEditing(result)
            }
            if effects.contains(.quit) { return }
        }
    }

    /// `$VISUAL`, `$EDITOR`, `nano` or `vi` (``ExternalEditor``).
    public static func environmentEditor(_ text: String) throws -> String {
        guard let editor = ExternalEditor.fromEnvironment() else { throw ExternalEditError.noEditor }
        return try editor.edit(text)
    }
}
