import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the chain check needs of one line of a segment.
struct LineInfo {
    /// Index of the line's newline within the segment.
    var end: Int
    var seq: Int
    var prev: LineDigest?
    /// SHA-256 of the line.
    var hash: LineDigest
    /// Index of the line's value in its batch, or -1 when the line did not decode.
    var value: Int
    /// Why it did not decode.
    var defect: LineDefect?
}

/// The decoded lines of one half of a segment.
struct DecodedPart<Batch> {
    var lines: [LineInfo]
    var batch: Batch
}

/// A segment of complete lines being decoded and hashed off the folding thread.
///
/// The segment's lines are split into two halves decoded concurrently; each half writes only its
/// own slot, and the folding thread reads them after `wait()`.
final class DecodeJob<Decoder: LineDecoder>: @unchecked Sendable {
    /// File offset of the segment's first byte.
    let base: Int
    /// The bytes, ending with a newline.
    private(set) var bytes: [UInt8]
    let decoder: Decoder
    /// Decoded lines of the first and second half; each is written by one worker only.
    private(set) var first: DecodedPart<Decoder.Batch>?
    private(set) var second: DecodedPart<Decoder.Batch>?
    private let group = DispatchGroup()

    init(base: Int, bytes: [UInt8], decoder: Decoder) {
        self.base = base
        self.bytes = bytes
        self.decoder = decoder
    }

    /// Both halves, in order (after `wait()`).
    var parts: [DecodedPart<Decoder.Batch>] { [first, second].compactMap { $0 } }

    /// Starts decoding; small segments are decoded on the calling thread. Each worker finds its
    /// own lines: the first takes the lines that start in the first half of the bytes, the
    /// second the rest, so the calling thread never scans the segment.
    func start() {
        if bytes.count < 1 << 16 {
            first = decode(0..<bytes.count)
            return
        }
        // The second half starts just after the first newline at or after the middle.
        let mid = bytes.withUnsafeBufferPointer { b in
            var i = b.count / 2
            while i < b.count && b[i - 1] != 0x0A { i += 1 }
            return i
        }
        let total = bytes.count
        group.enter()
        DecodeWorkers.shared.run {
            self.first = self.decode(0..<mid)
            self.group.leave()
        }
        group.enter()
        DecodeWorkers.shared.run {
            self.second = self.decode(mid..<total)
            self.group.leave()
        }
    }

    /// Waits for both halves.
    func wait() { group.wait() }

    /// Hands the segment's buffer back for the next segment to be read into (after `wait()`:
    /// decoded values keep file positions, never pointers into it). Reusing it spares the
    /// kernel faulting in and zeroing 4 MB of fresh pages per segment.
    func takeBytes() -> [UInt8] {
        var out: [UInt8] = []
        swap(&out, &bytes)
        return out
    }

    /// Drops the decoded lines (called off the folding thread, so the freeing happens there).
    func discard() {
        first = nil
        second = nil
    }

    /// Decodes the lines in `range`, which starts at a line's start and ends just after a newline.
    func decode(_ range: Range<Int>) -> DecodedPart<Decoder.Batch> {
        let estimate = range.count / 256
        var lines: [LineInfo] = []
        lines.reserveCapacity(estimate)
        let batch = decoder.makeBatch(capacity: estimate)
        var values = 0
        bytes.withUnsafeBufferPointer { all in
            let base = all.baseAddress!
            var start = range.lowerBound
            while start < range.upperBound {
                // memchr finds the newline many bytes at a time.
                guard let nl = memchr(base + start, 0x0A, range.upperBound - start) else { break }
                let i = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
                let line = UnsafeBufferPointer(rebasing: all[start..<i])
                let hash = LineDigest.of(UnsafeRawBufferPointer(line))
                do throws(LineDefect) {
                    let (seq, prev) = try decoder.decode(line, offset: self.base + start, into: batch)
                    lines.append(LineInfo(end: i, seq: seq, prev: prev, hash: hash, value: values, defect: nil))
                    values += 1
                } catch {
                    lines.append(LineInfo(end: i, seq: 0, prev: nil, hash: hash, value: -1, defect: error))
                }
                start = i + 1
            }
        }
        return DecodedPart(lines: lines, batch: batch)
    }
}

/// Two long-lived threads that decode segments, a little below the folding thread's priority.
///
/// Two decoders and the fold share two cores; the fold is the one thing that cannot be split,
/// so it should not wait for the scheduler while decoders have work queued. The lowered
/// priority cannot be raised again without privileges, so it is given to threads of our own
/// rather than to the system's shared worker threads, which run other work later.
final class DecodeWorkers: @unchecked Sendable {
    /// The process's decoding threads (made on first use, never ended).
    static let shared = DecodeWorkers(count: 2)

    private let condition = NSCondition()
    private var tasks: [@Sendable () -> Void] = []

    private init(count: Int) {
        for _ in 0..<count {
            let thread = Thread { DecodeWorkers.shared.work() }
            thread.name = "taizhang-decode"
            thread.start()
        }
    }

    /// Runs `task` on one of the threads.
    func run(_ task: @escaping @Sendable () -> Void) {
        condition.lock()
        tasks.append(task)
        condition.signal()
        condition.unlock()
    }

    private func work() {
        #if os(Linux)
        // With `who` 0, Linux applies this to the calling thread only.
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 4)
        #endif
        while true {
            condition.lock()
            while tasks.isEmpty { condition.wait() }
            let task = tasks.removeFirst()
            condition.unlock()
            task()
        }
    }
}
