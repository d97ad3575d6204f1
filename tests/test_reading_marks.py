"""Marks that must read right in every language: a disputed value, a date that opens an entry."""

from __future__ import annotations

import re
from dataclasses import replace

from explainer.language.strings import strings
from explainer.model import Confidence, PartialDate
from explainer.render.facts import Citations, render_fact
from explainer.render.html import say, time_tag
from helpers import project_content


def test_a_disputed_value_is_marked_inside_its_citation_not_in_the_sentence() -> None:
    content = project_content()
    fact = replace(next(iter(content.facts.values())), confidence=Confidence.DISPUTED)
    for lang in content.languages:
        words = strings(lang)
        html = render_fact(fact, content, Citations(lang=lang))
        cite = re.search(r'</span></span><sup class="fact-cite">\[(.*)\]</sup>$', html)
        assert cite is not None, html  # the value, its tooltip, then its citation: nothing after it
        flag = f'<span class="fact-flag" title="{say(words.sources_disagree, lang)}">{say(words.disputed_flag, lang)}'
        assert cite.group(1).endswith(flag + "</span>")


def test_a_date_that_opens_an_entry_starts_with_a_capital() -> None:
    april = PartialDate.parse("2025-04")
    assert time_tag(april, "fr", opens=True) == '<time datetime="2025-04">Avril 2025</time>'
    assert time_tag(april, "fr") == '<time datetime="2025-04">avril 2025</time>'  # inside a sentence
    assert time_tag(april, "en", opens=True) == time_tag(april, "en")  # English months already are
