import TaizhangDomain

/// Labels of the figures in both languages, shared by the text, Markdown and CSV renderers.
public enum SummaryLabels {
    /// The JSON key of each kind's section, in output order.
    public static let kindKeys: [(kind: CaseKind, key: String)] = [
        (.consultation, "consultations"), (.mediation, "mediations"), (.petition, "petitions"),
        (.review, "reviews"), (.suit, "suits"),
    ]

    /// The name of a unit key (`station`, `office`, `all`).
    public static func unitName(_ key: String, town: String) -> Localized {
        if let u = Unit(rawValue: key) { return u.label }
        return Localized(town.isEmpty ? "全镇" : "全镇（\(town)）", town.isEmpty ? "whole town" : "whole town (\(town))")
    }

    /// The label of an outcome or choice key of `kind`'s `field` (or outcome when field is nil).
    static func choiceLabel(_ key: String, kind: CaseKind, field: String?) -> Localized {
        if key == "open" { return CaseStatus.open.label }
        if key.isEmpty { return Localized("（未填）", "(not recorded)") }
        if let field, let c = kind.field(field)?.choices.first(where: { $0.key == key }) { return c.label }
        if field == nil, let o = kind.outcome(key) { return o.label }
        return Localized(key, key)
    }

    static let total = Localized("总数", "total")
    static let answeredOrGuided = Localized("解答或引导诉讼", "answered or guided to litigation")
    static let resolved = Localized("调解成功（化解）", "resolved")
    static let failed = Localized("调解不成", "failed")
    static let failedToLitigation = Localized("调解不成引导诉讼", "failed, guided to litigation")
    static let withdrawn = Localized("撤回/终止", "withdrawn")
    static let open = Localized("办理中", "open")
    static let resolutionRate = Localized("化解率", "resolution rate")
    static let closedLoop = Localized("闭环管理", "closed loop")
    static let closedLoopRate = Localized("闭环率", "closed-loop rate")
    static let written = Localized("书面协议", "written agreements")
    static let oral = Localized("口头协议", "oral agreements")
    static let amount = Localized("涉及金额（元）", "amount (yuan)")
    static let groupVisits = Localized("集体访", "group visits")
    static let finished = Localized("办结", "finished")
    static let conclusionRate = Localized("信访办结率", "conclusion rate")
    static let overdue = Localized("超期", "overdue")
    static let firstVisits = Localized("初访", "first visits")
    static let cameBack = Localized("初访回流", "came back")
    static let returnRate = Localized("初访回流率", "return rate")
    static let repeats = Localized("重复信访", "repeat petitions")
    static let repeatRate = Localized("重复信访率", "repeat rate")
    static let heard = Localized("已开庭（应出庭）", "heard")
    static let headAppeared = Localized("负责人出庭", "head appeared")
    static let appearanceRate = Localized("负责人出庭应诉率", "appearance rate")
    static let byOutcome = Localized("按结果", "by outcome")
    static let byTopic = Localized("按咨询类别", "by topic")
    static let byCategory = Localized("按纠纷类型", "by category")
    static let byForm = Localized("按信访形式", "by form")
    static let byDocType = Localized("按文件类型", "by document type")
    static let byVillage = Localized("按村/社区", "by village")
    static let byHandler = Localized("按承办人", "by handler")
}
