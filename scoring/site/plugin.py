"""The MkDocs plugin ``kaoping``: the site's pages generated from ``records/``.

It follows oprypin/mkdocs-gen-files: pages are generated in ``on_files`` into a
temporary folder and added as MkDocs ``File`` objects, never written into
``docs_dir``, so ``mkdocs serve`` does not loop on its own output; ``on_serve``
watches the records folder so a changed record rebuilds the site. ``on_config``
reads the records once per build (validation, scoring, history: ``data``) and sets
what depends on them: the theme's language (org.yaml ``language``), the site name
(the unit), the navigation when mkdocs.yml has none, and the site's own CSS and
JavaScript. Hand-written pages may come in one file per language (``about.zh.md``,
``about.en.md``): the one in the site's language is published as ``about.md``.

A generated page reaches MkDocs as Markdown holding only its front matter (and the
home page's introduction); its HTML, rendered one page at a time in ``on_files`` and
kept on disk, is put in place in ``on_page_content``, after Markdown, with its table
of contents. Record pages are kept out of the full-text search index and their
compact entries (``search``) are added to it in ``on_post_build``.
"""

from __future__ import annotations

import gc
import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils.meta import get_data

from scoring import exports, i18n
from scoring.site import photos, search
from scoring.site.data import SiteData, SiteError, load_site
from scoring.site.links import Links, evidence_src, page_url, published_evidence
from scoring.site.page import Build, Page, TocEntry
from scoring.site.pages import site_pages
from scoring.site.render import environment, page_file, title_text

log = logging.getLogger("mkdocs.plugins.kaoping")

ASSETS = Path(__file__).parent / "assets"
ASSETS_URI = "assets/kaoping"
NAV = [
    ("nav.home", "index.md"),
    ("nav.months", "months/index.md"),
    ("nav.departments", "departments/index.md"),
    ("nav.services", "services/index.md"),
    ("nav.rules", "rules.md"),
    ("nav.appeals", "appeals.md"),
    ("nav.history", "history.md"),
    ("nav.downloads", "downloads.md"),
]


class KaopingConfig(base.Config):
    records = c.Type(str, default="records")
    """The records folder, relative to mkdocs.yml."""
    unit_as_site_name = c.Type(bool, default=True)
    """Use org.yaml's ``unit`` as the site name."""


def _toc_tokens(entries: list[TocEntry]) -> list[dict[str, Any]]:
    return [
        {
            "level": entry.level,
            "id": entry.anchor,
            "name": title_text(entry.title),
            "children": _toc_tokens(list(entry.children)),
        }
        for entry in entries
    ]


def _language_variant(src_uri: str) -> tuple[str, str] | None:
    """``about.zh.md`` -> (``about.md``, ``zh``); None for other files."""
    if not src_uri.endswith(".md"):
        return None
    stem = src_uri[: -len(".md")]
    for language in i18n.LANGUAGES:
        if stem.endswith(f".{language}"):
            return stem[: -len(language) - 1] + ".md", language
    return None


class KaopingPlugin(BasePlugin[KaopingConfig]):
    """Generates the pages of the published site from the records."""

    def __init__(self) -> None:
        super().__init__()
        self.data: SiteData | None = None
        self.root = Path("records")
        self.folder: Path | None = None
        self.tocs: dict[str, list[TocEntry]] = {}
        self.rendered: dict[str, Path] = {}  # src_uri -> the page's HTML, put in place later
        self.search_entries: list[dict[str, Any]] = []

    # ------------------------------------------------------------ configuration

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (base_dir / self.config.records).resolve()
        self.data = None  # a rebuild under `mkdocs serve` frees the last build's data first
        gc.unfreeze()
        gc.collect()
        # Millions of objects are made here and stay alive for the whole build: collections
        # while loading would walk them again and again, and after it they are frozen.
        gc.disable()
        try:
            self.data = load_site(self.root)
        except SiteError as error:
            raise PluginError(f"kaoping: {error}") from None
        finally:
            gc.freeze()
            gc.enable()
        for note in self.data.notes:
            log.warning(note)
        if self.data.validation.warnings:
            log.info(
                "kaoping: the records have %d validation warnings (kaoping validate)",
                self.data.validation.warnings,
            )
        language = self.data.language
        config.theme["language"] = language
        if self.config.unit_as_site_name:
            config.site_name = title_text(self.data.org.unit)
        config.extra_css.append(f"{ASSETS_URI}/kaoping.css")
        config.extra_javascript.append(f"{ASSETS_URI}/kaoping.js")
        return config

    # ------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.data is not None
        self._clean()
        self.folder = Path(tempfile.mkdtemp(prefix="kaoping-site-"))
        self.tocs, self.rendered, self.search_entries = {}, {}, []
        self._choose_languages(files, config)
        hand_written = sorted(
            f.src_uri for f in files.documentation_pages() if f.src_uri != "index.md"
        )
        links = Links(
            self.data.records, self.data.history, self.data.repository, config.use_directory_urls
        )
        published = self._evidence(links)
        build = Build(self.data, links)
        env = environment(self.data.language)
        views = build.views
        shared = {
            "links": links,
            "grade_name": views.grade_name,
            "people": views.people,
            "department_name": views.department_name,
        }
        for page in site_pages(build):  # one page at a time: its context is freed after it
            self._add_page(files, config, env, page, shared)
        self._add_downloads(files, config)
        for (month, name), source in published.items():
            self._add(files, config, evidence_src(month, name), source)
        self._add_checksums(files, config, links)
        for asset in sorted(ASSETS.rglob("*")):
            if asset.is_file() and asset.suffix != ".md":
                uri = f"{ASSETS_URI}/{asset.relative_to(ASSETS).as_posix()}"
                self._add(files, config, uri, asset)
        if config.nav is None:
            config.nav = self._navigation(hand_written)
        return files

    def _navigation(self, hand_written: list[str]) -> list[Any]:
        """Home, the indexes and the reference pages; hand-written pages under "About"."""
        assert self.data is not None
        language = self.data.language
        nav: list[Any] = [{i18n.text(key, language): path} for key, path in NAV]
        generated = {path for _, path in NAV}
        others = [path for path in hand_written if path not in generated]
        if others:
            nav.append({i18n.text("nav.about", language): others})
        return nav

    def _choose_languages(self, files: Files, config: MkDocsConfig) -> None:
        assert self.data is not None
        for file in list(files):
            variant = _language_variant(file.src_uri)
            if variant is None:
                continue
            files.remove(file)
            target, language = variant
            if language == self.data.language and file.abs_src_path:
                existing = files.get_file_from_path(target)
                if existing is not None:
                    files.remove(existing)
                files.append(File.generated(config, target, abs_src_path=file.abs_src_path))

    def _add(
        self, files: Files, config: MkDocsConfig, src_uri: str, source: Path, *, in_nav: bool = True
    ) -> None:
        existing = files.get_file_from_path(src_uri)
        if existing is not None:
            if src_uri != "index.md":  # the home page takes site/index.md as its introduction
                log.info("kaoping: the generated %s replaces the one in the docs folder", src_uri)
            files.remove(existing)
        inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, src_uri, abs_src_path=str(source), inclusion=inclusion))

    def _add_page(
        self, files: Files, config: MkDocsConfig, env: Any, page: Page, shared: dict[str, Any]
    ) -> None:
        assert self.folder is not None and self.data is not None
        intro, meta = "", dict[str, Any]()
        if page.src_uri == "index.md":
            existing = files.get_file_from_path("index.md")
            if existing is not None and existing.abs_src_path:
                intro, meta = get_data(Path(existing.abs_src_path).read_text(encoding="utf-8"))
        url = page_url(page.src_uri, config.use_directory_urls)
        html = env.get_template(page.template).render(**shared, **page.context, page_url=url)
        target = self.folder / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_file(page.title, "", intro, {**page.front_matter, **meta}), "utf-8")
        rendered = self.folder / "_html" / f"{page.src_uri}.html"
        rendered.parent.mkdir(parents=True, exist_ok=True)
        rendered.write_text(html, encoding="utf-8")
        self.rendered[page.src_uri] = rendered
        self.tocs[page.src_uri] = page.toc
        for entry in page.search or ():
            self.search_entries.append(search.index_entry(url, entry))
        self._add(files, config, page.src_uri, target, in_nav=page.in_nav)

    def _evidence(self, links: Links) -> dict[tuple[str, str], Path]:
        """Hash every published evidence file and make its clean copy (photos.publish)."""
        assert self.data is not None
        cache = self.root.resolve().parent / ".cache" / "kaoping" / "photos"
        published = {}
        for month, name in published_evidence(self.data.records):
            source = self.root / month / "evidence" / name
            digest = photos.sha256_file(source)
            links.evidence_hashes[(month, name)] = digest
            published[(month, name)] = photos.publish(source, digest, cache)
        return published

    def _add_checksums(self, files: Files, config: MkDocsConfig, links: Links) -> None:
        """downloads/evidence.sha256: the originals' hashes, checkable with `sha256sum -c`."""
        assert self.folder is not None
        lines = [
            f"{digest}  {month}/evidence/{name}\n"
            for (month, name), digest in sorted(links.evidence_hashes.items())
        ]
        target = self.folder / "downloads" / "evidence.sha256"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("".join(lines), encoding="utf-8")
        self._add(files, config, "downloads/evidence.sha256", target, in_nav=False)

    def _add_downloads(self, files: Files, config: MkDocsConfig) -> None:
        assert self.folder is not None and self.data is not None
        results = self.data.results
        folder = self.folder / "downloads"
        folder.mkdir(parents=True, exist_ok=True)
        outputs = {
            "results.json": exports.to_json(results).encode("utf-8"),
            "results.csv": exports.to_csv(results, "months").encode("utf-8"),
            "results.xlsx": exports.to_xlsx(results),
        }
        for name, content in outputs.items():
            (folder / name).write_bytes(content)
            self._add(files, config, f"downloads/{name}", folder / name)

    # ------------------------------------------------------------ pages

    def on_page_content(
        self, html: str, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        """A generated page's HTML after what Markdown made of its file (the introduction)."""
        rendered = self.rendered.get(page.file.src_uri)
        if rendered is not None:
            html = f'{html}<div class="kp">\n{rendered.read_text(encoding="utf-8")}\n</div>\n'
        entries = self.tocs.get(page.file.src_uri)
        if entries:
            generated = get_toc(_toc_tokens(entries))  # type: ignore[arg-type]
            page.toc = TableOfContents(list(page.toc or []) + list(generated))
        return html

    # ------------------------------------------------------------ serving and cleaning up

    def on_serve(
        self, server: LiveReloadServer, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        server.watch(str(self.root))
        return server

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if self.search_entries and plugin is not None:
            if not search.add_entries(plugin, self.search_entries):
                log.warning(
                    "kaoping: the search plugin is not Material's; record pages are not indexed"
                )
        self.search_entries = []
        self._clean()

    def on_build_error(self, error: Exception) -> None:
        self._clean()

    def _clean(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
