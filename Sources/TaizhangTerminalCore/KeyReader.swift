/// What one wait for terminal input brought.
public enum InputEvent: Sendable, Equatable {
    /// Bytes the terminal sent (any number, split anywhere).
    case bytes([UInt8])
    /// Nothing arrived within the wait.
    case timeout
    /// The terminal changed size.
    case resized
    /// The input has ended: the terminal hung up or was closed.
    case closed
}

/// Where terminal input comes from: the real terminal, or a script in tests.
public protocol InputSource {
    /// Waits at most `milliseconds` for input.
    mutating func wait(milliseconds: Int) -> InputEvent
}

/// Reads ``Key``s from an ``InputSource``: decodes the bytes (``KeyDecoder``), waits a short
/// while after ESC to tell the Escape key from a sequence, and ends a paste that stalls.
public struct KeyReader<Source: InputSource> {
    /// Where the bytes come from.
    public var source: Source
    /// Decoding state between reads.
    public private(set) var decoder = KeyDecoder()
    /// Keys decoded and not yet handed out.
    var ready: [Key] = []
    var readyIndex = 0
    var ended = false

    /// How long to wait after ESC for the rest of a sequence (terminals send a sequence in one
    /// write; a person cannot type Escape and `[` this fast).
    public static var escapeDelayMilliseconds: Int { 25 }
    /// How long a paste may stall before it ends with what arrived.
    public static var pasteGapMilliseconds: Int { 200 }

    /// A reader on `source`.
    public init(source: Source) { self.source = source }

    /// The next key: `.tick` when nothing came within `timeoutMilliseconds`, `.resize` when the
    /// terminal changed size, nil once the input has ended and every key before it was handed out.
    public mutating func next(timeoutMilliseconds: Int) -> Key? {
        while readyIndex == ready.count {
            ready.removeAll(keepingCapacity: true)
            readyIndex = 0
            if ended { return nil }
            let wait = decoder.isInsidePaste ? Self.pasteGapMilliseconds
                : decoder.isAwaitingSequence ? Self.escapeDelayMilliseconds : timeoutMilliseconds
            switch source.wait(milliseconds: wait) {
            case let .bytes(b):
                ready += decoder.feed(b)
            case .timeout:
                guard decoder.isInsidePaste || decoder.isAwaitingSequence else { return .tick }
                ready += decoder.pause()
            case .resized:
                // A sequence or paste in progress goes on after the resize.
                ready.append(.resize)
            case .closed:
                ready += decoder.pause()
                ended = true
            }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }
}
