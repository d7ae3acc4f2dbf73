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

    /// 0x80 in each byte of `w` that lies in `low...high`, 0 in the others (bytes below 0x80).
    static func inRange(_ w: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs = ones &* 0x80
        // Bytes >= 0x80 are never in range; for the others, (b + 0x80 - low) keeps the high bit
        // when b >= low, and (b + 0x7F - high) sets it only when b > high.
        let ascii = ~w & highs
        let geLow = ((w | highs) &- ones &* UInt64(low)) & highs
        let gtHigh = ((w & ~highs) &+ ones &* UInt64(0x7F - high)) & highs
        return ascii & geLow & ~gtHigh
    }

    /// Parses exactly 64 lowercase hex digits; nil for anything else.
    public init?(hex: UnsafeBufferPointer<UInt8>) {
        guard hex.count == 64, let p = hex.baseAddress else { return nil }
        let raw = UnsafeRawPointer(p)
        // Eight digits at a time: each byte's value is its low nibble, plus 9 for a letter.
        func eight(_ at: Int) -> UInt32? {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            let ones: UInt64 = 0x0101_0101_0101_0101
            // Every byte must be '0'...'9' (0x30-0x39) or 'a'...'f' (0x61-0x66).
            let isDigit = Self.inRange(w, 0x30, 0x39), isLetter = Self.inRange(w, 0x61, 0x66)
            guard (isDigit | isLetter) == ones &* 0x80 else { return nil }
            var nibbles = (w & (ones &* 0x0F)) &+ ((isLetter >> 7) &* 9)
            // Gather the eight nibbles, first byte highest.
            nibbles = (nibbles << 4 | nibbles >> 8) & 0x00FF_00FF_00FF_00FF
            nibbles = (nibbles << 8 | nibbles >> 16) & 0x0000_FFFF_0000_FFFF
            nibbles = (nibbles << 16 | nibbles >> 32) & 0x0000_0000_FFFF_FFFF
            return UInt32(truncatingIfNeeded: nibbles)
        }
        let parsed: LineDigest? = {
            func word(_ start: Int) -> UInt64? {
                guard let hi = eight(start), let lo = eight(start + 8) else { return nil }
                return UInt64(hi) << 32 | UInt64(lo)
            }
            guard let a = word(0), let b = word(16), let c = word(32), let d = word(48) else { return nil }
            return LineDigest(w0: a, w1: b, w2: c, w3: d)
        }()
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
        let digits = Self.hexDigits
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

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    public var description: String { hex }
}
