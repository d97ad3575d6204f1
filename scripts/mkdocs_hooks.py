"""The MkDocs adapter: a thin hook around the `explainer` package.

- `on_config` loads and validates `content/` before MkDocs cleans or writes
  the site directory, so a bad edit fails the build and leaves the last good
  site in place; it also sets the navigation from `content/pages.yml`.
- `on_files` adds every page as an in-memory file (never written to `docs/`)
  whose "edit this page" link points at its source under `content/`.
- Under `mkdocs serve`, a bad edit keeps the last good pages on screen with
  the errors listed at the top, so the preview never goes blank.

MkDocs imports this file by path with its folder on `sys.path`, which makes
the `explainer` package beside it importable. Serve does not reload hook
modules: restart `mkdocs serve` after changing code in `scripts/`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import BytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from explainer import Diagnostic, RenderedPage, load_content, render_site
from explainer.diagnostics import sort_diagnostics
from explainer.render import escape

if TYPE_CHECKING:
    from jinja2 import Environment
    from jinja2.bccache import Bucket
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files

log = logging.getLogger("mkdocs.plugins.explainer")

_command = "build"
_pages: list[RenderedPage] = []
_problems: list[Diagnostic] = []


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _pages, _problems
    root = Path(config.config_file_path).parent
    result = load_content(root / "content", base=root)
    if result.content is None and _command == "serve" and _pages:
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
        _pages, _problems = render_site(result.content), []
    config.nav = [{p.page.nav_title or p.page.title: p.page.src_uri} for p in _pages]
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


def on_files(files: Files, config: MkDocsConfig) -> Files:
    banner = _stale_banner() if _problems else ""
    for rendered in _pages:
        existing = files.get_file_from_path(rendered.page.src_uri)
        if existing is not None:
            files.remove(existing)
        file = File.generated(config, rendered.page.src_uri, content=banner + rendered.markdown)
        file.edit_uri = rendered.edit_path
        files.append(file)
    return files


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
