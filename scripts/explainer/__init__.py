"""Explainer: facts in YAML and prose in Markdown, merged into pages with citations.

The public surface; everything else is internal. Nothing here imports MkDocs.
What only a published web site needs (page metadata, downloads, CSP, link
attributes) is in the `explainer.web` sub-package, above this one.
"""

from importlib import metadata

from explainer.changelog import ChangeLog
from explainer.check.checks import Checks
from explainer.diagnostics import Diagnostic, Severity, has_errors, sort_diagnostics
from explainer.history.history import NO_HISTORY_HINT, read_history
from explainer.kinds import Kind
from explainer.load.filecache import FileCache
from explainer.load.loader import load_content
from explainer.load.reader import LoadResult
from explainer.model import Content, Fact, Page, PageKind, PartialDate, Section, Source
from explainer.render.html import escape
from explainer.render.links import check_links, files_under
from explainer.render.pagememo import PageMemo
from explainer.render.pages import page_inputs, render_site
from explainer.render.parts import RenderedPage, page_title
from explainer.settings import BLOCK, PLUGIN, Setting, Settings, Translation, read_settings, setting_place
from explainer.site import SiteInfo

try:
    __version__ = metadata.version("mkdocs-explainer")
    """The engine's version (semver; CHANGELOG.md says what each one changed)."""
except metadata.PackageNotFoundError:  # run from a checkout that was never installed
    __version__ = "0+unknown"

__all__ = [
    "BLOCK",
    "NO_HISTORY_HINT",
    "PLUGIN",
    "ChangeLog",
    "Checks",
    "Content",
    "Diagnostic",
    "Fact",
    "FileCache",
    "Kind",
    "LoadResult",
    "Page",
    "PageKind",
    "PageMemo",
    "PartialDate",
    "RenderedPage",
    "Section",
    "Setting",
    "Settings",
    "Severity",
    "SiteInfo",
    "Source",
    "Translation",
    "check_links",
    "escape",
    "files_under",
    "has_errors",
    "load_content",
    "page_inputs",
    "page_title",
    "read_history",
    "read_settings",
    "render_site",
    "setting_place",
    "sort_diagnostics",
]
