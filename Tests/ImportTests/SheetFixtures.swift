import Foundation
import ZIPFoundation

/// One cell a test sheet writes: a shared string, an inline string, a number, or a number styled
/// as a date (style 1: the built-in `yyyy-mm-dd` format 14; style 2: a custom `yyyy"年"m"月"d"日"`).
enum TestCell {
    case s(String)
    case inline(String)
    case n(Double)
    case date(Double)
    case cnDate(Double)
}

/// Writes a real OOXML workbook the way Excel lays one out: shared strings, a styles part with
/// date formats, merged cells, rows that leave blank rows out.
enum TestWorkbook {
    struct SheetSpec {
        var name: String
        /// Row number -> cells from column A (nil leaves a cell out).
        var rows: [(Int, [TestCell?])]
        var merges: [String]
    }

    static func xlsx(_ sheets: [SheetSpec]) throws -> Data {
        var shared: [String] = []
        var sharedIndex: [String: Int] = [:]
        func sst(_ s: String) -> Int {
            if let i = sharedIndex[s] { return i }
            shared.append(s); sharedIndex[s] = shared.count - 1
            return shared.count - 1
        }
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        func col(_ i: Int) -> String {
            var n = i + 1, s = ""
            while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
            return s
        }
        var sheetXML: [String] = []
        for sheet in sheets {
            var x = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
            x += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>"#
            for (r, cells) in sheet.rows {
                x += #"<row r="\#(r)">"#
                for (c, cell) in cells.enumerated() {
                    guard let cell else { continue }
                    let ref = "\(col(c))\(r)"
                    switch cell {
                    case let .s(t): x += #"<c r="\#(ref)" t="s"><v>\#(sst(t))</v></c>"#
                    case let .inline(t): x += #"<c r="\#(ref)" t="inlineStr"><is><t>\#(esc(t))</t></is></c>"#
                    case let .n(v): x += #"<c r="\#(ref)"><v>\#(v)</v></c>"#
                    case let .date(v): x += #"<c r="\#(ref)" s="1"><v>\#(v)</v></c>"#
                    case let .cnDate(v): x += #"<c r="\#(ref)" s="2"><v>\#(v)</v></c>"#
                    }
                }
                x += "</row>"
            }
            x += "</sheetData>"
            if !sheet.merges.isEmpty {
                x += #"<mergeCells count="\#(sheet.merges.count)">"# + sheet.merges.map { #"<mergeCell ref="\#($0)"/>"# }.joined() + "</mergeCells>"
            }
            x += "</worksheet>"
            sheetXML.append(x)
        }
        let archive = try Archive(data: Data(), accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
                data.subdata(in: Int(pos)..<(Int(pos) + size))
            }
        }
        var types = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in sheets.indices { types += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"# }
        types += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#
        try add("[Content_Types].xml", types)
        try add("_rels/.rels", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#)
        var wb = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        var rels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for (i, s) in sheets.enumerated() {
            wb += #"<sheet name="\#(esc(s.name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
            rels += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        wb += "</sheets></workbook>"
        let n = sheets.count
        rels += #"<Relationship Id="rId\#(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId\#(n + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#
        try add("xl/workbook.xml", wb)
        try add("xl/_rels/workbook.xml.rels", rels)
        for (i, x) in sheetXML.enumerated() { try add("xl/worksheets/sheet\(i + 1).xml", x) }
        var ss = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(shared.count)" uniqueCount="\#(shared.count)">"#
        // Every other string as rich text with a phonetic guide, which is not part of the text.
        for (i, s) in shared.enumerated() {
            if i % 2 == 1 && s.count > 1 {
                let mid = s.index(after: s.startIndex)
                ss += "<si><r><rPr><b/></rPr><t>\(esc(String(s[..<mid])))</t></r><r><t xml:space=\"preserve\">\(esc(String(s[mid...])))</t></r><rPh sb=\"0\" eb=\"1\"><t>ピン</t></rPh></si>"
            } else {
                ss += "<si><t>\(esc(s))</t></si>"
            }
        }
        ss += "</sst>"
        try add("xl/sharedStrings.xml", ss)
        try add("xl/styles.xml", #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/></numFmts><fonts count="1"><font><sz val="11"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>"#)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return data
    }

    /// The town's 2023 mediation ledger as kept by hand: a merged title row, a 填报单位 line, a
    /// two-row header (merged down, and 调解情况 merged across its three columns), serial and
    /// text dates, a blank row, a mediator merged down two rows, a 合计 row, one row without an
    /// applicant (row 9) and one with a category nobody knows (row 10).
    static func mediation2023() throws -> Data {
        let header3: [TestCell?] = [.s("序号"), .s("受理日期"), .s("当事人（申请方）"), .s("被申请人"), .s("纠纷类型"), .s("简要情况"),
                                    .s("调解情况"), nil, nil, .s("调解员")]
        let header4: [TestCell?] = [nil, nil, nil, nil, nil, nil, .s("调解结果"), .s("协议形式"), .s("结案日期"), nil]
        let rows: [(Int, [TestCell?])] = [
            (1, [.s("青坨镇2023年人民调解工作台账")]),
            (2, [.s("填报单位：青坨镇公共安全办"), nil, nil, nil, nil, nil, .s("填报日期：2024年1月5日")]),
            (3, header3),
            (4, header4),
            (5, [.n(1), .date(44991), .s("张三"), .s("李四"), .s("邻里纠纷"), .s("宅基地边界"), .s("调解成功"), .s("书面"), .inline("2023.3.20"), .s("王调解")]),
            (6, [.n(2), .inline("2023年4月2日"), .s("王五"), .s("赵六"), .s("婚姻家庭"), nil, .s("调解中"), nil, nil, .s("王调解")]),
            (8, [.n(3), .s("2023-05-10"), .s("孙七"), .s("周八"), .s("劳资纠纷"), nil, .s("成功"), .s("口头"), .cnDate(45061), .s("王调解")]),
            (9, [.n(4), .s("2023/6/1"), nil, .s("吴九"), .s("合同纠纷"), .s("借款"), nil, nil, nil, .s("王调解")]),
            (10, [.n(5), .s("2023.7.8"), .s("郑十"), .s("钱一"), .s("宠物纠纷"), nil, nil, nil, nil, .s("王调解")]),
            (11, [.n(6), .date(45139), .s("冯二"), .s("陈三"), .s("交通事故"), nil, .s("调解成功"), .s("书面"), .s("2023-08-05"), .s("刘调解")]),
            (12, [.n(7), .s("2023-09-09"), .s("褚四"), .s("卫五"), .s("其他"), nil, .s("撤回"), nil, .s("2023-09-10"), nil]),
            (13, [.s("合计"), .s("7件")]),
        ]
        let merges = ["A1:J1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:F4", "G3:I3", "J3:J4", "J11:J12"]
        return try xlsx([SheetSpec(name: "Sheet1", rows: rows, merges: merges)])
    }

    /// The station's 2023 consultation register as a CSV saved on a Chinese Windows (GB18030):
    /// a title line, a quoted question over two lines (so line numbers run ahead of record
    /// numbers), a blank line, a topic nobody knows (line 7), a row without a client (line 8) and
    /// a 合计 line.
    static let consultationCSV = """
        青坨镇法律服务站2023年法律咨询登记表,,,,,,
        序号,咨询日期,咨询人,咨询类别,咨询方式,咨询内容,处理结果
        1,2023.3.5,张三,婚姻家庭,来访,"离婚后财产
        怎么分",当场解答
        2,2023年3月6日,李四,土地,电话,宅基地,引导诉讼
        ,,,,,,
        3,2023-03-07,王五,火星类别,来访,,当场解答
        4,2023/3/8,,劳动,来访,,当场解答
        合计,4,,,,,

        """
}
