"""Assessments (指标考核): the office's month-end marks of every target item and public
indicator; written to YYYY-MM/assessments/DEPT.yaml.

Most marks are full; a department that is not planned clean may lose points on one
item (45 %) or a public indicator (5 % each), with the reason the office writes. Marks
fixed by hand (``FIXED_LOSSES``) are the subjects of appeals and the two bad months;
the items inspections found wanting lose what the finding says. The clean plan
(``CLEAN_PLAN``) keeps some departments at full marks for runs of months, so that
their error-free bonus claims are valid.
"""

from __future__ import annotations

from decimal import Decimal

from scoring.model import month_index

from .dates import chinese_month, day
from .inspections import TargetHits
from .organisation import DEPARTMENT, DEPARTMENT_IDS, PUBLIC
from .output import Output
from .seeds import rng_for
from .yaml_text import flow_mapping

# department: (first, last) month in which it loses no point
CLEAN_PLAN = {
    "finance": ("2026-01", "2026-06"),
    "meeting": ("2026-02", "2026-07"),
    "housing": ("2026-01", "2026-09"),
    "archive": ("2026-04", "2026-06"),
    "office": ("2026-08", "2026-10"),
}


def planned_clean(department: str, month: str) -> bool:
    period = CLEAN_PLAN.get(department)
    return period is not None and period[0] <= month <= period[1]


# Losses fixed by hand (they are the subject of appeals): (department, month, item) -> (points, reason).
FIXED_LOSSES = {
    ("property", "2026-03", "K1"): (
        "1",
        "LED灯具替换延期4个工作日完成，扣1分（原扣2分，经申诉2026-001复核调整为扣1分）",
    ),
    ("green", "2026-10", "R1"): ("1.5", "10月绿化巡查记录缺少3次，21日察访发现绿地损毁未及时处理"),
    # Two bad months, so that the grades are not decided by the quota alone.
    ("construction", "2026-05", "K1"): (
        "12",
        "地下管线迁改未完成，施工进度滞后约12天，未完成5月节点目标",
    ),
    ("security", "2026-08", "K1"): ("20", "演练方案未按时报审，演练推迟至9月，本月目标未完成"),
}

ITEM_REASONS = {
    "routine": [
        "台账记录不完整，缺少{k}次记录",
        "部分事项未按时办结，延期{k}个工作日",
        "抽查发现{k}处问题未及时处理",
    ],
    "key": [
        "延期{k}个工作日完成",
        "完成质量未达标准，材料退回修改1次",
        "进度滞后，未按计划节点完成",
    ],
    "other": ["延期{k}个工作日完成", "完成情况未达标准，需补充完善", "未按要求报送完成情况"],
}
# Reasons the office writes when a routine item loses points, by department and item.
ROUTINE_REASONS = {
    ("office", "R1"): ["督办事项{k}件未按期办结", "公文登记延迟1个工作日"],
    ("office", "R2"): ["当月仅报送政务信息3篇，少于4篇", "网站栏目更新延迟{k}天"],
    ("office", "R3"): ["局务会纪要会后{k}个工作日才印发，超时"],
    ("admin", "R1"): ["派车单{k}份填写不完整", "公务用车回场登记缺失{k}次"],
    ("admin", "R2"): ["停车秩序巡查记录缺少{k}次"],
    ("admin", "R3"): ["单车棚清理记录缺少{k}次", "楼道杂物未按周清理"],
    ("admin", "R4"): ["办公用品发放超时{k}个工作日"],
    ("security", "R1"): ["来访登记抽查缺漏{k}条"],
    ("security", "R2"): ["消防设施巡查延迟{k}天完成"],
    ("security", "R3"): ["1路监控画面故障{k}天未修复"],
    ("security", "R4"): ["安保服务考评结果延迟{k}天报送"],
    ("finance", "R1"): ["报账单据审核超时{k}个工作日"],
    ("finance", "R2"): ["月度财务报表延迟{k}天报送"],
    ("finance", "R3"): ["预算执行分析未报局领导"],
    ("meeting", "R1"): ["会议室使用登记缺漏{k}次", "会议茶水服务不到位，被使用单位反映"],
    ("meeting", "R2"): ["设备检查记录缺少{k}次"],
    ("meeting", "R3"): ["满意度回访单位不足5个"],
    ("property", "R1"): ["报修响应超时{k}次", "当日修复率未达95%"],
    ("property", "R2"): ["电梯维保记录缺少1次"],
    ("property", "R3"): ["照明故障{k}处超过3日未修复"],
    ("property", "R4"): ["能耗数据延迟{k}天报送"],
    ("housing", "R1"): ["退房手续台账未当日更新"],
    ("housing", "R2"): ["当月租金收缴率未达98%"],
    ("housing", "R3"): ["小区安全巡查仅1次"],
    ("construction", "R1"): ["维修申请处理超时{k}个工作日", "维修验收记录缺少{k}份"],
    ("construction", "R2"): ["办公用房调配台账与实际不符{k}处"],
    ("construction", "R3"): ["完工项目资料移交超期{k}天"],
    ("green", "R1"): ["绿化巡查记录缺少{k}次", "枯死苗木未及时补植"],
    ("green", "R2"): ["公共区域保洁巡查记录缺少{k}天"],
    ("green", "R3"): ["服务考评结果延迟{k}天报送"],
    ("green", "R4"): ["分类投放点抽查分类准确率未达90%"],
    ("archive", "R1"): ["移交档案登记入库超期{k}个工作日"],
    ("archive", "R2"): ["借阅登记缺漏{k}条"],
    ("archive", "R3"): ["温湿度记录缺少{k}次"],
}

PUBLIC_REASONS = {
    "politics": ["政治理论学习缺勤1人次", "学习笔记未按要求完成1人"],
    "study": ["业务学习缺勤1人次", "业务培训未按时参加1人次"],
    "reporting": ["信息月报延迟{k}天上报", "政务信息报送数量未达要求"],
    "discipline": ["{d}例会迟到1人次", "{d}上班时间脱岗1人次"],
}


def build_assessment(
    department: str, month: str, items: list[dict], target_hits: TargetHits
) -> dict:
    """{assessor, items: {id: (score, reason)}, public: {id: (score, reason)}}."""
    rng = rng_for("assess", department, month)
    clean = planned_clean(department, month)
    scores: dict[str, tuple[Decimal, str | None]] = {}
    lose_one = (not clean) and rng.random() < 0.45
    candidates = [item for item in items if (department, month, item["id"]) not in target_hits]
    unlucky = rng.choice(candidates)["id"] if candidates else None
    for item in items:
        weight = Decimal(item["weight"])
        key = (department, month, item["id"])
        if key in FIXED_LOSSES:
            points, reason = FIXED_LOSSES[key]
            scores[item["id"]] = (weight - Decimal(points), reason)
        elif key in target_hits:
            points, reason = target_hits[key]
            scores[item["id"]] = (weight - Decimal(points), reason)
        elif lose_one and item["id"] == unlucky:
            lost = min(weight, Decimal(rng.choice(["0.5", "1", "1", "1.5", "2", "3"])))
            pool = (
                ROUTINE_REASONS.get((department, item["id"])) if item["kind"] == "routine" else None
            )
            reason = rng.choice(pool or ITEM_REASONS[item["kind"]]).format(k=rng.randint(2, 4))
            scores[item["id"]] = (weight - lost, reason)
        else:
            scores[item["id"]] = (weight, None)
    public: dict[str, tuple[Decimal, str | None]] = {}
    for indicator, _name, maximum in PUBLIC:
        if not clean and rng.random() < 0.05:
            lost = Decimal(rng.choice(["0.5", "0.5", "1"]))
            date = day(month, rng.randint(3, 27))
            reason = rng.choice(PUBLIC_REASONS[indicator]).format(
                k=rng.randint(1, 3), d=f"{date.month}月{date.day}日"
            )
            public[indicator] = (Decimal(maximum) - lost, reason)
        else:
            public[indicator] = (Decimal(maximum), None)
    assessor = ["wang", "xu"][(month_index(month) + DEPARTMENT_IDS.index(department)) % 2]
    assert all(score >= 0 for score, _reason in scores.values())
    return {"assessor": assessor, "items": scores, "public": public}


def write_assessment(output: Output, month: str, department: str, assessment: dict) -> None:
    lines = [
        f"# {chinese_month(month)} {DEPARTMENT[department].name} 指标考核（局内部绩效办）",
        f"assessor: {assessment['assessor']}",
        "items:",
    ]
    for item, (score, reason) in assessment["items"].items():
        lines.append(f"  {item}: {flow_mapping({'score': score, 'reason': reason})}")
    lines.append("public:")
    for indicator, (score, reason) in assessment["public"].items():
        lines.append(f"  {indicator}: {flow_mapping({'score': score, 'reason': reason})}")
    output.write_lines(f"{month}/assessments/{department}.yaml", lines)
