"""The organisation: the bureau's people and departments, the public indicators and
the responsibility boundaries; written to org.yaml and indicators.yaml.

People and departments change during the year (a leader retires in August and a
successor arrives in September, the archive is set up in April), and the weights
change in July, so that the example shows DESIGN §3's "change over time". Staff change
too (§3's dated heads and members, which the rewards of §11 follow): the heads of the
meeting service and property sections exchange posts in July, a clerk moves from one
section to another, one joins in May and one retires in August; the rewards rule
raises its base in July. The months' records follow: the head's own tasks and the
department's service checks name the head in force that month (``owner_in``,
``head_in``), and the routine files, which prefill the coming months, name the heads in
force in the latest month.
"""

from __future__ import annotations

from typing import NamedTuple

from scoring.model import within

from .output import ORG_FIRST_LINE, Output
from .yaml_text import block_entry, flow_mapping

UNIT = "示例市机关事务管理局"


class Person(NamedTuple):
    id: str
    name: str
    roles: list[str]
    github: str | None
    start: str | None  # first month, inclusive
    end: str | None  # last month, inclusive
    comment: str | None  # written after the entry in org.yaml


class Department(NamedTuple):
    id: str
    name: str
    head: str  # the head when no dated version says otherwise (``head_in``)
    members: list[str]
    start: str | None
    comment: str | None
    heads: list[dict[str, str]] | None = None  # org.yaml's dated head versions, if any
    joined: list[str | dict[str, str]] | None = None  # org.yaml's later members


PEOPLE = [
    Person("chen", "陈明", ["leader"], "chen-ming", None, None, "局长"),
    Person("liu", "刘建华", ["leader"], "liu-jianhua", None, None, "副局长"),
    Person("huang", "黄志刚", ["leader"], "huang-zhigang", None, None, "副局长"),
    Person("yang", "杨卫东", ["leader"], None, None, "2026-08", "副局长，2026年8月退休"),
    Person("he", "何晓燕", ["leader"], "he-xiaoyan", "2026-09", None, "副局长，2026年9月到任，接替杨卫东"),
    Person("wang", "王芳", ["office", "inspector"], "wang-fang", None, None, "局内部绩效办主任、监察员"),
    Person("li", "李娜", ["inspector"], "li-na", None, None, "局内部绩效办专职监察员"),
    Person("xu", "徐静", ["office"], "xu-jing", None, None, "局内部绩效办"),
    Person("zhou", "周丽", ["head"], "zhou-li", None, None, "办公室主任"),
    Person("gao", "高洁", [], "gao-jie", None, None, None),
    Person("zhao", "赵强", ["head"], "zhao-qiang", None, None, "行政科科长"),
    Person("sunl", "孙磊", [], "sun-lei", None, None, None),
    Person("guo", "郭勇", ["head"], "guo-yong", None, None, "保卫处处长"),
    Person("sunh", "孙浩", [], "sun-hao", None, None, None),
    Person("ma", "马丽萍", ["head"], "ma-liping", None, None, "财务科科长"),
    Person("pan", "潘悦", [], "pan-yue", None, None, None),
    Person("song", "宋佳", [], "song-jia", "2026-05", None, "2026年5月入职财务科"),
    Person("tang", "唐敏", ["head"], "tang-min", None, None, "会议服务科科长，2026年7月起交流任物业管理科科长"),
    Person("xie", "谢婷", [], "xie-ting", None, None, None),
    Person("han", "韩雪", [], "han-xue", None, None, "2026年7月由会议服务科调办公室"),
    Person("lin", "林涛", ["head"], "lin-tao", None, None, "物业管理科科长，2026年7月起交流任会议服务科科长"),
    Person("wu", "吴刚", [], "wu-gang", None, None, None),
    Person("deng", "邓海", ["head"], "deng-hai", None, None, "房产科科长"),
    Person("feng", "冯建军", ["head"], "feng-jianjun", None, None, "基建维修科科长"),
    Person("luo", "罗斌", [], None, None, None, None),
    Person("cao", "曹军", [], "cao-jun", None, "2026-08", "2026年8月退休"),
    Person("lu", "陆春梅", ["head"], "lu-chunmei", None, None, "绿化卫生科科长"),
    Person("zheng", "郑秀兰", [], "zheng-xiulan", None, None, None),
    Person("qian", "钱文", ["head"], "qian-wen", "2026-04", None, "档案室负责人，2026年4月到任"),
]  # fmt: skip
PERSON = {person.id: person for person in PEOPLE}

EXCHANGE = "2026-07"  # the month the heads of meeting and property exchange posts
DEPARTMENTS = [
    Department("office", "办公室", "zhou", ["gao"], None, None,
               joined=[{"id": "han", "from": EXCHANGE}]),
    Department("admin", "行政科", "zhao", ["sunl"], None, None),
    Department("security", "保卫处", "guo", ["sunh"], None, None),
    Department("finance", "财务科", "ma", ["pan"], None, None, joined=["song"]),
    Department("meeting", "会议服务科", "tang", ["xie"], None, "2026年7月起科长交流任职",
               heads=[{"from": "2026-01", "value": "tang"}, {"from": EXCHANGE, "value": "lin"}],
               joined=[{"id": "han", "to": "2026-06"}]),
    Department("property", "物业管理科", "lin", ["wu"], None, "2026年7月起科长交流任职",
               heads=[{"from": "2026-01", "value": "lin"}, {"from": EXCHANGE, "value": "tang"}]),
    Department("housing", "房产科", "deng", [], None, "周转房管理"),
    Department("construction", "基建维修科", "feng", ["luo"], None, "基建维修与办公用房调配",
               joined=["cao"]),
    Department("green", "绿化卫生科", "lu", ["zheng"], None, None),
    Department("archive", "档案室", "qian", [], "2026-04", "2026年4月新设"),
]  # fmt: skip
DEPARTMENT = {department.id: department for department in DEPARTMENTS}
DEPARTMENT_IDS = [department.id for department in DEPARTMENTS]


def departments_in(month: str) -> list[str]:
    return [d.id for d in DEPARTMENTS if within(month, d.start, None)]


def head_in(department: str, month: str) -> str:
    """The department's head in force in ``month``: its dated version, else its head."""
    entry = DEPARTMENT[department]
    heads = [version["value"] for version in entry.heads or () if version["from"] <= month]
    return heads[-1] if heads else entry.head


def owner_in(department: str, owner: str, month: str) -> str:
    """Who owns in ``month`` a task written for ``owner``: a head's task passes to the
    department's head in force; anyone else keeps it."""
    entry = DEPARTMENT[department]
    named = {entry.head, *(version["value"] for version in entry.heads or ())}
    return head_in(department, month) if owner in named else owner


def person_in(person: str, month: str) -> bool:
    entry = PERSON[person]
    return within(month, entry.start, entry.end)


def leaders_in(month: str) -> list[str]:
    return [p.id for p in PEOPLE if "leader" in p.roles and person_in(p.id, month)]


# id, name, max
PUBLIC = [
    ("politics", "政治学习", 5),
    ("study", "业务学习", 5),
    ("reporting", "信息上报", 5),
    ("discipline", "作风纪律", 5),
]

# kind, name, responsible department, comment
BOUNDARIES = [
    ("clutter", "杂物垃圾", "admin", "单车棚、楼道等公共区域堆放杂物垃圾"),
    ("fire-lane", "占用消防通道", "security", "凡占用、堵塞消防通道的，不论堆放物归属"),
    ("parking", "车辆乱停乱放", "admin", None),
    ("greenbelt", "绿地及苗木损毁", "green", None),
    ("lighting", "楼道及公共区域照明故障", "property", None),
    ("water-leak", "水电设施跑冒滴漏、排水不畅", "property", None),
    ("housing-facility", "周转房小区公共设施损坏", "housing", None),
]
BOUNDARY = {kind: department for kind, _name, department, _comment in BOUNDARIES}

BUSINESS = 80  # weights.business: the points of a department's targets


def write_org(output: Output) -> None:
    lines = [
        ORG_FIRST_LINE,
        "# 人员与科室的 from/to 为月份（含），不写表示不限",
        f"unit: {UNIT}",
        "language: zh",
        "repository: https://github.com/example/performance",
        "people:",
    ]
    for person in PEOPLE:
        entry = flow_mapping(
            {
                "id": person.id,
                "name": person.name,
                "roles": person.roles,
                "github": person.github,
                "from": person.start,
                "to": person.end,
            }
        )
        lines.append(f"  - {entry}" + (f"   # {person.comment}" if person.comment else ""))
    lines.append("departments:   # head 可写成按月份生效的版本；members 可写 {id, from, to}")
    for department in DEPARTMENTS:
        members: list[object] = [*department.members, *(department.joined or [])]
        entry = {
            "id": department.id,
            "name": department.name,
            "head": department.heads or department.head,
            "members": members or None,
            "from": department.start,
        }
        comment = department.comment
        if department.heads:  # a dated head: block style, one key a line
            lines += [f"  # {comment}"] if comment else []
            lines += block_entry(entry)
        else:
            lines.append(f"  - {flow_mapping(entry)}" + (f"   # {comment}" if comment else ""))
    lines += [
        "overseers_per_month: 2",
        "publish_ratings: false",
        "weights:",
        "  - from: 2026-01",
        "    value: {business: 80, public: 20, indicator: 0.7, leader: 0.3}",
        "  - from: 2026-07   # 局务会决定：自7月起提高指标考核比重",
        "    value: {business: 80, public: 20, indicator: 0.75, leader: 0.25}",
        "leader_rating:",
        "  trim: false",
        "grades:",
        "  - {id: excellent, name: 优秀, min: 95, quota: 0.3}",
        "  - {id: good, name: 良好, min: 85}",
        "  - {id: pass, name: 合格, min: 70}",
        "  - {id: fail, name: 不合格, min: 0}",
        "bonus:",
        "  cap_per_month: 3",
        "appeals:",
        "  window_days: 5",
        "rewards:   # 结果应用：年度绩效奖励（元/人·年）及各等次系数",
        "  - from: 2026-01",
        "    value:",
        "      base: 6000",
        "      coefficients: {excellent: 1.2, good: 1, pass: 0.8, fail: 0}",
        "  - from: 2026-07   # 局务会决定：自7月起提高奖励基数",
        "    value:",
        "      base: 6600",
        "      coefficients: {excellent: 1.2, good: 1, pass: 0.8, fail: 0}",
        "publish_rewards: false   # 个人奖励金额不在网站公开",
    ]
    output.write_lines("org.yaml", lines)


def write_indicators(output: Output) -> None:
    lines = ["# 公共指标（各科室共用）及职责边界规则", "public:"]
    for indicator, name, maximum in PUBLIC:
        lines.append(f"  - {flow_mapping({'id': indicator, 'name': name, 'max': maximum})}")
    lines.append("boundaries:           # 发现问题的类别决定责任科室")
    for kind, name, department, comment in BOUNDARIES:
        entry = flow_mapping({"kind": kind, "name": name, "department": department})
        lines.append(f"  - {entry}" + (f"   # {comment}" if comment else ""))
    output.write_lines("indicators.yaml", lines)
