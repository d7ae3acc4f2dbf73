import Foundation
import TaizhangTestSupport
import Testing

/// The import command end to end: real files in, the CLI's own output and ledger checked.
@Suite struct ImportCLITests {
    /// The dry run of the hand-kept XLSX names exactly the row without an applicant and the row
    /// with an unknown category, by their Excel row numbers, and writes nothing.
    @Test func dryRunNamesTheBadRowsOfAnXLSXByExcelRowNumber() throws {
        let s = Scratch()
        let file = s.write("青坨镇2023调解台账.xlsx", try TestWorkbook.mediation2023())
        let r = try s.tz("import", file, "--unit", "office", "--format", "json")
        #expect(r.status == 1, "a dry run with bad rows exits 1: \(r.stderr)")
        let j = r.json
        #expect(j["rows"] as? Int == 7, "\(r.stdout) \(r.stderr)")
        #expect(j["importable"] as? Int == 5)
        #expect((j["cases"] as? [String: Int]) == ["mediation": 5])
        let errors = try #require(j["errors"] as? [[String: Any]])
        #expect(errors.map { $0["row"] as? Int } == [9, 10])
        #expect(errors.map { $0["column"] as? String } == ["当事人（申请方）", "纠纷类型"])
        #expect((errors[0]["message"] as? String)?.contains("缺少必填字段：申请人（applicant）") == true)
        #expect((errors[1]["message"] as? String)?.hasPrefix("纠纷类型（category）：“宠物纠纷” 无效，可选：") == true)
        #expect(!FileManager.default.fileExists(atPath: s.store), "a dry run creates no ledger")

        let text = try s.tz("import", file, "--unit", "office")
        #expect(text.stdout.contains("表头在第 3、4 行"))
        #expect(text.stdout.contains("人民调解（按标题）"), "the kind comes from the title row above the header")
        #expect(text.stdout.contains("调解情况/调解结果 → outcome"))
        #expect(text.stdout.contains("人民调解：2023 年 5 件"))
        #expect(text.stdout.contains("第 9 行［当事人（申请方）］"))
    }

    /// Committing without --skip-errors writes nothing; with it, the five good rows become cases
    /// with their own dates, categories, outcomes and closing dates, the history names the
    /// source, a second import creates nothing, and the year summary counts them.
    @Test func commitCreatesTheCasesOnceAndTheSummaryCountsThem() throws {
        let s = Scratch()
        let file = s.write("青坨镇2023调解台账.xlsx", try TestWorkbook.mediation2023())
        let refused = try s.tz("import", file, "--unit", "office", "--commit")
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("未写入任何记录"))
        #expect(((try? String(contentsOfFile: s.store, encoding: .utf8)) ?? "").isEmpty)

        let done = try s.tz("import", file, "--unit", "office", "--commit", "--skip-errors", "--format", "json")
        #expect(done.status == 0, "\(done.stderr)")
        #expect(done.json["created"] as? [String] == ["M-2023-0001", "M-2023-0002", "M-2023-0003", "M-2023-0004", "M-2023-0005"])

        let list = try s.tz("list", "--format", "json", "--status", "all")
        let cases = (try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8))) as? [[String: Any]] ?? []
        func field(_ id: String, _ key: String) -> String? {
            guard let c = cases.first(where: { $0["id"] as? String == id }) else { return nil }
            return (c["fields"] as? [String: Any])?[key] as? String ?? c[key] as? String
        }
        #expect(cases.count == 5, "\(list.stdout.prefix(300)) \(list.stderr)")
        #expect(field("M-2023-0001", "date") == "2023-03-06")
        #expect(field("M-2023-0001", "category") == "neighbor")
        #expect(field("M-2023-0001", "outcome") == "resolved")
        #expect(field("M-2023-0001", "agreement") == "written")
        #expect(field("M-2023-0001", "closed_on") == "2023-03-20")
        #expect(field("M-2023-0002", "date") == "2023-04-02")
        #expect(field("M-2023-0002", "status") == "open")
        #expect(field("M-2023-0003", "category") == "labor")
        #expect(field("M-2023-0003", "agreement") == "oral")
        #expect(field("M-2023-0003", "closed_on") == "2023-05-15")
        #expect(field("M-2023-0004", "date") == "2023-08-01")
        #expect(field("M-2023-0004", "category") == "traffic")
        #expect(field("M-2023-0005", "outcome") == "withdrawn")
        #expect(field("M-2023-0005", "mediator") == "刘调解", "a mediator merged down two rows fills both")

        let show = try s.tz("show", "M-2023-0004")
        #expect(show.stdout.contains("导入自 青坨镇2023调解台账.xlsx Sheet1 第 11 行"), "\(show.stdout)")

        let again = try s.tz("import", file, "--unit", "office", "--commit", "--skip-errors", "--format", "json")
        #expect(again.status == 0)
        #expect(again.json["importable"] as? Int == 0)
        #expect(again.json["already_imported"] as? Int == 5)
        #expect(again.json["created"] as? [String] == [])

        let summary = try s.tz("summary", "--year", "2023", "--format", "json")
        let units = try #require(summary.json["units"] as? [String: Any])
        let m = try #require((units["office"] as? [String: Any])?["mediations"] as? [String: Any])
        #expect(m["total"] as? Int == 5)
        #expect(m["resolved"] as? Int == 3)
        #expect(m["withdrawn"] as? Int == 1)
        #expect(m["open"] as? Int == 1)
        let verify = try s.tz("verify")
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    /// A GB18030 CSV: detected and decoded, its bad rows named by their line numbers (a quoted
    /// field over two lines moves the later ones down), committed as closed consultations.
    @Test func gb18030CSVIsDecodedAndNamesBadLines() throws {
        let s = Scratch()
        let bytes = try gb18030(TestWorkbook.consultationCSV)
        #expect(String(data: bytes, encoding: .utf8) == nil, "the fixture must not be UTF-8")
        let file = s.write("咨询登记.csv", bytes)
        let dry = try s.tz("import", file, "--format", "json")
        #expect(dry.json["rows"] as? Int == 4)
        #expect(dry.json["importable"] as? Int == 2)
        let errors = try #require(dry.json["errors"] as? [[String: Any]])
        #expect(errors.map { $0["row"] as? Int } == [7, 8])
        #expect(errors.map { $0["column"] as? String } == ["咨询类别", "咨询人"])

        let text = try s.tz("import", file)
        #expect(text.stdout.contains("编码 GB18030"))

        let done = try s.tz("import", file, "--commit", "--skip-errors", "--format", "json")
        #expect(done.json["created"] as? [String] == ["C-2023-0001", "C-2023-0002"])
        let show = try s.tz("show", "C-2023-0001", "--format", "json")
        #expect(show.stdout.contains("离婚后财产\\n怎么分"), "\(show.stdout.prefix(400))")
        let summary = try s.tz("summary", "--year", "2023", "--format", "json")
        let units = try #require(summary.json["units"] as? [String: Any])
        let c = try #require((units["station"] as? [String: Any])?["consultations"] as? [String: Any])
        #expect(c["total"] as? Int == 2)
        #expect(c["answered_or_guided"] as? Int == 2)
    }

    /// A map file adds a local header and a local value word; a bad rule is named by its line.
    @Test func mapFileAddsLocalWords() throws {
        let s = Scratch()
        let csv = "日期,甲方当事人,乙方,纠纷类别\n2023-02-01,张三,李四,土地权属\n"
        let file = s.write("local.csv", Data(csv.utf8))
        let without = try s.tz("import", file, "--kind", "mediation", "--unit", "station", "--format", "json")
        #expect(without.json["importable"] as? Int == 0)
        let map = s.write("map.txt", Data("# 本镇用语\nheader 甲方当事人 = applicant\nmediation value category 土地权属 = land_forest\n".utf8))
        let with = try s.tz("import", file, "--kind", "mediation", "--unit", "station", "--map", map, "--format", "json")
        #expect(with.json["importable"] as? Int == 1, "\(with.stdout) \(with.stderr)")
        let bad = s.write("bad.txt", Data("header 甲方 = nosuchfield\n".utf8))
        let r = try s.tz("import", file, "--kind", "mediation", "--map", bad)
        #expect(r.status == 1)
        #expect(r.stderr.contains("映射文件第 1 行"))
    }

    /// A workbook LibreOffice itself wrote (its own styles, shared strings and date formats)
    /// reads like Excel's. The fixture is LibreOffice Calc 7.4's conversion of this CSV
    /// (`soffice --headless --infilter=CSV:44,34,76,1 --convert-to xlsx`, which makes the ISO
    /// dates date cells with its own `yyyy\-mm\-dd` format):
    ///
    ///     青坨镇2023年信访登记表,,,,
    ///     来访日期,信访人,信访形式,信访事项,办理情况,办理结果,办结日期
    ///     2023-03-01,孙七,来访,宅基地界址,办结,解释,2023-03-20
    ///     2023-04-02,周八,来信,低保,,,
    @Test func libreOfficeWorkbookImports() throws {
        let s = Scratch()
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/libreoffice-petitions.xlsx").path
        let xlsx = s.dir + "/petitions.xlsx"
        try FileManager.default.copyItem(atPath: fixture, toPath: xlsx)
        let done = try s.tz("import", xlsx, "--commit", "--format", "json")
        #expect(done.status == 0, "\(done.stdout) \(done.stderr)")
        #expect(done.json["created"] as? [String] == ["P-2023-0001", "P-2023-0002"])
        let show = try s.tz("show", "P-2023-0001", "--format", "json")
        #expect(show.json["closed_on"] as? String == "2023-03-20", "\(show.stdout.prefix(500))")
        #expect(show.json["outcome"] as? String == "concluded")
        #expect((show.json["fields"] as? [String: Any])?["date"] as? String == "2023-03-01")
        #expect((show.json["fields"] as? [String: Any])?["result"] as? String == "explained")
        let open = try s.tz("show", "P-2023-0002", "--format", "json")
        #expect(open.json["status"] as? String == "open")
    }
}
