/// A JSON value as stored in the ledger's event lines.
///
/// The log keeps its own small JSON model instead of `JSONSerialization` for three reasons:
/// object keys keep a fixed order when written (so a line's bytes, and therefore its hash,
/// are reproducible), numbers are integers only (the ledger never stores floats: amounts are
/// decimal strings), and the parser is strict (invalid UTF-8, duplicate keys, trailing bytes
/// and nesting deeper than ``JSONParser/maximumDepth`` are errors that name the column).
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case array([JSONValue])
    /// Key/value pairs in the order they were written.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The member named `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(pairs) = self else { return nil }
        for (k, v) in pairs where k == key { return v }
        return nil
    }

    /// The string payload, if this is a string.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The integer payload, if this is an integer.
    public var intValue: Int? {
        if case let .int(i) = self { return i }
        return nil
    }

    /// The members of an object, or nil.
    public var objectPairs: [(String, JSONValue)]? {
        if case let .object(p) = self { return p }
        return nil
    }

    /// An object whose values are all strings, as a dictionary (other members are skipped).
    public var stringDictionary: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in objectPairs ?? [] {
            if case let .string(s) = v { out[k] = s }
        }
        return out
    }

    /// Builds an object from a string dictionary with keys sorted, so the bytes are stable.
    public static func sortedObject(_ dict: [String: String]) -> JSONValue {
        .object(dict.keys.sorted().map { ($0, .string(dict[$0]!)) })
    }
}

// MARK: - Writing

extension JSONValue {
    /// Appends the compact JSON text of this value to `out`.
    ///
    /// Non-ASCII text is written as UTF-8, not `\u` escapes, so Chinese stays readable with
    /// `grep` and `less`; every control character is escaped so a line never contains a raw
    /// newline or terminal escape.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .string(s): JSONValue.writeString(s, to: &out)
        case let .array(items):
            out.append(UInt8(ascii: "["))
            for (n, item) in items.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(pairs):
            out.append(UInt8(ascii: "{"))
            for (n, (key, value)) in pairs.enumerated() {
                if n > 0 { out.append(UInt8(ascii: ",")) }
                JSONValue.writeString(key, to: &out)
                out.append(UInt8(ascii: ":"))
                value.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The compact JSON text of this value.
    public var jsonText: String {
        var bytes: [UInt8] = []
        write(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = Array(s.utf8)
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            i += 1
            // C1 controls (U+0080–U+009F, bytes C2 80–C2 9F) and the line/paragraph separators
            // (E2 80 A8/A9) are escaped too: some terminals and JavaScript read them as controls.
            if byte == 0xC2, i < utf8.count, (0x80...0x9F).contains(utf8[i]) {
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hexDigits[Int(utf8[i] >> 4)], hexDigits[Int(utf8[i] & 0xF)]])
                i += 1
                continue
            }
            if byte == 0xE2, i + 1 < utf8.count, utf8[i] == 0x80, utf8[i + 1] == 0xA8 || utf8[i + 1] == 0xA9 {
                out.append(contentsOf: Array((utf8[i + 1] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                i += 2
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): out.append(contentsOf: [92, 92])
            case 0x0A: out.append(contentsOf: [92, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [92, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [92, UInt8(ascii: "t")])
            case 0..<0x20, 0x7F:
                out.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48])
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 0xF)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

// MARK: - Parsing

/// Why a piece of JSON text could not be parsed; `offset` is the byte position in the line.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Byte offset (0-based) where parsing failed.
    public var offset: Int
    /// What was wrong there.
    public var reason: String
    public var description: String { "\(reason) at byte \(offset + 1)" }
}

/// A strict, allocation-light JSON parser over UTF-8 bytes.
public struct JSONParser {
    /// Deeper nesting than this is rejected rather than risking the stack.
    public static let maximumDepth = 64

    /// Parses exactly one JSON value filling all of `bytes` (surrounding spaces allowed).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(JSONParseError) -> JSONValue {
        var p = JSONParser(bytes: bytes)
        p.skipSpace()
        let value = try p.parseValue(depth: 0)
        p.skipSpace()
        if p.pos != bytes.count { throw p.fail("unexpected bytes after the value") }
        return value
    }

    /// Parses a value from an array of bytes.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        var result: Result<JSONValue, JSONParseError> = .success(.null)
        bytes.withUnsafeBufferPointer { buf in
            do throws(JSONParseError) { result = .success(try parse(buf)) } catch { result = .failure(error) }
        }
        return try result.get()
    }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0

    func fail(_ reason: String) -> JSONParseError { JSONParseError(offset: pos, reason: reason) }

    mutating func skipSpace() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { pos += 1 } else { break }
        }
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard pos < bytes.count else { throw fail("unexpected end of line") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .int(try parseInt())
        default: throw fail("unexpected character")
        }
    }

    mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw fail("unexpected end of line") }
        let w = word.utf8Start
        for i in 0..<n where bytes[pos + i] != w[i] { throw fail("invalid literal") }
        pos += n
    }

    mutating func parseInt() throws(JSONParseError) -> Int {
        let start = pos
        var negative = false
        if bytes[pos] == UInt8(ascii: "-") { negative = true; pos += 1 }
        guard pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 else { throw fail("invalid number") }
        if bytes[pos] == 48, pos + 1 < bytes.count, bytes[pos + 1] >= 48, bytes[pos + 1] <= 57 {
            throw fail("leading zero in number")
        }
        // A negative number is accumulated downwards, so Int.min (whose magnitude is one more
        // than Int.max) is read exactly and only what is beyond Int64 is out of range.
        var value = 0
        while pos < bytes.count, bytes[pos] >= 48, bytes[pos] <= 57 {
            let digit = Int(bytes[pos] - 48)
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = negative ? m.subtractingReportingOverflow(digit) : m.addingReportingOverflow(digit)
            if o1 || o2 { pos = start; throw fail("number out of range") }
            value = a
            pos += 1
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") || bytes[pos] == UInt8(ascii: "e") || bytes[pos] == UInt8(ascii: "E") {
            throw fail("fractional numbers are not used in the ledger")
        }
        return value
    }

    mutating func parseString() throws(JSONParseError) -> String {
        pos += 1  // opening quote
        let start = pos
        // Fast path: no escapes.
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<pos])
                guard let s = UTF8Check.string(slice) else {
                    pos = start
                    throw fail("invalid UTF-8 in string")
                }
                pos += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("raw control character in string") }
            pos += 1
        }
        // Slow path with escapes.
        var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                guard let s = out.withUnsafeBufferPointer({ UTF8Check.string($0) }) else {
                    pos = start
                    throw fail("invalid UTF-8 in string")
                }
                return s
            }
            if b < 0x20 { throw fail("raw control character in string") }
            if b != UInt8(ascii: "\\") { out.append(b); pos += 1; continue }
            pos += 1
            guard pos < bytes.count else { break }
            let e = bytes[pos]
            pos += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar) {
                    guard pos + 1 < bytes.count, bytes[pos] == 92, bytes[pos + 1] == UInt8(ascii: "u") else {
                        throw fail("unpaired surrogate")
                    }
                    pos += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw fail("unpaired surrogate")
                }
                guard let u = Unicode.Scalar(scalar) else { throw fail("invalid escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw fail("invalid escape")
            }
        }
        throw fail("unterminated string")
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard pos + 4 <= bytes.count else { throw fail("short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[pos]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 65...70: d = UInt32(c - 55)
            case 97...102: d = UInt32(c - 87)
            default: throw fail("invalid \\u escape")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        pos += 1
        var items: [JSONValue] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try parseValue(depth: depth))
            skipSpace()
            guard pos < bytes.count else { throw fail("unterminated array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw fail("expected , or ]")
        }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > JSONParser.maximumDepth { throw fail("nesting deeper than \(JSONParser.maximumDepth)") }
        pos += 1
        var pairs: [(String, JSONValue)] = []
        skipSpace()
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(pairs) }
        while true {
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a key") }
            let keyStart = pos
            let key = try parseString()
            if pairs.contains(where: { $0.0 == key }) {
                pos = keyStart
                throw fail("duplicate key \"\(key)\"")
            }
            skipSpace()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw fail("expected :") }
            pos += 1
            skipSpace()
            pairs.append((key, try parseValue(depth: depth)))
            skipSpace()
            guard pos < bytes.count else { throw fail("unterminated object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return .object(pairs) }
            throw fail("expected , or }")
        }
    }
}
