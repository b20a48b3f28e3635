"""Story step 6, framing: the words each outlet uses distinctively, compared with the others.

Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): for
each outlet against all the others, the z-score of each unigram and bigram, the prior being the
whole story's word frequencies. Spellings of one entity that only one outlet uses (a different
name for the same referent) are always reported.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from .models import Article, FramingTerm, OutletFraming, StoryEntity

PRIOR_STRENGTH = 500.0  # alpha_0, total pseudo-count of the prior; the usual order of magnitude for short corpora
MIN_Z = 1.5  # report terms at least this distinctive
TOP_TERMS = 10
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]")
# attribution and light verbs: 'says' against 'said' is house style, not framing
_PLAIN = ENGLISH_STOP_WORDS | frozenset(
    "said says say saying told tell tells asked added adds according including got get gets getting did does "
    "doing done make makes made going went come came know knew think want wanted just really thing things lot it's "
    "that's there's he's she's they're we're i'm don't didn't doesn't can't won't isn't wasn't".split()
)


def terms(text: str) -> list[str]:
    """Lower-cased unigrams and bigrams of content words (no stop words, attribution or light verbs)."""
    toks = [t.lower().replace("’", "'") for t in _TOKEN.findall(text)]
    words = [t for t in toks if t not in _PLAIN and len(t) > 2]
    bigrams = [f"{a} {b}" for a, b in zip(toks, toks[1:]) if a not in _PLAIN and b not in _PLAIN and len(a) > 2 and len(b) > 2]
    return words + bigrams


def build_framing(articles: Sequence[Article], entities: Sequence[StoryEntity]) -> list[OutletFraming]:
    by_outlet: dict[str, Counter[str]] = {}
    for a in articles:
        by_outlet.setdefault(a.outlet or a.id, Counter()).update(terms(" ".join(filter(None, [a.headline, a.body]))))
    if len(by_outlet) < 2:
        return []
    total = sum(by_outlet.values(), Counter())
    n_total = sum(total.values())
    out = []
    for outlet, counts in sorted(by_outlet.items()):
        scored = _log_odds(counts, total, n_total)
        own_name = set(terms(outlet))  # 'cnn', 'new york': an outlet naming itself is no framing
        picked = _without_parts([(t, z) for t, z in scored if z >= MIN_Z and counts[t] >= 2 and t not in own_name])[:TOP_TERMS]
        seen = {t.lower() for t, _ in picked}
        picked += [(f, z) for f, z in _own_spellings(outlet, entities, dict(scored)) if f.lower() not in seen and f.lower() not in own_name]
        arts = [a for a in articles if (a.outlet or a.id) == outlet]
        out.append(OutletFraming(outlet, tuple(FramingTerm(t, round(z, 2), _example(arts, t)) for t, z in picked)))
    return out


def _without_parts(picked: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """Leave out a word that a picked pair holds ('rica' beside 'costa rica'): it says nothing more."""
    pairs = [t.split() for t, _ in picked if " " in t]
    return [(t, z) for t, z in picked if " " in t or not any(t in p for p in pairs)]


def _log_odds(counts: Counter[str], total: Counter[str], n_total: int) -> list[tuple[str, float]]:
    n_i = sum(counts.values())
    n_j = n_total - n_i
    scores = []
    for term, y_i in counts.items():
        alpha = PRIOR_STRENGTH * total[term] / n_total
        y_j = total[term] - y_i
        delta = math.log((y_i + alpha) / (n_i + PRIOR_STRENGTH - y_i - alpha)) - math.log((y_j + alpha) / (n_j + PRIOR_STRENGTH - y_j - alpha))
        scores.append((term, delta / math.sqrt(1 / (y_i + alpha) + 1 / (y_j + alpha))))
    return sorted(scores, key=lambda p: (-p[1], p[0]))


def _own_spellings(outlet: str, entities: Sequence[StoryEntity], scores: dict[str, float]) -> list[tuple[str, float]]:
    """Entity forms only this outlet uses, for entities the other outlets name differently."""
    out = []
    for e in entities:
        others_forms = {v.form for v in e.variants if set(v.outlets) - {outlet}}
        uses_shared = any(outlet in v.outlets for v in e.variants if v.form in others_forms)
        if not others_forms or uses_shared:
            continue
        out += [(v.form, scores.get(v.form.lower(), MIN_Z)) for v in e.variants if v.outlets == (outlet,)]
    return out


def _example(articles: Sequence[Article], term: str) -> str | None:
    pat = re.compile(r"(?<![\w])" + r"\W+".join(re.escape(w) for w in term.split()) + r"(?![\w])", re.IGNORECASE)
    return next((s.id for a in articles for s in a.sentences if pat.search(s.text.replace("’", "'"))), None)
