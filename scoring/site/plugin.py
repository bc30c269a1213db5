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

Under ``mkdocs serve`` a rebuild starts from the last one (``serving``): only the month
folders that changed are read again, only the pages whose inputs changed are rendered
again, and a page's files are rewritten only when they changed, so that with
``--dirty`` MkDocs rebuilds only those pages. For ``--dirty`` the plugin also keeps the
search index whole (Material's index of a dirty build holds only the pages it built),
gives the navigation the titles of the pages it did not read, and empties the site
folder whenever a dirty build could not be trusted: the configuration or a hand-written
page changed, a generated page went away, or the last build failed.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils import clean_directory
from mkdocs.utils.meta import get_data

from scoring import exports, i18n
from scoring.published import Figures
from scoring.site import chrome, photos, search, serving
from scoring.site.data import SiteData, SiteError, load_site
from scoring.site.links import Links, evidence_src, listed_evidence, page_url
from scoring.site.page import Build, Page, Same, TocEntry
from scoring.site.pages import site_pages
from scoring.site.render import environment, page_file, title_text
from scoring.site.results_use import allocations, page_uri

log = logging.getLogger("mkdocs.plugins.kaoping")

ASSETS = Path(__file__).parent / "assets"
TEMPLATES = Path(__file__).parent / "templates"
GUIDES = Path(__file__).parent / "guide"  # the role guides, one file per language
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


# How MkDocs was started (``on_startup`` is called once, on the first build's plugins).
_STARTED = {"serve": False, "dirty": False}
_ENVIRONMENTS: dict[str, Any] = {}  # language -> the templates, under `mkdocs serve`


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No collections while the records are read: they are millions of objects without
    reference cycles, and every collection while they grow walks them all again. The
    plugin is MkDocs' entry into kaoping, so it sets this policy (as the CLI does for
    its commands); the collector's state is restored after, and nothing is frozen, so
    what a rebuild of ``mkdocs serve`` replaces is freed."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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


def _listing(folder: Path) -> list[tuple[str, int, int]]:
    """Every file under ``folder`` with its size and mtime."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            status = path.stat()
            found.append((path.relative_to(folder).as_posix(), status.st_size, status.st_mtime_ns))
    return found


def _config_bytes(path: str | None) -> bytes:
    """mkdocs.yml and the file it inherits from (``INHERIT``), as they are now."""
    if not path:
        return b""
    try:
        content = Path(path).read_bytes()
    except OSError:
        return b""
    inherited = re.search(rb"^INHERIT:\s*['\"]?([^'\"\n]+?)['\"]?\s*$", content, re.M)
    if inherited:
        parent = Path(path).parent / inherited.group(1).decode("utf-8", "replace")
        content += b"\0" + _config_bytes(str(parent))
    return content


def _each_same(values: dict[str, Any]) -> tuple[tuple[str, Same], ...]:
    """A mapping's names and values, equal to another's when each value is the same object."""
    return tuple((name, Same(value)) for name, value in values.items())


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
        self.serving = _STARTED["serve"]  # a rebuild starts from the last (``serving``)
        self.dirty = self.serving and _STARTED["dirty"]
        self.site: serving.Site | None = None
        self.files: Files | None = None
        self.built: set[str] = set()  # URLs of the pages MkDocs built in this run
        self.resumed = False
        self.built_upon = False  # this build kept pages of the last one (``_reuse``)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        _STARTED.update(serve=command == "serve", dirty=dirty)
        self.serving, self.dirty = _STARTED["serve"], _STARTED["serve"] and dirty

    # ------------------------------------------------------------ configuration

    @event_priority(100)  # before the search plugin reads the theme's language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # MkDocs keeps a plugin with an `on_startup` for the rebuilds of `mkdocs serve`:
        # what one build found is not the next one's
        self.site, self.folder, self.files, self.built = None, None, None, set()
        self.built_upon = False
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.root = (base_dir / self.config.records).resolve()
        self.data = None
        try:
            with _collector_paused():
                self.data = serving.load(self.root) if self.serving else load_site(self.root)
        except SiteError as error:
            raise PluginError(f"kaoping: {error}") from None
        for note in self.data.notes:
            log.warning(note)
        if self.data.evaluation.warnings:
            log.info(
                "kaoping: the records have %d validation warnings (kaoping validate)",
                self.data.evaluation.warnings,
            )
        language = self.data.language
        config.theme["language"] = language
        # Material loads Google Fonts unless told not to: the site requests nothing from
        # another host, whatever the organisation's mkdocs.yml says (intranets, privacy).
        config.theme["font"] = False
        if self.config.unit_as_site_name:
            config.site_name = title_text(self.data.org.unit)
        # the footer (the records' version) and the 404 page, in the site's language
        config.theme.dirs[:] = chrome.theme_dirs(list(config.theme.dirs))
        generator = config.extra.get("generator", True) is not False
        for key, value in chrome.chrome(self.data, environment(language), generator).items():
            config.extra[key] = value
        config.extra_css.append(f"{ASSETS_URI}/kaoping.css")
        config.extra_javascript.append(f"{ASSETS_URI}/kaoping.js")
        return config

    # ------------------------------------------------------------ files

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.data is not None
        self._clean()
        if self.serving:
            self.site = serving.site(self.root)
            self.folder = self.site.folder
            self.resumed = self.site.complete  # the last build ended well: build upon it
            self.site.complete = False
        else:
            self.folder = Path(tempfile.mkdtemp(prefix="kaoping-site-"))
        self.tocs, self.rendered, self.search_entries = {}, {}, []
        self.files = files
        self._choose_languages(files, config)
        self._add_guides(files, config)
        hand_written = sorted(
            f.src_uri for f in files.documentation_pages() if f.src_uri != "index.md"
        )
        links = Links(
            self.data.records, self.data.history, self.data.repository, config.use_directory_urls
        )
        published = self._evidence(links)
        reuse = self._reuse(config, links)
        build = Build(self.data, links, reuse, self.site.views if self.site else None)
        env = self._environment()
        shared = build.template_globals()
        pages: dict[str, serving.Rendered] = {}
        for page in site_pages(build):  # one page at a time: its context is freed after it
            found = self._add_page(files, config, env, page, shared, build.inputs.get(page.src_uri))
            if found is not None:
                pages[page.src_uri] = found
        if self.site is not None:
            for src_uri in build.skipped:
                pages[src_uri] = self._add_kept(files, config, src_uri)
            self._check_dirty(config, set(pages))
            self.site.pages = pages
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
        uses = [page_uri(allocation.year) for allocation in allocations(self.data)]
        if uses:  # only with publish_rewards: true (results_use)
            nav.append({i18n.text("nav.results-use", language): uses})
        generated = {path for _, path in NAV}
        others = [path for path in hand_written if path not in generated]
        if others:
            nav.append({i18n.text("nav.about", language): others})
        return nav

    def _add_guides(self, files: Files, config: MkDocsConfig) -> None:
        """The role guides shipped with kaoping, in the site's language, as ``guide/*.md``;
        a guide of the same name in the docs folder takes precedence."""
        assert self.data is not None
        for source in sorted(GUIDES.glob(f"*.{self.data.language}.md")):
            src_uri = f"guide/{source.name.split('.')[0]}.md"
            if files.get_file_from_path(src_uri) is None:
                files.append(File.generated(config, src_uri, abs_src_path=str(source)))

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

    def _environment(self) -> Any:
        """The templates; under ``mkdocs serve`` compiled once (Jinja2 reloads a template
        whose file changed)."""
        assert self.data is not None
        language = self.data.language
        if self.site is None:
            return environment(language)
        if language not in _ENVIRONMENTS:
            _ENVIRONMENTS[language] = environment(language)
        return _ENVIRONMENTS[language]

    def _reuse(self, config: MkDocsConfig, links: Links) -> Any:
        """Under ``mkdocs serve``: whether the last build's copy of a page still holds, which
        takes what every page rests on to be the same and the page's own inputs equal."""
        if self.site is None:
            return None
        assert self.data is not None
        records = self.data.records
        key = (
            Same(records.org),  # the records outside month folders: read again on any change
            Same(records.indicators),
            Same(records.bonus_rules),
            _each_same(records.routine),  # new dicts each reading, of the same kept values
            _each_same(records.contracts),
            _each_same(records.appeals),
            Same(self.data.history),  # kept while HEAD stays
            self.data.repository,
            config.use_directory_urls,
            _listing(TEMPLATES),
        )
        site, kept = self.site, self.site.pages
        trusted = self.resumed and site.key == key
        site.key = key
        self.built_upon = trusted
        if not trusted:
            site.views.clear()

        def reuse(src_uri: str, inputs: object) -> bool:
            found = kept.get(src_uri)
            return trusted and found is not None and found.inputs == inputs

        return reuse

    def _add_page(
        self,
        files: Files,
        config: MkDocsConfig,
        env: Any,
        page: Page,
        shared: dict[str, Any],
        inputs: object = None,
    ) -> serving.Rendered | None:
        assert self.folder is not None and self.data is not None
        intro, meta = "", dict[str, Any]()
        if page.src_uri == "index.md":
            existing = files.get_file_from_path("index.md")
            if existing is not None and existing.abs_src_path:
                intro, meta = get_data(Path(existing.abs_src_path).read_text(encoding="utf-8"))
        url = page_url(page.src_uri, config.use_directory_urls)
        html = env.get_template(page.template).render(**shared, **page.context, page_url=url)
        markdown = page_file(page.title, "", intro, {**page.front_matter, **meta})
        target = self.folder / page.src_uri
        rendered = self.folder / "_html" / f"{page.src_uri}.html"
        entries = [search.index_entry(url, entry) for entry in page.search or ()]
        kept = None
        if self.site is None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, "utf-8")
            rendered.parent.mkdir(parents=True, exist_ok=True)
            rendered.write_text(html, encoding="utf-8")
        else:
            html_bytes = html.encode("utf-8")
            kept = serving.Rendered(
                inputs, markdown, serving.digest(html_bytes), page.toc, entries, page.in_nav
            )
            before = self.site.pages.get(page.src_uri)
            serving.write_if_changed(rendered, html_bytes)
            same = before is not None and (before.markdown, before.html, before.toc) == (
                kept.markdown,
                kept.html,
                kept.toc,
            )
            if not same or not target.exists():  # a new mtime: `--dirty` builds the page again
                target.unlink(missing_ok=True)
                serving.write_if_changed(target, markdown.encode("utf-8"))
        self.rendered[page.src_uri] = rendered
        self.tocs[page.src_uri] = page.toc
        self.search_entries.extend(entries)
        self._add(files, config, page.src_uri, target, in_nav=page.in_nav)
        return kept

    def _add_kept(self, files: Files, config: MkDocsConfig, src_uri: str) -> serving.Rendered:
        """A page the last build made from the same inputs, as it made it."""
        assert self.folder is not None and self.site is not None
        kept = self.site.pages[src_uri]
        self.rendered[src_uri] = self.folder / "_html" / f"{src_uri}.html"
        self.tocs[src_uri] = kept.toc
        self.search_entries.extend(kept.search)
        self._add(files, config, src_uri, self.folder / src_uri, in_nav=kept.in_nav)
        return kept

    def _check_dirty(self, config: MkDocsConfig, pages: set[str]) -> None:
        """Under ``--dirty``, empty the site folder when its pages cannot be built upon: the
        configuration, a hand-written page or the site's assets changed, a generated page
        went away, or the last build did not end well."""
        assert self.site is not None and self.data is not None
        if not self.dirty:
            return
        digest = hashlib.sha256(_config_bytes(config.config_file_path))
        for folder in (Path(config.docs_dir), ASSETS, TEMPLATES):
            digest.update(repr(_listing(folder)).encode("utf-8", "surrogateescape"))
        digest.update(f"{self.data.language}\0{config.site_name}".encode())
        fingerprint = digest.hexdigest()
        gone = set(self.site.pages) - pages
        if fingerprint != self.site.fingerprint or gone or not self.resumed:
            clean_directory(config.site_dir)
            self.site.searched = {}
        self.site.fingerprint = fingerprint

    def _evidence(self, links: Links) -> dict[tuple[str, str], Path]:
        """Hash every listed evidence file and make each photo's clean copy (photos.publish),
        one photo at a time; PDFs are hashed and listed, never published."""
        assert self.data is not None and self.folder is not None
        store = photos.PhotoStore(self.root, self.folder / ".photos")
        published = {}
        for month, name in listed_evidence(self.data.records):
            source = self.root / month / "evidence" / name
            digest = (
                serving.evidence_digest(self.root, f"{month}/evidence/{name}")
                if self.serving
                else photos.sha256_file(source)
            )
            links.evidence_hashes[(month, name)] = digest
            copy = photos.publish(source, digest, store)
            if copy is not None:
                published[(month, name)] = copy
        return published

    def _add_checksums(self, files: Files, config: MkDocsConfig, links: Links) -> None:
        """downloads/evidence.sha256: the originals' hashes, checkable with `sha256sum -c`."""
        assert self.folder is not None
        lines = [
            f"{digest}  {month}/evidence/{name}\n"
            for (month, name), digest in sorted(links.evidence_hashes.items())
        ]
        target = self.folder / "downloads" / "evidence.sha256"
        self._write(target, "".join(lines).encode("utf-8"))
        self._add(files, config, "downloads/evidence.sha256", target, in_nav=False)

    def _write(self, target: Path, content: bytes) -> None:
        """A generated file; under ``mkdocs serve`` only when it changed (its mtime stays)."""
        if self.site is not None:
            serving.write_if_changed(target, content)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)

    def _add_downloads(self, files: Files, config: MkDocsConfig) -> None:
        assert self.folder is not None and self.data is not None
        figures = self.data.figures
        folder = self.folder / "downloads"
        folder.mkdir(parents=True, exist_ok=True)
        as_json = exports.to_json(figures).encode("utf-8")
        outputs = {
            "results.json": as_json,
            # for Excel and WPS (§7)
            "results.csv": self._for_people("results.csv", as_json, exports.to_people_csv),
            "results.xlsx": self._for_people("results.xlsx", as_json, exports.to_xlsx),
        }
        for name, content in outputs.items():
            self._write(folder / name, content)
            self._add(files, config, f"downloads/{name}", folder / name)

    def _for_people(self, name: str, as_json: bytes, make: Callable[[Figures], bytes]) -> bytes:
        """A download for people (the CSV, the workbook): the JSON's figures in the
        language's words and grade names, so under ``mkdocs serve`` the last one is kept
        while those are the same."""
        assert self.data is not None
        figures = self.data.figures
        if self.site is None:
            return make(figures)
        grades = [month.grades for month in figures.months] + [y.grades for y in figures.years]
        key = serving.digest(as_json + repr((figures.language, grades)).encode())
        kept = self.site.outputs.get(name)
        if kept is None or kept[0] != key:
            kept = (key, make(figures))
            self.site.outputs[name] = kept
        return kept[1]

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
        serving.watch(self.root, server)
        return server

    def on_shutdown(self) -> None:
        serving.unwatch(self.root)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        """Under ``mkdocs serve``: the theme's templates compiled once (``serving``)."""
        if self.serving and env.bytecode_cache is None:
            env.bytecode_cache = serving.TEMPLATE_CODE
        return env

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Under ``--dirty``: the titles of the pages MkDocs will not read, for the navigation
        of those it builds (from their front matter or first heading)."""
        if self.dirty:
            for page in nav.pages:
                if page.markdown is None and not page.file.is_modified():
                    page.read_source(config)
        return nav

    def on_page_context(
        self, context: Any, page: MkDocsPage, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        self.built.add(page.url)
        return context

    def _whole_index(self, plugin: object) -> None:
        """Material's entries for the pages this (dirty) build did not build: the last
        build's, so the index stays whole, in the order of a full build."""
        assert self.site is not None and self.files is not None
        index = getattr(getattr(plugin, "search_index", None), "entries", None)
        if not isinstance(index, list):
            return
        made: dict[str, list[dict[str, Any]]] = {}
        for entry in index:
            made.setdefault(str(entry.get("location", "")).split("#", 1)[0], []).append(entry)
        searched: dict[str, list[dict[str, Any]]] = {}
        for file in self.files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            url = "" if file.url in (".", "./") else file.url  # as MkDocs' Page.url
            built = url in self.built
            searched[url] = made.get(url, []) if built else self.site.searched.get(url, [])
        index[:] = [entry for entries in searched.values() for entry in entries]
        self.site.searched = searched
        if hasattr(plugin, "search_index_prev"):  # Material's own merge assumes one page built
            plugin.search_index_prev = None

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, config: MkDocsConfig) -> None:
        plugin = config.plugins.get("material/search") or config.plugins.get("search")
        if self.site is not None and plugin is not None:
            self._whole_index(plugin)
        if self.search_entries and plugin is not None:
            if not search.add_entries(plugin, self.search_entries):
                log.warning(
                    "kaoping: the search plugin is not Material's; record pages are not indexed"
                )
        self.search_entries = []
        if self.site is not None:
            self.site.complete = True
            if not self.built_upon:  # the first, or after a change outside month folders
                serving.settle_collector()
        self._clean()

    def on_build_error(self, error: Exception) -> None:
        if self.site is not None:
            self.site.complete = False
        self._clean()

    def _clean(self) -> None:
        if self.folder is not None and self.site is None:  # a served site's folder is kept
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None
