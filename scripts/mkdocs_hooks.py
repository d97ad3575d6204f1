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
  parses only the content files whose bytes changed (`explainer.load.filecache`)
  and renders only the pages whose inputs changed (`explainer.render.pagememo`, per
  language). With `--dirty`, MkDocs also skips the pages whose Markdown, head
  metadata and navigation are what it built last time, in every edition.
- Languages (`extra.explainer.languages`, the original first): the build of
  the original edition ends (`on_post_build`) with one nested MkDocs build of
  the same configuration per other language, into `<site_dir>/<lang>/` at
  `<site_url><lang>/`, with the theme, search and the strings of `mkdocs.yml`
  in that language, so `mkdocs build` and `mkdocs serve` make every edition
  (README, "Languages"). Each page gets its alternates, language switcher,
  Open Graph locales and share image in its language; the editions' sitemaps
  are merged into the root one.

It imports only the two public surfaces, `explainer` (the core) and
`explainer.web` (what a web site adds). MkDocs imports this file by path with
its folder on `sys.path`, which makes the `explainer` package beside it
importable. Serve does not reload hook modules: restart `mkdocs serve` after
changing code in `scripts/`.
"""

from __future__ import annotations

import copy
import datetime as dt
import gc
import gzip
import html
import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from jinja2 import BytecodeCache
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import CountHandler, get_build_timestamp

from explainer import (
    NO_HISTORY_HINT,
    ChangeLog,
    Checks,
    Content,
    Diagnostic,
    FileCache,
    LoadResult,
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
    page_title,
    read_history,
    render_site,
    sort_diagnostics,
)
from explainer import (
    Page as ContentPage,
)
from explainer.web import (
    FEED_PATH,
    Edition,
    OutboundLinks,
    WrappedTables,
    alternates,
    atom_feed,
    citation_files,
    csp,
    datapackage_json,
    description,
    facts_csv,
    facts_json,
    feed_link,
    made_with,
    merge_sitemaps,
    palette_in,
    plan,
    script_json,
    share_card,
    share_path,
    share_png,
    structured_data,
    switch_links,
)

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.explainer")

_command: Literal["build", "gh-deploy", "serve"] = "build"
_dirty = False
# Under `mkdocs serve`: files parsed and pages rendered by the last rebuild, reused while unchanged.
_files = FileCache()
_memo: PageMemo[RenderedPage] = PageMemo()
"""One memo for every edition: it keys pages by language."""
_built: dict[tuple[str, str], tuple[str, str, str, dict[str, Any]]] = {}
"""Under `serve --dirty`: what each page of each edition was last built from (Markdown, edit path,
navigation, head), by (language, src_uri).

Like MkDocs' own `--dirty` for files in `docs/`, an edit to the theme or to
`mkdocs.yml` alone does not count: restart `mkdocs serve` after one."""


@dataclass
class _EditionState:
    """What one edition's build keeps between events (and, under serve, between rebuilds)."""

    content: Content | None = None
    pages: dict[str, RenderedPage] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    site: SiteInfo | None = None


# One state per language: MkDocs imports this file once per process, and the nested builds of the
# other editions run the same module.
_editions: dict[str, _EditionState] = {}
_loaded: LoadResult | None = None
"""The content the original edition loaded in this build, reused by the nested editions."""
_history: ChangeLog | None = None
"""The content's history the original edition read in this build, reused by the nested editions."""

# The strings of mkdocs.yml a reader sees, which each other language gives under
# `extra.explainer.<lang>`: site_name, site_description and copyright (the theme's own words,
# "Made with" and the palette toggles' names, come from the language file: `explainer.web.theme`).
_TRANSLATED_SETTINGS = ("site_name", "site_description", "copyright")
# Material 9 fetches `sitemap.xml` beside every <link rel="alternate"> on a page
# (mkdocs-material#6582): beside a page's hreflang alternates it finds none, and every page view
# would log a failed request. The build narrows that lookup to alternates without hreflang (feeds);
# the switcher already links the same page in each language, so nothing is lost.
_MATERIAL_ALTERNATES = '"link[rel=alternate]"'
_MATERIAL_ALTERNATES_PATCHED = '"link[rel=alternate]:not([hreflang])"'


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Notice a saved folder at once (`mkdocs_serve.watch_by_notification`)."""
    from mkdocs_serve import watch_by_notification  # serve only: a build never loads watchdog

    return watch_by_notification(server)


class _PageFile(File):
    """A generated page that can tell `--dirty` it is the same as last time."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def site_info(config: MkDocsConfig, root: Path, original: bool = True) -> SiteInfo:
    """The site descriptor of the edition being built from `mkdocs.yml` (`extra.explainer`), the
    content's git history and, without history, `SOURCE_DATE_EPOCH`.

    The original edition reads the history; the nested editions of the same build reuse it. Public
    for the benchmark, whose plain MkDocs builds get the same pages (`bench.run.hook_site_info`)."""
    global _history
    extra: dict[str, Any] = config.extra.get("explainer", {})
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    published = extra.get("published")
    if original or _history is None:
        _history = read_history(root / "content")
        if not _history.available:
            reason = _history.reason
            log.info(f"explainer: no changes log ({reason}): /changes/ says it is unavailable; {NO_HISTORY_HINT}")
    changes = _history
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


def _editions_of(config: MkDocsConfig) -> tuple[tuple[Edition, ...], Edition]:
    """All editions of the site (from `extra.explainer.languages`) and the one being built."""
    settings: dict[str, Any] = config.extra.get("explainer", {})
    theme_language = str(config.theme["language"])
    languages = settings.get("languages", [theme_language])
    if not isinstance(languages, list):
        raise PluginError("extra.explainer.languages: expected a list of language codes such as [en, fr]")
    site_url = settings.get("_original_site_url") or config.site_url or "/"
    try:
        editions = plan(languages, site_url)
    except ValueError as exc:
        raise PluginError(f"extra.explainer.{exc}") from None
    lang = settings.get("_edition", editions[0].lang)
    current = next(e for e in editions if e.lang == lang)
    if theme_language != current.lang:
        raise PluginError(
            f"theme.language is '{theme_language}' but the original language (the first of "
            f"extra.explainer.languages) is '{current.lang}': make them the same"
        )
    return editions, current


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _loaded
    deferred: PluginError | None = None
    try:
        editions, current = _editions_of(config)
    except PluginError as exc:
        if config.extra.get("explainer", {}).get("_edition"):
            raise
        # The loader reports a bad language list at its place in mkdocs.yml; this is the fallback.
        deferred = exc
        editions = plan([str(config.theme["language"])], config.site_url or "/")
        current = editions[0]
    if current.original:  # before anything is written
        for edition in editions[1:]:
            _translated_settings(config, edition)
    state = _editions.setdefault(current.lang, _EditionState())
    root = Path(config.config_file_path).parent
    serving = _command == "serve"
    if serving:
        from mkdocs_serve import list_theme_once

        list_theme_once(config)
    try:
        checks = Checks.from_settings(config.extra.get("explainer", {}))
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    if current.original or _loaded is None:
        languages = checks.languages
        cache = _files if serving else None
        _loaded = load_content(
            root / "content", base=root, today=_today(config), checks=checks, languages=languages, cache=cache
        )
    result = _loaded
    diagnostics = list(result.diagnostics)
    pages: dict[str, RenderedPage] = {}
    site = None
    if result.content is not None:
        site = site_info(config, root, current.original)
        memo = _memo if serving else None
        pages = {p.page.src_uri: p for p in render_site(result.content, site, current.lang, memo)}
        by_id = {p.page.id: p.markdown for p in pages.values()}
        diagnostics += check_links(result.content, by_id.__getitem__, files_under(Path(config.docs_dir)))
    for d in sort_diagnostics(d for d in diagnostics if d.is_notice and current.original):
        log.info(str(d))  # publishes: a translation behind its original says so on its page
    problems = sort_diagnostics(d for d in diagnostics if not d.is_notice)
    failed = result.content is None or has_errors(problems)
    if deferred is not None and not failed:
        raise deferred
    if serving:
        _preview_never_stops()
        if current.original:  # the nested editions see the same problems: list them once
            sys.stderr.write("".join(f"{d}\n" for d in problems))
        state.problems = problems
        if not failed:
            state.content, state.pages, state.site = result.content, pages, site
        # else: keep the last good pages (or none yet), with the problems on top
    else:
        if current.original:
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
    config.nav = [{_nav_title(p.page, current.lang): p.page.src_uri} for p in state.pages.values()] or None
    if isinstance(config.theme["palette"], list):
        config.theme["palette"] = palette_in(config.theme["palette"], current.lang)
    config.extra["theme_words"] = {"made_with": made_with(current.lang)}  # overrides/partials/copyright.html
    # overrides/main.html links the edition's Atom feed from every page's head
    link = feed_link(state.content, config.site_name, current.lang) if state.content is not None else None
    config.extra["feed"] = vars(link) if link is not None else None
    if len(editions) > 1:
        # Material's switcher and 404 page link each edition's root; pages link their own translation.
        config.extra["alternate"] = [{"name": e.name, "link": e.url, "lang": e.lang} for e in editions]
    for extension in (OutboundLinks, WrappedTables):
        if not any(isinstance(e, extension) for e in config.markdown_extensions):
            config.markdown_extensions.append(extension())  # type: ignore[arg-type]  # instances work too
    if not config.repo_url:  # no repository: no edit link rather than a wrong one
        config.edit_uri = None
        config.edit_uri_template = None
    return config


def _nav_title(page: ContentPage, lang: str) -> str:
    forms = page.translations.get(lang)
    if forms is None:
        return page.nav_title or page.title
    return forms.nav_title or forms.title


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


def _state(config: MkDocsConfig) -> tuple[_EditionState, Edition, tuple[Edition, ...]]:
    editions, current = _editions_of(config)
    return _editions.setdefault(current.lang, _EditionState()), current, editions


def on_files(files: Files, config: MkDocsConfig) -> Files:
    state, current, _ = _state(config)
    problems, pages, content = state.problems, state.pages, state.content
    stale = has_errors(problems)
    nav = repr(config.nav)
    for src_uri, rendered in pages.items():
        shown = problems if stale else [d for d in problems if src_uri in _affected(d, pages, content)]
        markdown = (_banner(shown, stale) if shown else "") + rendered.markdown
        file = _PageFile.generated(config, src_uri, content=markdown)
        assert isinstance(file, _PageFile)
        file.edit_uri = rendered.edit_path
        if _dirty:
            built_from = (markdown, rendered.edit_path, nav, _page_meta(rendered, state, current.lang))
            key = (current.lang, src_uri)
            file.unchanged = _built.get(key) == built_from and Path(file.abs_dest_path).is_file()
            _built[key] = built_from
        _add(files, file)
    if not pages and problems:  # the preview's first build failed: a page that says why
        _add(files, File.generated(config, "index.md", content="# Content has errors\n\n" + _banner(problems, True)))
    if content is not None and _share_images(config):  # a 1200×630 link-preview image per page, in its language
        for rendered in pages.values():
            card = share_card(rendered.page, content, config.site_name, current.lang)
            _add(files, File.generated(config, share_path(rendered.page), content=share_png(card)))
    if content is not None and any(p.page.generated is PageKind.DATA for p in pages.values()):
        _add(files, File.generated(config, "data/facts.json", content=facts_json(content)))
        _add(files, File.generated(config, "data/facts.csv", content=facts_csv(content)))
        if state.site is not None:
            _add(files, File.generated(config, "data/datapackage.json", content=datapackage_json(content, state.site)))
    if content is not None and state.site is not None:  # the Atom feed of the changes log, in this edition's language
        feed = atom_feed(content, state.site, current.lang)
        if feed is not None:
            _add(files, File.generated(config, FEED_PATH, content=feed))
    # "Cite this" files of each page, in this edition's language (its title, address and dates).
    cited = [p.citation for p in pages.values() if p.citation is not None]
    for path, text in citation_files(cited).items():
        _add(files, File.generated(config, path, content=text))
    return files


def _page_meta(rendered: RenderedPage, state: _EditionState, lang: str) -> dict[str, Any]:
    """What `overrides/main.html` writes into the page's head."""
    if state.content is None or state.site is None:
        return {}
    meta = {"description": html.escape(description(rendered.page, state.content, lang))}
    data = structured_data(rendered, state.content, state.site, lang=lang)
    if data is not None:
        meta["jsonld"] = script_json(data)
    meta["og_type"] = "article" if rendered.page.generated is None else "website"
    # The browser tab and link previews carry the page's title; `nav_title` names it in
    # the navigation only. Titles are markup-free (schema), so they need no escaping.
    meta["title"] = page_title(rendered.page, lang)
    return meta


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    state, current, editions = _state(config)
    # What overrides/main.html, partials/alternate.html and sitemap.xml write for every page.
    page.meta["og_locale"] = current.og_locale
    page.meta["og_locale_alternate"] = [e.og_locale for e in editions if e != current]
    page.meta["alternates"] = [vars(a) for a in alternates(page.url, editions)]
    page.meta["switch"] = [vars(s) for s in switch_links(page.url, current, editions)] if len(editions) > 1 else []
    rendered = state.pages.get(page.file.src_uri)
    if rendered is not None:
        meta = _page_meta(rendered, state, current.lang)
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


def on_post_build(config: MkDocsConfig) -> None:
    """Patch Material's alternate lookup; from the original edition, build the other editions."""
    global _loaded, _history
    editions, current = _editions_of(config)
    if len(editions) > 1:
        _patch_material_bundle(Path(config.site_dir))
    if not current.original:
        return
    try:
        for edition in editions[1:]:
            _build_edition(config, edition)
    finally:
        _loaded = None
        _history = None
    if len(editions) > 1:
        _merge_sitemaps(Path(config.site_dir), editions)


def _translated_settings(config: MkDocsConfig, edition: Edition) -> dict[str, Any]:
    """`extra.explainer.<lang>` (the strings of mkdocs.yml in `edition`'s language); PluginError naming
    what is missing."""
    translated: dict[str, Any] = config.extra.get("explainer", {}).get(edition.lang) or {}
    missing = [k for k in _TRANSLATED_SETTINGS if config.get(k) and not translated.get(k)]
    if missing:
        raise PluginError(
            f"mkdocs.yml: extra.explainer.{edition.lang} needs {', '.join(missing)}: "
            f"the {edition.name} edition shows them"
        )
    return translated


def _build_edition(config: MkDocsConfig, edition: Edition) -> None:
    """One nested MkDocs build of the same configuration in `edition`'s language."""
    settings: dict[str, Any] = config.extra.get("explainer", {})
    translated = _translated_settings(config, edition)
    nested = load_config(
        config.config_file_path,
        site_dir=str(Path(config.site_dir) / edition.prefix),
        site_url=edition.url,
        strict=config.strict,
    )
    for key in _TRANSLATED_SETTINGS:
        if translated.get(key):
            nested[key] = translated[key]
    nested["extra"] = copy.deepcopy(dict(config.extra))
    nested.extra["explainer"] = {**settings, "_edition": edition.lang, "_original_site_url": config.site_url}
    nested.theme["language"] = edition.lang
    search = nested.plugins.get("material/search") or nested.plugins.get("search")
    if search is not None and hasattr(search.config, "lang"):
        search.config.lang = [edition.lang]  # French stemming for French pages
    nested.plugins.on_startup(command=_command, dirty=_dirty)
    try:
        mkdocs_build(nested, dirty=_dirty)
    finally:
        nested.plugins.on_shutdown()


def _patch_material_bundle(site_dir: Path) -> None:
    bundles = sorted((site_dir / "assets/javascripts").glob("bundle.*.min.js"))
    for bundle in bundles:
        text = bundle.read_text(encoding="utf-8")
        if text.count(_MATERIAL_ALTERNATES_PATCHED) == 1:
            continue
        if text.count(_MATERIAL_ALTERNATES) != 1:
            raise PluginError(
                f"{bundle.name}: Material's lookup of {_MATERIAL_ALTERNATES} changed; "
                "update _MATERIAL_ALTERNATES in scripts/mkdocs_hooks.py"
            )
        bundle.write_text(text.replace(_MATERIAL_ALTERNATES, _MATERIAL_ALTERNATES_PATCHED), encoding="utf-8")


def _merge_sitemaps(site_dir: Path, editions: tuple[Edition, ...]) -> None:
    """One sitemap at the root listing every page of every edition, each with its alternates."""
    root = site_dir / "sitemap.xml"
    if not root.is_file():
        return
    others = [site_dir / e.prefix / "sitemap.xml" for e in editions[1:]]
    merged = merge_sitemaps(root.read_text(encoding="utf-8"), *(p.read_text(encoding="utf-8") for p in others))
    root.write_text(merged, encoding="utf-8")
    packed = site_dir / "sitemap.xml.gz"
    # The time MkDocs wrote into the gzip header (SOURCE_DATE_EPOCH when set): builds stay reproducible.
    mtime = int.from_bytes(packed.read_bytes()[4:8], "little") if packed.is_file() else get_build_timestamp()
    with packed.open("wb") as raw, gzip.GzipFile(fileobj=raw, filename="sitemap.xml", mode="wb", mtime=mtime) as gz:
        gz.write(merged.encode("utf-8"))


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
