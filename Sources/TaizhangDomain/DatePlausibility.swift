/// Dates that are allowed but probably mistyped, asked about before a case id is given out:
/// the year of a case's date is part of its id for good (1900-01-01 would make C-1900-0001).
public enum DatePlausibility {
    /// The earliest year a case is expected from without asking.
    public static let earliestUsualYear = 2000

    /// Whether a case dated `date`, entered on `today`, should be confirmed first: before
    /// ``earliestUsualYear``, or more than a year before today.
    public static func isUnusual(_ date: BusinessDate, today: BusinessDate) -> Bool {
        let yearAgo = BusinessDate(year: today.year - 1, month: today.month, day: today.day) ?? today.adding(days: -365)
        return date.year < earliestUsualYear || date < yearAgo
    }

    /// The question to ask before opening a `kind` case from `inputs`, nil when its date
    /// (today when none is given) is usual. A date that does not parse is left to validation.
    public static func question(kind: CaseKind, inputs: [FieldInput], today: BusinessDate) -> Localized? {
        guard let raw = inputs.last(where: { $0.key == "date" })?.value, let spec = kind.field("date"),
              let text = try? Validator.normalize(raw, for: spec, today: today), let date = BusinessDate.parseISO(text),
              isUnusual(date, today: today) else { return nil }
        let prefix = "\(kind.prefix)-\(date.year)-…"
        return Localized("受理日期 \(date) 早于 \(date.year < earliestUsualYear ? "\(earliestUsualYear) 年" : "一年前")，案件将编为 \(prefix)，编号一经分配不能更改。确定日期无误？",
                         "the date \(date) is \(date.year < earliestUsualYear ? "before \(earliestUsualYear)" : "more than a year ago"); the case will be numbered \(prefix) for good. Is the date right?")
    }
}
