/// A rectangle of the grid handed to a screen.
public struct Rect: Sendable, Equatable {
    public var x: Int, y: Int, width: Int, height: Int
    /// Creates a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    /// One past the last row.
    public var bottom: Int { y + height }
    /// A centred rectangle of at most `w` x `h` inside this one.
    public func centered(width w: Int, height h: Int) -> Rect {
        let ww = min(w, width), hh = min(h, height)
        return Rect(x: x + (width - ww) / 2, y: y + (height - hh) / 2, width: ww, height: hh)
    }
}
