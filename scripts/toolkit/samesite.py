"""Does this checkout build the same site as an earlier revision? The proof a refactor owes.

    python -m toolkit.samesite REV      (or: make same-site BASE=REV)

Builds `REV` in a temporary `git worktree` with its own engine, and this checkout, both with
`mkdocs build --strict` at the same `SOURCE_DATE_EPOCH` (the time of REV's last commit), then
compares every file of the two sites byte for byte. One difference is expected and removed
first: the site's version, which is the commit each was built from (`version 1b75427f6c9b` on
each page's "Cite this" block, in the citation files and the data package). So the check also
holds for uncommitted changes. Differences are printed as a unified diff per file (binary
files by name).
Exit status: 0 the same, 1 different, 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from audit.lighthouse import build

ROOT = Path(__file__).resolve().parents[2]


def _git(*args: str, cwd: Path = ROOT) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


def files(site: Path, version: str) -> dict[str, bytes]:
    """Every file of a built site by its path, with the site's version replaced by a placeholder."""
    out = {}
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        data = path.read_bytes()
        out[path.relative_to(site).as_posix()] = data.replace(version.encode(), b"<version>") if version else data
    return out


def differences(base: dict[str, bytes], head: dict[str, bytes]) -> list[str]:
    """A unified diff for each file that differs, one line for each file only one side has."""
    out: list[str] = []
    for name in sorted(base.keys() | head.keys()):
        a, b = base.get(name), head.get(name)
        if a == b:
            continue
        if a is None or b is None:
            out.append(f"only in the {'head' if a is None else 'base'} site: {name}\n")
            continue
        try:
            lines_a, lines_b = a.decode().splitlines(keepends=True), b.decode().splitlines(keepends=True)
        except UnicodeDecodeError:
            out.append(f"binary files differ: {name}\n")
            continue
        out.extend(difflib.unified_diff(lines_a, lines_b, f"base/{name}", f"head/{name}", n=1))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m toolkit.samesite", description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the revision to compare with (a commit, tag or branch)")
    args = parser.parse_args(argv)
    try:
        base_rev = _git("rev-parse", "--verify", f"{args.rev}^{{commit}}")
    except subprocess.CalledProcessError:
        print(f"samesite: unknown revision '{args.rev}'", file=sys.stderr)
        return 2
    epoch = _git("log", "-1", "--format=%ct", base_rev)
    os.environ["SOURCE_DATE_EPOCH"] = epoch  # `build` passes the environment on
    with tempfile.TemporaryDirectory(prefix="samesite-") as tmp, contextlib.ExitStack() as stack:
        worktree = Path(tmp) / "base"
        _git("worktree", "add", "--detach", "--quiet", str(worktree), base_rev)
        stack.callback(subprocess.run, ["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)
        sites = {"base": Path(tmp) / "base-site", "head": Path(tmp) / "head-site"}
        build(sites["base"], "http://127.0.0.1:8000/", worktree)
        build(sites["head"], "http://127.0.0.1:8000/", ROOT)
        base = files(sites["base"], base_rev[:12])
        head = files(sites["head"], _git("rev-parse", "HEAD")[:12])
    diff = differences(base, head)
    sys.stdout.writelines(diff)
    if diff:
        print(f"samesite: the sites differ ({len(base)} files at {args.rev}, {len(head)} here)", file=sys.stderr)
        return 1
    print(f"samesite: the same {len(head)} files, byte for byte (the version aside), as {args.rev}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
