import TaizhangDomain
import TaizhangTerminalCore

/// A one-line text editor that works in characters (grapheme clusters), not bytes or cells:
/// the caret moves over a Chinese character in one step and Backspace removes all of it.
public struct LineEditor: Sendable, Equatable {
    /// The text, one element per character.
    public private(set) var chars: [Character]
    /// Caret position, 0...chars.count.
    public private(set) var caret: Int
    /// First character shown when the text is wider than the field (kept by ``layout(width:)``).
    public private(set) var offset = 0

    /// An editor holding `text` with the caret at its end.
    public init(_ text: String = "") {
        chars = Array(text)
        caret = chars.count
    }

    /// The text.
    public var text: String {
        get { String(chars) }
        set { chars = Array(newValue); caret = chars.count; offset = 0 }
    }

    /// Handles an editing key; returns false for keys it does not use.
    public mutating func handle(_ key: Key) -> Bool {
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
            caret = 0
        case .end, .ctrl("e"):
            caret = chars.count
        case .backspace, .ctrl("h"):
            if caret > 0 { chars.remove(at: caret - 1); caret -= 1 }
        case .delete, .ctrl("d"):
            if caret < chars.count { chars.remove(at: caret) }
        case .ctrl("u"):
            chars.removeSubrange(0..<caret); caret = 0
        case .ctrl("k"):
            chars.removeSubrange(caret..<chars.count)
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

    /// Inserts pasted or typed text at the caret; line breaks and tabs become spaces.
    public mutating func insert(_ text: String) {
        let clean = text.map { ($0 == "\n" || $0 == "\r" || $0 == "\t" || $0 == "\r\n") ? " " : $0 }
        chars.insert(contentsOf: clean, at: caret)
        caret += clean.count
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
