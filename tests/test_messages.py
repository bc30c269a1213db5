"""Every problem code the code can raise has a message in each language and is documented."""

from __future__ import annotations

import re
from pathlib import Path

from scoring.messages import PROBLEMS, problems_markdown

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
