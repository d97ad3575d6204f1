"""Evidence as readers get it: each source's own words beside the citation, in
quotation marks, in the tooltip, on /data/, /timeline/, /glossary/ and
/sources/, and in the downloads. Built for real (MkDocs, Material, the hook)
from the base tree plus a timeline entry and a glossary term with their own
sources; every expectation comes from the loaded content. Also: the copy
check against a longer reference text, and the settings that switch checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from explainer import Content, load_content
from explainer.adapter import build as build_site
from explainer.check.checks import Checks
from explainer.cli import main
from explainer.settings import Settings, read_settings
from helpers import ROOT, make_tree, scan_page
from htmldom import parse_file
from test_errors import site_project

pytestmark = pytest.mark.slow

EXTRA: dict[str, str | None] = {
    "content/timeline.yml": (
        "listing:\n  date: 2020-05\n  sources: [news]\n  title: Example Corp lists its shares\n"
        '  evidence:\n    news: "Example Corp\'s shares started trading in May 2020"\n'
    ),
    "content/glossary.yml": (
        'cloud:\n  term: cloud\n  definition: "Computers rented over the internet."\n  sources: [report]\n'
        '  evidence:\n    report: "we rent out computers that customers reach over the internet"\n'
    ),
    "content/pages.yml": (
        "index:\n  title: Home\n  sections: [main/intro]\n"
        "timeline:\n  title: Timeline\n  generated: timeline\n"
        "glossary:\n  title: Glossary\n  generated: glossary\n"
        "data:\n  title: Data\n  generated: data\n"
        "sources:\n  title: Sources\n  generated: sources\n"
    ),
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Content]:
    root = tmp_path_factory.mktemp("evidence")
    make_tree(root, EXTRA)
    result = load_content(root / "content", today=dt.date(2026, 11, 26))
    assert result.content is not None and result.diagnostics == [], result.diagnostics
    assert build_site.build(site_project(root)) == 0
    return root / "site", result.content


def _page(site: Path, page_id: str) -> Path:
    return site / ("index.html" if page_id == "index" else f"{page_id}/index.html")


def quoted(text: str) -> str:
    return f"“{text}”"


def test_the_tooltip_quotes_each_source_in_the_order_cited(project: tuple[Path, Content]) -> None:
    site, content = project
    facts = scan_page(_page(site, "index")).facts
    assert facts
    for shown in facts:
        fact = content.facts[shown["id"]]
        assert fact.evidence, "the base tree quotes every citation"
        positions = [shown["tip"].index(quoted(text)) for _, text in fact.evidence]
        assert positions == sorted(positions), shown["tip"]
        titles = [shown["tip"].index(f"“{content.sources[s].title}”, which says") for s in fact.sources]
        assert titles == sorted(titles)


def test_the_data_page_shows_every_excerpt_with_its_source_number(project: tuple[Path, Content]) -> None:
    site, content = project
    dom = parse_file(_page(site, "data"))
    sources: dict[str, str] = {}
    for li in dom.find_all("li"):
        link = li.find("a")
        if li.attrs.get("id", "").startswith("source-") and link is not None:
            sources[li.attrs["id"]] = link.attrs["href"]
    rows = [tr for tr in dom.find_all("tr") if tr.find("span", cls="fact") is not None]
    assert len(rows) == len(content.facts)
    for row in rows:
        fact = content.facts[row.find("span", cls="fact").attrs["data-fact"]]  # type: ignore[union-attr]
        shown = row.find_all("span", cls="data-excerpt")
        assert [(s.attrs["data-source"], s.text().rsplit(" [", 1)[0]) for s in shown] == [
            (source_id, quoted(text)) for source_id, text in fact.evidence
        ]
        for span, (source_id, _) in zip(shown, fact.evidence, strict=True):
            number = span.find("a").attrs["href"].lstrip("#")  # type: ignore[union-attr]
            assert sources[number] == content.sources[source_id].url


def test_timeline_glossary_and_sources_pages_quote_their_sources(project: tuple[Path, Content]) -> None:
    site, content = project
    timeline = parse_file(_page(site, "timeline"))
    for entry in content.timeline:
        li = timeline.find("li", id=entry.id)
        assert li is not None
        assert [s.text().rsplit(" [", 1)[0] for s in li.find_all("span", cls="timeline__excerpt")] == [
            quoted(t) for _, t in entry.evidence
        ]
    glossary = parse_file(_page(site, "glossary"))
    for term in content.glossary.values():
        dd = next(d for d in glossary.find_all("dd") if d.text().startswith(term.definition))
        assert [s.text().rsplit(" [", 1)[0] for s in dd.find_all("span", cls="glossary__excerpt")] == [
            quoted(t) for _, t in term.evidence
        ]
    shown = {e.text() for e in parse_file(_page(site, "sources")).find_all("span", cls="source-excerpt")}
    assert shown == {quoted(t) for f in content.facts.values() for _, t in f.evidence}


def test_downloads_carry_the_excerpts(project: tuple[Path, Content]) -> None:
    site, content = project
    records = json.loads((site / "data/facts.json").read_text(encoding="utf-8"))["facts"]
    rows = list(csv.DictReader(io.StringIO((site / "data/facts.csv").read_text(encoding="utf-8"))))
    for record, row in zip(records, rows, strict=True):
        fact = content.facts[record["id"]]
        excerpts = dict(fact.evidence)
        assert [s["excerpt"] for s in record["sources"]] == [excerpts.get(s) for s in fact.sources]
        assert row["source_excerpts"].split(" | ") == [excerpts.get(s, "") for s in fact.sources]


def _plant(tmp_path: Path, sentence: str) -> None:
    intro = "---\ntitle: Intro\n---\nExample Corp runs [[fact:corp.servers]].\n\nIn short, " + sentence + "\n"
    make_tree(tmp_path, {"content/sections/main/intro.md": intro})


def test_copy_check_against_a_reference_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A stored article as a text file: a heading line, paragraphs, the source's own typography.
    article = tmp_path / "article.txt"
    article.write_text(
        "#What the merger changes\n"
        "The deal closed in spring.\n"
        "Analysts said the merger gives the group’s owners a foothold in every large market of the region.\n",
        encoding="utf-8",
    )
    _plant(tmp_path, "the merger gives the group's owners a foothold in every large market, analysts say.")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert "copied" not in capsys.readouterr().err
    assert main(["check", "--against", str(article)]) == 1  # a warning fails the check, as it fails the build
    err = capsys.readouterr().err
    assert (
        "content/sections/main/intro.md:6:11: warning: 12 words in a row are copied from 'article.txt' "
        "('the merger gives the group"
    ) in err
    assert main(["check", "--against", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_one_setting_each_turns_a_check_off(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_url: !ENV [SITE_URL, 'x']\nplugins:\n  - search\n  - explainer:\n      published: '2026-11-26'\n"
        "      require_evidence: false\n      check_claims: false\n"
    )
    settings, problems = read_settings(config)
    assert problems == []
    checks = Checks.from_settings(settings)
    assert (checks.require_evidence, checks.check_copying, checks.check_claims) == (False, True, False)
    assert Checks.from_settings(Settings()) == Checks()
    assert checks.with_overrides(require_evidence=True, check_claims=None).require_evidence


def test_the_check_command_reads_the_settings_and_flags_override_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = (ROOT / "tests/cases/base/content/facts/corp.yml").read_text(encoding="utf-8")
    make_tree(tmp_path, {"content/facts/corp.yml": re.sub(r"  evidence:\n(?:    .*\n)+", "", facts)})
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1
    assert "without an excerpt" in capsys.readouterr().err
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - explainer:\n      require_evidence: false\n")
    assert main(["check"]) == 0
    assert "without an excerpt" not in capsys.readouterr().err
    assert main(["check", "--require-evidence"]) == 1
    assert "without an excerpt" in capsys.readouterr().err
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  - explainer:\n      require_evidence: 0\n")
    assert main(["check"]) == 2
    assert "must be true or false" in capsys.readouterr().err
