"""A translator sees what changed in the English since the version they translated.

The French section records `translates:` (the hash of the English file's bytes); when the English
changes, `make check` and the French page list the English words removed and added since, read
from the commit whose English file has that hash, and say so when history cannot tell.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest

from explainer import Section, load_content, render_site
from explainer.language.strings import strings
from explainer.load.reader import original_hash
from explainer.model import WordChange
from explainer.text.worddiff import describe, word_changes
from helpers import load_case, make_tree
from test_history import commit, git

ROOT = Path(__file__).parent
TODAY = dt.date(2026, 11, 26)
ENGLISH = "content/sections/main/intro.md"
FRENCH = "content/sections/main/intro.fr.md"
TRANSLATED = "---\ntitle: Introduction\n---\nExample Corp runs [[fact:corp.servers]] servers worldwide.\n"
CHANGED = "---\ntitle: Introduction\n---\nExample Corp now runs [[fact:corp.servers]] servers in Europe.\n"


def test_words_removed_and_added_in_reading_order() -> None:
    assert word_changes("the quick brown fox", "the slow brown fox jumps") == (
        WordChange("quick", "slow"),
        WordChange("", "jumps"),
    )
    assert word_changes("a b\n  c", "a b c") == ()  # re-wrapping is no change
    assert describe(word_changes("one two three", "one three four")) == "removed “two”; added “four”"


def files(translates: str) -> dict[str, str | None]:
    case = dict(load_case(ROOT / "cases/errors/translation-stale.yml")["files"])
    case[ENGLISH] = TRANSLATED
    case[FRENCH] = (
        case[FRENCH].replace("0123456789ab", translates).replace("Sa part de marché : [[fact:corp.share]].\n", "")
    )
    return case


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The French translates the English as committed on day 0; the English changed on day 1."""
    root = tmp_path / "repo"
    make_tree(root, files(original_hash(TRANSLATED.encode())))
    git(root, "init", "-q", "-b", "main")
    commit(root, {}, "English and French", dt.date(2026, 1, 10))
    commit(root, {ENGLISH: CHANGED}, "Servers in Europe", dt.date(2026, 1, 11))
    return root


def french(root: Path) -> tuple[Section, list[str], str]:
    """The French section as loaded, the check's notices about it, and its page's Markdown."""
    result = load_content(root / "content", base=root, today=TODAY, languages=["en", "fr"])
    assert result.content is not None, result.diagnostics
    notices = [d.message for d in result.diagnostics if d.path == FRENCH]
    page = next(p for p in render_site(result.content, lang="fr") if p.page.id == "index")
    return result.content.sections["main/intro"].translations["fr"], notices, page.markdown


def test_the_check_and_the_page_show_the_english_words_removed_and_added(repo: Path) -> None:
    section, (notice,), page = french(repo)
    first = git(repo, "rev-list", "--max-parents=0", "HEAD")
    assert section.stale and section.behind is not None and section.behind.since == first
    assert section.behind.changes == (WordChange("", "now"), WordChange("worldwide.", "in Europe."))
    assert f"English changes since {first[:7]}: added “now”; “worldwide.” → “in Europe.”" in notice
    assert f"git diff --word-diff {first[:7]} -- {ENGLISH}" in notice
    assert f"set 'translates: {original_hash(CHANGED.encode())}'" in notice
    assert f"<summary>{strings('fr').stale_changes}</summary>" in page
    assert '<ins lang="en">now</ins>' in page and '<del lang="en">worldwide.</del>' in page


def test_without_history_the_notice_and_the_page_say_history_cannot_tell(tmp_path: Path) -> None:
    root = tmp_path / "tarball"
    make_tree(root, files(original_hash(TRANSLATED.encode())))
    (root / ENGLISH).write_text(CHANGED, encoding="utf-8")
    section, (notice,), page = french(root)
    assert section.behind is not None and section.behind.since is None
    assert "history cannot say what changed: not a git repository" in notice
    assert strings("fr").stale_unknown in page


def test_a_shallow_clone_says_its_history_is_cut_off(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True)
    _, (notice,), _ = french(clone)
    assert "a shallow clone: the history is cut off" in notice


def test_a_hash_of_an_uncommitted_version_is_named_as_such(repo: Path) -> None:
    (repo / FRENCH).write_text(
        (repo / FRENCH).read_text(encoding="utf-8").replace(original_hash(TRANSLATED.encode()), "0123456789ab"),
        encoding="utf-8",
    )
    _, (notice,), _ = french(repo)
    assert "no commit of the file has the bytes 'translates: 0123456789ab' names" in notice
