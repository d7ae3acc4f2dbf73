import TaizhangLog

/// Where an imported case came from: recorded as the `source` member of its `case.opened` line.
public struct ImportSource: Sendable, Equatable, Hashable {
    /// The file's name (without its folder).
    public var file: String
    /// The sheet's name (for a CSV file, the file's name without its extension).
    public var sheet: String
    /// The row a user sees in the spreadsheet (Excel's row number, or the CSV line number).
    public var row: Int
    /// Lowercase hex SHA-256 of the whole file.
    public var sha256: String

    /// Creates a source.
    public init(file: String, sheet: String, row: Int, sha256: String) {
        self.file = file
        self.sheet = sheet
        self.row = row
        self.sha256 = sha256
    }

    /// The `source` member as written: `{"file":…,"sheet":…,"row":5,"sha256":…}`.
    public var json: JSONValue {
        .object([("file", .string(file)), ("sheet", .string(sheet)), ("row", .int(row)), ("sha256", .string(sha256))])
    }

    /// The source an opening event's payload records, if any.
    public init?(payload data: JSONValue) {
        guard let s = data["source"], let file = s["file"]?.stringValue, let row = s["row"]?.intValue,
              let sha = s["sha256"]?.stringValue else { return nil }
        self.init(file: file, sheet: s["sheet"]?.stringValue ?? "", row: row, sha256: sha)
    }
}

/// Commands checked one after another against a scratch copy of the ledger's state, to be written
/// together (``Ledger/performBatch(today:_:)``) or only looked at (a dry run).
///
/// Each command is validated exactly as ``Ledger/perform(_:today:)`` validates it, against the
/// state as the commands before it in the batch left it.
public struct LedgerDraft {
    /// The state with the draft's events folded in.
    public private(set) var state: LedgerState
    /// The events to write, in order.
    public private(set) var events: [PendingEvent] = []
    /// The day commands are checked against.
    public let today: BusinessDate
    let operatorName: String
    let stamp: String

    /// A draft on top of `state`.
    public init(state: LedgerState, operatorName: String, today: BusinessDate) {
        var s = state
        // The scratch copy's timeline entries keep their payloads in memory: its events are
        // not in the file yet.
        s.lineSource = nil
        self.state = s
        self.today = today
        self.operatorName = operatorName
        self.stamp = LogClock.now()
    }

    /// Opens a case and, when `close` is given, records its outcome at once, as one unit: when
    /// either step is rejected, neither is kept and the draft is as before. `source` is recorded
    /// on the opening event. Returns the new case's id.
    @discardableResult
    public mutating func open(kind: CaseKind, fields: [FieldInput], close: (outcome: String, fields: [FieldInput])? = nil,
                              source: ImportSource? = nil) throws(ValidationError) -> CaseID {
        var made = try state.events(for: .open(kind: kind, fields: fields), today: today)
        guard let id = made.caseID else { preconditionFailure("an opening command names its case") }
        if let source, var pairs = made.events[0].data.objectPairs {
            pairs.append(("source", source.json))
            made.events[0].data = .object(pairs)
        }
        var closing: [PendingEvent] = []
        if let close {
            // The outcome is checked against a state holding only the new case (and the ledger's
            // numbering and settings), so a rejected outcome never has to be taken out of the
            // draft's own state again.
            var probe = LedgerState()
            probe.lastNumbers = state.lastNumbers
            probe.settings = state.settings
            Self.fold(made.events, into: &probe, operatorName: operatorName, stamp: stamp)
            closing = try probe.events(for: .close(id: id.description, outcome: close.outcome, fields: close.fields), today: today).events
        }
        Self.fold(made.events + closing, into: &state, operatorName: operatorName, stamp: stamp)
        events += made.events + closing
        return id
    }

    /// Checks one command against the draft and adds its events.
    @discardableResult
    public mutating func perform(_ command: Command) throws(ValidationError) -> CaseID? {
        let made = try state.events(for: command, today: today)
        Self.fold(made.events, into: &state, operatorName: operatorName, stamp: stamp)
        events += made.events
        return made.caseID
    }

    /// Folds events the domain made into `s`. Static, so that calling it while `self.state` is
    /// passed `inout` does not copy the draft (and with it every case record) first.
    static func fold(_ pending: [PendingEvent], into s: inout LedgerState, operatorName: String, stamp: String) {
        for p in pending {
            let r = LogRecord(seq: s.eventCount + 1, id: "", at: stamp, op: operatorName, caseID: p.caseID,
                              type: p.type, data: p.data, prev: LogRecord.genesisHash)
            do { try s.apply(r) } catch {
                preconditionFailure("an event the domain made does not fold: \(error)")
            }
        }
    }
}

extension Ledger {
    /// A draft on the ledger's current state, for checking commands without writing them.
    public func draft(today: BusinessDate = .today()) -> LedgerDraft {
        LedgerDraft(state: state, operatorName: operatorName, today: today)
    }

    /// Builds a batch of commands with `build` under the log's lock, against state that is current
    /// (other processes' lines read first), then writes all its events with one write and one
    /// `fsync`: all of them or, when `build` throws or the write fails, none. Returns the lines
    /// written.
    @discardableResult
    public func performBatch(today: BusinessDate = .today(), _ build: (inout LedgerDraft) throws -> Void) throws -> [LogRecord] {
        let records = try log.append(operator: operatorName, decoder: EventDecoder(source: state.lineSource, keepsRecords: true), catchUp: { (batch, i, _) throws(LineDefect) in
            try self.state.applyAudited(batch, i, today: today)
        }, build: {
            var draft = LedgerDraft(state: self.state, operatorName: self.operatorName, today: today)
            try build(&draft)
            return draft.events
        })
        for r in records { try state.apply(r) }
        return records
    }
}
