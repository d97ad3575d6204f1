"""The MkDocs adapter: a thin hook around the `explainer` package.

- `on_config` loads and validates `content/` before MkDocs cleans or writes
  the site directory, so a bad edit fails the build and leaves the last good
  site in place; it also sets the navigation from `content/pages.yml`.
- `on_files` adds every page as an in-memory file (never written to `docs/`)
  whose "edit this page" link points at its source under `content/`, and the
  fact downloads `data/facts.json` and `data/facts.csv`.
- `on_page_markdown` gives each page its description and JSON-LD, which
  `overrides/main.html` writes into the page head.
- Under `mkdocs serve`, a bad edit keeps the last good pages on screen with
  the errors listed at the top, so the preview never goes blank; a rebuild
  parses only the content files whose bytes changed (`explainer.filecache`)
  and renders only the pages whose inputs changed (`explainer.pagememo`).
  With `--dirty`, MkDocs also skips the pages whose Markdown, head metadata
  and navigation are what it built last time.

MkDocs imports this file by path with its folder on `sys.path`, which makes
the `explainer` package beside it importable. Serve does not reload hook
modules: restart `mkdocs serve` after changing code in `scripts/`.
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

from explainer import Content, Diagnostic, RenderedPage, csp, load_content, render_site
from explainer.data import facts_csv, facts_json
from explainer.diagnostics import sort_diagnostics
from explainer.filecache import FileCache
from explainer.metadata import SiteMeta, description, script_json, structured_data
from explainer.outbound import OutboundLinks
from explainer.pagememo import PageMemo
from explainer.render import SiteInfo, escape

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
_site: SiteMeta | None = None
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


def _site_meta(config: MkDocsConfig) -> SiteMeta:
    extra: dict[str, Any] = config.extra.get("explainer", {})
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    modified = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
    published = dt.date.fromisoformat(str(extra.get("published", modified.isoformat())))
    return SiteMeta(
        name=config.site_name,
        url=config.site_url or "http://127.0.0.1:8000/",
        publisher=str(extra.get("publisher", config.site_name)),
        published=published,
        modified=max(modified, published),
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _content, _pages, _problems, _site
    root = Path(config.config_file_path).parent
    serving = _command == "serve"
    result = load_content(root / "content", base=root, cache=_files if serving else None)
    if result.content is None and serving and _pages:
        # Keep serving the last good pages; MkDocs' logger would make --strict
        # abort the rebuild, so report straight to the terminal.
        _problems = sort_diagnostics(result.diagnostics)
        sys.stderr.write("".join(f"{d}\n" for d in _problems))
    else:
        for d in sort_diagnostics(result.diagnostics):
            (log.error if d.is_error else log.warning)(str(d))
    if result.content is None:
        if not _problems:
            errors = sum(d.is_error for d in result.diagnostics)
            raise PluginError(f"content has {errors} error(s); nothing was written")
    else:
        site = SiteInfo(name=config.site_name, url=config.site_url or "http://127.0.0.1:8000/")
        _content, _problems = result.content, []
        _pages = {p.page.src_uri: p for p in render_site(result.content, site, _memo if serving else None)}
    if not serving:
        # The content lives as long as the build: spare the collector from walking it again and
        # again (a tenth of the facts layer's cost at 10,000 facts). Not under serve, where each
        # rebuild leaves the last one's cycles to collect and a frozen object is never collected.
        gc.freeze()
    config.nav = [{p.page.nav_title or p.page.title: p.page.src_uri} for p in _pages.values()]
    _site = _site_meta(config)
    if not any(isinstance(e, OutboundLinks) for e in config.markdown_extensions):
        config.markdown_extensions.append(OutboundLinks())  # type: ignore[arg-type]  # instances work too
    if not config.repo_url:  # no repository: no edit link rather than a wrong one
        config.edit_uri = None
        config.edit_uri_template = None
    return config


def _stale_banner() -> str:
    items = "\n".join(f"<li><code>{escape(str(d))}</code></li>" for d in _problems)
    errors = sum(d.is_error for d in _problems)
    return (
        '<div class="admonition failure" role="alert"><p class="admonition-title">'
        f"This preview is out of date: content has {errors} error(s)</p>\n<ul>\n{items}\n</ul></div>\n\n"
    )


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    banner = _stale_banner() if _problems else ""
    nav = repr(config.nav)
    for src_uri, rendered in _pages.items():
        markdown = banner + rendered.markdown
        file = _PageFile.generated(config, src_uri, content=markdown)
        assert isinstance(file, _PageFile)
        file.edit_uri = rendered.edit_path
        if _dirty:
            built_from = (markdown, rendered.edit_path, nav, _page_meta(rendered))
            file.unchanged = _built.get(src_uri) == built_from and Path(file.abs_dest_path).is_file()
            _built[src_uri] = built_from
        _add(files, file)
    if _content is not None and any(p.page.generated == "data" for p in _pages.values()):
        _add(files, File.generated(config, "data/facts.json", content=facts_json(_content)))
        _add(files, File.generated(config, "data/facts.csv", content=facts_csv(_content)))
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
    return meta


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    rendered = _pages.get(page.file.src_uri)
    if rendered is not None:
        page.meta.update(_page_meta(rendered))
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
