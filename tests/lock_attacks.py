"""The hostile lock corpus: changes an insider might bring, and what check-lock refuses.

Each ``Attack`` states the base (``conftest.BASE`` with ``TREE`` laid over it and the
attack's own ``base`` files), the earlier steps merged into main before the pull request
(``merged``, each a commit that got past review), the pull request's ``change``, and the
EXACT list of (path, code) refusals ``kaoping check-lock main`` must print, sorted
(paths relative to records/, ``.`` for the folder itself). ``ALLOWED`` are changes the
lock lets through: their list is empty. ``build`` makes the real git repository.

In the tree, 2026-11 is closed (published 2026-12-05, closed 2026-12-20, a 5-day
window) and 2026-12 open; the inspection holds findings of two departments (F1:
admin, a direct deduction; F2: security, bearing on its target K1); appeals 2026-001
(admin, pending), 2026-002 (security, rejected), 2026-003 (admin, upheld long ago) and
2026-004 (admin, pending, on F1). The attacks on a closed year's reward allocation
(§11) take 2026-12 out of the base, so that 2026 is a closed year, and give org.yaml a
rewards rule (``CLOSED_YEAR``).
"""

from __future__ import annotations

import copy
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import BASE, write_tree
from gitrepo import git

REPO = Path(__file__).resolve().parent.parent
M = "2026-11"
INSPECTION = f"{M}/inspections/2026-11-12-courtyard.yaml"
JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 60


@dataclass(frozen=True)
class Link:
    """A symbolic link to ``target``."""

    target: str


@dataclass(frozen=True)
class Gitlink:
    """A submodule entry (mode 160000) pointing at ``commit``."""

    commit: str = "0123456789abcdef0123456789abcdef01234567"


Files = dict[str, Any]  # path under records/ -> text, bytes, Link, Gitlink or None (delete)


MONTH = (
    "status: closed\nmeeting: 2026-12-03\noverseers: [chen, zhao]\nabsent: []\n"
    "published: 2026-12-05\nclosed: 2026-12-20\n"
)
INSPECTION_TEXT = (
    "date: 2026-11-12\ninspectors: [wang, li]\nlocation: 机关大院\nfindings:\n"
    "  - id: F1\n    kind: clutter\n    description: 单车棚堆放杂物\n"
    "    evidence: [shed.jpg]\n    deduction: 0.5\n"
    "  - id: F2\n    department: security\n    description: 消防通道被占用\n"
    "    evidence: [lane.jpg]\n    target: K1\n"
)
ADMIN = (
    "assessor: wang\nitems: {K1: {score: 50}, R1: {score: 28, reason: 延期2天}}\n"
    "public: {politics: {score: 10}, discipline: {score: 10}}\n"
)
SECURITY = (
    "assessor: wang\nitems: {K1: {score: 75, reason: 消防通道被占用(F2)}}\n"
    "public: {politics: {score: 10}, discipline: {score: 9, reason: 迟到}}\n"
)
CHEN = "scores:\n  admin: 92\n  security: 88\n"


def appeal(
    party: str, subject: str, filed: str, status: str, decided: str = "", **extra: str
) -> str:
    text = (
        f"department: {party}\nmonth: {M}\nsubject: {subject}\nfiled: {filed}\ngrounds: 理由充分\n"
    )
    text += "".join(f"{key}: {value}\n" for key, value in extra.items())
    text += f"status: {status}\n"
    if decided:
        text += f"decision: 经核实作出决定\ndecided: {decided}\n"
    return text


APPEAL_1 = appeal("admin", f"{M}/assessments/admin.yaml#R1", "2026-12-06", "pending")
APPEAL_2 = appeal("security", f"{INSPECTION}#F2", "2026-12-07", "rejected", "2026-12-15")
APPEAL_3 = appeal("admin", f"{M}/assessments/admin.yaml#K1", "2026-12-08", "upheld", "2026-12-12")
APPEAL_4 = appeal("admin", f"{INSPECTION}#F1", "2026-12-09", "pending")

TREE: Files = {
    f"{M}/month.yaml": MONTH,
    f"{M}/assessments/admin.yaml": ADMIN,
    f"{M}/assessments/security.yaml": SECURITY,
    f"{M}/ratings/chen.yaml": CHEN,
    INSPECTION: INSPECTION_TEXT,
    f"{M}/evidence/shed.jpg": JPEG,
    f"{M}/evidence/lane.jpg": JPEG,
    "2026-12/month.yaml": "status: open\n",
    "appeals/2026-001.yaml": APPEAL_1,
    "appeals/2026-002.yaml": APPEAL_2,
    "appeals/2026-003.yaml": APPEAL_3,
    "appeals/2026-004.yaml": APPEAL_4,
}


def decide(text: str, status: str = "upheld", decided: str = "2026-12-19") -> str:
    """A pending appeal decided: its status moves, a decision and its date are added."""
    assert "status: pending\n" in text
    return text.replace("status: pending\n", f"status: {status}\n") + (
        f"decision: 经核实予以纠正\ndecided: {decided}\n"
    )


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


R1_RESTORED = edit(ADMIN, "R1: {score: 28, reason: 延期2天}", "R1: {score: 30}")
K1_RESTORED = edit(SECURITY, "K1: {score: 75, reason: 消防通道被占用(F2)}", "K1: {score: 80}")
F1_DROPPED = edit(INSPECTION_TEXT, "    deduction: 0.5\n", "")
F2_RETOLD = edit(INSPECTION_TEXT, "消防通道被占用", "消防通道被临时占用,已当场清理")
BOTH_FINDINGS = edit(F1_DROPPED, "消防通道被占用", "消防通道被临时占用,已当场清理")
DISCIPLINE_RESTORED = edit(SECURITY, "{score: 9, reason: 迟到}", "{score: 10}")
LATE_FILED = appeal("admin", f"{M}/assessments/admin.yaml#R1", "2027-01-10", "upheld", "2027-01-12")
ORG_RETROACTIVE = dict(BASE["org.yaml"], appeals=[{"from": M, "value": {"window_days": 366}}])
REVIEW = appeal(
    "security", f"{INSPECTION}#F2", "2026-12-18", "upheld", "2026-12-19", review_of="2026-002"
)


COEFFICIENTS = {"excellent": 1.2, "good": 1, "pass": 0.8, "fail": 0}
ORG_REWARDS = dict(BASE["org.yaml"], rewards={"base": 6000, "coefficients": dict(COEFFICIENTS)})
CLOSED_YEAR: Files = {"org.yaml": ORG_REWARDS, "2026-12/month.yaml": None}
SUN = {"id": "sun", "name": "孙丽", "roles": []}


def _october(content: Any) -> Any:
    """A 2026-11 record as the same record of 2026-10 (its deadlines a month earlier)."""
    if isinstance(content, str):
        return content.replace("2026-11-", "2026-10-")
    if isinstance(content.get("items"), list):  # targets: the deadlines move
        items = [
            dict(i, deadline=i["deadline"].replace("2026-11-", "2026-10-"))
            for i in content["items"]
        ]
        return dict(content, items=items)
    return content


ADDED_MONTH: Files = {
    "2026-10/month.yaml": (
        "status: closed\nmeeting: 2026-11-03\noverseers: [chen, zhao]\nabsent: []\n"
        "published: 2026-11-05\nclosed: 2026-11-20\n"
    ),
    **{
        path.replace(f"{M}/", "2026-10/"): _october(content)
        for path, content in {**BASE, **TREE}.items()
        if path.startswith(f"{M}/") and path.split("/")[1] in ("targets", "assessments", "ratings")
    },
}


def org_with(**changes: Any) -> dict[str, Any]:
    """The base's org.yaml (with rewards) changed: ``admin`` replaces admin's entry."""
    org = copy.deepcopy(ORG_REWARDS)
    admin = changes.pop("admin", None)
    if admin is not None:
        org["departments"] = [dict(org["departments"][0], **admin), org["departments"][1]]
    org.update(changes)
    return org


@dataclass(frozen=True)
class Attack:
    name: str
    description: str
    change: Files
    expected: tuple[tuple[str, str], ...] = ()
    merged: tuple[Files, ...] = ()
    base: Files = field(default_factory=dict)


ATTACKS: list[Attack] = [
    Attack(
        "comment-on-decided-appeal",
        "a comment added to an appeal upheld long ago, to unlock its month again",
        {
            "appeals/2026-003.yaml": APPEAL_3 + "# 补充说明\n",
            f"{M}/assessments/admin.yaml": R1_RESTORED,
        },
        (
            (f"{M}/assessments/admin.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
            ("appeals/2026-003.yaml", "decided-appeal-changed"),
        ),
    ),
    Attack(
        "flip-rejected-to-upheld",
        "a rejected appeal turned upheld, with its subject amended",
        {
            "appeals/2026-002.yaml": edit(APPEAL_2, "status: rejected", "status: upheld"),
            INSPECTION: F2_RETOLD,
            f"{M}/assessments/security.yaml": K1_RESTORED,
        },
        (
            (f"{M}/assessments/security.yaml", "closed-month-changed"),
            (INSPECTION, "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
            ("appeals/2026-002.yaml", "decided-appeal-changed"),
        ),
    ),
    Attack(
        "one-appeal-unlocks-the-month",
        "admin's appeal decided, and with it another department's assessment and a leader's ratings",
        {
            "appeals/2026-001.yaml": decide(APPEAL_1),
            f"{M}/assessments/admin.yaml": R1_RESTORED,
            f"{M}/assessments/security.yaml": DISCIPLINE_RESTORED,
            f"{M}/ratings/chen.yaml": edit(CHEN, "security: 88", "security: 98"),
        },
        (
            (f"{M}/assessments/security.yaml", "closed-month-changed"),
            (f"{M}/ratings/chen.yaml", "closed-month-changed"),
        ),
    ),
    Attack(
        "other-item-of-a-shared-file",
        "an appeal on admin's finding F1 decided, and security's finding F2 rewritten too",
        {"appeals/2026-004.yaml": decide(APPEAL_4), INSPECTION: BOTH_FINDINGS},
        ((INSPECTION, "closed-item-changed"),),
    ),
    Attack(
        "rating-item-of-another-department",
        "an appeal naming admin's rating, used to raise security's rating too",
        {
            "appeals/2026-005.yaml": appeal(
                "admin", f"{M}/ratings/chen.yaml#admin", "2026-12-09", "upheld", "2026-12-19"
            ),
            f"{M}/ratings/chen.yaml": "scores:\n  admin: 95\n  security: 98\n",
        },
        ((f"{M}/ratings/chen.yaml", "closed-item-changed"),),
    ),
    Attack(
        "late-appeal-with-new-dates",
        "a late appeal, with the closed month's published and closed dates rewritten to fit",
        {
            "appeals/2027-001.yaml": LATE_FILED,
            f"{M}/month.yaml": edit(
                edit(MONTH, "published: 2026-12-05", "published: 2027-01-08"),
                "closed: 2026-12-20",
                "closed: 2027-01-15",
            ),
            f"{M}/assessments/admin.yaml": R1_RESTORED,
        },
        (
            (f"{M}/assessments/admin.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
            (f"{M}/month.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "month-date-changed"),
            (f"{M}/month.yaml", "month-date-changed"),
            ("appeals/2027-001.yaml", "lock-appeal-late"),
        ),
    ),
    Attack(
        "retroactive-appeal-window",
        "an appeals window of 366 days from the closed month, and a late appeal under it",
        {
            "org.yaml": ORG_RETROACTIVE,
            "appeals/2027-001.yaml": LATE_FILED,
            f"{M}/assessments/admin.yaml": R1_RESTORED,
        },
        (
            (f"{M}/assessments/admin.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
            ("appeals/2027-001.yaml", "lock-appeal-late"),
            ("org.yaml", "closed-appeal-window-changed"),
        ),
    ),
    Attack(
        "delete-decided-appeal",
        "a rejected appeal deleted, and the upheld one rewritten",
        {
            "appeals/2026-002.yaml": None,
            "appeals/2026-003.yaml": edit(APPEAL_3, "经核实作出决定", "经核实,全部撤销"),
        },
        (
            ("appeals/2026-002.yaml", "appeal-deleted"),
            ("appeals/2026-003.yaml", "decided-appeal-changed"),
        ),
    ),
    Attack(
        "delete-pending-appeal",
        "a pending appeal deleted instead of withdrawn",
        {"appeals/2026-001.yaml": None},
        (("appeals/2026-001.yaml", "appeal-deleted"),),
    ),
    Attack(
        "pending-appeal-resubjected",
        "a pending appeal's subject moved to another department's file, then upheld",
        {
            "appeals/2026-001.yaml": decide(
                edit(APPEAL_1, "assessments/admin.yaml#R1", "assessments/security.yaml")
            ),
            f"{M}/assessments/security.yaml": DISCIPLINE_RESTORED,
        },
        (
            (f"{M}/assessments/security.yaml", "closed-month-changed"),
            ("appeals/2026-001.yaml", "pending-appeal-changed"),
        ),
    ),
    Attack(
        "gitattributes-export-ignore",
        "two steps: records/.gitattributes with export-ignore merged, then a closed month edited",
        {f"{M}/assessments/admin.yaml": R1_RESTORED},
        (
            (".gitattributes", "tracked-gitattributes"),
            (f"{M}/assessments/admin.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
        ),
        merged=({".gitattributes": f"{M}/** export-ignore\n"},),
    ),
    Attack(
        "gitattributes-first-step",
        "the first step alone: records/.gitattributes hiding the closed month from archives",
        {".gitattributes": f"{M}/** export-ignore\n"},
        ((".gitattributes", "tracked-gitattributes"),),
    ),
    Attack(
        "symlink-into-dot-folder",
        "a link in the closed month to a file in a dot-folder, whose content changes later",
        {".hidden/photo.jpg": JPEG + b"changed"},
        (
            (".hidden/photo.jpg", "tracked-dotfile"),
            (f"{M}/evidence/shed2.jpg", "tracked-symlink"),
        ),
        base={
            ".hidden/photo.jpg": JPEG,
            f"{M}/evidence/shed2.jpg": Link("../../.hidden/photo.jpg"),
        },
    ),
    Attack(
        "dot-file-in-closed-month",
        "a hidden file added to a closed month",
        {f"{M}/.notes": "改过了\n"},
        ((f"{M}/.notes", "closed-month-changed"), (f"{M}/.notes", "tracked-dotfile")),
    ),
    Attack(
        "non-empty-gitkeep",
        "a .gitkeep that carries content",
        {"2026-12/.gitkeep": "data\n"},
        (("2026-12/.gitkeep", "tracked-dotfile"),),
    ),
    Attack(
        "submodule-under-records",
        "a submodule placed among the records",
        {"2026-12/vendor": Gitlink()},
        (("2026-12/vendor", "tracked-submodule"),),
    ),
    Attack(
        "tracked-cache",
        "the validation cache and a cached photo force-added, one a link to /etc/passwd",
        {
            "../.cache/kaoping/validate.pickle": b"not a pickle",
            "../.cache/kaoping/photos/abc-1.jpg": Link("/etc/passwd"),
        },
        ((".", "tracked-cache"), (".", "tracked-cache")),
    ),
    Attack(
        "reseal-moving-figures",
        "a closed month's record amended and resealed without an appeal",
        {f"{M}/assessments/admin.yaml": R1_RESTORED, f"{M}/seal.yaml": "reseal"},
        (
            (f"{M}/assessments/admin.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
            (f"{M}/seal.yaml", "closed-seal-changed"),
        ),
        base={f"{M}/seal.yaml": "reseal"},
    ),
    Attack(
        "seal-deleted",
        "a closed month's seal deleted",
        {f"{M}/seal.yaml": None},
        ((f"{M}/seal.yaml", "closed-seal-changed"),),
        base={f"{M}/seal.yaml": "reseal"},
    ),
    Attack(
        "rules-move-an-appealed-month",
        "an appeal decided, and the weights changed from the closed month on under its cover",
        {
            "appeals/2026-001.yaml": decide(APPEAL_1),
            f"{M}/assessments/admin.yaml": R1_RESTORED,
            "org.yaml": dict(
                BASE["org.yaml"],
                weights={"business": 80, "public": 20, "indicator": 0.6, "leader": 0.4},
            ),
        },
        ((f"{M}/month.yaml", "closed-figures-by-rules"),),
    ),
    Attack(
        "late-review",
        "a review filed after the window that opened with the earlier decision",
        {
            "appeals/2026-005.yaml": edit(REVIEW, "filed: 2026-12-18", "filed: 2026-12-28"),
            INSPECTION: F2_RETOLD,
            f"{M}/assessments/security.yaml": K1_RESTORED,
        },
        (
            (f"{M}/assessments/security.yaml", "closed-month-changed"),
            (INSPECTION, "closed-month-changed"),
            (f"{M}/month.yaml", "closed-figures-moved"),
            ("appeals/2026-005.yaml", "lock-review-late"),
        ),
    ),
    Attack(
        "forged-annotation-in-a-name",
        "a file in the closed month whose name carries a line break and an annotation",
        {f"{M}/evidence/x\n::error file=forged::y.jpg": JPEG},
        ((f"{M}/evidence/x\\n::error file=forged::y.jpg", "closed-month-changed"),),
    ),
    Attack(
        "status-backwards",
        "the closed month reopened",
        {f"{M}/month.yaml": edit(MONTH, "status: closed", "status: published")},
        (
            (f"{M}/month.yaml", "closed-month-changed"),
            (f"{M}/month.yaml", "status-backwards"),
        ),
    ),
]

ATTACKS += [
    Attack(
        "closed-year-coefficients",
        "the rewards base of a closed year raised in place",
        {"org.yaml": org_with(rewards={"base": 6600, "coefficients": dict(COEFFICIENTS)})},
        (("org.yaml", "closed-year-rewards-moved"),),
        base=CLOSED_YEAR,
    ),
    Attack(
        "closed-year-member-added",
        "a person added to a department of a closed year, from no month on",
        {"org.yaml": org_with(people=[*ORG_REWARDS["people"], SUN], admin={"members": ["sun"]})},
        (("org.yaml", "closed-year-rewards-moved"),),
        base=CLOSED_YEAR,
    ),
    Attack(
        "closed-year-head-backdated",
        "a dated head version reaching back into a closed year",
        {
            "org.yaml": org_with(
                admin={"head": [{"from": "2026-01", "value": "zhao"}, {"from": M, "value": "qian"}]}
            )
        },
        (("org.yaml", "closed-year-rewards-moved"),),
        base=CLOSED_YEAR,
    ),
    Attack(
        "closed-year-person-left-earlier",
        "a person's last month moved back before the closed year's months",
        {
            "org.yaml": org_with(
                people=[
                    dict(p, to="2026-10") if p["id"] == "qian" else p for p in ORG_REWARDS["people"]
                ]
            )
        },
        (("org.yaml", "closed-year-rewards-moved"),),
        base=CLOSED_YEAR,
    ),
    Attack(
        "closed-year-month-added",
        "a month folder added to a closed year, closed from the start",
        ADDED_MONTH,
        (("org.yaml", "closed-year-rewards-moved"),),
        base=CLOSED_YEAR,
    ),
    Attack(
        "appeal-covers-a-rewards-change",
        "an appeal decided in a closed year, and the rewards base raised under its cover",
        {
            "appeals/2026-001.yaml": decide(APPEAL_1),
            f"{M}/assessments/admin.yaml": R1_RESTORED,
            "org.yaml": org_with(rewards={"base": 6600, "coefficients": dict(COEFFICIENTS)}),
        },
        (("org.yaml", "closed-year-rewards-moved"),),
        base=CLOSED_YEAR,
    ),
]

ALLOWED: list[Attack] = [
    Attack(
        "open-month-edit",
        "an ordinary edit of the open month",
        {
            "2026-12/month.yaml": "status: open\nmeeting: 2027-01-05\n",
            "2026-12/.gitkeep": "",
        },
    ),
    Attack(
        "pending-appeal-upheld",
        "a pending appeal decided upheld, its subject amended",
        {"appeals/2026-001.yaml": decide(APPEAL_1), f"{M}/assessments/admin.yaml": R1_RESTORED},
    ),
    Attack(
        "pending-appeal-rejected",
        "a pending appeal rejected, nothing amended",
        {"appeals/2026-001.yaml": decide(APPEAL_1, "rejected")},
    ),
    Attack(
        "shared-item-upheld",
        "an appeal on admin's finding F1 decided partly-upheld, F1 alone amended",
        {"appeals/2026-004.yaml": decide(APPEAL_4, "partly-upheld"), INSPECTION: F1_DROPPED},
    ),
    Attack(
        "review-upheld",
        "a review of the rejected appeal upheld: the finding and its target's assessment amended",
        {
            "appeals/2026-005.yaml": REVIEW,
            INSPECTION: F2_RETOLD,
            f"{M}/assessments/security.yaml": K1_RESTORED,
        },
    ),
    Attack(
        "appeal-with-reseal",
        "an upheld appeal amends its subject item and reseals the month",
        {
            "appeals/2026-001.yaml": decide(APPEAL_1),
            f"{M}/assessments/admin.yaml": R1_RESTORED,
            f"{M}/seal.yaml": "reseal",
        },
        base={f"{M}/seal.yaml": "reseal"},
    ),
    Attack(
        "seal-an-imported-month",
        "a seal written for a closed month that had none, its figures as they were",
        {f"{M}/seal.yaml": "reseal"},
    ),
    Attack(
        "later-rule-version",
        "a new weights version from the open month on",
        {
            "org.yaml": dict(
                BASE["org.yaml"],
                weights=[
                    {"from": M, "value": BASE["org.yaml"]["weights"]},
                    {
                        "from": "2026-12",
                        "value": {"business": 80, "public": 20, "indicator": 0.6, "leader": 0.4},
                    },
                ],
            )
        },
    ),
]

ALLOWED += [
    Attack(
        "later-rewards-version",
        "a rewards version from the next year on, in a closed year's org.yaml",
        {
            "org.yaml": org_with(
                rewards=[
                    {"from": M, "value": copy.deepcopy(ORG_REWARDS["rewards"])},
                    {
                        "from": "2027-01",
                        "value": {"base": 6600, "coefficients": dict(COEFFICIENTS)},
                    },
                ]
            )
        },
        base=CLOSED_YEAR,
    ),
    Attack(
        "member-from-next-year",
        "a new member from the next year on",
        {
            "org.yaml": org_with(
                people=[*ORG_REWARDS["people"], SUN],
                admin={"members": [{"id": "sun", "from": "2027-01"}]},
            )
        },
        base=CLOSED_YEAR,
    ),
    Attack(
        "appeal-moves-a-closed-year",
        "an appeal decided in a closed year: its rows move with the figures",
        {"appeals/2026-001.yaml": decide(APPEAL_1), f"{M}/assessments/admin.yaml": R1_RESTORED},
        base=CLOSED_YEAR,
    ),
    Attack(
        "rewards-first-given",
        "a rewards rule added where the base had none",
        {"org.yaml": ORG_REWARDS},
        base={"2026-12/month.yaml": None},
    ),
]

RESEAL = "reseal"  # a seal.yaml written by `kaoping seal MONTH --write` when the step is built


def tree(extra: Files) -> Files:
    files: Files = copy.deepcopy(BASE)
    files.update(TREE)
    files.update(extra)
    return files


def write(root: Path, files: Files) -> None:
    """Write files under ``root`` (records/): links, submodule entries and seals included."""
    plain = {
        path: content
        for path, content in files.items()
        if not isinstance(content, (Link, Gitlink)) and content != RESEAL
    }
    for path, content in plain.items():
        target = root / path
        if content is None and (target.is_symlink() or target.exists()):
            target.unlink()
    write_tree(root, {p: c for p, c in plain.items() if c is not None})
    for path, content in files.items():
        if isinstance(content, Link):
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink() or target.exists():
                target.unlink()
            os.symlink(content.target, target)


def commit(repo: Path, root: Path, files: Files, message: str) -> None:
    """Stage everything (and ``files`` that git ignores or keeps out), then commit."""
    for path, content in files.items():
        if content == RESEAL:
            seal(root, path.split("/")[0])
    git(repo, "add", "-A")
    for path, content in files.items():
        full = os.path.normpath(root / path)
        relative = os.path.relpath(full, repo)
        if isinstance(content, Gitlink):
            git(repo, "update-index", "--add", "--cacheinfo", f"160000,{content.commit},{relative}")
        elif content is not None and relative.startswith(".cache"):
            git(repo, "add", "-f", relative)
    git(repo, "commit", "-q", "--allow-empty", "-m", message or "Change")


def seal(root: Path, month: str) -> None:
    """``kaoping seal MONTH --write`` as the office runs it: on the records staged for the
    commit (a file git does not know yet is a draft, left out of validation)."""
    import subprocess
    import sys

    git(root.parent, "add", "-A", str(root))
    subprocess.run(
        [sys.executable, "-m", "scoring", "seal", month, "--write", "--records", str(root)],
        check=True,
        capture_output=True,
        cwd=root.parent,
        timeout=120,
    )


def build(attack: Attack, repo: Path, code: bool = False, object_format: str = "sha1") -> Path:
    """The repository: the base on main, earlier steps merged, the change on branch ``pr``.

    ``code``: the scorer's package is committed in the repository too (``scoring/``).
    """
    root = repo / "records"
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main", f"--object-format={object_format}")
    (repo / ".gitignore").write_text("__pycache__/\n.cache/\n", encoding="utf-8")
    if code:
        shutil.copytree(
            REPO / "scoring", repo / "scoring", ignore=shutil.ignore_patterns("__pycache__")
        )
    base = tree(attack.base)
    write(root, base)
    commit(repo, root, base, "Close 2026-11")
    for number, step in enumerate(attack.merged, 1):
        write(root, step)
        commit(repo, root, step, f"Merged step {number}")
    git(repo, "checkout", "-q", "-b", "pr")
    write(root, attack.change)
    commit(repo, root, attack.change, attack.description)
    return root
