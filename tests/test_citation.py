"""Citations, source records and the archived-copy notice, from content written here (no site values)."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest

from explainer import load_content, render_site
from explainer.check.freshness import unarchived
from explainer.cli import github_annotation, main, print_diagnostics
from explainer.diagnostics import Severity
from explainer.render.citation import Citation
from explainer.site import SiteInfo
from explainer.web.cite import bibtex, csl_json
from helpers import make_tree

TODAY = dt.date(2026, 11, 26)
ARCHIVED_REPORT = """report:
  title: "Annual report"
  publisher: Example Corp
  url: https://example.org/report
  published: 2026-01-15
  accessed: 2026-02-01
  licence: CC-BY-4.0
  language: en
  archived:
    url: https://web.archive.org/web/20260201120000/https://example.org/report
    date: 2026-02-01
news:
  title: "Example Corp grows"
  publisher: Example News
  url: https://news.example.org/grows
  published: 2026-02
  accessed: 2026-02-01
  licence: all-rights-reserved
"""


def citation(**changes: object) -> Citation:
    values: dict[str, object] = {
        "key": "europe",
        "title": "The European context",
        "container": "Example explainer",
        "publisher": "Example Newsroom",
        "url": "https://example.org/europe/",
        "published": dt.date(2026, 3, 1),
        "updated": dt.date(2026, 5, 12),
        "version": "abc123def456",
        "lang": "en",
    }
    return Citation(**(values | changes))  # type: ignore[arg-type]


def test_short_and_full_citations_name_the_dates_and_the_version() -> None:
    c = citation()
    assert c.short() == "Example explainer, “The European context”, updated 12 May 2026, https://example.org/europe/"
    assert c.full() == (
        "Example Newsroom. “The European context.” Example explainer, published 1 March 2026, "
        "updated 12 May 2026; version abc123def456. https://example.org/europe/"
    )
    same_day = citation(updated=dt.date(2026, 3, 1), version=None, title="Why?")
    assert same_day.full() == (
        "Example Newsroom. “Why?” Example explainer, published 1 March 2026. https://example.org/europe/"
    )


def test_bibtex_escapes_what_latex_would_read_and_keeps_the_title_case() -> None:
    text = bibtex(citation(title="R&D at 50% of costs_{big}", publisher="A & B #1"))
    assert text == (
        "@online{Example-europe-2026,\n"
        "  title = {{R\\&D at 50\\% of costs\\_\\{big\\}}},\n"
        "  organization = {A \\& B \\#1},\n"
        "  titleaddon = {Example explainer},\n"
        "  date = {2026-05-12},\n"
        "  origdate = {2026-03-01},\n"
        "  url = {https://example.org/europe/},\n"
        "  version = {abc123def456},\n"
        "  langid = {english}\n"
        "}\n"
    )
    assert bibtex(citation(dataset=True)).startswith("@dataset{")


def test_csl_json_is_one_item_a_reference_manager_reads() -> None:
    (item,) = json.loads(csl_json(citation()))
    assert item == {
        "id": "Example-europe-2026",
        "type": "webpage",
        "title": "The European context",
        "container-title": "Example explainer",
        "publisher": "Example Newsroom",
        "author": [{"literal": "Example Newsroom"}],
        "URL": "https://example.org/europe/",
        "issued": {"date-parts": [[2026, 5, 12]]},
        "original-date": {"date-parts": [[2026, 3, 1]]},
        "version": "abc123def456",
        "language": "en",
    }


def test_a_citation_of_a_french_page_is_written_in_french() -> None:
    c = citation(lang="fr", title="Le contexte européen")
    assert c.short() == (
        "Example explainer, «\u00a0Le contexte européen\u00a0», mis à jour le 12 mai 2026, https://example.org/europe/"
    )
    assert c.full() == (
        "Example Newsroom. «\u00a0Le contexte européen.\u00a0» Example explainer, publié le 1er mars 2026, "
        "mis à jour le 12 mai 2026\u202f; version abc123def456. https://example.org/europe/"
    )
    assert "  langid = {french}\n" in bibtex(c)
    assert json.loads(csl_json(c))[0]["language"] == "fr"


def test_the_sources_page_shows_licence_language_and_archived_copy(tmp_path: Path) -> None:
    content_dir = make_tree(tmp_path, {"content/sources.yml": ARCHIVED_REPORT})
    content = load_content(content_dir, today=TODAY).content
    assert content is not None
    report = content.sources["report"]
    assert (report.licence, report.language, report.archived and report.archived.date.iso()) == (
        "CC-BY-4.0",
        "en",
        "2026-02-01",
    )
    site = SiteInfo.create("Example", published=TODAY)
    sources = next(p for p in render_site(content, site) if p.page.id == "sources").markdown
    assert '<a href="https&#58;//creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>' in sources
    assert "<code>en</code>" in sources
    assert 'class="source-archived" href="https&#58;//web.archive.org/web/20260201120000/' in sources
    assert "Archived copy of 1 February 2026" in sources
    assert "all rights reserved" in sources  # named, with no licence text to link to


def test_a_source_without_an_archived_copy_is_a_notice_that_never_fails_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content_dir = make_tree(tmp_path, {"content/sources.yml": ARCHIVED_REPORT})
    content = load_content(content_dir, base=tmp_path, today=TODAY).content
    assert content is not None
    (notice,) = unarchived(content)
    assert (notice.path, notice.line, notice.severity) == ("content/sources.yml", 12, Severity.NOTICE)
    assert str(notice).startswith("content/sources.yml:12:1: notice: source 'news' has no archived copy")
    assert github_annotation(notice).startswith("::notice file=content/sources.yml,line=12,col=1::")
    monkeypatch.chdir(tmp_path)
    assert main(["check"], today=TODAY) == 0
    err = capsys.readouterr().err
    assert "notice: source 'news'" in err and "0 error(s), 0 warning(s), 1 notice(s)" in err
    stream = io.StringIO()
    print_diagnostics([], stream)
    assert stream.getvalue() == ""
