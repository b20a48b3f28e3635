"""Junk that reaches the story: claims, timeline events, citations and summary sentences built
from a line the story gold marks as junk (issue 19: none should be).

    .venv/bin/python bench/bench_junk.py [--skip-run]

Runs ``analyze --one-story`` on each cluster of ../shared/bench/story-gold-dev.json through the
scorer's own helpers (``score_story.py``: same inputs, same output folder; ``--skip-run`` reads the
reports the scorer last wrote) and prints one row per cluster with a count per output kind, then
the total. A sentence comes from a junk line when it lies in a body paragraph that opens with
the gold line's opening (normalised as the scorer does).
Skips cleanly when the gold is absent.
"""

from __future__ import annotations

from pathlib import Path

from gold_reports import arguments, gold_reports, norm
from rich.console import Console
from rich.table import Table

KINDS = ("claims", "timeline", "citations", "summary")


def junk_sentences(report: dict, gold: dict, texts: dict[str, str], norm) -> set[str]:
    """Ids of the sentences that lie in a body paragraph opening with a gold junk line's start.
    A start that opens two or more lines of its page (a caption repeating the lead's first words)
    cannot say which one is junk, and is left out."""
    junk: dict[str, list[str]] = {}
    for j in gold.get("junk", []):
        start = norm(j["line_starts"])
        if sum(norm(ln).startswith(start) for ln in texts.get(j["article"], "").split("\n")) <= 1:
            junk.setdefault(j["article"], []).append(start)
    out: set[str] = set()
    for a in report.get("articles", []):
        starts = junk.get(Path(a.get("source_path") or "").stem, [])
        body, at = a.get("body") or "", 0
        for para in body.split("\n\n"):
            begin, at = at, at + len(para) + 2
            if any(st and norm(para).startswith(st) for st in starts):
                out.update(s["id"] for s in a.get("sentences") or [] if begin <= s["start"] < begin + len(para))
    return out


def count(report: dict, gold: dict, texts: dict[str, str], norm) -> dict[str, int]:
    """Outputs of the cluster's largest story that rest on a junk sentence, per kind."""
    bad = junk_sentences(report, gold, texts, norm)
    stories = report.get("stories") or []
    if not stories:
        return dict.fromkeys(KINDS, 0)
    st = max(stories, key=lambda s: len(s["article_ids"]))
    return {
        "claims": sum(1 for c in st.get("claims") or [] if bad & set(c.get("sentence_ids") or [])),
        "timeline": sum(1 for e in st.get("timeline") or [] if bad & set(e.get("sentence_ids") or [])),
        "citations": sum(1 for c in st.get("citations") or [] if c.get("sentence_id") in bad),
        "summary": sum(1 for s in (st.get("summary") or {}).get("sentences") or [] if s.get("sentence_id") in bad),
    }


def main() -> int:
    args = arguments(__doc__)
    table = Table(title="outputs resting on a gold junk line (target: 0)")
    table.add_column("cluster")
    for k in KINDS:
        table.add_column(k, justify="right")
    total = dict.fromkeys(KINDS, 0)
    for key, gold, texts, report in gold_reports(args.skip_run):
        if report is None:
            table.add_row(key[:40], *["no report"] * len(KINDS))
            continue
        row = count(report, gold, texts, norm)
        for k in KINDS:
            total[k] += row[k]
        table.add_row(key[:40], *(str(row[k]) for k in KINDS))
    table.add_row("TOTAL", *(str(total[k]) for k in KINDS), style="bold")
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
