/// Counts by key in a fixed order: the schema's keys first (zeros included, so the shape of the
/// output never depends on the data), then any other keys found, sorted.
public struct Tally: Sendable, Equatable {
    /// Keys with their counts, in output order.
    public private(set) var entries: [(key: String, count: Int)]

    /// A tally over `keys`, all zero.
    public init(keys: [String] = []) {
        entries = keys.map { ($0, 0) }
    }

    /// Adds one to `key`, appending it (in sorted position among the extras) when unknown.
    public mutating func add(_ key: String, _ n: Int = 1) {
        if let i = entries.firstIndex(where: { $0.key == key }) {
            entries[i].count += n
        } else {
            entries.append((key, n))
        }
    }

    /// The count for `key` (0 when absent).
    public subscript(key: String) -> Int {
        entries.first { $0.key == key }?.count ?? 0
    }

    /// The keys with a non-zero count.
    public var nonZero: [(key: String, count: Int)] { entries.filter { $0.count != 0 } }

    /// Sum of all counts.
    public var total: Int { entries.reduce(0) { $0 + $1.count } }

    public static func == (a: Tally, b: Tally) -> Bool {
        a.entries.count == b.entries.count && zip(a.entries, b.entries).allSatisfy { $0.key == $1.key && $0.count == $1.count }
    }
}
