/// A field's name looked up once in the schema's numbering: reading a field by its key skips
/// hashing the name, which a pass over every case of a district ledger feels (`taizhang
/// person`, the earlier cases of a party at entry).
public struct CaseFieldKey: Sendable, Hashable {
    let number: UInt8?
    /// The field's name.
    public let name: String

    /// The key of the field `name` (one the schema does not know is read by name).
    public init(_ name: String) {
        self.name = name
        number = CaseFields.keyNumbers[name]
    }
}

extension CaseFields {
    /// The value of the field `key` (as `self[key.name]`).
    public subscript(key: CaseFieldKey) -> String? {
        guard let n = key.number else { return extra?[key.name] }
        return value(n)
    }
}

extension CaseRecord {
    /// The value of the field `key`, or "" (as `self[key.name]`).
    public subscript(key: CaseFieldKey) -> String { fields[key] ?? "" }
}
