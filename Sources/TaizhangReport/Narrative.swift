import TaizhangDomain
import TaizhangTerminalCore

extension YearSummary {
    /// The figures as the rule-of-law report's own Chinese sentences, one paragraph per unit
    /// (the station's modelled on section 一（一）2, the office's on （四）1) and one for suits
    /// (（四）2), followed by the ledger line the figures come from.
    ///
    /// Parts whose count is zero are left out rather than written as "0件"; a rate whose
    /// denominator is zero is never written.
    public func narrative(stationName: String? = nil, officeName: String? = nil) -> String {
        var paragraphs: [String] = []
        let title = "\(town)\(year)年法治建设相关工作数据（依据台账）"
        paragraphs.append(title)
        for unit in units where unit.key != "all" {
            let name: String
            if unit.key == Unit.station.rawValue {
                name = stationName.flatMap { $0.isEmpty ? nil : $0 } ?? "\(town)法律服务站"
            } else {
                name = officeName.flatMap { $0.isEmpty ? nil : $0 } ?? "\(town)公共安全办"
            }
            paragraphs.append(Narrative.unitSentence(unit, name: name, year: year))
        }
        let town = self["all"] ?? units.first
        if let s = town?.suits, let sentence = Narrative.suitSentence(s, town: self.town) {
            paragraphs.append(sentence)
        }
        paragraphs.append("（数据来自台账：\(events)条记录，末行哈希\(head)；统计受理日期在\(year)年的案件，不含已作废案件；期限按\(asOf)判断。）")
        return paragraphs.map(Escaping.visible).joined(separator: "\n\n")
    }
}

/// The sentence builders of ``YearSummary/narrative(stationName:officeName:)``.
enum Narrative {
    static func percent(_ r: Rate) -> String? { r.shortPercentText.map { $0 + "%" } }

    static func unitSentence(_ u: UnitFigures, name: String, year: Int) -> String {
        var parts: [String] = []
        if u.key == Unit.station.rawValue {
            parts += reviewParts(u.reviews) + shortMediationParts(u.mediations) + consultationParts(u.consultations, lawyer: true)
                + petitionParts(u.petitions)
        } else {
            parts += petitionParts(u.petitions) + longMediationParts(u.mediations) + consultationParts(u.consultations, lawyer: false)
                + reviewParts(u.reviews)
        }
        if parts.isEmpty { return "\(year)年，\(name)无登记案件。" }
        let body = parts.joined(separator: "，")
        return "\(year)年，\(name)" + (body.hasPrefix("共") ? "" : "共") + body + "。"
    }

    static func reviewParts(_ r: ReviewFigures) -> [String] {
        guard r.total > 0 else { return [] }
        let onlyContractsAndDecisions = r.byDocType.nonZero.allSatisfy { $0.key == "contract" || $0.key == "decision" }
        return [(onlyContractsAndDecisions ? "为镇村提供经济合同及重大决策合法性审查服务" : "为镇村提供经济合同、重大决策等合法性审查服务") + "\(r.total)件"]
    }

    static func shortMediationParts(_ m: MediationFigures) -> [String] {
        m.resolved > 0 ? ["成功调解各类矛盾纠纷\(m.resolved)件"] : []
    }

    static func consultationParts(_ c: ConsultationFigures, lawyer: Bool) -> [String] {
        c.answeredOrGuided > 0 ? ["\(lawyer ? "律师" : "")接待解答或引导诉讼程序解决问题\(c.answeredOrGuided)件"] : []
    }

    static func petitionParts(_ p: PetitionFigures) -> [String] {
        guard p.total > 0 else { return [] }
        var parts = ["接待来信来访\(p.total)件"]
        if let r = percent(p.conclusionRate) { parts.append("信访办结率\(r)") }
        if p.firstVisits > 0 {
            parts.append("初访回流\(p.cameBack)件")
            if let r = percent(p.returnRate) { parts.append("初访回流率\(r)") }
        }
        if let r = percent(p.repeatRate) { parts.append("重复信访\(p.repeats)件，重复信访率\(r)") }
        return parts
    }

    static func longMediationParts(_ m: MediationFigures) -> [String] {
        guard m.total > 0 else { return [] }
        var parts = ["调解各类矛盾纠纷\(m.total)起", "化解\(m.resolved)起"]
        if let r = percent(m.resolutionRate) { parts.append("化解率为\(r)") }
        if m.failedToLitigation > 0 { parts.append("\(m.failedToLitigation)起调解不成纠纷成功引导诉讼") }
        if m.closedLoop == m.total {
            parts.append("\(m.total)起矛盾百分百实现了闭环管理")
        } else if let r = percent(m.closedLoopRate) {
            parts.append("\(m.closedLoop)起矛盾实现了闭环管理，闭环率\(r)")
        }
        // "共" is already at the start of the sentence for the first part; the report repeats it here.
        if !parts.isEmpty { parts[0] = "共" + parts[0] }
        return parts
    }

    static func suitSentence(_ s: SuitFigures, town: String) -> String? {
        guard s.total > 0 else { return nil }
        let who = town.isEmpty ? "我镇" : town
        guard let r = percent(s.appearanceRate) else {
            return "截至目前，\(who)行政应诉案件\(s.total)件，尚无开庭。"
        }
        return "截至目前，\(who)行政机关负责人出庭应诉率达\(r)（开庭\(s.heard)件，负责人出庭\(s.headAppeared)件）。"
    }
}
