"""Cross-source analysis quality on hand-annotated stories, and speed.

    .venv/bin/python bench/bench_story.py

Reads ../shared/bench/stories-dev.jsonl (skips cleanly when absent) and the annotations in
bench/annotations/stories-dev-annotations.json (10 stories read by hand). Prints, per part:
- entities: pairwise precision/recall of merged spelling variants (ours vs exact-string matching);
- agreed facts: recall (an annotated fact found as one claim backed by all its articles) and
  purity (share of our multi-outlet claims touching an annotated fact whose sentences all state it);
- conflicts: precision/recall against the annotated conflicts (stories without any count too);
- original source: accuracy where one is annotated;
- speed: seconds to analyse the largest annotated story and a 10-article story, models loaded.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "stories-dev.jsonl"
ANNOTATIONS = ROOT / "bench" / "annotations" / "stories-dev-annotations.json"
TEN_ARTICLE_STORY = "g5w:10:chrissy_teigen_live_tweets_nightmare_flight_after_bizarre_passenger_mishap"


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    import newsprism
    from newsprism.entities import key

    rows = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    by_cluster: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_cluster[r["gold_cluster"]].append(r)
    ann = json.loads(ANNOTATIONS.read_text(encoding="utf-8"))["stories"]
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0])
    per_story = []
    timings = []
    for s in ann:
        t0 = time.perf_counter()
        report = _analyze(newsprism, by_cluster[s["gold_cluster"]])
        timings.append((s["gold_cluster"], len(report.articles), time.perf_counter() - t0))
        story = report.stories[0]
        ent = _entity_scores(story, s, key)
        base = _entity_scores(_exact_match_story(report), s, key)
        fact = _fact_scores(report, story, s)
        conf = _conflict_scores(report, story, s)
        orig = _original_score(story, s)
        for name, (num, den) in {**{f"ent_{k}": v for k, v in ent.items()}, **{f"base_{k}": v for k, v in base.items()}, **fact, **conf, "original": orig}.items():
            totals[name][0] += num
            totals[name][1] += den
        per_story.append((s["gold_cluster"][:40], len(report.articles), fact["fact_recall"], fact["fact_purity"], conf["conf_precision"], conf["conf_recall"], ent["recall"], ent["precision"]))
    _print(per_story, totals, timings, _ten_article_speed(newsprism, by_cluster))
    return 0


def _analyze(newsprism, articles: list[dict]):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "story.jsonl"
        path.write_text("\n".join(json.dumps({"id": a["id"], "text": a["text"], "title": a["title"], "outlet": a["outlet"], "published": a["date"]}) for a in articles))
        return newsprism.analyze([path])


# -- entities ----------------------------------------------------------------------------------


def _entity_scores(story, s: dict, key) -> dict[str, tuple[int, int]]:
    """Pairwise: recall over annotated same-entity pairs, precision over merged annotated pairs."""
    where = {key(v.form): e.id for e in story.entities for v in e.variants}
    group_of = {key(f): i for i, g in enumerate(s["entities"]) for f in g}
    forms = [f for g in s["entities"] for f in g] + [f for pair in s["distinct"] for f in pair]
    rec = [where.get(key(a)) is not None and where.get(key(a)) == where.get(key(b)) for g in s["entities"] for a, b in itertools.combinations(g, 2)]
    merged = [(a, b) for a, b in itertools.combinations(sorted(set(forms)), 2) if where.get(key(a)) and where.get(key(a)) == where.get(key(b))]
    apart = [tuple(p) for p in s["distinct"]]
    correct = [group_of.get(key(a)) is not None and group_of.get(key(a)) == group_of.get(key(b)) and (a, b) not in apart for a, b in merged]
    return {"recall": (sum(rec), len(rec)), "precision": (sum(correct), len(correct))}


def _exact_match_story(report):
    """Baseline: entities merged only when the lower-cased text is identical."""
    from newsprism.models import Story, StoryEntity, Variant

    forms: dict[str, set[str]] = defaultdict(set)
    for a in report.articles:
        for m in a.entities:
            forms[m.text.lower()].add(m.text)
    ents = tuple(StoryEntity(f"B{i}", k, "", tuple(Variant(f, (), 1) for f in fs)) for i, (k, fs) in enumerate(forms.items()))
    return Story("baseline", "", (), (), entities=ents)


# -- agreed facts ------------------------------------------------------------------------------


def _fact_scores(report, story, s: dict) -> dict[str, tuple[int, int]]:
    text = {x.id: x.text for a in report.articles for x in a.sentences}
    loaded = {a.id for a in report.articles}
    found = 0
    for fact in s["consensus"]:
        pat, want = re.compile(fact["mentions"]), set(fact["articles"]) & loaded
        if any(want <= {i.split(":")[0] for i in c.sentence_ids} and all(pat.search(text[i]) for i in c.sentence_ids if i.split(":")[0] in want) for c in story.claims):
            found += 1
    pats = [re.compile(f["mentions"]) for f in s["consensus"]]
    touching = [c for c in story.claims if c.support > 1 and any(p.search(text[i]) for p in pats for i in c.sentence_ids)]
    pure = [c for c in touching if any(all(p.search(text[i]) for i in c.sentence_ids) for p in pats)]
    return {"fact_recall": (found, len(s["consensus"])), "fact_purity": (len(pure), len(touching))}


# -- conflicts ---------------------------------------------------------------------------------


def _conflict_scores(report, story, s: dict) -> dict[str, tuple[int, int]]:
    from newsprism.conflicts import number_value

    def norm(v: str) -> str:
        n = number_value(v)
        return f"{n:g}" if n is not None else v.lower()

    def matches(ours, want: dict) -> bool:
        if ours.type != want["type"]:
            return False
        for value, ids in want["values"].items():
            if not any(norm(v.value) == norm(value) and {i.split(":")[0] for i in v.sentence_ids} & set(ids) for v in ours.values):
                return False
        return True

    hit = [any(matches(c, w) for w in s["conflicts"]) for c in story.conflicts]
    found = [any(matches(c, w) for c in story.conflicts) for w in s["conflicts"]]
    return {"conf_precision": (sum(hit), len(hit)), "conf_recall": (sum(found), len(found))}


def _original_score(story, s: dict) -> tuple[int, int]:
    if not s["original_source"]:
        return (0, 0)
    got = story.original_source.outlet if story.original_source else None
    return (int(bool(got) and got.lower().removeprefix("the ") == s["original_source"].lower().removeprefix("the ")), 1)


# -- speed and output ----------------------------------------------------------------------------


def _ten_article_speed(newsprism, by_cluster) -> tuple[int, float]:
    from newsprism.story import analyze_story

    arts = by_cluster.get(TEN_ARTICLE_STORY, [])
    if not arts:
        return (0, 0.0)
    report = _analyze(newsprism, arts)
    t0 = time.perf_counter()
    analyze_story(report.articles)
    return len(report.articles), time.perf_counter() - t0


def _ratio(pair) -> str:
    num, den = pair
    return f"{num / den:.2f} ({int(num)}/{int(den)})" if den else "n/a"


def _print(per_story, totals, timings, ten) -> None:
    con = Console(width=160)
    t = Table(title="Per story (annotated stories-dev)")
    for col in ("story", "arts", "fact R", "fact purity", "conflict P", "conflict R", "entity R", "entity P"):
        t.add_column(col)
    for row in per_story:
        t.add_row(row[0], str(row[1]), *(_ratio(x) for x in row[2:]))
    con.print(t)
    s = Table(title="Totals (micro-averaged)")
    s.add_column("part")
    s.add_column("newsprism")
    s.add_column("baseline")
    s.add_row("entity variants: pairwise recall", _ratio(totals["ent_recall"]), _ratio(totals["base_recall"]) + " exact match")
    s.add_row("entity variants: pairwise precision", _ratio(totals["ent_precision"]), _ratio(totals["base_precision"]) + " exact match")
    s.add_row("agreed facts: recall", _ratio(totals["fact_recall"]), "")
    s.add_row("agreed facts: claim purity", _ratio(totals["fact_purity"]), "")
    s.add_row("conflicts: precision", _ratio(totals["conf_precision"]), "")
    s.add_row("conflicts: recall", _ratio(totals["conf_recall"]), "")
    s.add_row("original source: accuracy", _ratio(totals["original"]), "")
    con.print(s)
    sp = Table(title="Speed (whole analyze(): clean + NLP + story; first story includes model loading)")
    sp.add_column("story")
    sp.add_column("articles")
    sp.add_column("seconds")
    for name, n, sec in timings:
        sp.add_row(name[:50], str(n), f"{sec:.2f}")
    sp.add_row("story step only, 10-article story (models loaded)", str(ten[0]), f"{ten[1]:.2f}")
    con.print(sp)


if __name__ == "__main__":
    sys.exit(main())
