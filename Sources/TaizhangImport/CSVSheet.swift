import CSV
import Foundation

/// Reads a CSV file (comma- or tab-separated, as Excel and WPS save them) into a ``Sheet``.
public enum CSVSheet {
    /// The file's records as rows numbered by the line each starts on; the encoding is detected
    /// (``TextDecoding``).
    public static func read(bytes: [UInt8], name: String) throws(ImportError) -> (sheet: Sheet, encoding: TextEncoding) {
        let (text, encoding) = try TextDecoding.decode(bytes)
        let delimiter = guessDelimiter(text)
        let reader: CSVReader
        do { reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter) } catch {
            throw ImportError.unreadable("the CSV text cannot be read: \(error)")
        }
        var rows: [SheetRow] = []
        var line = 1
        while let fields = reader.next() {
            rows.append(SheetRow(number: line, cells: fields.map { $0.isEmpty ? .empty : .text($0) }))
            // A record takes one line plus one for every line break inside its quoted fields.
            line += 1 + fields.reduce(0) { $0 + lineBreaks($1) }
        }
        if let e = reader.error { throw ImportError.unreadable("the CSV text cannot be read: \(e)") }
        return (Sheet(name: name, rows: rows), encoding)
    }

    /// Line breaks in a field: CR LF counts once, a lone CR or LF once.
    static func lineBreaks(_ s: String) -> Int {
        var n = 0
        var afterCR = false
        for u in s.unicodeScalars {
            if u == "\r" { n += 1; afterCR = true } else { if u == "\n" && !afterCR { n += 1 }; afterCR = false }
        }
        return n
    }

    /// A tab when the first lines have more tabs than commas (Excel's "text (tab delimited)").
    static func guessDelimiter(_ text: String) -> UnicodeScalar {
        var tabs = 0, commas = 0, lines = 0
        for u in text.unicodeScalars {
            if u == "\t" { tabs += 1 } else if u == "," { commas += 1 } else if u == "\n" { lines += 1; if lines >= 10 { break } }
        }
        return tabs > commas ? "\t" : ","
    }
}
