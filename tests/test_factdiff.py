"""`python -m explainer diff` tells a reviewer, fact by fact, what a pull request changes.

Each test makes a small git repository from the base tree (tests/cases/base)
and edits it the way an editor would.
"""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import pytest

from explainer.history import factdiff
from helpers import SERVERS_EXCERPT, SERVERS_LINE, make_tree, servers, write_files

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Editor",
    "GIT_AUTHOR_EMAIL": "editor@example.org",
    "GIT_COMMITTER_NAME": "Editor",
    "GIT_COMMITTER_EMAIL": "editor@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=repo, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def commit(repo: Path, files: dict[str, str | None], message: str) -> str:
    write_files(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "--short=7", "HEAD")


def edit(repo: Path, rel: str, old: str, new: str) -> dict[str, str | None]:
    text = (repo / rel).read_text(encoding="utf-8")
    assert old in text, f"{rel} has no {old!r}"
    return {rel: text.replace(old, new)}


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    make_tree(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, {}, "base content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run_diff(rev_a: str, rev_b: str | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = factdiff.main(Path("content"), rev_a, rev_b, out, err)
    return status, out.getvalue(), err.getvalue()


def test_a_changed_value_an_added_fact_a_removed_fact_and_a_changed_source(repo: Path) -> None:
    base = git(repo, "rev-parse", "--short=7", "HEAD")
    write_files(repo, edit(repo, "content/facts/corp.yml", SERVERS_LINE, "value: 550000"))
    write_files(repo, edit(repo, "content/facts/corp.yml", "sources: [report, news]", "sources: [news]"))
    founded_in = '    report: "Example Corp was founded on 4 March 2011 in a garage near the harbour…"\n'
    write_files(repo, edit(repo, "content/facts/corp.yml", founded_in, ""))
    # remove corp.share (and the sentence that used it), add corp.staff
    facts = (repo / "content/facts/corp.yml").read_text(encoding="utf-8")
    facts = facts.split("corp.share:")[0] + (
        "corp.staff:\n  label: Staff\n  kind: count\n  value: 3000\n  qualifier: about\n  unit: people\n"
        "  as_of: 2026-02\n  sources: [report]\n"
    )
    head = commit(
        repo,
        {
            "content/facts/corp.yml": facts,
            "content/sections/main/intro.md": "---\ntitle: Intro\n---\n"
            "Example Corp runs [[fact:corp.servers]] with [[fact:corp.staff]].\n",
        },
        "update facts",
    )

    status, out, err = run_diff("main~1", "main")

    assert (status, err) == (0, "")
    assert (
        out
        == f"""\
## Content changes

From `main~1` ({base}) to `main` ({head}).

### Facts changed (2)

- **`corp.founded`** · Founded
  - sources: `report`, `news` → `news`
  - evidence: `report`: “Example Corp was founded on 4 March 2011 in a garage near the harbour…”; \
`news`: “the company, founded in March 2011” → `news`: “the company, founded in March 2011”
- **`corp.servers`** · Servers
  - value: {servers()} → {servers(550000)}

### Facts added (1)

- **`corp.staff`** · Staff: about 3,000 people (as of February 2026; `report`)
  - evidence, `report`: *(no excerpt)*

### Facts removed (1)

- **`corp.share`** · Market share: was 4.5% (as of January 2026; `news`)

### Sections

- changed: `main/intro` · Intro
  - text: “and was founded on \\[\\[fact:corp.founded\\]\\]. Its share is \\[\\[fact:corp.share\\]\\].” → \
“with \\[\\[fact:corp.staff\\]\\].”
"""
    )


def test_as_of_sources_pages_and_sections(repo: Path) -> None:
    commit(
        repo,
        {
            **edit(
                repo,
                "content/facts/corp.yml",
                "as_of: 2026-01-15\n  sources: [report]\n",
                "as_of: 2026-02-01\n  sources: [report]\n",
            ),
            **edit(repo, "content/sources.yml", 'title: "Example Corp grows"', 'title: "Example Corp *grows*"'),
            **edit(
                repo, "content/pages.yml", "sources:\n", "more:\n  title: More\n  sections: [main/more]\nsources:\n"
            ),
            "content/sections/main/more.md": "More about [[fact:corp.share]].\n",
        },
        "more",
    )

    status, out, _ = run_diff("HEAD~1", "HEAD")

    assert status == 0
    body = out.split("\n\n", 2)[2]
    assert (
        body
        == """\
### Facts changed (1)

- **`corp.servers`** · Servers
  - as of: 15 January 2026 → 1 February 2026

### Sources

- changed: `news` · Example Corp \\*grows\\* (Example News)
  - title: Example Corp grows → Example Corp \\*grows\\*

### Pages

- added: `more` · More

### Sections

- added: `main/more`
"""
    )


def test_headline_figures_and_key_dates_of_a_page(repo: Path) -> None:
    timeline = (
        "founding:\n  fact: corp.founded\n  title: Example Corp is founded\n"
        "report:\n  date: 2026-01-15\n  sources: [report]\n  title: The annual report is published\n"
    )
    home = "index:\n  title: Home\n  sections: [main/intro]\n"
    before = home + "  figures: [corp.servers]\n  key_dates: [founding]\n"
    after = home + "  figures: [corp.servers, corp.share]\n  key_dates: [founding, report]\n"
    pages = (repo / "content/pages.yml").read_text(encoding="utf-8")
    commit(repo, {"content/timeline.yml": timeline, "content/pages.yml": pages.replace(home, before)}, "figures")
    commit(repo, {"content/pages.yml": pages.replace(home, after)}, "more figures")

    status, out, _ = run_diff("HEAD~1", "HEAD")

    assert status == 0
    assert out.split("\n\n", 2)[2] == (
        "### Pages\n"
        "\n"
        "- changed: `index` · Home\n"
        "  - headline figures: `corp.servers` → `corp.servers`, `corp.share`\n"
        "  - key dates: `founding` → `founding`, `report`\n"
    )


def test_without_rev_b_the_working_tree_is_compared(repo: Path) -> None:
    write_files(repo, edit(repo, "content/facts/corp.yml", "value: 4.5", "value: 5"))
    status, out, _ = run_diff("HEAD")
    assert status == 0
    assert "to the working tree." in out
    assert "  - value: 4.5% → 5%\n" in out


def test_nothing_changed(repo: Path) -> None:
    assert run_diff("HEAD", "HEAD")[1].endswith("\n\nNo fact, source, page or section changed.\n")


def test_a_side_with_content_errors_is_reported_not_compared(repo: Path) -> None:
    commit(repo, edit(repo, "content/sections/main/intro.md", "corp.servers", "corp.server"), "typo")

    status, out, err = run_diff("HEAD~1", "HEAD")

    assert (status, err) == (1, "")
    assert "**Cannot compare: the content in `HEAD` (" in out
    assert "has 1 error(s).**" in out
    assert (
        "- `content/sections/main/intro.md:4:19: error: unknown fact 'corp.server' (did you mean 'corp.servers'?)`"
        in out
    )
    assert "Facts changed" not in out


def test_a_revision_before_any_content_shows_everything_as_added(repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "empty")
    commit(repo, {"content": None, "README.md": "nothing yet\n"}, "empty")
    status, out, _ = run_diff("empty", "main")
    assert status == 0
    assert "### Facts added (3)" in out
    assert "- added: `index` · Home" in out


def test_an_unknown_revision_is_a_usage_error(repo: Path) -> None:
    status, out, err = run_diff("no-such-branch")
    assert (status, out) == (2, "")
    assert err == "error: unknown revision 'no-such-branch'\n"


def test_a_translation_left_behind_by_its_original_is_listed(repo: Path) -> None:
    from explainer.load.reader import original_hash

    original = (repo / "content/sections/main/intro.md").read_bytes()
    french = (
        f"---\ntitle: Introduction\ntranslates: {original_hash(original)}\n---\n"
        "Example Corp exploite [[fact:corp.servers]], fondée le [[fact:corp.founded]]. Sa part : [[fact:corp.share]].\n"
    )
    before = commit(repo, {"content/sections/main/intro.fr.md": french}, "French translation")
    assert "out of date" not in run_diff("HEAD~1", before)[1]
    after = commit(repo, edit(repo, "content/sections/main/intro.md", "Its share", "Its market share"), "English fix")
    status, out, _ = run_diff(before, after)
    assert status == 0
    assert (
        "### Translations now out of date (1)\n\n"
        "- `content/sections/main/intro.fr.md` (French) translates an earlier `content/sections/main/intro.md`: "
        "update it and its `translates:` (`make check` prints the value)\n"
    ) in out
    # Still behind at the next change, but no longer news: listed once, where it happened.
    later = commit(repo, edit(repo, "content/facts/corp.yml", "value: 4.5", "value: 5"), "a fact")
    assert "out of date" not in run_diff(after, later)[1]


def test_evidence_accepted_in_other_words_is_shown_and_shown_again_when_the_value_moves(repo: Path) -> None:
    quoted = f'report: "{SERVERS_EXCERPT}"\n'
    in_words = 'report: "We now operate more than half a million servers"\n'
    reason = '  evidence_in_words:\n    report: "Half a million is 500,000."\n'
    accepted = edit(repo, "content/facts/corp.yml", quoted, in_words + reason)
    commit(repo, accepted, "quote the report's words")
    commit(repo, edit(repo, "content/facts/corp.yml", SERVERS_LINE, "value: 600000"), "more servers")

    _, first, _ = run_diff("main~2", "main~1")
    _, then, _ = run_diff("main~1", "main")

    assert "  - evidence in other words: *(none)* → `report`: “Half a million is 500,000.”" in first
    assert (
        "  - evidence in other words, still accepted for the new value: `report`: “Half a million is 500,000.” → "
        "`report`: “Half a million is 500,000.”"
    ) in then


def test_a_correction_by_trailer_is_marked_with_its_reason_and_prose_is_compared_word_by_word(repo: Path) -> None:
    intro = (repo / "content/sections/main/intro.md").read_text(encoding="utf-8")
    write_files(repo, edit(repo, "content/facts/corp.yml", "value: 4.5", "value: 4.2"))
    files: dict[str, str | None] = {
        "content/sections/main/intro.md": intro.replace("Its share is", "Its market share is")
    }
    head = commit(repo, files, "Share as the report gives it\n\nCorrection: The report gives 4.2%, not 4.5%.\n")

    status, out, _ = run_diff("main~1", "main")

    assert status == 0
    assert f"- `{head}` Share as the report gives it: **correction**: The report gives 4.2%, not 4.5%." in out
    assert "Changes `corp.share`." in out
    assert "- **`corp.share`** · Market share · **correction**: The report gives 4.2%, not 4.5%.\n" in out
    assert "  - text: added “market”\n" in out


def test_an_added_fact_shows_its_evidence(repo: Path) -> None:
    facts = (repo / "content/facts/corp.yml").read_text(encoding="utf-8") + (
        "corp.staff:\n  label: Staff\n  kind: count\n  value: 3000\n  qualifier: about\n  unit: people\n"
        '  as_of: 2026-02\n  sources: [report]\n  evidence:\n    report: "about 3,000 people work for us"\n'
    )
    commit(repo, {"content/facts/corp.yml": facts}, "Staff")

    _, out, _ = run_diff("main~1", "main")

    assert "- **`corp.staff`** · Staff: about 3,000 people (as of February 2026; `report`)\n" in out
    assert "  - evidence, `report`: “about 3,000 people work for us”\n" in out
