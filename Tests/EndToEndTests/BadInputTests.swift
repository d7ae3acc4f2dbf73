import Foundation
import TaizhangTestSupport
import Testing
import TaizhangLog

/// Every command rejects out-of-range values with a message naming the field, and text from the
/// ledger never reaches the terminal raw.
@Suite struct BadInputTests {
    @Test func outOfRangeValuesAreRejectedWithTheField() throws {
        let f = CLIFixture()
        let base = ["add", "mediation", "--set", "unit=office", "--set", "applicant=张三", "--set", "respondent=李四", "--set", "category=neighbor"]
        let cases: [([String], String)] = [
            (base + ["--set", "date=2024-02-30"], "date"),
            (base + ["--set", "amount=-500"], "amount"),
            (base + ["--set", "people=0"], "people"),
            (base + ["--set", "phone=call me"], "phone"),
            (base + ["--set", "unit=court"], "unit"),
            (["add", "petition", "--set", "unit=office", "--set", "petitioner=张三", "--set", "form=fax", "--set", "subject=x"], "form"),
        ]
        for (args, field) in cases {
            let r = try runProgram(Binaries.path("taizhang"), args + ["--store", f.store, "--lang", "en"], environment: ["TAIZHANG_TODAY": f.today])
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr.contains(field), "\(args): \(r.stderr)")
        }
        try f.tz("add", "petition", "--set", "unit=office", "--set", "petitioner=张三", "--set", "form=visit", "--set", "subject=x")
        let ext = try f.tz("extend", "P-2024-0001", "--days", "45", "--reason", "复杂", lang: "en")
        #expect(ext.status == 1 && ext.stderr.contains("days"))
        let fu = try f.tz("followup", "P-2024-0001", "--date", "2024-13-01", lang: "en")
        #expect(fu.status == 1)
        #expect(try f.tz("verify").stdout.contains("1 行"))  // only the petition
    }

    @Test func aTenMegabyteNoteIsRejected() throws {
        let f = CLIFixture()
        try f.tz("add", "suit", "--set", "unit=station", "--set", "court=区法院")
        let big = f.dir + "/big.txt"
        try String(repeating: "很长的备注", count: 2_100_000).write(toFile: big, atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binaries.path("taizhang"))
        process.arguments = ["note", "S-2024-0001", "-", "--store", f.store, "--lang", "en"]
        process.standardInput = FileHandle(forReadingAtPath: big)
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains("note: too long"))
        #expect(try LogVerifier.verify(path: f.store).lines == 1)
    }

    @Test func controlCharactersAreStoredButNeverPrintedRaw() throws {
        let f = CLIFixture()
        let hostile = "张三\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m"
        let add = try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=\(hostile)", "--set", "topic=labor")
        #expect(add.status == 0)
        try f.tz("note", "C-2024-0001", "第一行\n第二行\u{1B}[5m")
        let stored = try String(contentsOfFile: f.store, encoding: .utf8)
        let record = try LogRecord.decode(Array(stored.split(separator: "\n")[0].utf8))
        #expect(record.data["fields"]?["client"] == .string(hostile))
        for args in [["list"], ["show", "C-2024-0001"], ["list", "--format", "csv"]] {
            let r = try runProgram(Binaries.path("taizhang"), args + ["--store", f.store], environment: ["TAIZHANG_TODAY": f.today])
            #expect(r.status == 0)
            let raw = r.stdout.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) }
            #expect(raw.isEmpty, "\(args) printed control characters: \(raw.map(\.value))")
            #expect(r.stdout.contains("张三\\e]0;pwned"))
        }
    }
}
