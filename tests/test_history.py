"""The changes log, read from real commits in temporary git repositories.

Each test starts from the base tree (tests/cases/base) committed on a fixed
date, then commits what an editor would: a new value, a correction with its
reason, a fact added, removed or renamed, a source changed. Dates are given
to git (GIT_COMMITTER_DATE), so every date the log shows is one of them.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from explainer import load_content, read_history, render_site
from explainer.changelog import ChangeLog, Renamed, Revised, ValueChange
from explainer.site import SiteInfo
from helpers import SERVERS_LINE, make_tree, servers, write_files

DAY0 = dt.date(2026, 1, 20)

PAGES_WITH_LOG = """index:
  title: Home
  sections: [main/intro]
data:
  title: Data
  generated: data
changes:
  title: Changes and corrections
  generated: changes
sources:
  title: Sources
  generated: sources
"""


def git(repo: Path, *args: str, date: dt.date = DAY0) -> str:
    stamp = f"{date.isoformat()}T12:00:00+00:00"
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org",
        "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org",
        "GIT_AUTHOR_DATE": stamp,
        "GIT_COMMITTER_DATE": stamp,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True).stdout.strip()


def commit(repo: Path, files: dict[str, str | None], message: str, date: dt.date) -> str:
    write_files(repo, files)
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, date=date)
    return git(repo, "rev-parse", "HEAD")


def edit(repo: Path, rel: str, old: str, new: str) -> dict[str, str | None]:
    text = (repo / rel).read_text(encoding="utf-8")
    assert old in text, f"{rel} has no {old!r}"
    return {rel: text.replace(old, new)}


def base_repo(tmp_path: Path) -> Path:
    """A repository whose one commit holds the base content, with a page for the changes log."""
    root = tmp_path / "repo"
    make_tree(root, {"content/pages.yml": PAGES_WITH_LOG})
    git(root, "init", "-q", "-b", "main")
    commit(root, {}, "base content", DAY0)
    return root


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return base_repo(tmp_path)


def day(n: int) -> dt.date:
    return DAY0 + dt.timedelta(days=n)


def test_the_first_version_is_one_summarised_entry_dated_by_its_commit(repo: Path) -> None:
    log = read_history(repo / "content")
    assert log.available and log.head == git(repo, "rev-parse", "HEAD")
    (entry,) = log.entries
    assert entry.first and entry.date == DAY0 and len(entry.facts_added) == 3 and len(entry.sources_added) == 2
    assert log.logged == (entry,) and log.entries_about({"fact:corp.servers"}) == ()


def test_a_value_change_is_logged_with_the_old_and_new_value_as_readers_see_them(repo: Path) -> None:
    sha = commit(repo, edit(repo, "content/facts/corp.yml", SERVERS_LINE, "value: 550000"), "More servers", day(21))
    log = read_history(repo / "content")
    last = log.entries[-1]
    assert (last.commit, last.date, last.is_correction) == (sha, day(21), False)
    assert last.values == (ValueChange("corp.servers", "Servers", servers(), servers(550000)),)
    assert last.touched == {"fact:corp.servers"}
    assert log.previous_value("corp.servers") == (last.values[0], last)
    assert log.previous_value("corp.share") is None
    assert log.last_change({"fact:corp.servers"}) == day(21)
    assert log.last_change({"fact:corp.share"}) == DAY0


def test_a_correction_trailer_marks_the_commit_with_its_reason(repo: Path) -> None:
    write_files(repo, edit(repo, "content/facts/corp.yml", "value: 4.5", "value: 4.2"))
    files = edit(repo, "content/facts/corp.yml", "reached 4.5%", "reached 4.2%")
    message = (
        "Share as the source gives it\n\nCorrection: The article gives 4.2%; this site had misread it as 4.5%.\n"
        "Correction-fr: L’article donne 4,2 % ; ce site avait lu 4,5 %.\n"
    )
    commit(repo, files, message, day(3))
    last = read_history(repo / "content").entries[-1]
    assert last.is_correction and last.subject == "Share as the source gives it"
    assert last.correction == "The article gives 4.2%; this site had misread it as 4.5%."
    assert last.correction_translations == {"fr": "L’article donne 4,2 % ; ce site avait lu 4,5 %."}
    assert last.values[0].old == "4.5%" and last.values[0].new == "4.2%"
    assert last.facts_revised == (Revised("corp.share", "Market share", ("quoted words",)),)


def test_a_correction_field_marks_the_change_made_with_it_and_no_later_one(repo: Path) -> None:
    reason = "The report counts servers in service, not servers bought."
    files = edit(repo, "content/facts/corp.yml", SERVERS_LINE, f'value: 450000\n  correction: "{reason}"')
    commit(repo, files, "Servers in service", day(4))
    commit(repo, edit(repo, "content/facts/corp.yml", "value: 450000", "value: 470000"), "Half-year count", day(9))
    log = read_history(repo / "content")
    corrected, updated = log.entries[-2], log.entries[-1]
    assert corrected.is_correction and corrected.values[0].correction == reason and corrected.reasons == (reason,)
    assert not updated.is_correction and updated.values[0].correction is None
    assert [e.date for e in log.logged] == [day(9), day(4), DAY0]
    changes = _render(repo, log)["changes"]
    assert changes.count(reason) == 1  # under the entry's title, not again beside the change
    assert f"## Servers in service {{ #{corrected.anchor} .changes__entry .changes__entry--correction }}" in changes


def test_an_added_and_a_removed_fact(repo: Path) -> None:
    facts = (repo / "content/facts/corp.yml").read_text(encoding="utf-8").split("corp.share:")[0]
    facts += "corp.staff:\n  label: Staff\n  kind: count\n  value: 3000\n  unit: people\n  as_of: 2026-02\n"
    facts += '  sources: [report]\n  evidence:\n    report: "3,000 people"\n'
    intro = "Example Corp runs [[fact:corp.servers]] with [[fact:corp.staff]], founded on [[fact:corp.founded]].\n"
    commit(repo, {"content/facts/corp.yml": facts, "content/sections/main/intro.md": intro}, "Staff", day(5))
    last = read_history(repo / "content").entries[-1]
    assert [(i.id, i.detail) for i in last.facts_added] == [("corp.staff", "3,000 people")]
    assert [(i.id, i.label, i.detail) for i in last.facts_removed] == [("corp.share", "Market share", "4.5%")]
    assert "section:main/intro" in last.touched and not last.first


def test_a_renamed_fact_is_one_rename_not_an_addition_and_a_removal(repo: Path) -> None:
    files = edit(repo, "content/facts/corp.yml", "corp.share:", "corp.market-share:")
    files |= edit(repo, "content/sections/main/intro.md", "fact:corp.share", "fact:corp.market-share")
    commit(repo, files, "Clearer id", day(6))
    last = read_history(repo / "content").entries[-1]
    assert last.facts_renamed == (Renamed("corp.share", "corp.market-share", "Market share"),)
    assert last.facts_added == () and last.facts_removed == () and last.values == ()


def test_a_source_change_an_added_source_and_a_removed_source(repo: Path) -> None:
    files = edit(repo, "content/sources.yml", 'title: "Example Corp grows"', 'title: "Example Corp grows fast"')
    files["content/sources.yml"] = str(files["content/sources.yml"]) + (
        "spare:\n  title: Spare\n  publisher: Example\n  url: https://example.org/spare\n"
        "  published: 2026-01\n  accessed: 2026-02-01\n"
        "  archived:\n    url: https://web.archive.org/web/20260201/https://example.org/spare\n    date: 2026-02-01\n"
    )
    commit(repo, files, "Sources", day(7))
    log = read_history(repo / "content")
    last = log.entries[-1]
    assert last.sources_revised == (Revised("news", "Example Corp grows fast", ("title",)),)
    assert [(i.id, i.detail) for i in last.sources_added] == [("spare", "Example")]
    sources = (repo / "content/sources.yml").read_text(encoding="utf-8").split("spare:")[0]
    commit(repo, {"content/sources.yml": sources}, "No spare", day(8))
    assert [i.id for i in read_history(repo / "content").entries[-1].sources_removed] == ["spare"]
    assert log.entries_about({"source:news"}) == (last,)


def test_a_merge_is_one_change_dated_when_merged_with_its_branchs_trailers(repo: Path) -> None:
    git(repo, "switch", "-q", "-c", "fix")
    files = edit(repo, "content/facts/corp.yml", "value: 4.5", "value: 4.2")
    commit(repo, files, "Share\n\nCorrection: Misread figure.", day(2))
    git(repo, "switch", "-q", "main")
    commit(repo, edit(repo, "content/sources.yml", "accessed: 2026-02-01", "accessed: 2026-02-02"), "Re-read", day(3))
    git(repo, "merge", "-q", "--no-ff", "-m", "Merge fix", "fix", date=day(10))
    log = read_history(repo / "content")
    assert [e.date for e in log.entries] == [DAY0, day(3), day(10)]
    merged = log.entries[-1]
    assert merged.correction == "Misread figure." and merged.values[0].new == "4.2%"
    # git's own subject ("Merge fix") does not title the entry: the fact it changed does
    assert f"## Market share {{ #{merged.anchor}" in _render(repo, log)["changes"]


def test_a_revision_that_no_longer_loads_is_skipped_not_fatal(repo: Path) -> None:
    commit(repo, edit(repo, "content/facts/corp.yml", SERVERS_LINE, "value: lots"), "Broken", day(1))
    commit(repo, edit(repo, "content/facts/corp.yml", "value: lots", "value: 510000"), "Fixed", day(2))
    log = read_history(repo / "content")
    assert [e.date for e in log.entries] == [DAY0, day(2)]
    assert log.entries[-1].values[0].old == servers()


def test_without_history_the_log_is_unavailable_and_says_why(repo: Path, tmp_path: Path) -> None:
    commit(repo, edit(repo, "content/facts/corp.yml", SERVERS_LINE, "value: 550000"), "More", day(1))
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    log = read_history(shallow / "content")
    assert not log.available and "shallow" in log.reason and log.entries == ()
    tarball = tmp_path / "tarball"
    shutil.copytree(repo / "content", tarball / "content")
    assert read_history(tarball / "content") == ChangeLog.unavailable("not a git repository")


def _render(repo: Path, log: ChangeLog) -> dict[str, str]:
    content = load_content(repo / "content", today=dt.date(2026, 11, 26)).content
    assert content is not None
    site = SiteInfo.create("Example", "https://example.org/", published=DAY0, changes=log)
    return {p.page.id: p.markdown for p in render_site(content, site)}


def test_pages_show_the_update_date_the_earlier_value_and_link_the_log(repo: Path) -> None:
    commit(repo, edit(repo, "content/facts/corp.yml", SERVERS_LINE, "value: 550000"), "More servers", day(21))
    pages = _render(repo, read_history(repo / "content"))
    entry = read_history(repo / "content").entries[-1]
    assert '<time datetime="2026-02-10">10 February 2026</time>' in pages["index"]
    assert f"[More servers](changes.md#{entry.anchor})" in pages["index"]  # named by the commit's subject, once
    assert pages["index"].count(f"changes.md#{entry.anchor}") == 1
    assert f"## More servers {{ #{entry.anchor}" in pages["changes"]
    assert f"Was {servers()} until 10 February 2026." in pages["index"]  # the tooltip
    assert f"Was {servers()} until 10 February 2026." in pages["data"]  # the row
    assert f"{{ #{entry.anchor} .changes__entry }}" in pages["changes"]
    assert "- [Servers](data.md#fact-corp.servers)" in pages["changes"]
    assert f"{servers()} → {servers(550000)}" in pages["changes"]


def test_the_changes_page_without_history_says_unavailable_never_empty(repo: Path) -> None:
    pages = _render(repo, ChangeLog.unavailable("a shallow clone: the history is cut off"))
    assert "unavailable in this copy of the site" in pages["changes"]
    assert "a shallow clone" in pages["changes"] and "## " not in pages["changes"]
    assert "Updated on" not in pages["index"]  # no date is better than a made-up one
