"""What a measurement ran on, written beside its results (bench and audit reports)."""

from __future__ import annotations

import contextlib
import os
import platform
from pathlib import Path


def _cpu() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def machine() -> dict[str, str]:
    """Host, CPU model, cores, Python, operating system and the load average now."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {
        "host": platform.node(),
        "cpu": _cpu(),
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": " ".join(f"{x:.2f}" for x in load),
    }


def describe(m: dict[str, str]) -> str:
    """One line: `host: CPU, N cores, OS`."""
    return f"{m['host']}: {m['cpu']}, {m['cores']} cores, {m['platform']}"
