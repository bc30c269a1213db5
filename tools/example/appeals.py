"""Appeals (申诉复议): one in every status (partly upheld, upheld, rejected, withdrawn,
pending), against an assessment's item, an inspection's finding, a claim and a
contract's check, each filed within the window after its month was published; written
to appeals/YYYY-NNN.yaml.

The decided appeals' effects are already in the records they name (the assessment
that lost 1 point instead of 2, the finding turned into a notice); ``published_as``
says how each such subject read when its month was published, before the decision
(the example's history, ``history/``, commits that version first and the change with
the decision).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .dates import chinese_month
from .output import Output
from .yaml_text import scalar

# in filing order; the contract's appeal names the check planned for it
# (``services.PLANNED_CHECKS``, tag "appeal"), found when the checks are written
APPEALS: list[dict[str, Any]] = [
    dict(
        department="property",
        month="2026-03",
        subject="2026-03/assessments/property.yaml#K1",
        filed="2026-04-13",
        grounds="LED灯具延期安装系供货商物流延误所致，已于3月20日书面报告，申请不予扣分",
        status="partly-upheld",
        decision="经核实，供货延误属实，但科室未及时调整工作计划；扣分由2分调整为1分",
        decided="2026-04-17",
        published_as=[
            (
                "K1: {score: 34, reason: LED灯具替换延期4个工作日完成，扣1分（原扣2分，经申诉2026-001复核调整为扣1分）}",
                "K1: {score: 33, reason: LED灯具替换延期4个工作日完成，扣2分}",
            ),
        ],
    ),
    dict(
        department="admin",
        month="2026-05",
        subject="2026-05/inspections/2026-05-14-bike-shed.yaml#F1",
        filed="2026-06-08",
        grounds="单车棚东侧的水泥、砂石为基建维修科停车场改造施工材料，已按规定报备临时存放，不属行政科管理的杂物垃圾",
        status="upheld",
        decision="经核实，材料系经报备的临时施工材料，撤销对行政科的1分扣分，改为限期清理通知",
        decided="2026-06-11",
        published_as=[
            (
                "    description: 单车棚东侧堆放水泥、砂石等材料（经申诉2026-002核实为基建维修科报备的临时施工材料，"
                "撤销扣分，改为限期清理）\n    evidence: [bike-shed-1.jpg]\n",
                "    description: 单车棚东侧堆放水泥、砂石等材料\n    evidence: [bike-shed-1.jpg]\n    deduction: 1\n",
            ),
        ],
    ),
    dict(
        contract="cleaning-2026a",
        month="2026-06",
        subject=None,
        filed="2026-07-10",
        grounds="服务商已于6月12日更换卫生间除臭设备，因配件到货延误超期2天，申请按服务商自查自纠不计分",
        status="rejected",
        decision="整改期限为6月10日，逾期完成，按考评细则以部门检查系数计分；当月服务费按得分对应档次支付",
        decided="2026-07-15",
    ),
    dict(
        department="construction",
        month="2026-08",
        subject="2026-08/bonuses/construction.yaml#B1",
        filed="2026-09-08",
        grounds="维修工单小程序已运行两个月，处理工单120余件，申请按工作创新加分",
        status="withdrawn",
        decision="申诉人于9月10日书面撤回申诉，待系统正式运行后另行申报",
        decided="2026-09-10",
    ),
    dict(
        department="security",
        month="2026-10",
        subject="2026-10/inspections/2026-10-14-fire-lane.yaml#F1",
        filed="2026-11-06",
        grounds="消防通道堆放物为行政科清理出的废旧办公桌椅，属杂物垃圾，应由行政科承担",
        status="rejected",
        decision="根据职责边界规则，凡占用消防通道的问题均由保卫处负责，维持扣分；废旧桌椅清运由保卫处督促行政科落实",
        decided="2026-11-12",
    ),
    dict(
        department="green",
        month="2026-10",
        subject="2026-10/assessments/green.yaml#R1",
        filed="2026-11-09",
        grounds="巡查记录因手机端系统故障未同步，已于11月2日补录；周转房小区绿地损毁系10月20日夜间发生，次日即已报修",
        status="pending",
        decision=None,
        decided=None,
    ),
]

FIELDS = [
    "department",
    "contract",
    "month",
    "subject",
    "filed",
    "grounds",
    "status",
    "decision",
    "decided",
]


# what an appeal decided this way changed in its subject (``published_as``)
AMENDING = ("upheld", "partly-upheld")


def appeal_stem(number: int, appeal: dict) -> str:
    """appeals/YYYY-NNN.yaml: the year filed and the number in filing order."""
    return f"{appeal['filed'][:4]}-{number:03d}"


def published_versions() -> dict[str, list[tuple[str, str]]]:
    """Appeal stem -> its subject's changes as (text now, text as published before it)."""
    return {
        appeal_stem(number, appeal): appeal["published_as"]
        for number, appeal in enumerate(APPEALS, 1)
        if appeal.get("published_as")
    }


def write_appeals(output: Output, appealed_check: str) -> None:
    for number, planned in enumerate(APPEALS, 1):
        appeal = dict(planned)
        if appeal["subject"] is None:
            appeal["subject"] = appealed_check
        check_published_as(output, appeal)
        write_appeal(output, number, appeal)


def check_published_as(output: Output, appeal: dict) -> None:
    """An upheld appeal says what it changed in its subject, and each text it names as
    changed is in the subject (once); no other appeal changed anything."""
    changes = appeal.get("published_as", [])
    assert bool(changes) == (appeal["status"] in AMENDING), appeal["subject"]
    subject = (output.root / appeal["subject"].split("#")[0]).read_text(encoding="utf-8")
    for now, _then in changes:
        assert subject.count(now) == 1, (appeal["subject"], now)


def write_appeal(output: Output, number: int, appeal: dict) -> None:
    stem = appeal_stem(number, appeal)
    lines = [f"# 申诉{stem}：{chinese_month(appeal['month'])}"]
    for key in FIELDS:
        value = appeal.get(key)
        if value is None:
            continue
        if key in ("filed", "decided"):
            value = dt.date.fromisoformat(value)
        lines.append(f"{key}: {scalar(value)}")
    output.write_lines(f"appeals/{stem}.yaml", lines)
