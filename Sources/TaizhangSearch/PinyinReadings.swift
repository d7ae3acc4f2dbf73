/// Readings that Foundation's Latin transform gets wrong or cannot know, for pinyin initials.
///
/// The transform reads every character by its commonest reading: 调解 comes out "diào jiě"
/// (initials `dj`, but it is tiáo jiě, `tj`), 银行 "yín xíng", 重复 "zhòng fù". Initials are
/// therefore read word by word:
///
/// 1. At each Han character the longest word of ``words`` starting there (and not crossing
///    punctuation or a letter) gives the initials of its characters.
/// 2. Elsewhere a character of ``polyphones`` gives all its readings' initials: names and place
///    names are where such a character is ambiguous (单 is dān in 单位 but the surname Shàn; 长 is
///    cháng in 长顺 and zhǎng in 村长), and a user typing either reading finds the case.
/// 3. Any other character gives the transform's initial.
///
/// A word may list several readings (`朝阳 cy/zy`); both then match. Only words whose initials
/// differ from what rules 2 and 3 would give, or that pin down a polyphone, belong in the table.
enum PinyinReadings {
    /// `word initials[/initials…]`, one initial per character. Words of the domain: mediations,
    /// petitions, courts and the offices they deal with.
    static let wordTable: [String] = [
        // 调 tiáo (to mediate, to adjust) / diào (to transfer, to fetch)
        "调解 tj", "调委会 twh", "调处 tc", "调和 th", "调停 tt", "调整 tz", "调剂 tj", "调节 tj",
        "调理 tl", "调价 tj", "调配 tp", "调控 tk", "调唆 ts", "调试 ts", "协调 xt", "空调 kt", "失调 st",
        "调查 dc", "调取 dq", "调动 dd", "调阅 dy", "调岗 dg", "调换 dh", "调离 dl", "调研 dy", "调度 dd",
        "调卷 dj", "调档 dd", "调令 dl", "调任 dr", "调入 dr", "调出 dc", "调拨 db", "强调 qd", "单调 dd",
        "低调 dd", "高调 gd", "格调 gd", "基调 jd", "语调 yd", "声调 sd", "论调 ld",
        // 解 jiě; the surname Xiè
        "解决 jj", "解除 jc", "解释 js", "解答 jd", "解散 js", "解放 jf", "解聘 jp", "解雇 jg", "解约 jy",
        "解冻 jd", "解封 jf", "解押 jy", "解送 js", "解救 jj", "解析 jx", "解说 js", "解读 jd", "解困 jk",
        "了解 lj", "理解 lj", "和解 hj", "谅解 lj", "化解 hj", "缓解 hj", "误解 wj", "见解 jj", "分解 fj",
        "讲解 jj", "注解 zj", "破解 pj", "排解 pj", "劝解 qj", "辩解 bj",
        // 重 zhòng / chóng (again)
        "重复 cf", "重新 cx", "重婚 ch", "重审 cs", "重申 cs", "重建 cj", "重组 cz", "重叠 cd", "重返 cf",
        "重逢 cf", "重修 cx", "重做 cz", "重签 cq", "重办 cb", "重写 cx", "重来 cl", "重庆 cq", "重阳 cy",
        "重孙 cs", "重名 cm", "重估 cg", "重置 cz", "重启 cq", "重犯 cf/zf",
        "重要 zy", "重大 zd", "重点 zd", "重视 zs", "重量 zl", "严重 yz", "尊重 zz", "慎重 sz", "加重 jz",
        "体重 tz", "重伤 zs", "重病 zb", "重罪 zz", "重任 zr", "重心 zx", "隆重 lz", "沉重 cz", "繁重 fz",
        "贵重 gz", "注重 zz", "着重 zz", "偏重 pz", "侧重 cz", "比重 bz", "重度 zd",
        // 长 cháng (long) / zhǎng (head of, elder, to grow)
        "长期 cq", "长度 cd", "长时间 csj", "长久 cj", "长远 cy", "长途 ct", "长短 cd", "长处 cc", "长年 cn",
        "长效 cx", "长假 cj", "长寿 cs", "长篇 cp", "延长 yc", "擅长 sc", "特长 tc", "专长 zc", "漫长 mc",
        "冗长 rc", "修长 xc", "细长 xc",
        "村长 cz", "镇长 zz", "乡长 xz", "县长 xz", "市长 sz", "省长 sz", "区长 qz", "组长 zz", "队长 dz",
        "家长 jz", "院长 yz", "所长 sz", "站长 zz", "校长 xz", "科长 kz", "局长 jz", "部长 bz", "处长 cz",
        "厂长 cz", "行长 hz", "庭长 tz", "社长 sz", "班长 bz", "董事长 dsz", "会长 hz", "馆长 gz", "长辈 zb",
        "长子 zz", "长女 zn", "长孙 zs", "长兄 zx", "兄长 xz", "年长 nz", "师长 sz", "尊长 zz", "增长 zz",
        "生长 sz", "成长 cz", "长大 zd", "助长 zz", "长者 zz", "长官 zg", "首长 sz", "长老 zl",
        // 行 xíng / háng (bank, trade)
        "银行 yh", "行业 hy", "同行 th/tx", "分行 fh", "支行 zh", "总行 zh", "商行 sh", "车行 ch", "行情 hq",
        "行列 hl", "内行 nh", "外行 wh", "排行 ph", "行家 hj", "本行 bh", "改行 gh", "行当 hd", "行规 hg",
        "行政 xz", "行为 xw", "行使 xs", "行驶 xs", "行动 xd", "行程 xc", "行李 xl", "行人 xr", "行凶 xx",
        "行贿 xh", "行窃 xq", "行医 xy", "行走 xz", "行踪 xz", "行车 xc", "行文 xw", "履行 lx", "执行 zx",
        "进行 jx", "实行 sx", "施行 sx", "举行 jx", "运行 yx", "发行 fx", "通行 tx", "自行 zx", "先行 xx",
        "试行 sx", "暂行 zx", "现行 xx", "可行 kx", "不行 bx", "步行 bx", "出行 cx", "罪行 zx", "暴行 bx",
        "言行 yx", "品行 px", "流行 lx", "旅行 lx", "平行 px", "推行 tx", "强行 qx", "另行 lx", "径行 jx",
        "行初 xc", "行终 xz", "行审 xs", "行申 xs", "行赔 xp",
        // 会 kuài in accounting
        "会计 kj", "财会 ck",
        // 朝 cháo / zhāo
        "朝阳 cy/zy", "朝代 cd", "朝廷 ct", "朝向 cx", "朝着 cz", "朝鲜 cx", "唐朝 tc", "王朝 wc", "清朝 qc",
        "明朝 mc", "朝夕 zx", "朝气 zq", "今朝 jz",
        // 单 dān; the surname Shàn
        "单位 dw", "单独 dd", "单方 df", "单身 ds", "单亲 dq", "单元 dy", "单据 dj", "单价 dj", "单一 dy",
        "单纯 dc", "单人 dr", "单次 dc", "单项 dx", "单个 dg", "单号 dh", "单边 db", "单向 dx", "简单 jd",
        "名单 md", "清单 qd", "订单 dd", "传单 cd", "账单 zd", "菜单 cd", "保单 bd", "表单 bd", "孤单 gd",
        "床单 cd", "罚单 fd", "工单 gd", "货单 hd", "运单 yd", "单县 sx",
        // 曾 céng; the surname Zēng
        "曾经 cj", "不曾 bc", "未曾 wc", "何曾 hc", "似曾 sc", "曾孙 zs", "曾祖 zz",
        // 仇 chóu; the surname Qiú
        "仇恨 ch", "报仇 bc", "仇人 cr", "记仇 jc", "复仇 fc", "仇视 cs", "结仇 jc", "冤仇 yc", "仇家 cj",
        // 查 chá; the surname Zhā
        "审查 sc", "检查 jc", "查看 ck", "查明 cm", "查询 cx", "查处 cc", "查封 cf", "核查 hc",
        "复查 fc", "查阅 cy", "查找 cz", "排查 pc", "查实 cs", "清查 qc", "查验 cy", "勘查 kc", "查获 ch",
        "彻查 cc", "查办 cb", "备查 bc", "查证 cz", "查清 cq",
        // 区 qū; the surname Ōu
        "社区 sq", "区域 qy", "地区 dq", "小区 xq", "辖区 xq", "城区 cq", "园区 yq", "区别 qb", "市区 sq",
        "山区 sq", "区分 qf", "区县 qx", "景区 jq", "片区 pq", "街区 jq", "开发区 kfq", "区政府 qzf",
        // 乐 lè / yuè (music); the surname Yuè
        "快乐 kl", "乐意 ly", "娱乐 yl", "乐观 lg", "欢乐 hl", "音乐 yy", "乐器 yq", "乐队 yd", "俱乐部 jlb",
        // 种 zhǒng / zhòng; the surname Chóng
        "种类 zl", "各种 gz", "种种 zz", "品种 pz", "种植 zz", "种地 zd", "播种 bz", "种田 zt", "种子 zz",
        "耕种 gz", "种养 zy", "这种 zz", "那种 nz", "一种 yz", "某种 mz", "多种 dz", "种粮 zl",
        // 盛 shèng / chéng
        "盛大 sd", "旺盛 ws", "茂盛 ms", "丰盛 fs", "兴盛 xs", "昌盛 cs", "盛情 sq", "盛饭 cf",
        // 传 chuán / zhuàn
        "传唤 ch", "传票 cp", "传达 cd", "传真 cz", "宣传 xc", "传统 ct", "传说 cs", "传承 cc", "传播 cb",
        "传送 cs", "传递 cd", "流传 lc", "遗传 yc", "传染 cr", "传闻 cw", "传授 cs", "传讯 cx", "相传 xc",
        "自传 zz", "传记 zj",
        // 参 cān / shēn / cēn
        "参加 cj", "参与 cy", "参考 ck", "参照 cz", "参见 cj", "参保 cb", "参会 ch", "参谋 cm", "参观 cg",
        "人参 rs", "海参 hs", "参差 cc",
        // 降 jiàng / xiáng
        "下降 xj", "降低 jd", "降价 jj", "降级 jj", "降温 jw", "降职 jz", "降薪 jx", "投降 tx", "降服 xf",
        // 弹 dàn / tán
        "弹劾 th", "弹性 tx", "弹簧 th", "反弹 ft", "子弹 zd", "炸弹 zd",
        // 省 shěng / xǐng
        "省份 sf", "省级 sj", "省政府 szf", "节省 js", "省略 sl", "省钱 sq", "全省 qs", "本省 bs", "外省 ws",
        "省内 sn", "省外 sw", "反省 fx", "省悟 xw",
        // 率 lǜ / shuài
        "效率 xl", "比率 bl", "概率 gl", "利率 ll", "汇率 hl", "税率 sl", "频率 pl", "成功率 cgl", "办结率 bjl",
        "结案率 jal", "满意率 myl", "率领 sl", "率先 sx", "坦率 ts", "草率 cs", "轻率 qs", "直率 zs", "表率 bs",
        // 给 gěi / jǐ (a court's 给付 is jǐfù)
        "给予 jy", "供给 gj", "补给 bj", "自给 zj", "配给 pj", "给付 jf",
        // 校 xiào / jiào
        "学校 xx", "校园 xy", "高校 gx", "母校 mx", "院校 yx", "校对 jd", "校正 jz", "校准 jz", "校验 jy", "校核 jh",
        // 便 biàn / pián
        "方便 fb", "便利 bl", "便于 by", "随便 sb", "以便 yb", "便民 bm", "即便 jb", "顺便 sb", "简便 jb", "便宜 py",
        // 召 zhào; the surname Shào
        "召开 zk", "召集 zj", "号召 hz", "召回 zh", "召唤 zh",
        // 尉 wèi; 尉迟 Yùchí
        "尉迟 yc",
    ]

    /// `character initials`: characters whose reading is ambiguous outside the words above, with
    /// the initial of each reading, the commonest first.
    static let polyphoneTable: [String] = [
        "调 dt", "解 jx", "重 zc", "长 cz", "行 xh", "朝 cz", "单 ds", "曾 cz", "仇 cq", "查 cz", "翟 zd",
        "区 qo", "覃 qt", "乐 ly", "种 zc", "盛 sc", "贾 jg", "传 cz", "参 cs", "降 jx", "弹 dt", "省 sx",
        "率 ls", "给 gj", "校 xj", "便 bp", "召 zs", "尉 wy",
    ]
}
