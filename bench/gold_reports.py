"""The story gold's reports, as ``score_story.py`` makes them: shared by the benches that read
newsprism's analyses of the 17 dev clusters (``bench_junk.py``, ``bench_credit.py``)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT.parent / "shared" / "bench"
GOLD = BENCH / "story-gold-dev.json"


def arguments(doc: str, review: bool = False) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--skip-run", action="store_true", help="read the reports score_story.py last wrote")
    if review:
        ap.add_argument("--review", action="store_true", help="the clusters outside the story gold, against their own audit")
    return ap.parse_args()


def gold_reports(skip_run: bool) -> Iterator[tuple[str, dict, dict[str, str], dict | None]]:
    """(cluster key, its gold, its article texts, newsprism's report or None) per gold cluster,
    through the scorer's own helpers (same inputs, same output folder); nothing when the gold is
    absent (benchmark data lives in ../shared/bench/)."""
    if not GOLD.exists():
        print(f"skipped: {GOLD} not found (benchmark data lives in ../shared/bench/)")
        return
    sys.path.insert(0, str(BENCH))
    import score_story as ss  # the scorer's own loading, so both read the same reports

    clusters = json.loads(GOLD.read_text())
    clusters = clusters.get("clusters", clusters)
    for key in sorted(clusters):
        gold = clusters[key]
        texts = ss.load_texts(gold, BENCH, ROOT)
        yield key, gold, texts, ss.analyze(ss.materialize(key, gold, texts), skip_run)


def norm(text: str | None) -> str:
    """The scorer's normalisation of a quote or a line."""
    sys.path.insert(0, str(BENCH))
    import score_story as ss

    return ss.norm(text)
