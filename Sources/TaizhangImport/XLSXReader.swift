import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the sheets of an Office Open XML workbook (`.xlsx`): shared and inline strings, numbers,
/// dates by their cells' number formats, and merged cells (a merged range's value is filled down
/// the range's first column, as a reader of the printed sheet sees it).
public enum XLSXReader {
    /// The workbook's sheets in tab order.
    public static func read(data: Data) throws(ImportError) -> [Sheet] {
        let archive: Archive
        do { archive = try Archive(data: data, accessMode: .read) } catch {
            throw ImportError.unreadable("not an XLSX (ZIP) file: \(error)")
        }
        func part(_ path: String) throws(ImportError) -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            do { _ = try archive.extract(entry, skipCRC32: false) { out.append($0) } } catch {
                throw ImportError.unreadable("the part \(path) cannot be unpacked: \(error)")
            }
            return out
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            throw ImportError.unreadable("no xl/workbook.xml: not a spreadsheet")
        }
        let workbook = WorkbookParser(); try workbook.run(workbookXML, "xl/workbook.xml")
        let rels = RelationshipParser()
        if let r = try part("xl/_rels/workbook.xml.rels") { try rels.run(r, "xl/_rels/workbook.xml.rels") }
        var shared: [String] = []
        if let s = try part("xl/sharedStrings.xml") {
            let p = SharedStringParser(); try p.run(s, "xl/sharedStrings.xml"); shared = p.strings
        }
        var dateStyles: [Bool] = []
        if let s = try part("xl/styles.xml") {
            let p = StyleParser(); try p.run(s, "xl/styles.xml"); dateStyles = p.dateStyles
        }
        var sheets: [Sheet] = []
        for (name, rid) in workbook.sheets {
            guard let target = rels.targets[rid] else { continue }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let xml = try part(path) else {
                throw ImportError.unreadable("the sheet \(name) (\(path)) is missing from the file")
            }
            let p = WorksheetParser(shared: shared, dateStyles: dateStyles, date1904: workbook.date1904)
            try p.run(xml, path)
            sheets.append(Sheet(name: name, rows: p.finishedRows()))
        }
        return sheets
    }

    /// `A` -> 0, `AB` -> 27 for the letters of a cell reference such as `AB12`; nil without letters.
    static func reference(_ ref: String) -> (column: Int, row: Int?)? {
        var col = 0, letters = 0, row = 0, digits = 0
        for u in ref.utf8 {
            if u >= 65 && u <= 90 { guard digits == 0 else { return nil }; col = col * 26 + Int(u - 64); letters += 1 }
            else if u >= 97 && u <= 122 { guard digits == 0 else { return nil }; col = col * 26 + Int(u - 96); letters += 1 }
            else if u >= 48 && u <= 57 { row = row * 10 + Int(u - 48); digits += 1 }
            else if u == 36 { continue }  // `$A$1`
            else { return nil }
        }
        guard letters > 0 && letters <= 3 else { return nil }
        return (col - 1, digits > 0 ? row : nil)
    }
}

/// Runs an `XMLParser` over one part and turns its failure into an ``ImportError``. (Each part's
/// parser conforms to the delegate protocol itself: on Linux a subclass's methods would not be
/// the witnesses of a protocol its superclass adopted.)
protocol PartParser: XMLParserDelegate {}

extension PartParser {
    func run(_ data: Data, _ path: String) throws(ImportError) {
        let parser = XMLParser(data: data)
        parser.delegate = self
        parser.shouldProcessNamespaces = false
        if !parser.parse() {
            let e = parser.parserError.map { "\($0.localizedDescription)" } ?? "unknown error"
            throw ImportError.unreadable("\(path): bad XML at line \(parser.lineNumber): \(e)")
        }
    }

    /// The element's name without its namespace prefix (`x:row` -> `row`).
    static func local(_ name: String) -> Substring {
        if let i = name.lastIndex(of: ":") { return name[name.index(after: i)...] }
        return Substring(name)
    }
}

final class WorkbookParser: NSObject, PartParser {
    var sheets: [(name: String, rid: String)] = []
    var date1904 = false
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch Self.local(e) {
        case "sheet":
            let rid = a["r:id"] ?? a.first(where: { $0.key.hasSuffix(":id") })?.value ?? ""
            sheets.append((a["name"] ?? "", rid))
        case "workbookPr":
            if let v = a["date1904"] { date1904 = v == "1" || v == "true" }
        default: break
        }
    }
}

final class RelationshipParser: NSObject, PartParser {
    var targets: [String: String] = [:]
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        if Self.local(e) == "Relationship", let id = a["Id"], let t = a["Target"] { targets[id] = t }
    }
}

/// `<si>` items: plain `<t>` or rich-text runs `<r><t>`; phonetic guides (`<rPh>`) are not text.
final class SharedStringParser: NSObject, PartParser {
    var strings: [String] = []
    var current = ""
    var inText = false
    var phonetic = 0
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch Self.local(e) {
        case "si": current = ""
        case "t": inText = phonetic == 0
        case "rPh": phonetic += 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(e) {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": phonetic -= 1
        default: break
        }
    }
    func parser(_ parser: XMLParser, foundCharacters s: String) { if inText { current += s } }
}

/// Which cell styles (`cellXfs` entries, by index) show numbers as dates.
final class StyleParser: NSObject, PartParser {
    var customFormats: [Int: String] = [:]
    var xfFormats: [Int] = []
    var inCellXfs = false
    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch Self.local(e) {
        case "numFmt":
            if let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf": if inCellXfs { xfFormats.append(a["numFmtId"].flatMap(Int.init) ?? 0) }
        default: break
        }
    }
    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        if Self.local(e) == "cellXfs" { inCellXfs = false }
    }

    var dateStyles: [Bool] { xfFormats.map { id in customFormats[id].map(Self.isDateFormat) ?? Self.builtInDateFormats.contains(id) } }

    /// Built-in number formats that show dates: 14-17 and 22 (`m/d/yy` …), and the ids Excel uses
    /// for its East Asian date formats (`yyyy"年"m"月"d"日"` and the like).
    static let builtInDateFormats: Set<Int> = Set([14, 15, 16, 17, 22] + Array(27...36) + Array(50...58))

    /// True when a format code shows a date: it has a year, day or month part outside quoted text
    /// and brackets (`m` beside `h` or `s` is minutes, so a time-only format is not a date).
    static func isDateFormat(_ code: String) -> Bool {
        var plain = ""
        var inQuote = false, inBracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\"": inQuote = true
            case "[": inBracket = true
            case "\\", "_", "*": escaped = true
            default: plain.append(ch)
            }
        }
        let p = plain.lowercased().split(separator: ";").first.map(String.init) ?? ""
        if p.contains("y") || p.contains("d") { return true }
        return p.contains("m") && !p.contains("h") && !p.contains("s")
    }
}

/// A worksheet's cells and merged ranges.
final class WorksheetParser: NSObject, PartParser {
    let shared: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    var rows: [SheetRow] = []
    var merges: [(c0: Int, r0: Int, c1: Int, r1: Int)] = []

    var rowNumber = 0
    var cells: [CellValue] = []
    var cellColumn = 0
    var nextColumn = 0
    var cellType = "n"
    var cellStyle = 0
    var text = ""
    var collecting = false
    var inInline = false
    var phonetic = 0
    var value: String? = nil
    var inlineText: String? = nil

    init(shared: [String], dateStyles: [Bool], date1904: Bool) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    func parser(_ parser: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes a: [String: String] = [:]) {
        switch Self.local(e) {
        case "row":
            rowNumber = a["r"].flatMap(Int.init) ?? rowNumber + 1
            cells = []
            nextColumn = 0
        case "c":
            cellColumn = a["r"].flatMap { XLSXReader.reference($0)?.column } ?? nextColumn
            cellType = a["t"] ?? "n"
            cellStyle = a["s"].flatMap(Int.init) ?? 0
            value = nil
            inlineText = nil
        case "v":
            collecting = true; text = ""
        case "is":
            inInline = true; inlineText = ""
        case "t":
            if inInline && phonetic == 0 { collecting = true; text = "" }
        case "rPh": phonetic += 1
        case "mergeCell":
            if let ref = a["ref"] {
                let parts = ref.split(separator: ":").map(String.init)
                if let a0 = parts.first.flatMap(XLSXReader.reference), let b0 = parts.last.flatMap(XLSXReader.reference),
                   let r0 = a0.row, let r1 = b0.row {
                    merges.append((a0.column, r0, b0.column, r1))
                }
            }
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
        switch Self.local(e) {
        case "v":
            collecting = false; value = text
        case "t":
            if inInline && collecting { inlineText! += text; collecting = false }
        case "is": inInline = false
        case "rPh": phonetic -= 1
        case "c":
            let cell = makeCell()
            if cellColumn < 16_384 {
                while cells.count < cellColumn { cells.append(.empty) }
                if cells.count == cellColumn { cells.append(cell) } else { cells[cellColumn] = cell }
            }
            nextColumn = cellColumn + 1
        case "row":
            while let last = cells.last, last.isBlank { cells.removeLast() }
            rows.append(SheetRow(number: rowNumber, cells: cells))
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters s: String) { if collecting { text += s } }

    func makeCell() -> CellValue {
        switch cellType {
        case "s":
            guard let i = value.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }), i >= 0, i < shared.count else { return .empty }
            return .text(shared[i])
        case "inlineStr": return inlineText.map { .text($0) } ?? .empty
        case "str", "e": return value.map { .text($0) } ?? .empty
        case "b": return value.map { .text($0 == "1" ? "是" : "否") } ?? .empty
        default:
            guard let v = value?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return inlineText.map { .text($0) } ?? .empty }
            guard let n = Double(v) else { return .text(v) }
            if cellStyle < dateStyles.count && dateStyles[cellStyle] {
                return .date(serial: date1904 ? n + 1462 : n)
            }
            return .number(n)
        }
    }

    /// The rows in order with each merged range's value filled down its first column.
    func finishedRows() -> [SheetRow] {
        var out = rows.sorted { $0.number < $1.number }
        guard !merges.isEmpty else { return out }
        var index: [Int: Int] = [:]
        for (i, r) in out.enumerated() { index[r.number] = i }
        for m in merges where m.r1 > m.r0 {
            guard let top = index[m.r0] else { continue }
            let v = out[top][m.c0]
            if v.isBlank { continue }
            for r in (m.r0 + 1)...min(m.r1, m.r0 + 100_000) {
                if index[r] == nil {
                    index[r] = out.count
                    out.append(SheetRow(number: r, cells: []))
                }
                let i = index[r]!
                while out[i].cells.count <= m.c0 { out[i].cells.append(.empty) }
                if out[i].cells[m.c0].isBlank { out[i].cells[m.c0] = v }
            }
        }
        return out.sorted { $0.number < $1.number }
    }
}
