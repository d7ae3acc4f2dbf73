import Foundation
import TaizhangTestSupport
import Testing
import TaizhangLog

@Suite struct PersonCLITests {
    @discardableResult
    func petition(_ f: CLIFixture, _ name: String, date: String, subject: String, _ extra: String...) throws -> RunResult {
        var args = ["add", "petition", "--set", "unit=office", "--set", "petitioner=\(name)", "--set", "form=visit",
                    "--set", "subject=\(subject)", "--set", "date=\(date)"]
        for e in extra { args += ["--set", e] }
        return try runProgram(Binaries.path("taizhang"), args + ["--store", f.store, "--operator", "王律师"], environment: ["TAIZHANG_TODAY": f.today])
    }

    @Test func aSecondPetitionByTheSameIDNumberShowsTheFirstAtEntry() throws {
        let f = CLIFixture()
        let first = try petition(f, "王建华", date: "2024-03-01", subject: "反映宅基地确权纠纷", "id_number=120101199001011239")
        #expect(first.status == 0 && first.stderr.isEmpty, "\(first.stderr)")
        try petition(f, "李四", date: "2024-03-02", subject: "反映拖欠工资")
        // Another name as written, the old 15-digit form of the same number.
        let second = try petition(f, "王 健华", date: "2024-05-01", subject: "宅基地确权纠纷", "id_number=120101900101123")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout == "P-2024-0003\n")
        #expect(second.stderr.contains("P-2024-0001") && second.stderr.contains("身份证号") && second.stderr.contains("疑似重复"), "\(second.stderr)")
        #expect(second.stderr.contains("--set repeat_of=P-2024-0001"))
        #expect(!second.stderr.contains("P-2024-0002"))
        // Recorded with --set repeat_of, it is no longer an unmarked repeat.
        let repeats = try f.tz("repeats", "--format", "json")
        #expect(repeats.stdout.contains(#"{"earlier":"P-2024-0001","later":"P-2024-0003","by":"id_number","subject_similarity":"#), "\(repeats.stdout)")
        try f.tz("update", "P-2024-0003", "--set", "repeat_of=P-2024-0001")
        #expect(try f.tz("repeats", "--format", "json").stdout == "[]\n")
        #expect(try f.tz("show", "P-2024-0003", "--format", "json").stdout.contains("P-2024-0001"))
    }

    @Test func wrongCheckDigitIsRejectedAtTheCommandLine() throws {
        let f = CLIFixture()
        let r = try petition(f, "王建华", date: "2024-03-01", subject: "反映宅基地确权纠纷", "id_number=120101199001011234")
        #expect(r.status == 1)
        #expect(r.stderr.contains("id_number") && r.stderr.contains("校验码"), "\(r.stderr)")
    }

    @Test func personListsEveryRoleMaskedUnlessAsked() throws {
        let f = CLIFixture()
        try f.tz("add", "consultation", "--set", "unit=station", "--set", "client=王建华", "--set", "topic=labor", "--set", "date=2024-01-05",
                 "--set", "phone=13812345678")
        try f.tz("add", "mediation", "--set", "unit=office", "--set", "applicant=赵六", "--set", "respondent=孙七；王 建华",
                 "--set", "category=neighbor", "--set", "date=2024-01-06")
        try petition(f, "王建华", date: "2024-01-07", subject: "反映宅基地确权纠纷", "id_number=120101199001011239")
        try f.tz("add", "review", "--set", "unit=station", "--set", "requester=王建华", "--set", "title=合同", "--set", "doc_type=contract",
                 "--set", "date=2024-01-08")
        let json = try f.tz("person", "王建华", "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let value = try JSONParser.parse(Array(json.stdout.trimmingCharacters(in: .whitespacesAndNewlines).utf8))
        guard case let .array(rows) = value else { Issue.record("not a list: \(json.stdout)"); return }
        #expect(rows.map { $0["case"]?.stringValue ?? "" } == ["C-2024-0001", "M-2024-0001", "P-2024-0001", "R-2024-0001"])
        #expect(rows.map { $0["role"]?.stringValue ?? "" } == ["client", "respondent", "petitioner", "requester"])
        #expect(rows.map { $0["kind"]?.stringValue ?? "" } == ["consultation", "mediation", "petition", "review"])
        #expect(rows.allSatisfy { $0["date"] != nil && $0["status"]?.stringValue == "open" })
        #expect(!json.stdout.contains("13812345678") && json.stdout.contains("138****5678"))
        #expect(!json.stdout.contains("120101199001011239"))
        let full = try f.tz("person", "王建华", "--unmasked")
        #expect(full.stdout.contains("13812345678") && full.stdout.contains("120101199001011239"), "\(full.stdout)")
        // By phone and by ID number: only the case that records them.
        #expect(try f.tz("person", "138 1234 5678").stdout.contains("C-2024-0001"))
        let byID = try f.tz("person", "120101900101123", "--format", "json").stdout
        #expect(byID.contains("P-2024-0001") && !byID.contains("C-2024-0001"))
        // A lookup writes nothing.
        let before = try Data(contentsOf: URL(fileURLWithPath: f.store))
        try f.tz("person", "王建华")
        #expect(try Data(contentsOf: URL(fileURLWithPath: f.store)) == before)
    }
}
