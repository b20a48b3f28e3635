"""Conflicts newsprism reports on real clusters, printed for reading (false alarms need no labels).

    .venv/bin/python bench/bench_conflicts.py [--limit N]

Runs the whole pipeline on each Multi-News dev cluster as one story (as bench_summary.py does) and
prints every conflict with the sentence behind each value, then how many clusters and conflicts
there were and the seconds per cluster. Skips cleanly when ../shared/bench/ is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_summary import DATA, ours  # noqa: E402 - the same run as the summary benchmark


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    clusters = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    clusters = clusters[: args.limit] if args.limit else clusters
    ours(clusters[0]["articles"])  # load models before timing
    table = Table(title="Conflicts reported on Multi-News dev (one story per cluster)", show_lines=True)
    for col in ("cluster", "type", "about", "value: outlets: sentence"):
        table.add_column(col)
    n = 0
    t0 = time.perf_counter()
    for k, c in enumerate(clusters):
        report, story = ours(c["articles"])
        if story is None:
            continue
        text = {s.id: s.text for a in report.articles for s in a.sentences}
        for conflict in story.conflicts:
            n += 1
            values = "\n".join(f"{v.value}: {', '.join(v.outlets)}: {text.get(v.sentence_ids[0], '')[:140]}" for v in conflict.values)
            table.add_row(c.get("id", str(k)), conflict.type, conflict.about, values)
    sec = (time.perf_counter() - t0) / len(clusters)
    con = Console(width=160)
    con.print(table)
    con.print(f"{n} conflicts in {len(clusters)} clusters; {sec:.2f} s per cluster (whole pipeline, models loaded)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
