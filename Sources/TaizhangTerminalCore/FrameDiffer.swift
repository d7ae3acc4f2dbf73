/// A cell position on the terminal.
public struct GridPoint: Sendable, Hashable {
    /// Column, from 0.
    public var x: Int
    /// Row, from 0.
    public var y: Int
    /// Creates a position.
    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// Consecutive cells of one row to write in one style.
public struct CellRun: Sendable, Equatable {
    /// Column of the first cell.
    public var x: Int
    /// Row.
    public var y: Int
    /// The style of every cell in the run.
    public var style: CellStyle
    /// One entry per column from `x` on; the right half of a wide character is its
    /// continuation cell, which a backend skips (the character itself covers it).
    public var cells: [Cell]

    /// Creates a run.
    public init(x: Int, y: Int, style: CellStyle, cells: [Cell]) {
        self.x = x
        self.y = y
        self.style = style
        self.cells = cells
    }

    /// The run's text as it appears on screen.
    public var text: String { cells.map(\.text).joined() }
}

/// What a backend sends to turn the frame on screen into the next one.
public struct FrameUpdate: Sendable, Equatable {
    /// Whether the screen is cleared first (first frame, new size, after ``FrameDiffer/invalidate()``);
    /// every cell of the frame then follows in ``runs``.
    public var clearsScreen: Bool
    /// The cells to write, row by row, left to right.
    public var runs: [CellRun]
    /// Where the cursor is shown, nil to hide it; always inside the frame.
    public var cursor: GridPoint?

    /// Creates an update.
    public init(clearsScreen: Bool, runs: [CellRun], cursor: GridPoint?) {
        self.clearsScreen = clearsScreen
        self.runs = runs
        self.cursor = cursor
    }

    /// The rows that change.
    public var rows: [Int] {
        var out: [Int] = []
        for r in runs where out.last != r.y { out.append(r.y) }
        return out
    }
}

/// Remembers the last frame drawn and works out what changed, so a backend sends only that.
///
/// A wide character is always written whole: if either half changed, the run starts at its left
/// half. A cell the terminal could not show as the grid holds it is written as a blank: a wide
/// character in the last column (it would wrap) and a right half with no wide character to its left.
public struct FrameDiffer: Sendable {
    /// The frame on screen, nil before the first or after ``invalidate()``.
    public private(set) var current: CellGrid?

    /// Starts with nothing on screen.
    public init() {}

    /// Forgets what is on screen (after a resize, or when something else drew on the terminal):
    /// the next update clears the screen and writes every cell.
    public mutating func invalidate() { current = nil }

    /// What to send to show `grid`; from then on `grid` is taken to be on screen.
    public mutating func update(to grid: CellGrid) -> FrameUpdate {
        let previous = current.flatMap { $0.width == grid.width && $0.height == grid.height ? $0 : nil }
        current = grid
        var runs: [CellRun] = []
        let w = grid.width
        var draw = [Bool](repeating: false, count: w)
        for y in 0..<grid.height {
            // Mark the columns to write: every changed one, and both halves of a wide character
            // when either half changed.
            var any = false
            for x in 0..<w {
                let changed = previous.map { $0[x, y] != grid[x, y] } ?? true
                draw[x] = changed
                any = any || changed
            }
            guard any else { continue }
            for x in 0..<w where draw[x] {
                if grid[x, y].isContinuation, x > 0, !grid[x - 1, y].isContinuation { draw[x - 1] = true }
                if !grid[x, y].isContinuation, x + 1 < w, grid[x + 1, y].isContinuation { draw[x + 1] = true }
            }
            var x = 0
            while x < w {
                guard draw[x] else { x += 1; continue }
                var cells: [Cell] = []
                let style = shown(grid, x, y).style
                while x < w, draw[x] {
                    let cell = shown(grid, x, y)
                    // A continuation belongs to the character on its left, whatever its own style.
                    if !cells.isEmpty, !cell.isContinuation, cell.style != style { break }
                    cells.append(cell)
                    x += 1
                }
                runs.append(CellRun(x: x - cells.count, y: y, style: style, cells: cells))
            }
        }
        var cursor: GridPoint?
        if let c = grid.cursor, c.x >= 0, c.x < w, c.y >= 0, c.y < grid.height { cursor = GridPoint(x: c.x, y: c.y) }
        return FrameUpdate(clearsScreen: previous == nil, runs: runs, cursor: cursor)
    }

    /// The cell as it can be shown: blanks for a wide character that has no room for its right
    /// half and for a right half without its character.
    func shown(_ grid: CellGrid, _ x: Int, _ y: Int) -> Cell {
        let cell = grid[x, y]
        if cell.isContinuation {
            let lead = x > 0 ? grid[x - 1, y] : nil
            if let lead, !lead.isContinuation, DisplayWidth.of(lead.text) == 2 { return cell }
            return Cell(text: " ", style: cell.style)
        }
        if DisplayWidth.of(cell.text) == 2, x + 1 >= grid.width || !grid[x + 1, y].isContinuation {
            return Cell(text: " ", style: cell.style)
        }
        return cell
    }
}
