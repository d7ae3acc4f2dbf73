import TaizhangDomain

/// How the figures name their sections, units and breakdown items (the words themselves are in
/// the catalogue's `Words.Figures`).
public enum SummaryLabels {
    /// The JSON key of each kind's section, in output order.
    public static let kindKeys: [(kind: CaseKind, key: String)] = [
        (.consultation, "consultations"), (.mediation, "mediations"), (.petition, "petitions"),
        (.review, "reviews"), (.suit, "suits"),
    ]

    /// The name of a unit key (`station`, `office`, `all`).
    public static func unitName(_ key: String, town: String) -> Words {
        if let u = Unit(rawValue: key) { return u.label }
        return Words.Figures.wholeTown(town)
    }

    /// The label of an outcome or choice key of `kind`'s `field` (or outcome when field is nil).
    static func choiceLabel(_ key: String, kind: CaseKind, field: String?) -> Words {
        if key == "open" { return CaseStatus.open.label }
        if key.isEmpty { return Words.Common.notRecorded }
        if let field, let c = kind.field(field)?.choices.first(where: { $0.key == key }) { return c.label }
        if field == nil, let o = kind.outcome(key) { return o.label }
        return Words(key, key)
    }
}
