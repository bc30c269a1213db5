"""Installing kaoping on a machine that never saw it: requirements, the wheel, line ends.

The requirements name registry packages only (a path or URL works on one machine and
fails everywhere else); pyproject.toml states compatible ranges and constraints.txt pins
every installed package; the wheel carries what the package needs and, installed in a
fresh virtual environment outside the repository, builds a site from a minimal
mkdocs.yml that requests nothing from another host; a clone with Git for Windows'
``core.autocrlf=true`` validates clean.
"""

from __future__ import annotations

import functools
import http.server
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import threading
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from gitrepo import ENV, commit_all, git, init
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][0-9A-Za-z.+!-]*$")
NOT_PINNED = {"pip", "setuptools", "wheel", "kaoping"}  # what `pip freeze` leaves out too


def _constraints() -> dict[str, str]:
    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    pins = {}
    for line in lines:
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def _requirements() -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        found.extend(extra)
    return [Requirement(text) for text in found]


def test_constraints_name_registry_packages_with_versions_only() -> None:
    lines = (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        assert "@" not in line and "://" not in line and "/" not in line, (number, line)
        assert PIN.match(line), f"constraints.txt:{number}: not NAME==VERSION: {line!r}"


def test_pyproject_requirements_are_compatible_ranges() -> None:
    for requirement in _requirements():
        assert requirement.url is None, requirement
        operators = {spec.operator for spec in requirement.specifier}
        assert ">=" in operators and "<" in operators, f"{requirement}: give a compatible range"
        assert "==" not in operators and "===" not in operators, requirement


def test_constraints_satisfy_the_ranges() -> None:
    pins = _constraints()
    for requirement in _requirements():
        pinned = pins.get(canonicalize_name(requirement.name))
        assert pinned is not None, f"{requirement.name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(Version(pinned)), (requirement, pinned)


def test_constraints_pin_every_installed_package() -> None:
    installed = {
        canonicalize_name(dist.metadata["Name"]): dist.version
        for dist in importlib.metadata.distributions()
    }
    expected = {name: v for name, v in installed.items() if name not in NOT_PINNED}
    assert _constraints() == expected


def test_hook_versions_are_the_constraints() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    pins = _constraints()
    for hook in config["repos"][0]["hooks"]:
        for dependency in hook.get("additional_dependencies", []):
            name, _, version = dependency.partition("==")
            assert pins.get(canonicalize_name(name)) == version, (hook["id"], dependency)


# ------------------------------------------------------------------ the wheel


SHIPPED = ("pyproject.toml", "README.md", "LICENSE", "scoring")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from a clean copy of the sources (a ``build/`` folder of an earlier
    build in the working tree would keep files that are gone)."""
    source = tmp_path_factory.mktemp("source")
    for name in SHIPPED:
        if (REPO / name).is_dir():
            ignore = shutil.ignore_patterns("__pycache__")
            shutil.copytree(REPO / name, source / name, ignore=ignore)
        else:
            shutil.copy(REPO / name, source / name)
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (found,) = folder.glob("kaoping-*.whl")
    return found


def _package_files() -> set[str]:
    return {
        path.relative_to(REPO).as_posix()
        for path in (REPO / "scoring").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_wheel_ships_every_file_of_the_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = {name for name in archive.namelist() if name.startswith("scoring/")}
    assert names == _package_files()


def test_wheel_metadata(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        (metadata_name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        metadata = archive.read(metadata_name).decode("utf-8")
        licenses = [n for n in archive.namelist() if ".dist-info/licenses/" in n]
    assert "License-Expression: MIT AND Apache-2.0 AND BSD-3-Clause" in metadata
    assert any(name.endswith("licenses/LICENSE") for name in licenses)
    requires = [
        line.partition(";")[0]  # the marker (`extra == "dev"`) aside
        for line in metadata.splitlines()
        if line.startswith("Requires-Dist:")
    ]
    assert requires and not any("==" in line or "@" in line for line in requires), requires


MINIMAL_MKDOCS = "site_name: 示例\ntheme:\n  name: material\nplugins:\n  - kaoping\n  - search\n"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture
def served() -> Iterator[functools.partial[str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def serve(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield functools.partial(serve)
    for server in servers:
        server.shutdown()


def _requests_of(url: str, addresses: list[str]) -> list[str]:
    """Every URL Chromium requests while opening ``addresses`` under ``url``."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path("/usr/bin/chromium").exists():
        pytest.skip("Debian's chromium is not installed (tests/setup-browser.sh)")
    requests: list[str] = []
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page()
        page.on("request", lambda request: requests.append(request.url))
        for address in addresses:
            page.goto(url + address)
            page.wait_for_load_state("networkidle")
        browser.close()
    return requests


def test_wheel_outside_the_repository_builds_a_minimal_site(
    wheel: Path, tmp_path: Path, served: functools.partial[str]
) -> None:
    environment = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(environment)], check=True, timeout=120)
    python = environment / "bin/python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "-c", str(REPO / "constraints.txt"), wheel],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert install.returncode == 0, install.stderr
    project = tmp_path / "bureau"  # a records-only repository: records, mkdocs.yml, docs/
    shutil.copytree(REPO / "records", project / "records")
    (project / "docs").mkdir()
    (project / "mkdocs.yml").write_text(MINIMAL_MKDOCS, encoding="utf-8")
    env = {
        key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")
    }
    env["PATH"] = f"{environment / 'bin'}:/usr/bin:/bin"
    where = subprocess.run(
        [str(python), "-c", "import scoring; print(scoring.__file__)"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(environment)), where.stdout  # not this repository's copy
    result = subprocess.run(
        [str(environment / "bin/mkdocs"), "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    public = project / "site"
    for guide in ("department", "office", "leader", "appeal", "services"):  # shipped in the wheel
        assert (public / "guide" / guide / "index.html").is_file(), guide
    assert "填报指南" in (public / "guide/department/index.html").read_text(encoding="utf-8")
    for html in public.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text, html
    url = served(public)
    requests = _requests_of(url, ["", "months/2026-10/", "guide/department/"])
    assert requests and all(request.startswith(url) for request in requests), [
        request for request in requests if not request.startswith(url)
    ]


# ------------------------------------------------------------------ line ends


@pytest.mark.parametrize("attributes", [True, False], ids=["gitattributes", "without"])
def test_autocrlf_clone_validates_clean(tmp_path: Path, attributes: bool) -> None:
    origin = tmp_path / "origin"
    init(origin)
    shutil.copytree(REPO / "records", origin / "records")
    if attributes:
        shutil.copy(REPO / ".gitattributes", origin / ".gitattributes")
    commit_all(origin, "Records")
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "-c", "core.autocrlf=true", str(origin), str(clone)],
        env=ENV,
        check=True,
        capture_output=True,
    )
    assert git(clone, "config", "core.autocrlf") == "true"
    org = (clone / "records/org.yaml").read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "scoring", "validate", "--format", "json", "--no-cache"],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if attributes:
        assert b"\r\n" not in org
        assert result.returncode == 0, result.stdout[:2000]
    else:  # the case the attributes exist for: every record checked out with CRLF
        assert b"\r\n" in org
        assert result.returncode == 1 and '"code": "crlf"' in result.stdout
