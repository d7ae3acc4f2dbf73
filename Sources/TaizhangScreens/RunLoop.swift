import TaizhangTerminalCore

extension App {
    /// How long the loop waits for a key before the app gets a `.tick` (and looks for lines
    /// other processes appended).
    public static let pollMilliseconds = 250

    /// Runs the app on `terminal` until it asks to quit or the terminal goes away: draws a
    /// frame at the terminal's size, waits for a key, hands it to the app, and again.
    public func run(on terminal: some TerminalBackend) {
        while true {
            let size = terminal.size
            var grid = CellGrid(width: size.width, height: size.height)
            render(into: &grid)
            terminal.draw(grid)
            guard let key = terminal.nextKey(timeoutMilliseconds: App.pollMilliseconds) else { return }
            if handle(key).contains(.quit) { return }
        }
    }
}
