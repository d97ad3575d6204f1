"""One fact edited in YAML changes every page that uses it, and nothing else."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from explainer import load_content, render_site
from helpers import ROOT


def _render(content_dir: Path) -> dict[str, str]:
    result = load_content(content_dir, today=dt.date(2026, 11, 26))
    assert result.content is not None, result.diagnostics
    return {p.page.id: p.markdown for p in render_site(result.content)}


def test_changing_a_fact_changes_it_everywhere_and_nowhere_else(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    before = _render(content)

    facts = content / "facts/ovhcloud.yml"
    facts.write_text(facts.read_text().replace("value: 46\n", "value: 47\n"), encoding="utf-8")
    after = _render(content)

    old, new = ">46 data centres<", ">47 data centres<"
    users = {page for page, text in before.items() if 'data-fact="ovhcloud.datacentres"' in text}
    assert users == {"index", "europe", "data"}
    for page in before:
        if page in users:
            assert old in before[page] and old not in after[page]
            assert after[page] == before[page].replace(old, new)
        else:
            assert after[page] == before[page]
