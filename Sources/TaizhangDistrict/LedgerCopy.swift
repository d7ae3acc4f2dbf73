import Foundation
import TaizhangDomain
import TaizhangLog

/// A ledger file read for pushing: every complete line's exact text, its SHA-256 and its event,
/// checked line by line (sequence, `prev` chain, event type) as `taizhang verify` does.
///
/// The file is only read, never locked or written: it may be a station's live ledger or a copy
/// carried on a USB stick. Bytes after the last newline (a write in progress, or a torn last
/// line) are left out, as the log itself leaves them until their newline arrives.
public struct LedgerCopy {
    /// One line of the ledger.
    public struct Line {
        /// Sequence number (1 for the first line).
        public var seq: Int
        /// Byte range of the line in ``LedgerCopy/bytes``, without its newline.
        public var range: Range<Int>
        /// Lowercase hex SHA-256 of the line's bytes.
        public var hash: String
        /// The decoded event.
        public var record: LogRecord
    }

    /// The path read.
    public let path: String
    /// The file's bytes.
    public let bytes: [UInt8]
    /// Every complete line, in order.
    public private(set) var lines: [Line] = []
    /// The ledger's `town` setting as it stands after the last line (empty when never set).
    public private(set) var town = ""

    /// Head hash: SHA-256 of the last line (64 zeros for an empty ledger).
    public var head: String { lines.last?.hash ?? LogRecord.genesisHash }

    /// Reads and checks the ledger at `path`.
    public init(path: String) throws(DistrictError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            let cause = errno == 0 ? "not readable" : String(cString: strerror(errno))
            throw DistrictError.ledger("cannot read the ledger \(path): \(cause)")
        }
        bytes = [UInt8](data)
        let all = bytes
        var lines: [Line] = []
        var town = ""
        var start = 0
        var prev = LogRecord.genesisHash
        let newline = UInt8(ascii: "\n")
        lines.reserveCapacity(all.count / 256)
        try all.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) throws(DistrictError) in
            var i = 0
            while i < all.count {
                guard all[i] == newline else { i += 1; continue }
                let seq = lines.count + 1
                let slice = UnsafeBufferPointer(rebasing: all[start..<i])
                let record: LogRecord
                do {
                    record = try LogRecord.decode(slice)
                } catch {
                    throw DistrictError.ledger("the ledger \(path) is damaged at line \(seq) (\(error)); run `taizhang verify` on it before pushing")
                }
                guard record.seq == seq else {
                    throw DistrictError.ledger("the ledger \(path) is damaged at line \(seq): it says seq \(record.seq) (sequence gap); run `taizhang verify`")
                }
                guard record.prev == prev else {
                    throw DistrictError.ledger("the ledger \(path) is damaged at line \(seq): prev \(record.prev.prefix(12))… does not match line \(seq - 1)'s hash \(prev.prefix(12))… (broken chain); run `taizhang verify`")
                }
                let hash = LineDigest.of(UnsafeRawBufferPointer(slice)).hex
                var r = record
                r.lineOffset = start
                r.lineLength = i - start
                lines.append(Line(seq: seq, range: start..<i, hash: hash, record: r))
                if r.type == "settings.set", case let .object(members) = r.data,
                   members.first(where: { $0.0 == "key" })?.1 == .string("town"),
                   case let .string(value)? = members.first(where: { $0.0 == "value" })?.1 {
                    town = value
                }
                prev = hash
                start = i + 1
                i += 1
            }
        }
        self.lines = lines
        self.town = town
    }

    /// The exact text of `line`.
    public func text(_ line: Line) -> String {
        String(decoding: bytes[line.range], as: UTF8.self)
    }
}
