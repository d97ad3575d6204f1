"""`python -m explainer.adapter.build` (`make build`): an atomic, reproducible `mkdocs build --strict`.

- Atomic: MkDocs writes into a fresh folder beside `site/` (`.site-tmp-<pid>-*`)
  and the finished folder replaces `site/` only when the build succeeded, in
  one `renameat2(RENAME_EXCHANGE)` where the kernel has it (two renames
  otherwise). A failed, aborted or killed build leaves the previous `site/`
  exactly as it was; folders left by killed builds are removed by the next
  build.
- Reproducible: `SOURCE_DATE_EPOCH` (the sitemap's dates, the gzip header of
  `sitemap.xml.gz`) defaults to the time of the last commit, or, outside git,
  to the newest modification time under `content/`; MkDocs and Material write
  everything else in a fixed order. Two builds of one commit are byte-identical.

Adapter code: it may import MkDocs; the engine below `explainer.adapter` may not.
Exit status: 0 built, 1 the build failed (content errors included), 2 usage.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from explainer import PLUGIN
from explainer.adapter.plugin import ExplainerPlugin

TMP_PREFIX = ".site-tmp-"
OLD_PREFIX = ".site-old-"


def source_date_epoch(project: Path) -> str:
    """The time of the last commit, or the newest content file outside git."""
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=project, capture_output=True, text=True, check=False
        ).stdout.strip()
    except OSError:
        out = ""
    if out.isdigit():
        return out
    paths = [project / "mkdocs.yml", *(project / "content").rglob("*")]
    times = [int(p.stat().st_mtime) for p in paths if p.is_file()]
    return str(max(times, default=0))


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale(parent: Path) -> None:
    """Delete work folders of builds whose process is gone (killed midway)."""
    for path in parent.glob(".site-*-*"):
        if not path.name.startswith((TMP_PREFIX, OLD_PREFIX)):
            continue
        pid = path.name.split("-")[2]
        if pid.isdigit() and int(pid) != os.getpid() and not _pid_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False when unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def replace_site(new: Path, site: Path) -> None:
    """Put the finished build `new` in place of `site`."""
    if not site.exists():
        new.rename(site)
        return
    if _exchange(new, site):
        shutil.rmtree(new)  # `new` now holds the previous site
        return
    old = site.parent / f"{OLD_PREFIX}{os.getpid()}-{new.name.rsplit('-', 1)[-1]}"
    site.rename(old)
    new.rename(site)
    shutil.rmtree(old)


def build(config_file: Path, site_dir: Path | None = None, today: dt.date | None = None) -> int:
    """Build the site of `config_file` atomically into `site_dir` (default: its `site/`).

    `today` is the date content is checked against (default: the real date).
    """
    project = config_file.resolve().parent
    site = (site_dir or project / "site").resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(site.parent)
    tmp = Path(tempfile.mkdtemp(prefix=f"{TMP_PREFIX}{os.getpid()}-", dir=site.parent))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        os.environ["SOURCE_DATE_EPOCH"] = epoch or source_date_epoch(project)
        config = load_config(str(config_file), site_dir=str(tmp), strict=True)
        plugin = config.plugins.get(PLUGIN)
        if today is not None and isinstance(plugin, ExplainerPlugin):
            plugin.settings = plugin.settings.replaced(today=today)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` starts its plugins
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except (MkDocsException, OSError) as exc:  # Abort, ConfigurationError, PluginError
        shutil.rmtree(tmp, ignore_errors=True)
        logging.getLogger("mkdocs").error(f"{exc}; {site.name}/ left unchanged")
        return 1
    except BaseException:  # SIGTERM (as SystemExit), Ctrl-C, a bug
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        if epoch is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
    replace_site(tmp, site)
    return 0


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {record.getMessage()}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m explainer.adapter.build", description=__doc__.split("\n\n")[0])
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=None, help="default: site/ beside the config")
    parser.add_argument("-q", "--quiet", action="store_true", help="report warnings and errors only")
    args = parser.parse_args(argv)
    if not args.config_file.is_file():
        parser.error(f"no such config file: {args.config_file}")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if args.quiet else logging.INFO)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    with contextlib.suppress(KeyboardInterrupt):
        return build(args.config_file, args.site_dir)
    return 130


if __name__ == "__main__":
    sys.exit(main())
