"""The changes log, "Updated on" and "Cite this" of the French edition: French words, French dates,
values formatted in French, and what history holds only in English marked as English.

The content is the French golden case (tests/golden/french-edition.yml) with a changes page, and
one later version of it where a fact's value was corrected; the log is what `history.compare`
makes of the two, as a build reads it from git.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

from explainer import ChangeLog, Content, SiteInfo, load_content, render_site
from explainer.history.history import compare
from explainer.kinds import format_value
from explainer.language.locale import format_date, typography
from explainer.language.strings import strings
from explainer.model import PartialDate
from explainer.render.html import escape
from helpers import load_case, make_tree

ROOT = Path(__file__).parent
CHANGES_PAGE = """
changes:
  title: Changes and corrections
  nav_title: Changes
  generated: changes
  fr:
    title: Modifications et corrections
    nav_title: Modifications
"""
REASON = "The report counts servers in service, not servers bought."
TODAY = dt.date(2026, 11, 26)
FRENCH = strings("fr")
FIRST, SECOND = dt.date(2026, 2, 1), dt.date(2026, 3, 1)


def _load(root: Path, servers: int | None = None) -> Content:
    """The golden French tree, with corp.servers as written there or corrected to `servers`."""
    files = dict(load_case(ROOT / "golden/french-edition.yml")["files"])
    files["content/pages.yml"] += CHANGES_PAGE
    corp = files["content/facts/corp.yml"]
    if servers is not None:
        found = re.search(r"^corp\.servers:\n(?:  .*\n)*?  value: (\d+)$", corp, re.M)
        assert found is not None, "corp.servers has no value line in golden/french-edition.yml"
        written = int(found.group(1))
        corp = corp.replace(f"value: {written}", f"value: {servers}").replace(f"than {written:,}", f"than {servers:,}")
        corp = corp.replace("  qualifier: over\n", f'  qualifier: over\n  correction: "{REASON}"\n', 1)
    files["content/facts/corp.yml"] = corp
    result = load_content(make_tree(root, files), base=root, today=TODAY, languages=["en", "fr"])
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    return result.content


def _site(tmp_path: Path) -> tuple[Content, Content, SiteInfo]:
    before = _load(tmp_path / "before")
    after = _load(tmp_path / "after", 450000)
    first = compare(replace(before, facts={}, sources={}), before, "a" * 40, FIRST)  # nothing before it
    second = compare(before, after, "b" * 40, SECOND)
    log = ChangeLog(True, (first, second), head="b" * 40)
    site = SiteInfo.create("Explicatif", url="https://example.org/fr/", published=FIRST, changes=log)
    return before, after, site


def _fr(text: str) -> str:
    """Words as a French page writes them: French typography, then the renderer's escapes."""
    return escape(typography(text, "fr"))


def test_the_french_log_is_in_french_with_values_formatted_in_french(tmp_path: Path) -> None:
    before, after, site = _site(tmp_path)
    pages = {p.page.id: p for p in render_site(after, site, "fr")}
    log = pages["changes"].markdown
    assert log.startswith("# Modifications et corrections\n")
    assert _fr(FRENCH.changes_intro) in log
    day = format_date(PartialDate.parse(SECOND.isoformat()), "fr")
    label_fr = after.facts["corp.servers"].translations["fr"].label
    assert f"## {_fr(label_fr)} {{ #change-bbbbbbbbbb" in log  # titled by what changed, in French
    assert f'<p class="changes__meta"><time datetime="{SECOND.isoformat()}">{day}</time> · ' in log
    assert f"<strong>{_fr(FRENCH.correction)}</strong>" in log
    old, new = (format_value(c.facts["corp.servers"], "fr") for c in (before, after))
    assert old != format_value(before.facts["corp.servers"], "en")  # the French way, not the English one
    assert f"\u00a0&#58; {old} → {new}" in log  # after the linked label, French spacing before the colon
    assert REASON not in log  # history keeps the reason in English only: the entry links to it
    assert _fr(FRENCH.reason_untranslated) in log and 'href="../../changes/#change-bbbbbbbbbb"' in log
    assert log.count(_fr(FRENCH.reason_untranslated)) == 1  # the reason is given once
    assert "Serveurs" in log and "Servers" not in log  # the fact named by its French label
    assert FRENCH.commit.format(commit="b" * 10) in log
    english = {p.page.id: p for p in render_site(after, site, "en")}["changes"].markdown
    assert english.startswith("# Changes and corrections\n") and "Serveurs" not in english


def test_a_french_page_says_when_it_was_updated_what_the_value_was_and_how_to_cite_it(tmp_path: Path) -> None:
    before, after, site = _site(tmp_path)
    home = next(p for p in render_site(after, site, "fr") if p.page.id == "index")
    day = format_date(PartialDate.parse(SECOND.isoformat()), "fr")
    assert home.updated == SECOND
    assert f'<time datetime="{SECOND.isoformat()}">{day}</time>' in home.markdown
    assert _fr(FRENCH.updated_on.format(date="")).rstrip(".").strip() in home.markdown
    old = format_value(before.facts["corp.servers"], "fr")
    assert _fr(FRENCH.was_until.format(old=old, date=day)) in home.markdown  # in the tooltip
    assert f"## {_fr(FRENCH.cite_title)}" in home.markdown
    assert home.citation is not None
    assert (home.citation.lang, home.citation.title) == ("fr", "Accueil")
    assert home.citation.short().startswith("Explicatif, «\u00a0Accueil\u00a0», mis à jour le ")
