"""A growing corpus: ``ingest`` adds articles to the store, finds copies and updates stories
incrementally; ``stories`` lists them; ``story_report`` analyses one (cached in the store).

Steps of ``ingest``:
  1. read the inputs; drop articles the store already has (idempotent)
  2. per batch: clean + spaCy (local or Dask backend), lead embeddings, MinHash copy links,
     written in one transaction
  3. cluster every article that has no story yet into the existing stories (one transaction)
A run killed at any point leaves a consistent file; running it again finishes the job.
"""

from __future__ import annotations

import hashlib
import json
import pickle
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

from .backend import get_backend
from .cluster import LEAD_TOKENS, Rules, StoryClusterer, compile_decisions, docs_from_texts, docs_with_leads, embed_leads, keep_ids, lead_text
from .copies import CopyIndex, from_bytes, signature, signature_bytes
from .dates import to_date
from .embed import get_embedder
from .errors import DecisionError
from .ingest import load_sources
from .models import Article, Problem, Report, Source, Story, from_dict, problems_exit_code
from .pipeline import corpus_line_counts, source_texts
from .store import Store
from .story import analyze_story, story_title

BATCH = 256  # most articles per transaction (forked workers are started once per batch)
STATE = "clusterer"
DECISIONS = "decisions"  # the user's splits and merges, in the order made (JSON), kept across ingests
# Bump when the analysis of the same articles changes (new fields, new rules): stored analyses
# made by older code are then made again on first read instead of being served stale.
ANALYSIS_VERSION = 107  # bump when an analysis would say something else; what each version changed: docs/analysis-versions.md
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class IngestResult:
    added: int
    already_stored: int
    problems: tuple[Problem, ...]
    stories_changed: int
    stories_total: int
    new_ids: tuple[str, ...] = ()  # ids of the sources this run read that were not stored before

    @property
    def exit_code(self) -> int:
        return problems_exit_code(self.problems, bool(self.added or self.already_stored))


def ingest(paths: Iterable[str | Path], db: str | Path, backend: str = "local", scheduler: str | None = None, progress: Progress | None = None, wait: float = 0.0) -> IngestResult:
    sources, problems = load_sources(paths)
    with Store(db, wait=wait) as store:
        return ingest_into(store, sources, problems, backend, scheduler, progress)


def ingest_into(store: Store, sources: Sequence[Source], problems: list[Problem], backend: str = "local", scheduler: str | None = None, progress: Progress | None = None) -> IngestResult:
    """Steps 1-3 of ``ingest`` for sources already read (from files, or fetched from the web)."""
    tick = progress or (lambda stage, done, total: None)
    # 1. skip what is stored
    known = store.known_ids(s.id for s in sources)
    new = [s for s in sources if s.id not in known]
    # 2. batches: clean + NLP, embeddings, copies; one transaction each
    added = _add_batches(store, new, problems, backend, scheduler, tick) if new else 0
    # 3. stories
    tick("stories", 0, 1)
    changed = cluster_pending(store)
    tick("stories", 1, 1)
    return IngestResult(added, len(known), tuple(problems), changed, store.count("stories"), tuple(s.id for s in new))


def _add_batches(store: Store, new: list, problems: list[Problem], backend: str, scheduler: str | None, tick: Progress) -> int:
    counts = corpus_line_counts(source_texts(new))
    index = CopyIndex()
    for aid, sig, copy_of in store.signatures():
        index.add(aid, from_bytes(sig), copy_of, known=True)
    store.release()  # the file is held only while a batch is written: readers (serve) get in between
    embedder = get_embedder()
    worker = get_backend(backend, scheduler)
    added = cleaned = embedded = 0
    tick("clean+NLP", 0, len(new))

    def arrived(a: Article) -> None:  # lead embeddings start as articles come back, while the workers read the rest
        nonlocal cleaned
        embedder.prefetch([lead_text(a)], LEAD_TOKENS)
        cleaned += 1
        tick("clean+NLP", cleaned, len(new))

    try:
        size = -(-len(new) // -(-len(new) // BATCH))  # equal batches of at most BATCH: no small tail
        for start in range(0, len(new), size):
            articles, more = worker.prepare(new[start : start + size], counts, on_article=arrived)
            problems.extend(more)
            cleaned = min(start + size, len(new))  # skipped inputs count as done
            tick("clean+NLP", cleaned, len(new))
            leads = embed_leads(articles, embedder)
            embedded += len(articles)
            tick("embed", embedded, len(new))
            rows = []
            for a, vec in sorted(zip(articles, leads), key=lambda p: (p[0].published or "", p[0].id)):
                sig = signature(a.body)
                rows.append((a, vec, signature_bytes(sig), index.add(a.id, sig)))
            store.add_articles(rows)
            store.release()
            added += len(rows)
            tick("store", added, len(new))
    finally:
        worker.close()
    return added


def cluster_pending(store: Store) -> int:
    """Put every article without a story into stories; returns how many stories changed. A batch
    that reaches back in time (``StoryClusterer.is_late``) has every stored article clustered
    again in date order, so the stories do not depend on the order articles arrived in; stories
    found again keep their ids. The corpus is let go while the stories are computed (readers
    get in), and written only if no other writer clustered meanwhile (else computed again, held)."""
    changed = _cluster(store, hold=False)
    if changed is None:
        changed = _cluster(store, hold=True)  # holding the corpus: never None
    return changed or 0


def _cluster(store: Store, hold: bool) -> int | None:
    """One clustering pass (see ``cluster_pending``); None when, not holding the corpus, another
    writer changed its stories or pending articles meanwhile."""
    pending = store.unclustered()
    if not pending:
        return 0
    raw = store.state_bytes(STATE)
    clusterer = stored_clusterer(store, raw)
    clusterer.follow(compile_decisions(decisions(store)))
    everything = store.clustering_inputs() if clusterer.is_late(to_date(a.published) for a, _ in pending) else None
    if not hold:
        store.release()
    before = {k: list(m) for k, m in clusterer.stories.items()}  # copies: adding extends the lists in place
    if everything is not None:
        clusterer = _clustered_again(everything, before, clusterer.n_rows, clusterer.rules)
    else:
        clusterer.add(docs_with_leads([a for a, _ in pending], [v for _, v in pending]))
    if not hold and (store.state_bytes(STATE) != raw or store.unclustered_ids() != sorted(a.id for a, _ in pending)):
        return None
    return _save_stories(store, clusterer, before)


def _clustered_again(everything: tuple[list, list], before: dict[int, list[str]], n_rows: int, rules: Rules) -> StoryClusterer:
    """Every stored article clustered afresh in date order under ``rules``; stories found again keep their rows."""
    fresh = StoryClusterer()
    fresh.follow(rules)
    fresh.add(docs_from_texts(*everything))
    fresh.renumber(keep_ids(before, fresh.stories, n_rows))
    return fresh


def _save_stories(store: Store, clusterer: StoryClusterer, before: dict[int, list[str]], made: Sequence[dict] | None = None) -> int:
    """Write the stories that changed (and, with ``made``, the user's decisions, in the same transaction)."""
    live = clusterer.stories
    changed = [k for k, m in live.items() if sorted(before.get(k, [])) != sorted(m)]
    gone = [k for k in before if k not in live]
    assignments = {m: _sid(k) for k in changed for m in live[k]}
    known = store.headlines_by_id([m for k in changed for m in live[k]])  # one query for all
    rows = [_story_row(_sid(k), live[k], known) for k in changed]
    extra = {DECISIONS: json.dumps(list(made)).encode()} if made is not None else {}
    store.save_clustering(STATE, clusterer, assignments, rows + [{"id": _sid(k), "delete": True} for k in gone], extra)
    return len(changed)


def stored_clusterer(store: Store, raw: bytes | None = None) -> StoryClusterer:
    """The corpus's clusterer as last saved (``raw``: its bytes, when already read), or a new one."""
    raw = store.state_bytes(STATE) if raw is None else raw
    return pickle.loads(raw) if raw is not None else StoryClusterer()


def decisions(store: Store) -> list[dict]:
    """The user's splits and merges so far, in the order made."""
    raw = store.state_bytes(DECISIONS)
    return json.loads(raw) if raw else []


def split_story(db: str | Path, story_id: str, article_ids: Sequence[str], wait: float = 0.0) -> dict[str, str]:
    """Take ``article_ids`` out of story ``story_id`` into a story of their own, for good: later
    ingests keep the two apart. Returns article id -> story id for the story's articles."""
    with Store(db, create=False, wait=wait) as store:
        members = store.story_members(story_id)
        if not members:
            raise DecisionError(f"{db}: no story {story_id} (see `newsprism stories`)")
        out = sorted(set(article_ids))
        if strays := [a for a in out if a not in members]:
            raise DecisionError(f"{db}: {', '.join(strays)} not in story {story_id} (its articles: {', '.join(members)})")
        if len(out) == len(members):
            raise DecisionError(f"{db}: a split must leave at least one article in story {story_id}")
        _decide(store, {"groups": [out, sorted(set(members) - set(out))], "apart": True})
        return {a: store.story_of(a) or "" for a in members}


def merge_stories(db: str | Path, first: str, second: str, wait: float = 0.0) -> str:
    """Put two stories together for good (later ingests keep them one); returns the story's id."""
    with Store(db, create=False, wait=wait) as store:
        a, b = store.story_members(first), store.story_members(second)
        if missing := [sid for sid, m in ((first, a), (second, b)) if not m]:
            raise DecisionError(f"{db}: no story {', '.join(missing)} (see `newsprism stories`)")
        if first == second:
            raise DecisionError(f"{db}: {first} is one story; name two to merge")
        _decide(store, {"groups": [sorted(a + b)], "apart": False})
        return store.story_of(a[0]) or ""


def _decide(store: Store, decision: dict) -> None:
    """Record ``decision`` and cluster every article again under all decisions so far."""
    made = decisions(store) + [decision]
    old = stored_clusterer(store)
    before = {k: list(m) for k, m in old.stories.items()}
    clusterer = _clustered_again(store.clustering_inputs(), before, old.n_rows, compile_decisions(made))
    _save_stories(store, clusterer, before, made)


def _sid(key: int) -> str:
    return f"S{key:07d}"


def _story_row(sid: str, members: Sequence[str], known: Mapping[str, tuple[str | None, str | None, date | None, str | None]]) -> dict[str, Any]:
    """A story's row, from its members' (headline, outlet, published, first sentence) in ``known``."""
    ids = sorted((m for m in members if m in known), key=lambda m: (known[m][2] is None, known[m][2] or date.min, m))  # earliest first
    rows = [known[m] for m in ids]
    days = [r[2] for r in rows if r[2]]
    return {
        "id": sid,
        "title": story_title([r[0] for r in rows], [r[3] for r in rows]),
        "first_seen": min(days) if days else None,
        "last_seen": max(days) if days else None,
        "n_articles": len(members),
        "outlets": sorted({r[1] for r in rows if r[1]}),
        "members_hash": hashlib.sha256("|".join(sorted(members)).encode()).hexdigest()[:16],
    }


def list_stories(db: str | Path, since: date | None = None, query: str | None = None, until: date | None = None, limit: int = 200, offset: int = 0, wait: float = 0.0) -> list[dict[str, Any]]:
    with Store(db, read_only=True, wait=wait) as store:
        return store.list_stories(since, query, limit, until, offset)


def stories_page(db: str | Path, since: date | None = None, query: str | None = None, until: date | None = None, limit: int = 200, offset: int = 0, wait: float = 0.0) -> tuple[list[dict[str, Any]], int]:
    """``list_stories`` and how many stories match in all, from one opening of the corpus."""
    with Store(db, read_only=True, wait=wait) as store:
        return store.list_stories(since, query, limit, until, offset), store.count_stories(since, query, until)


def stories_explained(db: str | Path, since: date | None = None, query: str | None = None, until: date | None = None, limit: int = 200, wait: float = 0.0) -> list[dict[str, Any]]:
    """``list_stories`` rows, each with its ``grouping.Grouping``: why its articles are one story."""
    from .grouping import explain

    with Store(db, read_only=True, wait=wait) as store:
        rows = store.list_stories(since, query, limit, until)
        why = explain(store, [r["id"] for r in rows])
    return [{k: v for k, v in r.items() if k != "members_hash"} | {k: v for k, v in asdict(why[r["id"]]).items() if k != "story_id"} for r in rows]


def story_report(db: str | Path, story_id: str) -> Report:
    """The cross-source report of one stored story (analysis cached until its articles or
    ``ANALYSIS_VERSION`` change). Opened writable for that cache, but never created: a
    mistyped ``db`` raises NoCorpusError instead of leaving an empty file."""
    with Store(db, create=False) as store:
        return stored_story_report(store, story_id, save=True)


def stored_story_report(store: Store, story_id: str, save: bool = False, memo: dict[tuple, Story] | None = None) -> Report:
    """``story_report`` on an open store: the analysis cached in the store is used when current;
    otherwise it is computed and written back (``save``, a writable store) or kept in ``memo``
    (a read-only reader's own cache, keyed by story, members and analysis version)."""
    row = store.story_row(story_id)
    if row is None:
        raise KeyError(story_id)
    members = store.story_members(story_id)
    articles = store.articles(members)
    cached, key = row["analysis"], (story_id, row["members_hash"], ANALYSIS_VERSION)
    if cached and cached.get("_members_hash") == row["members_hash"] and cached.get("_analysis_version") == ANALYSIS_VERSION:
        story = from_dict(Story, {k: v for k, v in cached.items() if not k.startswith("_")})
    elif memo is not None and key in memo:
        story = memo[key]
    else:
        story = replace(analyze_story(articles, store.copies(members)), id=story_id)
        if save:
            store.save_analysis(story_id, asdict(story) | {"_members_hash": row["members_hash"], "_analysis_version": ANALYSIS_VERSION})
        if memo is not None:
            memo[key] = story
    return Report(tuple(articles), (), (story,))
