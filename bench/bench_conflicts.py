"""Conflicts newsprism reports on real clusters: printed for reading, and (``--review``) counted
against our labels of the clusters no rule was tuned on.

    .venv/bin/python bench/bench_conflicts.py [--limit N]
    .venv/bin/python bench/bench_conflicts.py --review

Default: runs the whole pipeline on each Multi-News dev cluster as one story (as bench_summary.py
does) and prints every conflict with the sentence behind each value, then how many clusters and
conflicts there were and the seconds per cluster.
``--review``: the 160 clusters outside the story gold (the 94 other Multi-News dev clusters, each
article a text file, and the 66 stories-dev gold stories of two or more articles, as JSON lines),
each analysed as one story; each reported conflict is looked up in
bench/annotations/conflicts-review.json (ours: 'real' or 'false', by the sentence ids of its
values) and the table says how many are real, false (by kind) or were never read.
Skips cleanly when ../shared/bench/ is absent.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_summary import DATA, ours  # noqa: E402 - the same run as the summary benchmark

if TYPE_CHECKING:
    import newsprism

ROOT = Path(__file__).resolve().parents[1]
STORIES = DATA.parent / "stories-dev.jsonl"
GOLD = DATA.parent / "story-gold-dev.json"
LABELS = ROOT / "bench" / "annotations" / "conflicts-review.json"


def review_clusters(tmp: Path) -> list[tuple[str, list[Path]]]:
    """(name, input paths) of the clusters outside the story gold, written under ``tmp`` as the
    labels were read (the article ids, and so the sentence ids, come from the same inputs)."""
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    gold = gold.get("clusters", gold)
    out = []
    for row in (json.loads(line) for line in DATA.open(encoding="utf-8")):
        if row["id"] in gold:
            continue
        folder = tmp / row["id"]
        folder.mkdir()
        for i, text in enumerate(row["articles"]):
            (folder / f"article{i + 1}.txt").write_text(text, encoding="utf-8")
        out.append((row["id"], sorted(folder.iterdir())))
    stories: dict[str, list[dict]] = defaultdict(list)
    for row in (json.loads(line) for line in STORIES.open(encoding="utf-8")):
        stories[row["gold_cluster"]].append(row)
    for key, rows in sorted(stories.items()):
        if key in gold or len(rows) < 2:
            continue
        name = "sd-" + key.replace(":", "_")[:40]
        path = tmp / f"{name}.jsonl"
        path.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"], "title": r["title"], "outlet": r["outlet"], "published": r["date"]}) for r in rows), encoding="utf-8")
        out.append((name, [path]))
    return out


def review_analyses() -> Iterator[tuple[str, "newsprism.Report"]]:
    """(name, report) of each review cluster (``review_clusters``), analysed as one story; nothing
    when ../shared/bench/ is absent."""
    import newsprism

    if not (DATA.exists() and STORIES.exists() and GOLD.exists()):
        print(f"skipped: {DATA.parent} not complete (benchmark data lives in ../shared/bench/)")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, paths in review_clusters(Path(tmp)):
            yield name, newsprism.analyze(paths, one_story=True)


def label_of(cluster: str, values: list[set[str]], labels: list[dict]) -> dict | None:
    """The label read for a reported conflict: one of the same cluster whose values' sentences
    meet two of the reported values'."""
    for lab in labels:
        if lab["cluster"] == cluster and sum(any(v & set(ids) for v in values) for ids in lab["values"]) >= 2:
            return lab
    return None


def review() -> int:
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    tally: Counter[str] = Counter()
    unread = []
    matched: set[int] = set()  # real labels some reported conflict matches (two reports may match one)
    t0 = time.perf_counter()
    n_clusters = 0
    for name, report in review_analyses():
        n_clusters += 1
        for story in report.stories:
            for c in story.conflicts:
                lab = label_of(name, [set(v.sentence_ids) for v in c.values], labels)
                tally["reported"] += 1
                if lab and lab["label"] == "real":
                    matched.add(labels.index(lab))
                tally["real" if lab and lab["label"] == "real" else f"false: {lab['kind']}" if lab else "not read"] += 1
                if lab is None:
                    unread.append((name, c.about, " vs ".join(v.value for v in c.values)))
    table = Table(title=f"Conflicts reported on {n_clusters} clusters outside the story gold, against {LABELS.name}")
    table.add_column("conflicts")
    table.add_column("count", justify="right")
    for key in ["reported", "real"] + sorted(k for k in tally if k.startswith("false")) + ["not read"]:
        table.add_row(key, str(tally[key]))
    con = Console(width=160)
    con.print(table)
    read = tally["reported"] - tally["not read"]
    con.print(f"real among those read: {tally['real']}/{read}; labelled real ones still reported: {len(matched)}/{sum(lab['label'] == 'real' for lab in labels)}; {time.perf_counter() - t0:.0f} s")
    for row in unread:
        con.print("not read:", *row)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--review", action="store_true", help="count conflicts on the clusters outside the story gold against our labels")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    if args.review:
        return review()
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
