/// The language of labels and messages: Chinese by default, English with `--lang en`.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// A text in both languages.
public struct Localized: Sendable, Hashable {
    /// Chinese.
    public var zh: String
    /// English.
    public var en: String
    /// Creates a pair.
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }
    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String { language == .zh ? zh : en }
}
