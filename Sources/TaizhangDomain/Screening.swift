import TaizhangLog

/// A round of dispute screening (矛盾纠纷排查): the villages covered and the disputes found; a
/// round that found none is a 零报告 (zero report).
public struct ScreeningRound: Sendable, Equatable {
    /// Sequence number of its line.
    public var seq: Int
    /// Business date of the round.
    public var date: BusinessDate
    /// The unit that ran it.
    public var unit: String
    /// Villages and communities covered, in the order given.
    public var villages: [String]
    /// Disputes found.
    public var found: Int
    /// Free note.
    public var note: String?
    /// Who recorded it.
    public var op: String

    /// True when nothing was found.
    public var isZeroReport: Bool { found == 0 }

    /// The stored `villages` member: names separated by `、`.
    static func villageList(_ text: String) -> [String] {
        text.split(separator: "、").map(String.init)
    }
}

extension LedgerState {
    /// Checks a screening round and returns its event (no case: the round is the town's).
    func screeningEvent(date: String?, villages: String, found: String, unit: String?, note: String?, today: BusinessDate) throws(ValidationError) -> PendingEvent {
        let dateSpec = FieldSpec("date", "排查日期", "date", .date)
        let d = try Validator.normalize(date ?? "", for: dateSpec, today: today)
        let day = d.isEmpty ? today : BusinessDate.parseISO(d)!
        if day > today {
            throw ValidationError(field: "date", value: day.description, zh: "排查日期（date）：\(day) 晚于今天 \(today)", en: "date: \(day) is after today (\(today))")
        }
        let names = villages.split(whereSeparator: { ",，、;；\n".contains($0) })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else {
            throw ValidationError(field: "villages", value: villages, zh: "排查村/社区（villages）不能为空，多个用逗号或顿号分隔",
                                  en: "villages: name at least one village or community, separated by commas")
        }
        for n in names where n.count > 100 {
            throw ValidationError(field: "villages", value: n, zh: "排查村/社区（villages）：\(Validator.quote(n)) 过长，最多 100 字",
                                  en: "villages: \(Validator.quote(n)) is too long; at most 100 characters")
        }
        var seen = Set<String>()
        let unique = names.filter { seen.insert($0).inserted }
        let text = found.trimmingCharacters(in: .whitespaces)
        guard text.count <= 6, !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(text) else {
            throw ValidationError(field: "found", value: found, zh: "排查发现纠纷数（found）：\(Validator.quote(found)) 无效，应为 0 以上的整数（0 即零报告）",
                                  en: "found: \(Validator.quote(found)) is not valid; expected a whole number of 0 or more (0 is a zero report)")
        }
        let unitSpec = Schema.commonFields.first { $0.key == "unit" }!
        let u = try Validator.normalize(unit ?? settings["default_unit"] ?? Unit.office.rawValue, for: unitSpec, today: today)
        var data: [(String, JSONValue)] = [("date", .string(day.description)), ("unit", .string(u.isEmpty ? Unit.office.rawValue : u)),
                                           ("villages", .string(unique.joined(separator: "、"))), ("found", .int(n))]
        if let note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            data.append(("note", .string(try Validator.freeText(note, field: "note", label: Localized("备注", "note"), maxLength: Schema.maximumNoteLength))))
        }
        return PendingEvent(type: EventType.screening.rawValue, caseID: nil, data: .object(data))
    }

    /// Folds a screening round.
    mutating func foldScreening(_ e: DecodedEvent, date: BusinessDate?, unit: String?, villages: String?, found: Int?, note: String?) throws(LineDefect) {
        guard let date, let villages, let found else {
            throw LineDefect(kind: .badEvent, detail: "screening.recorded needs date, villages and found")
        }
        screenings.append(ScreeningRound(seq: e.seq, date: date, unit: unit ?? Unit.office.rawValue, villages: ScreeningRound.villageList(villages),
                                         found: found, note: note, op: e.op))
        count(e)
    }

    /// The rounds in the snapshot's form.
    func encodeScreenings(to out: inout [UInt8]) {
        BinaryWriter.varint(screenings.count, to: &out)
        for s in screenings {
            BinaryWriter.varint(s.seq, to: &out)
            BinaryWriter.varint(s.date.dayNumber, to: &out)
            BinaryWriter.string(s.unit, to: &out)
            BinaryWriter.string(s.villages.joined(separator: "、"), to: &out)
            BinaryWriter.varint(s.found, to: &out)
            if let n = s.note { out.append(1); BinaryWriter.string(n, to: &out) } else { out.append(0) }
            BinaryWriter.string(s.op, to: &out)
        }
    }

    /// The rounds from a snapshot; nil when the bytes are malformed.
    static func decodeScreenings(_ r: BinaryReader) -> [ScreeningRound]? {
        guard let n = r.varint(), n >= 0, n <= r.remaining else { return nil }
        var out: [ScreeningRound] = []
        for _ in 0..<n {
            guard let seq = r.varint(), let d = r.varint(), dayNumberRange.contains(d), let unit = r.string(), let villages = r.string(),
                  let found = r.varint(), let flag = r.uint(1) else { return nil }
            var note: String? = nil
            if flag == 1 { guard let s = r.string() else { return nil }; note = s } else if flag != 0 { return nil }
            guard let op = r.string() else { return nil }
            out.append(ScreeningRound(seq: seq, date: BusinessDate(dayNumber: d), unit: unit, villages: ScreeningRound.villageList(villages),
                                      found: found, note: note, op: op))
        }
        return out
    }
}
