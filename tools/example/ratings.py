"""Leader ratings (领导评价): each leader's 0–100 ratings of every department at the
monthly meeting; written to YYYY-MM/ratings/LEADER.yaml.

Each department has its usual level (drawn once), each leader's rating scatters around
it in half points; the two bad months are rated lower, sometimes with a comment.
"""

from __future__ import annotations

from decimal import Decimal

from .dates import chinese_month
from .months import meeting_day
from .organisation import PERSON, departments_in
from .output import Output
from .seeds import rng_for
from .yaml_text import flow_mapping, number

# The leaders' view of the two bad months (added to the department's usual level).
RATING_SHIFT = {("construction", "2026-05"): -5, ("security", "2026-08"): -9}
SHIFT_COMMENTS = {
    ("construction", "2026-05"): "停车场改造进度滞后，需倒排工期",
    ("security", "2026-08"): "监控室脱岗、应急演练推迟，须认真整改",
}

RATING_COMMENTS = {
    "office": ["公文办理及时规范", "信息报送质量有提升"],
    "admin": ["停车秩序整治成效明显", "单车棚杂物问题反复出现，需加强日常管理"],
    "security": ["消防检查整改及时", "值守纪律需进一步加强"],
    "finance": ["决算编报准确及时", "预算执行分析有深度"],
    "meeting": ["会务保障细致周到", "设备改造期间会务未受影响"],
    "property": ["报修响应快", "节能工作有亮点"],
    "housing": ["周转房清理工作推进有力", "住户服务耐心细致"],
    "construction": ["停车场改造进度把控较好", "施工现场管理需加强"],
    "green": ["大院环境整洁", "台风后清理不够及时"],
    "archive": ["档案室组建工作扎实", "数字化进度符合计划"],
}


def build_ratings(leader: str, month: str) -> dict[str, tuple[Decimal, str | None]]:
    """department -> (rating, comment)."""
    rng = rng_for("rate", leader, month)
    ratings = {}
    for department in departments_in(month):
        usual = rng_for("base", department).uniform(88.5, 94.5)
        level = usual + RATING_SHIFT.get((department, month), 0)
        value = level + rng.gauss(0, 2.2)
        value = max(80.0, min(99.0, round(value * 2) / 2))
        comment = None
        if (department, month) in SHIFT_COMMENTS and rng.random() < 0.5:
            comment = SHIFT_COMMENTS[(department, month)]
        elif rng.random() < 0.07:
            comment = rng.choice(RATING_COMMENTS[department])
        ratings[department] = (Decimal(str(value)), comment)
    return ratings


def write_ratings(
    output: Output, month: str, leader: str, ratings: dict[str, tuple[Decimal, str | None]]
) -> None:
    lines = [
        f"# {chinese_month(month)} {PERSON[leader].name} 领导评价（{meeting_day(month)} 考评会）",
        "scores:",
    ]
    for department, (score, comment) in ratings.items():
        if comment:
            lines.append(f"  {department}: {flow_mapping({'score': score, 'comment': comment})}")
        else:
            lines.append(f"  {department}: {number(score)}")
    output.write_lines(f"{month}/ratings/{leader}.yaml", lines)
