// MARK: - Style

/// The few colours the TUI uses; the terminal maps them to colour pairs (or ignores them under `NO_COLOR`).
public enum CellColor: Int, Sendable, CaseIterable {
    case red = 1, yellow, green, cyan, blue, magenta
}

/// How one cell is drawn. Every meaning carried by colour is also carried by text, so the
/// screen still reads without colour.
public struct CellStyle: Sendable, Hashable {
    /// Foreground colour, nil for the terminal's default.
    public var color: CellColor?
    /// Bold.
    public var bold: Bool
    /// Reverse video (selection, header).
    public var reverse: Bool
    /// Underlined (the focused form field).
    public var underline: Bool

    /// Creates a style.
    public init(color: CellColor? = nil, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.color = color
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    /// The terminal's default look.
    public static let plain = CellStyle()
    /// Bold text.
    public static let bold = CellStyle(bold: true)
    /// Reverse video.
    public static let reverse = CellStyle(reverse: true)
    /// Red bold (overdue, errors).
    public static let alert = CellStyle(color: .red, bold: true)
    /// Yellow (due soon).
    public static let warn = CellStyle(color: .yellow, bold: true)
    /// Dimmed help text.
    public static let hint = CellStyle(color: .cyan)
}

// MARK: - Cell

/// One terminal cell: a grapheme cluster, or a continuation of the wide one to its left.
public struct Cell: Sendable, Hashable {
    /// The grapheme cluster drawn here; empty for the right half of a wide character.
    public var text: String
    /// Its style.
    public var style: CellStyle
    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }

    /// A blank cell.
    public static let blank = Cell(text: " ", style: .plain)
}

// MARK: - Grid

/// A rectangle of cells that screens render into; the terminal backend only copies it out.
///
/// Widths come from ``DisplayWidth`` (locale independent). A wide character never splits: one
/// that does not fit at the right edge of the target area is replaced by a space.
public struct CellGrid: Sendable, Equatable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Cells, row by row.
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should sit (the caret in a form), nil to hide it.
    public var cursor: (x: Int, y: Int)?

    /// A blank grid.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: CellGrid, b: CellGrid) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    /// The cell at column `x`, row `y`.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { cells[y * width + x] = newValue }
    }

    /// Writes `text` from column `x` on row `y`, using at most `maxWidth` cells (default: to the
    /// right edge). Control characters are made visible first. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(width, x + (maxWidth ?? width - x))
        var col = x
        for ch in Escaping.visible(text) {
            let w = DisplayWidth.of(ch)
            if w == 0 { continue }
            if col + w > limit {
                // A wide character that does not fit: fill what is left with spaces, never half of it.
                while col < limit { if col >= 0 { setCell(col, y, Cell(text: " ", style: style)) }; col += 1 }
                break
            }
            if col >= 0 {
                setCell(col, y, Cell(text: String(ch), style: style))
                if w == 2 { setCell(col + 1, y, Cell(text: "", style: style)) }
            }
            col += w
        }
        return col - x
    }

    /// Writes `text` padded or cut (with `…`) to exactly `width` cells.
    public mutating func put(_ text: String, x: Int, y: Int, width w: Int, style: CellStyle = .plain, ellipsis: Bool = true) {
        guard w > 0 else { return }
        put(DisplayWidth.fit(Escaping.visible(text), width: w, ellipsis: ellipsis), x: x, y: y, style: style, maxWidth: w)
    }

    /// Fills a rectangle with blanks of `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for col in max(0, x)..<min(width, x + w) { self[col, row] = Cell(text: " ", style: style) }
        }
    }

    /// Applies `style` to existing cells of a row span (selection highlight).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: CellStyle) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) { cells[y * width + col].style = style }
    }

    /// Marks a row span as selected (reverse video, bold), keeping each cell's colour so an
    /// overdue marker stays red on the selected row.
    public mutating func highlight(x: Int, y: Int, width w: Int) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) {
            cells[y * width + col].style.reverse = true
            cells[y * width + col].style.bold = true
        }
    }

    /// Draws a box outline with a title.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String = "") {
        guard w >= 2, h >= 2 else { return }
        fill(x: x, y: y, width: w, height: h)
        put("┌" + String(repeating: "─", count: w - 2) + "┐", x: x, y: y)
        for row in (y + 1)..<(y + h - 1) { put("│", x: x, y: row); put("│", x: x + w - 1, y: row) }
        put("└" + String(repeating: "─", count: w - 2) + "┘", x: x, y: y + h - 1)
        if !title.isEmpty { put(" \(title) ", x: x + 2, y: y, style: .bold, maxWidth: w - 4) }
    }

    private mutating func setCell(_ x: Int, _ y: Int, _ cell: Cell) {
        guard x >= 0, x < width else { return }
        let i = y * width + x
        // Overwriting half of a wide character blanks its other half.
        if cells[i].isContinuation, x > 0, cell.text != "" { cells[i - 1] = Cell(text: " ", style: cells[i - 1].style) }
        if !cells[i].isContinuation, DisplayWidth.of(cells[i].text) == 2, x + 1 < width, cells[i + 1].isContinuation {
            cells[i + 1] = Cell(text: " ", style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    // MARK: - Reading back (tests, diffing)

    /// Row `y` as text (continuation cells skipped), trailing spaces kept.
    public func row(_ y: Int) -> String {
        var s = ""
        for x in 0..<width where !self[x, y].isContinuation { s += self[x, y].text }
        return s
    }

    /// All rows joined by newlines, trailing spaces trimmed.
    public var text: String {
        (0..<height).map { r in
            var s = row(r)
            while s.last == " " { s.removeLast() }
            return s
        }.joined(separator: "\n")
    }

    /// The column where `needle` starts on row `y`, counted in cells, or nil.
    public func column(of needle: String, row y: Int) -> Int? {
        let line = row(y)
        guard let r = line.firstRange(of: needle) else { return nil }
        return DisplayWidth.of(String(line[..<r.lowerBound]))
    }

    /// The first row containing `needle`, or nil.
    public func firstRow(containing needle: String) -> Int? {
        (0..<height).first { row($0).contains(needle) }
    }
}
