/// CSV writing: RFC 4180 quoting, CRLF line ends, a UTF-8 byte-order mark (so spreadsheet
/// programs read Chinese correctly), and a guard against formula injection.
public enum CSV {
    /// The UTF-8 byte-order mark.
    public static let bom = "\u{FEFF}"

    /// A whole document: BOM, then each row ended by CRLF.
    public static func document(_ rows: [[String]]) -> String {
        bom + rows.map(line).joined()
    }

    /// One row ended by CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One cell: guarded, then quoted when it holds a comma, quote, CR or LF.
    public static func cell(_ raw: String) -> String {
        let v = guardFormula(raw)
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    /// A cell a spreadsheet could read as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
    /// leading `'`, so opening an export never runs what a citizen typed into a field.
    public static func guardFormula(_ v: String) -> String {
        guard let first = v.unicodeScalars.first else { return v }
        return ["=", "+", "-", "@", "\t", "\r"].contains(first) ? "'" + v : v
    }
}
