"""What a published web site adds around the pages the core renders.

The core (`explainer`) turns `content/` into page Markdown and knows nothing
of HTML documents, servers or browsers. This sub-package holds what only a
web site needs: page metadata for the `<head>` (descriptions, JSON-LD), the
fact downloads (`/data/facts.json` with its JSON Schema, `/data/facts.csv`), the
Content-Security-Policy of finished pages, the Markdown extensions that
mark outbound links and wrap tables, the share image of each page (a PNG
for link previews) and the Atom feed of the changes log. It imports the core; the core never imports it, and neither
imports MkDocs: the hook (`scripts/mkdocs_hooks.py`) wires both in.
"""

from explainer.web import csp
from explainer.web.cite import bibtex, citation_files, csl_json
from explainer.web.data import FACTS_SCHEMA, facts_csv, facts_json, facts_schema_json
from explainer.web.datapackage import datapackage, datapackage_json
from explainer.web.editions import Edition, alternates, merge_sitemaps, plan, switch_links
from explainer.web.feed import FEED_PATH, FeedLink, atom_feed, feed_link
from explainer.web.metadata import description, script_json, structured_data
from explainer.web.outbound import OutboundLinks
from explainer.web.publish import EditionPage, edition_files, edition_pages, page_url, postbuild, with_front_matter
from explainer.web.share_image import share_card, share_path, share_png
from explainer.web.tables import WrappedTables
from explainer.web.theme import made_with, palette_in

__all__ = [
    "FACTS_SCHEMA",
    "FEED_PATH",
    "Edition",
    "EditionPage",
    "FeedLink",
    "OutboundLinks",
    "WrappedTables",
    "alternates",
    "atom_feed",
    "bibtex",
    "citation_files",
    "csl_json",
    "csp",
    "datapackage",
    "datapackage_json",
    "description",
    "edition_files",
    "edition_pages",
    "facts_csv",
    "facts_json",
    "facts_schema_json",
    "feed_link",
    "made_with",
    "merge_sitemaps",
    "page_url",
    "palette_in",
    "plan",
    "postbuild",
    "script_json",
    "share_card",
    "share_path",
    "share_png",
    "structured_data",
    "switch_links",
    "with_front_matter",
]
