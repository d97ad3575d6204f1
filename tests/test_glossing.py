"""A glossary term is explained at its first use on a page, in running text, and is plain after that."""

from __future__ import annotations

import re

from explainer.model import GlossaryTerm, Origin, TermForms
from explainer.render.glossing import Glossing

LLM = GlossaryTerm(
    id="llm",
    term="LLM",
    definition="Large language model.",
    origin=Origin("content/glossary.yml"),
    aliases=("large language models",),
    translations={"fr": TermForms("LLM", "Grand modèle de langage.", ("grands modèles de langage",))},
)
SOVEREIGN = GlossaryTerm(
    id="sovereign",
    term="sovereign",
    definition="Run in Europe, under European law.",
    origin=Origin("content/glossary.yml"),
    translations={"fr": TermForms("souverain", "Exploité en Europe, sous droit européen.")},
)


def explained(html: str) -> list[str]:
    return re.findall(r"<abbr title=\"[^\"]*\">([^<]*)</abbr>", html)


def gloss(*parts: str, lang: str = "en", names: tuple[str, ...] = ("Dragon LLM",)) -> list[str]:
    glossing = Glossing([LLM, SOVEREIGN], lang, names)
    return [glossing.apply(p) for p in parts]


def test_a_term_is_explained_at_its_first_use_only() -> None:
    (out,) = gloss("An LLM writes text. Another LLM reads it.")
    assert out == 'An <abbr title="Large language model.">LLM</abbr> writes text. Another LLM reads it.'


def test_once_per_page_across_its_parts_and_spellings() -> None:
    first, second = gloss("Companies train large language models.", "An LLM is one of them; a sovereign one.")
    assert explained(first) == ["large language models"]
    assert explained(second) == ["sovereign"]


def test_not_in_headings_but_at_the_first_use_after() -> None:
    (out,) = gloss("## Why an LLM\n\nAn LLM needs chips.")
    assert out.startswith("## Why an LLM\n")
    assert explained(out) == ["LLM"]


def test_never_inside_an_organisation_name() -> None:
    (out,) = gloss("Dragon LLM builds models. Its LLM is small.")
    assert out.startswith("Dragon LLM builds")
    assert explained(out) == ["LLM"]


def test_never_inside_a_name_made_of_capitalised_words() -> None:
    (out,) = gloss("The Paris LLM Summit met. Under LLM rules, a model is an LLM.")
    assert "Paris LLM Summit" in out
    assert out.count("<abbr") == 1
    assert "Under <abbr" in out  # the first word of a sentence is not part of a name


def test_a_lowercase_term_next_to_a_name_is_still_explained() -> None:
    (out,) = gloss("A sovereign European provider.")
    assert explained(out) == ["sovereign"]


def test_never_in_quotations_or_source_titles_in_tooltips() -> None:
    tooltip = '<span class="fact__tip" role="tooltip">Source: “Why every LLM matters”.</span>'
    (out,) = gloss(f'It said “an LLM is cheap” and "LLM" {tooltip}; « LLM ». Then an LLM.')
    assert out.count("<abbr") == 1
    assert out.endswith('Then an <abbr title="Large language model.">LLM</abbr>.')


def test_never_in_code_links_written_as_html_or_attributes() -> None:
    (out,) = gloss('`LLM` <a href="#s" aria-label="LLM">an LLM</a> [see](llm.md "LLM") an LLM')
    assert out.count("<abbr") == 1
    assert out.endswith('an <abbr title="Large language model.">LLM</abbr>')


def test_in_another_language_with_its_own_words() -> None:
    (out,) = gloss("Des grands modèles de langage souverains ; un LLM souverain.", lang="fr")
    assert explained(out) == ["grands modèles de langage", "souverain"]
    assert 'title="Exploité en Europe, sous droit européen."' in out
