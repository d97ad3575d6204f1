"""Running a measured process: a `mkdocs build`, or any command, timed with its CPU time and memory.

Used by `bench.run` and `bench.pictures` alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import sites


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    peak_kb: int = 0


def env_for(pythonpath: Path | None = None) -> dict[str, str]:
    """The environment of a measured process: Python writes and reads its bytecode cache as it does on
    an editor's machine (a sandbox's PYTHONDONTWRITEBYTECODE would make every build compile the engine
    from source, while MkDocs and Material come with theirs)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "REPO_URL", "PYTHONDONTWRITEBYTECODE")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    return env


def run_process(cmd: list[str], cwd: Path, env: dict[str, str]) -> Sample:
    """Run one process to its end: wall time, CPU time and max RSS of that process."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{err.read().decode(errors='replace')[-3000:]}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def mkdocs_build(project: Path) -> Sample:
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(project / "site")]
    # The floor and the peer load their copies of the hook's Markdown extensions by name.
    extensions = project / sites.EXTENSIONS
    return run_process(cmd, project, env_for(extensions if extensions.is_dir() else None))
