"""What `mkdocs serve` reuses between rebuilds: a load given a `FileCache` and a render
given a `PageMemo` equal a fresh load and render after every kind of edit, and they
redo only what the edit touched (the files whose bytes changed, the pages whose inputs
changed).

The content is the benchmark's generator at a small size (three fact files, five
pages, every citation with its excerpt) with a timeline, a glossary, figures and
key dates added; expectations come from loading it, never from its values. What
depends on other files or on the settings (unknown ids, missing excerpts, the
prose checks) is checked afresh on every load, and the tests below change those
without touching the files that hold the entries. Nothing here measures time
(`make bench` does: MAINTAINING.md, "Performance").
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.generate import Size, fact_id, generate, source_id
from explainer import Checks, LoadResult, RenderedPage, load_content, render_site
from explainer.load.filecache import FileCache
from explainer.render.pagememo import PageMemo

SIZE = Size(300, 12, 5)
DATE_FACT = fact_id(4)  # the generator makes every sixth fact, from the fifth, a date
FIGURE = fact_id(7)


class Serve:
    """One `mkdocs serve` session's caches, checked against a fresh load at every step."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = FileCache()
        self.memo: PageMemo[RenderedPage] = PageMemo()

    def rebuild(self, checks: Checks | None = None) -> tuple[LoadResult, list[RenderedPage] | None]:
        cached = load_content(self.root / "content", checks=checks, cache=self.files)
        fresh = load_content(self.root / "content", checks=checks)
        assert cached.diagnostics == fresh.diagnostics
        assert cached.content == fresh.content
        if fresh.content is None:
            return cached, None
        assert cached.content is not None
        pages = render_site(cached.content, memo=self.memo)
        assert pages == render_site(fresh.content)
        return cached, pages


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def section_pages_citing(pages: list[RenderedPage], fact: str) -> list[str]:
    return [p.page.id for p in pages if fact in p.fact_ids and not p.page.generated]


@pytest.fixture
def serve(tmp_path: Path) -> Serve:
    content = generate(tmp_path, SIZE)
    (content / "timeline.yml").write_text(
        f"founded:\n  title: Founded\n  fact: {DATE_FACT}\n"
        f"deal:\n  title: The deal\n  date: 2024-05\n  sources: [{source_id(2)}]\n",
        encoding="utf-8",
    )
    (content / "glossary.yml").write_text(
        "llm:\n  term: LLM\n  definition: A large language model.\n  aliases: [LLMs]\n", encoding="utf-8"
    )
    edit(content / "pages.yml", "  nav_title: Page 1\n", f"  nav_title: Page 1\n  figures: [{FIGURE}]\n")
    edit(content / "pages.yml", "  nav_title: Page 2\n", "  nav_title: Page 2\n  key_dates: [founded, deal]\n")
    with (content / "pages.yml").open("a", encoding="utf-8") as f:
        f.write("timeline:\n  title: Timeline\n  generated: timeline\n")
    return Serve(tmp_path)


def set_value(path: Path, fact: str, value: str) -> None:
    """Change the `value:` of `fact` in a generated fact file."""
    pattern = rf"^({re.escape(fact)}:\n(?:  .*\n)*?  value: ).*$"
    text, n = re.subn(pattern, rf"\g<1>{value}", path.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert n == 1, fact
    path.write_text(text, encoding="utf-8")


def test_first_rebuild_reads_every_file_and_renders_every_section_page(serve: Serve) -> None:
    result, pages = serve.rebuild()
    assert pages is not None and result.content is not None
    files = sorted(p for p in (serve.root / "content").rglob("*") if p.is_file())
    assert sorted(serve.files.computed) == sorted(p.relative_to(serve.root).as_posix() for p in files)
    assert serve.memo.rendered == [p.page.id for p in pages if not p.page.generated]


def test_unchanged_content_reads_nothing_and_renders_no_section_page(serve: Serve) -> None:
    serve.rebuild()
    serve.rebuild()
    assert serve.files.computed == []
    assert serve.memo.rendered == []


def test_a_fact_edit_rereads_its_file_and_rerenders_the_pages_that_cite_it(serve: Serve) -> None:
    _, before = serve.rebuild()
    assert before is not None
    fact = fact_id(150)
    path = serve.root / "content/facts/topic-001.yml"
    set_value(path, fact, "1234567")
    _, after = serve.rebuild()
    assert after is not None
    assert serve.files.computed == ["content/facts/topic-001.yml"]
    citing = section_pages_citing(after, fact)
    assert citing and serve.memo.rendered == citing
    assert [p for p in after if p.page.id not in citing and not p.page.generated] == [
        p for p in before if p.page.id not in citing and not p.page.generated
    ]


def test_a_date_fact_edit_reaches_the_timeline_strip(serve: Serve) -> None:
    serve.rebuild()
    path = serve.root / "content/facts/topic-000.yml"
    set_value(path, DATE_FACT, "2016-07")
    _, pages = serve.rebuild()
    assert pages is not None
    assert "page-002" in serve.memo.rendered  # its key dates show the fact's date


def test_a_figure_edit_rerenders_its_page(serve: Serve) -> None:
    serve.rebuild()
    path = serve.root / "content/facts/topic-000.yml"
    edit(path, f"{FIGURE}:\n", f"{FIGURE}:\n  note: Revised.\n")  # a note shows in the tooltip
    serve.rebuild()
    assert "page-001" in serve.memo.rendered


def test_a_source_edit_rerenders_the_pages_that_cite_it(serve: Serve) -> None:
    _, before = serve.rebuild()
    assert before is not None
    edit(serve.root / "content/sources.yml", "  publisher: Publisher 3\n", "  publisher: Another publisher\n")
    _, after = serve.rebuild()
    assert after is not None
    assert serve.files.computed == ["content/sources.yml"]
    citing = [p.page.id for p in after if source_id(3) in p.source_ids and not p.page.generated]
    assert citing and serve.memo.rendered == citing


def test_a_section_edit_rerenders_its_page_only(serve: Serve) -> None:
    serve.rebuild()
    path = next((serve.root / "content/sections/page-003").glob("*.md"))
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    serve.rebuild()
    assert serve.files.computed == [path.relative_to(serve.root).as_posix()]
    assert serve.memo.rendered == ["page-003"]


def test_glossary_edit_rerenders_every_section_page(serve: Serve) -> None:
    _, pages = serve.rebuild()
    assert pages is not None
    edit(serve.root / "content/glossary.yml", "A large language model.", "A model of language, trained at scale.")
    serve.rebuild()
    assert serve.memo.rendered == [p.page.id for p in pages if not p.page.generated]


def test_pages_yml_edits_retitle_reorder_and_remove_pages(serve: Serve) -> None:
    serve.rebuild()
    pages_yml = serve.root / "content/pages.yml"
    edit(pages_yml, "  nav_title: Page 3\n", "  nav_title: Third\n")
    _, pages = serve.rebuild()
    assert pages is not None
    assert serve.files.computed == ["content/pages.yml"]
    assert serve.memo.rendered == ["page-003"]
    text = pages_yml.read_text(encoding="utf-8")
    block = re.search(r"^page-001:\n(?:  .*\n)+\n", text, re.M)
    assert block
    pages_yml.write_text(text.replace(block.group(0), ""), encoding="utf-8")
    for path in (serve.root / "content/sections/page-001").glob("*.md"):
        path.unlink()
    _, pages = serve.rebuild()
    assert pages is not None
    assert "page-001" not in [p.page.id for p in pages]
    # Pages below the removed entry moved in pages.yml (a page's position is one of its inputs,
    # compared as a whole); the home page above it did not.
    assert "index" not in serve.memo.rendered


def test_a_deleted_file_disappears(serve: Serve) -> None:
    serve.rebuild()
    (serve.root / "content/glossary.yml").unlink()
    result, pages = serve.rebuild()
    assert result.content is not None and result.content.glossary == {}
    assert pages is not None and not any("*[LLM]" in p.markdown for p in pages)
    assert len(serve.files) == len([p for p in (serve.root / "content").rglob("*") if p.is_file()])


def test_a_deleted_fact_file_is_an_error_and_restoring_it_reuses_nothing_stale(serve: Serve) -> None:
    serve.rebuild()
    path = serve.root / "content/facts/topic-002.yml"
    text = path.read_text(encoding="utf-8")
    path.unlink()
    result, _ = serve.rebuild()
    assert result.content is None
    assert any(f"unknown fact '{fact_id(250)}'" in d.message for d in result.diagnostics)
    path.write_text(text, encoding="utf-8")
    result, _ = serve.rebuild()  # the file is parsed again, not reused from before its deletion
    assert result.content is not None
    assert serve.files.computed == ["content/facts/topic-002.yml"]


def test_an_error_in_one_file_is_reported_again_on_every_rebuild(serve: Serve) -> None:
    serve.rebuild()
    path = serve.root / "content/facts/topic-001.yml"
    edit(path, f"{fact_id(102)}:\n", f"{fact_id(102)}:\n  soruce: x\n")
    first, _ = serve.rebuild()
    second, _ = serve.rebuild()
    assert first.content is None and second.content is None
    assert serve.files.computed == []
    assert [str(d) for d in first.diagnostics] == [str(d) for d in second.diagnostics]
    assert any("soruce" in d.message for d in second.diagnostics)


def test_an_excerpt_edit_rereads_its_file_and_rerenders_the_pages_that_quote_it(serve: Serve) -> None:
    serve.rebuild()
    fact = fact_id(150)
    path = serve.root / "content/facts/topic-001.yml"
    pattern = rf'^({re.escape(fact)}:\n(?:  .*\n)*?  evidence:\n    [\w-]+: )".*"$'
    text, n = re.subn(pattern, r'\g<1>"Words the source revised"', path.read_text(encoding="utf-8"), flags=re.M)
    assert n == 1
    path.write_text(text, encoding="utf-8")
    _, pages = serve.rebuild()
    assert pages is not None
    assert serve.files.computed == ["content/facts/topic-001.yml"]
    citing = section_pages_citing(pages, fact)
    assert citing and serve.memo.rendered == citing
    assert all("Words the source revised" in p.markdown for p in pages if p.page.id in citing)


def test_a_removed_source_is_reported_in_the_unchanged_files_that_cite_it(serve: Serve) -> None:
    serve.rebuild()
    sources = serve.root / "content/sources.yml"
    text = sources.read_text(encoding="utf-8")
    entry = re.search(rf"^{source_id(3)}:\n(?:  .*\n)+", text, re.M)
    assert entry
    sources.write_text(text.replace(entry.group(0), ""), encoding="utf-8")
    result, _ = serve.rebuild()
    assert serve.files.computed == ["content/sources.yml"]  # the facts citing it were not read again
    assert result.content is None
    unknown = [d for d in result.diagnostics if f"no source '{source_id(3)}'" in d.message]
    assert unknown and all(d.path.startswith("content/facts/") for d in unknown)
    sources.write_text(text, encoding="utf-8")
    result, _ = serve.rebuild()
    assert result.content is not None
    assert not any(source_id(3) in d.message for d in result.diagnostics)


def test_a_section_front_matter_edit_reaches_the_claims_check(serve: Serve) -> None:
    serve.rebuild()
    path = next((serve.root / "content/sections/page-003").glob("*.md"))
    rel = path.relative_to(serve.root).as_posix()
    path.write_text(path.read_text(encoding="utf-8") + "\nThe first network opened in 1998.\n", encoding="utf-8")
    result, _ = serve.rebuild()
    assert any(d.path == rel and "'1998'" in d.message for d in result.diagnostics)
    edit(path, "---\ntitle:", "---\nown_numbers: ['1998']\ntitle:")
    result, _ = serve.rebuild()
    assert serve.files.computed == [rel]
    assert not any("1998" in d.message for d in result.diagnostics)


def test_the_check_settings_apply_to_files_read_before(serve: Serve) -> None:
    first, _ = serve.rebuild()
    missing = [d for d in first.diagnostics if "without an excerpt" in d.message]
    assert missing  # the timeline's own entry cites a source without quoting it
    relaxed, _ = serve.rebuild(checks=Checks(require_evidence=False))
    assert serve.files.computed == []
    assert not any("without an excerpt" in d.message for d in relaxed.diagnostics)
    again, _ = serve.rebuild()
    assert [str(d) for d in again.diagnostics] == [str(d) for d in first.diagnostics]


def test_one_memo_serves_every_language_and_never_mixes_them() -> None:
    """Under serve, the original edition and then each other edition render with the same memo: a
    French render redoes every section page (it never reuses an English one), and does not
    drop the English pages, which the next English render reuses. The project's own
    content, loaded with its languages; expectations come from fresh renders."""
    from helpers import PROJECT

    result = load_content(PROJECT / "content", base=PROJECT, languages=["en", "fr"])
    assert result.content is not None, "\n".join(map(str, result.diagnostics))
    content = result.content
    section_pages = [p.id for p in content.pages if not p.generated]
    memo: PageMemo[RenderedPage] = PageMemo()
    assert render_site(content, lang="en", memo=memo) == render_site(content, lang="en")
    assert memo.rendered == section_pages
    french = render_site(content, lang="fr", memo=memo)
    assert memo.rendered == section_pages  # nothing English reused
    assert french == render_site(content, lang="fr")
    assert render_site(content, lang="en", memo=memo) == render_site(content, lang="en")
    assert memo.rendered == []  # the French render kept the English pages
    assert render_site(content, lang="fr", memo=memo) == french
    assert memo.rendered == []
