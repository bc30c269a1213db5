"""The hostile-input corpus: broken record trees, one defect each, and how to build them.

A case is a folder under ``tests/corpus/``: ``case.yaml`` states the defect and the
problem ``kaoping validate`` must report for it (code, path, line, column), and
``records/`` holds the files laid over the valid base tree of ``conftest.BASE``.
Inputs that are binary, huge or impossible to commit (a 50 MB file, alias bombs,
100,000-deep nesting, bytes that are not UTF-8, symbolic links, a named pipe) are
written at test time by a generator that ``case.yaml`` names::

    description: nesting 100,000 flow sequences deep
    expect: {code: too-deep, path: 2026-11/ratings/chen.yaml, line: 1, column: 33}
    generate: [{name: deep-flow, path: 2026-11/ratings/chen.yaml}]
    delete: [2026-11/ratings/liu.yaml]    # optional: base files removed
    strict: true                          # optional: the problem is a warning

Both ``tests/test_corpus.py`` and ``benchmarks/hostile.py`` build and run cases with
this module, so the benchmark measures exactly what the tests guard.
"""

from __future__ import annotations

import copy
import os
import re
import resource
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from conftest import BASE, write_tree

CORPUS = Path(__file__).resolve().parent / "corpus"
TIMEOUT_SECONDS = 30  # generous guards against runaway, never timings (DESIGN §10)
MEMORY_BYTES = 1 << 30


Shown = tuple[str, int | None, int | None, str, str]  # path, line, column, severity, code


@dataclass(frozen=True)
class Case:
    name: str
    description: str
    code: str
    path: str
    line: int | None
    column: int | None
    severity: str = "error"
    strict: bool = False
    generate: tuple[dict[str, Any], ...] = ()
    delete: tuple[str, ...] = ()
    folder: Path = field(default=CORPUS)
    problems: tuple[Shown, ...] = ()  # every problem, when the defect gives more than one
    counts: dict[str, int] = field(default_factory=dict)  # a flood: how many of each code

    def every_problem(self) -> list[Shown]:
        """The case's problems, exactly (its own alone unless ``problems`` lists them)."""
        return list(self.problems) or [
            (self.path, self.line, self.column, self.severity, self.code)
        ]

    def expected(self) -> str:
        """The start of the line ``validate`` prints for the problem, before the message."""
        where = "records" if self.path == "." else f"records/{self.path}"
        if self.line is not None:
            where += f":{self.line}:{self.column}"
        return f"{where}: {self.severity}: "


_SHOWN = re.compile(
    r"^records(?:/(?P<path>[^:]*))?(?::(?P<line>\d+):(?P<column>\d+))?: "
    r"(?P<severity>error|warning|notice): .* \[(?P<code>[a-z0-9-]+)\]$"
)


def shown_problems(output: str) -> list[Shown]:
    """(path, line, column, severity, code) of each problem ``validate`` printed as text."""
    found = []
    for text in output.splitlines():
        match = _SHOWN.match(text)
        assert match, text
        line, column = match["line"], match["column"]
        found.append(
            (
                match["path"] or ".",
                int(line) if line else None,
                int(column) if column else None,
                match["severity"],
                match["code"],
            )
        )
    return found


def cases() -> list[Case]:
    """Every case of the corpus, by name."""
    found = []
    for case_file in sorted(CORPUS.glob("*/case.yaml")):
        data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
        expect = data["expect"]
        found.append(
            Case(
                name=case_file.parent.name,
                description=data["description"],
                code=expect["code"],
                path=expect["path"],
                line=expect.get("line"),
                column=expect.get("column"),
                severity=expect.get("severity", "error"),
                strict=bool(data.get("strict", False)),
                generate=tuple(data.get("generate", ())),
                delete=tuple(data.get("delete", ())),
                folder=case_file.parent,
                problems=tuple(
                    (p["path"], p["line"], p["column"], p["severity"], p["code"])
                    for p in data.get("problems", ())
                ),
                counts=dict(data.get("counts", {})),
            )
        )
    return found


def build(case: Case, directory: Path) -> Path:
    """Write the case's records tree into ``directory``; returns the records folder."""
    root = directory / "records"
    tree: dict[str, Any] = copy.deepcopy(BASE)
    for path in case.delete:
        tree[path] = None
    write_tree(root, tree)
    overlay = case.folder / "records"
    if overlay.is_dir():
        for source in sorted(overlay.rglob("*")):
            if source.is_file():
                target = root / source.relative_to(overlay)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(source.read_bytes())
    for spec in case.generate:
        options = {k: v for k, v in spec.items() if k not in ("name", "path")}
        GENERATORS[spec["name"]](root, spec["path"], **options)
    return root


def limit_memory() -> None:  # pragma: no cover - runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def validate_command(root: Path, strict: bool) -> list[str]:
    command = [sys.executable, "-m", "scoring", "validate", "--records", str(root)]
    return command + (["--strict"] if strict else [])


def run_validate(root: Path, strict: bool) -> subprocess.CompletedProcess[str]:
    """``kaoping validate`` on ``root`` under the guards: 30 s, 1 GiB of address space."""
    return subprocess.run(
        validate_command(root, strict),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=TIMEOUT_SECONDS,
        preexec_fn=limit_memory,
        cwd=root.parent,
        env={**os.environ, "KAOPING_DEBUG": "1"},  # an internal error shows its traceback
    )


def located(stdout: str, case: Case) -> list[str]:
    """The printed lines that report the case's problem where the case says it is."""
    prefix, suffix = case.expected(), f"[{case.code}]"
    return [
        line for line in stdout.splitlines() if line.startswith(prefix) and line.endswith(suffix)
    ]


# ---------------------------------------------------------------- generators


def _write(root: Path, path: str, data: bytes) -> Path:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def huge_file(root: Path, path: str, megabytes: int = 50) -> None:
    """A record of ``megabytes`` MB (sparse: the size is what a loader must refuse)."""
    target = _write(root, path, b"scores:\n  admin: 92\n")
    with target.open("r+b") as handle:
        handle.truncate(megabytes * 1_000_000)


def long_line(root: Path, path: str) -> None:
    """A valid rating followed by one line of almost a mebibyte."""
    _write(root, path, b"scores:\n  admin: 92\n  security: 88\nnote: " + b"x" * 1_040_000 + b"\n")


def alias_bomb(root: Path, path: str, levels: int = 30) -> None:
    """Billion laughs: each anchor a list of ten aliases of the one before."""
    lines = ['a0: &a0 "lol"']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 10)}]")
    _write(root, path, ("\n".join(lines) + "\n").encode())


def deep(root: Path, path: str, shape: str, depth: int = 100_000) -> None:
    """Nesting ``depth`` levels deep: flow ``[[[``, block ``- - -``, ``? ? ?`` or indentation."""
    if shape == "flow":
        text = "scores: " + "[" * depth + "]" * depth + "\n"
    elif shape == "flow-mapping":
        text = "scores: " + "{a: " * depth + "1" + "}" * depth + "\n"
    elif shape == "block":
        text = "- " * depth + "x\n"
    elif shape == "explicit-keys":
        text = "? " * depth + "x\n"
    elif shape == "indentation":
        text = "".join(" " * level + "a:\n" for level in range(depth)) + " " * depth + "x\n"
    else:  # pragma: no cover - a typo in a case
        raise ValueError(shape)
    _write(root, path, text.encode())


def many_values(root: Path, path: str, count: int = 500_000) -> None:
    """One flow list of ``count`` numbers in about a mebibyte."""
    _write(root, path, b"scores: [" + b"1," * (count - 1) + b"1]\n")


def many_duplicates(root: Path, path: str, count: int = 20_000) -> None:
    """A rating that repeats one key ``count`` times."""
    _write(root, path, b"scores:\n  admin: 92\n  security: 88\n" + b"  admin: 1\n" * count)


def raw(root: Path, path: str, text: str, encoding: str = "utf-8") -> None:
    """``text`` (written in ``case.yaml`` with YAML's escapes: ``\\t``, ``\\r``, ``\\x00``,
    ``\\ufeff``) saved in ``encoding``."""
    _write(root, path, text.encode(encoding))


def raw_bytes(root: Path, path: str, hex: str) -> None:
    """Bytes given in hexadecimal (``case.yaml`` stays text)."""
    _write(root, path, bytes.fromhex(hex))


def digits(root: Path, path: str, count: int = 5_000) -> None:
    """A rating whose first score has ``count`` digits."""
    _write(root, path, b"scores:\n  admin: " + b"9" * count + b"\n  security: 88\n")


def many_findings(root: Path, path: str, items: int = 2_900, findings: int = 5_000) -> None:
    """Targets of ``items`` items and an inspection of ``findings`` findings naming them
    (every finding's target looked up among every item took seconds)."""
    month = path.split("/")[0]
    targets = "".join(
        f"  - {{id: K{i}, kind: key, title: t, standard: s, deadline: {month}-25,"
        f" owner: zhao, weight: 0.01}}\n"
        for i in range(items)
    )
    _write(root, f"{month}/targets/admin.yaml", ("items:\n" + targets).encode())
    found = "".join(
        f"  - {{id: F{i}, description: d, kind: clutter, target: K{i % items}}}\n"
        for i in range(findings)
    )
    head = f"date: {month}-12\ninspectors: [wang, li]\nlocation: x\nfindings:\n"
    _write(root, path, (head + found).encode())


def many_departments(root: Path, path: str, count: int = 6_000) -> None:
    """An org.yaml of ``count`` more departments, each with a boundary and a rating
    (every reference looked up among every department took seconds)."""
    data = copy.deepcopy(BASE)
    data["org.yaml"]["departments"] += [
        {"id": f"d{i}", "name": "科室", "head": "zhao"} for i in range(count)
    ]
    data["indicators.yaml"]["boundaries"] += [
        {"kind": f"k{i}", "name": "边界", "department": f"d{i}"} for i in range(count)
    ]
    data[path]["scores"].update({f"d{i}": 90 for i in range(count)})
    for name in ("org.yaml", "indicators.yaml", path):
        text = yaml.safe_dump(data[name], allow_unicode=True, default_flow_style=None, width=200)
        _write(root, name, text.encode())


JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_WITH_SCRIPT = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R /OpenAction 3 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
    b"3 0 obj << /S /JavaScript /JS (app.alert('kaoping')) >> endobj\n"
    b"trailer << /Root 1 0 R >>\n%%EOF\n"
)
_DECLARED_FORMATS = {".png": "PNG", ".webp": "WEBP", ".gif": "GIF", ".jpg": "JPEG"}


def evidence(root: Path, path: str, content: str = "jpeg", size: int = 0) -> None:
    """An evidence file with the signature of ``content`` and at least ``size`` bytes."""
    target = _write(root, path, {"jpeg": JPEG, "png": PNG, "exe": b"MZ\x90\x00"}[content])
    if size:
        with target.open("r+b") as handle:
            handle.truncate(size)


def write_declared(target: Path, size: tuple[int, int]) -> None:
    """A real photo of ``size`` pixels, one colour, so that it is small on disk (a
    6,300 × 6,300 lossless WebP is 1.6 KB) however much its decoding would take."""
    from PIL import Image

    image_format = _DECLARED_FORMATS[target.suffix]
    mode = "1" if image_format == "PNG" and size[0] * size[1] > 50_000_000 else "RGB"
    options: dict[str, Any] = {"lossless": True} if image_format == "WEBP" else {}
    with Image.new(mode, size, 1 if mode == "1" else (90, 140, 200)) as image:
        image.save(target, format=image_format, optimize=image_format == "PNG", **options)


def declared_photo(root: Path, path: str, width: int, height: int) -> None:
    """An evidence photo declaring ``width`` × ``height`` pixels in a few kilobytes."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    write_declared(target, (width, height))


def pdf_with_script(root: Path, path: str) -> None:
    """A PDF whose /OpenAction runs JavaScript."""
    _write(root, path, PDF_WITH_SCRIPT)


def symlink(root: Path, path: str, to: str, outside: bool = False) -> None:
    """A symbolic link at ``path`` to ``to`` (relative to the link, or an absolute path).

    ``outside``: first write a photo beside the records folder, where ``to`` can reach it.
    """
    if outside:
        _write(root.parent, "outside/secret.jpg", JPEG)
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.is_file() and not target.is_symlink():
        target.unlink()
    target.symlink_to(to)


def fifo(root: Path, path: str) -> None:
    """A named pipe where a file should be: opening it would block for ever."""
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        target.unlink()
    os.mkfifo(target)


def undecodable_name(root: Path, path: str) -> None:
    """A file whose name is not UTF-8 (byte 0xff before ``.yaml``)."""
    folder = os.fsencode(root / path)
    os.makedirs(folder, exist_ok=True)
    with open(folder + b"/\xff.yaml", "wb") as handle:
        handle.write(b"items: []\n")


def sealed(root: Path, path: str, change: str, total: str | None = None, digits: int = 0) -> None:
    """Seal the month of ``path`` (its seal.yaml), then break the seal as ``change`` says.

    ``total``: what the readable copy of the first department's total says instead
    (``digits``: a number of that many nines).
    """
    total = "9" * digits if digits else total
    from conftest import engine_of

    from scoring.sealing import month_seal_of

    month = path.split("/")[0]
    fresh = month_seal_of(engine_of(root), month)
    text = fresh.yaml_text()
    if change == "hash":
        text = text.replace(f"seal: {fresh.seal}", f"seal: {fresh.seal[::-1]}")
    elif change == "chain":
        text = text.replace("previous: null", f"previous: {fresh.inputs}")
    if total is not None:
        text = re.sub(r"total: [0-9.]+", f"total: {total}", text, count=1)
    (root / path).write_text(text, encoding="utf-8")
    if change == "figures":  # an amendment after sealing, without resealing
        rating = root / month / "ratings/chen.yaml"
        rating.write_text(re.sub(r"admin: 92", "admin: 80", rating.read_text(encoding="utf-8")))


def git_tracked(
    root: Path,
    path: str,
    text: str | None = None,
    link: str | None = None,
    submodule: bool = False,
    force: bool = False,
    untracked: bool = False,
) -> None:
    """The records in a git work tree (staged, as a commit would take them), with one
    more entry at ``path``: a file of ``text``, a ``link``, or a ``submodule`` entry;
    ``force`` stages it although git ignores it, ``untracked`` leaves it unstaged."""
    repo = root.parent
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-C", str(repo), *args], check=True, capture_output=True, env=environment
        )

    if not (repo / ".git").exists():
        git("init", "-q")
        (repo / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    target = root / path
    if untracked:
        git("add", "-A")
    if link is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.symlink_to(link)
    elif text is not None:
        _write(root, path, text.encode())
    if untracked:
        return
    git("add", "-A")
    relative = os.path.relpath(os.path.normpath(target), repo)
    if submodule:
        git("update-index", "--add", "--cacheinfo", f"160000,{'0' * 39}1,{relative}")
    elif force:
        git("add", "-f", relative)


GENERATORS: dict[str, Callable[..., None]] = {
    "huge-file": huge_file,
    "long-line": long_line,
    "alias-bomb": alias_bomb,
    "deep": deep,
    "many-values": many_values,
    "many-duplicates": many_duplicates,
    "many-findings": many_findings,
    "many-departments": many_departments,
    "raw": raw,
    "raw-bytes": raw_bytes,
    "digits": digits,
    "evidence": evidence,
    "symlink": symlink,
    "declared-photo": declared_photo,
    "pdf-with-script": pdf_with_script,
    "fifo": fifo,
    "undecodable-name": undecodable_name,
    "sealed": sealed,
    "git": git_tracked,
}
