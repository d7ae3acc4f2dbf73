import Dispatch

/// One decoded line of a segment: where it ends, and its record and hash or what is wrong.
struct DecodedLine {
    /// Index of the line's newline within the segment.
    var end: Int
    var result: Result<(LogRecord, String), LineDefect>
}

/// A segment of complete lines being decoded and hashed off the folding thread.
///
/// The segment's lines are split into two halves decoded concurrently; each half writes only its
/// own slot of `parts`, and the folding thread reads them after `wait()`.
final class DecodeJob: @unchecked Sendable {
    /// File offset of the segment's first byte.
    let base: Int
    /// The bytes, ending with a newline.
    let bytes: [UInt8]
    /// Decoded lines of the first and second half; each is written by one worker only.
    private var first: [DecodedLine] = []
    private var second: [DecodedLine] = []

    /// Decoded lines, in order, in two halves (read after `wait()`).
    var parts: [[DecodedLine]] { [first, second] }
    private let group = DispatchGroup()

    init(base: Int, bytes: [UInt8]) {
        self.base = base
        self.bytes = bytes
    }

    /// Starts decoding; small segments are decoded on the calling thread.
    func start() {
        var starts: [Int] = [0]
        bytes.withUnsafeBufferPointer { b in
            for i in 0..<b.count where b[i] == 0x0A { starts.append(i + 1) }
        }
        // starts has one more entry than there are lines; the last is bytes.count.
        let lineCount = starts.count - 1
        if bytes.count < 1 << 16 || lineCount < 2 {
            first = decode(starts, 0..<lineCount)
            return
        }
        let mid = lineCount / 2
        let lineStarts = starts
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.first = self.decode(lineStarts, 0..<mid)
            self.group.leave()
        }
        group.enter()
        DispatchQueue.global(qos: .userInitiated).async {
            self.second = self.decode(lineStarts, mid..<lineCount)
            self.group.leave()
        }
    }

    /// Waits for both halves.
    func wait() { group.wait() }

    /// Drops the decoded lines (called off the folding thread, so the freeing happens there).
    func discard() {
        first = []
        second = []
    }

    func decode(_ starts: [Int], _ lines: Range<Int>) -> [DecodedLine] {
        var out: [DecodedLine] = []
        out.reserveCapacity(lines.count)
        bytes.withUnsafeBufferPointer { all in
            for i in lines {
                let end = starts[i + 1] - 1
                let line = UnsafeBufferPointer(rebasing: all[starts[i]..<end])
                do throws(LineDefect) {
                    var record = try LogRecord.decodeCanonical(line)
                    record.lineOffset = base + starts[i]
                    record.lineLength = end - starts[i]
                    out.append(DecodedLine(end: end, result: .success((record, LineHash.hexDigest(UnsafeRawBufferPointer(line))))))
                } catch {
                    out.append(DecodedLine(end: end, result: .failure(error)))
                }
            }
        }
        return out
    }
}
