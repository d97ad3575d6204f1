"""Evidence against value: each excerpt of a fact gives the value it is quoted for.

A fact's excerpts are the source's own words that support its value (`load.evidence`). When the
value is corrected and the excerpt is not, the tooltip quotes a source that contradicts the page,
so for the kinds whose value a source writes in figures (count, number, money, percent, date:
`Kind.quoted_value`) each excerpt must contain the value in a spelling sources use
(`Kind.supported_by`, `language.spelled`), read in the source's `language:`. One that does not is
a warning at the excerpt, naming the fact, the value as readers see it and the excerpt.

A source may give a value in words (`first-ever acquisition` for a count of 1, `last November`
for a date): `evidence_in_words: {source-id: "reason"}` accepts that excerpt, and the fact diff
shows the field to reviewers. An acceptance the excerpt no longer needs is a warning too, so none
outlives the words it excused.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from explainer import kinds
from explainer.diagnostics import Diagnostic, did_you_mean, error, warning
from explainer.language.locale import ORIGINAL
from explainer.load.fields import Invalid, Text
from explainer.load.yamlsrc import YNode, YScalar
from explainer.model import Evidence, Fact

MAX_REASON = 300
"""The longest reason an acceptance may give."""


def check_values(
    fact: Fact,
    excerpts: Sequence[tuple[YScalar, YNode]],
    accepted: Sequence[tuple[YScalar, YNode]],
    languages: Mapping[str, str | None],
    path: str,
) -> tuple[Evidence, list[Diagnostic]]:
    """The fact's accepted excerpts (source id, reason) and the problems with its excerpts' values.

    `excerpts` and `accepted` are the `evidence:` and `evidence_in_words:` entries as written (for
    their positions); `languages` gives each source's `language:` (None when it has none).
    """
    kind = kinds.of(fact.kind)
    what = f"fact '{fact.id}'"
    quoted = dict(fact.evidence)
    out: list[Diagnostic] = []
    reasons: dict[str, tuple[str, YScalar]] = {}
    for key, node in accepted:
        source_id = str(key.value)
        m = key.mark
        if not kind.quoted_value:
            message = f"evidence_in_words: a {kind} fact's excerpts are not compared with its value; remove it"
            out.append(error(path, m.line, m.col, message))
            continue
        if source_id not in quoted:
            hint = did_you_mean(source_id, quoted)
            listed = ", ".join(f"'{s}'" for s in quoted) or "none"
            message = (
                f"evidence_in_words for '{source_id}' in {what}, which quotes no excerpt of it "
                f"(its excerpts: {listed}){hint}"
            )
            out.append(error(path, m.line, m.col, message))
            continue
        try:
            reasons[source_id] = (Text(max_length=MAX_REASON).convert(node), key)
        except Invalid as exc:
            message = f"evidence_in_words of '{source_id}' in {what}: {exc} (say why the excerpt gives the value)"
            out.append(error(path, node.mark.line, node.mark.col, message))
    if not kind.quoted_value:
        return (), out
    nodes = {str(k.value): node for k, node in excerpts}
    shown = None
    for source_id, text in fact.evidence:
        supported = kind.supported_by(text, fact, languages.get(source_id))
        if supported == (source_id in reasons):
            shown = shown or kinds.format_value(fact, ORIGINAL)
            if supported:
                m = reasons[source_id][1].mark
                message = f"excerpt of '{source_id}' in {what} gives its value {shown}: remove its evidence_in_words"
            else:
                m = nodes[source_id].mark
                message = (
                    f"excerpt of '{source_id}' in {what} does not give its value {shown}: “{text}” (correct the "
                    "value or quote the words that give it; if the source says it in words, accept it under "
                    f"'evidence_in_words:' with the reason)"
                )
            out.append(warning(path, m.line, m.col, message))
    return tuple((s, reasons[s][0]) for s in quoted if s in reasons), out
