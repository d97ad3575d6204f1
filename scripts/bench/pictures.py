"""What charts and share images add to a build of the real site (part of `make bench`).

1. build: `mkdocs build` of a copy of the project as it is, and of a copy
   without pictures (content/charts.yml and every `[[chart:ID]]` line removed,
   `share_images: false`), in turns, fresh processes, median of the runs;
2. in process: every chart on the site rendered to SVG once cold (the first
   call starts vl-convert's embedded JavaScript runtime) and then warm
   (uncached), and every page's share image drawn (uncached);
3. bytes: the inline SVG per chart and the PNG per page.
"""

from __future__ import annotations

import re
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bench import sites
from bench.builds import mkdocs_build
from explainer import load_content
from explainer.render.charts import build_chart
from explainer.render.chartsvg import _svg, inline_svg
from explainer.web.share_image import share_card, share_png

_CHART_LINE = re.compile(r"^\[\[chart:[^\]]*\]\]\n?", re.M)


def without_pictures(project: Path) -> None:
    """Remove charts from a copy of the project (its share images are off: `sites.facts_site`)."""
    (project / "content" / "charts.yml").unlink(missing_ok=True)
    for md in (project / "content" / "sections").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        md.write_text(_CHART_LINE.sub("", text), encoding="utf-8")


def bench_pictures(root: Path, runs: int) -> dict[str, Any]:
    projects = {"with": root / "pictures-with", "without": root / "pictures-without"}
    for name, project in projects.items():
        sites.facts_site(project, share_images=name == "with")
        shutil.copytree(sites.ROOT / "content", project / "content")
    without_pictures(projects["without"])
    walls: dict[str, list[float]] = {name: [] for name in projects}
    for project in projects.values():  # warm-up
        mkdocs_build(project)
    for _ in range(runs):
        for name, project in projects.items():
            walls[name].append(mkdocs_build(project).wall)

    result = load_content(sites.ROOT / "content")
    assert result.content is not None
    content = result.content
    charts = list(content.charts.values())
    _svg.cache_clear()
    timings: list[float] = []
    svg_bytes: dict[str, int] = {}
    for _ in range(2):
        _svg.cache_clear()
        start = time.perf_counter()
        for chart in charts:
            view = build_chart(chart, content, "en")
            svg_bytes[chart.id] = len(inline_svg(view.spec, chart.id, view.name, view.description).encode("utf-8"))
        timings.append(time.perf_counter() - start)
    start = time.perf_counter()
    png_bytes = {
        p.id: len(share_png.__wrapped__(share_card(p, content, "Explainer", "en")))  # uncached
        for p in content.pages
    }
    share_s = time.perf_counter() - start
    median = {name: statistics.median(w) for name, w in walls.items()}
    return {
        "build_with_s": round(median["with"], 3),
        "build_without_s": round(median["without"], 3),
        "added_s": round(median["with"] - median["without"], 3),
        "runs_with_s": [round(w, 3) for w in walls["with"]],
        "runs_without_s": [round(w, 3) for w in walls["without"]],
        "charts": len(charts),
        "charts_cold_s": round(timings[0], 3),
        "charts_warm_s": round(timings[1], 3),
        "svg_bytes": svg_bytes,
        "share_images": len(png_bytes),
        "share_images_s": round(share_s, 3),
        "png_bytes": png_bytes,
    }


def markdown(p: dict[str, Any]) -> list[str]:
    svg_kb = sum(p["svg_bytes"].values()) / 1024
    png_kb = sum(p["png_bytes"].values()) / 1024
    return [
        "",
        "| pictures on the real site | value |",
        "|---|---|",
        f"| `mkdocs build` with charts and share images (median) | {p['build_with_s']:.2f} s |",
        f"| the same without them | {p['build_without_s']:.2f} s |",
        f"| added by pictures | {p['added_s']:.2f} s |",
        f"| {p['charts']} charts to SVG, first (vl-convert start-up included) / again | "
        f"{p['charts_cold_s']:.2f} s / {p['charts_warm_s']:.3f} s |",
        f"| {p['share_images']} share images drawn | {p['share_images_s']:.2f} s |",
        f"| inline SVG added to pages / PNG written | {svg_kb:.0f} KB / {png_kb:.0f} KB |",
    ]


if __name__ == "__main__":  # python -m bench.pictures: this part alone
    import json
    import tempfile

    with tempfile.TemporaryDirectory(prefix="bench-pictures-") as tmp:
        report = bench_pictures(Path(tmp), int(sys.argv[1]) if len(sys.argv) > 1 else 5)
    print(json.dumps(report, indent=2))
    print("\n".join(markdown(report)))
