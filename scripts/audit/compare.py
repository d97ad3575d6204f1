"""`make audit-compare BASE=rev`: Lighthouse performance of this checkout against an earlier revision.

Builds both sites (the earlier one from a temporary `git worktree`, with its own engine on
the path), serves them side by side on two local ports and audits the pages they share in
turns (base, head, base, head, ...), so both see the same machine load. Writes the median
and the spread per page to reports/lighthouse-compare.md and .json. A comparison on a busy
machine is noise: the report prints the load average and every run's score.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from audit.lighthouse import LIGHTHOUSE, PRESETS, ROOT, build, lighthouse, scores, sitemap_paths
from toolkit.machine import describe, machine
from toolkit.server import serve_directory

METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}


def metrics(report: dict[str, Any]) -> dict[str, float]:
    """The metrics the performance score is made of (milliseconds; CLS unitless)."""
    return {short: report["audits"][name]["numericValue"] for name, short in METRICS.items()}


def _metric_medians(reports: list[dict[str, float]]) -> str:
    def shown(short: str) -> str:
        m = statistics.median(r[short] for r in reports)
        return f"{short} {m:.3f}" if short == "CLS" else f"{short} {m:,.0f}"

    return ", ".join(shown(short) for short in METRICS.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make audit-compare", description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the earlier revision (commit, tag or branch)")
    parser.add_argument("--runs", type=int, default=5, help="runs per page, site and preset (median reported)")
    parser.add_argument("--pages", nargs="+", help="only these paths ('' is the home page); default: all shared")
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=["mobile"], help="default: mobile")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.stderr.write("audit: node_modules/.bin/lighthouse missing: run `npm ci --ignore-scripts`\n")
        return 2
    base_rev, head_rev = (
        subprocess.run(
            ["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        for rev in (args.base, "HEAD")
    )

    runs: dict[str, dict[str, dict[str, list[int]]]] = {}
    measured: dict[tuple[str, str, str], list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="audit-compare-") as tmp, ExitStack() as stack:
        worktree = Path(tmp) / "base"
        subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(worktree), base_rev], cwd=ROOT, check=True)
        stack.callback(subprocess.run, ["git", "worktree", "remove", "--force", str(worktree)], cwd=ROOT, check=False)
        sites = {"base": (worktree, Path(tmp) / "base-site"), "head": (ROOT, Path(tmp) / "head-site")}
        urls: dict[str, str] = {}
        for name, (checkout, site_dir) in sites.items():
            site_dir.mkdir()
            urls[name] = stack.enter_context(serve_directory(site_dir))
            sys.stderr.write(f"audit-compare: building {name} ({base_rev if name == 'base' else head_rev})\n")
            build(site_dir, urls[name], checkout, strict=False)  # an earlier revision may warn with today's tools
        shared = set(sitemap_paths(sites["base"][1], urls["base"]))
        paths = [p for p in sitemap_paths(sites["head"][1], urls["head"]) if p in shared]
        if args.pages is not None:
            paths = [p for p in paths if p in args.pages]
        load_before = machine()["load_average"]
        for path in paths:
            for preset in args.presets:
                for n in range(args.runs):
                    for name in ("base", "head"):
                        sys.stderr.write(f"audit-compare: /{path} {preset} {name} run {n + 1}/{args.runs}\n")
                        report = lighthouse(urls[name] + path, preset)
                        runs.setdefault(path, {}).setdefault(preset, {}).setdefault(name, []).append(
                            scores(report)["performance"]
                        )
                        measured.setdefault((path, preset, name), []).append(metrics(report))
        load_after = machine()["load_average"]

    rows: list[str] = []
    worse: list[str] = []
    details: list[str] = []
    for path, presets in runs.items():
        for preset, by_site in presets.items():
            base, head = (statistics.median(by_site[s]) for s in ("base", "head"))
            rows.append(
                f"| /{path} | {preset} | {base:g} | {head:g} | {head - base:+g} "
                f"| {', '.join(map(str, by_site['base']))} | {', '.join(map(str, by_site['head']))} |"
            )
            if head < base:
                worse.append(f"/{path} {preset}")
            details.extend(
                f"- /{path} {preset} {name}: {_metric_medians(measured[(path, preset, name)])}"
                for name in ("base", "head")
            )
    about = (
        f"Lighthouse performance, {base_rev} (base) against {head_rev} (head), audited in turns, "
        f"median of {args.runs} runs each, {dt.date.today().isoformat()}, on {describe(machine())}; "
        f"load average {load_before} before, {load_after} after."
    )
    markdown = "\n".join(
        [
            "# Lighthouse performance: before and after",
            "",
            about,
            "",
            "| page | preset | base | head | change | base runs | head runs |",
            "|---|---|---:|---:|---:|---|---|",
            *rows,
            "",
            f"Lower median on: {', '.join(worse)}." if worse else "No page has a lower median.",
            "",
            "Median metrics (milliseconds; CLS unitless):",
            "",
            *details,
            "",
        ]
    )
    args.reports.mkdir(parents=True, exist_ok=True)
    (args.reports / "lighthouse-compare.md").write_text(markdown, encoding="utf-8")
    (args.reports / "lighthouse-compare.json").write_text(
        json.dumps({"about": about, "runs": runs, "metrics": {" ".join(k): v for k, v in measured.items()}}, indent=2)
        + "\n",
        encoding="utf-8",
    )
    sys.stdout.write(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
