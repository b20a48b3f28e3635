"""Why articles make one story: each member's score against the rest of its story, the words and
names its articles share, and the days its events happened on (``newsprism stories --json``,
``--csv`` and ``/api/stories/{id}/grouping``)."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Sequence

import numpy as np

from .cluster import StoryClusterer, docs_from_texts, hasher
from .corpus import stored_clusterer
from .dates import to_date
from .entities import build_entities
from .models import Article
from .numeric import settle
from .store import Store

CORE_TERMS = 8  # words shown per story
CORE_ENTITIES = 6  # names shown per story
EVENT_LEAD_DAYS = 31  # a timeline date this long before the first article is the story's event; older ones are background


@dataclass(frozen=True)
class Member:
    """One article of a story and its score: the mean similarity of its clustering vector to the
    story's other articles (None in a story of one)."""

    id: str
    outlet: str | None
    headline: str | None
    published: str | None
    score: float | None


@dataclass(frozen=True)
class Grouping:
    story_id: str
    members: tuple[Member, ...]
    core_terms: tuple[str, ...]  # words most of its articles use, rare in the corpus
    core_entities: tuple[str, ...]  # names most of its articles mention
    event_dates: tuple[str, str] | None  # first and last day of its timeline's events, once analysed


def explain(store: Store, story_ids: Sequence[str]) -> dict[str, Grouping]:
    """``Grouping`` of each story, scored with the corpus's clusterer (its term statistics)."""
    clusterer = stored_clusterer(store)
    out = {}
    for sid in story_ids:
        articles = store.articles(store.story_members(sid))
        texts, leads = store.clustering_inputs([a.id for a in articles])
        scores = _scores(clusterer, docs_from_texts(texts, leads))
        row = store.story_row(sid) or {}
        members = tuple(Member(a.id, a.outlet, a.headline, a.published, scores.get(a.id)) for a in articles)
        out[sid] = Grouping(sid, members, _core_terms(clusterer, [f"{h or ''}\n{b}" for _, h, b, _ in texts]), _core_entities(articles), _event_dates(row.get("analysis"), articles))
    return out


def _scores(clusterer: StoryClusterer, docs: list) -> dict[str, float]:
    """Leave-one-out mean dot product of each article's vector with the story's other articles."""
    if len(docs) < 2:
        return {}
    vectors = np.array([clusterer.vector(d) for d in docs])
    total = vectors.sum(axis=0)
    return {d.id: round(settle(float((total @ v - v @ v) / (len(docs) - 1))), 3) for d, v in zip(docs, vectors)}


def _core_terms(clusterer: StoryClusterer, texts: list[str]) -> tuple[str, ...]:
    """Words used by at least half of the articles (all of one), weighted by that count and their
    rarity (the clusterer's IDF, general English mixed in)."""
    analyze = hasher().build_analyzer()
    used = Counter(w for t in texts for w in set(analyze(t)) if w.isalpha() and len(w) > 2)
    need = max(1, math.ceil(len(texts) / 2))
    words = sorted(w for w, n in used.items() if n >= need)
    if not words:
        return ()
    cols = hasher().transform(words).tocoo()
    idf = np.zeros(len(words))
    idf[cols.row] = clusterer.idf(cols.col.astype(np.int64))
    weight = {w: used[w] * float(idf[i]) for i, w in enumerate(words)}
    return tuple(sorted(words, key=lambda w: (-round(weight[w], 9), w))[:CORE_TERMS])


def _core_entities(articles: Sequence[Article]) -> tuple[str, ...]:
    """The story's entities (resolved across its articles: 'Sheen' is Michael Sheen) that the most
    articles mention, at least two of a larger story; of equals, the most mentioned."""
    index = build_entities(articles)
    readers: dict[str, set[str]] = defaultdict(set)
    mentions: Counter[str] = Counter()
    for (aid, _), eid in index.by_mention.items():
        readers[eid].add(aid)
        mentions[eid] += 1
    need = 2 if len(articles) > 1 else 1
    names = {e.id: e.name for e in index.entities}
    ranked = sorted((e for e in readers if len(readers[e]) >= need and e in names), key=lambda e: (-len(readers[e]), -mentions[e], names[e]))
    return tuple(names[e] for e in ranked[:CORE_ENTITIES])


def _event_dates(analysis: dict | None, articles: Sequence[Article]) -> tuple[str, str] | None:
    """First and last day of the analysed timeline's events from ``EVENT_LEAD_DAYS`` before the
    first article to the last article's day; None before the story is analysed."""
    published = [d for d in (to_date(a.published) for a in articles) if d]
    if not analysis or not published:
        return None
    lo, hi = min(published) - timedelta(days=EVENT_LEAD_DAYS), max(published)
    days = sorted(str(d) for d in (_day(e.get("date")) for e in analysis.get("timeline") or []) if d and lo <= d <= hi)
    return (days[0], days[-1]) if days else None


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text and len(text) >= 10 else None
    except ValueError:
        return None
