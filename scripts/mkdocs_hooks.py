"""The MkDocs adapter's event handlers: each hands its event to the `explainer` engine.

- `on_config` parses `extra.explainer` once (typed settings, every bad one reported at its place in
  mkdocs.yml), loads and validates `content/` before MkDocs cleans or writes the site directory
  (a bad edit fails the build and leaves the last good site in place), renders this edition's
  pages and sets the navigation from `content/pages.yml`.
- `on_files` adds the edition the engine writes (`explainer.web.edition_pages`, `edition_files`):
  every page as an in-memory file (never written to `docs/`) with its front matter (description,
  JSON-LD, alternates, language switcher: what `overrides/main.html` and its partials write) and
  its "edit this page" link at its source under `content/`, the downloads, each page's citation
  files and link-preview image.
- `on_post_build`, in the original edition's build, builds every other language's edition
  (`mkdocs_editions`), then runs the engine's post-build step (`explainer.web.postbuild`: the
  Content-Security-Policy of each page, the sitemaps with their alternates).

The state lives in one object (`mkdocs_state.BuildState`), which also carries what `mkdocs serve`
reuses from one rebuild to the next: a rebuild parses only the content files whose bytes changed,
renders only the pages whose inputs changed, and writes only those pages, in every edition
(`mkdocs_serve.rebuild_changed_pages`); a bad edit keeps the last good pages on screen with the
errors listed at the top.

MkDocs imports this file by path with its folder on `sys.path`, which makes the `explainer`
package and the other adapter modules beside it importable. Serve does not reload hook modules:
restart `mkdocs serve` after changing code in `scripts/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.plugins import event_priority

from explainer.web import OutboundLinks, WrappedTables, csp, feed_link, made_with, palette_in
from mkdocs_editions import begin_build, build_editions, patch_material_bundle
from mkdocs_state import BuildState, Command, page_files

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_build = BuildState()
"""Everything the handlers keep, for the life of the process: MkDocs imports this file once, and
the nested builds of the other editions run the same handlers."""


def on_startup(command: Command, dirty: bool) -> None:
    _build.command, _build.dirty = command, dirty


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """Notice a saved folder at once, and rebuild only what an edit changed."""
    from mkdocs_serve import rebuild_changed_pages, watch_by_notification  # serve only: a build never loads watchdog

    return rebuild_changed_pages(watch_by_notification(server), builder)


@event_priority(50)  # before the search plugin's, which renders a theme template with what this sets up
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if _build.nested is None:  # the original edition: the settings and the editions of this build
        begin_build(config, _build)
    if _build.serving:
        from mkdocs_serve import list_theme_once

        list_theme_once(config, _build.templates)
    _build.render(config)
    edition, state = _build.edition, _build.here
    config.nav = [{p.nav_title: p.page.src_uri} for p in state.pages.values()] or None
    if isinstance(config.theme["palette"], list):  # the toggles' names, from the language file
        config.theme["palette"] = palette_in(config.theme["palette"], edition.lang)
    config.extra["theme_words"] = {"made_with": made_with(edition.lang)}  # overrides/partials/copyright.html
    link = feed_link(state.content, config.site_name, edition.lang) if state.content is not None else None
    config.extra["feed"] = vars(link) if link is not None else None  # overrides/main.html
    if len(_build.plan) > 1:
        # Material's switcher and 404 page link each edition's root; pages link their own translation.
        config.extra["alternate"] = [{"name": e.name, "link": e.url, "lang": e.lang} for e in _build.plan]
    for extension in (OutboundLinks, WrappedTables):
        if not any(isinstance(e, extension) for e in config.markdown_extensions):
            config.markdown_extensions.append(extension())  # type: ignore[arg-type]  # instances work too
    if not config.repo_url:  # no repository: no edit link rather than a wrong one
        config.edit_uri = None
        config.edit_uri_template = None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    return page_files(files, config, _build)


def on_page_context(context: Any, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
    """After the search plugin indexed the page: under serve, keep its entries for later rebuilds."""
    _build.index_page(page, config)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Under serve, drop the page's Content-Security-Policy (overrides/partials/csp.html): MkDocs
    injects its live-reload script. A build fills it in after every edition (`postbuild`)."""
    return csp.remove(output) if _build.serving else output


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """The same for pages built from theme templates alone (404.html)."""
    return csp.remove(output_content) if _build.serving else output_content


def on_post_build(config: MkDocsConfig) -> None:
    """Complete the search index of a rebuild, patch Material's alternate lookup; from the original
    edition, build the other editions."""
    _build.complete_search_index(config)
    if len(_build.plan) > 1:
        patch_material_bundle(Path(config.site_dir))
    if _build.nested is not None:
        return
    try:
        build_editions(config, _build)
    finally:
        _build.finish()


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = _build.templates
    return env
