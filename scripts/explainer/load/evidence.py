"""Evidence: for each source an entry cites, the source's own words that support it.

A fact (or a timeline entry or glossary term with its own `sources:`) may
carry `evidence:`, a mapping from each cited source id to a short verbatim
excerpt. The page shows the excerpt in quotation marks beside the citation,
the way Wikipedia's `quote=` does, and the downloads include it.

Checked here, each at its own line and column:

- an excerpt for a source the entry does not cite (error, with "did you mean");
- an empty excerpt, or one that is not text (error);
- an excerpt longer than about 30 words (warning: quote, don't copy);
- an excerpt wrapped in quotation marks (warning: the page adds them);
- a cited source without an excerpt (warning at the `sources:` item, unless
  the site turned `require_evidence` off).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from explainer.diagnostics import Diagnostic, did_you_mean, error, has_errors, warning
from explainer.load.fields import Invalid, Text
from explainer.load.yamlsrc import YNode, YScalar
from explainer.model import Evidence

MAX_WORDS = 30
"""Above this many words an excerpt is a copy, not a quotation."""
MAX_CHARS = 1000
"""Hard limit, as for other text fields."""
ELLIPSIS = "…"

_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_WRAPPED = re.compile(r"""^\s*(["“«]).*(["”»])\s*$""", re.S)
_PAIRS = {'"': '"', "“": "”", "«": "»"}


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def excerpt(evidence: Evidence, source_id: str) -> str | None:
    """The excerpt for `source_id`, if the entry has one."""
    return next((text for s, text in evidence if s == source_id), None)


def check_evidence(
    entries: Iterable[tuple[YScalar, YNode]],
    cited: Sequence[tuple[str, YScalar]],
    path: str,
    what: str,
    require: bool = True,
    known: Collection[str] | None = None,
) -> tuple[Evidence, list[Diagnostic]]:
    """Validate an entry's `evidence:` against its `sources:`; `what` names it ("fact 'x'").

    `require` warns for a cited source without an excerpt, except for sources
    not among `known` (already an error). Returns the excerpts in the order
    the sources are cited, and the problems.
    """
    entries = list(entries)
    cited_ids = [s for s, _ in cited]
    found: dict[str, str] = {}
    out: list[Diagnostic] = []
    for key, node in entries:
        source_id = str(key.value)
        if source_id not in cited_ids:
            hint = did_you_mean(source_id, cited_ids)
            listed = ", ".join(f"'{s}'" for s in cited_ids) or "none"
            message = f"evidence for '{source_id}' in {what}, which does not cite it (its sources: {listed}){hint}"
            out.append(error(path, key.mark.line, key.mark.col, message))
            continue
        text = _text(node, source_id, path, what, out)
        if text is None:
            continue
        found[source_id] = text
        mark = node.mark
        words = word_count(text)
        if words > MAX_WORDS:
            message = (
                f"excerpt of '{source_id}' in {what} is {words} words long; quote at most about {MAX_WORDS} "
                f"(shorten it with '{ELLIPSIS}')"
            )
            out.append(warning(path, mark.line, mark.col, message))
        wrapped = _WRAPPED.match(text)
        if wrapped and _PAIRS.get(wrapped.group(1)) == wrapped.group(2):
            message = (
                f"excerpt of '{source_id}' in {what} is wrapped in quotation marks; "
                "write the source's words only, the page adds the marks"
            )
            out.append(warning(path, mark.line, mark.col, message))
    if require and not has_errors(out):  # a mistyped key is reported once, not also as a missing excerpt
        for source_id, scalar in cited:
            if known is not None and source_id not in known:
                continue
            if source_id not in found and not any(str(k.value) == source_id for k, _ in entries):
                message = (
                    f"{what} cites '{source_id}' without an excerpt: add the source's own words "
                    f"under 'evidence:' ({source_id}: \"...\")"
                )
                out.append(warning(path, scalar.mark.line, scalar.mark.col, message))
    ordered = tuple((s, found[s]) for s in dict.fromkeys(cited_ids) if s in found)
    return ordered, out


def _text(node: YNode, source_id: str, path: str, what: str, out: list[Diagnostic]) -> str | None:
    m = node.mark
    if isinstance(node, YScalar) and (node.value is None or (isinstance(node.value, str) and not node.value.strip())):
        message = f"excerpt of '{source_id}' in {what} is empty: quote the words of the source that support it"
        out.append(error(path, m.line, m.col, message))
        return None
    try:
        text = Text(max_length=MAX_CHARS, single_line=False).convert(node)
    except Invalid as exc:
        out.append(error(path, m.line, m.col, f"excerpt of '{source_id}' in {what}: {exc}"))
        return None
    return " ".join(text.split())
