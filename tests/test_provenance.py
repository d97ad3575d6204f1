"""What a reader sees of provenance, checked on the built site's parsed HTML."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from explainer import load_content
from explainer.formatting import format_value
from helpers import ROOT, scan_page
from htmldom import Element, parse_file

pytestmark = pytest.mark.slow

CONTENT = load_content(ROOT / "content", today=dt.date(2026, 11, 26)).content
assert CONTENT is not None


def _page(site: Path, page_id: str) -> Path:
    return site / ("index.html" if page_id == "index" else f"{page_id}/index.html")


def test_a_fact_tooltip_names_its_source_and_as_of_date(built_site: Path) -> None:
    dom = parse_file(_page(built_site, "index"))
    fact = dom.find("span", cls="fact", data_fact="ovhcloud.servers")
    assert fact is not None
    value = fact.find("a", cls="fact__value")  # a link: reachable by keyboard, leads to the source
    assert value is not None and value.attrs["href"] == "#source-1"
    tip = dom.find(id=value.attrs["aria-describedby"])  # announced by screen readers
    assert tip is not None and tip.attrs["role"] == "tooltip"
    assert tip.text() == (
        "Source: Value The Markets, “OVHcloud acquires Dragon LLM to elevate AI capabilities in Europe”. "
        "As of 25 March 2026."
    )


def test_several_sources_and_disagreement_are_said_where_the_fact_is_shown(built_site: Path) -> None:
    facts = {f["id"]: f for f in scan_page(_page(built_site, "acquisition")).facts}
    assert facts["deal.announced"]["tip"].startswith("4 sources: Value The Markets")
    assert "Sources disagree." in facts["deal.first-ai-acquisition"]["tip"]
    assert "Single source, not confirmed elsewhere." in facts["dragon.flagship-parameters"]["tip"]
    dom = parse_file(_page(built_site, "acquisition"))
    disputed = dom.find("span", cls="fact--disputed")
    assert disputed is not None and disputed.attrs["data-fact"] == "deal.first-ai-acquisition"
    assert [e.text() for e in dom.find_all(cls="fact-flag")] == ["disputed"]


def test_home_page_opens_with_the_headline_figures_from_content(built_site: Path) -> None:
    assert CONTENT is not None
    home = next(p for p in CONTENT.pages if p.id == "index")
    cards = parse_file(_page(built_site, "index")).find("ul", cls="key-figures")
    assert cards is not None
    items = cards.find_all("li", cls="key-figure")
    assert 4 <= len(items) <= 6
    values = [li.find(cls="fact__value").text() for li in items]  # type: ignore[union-attr]
    assert values == [format_value(CONTENT.facts[f]) for f in home.figures]
    assert values[:3] == ["25 March 2026", "over 500,000 servers", "46 data centres"]
    for li in items:
        cite = li.find("sup", cls="fact-cite")
        assert cite is not None and cite.find("a") is not None


def _entries(ol: Element) -> list[tuple[str, str]]:
    out = []
    for li in ol.find_all("li"):
        time = li.find("time")
        assert time is not None
        out.append((time.attrs["datetime"], time.text()))
    return out


def test_timeline_is_an_ordered_list_of_dated_entries_with_sources(built_site: Path) -> None:
    dom = parse_file(_page(built_site, "timeline"))
    ol = dom.find("ol", cls="timeline")
    assert ol is not None
    entries = _entries(ol)
    assert entries[0] == ("2011", "2011")
    assert ("2026-03-25", "25 March 2026") in entries
    assert [d for d, _ in entries] == sorted(d for d, _ in entries)
    ids = {e.attrs["id"] for e in dom.iter() if "id" in e.attrs}
    for li in ol.find_all("li"):
        links = [a.attrs["href"] for a in li.find_all("a")]
        assert links and all(h[1:] in ids for h in links), li.text()


def test_acquisition_page_has_a_key_dates_strip_from_the_same_data(built_site: Path) -> None:
    strip = parse_file(_page(built_site, "acquisition")).find("nav", cls="key-dates")
    assert strip is not None and strip.attrs["aria-label"] == "Key dates"
    ol = strip.find("ol")
    assert ol is not None
    assert [d for d, _ in _entries(ol)] == ["2011", "2025-04", "2026-03-25", "2026-04-09"]


def test_glossary_terms_are_explained_where_they_appear(built_site: Path) -> None:
    dom = parse_file(_page(built_site, "europe"))
    gdpr = [a for a in dom.find_all("abbr") if a.text() == "GDPR"]
    assert gdpr and gdpr[0].attrs["title"].startswith("General Data Protection Regulation")
    glossary = parse_file(_page(built_site, "glossary")).find("dl", cls="glossary")
    assert glossary is not None
    assert {dt_.text() for dt_ in glossary.find_all("dt")} >= {
        "GDPR",
        "LLM",
        "sovereign",
        "on-premises",
        "AI Endpoints",
    }


def _jsonld(path: Path) -> dict[str, object]:
    scripts = parse_file(path).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data: dict[str, object] = json.loads(scripts[0].text())
    return data


def test_explainer_pages_carry_article_metadata(built_site: Path) -> None:
    for page in ("index", "acquisition", "europe", "investors"):
        dom = parse_file(_page(built_site, page))
        metas = {m.attrs.get("name") or m.attrs.get("property"): m.attrs.get("content") for m in dom.find_all("meta")}
        assert metas["description"], page
        assert metas["og:title"] and metas["og:description"] == metas["description"]
        assert metas["twitter:card"] == "summary"
        assert dom.find("link", rel="canonical") is not None
        data = _jsonld(_page(built_site, page))
        assert data["@type"] == "Article"
        assert data["headline"] and data["datePublished"] == "2026-11-26" and data["dateModified"]
        assert data["publisher"] == {
            "@type": "Organization",
            "name": "OVHcloud × Dragon LLM, explained",
            "url": "http://127.0.0.1:8000/",
        }
        about = {o["name"]: o for o in data["about"]}  # type: ignore[attr-defined]
        assert set(about) == {"OVHcloud", "Dragon LLM", "Mistral AI"}
        assert all(o["sameAs"] for o in about.values())


def test_data_page_carries_a_dataset_with_both_downloads(built_site: Path) -> None:
    data = _jsonld(_page(built_site, "data"))
    assert data["@type"] == "Dataset"
    formats = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}  # type: ignore[attr-defined]
    assert formats == {
        "application/json": "http://127.0.0.1:8000/data/facts.json",
        "text/csv": "http://127.0.0.1:8000/data/facts.csv",
    }
    links = scan_page(_page(built_site, "data")).links
    assert "facts.json" in links and "facts.csv" in links


def test_downloads_match_the_yaml_fact_for_fact(built_site: Path) -> None:
    assert CONTENT is not None
    records = json.loads((built_site / "data/facts.json").read_text(encoding="utf-8"))["facts"]
    rows = list(csv.DictReader(io.StringIO((built_site / "data/facts.csv").read_text(encoding="utf-8"))))
    expected_ids = sorted(CONTENT.facts)
    assert [r["id"] for r in records] == expected_ids == [r["id"] for r in rows]
    for record, row in zip(records, rows, strict=True):
        fact = CONTENT.facts[record["id"]]
        value = fact.value.iso() if hasattr(fact.value, "iso") else fact.value
        assert record["value"] == value and row["value"] == str(value)
        assert record["kind"] == row["kind"] == fact.kind
        assert record["as_of"] == row["as_of"] == fact.as_of.iso()
        assert [s["id"] for s in record["sources"]] == list(fact.sources) == row["source_ids"].split(" | ")
        assert [s["url"] for s in record["sources"]] == [CONTENT.sources[s].url for s in fact.sources]
        assert row["source_titles"].split(" | ") == [CONTENT.sources[s].title for s in fact.sources]
        assert (record["unit"] or "") == row["unit"] == (fact.unit or "")
        assert (record["qualifier"] or "") == row["qualifier"] == (fact.qualifier or "")


def test_each_page_says_how_fresh_its_facts_are(built_site: Path) -> None:
    for page in ("index", "acquisition", "europe", "investors", "timeline", "data"):
        line = parse_file(_page(built_site, page)).find("p", cls="facts-as-of")
        assert line is not None, page
        time = line.find("time")
        assert time is not None and line.text().startswith("Facts as of ")
    acquisition = parse_file(_page(built_site, "acquisition")).find("p", cls="facts-as-of")
    assert acquisition is not None and acquisition.find("time").attrs["datetime"] == "2026-04-12"  # type: ignore[union-attr]


def test_tooltips_and_the_data_page_quote_each_facts_evidence(built_site: Path) -> None:
    """Whatever the content quotes is shown, in quotation marks, wherever the fact is."""
    assert CONTENT is not None
    for page in CONTENT.pages:
        for shown in scan_page(_page(built_site, page.id)).facts:
            fact = CONTENT.facts[shown["id"]]
            if page.generated == "data":
                continue  # the table shows plain values; its excerpts are checked below
            for _, text in fact.evidence:
                assert f"“{text}”" in shown["tip"], (page.id, fact.id)
    dom = parse_file(_page(built_site, "data"))
    for row in dom.find_all("tr"):
        value = row.find("span", cls="fact")
        if value is None:
            continue
        fact = CONTENT.facts[value.attrs["data-fact"]]
        said = [(s.attrs["data-source"], s.text()) for s in row.find_all("span", cls="data-excerpt")]
        assert [s for s, _ in said] == [s for s, _ in fact.evidence]
        assert all(t.startswith(f"“{text}”") for (_, t), (_, text) in zip(said, fact.evidence, strict=True))
