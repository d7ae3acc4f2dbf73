import Foundation

/// Resident ID numbers (GB 11643) and Chinese phone numbers: checked at entry, and put in the one
/// form under which the people index matches them.
public enum PersonIDs {
    /// What is wrong with a value, in both languages (without the field's name).
    public struct Problem: Error, Sendable, Equatable {
        public var zh: String
        public var en: String
        public init(_ zh: String, _ en: String) { self.zh = zh; self.en = en }
    }

    /// The weights of the first 17 characters of an 18-character ID number.
    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    /// The check character for each remainder of the weighted sum modulo 11.
    static let checkCharacters: [Character] = Array("10X98765432")

    /// The GB 11643 check character of the first 17 digits of `body`, which must be ASCII digits.
    public static func checkCharacter(_ body: some Sequence<Character>) -> Character {
        let sum = zip(body, weights).reduce(0) { $0 + Int($1.0.asciiValue! - 48) * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Checks an ID number: 18 characters (17 digits and a check character, which may be `X`) with
    /// the right check character, or the 15-digit old form; either with a real birth date not after
    /// `today`. Returns it as stored (a lower-case `x` made upper-case).
    public static func checkIDNumber(_ value: String, today: BusinessDate) -> Result<String, Problem> {
        let chars = Array(value.uppercased())
        let digits = { (r: Range<Int>) in chars[r].allSatisfy { $0.isASCII && $0.isNumber } }
        let birth: (year: Int, month: Int, day: Int)
        switch chars.count {
        case 18:
            guard digits(0..<17), chars[17].isASCII, chars[17].isNumber || chars[17] == "X" else {
                return .failure(Problem("应为 17 位数字加 1 位校验码（数字或 X）", "expected 17 digits and a check character (a digit or X)"))
            }
            birth = (Int(String(chars[6..<10]))!, Int(String(chars[10..<12]))!, Int(String(chars[12..<14]))!)
        case 15:
            guard digits(0..<15) else {
                return .failure(Problem("15 位旧号应全为数字", "a 15-character old ID number must be all digits"))
            }
            birth = (1900 + Int(String(chars[6..<8]))!, Int(String(chars[8..<10]))!, Int(String(chars[10..<12]))!)
        default:
            return .failure(Problem("应为 18 位身份证号（末位可为 X）或 15 位旧号，实为 \(chars.count) 位",
                                    "expected 18 characters (the last may be X) or the 15-digit old form, not \(chars.count)"))
        }
        guard chars[0] != "0", chars[0] != "9" else {
            return .failure(Problem("首位应为 1 至 8 的地区码", "the area code must begin with 1 to 8"))
        }
        let b = String(format: "%04d-%02d-%02d", birth.year, birth.month, birth.day)
        guard birth.year >= 1900 else {
            return .failure(Problem("出生日期 \(b) 早于 1900 年", "the birth date \(b) is before 1900"))
        }
        guard let born = BusinessDate(year: birth.year, month: birth.month, day: birth.day) else {
            return .failure(Problem("出生日期 \(b) 不存在", "the birth date \(b) does not exist"))
        }
        guard born <= today else {
            return .failure(Problem("出生日期 \(b) 晚于今天", "the birth date \(b) is after today"))
        }
        if chars.count == 18 {
            let expected = checkCharacter(chars[0..<17])
            guard expected == chars[17] else {
                return .failure(Problem("校验码错误：末位应为 \(expected)，实为 \(chars[17])（请核对号码）",
                                        "wrong check digit: the last character should be \(expected), not \(chars[17]) (check the number)"))
            }
        }
        return .success(String(chars))
    }

    /// Whether a stored ID number is the 15-digit old form.
    public static func isOldForm(_ idNumber: String) -> Bool { idNumber.utf8.count == 15 }

    /// The 18-character form under which an ID number is matched: an old 15-digit number gains the
    /// century `19` and its check character, so the two forms of one person's number meet. Nil for
    /// a value that is neither form (values stored before validation are taken as they are).
    public static func matchKey(idNumber: String) -> String? {
        let chars = Array(idNumber.trimmingCharacters(in: .whitespaces).uppercased())
        guard chars.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else { return nil }
        if chars.count == 18 { return String(chars) }
        guard chars.count == 15, !chars.contains("X") else { return nil }
        let body = Array(chars[0..<6]) + ["1", "9"] + Array(chars[6..<15])
        return String(body) + String(checkCharacter(body))
    }

    /// Checks a phone number: an 11-digit mobile (`1` then `3`–`9`; `+86` allowed in front), or a
    /// landline with its area code (`0` and two or three digits, then 7 or 8 digits not starting
    /// with 0 or 1; an extension after `-` or `转` allowed). Spaces, `-` and brackets may separate
    /// the parts. Returns the stored form: `13812345678`, `022-29901234`, `0311-8765432-801`.
    public static func checkPhone(_ value: String) -> Result<String, Problem> {
        let allowed = "+-()（）－ 转"
        guard value.allSatisfy({ ($0.isASCII && $0.isNumber) || allowed.contains($0) }) else {
            return .failure(Problem("只能含数字、空格、+ - 和括号", "only digits, spaces, + - and brackets are allowed"))
        }
        // An extension is what follows 转 or a separator after a complete landline.
        var main = value
        var ext = ""
        if let r = value.firstIndex(of: "转") {
            main = String(value[..<r])
            ext = String(value[value.index(after: r)...]).filter(\.isNumber)
        }
        var digits = main.filter { $0.isASCII && $0.isNumber }
        if main.trimmingCharacters(in: .whitespaces).hasPrefix("+") {
            guard digits.hasPrefix("86") else {
                return .failure(Problem("只受理中国大陆号码（+86）", "only mainland numbers (+86) are accepted"))
            }
            digits.removeFirst(2)
        }
        if digits.hasPrefix("1") {
            guard ext.isEmpty, digits.count == 11 else {
                return .failure(Problem("手机号应为 11 位，实为 \(digits.count) 位", "a mobile number has 11 digits, not \(digits.count)"))
            }
            guard let second = digits.dropFirst().first, ("3"..."9").contains(second) else {
                return .failure(Problem("手机号第二位应为 3 至 9", "a mobile number's second digit is 3 to 9"))
            }
            return .success(digits)
        }
        guard digits.hasPrefix("0") else {
            return .failure(Problem("应为 11 位手机号，或带区号的固定电话（如 022-29901234）",
                                    "expected an 11-digit mobile, or a landline with its area code (e.g. 022-29901234)"))
        }
        // Area codes: 010 and 02X have three digits, every other one four (the national plan).
        let areaLength = digits.hasPrefix("010") || digits.hasPrefix("02") ? 3 : 4
        let area = String(digits.prefix(areaLength))
        var rest = String(digits.dropFirst(areaLength))
        // An extension after the last `-`, when what comes before it is a whole landline.
        if ext.isEmpty, rest.count > 8, let dash = main.lastIndex(where: { $0 == "-" || $0 == "－" }) {
            let before = main[..<dash].filter { $0.isASCII && $0.isNumber }.dropFirst(areaLength)
            if (7...8).contains(before.count) {
                ext = String(main[main.index(after: dash)...].filter { $0.isASCII && $0.isNumber })
                rest = String(before)
            }
        }
        guard (7...8).contains(rest.count), let first = rest.first, first != "0", first != "1" else {
            return .failure(Problem("固定电话应为区号 \(area) 加 7 或 8 位号码", "a landline is its area code \(area) and 7 or 8 digits"))
        }
        guard ext.count <= 6 else {
            return .failure(Problem("分机号最多 6 位", "an extension has at most 6 digits"))
        }
        return .success(area + "-" + rest + (ext.isEmpty ? "" : "-" + ext))
    }

    /// The form under which a stored phone is matched: its digits without an extension or `+86`
    /// (`13812345678`, `02229901234`); nil when fewer than 7 digits remain.
    public static func matchKey(phone: String) -> String? {
        // The stored form of a mobile is its key: no need to check it again.
        if phone.utf8.count == 11, phone.utf8.first == UInt8(ascii: "1"), phone.utf8.allSatisfy({ (48...57).contains($0) }) { return phone }
        guard case let .success(stored) = checkPhone(phone) else {
            // Stored before phones were checked: its digits as they are.
            let digits = phone.filter { $0.isASCII && $0.isNumber }
            return digits.count >= 7 ? digits : nil
        }
        let parts = stored.split(separator: "-")
        return parts.count >= 2 ? String(parts[0] + parts[1]) : stored
    }

    // MARK: - Validation of the fields

    static func reject(_ problem: Problem, raw: String, spec: FieldSpec) -> ValidationError {
        let name = Validator.fieldName(spec)
        return ValidationError(field: spec.key, value: raw,
                               zh: "\(name.zh)：\(Validator.quote(raw)) 无效，\(problem.zh)",
                               en: "\(name.en): \(Validator.quote(raw)) is not valid; \(problem.en)")
    }

    /// `Validator.normalize` for an `idNumber` field.
    static func validatedIDNumber(_ value: String, raw: String, spec: FieldSpec, today: BusinessDate) throws(ValidationError) -> String {
        switch checkIDNumber(value, today: today) {
        case let .success(v): return v
        case let .failure(p): throw reject(p, raw: raw, spec: spec)
        }
    }

    /// `Validator.normalize` for a `phone` field.
    static func validatedPhone(_ value: String, raw: String, spec: FieldSpec) throws(ValidationError) -> String {
        switch checkPhone(value) {
        case let .success(v): return v
        case let .failure(p): throw reject(p, raw: raw, spec: spec)
        }
    }
}
