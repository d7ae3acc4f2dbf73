/// Money amounts in fen (1/100 yuan), so sums are exact.
public enum Amount {
    /// Parses a stored amount (`12000`, `3500.5`, `3500.50`) into fen; nil when it is not one.
    public static func fen(_ text: String) -> Int? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let whole = Int(parts[0]) else { return nil }
        var cents = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), let v = Int(f) else { return nil }
            cents = f.count == 1 ? v * 10 : v
        }
        let (w, o1) = whole.multipliedReportingOverflow(by: 100)
        let (sum, o2) = w.addingReportingOverflow(cents)
        return o1 || o2 ? nil : sum
    }

    /// Formats fen as yuan with two decimals: `1234.50`.
    public static func yuan(fen: Int) -> String {
        let sign = fen < 0 ? "-" : ""
        let v = abs(fen)
        let c = v % 100
        return "\(sign)\(v / 100).\(c < 10 ? "0" : "")\(c)"
    }
}
