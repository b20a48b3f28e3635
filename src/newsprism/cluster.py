"""Stories: group articles by the real-world event they report, incrementally.

Each article becomes one unit vector: its full text as hashed TF-IDF (IDF from the document
frequencies seen so far), sketched down to ``SKETCH_DIM`` dimensions (a signed count sketch,
which keeps dot products on average), joined with the MiniLM embedding of its headline and lead,
weighted so that a dot product is ``TEXT_WEIGHT`` x text cosine + the rest x lead cosine. A story
keeps the sum of its members' vectors, so an article's average-link similarity to a story is one
dot product divided by the story size. An article joins the best story that passes
``JOIN_THRESHOLD`` (less ``DAY_PENALTY`` per day between the article and the story's dates) and has
coverage within ``WINDOW_DAYS``; otherwise it starts a story. An article that passes for two
stories merges them only when the two stories pass as wholes: one article bridging two events
does not chain them. A story of two or more articles also asks an article for ``COHESION_SHARE``
of the story's own cohesion (the mean similarity of its articles to each other, at most
``COHESION_CAP``): the next step of a topic (a later vote, another person's part in the affair)
is close to the story, but less close than the story's articles are to each other. Articles are taken in date order,
then id, so batches that arrive in date order give the same stories as one run (the difference
for batches out of order is measured in bench/bench_cluster.py).
"""

from __future__ import annotations

import math
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np

from .dates import to_date
from .embed import Embedder, cache_dir
from .models import Article
from .numeric import settle, snap

JOIN_THRESHOLD = 0.20  # swept 0.10-0.40 on stories-dev (bench/bench_cluster.py); again 0.15-0.25 with BACKGROUND_DOCS
TEXT_WEIGHT = 0.65  # full-text TF-IDF vs headline+lead embedding; swept 0.5-1.0 on stories-dev, again 0.5-0.8 with COHESION_SHARE
COHESION_SHARE = 0.65  # an article must reach this share of a story's own cohesion ...; swept 0.5-0.8 on stories-dev
COHESION_CAP = 0.30  # ... capped here, so that a story of near-copies still takes a fresh article; swept 0.25-0.35
WINDOW_DAYS = 90  # a developing story runs for weeks; swept 30-365 with DAY_PENALTY on stories-dev (docs/benchmarks.md)
DAY_PENALTY = 0.0015  # similarity lost per day between an article and a story's dates; the same F1 from 0.0013 to 0.0017 on stories-dev
BACKGROUND_DOCS = 10_000  # pseudo-documents of general English mixed into the IDF; swept 300-30,000 on stories-dev
BACKGROUND_DOC_WORDS = 500  # a typical article's length, turning a word's frequency into a document frequency
HASH_BITS = 18
SKETCH_DIM = 2048
SKETCHES = 4  # buckets per term: less variance than one
LEAD_SENTENCES = 3
LEAD_TOKENS = 64
LATE_DAYS = 1  # a batch reaching back further before the newest day clustered is clustered again with the rest (``is_late``)
PREFILTER_DIMS = SKETCH_DIM // 4  # rough ranking of many in-window stories ...
PREFILTER_KEEP = 48  # ... keeps this many for exact scoring
LEAD_DIM = 384
ROUGH = PREFILTER_DIMS + LEAD_DIM  # vector layout: [sketch[:PREFILTER_DIMS], lead, rest of sketch]
LAYOUT = 3  # 1 was [sketch, lead], 2 float32 sums off the grid; older states are converted on load
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
def hasher():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(n_features=2**HASH_BITS, alternate_sign=False, stop_words="english", norm=None)


@lru_cache(maxsize=1)
def background_df() -> np.ndarray:
    """For each hashed term, the share of general-English documents that use it, from wordfreq's
    word frequencies. Mixed into the IDF as ``BACKGROUND_DOCS`` pseudo-documents, so that a
    small corpus (one folder about one event) still weighs its topic words ('gunman', the place's
    name) as the rare words they are, instead of as words every document uses. The corpus's own
    counts take over as it grows. Built once (a few seconds) and cached on disk."""
    from importlib.metadata import version

    target = cache_dir() / f"background-df-{HASH_BITS}-{BACKGROUND_DOC_WORDS}-wordfreq{version('wordfreq')}.npy"
    if target.exists():
        return np.load(target)
    table = _build_background_df()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".npy", delete=False) as tmp:
            np.save(tmp, table)
        os.replace(tmp.name, target)  # whole or not at all, should two processes build it at once
    except OSError:
        pass  # cache folder not writable: rebuilt by the next process
    return table


def _build_background_df() -> np.ndarray:
    from wordfreq import get_frequency_dict

    freqs = get_frequency_dict("en", wordlist="large")
    words = list(freqs)
    per_doc = 1.0 - np.exp(-BACKGROUND_DOC_WORDS * np.fromiter(freqs.values(), dtype=np.float64, count=len(words)))
    hashed = hasher().transform(words).tocoo()  # the clusterer's own tokens and hashing
    table = np.zeros(2**HASH_BITS, dtype=np.float64)
    np.add.at(table, hashed.col, per_doc[hashed.row])
    return np.minimum(table, 1.0).astype(np.float32)


def story_docs(articles: Sequence[Article], embedder: Embedder) -> list[StoryDoc]:
    return docs_with_leads(articles, embed_leads(articles, embedder))


def embed_leads(articles: Sequence[Article], embedder: Embedder) -> np.ndarray:
    """Headline + lead embeddings; 64 tokens hold the headline and first sentence, and halve the cost."""
    return embedder.embed([lead_text(a) for a in articles], max_tokens=LEAD_TOKENS)


def docs_with_leads(articles: Sequence[Article], leads: Sequence[np.ndarray] | np.ndarray) -> list[StoryDoc]:
    """``StoryDoc``s for articles whose lead embeddings are already known (stored in the corpus)."""
    return docs_from_texts([(a.id, a.headline, a.body, a.published) for a in articles], leads)


def docs_from_texts(texts: Sequence[tuple[str, str | None, str, str | None]], leads: Sequence[np.ndarray] | np.ndarray) -> list[StoryDoc]:
    """``StoryDoc``s from (id, headline, body, published) and lead embeddings: all the clusterer reads."""
    if not texts:
        return []
    leads = [np.asarray(v, dtype=np.float64) for v in leads]
    rows = hasher().transform([f"{headline or ''}\n{body}" for _, headline, body, _ in texts])
    docs = []
    for i, (doc_id, _, _, published) in enumerate(texts):
        row = rows.getrow(i)
        docs.append(StoryDoc(doc_id, to_date(published), row.indices.astype(np.int64), 1.0 + np.log(row.data), leads[i]))
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


_NO_DAY = -(10**9)


@dataclass(frozen=True)
class Rules:
    """A user's decisions as constraints: articles of one group share a story; groups in
    ``apart`` (pairs of group numbers) never do."""

    group_of: dict[str, int] = field(default_factory=dict)
    apart: frozenset[tuple[int, int]] = frozenset()

    def separated(self, a: int, b: int) -> bool:
        return (min(a, b), max(a, b)) in self.apart


def compile_decisions(decisions: Sequence[dict]) -> Rules:
    """``Rules`` from decisions in the order they were made, each ``{"groups": [[article ids],
    ...], "apart": bool}`` (a merge: one group; a split: two groups kept apart). A later decision
    overrides an earlier one for the articles it names."""
    group_of: dict[str, int] = {}
    apart: set[tuple[int, int]] = set()
    n = 0
    for d in decisions:
        made = []
        for ids in d["groups"]:
            for aid in ids:
                group_of[aid] = n
            made.append(n)
            n += 1
        if d.get("apart"):
            apart |= {(a, b) for a in made for b in made if a < b}
    live = set(group_of.values())
    return Rules(group_of, frozenset(p for p in apart if p[0] in live and p[1] in live))


@dataclass
class StoryClusterer:
    """Incremental clustering state: feed it ``StoryDoc``s, read ``groups()``.

    Story vector sums live in one matrix (a row per story), so scoring an article against every
    story in its time window is one matrix-vector product."""

    df: np.ndarray = field(default_factory=lambda: np.zeros(2**HASH_BITS, dtype=np.int32))
    n_docs: int = 0
    sums: np.ndarray = field(default_factory=lambda: np.zeros((0, SKETCH_DIM + LEAD_DIM), dtype=np.float64))  # grid vectors: exact dot products
    counts: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    squares: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float64))  # |sum|^2 per row, exact, kept up to date
    first: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    last: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    members: list[list[str]] = field(default_factory=list)
    n_rows: int = 0
    active: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # rows that may still take articles
    active_day: int = _NO_DAY  # the day ``active`` was last pruned for (date-ordered input)
    max_day: int = _NO_DAY
    layout: int = LAYOUT
    rules: Rules = field(default_factory=Rules)
    row_groups: dict[int, set[int]] = field(default_factory=dict)  # row -> groups of ``rules`` it holds

    def __setstate__(self, state: dict) -> None:
        """Unpickle, moving the columns of a layout-1 state (``[sketch, lead]``) into place and
        putting older float32 sums on the grid."""
        layout = state.get("layout", 1)
        if layout == 1:
            s = state["sums"]
            state["sums"] = np.ascontiguousarray(np.hstack([s[:, :PREFILTER_DIMS], s[:, SKETCH_DIM:], s[:, PREFILTER_DIMS:SKETCH_DIM]]))
        if layout < LAYOUT:
            state["sums"] = snap(state["sums"])
            state["layout"] = LAYOUT
        if "squares" not in state:  # states saved before squares were kept
            state["squares"] = np.einsum("ij,ij->i", state["sums"], state["sums"])
        state.setdefault("rules", Rules())
        state.setdefault("row_groups", {})
        self.__dict__.update(state)

    def follow(self, rules: Rules) -> None:
        """Keep to ``rules`` from now on (the stories already formed are as they are)."""
        self.rules = rules
        self.row_groups = {}
        for row, ids in self.stories.items():
            for aid in ids:
                if aid in rules.group_of:
                    self.row_groups.setdefault(row, set()).add(rules.group_of[aid])

    @property
    def stories(self) -> dict[int, list[str]]:
        """Live stories: row key -> member ids."""
        return {k: m for k, m in enumerate(self.members[: self.n_rows]) if m}

    def is_late(self, days: Iterable[date | None]) -> bool:
        """Whether articles of these publication ``days`` reach back more than ``LATE_DAYS`` before
        the newest day already clustered (an undated article, which a single run takes first, is
        always late then): added now, they would meet stories that formed without them, and
        stories would depend on the order articles arrive in. The corpus then clusters everything
        again in date order."""
        if self.max_day == _NO_DAY:
            return False
        return any(d is None or d.toordinal() < self.max_day - LATE_DAYS for d in days)

    def renumber(self, rows: dict[int, int]) -> None:
        """Move each live story from its row ``r`` to row ``rows[r]`` (story ids are rows: a
        clustering run again keeps the ids of the stories it finds again); other rows stay empty."""
        live = sorted(self.stories)
        size = max([rows[r] for r in live], default=-1) + 1
        src, dst = np.array(live, dtype=np.int64), np.array([rows[r] for r in live], dtype=np.int64)
        sums = np.zeros((size, self.sums.shape[1]), dtype=np.float64)
        counts, first, last = np.zeros(size, dtype=np.int32), np.full(size, _NO_DAY, dtype=np.int64), np.full(size, _NO_DAY, dtype=np.int64)
        members: list[list[str]] = [[] for _ in range(size)]
        squares = np.zeros(size, dtype=np.float64)
        if len(src):
            sums[dst], counts[dst], squares[dst], first[dst], last[dst] = self.sums[src], self.counts[src], self.squares[src], self.first[src], self.last[src]
        for r in live:
            members[rows[r]] = self.members[r]
        moved = {r: rows[r] for r in live}
        self.row_groups = {moved[r]: g for r, g in self.row_groups.items() if r in moved}
        self.sums, self.counts, self.squares, self.first, self.last, self.members, self.n_rows = sums, counts, squares, first, last, members, size
        self.active = np.array(sorted(moved[int(r)] for r in self.active if int(r) in moved), dtype=np.int64)

    def add(self, docs: Iterable[StoryDoc]) -> None:
        for doc in sorted(docs, key=lambda d: (d.day or date.min, d.id)):
            self._add_one(doc)

    def idf(self, terms: np.ndarray) -> np.ndarray:
        """Inverse document frequency of hashed ``terms`` over the articles seen and ``BACKGROUND_DOCS`` of general English."""
        background = BACKGROUND_DOCS * background_df()[terms]
        return np.log((1.0 + self.n_docs + BACKGROUND_DOCS) / (1.0 + self.df[terms] + background)) + 1.0

    def vector(self, doc: StoryDoc) -> np.ndarray:
        text = _sketch(doc.terms, doc.tf * self.idf(doc.terms))
        text /= max(math.sqrt(float(np.sum(text * text))), 1e-9)
        text *= math.sqrt(TEXT_WEIGHT)
        lead = math.sqrt(1 - TEXT_WEIGHT) * doc.lead
        return snap(np.concatenate([text[:PREFILTER_DIMS], lead, text[PREFILTER_DIMS:]]))

    def _candidates(self, day: int) -> np.ndarray:
        n = self.n_rows
        live = self.counts[:n] > 0
        if day == _NO_DAY:
            return np.nonzero(live)[0]
        undated = self.first[:n] == _NO_DAY
        near = (self.first[:n] - day <= WINDOW_DAYS) & (day - self.last[:n] <= WINDOW_DAYS)
        return np.nonzero(live & (near | undated))[0]

    def _scores(self, vec: np.ndarray, day: int) -> tuple[np.ndarray, np.ndarray]:
        """(row indices, average-link scores) of the stories within the time window."""
        if day == _NO_DAY or day < self.max_day:  # undated or out of order: look at every row
            idx = self._candidates(day)
            return idx, ((self.sums[idx] @ vec) / self.counts[idx] if len(idx) else np.zeros(0))
        self.max_day = day
        if day != self.active_day:  # once per new day: drop stories that fell out of the window
            a = self.active
            keep = (self.counts[a] > 0) & ((self.first[a] == _NO_DAY) | (day - self.last[a] <= WINDOW_DAYS))
            self.active, self.active_day = a[keep], day
        rows = self.active[self.counts[self.active] > 0]
        if len(rows) > PREFILTER_KEEP:
            # a quarter of the sketch dimensions estimate the text cosine without bias: rank with
            # them (and the lead part) first, then score the best PREFILTER_KEEP stories exactly
            rough = self._rough(rows, vec)
            rows = rows[np.argpartition(-(rough / self.counts[rows]), PREFILTER_KEEP)[:PREFILTER_KEEP]]
        return rows, (self.sums[rows] @ vec) / self.counts[rows]

    def _rough(self, rows: np.ndarray, vec: np.ndarray) -> np.ndarray:
        """Prefilter dot products of ``rows`` over the leading ``ROUGH`` columns. In date order the
        active stories are nearly the newest rows, so a view of that block (no copy) is multiplied
        and the rows picked after."""
        head = vec[:ROUGH].copy()
        head[:PREFILTER_DIMS] *= SKETCH_DIM / PREFILTER_DIMS
        lo = int(rows.min())
        if self.n_rows - lo <= 2 * len(rows):
            return (self.sums[lo : self.n_rows, :ROUGH] @ head)[rows - lo]
        return self.sums[rows, :ROUGH] @ head

    def _add_one(self, doc: StoryDoc) -> None:
        self.df[doc.terms] += 1
        self.n_docs += 1
        vec = self.vector(doc)
        day = doc.day.toordinal() if doc.day else _NO_DAY
        idx, scores = self._scores(vec, day)  # also keeps the newest day and the rows in the window up to date
        group = self.rules.group_of.get(doc.id)
        held = [r for r, gs in self.row_groups.items() if group in gs] if group is not None else []
        if held:  # a user put this article with others already in a story
            self._put(held[0], doc.id, vec, day)
            return
        scores = scores - DAY_PENALTY * self._days_apart(idx, day)
        if group is not None and self.rules.apart:
            scores = np.where([self._may_hold(int(r), {group}) for r in idx], scores, -np.inf)
        order = np.argsort(-scores, kind="stable")
        bar = self._bar(idx)
        passing = [int(idx[i]) for i in order[:2] if scores[i] >= bar[i]]
        home = passing[0] if passing else self._new_row()
        self._put(home, doc.id, vec, day)
        for other in passing[1:]:  # an article close to two stories: they merge only if they are alike as wholes
            if other != home and self._alike(home, other) and self._may_hold(home, self.row_groups.get(other, set())):
                self._merge(home, other)

    def _may_hold(self, row: int, groups: set[int]) -> bool:
        """Whether story ``row`` may take articles of ``groups``: none is kept apart from one it holds."""
        return not any(self.rules.separated(a, b) for a in self.row_groups.get(row, ()) for b in groups)

    def _bar(self, rows: np.ndarray) -> np.ndarray:
        """The score an article needs to join each story: ``JOIN_THRESHOLD``, or ``COHESION_SHARE``
        of the story's cohesion (capped at ``COHESION_CAP``) when that is higher. Cohesion is the
        mean dot product of distinct members, from the exact sum: (|sum|^2 - n) / (n (n - 1))."""
        n = self.counts[rows].astype(np.float64)
        cohesion = np.where(n >= 2, (self.squares[rows] - n) / np.maximum(n * (n - 1), 1.0), 0.0)
        return np.maximum(JOIN_THRESHOLD, settle(np.minimum(COHESION_SHARE * cohesion, COHESION_CAP)))

    def _days_apart(self, rows: np.ndarray, day: int) -> np.ndarray:
        """Days between ``day`` and each story's run of dates (0 inside it, or when either is undated)."""
        first, last = self.first[rows], self.last[rows]
        gap = np.maximum(0, np.maximum(first - day, day - last))
        return np.where((first == _NO_DAY) | (day == _NO_DAY), 0, gap)

    def _alike(self, a: int, b: int) -> bool:
        """Whether two stories pass the joining threshold as wholes: the average similarity of
        their articles (one exact dot product of their sums), less the days between them."""
        mean = float(self.sums[a] @ self.sums[b]) / (int(self.counts[a]) * int(self.counts[b]))
        gap = max(0, int(max(self.first[a], self.first[b])) - int(min(self.last[a], self.last[b])))
        dated = _NO_DAY not in (self.first[a], self.first[b])
        return mean - (DAY_PENALTY * gap if dated else 0.0) >= JOIN_THRESHOLD

    def _new_row(self) -> int:
        if self.n_rows == len(self.counts):
            grow = max(16, len(self.counts))
            self.sums = np.vstack([self.sums, np.zeros((grow, self.sums.shape[1]), dtype=np.float64)])
            self.counts = np.concatenate([self.counts, np.zeros(grow, dtype=np.int32)])
            self.squares = np.concatenate([self.squares, np.zeros(grow, dtype=np.float64)])
            self.first = np.concatenate([self.first, np.full(grow, _NO_DAY, dtype=np.int64)])
            self.last = np.concatenate([self.last, np.full(grow, _NO_DAY, dtype=np.int64)])
        self.members.append([])
        self.n_rows += 1
        self.active = np.append(self.active, self.n_rows - 1)
        return self.n_rows - 1

    def _put(self, row: int, doc_id: str, vec: np.ndarray, day: int) -> None:
        if not (self.active == row).any():  # an older article revived a pruned story
            self.active = np.append(self.active, row)
        self.members[row].append(doc_id)
        if doc_id in self.rules.group_of:
            self.row_groups.setdefault(row, set()).add(self.rules.group_of[doc_id])
        self.squares[row] += 2.0 * float(self.sums[row] @ vec) + float(vec @ vec)  # exact on the grid: |sum + vec|^2
        self.sums[row] += vec
        self.counts[row] += 1
        if day != _NO_DAY:
            self.first[row] = day if self.first[row] == _NO_DAY else min(self.first[row], day)
            self.last[row] = max(self.last[row], day)

    def _merge(self, home: int, other: int) -> None:
        self.members[home] += self.members[other]
        self.members[other] = []
        if other in self.row_groups:
            self.row_groups.setdefault(home, set()).update(self.row_groups.pop(other))
        self.squares[home] += 2.0 * float(self.sums[home] @ self.sums[other]) + self.squares[other]
        self.sums[home] += self.sums[other]
        self.squares[other] = 0.0
        self.counts[home] += self.counts[other]
        self.counts[other] = 0
        days = [d for d in (self.first[home], self.first[other]) if d != _NO_DAY]
        self.first[home] = min(days) if days else _NO_DAY
        self.last[home] = max(self.last[home], self.last[other])

    def groups(self) -> list[list[str]]:
        return [list(m) for m in self.stories.values()]


def keep_ids(before: dict[int, list[str]], after: dict[int, list[str]], next_row: int) -> dict[int, int]:
    """For stories clustered again (``after``, by row), the row each takes: the row of the earlier
    story it shares most articles with (each earlier row once; the largest overlaps first), else
    a new row from ``next_row`` on, so that no story takes the id of one it is not."""
    owner = {m: k for k, ms in before.items() for m in ms}
    overlaps = sorted(((-n, old, new) for new, ms in after.items() for old, n in Counter(owner[m] for m in ms if m in owner).items()))
    rows: dict[int, int] = {}
    taken: set[int] = set()
    for _, old, new in overlaps:
        if new not in rows and old not in taken:
            rows[new] = old
            taken.add(old)
    for new in sorted(after):
        if new not in rows:
            rows[new] = next_row
            next_row += 1
    return rows


def cluster_articles(articles: Sequence[Article], embedder: Embedder) -> list[list[str]]:
    """One-shot clustering of ``articles`` into groups of article ids (largest first)."""
    c = StoryClusterer()
    c.add(story_docs(articles, embedder))
    return sorted(c.groups(), key=lambda g: (-len(g), g[0]))
