import TaizhangDomain

/// One cell of a spreadsheet as read from the file, before any meaning is given to it.
public enum CellValue: Sendable, Equatable {
    /// Nothing in the cell.
    case empty
    /// Text (shared, inline or formula string; CSV fields are always text).
    case text(String)
    /// A number with no date format.
    case number(Double)
    /// A number shown as a date by its cell's number format (an Excel serial day number).
    case date(serial: Double)

    /// The cell as text: numbers without a trailing `.0`, dates as `YYYY-MM-DD`.
    public var text: String {
        switch self {
        case .empty: return ""
        case let .text(s): return CellValue.trimmed(s)
        case let .number(n): return CellValue.format(n)
        case let .date(serial): return ExcelDate.iso(serial: serial) ?? CellValue.format(serial)
        }
    }

    /// `s` without leading and trailing white space (most cells have none: they come back as
    /// they are, without a copy).
    static func trimmed(_ s: String) -> String {
        let u = s.unicodeScalars
        guard let first = u.first, let last = u.last else { return s }
        if !first.properties.isWhitespace && !last.properties.isWhitespace { return s }
        var a = u.startIndex, b = u.endIndex
        while a < b && u[a].properties.isWhitespace { a = u.index(after: a) }
        while b > a && u[u.index(before: b)].properties.isWhitespace { b = u.index(before: b) }
        return String(u[a..<b])
    }

    /// True when the cell holds nothing but spaces.
    public var isBlank: Bool { text.isEmpty }

    /// `12000` for 12000.0, `3500.5` for 3500.5, integers of any size without an exponent.
    static func format(_ n: Double) -> String {
        if n.rounded() == n && abs(n) < 1e15 { return String(Int64(n)) }
        var s = String(n)
        if s.contains("e") { s = String(format: "%.6f", n) }
        return s
    }
}

/// One row of a sheet with the row number a user sees (Excel's row number, or the CSV line).
public struct SheetRow: Sendable, Equatable {
    /// 1-based row number as shown by Excel, or the CSV line the record starts on.
    public var number: Int
    /// Cells from column A on (trailing empty cells may be missing).
    public var cells: [CellValue]

    /// Creates a row.
    public init(number: Int, cells: [CellValue]) {
        self.number = number
        self.cells = cells
    }

    /// The cell in column `index` (0 = A), empty beyond the row's end.
    public subscript(index: Int) -> CellValue { index < cells.count ? cells[index] : .empty }

    /// True when every cell is blank.
    public var isBlank: Bool { cells.allSatisfy(\.isBlank) }
}

/// A sheet of a workbook, or the whole of a CSV file.
public struct Sheet: Sendable {
    /// The sheet's name (the file's name without extension for a CSV file).
    public var name: String
    /// Rows in order; blank rows may be missing (an XLSX file leaves them out).
    public var rows: [SheetRow]

    /// Creates a sheet.
    public init(name: String, rows: [SheetRow]) {
        self.name = name
        self.rows = rows
    }
}

/// Excel's serial day numbers (the 1900 date system, with its phantom 1900-02-29).
public enum ExcelDate {
    /// `YYYY-MM-DD` for a serial day number (the fraction, a time of day, is dropped); nil for
    /// serials outside 1900...2199.
    public static func iso(serial: Double) -> String? {
        guard serial.isFinite, serial >= 1, serial < 109_574 else { return nil }
        var day = Int(serial.rounded(.down))
        // Excel counts a 1900-02-29 that never was: serial 60. Serials after it are one too high.
        if day >= 60 { day -= 1 }
        // Serial 1 is 1900-01-01, which is day -25567 counted from 1970-01-01.
        return BusinessDate(dayNumber: day - 1 - 25_567).description
    }
}
