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

    /// The text, read through the process-wide source registry for a referenced one, and empty
    /// when that read fails.
    ///
    /// Only the domain's own value accessors (`CaseFields` subscripts, which lists and the
    /// queue's search build read) still go this way. Everything that shows or exports a case's
    /// long texts reads them with ``LedgerState/text(of:)`` or ``LedgerState/loaded(_:)``,
    /// which say why a read failed instead of answering "".
    var string: String {
        switch storage {
        case let .text(s): return s
        case let .file(source, position):
            let (offset, length) = (Int(position & (1 << 40 - 1)), Int(position >> 40))
            return LineSource.registered(source)?.text(offset: offset, length: length) ?? ""
        }
    }

    /// The text held in memory, nil for one still in the file.
    public var inMemory: String? {
        if case let .text(s) = storage { return s }
        return nil
    }

    /// The text, read from `source` when it is in the file.
    ///
    /// Throws when the text belongs to another file than `source` (or there is none), or the
    /// file no longer holds valid text there (it was replaced or cut short).
    public func read(from source: LineSource?) throws(StoredTextError) -> String {
        switch storage {
        case let .text(s): return s
        case let .file(number, position):
            let (offset, length) = (Int(position & (1 << 40 - 1)), Int(position >> 40))
            guard let source, source.number == number else {
                throw StoredTextError(path: source?.path ?? "", offset: offset, length: length, reason: .otherFile)
            }
            guard let text = source.text(offset: offset, length: length) else {
                throw StoredTextError(path: source.path, offset: offset, length: length, reason: .unreadable)
            }
            return text
        }
    }

    /// True for the empty text.
    public var isEmpty: Bool {
        switch storage {
        case let .text(s): return s.isEmpty
        case let .file(_, position): return position >> 40 == 0
        }
    }

    /// The text in memory, or where it is in the file (`<text at byte 1234, 56 bytes>`);
    /// never reads the file.
    public var description: String {
        if let location { return "<text at byte \(location.offset), \(location.length) bytes>" }
        return inMemory ?? ""
    }

    /// Equal texts in memory, or the same bytes of the same file. Never reads a file: a text in
    /// memory and one in the file are not equal even when their words are (compare the results
    /// of ``LedgerState/loaded(_:)`` to compare contents).
    public static func == (a: StoredText, b: StoredText) -> Bool {
        switch (a.storage, b.storage) {
        case let (.text(x), .text(y)): return x == y
        case let (.file(s1, p1), .file(s2, p2)): return s1 == s2 && p1 == p2
        default: return false
        }
    }
}

/// A long text or a history entry that could not be read back from the ledger file.
public struct StoredTextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Why.
    public enum Reason: Sendable, Equatable {
        /// The file no longer holds valid text (or the expected line) there.
        case unreadable
        /// The text points into another file than the one asked to read it.
        case otherFile
    }
    /// The ledger file ("" when there was none to read from).
    public var path: String
    /// Where the bytes were.
    public var offset: Int
    /// How many.
    public var length: Int
    /// Why the read failed.
    public var reason: Reason

    /// Creates an error.
    public init(path: String, offset: Int, length: Int, reason: Reason) {
        self.path = path
        self.offset = offset
        self.length = length
        self.reason = reason
    }

    /// The message in `lang`.
    public func message(_ lang: Language) -> String {
        switch (reason, lang) {
        case (.unreadable, .zh):
            return "账本 \(path) 第 \(offset) 字节起的 \(length) 字节读不出原来的内容（文件可能已被替换或截短）；请运行 taizhang verify"
        case (.unreadable, _):
            return "the ledger \(path) no longer holds the \(length) bytes at byte \(offset) (the file may have been replaced or cut short); run taizhang verify"
        case (.otherFile, .zh):
            return "第 \(offset) 字节起的内容属于另一个账本文件，不能从 \(path.isEmpty ? "当前账本" : path) 读取"
        case (.otherFile, _):
            return "the text at byte \(offset) belongs to another ledger file, not \(path.isEmpty ? "this one" : path)"
        }
    }

    public var description: String { message(.en) }
}

extension LedgerState {
    /// The text, read from this state's ledger file when it is kept there; throws
    /// ``StoredTextError`` naming the file and position when the file no longer has it.
    public func text(of t: StoredText) throws(StoredTextError) -> String {
        try t.read(from: lineSource)
    }

    /// `c` with every long text and history entry read into memory, so showing, exporting or
    /// comparing it reads nothing more. One read per long text and per history line; throws
    /// the first ``StoredTextError``.
    public func loaded(_ c: CaseRecord) throws(StoredTextError) -> CaseRecord {
        var out = c
        for i in out.fields.entries.indices where out.fields.entries[i].value.location != nil {
            out.fields.entries[i].value = StoredText(try text(of: out.fields.entries[i].value))
        }
        for i in out.notes.indices {
            if out.notes[i].stored.location != nil { out.notes[i].stored = StoredText(try text(of: out.notes[i].stored)) }
            out.notes[i].entry = try loaded(out.notes[i].entry)
        }
        for i in out.timeline.indices { out.timeline[i] = try loaded(out.timeline[i]) }
        return out
    }
}

extension DecodedEvent {
    /// The event with every long text it references read from `source` into memory, so it
    /// compares by content with one decoded without a source (the decoder equivalence checks).
    func withTextsRead(from source: LineSource?) throws(StoredTextError) -> DecodedEvent {
        func inMemory(_ f: FieldChanges) throws(StoredTextError) -> FieldChanges {
            var out = f
            for i in out.known.indices { out.known[i].value = StoredText(try out.known[i].value.read(from: source)) }
            return out
        }
        var e = self
        switch payload {
        case let .opened(kind, fields): e.payload = .opened(kind: kind, fields: try inMemory(fields))
        case let .updated(fields): e.payload = .updated(try inMemory(fields))
        case let .noted(text): e.payload = .noted(text: StoredText(try text.read(from: source)))
        case let .closed(outcome, closedOn, linked, fields):
            e.payload = .closed(outcome: outcome, closedOn: closedOn, linkedCase: linked, fields: try inMemory(fields))
        default: break
        }
        return e
    }
}
