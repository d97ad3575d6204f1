"""JSON-LD that content cannot break out of, and the freshness flag for scheduled CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.cli import main
from explainer.web import script_json
from helpers import copy_project, drop_field, make_tree, page_html, project_content, run_mkdocs, set_field
from htmldom import parse_file

HOSTILE = "</script><script>alert(1)</script> & <!--"


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"headline": HOSTILE})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"headline": HOSTILE}


@pytest.mark.slow
def test_a_hostile_value_stays_inside_the_json_ld(tmp_path: Path) -> None:
    """Page descriptions may not hold markup at all (the validator refuses it); a fact
    value may, and a page without a description takes its lead paragraph, facts
    written out, as the description that JSON-LD and meta tags carry."""
    content = project_content()
    # A page whose lead paragraph (an untitled first section, up to its first blank line) cites a text fact.
    leads = [(page, content.sections[page.sections[0]]) for page in content.pages if page.sections]
    found = [
        (page, content.facts[ref.fact_id])
        for page, lead in leads
        if not lead.title
        for ref in lead.references
        if content.facts[ref.fact_id].kind == "text" and "\n\n" not in lead.body[: ref.start] and ref.start < 100
    ]
    if not found:
        pytest.skip("no page's lead paragraph cites a text fact")
    page, fact = found[0]  # the earliest in its paragraph: descriptions are cut at 160 characters
    project = copy_project(tmp_path)
    if page.description:
        drop_field(project, page.origin.path, page.origin.line, "description")
    set_field(project, fact.origin.path, fact.origin.line, "value", json.dumps(HOSTILE))
    result = run_mkdocs(project, "build", "--strict")
    assert result.returncode == 0, result.stderr
    dom = parse_file(page_html(project / "site", page.id))
    scripts = dom.find_all("script")
    assert not [s for s in scripts if "alert(1)" in s.text() and s.attrs.get("type") != "application/ld+json"]
    (ld,) = [s for s in scripts if s.attrs.get("type") == "application/ld+json"]
    assert HOSTILE in json.loads(ld.text())["description"]
    meta = dom.find("meta", name="description")
    assert meta is not None and HOSTILE in meta.attrs["content"]


def test_overdue_facts_fail_the_check_on_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    make_tree(
        tmp_path,
        {
            "content/facts/more.yml": (
                "corp.staff:\n  label: Staff\n  kind: count\n  value: 3000\n  as_of: 2019-01-15\n"
                '  review_by: 2020-01-15\n  sources: [report]\n  evidence:\n    report: "3,000 staff"\n'
            )
        },
    )
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 0
    assert ": warning: fact 'corp.staff' was due for review on 15 January 2020" in capsys.readouterr().err
    assert main(["check", "--fail-on-overdue"]) == 1
    assert "content/facts/more.yml:1:1: error: fact 'corp.staff' was due for review" in capsys.readouterr().err
