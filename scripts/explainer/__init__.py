"""Explainer: facts in YAML and prose in Markdown, merged into pages with citations.

The public surface; everything else is internal. Nothing here imports MkDocs.
What only a published web site needs (page metadata, downloads, CSP, link
attributes) is in the `explainer.web` sub-package, above this one.
"""

from .diagnostics import Diagnostic, Severity, sort_diagnostics
from .loader import LoadResult, load_content
from .model import Content, Fact, FactKind, Page, PageKind, PartialDate, Section, Source
from .render import RenderedPage, escape, render_site
from .site import SiteInfo

__all__ = [
    "Content",
    "Diagnostic",
    "Fact",
    "FactKind",
    "LoadResult",
    "Page",
    "PageKind",
    "PartialDate",
    "RenderedPage",
    "Section",
    "Severity",
    "SiteInfo",
    "Source",
    "escape",
    "load_content",
    "render_site",
    "sort_diagnostics",
]
