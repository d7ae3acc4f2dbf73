/// The language of labels and messages: Chinese by default, English with `--lang en`.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// The language when none is chosen: Chinese, the station's working language.
    public static let standard: Language = .zh

    /// The language named by a `--lang` option, else by `TAIZHANG_LANG`, else ``standard``.
    /// `en`, `en_US.UTF-8` and other `en…` names choose English; anything else Chinese.
    public init(option: String?, environment: String?) {
        guard let raw = (option ?? environment)?.lowercased() else {
            self = Language.standard
            return
        }
        self = Language(rawValue: raw) ?? (raw.hasPrefix("en") ? .en : Language.standard)
    }
}

/// A text in both languages: an entry of the catalogue (`Words.Common.save`), or a label the
/// schema gives a field, choice or outcome (which the catalogue's `Fields`, `Choices` and
/// `Outcomes` groups hold).
///
/// The catalogue lives in this folder, one file per subject, each entry written
/// `Words("中文", "English")` so that every text the program shows can be found with grep and is
/// checked by the catalogue tests (both languages present, no entry repeated under two names).
/// An entry that needs a number or a name is a function returning `Words`:
/// `Words.Clocks.daysOver(3)`.
///
/// Look a text up with its language as the subscript: `Words.Common.save[lang]`.
public struct Words: Sendable, Hashable {
    /// Chinese.
    public let zh: String
    /// English.
    public let en: String

    /// Creates a pair, Chinese first.
    public init(_ zh: String, _ en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public subscript(_ language: Language) -> String { language == .zh ? zh : en }

    /// The text in `language` (the older call form `label(lang)`; prefer `label[lang]`).
    public func callAsFunction(_ language: Language) -> String { self[language] }
}

/// The older name of ``Words``, kept while the last files move to the catalogue.
public typealias Localized = Words
