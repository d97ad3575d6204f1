"""The MkDocs adapter's state: one `BuildState` holds what a build keeps between MkDocs' events.

The plugin (`plugin.py`) keeps one for the life of the process, so under `mkdocs serve` it also holds what
rebuilds reuse: the content files parsed and the pages rendered last time (`FileCache`, `PageMemo`,
per language), the compiled theme templates, and for each edition what each page was last built
from and the search entries it gave.

- `BuildState.render`: the content loaded once per build (every edition renders the same load),
  this edition's pages rendered and their links checked; a bad edit fails `mkdocs build` and,
  under serve, keeps the last good pages with the problems listed on them;
- `page_files`: each page as an in-memory file (never written to `docs/`) that knows whether it
  is what was built last time, so a rebuild under serve writes only the pages whose inputs
  changed (`serve.rebuild_changed_pages`), in each edition;
- `BuildState.index_page` and `complete_search_index`: the search index of a rebuild that skipped
  pages still holds every page (their entries from the build that wrote them).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler, write_file

from explainer import (
    NO_HISTORY_HINT,
    ChangeLog,
    Checks,
    Content,
    Diagnostic,
    FileCache,
    LoadResult,
    PageMemo,
    RenderedPage,
    Settings,
    SiteInfo,
    check_links,
    escape,
    files_under,
    has_errors,
    load_content,
    page_inputs,
    read_history,
    render_site,
    sort_diagnostics,
)
from explainer.adapter.theme import OVERRIDES
from explainer.web import Edition, edition_files, edition_pages, with_front_matter

if TYPE_CHECKING:
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.explainer")
Command = Literal["build", "gh-deploy", "serve"]


class TemplateCache(BytecodeCache):
    """Compiled theme templates, kept for the life of the process.

    Every rebuild under `mkdocs serve` makes a new Jinja environment and
    compiled Material's templates again: about half of a rebuild of this
    site. Jinja checks each entry against its template's source, so an edited
    override is compiled afresh. A one-off `mkdocs build` gains nothing.
    """

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.compiled.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


@dataclass
class EditionState:
    """What one edition's build keeps between events (and, under serve, between rebuilds)."""

    content: Content | None = None
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    site: SiteInfo | None = None
    built: dict[str, tuple[object, ...]] = field(default_factory=dict)
    """Under serve: what each page (by src_uri) was last built from, and where it was written."""
    order: list[str] = field(default_factory=list)
    """The Markdown pages of this build, in MkDocs' order (the order of their search entries)."""
    entries: dict[str, list[Any]] = field(default_factory=dict)
    """Under serve: the search entries of each page, from the build that last wrote it."""
    indexed: set[str] = field(default_factory=set)
    """The pages indexed during this build."""
    counted: int = 0
    """The search index's entries counted so far in this build."""


@dataclass
class BuildState:
    """Everything the MkDocs plugin keeps: the command, this build's settings and editions, the content
    loaded once per build, and, under serve, what rebuilds reuse."""

    command: Command = "build"
    dirty: bool = False
    """`--dirty` was given."""
    files: FileCache = field(default_factory=FileCache)
    memo: PageMemo[RenderedPage] = field(default_factory=PageMemo)
    """One memo for every edition: it keys pages by language."""
    templates: TemplateCache = field(default_factory=TemplateCache)
    editions: dict[str, EditionState] = field(default_factory=dict)
    """One state per language."""
    settings: Settings = field(default_factory=Settings)
    plan: tuple[Edition, ...] = ()
    """This build's editions, the original first."""
    nested: Edition | None = None
    """The edition a nested build is making (`editions.build_editions`); None: the original."""
    deferred: PluginError | None = None
    loaded: LoadResult | None = None
    history: ChangeLog | None = None
    inputs: str = ""
    """A digest of what every page depends on besides its own Markdown (mkdocs.yml, the theme's
    overrides, the files of `docs/`): when it changes, a rebuild rewrites every page."""

    @property
    def serving(self) -> bool:
        return self.command == "serve"

    @property
    def edition(self) -> Edition:
        """The edition being built."""
        return self.nested or self.plan[0]

    @property
    def here(self) -> EditionState:
        """The state of the edition being built."""
        return self.editions.setdefault(self.edition.lang, EditionState())

    def rebuilding(self, edition: Edition) -> bool:
        """Under serve: `edition` was built before, so a build may skip its unchanged pages."""
        return self.serving and bool(self.editions.get(edition.lang, EditionState()).built)

    def render(self, config: MkDocsConfig) -> None:
        """Load the content (once per build), render this edition's pages and report their problems."""
        root = Path(config.config_file_path).parent
        edition, state = self.edition, self.here
        if edition.original or self.loaded is None:
            today = self.settings.today
            self.loaded = load_content(
                root / "content",
                base=root,
                today=today,
                checks=Checks.from_settings(self.settings),
                languages=self.settings.languages or ("en",),
                cache=self.files if self.serving else None,
            )
        result = self.loaded
        diagnostics = list(result.diagnostics)
        pages: dict[str, RenderedPage] = {}
        site = None
        if result.content is not None:
            site = self._site_info(config, root, edition.original)
            memo = self.memo if self.serving else None
            pages = {p.page.src_uri: p for p in render_site(result.content, site, edition.lang, memo)}
            by_id = {p.page.id: p.markdown for p in pages.values()}
            diagnostics += check_links(result.content, by_id.__getitem__, files_under(Path(config.docs_dir)))
            diagnostics += [d for p in pages.values() for d in p.problems]  # raw reference syntax: never published
        for d in sort_diagnostics(d for d in diagnostics if d.is_notice and edition.original):
            log.info(str(d))  # publishes: a translation behind its original says so on its page
        problems = sort_diagnostics(d for d in diagnostics if not d.is_notice)
        failed = result.content is None or has_errors(problems)
        if self.deferred is not None and not failed:
            raise self.deferred
        if self.serving:
            preview_never_stops()
            if edition.original:  # the nested editions see the same problems: list them once
                sys.stderr.write("".join(f"{d}\n" for d in problems))
            state.problems = problems
            if not failed:
                state.content, state.pages, state.site = result.content, pages, site
            # else: keep the last good pages (or none yet), with the problems on top
            return
        if edition.original:
            for d in problems:
                (log.error if d.is_error else log.warning)(str(d))
        if failed:
            errors = sum(d.is_error for d in problems)
            raise PluginError(f"content has {errors} error(s); nothing was written")
        state.content, state.pages, state.problems, state.site = result.content, pages, [], site
        # The content lives as long as the build: spare the collector from walking it again and
        # again (a tenth of the facts layer's cost at 10,000 facts). Not under serve, where each
        # rebuild leaves the last one's cycles to collect and a frozen object is never collected.
        gc.freeze()

    def _site_info(self, config: MkDocsConfig, root: Path, original: bool) -> SiteInfo:
        """The edition's site descriptor; the original edition reads the history, the others reuse it."""
        if original or self.history is None:
            self.history = read_history(root / "content")
            if not self.history.available:
                reason = self.history.reason
                log.info(f"explainer: no changes log ({reason}): /changes/ says it is unavailable; {NO_HISTORY_HINT}")
        return self.settings.site_info(
            config.site_name,
            config.site_url,
            self.history,
            edit_url=f"{config.repo_url.rstrip('/')}/{config.edit_uri or ''}" if config.repo_url else None,
            epoch=os.environ.get("SOURCE_DATE_EPOCH"),
        )

    def index_page(self, page: Page, config: MkDocsConfig) -> None:
        """Under serve, after the search plugin indexed `page`: keep its entries for later rebuilds."""
        index = _search_index(config)
        if not self.serving or index is None:
            return
        state = self.here
        state.entries[page.file.src_uri] = index.entries[state.counted :]
        state.counted = len(index.entries)
        state.indexed.add(page.file.src_uri)

    def complete_search_index(self, config: MkDocsConfig) -> None:
        """Under serve, after the search plugin wrote its index: when pages were skipped, write it
        again with their entries too, in the order a full build gives."""
        index = _search_index(config)
        state = self.here
        if index is None or not self.serving or set(state.order) <= state.indexed:
            return
        index.entries = [e for uri in state.order for e in state.entries.get(uri, [])]
        data = index.generate_search_index(None)
        write_file(data.encode("utf-8"), str(Path(config.site_dir) / "search/search_index.json"))

    def finish(self) -> None:
        """After every edition: the content goes (under serve, each edition keeps its own)."""
        self.loaded = self.history = None


class _PageFile(File):
    """A generated page that can tell a dirty build it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def page_files(files: Files, config: MkDocsConfig, build: BuildState) -> Files:
    """The edition being built, as the engine writes it (`explainer.web.edition_pages` and
    `edition_files`: pages with their front matter, downloads, citation files, share images),
    added to `files`."""
    state, edition = build.here, build.edition
    problems, rendered, content = state.problems, list(state.pages.values()), state.content
    pages = (
        edition_pages(rendered, content, state.site, edition, build.plan, build.settings.share_images)
        if content is not None and state.site is not None
        else []
    )
    stale = has_errors(problems)
    nav = repr(config.nav)
    # Under serve, a page is rebuilt when what it is built from changed; the search plugin must be
    # one whose entries this adapter can keep (Material's), else every page is rebuilt.
    skipping = build.serving and (_search_index(config) is not None or not _has_search(config))
    kept: dict[str, tuple[object, ...]] = {}
    for page in pages:
        src_uri = page.src_uri
        shown = problems if stale else [d for d in problems if src_uri in _affected(d, state.pages, content)]
        markdown = with_front_matter(page.meta, (_banner(shown, stale) if shown else "") + page.markdown)
        file = _PageFile.generated(config, src_uri, content=markdown)
        assert isinstance(file, _PageFile)
        file.edit_uri = page.edit_path
        if skipping or build.dirty:
            built_from = (markdown, page.edit_path, nav, build.inputs, file.abs_dest_path)
            file.unchanged = state.built.get(src_uri) == built_from and Path(file.abs_dest_path).is_file()
            kept[src_uri] = built_from
        _add(files, file)
    for gone in set(state.built) - set(kept):  # a page no longer in the site is no longer served
        Path(str(state.built[gone][-1])).unlink(missing_ok=True)
    state.built = kept
    if not pages and problems:  # the preview's first build failed: a page that says why
        _add(files, File.generated(config, "index.md", content="# Content has errors\n\n" + _banner(problems, True)))
    if content is not None and state.site is not None:
        published = edition_files(rendered, content, state.site, edition.lang, build.settings.share_images)
        for path, data in published.items():
            _add(files, File.generated(config, path, content=data))
    state.order, state.indexed, state.counted = [f.src_uri for f in files.documentation_pages()], set(), 0
    return files


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _affected(problem: Diagnostic, pages: dict[str, RenderedPage], content: Content | None) -> set[str]:
    """The pages (src_uri) a problem shows on: those made from its file, else every page."""
    hit = {uri for uri, r in pages.items() if content is not None and problem.path in page_inputs(r, content)}
    return hit or set(pages)


def _banner(problems: list[Diagnostic], stale: bool) -> str:
    items = "\n".join(f"<li><code>{escape(str(d))}</code></li>" for d in problems)
    errors = sum(d.is_error for d in problems)
    warnings = len(problems) - errors
    if stale:
        title = f"This preview is out of date: content has {errors} error(s)"
    else:
        title = f"{warnings} warning(s): <code>mkdocs build</code> refuses to publish until they are fixed"
    kind = "failure" if stale else "warning"
    return (
        f'<div class="admonition {kind}" role="alert"><p class="admonition-title">{title}</p>\n'
        f"<ul>\n{items}\n</ul></div>\n\n"
    )


def preview_never_stops() -> None:
    """Under `mkdocs serve`, problems are shown on the pages instead of stopping the rebuild.

    With `strict: true`, MkDocs counts every warning and aborts the rebuild,
    and the browser then waits for a page that never comes. The preview drops
    that counter for its own rebuilds; `mkdocs build` stays strict.
    """
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):
        if isinstance(handler, CountHandler):
            mkdocs_log.removeHandler(handler)


def _has_search(config: MkDocsConfig) -> bool:
    return _search(config) is not None


def _search(config: MkDocsConfig) -> BasePlugin[Any] | None:
    found: BasePlugin[Any] | None = config.plugins.get("material/search") or config.plugins.get("search")
    return found


def _search_index(config: MkDocsConfig) -> Any:
    """Material's search index of this build (its `entries` a list per section), else None."""
    index = getattr(_search(config), "search_index", None)
    entries = getattr(index, "entries", None)
    return index if isinstance(entries, list) and hasattr(index, "generate_search_index") else None


def config_source(config: MkDocsConfig) -> tuple[str, str]:
    """The name and text of the configuration file (for the places of its problems)."""
    if not config.config_file_path:
        return "mkdocs.yml", ""
    file = Path(config.config_file_path)
    try:
        return file.name, file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return file.name, ""


def digest(config: MkDocsConfig) -> str:
    """What every page is built from besides its own Markdown: mkdocs.yml's bytes and the names,
    sizes and times of the files in the theme's overrides (the project's and the engine's) and in `docs/`."""
    digest = hashlib.sha256()
    if config.config_file_path:
        digest.update(Path(config.config_file_path).read_bytes())
    for folder in (config.theme.custom_dir, str(OVERRIDES), config.docs_dir):
        for path in sorted(Path(folder).rglob("*")) if folder else ():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
