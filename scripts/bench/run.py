"""`make bench`: how fast the facts layer is, next to MkDocs alone and to mkdocs-macros.

For each size of synthetic content (`bench.generate`) it measures, as the
median of `--runs` runs with the smallest and largest shown:

1. check: `python -m explainer check`, a fresh process (start-up included);
2. merge: `load_content` + `render_site` in this process (no start-up);
3. facts: `mkdocs build` of the project with the hook;
4. floor: `mkdocs build` of the same pages written as plain Markdown;
5. peer: `mkdocs build` of the same pages through mkdocs-macros-plugin.

Builds are fresh processes (`python -m mkdocs build`), so imports count the
same for all three, timed with `time.perf_counter` around the process; CPU
time and peak memory (max RSS) come from `os.wait4` for that process alone.
The three builds take turns within each run, so a busy moment of the machine
hits all of them; the first run pays for cold caches like any first run, and
the median leaves it out. Afterwards the three sites must have the same HTML,
page for page, or the run fails. The merge's memory is the peak of Python
allocations (`tracemalloc`, one extra run).

The synthetic sites are built in the original language only. The real site
is then built in every language of `mkdocs.yml` and in the original only, in
turns, and the ratio reported (target ≤ 2.1×).

Then it starts `mkdocs serve` on a copy of the real project, edits a fact
(46 data centres), and times save -> new value served on the page in every
language, `--runs` times, with and without `--dirty`; then the same on the
largest generated project (a count fact on one of its pages); and measures
what charts and share images add to a build of the real site (`bench.pictures`).

Writes `reports/bench.json` and `reports/bench.md` (the tables for MAINTAINING.md).
`--quick` or `BENCH_SIZES=100/10/5,1000/100/25` shrinks it; `--profile` adds
a cProfile of the merge at the largest size (`reports/profile-merge.txt`).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import html
import io
import itertools
import json
import math
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from mkdocs.config import load_config

from bench import sites
from bench.builds import Sample, env_for, mkdocs_build, run_process
from bench.generate import SIZES, Size, fact_id, generate
from bench.pictures import bench_pictures
from bench.pictures import markdown as pictures_markdown
from explainer import (
    Checks,
    Fact,
    RenderedPage,
    SiteInfo,
    escape,
    load_content,
    read_history,
    read_settings,
    render_site,
)
from explainer.kinds import format_value
from toolkit.machine import machine
from toolkit.server import free_port, wait_for

REPORTS = sites.ROOT / "reports"
BUILDS = ("facts", "floor", "peer")
RELOAD_FILE = "content/facts/ovhcloud.yml"
RELOAD_PAGE = "europe/"
RELOAD_VALUE = 46  # ovhcloud.datacenters: "46 data centres"
RELOAD_FACT = fact_id(6)  # generated content: a count without a qualifier


@dataclass(frozen=True)
class ReloadCase:
    """An edit to time under `mkdocs serve`: a count's `value:` line and how the page shows it."""

    name: str
    project: Path
    file: str
    page: str
    value: int
    shown: Callable[[int, str], str]
    """What the page in a language shows for a value."""
    languages: tuple[str, ...] = ("en",)
    """The site's languages, the original first: the page is waited for in each."""
    poll: float = 0.01
    """Seconds between two requests for the page (a large page read often slows the rebuild)."""
    quoted: str | None = None
    """How the fact's excerpts write its value (`{} data centers`): the edit changes them with the value,
    as a correction quotes the words that give it, so the content stays free of warnings."""


@dataclass
class Measure:
    samples: list[Sample] = field(default_factory=list)
    peak_kb: int = 0
    memory: str = "max RSS"

    @property
    def median(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    @property
    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def cell(self) -> str:
        walls = [s.wall for s in self.samples]
        return f"{self.median:.2f} ({min(walls):.2f}–{max(walls):.2f})"

    def as_json(self) -> dict[str, Any]:
        walls = [s.wall for s in self.samples]
        return {
            "median_s": round(self.median, 4),
            "min_s": round(min(walls), 4),
            "max_s": round(max(walls), 4),
            "cpu_median_s": round(self.cpu, 4),
            "peak_kb": self.peak_kb,
            "memory": self.memory,
            "runs_s": [round(w, 4) for w in walls],
        }


def merge_once(content: Path) -> tuple[Sample, list[RenderedPage]]:
    start, cpu = time.perf_counter(), time.process_time()
    result = load_content(content)
    if result.content is None:
        raise RuntimeError("\n".join(map(str, result.diagnostics)))
    pages = render_site(result.content)
    return Sample(time.perf_counter() - start, time.process_time() - cpu), pages


_HEAD = re.compile(rb"<head>.*?</head>", re.S)


def _body(path: Path) -> bytes:
    """A page without its <head> (the facts site alone adds metadata, JSON-LD and a CSP there)
    and without blank lines (Material's templates leave some where page metadata is tested)."""
    body = _HEAD.sub(b"", path.read_bytes(), count=1)
    return b"\n".join(line for line in body.splitlines() if line.strip())


def same_html(a: Path, b: Path) -> list[str]:
    """Pages whose visible HTML (everything but <head>) differs between two built sites."""
    names = sorted(p.relative_to(a).as_posix() for p in a.rglob("*.html"))
    other = sorted(p.relative_to(b).as_posix() for p in b.rglob("*.html"))
    if names != other:
        return ["(different sets of pages)"]
    return [n for n in names if _body(a / n) != _body(b / n)]


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def site_info(project: Path) -> SiteInfo:
    """The site descriptor the build renders `project` with (its name, address, dates; no repository,
    as the builds run without REPO_URL): the floor and the peer get the same pages, "Cite this"
    blocks and update dates included."""
    config = load_config(str(project / "mkdocs.yml"))
    settings, _ = read_settings(project / "mkdocs.yml")
    changes = read_history(project / "content")
    return settings.site_info(config.site_name, config.site_url, changes, epoch=os.environ.get("SOURCE_DATE_EPOCH"))


def bench_size(size: Size, root: Path, runs: int) -> tuple[dict[str, Measure], int]:
    projects = {name: root / name for name in BUILDS}
    sites.facts_site(projects["facts"], share_images=False)  # like the floor and peer; see bench.pictures
    content = generate(projects["facts"], size)
    result = load_content(content)
    if result.content is None:
        raise RuntimeError("generated content is invalid:\n" + "\n".join(map(str, result.diagnostics)))
    pages = render_site(result.content, site_info(projects["facts"]))
    rendered_kb = sum(len(p.markdown.encode("utf-8")) for p in pages) // 1024
    sites.floor_site(projects["floor"], pages)
    sites.peer_site(projects["peer"], pages, result.content)
    out = {name: Measure() for name in ("check", "merge", *BUILDS)}

    check = [sys.executable, "-m", "explainer", "check"]
    check_env = env_for(projects["facts"] / "scripts")
    run_process(check, projects["facts"], check_env)  # warm-up: bytecode, file cache
    for _ in range(runs):
        out["check"].samples.append(run_process(check, projects["facts"], check_env))

    merge_once(content)
    for _ in range(runs):
        out["merge"].samples.append(merge_once(content)[0])
    tracemalloc.start()
    merge_once(content)
    out["merge"].peak_kb = tracemalloc.get_traced_memory()[1] // 1024
    out["merge"].memory = "Python peak (tracemalloc)"
    tracemalloc.stop()

    progress(f"  {size.label}: {runs} runs of the facts, floor and peer builds in turn")
    for name in BUILDS:  # warm-up: bytecode of the hook and extensions, file cache
        mkdocs_build(projects[name])
    for _ in range(runs):
        for name in BUILDS:
            out[name].samples.append(mkdocs_build(projects[name]))
    for other in ("floor", "peer"):
        differ = same_html(projects["facts"] / "site", projects[other] / "site")
        if differ:
            raise RuntimeError(f"the {other} site's HTML differs from the facts site's: {differ[:5]}")
    for m in out.values():
        if m.memory == "max RSS":
            m.peak_kb = max(s.peak_kb for s in m.samples)
    return out, rendered_kb


# --- reload -------------------------------------------------------------------


@contextlib.contextmanager
def serving(project: Path, page: str, *extra: str) -> Iterator[tuple[str, Path]]:
    port = free_port()
    log_path = project / "serve.log"
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload", *extra]
    with log_path.open("w") as log:
        server = subprocess.Popen(cmd, cwd=project, env=env_for(), stdout=log, stderr=subprocess.STDOUT)
        try:
            yield f"http://127.0.0.1:{port}/{page}", log_path
        finally:
            server.terminate()
            server.wait(timeout=30)


BUILT_IN = re.compile(r"Documentation built in ([0-9.]+) seconds")


def real_site_case(root: Path) -> ReloadCase:
    """A copy of the real project in every language; the edit: OVHcloud's 46 data centres."""
    project = root / "reload-real"
    sites.facts_site(project, all_languages=True)
    shutil.copytree(sites.ROOT / "content", project / "content")
    fact, languages = _reload_fact(project)
    return ReloadCase(
        "real site",
        project,
        RELOAD_FILE,
        RELOAD_PAGE,
        RELOAD_VALUE,
        lambda n, lang: f">{html.escape(format_value(replace(fact, value=n), lang))}<",
        languages=languages,
        quoted="{} data centers",
    )


def generated_case(size: Size, project: Path) -> ReloadCase:
    """A generated project (the facts build's, built already); the edit: a count on one of its pages."""
    result = load_content(project / "content")
    if result.content is None:
        raise RuntimeError("generated content is invalid")
    fact = result.content.facts[RELOAD_FACT]
    if fact.kind != "count" or not isinstance(fact.value, int) or fact.qualifier:
        raise RuntimeError(f"{RELOAD_FACT} is no longer a plain count; update RELOAD_FACT in scripts/bench/run.py")
    page = next(p.page for p in render_site(result.content) if RELOAD_FACT in p.fact_ids)
    url = "" if page.id == "index" else f"{page.id}/"
    return ReloadCase(
        size.label,
        project,
        fact.origin.path,
        url,
        fact.value,
        lambda n, lang: f">{escape(format_value(replace(fact, value=n), lang))}<",
        poll=0.1,
        languages=result.content.languages,
    )


def bench_reload(case: ReloadCase, runs: int, *extra: str) -> dict[str, Any]:
    """Save a fact edit -> new value served (in every language)."""
    path = case.project / case.file
    original = path.read_text(encoding="utf-8")
    latencies: list[float] = []
    with serving(case.project, case.page, *extra) as (url, log):
        # The page in every language: the time until the last of them shows the new value.
        base = url.removesuffix(case.page)
        urls = {lang: f"{base}{'' if i == 0 else lang + '/'}{case.page}" for i, lang in enumerate(case.languages)}

        def shown(value: int, timeout: float = 600.0, step: float = case.poll) -> float:
            start = time.perf_counter()
            for lang, page in urls.items():
                wait_for(page, case.shown(value, lang), timeout, step)
            return time.perf_counter() - start

        shown(case.value, step=0.2)
        time.sleep(1)
        value = case.value
        for _ in range(runs):
            text = path.read_text(encoding="utf-8")
            new = value + 1
            if text.count(f"value: {value}\n") != 1:
                raise RuntimeError(f"{case.file} has no single 'value: {value}' line to edit")
            text = text.replace(f"value: {value}\n", f"value: {new}\n")
            if case.quoted is not None:
                text = text.replace(case.quoted.format(value), case.quoted.format(new))
            path.write_text(text, encoding="utf-8")
            latencies.append(shown(new))
            value = new
            time.sleep(1)  # let the server settle before the next edit
        path.write_text(original, encoding="utf-8")
        shown(case.value)
        builds = [float(x) for x in BUILT_IN.findall(log.read_text(encoding="utf-8"))]
    rebuilds = builds[1 : 1 + runs]
    return {
        "content": case.name,
        "command": " ".join(["mkdocs serve --livereload", *extra]),
        "languages": list(case.languages),
        "median_s": round(statistics.median(latencies), 4),
        "min_s": round(min(latencies), 4),
        "max_s": round(max(latencies), 4),
        "runs_s": [round(x, 4) for x in latencies],
        "initial_build_s": builds[0] if builds else None,
        "rebuild_median_s": statistics.median(rebuilds) if rebuilds else None,
    }


def _reload_fact(project: Path) -> tuple[Fact, tuple[str, ...]]:
    """The fact the reload edits (the one at RELOAD_VALUE in RELOAD_FILE) and the site's languages."""
    checks = Checks.from_settings(read_settings(project / "mkdocs.yml")[0])
    content = load_content(project / "content", base=project, checks=checks).content
    assert content is not None, "the real content does not load"
    found = [f for f in content.facts.values() if f.origin.path == RELOAD_FILE and f.value == RELOAD_VALUE]
    if len(found) != 1:
        raise RuntimeError(f"{RELOAD_FILE} has no single fact of value {RELOAD_VALUE}; update RELOAD_VALUE")
    return found[0], content.languages


def bench_languages(root: Path, runs: int) -> dict[str, Any]:
    """`mkdocs build` of the real project in every language of mkdocs.yml against the original only."""
    projects = {"all": root / "languages-all", "one": root / "languages-one"}
    for name, project in projects.items():
        sites.facts_site(project, all_languages=name == "all")
        shutil.copytree(sites.ROOT / "content", project / "content")
    measures = {name: Measure() for name in projects}
    for _ in range(runs):
        for name, project in projects.items():
            sample = mkdocs_build(project)
            measures[name].samples.append(sample)
            measures[name].peak_kb = max(measures[name].peak_kb, sample.peak_kb)
    _, languages = _reload_fact(projects["all"])
    return {
        "languages": list(languages),
        "all": {**measures["all"].as_json(), "cell": measures["all"].cell()},
        "one": {**measures["one"].as_json(), "cell": measures["one"].cell()},
        "ratio": ratio(measures["all"].median, measures["one"].median),
        "ratio_cpu": ratio(measures["all"].cpu, measures["one"].cpu),
    }


# --- report -------------------------------------------------------------------


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b else float("nan")


def profile_merge(content: Path, out: Path) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    merge_once(content)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(30)
    out.write_text(text.getvalue(), encoding="utf-8")


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    sizes = report["sizes"]
    rows: list[dict[str, Any]] = []

    def add(name: str, value: float, limit: float, unit: str = "") -> None:
        rounded = round(value, 3 if unit == "×" else 2)
        rows.append({"target": name, "value": rounded, "limit": limit, "unit": unit, "met": value <= limit})

    for s in sizes:
        add(f"overhead facts ÷ floor at {s['size']}", s["overhead_ratio"], 1.05, "×")
        add(f"peer ratio facts ÷ peer at {s['size']}", s["peer_ratio"], 1.0, "×")
    for g in report["growth"]:
        for what in ("check", "merge"):
            add(f"growth of the {what}, {g['from']} -> {g['to']}", g[what], 11.0, "×")
    big = [s for s in sizes if s["size"] == SIZES[-1].label]
    if big:
        add(f"check at {SIZES[-1].label}", big[0]["check"]["median_s"], 1.0, "s")
    for r in report["reload"]:
        if r["content"] == "real site":
            add(f"reload, every language ({r['command']})", r["median_s"], 1.0, "s")
    if report.get("languages"):
        n = len(report["languages"]["languages"])
        add(f"build in {n} languages ÷ build in one", report["languages"]["ratio"], 2.1, "×")
    return rows


def markdown_report(report: dict[str, Any]) -> str:
    lines = [
        "| facts / sections / pages | check | merge | build: facts | build: floor | build: peer "
        "| facts ÷ floor | facts ÷ peer | same, CPU time |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for s in report["sizes"]:
        cells = [s[k]["cell"] for k in ("check", "merge", *BUILDS)]
        ratios = f"{s['overhead_ratio']} | {s['peer_ratio']} | {s['overhead_ratio_cpu']} / {s['peer_ratio_cpu']}"
        lines.append(f"| {s['size']} | " + " | ".join(cells) + f" | {ratios} |")
    lines += [
        "",
        "| size | rendered Markdown (KB) | peak MB: check | merge (Python) | build: facts | floor | peer |",
    ]
    lines.append("|---|---|---|---|---|---|---|")
    for s in report["sizes"]:
        memory = [f"{s[k]['peak_kb'] / 1024:.0f}" for k in ("check", "merge", *BUILDS)]
        cells = [str(s["rendered_markdown_kb"]), *memory]
        lines.append(f"| {s['size']} | " + " | ".join(cells) + " |")
    if report["growth"]:
        lines += [
            "",
            "| growth per 10× facts | rendered Markdown | check | merge | build: facts | build: floor | build: peer |",
        ]
        lines.append("|---|---|---|---|---|---|---|")
        for g in report["growth"]:
            cells = [f"{g[k]}×" for k in ("rendered_factor", "check", "merge", *BUILDS)]
            lines.append(f"| {g['from']} → {g['to']} | " + " | ".join(cells) + " |")
    if report["reload"]:
        lines += ["", "| reload after a fact edit | content | median | min–max | MkDocs rebuild (median) |"]
        lines.append("|---|---|---|---|---|")
        for r in report["reload"]:
            rebuild = f"{r['rebuild_median_s']:.2f}" if r["rebuild_median_s"] is not None else "?"
            lines.append(
                f"| `{r['command'].strip()}` | {r['content']} | {r['median_s']:.2f} | "
                f"{r['min_s']:.2f}–{r['max_s']:.2f} | {rebuild} |"
            )
    if report.get("languages"):
        lang = report["languages"]
        lines += [
            "",
            f"| real site, mkdocs build | {' + '.join(lang['languages'])} | {lang['languages'][0]} only "
            "| ratio | ratio, CPU time |",
            "|---|---|---|---|---|",
            f"| seconds | {lang['all']['cell']} | {lang['one']['cell']} | {lang['ratio']}× | {lang['ratio_cpu']}× |",
        ]
    if report.get("pictures"):
        lines += pictures_markdown(report["pictures"])
    lines += ["", "| target | value | met |", "|---|---|---|"]
    for t in report["targets"]:
        limit = f"≤ {t['limit']}{t['unit']}"
        lines.append(f"| {t['target']} ({limit}) | {t['value']}{t['unit']} | {'yes' if t['met'] else '**no**'} |")
    m = report["machine"]
    lines += [
        "",
        f"{report['date']}, {m['cpu']}, {m['cores']} cores, Python {m['python']}; "
        f"{report['runs']} runs each (median, min–max in seconds); "
        f"load average at the end {m['load_average']}; whole run {report['total_s']:.0f} s.",
    ]
    return "\n".join(lines) + "\n"


def parse_sizes(text: str) -> list[Size]:
    return [Size.parse(part.strip()) for part in text.split(",") if part.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (default 5, at least 5)")
    parser.add_argument("--sizes", type=parse_sizes, help="facts/sections/pages,... (default: $BENCH_SIZES or all)")
    parser.add_argument("--quick", action="store_true", help="the two smaller sizes only")
    parser.add_argument("--no-reload", action="store_true", help="skip the mkdocs serve measurement")
    parser.add_argument("--profile", action="store_true", help="write a cProfile of the merge at the largest size")
    parser.add_argument("--no-pictures", action="store_true", help="skip what charts and share images add")
    args = parser.parse_args(argv)
    if args.runs < 5:
        parser.error("--runs must be at least 5 (medians of fewer runs mean little here)")
    sizes: list[Size] = args.sizes or (parse_sizes(os.environ["BENCH_SIZES"]) if os.environ.get("BENCH_SIZES") else [])
    sizes = sizes or list(SIZES[:2] if args.quick else SIZES)
    started = time.perf_counter()
    REPORTS.mkdir(exist_ok=True)

    report: dict[str, Any] = {"date": dt.datetime.now().astimezone().isoformat(timespec="minutes"), "runs": args.runs}
    results: list[tuple[Size, dict[str, Measure]]] = []
    rendered: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        for size in sizes:
            progress(f"size {size.label} (facts/sections/pages)")
            measures, rendered[size.label] = bench_size(size, Path(tmp) / size.label.replace("/", "-"), args.runs)
            results.append((size, measures))
            if args.profile and size == sizes[-1]:
                profile_merge(Path(tmp) / size.label.replace("/", "-") / "facts/content", REPORTS / "profile-merge.txt")
        progress(f"languages: the real site in every language and in one, {args.runs} builds each")
        report["languages"] = bench_languages(Path(tmp), args.runs)
        reload: list[dict[str, Any]] = []
        if not args.no_reload:
            cases = [real_site_case(Path(tmp))]
            if results:
                largest = max((size for size, _ in results), key=lambda s: s.facts)
                cases.append(generated_case(largest, Path(tmp) / largest.label.replace("/", "-") / "facts"))
            for case in cases:
                for extra in ((), ("--dirty", "--no-strict")):  # strict mode refuses --dirty
                    progress(f"reload: {case.name}, mkdocs serve {' '.join(extra)}, {args.runs} edits")
                    reload.append(bench_reload(case, args.runs, *extra))
        pictures: dict[str, Any] | None = None
        if not args.no_pictures:
            progress(f"pictures: the real site with and without charts and share images, {args.runs} runs")
            pictures = bench_pictures(Path(tmp), args.runs)

    report["sizes"] = []
    for size, measures in results:
        entry: dict[str, Any] = {
            "size": size.label,
            "facts": size.facts,
            "sections": size.sections,
            "pages": size.pages,
            "rendered_markdown_kb": rendered[size.label],
        }
        for name, m in measures.items():
            entry[name] = {**m.as_json(), "cell": m.cell()}
        entry["overhead_ratio"] = ratio(measures["facts"].median, measures["floor"].median)
        entry["peer_ratio"] = ratio(measures["facts"].median, measures["peer"].median)
        entry["overhead_ratio_cpu"] = ratio(measures["facts"].cpu, measures["floor"].cpu)
        entry["peer_ratio_cpu"] = ratio(measures["facts"].cpu, measures["peer"].cpu)
        report["sizes"].append(entry)
    report["growth"] = []
    for (a, ma), (b, mb) in itertools.pairwise(results):
        decades = math.log10(b.facts / a.facts)  # time ratio per 10x content
        growth: dict[str, Any] = {"from": a.label, "to": b.label, "content_factor": b.facts / a.facts}
        growth["rendered_factor"] = round(rendered[b.label] / rendered[a.label], 2)
        for name in ma:
            growth[name] = round((mb[name].median / ma[name].median) ** (1 / decades), 2)
        report["growth"].append(growth)
    report["reload"] = reload
    report["pictures"] = pictures
    report["targets"] = targets(report)
    report["machine"] = machine()
    report["total_s"] = round(time.perf_counter() - started, 1)

    (REPORTS / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    table = markdown_report(report)
    (REPORTS / "bench.md").write_text(table, encoding="utf-8")
    print(table)
    print(f"wrote {REPORTS / 'bench.json'} and {REPORTS / 'bench.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
