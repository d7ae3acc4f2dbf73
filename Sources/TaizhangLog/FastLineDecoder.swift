#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The replay's decoder for lines in the exact layout this program writes.
///
/// A line written by taizhang always has the envelope members in one order with no spaces, so
/// the decoder matches the member names as fixed byte strings instead of building and searching
/// a generic object (which was a third of the decoding time). Values go through the same strict
/// string, number and value parsers as ``JSONParser``. Anything that is not in that exact layout
/// (hand-edited, reordered, damaged) falls back to the plain decoder, so both accept and reject
/// exactly the same lines with the same defects.
extension LogRecord {
    /// Decodes one line, taking the fast path when the line is in canonical layout.
    public static func decodeCanonical(_ line: UnsafeBufferPointer<UInt8>) throws(LineDefect) -> LogRecord {
        var p = JSONParser(bytes: line)
        if let record = p.canonicalRecord() { return record }
        return try decode(line)
    }
}

extension JSONParser {
    /// Consumes `literal` if the bytes at the cursor are exactly it.
    mutating func take(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard pos + n <= bytes.count else { return false }
        let p = bytes.baseAddress! + pos, l = literal.utf8Start
        for i in 0..<n where p[i] != l[i] { return false }
        pos += n
        return true
    }

    mutating func takeString() -> String? {
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { return nil }
        return try? parseString()
    }

    mutating func takeInt() -> Int? {
        guard pos < bytes.count else { return nil }
        return try? parseInt()
    }

    /// The record, or nil when the line is not exactly in canonical layout or breaks a rule
    /// (the caller then asks the plain decoder, which says what is wrong).
    mutating func canonicalRecord() -> LogRecord? {
        guard take("{\"v\":"), let version = takeInt(), version >= 1, version <= LogRecord.currentVersion,
              take(",\"seq\":"), let seq = takeInt(), seq >= 1, seq <= LogRecord.maximumSeq,
              take(",\"id\":"), let id = takeString(), !id.isEmpty,
              take(",\"at\":"), let at = takeString(),
              take(",\"op\":"), let op = takeString() else { return nil }
        var caseID: String? = nil
        if take(",\"case\":") {
            guard let c = takeString() else { return nil }
            caseID = c
        }
        guard take(",\"type\":"), let type = takeString(), take(",\"data\":"),
              pos < bytes.count, bytes[pos] == UInt8(ascii: "{"),
              let data = try? parseValue(depth: 1),  // the envelope object is depth 1, as in the plain parser
              take(",\"prev\":"), let prev = takeString(), take("}"), pos == bytes.count,
              prev.utf8.count == 64, prev.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) }) else { return nil }
        return LogRecord(version: version, seq: seq, id: id, at: at, op: op, caseID: caseID, type: type, data: data, prev: prev)
    }
}

/// A cursor over one line's bytes for decoders in other modules that read the canonical layout
/// directly (see ``LineDecoder``). Each call consumes what it reads and returns nil when the
/// bytes are not exactly what was asked for; the caller then falls back to the plain decoder.
public struct CanonicalCursor {
    var parser: JSONParser

    /// A cursor at the start of `bytes`.
    public init(_ bytes: UnsafeBufferPointer<UInt8>) { parser = JSONParser(bytes: bytes) }

    /// True when every byte has been read.
    public var atEnd: Bool { parser.pos == parser.bytes.count }

    /// The next byte, not consumed.
    public var next: UInt8? { parser.pos < parser.bytes.count ? parser.bytes[parser.pos] : nil }

    /// Consumes `literal` if the bytes at the cursor are exactly it.
    public mutating func take(_ literal: StaticString) -> Bool { parser.take(literal) }

    /// Consumes one byte if it is `byte`.
    public mutating func take(byte: UInt8) -> Bool {
        guard parser.pos < parser.bytes.count, parser.bytes[parser.pos] == byte else { return false }
        parser.pos += 1
        return true
    }

    /// A JSON string, unescaped and checked as the plain parser checks it.
    public mutating func string() -> String? { parser.takeString() }

    /// A JSON integer.
    public mutating func int() -> Int? { parser.takeInt() }

    /// The bytes of a JSON string that has no escapes and no control characters, without its
    /// quotes; not checked for UTF-8 (callers compare it with ASCII constants or check it).
    public mutating func rawString() -> UnsafeBufferPointer<UInt8>? {
        let bytes = parser.bytes
        var pos = parser.pos
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { return nil }
        pos += 1
        let start = pos
        // Eight bytes at a time while none of them is a quote, a backslash or a control
        // character (the classic "has a zero byte" bit trick on each test).
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        while pos + 8 <= bytes.count {
            let w = raw.loadUnaligned(fromByteOffset: pos, as: UInt64.self)
            let q = w ^ (ones &* 0x22), b = w ^ (ones &* 0x5C)
            let special = (((q &- ones) & ~q) | ((b &- ones) & ~b) | ((w &- ones &* 0x20) & ~w)) & highs
            if special != 0 {
                // The lowest flagged byte is exact (a false flag only follows a true one).
                pos += special.trailingZeroBitCount / 8
                if bytes[pos] == UInt8(ascii: "\"") {
                    parser.pos = pos + 1
                    return UnsafeBufferPointer(rebasing: bytes[start..<pos])
                }
                return nil
            }
            pos += 8
        }
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                parser.pos = pos + 1
                return UnsafeBufferPointer(rebasing: bytes[start..<pos])
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { return nil }
            pos += 1
        }
        return nil
    }

    /// True when `bytes` are valid UTF-8 (as the plain parser requires of every string).
    public static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { UTF8Check.isValid(bytes) }

    /// The text of `bytes` when they are valid UTF-8, else nil (one pass).
    public static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? { UTF8Check.string(bytes) }
}
