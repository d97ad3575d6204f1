"""The site's editions: one per language, the original at the root, each other at the same paths
under /<lang>/. Unit examples of `explainer.web.editions`, then the real build of the project
(its languages from mkdocs.yml, its pages from its content), checked page by page."""

from __future__ import annotations

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from explainer import Content
from explainer.web.editions import Edition, SwitchLink, alternates, merge_sitemaps, plan, relative, switch_links
from helpers import copy_project, page_html, project_content, run_mkdocs, scan_page

SITE = "https://example.org/explainer/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


# --- examples ------------------------------------------------------------------------------------------------


def test_the_original_is_at_the_root_and_the_others_under_their_code() -> None:
    en, fr = plan(["en", "fr"], SITE)
    assert (en.prefix, en.url, en.original) == ("", SITE, True)
    assert (fr.prefix, fr.url, fr.original) == ("fr/", SITE + "fr/", False)
    assert plan(["fr", "en"], "https://example.org")[1].url == "https://example.org/en/"


def test_names_and_open_graph_locales() -> None:
    en, fr, de = plan(["en", "fr", "de"], SITE)
    assert [e.name for e in (en, fr, de)] == ["English", "Français", "Deutsch"]
    assert [e.og_locale for e in (en, fr, de)] == ["en_GB", "fr_FR", "de_DE"]


@pytest.mark.parametrize(
    ("languages", "message"),
    [
        ([], "lists no language"),
        (["en", "en"], "'en' is listed twice"),
        (["en", "FR"], "'FR' is not a language code"),
        (["en", "fr_FR"], "'fr_FR' is not a language code"),
        (["en", 7], "7 is not a language code"),
        (["en", "qq"], "unknown language code 'qq'"),
    ],
)
def test_bad_language_lists_are_refused_with_the_reason(languages: list[object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        plan(languages, SITE)


def test_alternates_name_every_edition_then_x_default() -> None:
    editions = plan(["en", "fr"], SITE)
    assert [(a.hreflang, a.href) for a in alternates("about/", editions)] == [
        ("en", SITE + "about/"),
        ("fr", SITE + "fr/about/"),
        ("x-default", SITE + "about/"),
    ]
    assert [a.href for a in alternates("", editions)] == [SITE, SITE + "fr/", SITE]
    assert alternates("about/", plan(["en"], SITE)) == []


@pytest.mark.parametrize(
    ("start", "target", "link"),
    [
        ("fr/about/", "about/", "../../about/"),
        ("about/", "fr/about/", "../fr/about/"),
        ("fr/", "", "../"),
        ("", "fr/", "fr/"),
        ("", "", "./"),
        ("fr/about/", "fr/about/", "./"),
        ("fr/data/facts.json", "data/facts.json", "../../data/facts.json"),
    ],
)
def test_relative_links(start: str, target: str, link: str) -> None:
    assert relative(start, target) == link


def test_the_switcher_links_the_same_page_in_every_edition() -> None:
    en, fr = plan(["en", "fr"], SITE)
    assert switch_links("about/", fr, (en, fr)) == [
        _link("en", "English", "../../about/", False),
        _link("fr", "Français", "./", True),
    ]
    assert [s.href for s in switch_links("", en, (en, fr))] == ["./", "fr/"]


def _link(lang: str, name: str, href: str, current: bool) -> SwitchLink:
    return SwitchLink(lang, name, href, current)


def test_merged_sitemaps_keep_the_first_and_add_the_others_entries() -> None:
    first = '<?xml version="1.0"?>\n<urlset>\n    <url><loc>a</loc></url>\n</urlset>\n'
    other = "<urlset><url><loc>b</loc><x/></url>\n<url>\n<loc>c</loc></url></urlset>"
    merged = merge_sitemaps(first, other)
    assert [loc.text for loc in ET.fromstring(merged.split("\n", 1)[1]).iter("loc")] == ["a", "b", "c"]
    assert merged.startswith('<?xml version="1.0"?>\n<urlset>') and merged.endswith("</urlset>\n")


# --- the real build -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def editions(built_site: Path) -> tuple[Edition, ...]:
    """The project's editions (its languages as loaded), at the address the test build used."""
    home = scan_page(built_site / "index.html").dom
    canonical = next(e.attrs["href"] for e in home.find_all("link") if e.attrs.get("rel") == "canonical")
    return plan(project_content().languages, canonical)


@pytest.fixture(scope="module")
def content() -> Content:
    return project_content()


def _url(page_id: str) -> str:
    return "" if page_id == "index" else f"{page_id}/"


def _head(path: Path) -> tuple[str, dict[str, str], dict[str, list[str]]]:
    """A page's <html lang>, its hreflang alternates and its og:locale metas."""
    dom = scan_page(path).dom
    html = next(e for e in dom.iter() if e.tag == "html")
    links = {e.attrs["hreflang"]: e.attrs["href"] for e in dom.find_all("link") if e.attrs.get("hreflang")}
    metas: dict[str, list[str]] = {}
    for meta in dom.find_all("meta"):
        if meta.attrs.get("property", "").startswith("og:locale"):
            metas.setdefault(meta.attrs["property"], []).append(meta.attrs["content"])
    return html.attrs["lang"], links, metas


@pytest.mark.build
def test_every_page_exists_in_every_edition_with_its_404(
    built_site: Path, editions: tuple[Edition, ...], content: Content
) -> None:
    for edition in editions:
        for page in content.pages:
            assert page_html(built_site / edition.prefix, page.id).is_file(), (edition.lang, page.id)
        assert (built_site / edition.prefix / "404.html").is_file()
        assert _head(built_site / edition.prefix / "404.html")[0] == edition.lang


@pytest.mark.build
def test_alternates_are_reciprocal_and_the_language_is_right(
    built_site: Path, editions: tuple[Edition, ...], content: Content
) -> None:
    expected_locales = [e.og_locale for e in editions]
    for page in content.pages:
        heads = {e.lang: _head(page_html(built_site / e.prefix, page.id)) for e in editions}
        wanted = {e.lang: e.url + _url(page.id) for e in editions}
        if len(editions) > 1:
            wanted["x-default"] = editions[0].url + _url(page.id)
        for edition in editions:
            lang, links, metas = heads[edition.lang]
            assert lang == edition.lang, (edition.lang, page.id)
            assert links == (wanted if len(editions) > 1 else {}), (edition.lang, page.id)
            assert metas["og:locale"] == [edition.og_locale]
            assert metas.get("og:locale:alternate", []) == [x for x in expected_locales if x != edition.og_locale]


@pytest.mark.build
def test_the_switcher_leads_to_the_same_page_in_the_other_language(
    built_site: Path, editions: tuple[Edition, ...], content: Content
) -> None:
    if len(editions) < 2:
        pytest.skip("one language: no switcher")
    for page in content.pages:
        for edition in editions:
            dom = scan_page(page_html(built_site / edition.prefix, page.id)).dom
            links = {a.attrs["hreflang"]: a.attrs["href"] for a in dom.find_all("a", cls="md-select__link")}
            assert set(links) == {e.lang for e in editions}
            for other in editions:
                here = (built_site / edition.prefix / _url(page.id)).resolve()
                assert (here / links[other.lang]).resolve() == (built_site / other.prefix / _url(page.id)).resolve()


@pytest.mark.build
def test_json_ld_names_the_page_language(built_site: Path, editions: tuple[Edition, ...], content: Content) -> None:
    found = 0
    for edition in editions:
        for page in content.pages:
            for script in scan_page(page_html(built_site / edition.prefix, page.id)).dom.find_all("script"):
                if script.attrs.get("type") == "application/ld+json":
                    assert json.loads(script.text())["inLanguage"] == edition.lang
                    found += 1
    assert found >= len(editions)


@pytest.mark.build
def test_one_sitemap_lists_every_page_of_every_edition_with_the_same_alternates(
    built_site: Path, editions: tuple[Edition, ...], content: Content
) -> None:
    text = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert gzip.decompress((built_site / "sitemap.xml.gz").read_bytes()).decode("utf-8") == text
    entries = {
        (url.findtext("s:loc", namespaces=NS) or ""): {
            link.attrib["hreflang"]: link.attrib["href"] for link in url.iterfind("x:link", NS)
        }
        for url in ET.fromstring(text.encode("utf-8")).iterfind("s:url", NS)
    }
    assert set(entries) == {e.url + _url(p.id) for e in editions for p in content.pages}
    for edition in editions:
        for page in content.pages:
            _, links, _ = _head(page_html(built_site / edition.prefix, page.id))
            assert entries[edition.url + _url(page.id)] == links


@pytest.mark.build
def test_each_edition_searches_its_own_pages_with_its_own_stemmer(
    built_site: Path, editions: tuple[Edition, ...], content: Content
) -> None:
    for edition in editions:
        index = json.loads((built_site / edition.prefix / "search/search_index.json").read_text(encoding="utf-8"))
        assert index["config"]["lang"] == [edition.lang]
        pages = {doc["location"].split("#")[0] for doc in index["docs"]}
        assert pages == {_url(p.id) for p in content.pages}  # relative to the edition: nothing of the other
        if not edition.original:
            stemmer = built_site / edition.prefix / f"assets/javascripts/lunr/min/lunr.{edition.lang}.min.js"
            assert stemmer.is_file()


@pytest.mark.build
def test_material_no_longer_looks_for_a_sitemap_beside_each_translation(built_site: Path) -> None:
    for bundle in built_site.rglob("assets/javascripts/bundle.*.min.js"):
        assert '"link[rel=alternate]:not([hreflang])"' in bundle.read_text(encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("languages: [en, fr]", "languages: [en, qq]"), "unknown language 'qq'"),
        (
            ("      fr:\n        site_name:", "      fr:\n        site_nom:"),
            "unknown setting 'site_nom' in plugins.explainer.fr",
        ),
        (("  language: en\n", "  language: fr\n"), "theme.language is 'fr'"),
        (("  - explainer:\n", "  - explainer:\n      share_images: nope\n"), "share_images must be true or false"),
    ],
    ids=["unknown-language", "untranslated-site-name", "theme-language", "bad-setting"],
)
def test_a_bad_setting_stops_the_build_with_its_place_and_reason(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    project = copy_project(tmp_path)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    if change[0] not in config:
        pytest.skip(f"mkdocs.yml has no {change[0]!r} to change")
    (project / "mkdocs.yml").write_text(config.replace(change[0], change[1], 1), encoding="utf-8")
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(project / "site"))
    assert result.returncode == 1
    assert re.search(rf"mkdocs\.yml:\d+:\d+: error: .*{re.escape(message)}", result.stderr), result.stderr
    assert "Traceback" not in result.stderr
    assert not (project / "site").exists()
