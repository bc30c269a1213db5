"""Built sites in a real browser: Debian's Chromium driven by Playwright, and axe-core.

``Site`` serves a built site on 127.0.0.1 with ``http.server`` and opens it in a
browser context of a given width; it records every request (none may go to another
host) and the console errors. ``search`` types into Material's search box as a reader
does (CJK text has no key events: fill, then press a key). ``axe_violations`` injects
the axe-core that ``tests/setup-axe.sh`` installed (pinned in tests/axe) into the open
page, so nothing is fetched while a page runs.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sitebuild import REPO

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = REPO / "test-artifacts"
AXE = REPO / "tests/axe/node_modules/axe-core/axe.min.js"
WIDTHS = (1366, 390)  # a desktop and a phone
SERIOUS = ("serious", "critical")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class Site:
    """A served site and a browser page that records requests and console errors."""

    def __init__(self, browser: Any, public: Path, width: int = 1400, height: int = 1000) -> None:
        self.public = public
        self.width = width
        self.server, self.url = serve(public)
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.page = self.context.new_page()
        self.page.on(
            "console",
            lambda message: self.errors.append(message.text) if message.type == "error" else None,
        )
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, address: str) -> Any:
        self.page.goto(self.url + address)
        self.page.wait_for_load_state("load")
        return self.page

    def close(self) -> None:
        self.context.close()
        self.server.shutdown()

    def foreign_requests(self) -> list[str]:
        local = urlsplit(self.url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).netloc != local and not url.startswith("data:")
        ]

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}-{self.width}.png"), full_page=True)


def search(page: Any, text: str) -> list[str]:
    """Type into Material's search (opening it first on a phone); the results' links."""
    box = page.locator("input[data-md-component=search-query]")
    opener = page.locator("label.md-header__button[for='__search']")
    if opener.is_visible():  # a phone: the search opens from a button
        opener.click()
    box.click()
    box.fill(text)  # CJK is typed without key events: fill, then press a key
    box.press("End")
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item a")
    return [links.nth(i).get_attribute("href") for i in range(links.count())]


def axe_source() -> str:
    """axe-core's script, installed by tests/setup-axe.sh when missing."""
    if not AXE.is_file():
        subprocess.run(["bash", str(REPO / "tests/setup-axe.sh")], check=False, timeout=300)
    assert AXE.is_file(), "axe-core is missing: run tests/setup-axe.sh (npm ci in tests/axe)"
    return AXE.read_text(encoding="utf-8")


def axe_violations(page: Any, source: str) -> list[dict[str, Any]]:
    """axe-core's violations of the open page (every rule axe runs by default)."""
    page.add_script_tag(content=source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return list(result["violations"])


def serious(violations: list[dict[str, Any]]) -> list[str]:
    """The serious and critical violations, one line each: rule, impact, where, why."""
    return [
        f"{v['id']} ({v['impact']}): {node['target']} {node['failureSummary'].splitlines()[-1]}"
        for v in violations
        if v.get("impact") in SERIOUS
        for node in v["nodes"]
    ]
