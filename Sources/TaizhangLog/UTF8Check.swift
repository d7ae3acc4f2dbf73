/// Strict UTF-8 validation of a byte range (no overlong forms, no surrogates, nothing above
/// U+10FFFF).
///
/// Written out here because the standard library's `String(validating:as:)` is generic over the
/// encoding and, called from the parser, spent more time looking up generic metadata than
/// validating; this one is a plain loop with an ASCII fast path.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum UTF8Check {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            if c < 0xC2 { return false }
            if c < 0xE0 {
                guard i + 1 < n, b[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
            } else if c < 0xF0 {
                guard i + 2 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80 else { return false }
                if c == 0xE0 && b[i + 1] < 0xA0 { return false }   // overlong
                if c == 0xED && b[i + 1] >= 0xA0 { return false }  // surrogate
                i += 3
            } else if c < 0xF5 {
                guard i + 3 < n, b[i + 1] & 0xC0 == 0x80, b[i + 2] & 0xC0 == 0x80, b[i + 3] & 0xC0 == 0x80 else { return false }
                if c == 0xF0 && b[i + 1] < 0x90 { return false }   // overlong
                if c == 0xF4 && b[i + 1] >= 0x90 { return false }  // above U+10FFFF
                i += 4
            } else {
                return false
            }
        }
        return true
    }

    /// The text of valid UTF-8 bytes, or nil.
    ///
    /// Making a `String` checks the bytes anyway (repairing what is invalid), so instead of a
    /// second pass this compares the string's bytes with the input: they are equal exactly when
    /// nothing needed repair.
    static func string(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        let s = String(decoding: b, as: UTF8.self)
        let same = s.utf8.withContiguousStorageIfAvailable { out in
            out.count == b.count && (b.isEmpty || memcmp(out.baseAddress!, b.baseAddress!, b.count) == 0)
        }
        if let same { return same ? s : nil }
        return isValid(b) ? s : nil
    }
}
