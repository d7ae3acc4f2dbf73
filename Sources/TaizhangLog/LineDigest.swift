import Crypto

/// A line's SHA-256, kept as four 64-bit words.
///
/// The chain check compares one of these per line; building and comparing 64-character hex
/// strings instead cost two allocations a line on a million-line replay. The words hold the
/// digest's bytes in order (big-endian), so ``hex`` is the usual lowercase hex form.
public struct LineDigest: Sendable, Hashable, CustomStringConvertible {
    var w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64

    /// The `prev` of the very first line: all zeros.
    public static let genesis = LineDigest(w0: 0, w1: 0, w2: 0, w3: 0)

    init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    /// SHA-256 of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> LineDigest {
        SHA256.hash(data: bytes).withUnsafeBytes { raw in
            LineDigest(w0: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
                       w1: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)),
                       w2: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
                       w3: UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)))
        }
    }

    /// SHA-256 of an array of bytes.
    public static func of(_ bytes: [UInt8]) -> LineDigest { bytes.withUnsafeBytes { of($0) } }

    /// Value of each byte as a lowercase hex digit, 0xFF for any other byte.
    static let hexValue: [UInt8] = (0..<256).map { b in
        switch b {
        case 48...57: return UInt8(b - 48)
        case 97...102: return UInt8(b - 87)
        default: return 0xFF
        }
    }

    /// Parses exactly 64 lowercase hex digits; nil for anything else.
    public init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64, let p = hex.baseAddress else { return nil }
        let parsed: LineDigest? = Self.hexValue.withUnsafeBufferPointer { table in
            func word(_ start: Int) -> UInt64? {
                var v: UInt64 = 0
                var bad: UInt8 = 0
                for i in start..<(start + 16) {
                    let d = table[Int(p[i])]
                    bad |= d
                    v = v << 4 | UInt64(d & 0xF)
                }
                return bad & 0xF0 == 0 ? v : nil
            }
            guard let a = word(0), let b = word(16), let c = word(32), let d = word(48) else { return nil }
            return LineDigest(w0: a, w1: b, w2: c, w3: d)
        }
        guard let parsed else { return nil }
        self = parsed
    }

    /// Parses a hex string (64 lowercase hex digits); nil for anything else.
    public init?(hex: String) {
        var text = hex
        guard let parsed = text.withUTF8({ LineDigest(hex: $0) }) else { return nil }
        self = parsed
    }

    /// Lowercase hex, 64 digits.
    public var hex: String {
        let digits = LineHash.hex
        return String(unsafeUninitializedCapacity: 64) { out in
            var i = 0
            for w in [w0, w1, w2, w3] {
                var shift = 60
                while shift >= 0 {
                    out[i] = digits[Int((w >> UInt64(shift)) & 0xF)]
                    i += 1
                    shift -= 4
                }
            }
            return 64
        }
    }

    public var description: String { hex }
}
