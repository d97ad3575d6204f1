"""The site's editions in a MkDocs build: the other languages, the merged sitemap, Material's patch.

- `begin_build`: the editions planned once per build, each problem with them reported at its
  place in mkdocs.yml;
- `plan_editions`: the editions the plugin's `languages` asks for, and the problems with what
  each other edition needs from mkdocs.yml (its strings in the plugin's `<lang>:` block), each at
  its place in the file;
- `build_editions`: after the original edition, one nested MkDocs build of the same configuration
  per other language, into `<site_dir>/<lang>/` at `<site_url><lang>/`, with the theme, search and
  the strings of mkdocs.yml in that language. The nested build runs the same plugin; the build state
  (`BuildState.nested`) tells it which edition it builds;
- then the engine's `postbuild` over the site: each page's Content-Security-Policy, each
  edition's sitemap and one at the root listing every page of every edition;
- `patch_material_bundle`: Material's lookup of alternates narrowed (see `_MATERIAL_ALTERNATES`).

Adapter code: it imports MkDocs, and the engine through its public surfaces only.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.utils import get_build_timestamp

from explainer import BLOCK, Diagnostic, Settings, setting_place
from explainer.adapter.state import BuildState, config_source, digest, log
from explainer.web import Edition, page_url, plan, postbuild

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

TRANSLATED = ("site_name", "site_description", "copyright")
"""The strings of mkdocs.yml a reader sees, which each other language gives under
the plugin's `<lang>:` block (the theme's own words, "Made with" and the palette toggles' names, come
from the language file: `explainer.web.theme`)."""
# Material 9 fetches `sitemap.xml` beside every <link rel="alternate"> on a page
# (mkdocs-material#6582): beside a page's hreflang alternates it finds none, and every page view
# would log a failed request. The build narrows that lookup to alternates without hreflang (feeds);
# the switcher already links the same page in each language, so nothing is lost.
_MATERIAL_ALTERNATES = '"link[rel=alternate]"'
_MATERIAL_ALTERNATES_PATCHED = '"link[rel=alternate]:not([hreflang])"'


def begin_build(config: MkDocsConfig, build: BuildState) -> None:
    """At the start of the original edition's build (the plugin's options parsed into
    `build.settings`): the editions planned, and a PluginError after every problem with them is
    logged at its place in mkdocs.yml."""
    build.plan, problems, build.deferred = plan_editions(config, build.settings)
    if problems:
        for d in problems:
            log.error(str(d))
        raise PluginError(
            f"mkdocs.yml has {len(problems)} error(s) in the explainer plugin's options; nothing was written"
        )
    build.loaded = build.history = None
    if build.serving:
        build.inputs = digest(config)


def plan_editions(
    config: MkDocsConfig, settings: Settings
) -> tuple[tuple[Edition, ...], list[Diagnostic], PluginError | None]:
    """Every edition of the site, the original first; the problems with mkdocs.yml they show, placed
    in it; and the error of a language list `plan` refuses, for after the loader had its say (it
    reports a bad code at its place: the site is planned in `theme.language` alone meanwhile)."""
    theme_language = str(config.theme["language"])
    try:
        editions = plan(settings.languages or (theme_language,), config.site_url or "/")
    except ValueError as exc:
        return plan([theme_language], config.site_url or "/"), [], PluginError(f"{BLOCK}.{exc}")
    problems: list[tuple[tuple[str, ...], str]] = []
    if theme_language != editions[0].lang:
        message = (
            f"theme.language is '{theme_language}' but the original language (the first of "
            f"{BLOCK}.languages) is '{editions[0].lang}': make them the same"
        )
        problems.append((("languages",), message))
    for edition in editions[1:]:
        translation = settings.translation(edition.lang)
        missing = [k for k in TRANSLATED if config.get(k) and not getattr(translation, k)]
        if missing:
            message = f"{BLOCK}.{edition.lang} needs {', '.join(missing)}: the {edition.name} edition shows them"
            problems.append(((edition.lang,), message))
    if not problems:
        return editions, [], None
    path, source = config_source(config)
    return editions, [Diagnostic(path, *setting_place(source, *keys), message) for keys, message in problems], None


def build_editions(config: MkDocsConfig, build: BuildState) -> None:
    """After the original edition's build: each other edition's, then the engine's post-build step
    over the whole site (each page's Content-Security-Policy, the sitemaps with their alternates)."""
    for edition in build.plan[1:]:
        build.nested = edition
        try:
            _build_edition(config, edition, build)
        finally:
            build.nested = None
    urls = [page_url(uri) for uri in build.here.order]
    postbuild(Path(config.site_dir), build.plan, urls, get_build_timestamp())


def _build_edition(config: MkDocsConfig, edition: Edition, build: BuildState) -> None:
    """One nested MkDocs build of the same configuration in `edition`'s language."""
    translation = build.settings.translation(edition.lang)
    nested = load_config(
        config.config_file_path,
        site_dir=str(Path(config.site_dir) / edition.prefix),
        site_url=edition.url,
        strict=config.strict,
    )
    for key in TRANSLATED:
        if getattr(translation, key):
            nested[key] = getattr(translation, key)
    nested["extra"] = copy.deepcopy(dict(config.extra))
    nested.theme["language"] = edition.lang
    search = nested.plugins.get("material/search") or nested.plugins.get("search")
    if search is not None and hasattr(search.config, "lang"):
        search.config.lang = [edition.lang]  # French stemming for French pages
    nested.plugins.on_startup(command=build.command, dirty=build.dirty)
    try:
        mkdocs_build(nested, dirty=build.dirty or build.rebuilding(edition))
    finally:
        nested.plugins.on_shutdown()


def patch_material_bundle(site_dir: Path) -> None:
    """Material's script looks for a sitemap beside alternates with hreflang no more."""
    for bundle in sorted((site_dir / "assets/javascripts").glob("bundle.*.min.js")):
        text = bundle.read_text(encoding="utf-8")
        if text.count(_MATERIAL_ALTERNATES_PATCHED) == 1:
            continue
        if text.count(_MATERIAL_ALTERNATES) != 1:
            raise PluginError(
                f"{bundle.name}: Material's lookup of {_MATERIAL_ALTERNATES} changed; "
                "update _MATERIAL_ALTERNATES in explainer/adapter/editions.py"
            )
        bundle.write_text(text.replace(_MATERIAL_ALTERNATES, _MATERIAL_ALTERNATES_PATCHED), encoding="utf-8")
