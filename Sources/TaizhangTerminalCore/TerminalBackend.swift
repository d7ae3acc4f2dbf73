/// A terminal's size in cells.
public struct TerminalSize: Sendable, Hashable, CustomStringConvertible {
    /// Columns.
    public var width: Int
    /// Rows.
    public var height: Int
    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }
    public var description: String { "\(width)x\(height)" }
}

/// A terminal the TUI draws on and reads keys from: ncurses on the real one
/// (`NcursesBackend`), ``InMemoryBackend`` in tests.
public protocol TerminalBackend: AnyObject {
    /// The size now; the next frame is drawn at this size.
    var size: TerminalSize { get }
    /// Shows `grid`, sending only what changed since the last frame (``FrameDiffer``).
    func draw(_ grid: CellGrid)
    /// The next key; `.tick` when none came within `timeoutMilliseconds`, `.resize` after the
    /// size changed, nil when the input has ended (the terminal went away).
    func nextKey(timeoutMilliseconds: Int) -> Key?
    /// Hands the terminal to another program (an external editor): normal screen and modes.
    func suspend()
    /// Takes the terminal back after ``suspend()``; the next frame is drawn in full.
    func resume()
}
