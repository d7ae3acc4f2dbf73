import TaizhangDomain

/// Why a file could not be imported at all (one row's problem is a ``RowError`` instead).
public struct ImportError: Error, Sendable, CustomStringConvertible {
    /// The message in Chinese.
    public var zh: String
    /// The message in English.
    public var en: String

    /// Creates an error.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The file's bytes are not a readable spreadsheet (the detail says where).
    public static func unreadable(_ detail: String) -> ImportError {
        ImportError(zh: "无法读取文件：\(detail)", en: "cannot read the file: \(detail)")
    }

    /// The message in `language`.
    public func message(_ language: Language) -> String { language == .zh ? zh : en }

    public var description: String { en }
}

/// One row that cannot be imported: its row number as the spreadsheet shows it, the column at
/// fault (its header as written, or the field key when no column holds the field) and why, in the
/// words the CLI's validation uses.
public struct RowError: Sendable, Equatable {
    /// The sheet's name.
    public var sheet: String
    /// Excel's row number, or the CSV line number.
    public var row: Int
    /// The column's header, or the field key.
    public var column: String
    /// The field key at fault (empty when the whole row is).
    public var field: String
    /// The message in Chinese.
    public var zh: String
    /// The message in English.
    public var en: String

    /// The message in `language`.
    public func message(_ language: Language) -> String { language == .zh ? zh : en }
}
