"""Explainer: facts in YAML and prose in Markdown, merged into pages with citations.

The public surface; everything else is internal. Nothing here imports MkDocs.
"""

from .diagnostics import Diagnostic, Severity
from .loader import LoadResult, load_content
from .model import Content, Fact, Page, PartialDate, Section, Source
from .render import RenderedPage, render_site

__all__ = [
    "Content",
    "Diagnostic",
    "Fact",
    "LoadResult",
    "Page",
    "PartialDate",
    "RenderedPage",
    "Section",
    "Severity",
    "Source",
    "load_content",
    "render_site",
]
