"""Story step 2, claims: align sentences across articles into facts, and say who backs each.

Similarity of two sentences from different articles = cosine of their MiniLM embeddings plus the
share of the lighter sentence's particular words that the other one repeats (content words weighted
by how few of the story's articles use them): a restated fact keeps its particulars, while two
facts of one topic share only the story's common words. Sentences are then grouped greedily, best
pair first, average linkage, never two sentences of one article in a claim.
A claim is shown by the member most members state, then by what their wordings have in common
(``_shown``); a member counts as stating it when its tie to that
sentence reaches ``SUPPORT_SCORE`` and its cosine ``SUPPORT_COSINE`` (stricter than the grouping,
whose average linkage holds sentences that state only part of the shown one, or another fact of
the same moment), and the two sentences share ``SUPPORT_OVERLAP`` of their wording both ways (a
sentence that says much the other does not states another fact, or more than one), and is
otherwise listed as related. A claim's support is the number of distinct independent outlets among
the members that state it (wire copies count once). A claim one source states is that source's
exclusive only when no other source has a sentence the grouping's score ties to it; else it is
"single", the close sentences listed as related.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from typing import Callable, Mapping, Sequence

import numpy as np
from scipy.sparse import csr_matrix

from . import textfeatures as tf
from .embed import Embedder, word_pieces
from .entities import EntityIndex
from .models import Article, Claim, ClaimKind, ClaimLink, Conflict, Sentence
from .numeric import settle

MIN_WORDS = 5  # shorter sentences ("He agreed.") carry no checkable fact on their own
LINK_THRESHOLD = 0.70  # fitted with WORDS_WEIGHT on the story gold's sentence pairs (docs/benchmarks.md)
SUPPORT_SCORE = 0.73  # a member this close to the shown sentence counts as stating it: the claims audit and the example (docs/benchmarks.md)
SUPPORT_COSINE = 0.45  # ... and this close in meaning: a short sentence reaches the score on a few shared words alone (same audit)
SUPPORT_OVERLAP = 0.30  # ... and shares this much wording (``Wording.overlap``): both claims audits and the example (docs/benchmarks.md)
WORDS_WEIGHT = 0.5  # weight of the shared particular words
_NUMBER = re.compile(r"\b\d[\d,.]*\b")


@dataclass(frozen=True)
class Unit:
    """A sentence with what the aligner needs to know about it."""

    sentence: Sentence
    article_id: str
    outlet: str
    position: int
    keys: frozenset[str]  # entity ids and numbers mentioned


@dataclass(frozen=True)
class Alignment:
    units: tuple[Unit, ...]
    sim: np.ndarray  # cosine + shared entity/number bonus: what the grouping used
    cos: np.ndarray  # embedding cosine alone
    groups: tuple[tuple[int, ...], ...]  # unit indices of each claim, claim order
    stating: tuple[tuple[int, ...], ...] = ()  # of each group, the members counted as stating its claim (empty: all)

    def counted(self, claim: int) -> tuple[int, ...]:
        """The members of a claim that state it (the whole group where not known)."""
        return self.stating[claim] if self.stating else self.groups[claim]

    def claim_of(self) -> dict[str, int]:
        return {self.units[i].sentence.id: c for c, g in enumerate(self.groups) for i in g}


def is_unit(sentence: Sentence) -> bool:
    """Whether a sentence is aligned (and so needs an embedding): long enough, and a statement (a
    question, 'What will the rocket carry?', states no fact)."""
    return len(sentence.text.split()) >= MIN_WORDS and not tf.is_question(sentence.text)


MAX_UNITS_PER_ARTICLE = 400  # a news article has far fewer; a book or a transcript is compared by its start (pairs grow as the square)


def aligned_sentences(article: Article) -> list[tuple[int, Sentence]]:
    """(position, sentence) of the sentences of an article that are aligned across articles:
    long enough (``is_unit``), said for the first time in the article (``_said``: a repeated
    paragraph or a pull quote is one statement, not a second claim), the first ``MAX_UNITS_PER_ARTICLE`` of them."""
    seen: set[str] = set()
    out = []
    for pos, s in enumerate(article.sentences):
        said = _said(s.text)
        if is_unit(s) and said not in seen:
            out.append((pos, s))
        seen.add(said)
    return out[:MAX_UNITS_PER_ARTICLE]


def _said(text: str) -> str:
    """What a sentence says, for telling a repeat: its words, case folded, whatever its quotation
    marks, dashes and ampersands (an embedded post and the same post quoted in the text)."""
    return " ".join(_WORDS.findall(text.replace("&", " and ").casefold()))


_WORDS = re.compile(r"\w+")


def build_units(articles: Sequence[Article], index: EntityIndex) -> list[Unit]:
    units = []
    for a in articles:
        for pos, s in aligned_sentences(a):
            ents = index.ids_in(a.id, s.start, s.end, a.entities)
            nums = {f"#{n.rstrip('.,')}" for n in _NUMBER.findall(s.text)}
            units.append(Unit(s, a.id, a.outlet or a.id, pos, frozenset(ents | nums)))
    return units


def similarity(units: Sequence[Unit], embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """(combined, cosine): cosine of embeddings plus ``WORDS_WEIGHT`` times ``shared_words``, both
    settled (``numeric``) so that every comparison of them comes out the same on any machine."""
    vecs = embedder.embed([u.sentence.text for u in units])
    cos = settle(vecs @ vecs.T)  # exact for grid vectors; settled as a guard for other embedders
    return settle(cos + WORDS_WEIGHT * shared_words(units)), cos


class Wording:
    """The story's sentences as word pieces, each piece weighted by how few of the units use it
    (smoothed: 1 + log((n + 1) / (units using it + 1)), so that in a story of two sentences the
    words they share still count): what two sentences' wordings have in common."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self._pieces = word_pieces([u.sentence.text for u in units])
        df = Counter(p for ps in self._pieces for p in set(ps))
        self._weight = {p: 1.0 + math.log((len(units) + 1) / (n + 1)) for p, n in df.items()}

    def overlap(self, i: int, j: int) -> float:
        """Weighted F1 of units ``i`` and ``j``'s pieces: the share of each one's wording that the
        other uses, both ways, combined so that a sentence saying much more than the other scores low."""
        recall, precision = self.held(i, j), self.held(j, i)
        return settle(2 * recall * precision / (recall + precision)) if recall + precision else 0.0

    def held(self, i: int, j: int) -> float:
        """The share of unit ``i``'s wording (weighted pieces) that unit ``j`` uses."""
        a, in_b = self._pieces[i], set(self._pieces[j])
        wa = sum(self._weight[p] for p in a)
        return sum(self._weight[p] for p in a if p in in_b) / wa if wa else 0.0


def word_weights(units: Sequence[Unit]) -> dict[str, float]:
    """Each content word's weight in a story: log((1 + articles) / articles using it), so the
    story's common words count for little and its particulars for much."""
    by_article: dict[str, set[str]] = {}
    for u in units:
        by_article.setdefault(u.article_id, set()).update(tf.content_words(u.sentence.text))
    df = Counter(w for ws in by_article.values() for w in ws)
    return {w: math.log((1 + len(by_article)) / df[w]) for w in sorted(df)}


def shared_words(units: Sequence[Unit]) -> np.ndarray:
    """For each pair of units, the weight (``word_weights``) of the content words both use over
    the weight of the lighter one's words."""
    weights = word_weights(units)
    bags = [tf.content_words(u.sentence.text) for u in units]
    vocab = {w: k for k, w in enumerate(weights)}
    idf = np.array(list(weights.values()))
    rows = [k for k, bag in enumerate(bags) for _ in bag]
    cols = [vocab[w] for bag in bags for w in bag]
    has = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(units), len(vocab)))
    shared = (has @ has.multiply(idf[None, :]).T).toarray()
    mass = np.diag(shared).copy()
    lighter = np.minimum(mass[:, None], mass[None, :])
    return np.divide(shared, lighter, out=np.zeros_like(shared), where=lighter > 0)


def align(units: Sequence[Unit], sim: np.ndarray, threshold: float | None = None) -> list[list[int]]:
    """Greedy average-link grouping with the one-sentence-per-article constraint."""
    threshold = LINK_THRESHOLD if threshold is None else threshold
    art = [u.article_id for u in units]
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    owner = list(range(len(units)))
    rows, cols = np.where(np.triu(sim, 1) >= threshold)
    for i, j in sorted(zip(rows.tolist(), cols.tolist()), key=lambda p: -sim[p[0], p[1]]):
        a, b = owner[i], owner[j]
        if a == b or art[i] == art[j]:
            continue
        if {art[k] for k in members[a]} & {art[k] for k in members[b]}:
            continue
        if settle(float(sim[np.ix_(members[a], members[b])].mean())) < threshold:
            continue
        members[a].extend(members.pop(b))
        for k in members[a]:
            owner[k] = a
    return list(members.values())


STUB_SENTENCES = 2


OFF_DATE_DAYS = 30  # an article published this long from the story's middle day, sharing no claim, reports another event


def stray_articles(al: Alignment, published: Mapping[str, date | None] | None = None) -> tuple[str, ...]:
    """Articles of the story that share no claim with any other article and name none of the
    story's core entities (those at least two other articles name): a stub (at most
    ``STUB_SENTENCES`` sentences: an archive banner, a copyright footer, a video player's or a
    social site's boilerplate), or any article when two or more others do share claims or name
    something in common (a product page, a web archive's note, another event filed with the
    story). A short brief that shares a fact, or names what the story is about, is kept; in a
    story of two articles that share nothing, neither is singled out unless it is a stub. An
    article that shares no claim and was published more than ``OFF_DATE_DAYS`` from the story's
    middle day (``published``) is another event of the same topic, whatever it names."""
    members: dict[str, list[int]] = {}
    for i, u in enumerate(al.units):
        members.setdefault(u.article_id, []).append(i)
    if len(members) < 2:
        return ()
    claim_of = al.claim_of()
    shares = {a: any(len({al.units[j].article_id for j in al.groups[claim_of[al.units[i].sentence.id]]}) > 1 for i in idx) for a, idx in members.items()}
    sharing = sum(shares.values())
    named = {a: {k for i in idx for k in al.units[i].keys if not k.startswith("#")} for a, idx in members.items()}
    naming = Counter(k for ks in named.values() for k in ks)

    def names_core(a: str) -> bool:
        return any(naming[k] >= 3 for k in named[a])  # itself and two others

    def core_elsewhere(a: str) -> bool:  # two other articles name something in common
        return any(naming[k] - (k in named[a]) >= 2 for k in naming)

    far = _far_in_time(published or {}, list(members))
    return tuple(a for a, idx in members.items() if not shares[a] and (a in far or ((len(idx) <= STUB_SENTENCES or sharing >= 2 or core_elsewhere(a)) and not names_core(a))))


def _far_in_time(published: Mapping[str, date | None], articles: list[str]) -> set[str]:
    """Articles published more than ``OFF_DATE_DAYS`` from the middle day of the story's dated
    articles (three or more), when they are fewer than half of them."""
    dated = sorted((d, a) for a in articles if (d := published.get(a)) is not None)
    if len(dated) < 3:
        return set()
    middle = dated[len(dated) // 2][0]
    far = {a for d, a in dated if abs((d - middle).days) > OFF_DATE_DAYS}
    return far if 2 * len(far) < len(dated) else set()


def _presentable(text: str) -> bool:
    return not (tf.is_sentence_piece(text) or tf.is_aside_or_heading(text))


def also_stating(units: Sequence[Unit], sim: np.ndarray, group: list[int], threshold: float | None = None) -> list[int]:
    """Sentences of the articles a claim lacks that state its fact too, each inside a sentence the
    grouping gave to another claim (one sentence can state two facts: 'X met Y in Z' states the
    meeting and its place): per article, the sentence with the best lowest score against the
    claim's members, when that lowest score reaches the linking threshold (every member matches)."""
    threshold = LINK_THRESHOLD if threshold is None else threshold
    present = {units[i].article_id for i in group}
    if len(present) < 2:  # one pair's score is too weak a sign; two sources' sentences must both match
        return []
    best: dict[str, tuple[float, int]] = {}
    for k, u in enumerate(units):
        if u.article_id in present:
            continue
        score = settle(float(sim[k, group].min()))
        if score >= threshold and score > best.get(u.article_id, (-1.0, -1))[0]:
            best[u.article_id] = (score, k)
    return sorted(k for _, k in best.values())


def claims_from(units: Sequence[Unit], sim: np.ndarray, cos: np.ndarray, groups: list[list[int]], independent: Mapping[str, str], n_outlets: int) -> tuple[list[Claim], Alignment]:
    """Turn unit groups into ordered ``Claim`` records (most supported first), each with the link
    of every member to the sentence it shows."""
    def source(i: int) -> str:
        return independent.get(units[i].article_id, units[i].outlet)

    def support(g: list[int]) -> int:
        return len({source(i) for i in g})

    weights = word_weights(units)
    wording = Wording(units)

    def states(i: int, rep: int) -> bool:
        return not _why_not(units, sim, cos, wording.overlap(i, rep), i, rep)

    def stating_of(g: list[int]) -> list[int]:
        rep = _shown(units, sim, g, wording, states)
        return [i for i in g if i == rep or states(i, rep)]

    groups = [part for g in groups for part in _parts(g, stating_of, support)]
    seconds = [also_stating(units, sim, g) for g in groups]
    built = []
    for g, second, rep in _one_claim_per_shown(units, groups, seconds, lambda g: _shown(units, sim, g, wording, states)):
        overlap = {i: wording.overlap(i, rep) for i in g if i != rep}
        why_not = {i: _why_not(units, sim, cos, overlap[i], i, rep) for i in overlap}
        why_not |= _one_credit_per_article(units, sim, rep, [i for i in g if i == rep or not why_not[i]])
        stating = [i for i in g if i == rep or not why_not[i]]
        built.append((g, second, rep, stating, why_not, overlap))
    # most supported first, then the story's order
    ordered = sorted(built, key=lambda b: (-support(b[3]), min(units[i].position for i in b[0]), units[b[0][0]].sentence.id))
    claims = []
    for n, (g, second, rep, stating, why_not, overlap) in enumerate(ordered, 1):
        sup = support(stating)
        outlets = tuple(sorted({units[i].outlet for i in stating}))
        shown_text = tf.DATELINE.sub("", units[rep].sentence.text, count=1)  # 'LAKESIDE, Va. — A bus...' -> 'A bus...'
        near = near_elsewhere(units, sim, rep, {source(i) for i in g}, independent) if sup == 1 else []
        for k in near:
            overlap[k] = wording.overlap(k, rep)
            why_not[k] = _why_not(units, sim, cos, overlap[k], k, rep) or ELSEWHERE
        links = tuple(_link(units, sim, cos, weights, rep, i, i in second, why_not[i], overlap[i]) for i in g + near if i != rep)
        related = tuple(units[i].sentence.id for i in g + near if i not in stating)
        stated_by = {source(i) for i in stating}
        near_other = any(source(i) not in stated_by for i in g + near if i not in stating)
        claims.append(Claim(f"C{n}", shown_text, tuple(units[i].sentence.id for i in stating), outlets, sup, claim_kind(sup, n_outlets, near_other), shown_id=units[rep].sentence.id, links=links, related_ids=related))
    return claims, Alignment(tuple(units), sim, cos, tuple(tuple(b[0]) for b in ordered), tuple(tuple(b[3]) for b in ordered))


def _one_claim_per_shown(units: Sequence[Unit], groups: list[list[int]], seconds: list[list[int]], shown: Callable[[list[int]], int]) -> list[tuple[list[int], list[int], int]]:
    """(members, second credits, shown member) of each claim, the groups that would be shown by
    one sentence made one claim: a group whose second credits are another group's members
    (an article restating its own lead, '... a 4-year-old boy fell' twice) is that claim again."""
    by_shown: dict[int, tuple[list[int], list[int], int]] = {}
    for primary, second in zip(groups, seconds):
        g = sorted(primary + second, key=lambda i: units[i].sentence.id)
        rep = shown(g)
        if rep in by_shown:
            kept, kept_second, _ = by_shown[rep]
            extra = [i for i in g if i not in kept]
            kept_second = kept_second + [i for i in second if i in extra]
            by_shown[rep] = (sorted(kept + extra, key=lambda i: units[i].sentence.id), kept_second, rep)
        else:
            by_shown[rep] = (g, second, rep)
    return list(by_shown.values())


RESTATED = "its article's sentence closer to the claim is counted (an article counts once)"


def _one_credit_per_article(units: Sequence[Unit], sim: np.ndarray, rep: int, stating: list[int]) -> dict[int, str]:
    """Of an article's members that state a claim (one that restates its own lead: a caption, a
    summary line), the one closest to the shown sentence counts and the others are listed as
    related, so that a reader sees each outlet credited once."""
    best: dict[str, int] = {}
    for i in sorted(stating, key=lambda i: (i != rep, -settle(float(sim[i, rep])), units[i].sentence.id)):
        best.setdefault(units[i].article_id, i)
    return {i: RESTATED for i in stating if best[units[i].article_id] != i}


def _parts(group: list[int], stating_of: Callable[[list[int]], list[int]], support: Callable[[list[int]], int]) -> list[list[int]]:
    """A group cut where the members its shown sentence does not count state a fact of their own
    with two sources or more: each part becomes a claim ('she owed $284.46' shown, and three
    outlets' 'the amount was corrected to $284.46' counted nowhere, become two claims). Members
    that state nothing with another source stay in the last part, as related."""
    parts, rest, stating = [], group, stating_of(group)
    while len(left := [i for i in rest if i not in stating]) >= 2:
        after = stating_of(left)
        if support(after) < 2:
            break
        parts.append(stating)
        rest, stating = left, after
    return parts + [rest]


ELSEWHERE = "counted with another claim (a sentence counts for one claim)"


def near_elsewhere(units: Sequence[Unit], sim: np.ndarray, rep: int, sources: set[str], independent: Mapping[str, str]) -> list[int]:
    """Of each independent source outside ``sources``, its sentence closest to unit ``rep`` when the
    two would be grouped by score (``LINK_THRESHOLD``): what keeps a claim one source states from
    being called that source's exclusive (the grouping gave the sentence to another claim, or the
    two were not grouped, and whether it states the same fact is uncertain)."""
    best: dict[str, tuple[float, int]] = {}
    for k in np.flatnonzero(sim[rep] >= LINK_THRESHOLD).tolist():
        src = independent.get(units[k].article_id, units[k].outlet)
        if src not in sources and sim[k, rep] > best.get(src, (-math.inf, -1))[0]:
            best[src] = (float(sim[k, rep]), k)
    return sorted(k for _, k in best.values())


REMARK_WORDS = 3  # a quotation this long is someone's remark, not a quoted phrase
REMARK_SHARE = 0.6  # share of a remark's content words the other sentence must repeat for the two to quote one remark


def same_remark(a: str, b: str) -> bool:
    """Unless both sentences quote a remark and neither remark is mostly repeated by the other
    sentence: a quotation matches only the same words ('"I'll miss the players," he said' does not
    state '"There is no greater feeling than to know your players have your back"'), while a remark
    quoted inside a longer one (a post that quotes another) is still that remark."""
    qa = [q for q in tf.quotations(a) if len(q) >= REMARK_WORDS]
    qb = [q for q in tf.quotations(b) if len(q) >= REMARK_WORDS]
    if not qa or not qb:
        return True

    def repeated(quotes: list[tuple[str, ...]], other: str) -> bool:
        words = tf.content_words(" ".join(w for q in quotes for w in q))
        return bool(words) and len(words & tf.content_words(other)) >= REMARK_SHARE * len(words)

    return repeated(qa, b) or repeated(qb, a)


def _why_not(units: Sequence[Unit], sim: np.ndarray, cos: np.ndarray, overlap: float, i: int, rep: int) -> str:
    """Why member ``i`` does not count as stating what the claim's shown sentence ``rep`` says, or
    '' when it does: close by the grouping's score and by meaning alone, worded alike enough both
    ways (``overlap``, ``Wording.overlap``), and not quoting another remark."""
    score, cosine = settle(float(sim[i, rep])), settle(float(cos[i, rep]))
    if score < SUPPORT_SCORE:
        return f"weakly tied to the claim as shown (similarity {_short_of(score)}, counted from {SUPPORT_SCORE:.2f})"
    if cosine < SUPPORT_COSINE:
        return f"far from it in meaning (cosine {_short_of(cosine)}, counted from {SUPPORT_COSINE:.2f})"
    if overlap < SUPPORT_OVERLAP:
        return f"says much that the claim does not, or the other way round (wording in common {_short_of(overlap)}, counted from {SUPPORT_OVERLAP:.2f})"
    if not same_remark(units[i].sentence.text, units[rep].sentence.text):
        return "quotes another remark"
    return ""


def _short_of(value: float) -> str:
    """A value under its threshold, written so that it reads as under it: 0.2998 is '0.29', not '0.30'."""
    return f"{math.floor(round(value * 100, 6)) / 100:.2f}"


def _shown(units: Sequence[Unit], sim: np.ndarray, g: list[int], wording: Wording, states: Callable[[int, int], bool]) -> int:
    """The member a claim is shown by, of those that are not an aside or a piece of a sentence and
    that read on their own: the one that the most members state (``states(member, shown)``), then
    the one whose wording the other articles' members hold most (what they have in common: a
    member that says more still states it, where the fullest sentence would credit the others with
    its extra details), then the most central (first of equals)."""
    shown = [i for i in g if _presentable(units[i].sentence.text)] or g
    shown = [i for i in shown if not tf.leans_on_context(units[i].sentence.text)] or shown
    if len(shown) == 1:
        return shown[0]

    def rank(i: int) -> tuple[int, float, float]:
        others = [j for j in g if units[j].article_id != units[i].article_id]
        return (sum(states(j, i) for j in others), settle(sum(wording.held(i, j) for j in others)), settle(float(sim[i, g].sum() - sim[i, i])))

    return max(shown, key=rank)


SHARED_SHOWN = 6  # particular words listed in a link


def _link(units: Sequence[Unit], sim: np.ndarray, cos: np.ndarray, weights: Mapping[str, float], rep: int, i: int, second: bool, why_not: str, overlap: float) -> ClaimLink:
    """How sentence ``i`` ties to the claim's shown sentence ``rep``: score, cosine, shared words,
    overlap, and why it is not counted if it is not."""
    both = tf.content_words(units[i].sentence.text) & tf.content_words(units[rep].sentence.text)
    shared = tuple(sorted(both, key=lambda w: (-weights.get(w, 0.0), w))[:SHARED_SHOWN])
    return ClaimLink(units[i].sentence.id, float(sim[i, rep]), float(cos[i, rep]), shared, second, not why_not, overlap, why_not)


def without_conflicting(claims: Sequence[Claim], conflicts: Sequence[Conflict], articles: Sequence[Article], independent: Mapping[str, str], n_outlets: int) -> list[Claim]:
    """Claims whose sentences give two values of one conflict keep only the sentences of the value
    most outlets give (first of equals) and those that give none: an outlet that states another
    value does not support the claim, so the agreed table and the conflict cards cannot contradict
    each other. The conflict's id is kept in ``disputed_by``."""
    out: list[Claim] = []
    for c in claims:
        ids, disputed = set(c.sentence_ids), []
        for x in conflicts:
            given = [v for v in x.values if ids & set(v.sentence_ids)]  # counted sentences only: a related one does not state the claim
            if len(given) < 2:
                continue
            keep = max(given, key=lambda v: len(v.outlets))
            ids -= {s for v in given if v is not keep for s in v.sentence_ids}
            disputed.append(x.id)
        c = _restated(c, ids, tuple(disputed), articles, independent, n_outlets) if disputed else c
        out.append(_shown_undisputed(c, conflicts, articles))
    ranked = sorted(range(len(out)), key=lambda i: -out[i].support)  # stable: most supported first, as before
    return [replace(out[i], id=f"C{n}") for n, i in enumerate(ranked, 1)] if ranked != sorted(ranked) else out


def _shown_undisputed(c: Claim, conflicts: Sequence[Conflict], articles: Sequence[Article]) -> Claim:
    """A claim shown by a sentence that gives one side of a conflict its other members do not
    take part in ('... according to Russian diplomats', where other outlets name Western ones) is
    shown by the member closest to it that gives no value of any conflict: the agreed fact
    without the disputed detail (the other members' links still tell their tie to the sentence
    the grouping chose). With no such member it stays as it is."""
    sides = {s for x in conflicts for v in x.values for s in v.sentence_ids}
    if c.shown_id not in sides or len(c.sentence_ids) < 2:
        return c
    score = {k.sentence_id: k.score for k in c.links}
    plain = [s for s in c.sentence_ids if s not in sides and _presentable(text := _sentence_text(articles, s)) and not tf.leans_on_context(text)]
    if not plain:
        return c
    best = max(plain, key=lambda s: (settle(score.get(s, 0.0)), s))
    links = tuple(replace(k, sentence_id=c.shown_id) if k.sentence_id == best else k for k in c.links)  # a tie reads the same both ways
    return replace(c, text=tf.DATELINE.sub("", _sentence_text(articles, best), count=1), shown_id=best, links=links)


def _sentence_text(articles: Sequence[Article], sid: str) -> str:
    aid = sid.rsplit(":", 1)[0]
    return next(s.text for a in articles if a.id == aid for s in a.sentences if s.id == sid)


def _restated(c: Claim, ids: set[str], disputed: tuple[str, ...], articles: Sequence[Article], independent: Mapping[str, str], n_outlets: int) -> Claim:
    """``c`` with only the sentences ``ids``: its outlets, support and kind counted again."""
    sentence_ids = tuple(s for s in c.sentence_ids if s in ids)
    arts = {s.rsplit(":", 1)[0] for s in sentence_ids}
    outlet = {a.id: a.outlet or a.id for a in articles}
    text = {s.id: s.text for a in articles if a.id in arts for s in a.sentences}
    sup = len({independent.get(a, outlet[a]) for a in arts})
    shown = c.text if any(c.text in text[s] for s in sentence_ids) else tf.DATELINE.sub("", text[sentence_ids[0]], count=1)
    links = tuple(k for k in c.links if k.sentence_id in ids or k.sentence_id in c.related_ids)
    sources = {independent.get(a, outlet[a]) for a in arts}
    near_other = any(independent.get(a, outlet[a]) not in sources for a in (s.rsplit(":", 1)[0] for s in c.related_ids))
    return Claim(c.id, shown, sentence_ids, tuple(sorted({outlet[a] for a in arts})), sup, claim_kind(sup, n_outlets, near_other), disputed, next(s for s in sentence_ids if shown in text[s]), links, c.related_ids)


def claim_kind(support: int, n_outlets: int, near_other: bool = False) -> ClaimKind:
    """Every independent source backs it, two or more do, or only one: as its exclusive
    ("unique"), or with a sentence of another source close to it that is not counted ("single":
    whether that one states the same fact is uncertain, so it is not called an exclusive)."""
    if support >= 2:
        return "consensus" if support == n_outlets else "corroborated"
    return "single" if near_other else "unique"
