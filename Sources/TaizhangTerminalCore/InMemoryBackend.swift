/// A terminal in memory, for tests: plays a script of input through the same ``KeyReader`` as
/// the real terminal, and keeps every frame, every update and what the screen then shows.
public final class InMemoryBackend: TerminalBackend {
    /// One step of scripted input.
    public enum Input: Sendable, Equatable {
        /// A key as a terminal sends it (Escape is followed by a pause, as when typed).
        case key(Key)
        /// Raw bytes, in one read.
        case bytes([UInt8])
        /// Text typed, in one read.
        case text(String)
        /// Nothing arrives for one wait.
        case pause
        /// The terminal becomes `width` x `height`.
        case resize(width: Int, height: Int)
        /// The terminal goes away; input ends here (as it does when the script runs out).
        case hangUp
    }

    /// The scripted input source.
    public struct Script: InputSource {
        var events: [(InputEvent, TerminalSize?)] = []
        var index = 0
        /// The waits asked for, in milliseconds, in order.
        public private(set) var waits: [Int] = []
        /// The size as of the last event handed out.
        public private(set) var size: TerminalSize

        init(_ steps: [Input], size: TerminalSize) {
            self.size = size
            for step in steps {
                switch step {
                case let .key(k):
                    if k == .tick { events.append((.timeout, nil)); continue }
                    if let b = k.terminalBytes { events.append((.bytes(b), nil)) }
                    if k == .escape { events.append((.timeout, nil)) }
                case let .bytes(b): events.append((.bytes(b), nil))
                case let .text(t): events.append((.bytes(Array(t.utf8)), nil))
                case .pause: events.append((.timeout, nil))
                case let .resize(w, h): events.append((.resized, TerminalSize(width: w, height: h)))
                case .hangUp: events.append((.closed, nil))
                }
            }
        }

        public mutating func wait(milliseconds: Int) -> InputEvent {
            waits.append(milliseconds)
            guard index < events.count else { return .closed }
            let (event, newSize) = events[index]
            index += 1
            if let newSize { size = newSize }
            return event
        }
    }

    /// What happened to the terminal besides frames, in order.
    public enum Event: Sendable, Equatable {
        case suspended, resumed
    }

    var reader: KeyReader<Script>
    var differ = FrameDiffer()
    /// Every frame drawn.
    public private(set) var frames: [CellGrid] = []
    /// What was sent for each frame.
    public private(set) var updates: [FrameUpdate] = []
    /// What the terminal shows: the updates applied in turn (including the cursor).
    public private(set) var screen: CellGrid
    /// Suspends and resumes.
    public private(set) var events: [Event] = []
    /// The keys handed out, in order.
    public private(set) var keys: [Key] = []

    /// A `width` x `height` terminal that will receive `input`.
    public init(width: Int = 80, height: Int = 24, input: [Input] = []) {
        let size = TerminalSize(width: width, height: height)
        reader = KeyReader(source: Script(input, size: size))
        screen = CellGrid(width: width, height: height)
    }

    /// The waits the reader asked of the script, in milliseconds.
    public var waits: [Int] { reader.source.waits }

    public var size: TerminalSize { reader.source.size }

    public func draw(_ grid: CellGrid) {
        frames.append(grid)
        let update = differ.update(to: grid)
        updates.append(update)
        if update.clearsScreen || screen.width != grid.width || screen.height != grid.height {
            screen = CellGrid(width: grid.width, height: grid.height)
        }
        for run in update.runs {
            for (i, cell) in run.cells.enumerated() { screen[run.x + i, run.y] = cell }
        }
        screen.cursor = update.cursor.map { ($0.x, $0.y) }
    }

    public func nextKey(timeoutMilliseconds: Int) -> Key? {
        let key = reader.next(timeoutMilliseconds: timeoutMilliseconds)
        if key == .resize { differ.invalidate() }
        if let key { keys.append(key) }
        return key
    }

    public func suspend() { events.append(.suspended) }

    public func resume() {
        events.append(.resumed)
        differ.invalidate()
    }
}
