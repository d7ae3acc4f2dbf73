import Foundation
import TaizhangTestSupport
import Testing
import TaizhangLog

/// `verify` holding stored values to the rules of entry, input errors and their exit status,
/// and the small recoveries (temp files, a stripped final newline, a full disk).
@Suite struct InputEdgeTests {
    let fixture = CLIFixture()

    @Test func verifyFlagsEveryValueTheCLIWouldRefuseWithItsLine() throws {
        var chain = LineChain.sample()
        let base = chain.lines.count
        func mediation(_ id: String, _ change: (String, String)) -> JSONValue {
            var f = ["applicant": "王五", "category": "labor", "date": "2024-05-05", "respondent": "某公司", "unit": "station"]
            f[change.0] = change.1
            return .object([("kind", .string("mediation")), ("fields", .object(f.keys.sorted().map { ($0, .string(f[$0]!)) }))])
        }
        chain.add("case.opened", "M-2024-0002", mediation("M-2024-0002", ("date", "2024-02-30")))
        chain.add("case.opened", "M-2024-0003", mediation("M-2024-0003", ("date", "2023-05-05")))
        chain.add("case.opened", "M-2024-0004", mediation("M-2024-0004", ("category", "nonsense")))
        chain.add("case.opened", "M-2024-0005", mediation("M-2024-0005", ("unit", "mars")))
        chain.add("case.opened", "M-2024-0006", mediation("M-2024-0006", ("amount", "-5")))
        chain.add("case.closed", "M-2024-0001", .object([("outcome", .string("won")), ("closed_on", .string("2024-06-01")), ("fields", .object([]))]))
        chain.add("case.extended", "P-2024-0001", .object([("days", .int(5)), ("reason", .string("再延")), ("extended_on", .string("2024-04-26"))]))
        chain.add("case.noted", "P-2024-0001", .object([("text", .string("x"))]), at: "garbage")
        chain.add("case.noted", "P-2024-0001", .object([("text", .string("一切正常"))]))
        putBytes(fixture.store, chain.bytes)
        let r = try tzGuarded(fixture.store, ["verify"])
        #expect(r.status == 2, "\(r.stdout)")
        for line in (base + 1)...(base + 8) {
            #expect(r.stdout.contains("line \(line): bad value"), "line \(line): \(r.stdout)")
        }
        #expect(!r.stdout.contains("line \(base + 9):"), "\(r.stdout)")
        #expect(r.stderr.contains("8 problem(s)"), "\(r.stderr)")
        // Opening stays lenient: the records are there to look at and correct.
        let list = try tzGuarded(fixture.store, ["list", "--status", "all"])
        #expect(list.status == 0 && list.stdout.contains("M-2024-0006"), "\(list.stderr)")
    }

    @Test func inputErrorsExitOne() throws {
        let made = try fixture.tz("add", "petition", "--set", "unit=office", "--set", "petitioner=孙七", "--set", "form=visit",
                                  "--set", "subject=宅基地", "--set", "date=2024-03-05")
        #expect(made.status == 0, "\(made.stderr)")
        let bin = Binaries.path("taizhang")
        let env = ["TAIZHANG_TODAY": "2024-12-31"]
        let store = ["--store", fixture.store]
        let cases: [([String], String)] = [
            (["list", "--operator", "", "--lang", "en"] + store, "--operator: must not be empty"),
            (["list", "--operator", "   ", "--lang", "en"] + store, "--operator: must not be empty"),
            (["close", "P-2024-0001", "--operator", "王律师"] + store, "--outcome"),
            (["list", "--lang", "xx"] + store, "（--lang）“xx” 无效"),
            (["extend", "P-2024-0001", "--days", "-5", "--reason", "x", "--operator", "王律师", "--lang", "en"] + store, "days: “-5” is not valid"),
            (["note", "P-2024-0001", "x", "--operator", String(repeating: "王", count: 20_000), "--lang", "en"] + store, "--operator: too long (20000 characters); at most 100"),
            (["add", "mediation", "--set", "unit=office", "--set", "applicant=" + String(repeating: "张", count: 101), "--set", "respondent=李四",
              "--set", "category=neighbor", "--operator", "王律师", "--lang", "en"] + store, "at most 100 allowed"),
            (["add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四", "--set", "category=neighbor",
              "--set", "date=9999-12-31", "--operator", "王律师", "--lang", "en"] + store, "is in the future"),
            (["list", "--no-such-option"] + store, "no-such-option"),
        ]
        let before = fileBytes(fixture.store)
        for (args, message) in cases {
            let r = try runGuarded(bin, args, environment: env)
            #expect(r.status == 1, "\(args.prefix(4)): \(r.status) \(r.stderr.prefix(300))")
            #expect(r.stderr.contains(message), "\(args.prefix(4)): \(r.stderr.prefix(300))")
            #expect(!r.stderr.contains("Missing value"), "\(args.prefix(4)): \(r.stderr.prefix(300))")
        }
        #expect(fileBytes(fixture.store) == before)
        // Help is not an error.
        #expect(try runGuarded(bin, ["--help"]).status == 0)
    }

    @Test func snapshotTempFilesLeftByAKilledWriterAreRemoved() throws {
        putBytes(fixture.store, LineChain.sample().bytes)
        let stale = fixture.store + ".snapshot.tmp-999999"
        let live = fixture.store + ".snapshot.tmp-1"
        putBytes(stale, Array("personal data".utf8))
        putBytes(live, Array("being written".utf8))
        let r = try tzGuarded(fixture.store, ["list"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(access(stale, F_OK) != 0, "a dead writer's temp file stayed")
        #expect(access(live, F_OK) == 0, "a running process's temp file was removed")
        // A read-only look changes nothing.
        putBytes(stale, Array("personal data".utf8))
        _ = try tzGuarded(fixture.store, ["list", "--read-only"])
        #expect(access(stale, F_OK) == 0)
    }

    /// A ledger over the audit limit (lowered here to 100 bytes) is opened without checking its
    /// values and says so on every open, until `verify` has found every line sound: then the
    /// snapshot stops counting them, and the ledger's lines are left as they were.
    @Test func aLargeLedgersNoticeAskingForVerifyStopsOnceVerifyPasses() throws {
        let bytes = LineChain.sample().bytes
        putBytes(fixture.store, bytes)
        let small = ["TAIZHANG_AUDIT_BYTES": "100"]
        for _ in 0..<2 {
            let r = try tzGuarded(fixture.store, ["list"], environment: small)
            #expect(r.status == 0 && r.stderr.contains("were not checked on opening") && r.stderr.contains("taizhang verify"), "\(r.stderr)")
        }
        // Read-only, verify records nothing, and the notice stays.
        let ro = try tzGuarded(fixture.store, ["verify", "--read-only"], environment: small)
        #expect(ro.status == 0 && !ro.stdout.contains("recorded in the snapshot"), "\(ro.stdout)")
        let v = try tzGuarded(fixture.store, ["verify"], environment: small)
        #expect(v.status == 0 && v.stdout.contains("ledger OK") && v.stdout.contains("recorded in the snapshot"), "\(v.stdout)\(v.stderr)")
        let after = try tzGuarded(fixture.store, ["list"], environment: small)
        #expect(after.status == 0 && !after.stderr.contains("were not checked"), "\(after.stderr)")
        #expect(fileBytes(fixture.store) == bytes, "the ledger's lines are unchanged")
        // Said once: a second verify has nothing to record.
        let again = try tzGuarded(fixture.store, ["verify"], environment: small)
        #expect(again.status == 0 && !again.stdout.contains("recorded in the snapshot"), "\(again.stdout)")
    }

    @Test func aLastLineThatOnlyLacksItsNewlineIsKept() throws {
        let bytes = LineChain.sample().bytes
        putBytes(fixture.store, Array(bytes.dropLast()))
        let r = try tzGuarded(fixture.store, ["show", "P-2024-0001"])
        #expect(r.status == 0 && r.stdout.contains("已电话告知"), "\(r.stderr)")
        #expect(fileBytes(fixture.store) == bytes, "the newline is added")
        #expect(filesStarting("ledger.jsonl.quarantine", in: fixture.dir).isEmpty)
        // Read-only, it is shown without a change.
        putBytes(fixture.store, Array(bytes.dropLast()))
        let ro = try tzGuarded(fixture.store, ["list", "--read-only"])
        #expect(ro.status == 0)
        #expect(fileBytes(fixture.store) == Array(bytes.dropLast()))
    }

    @Test func aFullDiskSuggestsReadOnly() throws {
        let mount = fixture.dir + "/small"
        try FileManager.default.createDirectory(atPath: mount, withIntermediateDirectories: true)
        let mounted = try runGuarded("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", mount])
        guard mounted.status == 0 else {
            // Without the right to mount there is no disk to fill: skipped on a developer's
            // machine, a failure under CI=true, where the suite runs as root.
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record("cannot mount a small tmpfs (\(mounted.stderr)); CI=true requires the full-disk check to run")
            } else {
                print("aFullDiskSuggestsReadOnly: skipped: cannot mount a small tmpfs here (\(mounted.stderr))")
            }
            return
        }
        defer { _ = try? runGuarded("/bin/umount", [mount]) }
        let store = mount + "/ledger.jsonl"
        putBytes(store, LineChain.sample().bytes + Array("{\"v\":1,\"seq\":13,\"id\":\"torn".utf8))
        // Fill the disk.
        let filler = fopen(mount + "/filler", "w")
        let block = [UInt8](repeating: 0x41, count: 4096)
        while fwrite(block, 1, block.count, filler) == block.count {}
        fclose(filler)
        let r = try tzGuarded(store, ["list"])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("No space left on device") && r.stderr.contains("--read-only"), "\(r.stderr)")
        let ro = try tzGuarded(store, ["list", "--read-only"])
        #expect(ro.status == 0, "\(ro.stderr)")
    }
}
