"""Targets (指标): each department's routine work from its mandate (三定), written once
to routine/DEPT.yaml, and each month's targets: the key and other work of the month
(``TASKS``) around the routine items, weights summing to ``weights.business``.
"""

from __future__ import annotations

from scoring.model import add_months

from .dates import chinese_month, day
from .months import MONTHS
from .organisation import BUSINESS, DEPARTMENT, DEPARTMENTS, owner_in
from .output import Output
from .yaml_text import block_entry

SOURCE_CITY = "市绩效办年度重点工作"
SOURCE_PARTY = "局党组交办"
SOURCE_LEADERS = "局领导交办"

# department: [(title, standard, deadline day, owner, weight)], ids R1, R2, ...
ROUTINE: dict[str, list[tuple[str, str, int | str, str, int]]] = {
    "office": [
        ("公文收发、流转与督办", "公文当日登记流转，督办事项按期办结率100%", "last", "gao", 15),
        ("政务信息报送与门户网站更新", "每月报送政务信息不少于4篇，网站栏目按时更新", 25, "gao", 10),
        ("局务会议组织及纪要印发", "会议纪要会后3个工作日内印发", "last", "zhou", 15),
    ],
    "admin": [
        ("公务用车调度与安全管理", "派车单填写完整，全月无交通安全责任事故", "last", "sunl", 15),
        ("机关大院停车秩序管理", "车辆按位停放，停车秩序巡查每周不少于2次并记录", "last", "zhao", 10),
        ("单车棚及公共区域杂物清理", "每周清理1次，公共区域无堆放杂物垃圾", "last", "sunl", 10),
        ("办公用品采购与发放", "按申领单5个工作日内发放，台账清楚", 25, "sunl", 10),
    ],
    "security": [
        ("门岗值守与来访登记监督", "外来人员、车辆登记率100%", "last", "sunh", 15),
        ("消防设施巡查", "每月巡查1次，灭火器、消防栓完好率100%", 20, "guo", 15),
        ("监控系统运行管理", "监控系统完好，录像保存不少于30天", "last", "sunh", 10),
        ("安保服务合同监督考评", "每月28日前完成安保服务考评并报绩效办", 28, "guo", 5),
    ],
    "finance": [
        ("日常报账审核", "报账单据3个工作日内审核完毕，无差错", "last", "pan", 15),
        ("月度财务报表报送", "每月10日前报送上月财务报表", 10, "pan", 10),
        ("预算执行进度分析", "每月形成预算执行分析报局领导", 20, "ma", 15),
    ],
    "meeting": [
        ("会议室预订与会务保障", "会议室使用登记完整，会务保障无差错", "last", "xie", 20),
        ("会议设备日常检查维护", "每周检查音视频设备1次，故障当日处理", "last", "xie", 10),
        ("会议服务满意度回访", "每月回访使用单位不少于5个", 28, "tang", 10),
    ],
    "property": [
        ("水电设施日常维修", "报修2小时内响应，当日修复率不低于95%", "last", "wu", 15),
        ("电梯及特种设备运行管理", "电梯每半月维保1次，维保记录完整", "last", "lin", 10),
        ("楼道及公共区域照明维护", "照明完好率100%，故障3日内修复", "last", "wu", 10),
        ("公共机构能耗统计", "每月15日前报送上月水电能耗数据", 15, "lin", 10),
    ],
    "housing": [
        ("周转房入住与退房管理", "入住、退房手续齐全，台账当日更新", "last", "deng", 15),
        ("周转房租金收缴", "当月租金收缴率不低于98%", 25, "deng", 15),
        ("周转房小区安全巡查", "每月巡查不少于2次，发现隐患当月整改", "last", "deng", 10),
    ],
    "construction": [
        ("零星维修工程管理", "维修申请5个工作日内处理，验收记录完整", "last", "luo", 15),
        ("办公用房使用管理与调配", "调配申请10个工作日内办结，台账准确", "last", "feng", 15),
        ("工程资料收集与移交归档", "完工项目资料15日内整理移交档案室", 28, "luo", 5),
    ],
    "green": [
        ("机关大院绿化养护监督", "每周巡查不少于2次，绿地无损毁、无枯死苗木", "last", "zheng", 15),
        ("公共区域保洁监督", "每日巡查，公共区域无垃圾、无积水", "last", "zheng", 15),
        ("保洁、绿化服务合同考评", "每月28日前完成服务考评并报绩效办", 28, "lu", 10),
        ("生活垃圾分类管理", "分类投放点设置规范，分类准确率不低于90%", "last", "lu", 5),
    ],
    "archive": [
        ("档案接收与整理", "移交档案7个工作日内登记入库", "last", "qian", 15),
        ("档案借阅利用管理", "借阅登记完整，按期归还率100%", "last", "qian", 10),
        ("库房温湿度及安全检查", "每周记录温湿度，每月安全检查1次", 28, "qian", 10),
    ],
}  # fmt: skip

# department: [(months, kind, title, standard, deadline day, owner, source)]
# deadline day: a day, "last", or ("next", day) for a deadline early the next month
Deadline = int | str | tuple[str, int]
TASKS: dict[str, list[tuple[list[int], str, str, str, Deadline, str, str | None]]] = {
    "office": [
        ([1], "key", "起草2025年度工作总结和2026年工作要点", "经局党组会议审议通过后印发", 23, "zhou", SOURCE_PARTY),
        ([1], "other", "春节前走访慰问离退休干部", "慰问覆盖率100%，慰问物资台账完整", 30, "gao", SOURCE_LEADERS),
        ([2], "other", "春节假期值班安排与值班督查", "值班表节前5天印发，值班记录完整、无脱岗", 13, "zhou", SOURCE_LEADERS),
        ([2, 3], "key", "修订2026年度局内部绩效考评实施方案", "方案经局务会审议通过并印发各科室", 25, "zhou", SOURCE_CITY),
        ([3], "other", "全国两会期间政务信息专报", "报送信息专报不少于3期", 20, "gao", "市委办信息科约稿"),
        ([4], "key", "保密工作自查", "完成涉密文件清查，形成自查报告报市保密局", 24, "zhou", "市保密局部署"),
        ([5], "other", "机关事务宣传月系列活动", "制作宣传展板1套，门户网站刊发稿件不少于2篇", 29, "gao", SOURCE_LEADERS),
        ([6], "key", "2026年上半年工作总结", "7月8日前经局务会审议后印发", ("next", 8), "zhou", SOURCE_CITY),
        ([6, 7], "other", "推广公文电子流转", "各科室公文全部通过电子流转系统办理", 30, "gao", None),
        ([7], "key", "迎接市绩效办年中绩效考评检查", "7月20日前备齐检查材料", 20, "zhou", SOURCE_CITY),
        ([8], "other", "政务公开专栏季度自查整改", "自查发现问题整改率100%", 28, "gao", None),
        ([8, 10], "key", "市级督查事项办理", "督查事项按期办结并书面反馈", 26, "zhou", "市政府督查室交办"),
        ([9], "other", "国庆、中秋节假期值班安排", "值班表9月25日前印发", 25, "zhou", SOURCE_LEADERS),
        ([9], "key", "三季度党建工作检查", "形成检查通报并督促整改", 29, "zhou", SOURCE_PARTY),
        ([10], "key", "党风廉政建设责任制落实情况检查", "形成检查报告报局党组", 30, "zhou", SOURCE_PARTY),
        ([11], "key", "2026年度内部绩效考评总结材料", "11月30日前形成初稿", 30, "zhou", SOURCE_CITY),
        ([11], "other", "编制2027年度局务会议计划", "计划草案报局领导审定", 27, "gao", None),
    ],
    "admin": [
        ([1, 2], "key", "春运及春节期间公务用车安全管理", "节前完成全部车辆安全检查，节日期间无交通责任事故", 13, "zhao", SOURCE_LEADERS),
        ([1], "other", "年终办公用品盘点", "完成盘点，账实相符", 20, "sunl", None),
        ([3, 4], "key", "机关大院停车秩序专项整治", "施划停车位并实行车辆登记，乱停放现象明显减少", 28, "zhao", SOURCE_PARTY),
        ([4, 5], "other", "机关生活垃圾分类宣传", "开展宣传活动1次，张贴宣传海报不少于20张", 25, "sunl", "市生活垃圾分类工作领导小组部署"),
        ([5], "key", "公务用车定点维修服务采购", "完成采购并签订服务合同", 29, "zhao", SOURCE_CITY),
        ([6], "key", "单车棚改造提升", "完成遮雨棚更换及车位划线", 26, "zhao", SOURCE_PARTY),
        ([7, 8], "key", "夏季高温期间公务用车安全检查", "完成全部车辆空调、轮胎检查并建档", 20, "sunl", None),
        ([8], "other", "配合机关食堂食品安全联合检查", "配合检查，发现问题当月整改", 25, "sunl", "市市场监管局部署"),
        ([9], "other", "国庆节期间公务用车封存管理", "节前按规定封存车辆，节日期间无违规用车", 30, "sunl", SOURCE_LEADERS),
        ([10, 11], "key", "编制2027年度办公用品集中采购计划", "计划经局务会审议通过", 28, "zhao", SOURCE_PARTY),
        ([11], "other", "冬季公务用车防冻保养", "完成全部车辆防冻液检查更换", 20, "sunl", None),
    ],
    "security": [
        ([1], "key", "春节前安全大检查", "机关大院及周转房小区检查全覆盖，隐患整改率100%", 30, "guo", SOURCE_PARTY),
        ([2], "other", "春节期间安保值守", "节日期间无安全责任事故，值守记录完整", 24, "sunh", SOURCE_LEADERS),
        ([3], "key", "监控系统升级改造", "完成32路摄像头高清化更换并通过验收", 31, "guo", SOURCE_CITY),
        ([4], "other", "全民国家安全教育日宣传", "4月15日开展宣传活动1次", 15, "sunh", "市委政法委部署"),
        ([5, 6, 7], "key", "汛期安全检查", "每月检查地下车库、配电房等重点部位不少于2次，隐患当月整改", 30, "guo", SOURCE_PARTY),
        ([6], "other", "安全生产月消防演练", "组织消防演练1次，参演人员不少于50人", 25, "sunh", "市安委办部署"),
        ([8], "key", "反恐防暴应急演练", "演练方案经局领导审定并完成演练", 27, "guo", SOURCE_LEADERS),
        ([9], "key", "国庆节前安全检查及节日安保", "节前检查全覆盖，节日期间无安全责任事故", 30, "guo", SOURCE_PARTY),
        ([10], "other", "安保服务合同中期评估", "形成评估报告报局领导", 30, "sunh", None),
        ([11], "key", "119消防宣传月活动", "组织消防知识培训及疏散演练各1次", 28, "guo", "市消防救援支队部署"),
        ([11], "other", "冬季防火安全检查", "完成重点部位检查并建立隐患台账", 25, "sunh", None),
    ],
    "finance": [
        ([1, 2, 3], "key", "编报2025年度部门决算", "按市财政局要求按时报送，数据准确", 25, "ma", "市财政局部署"),
        ([1], "other", "年终往来款项清理", "清理完毕并形成清理报告", 30, "pan", None),
        ([2], "other", "公务卡使用情况检查", "检查覆盖全部持卡人，问题整改到位", 27, "pan", None),
        ([3], "other", "编报2025年度行政事业单位内部控制报告", "按时报送，内容完整", 31, "pan", "市财政局部署"),
        ([4], "key", "国有资产年度清查", "完成资产盘点，账实相符率100%", 28, "ma", SOURCE_CITY),
        ([5], "other", "配合市审计局专项审计", "按时提供资料，审计意见按期整改", 29, "ma", "市审计局部署"),
        ([6, 7], "key", "上半年预算执行分析及调整", "分析报告报局党组，预算执行率达到序时进度", 25, "ma", SOURCE_PARTY),
        ([8], "other", "政府采购项目资金支付核查", "完成上半年采购项目支付核查", 28, "pan", None),
        ([9], "key", "编制2027年度部门预算（一上）", "按市财政局时限报送", 30, "ma", "市财政局部署"),
        ([10, 11], "key", "编制2027年度部门预算（二上）", "经局党组审定后按时报送", 28, "ma", "市财政局部署"),
        ([11], "other", "1—10月公共机构能耗经费统计", "按时完成统计并报局领导", 25, "pan", None),
    ],
    "meeting": [
        ([1], "key", "市两会会务服务保障", "会场布置、音视频保障零差错", 31, "tang", "市委办公室交办"),
        ([2], "other", "春节团拜会会务保障", "按方案完成会场布置及服务", 12, "xie", SOURCE_LEADERS),
        ([3], "key", "会议室音视频系统改造方案", "方案经局务会审议通过", 31, "tang", SOURCE_CITY),
        ([4, 5], "key", "会议室音视频系统改造实施", "5月底前完成改造并通过验收", "last", "tang", SOURCE_CITY),
        ([5], "other", "会议服务人员礼仪培训", "培训不少于1次，全员参训", 20, "xie", None),
        ([6], "other", "大型会议应急保障演练", "完成停电、设备故障应急演练各1次", 26, "xie", None),
        ([7], "key", "市委全会会务服务保障", "会务保障零差错", 31, "tang", "市委办公室交办"),
        ([8], "other", "会议室使用情况统计分析", "形成上半年分析报告", 25, "xie", None),
        ([9], "key", "国庆前会议设施全面检修", "完成全部会议室设备检修并建档", 28, "tang", SOURCE_LEADERS),
        ([10], "other", "会议服务满意度年度测评", "测评覆盖使用单位不少于20家", 30, "xie", None),
        ([11], "key", "视频会议系统国产化替换", "完成设备选型及采购申报", 27, "tang", SOURCE_PARTY),
    ],
    "property": [
        ([1], "key", "冬季用电安全检查", "完成配电房、楼层配电箱全面检查", 20, "lin", SOURCE_PARTY),
        ([2], "other", "春节期间水电保障值班", "节日期间水电零事故，值班记录完整", 24, "wu", SOURCE_LEADERS),
        ([3], "key", "公共机构节能改造（LED照明替换）", "完成文昌综合楼公共区域LED灯具替换", 31, "lin", SOURCE_CITY),
        ([4, 5], "other", "中央空调清洗保养", "完成主机及风管清洗，运行正常", 30, "wu", None),
        ([5], "key", "二次供水设施清洗消毒", "水质检测合格并公示", 20, "lin", "市卫健委部署"),
        ([6], "key", "公共机构节能宣传周活动", "开展节能宣传活动并组织节能知识答题", 19, "lin", "市公共机构节能工作部署"),
        ([7, 8], "other", "电梯年度检验", "全部电梯取得年度检验合格标志", 28, "wu", "市市场监管局部署"),
        ([8], "key", "文昌综合楼外墙渗水处理", "完成渗水点维修，雨后复查无渗漏", 31, "lin", SOURCE_PARTY),
        ([9], "other", "国庆前物业设施巡检", "完成水、电、电梯全面巡检", 28, "wu", None),
        ([10], "key", "供配电设施年度预防性试验", "完成试验并取得合格报告", 30, "lin", SOURCE_LEADERS),
        ([11], "other", "冬季供水管网防冻检查", "完成室外管网保温检查", 25, "wu", None),
    ],
    "housing": [
        ([1], "key", "周转房年度租赁合同续签", "续签率100%，合同归档", 31, "deng", SOURCE_PARTY),
        ([2], "other", "春节期间周转房小区安全值守", "节日期间无安全事故", 24, "deng", SOURCE_LEADERS),
        ([3, 4], "key", "清理超期占用周转房", "超期住户清退或补办手续，清理率不低于90%", 28, "deng", SOURCE_CITY),
        ([5], "other", "周转房小区雨季排水检查", "疏通排水沟，雨后无积水", 25, "deng", None),
        ([6], "key", "周转房配套设施维修", "完成3栋单元门禁及楼道灯维修", 28, "deng", SOURCE_PARTY),
        ([7, 8], "other", "周转房住户信息核查", "完成全部住户信息核对更新", 25, "deng", None),
        ([8], "key", "新增周转房分配方案", "方案经局务会审议通过", 28, "deng", SOURCE_PARTY),
        ([9], "key", "新增周转房分配及入住", "完成分配公示及入住手续", 30, "deng", SOURCE_PARTY),
        ([10], "other", "周转房小区消防设施检查", "灭火器、消防栓完好率100%", 25, "deng", None),
        ([11], "key", "修订周转房管理办法", "修订稿经局务会审议", 27, "deng", SOURCE_PARTY),
    ],
    "construction": [
        ([1], "key", "办公用房使用情况年度核查", "完成全局办公用房核查，超标问题整改到位", 30, "feng", SOURCE_CITY),
        ([2], "other", "节前房屋设施安全检查", "完成屋面、外墙等重点部位检查", 12, "luo", SOURCE_LEADERS),
        ([3], "key", "完成文昌综合楼停车场改造方案", "方案经局务会审议通过", 27, "feng", SOURCE_CITY),
        ([4], "key", "文昌综合楼停车场改造施工招标", "完成招标并签订施工合同", 30, "feng", SOURCE_CITY),
        ([5, 6], "key", "文昌综合楼停车场改造施工", "按进度计划完成施工，无安全事故", "last", "feng", SOURCE_CITY),
        ([5], "other", "汛前屋面防水检查维修", "完成机关大院各楼屋面检查，渗漏点修复", 20, "luo", SOURCE_PARTY),
        ([7], "key", "文昌综合楼停车场改造竣工验收", "通过竣工验收并投入使用", 25, "feng", SOURCE_CITY),
        ([8], "other", "办公用房调配（市档案馆搬迁腾退用房）", "完成调配方案及交接", 28, "feng", SOURCE_PARTY),
        ([9], "key", "机关大院道路修补", "完成破损路面修补并验收", 25, "luo", None),
        ([10], "key", "编制2027年度维修项目计划", "计划报局党组审定", 30, "feng", SOURCE_PARTY),
        ([11], "other", "冬季施工安全检查", "完成在建项目安全检查", 20, "luo", None),
    ],
    "green": [
        ([1], "key", "冬季绿化补植", "补植苗木不少于200株，成活率90%以上", 25, "lu", SOURCE_PARTY),
        ([2], "other", "春节环境卫生整治", "节前完成大院卫生死角清理", 12, "zheng", SOURCE_LEADERS),
        ([3], "key", "爱国卫生月活动准备", "制定活动方案并报局领导审定", 31, "lu", "市爱卫办部署"),
        ([4], "key", "爱国卫生月活动", "组织全员大扫除1次，病媒生物防制覆盖全院", 30, "lu", "市爱卫办部署"),
        ([4, 5], "other", "全国文明城市测评迎检环境整治", "迎检区域无垃圾、无积水、无乱堆放", 25, "zheng", "市创建办部署"),
        ([6, 7], "key", "台风季节树木修剪加固", "完成高大乔木修剪加固，台风后24小时内清理倒伏树木", 30, "lu", SOURCE_PARTY),
        ([6], "other", "保洁服务合同到期交接", "完成新旧服务商交接，交接期间保洁不断档", 30, "lu", SOURCE_LEADERS),
        ([7], "other", "垃圾分类投放点改造", "完成4个分类投放点改造", 31, "zheng", None),
        ([8], "other", "夏季灭蚊灭蝇专项行动", "每周消杀1次，记录完整", 28, "zheng", "市爱卫办部署"),
        ([9], "key", "保洁服务新合同履约评估", "完成7—9月履约评估报告", 30, "lu", SOURCE_LEADERS),
        ([10], "other", "秋季草坪补播及养护", "补播面积不少于500平方米", 30, "zheng", None),
        ([11], "key", "编制2027年度绿化保洁服务采购需求", "需求文件报局党组审定", 27, "lu", SOURCE_PARTY),
    ],
    "archive": [
        ([4], "key", "档案室组建及管理制度建设", "制定档案管理、借阅、保密等制度4项并印发", 30, "qian", SOURCE_PARTY),
        ([5], "key", "2025年度文书档案整理归档", "完成整理归档并通过验收", 29, "qian", "市档案局部署"),
        ([6], "other", "国际档案日宣传", "6月9日开展宣传活动1次", 9, "qian", "市档案局部署"),
        ([6], "key", "历史档案数字化（一期）", "完成2010—2015年文书档案数字化", 30, "qian", SOURCE_CITY),
        ([7, 8], "key", "接收文昌综合楼停车场改造项目档案", "完成项目档案接收及整理", 31, "qian", SOURCE_LEADERS),
        ([8, 9, 10], "key", "历史档案数字化（二期）", "完成2016—2020年文书档案数字化", 28, "qian", SOURCE_CITY),
        ([9], "other", "档案库房防潮防霉检查", "完成库房检查并更换除湿设备滤芯", 25, "qian", None),
        ([10], "other", "档案安全风险隐患排查", "形成排查报告，隐患当月整改", 30, "qian", "市档案局部署"),
        ([11], "key", "2026年度档案工作自查", "形成自查报告报市档案局", 27, "qian", "市档案局部署"),
        ([11], "other", "电子档案管理系统试运行", "完成系统试运行并组织培训1次", 30, "qian", None),
    ],
}  # fmt: skip


def split_weights(remaining: int, kinds: list[str]) -> list[int]:
    """``remaining`` points shared among the month's tasks, a key task counting double."""
    shares = [2 if kind == "key" else 1 for kind in kinds]
    total = sum(shares)
    weights = [max(5, int(round(remaining * share / total / 5)) * 5) for share in shares]
    difference = remaining - sum(weights)
    largest = max(range(len(weights)), key=lambda i: (weights[i], -i))
    weights[largest] += difference
    assert all(w >= 3 for w in weights) and sum(weights) == remaining, (remaining, kinds, weights)
    return weights


def build_targets(department: str, month: str) -> list[dict]:
    """The month's items: key tasks (K1…), the routine items (R1…), other tasks (O1…)."""
    number = int(month[5:])
    chosen = [task for task in TASKS[department] if number in task[0]]
    keys = [task for task in chosen if task[1] == "key"]
    others = [task for task in chosen if task[1] == "other"]
    routine = ROUTINE[department]
    remaining = BUSINESS - sum(item[4] for item in routine)
    weights = split_weights(remaining, [task[1] for task in keys + others])
    items = []
    for n, (task, weight) in enumerate(zip(keys, weights[: len(keys)], strict=False), 1):
        items.append(task_item(f"K{n}", department, task, weight, month))
    for n, (title, standard, deadline, owner, weight) in enumerate(routine, 1):
        items.append(
            {
                "id": f"R{n}",
                "kind": "routine",
                "title": title,
                "standard": standard,
                "deadline": day(month, deadline),
                "owner": owner_in(department, owner, month),
                "weight": weight,
            }
        )
    for n, (task, weight) in enumerate(zip(others, weights[len(keys) :], strict=False), 1):
        items.append(task_item(f"O{n}", department, task, weight, month))
    return items


def task_item(item_id: str, department: str, task: tuple, weight: int, month: str) -> dict:
    _months, kind, title, standard, deadline_day, owner, source = task
    if isinstance(deadline_day, tuple):
        deadline = day(add_months(month, 1), deadline_day[1])
    else:
        deadline = day(month, deadline_day)
    return {
        "id": item_id,
        "kind": kind,
        "source": source,
        "title": title,
        "standard": standard,
        "deadline": deadline,
        "owner": owner_in(department, owner, month),
        "weight": weight,
    }


def write_routine(output: Output) -> None:
    for department in DEPARTMENTS:
        lines = [
            f"# {department.name} 常规工作目标（“三定”职责）",
            "# kaoping new-month 据此预填每月目标（kind: routine）",
            "items:",
        ]
        for n, (title, standard, deadline, owner, weight) in enumerate(ROUTINE[department.id], 1):
            lines += block_entry(
                {
                    "id": f"R{n}",
                    "title": title,
                    "standard": standard,
                    "deadline_day": deadline,
                    "owner": owner_in(department.id, owner, MONTHS[-1]),
                    "weight": weight,
                }
            )
        output.write_lines(f"routine/{department.id}.yaml", lines)


def write_targets(output: Output, month: str, department: str, items: list[dict]) -> None:
    name = DEPARTMENT[department].name
    lines = [f"# {chinese_month(month)} {name} 月度目标", "items:"]
    for item in items:
        lines += block_entry(item)
    output.write_lines(f"{month}/targets/{department}.yaml", lines)
