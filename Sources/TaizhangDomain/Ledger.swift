import Foundation
import TaizhangLog

/// An open ledger: the event log plus the state folded from it.
///
/// Every change goes through ``perform(_:today:)``, which validates the command against state
/// that is current under the log's lock, so two terminals never hand out the same case id or
/// close the same case twice.
public final class Ledger {
    /// The underlying log.
    public let log: EventLog
    /// The folded state.
    public internal(set) var state: LedgerState
    /// Who is writing.
    public var operatorName: String
    /// What happened on open (quarantine, warnings).
    public let openReport: LogOpenReport
    /// Set when the file has fewer lines than its snapshot covered; every append is refused
    /// with this error.
    public let missingLines: LogError?

    /// Opens the ledger at `path`, creating it when missing (unless read-only).
    ///
    /// A snapshot beside the log (``SnapshotFile``) is used when it matches the log, and only
    /// the lines after it are replayed; otherwise every line is. Unless opened read-only, the
    /// snapshot is rewritten when this open had to replay ``snapshotThreshold`` lines or more.
    /// `TAIZHANG_SNAPSHOT=off` disables both (for measuring a full replay).
    ///
    /// `timestamp` and `makeID` are for generators that need reproducible files (the demo ledger)
    /// and for tests; normal use keeps the defaults (wall clock, random UUIDs).
    public init(path: String, operatorName: String, options: LogOpenOptions = LogOpenOptions(),
                calls: FileCalls = .system, useSnapshot: Bool = Ledger.snapshotsEnabled,
                timestamp: @escaping @Sendable () -> String = LogClock.now,
                makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) throws(LogError) {
        let source = LineSource(path: path)
        var state = LedgerState()
        state.lineSource = source
        var resume: LogPosition? = nil
        let snapshotPath = SnapshotFile.path(forLog: path)
        if useSnapshot, let snap = SnapshotFile.read(path: snapshotPath, schema: LedgerState.snapshotSchema,
                                                      decode: { LedgerState(snapshotReader: $0, source: source) }) {
            state = snap.value
            resume = snap.position
        }
        if resume == nil {
            // A full replay: room for the cases the file probably holds (a case's lines take a
            // few kilobytes), so the table is not copied over and over as it grows.
            var st = stat()
            if stat(path, &st) == 0 { state.reserve(cases: Int(st.st_size) / 2500) }
        }
        var report = LogOpenReport()
        let today = BusinessDate.today()
        // The audit of values costs about ten times the replay: a full replay of a
        // district-scale file folds without it (and says so); the lines after a snapshot, a
        // town's ledger and every append are always audited.
        var fileSize = 0
        var st = stat()
        if stat(path, &st) == 0 { fileSize = Int(st.st_size) }
        let audits = resume != nil || fileSize <= Ledger.auditByteLimit
        self.log = try EventLog(path: path, options: options, calls: calls, timestamp: timestamp, makeID: makeID,
                                resume: resume, onReset: {
                                    state = LedgerState()
                                    state.lineSource = source
                                }, report: &report, decoder: EventDecoder(source: source, keepsRecords: audits)) { (batch, i, _) throws(LineDefect) in
            // Each line folded is also audited, to say how many `verify` would flag.
            if audits {
                try state.applyAudited(batch, i, today: today)
            } else {
                try state.apply(batch.take(i))
                state.unauditedLines += 1
            }
        }
        source.use(descriptor: log.duplicateDescriptor())
        // A snapshot describes a prefix of this very file, which only ever grows: a file with
        // fewer lines than it covered has lost lines at its end. Appending would hand their case
        // ids out again, so appends are refused (and the snapshot, the evidence, is kept).
        var missing: LogError? = nil
        if let resume, report.snapshotRejected, log.lastSeq < resume.seq {
            missing = LogError.linesMissing(path: path, missing: resume.seq - log.lastSeq, recordedSeq: resume.seq, fileSeq: log.lastSeq)
            log.appendRefusal = missing
        }
        self.missingLines = missing
        self.state = state
        self.operatorName = operatorName
        self.openReport = report
        if missing == nil && useSnapshot && !options.readOnly && report.linesRead >= Ledger.snapshotThreshold {
            try? writeSnapshot()
        }
    }

    /// After ``verify(path:head:today:language:)`` found all `lines` lines of the file at `path`
    /// sound: its snapshot stops counting lines whose values were not checked on opening (they
    /// just were), so the notice asking for `verify` is not shown again. Nothing is written when
    /// the file has changed since (another count of lines) or no such lines were counted; the
    /// log itself is never written. Returns whether the snapshot was rewritten.
    @discardableResult
    public static func recordVerified(path: String, lines: Int, operatorName: String) throws(LogError) -> Bool {
        let ledger = try Ledger(path: path, operatorName: operatorName, options: LogOpenOptions(create: false))
        guard ledger.state.unauditedLines + ledger.state.flaggedLines > 0, ledger.log.lastSeq == lines else { return false }
        ledger.state.unauditedLines = 0
        ledger.state.flaggedLines = 0
        try ledger.writeSnapshot()
        return true
    }

    /// Checks the whole file at `path` without changing it: every line, the chain (see
    /// ``LogVerifier``), the fold, and every value against the rules of entry
    /// (``LedgerState/audit(_:today:)``, reported as `bad value` in `language`). `head` is a head
    /// printed on an earlier report. Returns the report and the state folded from the file.
    public static func verify(path: String, head: String? = nil, today: BusinessDate = .today(),
                              language: Language = .en) throws(LogError) -> (report: VerifyReport, state: LedgerState) {
        var state = LedgerState()
        let report = try LogVerifier.verify(path: path, head: head) { (record, _) throws(LineDefect) in
            let broken = state.audit(record, today: today)
            try state.apply(record)
            if let broken { throw LineDefect(kind: .badValue, detail: broken.message(language)) }
        }
        return (report, state)
    }

    /// Lines replayed on open from which a new snapshot is worth writing.
    public static let snapshotThreshold = 2000

    /// Largest file (bytes) whose full replay also audits every line's values: 64 MB, about
    /// 160 000 lines, more than a town writes in decades. Larger replays skip the audit and
    /// count the lines in ``LedgerState/unauditedLines``.
    public static var auditByteLimit: Int {
        ProcessInfo.processInfo.environment["TAIZHANG_AUDIT_BYTES"].flatMap { Int($0) } ?? 64 << 20
    }

    /// False when `TAIZHANG_SNAPSHOT=off`.
    public static var snapshotsEnabled: Bool { ProcessInfo.processInfo.environment["TAIZHANG_SNAPSHOT"] != "off" }

    /// Writes the snapshot cache for the current state (skipped when the state cannot be encoded).
    public func writeSnapshot() throws(LogError) {
        guard let payload = state.snapshotPayload() else { return }
        try SnapshotFile.write(path: SnapshotFile.path(forLog: log.path), schema: LedgerState.snapshotSchema,
                               position: log.position, payload: payload)
    }

    /// Validates and appends `command`; returns what was written.
    @discardableResult
    public func perform(_ command: Command, today: BusinessDate = .today()) throws -> CommandResult {
        var caseID: CaseID? = nil
        var linked: CaseID? = nil
        let records = try log.append(operator: operatorName, decoder: EventDecoder(source: state.lineSource, keepsRecords: true), catchUp: { (batch, i, _) throws(LineDefect) in
            try self.state.applyAudited(batch, i, today: today)
        }, build: {
            let made = try self.state.events(for: command, today: today)
            caseID = made.caseID
            linked = made.linked
            return made.events
        })
        for r in records { try state.apply(r) }
        return CommandResult(caseID: caseID, linkedCaseID: linked, records: records)
    }

    /// Reads events other processes appended; returns how many.
    @discardableResult
    public func refresh() throws(LogError) -> Int {
        let today = BusinessDate.today()
        return try log.refresh(decoder: EventDecoder(source: state.lineSource, keepsRecords: true)) { (batch, i, _) throws(LineDefect) in
            try self.state.applyAudited(batch, i, today: today)
        }
    }
}
