"""The MkDocs plugin `explainer`: its event handlers, each handing its event to the engine.

    plugins:
      - search
      - explainer:          # options: explainer.adapter.config.ExplainerConfig
          languages: [en]

- `load_config` parses the options once with the engine (`explainer.Settings`): every bad value
  and unknown name is reported at its place in mkdocs.yml, all in one run.
- `on_config` adds the engine's theme (its template overrides after the project's `custom_dir`,
  its stylesheet and script) and `content/` to what serve watches; loads and validates `content/`
  before MkDocs cleans or writes the site directory (a bad edit fails the build and leaves the
  last good site in place), renders this edition's pages and sets the navigation from
  `content/pages.yml`.
- `on_files` adds the edition the engine writes (`explainer.web.edition_pages`, `edition_files`):
  every page as an in-memory file (never written to `docs/`) with its front matter, its "edit
  this page" link at its source under `content/`, the downloads, each page's citation files and
  link-preview image; and the engine's theme files a project does not replace.
- `on_post_build`, in the original edition's build, builds every other language's edition
  (`editions`), then runs the engine's post-build step (`explainer.web.postbuild`: the
  Content-Security-Policy of each page, the sitemaps with their alternates).

The state lives in one object (`state.BuildState`), shared by every instance of the plugin in the
process: each other edition is a nested MkDocs build, which loads the configuration, and so the
plugin, again. It also carries what `mkdocs serve` reuses from one rebuild to the next: a rebuild
parses only the content files whose bytes changed, renders only the pages whose inputs changed,
and writes only those pages, in every edition (`serve.rebuild_changed_pages`); a bad edit keeps
the last good pages on screen with the errors listed at the top. Serve does not reload plugins:
restart `mkdocs serve` after upgrading the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.plugins import BasePlugin, event_priority

from explainer import Settings
from explainer.adapter.config import ExplainerConfig
from explainer.adapter.editions import begin_build, build_editions, patch_material_bundle
from explainer.adapter.state import BuildState, Command, page_files
from explainer.adapter.theme import add_theme, theme_files
from explainer.web import OutboundLinks, WrappedTables, csp, feed_link, made_with, palette_in

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

_build = BuildState()
"""Everything the handlers keep, for the life of the process (see the module's docstring)."""


class ExplainerPlugin(BasePlugin[ExplainerConfig]):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__
    """Facts in YAML and prose in Markdown, merged into a sourced site in every language."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.settings = Settings()

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[base.ConfigErrors, base.ConfigWarnings]:
        """The options, checked by the engine with their places in mkdocs.yml; a language's block
        (`fr:`) goes to `translations`."""
        self.settings, problems = Settings.parse_by_option(options or None)
        if problems:  # again, with the file's text, to place each one in it
            if config_file_path:
                file = Path(config_file_path)
                source, path = file.read_text(encoding="utf-8"), file.name
                self.settings, problems = Settings.parse_by_option(options or None, source, path)
            self.config = ExplainerConfig(config_file_path=config_file_path)
            return [(option, base.ValidationError(str(problem))) for option, problem in problems], []
        declared = {k: v for k, v in options.items() if k in Settings.declared()}
        translations = {k: v for k, v in options.items() if k not in declared}
        return super().load_config({**declared, "translations": translations}, config_file_path)

    def on_startup(self, *, command: Command, dirty: bool) -> None:
        _build.command, _build.dirty = command, dirty

    def on_serve(self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Notice a saved folder at once, and rebuild only what an edit changed."""
        from explainer.adapter.serve import rebuild_changed_pages, watch_by_notification  # never loaded by a build

        return rebuild_changed_pages(watch_by_notification(server), builder)

    @event_priority(50)  # before the search plugin's, which renders a theme template with what this sets up
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        add_theme(config)
        if _build.nested is None:  # the original edition: the settings and the editions of this build
            _build.settings = self.settings
            begin_build(config, _build)
        if _build.serving:
            from explainer.adapter.serve import list_theme_once

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

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        return page_files(theme_files(files, config), config, _build)

    def on_page_context(self, context: Any, /, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        """After the search plugin indexed the page: under serve, keep its entries for later rebuilds."""
        _build.index_page(page, config)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Under serve, drop the page's Content-Security-Policy (overrides/partials/csp.html): MkDocs
        injects its live-reload script. A build fills it in after every edition (`postbuild`)."""
        return csp.remove(output) if _build.serving else output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """The same for pages built from theme templates alone (404.html)."""
        return csp.remove(output_content) if _build.serving else output_content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
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

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = _build.templates
        return env
