import Foundation
import TaizhangReport

/// Writes a ``DocumentLayout`` as a minimal WordprocessingML package (.docx) that Word, WPS
/// and LibreOffice open without complaint: content types, package and document relationships,
/// `word/document.xml`, `word/styles.xml`, `word/settings.xml` and the document properties.
///
/// The page is A4 with the margins of official documents (GB/T 9704: 37 mm top, 35 mm bottom,
/// 28 mm left, 26 mm right); body text is 仿宋 at 14 pt, the title 宋体 bold at 22 pt, headings
/// 黑体 (Latin text in Times New Roman).
public enum DOCXWriter {
    /// A4 in twentieths of a point.
    static let pageWidth = 11906, pageHeight = 16838
    static let marginTop = 2098, marginBottom = 1984, marginLeft = 1588, marginRight = 1474
    /// The width text runs in.
    static let textWidth = pageWidth - marginLeft - marginRight

    /// The document as the bytes of a .docx file. The same layout gives the same bytes.
    public static func package(_ doc: DocumentLayout) throws -> Data {
        let package = try OOXMLPackage()
        try package.add("[Content_Types].xml", contentTypes)
        try package.add("_rels/.rels", packageRelationships)
        try package.add("docProps/core.xml", coreProperties(title: doc.title))
        try package.add("docProps/app.xml", appProperties)
        try package.add("word/_rels/document.xml.rels", documentRelationships)
        try package.add("word/document.xml", documentXML(doc))
        try package.add("word/styles.xml", styles)
        try package.add("word/settings.xml", settings)
        return try package.data()
    }

    static let xmlHeader = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
    static let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    static let contentTypes = xmlHeader + #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        + #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        + #"<Default Extension="xml" ContentType="application/xml"/>"#
        + #"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#
        + #"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#
        + #"<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>"#
        + #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        + #"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>"#
        + "</Types>"

    static let packageRelationships = xmlHeader + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + #"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>"#
        + "</Relationships>"

    static let documentRelationships = xmlHeader + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#
        + "</Relationships>"

    static func coreProperties(title: String) -> String {
        xmlHeader + #"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#
            + "<dc:title>\(escape(title))</dc:title><dc:creator>taizhang</dc:creator><dc:language>zh-CN</dc:language></cp:coreProperties>"
    }

    static let appProperties = xmlHeader + #"<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>taizhang</Application></Properties>"#

    static let settings = xmlHeader + #"<w:settings xmlns:w="\#(w)"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>"#

    /// Fonts: Latin text in Times New Roman, Chinese in `eastAsia`.
    static func fonts(_ eastAsia: String) -> String {
        #"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="\#(eastAsia)" w:cs="Times New Roman"/>"#
    }

    static let styles = xmlHeader + #"<w:styles xmlns:w="\#(w)">"#
        + "<w:docDefaults><w:rPrDefault><w:rPr>\(fonts("仿宋"))"
        + #"<w:kern w:val="2"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>"#
        + #"<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="480" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#
        + #"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#
        + #"<w:pPr><w:spacing w:before="0" w:after="120" w:line="640" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr>"#
        + "<w:rPr>\(fonts("宋体"))<w:b/><w:bCs/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
        + #"<w:style w:type="paragraph" w:styleId="DocumentNumber"><w:name w:val="Document Number"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/>"#
        + #"<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#
        + #"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>"#
        + #"<w:pPr><w:keepNext/><w:spacing w:before="120"/><w:outlineLvl w:val="1"/></w:pPr>"#
        + "<w:rPr>\(fonts("黑体"))</w:rPr></w:style>"
        + #"<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/>"#
        + #"<w:pPr><w:spacing w:line="360" w:lineRule="exact"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>"#
        + #"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>"#
        + #"<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#
        + "</w:styles>"

    /// `word/document.xml`.
    static func documentXML(_ doc: DocumentLayout) -> String {
        var body = paragraph(doc.title, style: "Title")
        if !doc.number.isEmpty { body += paragraph(doc.number, style: "DocumentNumber") }
        for block in doc.blocks {
            switch block {
            case let .paragraph(text, indent):
                for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    body += paragraph(String(line), indent: indent)
                }
            case let .field(label, value):
                body += "<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>\(run(label + "："))\(run(value.isEmpty ? DocumentText.blank : value))</w:p>"
            case let .heading(text):
                body += paragraph(text, style: "Heading1")
            case let .table(columns, rows):
                body += table(columns: columns, rows: rows)
            case let .signatures(items):
                // Signatures, the issuer and the date keep together on one page.
                let half = textWidth / 2
                for row in DocumentLayout.signatureRows(items) {
                    var p = "<w:p><w:pPr><w:keepNext/><w:tabs><w:tab w:val=\"left\" w:pos=\"\(half)\"/></w:tabs><w:spacing w:before=\"180\" w:after=\"180\"/></w:pPr>"
                    p += run(row[0])
                    if row.count == 2 { p += "<w:r><w:tab/></w:r>" + run(row[1]) }
                    body += p + "</w:p>"
                }
            case let .seal(issuer, date):
                body += "<w:p><w:pPr><w:keepNext/><w:spacing w:before=\"360\"/><w:ind w:right=\"840\"/><w:jc w:val=\"right\"/></w:pPr>\(run(issuer + "（印章）"))</w:p>"
                body += "<w:p><w:pPr><w:ind w:right=\"840\"/><w:jc w:val=\"right\"/></w:pPr>\(run(date))</w:p>"
            case let .space(n):
                for _ in 0..<n { body += "<w:p/>" }
            }
        }
        let section = #"<w:sectPr><w:pgSz w:w="\#(pageWidth)" w:h="\#(pageHeight)"/><w:pgMar w:top="\#(marginTop)" w:right="\#(marginRight)" w:bottom="\#(marginBottom)" w:left="\#(marginLeft)" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/></w:sectPr>"#
        return xmlHeader + #"<w:document xmlns:w="\#(w)"><w:body>"# + body + section + "</w:body></w:document>"
    }

    static func run(_ text: String, bold: Bool = false) -> String {
        let props = bold ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : ""
        return "<w:r>\(props)<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    static func paragraph(_ text: String, style: String? = nil, indent: Bool = false) -> String {
        var props = ""
        if let style { props += "<w:pStyle w:val=\"\(style)\"/>" }
        // Two characters in: Word reads firstLineChars, LibreOffice the twips (2 × 14 pt).
        if indent { props += #"<w:ind w:firstLine="560" w:firstLineChars="200"/>"# }
        return "<w:p>" + (props.isEmpty ? "" : "<w:pPr>\(props)</w:pPr>") + (text.isEmpty ? "" : run(text)) + "</w:p>"
    }

    /// A bordered table; `columns` are relative widths of the grid columns.
    static func table(columns: [Int], rows: [[DocumentLayout.Cell]]) -> String {
        let total = max(1, columns.reduce(0, +))
        let widths = columns.map { $0 * textWidth / total }
        let border = #"w:val="single" w:sz="6" w:space="0" w:color="000000""#
        var s = "<w:tbl><w:tblPr><w:tblW w:w=\"\(textWidth)\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
        s += "<w:tblBorders><w:top \(border)/><w:left \(border)/><w:bottom \(border)/><w:right \(border)/><w:insideH \(border)/><w:insideV \(border)/></w:tblBorders>"
        s += #"<w:tblLayout w:type="fixed"/><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/></w:tblPr>"#
        s += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        for row in rows {
            s += #"<w:tr><w:trPr><w:trHeight w:val="567"/></w:trPr>"#
            var col = 0
            for cell in row {
                let span = max(1, min(cell.span, columns.count - col))
                let width = widths[col..<(col + span)].reduce(0, +)
                col += span
                s += "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>" + (span > 1 ? "<w:gridSpan w:val=\"\(span)\"/>" : "") + "<w:vAlign w:val=\"center\"/></w:tcPr>"
                for line in cell.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let align = cell.isLabel ? "<w:jc w:val=\"center\"/>" : ""
                    s += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>\(align)</w:pPr>" + (line.isEmpty ? "" : run(String(line), bold: cell.isLabel)) + "</w:p>"
                }
                s += "</w:tc>"
            }
            s += "</w:tr>"
        }
        return s + "</w:tbl>"
    }

    /// Escapes XML text; characters XML 1.0 cannot hold become visible escapes (`\x07`).
    static func escape(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += " "
            case _ where u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF || (0x7F...0x9F).contains(u.value):
                out += "\\x" + String(u.value, radix: 16)
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
