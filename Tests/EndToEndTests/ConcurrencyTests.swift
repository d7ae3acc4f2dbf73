import Foundation
import TaizhangTestSupport
import Testing
import TaizhangLog

@Suite struct ConcurrencyTests {
    /// Two processes appending 200 events each at the same time leave 400 valid, chained lines
    /// and every append each of them reported is in the log.
    @Test func twoWritersAppendingAtOnce() throws {
        let f = CLIFixture()
        try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=张三", "--set", "topic=labor")
        let writers = try (0..<2).map { i in
            try RunningProgram(Binaries.path("taizhang-stress"), ["write", f.store, "C-2024-0001", "200", "w\(i)"])
        }
        let results: [RunResult?] = writers.map { $0.finish() }
        for r in results {
            #expect(r?.status == 0, "\(r?.stderr ?? "did not run")")
            #expect(r?.stdout.split(separator: "\n").count == 200)
        }
        let report = try LogVerifier.verify(path: f.store)
        #expect(report.ok, "\(report.problems)")
        #expect(report.lines == 401)
        let text = try String(contentsOfFile: f.store, encoding: .utf8)
        for i in 0..<2 {
            for n in [0, 99, 199] { #expect(text.contains("\"w\(i) \(n)\"")) }
        }
        // Each writer's own seqs are increasing, and together they use every seq once.
        let seqs = results.flatMap { r in (r?.stdout.split(separator: "\n") ?? []).compactMap { Int($0.split(separator: " ")[1]) } }
        #expect(Set(seqs) == Set(2...401))
    }
}

@Suite struct ManyWritersTests {
    /// Four processes append 500 events each while a fifth reads without the lock: exactly 2000
    /// valid, chained lines, and the reader never meets a partial or broken line (it exits non-zero
    /// if it does).
    @Test func fourWritersAndAReader() throws {
        let f = CLIFixture()
        try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=张三", "--set", "topic=labor")
        let reader = try RunningProgram(Binaries.path("taizhang-stress"), ["read", f.store, "2001", "300"])
        let writers = try (0..<4).map { i in
            try RunningProgram(Binaries.path("taizhang-stress"), ["write", f.store, "C-2024-0001", "500", "w\(i)"])
        }
        let results = writers.map { $0.finish() }
        let readResult = reader.finish()
        #expect(readResult.status == 0, "\(readResult.stderr)")
        #expect(readResult.stdout == "read 2001\n")
        for r in results {
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdout.split(separator: "\n").count == 500)
        }
        #expect(!readResult.stderr.contains("read failed"), "\(readResult.stderr)")
        let report = try LogVerifier.verify(path: f.store)
        #expect(report.ok, "\(report.problems)")
        #expect(report.lines == 2001)
    }
}
