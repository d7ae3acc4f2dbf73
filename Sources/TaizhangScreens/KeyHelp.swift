/// One line of a help screen or key bar: the keys and what they do.
public struct KeyHelp: Sendable, Equatable {
    /// The keys as shown (`j/k`, `Ctrl-S`).
    public var keys: String
    /// What they do, in the UI language.
    public var action: String
    /// Shown in the bottom bar too (not only on `?`).
    public var inBar: Bool
    /// Creates an entry.
    public init(_ keys: String, _ action: String, bar: Bool = true) {
        self.keys = keys
        self.action = action
        self.inBar = bar
    }
}
