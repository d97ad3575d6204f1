"""The version of an original a translation was made from, found in git history by its hash.

A translation records `translates:`, the first digits of the SHA-256 of the
original's bytes. The commits that changed the original are read newest first
(`git log --raw`), their versions of the file fetched in one `git cat-file
--batch`, and the first whose bytes hash to that value is the version
translated. Without history (not a repository, a shallow clone, no git, or no
commit with those bytes, as when the hash was copied from an uncommitted
edit) the answer says why, in a few words.

Only stale translations are looked up; a version once found is kept for the
life of the process (a commit's bytes never change).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from explainer.load.reader import original_hash
from explainer.model import OriginalChanges
from explainer.text.worddiff import word_changes

_found: dict[tuple[Path, str], tuple[str, bytes]] = {}


class _NoHistory(Exception):
    pass


def _git(folder: Path, *args: str, given: bytes | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], input=given, capture_output=True, check=False)
    except OSError:
        raise _NoHistory("git cannot run") from None
    if result.returncode != 0:
        raise _NoHistory(result.stderr.decode("utf-8", "replace").strip().splitlines()[-1:][0] or "git failed")
    return result.stdout


def _in_work_tree(path: Path) -> bool:
    """Whether a folder above `path` holds `.git` (checked without running git, so that a content folder
    outside any repository, as the history's and the diff's scratch copies are, costs nothing)."""
    return any((parent / ".git").exists() for parent in path.parents)


def translated_version(path: Path, translates: str) -> tuple[str, bytes] | str:
    """(commit, bytes) of the newest committed version of `path` whose hash is `translates`, or why not."""
    path = path.resolve()
    if (path, translates) in _found:
        return _found[path, translates]
    if not _in_work_tree(path):
        return "not a git repository"
    folder = path.parent
    try:
        if _git(folder, "rev-parse", "--is-shallow-repository").strip() == b"true":
            shallow = " (a shallow clone: the history is cut off)"
        else:
            shallow = ""
        log = _git(folder, "log", "--format=%x1e%H", "--raw", "--no-abbrev", "--no-renames", "--", path.name)
        versions: list[tuple[str, str]] = []  # (commit, blob), newest first
        for record in log.decode().split("\x1e")[1:]:
            lines = record.strip().splitlines()
            for line in lines[1:]:
                fields = line.split()
                if line.startswith(":") and len(fields) >= 5 and set(fields[3]) != {"0"}:
                    versions.append((lines[0], fields[3]))
        if not versions:
            return "the file has no commit yet" + shallow
        batch = _git(folder, "cat-file", "--batch", given="".join(f"{blob}\n" for _, blob in versions).encode())
    except _NoHistory as exc:
        return str(exc)
    at = 0
    for commit, _ in versions:
        header_end = batch.index(b"\n", at)
        size = int(batch[at:header_end].split()[2])
        data = batch[header_end + 1 : header_end + 1 + size]
        at = header_end + 1 + size + 1
        if original_hash(data) == translates:
            _found[path, translates] = (commit, data)
            return commit, data
    return f"no commit of the file has the bytes 'translates: {translates}' names" + (
        shallow or " (was it copied from an uncommitted version?)"
    )


def original_changes(path: Path, translates: str, now: bytes) -> OriginalChanges:
    """What changed in the original at `path` (whose bytes are now `now`) since the version `translates` names."""
    found = translated_version(path, translates)
    if isinstance(found, str):
        return OriginalChanges(missing=found)
    commit, then = found
    old, new = then.decode("utf-8", "replace"), now.decode("utf-8", "replace")
    return OriginalChanges(word_changes(old, new), since=commit)
