import Foundation
import Testing
import TaizhangTestSupport
@testable import TaizhangLog
#if canImport(Glibc)
import Glibc
#endif

/// A switch a test flips to make the next write or fsync fail.
final class FaultSwitch: @unchecked Sendable {
    enum Fault { case none, writeError(Int32), shortThenError(Int32), fsyncError(Int32) }
    private let lock = NSLock()
    private var _fault = Fault.none
    var fault: Fault {
        get { lock.lock(); defer { lock.unlock() }; return _fault }
        set { lock.lock(); _fault = newValue; lock.unlock() }
    }

    var calls: FileCalls {
        FileCalls(
            write: { fd, buf, n in
                switch self.fault {
                case let .writeError(code):
                    errno = code
                    return -1
                case let .shortThenError(code):
                    // Write part of the line, then fail: the worst case for a torn line.
                    let part = max(1, n / 2)
                    let written = Glibc.write(fd, buf, part)
                    self.fault = .writeError(code)
                    return written
                default:
                    return Glibc.write(fd, buf, n)
                }
            },
            fsync: { fd in
                if case let .fsyncError(code) = self.fault { errno = code; return -1 }
                return Glibc.fsync(fd)
            },
            truncate: { fd, n in Glibc.ftruncate(fd, off_t(n)) }
        )
    }
}

@Suite struct FaultInjectionTests {
    @Test(arguments: [
        FaultSwitch.Fault.writeError(ENOSPC), .writeError(EIO), .shortThenError(ENOSPC), .fsyncError(EIO),
    ])
    func aFailedAppendLeavesTheLogAsItWas(_ fault: FaultSwitch.Fault) throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let faults = FaultSwitch()
        let log = try openLog(path, calls: faults.calls)
        try appendEvents(log, count: 3)
        let before = readBytes(path)

        faults.fault = fault
        #expect(throws: LogError.self) { try appendEvents(log, count: 1) }
        #expect(readBytes(path) == before)
        #expect(log.lastSeq == 3)

        faults.fault = .none
        try appendEvents(log, count: 1)
        #expect(log.lastSeq == 4)
        #expect(LogVerifier.verify(pathOrFail: path).ok)
    }

    @Test func theErrorNamesTheCause() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let faults = FaultSwitch()
        let log = try openLog(path, calls: faults.calls)
        faults.fault = .writeError(ENOSPC)
        do {
            try appendEvents(log, count: 1)
            Issue.record("append should have failed")
        } catch let e as LogError {
            #expect(e.chineseDescription.contains("磁盘空间已满"))
            #expect(e.description.contains("No space left"))
        }
    }
}

@Suite struct UnrecoverableFaultTests {
    /// When even the cut-back fails, the log refuses every later append instead of carrying on
    /// with a file whose end it no longer knows.
    @Test func aFailedRollbackStopsFurtherAppends() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let failTruncate = FaultSwitch()
        let calls = FileCalls(write: { fd, buf, n in errno = EIO; return failTruncate.fault.isNone ? Glibc.write(fd, buf, n) : -1 },
                              fsync: { Glibc.fsync($0) },
                              truncate: { _, _ in errno = EIO; return -1 })
        let log = try openLog(path, calls: calls)
        try appendEvents(log, count: 1)
        failTruncate.fault = .writeError(EIO)
        #expect(throws: LogError.self) { try appendEvents(log, count: 1) }
        failTruncate.fault = .none
        do {
            try appendEvents(log, count: 1)
            Issue.record("append after a failed rollback should be refused")
        } catch let LogError.inconsistent(_, detail) {
            #expect(detail.contains("could not be undone"))
        }
    }

    /// A ledger file replaced while open (e.g. by a repaired copy) is noticed before writing.
    @Test func aReplacedFileIsNotWrittenTo() throws {
        let dir = TempDir()
        let path = dir.file("ledger.jsonl")
        let log = try openLog(path)
        try appendEvents(log, count: 2)
        let copy = dir.file("copy.jsonl")
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: copy, toPath: path)
        #expect(throws: LogError.self) { try appendEvents(log, count: 1) }
        #expect(throws: LogError.self) { try log.refresh { (_, _) throws(LineDefect) in } }
        #expect(try LogVerifier.verify(path: path).lines == 2)
    }
}

extension FaultSwitch.Fault {
    var isNone: Bool { if case .none = self { return true } else { return false } }
}
