import TaizhangLog

/// A case's field values, stored compactly: a sorted array of (key number, value) instead of a
/// dictionary.
///
/// A district ledger holds two million field values in a couple of hundred thousand cases; as
/// dictionaries they took about twice the memory of the values themselves. Keys known to the
/// schema are stored as a one-byte number; any other key (only a hand-edited ledger has them)
/// goes to a small dictionary on the side. Reads and writes by key are a short linear scan.
public struct CaseFields: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    struct Entry: Sendable, Equatable {
        // Value first: the one-byte key then fits in the value's padding.
        var value: StoredText
        var key: UInt8
        init(key: UInt8, value: StoredText) {
            self.value = value
            self.key = key
        }
    }

    var entries: [Entry] = []
    var extra: [String: String]? = nil

    /// Every key the schema knows, numbered.
    static let knownKeys: [String] = {
        var keys: [String] = []
        func add(_ k: String) { if !keys.contains(k) { keys.append(k) } }
        for f in Schema.commonFields { add(f.key) }
        for kind in CaseKind.allCases { for f in Schema.kindFields[kind]! { add(f.key) } }
        for k in Schema.outcomeFields.keys.sorted() { add(k) }
        add("closed_on")
        precondition(keys.count < 255)
        return keys
    }()
    static let keyNumbers: [String: UInt8] = {
        var d: [String: UInt8] = [:]
        for (i, k) in knownKeys.enumerated() { d[k] = UInt8(i) }
        return d
    }()

    /// No fields.
    public init() {}

    /// The fields of a dictionary (empty values are kept as given).
    public init(_ dictionary: [String: String]) {
        entries.reserveCapacity(dictionary.count)
        for (k, v) in dictionary { self[k] = v }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        for (k, v) in elements { self[k] = v }
    }

    /// The value of `key`; setting nil removes it.
    public subscript(key: String) -> String? {
        get {
            guard let n = Self.keyNumbers[key] else { return extra?[key] }
            return value(n)
        }
        set {
            guard let n = Self.keyNumbers[key] else {
                var d = extra ?? [:]
                d[key] = newValue
                extra = d.isEmpty ? nil : d
                return
            }
            set(n, newValue.map { StoredText($0) })
        }
    }

    /// The value of the schema key numbered `n`.
    func value(_ n: UInt8) -> String? {
        for e in entries where e.key == n { return e.value.string }
        return nil
    }

    /// Sets (or with nil removes) the value of the schema key numbered `n`, keeping the order.
    mutating func set(_ n: UInt8, _ newValue: StoredText?) {
        var i = 0
        while i < entries.count && entries[i].key < n { i += 1 }
        if i < entries.count && entries[i].key == n {
            if let v = newValue { entries[i].value = v } else { entries.remove(at: i) }
        } else if let v = newValue {
            entries.insert(Entry(key: n, value: v), at: i)
        }
    }

    /// Number of fields.
    public var count: Int { entries.count + (extra?.count ?? 0) }

    /// True when there are none.
    public var isEmpty: Bool { count == 0 }

    /// The keys.
    public var keys: [String] { entries.map { Self.knownKeys[Int($0.key)] } + (extra.map { Array($0.keys) } ?? []) }

    /// The values.
    public var values: [String] { entries.map(\.value.string) + (extra.map { Array($0.values) } ?? []) }

    /// The fields as a dictionary.
    public var dictionary: [String: String] {
        var d = extra ?? [:]
        for e in entries { d[Self.knownKeys[Int(e.key)]] = e.value.string }
        return d
    }

    /// Key/value pairs in key order, long values read from `source` itself: a pass over every
    /// case on two threads would otherwise meet at the process-wide source registry's lock
    /// for every value (a value from another file is read as ``makeIterator()`` reads it).
    public func sortedPairs(readingFrom source: LineSource?) -> [(key: String, value: String)] {
        var pairs = entries.map { (key: Self.knownKeys[Int($0.key)], value: (try? $0.value.read(from: source)) ?? $0.value.string) }
        if let extra { pairs += extra.map { (key: $0.key, value: $0.value) } }
        pairs.sort { $0.key < $1.key }
        return pairs
    }

    /// Key/value pairs.
    public func makeIterator() -> IndexingIterator<[(key: String, value: String)]> {
        var pairs = entries.map { (key: Self.knownKeys[Int($0.key)], value: $0.value.string) }
        if let extra { pairs += extra.map { (key: $0.key, value: $0.value) } }
        return pairs.makeIterator()
    }
}
