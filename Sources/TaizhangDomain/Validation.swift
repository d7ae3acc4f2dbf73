import TaizhangLog
import TaizhangTerminalCore
/// A rejected command: names the field, the bad value and what is allowed.
public struct ValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field or argument at fault (`category`, `outcome`, `days`, …); empty for the case itself.
    public var field: String
    /// The value given, if any.
    public var value: String?
    /// The complete message in Chinese.
    public var zh: String
    /// The complete message in English.
    public var en: String

    /// Creates an error.
    public init(field: String, value: String?, zh: String, en: String) {
        self.field = field
        self.value = value
        self.zh = zh
        self.en = en
    }

    /// The message in `language`.
    public func message(_ language: Language) -> String { language == .zh ? zh : en }

    public var description: String { en }
}

/// Checks and normalises field values.
public enum Validator {
    /// Shows a value inside a message: quoted, shortened, control characters escaped.
    static func quote(_ value: String) -> String {
        var v = Escaping.visible(value)
        if v.count > 40 { v = String(v.prefix(40)) + "…" }
        return "“\(v)”"
    }

    static func fieldName(_ spec: FieldSpec) -> (zh: String, en: String) {
        ("\(spec.label.zh)（\(spec.key)）", spec.key)
    }

    /// Checks `raw` against `spec` and returns the value to store (dates in `YYYY-MM-DD`,
    /// choices by key, amounts without grouping). An empty value means "clear the field".
    public static func normalize(_ raw: String, for spec: FieldSpec, today: BusinessDate) throws(ValidationError) -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let name = fieldName(spec)
        func reject(_ zhAllowed: String, _ enAllowed: String) -> ValidationError {
            ValidationError(field: spec.key, value: raw,
                            zh: "\(name.zh)：\(quote(raw)) 无效，\(zhAllowed)",
                            en: "\(name.en): \(quote(raw)) is not valid; \(enAllowed)")
        }
        if value.isEmpty { return "" }
        switch spec.type {
        case let .text(maxLength), let .longText(maxLength):
            if value.count > maxLength {
                throw ValidationError(field: spec.key, value: String(raw.prefix(20)) + "…",
                                      zh: "\(name.zh)：内容过长（\(value.count) 字），最多 \(maxLength) 字",
                                      en: "\(name.en): too long (\(value.count) characters); at most \(maxLength) allowed")
            }
            return value
        case .date:
            guard let d = BusinessDate.parse(value, today: today) else {
                // A calendar date past the years the ledger keeps (9999-12-31) is a real date,
                // only in the future.
                let parts = value.split(separator: "-")
                if parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), y > today.year,
                   let m = Int(parts[1]), let dd = Int(parts[2]), (1...12).contains(m), (1...BusinessDate.daysIn(month: m, year: 2000)).contains(dd) {
                    throw ValidationError(field: spec.key, value: raw,
                                          zh: "\(name.zh)：\(quote(raw)) 晚于今天 \(today)", en: "\(name.en): \(quote(raw)) is in the future (after today, \(today))")
                }
                throw reject("应为有效日期，如 2024-03-05", "expected a real date such as 2024-03-05")
            }
            return d.description
        case .choice, .yesNo:
            let choices = spec.choices
            if let c = choices.first(where: { $0.key == value || $0.label.zh == value || $0.label.en.lowercased() == value.lowercased() }) {
                return c.key
            }
            let zhList = choices.map { "\($0.key)（\($0.label.zh)）" }.joined(separator: "、")
            let enList = choices.map(\.key).joined(separator: ", ")
            throw reject("可选：\(zhList)", "allowed: \(enList)")
        case .amount:
            let cleaned = value.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: "，", with: "")
            let parts = cleaned.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 12,
                  parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                  parts.count == 1 || (1...2).contains(parts[1].count) else {
                throw reject("应为不小于 0 的金额（元），最多两位小数，如 12000 或 3500.50",
                             "expected a non-negative amount of yuan with at most two decimals, e.g. 12000 or 3500.50")
            }
            let whole = String(Int(parts[0])!)
            return parts.count == 2 ? "\(whole).\(parts[1])" : whole
        case .count:
            guard value.count <= 6, value.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(value), n >= 1 else {
                throw reject("应为 1 以上的整数", "expected a whole number of 1 or more")
            }
            return String(n)
        case .phone:
            return try PersonIDs.validatedPhone(value, raw: raw, spec: spec)
        case .idNumber:
            return try PersonIDs.validatedIDNumber(value, raw: raw, spec: spec, today: today)
        case let .caseRef(kind):
            let upper = value.uppercased()
            guard let id = CaseID(upper), id.kind == kind else {
                throw reject("应为\(kind.label.zh)案件编号，如 \(kind.prefix)-2024-0001", "expected a \(kind.label.en) case id such as \(kind.prefix)-2024-0001")
            }
            return id.description
        case .screeningRef:
            // The form only; which round it names is the ledger's to say (``LedgerState/resolveScreening``).
            guard let (d, n) = ScreeningRound.parseID(value, today: today) else {
                throw reject("应为排查日期加序号，如 2024-03-05/1", "expected a screening round's date and place such as 2024-03-05/1")
            }
            return n.map { "\(d)/\($0)" } ?? d.description
        }
    }

    /// Checks free text (notes and reasons): not empty, not longer than `maxLength`.
    public static func freeText(_ raw: String, field: String, label: Localized, maxLength: Int, required: Bool = true) throws(ValidationError) -> String {
        let value = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty && required {
            throw ValidationError(field: field, value: raw, zh: "\(label.zh)（\(field)）不能为空", en: "\(field): must not be empty")
        }
        if value.count > maxLength {
            throw ValidationError(field: field, value: String(raw.prefix(20)) + "…",
                                  zh: "\(label.zh)（\(field)）内容过长（\(value.count) 字），最多 \(maxLength) 字",
                                  en: "\(field): too long (\(value.count) characters); at most \(maxLength) allowed")
        }
        return value
    }
}
