import TaizhangLog

/// A field value or note text as the state keeps it: in memory, or, for a long text folded from
/// a ledger file, the position of its bytes in that file, read back when asked for.
///
/// A district ledger's summaries, questions and notes come to about a hundred megabytes; a
/// screen shows a few of them at a time. Keeping their positions instead makes replay and
/// snapshot loading allocate nothing per long text and keeps that memory free. Short texts
/// (dates, names, villages, chosen keys) fit in a `String` without an allocation, so they are
/// kept as they are and the year's figures never read the file. Only texts written without
/// escapes are referenced: their bytes in the file are exactly the text.
public struct StoredText: Sendable, Equatable, ExpressibleByStringLiteral, CustomStringConvertible {
    enum Storage: Sendable {
        case text(String)
        /// A registered ``LineSource``'s number; the offset (low 40 bits) and length (high 24).
        case file(source: UInt32, position: UInt64)
    }

    let storage: Storage

    /// Texts longer than this many UTF-8 bytes are referenced when they can be.
    static let inlineLimit = 15

    /// A text held in memory.
    public init(_ text: String) { storage = .text(text) }

    public init(stringLiteral value: String) { storage = .text(value) }

    /// The text whose bytes are at `offset`, `length` bytes long, in `source`'s file; in memory
    /// instead when the position does not fit.
    init(source: UInt32, offset: Int, length: Int, fallback: () -> String) {
        if offset >= 0, offset < 1 << 40, length >= 0, length < 1 << 24 {
            storage = .file(source: source, position: UInt64(offset) | UInt64(length) << 40)
        } else {
            storage = .text(fallback())
        }
    }

    /// Where the text is in its file, when it is referenced.
    var location: (offset: Int, length: Int)? {
        if case let .file(_, position) = storage { return (Int(position & (1 << 40 - 1)), Int(position >> 40)) }
        return nil
    }

    /// The text (read from the file for a referenced one; empty when the file no longer has it).
    public var string: String {
        switch storage {
        case let .text(s): return s
        case let .file(source, position):
            let (offset, length) = (Int(position & (1 << 40 - 1)), Int(position >> 40))
            return LineSource.registered(source)?.text(offset: offset, length: length) ?? ""
        }
    }

    /// True for the empty text.
    public var isEmpty: Bool {
        switch storage {
        case let .text(s): return s.isEmpty
        case let .file(_, position): return position >> 40 == 0
        }
    }

    public var description: String { string }

    public static func == (a: StoredText, b: StoredText) -> Bool {
        if case let .file(s1, p1) = a.storage, case let .file(s2, p2) = b.storage, s1 == s2, p1 == p2 { return true }
        return a.string == b.string
    }
}
