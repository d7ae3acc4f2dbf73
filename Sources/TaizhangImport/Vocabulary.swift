import TaizhangDomain

/// The words spreadsheets use: header texts for each kind's fields, local words for choice
/// values and outcomes, and the words in a sheet's title or name that name its kind.
/// docs/import.md lists the built-in tables; a map file (``MapFile``) adds local ones.
public struct Vocabulary: Sendable {
    /// Column target of a header: a field of the case, the outcome, or a column to leave out.
    public static let outcomeKey = "outcome"
    /// A header mapped to this key is not imported, and not reported as unknown.
    public static let skipKey = "skip"

    /// Normalised header text -> field key, per kind.
    public var headers: [CaseKind: [String: String]]
    /// Field key (or `outcome`) -> normalised value word -> stored key, per kind.
    public var values: [CaseKind: [String: [String: String]]]
    /// Words of a sheet's title or name that name a kind, tried in order.
    public var kindWords: [(word: String, kind: CaseKind)]

    /// The built-in tables.
    public static let standard = Vocabulary()

    init() {
        var headers: [CaseKind: [String: String]] = [:]
        var values: [CaseKind: [String: [String: String]]] = [:]
        for kind in CaseKind.allCases {
            var h: [String: String] = [:]
            // The schema's own labels and keys are always recognised.
            for f in kind.fields { h[Vocabulary.normalize(f.label.zh)] = f.key; h[f.key] = f.key }
            for o in kind.outcomes { for f in o.requiredFields { h[Vocabulary.normalize(f.label.zh)] = f.key; h[f.key] = f.key } }
            h["closed_on"] = "closed_on"; h["outcome"] = Vocabulary.outcomeKey
            for (words, key) in Vocabulary.commonHeaders + (Vocabulary.kindHeaders[kind] ?? []) {
                for w in words.split(separator: " ") { h[Vocabulary.normalize(String(w))] = key }
            }
            // Ids of other cases in this ledger cannot come from an outside sheet.
            h = h.filter { $0.value != "from_case" && $0.value != "repeat_of" }
            headers[kind] = h

            var v: [String: [String: String]] = [:]
            for (key, table) in Vocabulary.commonValues.merging(Vocabulary.kindValues[kind] ?? [:], uniquingKeysWith: { $1 }) {
                var d: [String: String] = [:]
                for (words, stored) in table { for w in words.split(separator: " ") { d[Vocabulary.normalize(String(w))] = stored } }
                v[key] = d
            }
            values[kind] = v
        }
        self.headers = headers
        self.values = values
        kindWords = [("调解", .mediation), ("纠纷", .mediation), ("信访", .petition), ("来信来访", .petition),
                     ("咨询", .consultation), ("审查", .review), ("应诉", .suit), ("诉讼", .suit)]
    }

    /// Header or value text as compared: no spaces or line breaks, full-width brackets, colons
    /// and digits made plain, lowercase.
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars {
            switch u.value {
            case 0x20, 0x3000, 0x0A, 0x0D, 0x09, 0x2A, 0xFF0A, 0xFF1A, 0x3A: continue  // spaces, *, colons
            case 0xFF08: out.append("(")
            case 0xFF09: out.append(")")
            case 0xFF10...0xFF19: out.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0x41...0x5A: out.append(Unicode.Scalar(u.value + 0x20)!)
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// The field key a header names for `kind`: the text as it is, then without bracketed parts
    /// (`涉及金额（元）` -> `涉及金额`).
    public func field(forHeader text: String, kind: CaseKind) -> String? {
        let n = Vocabulary.normalize(text)
        if n.isEmpty { return nil }
        let table = headers[kind]!
        if let k = table[n] { return k }
        let stripped = Vocabulary.removingBrackets(n)
        return stripped.isEmpty || stripped == n ? nil : table[stripped]
    }

    static func removingBrackets(_ s: String) -> String {
        var out = "", depth = 0
        for ch in s {
            if ch == "(" || ch == "[" || ch == "【" { depth += 1 } else if ch == ")" || ch == "]" || ch == "】" { depth = max(0, depth - 1) }
            else if depth == 0 { out.append(ch) }
        }
        return out
    }

    /// The stored key for a local value word of `field` (or `outcome`), if the tables know it.
    /// The schema's own keys and labels are left to the validator, which accepts them.
    public func value(_ text: String, field: String, kind: CaseKind) -> String? {
        let n = Vocabulary.normalize(text)
        guard let table = values[kind]?[field] else { return nil }
        if let k = table[n] { return k }
        // `邻里纠纷` -> `邻里`: a category is often written with 纠纷 or 类 after it.
        for suffix in ["类纠纷", "纠纷", "类"] where n.hasSuffix(suffix) && n.count > suffix.count {
            if let k = table[String(n.dropLast(suffix.count))] { return k }
        }
        return nil
    }

    /// True when an outcome cell says the case is still open.
    public static func isPending(_ text: String) -> Bool {
        pendingWords.contains(normalize(text))
    }

    static let pendingWords: Set<String> = ["调解中", "办理中", "在办", "未结", "未办结", "进行中", "待定", "正在调解", "正在办理", "审查中", "审理中", "未结案", "-", "—", "/", "无"]

    // MARK: - Built-in header words ("a b c" lists several words for one key)

    static let commonHeaders: [(String, String)] = [
        ("受理日期 受理时间 登记日期 登记时间 日期 时间 收案日期", "date"),
        ("单位 受理单位 承办单位", "unit"),
        ("村/社区 村(社区) 村居 所在村 所属村 村别 村名 村庄 社区 村", "village"),
        ("承办人 经办人 受理人 接待人 办理人 值班律师 承办律师 责任人", "handler"),
        ("简要情况 基本情况 简要案情 案情简介 案情摘要 主要内容 情况摘要 具体情况", "summary"),
        ("联系电话 电话 联系方式 手机 手机号 手机号码 联系电话号码", "phone"),
        ("身份证号 身份证号码 公民身份号码 身份证", "id_number"),
        ("序号 编号 序 备注", Vocabulary.skipKey),
        ("结案日期 结案时间 办结日期 办结时间", "closed_on"),
        ("结果 处理结果", Vocabulary.outcomeKey),
    ]

    static let kindHeaders: [CaseKind: [(String, String)]] = [
        .consultation: [
            ("咨询人 咨询人姓名 姓名 来访人 来访人姓名 当事人 当事人姓名 求助人", "client"),
            ("咨询方式 方式 咨询形式 来访方式 接待方式", "channel"),
            ("咨询类别 咨询类型 类别 类型 问题类别 问题类型 咨询事项类别 事项类别", "topic"),
            ("咨询内容 咨询事项 咨询问题 主要问题 问题 咨询主要内容", "question"),
            ("解答意见 答复意见 解答情况 解答内容 答复内容 律师意见", "answer"),
            ("咨询日期 咨询时间 接待日期 接待时间 来访日期", "date"),
            ("处理方式 处理情况 办理结果 解答结果", Vocabulary.outcomeKey),
        ],
        .mediation: [
            ("申请人 申请人姓名 当事人(申请方) 申请方 申请方当事人 当事人甲 甲方 当事人一方", "applicant"),
            ("被申请人 被申请人姓名 当事人(被申请方) 被申请方 被申请方当事人 当事人乙 乙方 对方当事人 另一方当事人", "respondent"),
            ("纠纷类型 纠纷类别 纠纷种类 案件类型 案件类别 纠纷性质 类别 类型", "category"),
            ("纠纷来源 来源 案件来源 受理方式", "source"),
            ("调解员 调解人 调解人员 主调解员 主持调解人", "mediator"),
            ("涉及金额 涉及金额(元) 涉案金额 涉及金额元 协议金额 标的额 标的金额 金额", "amount"),
            ("涉及人数 人数 当事人人数 涉及人员", "people"),
            ("申请日期 申请时间", "date"),
            ("调解结果 调解情况 调处结果 调解结论 是否调解成功", Vocabulary.outcomeKey),
            ("调结日期 调解日期 调解结案日期 调处日期 协议日期 调解完成日期", "closed_on"),
            ("协议形式 协议方式 协议类型 调解协议形式 协议", "agreement"),
            ("后续途径 后续处理 后续处理方式 调解不成后续 去向", "next"),
        ],
        .petition: [
            ("信访人 信访人姓名 来访人 来访人姓名 反映人 姓名 信访群众", "petitioner"),
            ("信访形式 信访方式 来访形式 形式 方式 渠道 信访渠道", "form"),
            ("信访事项 反映问题 主要问题 信访内容 反映事项 事由 反映内容 信访问题 诉求", "subject"),
            ("人数 来访人数 信访人数 涉及人数", "people"),
            ("来源 信访来源 信访件来源 件来源", "source"),
            ("受理告知日期 告知日期 决定受理日期 告知时间", "accepted_on"),
            ("来访日期 来信日期 信访日期 接收日期 接访日期 来访时间", "date"),
            ("办理情况 办结情况 结案情况 办理状态 办理结论", Vocabulary.outcomeKey),
            ("办理结果 处理意见 处理结果 答复结果", "result"),
            ("不予受理理由 不受理理由 不予受理原因", "reason"),
            ("答复日期 办结答复日期", "closed_on"),
        ],
        .review: [
            ("送审单位 送审部门 申请单位 提请单位 委托单位 送审人", "requester"),
            ("送审事项 审查事项 文件名称 合同名称 事项名称 审查内容 送审文件 审查对象", "title"),
            ("文件类型 审查类型 类型 类别 送审类型 事项类型", "doc_type"),
            ("审查人 审查律师 审核人", "reviewer"),
            ("送审日期 收件日期 收到日期", "date"),
            ("审查结果 审查结论 结论", Vocabulary.outcomeKey),
            ("审查意见 法律意见 意见 审查意见摘要", "opinion"),
            ("出具意见日期 审查日期 完成日期 审结日期", "closed_on"),
        ],
        .suit: [
            ("法院 审理法院 受理法院 管辖法院", "court"),
            ("案号 案件编号", "docket"),
            ("原告 起诉人", "plaintiff"),
            ("案由", "cause"),
            ("开庭日期 开庭时间", "hearing_date"),
            ("负责人出庭 负责人是否出庭 行政机关负责人出庭 是否出庭 负责人出庭情况 出庭情况", "head_appeared"),
            ("立案日期 应诉日期 收到起诉状日期", "date"),
            ("判决结果 审理结果 裁判结果 诉讼结果", Vocabulary.outcomeKey),
            ("判决日期 裁判日期 审结日期", "closed_on"),
        ],
    ]

    // MARK: - Built-in value words

    static let yesNo: [(String, String)] = [("是 有 已出庭 出庭 √ ✓ y yes true", "yes"), ("否 无 未出庭 没有 × ✗ n no false", "no")]

    static let commonValues: [String: [(String, String)]] = [
        "unit": [("法律服务站 服务站 法律服务所 司法所", "station"), ("公共安全办 安全办 综治办 综治中心 综治 公共安全办公室", "office")],
    ]

    static let kindValues: [CaseKind: [String: [(String, String)]]] = [
        .consultation: [
            "channel": [("来访 当面 现场 面谈 走访", "visit"), ("电话 电话咨询", "phone"), ("网络 网上 微信 线上 网络咨询", "online"), ("来信 信件 书信", "letter")],
            "topic": [("婚姻 家庭 婚姻家庭 婚姻家庭纠纷 离婚 赡养 抚养", "marriage_family"), ("继承 遗产", "inheritance"),
                      ("土地 宅基地 土地宅基地 土地承包 房屋宅基地", "land_homestead"), ("劳动 劳动争议 劳资 工伤 欠薪 劳务", "labor"),
                      ("合同 债务 借贷 民间借贷 合同债务 债权债务 买卖合同", "contract_debt"), ("侵权 人身损害 损害赔偿 侵权赔偿 交通事故", "tort"),
                      ("行政 行政争议", "administrative"), ("其它 其他 综合", "other")],
            Vocabulary.outcomeKey: [("当场解答 解答 已解答 答复 已答复 当面解答", "answered"), ("引导诉讼 建议诉讼 诉讼 引导起诉", "litigation_guided"),
                                    ("转调解 转人民调解", "to_mediation"), ("法律援助 转法律援助 申请法律援助", "legal_aid"),
                                    ("转有关部门 转办 移交 转交 转相关部门", "referred")],
        ],
        .mediation: [
            "category": [("婚姻 家庭 婚姻家庭 婚姻纠纷 家庭纠纷 婚恋", "marriage_family"), ("邻里", "neighbor"),
                         ("房屋 宅基地 房屋宅基地 宅基地纠纷", "housing_homestead"), ("合同 借贷 民间借贷 债务 债权债务", "contract"),
                         ("生产经营 经营", "production"), ("损害赔偿 人身损害 赔偿", "damages"),
                         ("山林 土地 山林土地 土地承包 林地", "land_forest"), ("征地拆迁 拆迁 征地 征收", "land_acquisition"),
                         ("环境 环境污染 污染", "environment"), ("劳动 劳资 劳动争议 欠薪 拖欠工资 工资", "labor"),
                         ("消费", "consumer"), ("医疗 医患", "medical"), ("交通 交通事故 道路交通 道路交通事故", "traffic"),
                         ("物业", "property_mgmt"), ("继承 遗产", "inheritance"), ("其它 其他", "other")],
            "source": [("申请 当事人申请 申请调解 主动申请", "application"), ("排查 主动排查 主动调解 走访排查", "initiative"),
                       ("移交 委托 移送 移交委托 委托移送 移交/委托", "referred"), ("交办 上级交办 领导交办", "assigned")],
            Vocabulary.outcomeKey: [("调解成功 成功 已调解 调结 达成协议 已调结 调处成功 化解 已化解", "resolved"),
                                    ("调解不成 不成功 调解失败 失败 未达成协议 调解不成功 未成功", "failed"),
                                    ("撤回 终止 撤回/终止 撤回调解 终止调解", "withdrawn")],
            "agreement": [("书面 书面协议 书面调解协议", "written"), ("口头 口头协议 口头调解协议", "oral")],
            "next": [("诉讼 引导诉讼 起诉 转诉讼 引导起诉", "litigation"), ("其他 其它 其他途径 其它途径", "other"), ("无", "none")],
        ],
        .petition: [
            "form": [("来访 走访 上访 来访接待", "visit"), ("来信 信件 书信", "letter"), ("网上 网络 网信 网上信访 网络信访", "online"), ("电话 电话信访 热线", "phone")],
            "source": [("直接 直接受理 本级受理 自接", "direct"), ("转送 上级转送 转办 转来", "transferred"), ("交办 上级交办", "assigned")],
            Vocabulary.outcomeKey: [("办结 已办结 结案 已结案", "concluded"), ("不予受理 不受理", "not_accepted"), ("撤回 撤销", "withdrawn")],
            "result": [("支持 予以支持", "supported"), ("解释 解释说明 说明 解释答复", "explained"), ("不予支持 不支持", "not_supported")],
        ],
        .review: [
            "doc_type": [("合同 经济合同 合同审查", "contract"), ("决策 重大决策 重大行政决策 行政决策", "decision"),
                         ("规范性文件 文件 规范文件", "normative"), ("执法 执法决定 重大执法决定 行政执法", "enforcement"),
                         ("村规民约 村规 村约 居民公约", "village_rules")],
            Vocabulary.outcomeKey: [("合法 通过 合法有效", "lawful"), ("修改后合法 建议修改 修改后通过 修改", "revised"), ("不合法 违法 不通过", "unlawful")],
        ],
        .suit: [
            "head_appeared": yesNo,
            Vocabulary.outcomeKey: [("胜诉 维持 驳回起诉 驳回诉讼请求", "won"), ("败诉 撤销 确认违法", "lost"), ("和解 撤诉 和解/撤诉 调解", "settled")],
        ],
    ]
}
