"""Credit audit: do the outlets a claim counts really state its fact? (issue 16's principal measure)

    .venv/bin/python bench/bench_credit.py [--skip-run]
    .venv/bin/python bench/bench_credit.py --review

Runs ``analyze --one-story`` on each cluster of ../shared/bench/story-gold-dev.json through the
scorer's own helpers (``--skip-run`` reads the reports ``score_story.py`` last wrote) and looks up
every counted member of every multi-outlet claim in bench/annotations/claims-audit-dev.json, our
own reading of each member against the sentence its claim is shown by (same / partial / different
/ conflict). Prints, per cluster and in total: credits, the share of them read as 'same', the
multi-outlet claims, and those among them that credit at least one outlet whose sentence was not
read as 'same' (the measure the unseen clusters were read by). Pairs the audit never read (a
claim shown by another sentence than when it was read) are counted apart.

``--review``: the same count on the 160 clusters outside the story gold that the conflicts
review reads (``bench_conflicts.review_clusters``), against bench/annotations/claims-audit-review.json
(a sample of up to three multi-outlet claims per cluster, read with the same labels).
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Iterator

from gold_reports import ROOT, arguments, gold_reports
from rich.console import Console
from rich.table import Table

AUDIT = ROOT / "bench" / "annotations" / "claims-audit-dev.json"
REVIEW_AUDIT = ROOT / "bench" / "annotations" / "claims-audit-review.json"


def tally(report: dict, labels: dict[tuple[str, str], str]) -> dict[str, int]:
    """Counts for one cluster's largest story: credits read / 'same', multi-outlet claims with a
    credit read, those with a credit not read as 'same', credits never read."""
    row = defaultdict(int)
    stories = report.get("stories") or []
    if not stories:
        return row
    st = max(stories, key=lambda s: len(s["article_ids"]))
    for c in st.get("claims") or []:
        members = [s for s in c.get("sentence_ids") or [] if s != c.get("shown_id")]
        if len({s.rsplit(":", 1)[0] for s in c.get("sentence_ids") or []}) < 2:
            continue
        read = [labels.get((c["shown_id"], s)) for s in members]
        row["unread"] += sum(r is None for r in read)
        read = [r for r in read if r is not None]
        if not read:
            continue  # a claim the audit never read (the review audit reads a sample of claims)
        row["credits"] += len(read)
        row["same"] += sum(r == "same" for r in read)
        row["claims"] += 1
        row["wrong_claims"] += any(r != "same" for r in read)
    return row


def labels_by_cluster(path: Path) -> dict[str, dict[tuple[str, str], str]]:
    by_cluster: dict[str, dict[tuple[str, str], str]] = defaultdict(dict)
    for r in json.loads(path.read_text())["labels"]:
        by_cluster[r["cluster"]][(r["shown"], r["member"])] = r["label"]
    return by_cluster


def review_reports() -> Iterator[tuple[str, dict]]:
    """(cluster name, report as JSON) for each cluster of the conflicts review, analysed as one story."""
    import newsprism
    from bench_conflicts import review_analyses

    for name, report in review_analyses():
        yield name, json.loads(newsprism.to_json(report))


def main() -> int:
    args = arguments(__doc__, review=True)
    by_cluster = labels_by_cluster(REVIEW_AUDIT if args.review else AUDIT)
    reports = review_reports() if args.review else ((key, report) for key, _, _, report in gold_reports(args.skip_run))
    table = Table(title="credits of multi-outlet claims read against the audit")
    for col in ("cluster", "credits", "read 'same'", "multi-outlet claims", "with a wrong credit", "not read"):
        table.add_column(col, justify="left" if col == "cluster" else "right")
    total: dict[str, int] = defaultdict(int)
    for key, report in reports:
        row = tally(report or {}, by_cluster[key])
        for k, v in row.items():
            total[k] += v
        if args.review and not row["credits"]:
            continue  # a review cluster with no claim read: one row less in a long table
        table.add_row(key[:40], str(row["credits"]), str(row["same"]), str(row["claims"]), str(row["wrong_claims"]), str(row["unread"]))
    share = total["same"] / max(total["credits"], 1)
    wrong = total["wrong_claims"] / max(total["claims"], 1)
    table.add_row("TOTAL", str(total["credits"]), f"{total['same']} ({share:.0%})", str(total["claims"]), f"{total['wrong_claims']} ({wrong:.0%})", str(total["unread"]), style="bold")
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
