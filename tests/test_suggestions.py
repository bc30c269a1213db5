"""Suggestions: the id someone meant when they typed a name or a near miss."""

from __future__ import annotations

import pytest

from scoring.suggestions import nearest

PEOPLE = {"zhao": "赵强", "qian": "钱伟", "wang": "王芳"}
DEPARTMENTS = {"office": "办公室", "admin": "行政科", "security": "保卫处"}
PUBLIC = {"politics": "政治学习", "study": "业务学习", "discipline": "作风纪律"}


@pytest.mark.parametrize(
    ("typed", "choices", "meant"),
    [
        ("赵强", PEOPLE, "zhao"),  # the exact name
        ("Zhao", PEOPLE, "zhao"),  # the id in other letter case
        ("ｚｈａｏ", PEOPLE, "zhao"),  # the id in full-width letters
        ("“zhao”", PEOPLE, "zhao"),  # the id in Chinese quotes
        ("zhaoq", PEOPLE, "zhao"),  # a near miss of an id
        ("办公室", DEPARTMENTS, "office"),
        ("行政", DEPARTMENTS, "admin"),  # part of a name
        ("纪律", PUBLIC, "discipline"),
        ("学习", PUBLIC, "politics"),  # held by two names: the likelier, then the first
        ("张三丰", PEOPLE, None),  # nobody like it
        ("", PEOPLE, None),
    ],
)
def test_nearest(typed: str, choices: dict[str, str], meant: str | None) -> None:
    assert nearest(typed, choices) == meant
