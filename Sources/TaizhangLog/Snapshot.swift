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
        // The digest covers the header too: a flipped bit in the position must not pass.
        out.append(contentsOf: Array(SHA256.hash(data: out)))
        try EventLog.writeNewFile(path: path, bytes: out)
    }

    /// Reads a snapshot written with `schema`, streaming its payload through `decode`; nil when
    /// the file is missing, of another schema, truncated or damaged, or when `decode` gives up.
    ///
    /// The payload is read in 4 MB pieces and hashed as it goes, so opening a large ledger never
    /// holds the whole snapshot in memory; what `decode` built is thrown away unless it consumed
    /// exactly the payload and the payload's SHA-256 matches.
    public static func read<T>(path: String, schema: UInt32, decode: (BinaryReader) -> T?) -> (position: LogPosition, value: T)? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        let headerSize = 8 + 4 + 8 + 8 + 64 + 8
        guard fstat(fd, &st) == 0, Int(st.st_size) >= headerSize + 32 else { return nil }
        var header = [UInt8](repeating: 0, count: headerSize)
        guard header.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, headerSize, 0) }) == headerSize else { return nil }
        let h = BinaryReader(bytes: header)
        guard h.take(8) == magic, let s = h.uint(4), s == UInt64(schema),
              let offset = h.uint(8).flatMap({ Int(exactly: $0) }), let seq = h.uint(8).flatMap({ Int(exactly: $0) }),
              let headBytes = h.take(64), let length = h.uint(8).flatMap({ Int(exactly: $0) }),
              length == Int(st.st_size) - headerSize - 32 else { return nil }
        let reader = BinaryReader(fd: fd, start: headerSize, length: length, header: header)
        guard let value = decode(reader), reader.atEnd, let digest = reader.finalDigest() else { return nil }
        var trailer = [UInt8](repeating: 0, count: 32)
        guard trailer.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, 32, off_t(headerSize + length)) }) == 32,
              trailer == digest else { return nil }
        return (LogPosition(offset: offset, seq: seq, headHash: String(decoding: headBytes, as: UTF8.self)), value)
    }

    /// Reads a snapshot's position and raw payload (for tests and tools).
    public static func read(path: String, schema: UInt32) -> (position: LogPosition, payload: [UInt8])? {
        guard let r = read(path: path, schema: schema, decode: { $0.take($0.remaining) }) else { return nil }
        return (r.position, r.value)
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

/// Reads what ``BinaryWriter`` wrote, from memory or streamed from a file; every read is
/// bounds-checked and answers nil past the end.
public final class BinaryReader {
    private var buffer: [UInt8]
    private var pos = 0
    private let fd: Int32
    private var fileOffset: Int
    private var fileRemaining: Int
    private var hasher: SHA256?

    /// A reader over bytes in memory.
    public init(bytes: [UInt8]) {
        buffer = bytes
        fd = -1
        fileOffset = 0
        fileRemaining = 0
        hasher = nil
    }

    /// A reader over `length` bytes of `fd` from `start`, hashing `header` and then the bytes as
    /// they are read.
    init(fd: Int32, start: Int, length: Int, header: [UInt8]) {
        buffer = []
        self.fd = fd
        fileOffset = start
        fileRemaining = length
        var h = SHA256()
        h.update(data: header)
        hasher = h
    }

    /// Bytes not yet read: an upper bound for any count the data claims, so a damaged count can
    /// never make a reader reserve absurd memory.
    public var remaining: Int { buffer.count - pos + fileRemaining }

    /// True when everything has been read.
    public var atEnd: Bool { pos == buffer.count && fileRemaining == 0 }

    /// SHA-256 of the bytes streamed from the file (nil for an in-memory reader or a read error).
    func finalDigest() -> [UInt8]? { hasher.map { Array($0.finalize()) } }

    /// Makes at least `n` unread bytes available, reading more of the file when needed.
    private func ensure(_ n: Int) -> Bool {
        if buffer.count - pos >= n { return true }
        guard fileRemaining > 0 else { return false }
        buffer.removeSubrange(0..<pos)
        pos = 0
        let want = min(fileRemaining, max(n - buffer.count, 1 << 22))
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: want))
        var got = 0
        while got < want {
            let r = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + old + got, want - got, off_t(fileOffset + got)) }
            if r < 0 && errno == EINTR { continue }
            guard r > 0 else { hasher = nil; fileRemaining = 0; buffer.removeSubrange(old...); return false }
            got += r
        }
        buffer.withUnsafeBytes { hasher?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[old..<(old + want)])) }
        fileOffset += want
        fileRemaining -= want
        return buffer.count - pos >= n
    }

    /// The next `n` bytes.
    public func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, ensure(n) else { return nil }
        defer { pos += n }
        return Array(buffer[pos..<(pos + n)])
    }

    /// A little-endian unsigned integer of `n` bytes.
    public func uint(_ n: Int) -> UInt64? {
        if n == 1, pos < buffer.count {
            pos += 1
            return UInt64(buffer[pos - 1])
        }
        guard ensure(n) else { return nil }
        var v: UInt64 = 0
        for i in 0..<n { v |= UInt64(buffer[pos + i]) << (8 * UInt64(i)) }
        pos += n
        return v
    }

    /// A variable-length integer.
    public func varint() -> Int? {
        // Fast path: the longest varint is already in the buffer.
        if buffer.count - pos >= 10 {
            let start = pos
            let (value, used): (Int?, Int) = buffer.withUnsafeBufferPointer { b in
                var v: UInt64 = 0
                var shift: UInt64 = 0
                var p = start
                while shift < 64 {
                    let x = b[p]
                    p += 1
                    v |= UInt64(x & 0x7F) << shift
                    if x < 0x80 { return (Int(Int64(bitPattern: v)), p - start) }
                    shift += 7
                }
                return (nil, 0)
            }
            pos += used
            return value
        }
        var v: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 64 {
            guard ensure(1) else { return nil }
            let b = buffer[pos]
            pos += 1
            v |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return Int(Int64(bitPattern: v)) }
            shift += 7
        }
        return nil
    }

    /// A length-prefixed string.
    public func string() -> String? {
        guard let n = varint(), n >= 0, n < 1 << 30, ensure(n) else { return nil }
        defer { pos += n }
        return buffer.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[pos..<(pos + n)]), as: UTF8.self) }
    }
}
