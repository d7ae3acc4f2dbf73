/// The time stamp of an event (`at`), as written: `2024-03-05T09:12:33.123+08:00`.
///
/// Stamps in the form this program writes are packed into one word, so a case's first and last
/// time stamps cost no allocation while a million-event ledger is folded; any other text is kept
/// as it is. ``description`` always gives back the exact text.
public struct EventTime: Sendable, Hashable, CustomStringConvertible {
    enum Storage: Sendable, Hashable {
        case packed(UInt64)
        case text(String)
    }

    let storage: Storage

    /// The stamp `text`.
    public init(_ text: String) {
        var t = text
        if let p = t.withUTF8({ EventTime.pack($0) }) {
            storage = .packed(p)
        } else {
            storage = .text(text)
        }
    }

    /// A packed stamp read back from a snapshot; nil when it is not one this type makes.
    init?(packed: UInt64) {
        // Only words `pack` makes: every field fits its width except these.
        let year = (packed >> 1) & 0x3FFF, millis = (packed >> 41) & 0x3FF
        guard packed >> 63 == 0, year <= 9999, millis <= 999, packed & 1 == 1 || millis == 0 else { return nil }
        storage = .packed(packed)
    }

    /// The stamp whose UTF-8 bytes are `bytes`, or nil when they are not valid UTF-8.
    init?(bytes: UnsafeBufferPointer<UInt8>) {
        if let p = EventTime.pack(bytes) {
            storage = .packed(p)
        } else {
            guard let s = String(validating: bytes, as: UTF8.self) else { return nil }
            storage = .text(s)
        }
    }

    // Layout of a packed stamp, low bit first: millisecond flag 1, year 14, month 4, day 5,
    // hour 5, minute 6, second 6, millisecond 10, offset sign 1, offset hours 5, offset minutes 6.
    static let widths = [1, 14, 4, 5, 5, 6, 6, 10, 1, 5, 6]

    /// Packs `YYYY-MM-DDTHH:MM:SS[.mmm]±HH:MM`; nil for anything else.
    static func pack(_ b: UnsafeBufferPointer<UInt8>) -> UInt64? {
        let hasMillis: Bool
        switch b.count {
        case 29: hasMillis = true
        case 25: hasMillis = false
        default: return nil
        }
        var bad: UInt8 = 0
        func digits(_ at: Int, _ n: Int) -> UInt64 {
            var v: UInt64 = 0
            for i in at..<(at + n) {
                let d = b[i] &- 48
                bad |= d < 10 ? 0 : 1
                v = v &* 10 &+ UInt64(d)
            }
            return v
        }
        guard b[4] == 45, b[7] == 45, b[10] == 84, b[13] == 58, b[16] == 58 else { return nil }
        let tz = hasMillis ? 23 : 19
        if hasMillis { guard b[19] == 46 else { return nil } }
        guard b[tz] == 43 || b[tz] == 45, b[tz + 3] == 58 else { return nil }
        let y = digits(0, 4), mo = digits(5, 2), d = digits(8, 2), h = digits(11, 2)
        let mi = digits(14, 2), s = digits(17, 2), oh = digits(tz + 1, 2), om = digits(tz + 4, 2)
        let ms = hasMillis ? digits(20, 3) : 0
        guard bad == 0, mo < 16, d < 32, h < 32, mi < 64, s < 64, oh < 32, om < 64 else { return nil }
        let sign: UInt64 = b[tz] == 45 ? 1 : 0
        let packed = (hasMillis ? 1 : 0) | y << 1 | mo << 15 | d << 19 | h << 24 | mi << 29 | s << 35 | ms << 41
            | sign << 51 | oh << 52 | om << 57
        return packed
    }

    public var description: String {
        switch storage {
        case let .text(s): return s
        case let .packed(p):
            var f: [Int] = []
            var shift: UInt64 = 0
            for width in Self.widths {
                f.append(Int((p >> shift) & (1 << UInt64(width) - 1)))
                shift += UInt64(width)
            }
            func pad(_ v: Int, _ w: Int) -> String {
                let s = String(v)
                return String(repeating: "0", count: max(0, w - s.count)) + s
            }
            let millis = f[0] == 1 ? "." + pad(f[7], 3) : ""
            return "\(pad(f[1], 4))-\(pad(f[2], 2))-\(pad(f[3], 2))T\(pad(f[4], 2)):\(pad(f[5], 2)):\(pad(f[6], 2))\(millis)"
                + "\(f[8] == 1 ? "-" : "+")\(pad(f[9], 2)):\(pad(f[10], 2))"
        }
    }
}

extension EventTime {
    /// A stamp as a case's history shows it, to the minute:
    /// `2024-03-05T09:12:33+08:00` -> `2024-03-05 09:12`.
    public static func minutes(_ at: String) -> String {
        String(at.prefix(16)).replacingOccurrences(of: "T", with: " ")
    }
}
