import TaizhangDomain

/// A small text file of local words, added to the built-in ``Vocabulary`` with `--map`.
///
/// One rule a line; `#` starts a comment; blank lines are ignored:
///
///     header 当事人（申请方） = applicant        # a column header -> a field key, outcome, closed_on or skip
///     value category 土地权属 = land_forest      # a value word of a field (or outcome) -> its key
///     kind 矛盾纠纷排查调处台账 = mediation      # a word of a sheet's title or name -> its kind
///
/// A rule may be limited to one kind by writing the kind before it: `mediation header 序号 = skip`.
public enum MapFile {
    /// `vocabulary` with the rules of `text` added; rejects a bad line naming its number.
    public static func apply(_ text: String, to vocabulary: Vocabulary) throws(ImportError) -> Vocabulary {
        var v = vocabulary
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let n = i + 1
            var line = String(raw)
            if let hash = line.firstIndex(of: "#") { line = String(line[..<hash]) }
            line = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            func bad(_ zh: String, _ en: String) -> ImportError {
                ImportError(zh: "映射文件第 \(n) 行：\(zh)：“\(line)”", en: "map file line \(n): \(en): \"\(line)\"")
            }
            guard let eq = line.lastIndex(of: "=") else {
                throw bad("缺少“=”，应如 header 申请人姓名 = applicant", "expected a rule such as `header 申请人姓名 = applicant`")
            }
            let target = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            var words = line[..<eq].split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            var kinds = CaseKind.allCases
            if let first = words.first, let k = CaseKind(rawValue: first) { kinds = [k]; words.removeFirst() }
            guard let rule = words.first, !target.isEmpty else {
                throw bad("规则不完整", "incomplete rule")
            }
            let rest = Array(words.dropFirst())
            switch rule {
            case "header":
                let word = rest.joined(separator: " ")
                guard !word.isEmpty else { throw bad("缺少表头文字", "the header text is missing") }
                for k in kinds {
                    let known = target == Vocabulary.outcomeKey || target == Vocabulary.skipKey || target == "closed_on"
                        || k.field(target) != nil || k.outcomes.contains { $0.requiredFields.contains { $0.key == target } }
                    guard known || kinds.count > 1 else {
                        throw bad("\(k.label.zh)没有字段 \(target)", "a \(k.rawValue) has no field \(target)")
                    }
                    if known { v.headers[k]![Vocabulary.normalize(word)] = target }
                }
                if !kinds.contains(where: { v.headers[$0]![Vocabulary.normalize(word)] == target }) {
                    throw bad("没有哪类案件有字段 \(target)", "no kind of case has a field \(target)")
                }
            case "value":
                guard rest.count >= 2 else { throw bad("应为 value 字段 词语 = 键", "expected `value FIELD WORD = KEY`") }
                let field = rest[0]
                let word = rest.dropFirst().joined(separator: " ")
                var used = false
                for k in kinds {
                    let keys: [String]
                    if field == Vocabulary.outcomeKey { keys = k.outcomes.map(\.key) }
                    else if let spec = k.field(field) ?? k.outcomes.flatMap(\.requiredFields).first(where: { $0.key == field }) { keys = spec.choices.map(\.key) }
                    else { continue }
                    guard keys.contains(target) else {
                        if kinds.count == 1 { throw bad("\(field) 的可选值没有 \(target)，可选：\(keys.joined(separator: "、"))", "\(target) is not a value of \(field); allowed: \(keys.joined(separator: ", "))") }
                        continue
                    }
                    v.values[k]![field, default: [:]][Vocabulary.normalize(word)] = target
                    used = true
                }
                if !used { throw bad("没有哪类案件的 \(field) 可取 \(target)", "no kind of case has a field \(field) taking \(target)") }
            case "kind":
                guard let k = CaseKind(rawValue: target) else {
                    throw bad("案件类型 \(target) 无效，可选：\(CaseKind.allCases.map(\.rawValue).joined(separator: "、"))",
                              "\(target) is not a kind; allowed: \(CaseKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                let word = rest.joined(separator: " ")
                guard !word.isEmpty else { throw bad("缺少词语", "the word is missing") }
                v.kindWords.insert((word, k), at: 0)
            default:
                throw bad("未知规则 \(rule)，可用 header、value、kind", "unknown rule \(rule); use header, value or kind")
            }
        }
        return v
    }
}
