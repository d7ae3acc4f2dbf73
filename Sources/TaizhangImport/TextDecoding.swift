import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The text encodings a CSV file may come in.
public enum TextEncoding: String, Sendable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "UTF-8"
    /// UTF-16 with a byte-order mark (Excel's "Unicode text").
    case utf16 = "UTF-16"
    /// GB18030 (which contains GBK and GB2312): what Excel and WPS write on a Chinese Windows.
    case gb18030 = "GB18030"
}

/// Decodes the bytes of a text file, telling UTF-8 from GB18030.
public enum TextDecoding {
    /// The text and the encoding it was in: a UTF-8 or UTF-16 byte-order mark decides; else bytes
    /// that are valid UTF-8 are UTF-8; else they must be valid GB18030, converted by iconv.
    public static func decode(_ bytes: [UInt8]) throws(ImportError) -> (text: String, encoding: TextEncoding) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            guard let s = String(validating: rest, as: UTF8.self) else {
                throw ImportError.unreadable("the file starts with a UTF-8 byte-order mark but is not valid UTF-8")
            }
            return (s, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            guard let s = String(data: Data(bytes), encoding: .utf16) else {
                throw ImportError.unreadable("the file starts with a UTF-16 byte-order mark but is not valid UTF-16")
            }
            return (s, .utf16)
        }
        if let s = String(validating: bytes, as: UTF8.self) { return (s, .utf8) }
        return (try convert(bytes, from: "GB18030"), .gb18030)
    }

    /// Converts `bytes` in `encoding` to a string with iconv; fails on the first byte sequence
    /// that is not valid in it, naming its offset.
    public static func convert(_ bytes: [UInt8], from encoding: String) throws(ImportError) -> String {
        if bytes.isEmpty { return "" }
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) {
            throw ImportError.unreadable("this system cannot convert from \(encoding) (iconv_open failed)")
        }
        defer { iconv_close(cd) }
        var out = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        var input = bytes
        let consumed: Int
        let produced: Int
        var failure: Int32 = 0
        (consumed, produced) = input.withUnsafeMutableBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                inBuf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: inBuf.count) { inPtr in
                    outBuf.baseAddress!.withMemoryRebound(to: CChar.self, capacity: outBuf.count) { outPtr in
                        var ip: UnsafeMutablePointer<CChar>? = inPtr
                        var op: UnsafeMutablePointer<CChar>? = outPtr
                        var inLeft = inBuf.count
                        var outLeft = outBuf.count
                        if iconv(cd, &ip, &inLeft, &op, &outLeft) == -1 { failure = errno }
                        return (inBuf.count - inLeft, outBuf.count - outLeft)
                    }
                }
            }
        }
        if failure != 0 || consumed != bytes.count {
            let what = failure == EINVAL ? "ends in the middle of a character" : "has bytes that are not valid \(encoding)"
            throw ImportError.unreadable("the file is neither UTF-8 nor \(encoding): it \(what) at byte \(consumed + 1)")
        }
        return String(decoding: out[0..<produced], as: UTF8.self)
    }
}
