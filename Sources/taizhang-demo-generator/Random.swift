import TaizhangRandom

/// Helpers for drawing demo data from the seeded generator.
extension SplitMix64 {
    /// A whole number in `range` (the tiny modulo bias does not matter for demo data).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `percent`/100.
    mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// The elements of `items` in a shuffled order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var a = items
        if a.count < 2 { return a }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            let j = int(0...i)
            a.swapAt(i, j)
        }
        return a
    }
}
