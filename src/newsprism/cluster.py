"""Stories: group articles by the real-world event they report, incrementally.

Each article becomes one unit vector: its full text as hashed TF-IDF (IDF from the document
frequencies seen so far), sketched down to ``SKETCH_DIM`` dimensions (a signed count sketch,
which keeps dot products on average), joined with the MiniLM embedding of its headline and lead,
weighted so that a dot product is ``TEXT_WEIGHT`` x text cosine + the rest x lead cosine. A story
keeps the sum of its members' vectors, so an article's average-link similarity to a story is one
dot product divided by the story size. An article joins the best story that passes
``JOIN_THRESHOLD`` and has coverage within ``WINDOW_DAYS``; otherwise it starts a story; an article
that passes for two stories merges them (a bridging article). Articles are taken in date order,
then id, so batches that arrive in date order give the same stories as one run (the difference
for batches out of order is measured in bench/bench_cluster.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

from .dates import to_date
from .embed import Embedder
from .models import Article

JOIN_THRESHOLD = 0.20  # swept 0.10-0.40 on stories-dev (bench/bench_cluster.py)
TEXT_WEIGHT = 0.9  # full-text TF-IDF vs headline+lead embedding; swept 0.5-1.0 likewise
WINDOW_DAYS = 60  # gold stories of stories-dev span weeks; swept 30-180 likewise
HASH_BITS = 18
SKETCH_DIM = 2048
SKETCHES = 4  # buckets per term: less variance than one
LEAD_SENTENCES = 3
_PRIMES = np.array([2654435761, 2246822519, 3266489917, 668265263], dtype=np.uint64)


def lead_text(article: Article) -> str:
    parts = [article.headline or "", article.standfirst or ""] + [s.text for s in article.sentences[:LEAD_SENTENCES]]
    return " ".join(p for p in parts if p)[:2000]


@dataclass(frozen=True)
class StoryDoc:
    """What the clusterer needs of one article: hashed term weights, lead embedding, date."""

    id: str
    day: date | None
    terms: np.ndarray  # hashed term ids
    tf: np.ndarray  # sublinear term frequencies
    lead: np.ndarray


@lru_cache(maxsize=1)
def _hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=2**HASH_BITS, alternate_sign=False, stop_words="english", norm=None)


def story_docs(articles: Sequence[Article], embedder: Embedder) -> list[StoryDoc]:
    if not articles:
        return []
    return docs_with_leads(articles, embedder.embed([lead_text(a) for a in articles]))


def docs_with_leads(articles: Sequence[Article], leads: Sequence[np.ndarray] | np.ndarray) -> list[StoryDoc]:
    """``StoryDoc``s for articles whose lead embeddings are already known (stored in the corpus)."""
    if not articles:
        return []
    leads = [np.asarray(v, dtype=np.float32) for v in leads]
    rows = _hasher().transform([f"{a.headline or ''}\n{a.body}" for a in articles])
    docs = []
    for i, a in enumerate(articles):
        row = rows.getrow(i)
        docs.append(StoryDoc(a.id, to_date(a.published), row.indices.astype(np.int64), 1.0 + np.log(row.data), leads[i]))
    return docs


def _sketch(terms: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Signed count sketch of a sparse vector into SKETCH_DIM dense dimensions."""
    out = np.zeros(SKETCH_DIM, dtype=np.float64)
    t = terms.astype(np.uint64)
    for k in range(SKETCHES):
        h = (t * _PRIMES[k]) >> np.uint64(7)
        buckets = (h % np.uint64(SKETCH_DIM)).astype(np.int64)
        signs = np.where((h >> np.uint64(20)) & np.uint64(1), 1.0, -1.0)
        np.add.at(out, buckets, signs * weights)
    return out / math.sqrt(SKETCHES)


@dataclass
class _Story:
    members: list[str]
    vec_sum: np.ndarray
    first: date | None = None
    last: date | None = None

    def near(self, day: date | None) -> bool:
        if day is None or self.first is None or self.last is None:
            return True
        return (self.first - day).days <= WINDOW_DAYS and (day - self.last).days <= WINDOW_DAYS

    def add(self, doc_id: str, vec: np.ndarray, day: date | None) -> None:
        self.members.append(doc_id)
        self.vec_sum += vec
        if day:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)

    def absorb(self, other: "_Story") -> None:
        self.members += other.members
        self.vec_sum += other.vec_sum
        days = [d for d in (self.first, self.last, other.first, other.last) if d]
        self.first, self.last = (min(days), max(days)) if days else (None, None)


@dataclass
class StoryClusterer:
    """Incremental clustering state: feed it ``StoryDoc``s, read ``groups()``."""

    df: np.ndarray = field(default_factory=lambda: np.zeros(2**HASH_BITS, dtype=np.int32))
    n_docs: int = 0
    stories: dict[int, _Story] = field(default_factory=dict)
    next_key: int = 0

    def add(self, docs: Iterable[StoryDoc]) -> None:
        for doc in sorted(docs, key=lambda d: (d.day or date.min, d.id)):
            self._add_one(doc)

    def vector(self, doc: StoryDoc) -> np.ndarray:
        idf = np.log((1.0 + self.n_docs) / (1.0 + self.df[doc.terms])) + 1.0
        text = _sketch(doc.terms, doc.tf * idf)
        text /= max(np.linalg.norm(text), 1e-9)
        return np.concatenate([math.sqrt(TEXT_WEIGHT) * text, math.sqrt(1 - TEXT_WEIGHT) * doc.lead]).astype(np.float32)

    def _add_one(self, doc: StoryDoc) -> None:
        self.df[doc.terms] += 1
        self.n_docs += 1
        vec = self.vector(doc)
        scored = sorted(((float(vec @ s.vec_sum) / len(s.members), k) for k, s in self.stories.items() if s.near(doc.day)), reverse=True)
        passing = [k for sc, k in scored if sc >= JOIN_THRESHOLD]
        if not passing:
            self.stories[self.next_key] = _Story([], np.zeros_like(vec))
            passing = [self.next_key]
            self.next_key += 1
        home = self.stories[passing[0]]
        home.add(doc.id, vec, doc.day)
        for k in passing[1:2]:  # a bridging article: the runner-up story joins
            home.absorb(self.stories.pop(k))

    def groups(self) -> list[list[str]]:
        return [list(s.members) for s in self.stories.values()]


def cluster_articles(articles: Sequence[Article], embedder: Embedder) -> list[list[str]]:
    """One-shot clustering of ``articles`` into groups of article ids (largest first)."""
    c = StoryClusterer()
    c.add(story_docs(articles, embedder))
    return sorted(c.groups(), key=lambda g: (-len(g), g[0]))
