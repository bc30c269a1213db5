"""Site inspections (察访核验): the inspectors' visits and their findings, each routed to
a department by its kind (the responsibility boundaries) or named directly; written to
YYYY-MM/inspections/DATE-SLUG.yaml with the photos they took.

A finding either deducts points directly, bears on one of the department's target
items (``target``: the item's assessment loses ``target_points``, and the reason
names the finding), or is a notice to rectify that costs nothing. A ``target`` given
as ``("title", TITLE)`` is resolved to the item of that title in the month's targets.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from .dates import chinese_date
from .organisation import BOUNDARY
from .output import Output
from .photos import write_evidence
from .yaml_text import block_entry, flow_sequence

# (department, month, item) -> (points lost, the reason the assessment gives)
TargetHits = dict[tuple[str, str, str], tuple[str, str]]

INSPECTIONS: list[dict[str, Any]] = [
    dict(
        date="2026-01-15",
        slug="courtyard",
        location="机关大院",
        inspectors=["li", "xu"],
        findings=[
            dict(
                kind="clutter",
                description="单车棚内堆放废旧纸箱及旧办公椅，影响车辆停放",
                evidence=[("bike-shed-1.jpg", "shed")],
                deduction="0.5",
                rectify_by="2026-01-20",
                rectified_on="2026-01-19",
            ),
            dict(
                kind="parking",
                department="admin",
                description="大院东门内侧车辆乱停放，占用人行通道",
                evidence=[("east-gate-parking.jpg", "parking")],
                rectify_by="2026-01-16",
                rectified_on="2026-01-16",
            ),
        ],
    ),
    dict(
        date="2026-01-27",
        slug="spring-festival-safety",
        location="文昌综合楼",
        inspectors=["wang", "li", "xu"],
        findings=[
            dict(
                department="security",
                target="R2",
                target_points="1",
                description="文昌综合楼3楼2具灭火器压力不足，巡查卡未记录",
                evidence=[("extinguisher-3f.jpg", "corridor")],
                rectify_by="2026-01-30",
                rectified_on="2026-01-29",
            ),
        ],
    ),
    dict(
        date="2026-02-11",
        slug="east-gate",
        location="机关大院东门岗",
        inspectors=["li", "wang"],
        findings=[
            dict(
                department="security",
                description="夜间值守人员未按规定登记外来车辆",
                evidence=[("east-gate-log.jpg", "gate")],
                deduction="0.5",
                rectify_by="2026-02-13",
                rectified_on="2026-02-12",
            ),
        ],
    ),
    dict(
        date="2026-03-12",
        slug="bike-shed",
        location="机关大院单车棚",
        inspectors=["li", "xu"],
        findings=[
            dict(
                kind="clutter",
                description="单车棚堆放废弃自行车及杂物，1月已督促整改仍有反复",
                evidence=[("bike-shed-1.jpg", "shed"), ("bike-shed-2.jpg", "shed")],
                deduction="1",
                rectify_by="2026-03-17",
                rectified_on="2026-03-16",
            ),
            dict(
                kind="greenbelt",
                department="green",
                target="R1",
                target_points="1",
                description="单车棚旁绿篱被车辆碾压损毁，巡查未及时发现",
                evidence=[("hedge-damage.jpg", "green")],
                rectify_by="2026-03-20",
                rectified_on="2026-03-19",
            ),
        ],
    ),
    dict(
        date="2026-03-25",
        slug="corridors",
        location="文昌综合楼各楼层走廊",
        inspectors=["wang", "xu"],
        findings=[
            dict(
                kind="lighting",
                description="5楼走廊2盏照明灯不亮",
                rectify_by="2026-03-28",
                rectified_on="2026-03-27",
            ),
        ],
    ),
    dict(
        date="2026-04-09",
        slug="fire-lane",
        location="文昌综合楼消防通道",
        inspectors=["li", "wang"],
        findings=[
            dict(
                kind="fire-lane",
                description="消防通道停放电动自行车3辆",
                evidence=[("fire-lane-1.jpg", "lane", "gps"), ("fire-lane-2.jpg", "lane")],
                deduction="1",
                rectify_by="2026-04-10",
                rectified_on="2026-04-10",
            ),
        ],
    ),
    dict(
        date="2026-04-22",
        slug="housing",
        location="周转房小区",
        inspectors=["li", "xu"],
        findings=[
            dict(
                department="housing",
                kind="housing-facility",
                description="3栋单元门门禁损坏，无法正常关闭",
                evidence=[("housing-door.jpg", "housing")],
                rectify_by="2026-04-30",
                rectified_on="2026-04-28",
            ),
        ],
    ),
    dict(
        date="2026-05-14",
        slug="bike-shed",
        location="机关大院单车棚",
        inspectors=["li", "xu"],
        findings=[
            # Appeal 2026-002 was upheld: the 1-point deduction became a notice.
            dict(
                kind="clutter",
                description="单车棚东侧堆放水泥、砂石等材料（经申诉2026-002核实为基建维修科报备的临时施工材料，"
                "撤销扣分，改为限期清理）",
                evidence=[("bike-shed-1.jpg", "shed")],
                rectify_by="2026-05-21",
                rectified_on="2026-05-20",
            ),
            dict(
                department="construction",
                in_indicators=False,
                deduction="1",
                description="停车场改造施工材料露天堆放，未设置围挡及警示标志",
                evidence=[("construction-site.jpg", "site")],
                rectify_by="2026-05-18",
                rectified_on="2026-05-18",
            ),
        ],
    ),
    dict(
        date="2026-06-03",
        slug="flood-season",
        location="机关大院地下车库及配电房",
        inspectors=["wang", "li", "xu"],
        findings=[
            dict(
                department="security",
                target=("title", "汛期安全检查"),
                target_points="1",
                description="地下车库入口挡水板未按汛期要求备放到位",
                evidence=[("garage-entrance.jpg", "garage")],
                rectify_by="2026-06-05",
                rectified_on="2026-06-04",
            ),
            dict(
                kind="water-leak",
                description="配电房外排水沟堵塞，雨后积水约10厘米",
                evidence=[("drain-1.jpg", "drain")],
                deduction="0.5",
                rectify_by="2026-06-08",
                rectified_on="2026-06-08",
            ),
        ],
    ),
    dict(
        date="2026-07-08",
        slug="courtyard",
        location="机关大院",
        inspectors=["li", "xu"],
        findings=[
            dict(
                kind="greenbelt",
                description="台风过后大院西侧倒伏树木48小时未清理",
                evidence=[("fallen-tree.jpg", "green")],
                deduction="1",
                rectify_by="2026-07-09",
                rectified_on="2026-07-09",
            ),
            dict(
                kind="parking",
                department="admin",
                target="R2",
                target_points="1",
                description="停车场内5辆车跨线停放，当周无停车秩序巡查记录",
                evidence=[("parking-lines.jpg", "parking")],
                rectify_by="2026-07-10",
                rectified_on="2026-07-10",
            ),
        ],
    ),
    dict(
        date="2026-07-23",
        slug="meeting-rooms",
        location="文昌综合楼会议室",
        inspectors=["wang", "xu"],
        findings=[
            dict(
                department="meeting",
                description="2号会议室无线话筒电量不足，未配备备用电池",
                rectify_by="2026-07-24",
                rectified_on="2026-07-24",
            ),
        ],
    ),
    dict(
        date="2026-08-19",
        slug="parking",
        location="文昌综合楼停车场",
        inspectors=["li", "wang"],
        findings=[
            dict(
                kind="parking",
                department="admin",
                description="新停车场非机动车区停放机动车2辆",
                evidence=[("new-parking.jpg", "parking")],
                deduction="0.5",
                rectify_by="2026-08-21",
                rectified_on="2026-08-20",
            ),
            dict(
                department="security",
                in_indicators=False,
                deduction="1",
                description="监控室夜间值班人员脱岗约30分钟（经监控回放核实）",
                evidence=[("monitor-room.jpg", "room")],
                rectify_by="2026-08-20",
                rectified_on="2026-08-20",
            ),
        ],
    ),
    dict(
        date="2026-09-24",
        slug="national-day-safety",
        location="机关大院",
        inspectors=["wang", "li", "xu"],
        findings=[
            dict(
                kind="fire-lane",
                description="2号楼北侧消防通道停放私家车1辆",
                evidence=[("fire-lane-north.jpg", "lane")],
                deduction="0.5",
                rectify_by="2026-09-24",
                rectified_on="2026-09-24",
            ),
            dict(
                kind="lighting",
                department="property",
                target="R3",
                target_points="1",
                description="地下车库楼梯间3盏照明灯损坏，超过3日未修复",
                evidence=[("stair-light.jpg", "corridor")],
                rectify_by="2026-09-28",
                rectified_on="2026-09-27",
            ),
        ],
    ),
    dict(
        date="2026-10-14",
        slug="fire-lane",
        location="文昌综合楼消防通道",
        inspectors=["li", "xu"],
        findings=[
            dict(
                kind="fire-lane",
                description="消防通道堆放废旧办公桌椅10余件",
                evidence=[("fire-lane-1.jpg", "lane")],
                deduction="1",
                rectify_by="2026-10-16",
                rectified_on="2026-10-16",
            ),
        ],
    ),
    dict(
        date="2026-10-21",
        slug="housing",
        location="周转房小区",
        inspectors=["li", "wang"],
        findings=[
            dict(
                department="housing",
                in_indicators=False,
                deduction="0.5",
                description="小区化粪池盖板破损，未设置警示标志",
                evidence=[("septic-cover.jpg", "drain")],
                rectify_by="2026-10-31",
            ),
            dict(
                kind="greenbelt", description="小区入口绿化带被电动车碾压", rectify_by="2026-11-06"
            ),
        ],
    ),
    dict(
        date="2026-11-12",
        slug="bike-shed",
        location="机关大院单车棚",
        inspectors=["wang", "li"],
        findings=[
            dict(
                kind="clutter",
                description="单车棚堆放废旧纸箱",
                evidence=[("bike-shed-1.jpg", "shed", "gps")],
                deduction="0.5",
                rectify_by="2026-11-19",
                rectified_on="2026-11-18",
            ),
            dict(
                kind="fire-lane",
                department="security",
                target=("title", "冬季防火安全检查"),
                target_points="1",
                description="单车棚旁消防通道被临时堆放的绿化苗木占用，冬季防火检查未发现",
                evidence=[("fire-lane-shed.jpg", "lane")],
                rectify_by="2026-11-16",
            ),
        ],
    ),
    dict(
        date="2026-11-25",
        slug="meeting-rooms",
        location="文昌综合楼会议室",
        inspectors=["li", "xu"],
        findings=[
            dict(
                department="meeting",
                description="3号会议室投影仪灯泡亮度不足",
                rectify_by="2026-12-02",
            ),
        ],
    ),
]


def finding_department(finding: dict) -> str:
    return finding.get("department") or BOUNDARY[finding["kind"]]


def write_inspections(output: Output, targets: dict[tuple[str, str], list[dict]]) -> TargetHits:
    """Every inspection with its photos; returns what the findings on targets cost."""
    hits: TargetHits = {}
    for inspection in INSPECTIONS:
        month = inspection["date"][:7]
        date = dt.date.fromisoformat(inspection["date"])
        findings = []
        for number, planned in enumerate(inspection["findings"], 1):
            department = finding_department(planned)
            evidence = [
                write_evidence(output, month, spec, date) for spec in planned.get("evidence", [])
            ]
            target = planned.get("target")
            if isinstance(target, tuple):
                items = targets[(department, month)]
                target = next(item["id"] for item in items if item["title"] == target[1])
            if target:
                reason = (
                    f"{planned['description']}（{int(month[5:])}月{date.day}日察访核验F{number}）"
                )
                hits[(department, month, target)] = (planned["target_points"], reason)
            findings.append(finding_entry(planned, number, evidence, target))
        write_inspection(output, inspection, findings)
    return hits


def finding_entry(planned: dict, number: int, evidence: list[str], target: str | None) -> dict:
    """The finding as written: defaults (no deduction, in the indicators) left out."""

    def date(key: str) -> dt.date | None:
        return dt.date.fromisoformat(planned[key]) if planned.get(key) else None

    return {
        "id": f"F{number}",
        "kind": planned.get("kind"),
        "department": planned.get("department"),
        "description": planned["description"],
        "evidence": evidence or None,
        "deduction": Decimal(planned["deduction"]) if planned.get("deduction") else None,
        "in_indicators": False if planned.get("in_indicators") is False else None,
        "target": target,
        "rectify_by": date("rectify_by"),
        "rectified_on": date("rectified_on"),
    }


def write_inspection(output: Output, inspection: dict, findings: list[dict]) -> None:
    date = dt.date.fromisoformat(inspection["date"])
    month = inspection["date"][:7]
    lines = [
        f"# {chinese_date(date)} 察访核验：{inspection['location']}",
        f"date: {inspection['date']}",
        f"inspectors: {flow_sequence(inspection['inspectors'])}",
        f"location: {inspection['location']}",
        "findings:",
    ]
    for finding in findings:
        lines += block_entry(finding)
    output.write_lines(f"{month}/inspections/{inspection['date']}-{inspection['slug']}.yaml", lines)
