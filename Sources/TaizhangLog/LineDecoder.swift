/// Turns lines of the log into the reader's own form. Runs on worker threads while the log's
/// reader checks the chain and folds earlier lines, so a reader can do its parsing there
/// instead of on the folding thread.
///
/// Decoded values go into a batch the decoder owns (one per half segment), and the reader's
/// sink reads them back by index: the log's pipeline only moves a reference and a few integers
/// per line, whatever the decoded form is.
///
/// A decoder must accept and reject exactly the lines ``LogRecord/decode(_:)-(UnsafeBufferPointer<UInt8>)``
/// does, with the same defect kinds: the log's integrity rules do not depend on who reads it.
public protocol LineDecoder: Sendable {
    /// Where decoded values are kept.
    associatedtype Batch: AnyObject
    /// An empty batch with room for about `capacity` lines.
    func makeBatch(capacity: Int) -> Batch
    /// Decodes `line` (without its newline), which starts at byte `offset` of the file, appends
    /// its value to `batch`, and returns the line's `seq` and `prev` (nil when `prev` is not a
    /// well-formed hash; the chain check then fails).
    func decode(_ line: UnsafeBufferPointer<UInt8>, offset: Int, into batch: Batch) throws(LineDefect) -> (seq: Int, prev: LineDigest?)
}

/// Decoded ``LogRecord``s.
public final class RecordBatch {
    /// The records, in line order.
    public var records: [LogRecord] = []
}

/// Decodes lines into ``LogRecord``s (with their position in the file).
public struct RecordDecoder: LineDecoder {
    /// Creates the decoder.
    public init() {}

    public func makeBatch(capacity: Int) -> RecordBatch {
        let b = RecordBatch()
        b.records.reserveCapacity(capacity)
        return b
    }

    public func decode(_ line: UnsafeBufferPointer<UInt8>, offset: Int, into batch: RecordBatch) throws(LineDefect) -> (seq: Int, prev: LineDigest?) {
        var record = try LogRecord.decodeCanonical(line)
        record.lineOffset = offset
        record.lineLength = line.count
        batch.records.append(record)
        return (record.seq, LineDigest(hex: record.prev))
    }
}
