"""Throughput of ingest + clean + sentences + entities over Multi-News dev articles.

    .venv/bin/python bench/bench_ingest.py [--limit N]

Prints articles/s (model load excluded, reported separately) and peak memory. Skips cleanly
when ../shared/bench/ is absent. Not a test: a table to read and record in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "multinews-dev.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    from newsprism.pipeline import prepare_articles
    from newsprism.nlp import get_nlp

    t0 = time.perf_counter()
    get_nlp()
    load_s = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        n = _write_articles(path, args.limit)
        t1 = time.perf_counter()
        articles, _problems = prepare_articles([path])
        run_s = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    words = sum(len(a.body.split()) for a in articles)
    table = Table(title="ingest + clean + sentences + entities (multinews-dev)")
    for col in ("articles in", "articles out", "body words", "model load s", "run s", "articles/s", "words/s", "peak RSS MB"):
        table.add_column(col, justify="right")
    table.add_row(str(n), str(len(articles)), str(words), f"{load_s:.1f}", f"{run_s:.1f}", f"{len(articles) / run_s:.1f}", f"{words / run_s:.0f}", f"{peak_mb:.0f}")
    Console().print(table)
    return 0


def _write_articles(path: Path, limit: int) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as out:
        for line in DATA.open(encoding="utf-8"):
            cluster = json.loads(line)
            for k, text in enumerate(cluster["articles"]):
                if text.strip():
                    out.write(json.dumps({"id": f"{cluster['id']}-{k}", "text": text}) + "\n")
                    n += 1
                if limit and n >= limit:
                    return n
    return n


if __name__ == "__main__":
    sys.exit(main())
