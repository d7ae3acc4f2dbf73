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
    /// Its place among the rounds of the same date, from 1, in the order recorded.
    public var ordinal: Int = 1

    /// True when nothing was found.
    public var isZeroReport: Bool { found == 0 }

    /// The round's id, `2024-03-05/1`: its date and its place among that date's rounds. A
    /// mediation found in the round names it in `screening`. Rounds are never removed or
    /// re-dated, so an id, once given, always means the same round.
    public var id: String { "\(date)/\(ordinal)" }

    /// The date and place of an id typed as `2024-03-05/2` or `2024-03-05` (place nil); nil when
    /// it is neither.
    public static func parseID(_ text: String, today: BusinessDate) -> (date: BusinessDate, ordinal: Int?)? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let d = BusinessDate.parse(String(parts[0]), today: today) else { return nil }
        if parts.count == 1 { return (d, nil) }
        let n = parts[1].trimmingCharacters(in: .whitespaces)
        guard !n.isEmpty, n.count <= 4, n.allSatisfy({ $0.isASCII && $0.isNumber }), let k = Int(n), k >= 1 else { return nil }
        return (d, k)
    }

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
        let ordinal = screenings.reduce(1) { $1.date == date ? $0 + 1 : $0 }
        screenings.append(ScreeningRound(seq: e.seq, date: date, unit: unit ?? Unit.office.rawValue, villages: ScreeningRound.villageList(villages),
                                         found: found, note: note, op: e.op, ordinal: ordinal))
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
            let day = BusinessDate(dayNumber: d)
            let ordinal = out.reduce(1) { $1.date == day ? $0 + 1 : $0 }
            out.append(ScreeningRound(seq: seq, date: day, unit: unit, villages: ScreeningRound.villageList(villages),
                                      found: found, note: note, op: op, ordinal: ordinal))
        }
        return out
    }
}

// MARK: - Mediations found in a round

extension LedgerState {
    /// The round with id `id` (`2024-03-05/1`), if recorded.
    public func screening(_ id: String) -> ScreeningRound? {
        let parts = id.split(separator: "/")
        guard parts.count == 2, let d = BusinessDate.parseISO(String(parts[0])), let n = Int(parts[1]) else { return nil }
        return screenings.first { $0.date == d && $0.ordinal == n }
    }

    /// What the round `id` was, for the page of a mediation that names it: its villages and
    /// what it found (`东河村、前营村，发现 2 件`).
    public func screeningSummary(_ id: String) -> Words {
        guard let r = screening(id) else { return Words.Screening.unknownRound }
        return Words.Screening.summary(villages: r.villages.joined(separator: "、"), found: r.found)
    }

    /// The non-voided mediations that name each round in `screening`, by round id, in case order.
    public func screeningLinks() -> [String: [CaseID]] {
        var out: [String: [CaseID]] = [:]
        guard !screenings.isEmpty else { return out }
        for r in records where r.kind == .mediation && r.status != .voided {
            if let s = r.fields["screening"], !s.isEmpty { out[s, default: []].append(r.id) }
        }
        return out
    }

    /// The stored form of a `screening` value typed as `2024-03-05/2`, or as `2024-03-05` when
    /// that day has one round; names the rounds there are when it matches none.
    func resolveScreening(_ value: String, today: BusinessDate) throws(ValidationError) -> String {
        guard let (d, n) = ScreeningRound.parseID(value, today: today) else {
            throw ValidationError(field: "screening", value: value,
                                  zh: "排查轮次（screening）：\(Validator.quote(value)) 无效，应为排查日期加序号，如 2024-03-05/1（当天只有一次排查时可只写日期）",
                                  en: "screening: \(Validator.quote(value)) is not valid; expected a round's date and place such as 2024-03-05/1 (the date alone when that day has one round)")
        }
        let sameDay = screenings.filter { $0.date == d }
        if let n, let r = sameDay.first(where: { $0.ordinal == n }) { return r.id }
        if n == nil, sameDay.count == 1 { return sameDay[0].id }
        let near = (sameDay.isEmpty ? Array(screenings.suffix(5)) : sameDay).map(\.id)
        if n == nil, sameDay.count > 1 {
            throw ValidationError(field: "screening", value: value,
                                  zh: "排查轮次（screening）：\(d) 有 \(sameDay.count) 次排查，请写明序号：\(near.joined(separator: "、"))",
                                  en: "screening: \(d) has \(sameDay.count) rounds; say which: \(near.joined(separator: ", "))")
        }
        throw ValidationError(field: "screening", value: value,
                              zh: "排查轮次（screening）：找不到排查记录 \(Validator.quote(value))" + (near.isEmpty ? "；尚未登记排查（screening add）" : "；已有：\(near.joined(separator: "、"))"),
                              en: "screening: no screening round \(Validator.quote(value)) in this ledger" + (near.isEmpty ? "; none recorded yet (screening add)" : "; there are: \(near.joined(separator: ", "))"))
    }

    /// A mediation names a round only when it came from screening (`source` = `initiative`),
    /// and the round took place on or before the mediation's date.
    func checkScreening(_ fields: [String: String], date: BusinessDate, existing: CaseRecord?) throws(ValidationError) {
        guard let s = fields["screening"], !s.isEmpty else { return }
        guard fields["source"] == "initiative" else {
            throw ValidationError(field: existing?["screening"] == s ? "source" : "screening", value: s,
                                  zh: "排查轮次（screening）只适用于纠纷来源为主动排查（source=initiative）的调解；如来源不是主动排查，请清空 screening",
                                  en: "screening: only for a mediation whose source is initiative (found in screening); set source=initiative or clear screening")
        }
        guard let r = screening(s) else {
            throw ValidationError(field: "screening", value: s, zh: "排查轮次（screening）：找不到排查记录 \(Validator.quote(s))",
                                  en: "screening: no screening round \(Validator.quote(s)) in this ledger")
        }
        if r.date > date {
            throw ValidationError(field: "screening", value: s,
                                  zh: "排查轮次（screening）：排查日期 \(r.date) 晚于受理日期 \(date)",
                                  en: "screening: the round's date \(r.date) is after the mediation's date (\(date))")
        }
    }
}
