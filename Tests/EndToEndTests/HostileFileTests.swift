import Foundation
import Testing
import TaizhangLog

/// Files that are not ledgers, special files, numbers at the edge of the integer range, and
/// tampering: what the CLI does with each, run as a process so a trap shows as a signal.
@Suite struct HostileFileTests {
    let fixture = CLIFixture()

    /// Every reading and repairing command, with the arguments each needs.
    static let readers: [[String]] = [
        ["list", "--status", "all"], ["show", "M-2024-0001"], ["show", "P-2024-0001"], ["summary", "--year", "2024"],
        ["summary", "--year", "2024", "--format", "json"], ["export", "--year", "2024", "-o", "-"], ["verify"], ["repair"],
    ]

    @Test func aFileThatIsNotALedgerIsRefusedUntouched() throws {
        let contents: [[UInt8]] = [
            Array("myhost\n".utf8), Array("myhost".utf8), Array("127.0.0.1 localhost\n::1 localhost\nlast line without newline".utf8),
            Array("{\"name\":\"another program's JSON\"}\n{\"torn".utf8), [0xD5, 0xC5, 0xC8, 0xFD, 0x0A, 0xFF],
        ]
        for (n, bytes) in contents.enumerated() {
            let path = fixture.dir + "/foreign-\(n).txt"
            putBytes(path, bytes)
            for args in [["list"], ["add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四",
                                    "--set", "category=neighbor"], ["verify"], ["repair"], ["summary", "--year", "2024"]] {
                let r = try tzGuarded(path, args)
                #expect(r.exitedNormally && r.status == 2, "\(n) \(args): \(r.status) \(r.stderr)")
                #expect(r.stderr.contains("not a taizhang ledger"), "\(n) \(args): \(r.stderr)")
                #expect(fileBytes(path) == bytes, "\(n) \(args): the file was changed")
            }
            // Nothing beside it: no quarantine, no lock, no repaired copy.
            #expect(filesStarting("foreign-\(n).txt", in: fixture.dir) == ["foreign-\(n).txt"])
        }
    }

    @Test func aSymlinkToAForeignFileLeavesTheTargetAlone() throws {
        let target = fixture.dir + "/hosts"
        let bytes = Array("127.0.0.1 localhost\nmyhost".utf8)
        putBytes(target, bytes)
        let link = fixture.dir + "/ledger-link.jsonl"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for args in [["list"], ["add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四", "--set", "category=neighbor"]] {
            let r = try tzGuarded(link, args)
            #expect(r.status == 2 && r.stderr.contains("not a taizhang ledger"), "\(args): \(r.stderr)")
        }
        #expect(fileBytes(target) == bytes)
    }

    @Test func aGenuineLedgersTornTailIsStillQuarantined() throws {
        let chain = LineChain.sample()
        putBytes(fixture.store, chain.bytes + Array("{\"v\":1,\"seq\":13,\"id\":\"to".utf8))
        let r = try tzGuarded(fixture.store, ["list"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileBytes(fixture.store) == chain.bytes)
        #expect(filesStarting("ledger.jsonl.quarantine-", in: fixture.dir).count == 1)
        // A torn first write of a new ledger is a ledger's too.
        putBytes(fixture.store, Array("{\"v\":1,\"seq\":1,\"id\":\"4a".utf8))
        let first = try tzGuarded(fixture.store, ["list"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(fileBytes(fixture.store).isEmpty)
    }

    @Test func specialFilesAreRefused() throws {
        let fifo = fixture.dir + "/pipe.jsonl"
        #expect(mkfifo(fifo, 0o600) == 0)
        for args in [["list"], ["verify"], ["repair"], ["add", "mediation", "--set", "unit=office"]] {
            let r = try tzGuarded(fifo, args, limit: 20)
            #expect(!r.timedOut, "\(args) hung on a FIFO")
            #expect(r.status == 2 && r.stderr.contains("not a regular file"), "\(args): \(r.stderr)")
        }
        #expect(filesStarting("pipe.jsonl", in: fixture.dir) == ["pipe.jsonl"], "no lock file beside a FIFO")
        let zero = try tzGuarded("/dev/zero", ["verify"], limit: 20)
        #expect(!zero.timedOut && zero.status == 2 && zero.stderr.contains("not a regular file"), "\(zero.stderr)")
        let nullLockExisted = access("/dev/null.lock", F_OK) == 0
        let null = try tzGuarded("/dev/null", ["add", "mediation", "--set", "unit=office", "--set", "applicant=张三",
                                               "--set", "respondent=李四", "--set", "category=neighbor"], limit: 20)
        #expect(null.status == 2 && null.stderr.contains("not a regular file"), "\(null.stderr)")
        if !nullLockExisted { #expect(access("/dev/null.lock", F_OK) != 0, "/dev/null.lock was made") }
        let folder = try tzGuarded(fixture.dir, ["list"], limit: 20)
        #expect(folder.status == 2 && folder.stderr.contains("not a regular file"), "\(folder.stderr)")
    }

    @Test func integersAtTheEdgeOfTheRangeNeverTrap() throws {
        let edges: [Int] = [0, 1, -1, 1 << 31, -(1 << 31), 1 << 53, -(1 << 53), Int.max, -Int.max]
        for value in edges {
            for member in ["days", "seq", "v"] {
                var chain = LineChain()
                // Line 8 is the extension; the other lines are as written.
                for (type, id, data) in LineChain.sampleEvents {
                    guard type == "case.extended" else { chain.add(type, id, data); continue }
                    switch member {
                    case "days": chain.add(type, id, .object([("days", .int(value)), ("reason", .string("需现场勘查")), ("extended_on", .string("2024-04-25"))]))
                    case "seq": chain.add(type, id, data, seq: value)
                    default: chain.add(type, id, data, version: value)
                    }
                }
                putBytes(fixture.store, chain.bytes)
                for args in Self.readers {
                    let r = try tzGuarded(fixture.store, args)
                    #expect(r.exitedNormally, "\(member)=\(value) \(args): ended by a signal or hung; \(r.stderr.suffix(300))")
                    #expect(r.status == 0 || r.status == 2, "\(member)=\(value) \(args): \(r.status) \(r.stderr.suffix(300))")
                }
                let verify = try tzGuarded(fixture.store, ["verify"])
                if member == "days" && (1...30).contains(value) {
                    #expect(verify.status == 0, "\(verify.stdout)")
                } else if !(member == "v" && value == 1) && !(member == "seq" && value == 8) {
                    #expect(verify.status == 2 && verify.stdout.contains("line 8"), "\(member)=\(value): \(verify.stdout)")
                }
                for name in filesStarting("ledger.jsonl.", in: fixture.dir) { unlink(fixture.dir + "/" + name) }
            }
        }
    }

    @Test func repairSetsAsideATamperedLineAndKeepsItsGenuineSuccessor() throws {
        let chain = LineChain.sample()
        // A valid-JSON edit of line 5 (the closing): a different agreement.
        var lines = chain.lines
        let edited = Array(String(decoding: lines[4], as: UTF8.self).replacingOccurrences(of: "written", with: "oral").utf8)
        lines[4] = edited
        putBytes(fixture.store, lines.flatMap { $0 + [0x0A] })
        let r = try tzGuarded(fixture.store, ["repair", "-o", fixture.dir + "/copy.jsonl"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("left out line 5: altered line"), "\(r.stdout)")
        let rejected = try #require(filesStarting("ledger.jsonl.rejected-", in: fixture.dir).first)
        let saved = String(decoding: fileBytes(fixture.dir + "/" + rejected), as: UTF8.self)
        #expect(saved.hasPrefix("# line 5: altered line") && saved.contains(String(decoding: edited, as: UTF8.self)))
        let copy = String(decoding: fileBytes(fixture.dir + "/copy.jsonl"), as: UTF8.self)
        #expect(!copy.contains("\"oral\""), "the edit was laundered into the copy")
        #expect(copy.components(separatedBy: "\n").filter { !$0.isEmpty }.count == 11)
        // Line 6 (the follow-up, whose prev names the genuine line 5) is kept.
        #expect(copy.contains("已按协议付款"))
        // The copy is a whole chain that opens; verify still flags what the missing closing
        // leaves behind (a follow-up and a reopening of a case that is not closed).
        let verify = try tzGuarded(fixture.dir + "/copy.jsonl", ["verify"])
        #expect(!["broken chain", "sequence gap", "bad JSON", "bad event"].contains { verify.stdout.contains($0) }, "\(verify.stdout)")
        #expect(verify.stdout.contains("line 5: bad value"), "\(verify.stdout)")
        #expect(try tzGuarded(fixture.dir + "/copy.jsonl", ["list"]).status == 0)

        // Changing line 2's case id: the forged line goes, the genuine line 3 (whose prev shows
        // line 2 is the altered one) stays.
        unlink(fixture.dir + "/" + rejected)
        var forged = chain.lines
        forged[2] = Array(String(decoding: forged[2], as: UTF8.self).replacingOccurrences(of: "M-2024-0001", with: "M-2024-0002").utf8)
        putBytes(fixture.store, forged.flatMap { $0 + [0x0A] })
        let r2 = try tzGuarded(fixture.store, ["repair", "-o", fixture.dir + "/copy2.jsonl"])
        #expect(r2.stdout.contains("left out line 3: altered line"), "\(r2.stdout)")
        let copy2 = String(decoding: fileBytes(fixture.dir + "/copy2.jsonl"), as: UTF8.self)
        #expect(!copy2.contains("M-2024-0002") && copy2.contains("\"village\":\"东村\""), "\(copy2)")
    }

    @Test func aByteOrderMarkIsReportedAsSuch() throws {
        let chain = LineChain.sample()
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + chain.bytes
        putBytes(fixture.store, bytes)
        let list = try tzGuarded(fixture.store, ["list"])
        #expect(list.status == 2 && list.stderr.contains("byte-order mark"), "\(list.stderr)")
        #expect(fileBytes(fixture.store) == bytes)
        let verify = try tzGuarded(fixture.store, ["verify"])
        #expect(verify.status == 2)
        #expect(verify.stdout.contains("line 1: byte-order mark") && !verify.stdout.contains("bad JSON"), "\(verify.stdout)")
        let repair = try tzGuarded(fixture.store, ["repair", "-o", fixture.dir + "/copy.jsonl"])
        #expect(repair.stdout.contains("removed a byte-order mark") && repair.stdout.contains("kept 12 of 12"), "\(repair.stdout)")
        #expect(fileBytes(fixture.dir + "/copy.jsonl") == chain.bytes)
    }

    @Test func linesLostAtTheEndAreNoticed() throws {
        // Enough lines that opening writes a snapshot (2000 or more replayed).
        var chain = LineChain()
        chain.add("settings.set", nil, .object([("key", .string("town")), ("value", .string("东棘坨镇"))]))
        for i in 1...2099 {
            chain.add("case.opened", String(format: "C-2024-%04d", i), .object([("kind", .string("consultation")), ("fields", .object([
                ("client", .string("咨询人\(i)")), ("date", .string("2024-03-05")), ("topic", .string("labor")), ("unit", .string("station"))]))]))
        }
        putBytes(fixture.store, chain.bytes)
        let first = try tzGuarded(fixture.store, ["list"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(access(fixture.store + ".snapshot", F_OK) == 0)
        let head = chain.head
        #expect(try tzGuarded(fixture.store, ["verify", "--head", head]).status == 0)

        for keep in [2050, 0] {
            let cut: [UInt8] = chain.lines.prefix(keep).flatMap { $0 + [UInt8(0x0A)] }
            putBytes(fixture.store, cut)
            let missing = 2100 - keep
            let list = try tzGuarded(fixture.store, ["list"])
            #expect(list.stderr.contains("\(missing) line(s) at the end are missing"), "\(keep): \(list.stderr)")
            let add = try tzGuarded(fixture.store, ["add", "consultation", "--set", "unit=station", "--set", "client=张三", "--set", "topic=labor"])
            #expect(add.status == 2 && add.stderr.contains("\(missing) line(s) at the end are missing"), "\(keep): \(add.stderr)")
            #expect(fileBytes(fixture.store) == cut, "nothing may be appended")
            let verify = try tzGuarded(fixture.store, ["verify"])
            #expect(verify.status == 2 && verify.stdout.contains("\(missing) line(s) at the end are missing"), "\(keep): \(verify.stdout)")
            let pinned = try tzGuarded(fixture.store, ["verify", "--head", head])
            #expect(pinned.status == 2 && pinned.stdout.contains("no line has the hash \(head)"), "\(keep): \(pinned.stdout)")
        }
        // A head printed before later appends is found, and the appends are counted.
        putBytes(fixture.store, chain.bytes)
        let earlier = LineHash.hexDigest(chain.lines[1999])
        let older = try tzGuarded(fixture.store, ["verify", "--head", earlier])
        #expect(older.status == 0 && older.stdout.contains("100 line(s) were appended after it"), "\(older.stdout)")
    }

    @Test func textThatIsNotUTF8IsRejectedNamingTheField() throws {
        let gbk = "$(printf '\\325\\305\\310\\375')"
        let open = "\"$TZ_BIN\" add mediation --store \"$STORE\" --lang en --set unit=office --set respondent=李四 --set category=neighbor"
        let cases: [(String, String, Data?)] = [
            ("\(open) --operator 王律师 --set \"applicant=\(gbk)\"", "--set applicant", nil),
            ("\(open) --set applicant=张三 --operator \"\(gbk)\"", "--operator", nil),
            ("\"$TZ_BIN\" note M-2024-0001 - --store \"$STORE\" --lang en --operator 王律师", "note", Data([0xD5, 0xC5, 0xC8, 0xFD])),
            ("TAIZHANG_OPERATOR=\"\(gbk)\" \(open) --set applicant=张三", "$TAIZHANG_OPERATOR", nil),
        ]
        let made = try fixture.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四", "--set", "category=neighbor")
        #expect(made.status == 0)
        let before = fileBytes(fixture.store)
        for (script, field, input) in cases {
            let r = try shell(script, environment: ["STORE": fixture.store], stdin: input)
            #expect(r.status == 1, "\(field): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("\(field): not valid UTF-8 text (the terminal seems to be GBK)") && r.stderr.contains("UTF-8 locale"), "\(field): \(r.stderr)")
            #expect(fileBytes(fixture.store) == before, "\(field): something was written")
        }
    }

    @Test func exportToATerminalEscapesControlsAndBidiOverrides() throws {
        let hostile = "张三\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\u{202E}txt.exe"
        let add = try fixture.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=\(hostile)", "--set", "respondent=李四",
                                 "--set", "category=neighbor", "--set", "date=2024-03-05")
        #expect(add.status == 0, "\(add.stderr)")
        for command in ["export --year 2024 --format csv -o -", "list --format csv", "show M-2024-0001", "list"] {
            // `script` gives the command a terminal as its standard output.
            let r = try shell("script -qec '\"$TZ_BIN\" \(command) --store \"$STORE\" --lang en' /dev/null", environment: ["STORE": fixture.store])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(!r.stdout.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B || $0.value == 0x202E }, "\(command): raw controls reached the terminal")
            if command != "list" { #expect(r.stdout.contains("\\u{202e}txt.exe"), "\(command): \(r.stdout)") }
        }
        // Into a file or a pipe, the export is the data as stored.
        let piped = try fixture.tz("export", "--year", "2024", "--format", "csv", "-o", "-")
        #expect(piped.stdout.contains("\u{202E}txt.exe"))
    }
}
