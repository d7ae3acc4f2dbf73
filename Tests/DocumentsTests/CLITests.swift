import Foundation
import TaizhangTestSupport
import Testing
import TaizhangDomain
import TaizhangLog
@testable import TaizhangDocuments

/// `taizhang doc` and `taizhang screening` on a scratch copy of the demo ledger.
@Suite struct DocumentCLITests {
    @Test func docWritesRecordsAndRefusesToOverwrite() throws {
        let dir = NSTemporaryDirectory() + "taizhang-doc-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = dir + "/ledger.jsonl"
        try FileManager.default.copyItem(atPath: demoPath, toPath: store)
        let env = ["TAIZHANG_TODAY": "2024-12-31", "TAIZHANG_OPERATOR": "李干事"]
        func tz(_ args: String...) throws -> RunResult {
            try runTaizhang(args + ["--store", store], environment: env, in: dir)
        }
        func lines() throws -> Int { try String(contentsOfFile: store, encoding: .utf8).split(separator: "\n").count }
        let before = try lines()

        let text = try tz("doc", "M-2024-0007", "--form", "agreement", "--format", "txt")
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.hasPrefix(TextRenderer.centred("人民调解协议书")))
        #expect(text.stdout.contains("（2024）青坨人调字第1号") && text.stdout.contains("邢淑珍"))
        #expect(try lines() == before + 1)

        let docx = try tz("doc", "M-2024-0007", "--form", "registration")
        #expect(docx.status == 0, "\(docx.stderr)")
        let path = dir + "/M-2024-0007-人民调解受理登记表.docx"
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try lines() == before + 2)
        let again = try tz("doc", "M-2024-0007", "--form", "registration")
        #expect(again.status == 1 && again.stderr.contains("--force"))
        #expect(try lines() == before + 2)
        #expect(try tz("doc", "M-2024-0007", "--form", "registration", "--force").status == 0)

        let unfit = try tz("doc", "M-2024-0007", "--form", "reply")
        #expect(unfit.status == 1 && unfit.stderr.contains("信访事项处理意见书") && unfit.stderr.contains("registration"))
        let bad = try tz("doc", "M-2024-0007", "--form", "letter")
        #expect(bad.status == 1 && bad.stderr.contains("agreement"))

        let listed = try tz("doc", "M-2024-0007", "--list")
        #expect(listed.stdout.contains("已出具 agreement\t（2024）青坨人调字第1号\ttxt"))
        let show = try tz("show", "M-2024-0007")
        #expect(show.stdout.contains("出具文书：人民调解协议书 （2024）人调字第1号 txt"))

        let added = try tz("screening", "add", "--date", "2024-03-05", "--villages", "东河村,前营村", "--found", "0")
        #expect(added.status == 0 && added.stdout == "2024-03-05/1\n", "\(added.stdout)")
        #expect(added.stderr.contains("已登记排查 2024-03-05/1：东河村、前营村，零报告"))
        var rounds = try tz("screening", "list", "--period", "2024-03")
        #expect(rounds.stdout.contains("2024-03-05/1") && rounds.stdout.contains("东河村、前营村") && rounds.stdout.contains("零报告"))
        #expect(!rounds.stdout.contains("已关联"))
        // A mediation from the round names it; one more than the round found is marked.
        let m = try tz("add", "mediation", "--set", "date=2024-03-06", "--set", "unit=office", "--set", "applicant=赵大", "--set", "respondent=钱二",
                       "--set", "category=neighbor", "--set", "source=initiative", "--set", "screening=2024-03-05")
        #expect(m.status == 0, "\(m.stderr)")
        let mid = m.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        rounds = try tz("screening", "list")
        #expect(rounds.stdout.contains("已关联调解：\(mid)") && rounds.stdout.contains("！关联调解 1 件，多于发现数 0 件"), "\(rounds.stdout)")
        let shown = try tz("show", mid)
        #expect(shown.stdout.contains("2024-03-05/1  东河村、前营村，零报告"), "\(shown.stdout)")
        let wrong = try tz("add", "mediation", "--set", "date=2024-03-06", "--set", "unit=office", "--set", "applicant=赵大", "--set", "respondent=钱二",
                           "--set", "category=neighbor", "--set", "source=application", "--set", "screening=2024-03-05/1")
        #expect(wrong.status == 1 && wrong.stderr.contains("screening"))
        let form = try tz("report", "disputes", "--period", "2024-03")
        #expect(form.status == 0 && form.stdout.contains("零报告") && form.stdout.contains("| 合计 |"))
        #expect(try tz("verify").status == 0)
    }
}
