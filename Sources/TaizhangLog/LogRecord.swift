import TaizhangTerminalCore

/// One event line of the ledger, as written to and read from the log.
///
/// A line is a JSON object with its members in this fixed order:
/// `{"v":1,"seq":7,"id":"…","at":"2024-03-05T09:12:33+08:00","op":"王律师","case":"M-2024-0003","type":"case.closed","data":{…},"prev":"<sha256 hex>"}`.
/// `case` is absent for events that belong to no case (settings).
public struct LogRecord: Sendable, Equatable {
    /// The format version this reader writes.
    public static let currentVersion = 1
    /// `prev` of the very first line.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Format version of the line.
    public var version: Int
    /// 1-based sequence number; each line is exactly one more than the line before.
    public var seq: Int
    /// Unique event id.
    public var id: String
    /// Wall-clock time the event was written, ISO 8601 with offset.
    public var at: String
    /// Who wrote it.
    public var op: String
    /// The case the event belongs to, if any.
    public var caseID: String?
    /// The event type, e.g. `case.opened`.
    public var type: String
    /// The event's payload (always an object).
    public var data: JSONValue
    /// SHA-256 (lowercase hex) of the previous line's bytes, without its newline.
    public var prev: String
    /// Where the line sits in its file (byte offset of its first byte), or -1 when unknown.
    /// Not part of the line; ignored by `==`.
    public var lineOffset = -1
    /// Length of the line in bytes, without its newline (0 when unknown). Ignored by `==`.
    public var lineLength = 0

    public static func == (a: LogRecord, b: LogRecord) -> Bool {
        a.version == b.version && a.seq == b.seq && a.id == b.id && a.at == b.at && a.op == b.op
            && a.caseID == b.caseID && a.type == b.type && a.data == b.data && a.prev == b.prev
    }

    /// Creates a record.
    public init(version: Int = LogRecord.currentVersion, seq: Int, id: String, at: String, op: String,
                caseID: String?, type: String, data: JSONValue, prev: String) {
        self.version = version
        self.seq = seq
        self.id = id
        self.at = at
        self.op = op
        self.caseID = caseID
        self.type = type
        self.data = data
        self.prev = prev
    }

    /// The line's bytes, without the trailing newline.
    public func encoded() -> [UInt8] {
        var pairs: [(String, JSONValue)] = [
            ("v", .int(version)), ("seq", .int(seq)), ("id", .string(id)), ("at", .string(at)), ("op", .string(op)),
        ]
        if let caseID { pairs.append(("case", .string(caseID))) }
        pairs.append(contentsOf: [("type", .string(type)), ("data", data), ("prev", .string(prev))])
        var out: [UInt8] = []
        out.reserveCapacity(256)
        JSONValue.object(pairs).write(to: &out)
        return out
    }

    /// Decodes one line (without its newline).
    public static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(LineDefect) -> LogRecord {
        let value: JSONValue
        do {
            value = try JSONParser.parse(line)
        } catch {
            throw LineDefect(kind: .badJSON, detail: error.description)
        }
        return try decode(value)
    }

    /// Decodes one line held in an array.
    public static func decode(_ line: [UInt8]) throws(LineDefect) -> LogRecord {
        var result: Result<LogRecord, LineDefect> = .failure(LineDefect(kind: .badJSON, detail: ""))
        line.withUnsafeBufferPointer { buf in
            do throws(LineDefect) { result = .success(try decode(buf)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    /// Builds a record from an already parsed JSON object, checking every envelope member.
    public static func decode(_ value: JSONValue) throws(LineDefect) -> LogRecord {
        guard case .object = value else { throw LineDefect(kind: .badField, detail: "the line is not a JSON object") }
        func string(_ key: String) throws(LineDefect) -> String {
            guard let v = value[key] else { throw LineDefect(kind: .badField, detail: "missing \"\(key)\"") }
            guard let s = v.stringValue else { throw LineDefect(kind: .badField, detail: "\"\(key)\" must be a string") }
            return s
        }
        func int(_ key: String) throws(LineDefect) -> Int {
            guard let v = value[key] else { throw LineDefect(kind: .badField, detail: "missing \"\(key)\"") }
            guard let i = v.intValue else { throw LineDefect(kind: .badField, detail: "\"\(key)\" must be an integer") }
            return i
        }
        let version = try int("v")
        guard version >= 1, version <= currentVersion else {
            throw LineDefect(kind: .unsupportedVersion, detail: "format version \(version); this program reads 1...\(currentVersion)")
        }
        let seq = try int("seq")
        guard seq >= 1 else { throw LineDefect(kind: .badField, detail: "\"seq\" must be 1 or more") }
        let id = try string("id")
        guard !id.isEmpty else { throw LineDefect(kind: .badField, detail: "\"id\" is empty") }
        let at = try string("at")
        let op = try string("op")
        var caseID: String? = nil
        if let c = value["case"] {
            guard let s = c.stringValue else { throw LineDefect(kind: .badField, detail: "\"case\" must be a string") }
            caseID = s
        }
        let type = try string("type")
        guard let data = value["data"], case .object = data else {
            throw LineDefect(kind: .badField, detail: "\"data\" must be an object")
        }
        let prev = try string("prev")
        guard prev.utf8.count == 64, prev.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else {
            throw LineDefect(kind: .badField, detail: "\"prev\" must be 64 lowercase hex digits")
        }
        return LogRecord(version: version, seq: seq, id: id, at: at, op: op, caseID: caseID, type: type, data: data, prev: prev)
    }
}

/// What is wrong with one line of the log.
public struct LineDefect: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kinds of damage a line can show.
    public enum Kind: String, Sendable {
        /// Not parseable JSON (includes invalid UTF-8).
        case badJSON = "bad JSON"
        /// Parseable, but an envelope member is missing or of the wrong type.
        case badField = "bad field"
        /// Written by a newer program.
        case unsupportedVersion = "unsupported version"
        /// `prev` does not match the hash of the line before.
        case brokenChain = "broken chain"
        /// `seq` is not one more than the line before.
        case sequenceGap = "sequence gap"
        /// An event id seen on an earlier line.
        case duplicateID = "duplicate id"
        /// The last bytes of the file are not a complete line.
        case tornTail = "torn last line"
        /// The event is well-formed but does not fit the ledger (e.g. closes an unknown case).
        case badEvent = "bad event"
    }
    /// The kind of damage.
    public var kind: Kind
    /// A human-readable detail.
    public var detail: String
    /// Creates a defect.
    public init(kind: Kind, detail: String) {
        self.kind = kind
        self.detail = detail
    }
    /// The defect in words; text taken from the damaged line is escaped, so printing it can
    /// never drive the terminal.
    public var description: String {
        detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(Escaping.visible(detail))"
    }
}

/// SHA-256 helpers used by the chain.
public enum LineHash {
    /// Lowercase hex SHA-256 of `bytes` (the chain's form of ``LineDigest``).
    public static func hexDigest(_ bytes: UnsafeRawBufferPointer) -> String {
        LineDigest.of(bytes).hex
    }

    /// Lowercase hex SHA-256 of an array of bytes.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBytes { hexDigest($0) }
    }
}
