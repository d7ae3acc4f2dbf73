import TaizhangLog

extension CaseRecord {
    /// The case as a JSON object: the stable form of `show --format json` and `list --format json`.
    ///
    /// Members: `id`, `kind`, `status`, `outcome`, `closed_on`, `fields` (every stored field by
    /// key, sorted), `deadline` (`purpose`, `due`, `days_left`), `overdue`, `follow_ups`,
    /// `extensions`, `notes`, `void_reason`, `repeated_by`, `linked_case`, `created_by`,
    /// `created_at`, `updated_at`, `version` (``version``, for `update --if-version`), and, when `timeline` is true, `timeline`.
    public func jsonValue(today: BusinessDate, timeline includeTimeline: Bool = true) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("id", .string(id.description)), ("kind", .string(kind.rawValue)), ("status", .string(status.rawValue)),
            ("outcome", outcome.map(JSONValue.string) ?? .null),
            ("closed_on", closedOn.map { .string($0.description) } ?? .null),
            ("fields", .sortedObject(fields.dictionary)),
        ]
        if let d = deadline {
            pairs.append(("deadline", .object([
                ("purpose", .string(d.purpose.rawValue)), ("due", .string(d.due.description)),
                ("days_left", daysLeft(today: today).map(JSONValue.int) ?? .null),
            ])))
        } else {
            pairs.append(("deadline", .null))
        }
        pairs.append(("overdue", .bool(isOverdue(today: today))))
        pairs.append(("follow_ups", .array(followUps.map { f in
            .object([("date", .string(f.date.description)), ("performed", f.performed.map(JSONValue.string) ?? .null),
                     ("note", f.note.map(JSONValue.string) ?? .null)])
        })))
        pairs.append(("extensions", .array(extensions.map { e in
            .object([("days", .int(e.days)), ("reason", .string(e.reason)), ("extended_on", .string(e.extendedOn.description))])
        })))
        pairs.append(("notes", .array(notes.map { n in .object([("at", .string(n.at)), ("op", .string(n.op)), ("text", .string(n.text))]) })))
        pairs.append(("void_reason", voidReason.map(JSONValue.string) ?? .null))
        pairs.append(("repeated_by", .array(repeatedBy.map { .string($0.description) })))
        pairs.append(("linked_case", linkedCase.map { .string($0.description) } ?? .null))
        pairs.append(("created_by", .string(createdBy)))
        pairs.append(("created_at", .string(createdAt)))
        pairs.append(("updated_at", .string(updatedAt)))
        pairs.append(("version", .int(version)))
        if includeTimeline {
            pairs.append(("timeline", .array(timeline.map { e in
                .object([("seq", .int(e.seq)), ("at", .string(e.at)), ("op", .string(e.op)), ("type", .string(e.type)), ("data", e.data)])
            })))
        }
        return .object(pairs)
    }
}
