"""`make audit`: Lighthouse on every page of the built site, mobile and desktop, three runs each.

Builds the site (`mkdocs build --strict`) into a temporary folder, serves it on 127.0.0.1 at a
free port, runs Lighthouse (npm `lighthouse`, chromium from CHROME_PATH) on every page listed
in sitemap.xml and writes the median score per category, page and preset to
reports/lighthouse.md and reports/lighthouse.json. Exit status 1 when accessibility, best
practices or SEO is below 100 on any page; performance is reported, not enforced.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from toolkit.machine import describe, machine
from toolkit.server import serve_directory

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
ENFORCED = ("accessibility", "best-practices", "seo")
PRESETS = ("mobile", "desktop")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def build(site_dir: Path, site_url: str, checkout: Path = ROOT, strict: bool = True) -> None:
    """`mkdocs build` of `checkout` (this one, or an earlier revision's worktree) with its own engine."""
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(checkout / "scripts")}
    env.pop("REPO_URL", None)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site_dir)]
    subprocess.run(command + ["--strict"] * strict, cwd=checkout, env=env, check=True)


def sitemap_paths(site_dir: Path, site_url: str) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = ET.parse(site_dir / "sitemap.xml").getroot().iterfind("s:url/s:loc", ns)
    return [(loc.text or "").strip().removeprefix(site_url) for loc in locs]


def lighthouse(url: str, preset: str) -> dict[str, Any]:
    """One Lighthouse run: the JSON report (lhr)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url} ({preset}):\n{result.stderr[-3000:]}")
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def scores(report: dict[str, Any]) -> dict[str, int]:
    return {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}


def failed_audits(report: dict[str, Any], category: str) -> list[str]:
    """Audits that cost points in a category: 'id: title'."""
    found = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
            found.append(f"{ref['id']}: {audit['title']}")
    return found


def table(medians: dict[str, dict[str, dict[str, int]]]) -> str:
    head = "| page | preset | " + " | ".join(CATEGORIES) + " |"
    rule = "|---|---|" + "---:|" * len(CATEGORIES)
    rows = [
        f"| /{path} | {preset} | " + " | ".join(str(by_preset[c]) for c in CATEGORIES) + " |"
        for path, presets in medians.items()
        for preset, by_preset in presets.items()
    ]
    return "\n".join([head, rule, *rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="make audit", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per page and preset (median reported)")
    parser.add_argument("--reports", type=Path, default=ROOT / "reports", help="where to write lighthouse.md/.json")
    parser.add_argument("--pages", nargs="+", help="only these paths ('' is the home page, 'europe/'); default: all")
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS), help="default: both")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.stderr.write("audit: node_modules/.bin/lighthouse missing: run `npm ci --ignore-scripts`\n")
        return 2

    with tempfile.TemporaryDirectory(prefix="audit-") as tmp:
        site_dir = Path(tmp) / "site"
        site_dir.mkdir()
        with serve_directory(site_dir) as base_url:
            build(site_dir, base_url)
            paths = sitemap_paths(site_dir, base_url)
            if args.pages is not None:
                paths = [p for p in paths if p in args.pages]
            runs: dict[str, dict[str, list[dict[str, Any]]]] = {}
            for path in paths:
                for preset in args.presets:
                    for n in range(args.runs):
                        sys.stderr.write(f"audit: /{path} {preset} run {n + 1}/{args.runs}\n")
                        runs.setdefault(path, {}).setdefault(preset, []).append(lighthouse(base_url + path, preset))
            versions = next(iter(next(iter(runs.values())).values()))[0]

    medians = {
        path: {
            preset: {c: round(statistics.median(scores(r)[c] for r in reports)) for c in CATEGORIES}
            for preset, reports in presets.items()
        }
        for path, presets in runs.items()
    }
    problems = [
        f"/{path} {preset}: {c} {m[c]}: "
        + "; ".join(sorted({a for r in runs[path][preset] for a in failed_audits(r, c)}))
        for path, presets in medians.items()
        for preset, m in presets.items()
        for c in ENFORCED
        if m[c] < 100
    ]
    perf_misses = sorted(
        {
            f"/{path} {preset}: " + "; ".join(sorted({a for r in runs[path][preset] for a in failed_audits(r, c)}))
            for path, presets in medians.items()
            for preset, m in presets.items()
            for c in ("performance",)
            if m[c] < 100
        }
    )
    about = (
        f"Lighthouse {versions['lighthouseVersion']}, {versions['environment']['hostUserAgent'].split(') ')[-1]}, "
        f"median of {args.runs} runs per page and preset, {dt.date.today().isoformat()}, on {describe(machine())}."
    )
    markdown = "\n".join(
        [
            "# Lighthouse audit",
            "",
            about,
            "",
            table(medians),
            "",
            *(
                ["Performance below 100 (audits costing points):", "", *[f"- {p}" for p in perf_misses], ""]
                if perf_misses
                else []
            ),
            *(
                ["**Below 100 (accessibility, best practices, SEO):**", "", *[f"- {p}" for p in problems], ""]
                if problems
                else []
            ),
        ]
    )
    args.reports.mkdir(parents=True, exist_ok=True)
    (args.reports / "lighthouse.md").write_text(markdown, encoding="utf-8")
    summary = {
        "about": about,
        "medians": medians,
        "runs": {p: {k: [scores(r) for r in v] for k, v in d.items()} for p, d in runs.items()},
    }
    (args.reports / "lighthouse.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(markdown + "\n")
    if problems:
        sys.stderr.write("audit: accessibility, best practices and SEO must be 100 on every page\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
