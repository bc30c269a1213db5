"""Bonus points (加分): the catalogue of the five categories, written to
bonus-rules.yaml, and the departments' claims with the office's decisions, written to
YYYY-MM/bonuses/DEPT.yaml with their scanned evidence.

The claims cover every category, every decision (approved, pending in the month being
assessed, rejected with a reason), ranged and fixed points, rules valid for a period
only, error-free streaks of 3, 6 and 9 months over the clean plan's runs
(``assessments.CLEAN_PLAN``), and one department-month above the monthly cap.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .dates import chinese_month
from .organisation import DEPARTMENT
from .output import Output
from .photos import write_evidence
from .yaml_text import block_entry, flow_mapping

# A rule: (id, name, points: one value or a (low, high) range, streak, valid_from, valid_to)
Rule = tuple[str, str, str | tuple[str, str], int | None, str | None, str | None]
BONUS_RULES: list[tuple[str, str, list[Rule]]] = [  # category id, name, rules
    ("adoption", "文字材料采用", [
        ("adoption-city", "信息被市级采用", "0.5", None, None, None),
        ("adoption-province", "信息被自治区级采用", "1", None, None, None),
        ("adoption-national", "信息被国家级采用", "2", None, None, None),
        ("adoption-essay", "绩效管理专项征文入选", "1", None, "2026-01", "2026-06"),
    ]),
    ("award", "表彰奖励与评优评先", [
        ("award-city", "获市级表彰或评为市级先进", "1", None, None, None),
        ("award-province", "获自治区级表彰或评为自治区级先进", "2", None, None, None),
        ("award-civilized", "全国文明城市测评迎检工作获通报表扬", "1.5", None, "2026-04", "2026-09"),
    ]),
    ("innovation", "工作开创或创新", [
        ("innovation", "工作创新并取得实效", ("1", "3"), None, None, None),
        ("innovation-first", "工作开创（全市首创）", ("2", "3"), None, None, None),
    ]),
    ("recognition", "工作肯定或经验推广", [
        ("recognition-city", "工作获市领导批示肯定", "1", None, None, None),
        ("recognition-promote", "工作经验被上级推广", ("1", "2"), None, None, None),
    ]),
    ("error-free", "工作无差错", [
        ("error-free-3", "连续3个月无扣分", "0.5", 3, None, None),
        ("error-free-6", "连续6个月无扣分", "1", 6, None, None),
        ("error-free-9", "连续9个月无扣分", "1.5", 9, None, None),
        ("error-free-12", "连续12个月无扣分", "2", 12, None, None),
    ]),
]  # fmt: skip


def claim(
    rule: str,
    description: str,
    decision: str,
    points: str | None = None,
    reason: str | None = None,
    evidence: list | None = None,
) -> dict:
    return dict(
        rule=rule,
        points=points,
        description=description,
        evidence=evidence or [],
        decision=decision,
        reason=reason,
    )


# month: department: claims, in file order
BONUSES: dict[str, dict[str, list[dict[str, Any]]]] = {
    "2026-01": {
        "office": [
            claim(
                "adoption-city",
                "《示例市机关事务管理局全力做好春节期间机关运行保障》被市委办《信息快报》第3期采用",
                "approved",
                reason="核实无误",
                evidence=[("adoption-notice.png", "notice")],
            )
        ],
    },
    "2026-02": {
        "admin": [
            claim(
                "adoption-essay",
                "征文《让机关大院停车更有序》入选市绩效办绩效管理专项征文",
                "approved",
            )
        ],
        "meeting": [
            claim(
                "recognition-city",
                "市两会会务服务保障工作获市领导批示肯定",
                "approved",
                reason="有市领导批示件",
                evidence=[("instruction.png", "memo")],
            )
        ],
    },
    "2026-03": {
        "finance": [
            claim(
                "error-free-3",
                "1—3月连续3个月无扣分",
                "approved",
                reason="经核对1—3月考核记录，无扣分",
            )
        ],
        "property": [
            claim(
                "innovation",
                "探索公共机构节能改造合同能源管理模式",
                "rejected",
                points="1.5",
                reason="节能改造尚未完成验收，实效显现后再行申报",
            )
        ],
    },
    "2026-04": {
        "security": [
            claim(
                "award-city",
                "保卫处获评2025年度全市平安单位创建工作先进集体",
                "approved",
                evidence=[("award-certificate.png", "certificate")],
            )
        ],
    },
    "2026-05": {
        "property": [
            claim(
                "adoption-province",
                "《合同能源管理助力公共机构节能》被自治区机关事务管理局《工作简报》采用",
                "approved",
                evidence=[("bulletin.png", "notice")],
            )
        ],
        "green": [
            claim(
                "award-civilized",
                "全国文明城市测评迎检中机关大院环境卫生获市创建办通报表扬",
                "approved",
            )
        ],
    },
    "2026-06": {
        "office": [
            claim(
                "adoption-province",
                "《公文电子流转提速增效》被自治区机关事务管理局《工作简报》采用",
                "approved",
            ),
            claim(
                "innovation",
                "推行公文电子流转，公文平均办理时间由5天缩短至3天",
                "approved",
                points="2",
            ),
            claim(
                "recognition-promote",
                "公文电子流转做法被市直机关工委在全市机关推广",
                "approved",
                points="1.5",
                reason="核实无误；当月加分合计4.5分，按每月上限计3分",
            ),
        ],
        "finance": [
            claim(
                "error-free-3",
                "4—6月连续3个月无扣分",
                "approved",
                reason="经核对4—6月考核记录，无扣分",
            ),
            claim(
                "error-free-6",
                "1—6月连续6个月无扣分",
                "rejected",
                reason="1—3月已计入3月份“连续3个月无扣分”加分，同一月份不得重复计算",
            ),
        ],
        "archive": [claim("error-free-3", "档案室设立以来4—6月连续3个月无扣分", "approved")],
    },
    "2026-07": {
        "meeting": [
            claim(
                "error-free-6",
                "2—7月连续6个月无扣分",
                "approved",
                reason="经核对2—7月考核记录，无扣分",
            )
        ],
        "construction": [
            claim(
                "innovation",
                "文昌综合楼停车场改造采用错时共享停车，新增车位48个",
                "approved",
                points="2",
                evidence=[("new-parking-lot.jpg", "parking")],
            )
        ],
    },
    "2026-08": {
        "construction": [
            claim(
                "innovation",
                "自主开发维修工单小程序，实现报修、派单、验收线上办理",
                "rejected",
                points="3",
                reason="小程序尚处试运行阶段，未体现工作实效",
            )
        ],
        "security": [
            claim(
                "adoption-essay",
                "征文《守护机关大院平安》入选市绩效办绩效管理专项征文",
                "rejected",
                reason="该加分项适用期为2026年1—6月，本月不再适用",
            )
        ],
    },
    "2026-09": {
        "housing": [
            claim(
                "error-free-9",
                "1—9月连续9个月无扣分",
                "approved",
                reason="经核对1—9月考核记录，无扣分",
            )
        ],
        "meeting": [
            claim(
                "adoption-city",
                "《会议服务“零差错”是怎样炼成的》被市委办《信息快报》采用",
                "approved",
            )
        ],
    },
    "2026-10": {
        "office": [claim("error-free-3", "8—10月连续3个月无扣分", "approved")],
        "security": [
            claim(
                "award-province",
                "机关大院获评自治区级平安单位",
                "approved",
                evidence=[("award-province.png", "certificate")],
            )
        ],
        "green": [
            claim(
                "recognition-promote",
                "垃圾分类“定时定点”投放做法被市生活垃圾分类办推广",
                "approved",
                points="1",
            )
        ],
    },
    "2026-11": {
        "office": [
            claim(
                "adoption-city",
                "《机关事务“五公开”绩效考评实践》被市委办《信息快报》采用",
                "pending",
            )
        ],
        "housing": [
            claim(
                "error-free-12",
                "申请连续12个月无扣分加分",
                "rejected",
                reason="10月察访核验有扣分，连续无扣分月数不足12个月",
            )
        ],
        "green": [
            claim("innovation", "园林废弃物粉碎还田，减少垃圾清运量约30%", "pending", points="1.5")
        ],
    },
}


def write_bonus_rules(output: Output) -> None:
    lines = ["# 加分规则：五大类别，各项加分值及适用时间", "categories:"]
    for category, category_name, rules in BONUS_RULES:
        lines += [f"  - id: {category}", f"    name: {category_name}", "    rules:"]
        for rule, name, points, streak, valid_from, valid_to in rules:
            if isinstance(points, tuple):
                written: list[Decimal] | Decimal = [Decimal(points[0]), Decimal(points[1])]
            else:
                written = Decimal(points)
            entry = {
                "id": rule,
                "name": name,
                "points": written,
                "streak": streak,
                "valid_from": valid_from,
                "valid_to": valid_to,
            }
            lines.append("      - " + flow_mapping(entry))
    output.write_lines("bonus-rules.yaml", lines)


def write_claims(output: Output, month: str) -> None:
    """The month's claims files, with the evidence each claim attaches."""
    for department, claims in BONUSES.get(month, {}).items():
        entries = []
        for number, planned in enumerate(claims, 1):
            evidence = [write_evidence(output, month, spec) for spec in planned["evidence"]]
            entries.append(
                {
                    "id": f"B{number}",
                    "rule": planned["rule"],
                    "points": Decimal(planned["points"]) if planned["points"] else None,
                    "description": planned["description"],
                    "evidence": evidence or None,
                    "decision": planned["decision"],
                    "reason": planned["reason"],
                }
            )
        lines = [
            f"# {chinese_month(month)} {DEPARTMENT[department].name} 加分申报及绩效办审核",
            "claims:",
        ]
        for entry in entries:
            lines += block_entry(entry)
        output.write_lines(f"{month}/bonuses/{department}.yaml", lines)
