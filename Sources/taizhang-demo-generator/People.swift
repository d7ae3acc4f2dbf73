import TaizhangLog
import Foundation
import TaizhangDomain
import TaizhangRandom

/// The made-up people and places of the demo town. Any likeness to real people is accidental.
enum People {
    static let town = "青坨镇"
    static let villages = ["青坨村", "前营村", "后营村", "东河村", "西河村", "大柳庄村", "小柳庄村", "新桥村", "王家台村", "青坨社区"]
    /// The nine duty lawyers from the contracted law firm, one on duty per working day.
    static let lawyers = ["韩立新", "周雅琴", "孙浩然", "李文博", "陈思远", "杨慧敏", "吴振华", "郑晓燕", "冯国栋"]
    /// Public-security office staff; the first is the head, the last enters paper records.
    static let officeStaff = ["刘建军", "马丽娟", "高志强", "赵文静"]
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "于", "邢"]
    static let givenNames = ["建华", "秀英", "桂兰", "国强", "志刚", "淑珍", "玉梅", "海燕", "德胜", "春生", "凤芝", "振江", "红霞",
                             "立军", "宝山", "金凤", "长顺", "丽娜", "文杰", "永祥", "树林", "秀荣", "庆丰", "占海"]
    static let courts = ["某区人民法院", "某市第一中级人民法院"]

    static func name(_ r: inout SplitMix64) -> String { r.pick(surnames) + r.pick(givenNames) }

    /// A mobile number of the usual shape (fictional).
    static func phone(_ r: inout SplitMix64) -> String {
        r.pick(["138", "139", "150", "152", "186", "187"]) + String(format8(r.int(0...99_999_999)))
    }

    static func format8(_ n: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: 8 - s.count) + s
    }

    /// An 18-character resident ID with a valid check digit and a fictional area code.
    static func idNumber(_ r: inout SplitMix64) -> String {
        let birth = BusinessDate(dayNumber: BusinessDate(year: 1950, month: 1, day: 1)!.dayNumber + r.int(0...(50 * 365)))
        var body = "120199" + birth.description.replacingOccurrences(of: "-", with: "")
        let seq = String(r.int(100...999))
        body += seq
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        let check = Array("10X98765432")[sum % 11]
        return body + String(check)
    }

    static let consultationTopics = ["marriage_family", "inheritance", "land_homestead", "labor", "contract_debt", "tort",
                                     "administrative", "other", "labor", "marriage_family", "contract_debt", "land_homestead"]
    static let questions: [String: [String]] = [
        "marriage_family": ["离婚时共同财产如何分割", "子女抚养费标准如何确定", "婚前房产加名问题"],
        "inheritance": ["父母去世后宅基地房屋如何继承", "遗嘱是否需要公证", "兄弟姐妹间遗产分配"],
        "land_homestead": ["土地承包经营权流转合同效力", "宅基地边界争议如何处理", "承包地被占用如何维权"],
        "labor": ["工地拖欠工资如何讨要", "工伤认定流程", "未签劳动合同能否主张双倍工资"],
        "contract_debt": ["借条写法及诉讼时效", "农资赊销欠款追讨", "买卖合同违约责任"],
        "tort": ["被狗咬伤的赔偿责任", "邻居施工损坏房屋的赔偿", "交通事故赔偿项目"],
        "administrative": ["对行政处罚不服如何复议", "征收补偿标准咨询"],
        "other": ["村务公开相关问题", "个人信息被冒用如何处理"],
    ]
    static let officeCategories = ["neighbor", "neighbor", "marriage_family", "housing_homestead", "housing_homestead", "land_forest",
                                   "damages", "labor", "contract", "traffic", "property_mgmt", "inheritance", "consumer", "environment"]
    static let stationCategories = ["contract", "labor", "inheritance", "marriage_family", "damages", "neighbor"]
    static let mediationSummaries: [String: String] = [
        "neighbor": "因排水沟、院墙等琐事发生争执", "marriage_family": "夫妻感情不和，就子女抚养及财产分割发生纠纷",
        "housing_homestead": "宅基地边界及房屋滴水问题发生争议", "land_forest": "承包地地界及树木权属争议",
        "damages": "因人身或财产损害赔偿数额发生争议", "labor": "工程款及劳务费拖欠纠纷", "contract": "买卖或承揽合同履行争议",
        "traffic": "农村道路交通事故赔偿争议", "property_mgmt": "社区物业费及停车管理纠纷", "inheritance": "兄弟姐妹间遗产分割争议",
        "consumer": "购买农资质量问题引发的消费纠纷", "environment": "养殖场异味及噪声扰民纠纷",
    ]
    static let petitionSubjects = ["反映宅基地确权纠纷", "反映拖欠农民工工资", "反映征地补偿款发放", "反映邻里排水纠纷", "反映养殖场异味扰民",
                                   "反映低保资格认定", "反映道路施工损坏农田", "反映村务公开不及时", "反映土地承包经营权纠纷",
                                   "反映冬季供暖问题", "反映集体收益分配", "反映违建影响通行", "反映路灯损坏未修", "反映坑塘承包费收取"]
    static let contractTitles = ["村集体土地租赁合同", "村级道路硬化工程施工合同", "坑塘承包合同", "光伏项目屋顶租赁协议",
                                 "设施农业大棚租赁合同", "垃圾清运服务合同", "村集体厂房出租合同", "农村供水管网维修合同"]
    static let decisionTitles = ["人居环境整治实施方案", "高标准农田建设实施方案", "重点项目征收补偿方案", "防汛应急预案修订",
                                 "农村集体资产处置方案", "镇级财政专项资金使用方案"]
}
