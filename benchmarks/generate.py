"""A synthetic organisation of any size, valid for ``kaoping validate``, for benchmarks.

    python benchmarks/generate.py --departments 100 --months 120 --out /tmp/city --commits

writes ``OUT/records/`` (DESIGN.md §2–§4, §9): org.yaml with the leaders, the
performance office and every department's head and member; indicators.yaml with
responsibility boundaries; the bonus catalogue; routine targets; one contract per
outsourced service and calendar year; and for each month month.yaml, every
department's targets and assessment, inspections whose findings are routed by kind or
by department (deductions with tiny JPEG photos), the leaders' ratings, the services'
checks, and appeals; then the bonus claims, once everything else is written: the
error-free streak claims are placed where the library (``scoring``) finds the months
clean and accepts the claim, so this file holds no copy of a scoring rule. Every month
is closed except the last two (published, then assessing).

``--seal`` writes seal.yaml for every closed month, the library's seal as ``kaoping
seal --write`` writes it (``scoring.sealing``). ``--commits`` makes OUT a git repository whose
history replays how the records came in, written with one ``git fast-import`` run:
``author`` (default) commits each authoring unit on its own (a department's targets, an
assessment, a leader's ratings, an inspection, a status change: tens of thousands of
commits at 100 × 120), ``kind`` one commit per month and kind of record.

Deterministic: the same arguments (and ``--seed``) give the same bytes. Files are
written as text directly (no YAML library in the loop); texts only use characters
that are plain YAML scalars.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import json
import random
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from scoring import model
from scoring.published import month_rows
from scoring.records import read_file, read_records
from scoring.results import assess_all, clean_flags, score
from scoring.results.claims import judge_claims
from scoring.results.departments import clean_streak
from scoring.sealing import input_listing, input_paths, month_seal
from scoring.sources import FolderSource

# ------------------------------------------------------------------ tiny but valid JPEGs (8×8)

_JPEG_HEAD = (
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABsSFBcUERsXFhceHBsgKEIrKCUlKFE6PTBCYFVlZF9VXVtqeJmBanGQc1td"
    "hbWGkJ6jq62rZ4C8ybqmx5moq6T/2wBDARweHigjKE4rK06kbl1upKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSkpKSk"
    "pKSkpKSkpKSkpKSkpKSkpKSkpKT/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAA"
)
JPEGS = [
    base64.b64decode(_JPEG_HEAD + tail)
    for tail in (
        "T/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABAX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA"
        "/9oADAMBAAIRAxEAPwCcAdUf/9k=",
        "P/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwT/xAAUEQEAAAAAAAAAAAAAAAAAAAAA"
        "/9oADAMBAAIRAxEAPwCYAEj/2Q==",
        "T/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAAAwX/xAAUEQEAAAAAAAAAAAAAAAAAAAAA"
        "/9oADAMBAAIRAxEAPwCYBRE//9k=",
        "T/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAAAAAAAAAAAAAAAAAAAAD/"
        "2gAMAwEAAhEDEQA/ALwAf//Z",
    )
]

# ------------------------------------------------------------------ word banks (plain YAML only:
# full-width punctuation, nothing that starts an indicator, no ": " or " #")

SURNAMES = [
    ("zhang", "张"), ("wang", "王"), ("li", "李"), ("zhao", "赵"), ("chen", "陈"), ("liu", "刘"),
    ("yang", "杨"), ("huang", "黄"), ("zhou", "周"), ("wu", "吴"), ("xu", "徐"), ("sun", "孙"),
    ("ma", "马"), ("zhu", "朱"), ("hu", "胡"), ("guo", "郭"), ("he", "何"), ("lin", "林"),
    ("luo", "罗"), ("gao", "高"), ("liang", "梁"), ("zheng", "郑"), ("xie", "谢"), ("tang", "唐"),
    ("deng", "邓"), ("feng", "冯"), ("han", "韩"), ("cao", "曹"), ("peng", "彭"), ("pan", "潘"),
]  # fmt: skip
GIVEN = [
    ("ming", "明"), ("fang", "芳"), ("qiang", "强"), ("jing", "静"), ("lei", "磊"), ("yan", "燕"),
    ("jun", "军"), ("li", "丽"), ("hua", "华"), ("bin", "斌"), ("tao", "涛"), ("min", "敏"),
    ("yong", "勇"), ("ting", "婷"), ("hai", "海"), ("wen", "文"), ("hong", "红"), ("gang", "刚"),
    ("xia", "霞"), ("peng", "鹏"), ("ping", "萍"), ("jie", "杰"), ("na", "娜"), ("wei", "伟"),
]  # fmt: skip
BASE_DEPARTMENTS = [
    ("office", "办公室"), ("admin", "行政科"), ("security", "保卫处"), ("finance", "财务科"),
    ("meeting", "会议服务科"), ("property", "物业管理科"), ("housing", "房产科"),
    ("construction", "基建维修科"), ("green", "绿化卫生科"), ("archive", "档案室"),
    ("personnel", "人事科"), ("party", "机关党委办公室"), ("canteen", "机关食堂管理科"),
    ("vehicle", "公务用车管理科"), ("energy", "节能管理科"), ("it", "信息中心"),
    ("legal", "政策法规科"), ("audit", "审计科"), ("assets", "国有资产管理科"),
    ("procurement", "政府采购科"),
]  # fmt: skip
DISTRICTS = [
    ("chengzhong", "城中"), ("yufeng", "鱼峰"), ("liunan", "柳南"), ("liubei", "柳北"),
    ("liujiang", "柳江"), ("liucheng", "柳城"), ("luzhai", "鹿寨"), ("rongan", "融安"),
    ("rongshui", "融水"), ("sanjiang", "三江"), ("yanghe", "阳和"), ("guantang", "官塘"),
    ("luorong", "雒容"), ("shatang", "沙塘"), ("hedong", "河东"), ("hexi", "河西"),
]  # fmt: skip
# kind, name, base department it routes to, what inspectors write
BOUNDARIES = [
    ("clutter", "杂物垃圾", "admin", "公共区域堆放杂物垃圾未及时清理"),
    ("fire-lane", "占用消防通道", "security", "消防通道堆放废旧桌椅等杂物"),
    ("parking", "车辆乱停乱放", "vehicle", "车辆未按划定车位停放"),
    ("greenbelt", "绿地及苗木损毁", "green", "绿地苗木被踩踏损毁未补植"),
    ("lighting", "楼道及公共区域照明故障", "property", "楼道照明灯具损坏超过三天未修复"),
    ("water-leak", "水电设施跑冒滴漏", "property", "卫生间水龙头漏水未报修"),
    ("housing-facility", "周转房小区公共设施损坏", "housing", "周转房小区单元门禁损坏"),
]
LOCATIONS = [
    ("courtyard", "机关大院"), ("bike-shed", "机关大院单车棚"), ("garage", "地下停车场"),
    ("main-building", "文昌综合楼"), ("east-green", "办公楼东侧绿地"), ("canteen", "机关食堂"),
    ("housing", "周转房小区"), ("archive-room", "档案库房"), ("meeting-hall", "三楼会议中心"),
    ("duty-room", "值班室"), ("fire-lane", "综合楼消防通道"), ("boiler-room", "锅炉房"),
]  # fmt: skip
DEPARTMENT_FINDINGS = [
    "值班记录填写不完整", "工作台账未及时更新", "上班时间工作人员离岗", "办公区域卫生较差",
    "文件资料随意堆放", "安全巡查记录缺失", "节能措施未落实，下班未关空调", "来访登记不规范",
]  # fmt: skip
NOTICES = ["门口地垫破损", "宣传栏内容过期", "窗台积灰较多", "指示牌松动", "灭火器压力偏低"]
OBJECTS = [
    "办公用房调配方案", "公务用车制度改革", "节能降耗改造", "机关食堂食品安全检查", "档案数字化",
    "消防设施维护保养", "停车场改造方案", "电梯更新改造", "生活垃圾分类", "会议室智能化改造",
    "周转房维修", "绿化补植", "安防监控系统升级", "财务内控制度修订", "预算执行分析",
    "固定资产清查", "年度采购计划", "信息化平台建设", "应急预案修订", "网络安全检查",
    "干部教育培训", "党风廉政建设责任制", "政务信息报送", "来信来访办理", "合同管理台账",
]  # fmt: skip
ACTIONS = ["完成", "推进", "组织开展", "编制", "落实", "牵头做好", "督促完成"]
STANDARDS = [
    "方案经局务会审议通过", "按期完成并形成书面报告", "验收合格，资料归档", "完成率达到100%",
    "全月无安全责任事故", "按时报送，数据准确", "整改到位并经绩效办核验", "群众满意度不低于95%",
]  # fmt: skip
SOURCES = ["市绩效办年度重点工作", "局党组交办", "局领导交办", "市委市政府督办事项"]
ROUTINE_TASKS = [
    ("日常值班值守", "值班表按时公布，值班记录完整"),
    ("公文收发与流转", "公文当日登记，流转无延误"),
    ("内部安全巡查", "每周巡查不少于2次并记录"),
    ("设施设备日常维护", "报修2个工作日内处理完毕"),
    ("台账资料管理", "台账清楚，按月归档"),
    ("办公用品领用管理", "按申领单5个工作日内发放"),
]
ITEM_REASONS = [
    "延期{n}天完成", "资料不完整，已要求补充", "进度滞后于计划", "未完全达到标准",
    "报送数据有误，已退回更正", "质量未达预期，需返工",
]  # fmt: skip
PUBLIC = [
    ("politics", "政治学习"), ("study", "业务学习"), ("reporting", "信息上报"),
    ("discipline", "作风纪律"),
]  # fmt: skip
PUBLIC_REASONS = {
    "politics": "集中学习缺勤1人次",
    "study": "业务培训心得未按时提交",
    "reporting": "当月信息报送少于2篇",
    "discipline": "例会迟到1人次",
}
RATING_COMMENTS = [
    "工作主动，配合积极",
    "落实有力，成效明显",
    "个别工作进度偏慢",
    "服务意识有待加强",
]
CLAIM_TEXTS = {
    "adoption-city": "工作信息被市委办信息采用",
    "adoption-province": "工作经验被自治区政务信息采用",
    "award-city": "获评市级先进集体",
    "award-province": "获自治区级表彰",
    "innovation": "推行{obj}新做法，成效明显",
    "recognition-city": "{obj}工作获市领导批示肯定",
    "recognition-promote": "{obj}经验被上级推广",
    "essay": "绩效管理专项征文入选",
}
REJECT_REASONS = ["证明材料不足", "不属于本月成果", "已在上月申报"]
APPEAL_GROUNDS = ["延期系客观原因所致，已书面报告", "该问题不属于本科室职责范围", "扣分依据不充分"]
APPEAL_DECISIONS = {
    "upheld": "经核实，申诉理由成立，予以纠正",
    "partly-upheld": "经核实，部分理由成立，扣分予以减半",
    "rejected": "经核实，申诉理由不成立，维持原评定",
    "withdrawn": None,
}
CONTRACT_KINDS = [  # category, id prefix, name, provider, supervising base department, checklist
    (
        "security", "guard", "机关大院安保服务", "柳州市金盾保安服务有限公司", "security",
        [("gate", "门岗值守及来访登记", 40), ("patrol", "夜间巡逻", 30), ("log", "安保台账", 30)],
    ),
    (
        "greening", "greening", "机关大院绿化养护", "柳州市绿景园林工程有限公司", "green",
        [("lawn", "草坪修剪平整、无杂草", 25), ("trees", "乔灌木修剪及病虫害防治", 25),
         ("litter", "绿地内无垃圾杂物", 30), ("log", "养护台账完整", 20)],
    ),
    (
        "cleaning", "cleaning", "机关大院保洁服务", "柳州市洁美物业服务有限公司", "green",
        [("floor", "公共区域地面、楼梯清洁", 30), ("toilet", "卫生间清洁无异味", 25),
         ("waste", "垃圾清运及分类", 25), ("log", "保洁巡查台账", 20)],
    ),
]  # fmt: skip
CHECK_TEXTS = [
    "巡查发现问题未及时处理",
    "台账记录不完整",
    "作业质量未达标准",
    "人员在岗情况不符合要求",
]

TZ = dt.timezone(dt.timedelta(hours=8))
MARK = "benchmarks/generate.py"  # in org.yaml's first line: OUT may be replaced next time


# ------------------------------------------------------------------ small helpers


def month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def month_name(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def last_day(month: str) -> int:
    year, number = int(month[:4]), int(month[5:7])
    following = dt.date(year + number // 12, number % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


def day(month: str, number: int) -> dt.date:
    return dt.date(int(month[:4]), int(month[5:7]), number)


def cn_month(month: str) -> str:
    return f"{int(month[:4])}年{int(month[5:7])}月"


def halves(value: int) -> str:
    """A number kept in halves (17 -> 8.5) as YAML prints it."""
    return str(value // 2) if value % 2 == 0 else f"{value // 2}.5"


def flow(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"


# ------------------------------------------------------------------ the organisation


@dataclass
class Person:
    id: str
    name: str
    roles: tuple[str, ...]
    start: str | None = None
    end: str | None = None

    def active(self, month: str) -> bool:
        return (self.start is None or self.start <= month) and (
            self.end is None or month <= self.end
        )


@dataclass
class Department:
    id: str
    name: str
    head: Person
    member: Person
    start: str | None = None
    routine: list[tuple[str, str, str, int]] = field(default_factory=list)  # id, title, std, w

    def active(self, month: str) -> bool:
        return self.start is None or self.start <= month


@dataclass
class Contract:
    id: str
    category: str
    name: str
    provider: str
    department: str
    start: str
    end: str
    fee: str
    checklist: list[tuple[str, str, int]]
    notice: bool


@dataclass
class Batch:
    """One commit to be: when, who, what; entries are (path, bytes or None = read from disk)."""

    when: dt.datetime
    author: Person
    message: str
    group: tuple[str, str]  # (month, step): the `kind` granularity merges a group
    entries: list[tuple[str, bytes | None]]
    pull_request: bool = True  # the message ends with "(#N)", numbered in time order


class Names:
    """Unique people ids and Chinese names, cheaply."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def person(self, roles: tuple[str, ...], **period: str | None) -> Person:
        (s_py, s_cn), (g_py, g_cn) = self.rng.choice(SURNAMES), self.rng.choice(GIVEN)
        base = s_py + g_py
        person_id, n = base, 1
        while person_id in self.used:
            n += 1
            person_id = f"{base}{n}"
        self.used.add(person_id)
        name = s_cn + g_cn + (self.rng.choice(GIVEN)[1] if self.rng.random() < 0.6 else "")
        return Person(person_id, name, roles, period.get("start"), period.get("end"))


class Generator:
    def __init__(self, departments: int, months: int, start: str, out: Path, seed: int) -> None:
        self.rng = random.Random(f"kaoping-bench-{seed}")
        self.claims_rng = random.Random(f"kaoping-bench-{seed}-claims")
        self.out = out
        self.root = out / "records"
        first = month_index(start)
        self.months = [month_name(first + i) for i in range(months)]
        self.content: dict[str, bytes] = {}  # every file written, relative to records/
        self.batches: list[Batch] = []
        self.stats: dict[str, int] = defaultdict(int)
        self._dirs: set[Path] = set()
        self.services_checks: dict[tuple[str, str], int] = {}  # (contract, month) -> checks
        self._build_org(departments)

    # -------------------------------------------------------------- writing

    def write(self, path: str, lines: list[str] | bytes) -> bytes:
        data = lines if isinstance(lines, bytes) else ("\n".join(lines) + "\n").encode("utf-8")
        full = self.root / path
        if full.parent not in self._dirs:
            full.parent.mkdir(parents=True, exist_ok=True)
            self._dirs.add(full.parent)
        with open(full, "wb") as handle:
            handle.write(data)
        self.content[path] = data
        return data

    def commit(
        self,
        when: dt.datetime,
        author: Person,
        message: str,
        group: tuple[str, str],
        entries: list[tuple[str, bytes | None]],
        pull_request: bool = True,
    ) -> None:
        self.batches.append(Batch(when, author, message, group, entries, pull_request))

    # -------------------------------------------------------------- org.yaml and the rules

    def _build_org(self, count: int) -> None:
        rng = self.rng
        names = Names(rng)
        first, last = self.months[0], self.months[-1]
        span = len(self.months)
        # Six leaders rate at any time: one retires part-way, a successor arrives.
        turn = month_name(month_index(first) + span * 2 // 5) if span >= 3 else None
        self.leaders = [names.person(("leader",)) for _ in range(5)]
        if turn:
            before = month_name(month_index(turn) - 1)
            self.leaders.append(names.person(("leader",), end=before))
            self.leaders.append(names.person(("leader",), start=turn))
        else:
            self.leaders.append(names.person(("leader",)))
        staff = max(4, count // 12)
        self.office = [names.person(("office", "inspector"))]
        self.office += [names.person(("inspector",)) for _ in range(staff // 2)]
        self.office += [names.person(("office",)) for _ in range(staff - staff // 2)]
        self.inspectors = [p for p in self.office if "inspector" in p.roles]
        self.assessors = self.office
        self.departments: list[Department] = []
        for index in range(count):
            round_, base = divmod(index, len(BASE_DEPARTMENTS))
            base_id, base_name = BASE_DEPARTMENTS[base]
            if round_ == 0:
                dept_id, name = base_id, base_name
            else:
                d_py, d_cn = DISTRICTS[(round_ - 1) % len(DISTRICTS)]
                suffix = "" if round_ <= len(DISTRICTS) else str(round_)
                dept_id, name = f"{d_py}{suffix}-{base_id}", f"{d_cn}{suffix}分局{base_name}"
            start = None
            if index % 20 == 19 and span > 24:  # a department set up two years in
                start = month_name(month_index(first) + 24)
            department = Department(dept_id, name, names.person(("head",)), names.person(()), start)
            tasks = rng.sample(ROUTINE_TASKS, 4)
            weights = rng.choice([[10, 10, 10, 10], [15, 10, 10, 5], [10, 10, 5, 5]])
            department.routine = [
                (f"R{n}", title, standard, weight)
                for n, ((title, standard), weight) in enumerate(zip(tasks, weights, strict=True), 1)
            ]
            self.departments.append(department)
        by_base: dict[str, Department] = {}
        for department in self.departments:
            by_base.setdefault(department.id, department)
        fallback = [d for d in self.departments if d.start is None]

        def base_department(base_id: str, n: int) -> Department:
            return by_base.get(base_id) or fallback[n % len(fallback)]

        self.routes = {
            kind: base_department(base_id, n).id
            for n, (kind, _name, base_id, _text) in enumerate(BOUNDARIES)
        }
        self.route_of_department: dict[str, list[str]] = defaultdict(list)
        for kind, department_id in self.routes.items():
            self.route_of_department[department_id].append(kind)
        self.people = self.leaders + self.office
        for department in self.departments:
            self.people += [department.head, department.member]
        self.overseer_pool = self.leaders + [d.head for d in fallback[:12]]
        self.weights_turn = month_name(month_index(first) + span // 2) if span >= 2 else None
        self.contracts: list[Contract] = []
        for year in range(int(first[:4]), int(last[:4]) + 1):
            for n, (category, prefix, name, provider, base_id, checklist) in enumerate(
                CONTRACT_KINDS
            ):
                fee = 40000 + 1500 * ((year * 7 + n * 3) % 11)
                self.contracts.append(
                    Contract(
                        f"{prefix}-{year}",
                        category,
                        name,
                        provider,
                        base_department(base_id, n).id,
                        f"{year}-01",
                        f"{year}-12",
                        f"{fee}.00",
                        checklist,
                        notice=category == "cleaning",
                    )
                )

    def org_files(self) -> list[tuple[str, bytes]]:
        lines = [
            f"# 合成数据：单位、人员、科室、权重、等次及加分上限（{MARK}）",
            "unit: 合成市机关事务管理局",
            "language: zh",
            "repository: https://github.com/example/performance",
            "people:",
        ]
        for person in self.people:
            entry = f"  - {{id: {person.id}, name: {person.name}, roles: {flow(person.roles)}"
            if person.start:
                entry += f", from: {person.start}"
            if person.end:
                entry += f", to: {person.end}"
            lines.append(entry + "}")
        lines.append("departments:")
        for d in self.departments:
            entry = f"  - {{id: {d.id}, name: {d.name}, head: {d.head.id}, members: [{d.member.id}]"
            lines.append(entry + (f", from: {d.start}}}" if d.start else "}"))
        lines += ["overseers_per_month: 2", "publish_ratings: false", "weights:"]
        lines += [
            f"  - from: {self.months[0]}",
            "    value: {business: 80, public: 20, indicator: 0.7, leader: 0.3}",
        ]
        if self.weights_turn:
            lines += [
                f"  - from: {self.weights_turn}   # 局务会决定：提高指标考核比重",
                "    value: {business: 80, public: 20, indicator: 0.75, leader: 0.25}",
            ]
        lines += [
            "leader_rating:",
            "  trim: true",
            "grades:",
            "  - {id: excellent, name: 优秀, min: 95, quota: 0.3}",
            "  - {id: good, name: 良好, min: 85}",
            "  - {id: pass, name: 合格, min: 70}",
            "  - {id: fail, name: 不合格, min: 0}",
            "bonus:",
            "  cap_per_month: 3",
            "appeals:",
            "  window_days: 5",
        ]
        files = [("org.yaml", self.write("org.yaml", lines))]
        lines = ["# 公共指标及职责边界规则", "public:"]
        lines += [f"  - {{id: {pid}, name: {name}, max: 5}}" for pid, name in PUBLIC]
        lines.append("boundaries:")
        for kind, name, _base, _text in BOUNDARIES:
            lines.append(f"  - {{kind: {kind}, name: {name}, department: {self.routes[kind]}}}")
        files.append(("indicators.yaml", self.write("indicators.yaml", lines)))
        essay_from = self.months[min(12, len(self.months) - 1)]
        essay_to = self.months[min(23, len(self.months) - 1)]
        self.essay_period = (essay_from, essay_to)
        lines = [
            "# 加分规则：五大类别",
            "categories:",
            "  - id: adoption",
            "    name: 文字材料采用",
            "    rules:",
            "      - {id: adoption-city, name: 信息被市级采用, points: 0.5}",
            "      - {id: adoption-province, name: 信息被自治区级采用, points: 1}",
            f"      - {{id: essay, name: 绩效管理专项征文入选, points: 1, valid_from: {essay_from},"
            f" valid_to: {essay_to}}}",
            "  - id: award",
            "    name: 表彰奖励与评优评先",
            "    rules:",
            "      - {id: award-city, name: 获市级表彰或评为市级先进, points: 1}",
            "      - {id: award-province, name: 获自治区级表彰, points: 2}",
            "  - id: innovation",
            "    name: 工作开创或创新",
            "    rules:",
            "      - {id: innovation, name: 工作创新并取得实效, points: [1, 3]}",
            "  - id: recognition",
            "    name: 工作肯定或经验推广",
            "    rules:",
            "      - {id: recognition-city, name: 工作获市领导批示肯定, points: 1}",
            "      - {id: recognition-promote, name: 工作经验被上级推广, points: [1, 2]}",
            "  - id: error-free",
            "    name: 工作无差错",
            "    rules:",
            "      - {id: error-free-3, name: 连续3个月无扣分, points: 0.5, streak: 3}",
            "      - {id: error-free-6, name: 连续6个月无扣分, points: 1, streak: 6}",
            "      - {id: error-free-9, name: 连续9个月无扣分, points: 1.5, streak: 9}",
            "      - {id: error-free-12, name: 连续12个月无扣分, points: 2, streak: 12}",
        ]
        files.append(("bonus-rules.yaml", self.write("bonus-rules.yaml", lines)))
        for d in self.departments:
            lines = [f"# {d.name} 常规工作目标（三定职责）", "items:"]
            for item_id, title, standard, weight in d.routine:
                owner = d.member.id if item_id != "R1" else d.head.id
                lines += [
                    f"  - id: {item_id}",
                    f"    title: {title}",
                    f"    standard: {standard}",
                    "    deadline_day: last",
                    f"    owner: {owner}",
                    f"    weight: {weight}",
                ]
            path = f"routine/{d.id}.yaml"
            files.append((path, self.write(path, lines)))
        for c in self.contracts:
            lines = [
                f"# {c.name}（{c.provider}）考评细则",
                f"name: {c.name}",
                f"provider: {c.provider}",
                f"category: {c.category}",
                f"department: {c.department}",
                f"from: {c.start}",
                f"to: {c.end}",
                f"monthly_fee: {c.fee}",
                "checklist:",
            ]
            lines += [f"  - {{id: {i}, name: {n}, max: {m}}}" for i, n, m in c.checklist]
            lines += [
                "payment:",
                "  - {min: 95, share: 1}",
                "  - {min: 90, share: 0.98}",
                "  - {min: 80, share: 0.95}",
                "  - {min: 0, share: 0.9}",
            ]
            if c.notice:
                lines.append("notice: {below: 85, months: 2}")
            path = f"services/{c.id}.yaml"
            files.append((path, self.write(path, lines)))
        return files

    # -------------------------------------------------------------- one month

    def generate(self) -> None:
        setup = self.org_files()
        start = dt.datetime.combine(day(self.months[0], 1), dt.time(8, 0), TZ)
        when = start - dt.timedelta(days=7)
        self.commit(when, self.office[0], "建立考评记录库", ("", "setup"), setup, False)  # type: ignore[arg-type]
        self.ordinary_claims: dict[tuple[str, str], dict[str, str]] = {}  # (month, dept) -> claim
        self.appeal_numbers: dict[int, int] = defaultdict(int)
        self.service_history: dict[str, list[int]] = defaultdict(list)
        for index, month in enumerate(self.months):
            remaining = len(self.months) - 1 - index
            status = (
                "closed" if remaining >= 2 else ("published" if remaining == 1 else "assessing")
            )
            self.month(month, status, index)
        self.file_claims()

    def month(self, m: str, status: str, index: int) -> None:
        rng = self.rng
        following = month_name(month_index(m) + 1)
        meeting = day(following, 3 + rng.randrange(3))
        published = day(following, 7 + rng.randrange(3))
        closed = day(following, 18 + rng.randrange(6))
        last = last_day(m)
        departments = [d for d in self.departments if d.active(m)]
        leaders = [p for p in self.leaders if p.active(m)]
        absent = [rng.choice(leaders).id] if len(leaders) > 1 and rng.random() < 0.05 else []
        pool = [p for p in self.overseer_pool if p.active(m)]
        overseers = [pool[(2 * index) % len(pool)].id, pool[(2 * index + 1) % len(pool)].id]
        if overseers[0] == overseers[1]:
            overseers = overseers[:1]
        scored = status != "assessing"
        office = self.office[0]
        at = lambda d, h=9, minute=0: dt.datetime.combine(d, dt.time(h, minute), TZ)  # noqa: E731

        # month.yaml, as it evolves: open -> assessing -> published -> closed
        def month_yaml(state: str) -> bytes:
            lines = [
                f"# {cn_month(m)} 考评状态",
                f"status: {state}",
                f"meeting: {meeting}",
                f"overseers: {flow(overseers)}",
                f"absent: {flow(absent if state != 'open' else [])}",
            ]
            if state in ("published", "closed"):
                lines.append(f"published: {published}")
            if state == "closed":
                lines.append(f"closed: {closed}")
            return ("\n".join(lines) + "\n").encode("utf-8")

        path = f"{m}/month.yaml"
        self.commit(
            at(day(m, 1)), office, f"{m} 开始考评", (m, "open"), [(path, month_yaml("open"))]
        )

        # Which departments lose points this month, and how.
        plan: dict[str, set[str]] = {}
        for d in departments:
            if rng.random() < 0.55:
                plan[d.id] = set()  # clean
                continue
            modes = {
                mode
                for mode, chance in (
                    ("item", 0.5),
                    ("public", 0.3),
                    ("deduction", 0.25),
                    ("on-target", 0.15),
                    ("outside", 0.05),
                )  # fmt: skip
                if rng.random() < chance
            }
            plan[d.id] = modes or {"item"}

        # Targets (written by the departments).
        targets: dict[str, list[tuple[str, str, int]]] = {}  # dept -> (id, title, weight)
        for d in departments:
            lines = [f"# {cn_month(m)} {d.name} 月度目标", "items:"]
            items: list[tuple[str, str, int]] = []
            extra = rng.choice([3, 4, 5, 6])
            rest = 80 - sum(w for *_x, w in d.routine)
            weights = self._split(rest, extra)
            for n, weight in enumerate(weights, 1):
                kind = "key" if n <= max(1, extra - 1) else "other"
                item_id = f"K{n}" if kind == "key" else f"O{n}"
                title = rng.choice(ACTIONS) + rng.choice(OBJECTS)
                owner = d.head.id if n % 2 else d.member.id
                lines += [f"  - id: {item_id}", f"    kind: {kind}"]
                if kind == "key":
                    lines.append(f"    source: {rng.choice(SOURCES)}")
                lines += [
                    f"    title: {title}",
                    f"    standard: {rng.choice(STANDARDS)}",
                    f"    deadline: {day(m, rng.randrange(15, last + 1))}",
                    f"    owner: {owner}",
                    f"    weight: {weight}",
                ]
                items.append((item_id, title, weight))
            for item_id, title, standard, weight in d.routine:
                owner = d.member.id if item_id != "R1" else d.head.id
                lines += [
                    f"  - id: {item_id}",
                    "    kind: routine",
                    f"    title: {title}",
                    f"    standard: {standard}",
                    f"    deadline: {day(m, last)}",
                    f"    owner: {owner}",
                    f"    weight: {weight}",
                ]
                items.append((item_id, title, weight))
            targets[d.id] = items
            self.stats["target items"] += len(items)
            path = f"{m}/targets/{d.id}.yaml"
            data = self.write(path, lines)
            when = at(day(m, 2 + rng.randrange(4)), 9 + rng.randrange(8), rng.randrange(60))
            self.commit(when, d.head, f"{m} {d.name} 月度目标", (m, "targets"), [(path, data)])

        # Inspections: the findings that cost points, plus notices that cost none.
        findings: list[dict[str, object]] = []
        losses: dict[tuple[str, str], tuple[int, str]] = {}  # (dept, item) -> (lost halves, reason)
        for d in departments:
            modes = plan[d.id]
            if "deduction" in modes or "outside" in modes:
                findings.append(
                    {"department": d, "deduction": rng.choice([1, 2, 2, 3, 4]),
                     "outside": "outside" in modes and "deduction" not in modes}
                )  # fmt: skip
                if "deduction" in modes and "outside" in modes:
                    findings.append({"department": d, "deduction": 2, "outside": True})
            if "on-target" in modes:
                item_id, title, weight = rng.choice(targets[d.id])
                findings.append({"department": d, "target": item_id})
                lost = min(2 * weight, rng.choice([2, 4]))
                losses[(d.id, item_id)] = (lost, "察访核验发现问题，影响该项目标完成质量")
        for _ in range(rng.randrange(1, 4)):
            findings.append({"department": rng.choice(departments), "notice": True})
        rng.shuffle(findings)
        evidence_files: list[tuple[str, bytes]] = []
        inspections: dict[str, list[str]] = {}  # stem -> the finding ids (for appeals)
        inspection_departments: dict[str, list[tuple[str, str, bool]]] = {}
        per_inspection = 3
        for start in range(0, len(findings), per_inspection):
            group = findings[start : start + per_inspection]
            date = day(m, rng.randrange(2, last - 1))
            slug, location = rng.choice(LOCATIONS)
            stem = f"{date}-{slug}"
            n = 2
            while stem in inspections:
                stem = f"{date}-{slug}-{n}"
                n += 1
            team = [rng.choice(self.inspectors)]
            others = [p for p in self.office if p is not team[0]]
            team += rng.sample(others, 1 + (rng.random() < 0.3))
            lines = [
                f"# {cn_month(m)}{date.day}日 察访核验：{location}",
                f"date: {date}",
                f"inspectors: {flow(p.id for p in team)}",
                f"location: {location}",
                "findings:",
            ]
            ids = []
            routed_to = []
            entries: list[tuple[str, bytes | None]] = []
            for number, finding in enumerate(group, 1):
                department: Department = finding["department"]  # type: ignore[assignment]
                finding_id = f"F{number}"
                ids.append(finding_id)
                kinds = self.route_of_department.get(department.id, [])
                kind = rng.choice(kinds) if kinds and rng.random() < 0.8 else None
                lines.append(f"  - id: {finding_id}")
                if kind:
                    lines.append(f"    kind: {kind}")
                    if rng.random() < 0.2:
                        lines.append(f"    department: {department.id}")
                    text = next(t for k, _n, _b, t in BOUNDARIES if k == kind)
                else:
                    lines.append(f"    department: {department.id}")
                    text = rng.choice(DEPARTMENT_FINDINGS)
                if finding.get("notice"):
                    text = rng.choice(NOTICES)
                lines.append(f"    description: {location}{text}")
                deduction = finding.get("deduction")
                if deduction or rng.random() < 0.3:
                    name = f"{stem}-{finding_id.lower()}.jpg"
                    photo = JPEGS[(number + date.day) % len(JPEGS)]
                    evidence_files.append((f"{m}/evidence/{name}", photo))
                    entries.append((f"{m}/evidence/{name}", photo))
                    lines.append(f"    evidence: [{name}]")
                if deduction:
                    lines.append(f"    deduction: {halves(deduction)}")  # type: ignore[arg-type]
                    if finding.get("outside"):
                        lines.append("    in_indicators: false")
                if finding.get("target"):
                    lines.append(f"    target: {finding['target']}")
                rectify_by = date + dt.timedelta(days=rng.randrange(2, 8))
                lines.append(f"    rectify_by: {rectify_by}")
                if index_is_old(self.months, m) or rng.random() < 0.6:
                    fixed = rectify_by - dt.timedelta(days=rng.randrange(0, 2))
                    lines.append(f"    rectified_on: {fixed}")
                routed_to.append((finding_id, department.id, bool(deduction)))
                self.stats["findings"] += 1
            inspections[stem] = ids
            inspection_departments[stem] = routed_to
            path = f"{m}/inspections/{stem}.yaml"
            data = self.write(path, lines)
            entries.insert(0, (path, data))
            when = at(date, 10 + rng.randrange(6), rng.randrange(60))
            self.commit(when, team[0], f"{m} 察访核验 {location}", (m, "inspections"), entries)
        for path, photo in evidence_files:
            self.write(path, photo)

        # Assessments (the office), then the month moves to assessing.
        self.commit(
            at(day(m, last), 8), office, f"{m} 进入考核", (m, "assessing"),
            [(f"{m}/month.yaml", month_yaml("assessing"))],
        )  # fmt: skip
        assessed: set[str] = set()
        for d in departments:
            if not scored and rng.random() < 0.4:
                continue  # still being assessed
            assessed.add(d.id)
            modes = plan[d.id]
            lost_items = {
                item_id: losses[(d.id, item_id)]
                for item_id, _title, _weight in targets[d.id]
                if (d.id, item_id) in losses
            }
            if "item" in modes:
                for item_id, _title, weight in rng.sample(targets[d.id], rng.choice([1, 1, 2])):
                    if item_id not in lost_items:
                        reason = rng.choice(ITEM_REASONS).format(n=rng.randrange(2, 9))
                        lost_items[item_id] = (min(2 * weight, rng.choice([1, 2, 4, 6])), reason)
            lines = [
                f"# {cn_month(m)} {d.name} 指标考核（绩效办）",
                f"assessor: {rng.choice(self.assessors).id}",
                "items:",
            ]
            for item_id, _title, weight in targets[d.id]:
                if item_id in lost_items:
                    lost, reason = lost_items[item_id]
                    lines.append(
                        f"  {item_id}: {{score: {halves(2 * weight - lost)}, reason: {reason}}}"
                    )
                else:
                    lines.append(f"  {item_id}: {{score: {weight}}}")
            lines.append("public:")
            low = rng.choice(PUBLIC)[0] if "public" in modes else None
            for pid, _name in PUBLIC:
                if pid == low:
                    lines.append(
                        f"  {pid}: {{score: {rng.choice(['4', '4.5', '3'])}, reason: {PUBLIC_REASONS[pid]}}}"
                    )
                else:
                    lines.append(f"  {pid}: {{score: 5}}")
            path = f"{m}/assessments/{d.id}.yaml"
            data = self.write(path, lines)
            when = at(day(m, last), 10 + rng.randrange(8), rng.randrange(60))
            self.commit(when, office, f"{m} {d.name} 指标考核", (m, "assessments"), [(path, data)])

        # Services: the month's checks of each contract.
        for contract in self.contracts:
            if not (contract.start <= m <= contract.end):
                continue
            self._service_month(m, contract, status, at)

        # Ratings at the meeting early next month (none yet while assessing).
        rated = scored
        if rated:
            for leader in leaders:
                if leader.id in absent:
                    continue
                lines = [f"# {cn_month(m)} {leader.name} 领导评价（{meeting} 考评会）", "scores:"]
                for d in departments:
                    # clean months rate 90..99, others 85..95
                    score = halves(
                        180 + rng.randrange(19) if not plan[d.id] else 170 + rng.randrange(21)
                    )
                    if rng.random() < 0.04:
                        lines.append(
                            f"  {d.id}: {{score: {score}, comment: {rng.choice(RATING_COMMENTS)}}}"
                        )
                    else:
                        lines.append(f"  {d.id}: {score}")
                path = f"{m}/ratings/{leader.id}.yaml"
                data = self.write(path, lines)
                self.commit(
                    at(meeting, 15, rng.randrange(60)),
                    leader,
                    f"{m} {leader.name} 领导评价",
                    (m, "ratings"),
                    [(path, data)],
                )

        # Ordinary bonus claims, drawn with the month; they are filed with the error-free
        # ones once the library can say which months were clean (``file_claims``).
        for d in departments:
            claim = self._ordinary_claim(m, status)
            if claim:
                self.ordinary_claims[(m, d.id)] = claim

        # Publication and closing (the seal, when asked for, joins the closing commit).
        if status in ("published", "closed"):
            self.commit(
                at(published),
                office,
                f"{m} 考评结果公开",
                (m, "published"),
                [(f"{m}/month.yaml", month_yaml("published"))],
            )
        if status == "closed":
            self.commit(
                at(closed),
                office,
                f"{m} 考评归档",
                (m, "closed"),
                [(f"{m}/month.yaml", month_yaml("closed")), (f"{m}/seal.yaml", None)],
            )
        self.write(f"{m}/month.yaml", month_yaml(status))

        # Appeals against the month's findings and marks, filed within the window.
        if status in ("published", "closed") and rng.random() < 0.5:
            self._appeal(m, published, status, inspection_departments, targets, assessed, at)

    def _split(self, total: int, parts: int) -> list[int]:
        """``total`` split into ``parts`` positive integers (largest first)."""
        cuts = sorted(self.rng.sample(range(1, total), parts - 1))
        pieces = [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]
        return sorted(pieces, reverse=True)

    def _ordinary_claim(self, m: str, status: str) -> dict[str, str] | None:
        rng = self.rng
        if rng.random() >= 0.12:
            return None
        rules = ["adoption-city", "adoption-province", "award-city", "award-province",
                 "innovation", "recognition-city", "recognition-promote"]  # fmt: skip
        if self.essay_period[0] <= m <= self.essay_period[1]:
            rules.append("essay")
        rule = rng.choice(rules)
        claim = {"rule": rule, "description": CLAIM_TEXTS[rule].format(obj=rng.choice(OBJECTS))}
        if rule == "innovation":
            claim["points"] = rng.choice(["1", "1.5", "2", "3"])
        elif rule == "recognition-promote":
            claim["points"] = rng.choice(["1", "1.5", "2"])
        if status == "assessing" and rng.random() < 0.5:
            claim["decision"] = "pending"
        elif rng.random() < 0.15:
            claim["decision"] = "rejected"
            claim["reason"] = rng.choice(REJECT_REASONS)
        else:
            claim["decision"] = "approved"
        claim["evidence"] = "yes" if rng.random() < 0.4 else ""
        return claim

    # -------------------------------------------------------------- bonus claims

    def file_claims(self) -> None:
        """Every month's claims files, once everything else is written.

        Error-free claims are where the library (``scoring.results``) finds a run of
        clean months: its clean flags give the department's streak, and its judgement
        of the claim, after the department's claims filed before, says whether those
        months are still unclaimed. A department claims the longest rule its streak
        allows that the library accepts (with some chance of waiting); nothing here
        decides what clean means or which months a claim uses.
        """
        records = read_records(self.root).records
        self.bonus_rules = records.bonus_rules
        self.clean_flags = clean_flags(assess_all(records))
        del records
        # department -> month -> the error-free rule claimed then
        self.error_free_filed: dict[str, dict[str, str]] = defaultdict(dict)
        rng = self.claims_rng
        for m in self.months:
            for d in self.departments:
                if not d.active(m):
                    continue
                claims = []
                rule = self._error_free_rule(d.id, m)
                if rule:
                    streak = rule.rsplit("-", 1)[1]
                    claims.append({"rule": rule, "decision": "approved",
                                   "description": f"连续{streak}个月工作无差错"})  # fmt: skip
                    self.stats["error-free claims"] += 1
                if (m, d.id) in self.ordinary_claims:
                    claims.append(self.ordinary_claims[(m, d.id)])
                if claims:
                    when = dt.datetime.combine(
                        day(m, min(25, last_day(m))), dt.time(11, rng.randrange(60)), TZ
                    )
                    self._write_claims(d, m, claims, when)

    def _error_free_rule(self, department: str, m: str) -> str | None:
        streak = clean_streak(self.clean_flags, department, m)
        for length, chance in ((12, 1.0), (9, 0.8), (6, 0.7), (3, 0.5)):
            if streak < length or self.claims_rng.random() >= chance:
                continue
            rule = f"error-free-{length}"
            if self._library_accepts(department, m, rule):
                self.error_free_filed[department][m] = rule
                return rule
        return None

    def _library_accepts(self, department: str, m: str, rule: str) -> bool:
        """Whether the library judges an approved claim of ``rule`` in ``m`` valid,
        after the department's error-free claims filed so far (earlier months)."""

        def sheet(claimed: str) -> model.ClaimSheet:
            return model.ClaimSheet((model.Claim("B1", claimed, "", decision="approved"),))

        filed = {**self.error_free_filed[department], m: rule}
        months = {
            month: model.MonthRecords(month, bonuses={department: sheet(claimed)})
            for month, claimed in filed.items()
        }
        records = model.Records(bonus_rules=self.bonus_rules, months=months)
        verdicts = judge_claims(records, self.clean_flags)
        return verdicts[-1].valid  # the latest month's: this claim

    def _write_claims(
        self, d: Department, m: str, claims: list[dict[str, str]], when: dt.datetime
    ) -> None:
        lines = [f"# {cn_month(m)} {d.name} 加分申报及绩效办审核", "claims:"]
        entries: list[tuple[str, bytes | None]] = []
        for number, claim in enumerate(claims, 1):
            lines.append(f"  - id: B{number}")
            lines.append(f"    rule: {claim['rule']}")
            if "points" in claim:
                lines.append(f"    points: {claim['points']}")
            lines.append(f"    description: {claim['description']}")
            if claim.get("evidence"):
                name = f"claim-{d.id}-b{number}.jpg"
                photo = JPEGS[number % len(JPEGS)]
                self.write(f"{m}/evidence/{name}", photo)
                entries.append((f"{m}/evidence/{name}", photo))
                lines.append(f"    evidence: [{name}]")
            lines.append(f"    decision: {claim['decision']}")
            if claim.get("reason"):
                lines.append(f"    reason: {claim['reason']}")
            self.stats["claims"] += 1
        path = f"{m}/bonuses/{d.id}.yaml"
        data = self.write(path, lines)
        entries.insert(0, (path, data))
        self.commit(when, d.head, f"{m} {d.name} 加分申报", (m, "bonuses"), entries)

    def _service_month(self, m: str, contract: Contract, status: str, at) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        last = last_day(m)
        lines = [f"# {cn_month(m)} {contract.name}（{contract.provider}）三级检查"]
        assessed = status != "assessing" or rng.random() < 0.5
        if assessed:
            lines += [f"assessor: {self.office[0].id}", f"assessed: {day(m, last)}"]
        checks = rng.choice([0, 1, 1, 2, 3])
        entries: list[tuple[str, bytes | None]] = []
        if not checks:
            lines.append("checks: []")
        else:
            lines.append("checks:")
        for number in range(1, checks + 1):
            level = rng.choice(["provider", "department", "office"])
            item_id, _name, maximum = rng.choice(contract.checklist)
            date = day(m, rng.randrange(1, last + 1))
            lines += [f"  - id: S{number}", f"    level: {level}", f"    date: {date}"]
            if level == "department":
                lines.append(f"    by: [{self._head_of(contract.department)}]")
            elif level == "office":
                lines.append(f"    by: {flow([self.inspectors[0].id, self.office[-1].id])}")
            lines += [
                f"    item: {item_id}",
                f"    description: {rng.choice(CHECK_TEXTS)}",
                f"    points: {min(maximum, rng.choice([1, 2, 3]))}",
            ]
            if level != "provider":
                name = f"{contract.id}-s{number}.jpg"
                photo = JPEGS[number % len(JPEGS)]
                self.write(f"{m}/evidence/{name}", photo)
                entries.append((f"{m}/evidence/{name}", photo))
                lines.append(f"    evidence: [{name}]")
            rectify_by = date + dt.timedelta(days=2)
            if level == "provider":
                lines.append(f"    rectify_by: {rectify_by}")
            if rng.random() < 0.8:
                lines.append(
                    f"    rectified_on: {rectify_by - dt.timedelta(days=rng.randrange(0, 2))}"
                )
            self.stats["service checks"] += 1
        path = f"{m}/services/{contract.id}.yaml"
        data = self.write(path, lines)
        entries.insert(0, (path, data))
        self.services_checks[(contract.id, m)] = checks
        self.commit(
            at(day(m, last), 16, rng.randrange(60)),
            self.office[0],
            f"{m} {contract.name} 三级检查",
            (m, "services"),
            entries,
        )

    def _head_of(self, department_id: str) -> str:
        return next(d.head.id for d in self.departments if d.id == department_id)

    def _appeal(self, m, published, status, inspection_departments, targets, assessed, at) -> None:  # type: ignore[no-untyped-def]
        rng = self.rng
        filed = published + dt.timedelta(days=rng.randrange(1, 6))
        options = []
        for stem, routed in inspection_departments.items():
            for finding_id, department_id, deducted in routed:
                if deducted:
                    options.append(
                        (department_id, None, f"{m}/inspections/{stem}.yaml#{finding_id}")
                    )
        for department_id in sorted(assessed)[:5]:
            item_id = targets[department_id][0][0]
            options.append((department_id, None, f"{m}/assessments/{department_id}.yaml#{item_id}"))
        for contract in self.contracts:
            if self.services_checks.get((contract.id, m)):
                options.append((None, contract.id, f"{m}/services/{contract.id}.yaml#S1"))
        if not options:
            return
        department_id, contract_id, subject = rng.choice(options)
        outcome = rng.choice(["upheld", "partly-upheld", "rejected", "rejected", "withdrawn"])
        if status == "published" and rng.random() < 0.5:
            outcome = "pending"
        self.appeal_numbers[filed.year] += 1
        stem = f"{filed.year}-{self.appeal_numbers[filed.year]:03d}"
        party = f"department: {department_id}" if department_id else f"contract: {contract_id}"
        head = [f"# 申诉{stem}：{cn_month(m)}", party, f"month: {m}", f"subject: {subject}",
                f"filed: {filed}", f"grounds: {rng.choice(APPEAL_GROUNDS)}"]  # fmt: skip
        path = f"appeals/{stem}.yaml"
        pending = ("\n".join([*head, "status: pending"]) + "\n").encode("utf-8")
        filer = self.departments[0].head
        if department_id:
            filer = next(d.head for d in self.departments if d.id == department_id)
        self.commit(at(filed, 10), filer, f"申诉{stem}", ("appeals", m), [(path, pending)])
        if outcome == "pending":
            self.write(path, pending)
        else:
            decided = filed + dt.timedelta(days=rng.randrange(1, 6))
            lines = [*head, f"status: {outcome}"]
            if APPEAL_DECISIONS[outcome]:
                lines.append(f"decision: {APPEAL_DECISIONS[outcome]}")
            lines.append(f"decided: {decided}")
            data = self.write(path, lines)
            self.commit(
                at(decided, 16),
                self.office[0],
                f"申诉{stem} 复核决定",
                ("appeals", m),
                [(path, data)],
            )
        self.stats["appeals"] += 1


def index_is_old(months: list[str], month: str) -> bool:
    """Rectifications of all but the last three months are done."""
    return month < months[max(0, len(months) - 3)]


# ------------------------------------------------------------------ seals (DESIGN.md §4)


def seal_closed_months(generator: Generator) -> int:
    """seal.yaml for every closed month, in order, as ``kaoping seal M --write`` writes
    it: the library's seal (``scoring.sealing.month_seal``: input listing, figures,
    chain); each one chains to the one written before it."""
    records = read_records(generator.root).records
    results = score(records)
    source = FolderSource(generator.root)
    seals: dict[str, str] = {}
    for result in results.months:
        if result.status != "closed":
            continue
        path = f"{result.month}/seal.yaml"
        paths = input_paths(records.present, records.appeals, result.month)
        previous = seals.get(model.add_months(result.month, -1))
        fresh = month_seal(month_rows(result), previous, input_listing(source, paths))
        generator.write(path, fresh.yaml_text().encode("utf-8"))
        stored, _problems = read_file(generator.root, path)
        assert isinstance(stored, model.Seal), path
        seals[result.month] = stored.seal
    return len(seals)


# ------------------------------------------------------------------ git history (fast-import)


def write_history(generator: Generator, granularity: str) -> int:
    """One git fast-import run replaying the batches; returns the number of commits."""
    out = generator.out
    batches = sorted(generator.batches, key=lambda b: b.when)  # stable: equal times keep order
    if granularity == "kind":
        merged: dict[tuple[str, str], Batch] = {}
        order: list[Batch] = []
        for batch in batches:
            key = batch.group
            if key in merged:
                merged[key].entries.extend(batch.entries)
                merged[key].when = max(merged[key].when, batch.when)
                continue
            message = batch.message
            if key[1] in (
                "targets",
                "assessments",
                "inspections",
                "ratings",
                "bonuses",
                "services",
            ):
                message = f"{key[0]} {key[1]}"
            elif key[0] == "appeals":
                message = f"{key[1]} appeals"
            first = Batch(batch.when, batch.author, message, key, list(batch.entries))
            merged[key] = first
            order.append(first)
        batches = sorted(order, key=lambda b: b.when)
    subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True)
    (out / ".gitignore").write_text(".cache/\npublic/\n.bench/\n", encoding="utf-8")
    process = subprocess.Popen(
        ["git", "-C", str(out), "fast-import", "--quiet", "--done"],
        stdin=subprocess.PIPE,
    )
    assert process.stdin is not None
    stream = process.stdin
    gitignore = b".cache/\npublic/\n.bench/\n"
    for number, batch in enumerate(batches, 1):
        who = f"{batch.author.name} <{batch.author.id}@example.gov.cn>".encode()
        stamp = f"{int(batch.when.timestamp())} +0800".encode()
        message = (f"{batch.message} (#{number})" if batch.pull_request else batch.message).encode()
        parts = [
            b"commit refs/heads/main\n",
            b"mark :%d\n" % number,
            b"author " + who + b" " + stamp + b"\n",
            b"committer " + who + b" " + stamp + b"\n",
            b"data %d\n" % len(message),
            message,
            b"\n",
        ]
        if number > 1:
            parts.append(b"from :%d\n" % (number - 1))
        else:
            parts += [b"M 100644 inline .gitignore\n", b"data %d\n" % len(gitignore), gitignore]
        for path, data in batch.entries:
            if data is None:
                data = generator.content.get(path)
                if data is None:
                    continue  # e.g. no seal written for this month
            parts += [
                f"M 100644 inline records/{path}\n".encode(),
                b"data %d\n" % len(data),
                data,
                b"\n",
            ]
        stream.write(b"".join(parts))
    stream.write(b"done\n")
    stream.close()
    if process.wait() != 0:
        raise SystemExit("git fast-import failed")
    subprocess.run(["git", "-C", str(out), "reset", "-q"], check=True)
    dirty = subprocess.run(
        ["git", "-C", str(out), "status", "--porcelain", "--untracked-files=no"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    if dirty.strip():
        raise SystemExit(f"the history's last state differs from the files:\n{dirty[:2000]}")
    return len(batches)


# ------------------------------------------------------------------ command line


def generated_before(out: Path) -> bool:
    """Whether ``out`` holds an archive this generator wrote (and may replace)."""
    try:
        with open(out / "records" / "org.yaml", encoding="utf-8") as handle:
            return MARK in handle.readline()
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--departments", type=int, default=100)
    parser.add_argument("--months", type=int, default=120)
    parser.add_argument("--start", default="2017-01", help="first month, YYYY-MM")
    parser.add_argument(
        "--out", type=Path, required=True, help="writes OUT/records (OUT is replaced)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--stats", type=Path, help="also write the counts and timings as JSON here")
    parser.add_argument("--seal", action="store_true", help="write seal.yaml for closed months")
    parser.add_argument(
        "--commits", nargs="?", const="author", choices=("author", "kind"),
        help="make OUT a git repository replaying the records' arrival (default: author)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    if args.departments < 1 or args.months < 1:
        parser.error("--departments and --months must be at least 1")
    began = time.perf_counter()
    if args.out.exists() and any(args.out.iterdir()):
        if not generated_before(args.out):
            parser.error(
                f"{args.out} exists and was not written by this generator: not replacing it"
            )
        shutil.rmtree(args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    generator = Generator(args.departments, args.months, args.start, args.out, args.seed)
    generator.generate()
    stats = dict(generator.stats)
    written = time.perf_counter()
    if args.seal:
        stats["seals"] = seal_closed_months(generator)
    sealed = time.perf_counter()
    stats["record files"] = sum(1 for p in generator.content if p.endswith(".yaml"))
    stats["evidence files"] = len(generator.content) - stats["record files"]
    if args.commits:
        stats["commits"] = write_history(generator, args.commits)
    done = time.perf_counter()
    summary = ", ".join(f"{key} {value:,}" for key, value in stats.items())
    timing = f"files {written - began:.1f} s"
    if args.seal:
        timing += f", seals {sealed - written:.1f} s"
    if args.commits:
        timing += f", history {done - sealed:.1f} s"
    print(f"{args.out / 'records'}: {args.departments} departments × {args.months} months "
          f"({generator.months[0]}..{generator.months[-1]}): {summary} ({timing})")  # fmt: skip
    if args.stats:
        stats["seconds"] = round(done - began, 2)  # type: ignore[assignment]
        args.stats.write_text(json.dumps(stats, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
