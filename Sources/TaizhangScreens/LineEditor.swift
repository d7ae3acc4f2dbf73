import TaizhangDomain
import TaizhangTerminalCore

/// A text editor that works in characters (grapheme clusters), not bytes or cells: the caret
/// moves over a Chinese character in one step and Backspace removes all of it. One line that
/// scrolls sideways, or, when ``multiline``, lines wrapped by display width that keep the
/// line breaks typed or pasted.
public struct LineEditor: Sendable, Equatable {
    /// The text, one element per character.
    public private(set) var chars: [Character]
    /// Caret position, 0...chars.count.
    public private(set) var caret: Int
    /// First character shown when the text is wider than the field (kept by ``layout(width:)``).
    public private(set) var offset = 0

    /// The text is a pre-filled value (today's date) that the first typed character or paste
    /// replaces; moving the caret or deleting keeps it for editing instead.
    public var replacesOnType = false

    /// Keeps line breaks and wraps lines to the field's width (long texts).
    public var multiline = false
    /// Width the text was last wrapped to (kept by ``layout(width:)``; ↑/↓ and Home/End use it).
    public private(set) var wrapWidth = 0
    /// First wrapped row shown (multi-line).
    public private(set) var rowOffset = 0

    /// An editor holding `text` with the caret at its end.
    public init(_ text: String = "", multiline: Bool = false) {
        chars = Array(text)
        caret = chars.count
        self.multiline = multiline
    }

    /// The text.
    public var text: String {
        get { String(chars) }
        set { chars = Array(newValue); caret = chars.count; offset = 0 }
    }

    /// Handles an editing key; returns false for keys it does not use.
    public mutating func handle(_ key: Key) -> Bool {
        if replacesOnType {
            replacesOnType = false
            switch key {
            case .char, .paste: text = ""
            default: break
            }
        }
        switch key {
        case let .char(c):
            insert(String(c))
        case let .paste(text):
            insert(text)
        case .left, .ctrl("b"):
            caret = max(0, caret - 1)
        case .right, .ctrl("f"):
            caret = min(chars.count, caret + 1)
        case .home, .ctrl("a"):
            caret = multiline ? currentRow.lowerBound : 0
        case .end, .ctrl("e"):
            caret = multiline ? currentRow.upperBound : chars.count
        case .backspace, .ctrl("h"):
            if caret > 0 { chars.remove(at: caret - 1); caret -= 1 }
        case .delete, .ctrl("d"):
            if caret < chars.count { chars.remove(at: caret) }
        case .ctrl("u"):
            let start = multiline ? lineStart : 0
            chars.removeSubrange(start..<caret); caret = start
        case .ctrl("k"):
            chars.removeSubrange(caret..<(multiline ? lineEnd : chars.count))
        case .ctrl("w"):
            // Delete the word before the caret (spaces, then non-spaces).
            var i = caret
            while i > 0, chars[i - 1] == " " { i -= 1 }
            while i > 0, chars[i - 1] != " " { i -= 1 }
            chars.removeSubrange(i..<caret); caret = i
        default:
            return false
        }
        return true
    }

    /// Inserts pasted or typed text at the caret; tabs become spaces, and so do line breaks
    /// unless the editor is ``multiline`` (then CR LF and CR become LF).
    public mutating func insert(_ text: String) {
        let clean: [Character] = text.map {
            if $0 == "\n" || $0 == "\r" || $0 == "\r\n" { return multiline ? "\n" : " " }
            return $0 == "\t" ? " " : $0
        }
        chars.insert(contentsOf: clean, at: caret)
        caret += clean.count
    }

    // MARK: - Wrapped lines

    /// The rows the text takes at `width` cells: ranges of characters, a line break ending a
    /// row without being part of it; a row is wrapped one cell early so the caret fits after
    /// its last character, and a wide character is never split.
    public func rows(width: Int) -> [Range<Int>] {
        let room = max(2, width - 1)
        var rows: [Range<Int>] = []
        var start = 0, used = 0
        for (i, c) in chars.enumerated() {
            if c == "\n" {
                rows.append(start..<i)
                start = i + 1
                used = 0
                continue
            }
            let w = DisplayWidth.of(c)
            if used + w > room && i > start {
                rows.append(start..<i)
                start = i
                used = 0
            }
            used += w
        }
        rows.append(start..<chars.count)
        return rows
    }

    /// The row holding the caret (at a wrap, the row it starts) and its column in cells.
    public func caretPosition(width: Int) -> (row: Int, column: Int) {
        let rows = rows(width: width)
        let r = rows.lastIndex { $0.lowerBound <= caret } ?? 0
        return (r, span(rows[r].lowerBound, min(caret, rows[r].upperBound)))
    }

    private var currentRow: Range<Int> {
        let rows = rows(width: wrapWidth > 0 ? wrapWidth : Int.max / 2)
        return rows[caretPosition(width: wrapWidth > 0 ? wrapWidth : Int.max / 2).row]
    }

    private var lineStart: Int {
        var i = caret
        while i > 0, chars[i - 1] != "\n" { i -= 1 }
        return i
    }

    private var lineEnd: Int {
        var i = caret
        while i < chars.count, chars[i] != "\n" { i += 1 }
        return i
    }

    /// Moves the caret `delta` wrapped rows up or down at the width last laid out, keeping
    /// its column as near as the row allows; false when there is no such row (the form then
    /// moves to another field).
    public mutating func moveVertically(_ delta: Int) -> Bool {
        guard multiline else { return false }
        // Before the first layout, rows are the typed lines.
        let width = wrapWidth > 0 ? wrapWidth : Int.max / 2
        let rows = rows(width: width)
        let (r, column) = caretPosition(width: width)
        let target = r + delta
        guard rows.indices.contains(target) else { return false }
        var i = rows[target].lowerBound, used = 0
        while i < rows[target].upperBound, used + DisplayWidth.of(chars[i]) <= column {
            used += DisplayWidth.of(chars[i])
            i += 1
        }
        caret = i
        return true
    }

    /// Rows the field takes at `width`, at most `maxRows`.
    public func height(width: Int, maxRows: Int) -> Int {
        multiline ? max(1, min(maxRows, rows(width: width).count)) : 1
    }

    /// The update step for a multi-line field `width` by `height`: the wrap width, and the
    /// first row shown moved as little as needed to show the caret's.
    public mutating func layout(width: Int, height: Int) {
        guard width > 0 else { return }
        wrapWidth = width
        let r = caretPosition(width: width).row
        let count = rows(width: width).count
        rowOffset = ScrollWindow.follow(selected: r, scroll: rowOffset, visible: max(1, height), count: count)
    }

    /// Draws a multi-line field `width` by `height` at (`x`, `y`); returns the caret's cell.
    @discardableResult
    public func render(into grid: inout CellGrid, x: Int, y: Int, width: Int, height: Int, style: CellStyle = .plain) -> (x: Int, y: Int) {
        guard width > 0, height > 0 else { return (x, y) }
        let rows = rows(width: width)
        let (r, column) = caretPosition(width: width)
        let first = ScrollWindow.follow(selected: r, scroll: rowOffset, visible: height, count: rows.count)
        grid.fill(x: x, y: y, width: width, height: height, style: style)
        for k in 0..<min(height, rows.count - first) {
            grid.put(String(chars[rows[first + k]]), x: x, y: y + k, style: style, maxWidth: width)
        }
        if first > 0 { grid.put("↑", x: x + width - 1, y: y, style: .hint) }
        if first + height < rows.count { grid.put("↓", x: x + width - 1, y: y + height - 1, style: .hint) }
        return (x + column, y + r - first)
    }

    /// Cells from the start of the text to the caret.
    public var caretColumn: Int { chars[0..<caret].reduce(0) { $0 + DisplayWidth.of($1) } }

    /// Cells of the characters `from..<to`.
    private func span(_ from: Int, _ to: Int) -> Int { chars[from..<to].reduce(0) { $0 + DisplayWidth.of($1) } }

    /// The first character to show in a field `width` cells wide: the kept one, moved as
    /// little as needed for the caret (plus one cell for it) to fit.
    public func visibleOffset(width: Int) -> Int {
        var first = min(offset, caret)
        while first < caret, span(first, caret) + 1 > width { first += 1 }
        return first
    }

    /// The update step before drawing: keeps the window where ``visibleOffset(width:)`` puts
    /// it, so the text does not jump back when the caret moves left again.
    public mutating func layout(width: Int) {
        if width > 0 { offset = visibleOffset(width: width) }
        wrapWidth = width
    }

    /// Draws the editor into `width` cells at (`x`, `y`), scrolled so the caret is visible;
    /// returns the caret's column on the grid. Changes nothing (see ``layout(width:)``).
    @discardableResult
    public func render(into grid: inout CellGrid, x: Int, y: Int, width: Int, style: CellStyle = .plain) -> Int {
        guard width > 0 else { return x }
        let first = visibleOffset(width: width)
        grid.fill(x: x, y: y, width: width, style: style)
        grid.put(String(chars[first...]), x: x, y: y, style: style, maxWidth: width)
        return x + span(first, caret)
    }
}
