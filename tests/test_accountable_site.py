"""A real `mkdocs build --strict` of a small explainer kept in git: the changes log, "Updated on",
"Cite this", the citation files and the data package, as readers and tools get them.

The project is the base tree (tests/cases/base) with a data page and a
changes page, committed twice on fixed dates (the second commit a correction),
and built with the site's real theme, hook and assets. A shallow clone of it
builds too, and says the log is unavailable.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from frictionless import validate

from helpers import (
    ROOT,
    SERVERS_EXCERPT,
    SERVERS_LINE,
    base_fact,
    file_hashes,
    make_tree,
    page_html,
    run_mkdocs,
    servers,
)
from htmldom import parse_file
from test_history import DAY0, PAGES_WITH_LOG, commit, day, edit, git

pytestmark = pytest.mark.slow

REASON = "The report counts servers in service; this site had counted servers bought."


def project(root: Path) -> Path:
    make_tree(root, {"content/pages.yml": PAGES_WITH_LOG})
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # English only, as the base tree is written (tests/test_editions.py builds a French edition).
    config = re.sub(r"^ +(?:require_evidence|check_copying|check_claims|languages):.*\n", "", config, flags=re.M)
    config = config.replace("  explainer:\n", '  explainer:\n    today: "2026-11-26"\n', 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    for part in ("docs", "overrides", "scripts"):
        (root / part).symlink_to(ROOT / part, target_is_directory=True)
    return root


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = project(tmp_path_factory.mktemp("accountable") / "repo")
    git(root, "init", "-q", "-b", "main")
    commit(root, {}, "base content", DAY0)
    files = edit(root, "content/facts/corp.yml", SERVERS_LINE, "value: 450000")
    # A correction quotes the words that give the new value (else the evidence check warns).
    corrected = files["content/facts/corp.yml"]
    assert corrected is not None
    shown = f"{base_fact('corp.servers').value:,}"
    files["content/facts/corp.yml"] = corrected.replace(SERVERS_EXCERPT, SERVERS_EXCERPT.replace(shown, "450,000"))
    commit(root, files, f"Servers in service\n\nCorrection: {REASON}\n", day(21))
    return root


def build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    result = run_mkdocs(project, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return result


@pytest.fixture(scope="module")
def site(repo: Path) -> Path:
    build(repo, repo.parent / "site")
    return repo.parent / "site"


def test_two_builds_of_one_commit_are_byte_identical(repo: Path, site: Path) -> None:
    build(repo, repo.parent / "again")
    assert file_hashes(repo.parent / "again") == file_hashes(site)


def test_the_changes_page_lists_the_correction_with_its_reason_and_both_values(repo: Path, site: Path) -> None:
    sha = git(repo, "rev-parse", "HEAD")
    page = parse_file(page_html(site, "changes"))
    entry = page.find(id=f"change-{sha[:10]}")
    assert entry is not None and entry.tag == "h2" and "changes__entry--correction" in entry.attrs["class"]
    assert entry.text().startswith("Servers in service")  # titled by its commit's subject
    meta = page.find("p", cls="changes__meta")
    assert meta is not None and " ".join(meta.text().split()) == "10 February 2026 · Correction"
    text = " ".join(page.text().split())
    assert f"Why: {REASON}" in text and text.count(REASON) == 1, "the reason, shown once"
    assert f"Servers: {servers()} → {servers(450000)}" in text
    assert "First published, with 3 facts from 2 sources." in text
    link = next(a for a in page.find_all("a") if a.text() == "Servers")
    assert link.attrs["href"] == "../data/#fact-corp.servers"
    assert parse_file(page_html(site, "data")).find(id="fact-corp.servers") is not None


def test_a_page_says_when_it_was_updated_and_links_its_log_entries(repo: Path, site: Path) -> None:
    sha = git(repo, "rev-parse", "HEAD")
    home = parse_file(page_html(site, "index"))
    updated = home.find("p", cls="page-updated")
    assert updated is not None and updated.find("time").attrs["datetime"] == "2026-02-10"  # type: ignore[union-attr]
    hrefs = [a.attrs["href"] for a in updated.find_all("a")]
    assert hrefs == [f"changes/#change-{sha[:10]}", "changes/"]
    tip = " ".join(t.text() for t in home.find_all(cls="fact__tip"))
    assert f"Was {servers()} until 10 February 2026. Corrected: {REASON}" in tip


def test_cite_this_page_gives_short_and_full_citations_and_two_files(repo: Path, site: Path) -> None:
    home = parse_file(page_html(site, "index"))
    block = home.find("div", cls="cite-this")
    assert block is not None
    texts = [" ".join(t.text().split()) for t in block.find_all("span", cls="cite-this__text")]
    name = "OVHcloud × Dragon LLM, explained"
    assert texts[0] == f"{name}, “Home”, updated 26 November 2026, http://127.0.0.1:8000/"
    version = git(repo, "rev-parse", "HEAD")[:12]
    assert texts[1] == f"{name}. “Home.” {name}, published 26 November 2026; version {version}. http://127.0.0.1:8000/"
    files = [a.attrs["href"] for a in home.find_all("a") if a.attrs.get("href", "").startswith("cite/")]
    assert files == ["cite/index.bib", "cite/index.json"]
    bib = (site / "cite/index.bib").read_text(encoding="utf-8")
    assert bib.startswith("@online{OVHcloud-index-2026,\n") and "  url = {http://127.0.0.1:8000/}" in bib
    (csl,) = json.loads((site / "cite/index.json").read_text(encoding="utf-8"))
    assert (csl["type"], csl["title"], csl["URL"], csl["version"]) == (
        "webpage",
        "Home",
        "http://127.0.0.1:8000/",
        version,
    )
    (dataset,) = json.loads((site / "cite/data.json").read_text(encoding="utf-8"))
    assert dataset["type"] == "dataset"


def test_the_data_package_is_valid_and_describes_every_csv_column(repo: Path, site: Path) -> None:
    package_path = site / "data/datapackage.json"
    report = validate(str(package_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "message"])
    package = json.loads(package_path.read_text(encoding="utf-8"))
    header = (site / "data/facts.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == header
    assert all(f["description"] for f in fields)
    assert package["version"] == git(repo, "rev-parse", "HEAD")[:12]
    assert package["created"] == "2026-02-10T00:00:00Z"
    assert {s["path"] for s in package["sources"]} == {"https://example.org/report", "https://news.example.org/grows"}


def test_json_ld_has_date_modified_from_history_and_its_citations(site: Path) -> None:
    (script,) = parse_file(page_html(site, "index")).find_all("script", type="application/ld+json")
    data = json.loads(script.text())
    assert data["dateModified"] == "2026-11-26"  # never before the site's publication date (mkdocs.yml)
    assert [c["url"] for c in data["citation"]] == ["https://example.org/report", "https://news.example.org/grows"]
    assert data["citation"][0]["publisher"] == {"@type": "Organization", "name": "Example Corp"}


def test_a_shallow_clone_builds_and_says_the_log_is_unavailable(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    result = build(clone, tmp_path / "site")
    said = [line for line in result.stderr.splitlines() if "changes log" in line]
    assert len(said) == 1 and said[0].startswith("INFO") and "shallow clone" in said[0], result.stderr
    page = parse_file(page_html(tmp_path / "site", "changes"))
    note = page.find("p", cls="changes-unavailable")
    assert note is not None and "unavailable" in note.text() and not page.find_all("h2")
    assert parse_file(page_html(tmp_path / "site", "index")).find("p", cls="page-updated") is None
