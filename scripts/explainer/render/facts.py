"""Facts in prose: a `[[fact:…]]` reference becomes its value, a tooltip and a citation number.

`Citations` numbers a page's sources in order of first citation; the tooltip says where the value
comes from (in the source's words), how old it is, how sure, and what it was before a change. Charts
in a section are rendered here too, their facts counting as the page's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from explainer.changelog import ChangeLog
from explainer.kinds import format_value
from explainer.language.locale import ORIGINAL, MissingTranslation, format_as_of, note, publisher, typography
from explainer.language.strings import strings
from explainer.load.evidence import excerpt
from explainer.model import Chart, ChartReference, Confidence, Content, Evidence, Fact, Section, Source
from explainer.render.chart_html import chart_figure
from explainer.render.charts import build_chart, chart_facts
from explainer.render.citation import human
from explainer.render.derivation import derivation_text
from explainer.render.html import Marked, escape, fill, quoted, quoted_words, say
from explainer.text import references as refs


@dataclass
class Citations:
    """Numbers sources in order of first citation on one page; counts tooltips."""

    numbers: dict[str, int] = field(default_factory=dict)
    fact_ids: dict[str, None] = field(default_factory=dict)
    tips: int = 0
    changes: ChangeLog = field(default_factory=ChangeLog.unavailable)
    """The content's history, for "was X until DATE"."""
    lang: str = field(kw_only=True)
    """The language of the page (or of the part being rendered: an untranslated section is in the original)."""

    def cite(self, source_ids: Sequence[str], content: Content, note: str = "") -> str:
        """The citation numbers as links, in brackets; `note` (HTML) is added inside the brackets, after them."""
        for s in source_ids:  # new sources get the next numbers, in the order cited
            self.numbers.setdefault(s, len(self.numbers) + 1)
        cited = sorted({(self.numbers[s], s) for s in source_ids})
        words = strings(self.lang)
        links = ", ".join(
            f'<a href="#source-{n}" aria-label="'
            f'{fill(words.source_label, self.lang, number=n, title=content.sources[s].title)}">{n}</a>'
            for n, s in cited
        )
        return f'<sup class="fact-cite">[{links}{note}]</sup>'


def earlier_value(fact: Fact, changes: ChangeLog, lang: str, marked: Marked | None = None) -> str:
    """`Was €1.0 billion until 12 May 2026.` (and why, for a correction) when the value changed, else ``.

    History holds a correction's reason in the original language only: given `marked`, it is kept
    aside there as such on another edition's page."""
    found = changes.previous_value(fact.id)
    if found is None:
        return ""
    change, entry = found
    words = strings(lang)
    old = value_then(change.before, change.old, lang, fact)
    if lang != ORIGINAL and old == value_then(change.after, change.new, lang, fact):
        text = words.reworded_until.format(date=human(entry.date, lang))  # the old wording was never translated
    else:
        text = words.was_until.format(old=old, date=human(entry.date, lang))
    reason = change.correction or entry.correction
    if reason and marked is not None:
        reason = marked.words(reason, ORIGINAL)
    return text + (" " + words.corrected.format(reason=reason) if reason else "")


def value_then(then: Fact | None, as_shown: str, lang: str, now: Fact | None = None) -> str:
    """A past value (`then`, the fact in an older commit) written in `lang`.

    History records the value as the original's pages showed it (`as_shown`). In another language,
    the old fact is formatted again, with its words in that language (or, when the old commit had no
    translation yet, today's words); the original's text when that cannot be done.
    """
    if lang == ORIGINAL or then is None:
        return as_shown
    forms = then.translations.get(lang) or (now.translations.get(lang) if now is not None else None)
    if forms is not None and lang not in then.translations:
        then = replace(then, translations={**then.translations, lang: forms})
    try:
        return format_value(then, lang)
    except MissingTranslation:
        return as_shown


def tooltip_text(
    fact: Fact,
    sources: dict[str, Source],
    lang: str,
    changes: ChangeLog | None = None,
    facts: Mapping[str, Fact] | None = None,
    marked: Marked | None = None,
) -> str:
    """What the tooltip says: where the value comes from, in the source's words, how old it is, how sure.

    A derived fact (given `facts`) says how it was computed and where each input comes from. Given
    `marked`, each source's title and words are kept aside there when in another language than `lang`."""
    words = strings(lang)
    if fact.formula is not None and facts is not None:
        as_of = words.tip_as_of.format(as_of=format_as_of(fact.as_of, lang))
        parts = [derivation_text(fact, facts, sources, lang, marked), as_of[:1].upper() + as_of[1:]]
        fact_note = note(fact, lang)
        return " ".join(parts + ([fact_note] if fact_note else []))

    def own(text: str, source: Source) -> str:
        return marked.words(text, source.language) if marked is not None else text

    cited = [sources[s] for s in fact.sources]
    named = "; ".join(
        words.tip_source_named.format(publisher=publisher(s, lang), title=own(s.title, s))
        + (words.tip_says.format(quote=quoted(own(e, s), lang)) if (e := excerpt(fact.evidence, s.id)) else "")
        for s in cited
    )
    last = cited[-1]  # the last quotation: its excerpt, or else its title
    ends_sentence = (excerpt(fact.evidence, last.id) or last.title).rstrip(' \u00a0”’"»').endswith((".", "!", "?"))
    end = "" if ends_sentence else "."  # a quotation that ends a sentence ends this one
    if len(cited) == 1:
        parts = [words.tip_one_source.format(named=named, end=end)]
    else:
        parts = [words.tip_sources.format(count=len(cited), named=named, end=end)]
    as_of = words.tip_as_of.format(as_of=format_as_of(fact.as_of, lang))
    parts.append(as_of[:1].upper() + as_of[1:])
    if fact.confidence is Confidence.SINGLE_SOURCE:
        parts.append(words.single_source)
    elif fact.confidence is Confidence.DISPUTED:
        parts.append(words.sources_disagree)
    fact_note = note(fact, lang)
    if fact_note:
        parts.append(fact_note)
    if changes is not None and (was := earlier_value(fact, changes, lang, marked)):
        parts.append(was)
    return " ".join(parts)


def render_fact(fact: Fact, content: Content, citations: Citations) -> str:
    """The value as a link to its (first) source, a tooltip it describes itself with, citations."""
    lang = citations.lang
    marked = Marked(lang)
    citations.fact_ids[fact.id] = None
    citations.tips += 1
    tip_id = f"fact-tip-{citations.tips}"
    words = strings(lang)
    # A disputed value is marked inside its citation ("[3, disputed]"), where it reads as a note on the
    # citation in any language, not as a word of the sentence; the tooltip says the sources disagree.
    flag = (
        f'{say(words.list_separator, lang)}<span class="fact-flag" title="{say(words.sources_disagree, lang)}">'
        f"{say(words.disputed_flag, lang)}</span>"
        if fact.confidence is Confidence.DISPUTED
        else ""
    )
    cite = citations.cite(fact.sources, content, flag)
    first = citations.numbers[fact.sources[0]]
    flagged = fact.confidence in (Confidence.SINGLE_SOURCE, Confidence.DISPUTED)
    classes = "fact" + (f" fact--{fact.confidence}" if flagged else "")
    return (
        f'<span class="{classes}" data-fact="{escape(fact.id)}">'
        f'<a class="fact__value" href="#source-{first}" aria-describedby="{tip_id}">'
        f"{escape(format_value(fact, lang))}</a>"
        f'<span class="fact__tip" role="tooltip" id="{tip_id}">'
        f"{marked.html(tooltip_text(fact, content.sources, lang, citations.changes, content.facts, marked))}</span>"
        f"</span>{cite}"
    )


def substitute(
    section: Section, content: Content, show: Callable[[Fact], str], show_chart: Callable[[Chart], str] | None = None
) -> str:
    """The section body with each reference replaced by `show(fact)` (and each chart's by `show_chart(chart)`)."""
    body = section.body
    out: list[str] = []
    pos = 0
    found: list[tuple[int, int, Fact | Chart]] = [
        (r.start, r.end, content.facts[r.fact_id]) for r in section.references
    ]
    if show_chart is not None:
        found += [(c.start, c.end, content.charts[c.chart_id]) for c in section.charts]
        found.sort(key=lambda f: f[0])
    for start, end, item in found:
        out.append(body[pos:start])
        out.append(show(item) if isinstance(item, Fact) else show_chart(item) if show_chart else "")
        pos = end
    out.append(body[pos:])
    return "".join(out)


def in_language(section: Section) -> Section:
    """The section with its language's typography applied to the body (references and charts found again)."""
    body = typography(section.body, section.lang)
    if body == section.body:
        return section
    found = refs.scan(body, first_line=section.body_line)
    charts = tuple(
        ChartReference(f.target, f.start, f.end, f.line, f.col) for f in found if f.prefix == "chart" and not f.escaped
    )
    return replace(section, body=body, references=refs.references(found), charts=charts)


def render_chart(chart: Chart, content: Content, citations: Citations) -> str:
    """A chart with its table, in the citations' language; its facts count as the page's (as-of date, sources,
    rebuilds)."""
    view = build_chart(chart, content, citations.lang)
    citations.fact_ids.update((f, None) for f in chart_facts(chart, content))
    return chart_figure(view, lambda sources: citations.cite(sources, content) if sources else "", citations.lang)


def render_body(section: Section, content: Content, citations: Citations) -> str:
    section = in_language(section)
    text = substitute(
        section,
        content,
        lambda fact: render_fact(fact, content, citations),
        lambda chart: render_chart(chart, content, citations),
    )
    if "\\[[" in text:
        text = text.replace("\\[[", "[[")
    return text.strip("\n")


def excerpts_html(evidence: Evidence, citations: Citations, css: str, sources: Mapping[str, Source]) -> str:
    """Each excerpt in quotation marks, in its source's language, with the number of its source on the page."""
    lang = citations.lang
    words = strings(lang)
    return "".join(
        f' <span class="{css}" data-source="{escape(s)}">{quoted_words(text, sources[s].language, lang)}'
        f' [<a href="#source-{citations.numbers[s]}" '
        f'aria-label="{say(words.source_number.format(number=citations.numbers[s]), lang)}">'
        f"{citations.numbers[s]}</a>]</span>"
        for s, text in evidence
        if s in citations.numbers
    )
