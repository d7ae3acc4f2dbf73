import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in a log: everything before `offset` has been read, the last line read had sequence
/// number `seq` and hash `headHash`.
public struct LogPosition: Sendable, Equatable {
    /// Bytes covered (just after a newline).
    public var offset: Int
    /// Sequence number of the last line covered.
    public var seq: Int
    /// SHA-256 of the last line covered.
    public var headHash: String
    /// Creates a position.
    public init(offset: Int, seq: Int, headHash: String) {
        self.offset = offset
        self.seq = seq
        self.headHash = headHash
    }
}

/// The snapshot cache file beside a log (`ledger.jsonl.snapshot`): derived state that lets a
/// large ledger open without replaying every line.
///
/// It is never authoritative. It records the position it covers; on open the log checks that its
/// own line ending at that offset has that hash and sequence number, and otherwise (a rewritten,
/// repaired, truncated or different log) the snapshot is ignored and the state rebuilt. The payload
/// carries its own SHA-256, so a truncated or damaged snapshot is detected before it is decoded.
///
/// Layout: `TZSNAP01` · u32 schema · u64 offset · u64 seq · 64-byte head hash · u64 payload
/// length · payload · 32-byte SHA-256 of the payload (integers little-endian).
public enum SnapshotFile {
    static let magic: [UInt8] = Array("TZSNAP01".utf8)

    /// The snapshot path for a log.
    public static func path(forLog log: String) -> String { log + ".snapshot" }

    /// Writes a snapshot atomically (temp file, fsync, rename), mode 0600.
    public static func write(path: String, schema: UInt32, position: LogPosition, payload: [UInt8]) throws(LogError) {
        var out: [UInt8] = magic
        out.reserveCapacity(payload.count + 160)
        BinaryWriter.append(UInt64(schema), to: &out, bytes: 4)
        BinaryWriter.append(UInt64(position.offset), to: &out, bytes: 8)
        BinaryWriter.append(UInt64(position.seq), to: &out, bytes: 8)
        out.append(contentsOf: Array(position.headHash.utf8.prefix(64)))
        BinaryWriter.append(UInt64(payload.count), to: &out, bytes: 8)
        out.append(contentsOf: payload)
        out.append(contentsOf: Array(SHA256.hash(data: payload)))
        try EventLog.writeNewFile(path: path, bytes: out)
    }

    /// Reads a snapshot written with `schema`; nil when missing, of another schema, truncated or
    /// damaged.
    public static func read(path: String, schema: UInt32) -> (position: LogPosition, payload: [UInt8])? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_size >= 8 + 4 + 8 + 8 + 64 + 8 + 32 else { return nil }
        let size = Int(st.st_size)
        var bytes = [UInt8](repeating: 0, count: size)
        var got = 0
        while got < size {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + got, size - got, off_t(got)) }
            if n <= 0 { if n < 0 && errno == EINTR { continue }; return nil }
            got += n
        }
        var r = BinaryReader(bytes: bytes)
        guard r.take(8) == magic, let s = r.uint(4), s == UInt64(schema),
              let offset = r.uint(8), let seq = r.uint(8), let headBytes = r.take(64),
              let length = r.uint(8), length == UInt64(size - r.position - 32) else { return nil }
        let payload = Array(bytes[r.position..<(r.position + Int(length))])
        guard Array(SHA256.hash(data: payload)) == Array(bytes[(size - 32)...]) else { return nil }
        return (LogPosition(offset: Int(offset), seq: Int(seq), headHash: String(decoding: headBytes, as: UTF8.self)), payload)
    }
}

/// Appends integers and strings to a byte buffer (the snapshot's encoding).
public enum BinaryWriter {
    /// Appends the low `bytes` bytes of `value`, little-endian.
    public static func append(_ value: UInt64, to out: inout [UInt8], bytes: Int) {
        var v = value
        for _ in 0..<bytes {
            out.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Appends a variable-length unsigned integer (7 bits a byte).
    public static func varint(_ value: Int, to out: inout [UInt8]) {
        var v = UInt64(bitPattern: Int64(value))
        while v >= 0x80 {
            out.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    /// Appends a length-prefixed UTF-8 string.
    public static func string(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { b in
            varint(b.count, to: &out)
            out.append(contentsOf: b)
        }
    }
}

/// Reads what ``BinaryWriter`` wrote; every read is bounds-checked and answers nil past the end.
public struct BinaryReader {
    let bytes: [UInt8]
    /// Bytes consumed so far.
    public private(set) var position = 0

    /// A reader over `bytes`.
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// True when everything has been read.
    public var atEnd: Bool { position == bytes.count }

    /// The next `n` bytes.
    public mutating func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, position + n <= bytes.count else { return nil }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    /// A little-endian unsigned integer of `n` bytes.
    public mutating func uint(_ n: Int) -> UInt64? {
        guard position + n <= bytes.count else { return nil }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += n
        return v
    }

    /// A variable-length integer.
    public mutating func varint() -> Int? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while position < bytes.count, shift < 64 {
            let b = bytes[position]
            position += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int(Int64(bitPattern: v)) }
            shift += 7
        }
        return nil
    }

    /// A length-prefixed string.
    public mutating func string() -> String? {
        guard let n = varint(), n >= 0, position + n <= bytes.count else { return nil }
        defer { position += n }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[position..<(position + n)]), as: UTF8.self) }
    }
}
