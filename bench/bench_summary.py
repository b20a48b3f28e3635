"""Multi-document summarization on Multi-News dev: newsprism beside lead, LexRank, TextRank and a
greedy ROUGE oracle, all cut at 250 words, rouge-score F1 with stemming, from one run.

    .venv/bin/python bench/bench_summary.py [--limit N] [--sweep]

Baselines read the raw scraped text split by a simple regex splitter (as in the reference
figures); newsprism reads the same raw text through its own cleaning. Also prints seconds per
cluster and citation quality: the share of summary sentences whose every cited article holds an
aligned sentence (a sentence of that article in the summary sentence's claim, or the sentence
itself). Skips cleanly when ../shared/bench/ is absent.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from collections import Counter
from statistics import mean

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "multinews-dev.jsonl"
CUT = 250
_SPLIT = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])")


def regex_sentences(text: str) -> list[str]:
    """The simple splitter the reference figures used: paragraphs, then . ! ? before a capital."""
    out = []
    for para in re.split(r"\n+", text):
        out += [s.strip() for s in _SPLIT.split(para) if len(s.split()) >= 3]
    return out


def cut_words(sentences: list[str], n: int = CUT) -> str:
    return " ".join(" ".join(sentences).split()[:n])


# -- baselines ---------------------------------------------------------------------------------


def lead(articles: list[str]) -> list[str]:
    """Round-robin: first sentence of each article, then the second of each, ..."""
    sents = [regex_sentences(a) for a in articles]
    out, words, k = [], 0, 0
    while words < CUT and any(k < len(s) for s in sents):
        for s in sents:
            if k < len(s) and words < CUT:
                out.append(s[k])
                words += len(s[k].split())
        k += 1
    return out


class _Tok:
    @staticmethod
    def to_words(text: str) -> list[str]:
        return re.findall(r"[A-Za-z0-9']+", text)

    @staticmethod
    def to_sentences(text: str) -> list[str]:
        return regex_sentences(text)


def sumy_summary(kind: str, articles: list[str]) -> list[str]:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tok = _Tok()
    doc = ObjectDocumentModel([Paragraph([Sentence(s, tok) for s in regex_sentences(a)]) for a in articles])
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")

    def until_cut(infos):
        picked, words = [], 0
        for info in infos:
            if words >= CUT:
                break
            picked.append(info)
            words += len(str(info.sentence).split())
        return picked

    return [str(s) for s in summarizer(doc, until_cut)]


def _ngrams(tokens: list[str], n: int) -> Counter:
    return Counter(zip(*[tokens[i:] for i in range(n)]))


def _f1(overlap: int, pred: int, ref: int) -> float:
    return 0.0 if not overlap else 2 * overlap / (pred + ref)


def oracle(articles: list[str], reference: str, scorer) -> list[str]:
    """Greedy: add the sentence that most raises ROUGE-1+2 F1 (same tokenizer and stemmer as
    rouge-score, counted incrementally) until none does or 250 words are reached."""
    tok = scorer._tokenizer.tokenize
    ref = tok(reference)
    ref1, ref2 = _ngrams(ref, 1), _ngrams(ref, 2)
    pool = [(s, tok(s)) for a in articles for s in regex_sentences(a)]
    chosen: list[str] = []
    toks: list[str] = []
    best = 0.0
    while len(" ".join(chosen).split()) < CUT:
        gains = []
        for s, t in pool:
            if s in chosen:
                continue
            cand = toks + t
            c1, c2 = _ngrams(cand, 1), _ngrams(cand, 2)
            f = _f1(sum((c1 & ref1).values()), len(cand), len(ref)) + _f1(sum((c2 & ref2).values()), max(len(cand) - 1, 0), max(len(ref) - 1, 0))
            gains.append((f, s, t))
        if not gains:
            break
        val, s, t = max(gains, key=lambda g: g[0])
        if val <= best:
            break
        best, chosen, toks = val, chosen + [s], toks + t
    return chosen


# -- newsprism ----------------------------------------------------------------------------------


STEP_SECONDS: dict[str, float] = {"story analysis": 0.0, "summary step": 0.0}


def _timed(fn, key: str):
    def wrapper(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            STEP_SECONDS[key] += time.perf_counter() - t0

    return wrapper


def _install_step_timers() -> None:
    """Time the story analysis (steps 1-7) and the summary step (7) inside newsprism's run."""
    import newsprism.pipeline as pipeline
    import newsprism.story as story

    pipeline.analyze_story = _timed(pipeline.analyze_story, "story analysis")
    story.summarize = _timed(story.summarize, "summary step")


def ours(articles: list[str]):
    import newsprism

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        path.write_text("\n".join(json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(articles) if t.strip()))
        report = newsprism.analyze([path], summary_words=CUT, one_story=True)  # a Multi-News cluster is one story
    return report, (report.stories[0] if report.stories else None)


SUPPORT_COS = 0.6  # a cited article supports a sentence if one of its sentences is this close


def citation_ok(report, story, samples: list | None = None) -> tuple[int, int]:
    """Summary sentences whose every cited article holds a supporting sentence, checked afresh
    (best cosine of a re-embedding, not the alignment that chose the citations)."""
    from newsprism.embed import get_embedder

    if story is None or story.summary is None:
        return 0, 0
    emb = get_embedder()
    by_id = {a.id: a for a in report.articles}
    vecs = {a.id: emb.embed([x.text for x in a.sentences]) for a in report.articles if a.sentences}
    ok = total = 0
    for s in story.summary.sentences:
        if s.sentence_id is None:
            continue
        total += 1
        vec = emb.embed([s.text])[0]
        best = {a: float(max(vecs[a] @ vec)) if a in vecs else 0.0 for a in s.cites}
        ok += all(v >= SUPPORT_COS for v in best.values())
        if samples is not None and len(s.cites) > 1:  # the hand check reads multi-article citations
            support = {a: by_id[a].sentences[int((vecs[a] @ vec).argmax())].text for a in s.cites if a in vecs and not s.sentence_id.startswith(a + ":")}
            samples.append({"sentence": s.text, "cosine": {a: round(v, 2) for a, v in best.items()}, "best_sentence_in_other_cited_articles": support})
    return ok, total


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--no-oracle", action="store_true", help="skip the (slow) oracle")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    clusters = [json.loads(line) for line in DATA.open(encoding="utf-8")]
    clusters = clusters[: args.limit] if args.limit else clusters
    ours(clusters[0]["articles"])  # load models before timing
    _install_step_timers()
    systems = {"newsprism": None, "lead": lead, "lexrank": lambda a: sumy_summary("lexrank", a), "textrank": lambda a: sumy_summary("textrank", a)}
    if not args.no_oracle:
        systems["oracle (upper bound)"] = None
    scores = {k: {"rouge1": [], "rouge2": [], "rougeL": [], "sec": []} for k in systems}
    cites = [0, 0]
    samples: list = []
    for c in clusters:
        for name, fn in systems.items():
            t0 = time.perf_counter()
            if name == "newsprism":
                report, story = ours(c["articles"])
                sents = [s.text for s in story.summary.sentences] if story and story.summary else []
            elif name.startswith("oracle"):
                sents = oracle(c["articles"], c["reference"], scorer)
            else:
                sents = fn(c["articles"])
            sec = time.perf_counter() - t0
            if name == "newsprism":
                ok, tot = citation_ok(report, story, samples)
                cites[0] += ok
                cites[1] += tot
            sc = scorer.score(c["reference"], cut_words(sents))
            for m in ("rouge1", "rouge2", "rougeL"):
                scores[name][m].append(100 * sc[m].fmeasure)
            scores[name]["sec"].append(sec)
    table = Table(title=f"Multi-News dev, {len(clusters)} clusters, {CUT}-word cut, ROUGE F1 (stemmed)")
    for col in ("system", "R1", "R2", "RL", "s/cluster"):
        table.add_column(col, justify="right" if col != "system" else "left")
    for name, sc in scores.items():
        table.add_row(name, f"{mean(sc['rouge1']):.2f}", f"{mean(sc['rouge2']):.2f}", f"{mean(sc['rougeL']):.2f}", f"{mean(sc['sec']):.2f}")
    con = Console(width=120)
    con.print(table)
    con.print(f"newsprism citation check: {cites[0]}/{cites[1]} summary sentences have, in every cited article, a sentence with cosine >= {SUPPORT_COS}")
    out = ROOT / "out" / "citation-samples.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(samples[:: max(1, len(samples) // 20)][:20], indent=1, ensure_ascii=False))
    con.print(f"20 sampled summary sentences citing 2+ articles, for the hand check: {out}")
    con.print("newsprism s/cluster is the whole pipeline (cleaning, spaCy, story analysis, summary), models loaded; of it, per cluster: "
              + ", ".join(f"{k} {v / len(clusters):.3f} s" for k, v in STEP_SECONDS.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
