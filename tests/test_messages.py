"""Every problem code the code can raise has a message in each language and is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scoring.messages import PROBLEMS, problems_markdown
from scoring.problems import Pos, error

REPO = Path(__file__).resolve().parent.parent
_RAISED = re.compile(
    r"""(?:error|warning|warn|fail)\(\s*[^,()]+(?:\([^()]*\))?,\s*"([a-z0-9-]+)\""""
)


def raised_codes() -> set[str]:
    codes: set[str] = set()
    for path in (REPO / "scoring").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        codes.update(_RAISED.findall(text))
        if path.parent.name == "checks":
            codes.update(re.findall(r'code = "([a-z0-9-]+)"', text))
            for pair in re.findall(r'"([a-z0-9-]+)" if [^"]+ else "([a-z0-9-]+)"', text):
                codes.update(pair)
    return codes


def test_every_code_has_both_languages() -> None:
    codes = raised_codes()
    assert len(codes) > 60
    for language in ("en", "zh"):
        missing = sorted(code for code in codes if code not in PROBLEMS[language])
        assert missing == [], (language, missing)
    assert set(PROBLEMS["en"]) == set(PROBLEMS["zh"])


def test_problem_codes_document_is_current() -> None:
    documented = (REPO / "docs" / "problems.md").read_text(encoding="utf-8")
    assert documented == problems_markdown(), "regenerate docs/problems.md from scoring.messages"


# Every new or reworded message as users read it, in both languages.
TEXTS: list[tuple[str, dict[str, object], str, str]] = [
    (
        "full-width-colon",
        {"line": 3, "column": 10},
        "line 3, column 10: a full-width colon “：”; type the ASCII colon “:” (and a space after it)",
        "第3行第10列使用了全角冒号“：”，请改为半角冒号“:”（冒号后空一格）",
    ),
    (
        "full-width-space",
        {"line": 2, "column": 8},
        "line 2, column 8: a full-width space (U+3000, typed by a Chinese input method); use ordinary spaces",
        "第2行第8列使用了全角空格，请改为半角空格（关闭中文输入法的全角模式）",
    ),
    (
        "full-width-bracket",
        {"line": 1, "column": 12, "character": "［", "ascii": "["},
        "line 1, column 12: a full-width bracket “［”; a list is written with the ASCII bracket “[”",
        "第1行第12列使用了全角括号“［”，请改为半角括号“[”",
    ),
    (
        "full-width-comma",
        {"line": 1, "column": 17},
        "line 1, column 17: a full-width comma “，” between entries; separate them with the ASCII comma “,”",
        "第1行第17列使用了全角逗号“，”，各项之间请用半角逗号“,”分隔",
    ),
    (
        "chinese-quotes",
        {"line": 4, "column": 12, "open": "“", "close": "”"},
        'line 4, column 12: the value is wrapped in Chinese quotation marks “…”, which YAML keeps as part of it; remove them, or quote with ASCII quotes "…"',
        '第4行第12列的值被中文引号“…”括起：YAML 不把中文引号当作引号，它们会成为值的一部分；请删去，或改用半角引号 "…"',
    ),
    (
        "full-width-characters",
        {"text": "５０", "ascii": "50"},
        "`５０` is typed in full-width characters; write `50`",
        "`５０` 使用了全角字符，请改为半角：`50`",
    ),
    (
        "yaml-expected-colon",
        {"line": 3},
        "line 3 is not `key: value`: the ASCII colon “:” after the key, or the space after the colon, is missing",
        "第3行不是“键: 值”的形式：缺少键后面的半角冒号“:”，或冒号后面的空格",
    ),
    (
        "yaml-unexpected-colon",
        {"line": 1},
        'a colon and a space (“: ”) cannot stand here: if they belong to a text, quote the whole value ("…"); if a new key starts here, align it with the keys above',
        '这里不能出现“冒号加空格”（“: ”）：如果它是文字的一部分，请把整个值用半角引号 "…" 括起；如果这里开始一个新的键，请让它与上面的键左对齐',
    ),
    (
        "yaml-bad-character",
        {"line": 1, "character": "`"},
        'a value cannot start with “`” (reserved in YAML): quote the whole value ("…")',
        '值不能以“`”开头（YAML 的保留字符）：请把整个值用半角引号 "…" 括起',
    ),
    (
        "yaml-indentation",
        {"line": 3},
        "line 3 is not indented like the lines above: keys of one level start in the same column, list entries start with “- ”",
        "第3行的缩进与上文不一致：同一层的键要左对齐，列表的每一项以“- ”开头",
    ),
    (
        "yaml-unexpected-dash",
        {"line": 1},
        "a list entry (“- ”) cannot start here: write the list on the lines below its key, indented further",
        "这里不能开始列表项“- ”：请把列表写在键的下面几行，并比键多缩进",
    ),
    (
        "yaml-unclosed-bracket",
        {"line": 1, "opening": "[", "closing": "]"},
        "the “[” here has no matching “]”, or its entries are not separated by ASCII commas “,”",
        "这里的“[”没有对应的“]”，或其中各项没有用半角逗号“,”分隔",
    ),
    (
        "yaml-unclosed-quote",
        {"line": 1, "opening": '"', "closing": '"'},
        'the quotation mark " that opens here is never closed',
        '从这里开始的引号 " 没有结束的引号',
    ),
    (
        "yaml-bad-escape",
        {"line": 1},
        "a backslash “\\” inside double quotes starts an escape, and this one is not valid: use single quotes, or write “\\\\”",
        "双引号内的反斜杠“\\”表示转义，这里的转义无效：请改用单引号，或写成“\\\\”",
    ),
    (
        "yaml-several-documents",
        {"line": 2},
        "a second YAML document starts on line 2 (after “---”): a record file holds one",
        "第2行（“---”之后）开始了第二个 YAML 文档：一个记录文件只能有一个文档",
    ),
    (
        "yaml-syntax",
        {"detail": "while scanning a tag did not find the expected '>'"},
        "YAML syntax error: while scanning a tag did not find the expected '>'",
        "YAML 语法错误（while scanning a tag did not find the expected '>'）",
    ),
    (
        "comment-in-text",
        {"comment": "含3号车库"},
        'the text after “ #” is a comment and is dropped (含3号车库); if it belongs to the value, remove the space before “#” or quote the whole value ("…")',
        '“ #”之后的文字（含3号车库）是注释，不会成为内容；若是内容的一部分，请去掉“#”前的空格，或把整个值用半角引号 "…" 括起',
    ),
    (
        "date-format",
        {"text": "2026/12/28", "date": "2026-12-28"},
        "`2026/12/28` is not written YYYY-MM-DD: write `2026-12-28`",
        "`2026/12/28` 不是 YYYY-MM-DD 格式的日期，请写作 `2026-12-28`",
    ),
    (
        "month-format",
        {"text": "2026/11", "month": "2026-11"},
        "`2026/11` is not written YYYY-MM: write `2026-11`",
        "`2026/11` 不是 YYYY-MM 格式的月份，请写作 `2026-11`",
    ),
    (
        "invalid-date",
        {"text": "2026-02-30"},
        "`2026-02-30` is not a real date (dates are written YYYY-MM-DD)",
        "`2026-02-30` 不是真实存在的日期（日期格式为 YYYY-MM-DD）",
    ),
    (
        "name-not-id",
        {"id": "赵强", "what": "person", "suggestion": "zhao", "name": "赵强"},
        "`赵强` is not a person id; did you mean `zhao` (赵强)?",
        "`赵强` 不是人员编号；是否应为 `zhao`（赵强）？",
    ),
    (
        "name-not-id",
        {"id": "办公室", "what": "department", "suggestion": "office", "name": "办公室"},
        "`办公室` is not a department id; did you mean `office` (办公室)?",
        "`办公室` 不是部门编号；是否应为 `office`（办公室）？",
    ),
    (
        "name-not-id",
        {"id": "纪律", "what": "indicator", "suggestion": "discipline", "name": "作风纪律"},
        "`纪律` is not a public indicator id; did you mean `discipline` (作风纪律)?",
        "`纪律` 不是公共指标编号；是否应为 `discipline`（作风纪律）？",
    ),
    (
        "bad-id",
        {"id": "张三丰", "allowed": "file-id", "refers": "people"},
        "`张三丰` is not a valid id: ids are written with lowercase letters, digits and hyphens, starting with a letter or digit (such as `admin`)",
        "`张三丰` 不是有效的编号：编号只能用小写英文字母、数字和连字符（-），以字母或数字开头（如 `admin`）",
    ),
    (
        "bad-id",
        {"id": "K 1", "allowed": "item-id"},
        "`K 1` is not a valid id: ids are written with letters, digits and hyphens, starting with a letter or digit (such as `K1`)",
        "`K 1` 不是有效的编号：编号只能用英文字母、数字和连字符（-），以字母或数字开头（如 `K1`）",
    ),
    (
        "bad-file-name",
        {"expected": "id-file-name"},
        "bad file name: expected an id and .yaml, such as admin.yaml (lowercase letters, digits and hyphens)",
        "文件名有误：应为编号加 .yaml，如 admin.yaml（小写英文字母、数字和连字符）",
    ),
    (
        "bad-file-name",
        {"expected": "inspection-file-name"},
        "bad file name: expected the date and a short name, such as 2026-11-12-courtyard.yaml (lowercase letters, digits and hyphens)",
        "文件名有误：应为日期加简短名称，如 2026-11-12-courtyard.yaml（名称用小写英文字母、数字和连字符）",
    ),
    (
        "unexpected-file",
        {},
        "this file has no place in the records folder: records are org.yaml, indicators.yaml, bonus-rules.yaml, the files in routine/, services/ and appeals/, and in a month folder YYYY-MM/ month.yaml, seal.yaml and the files in targets/, assessments/, inspections/, ratings/, bonuses/, services/ and evidence/",
        "此文件不属于记录目录：记录只能是 org.yaml、indicators.yaml、bonus-rules.yaml，routine/、services/、appeals/ 中的文件，以及月份目录 YYYY-MM/ 中的 month.yaml、seal.yaml 和 targets/、assessments/、inspections/、ratings/、bonuses/、services/、evidence/ 中的文件",
    ),
    (
        "deadline-outside-month",
        {"date": "2026-10-25", "month": "2026-11", "hint": "2026-11-25"},
        "the deadline 2026-10-25 lies outside 2026-11 and the month after: copied from another month? (did you mean `2026-11-25`?)",
        "时限 2026-10-25 不在 2026-11 及其下一个月内，可能是从其他月份复制后未修改（是否应为 `2026-11-25`？）",
    ),
    (
        "claim-cannot-be-valid",
        {"claim": "C1", "reason": "streak-not-clean", "month": "2026-09", "used_by": ""},
        "pending claim `C1` cannot become valid: 2026-09 is not a clean month (complete, full marks, no deduction)",
        "待审核的加分申请 `C1` 不会成立：2026-09 不是无扣分月份(记录完整、全部满分、无直接扣分)",
    ),
    (
        "unknown-checklist-item",
        {"item": "gaet", "contract": "green", "hint": "gate"},
        "`gaet` is not an item of the checklist of contract `green` (did you mean `gate`?)",
        "`gaet` 不是合同 `green` 考评细则中的项目（是否应为 `gate`？）",
    ),
    (
        "unknown-person",
        {"person": "zhaoq", "hint": "zhao"},
        "`zhaoq` is not a person in org.yaml (did you mean `zhao`?)",
        "`zhaoq` 不是 org.yaml 中的人员（是否应为 `zhao`？）",
    ),
    (
        "published-date",
        {"status": "assessing"},
        "status `assessing` needs the `published` date",
        "状态为“考核中”（assessing）时须填写 `published`（公布日期）",
    ),
    (
        "pending-claim",
        {"claim": "C1", "status": "published"},
        "claim `C1` is still pending in a month with status `published`",
        "加分申请 `C1` 在状态为“已公布”（published）的月份仍为待审核",
    ),
    (
        "decided-required",
        {"status": "upheld"},
        "status `upheld` needs the `decided` date",
        "申诉状态为“支持”（upheld）时须填写 `decided`（决定日期）",
    ),
    (
        "status-backwards",
        {"month": "2026-11", "before": "closed", "after": "published"},
        "the status of 2026-11 moves backwards (`closed` -> `published`)",
        "2026-11 的状态倒退（“已归档”（closed） -> “已公布”（published））",
    ),
    (
        "grades-order",
        {"grade": "good", "name": "良好"},
        "grade “良好” (`good`): grades run highest first, each `min` below the one before",
        "等次“良好”（`good`）：等次须从高到低排列，`min` 逐级降低",
    ),
    (
        "check-by-required",
        {"check": "S1", "level": "department-level"},
        "supervising department's check `S1` needs `by` (who checked)",
        "监管科室检查 `S1` 须写明 `by`（检查人）",
    ),
]


@pytest.mark.parametrize(
    ("code", "params", "english", "chinese"),
    TEXTS,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(TEXTS)],
)
def test_message_texts(code: str, params: dict[str, object], english: str, chinese: str) -> None:
    problem = error(Pos("x", 1, 1), code, **params)
    assert problem.message("en") == english
    assert problem.message("zh") == chinese
