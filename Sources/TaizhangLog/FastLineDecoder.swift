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
        let l = literal.utf8Start
        for i in 0..<n where bytes[pos + i] != l[i] { return false }
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
              take(",\"seq\":"), let seq = takeInt(), seq >= 1,
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
