"""Story clustering quality on stories-dev, batch-vs-one-shot difference, and how cost grows.

    .venv/bin/python bench/bench_cluster.py [--sizes 1000,10000,100000] [--ingest 300]

Quality (312 articles, 79 gold stories): pairwise precision/recall/F1 and B-cubed F1 for
newsprism (one run; in 4 date-ordered batches; in 4 batches in random order), every article
alone, and TF-IDF + average-link agglomerative clustering at its best threshold (chosen on the
same data: an optimistic baseline).
Scale: corpora of N articles built from the dev articles' clustering inputs under new ids, with
dates spread over two years and light perturbation (10% of terms dropped, noise on the lead
embedding): the clustering stage runs for real on them, each size in a fresh process, printing
articles/s and peak RSS. The whole ingest (cleaning + spaCy + embeddings + store + clustering) is
timed on the first --ingest dev articles through `newsprism.corpus.ingest`.
Skips cleanly when ../shared/bench/ is absent.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from datetime import date
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
TFIDF_FIXED = 0.85  # the TF-IDF baseline's cosine distance, fixed on stories-dev (issue 17)
DATA = ROOT.parent / "shared" / "bench" / "stories-dev.jsonl"


def pairwise(pred: dict[str, object], gold: dict[str, str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        sp, sg = pred[a] == pred[b], gold[a] == gold[b]
        tp += sp and sg
        fp += sp and not sg
        fn += sg and not sp
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(pred: dict[str, object], gold: dict[str, str]) -> float:
    pc, gc = defaultdict(set), defaultdict(set)
    for a in gold:
        pc[pred[a]].add(a)
        gc[gold[a]].add(a)
    p = np.mean([len(pc[pred[a]] & gc[gold[a]]) / len(pc[pred[a]]) for a in gold])
    r = np.mean([len(pc[pred[a]] & gc[gold[a]]) / len(gc[gold[a]]) for a in gold])
    return float(2 * p * r / (p + r))


def labels(groups: list[list[str]]) -> dict[str, int]:
    return {m: i for i, g in enumerate(groups) for m in g}


def prepared_articles(rows: list[dict]):
    from newsprism.pipeline import prepare_articles

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dev.jsonl"
        path.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"], "title": r["title"], "outlet": r["outlet"], "published": r["date"]}) for r in rows))
        articles, _ = prepare_articles([path])
    return articles


def gold_within_window(gold: dict[str, str], days: dict[str, str], window: int) -> dict[str, tuple[str, int]]:
    """The gold stories, each cut wherever consecutive publication dates are more than ``window``
    days apart: the best any clusterer can do that never joins articles further apart in time
    than that (some gold 'events' are topics spanning months or years)."""
    out: dict[str, tuple[str, int]] = {}
    for story in set(gold.values()):
        members = sorted((days.get(a) or "", a) for a, g in gold.items() if g == story)
        part, last = 0, None
        for day, a in members:
            if last and day and (date.fromisoformat(day) - date.fromisoformat(last)).days > window:
                part += 1
            out[a] = (story, part)
            last = day or last
    return out


def _each_story_alone(docs: list, gold: dict[str, str]) -> dict[str, tuple[str, int]]:
    """Each gold story clustered in a corpus of its own, as a user analysing one folder about one
    event would: how far it is split (the IDF then comes from a handful of texts)."""
    from newsprism.cluster import StoryClusterer

    pred: dict[str, tuple[str, int]] = {}
    for story in sorted(set(gold.values())):
        c = StoryClusterer()
        c.add([d for d in docs if gold[d.id] == story])
        pred.update({m: (story, k) for k, g in enumerate(c.groups()) for m in g})
    return pred


def as_the_corpus_adds(batches: list[list]):
    """Batches added as ``corpus.cluster_pending`` adds them: one that reaches back in time has
    everything seen so far clustered again in date order."""
    from newsprism.cluster import StoryClusterer

    c, seen = StoryClusterer(), []
    for b in batches:
        seen += b
        if c.is_late(d.day for d in b):
            c = StoryClusterer()
            c.add(seen)
        else:
            c.add(b)
    return c


def quality(rows: list[dict]) -> list[tuple[str, float, float, float, float, str]]:
    from sklearn.cluster import AgglomerativeClustering
    from sklearn.feature_extraction.text import TfidfVectorizer

    from newsprism.cluster import WINDOW_DAYS, StoryClusterer, story_docs
    from newsprism.embed import get_embedder

    articles = prepared_articles(rows)
    gold = {a.id: next(r["gold_cluster"] for r in rows if r["id"] == a.id) for a in articles}
    docs = story_docs(articles, get_embedder())
    out = []

    def run(name: str, batches: list[list], note: str = "") -> dict[str, int]:
        c = StoryClusterer()
        t0 = time.perf_counter()
        for b in batches:
            c.add(b)
        pred = labels(c.groups())
        out.append((name, *pairwise(pred, gold), bcubed(pred, gold), note or f"{time.perf_counter() - t0:.2f} s"))
        return pred

    one_run = run("newsprism (one run)", [docs])
    for prefix, what in (("g5w:", "Giveme5W1H part only"), ("basil:", "BASIL part only (hard negatives)")):
        sub = {a: g for a, g in gold.items() if g.startswith(prefix)}
        out.append((f"newsprism (one run), {what}", *pairwise({a: one_run[a] for a in sub}, sub), bcubed({a: one_run[a] for a in sub}, sub), f"{len(sub)} articles"))
    ordered = sorted(docs, key=lambda d: (d.day, d.id))
    run("newsprism (4 date-ordered batches)", [ordered[k * len(ordered) // 4 : (k + 1) * len(ordered) // 4] for k in range(4)])
    shuffled = docs[:]
    random.Random(0).shuffle(shuffled)
    quarters = [shuffled[k * len(shuffled) // 4 : (k + 1) * len(shuffled) // 4] for k in range(4)]
    run("newsprism (4 batches, random order, clusterer alone)", quarters)
    t0 = time.perf_counter()
    pred = labels(as_the_corpus_adds(quarters).groups())
    out.append(("newsprism (4 batches, random order, as the corpus adds them)", *pairwise(pred, gold), bcubed(pred, gold), f"{time.perf_counter() - t0:.2f} s; a late batch is clustered again with the rest"))
    alone = _each_story_alone(docs, gold)
    out.append(("newsprism, each gold story clustered on its own", *pairwise(alone, gold), bcubed(alone, gold), "a folder per event (precision 1 by design)"))
    single = {a: i for i, a in enumerate(gold)}
    out.append(("every article alone", *pairwise(single, gold), bcubed(single, gold), ""))
    days = {a.id: a.published[:10] if a.published else "" for a in articles}
    for window in (WINDOW_DAYS, 365):
        ceiling = gold_within_window(gold, days, window)
        out.append((f"gold, cut where dates are > {window} days apart", *pairwise(ceiling, gold), bcubed(ceiling, gold), "ceiling for a time window"))
    texts = [f"{a.headline or ''} {a.body}" for a in articles]
    sim = (TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts) @ TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts).T).toarray()
    best = None
    for t in np.arange(0.50, 0.99, 0.01):
        lab = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=t).fit_predict(1 - sim)
        pred = {a.id: int(lab[i]) for i, a in enumerate(articles)}
        res = (*pairwise(pred, gold), bcubed(pred, gold))
        if best is None or res[2] > best[0][2]:
            best = (res, t)
    out.append(("TF-IDF + average-link (best threshold)", *best[0], f"distance {best[1]:.2f}"))
    lab = AgglomerativeClustering(n_clusters=None, metric="precomputed", linkage="average", distance_threshold=TFIDF_FIXED).fit_predict(1 - sim)
    fixed = {a.id: int(lab[i]) for i, a in enumerate(articles)}
    out.append((f"TF-IDF + average-link (fixed distance {TFIDF_FIXED})", *pairwise(fixed, gold), bcubed(fixed, gold), "the issue's baseline"))
    for prefix, what in (("g5w:", "Giveme5W1H part"), ("basil:", "BASIL part")):
        sub = {a: g for a, g in gold.items() if g.startswith(prefix)}
        out.append((f"TF-IDF (fixed distance {TFIDF_FIXED}), {what}", *pairwise({a: fixed[a] for a in sub}, sub), bcubed({a: fixed[a] for a in sub}, sub), f"{len(sub)} articles"))
    return out


def scale_worker(n: int) -> None:
    """Run in a fresh process: cluster n synthetic articles, print JSON (articles/s, peak MB).

    Synthetic events: each takes the articles of one gold story of the dev set, moves 60% of their
    terms to event-specific term ids and their lead embeddings towards an event-specific
    direction, and gets its own date (articles within +-2 days) in a two-year span. So articles
    of one event resemble each other and differ from every other event, as real coverage does."""
    import pickle

    from newsprism.cluster import HASH_BITS, StoryClusterer, StoryDoc

    base, groups = pickle.loads(Path(sys.argv[3]).read_bytes())
    rng = np.random.default_rng(0)
    start = date(2016, 1, 1).toordinal()
    docs: list[StoryDoc] = []
    event = 0
    while len(docs) < n:
        members = groups[event % len(groups)]
        direction = rng.normal(0, 1, base[members[0]].lead.shape).astype(np.float32)
        direction /= np.linalg.norm(direction)
        day0 = start + int(rng.integers(0, 730))
        for m in members[: n - len(docs)]:
            d = base[m]
            moved = rng.random(len(d.terms)) < 0.6
            terms = np.where(moved, (d.terms * 2654435761 + event * 97) % (2**HASH_BITS), d.terms)
            lead = d.lead + 1.2 * direction
            docs.append(StoryDoc(f"e{event}-{m}", date.fromordinal(day0 + int(rng.integers(-2, 3))), terms, d.tf, lead / np.linalg.norm(lead)))
        event += 1
    c = StoryClusterer()
    t0 = time.perf_counter()
    c.add(docs)
    sec = time.perf_counter() - t0
    print(json.dumps({"n": n, "sec": sec, "per_s": n / sec, "stories": len(c.stories), "events": event, "peak_mb": _peak_mb()}))


def _peak_mb() -> float:
    """This process's peak RSS (VmHWM; ru_maxrss would include the parent's peak across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def scale(rows: list[dict], sizes: list[int]) -> list[dict]:
    import pickle

    from newsprism.cluster import story_docs
    from newsprism.embed import get_embedder

    articles = prepared_articles(rows)
    docs = story_docs(articles, get_embedder())
    gold = {r["id"]: r["gold_cluster"] for r in rows}
    by_gold: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(articles):
        by_gold[gold[a.id]].append(i)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "docs.pkl"
        path.write_bytes(pickle.dumps((docs, list(by_gold.values()))))
        res = []
        for n in sizes:
            proc = subprocess.run([sys.executable, __file__, "--scale-worker", str(n), str(path)], capture_output=True, text=True, timeout=3000)
            res.append(json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else {"n": n, "error": proc.stderr[-300:]})
        return res


def ingest_speed(rows: list[dict], n: int) -> dict:
    from newsprism.corpus import ingest

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("\n".join(json.dumps({"id": r["id"], "text": r["text"], "title": r["title"], "outlet": r["outlet"], "published": r["date"]}) for r in rows[:n]))
        ingest([ROOT / "examples" / "syria-ceasefire-2017"], Path(tmp) / "warm.duckdb")  # load models first
        t0 = time.perf_counter()
        result = ingest([path], Path(tmp) / "c.duckdb")
        sec = time.perf_counter() - t0
    return {"n": result.added, "sec": sec, "per_s": result.added / sec, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--scale-worker":
        scale_worker(int(sys.argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--ingest", type=int, default=300, help="articles for the whole-ingest timing")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    con = Console(width=140)
    t = Table(title="Story clustering on stories-dev (312 articles, 79 gold stories)")
    for col in ("system", "pairwise P", "pairwise R", "pairwise F1", "B-cubed F1", "note"):
        t.add_column(col)
    for name, p, r, f, b, note in quality(rows):
        t.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}", f"{b:.3f}", note)
    con.print(t)
    s = Table(title="Clustering stage at scale (synthetic corpora from dev inputs; fresh process per size)")
    for col in ("articles", "seconds", "articles/s", "stories (events)", "peak RSS MB"):
        s.add_column(col, justify="right")
    for r in scale(rows, [int(x) for x in args.sizes.split(",")]):
        s.add_row(str(r["n"]), *([f"{r['sec']:.1f}", f"{r['per_s']:.0f}", f"{r['stories']} ({r['events']})", f"{r['peak_mb']:.0f}"] if "sec" in r else ["error", r["error"], "", ""]))
    con.print(s)
    ing = ingest_speed(rows, args.ingest)
    con.print(f"Whole ingest (clean + spaCy + embeddings + copies + store + clustering): {ing['n']} articles in {ing['sec']:.1f} s = {ing['per_s']:.1f} articles/s, peak RSS {ing['peak_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
