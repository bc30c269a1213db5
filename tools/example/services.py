"""Outsourced services (社会化服务, DESIGN §9): the contracts for security, greening and
cleaning, written to services/CONTRACT.yaml, and each month's three-level checks,
written to YYYY-MM/services/CONTRACT.yaml with the photos of the department's and the
office's checks.

Checks are drawn at random (providers' own checks fixed in time cost nothing) except
the ones placed by hand (``PLANNED_CHECKS``): the months paid less than in full and the
provider's check that is appealed. The cleaning contract is replaced in July by a new
one with other terms; the replacement's November checks are not yet signed off.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from scoring.model import month_index

from .dates import chinese_month, day
from .months import ASSESSING_MONTH
from .organisation import DEPARTMENT, head_in
from .output import Output
from .photos import write_evidence
from .seeds import rng_for
from .yaml_text import block_entry, flow_mapping, number

CONTRACTS: list[dict[str, Any]] = [
    dict(
        id="guard-2026",
        name="机关大院安保服务",
        provider="柳州市金盾保安服务有限公司",
        category="security",
        department="security",
        start="2026-01",
        end="2026-12",
        fee="62000.00",
        checklist=[
            ("gate", "门岗值守与来访登记", 25),
            ("patrol", "巡逻及监控值守", 25),
            ("fire", "消防设施日常巡查", 20),
            ("discipline", "队伍纪律与着装", 15),
            ("log", "值班及交接班台账", 15),
        ],
        factors={"provider": 0, "department": 1, "office": 2},
        payment=[(95, "1"), (90, "0.98"), (80, "0.95"), (0, "0.9")],
        notice={"below": 80, "months": 2},
    ),
    dict(
        id="greening-2026",
        name="机关大院绿化养护",
        provider="柳州市绿景园林工程有限公司",
        category="greening",
        department="green",
        start="2026-01",
        end="2026-12",
        fee="48000.00",
        checklist=[
            ("lawn", "草坪修剪平整、无杂草", 25),
            ("trees", "乔灌木修剪及病虫害防治", 25),
            ("litter", "绿地内无垃圾杂物", 30),
            ("log", "养护台账完整", 20),
        ],
        factors={"provider": 0, "department": 1, "office": "1.5"},
        payment=[(95, "1"), (90, "0.98"), (80, "0.95"), (0, "0.9")],
        notice=None,
    ),
    dict(
        id="cleaning-2026a",
        name="机关大院保洁服务",
        provider="柳州市洁美物业服务有限公司",
        category="cleaning",
        department="green",
        start="2026-01",
        end="2026-06",
        fee="56000.00",
        checklist=[
            ("floor", "公共区域地面、楼梯清洁", 30),
            ("toilet", "卫生间清洁无异味", 25),
            ("waste", "垃圾清运及分类", 25),
            ("log", "保洁巡查台账", 20),
        ],
        factors=None,
        payment=[(95, "1"), (90, "0.98"), (80, "0.95"), (0, "0.9")],
        notice=None,
    ),
    dict(
        id="cleaning-2026b",
        name="机关大院保洁服务",
        provider="柳州市宜居环境服务有限公司",
        category="cleaning",
        department="green",
        start="2026-07",
        end="2026-12",
        fee="58500.00",
        checklist=[
            ("floor", "公共区域地面、楼梯清洁", 25),
            ("toilet", "卫生间清洁无异味", 25),
            ("waste", "垃圾清运及分类", 25),
            ("glass", "门窗玻璃洁净", 10),
            ("log", "保洁巡查台账", 15),
        ],
        factors=None,
        payment=[(95, "1"), (90, "0.97"), (80, "0.93"), (0, "0.85")],
        notice={"below": 85, "months": 2},
    ),
]
CONTRACT = {contract["id"]: contract for contract in CONTRACTS}

CHECK_TEXT = {
    "gate": ["东门岗外来车辆未登记即放行", "访客登记信息填写不全", "门岗交接班时岗位短暂空岗"],
    "patrol": ["夜间巡逻未按规定路线打卡", "监控室值守人员离岗"],
    "fire": ["3号楼消防栓箱内水带缺失未上报", "灭火器巡查卡未按时签字"],
    "discipline": ["保安员上岗未着制服", "值勤时使用手机"],
    "lawn": ["东侧草坪未及时修剪", "草坪内杂草较多"],
    "trees": ["行道树枯枝未清理", "桂花树发现病虫害未及时防治"],
    "litter": ["绿地内有烟头、纸屑", "绿篱下堆积落叶未清运"],
    "floor": ["2号楼楼梯间地面有污渍", "大厅地面积水未及时清理"],
    "toilet": ["3楼卫生间有异味", "卫生间纸巾未及时补充"],
    "waste": ["垃圾桶满溢未及时清运", "分类垃圾混投未纠正"],
    "glass": ["一楼大厅玻璃门有明显污迹"],
    "log": ["巡查台账缺少2天记录", "台账记录未按日填写"],
}
SERVICE_SCENE = {"security": "gate", "greening": "green", "cleaning": "corridor"}

# Checks placed by hand (the low-score months and the appealed check).
PLANNED_CHECKS: dict[tuple[str, str], list[dict[str, Any]]] = {
    ("guard-2026", "2026-04"): [
        dict(
            level="office",
            date=16,
            by=["li", "wang"],
            item="patrol",
            points="2",
            description="夜间巡逻人员脱岗约40分钟，巡逻打卡记录缺失",
        ),
        dict(
            level="department",
            date=22,
            by=["guo"],
            item="gate",
            points="1.5",
            description="外来车辆未登记即放行2次",
        ),
    ],
    ("cleaning-2026a", "2026-06"): [
        dict(
            level="provider",
            date=8,
            item="toilet",
            points="2",
            description="3楼卫生间除臭设备损坏，有明显异味",
            rectify_by=10,
            rectified_on=12,
            tag="appeal",
        ),
        dict(
            level="office",
            date=17,
            by=["li", "xu"],
            item="floor",
            points="1.5",
            description="交接期间2号楼楼梯间连续2天未清扫",
        ),
        dict(
            level="department",
            date=23,
            by=["lu", "zheng"],
            item="waste",
            points="1",
            description="分类垃圾混投未纠正",
        ),
    ],
    ("cleaning-2026b", "2026-09"): [
        dict(
            level="provider",
            date=4,
            item="log",
            points="1",
            description="保洁巡查台账缺少3天记录",
            rectify_by=7,
        ),
        dict(
            level="department",
            date=10,
            by=["zheng"],
            item="toilet",
            points="2",
            description="1楼、3楼卫生间连续2天有异味",
        ),
        dict(
            level="office",
            date=15,
            by=["li"],
            item="waste",
            points="2",
            description="垃圾中转点垃圾满溢，周边有散落垃圾",
        ),
        dict(
            level="department",
            date=18,
            by=["lu"],
            item="floor",
            points="1.5",
            description="大厅地面雨后积水未及时清理",
        ),
        dict(
            level="office",
            date=24,
            by=["wang", "li"],
            item="glass",
            points="1",
            description="一楼大厅玻璃门有明显污迹",
        ),
    ],
    ("guard-2026", "2026-11"): [
        dict(
            level="provider",
            date=20,
            item="fire",
            points="1",
            description="2号楼消防栓箱门损坏，自查上报",
            rectify_by=27,
        ),
    ],
}
UNASSESSED = {("cleaning-2026b", ASSESSING_MONTH)}
LEVELS = ["provider", "department", "office"]


def contract_active(contract: str, month: str) -> bool:
    terms = CONTRACT[contract]
    return terms["start"] <= month <= terms["end"]


def build_service_month(contract: str, month: str) -> dict:
    """{assessor, assessed, checks}: random checks around the planned ones, by date."""
    terms = CONTRACT[contract]
    rng = rng_for("svc", contract, month)
    supervisor = DEPARTMENT[terms["department"]]
    items = [item[0] for item in terms["checklist"]]
    checks = []
    planned = (contract, month) in PLANNED_CHECKS
    if rng.random() < 0.6:
        item = rng.choice(items)
        date = rng.randint(2, 20)
        checks.append(
            dict(
                level="provider",
                date=date,
                item=item,
                points=rng.choice(["1", "1.5", "2"]),
                description="服务商自查发现" + rng.choice(CHECK_TEXT[item]),
                rectify_by=date + 3,
                rectified_on=date + rng.choice([1, 2, 3]),
            )
        )
    if not planned:
        for _ in range(rng.choice([0, 0, 1, 1, 1, 2])):
            item = rng.choice(items)
            head = head_in(supervisor.id, month)
            by = [head] if rng.random() < 0.6 else [head, *supervisor.members[:1]]
            checks.append(
                dict(
                    level="department",
                    date=rng.randint(3, 26),
                    by=by,
                    item=item,
                    points=rng.choice(["0.5", "1", "1"]),
                    description=rng.choice(CHECK_TEXT[item]),
                )
            )
        if rng.random() < 0.3:
            item = rng.choice(items)
            checks.append(
                dict(
                    level="office",
                    date=rng.randint(5, 26),
                    by=rng.choice([["li"], ["wang", "li"], ["li", "xu"]]),
                    item=item,
                    points="0.5",
                    description=rng.choice(CHECK_TEXT[item]),
                )
            )
    checks.extend(dict(check) for check in PLANNED_CHECKS.get((contract, month), []))
    checks.sort(key=lambda check: (check["date"], LEVELS.index(check["level"])))
    used_names: set[str] = set()
    for n, check in enumerate(checks, 1):
        check["id"] = f"S{n}"
        check["date"] = day(month, check["date"])
        for key in ("rectify_by", "rectified_on"):
            if key in check:
                check[key] = day(month, check[key])
        check["evidence"] = []
        if check["level"] != "provider":
            stem = f"{contract.split('-')[0]}-{check['item']}-{check['date'].day:02d}"
            name = f"{stem}.jpg"
            suffix = 2
            while name in used_names:
                name = f"{stem}-{suffix}.jpg"
                suffix += 1
            used_names.add(name)
            check["evidence"] = [(name, SERVICE_SCENE[terms["category"]], "small")]
    assessor = "wang" if month_index(month) % 2 else "xu"
    assessed = None if (contract, month) in UNASSESSED else day(month, "last")
    return dict(assessor=assessor, assessed=assessed, checks=checks)


def write_service_months(output: Output, month: str) -> str | None:
    """The month's checks of every active contract, with their photos; returns the
    subject (PATH#ID) of the check planned for an appeal, when it is in this month."""
    appealed = None
    for contract in CONTRACTS:
        if not contract_active(contract["id"], month):
            continue
        checks = build_service_month(contract["id"], month)
        for check in checks["checks"]:
            for spec in check["evidence"]:
                write_evidence(output, month, spec)
            if check.get("tag") == "appeal":
                appealed = f"{month}/services/{contract['id']}.yaml#{check['id']}"
        write_service_month(output, month, contract["id"], checks)
    return appealed


def write_contract(output: Output, terms: dict) -> None:
    supervisor = DEPARTMENT[terms["department"]].name
    lines = [
        f"# {terms['name']}（{terms['provider']}）考评细则，由{supervisor}监管",
        f"name: {terms['name']}",
        f"provider: {terms['provider']}",
        f"category: {terms['category']}",
        f"department: {terms['department']}",
        f"from: {terms['start']}",
        f"to: {terms['end']}",
        f"monthly_fee: {terms['fee']}",
        "checklist:",
    ]
    for item, name, maximum in terms["checklist"]:
        lines.append(f"  - {flow_mapping({'id': item, 'name': name, 'max': maximum})}")
    if terms["factors"]:
        lines.append("factors:")
        for level, factor in terms["factors"].items():
            lines.append(f"  {level}: {number(factor)}")
    lines.append("payment:")
    for minimum, share in terms["payment"]:
        lines.append(f"  - {flow_mapping({'min': minimum, 'share': Decimal(share)})}")
    if terms["notice"]:
        lines.append(f"notice: {flow_mapping(terms['notice'])}")
    output.write_lines(f"services/{terms['id']}.yaml", lines)


# in place of `assessed` until the office signs the month's checks off
NOT_SIGNED_OFF = "# assessed: 待绩效办签核"


def write_service_month(output: Output, month: str, contract: str, checks: dict) -> None:
    terms = CONTRACT[contract]
    lines = [f"# {chinese_month(month)} {terms['name']}（{terms['provider']}）三级检查"]
    lines.append(f"assessor: {checks['assessor']}")
    if checks["assessed"]:
        lines.append(f"assessed: {checks['assessed'].isoformat()}")
    else:
        lines.append(NOT_SIGNED_OFF)
    if not checks["checks"]:
        lines.append("checks: []")
    else:
        lines.append("checks:")
        for check in checks["checks"]:
            lines += block_entry(
                {
                    "id": check["id"],
                    "level": check["level"],
                    "date": check["date"],
                    "by": check.get("by"),
                    "item": check["item"],
                    "description": check["description"],
                    "points": Decimal(check["points"]),
                    "evidence": [spec[0] for spec in check["evidence"]] or None,
                    "rectify_by": check.get("rectify_by"),
                    "rectified_on": check.get("rectified_on"),
                }
            )
    output.write_lines(f"{month}/services/{contract}.yaml", lines)
