import Foundation

/// A calendar date without time (the ledger's business dates), e.g. 2024-03-05.
public struct BusinessDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Year, 1900...2199.
    public let year: Int
    /// Month 1...12.
    public let month: Int
    /// Day 1...31 (valid for the month).
    public let day: Int

    /// Creates a date, or nil when it does not exist (2024-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2199).contains(year), (1...12).contains(month),
              day >= 1, day <= BusinessDate.daysIn(month: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for arithmetic.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber z0: Int) {
        let z = z0 + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// This date plus `days` calendar days.
    public func adding(days: Int) -> BusinessDate { BusinessDate(dayNumber: dayNumber + days) }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(until other: BusinessDate) -> Int { other.dayNumber - dayNumber }

    public static func < (a: BusinessDate, b: BusinessDate) -> Bool { a.dayNumber < b.dayNumber }

    /// Parses exactly `YYYY-MM-DD` (the stored form).
    public static func parseISO(_ text: String) -> BusinessDate? {
        var text = text
        return text.withUTF8 { parseISO(bytes: $0) }
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    public static func parseISO(bytes u: UnsafeBufferPointer<UInt8>) -> BusinessDate? {
        guard u.count == 10, u[4] == 45, u[7] == 45 else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r { guard u[i] >= 48, u[i] <= 57 else { return nil }; v = v * 10 + Int(u[i] - 48) }
            return v
        }
        guard let y = num(0..<4), let m = num(5..<7), let d = num(8..<10) else { return nil }
        return BusinessDate(year: y, month: m, day: d)
    }

    /// Parses what people type: `2024-03-05`, `2024.3.5`, `2024/3/5`, `2024年3月5日`, `3-5` or `3.5`
    /// (in `today`'s year), `t` or `today` or `今天` (today), `y`/`昨天` (yesterday).
    public static func parse(_ raw: String, today: BusinessDate) -> BusinessDate? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        switch text.lowercased() {
        case "t", "today", "今天", "今日": return today
        case "y", "yesterday", "昨天": return today.adding(days: -1)
        default: break
        }
        if let d = parseISO(text) { return d }
        var cleaned = text
        for sep in ["年", "月", ".", "/"] { cleaned = cleaned.replacingOccurrences(of: sep, with: "-") }
        cleaned = cleaned.replacingOccurrences(of: "日", with: "")
        let parts = cleaned.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let n = parts.compactMap { Int($0) }
        switch n.count {
        case 3 where parts[0].count == 4: return BusinessDate(year: n[0], month: n[1], day: n[2])
        case 2 where parts[0].count <= 2: return BusinessDate(year: today.year, month: n[0], day: n[1])
        default: return nil
        }
    }

    /// Today in the ledger's time zone; `TAIZHANG_TODAY=YYYY-MM-DD` overrides it (for entering
    /// back-dated paper records as if on that day, and for tests).
    public static func today() -> BusinessDate {
        if let s = ProcessInfo.processInfo.environment["TAIZHANG_TODAY"], let d = parseISO(s) { return d }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = ledgerTimeZone
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return BusinessDate(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The ledger's time zone: `TAIZHANG_TZ`, else Asia/Shanghai.
    public static var ledgerTimeZone: TimeZone {
        if let name = ProcessInfo.processInfo.environment["TAIZHANG_TZ"], let tz = TimeZone(identifier: name) { return tz }
        return TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
    }
}
