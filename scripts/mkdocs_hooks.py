"""The MkDocs adapter: a thin hook around the `explainer` package.

- `on_config` loads and validates `content/` before MkDocs cleans or writes
  the site directory, so a bad edit fails the build and leaves the last good
  site in place; it also sets the navigation from `content/pages.yml`.
- `on_files` adds every page as an in-memory file (never written to `docs/`)
  whose "edit this page" link points at its source under `content/`, the
  fact downloads `data/facts.json`, `data/facts.csv` and
  `data/datapackage.json`, and each page's citation files (`cite/<page>.bib`,
  `cite/<page>.json`).
- The changes log comes from git (`read_history`, in the core); without
  history the build says so in one INFO line (a warning would fail the
  strict build of a tarball) and `/changes/` says the log is unavailable.
- `on_page_markdown` gives each page its description and JSON-LD, which
  `overrides/main.html` writes into the page head.
- Under `mkdocs serve`, a bad edit keeps the last good pages on screen with
  the errors listed at the top, so the preview never goes blank; a rebuild
  parses only the content files whose bytes changed (`explainer.filecache`)
  and renders only the pages whose inputs changed (`explainer.pagememo`).
  With `--dirty`, MkDocs also skips the pages whose Markdown, head metadata
  and navigation are what it built last time.

It imports only the two public surfaces, `explainer` (the core) and
`explainer.web` (what a web site adds). MkDocs imports this file by path with
its folder on `sys.path`, which makes the `explainer` package beside it
importable. Serve does not reload hook modules: restart `mkdocs serve` after
changing code in `scripts/`.
"""

from __future__ import annotations

import datetime as dt
import gc
import html
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler

from explainer import (
    NO_HISTORY_HINT,
    Checks,
    Content,
    Diagnostic,
    FileCache,
    PageKind,
    PageMemo,
    RenderedPage,
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
from explainer.web import (
    OutboundLinks,
    citation_files,
    csp,
    datapackage_json,
    description,
    facts_csv,
    facts_json,
    script_json,
    share_card,
    share_path,
    share_png,
    structured_data,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.explainer")

_command = "build"
_dirty = False
_content: Content | None = None
_pages: dict[str, RenderedPage] = {}
_problems: list[Diagnostic] = []
_site: SiteInfo | None = None
# Under `mkdocs serve`: files parsed and pages rendered by the last rebuild, reused while unchanged.
_files = FileCache()
_memo = PageMemo()
_built: dict[str, tuple[str, str, str, dict[str, str]]] = {}
"""Under `serve --dirty`: what each page was last built from (Markdown, edit path, navigation, head).

Like MkDocs' own `--dirty` for files in `docs/`, an edit to the theme or to
`mkdocs.yml` alone does not count: restart `mkdocs serve` after one."""


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty


class _PageFile(File):
    """A generated page that can tell `--dirty` it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def _site_info(config: MkDocsConfig, root: Path) -> SiteInfo:
    """The site descriptor from `mkdocs.yml` (`extra.explainer`), the content's git history and,
    without history, `SOURCE_DATE_EPOCH`."""
    extra: dict[str, Any] = config.extra.get("explainer", {})
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    published = extra.get("published")
    changes = read_history(root / "content")
    if not changes.available:
        log.info(f"explainer: no changes log ({changes.reason}): /changes/ says it is unavailable; {NO_HISTORY_HINT}")
    return SiteInfo.create(
        name=config.site_name,
        url=config.site_url,
        publisher=str(extra["publisher"]) if extra.get("publisher") else None,
        published=dt.date.fromisoformat(str(published)) if published else None,
        modified=changes.last_date or (dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else None),
        edit_url=f"{config.repo_url.rstrip('/')}/{config.edit_uri or ''}" if config.repo_url else None,
        changes=changes,
    )


def _share_images(config: MkDocsConfig) -> bool:
    """`extra.explainer.share_images: false` turns the link-preview images off (default on)."""
    return bool(config.extra.get("explainer", {}).get("share_images", True))


def _today(config: MkDocsConfig) -> dt.date:
    """The date content is checked against: `extra.explainer.today` when set (tests, or
    re-checking a past build), else the real date."""
    today = config.extra.get("explainer", {}).get("today")
    return dt.date.fromisoformat(str(today)) if today else dt.date.today()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content, _pages, _problems, _site
    root = Path(config.config_file_path).parent
    serving = _command == "serve"
    try:
        checks = Checks.from_settings(config.extra.get("explainer", {}))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    cache = _files if serving else None
    result = load_content(root / "content", base=root, today=_today(config), checks=checks, cache=cache)
    diagnostics = list(result.diagnostics)
    pages: dict[str, RenderedPage] = {}
    if result.content is not None:
        _site = _site_info(config, root)
        pages = {p.page.src_uri: p for p in render_site(result.content, _site, _memo if serving else None)}
        by_id = {p.page.id: p.markdown for p in pages.values()}
        diagnostics += check_links(result.content, by_id.__getitem__, files_under(Path(config.docs_dir)))
    problems = sort_diagnostics(diagnostics)
    failed = result.content is None or has_errors(problems)
    if serving:
        _preview_never_stops()
        sys.stderr.write("".join(f"{d}\n" for d in problems))
        _problems = problems
        if not failed:
            _content, _pages = result.content, pages
        # else: keep the last good pages (or none yet), with the problems on top
    else:
        for d in problems:
            (log.error if d.is_error else log.warning)(str(d))
        if failed:
            errors = sum(d.is_error for d in problems)
            raise PluginError(f"content has {errors} error(s); nothing was written")
        _content, _pages, _problems = result.content, pages, []
        # The content lives as long as the build: spare the collector from walking it again and
        # again (a tenth of the facts layer's cost at 10,000 facts). Not under serve, where each
        # rebuild leaves the last one's cycles to collect and a frozen object is never collected.
        gc.freeze()
    config.nav = [{p.page.nav_title or p.page.title: p.page.src_uri} for p in _pages.values()] or None
    if not any(isinstance(e, OutboundLinks) for e in config.markdown_extensions):
        config.markdown_extensions.append(OutboundLinks())  # type: ignore[arg-type]  # instances work too
    if not config.repo_url:  # no repository: no edit link rather than a wrong one
        config.edit_uri = None
        config.edit_uri_template = None
    return config


def _preview_never_stops() -> None:
    """Under `mkdocs serve`, problems are shown on the pages instead of stopping the rebuild.

    With `strict: true`, MkDocs counts every warning and aborts the rebuild,
    and the browser then waits for a page that never comes. The preview drops
    that counter for its own rebuilds; `mkdocs build` stays strict.
    """
    mkdocs_log = logging.getLogger("mkdocs")
    for handler in list(mkdocs_log.handlers):
        if isinstance(handler, CountHandler):
            mkdocs_log.removeHandler(handler)


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


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    stale = has_errors(_problems)
    nav = repr(config.nav)
    for src_uri, rendered in _pages.items():
        shown = _problems if stale else [d for d in _problems if src_uri in _affected(d, _pages, _content)]
        markdown = (_banner(shown, stale) if shown else "") + rendered.markdown
        file = _PageFile.generated(config, src_uri, content=markdown)
        assert isinstance(file, _PageFile)
        file.edit_uri = rendered.edit_path
        if _dirty:
            built_from = (markdown, rendered.edit_path, nav, _page_meta(rendered))
            file.unchanged = _built.get(src_uri) == built_from and Path(file.abs_dest_path).is_file()
            _built[src_uri] = built_from
        _add(files, file)
    if not _pages and _problems:  # the preview's first build failed: a page that says why
        _add(files, File.generated(config, "index.md", content="# Content has errors\n\n" + _banner(_problems, True)))
    if _content is not None and _share_images(config):  # a 1200×630 link-preview image per page
        for rendered in _pages.values():
            card = share_card(rendered.page, _content, config.site_name)
            _add(files, File.generated(config, share_path(rendered.page), content=share_png(card)))
    if _content is not None and any(p.page.generated is PageKind.DATA for p in _pages.values()):
        _add(files, File.generated(config, "data/facts.json", content=facts_json(_content)))
        _add(files, File.generated(config, "data/facts.csv", content=facts_csv(_content)))
        if _site is not None:
            _add(files, File.generated(config, "data/datapackage.json", content=datapackage_json(_content, _site)))
    cited = [p.citation for p in _pages.values() if p.citation is not None]
    for path, text in citation_files(cited).items():
        _add(files, File.generated(config, path, content=text))
    return files


def _page_meta(rendered: RenderedPage) -> dict[str, str]:
    """What `overrides/main.html` writes into the page's head."""
    if _content is None or _site is None:
        return {}
    meta = {"description": html.escape(description(rendered.page, _content))}
    data = structured_data(rendered, _content, _site)
    if data is not None:
        meta["jsonld"] = script_json(data)
    meta["og_type"] = "article" if rendered.page.generated is None else "website"
    # The browser tab and link previews carry the page's title; `nav_title` names it in
    # the navigation only. Titles are markup-free (schema), so they need no escaping.
    meta["title"] = rendered.page.title
    return meta


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendered = _pages.get(page.file.src_uri)
    if rendered is not None:
        meta = _page_meta(rendered)
        if page.is_homepage:
            meta.pop("title", None)  # the home page's tab shows the site's name
        if config.site_url and _share_images(config):  # link previews need an absolute address
            meta["share_image"] = html.escape(config.site_url.rstrip("/") + "/" + share_path(rendered.page))
        page.meta.update(meta)
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Fill in the page's Content-Security-Policy (overrides/partials/csp.html)."""
    return csp.remove(output) if _command == "serve" else csp.fill(output)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages built from theme templates alone (404.html)."""
    return csp.remove(output_content) if _command == "serve" else csp.fill(output_content)


class _TemplateCache(BytecodeCache):
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


_templates = _TemplateCache()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _templates
    return env
