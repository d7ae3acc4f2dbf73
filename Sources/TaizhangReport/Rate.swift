/// A share with its numerator and denominator, as every rate in the year-end figures is shown.
///
/// The percentage is kept in tenths of a percent and rounded half-up with integer arithmetic
/// (44/46 -> 957 tenths, i.e. 95.7%), so no floating-point value ever decides a printed digit.
public struct Rate: Sendable, Equatable {
    /// The counted cases.
    public var num: Int
    /// The cases they are counted among.
    public var den: Int

    /// Creates a rate.
    public init(num: Int, den: Int) {
        self.num = num
        self.den = den
    }

    /// The percentage in tenths (957 for 95.7%), rounded half-up; nil when `den` is 0.
    public var tenths: Int? {
        guard den > 0 else { return nil }
        // round(num * 1000 / den) half-up == floor((2 * num * 1000 + den) / (2 * den)) for num >= 0.
        return (2 * num * 1000 + den) / (2 * den)
    }

    /// The percentage with one decimal, `95.7`, `100.0`; nil when `den` is 0.
    public var percentText: String? {
        tenths.map { "\($0 / 10).\($0 % 10)" }
    }

    /// The percentage as the report writes it: `95.7`, `100` (a trailing `.0` dropped).
    public var shortPercentText: String? {
        tenths.map { $0 % 10 == 0 ? "\($0 / 10)" : "\($0 / 10).\($0 % 10)" }
    }
}
