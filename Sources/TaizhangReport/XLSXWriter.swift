import Foundation

/// A minimal Office Open XML spreadsheet writer: inline strings only, one bold frozen header
/// row per sheet. Every cell is text, so nothing a citizen typed can become a formula.
public enum XLSXWriter {
    /// One worksheet.
    public struct Sheet: Sendable {
        /// Tab name (at most 31 characters, no `[]:*?/\`).
        public var name: String
        /// Rows of cells.
        public var rows: [[String]]
        /// Leading rows shown bold and frozen.
        public var headerRows: Int
        /// Creates a sheet.
        public init(name: String, rows: [[String]], headerRows: Int) {
            self.name = name
            self.rows = rows
            self.headerRows = headerRows
        }
    }

    /// The workbook as the bytes of a ZIP package.
    public static func workbook(_ sheets: [Sheet]) throws -> Data {
        let package = try OOXMLPackage()
        let names = uniqueNames(sheets.map(\.name))
        try package.add("[Content_Types].xml", contentTypes(sheets.count))
        try package.add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """)
        var wb = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        wb += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#
        for (i, name) in names.enumerated() {
            wb += #"<sheet name="\#(escape(name))" sheetId="\#(i + 1)" r:id="rId\#(i + 1)"/>"#
        }
        wb += "</sheets></workbook>"
        try package.add("xl/workbook.xml", wb)
        var rels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        rels += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in sheets.indices {
            rels += #"<Relationship Id="rId\#(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i + 1).xml"/>"#
        }
        rels += #"<Relationship Id="rId\#(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        rels += "</Relationships>"
        try package.add("xl/_rels/workbook.xml.rels", rels)
        try package.add("xl/styles.xml", styles)
        for (i, sheet) in sheets.enumerated() {
            try package.add("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet))
        }
        return try package.data()
    }

    static func contentTypes(_ count: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for i in 0..<count {
            s += #"<Override PartName="/xl/worksheets/sheet\#(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return s + "</Types>"
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """

    static func worksheet(_ sheet: Sheet) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        if sheet.headerRows > 0 {
            s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(sheet.headerRows)" topLeftCell="A\#(sheet.headerRows + 1)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        s += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            s += #"<row r="\#(r + 1)">"#
            let style = r < sheet.headerRows ? #" s="1""# : ""
            for (c, cell) in row.enumerated() where !cell.isEmpty {
                s += #"<c r="\#(columnName(c))\#(r + 1)" t="inlineStr"\#(style)><is><t xml:space="preserve">\#(escape(cell))</t></is></c>"#
            }
            s += "</row>"
        }
        return s + "</sheetData></worksheet>"
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 0-based column index.
    public static func columnName(_ index: Int) -> String {
        var n = index + 1
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// Escapes XML text; characters XML 1.0 cannot hold become visible escapes; a cell is cut at
    /// the 32,767 characters a spreadsheet cell can hold.
    static func escape(_ text: String) -> String {
        var out = ""
        var count = 0
        for u in text.unicodeScalars {
            count += 1
            if count > 32_000 { out += "…"; break }
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF:
                out += "\\x" + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Sheet names made valid and unique: forbidden characters replaced, cut to 31 characters.
    static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.map { raw in
            var name = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            if name.isEmpty { name = "Sheet" }
            var candidate = name
            var k = 2
            while !used.insert(candidate.lowercased()).inserted { candidate = String(name.prefix(28)) + "(\(k))"; k += 1 }
            return candidate
        }
    }
}
