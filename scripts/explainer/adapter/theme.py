"""The engine's theme in a MkDocs build: template overrides over Material's, a stylesheet, a script.

The package ships them under `explainer/theme/`: `overrides/` (Material's `custom_dir` mechanism:
`main.html` and partials) and `assets/` (`stylesheets/explainer.css`, `javascripts/cite-copy.js`).
In the engine's own repository those are links to its top-level `overrides/` and `docs/`.

A project's own `custom_dir` comes first, so its templates replace the engine's, which replace
Material's; a file of the project's `docs/` at the path of one of the engine's assets replaces it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

THEME = Path(__file__).resolve().parents[1] / "theme"
OVERRIDES = THEME / "overrides"
ASSETS = THEME / "assets"
STYLESHEETS = ("stylesheets/explainer.css",)
SCRIPTS = ("javascripts/cite-copy.js",)  # "Copy" beside each citation; the text stays selectable without it


def add_theme(config: MkDocsConfig) -> None:
    """The engine's templates after the project's `custom_dir` (before Material's), its stylesheet
    before the project's, its script, and `content/` watched by serve. Idempotent."""
    dirs = config.theme.dirs
    if not any(Path(d).exists() and Path(d).samefile(OVERRIDES) for d in dirs):
        dirs.insert(1 if config.theme.custom_dir else 0, str(OVERRIDES))
    for index, css in enumerate(STYLESHEETS):
        if css not in config.extra_css:
            config.extra_css.insert(index, css)
    listed = {str(script) for script in config.extra_javascript}
    for script in SCRIPTS:
        if script not in listed:
            config.extra_javascript.append(script)
    if config.config_file_path:
        content = str(Path(config.config_file_path).resolve().parent / "content")
        if content not in config.watch:
            config.watch.append(content)


def theme_files(files: Files, config: MkDocsConfig) -> Files:
    """`files` with the engine's assets the project's `docs/` does not hold."""
    for path in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        uri = path.relative_to(ASSETS).as_posix()
        if uri.startswith(".") or files.get_file_from_path(uri) is not None:
            continue
        files.append(File(uri, str(ASSETS), config.site_dir, config.use_directory_urls))
    return files
