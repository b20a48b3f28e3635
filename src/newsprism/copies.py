"""Near-duplicates and wire copies: the same text under several outlets, found with MinHash LSH.

Each article body becomes the set of its word 5-shingles; MinHash signatures (datasketch) go into an
LSH index whose threshold is ``COPY_JACCARD``. A copy points (``copy_of``) to the earliest article
of its group (by date, then id), and copies do not count as independent confirmation. Inside one
story, an article that reproduces most of another's text with words of its own (a post quoted
whole, a wire story cut short) is a copy too (``with_reproductions``).
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

from .models import Article

COPY_JACCARD = 0.7  # estimated Jaccard of 5-shingles above which two bodies are copies
NUM_PERM = 64
SHINGLE = 5
_WORD = re.compile(r"\w+")


SCHEME = "affine32"  # datasketch's hashing scheme, named so stored signatures read back the same


def signature(body: str) -> MinHash:
    m = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    m.update_batch([s.encode("utf-8") for s in shingles(body)])
    return m


def shingles(body: str) -> frozenset[str]:
    """A body's word 5-shingles, lower-cased."""
    words = _WORD.findall(body.lower())
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1)))


def signature_bytes(m: MinHash) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint64).tobytes()


def from_bytes(raw: bytes) -> MinHash:
    return MinHash(num_perm=NUM_PERM, seed=1, hashvalues=np.frombuffer(raw, dtype=np.uint64), scheme=SCHEME)


class CopyIndex:
    """An LSH index that answers: which earlier article is this one a copy of?"""

    def __init__(self) -> None:
        self._lsh = MinHashLSH(threshold=COPY_JACCARD, num_perm=NUM_PERM)
        self._sigs: dict[str, MinHash] = {}
        self._root: dict[str, str] = {}

    def add(self, article_id: str, sig: MinHash, copy_of: str | None = None, known: bool = False) -> str | None:
        """Index ``article_id``; return the article it copies (None for an original).
        ``known``: the link was decided before (stored), do not look again."""
        if article_id in self._sigs:
            return self._root.get(article_id)
        if copy_of is None and not known:
            near = [k for k in self._lsh.query(sig) if self._sigs[k].jaccard(sig) >= COPY_JACCARD]
            copy_of = min((self._root.get(k, k) for k in near), default=None)
        self._lsh.insert(article_id, sig)
        self._sigs[article_id] = sig
        if copy_of:
            self._root[article_id] = copy_of
        return copy_of


def find_copies(articles: Sequence[Article]) -> dict[str, str]:
    """article id -> id of the earliest article it copies, for every copy among ``articles``."""
    index = CopyIndex()
    out = {}
    for a in sorted(articles, key=lambda a: (a.published or "", a.id)):
        if (root := index.add(a.id, signature(a.body))) is not None:
            out[a.id] = root
    return out


def independent_sources(articles: Iterable[Article], copies: dict[str, str]) -> dict[str, str]:
    """For claim support: a copy counts as the outlet of the article it copies."""
    by_id = {a.id: a for a in articles}
    return {aid: (by_id[root].outlet or root) if root in by_id else root for aid, root in copies.items()}


REPRODUCED = 0.6  # share of the shorter body's 5-shingles that the longer one holds, from which it reproduces it
MIN_REPRODUCED = 50  # shingles (about a paragraph) a body needs: two briefs opening with one wire sentence are not copies


def with_reproductions(articles: Sequence[Article], copies: Mapping[str, str]) -> dict[str, str]:
    """``copies`` and, among ``articles`` (one story), the articles that reproduce most of another's
    text though each has words of its own: a post quoted whole in a report, a wire story cut
    short or run with a local paragraph (``REPRODUCED`` of the shorter body's word 5-shingles in
    the longer; ``find_copies`` sees only near-identical bodies). Such articles point to the
    earliest of their group (by date, then id), or to what it copies, so they count once in a
    claim's support."""
    order = {a.id: (a.published or "", a.id) for a in articles}
    ids = sorted(order, key=order.__getitem__)
    sets = {a.id: shingles(a.body) for a in articles}
    parent = {i: i for i in ids}

    def find(x: str) -> str:
        while parent[x] != x:
            x = parent[x]
        return x

    def join(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb, key=order.__getitem__)] = min(ra, rb, key=order.__getitem__)

    for a in ids:
        if copies.get(a) in parent:
            join(a, copies[a])
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            small, large = sorted((sets[a], sets[b]), key=len)
            if find(a) != find(b) and len(small) >= MIN_REPRODUCED and len(small & large) >= REPRODUCED * len(small):
                join(a, b)
    out = dict(copies)
    for a in ids:
        first = find(a)
        if first != a and a not in out:
            out[a] = copies.get(first, first)
    return out
