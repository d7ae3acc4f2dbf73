import Foundation
import Testing
import TaizhangDomain
import TaizhangLog
@testable import TaizhangScreens
import TaizhangTerminalCore
#if canImport(Glibc)
import Glibc
#endif

/// A switch that makes the ledger's writes fail as on a full disk.
final class DiskSwitch: @unchecked Sendable {
    private let lock = NSLock()
    private var _full = false
    var full: Bool {
        get { lock.lock(); defer { lock.unlock() }; return _full }
        set { lock.lock(); _full = newValue; lock.unlock() }
    }
    var calls: FileCalls {
        FileCalls(write: { fd, buf, n in
                      if self.full { errno = ENOSPC; return -1 }
                      return Glibc.write(fd, buf, n)
                  },
                  fsync: { Glibc.fsync($0) },
                  truncate: { fd, n in Glibc.ftruncate(fd, off_t(n)) })
    }
}

@Suite struct DiskFullTests {
    /// A save that fails on a full disk keeps the form and everything typed, says why, and
    /// saves once there is room again.
    @Test func aFullDiskKeepsTheFormBeingSaved() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tz-diskfull-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("ledger.jsonl").path
        let disk = DiskSwitch()
        let ledger = try Ledger(path: path, operatorName: "王律师", calls: disk.calls)
        let today = BusinessDate(year: 2024, month: 3, day: 20)!
        let ctx = AppContext(ledger: ledger, lang: .zh, storePath: path, today: { today })
        let app = App(ctx: ctx)
        func press(_ k: Key) { _ = app.handle(k) }
        func type(_ s: String) { for c in s { press(.char(c)) } }
        func focus(_ key: String) throws {
            let form = try #require(app.top as? FormScreen)
            for _ in 0..<form.fields.count {
                if form.fields[form.focus].key == key { return }
                press(.tab)
            }
            Issue.record("no field \(key)")
        }

        press(.char("n")); press(.char("2"))
        try focus("unit"); type("gg"); press(.enter)
        try focus("applicant"); type("陈大明"); press(.tab)
        type("李红"); press(.tab)
        type("邻"); press(.enter)

        disk.full = true
        press(.ctrl("s"))
        let form = try #require(app.top as? FormScreen, "the form must stay open after a failed save")
        #expect(form.fields.first { $0.key == "applicant" }?.value == "陈大明")
        #expect(form.fields.first { $0.key == "respondent" }?.value == "李红")
        var grid = CellGrid(width: 100, height: 30)
        app.render(into: &grid)
        #expect(grid.text.contains("磁盘空间已满"))
        #expect(ledger.state.cases.isEmpty)
        #expect(try LogVerifier.verify(path: path).lines == 0)

        disk.full = false
        press(.ctrl("s"))
        #expect(app.top is DetailScreen)
        #expect(ledger.state.lookup("M-2024-0001")?["applicant"] == "陈大明")
    }
}
