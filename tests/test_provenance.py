"""What a reader sees of provenance, checked on the built site's parsed HTML.

Expectations come from the loaded content (`project_content()`), never from today's values, so an
editor correcting a fact cannot turn these tests red; tests/test_content_independence.py proves it.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from explainer import Content, Fact, Page, PageKind
from explainer.kinds import format_value
from explainer.render.derivation import derivation_text
from explainer.render.glossing import Glossing
from helpers import page_html, project_content, scan_page
from htmldom import Element, parse_file

pytestmark = [pytest.mark.slow, pytest.mark.build]  # checks the one session build: in test-fast too


@pytest.fixture(scope="module")
def content() -> Content:
    return project_content()


def _facts_shown_on(page: Page, content: Content) -> list[Fact]:
    """The facts a page shows, in order: headline figures first, then references in its sections."""
    ids = list(page.figures)
    for section_id in page.sections:
        ids += [r.fact_id for r in content.sections[section_id].references]
    return [content.facts[i] for i in dict.fromkeys(ids)]


def _section_pages(content: Content) -> list[Page]:
    return [p for p in content.pages if not p.generated]


def _generated(content: Content, kind: str) -> Page:
    page = next((p for p in content.pages if p.generated == kind), None)
    if page is None:
        pytest.skip(f"this explainer has no generated {kind} page")
    return page


def test_a_fact_tooltip_names_its_sources_and_as_of_date(built_site: Path, content: Content) -> None:
    checked = 0
    for page in _section_pages(content):
        dom = parse_file(page_html(built_site, page.id))
        for fact in _facts_shown_on(page, content):
            span = dom.find("span", cls="fact", data_fact=fact.id)
            assert span is not None, f"{page.id}: {fact.id} is not shown"
            value = span.find("a", cls="fact__value")  # a link: reachable by keyboard, leads to the source
            assert value is not None and value.attrs["href"].startswith("#source-")
            assert value.text() == format_value(fact, "en")
            tip = dom.find(id=value.attrs["aria-describedby"])  # announced by screen readers
            assert tip is not None and tip.attrs["role"] == "tooltip"
            text = tip.text()
            if fact.formula is not None:  # a derived fact: how it was computed, and each input's sources
                assert text.startswith(derivation_text(fact, content.facts, content.sources, "en")), text
                for given in (content.facts[i] for i in fact.inputs):
                    for s in given.sources:
                        assert f"{content.sources[s].publisher}, “{content.sources[s].title}”" in text
                assert f"As of {fact.as_of.human()}." in text
                checked += 1
                continue
            cited = [content.sources[s] for s in fact.sources]
            assert text.startswith("Source: " if len(cited) == 1 else f"{len(cited)} sources: "), text
            for source in cited:
                assert f"{source.publisher}, “{source.title}”" in text, (fact.id, text)
            assert f"As of {fact.as_of.human()}." in text
            assert ("Single source, not confirmed elsewhere." in text) == (fact.confidence == "single-source")
            assert ("Sources disagree." in text) == (fact.confidence == "disputed")
            if fact.note:
                assert text.endswith(" ".join(fact.note.split())), text
            checked += 1
    assert checked, "no page shows a fact"


def test_a_disputed_fact_is_flagged_where_it_is_shown(built_site: Path, content: Content) -> None:
    for page in _section_pages(content):
        dom = parse_file(page_html(built_site, page.id))
        shown = _facts_shown_on(page, content)
        disputed = [s.attrs["data-fact"] for s in dom.find_all("span", cls="fact--disputed")]
        assert disputed == [f.id for f in shown if f.confidence == "disputed" for _ in dom.find_all(data_fact=f.id)]
        assert len(dom.find_all(cls="fact-flag")) == len(disputed)
        single = {s.attrs["data-fact"] for s in dom.find_all("span", cls="fact--single-source")}
        assert single == {f.id for f in shown if f.confidence == "single-source"}


def test_headline_figures_open_their_page_as_cards_with_citations(built_site: Path, content: Content) -> None:
    with_figures = [p for p in content.pages if p.figures]
    if not with_figures:
        pytest.skip("no page of this explainer has headline figures")
    for page in with_figures:
        cards = parse_file(page_html(built_site, page.id)).find("ul", cls="key-figures")
        assert cards is not None, page.id
        items = cards.find_all("li", cls="key-figure")
        values = [li.find(cls="fact__value").text() for li in items]  # type: ignore[union-attr]
        assert values == [format_value(content.facts[f], "en") for f in page.figures]
        labels = [li.find(cls="key-figure__label").text() for li in items]  # type: ignore[union-attr]
        assert labels == [content.facts[f].label for f in page.figures]
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


def test_timeline_is_an_ordered_list_of_dated_entries_with_sources(built_site: Path, content: Content) -> None:
    page = _generated(content, "timeline")
    dom = parse_file(page_html(built_site, page.id))
    ol = dom.find("ol", cls="timeline")
    assert ol is not None
    entries = _entries(ol)
    assert entries == [(e.date.iso(), e.date.human()) for e in content.timeline]
    assert [d for d, _ in entries] == sorted(d for d, _ in entries)
    ids = {e.attrs["id"] for e in dom.iter() if "id" in e.attrs}
    for li in ol.find_all("li"):
        links = [a.attrs["href"] for a in li.find_all("a")]
        assert links and all(h[1:] in ids for h in links), li.text()


def test_key_dates_strips_show_the_chosen_timeline_entries(built_site: Path, content: Content) -> None:
    with_dates = [p for p in content.pages if p.key_dates]
    if not with_dates:
        pytest.skip("no page of this explainer has key dates")
    for page in with_dates:
        strip = parse_file(page_html(built_site, page.id)).find("nav", cls="key-dates")
        assert strip is not None and strip.attrs["aria-label"] == "Key dates"
        ol = strip.find("ol")
        assert ol is not None
        chosen = [e for e in content.timeline if e.id in page.key_dates]
        assert _entries(ol) == [(e.date.iso(), e.date.human()) for e in chosen]


def test_glossary_terms_are_explained_where_they_appear(built_site: Path, content: Content) -> None:
    page = _generated(content, "glossary")
    glossary = parse_file(page_html(built_site, page.id)).find("dl", cls="glossary")
    assert glossary is not None
    terms = sorted(content.glossary.values(), key=lambda t: t.term.lower())
    assert [d.text() for d in glossary.find_all("dt")] == [t.term for t in terms]
    names = [o.name for o in content.organisations.values()]
    for p in _section_pages(content):
        abbrs = parse_file(page_html(built_site, p.id)).find_all("abbr")
        for term in terms:
            spellings = (term.term, *term.aliases)
            found = [a for a in abbrs if a.text() in spellings]
            assert all(a.attrs["title"] == " ".join(term.definition.split()) for a in found), term.id
            assert len(found) <= 1, f"{p.id}: '{term.term}' is explained {len(found)} times, not once"
            # used in running prose (not only in a heading, a quotation or a name): explained on the page
            glossing = Glossing([term], "en", names)
            if any(glossing.apply(content.sections[s].body) != content.sections[s].body for s in p.sections):
                assert found, f"{p.id}: '{term.term}' appears in the prose but is not explained"


def _jsonld(path: Path) -> dict[str, object]:
    scripts = parse_file(path).find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data: dict[str, object] = json.loads(scripts[0].text())
    return data


def test_explainer_pages_carry_article_metadata(built_site: Path, content: Content) -> None:
    for page in _section_pages(content):
        dom = parse_file(page_html(built_site, page.id))
        metas = {m.attrs.get("name") or m.attrs.get("property"): m.attrs.get("content") for m in dom.find_all("meta")}
        assert metas["description"], page.id
        if page.description:
            assert metas["description"] == " ".join(page.description.split())
        assert metas["og:title"] and metas["og:description"] == metas["description"]
        # A share image per page, at an absolute address under site_url, made at build time.
        image = f"http://127.0.0.1:8000/assets/share/{page.id}.png"
        assert metas["twitter:card"] == "summary_large_image"
        assert metas["og:image"] == metas["twitter:image"] == image
        png = built_site / "assets" / "share" / f"{page.id}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.read_bytes()[16:24] == (1200).to_bytes(4, "big") + (630).to_bytes(4, "big")
        assert dom.find("link", rel="canonical") is not None
        data = _jsonld(page_html(built_site, page.id))
        assert data["@type"] == "Article"
        assert data["headline"] and data["datePublished"] and data["dateModified"]
        publisher = data["publisher"]
        assert isinstance(publisher, dict) and publisher["@type"] == "Organization" and publisher["name"]
        assert publisher["url"] == "http://127.0.0.1:8000/"
        about = {o["name"]: o for o in data.get("about", [])}  # type: ignore[attr-defined]
        assert set(about) == {o.name for o in content.organisations.values()}
        for org in content.organisations.values():
            assert about[org.name]["url"] == org.url
            assert about[org.name].get("sameAs", []) == list(org.same_as)


def test_data_page_carries_a_dataset_with_its_downloads(built_site: Path, content: Content) -> None:
    page = _generated(content, "data")
    data = _jsonld(page_html(built_site, page.id))
    assert data["@type"] == "Dataset"
    formats = {d["encodingFormat"]: d["contentUrl"] for d in data["distribution"]}  # type: ignore[attr-defined]
    assert formats == {
        "application/json": f"http://127.0.0.1:8000/{page.id}/facts.json",
        "text/csv": f"http://127.0.0.1:8000/{page.id}/facts.csv",
        "https://specs.frictionlessdata.io/data-package/": f"http://127.0.0.1:8000/{page.id}/datapackage.json",
    }
    links = scan_page(page_html(built_site, page.id)).links
    assert "facts.json" in links and "facts.csv" in links and "datapackage.json" in links


def test_downloads_match_the_yaml_fact_for_fact(built_site: Path, content: Content) -> None:
    page = _generated(content, "data")
    records = json.loads((built_site / page.id / "facts.json").read_text(encoding="utf-8"))["facts"]
    rows = list(csv.DictReader(io.StringIO((built_site / page.id / "facts.csv").read_text(encoding="utf-8"))))
    expected_ids = sorted(content.facts)
    assert [r["id"] for r in records] == expected_ids == [r["id"] for r in rows]
    for record, row in zip(records, rows, strict=True):
        fact = content.facts[record["id"]]
        value = fact.value.iso() if hasattr(fact.value, "iso") else fact.value
        assert record["value"] == value and row["value"] == str(value)
        assert record["kind"] == row["kind"] == fact.kind
        assert record["as_of"] == row["as_of"] == fact.as_of.iso()
        assert [s["id"] for s in record["sources"]] == list(fact.sources) == row["source_ids"].split(" | ")
        assert [s["url"] for s in record["sources"]] == [content.sources[s].url for s in fact.sources]
        assert row["source_titles"].split(" | ") == [content.sources[s].title for s in fact.sources]
        assert (record["unit"] or "") == row["unit"] == (fact.unit or "")
        assert (record["qualifier"] or "") == row["qualifier"] == (fact.qualifier or "")


def test_downloads_carry_each_facts_words_in_every_language(built_site: Path, content: Content) -> None:
    """Labels, displayed values and notes in each language besides the original, from the loaded content."""
    from explainer.kinds import format_value as display
    from explainer.language.locale import label, note

    page = _generated(content, "data")
    records = json.loads((built_site / page.id / "facts.json").read_text(encoding="utf-8"))["facts"]
    rows = list(csv.DictReader(io.StringIO((built_site / page.id / "facts.csv").read_text(encoding="utf-8"))))
    for record, row in zip(records, rows, strict=True):
        fact = content.facts[record["id"]]
        assert set(record["translations"]) == set(content.languages[1:])
        for lang in content.languages[1:]:
            words = record["translations"][lang]
            assert words["label"] == row[f"label_{lang}"] == label(fact, lang)
            assert words["display"] == row[f"display_{lang}"] == display(fact, lang)
            assert (words["note"] or "") == row[f"note_{lang}"] == (note(fact, lang) or "")
            if lang != content.languages[0] and fact.kind == "text":
                assert words["display"] == fact.translations[lang].value


def test_each_page_says_how_fresh_its_facts_are(built_site: Path, content: Content) -> None:
    for page in _section_pages(content):
        shown = _facts_shown_on(page, content)
        timeline_facts = [content.facts[e.fact] for e in content.timeline if e.id in page.key_dates and e.fact]
        newest = max((f.as_of for f in shown + timeline_facts), key=lambda d: d.latest())
        line = parse_file(page_html(built_site, page.id)).find("p", cls="facts-as-of")
        assert line is not None, page.id
        time = line.find("time")
        assert time is not None and line.text() == f"Facts as of {newest.human()}."
        assert time.attrs["datetime"] == newest.iso()


def test_tooltips_and_the_data_page_quote_each_facts_evidence(built_site: Path, content: Content) -> None:
    """Whatever the content quotes is shown, in quotation marks, wherever the fact is."""
    for page in content.pages:
        for shown in scan_page(page_html(built_site, page.id)).facts:
            fact = content.facts[shown["id"]]
            if page.generated == "data":
                continue  # the table shows plain values; its excerpts are checked below
            for _, text in fact.evidence:
                assert f"“{text}”" in shown["tip"], (page.id, fact.id)
    data = next(p for p in content.pages if p.generated is PageKind.DATA)
    dom = parse_file(page_html(built_site, data.id))
    for row in dom.find_all("tr"):
        value = row.find("span", cls="fact")
        if value is None:
            continue
        fact = content.facts[value.attrs["data-fact"]]
        said = [(s.attrs["data-source"], s.text()) for s in row.find_all("span", cls="data-excerpt")]
        assert [s for s, _ in said] == [s for s, _ in fact.evidence]
        assert all(t.startswith(f"“{text}”") for (_, t), (_, text) in zip(said, fact.evidence, strict=True))
