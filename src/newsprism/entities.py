"""Story step 1, entities: one canonical list per story, spelling variants merged.

Mentions come from spaCy NER plus a small list of well-known aliases (``aliases.json``). Forms are
merged with union-find when they are: the same name under another label; aliases of each other
(the list, or written side by side as 'X (Y)'); an acronym of the other; the same person (same
first name and a surname that matches by edit distance or sound, or a surname alone that belongs
to exactly one full name in the story); the same organisation (same words in another order or
spelling, or a name contained in exactly one longer name, nationality adjectives aside). Two
people who share a surname stay apart.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable, Sequence

import jellyfish
from rapidfuzz import fuzz

from .models import Article, Mention, StoryEntity, Variant

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
PARTICLES = frozenset({"al", "el", "bin", "ibn", "ben", "de", "da", "di", "van", "von", "der", "la", "le", "abu"})
TITLES = frozenset(
    "president prime minister secretary state foreign defense defence senator sen rep gov governor mr mrs ms dr "
    "general gen king queen prince pope chancellor envoy ambassador judge justice mayor special presidential "
    "spokesman spokeswoman chief commander colonel col lt captain capt admiral sheikh".split()
)
FUNCTION_WORDS = frozenset({"the", "of", "and", "for", "in", "on", "a", "an", "to"})
SURNAME_RATIO = 80  # swept 70-95 by hand on the example and stories-dev names: 80 keeps Lafrentiev~Lavrentiev, splits Lavrov


@dataclass(frozen=True)
class Located:
    """A mention with the article it came from."""

    article_id: str
    outlet: str
    mention: Mention


@dataclass(frozen=True)
class EntityIndex:
    entities: tuple[StoryEntity, ...]
    by_mention: dict[tuple[str, int], str]  # (article_id, start) -> entity id

    def ids_in(self, article_id: str, start: int, end: int, mentions: Sequence[Mention]) -> set[str]:
        """Entity ids mentioned between ``start`` and ``end`` of an article body."""
        return {self.by_mention[(article_id, m.start)] for m in mentions if start <= m.start < end and (article_id, m.start) in self.by_mention}


# -- gathering mentions ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def alias_groups() -> tuple[tuple[str, ...], ...]:
    data = json.loads(resources.files("newsprism").joinpath("aliases.json").read_text(encoding="utf-8"))
    return tuple(tuple(g) for g in data["groups"])


@lru_cache(maxsize=1)
def _alias_regex() -> re.Pattern[str]:
    forms = sorted({f for g in alias_groups() for f in g if len(f) > 2}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])")


def story_mentions(articles: Sequence[Article]) -> list[Located]:
    """NER mentions of named things, repaired, plus alias-list mentions NER missed."""
    out: list[Located] = []
    for a in articles:
        outlet = a.outlet or a.id
        found = [m for m in a.entities if m.label in NAMED]
        for hit in _alias_regex().finditer(a.body):
            overlap = [m for m in found if m.start < hit.end() and hit.start() < m.end]
            if all(m.start >= hit.start() and m.end <= hit.end() and m.end - m.start < len(hit.group(0)) for m in overlap):
                label = overlap[0].label if overlap and overlap[0].label != "NORP" else "ORG"
                found = [m for m in found if m not in overlap] + [Mention(hit.group(0), label, hit.start(), hit.end())]
        out.extend(Located(a.id, outlet, m) for m in sorted(found, key=lambda m: m.start))
    out = _repair_surname_labels(_repair_titles(_drop_possessors(out)))
    return out + _bare_surnames(articles, out)


_POSSESSOR = re.compile(r"^\S+['’]s\s+")


def _drop_possessors(located: list[Located]) -> list[Located]:
    """"Harborline's Jane Okafor" (NER took the owner into a person's name) -> 'Jane Okafor', so that
    the person is one with 'Jane Okafor' and 'Okafor' elsewhere; the owner is its own mention, if NER saw it."""
    fixed = []
    for x in located:
        m = x.mention
        owner = _POSSESSOR.match(m.text) if m.label == "PERSON" else None
        if owner and len(m.text[owner.end() :].split()) >= 2:
            x = Located(x.article_id, x.outlet, Mention(m.text[owner.end() :], m.label, m.start + owner.end(), m.end))
        fixed.append(x)
    return fixed


def _repair_surname_labels(located: list[Located]) -> list[Located]:
    """A one-word mention that is the surname of exactly one person named in full is that person
    ('Neu' tagged ORG where 'Michael Neu' is a PERSON). Places keep their label."""
    owners: dict[str, set[str]] = defaultdict(set)
    for x in located:
        toks = x.mention.text.split()
        if x.mention.label == "PERSON" and len(toks) >= 2:
            owners[toks[-1]].add(x.mention.text)
    fixed = []
    for x in located:
        m = x.mention
        if m.label not in {"PERSON", "GPE", "LOC"} and " " not in m.text and len(owners.get(m.text, ())) == 1:
            x = Located(x.article_id, x.outlet, Mention(m.text, "PERSON", m.start, m.end))
        fixed.append(x)
    return fixed


def _bare_surnames(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """'Fandal said' where NER missed it: surnames of people named in full elsewhere in the story."""
    surnames = {m.text.split()[-1] for x in located if (m := x.mention).label == "PERSON" and len(m.text.split()) >= 2 and m.text.split()[-1][:1].isupper() and len(m.text.split()[-1]) > 2}
    if not surnames:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(surnames)) + r")(?![\w-])")
    extra = []
    for a in articles:
        taken = [(x.mention.start, x.mention.end) for x in located if x.article_id == a.id]
        for hit in pattern.finditer(a.body):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                extra.append(Located(a.id, a.outlet or a.id, Mention(hit.group(0), "PERSON", hit.start(), hit.end())))
    return extra


def _repair_titles(located: list[Located]) -> list[Located]:
    """'State Rex Tillerson' (NER swallowed a title) -> 'Rex Tillerson' when the surname is a person's."""
    surnames = {_tokens(x.mention.text)[-1] for x in located if x.mention.label == "PERSON" and _tokens(x.mention.text)}
    fixed = []
    for x in located:
        toks = x.mention.text.split()
        k = 0
        while k < len(toks) - 1 and toks[k].lower().strip(".") in TITLES:
            k += 1
        if k and len(toks) - k >= 2 and _tokens(" ".join(toks[k:]))[-1] in surnames:
            rest = " ".join(toks[k:])
            start = x.mention.end - len(rest)
            x = Located(x.article_id, x.outlet, Mention(rest, "PERSON", start, x.mention.end))
        fixed.append(x)
    return fixed


# -- normalising -------------------------------------------------------------------------------


def surface(text: str) -> str:
    """Display form: no leading article ('the', 'an Acme Airways'), no possessive, straight spacing."""
    t = re.sub(r"^(?:the|The|an|a)\s+", "", text.strip())
    t = re.sub(r"['’]s$", "", t)
    return " ".join(t.split())


def key(text: str) -> str:
    return surface(text).casefold().replace("’", "'")


def _tokens(text: str) -> list[str]:
    """Lower-cased name tokens, hyphenated particles split off ('Al-Assad' -> ['al', 'assad'])."""
    return [t for t in re.split(r"[\s\-‐]+", key(text).replace(".", "")) if t]


def _core(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in PARTICLES]


# -- merging -----------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


@dataclass
class _Node:
    key: str
    forms: Counter[str]
    labels: Counter[str]
    outlets: dict[str, Counter[str]]  # form -> outlets

    @property
    def label(self) -> str:
        return self.labels.most_common(1)[0][0]

    @property
    def is_person(self) -> bool:
        return self.labels["PERSON"] >= sum(self.labels.values()) / 2  # ties go to PERSON


def build_entities(articles: Sequence[Article]) -> EntityIndex:
    """The story's canonical entities and, for each mention, the entity it names."""
    located = story_mentions(articles)
    nodes = _nodes(located)
    uf = _UnionFind(nodes)
    _merge_aliases(nodes, uf, articles, located)
    _merge_acronyms(nodes, uf)
    _merge_people(nodes, uf)
    _merge_orgs(nodes, uf, _place_words(nodes))
    _merge_single_word_spellings(nodes, uf)
    return _index(nodes, uf, located)


def _nodes(located: Sequence[Located]) -> dict[str, _Node]:
    nodes: dict[str, _Node] = {}
    for x in located:
        k = key(x.mention.text)
        if not k or not any(ch.isalpha() for ch in k):
            continue
        n = nodes.setdefault(k, _Node(k, Counter(), Counter(), defaultdict(Counter)))
        form = surface(x.mention.text)
        n.forms[form] += 1
        n.labels[x.mention.label] += 1
        n.outlets[form][x.outlet] += 1
    return nodes


def _merge_aliases(nodes: dict[str, _Node], uf: _UnionFind, articles: Sequence[Article], located: Sequence[Located]) -> None:
    for group in alias_groups():
        present = [key(f) for f in group if key(f) in nodes]
        for k in present[1:]:
            uf.union(present[0], k)
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for x in located:
        by_article[x.article_id].append(x.mention)
    bodies = {a.id: a.body for a in articles}
    for aid, ms in by_article.items():  # 'X (Y' written side by side: Y is another name of X
        ms = sorted(ms, key=lambda m: m.start)
        for m1, m2 in zip(ms, ms[1:]):
            if bodies[aid][m1.end : m2.start] == " (" and key(m1.text) in nodes and key(m2.text) in nodes:
                if _alias_in_brackets(nodes[key(m1.text)], nodes[key(m2.text)]):
                    uf.union(key(m1.text), key(m2.text))


def _alias_in_brackets(a: _Node, b: _Node) -> bool:
    """'X (Y)' names one thing twice when both are of one kind (not 'DALLAS (AP)') and X is not
    a dateline in capitals ('JOHANNESBURG (AP)', where the model may read AP as a place); two
    people side by side are a role and its actor ('Ada Moss (Jane Roe)', a film's part and its actor) unless they
    share a name ('Kim Jong Un (Kim)')."""
    first = a.forms.most_common(1)[0][0]
    if _kind(a.label) != _kind(b.label) or (first.isupper() and len(first) > 3):
        return False
    return a.label != "PERSON" or bool(set(_tokens(a.forms.most_common(1)[0][0])) & set(_tokens(b.forms.most_common(1)[0][0])))


_PLACES = frozenset({"GPE", "LOC", "FAC"})


def _kind(label: str) -> str:
    """Labels that can name the same thing: places of any kind; otherwise the label itself."""
    return "PLACE" if label in _PLACES else label


def _merge_acronyms(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    initials: dict[str, list[str]] = defaultdict(list)
    for k, n in nodes.items():
        if n.is_person:  # people go by initials rarely, and 'D.C.' is not Dan Carter
            continue
        words = [w for w in re.split(r"[\s\-]+", surface(n.forms.most_common(1)[0][0])) if w and w.lower() not in FUNCTION_WORDS]
        if len(words) >= 2 and all(w[0].isupper() for w in words):
            initials["".join(w[0] for w in words).lower()].append(k)
    for k, n in nodes.items():
        form = n.forms.most_common(1)[0][0].replace(".", "")
        if 2 <= len(form) <= 6 and form.isupper() and len(initials.get(form.lower(), [])) == 1:
            uf.union(k, initials[form.lower()][0])


def _merge_people(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    # full names need a PERSON majority; a bare surname only needs to have been read as a person once
    people = {k: _core(_tokens(k)) for k, n in nodes.items() if (n.is_person or (n.labels["PERSON"] and " " not in k)) and _core(_tokens(k))}
    full = {k: t for k, t in people.items() if len(t) >= 2 and nodes[k].is_person}
    keys = sorted(full)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if _same_person(full[a], full[b]):
                uf.union(a, b)
    for k, toks in people.items():  # a surname alone -> the one full name it belongs to
        if len(toks) == 1:
            owners = {uf.find(f) for f, ft in full.items() if _same_surname(ft[-1], toks[0], strict=True)}
            if len(owners) == 1:
                uf.union(k, owners.pop())


def _same_person(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    first_ok = a[0] == b[0] or (len(a[0]) == 1 or len(b[0]) == 1) and a[0][0] == b[0][0]
    return first_ok and _same_surname(a[-1], b[-1], strict=False)


def _same_surname(a: str, b: str, strict: bool) -> bool:
    if a == b:
        return True
    if strict or a[0] != b[0]:
        return False
    return fuzz.ratio(a, b) >= SURNAME_RATIO or jellyfish.metaphone(a) == jellyfish.metaphone(b)


def _place_words(nodes: dict[str, _Node]) -> set[str]:
    """Single-word place names of the story (to recognise 'Iranian', 'Iran's' as modifiers)."""
    return {k for k, n in nodes.items() if n.label in {"GPE", "LOC"} and " " not in k}


def _modifiers(tokens: list[str], places: set[str]) -> tuple[list[str], frozenset[str]]:
    """Split name tokens into the core and the nationality/place modifiers ('iranian' -> 'iran')."""
    core, mods = [], set()
    for t in tokens:
        place = next((p for p in places if len(p) >= 4 and t != p and t.startswith(p[: max(4, len(p) - 1)])), None)
        if t in places or place:
            mods.add(place or t)
        elif t not in FUNCTION_WORDS:
            core.append(t[:-1] if len(t) > 3 and t.endswith("s") else t)
    return core, frozenset(mods)


def _merge_single_word_spellings(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    """'Penelac' / 'Penelec': one-word names (not people) that differ by a letter and sound alike."""
    words = sorted(k for k, n in nodes.items() if " " not in k and len(k) >= 6 and not n.is_person and k.isalpha())
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            if a[0] == b[0] and fuzz.ratio(a, b) >= 85 and jellyfish.metaphone(a) == jellyfish.metaphone(b):
                uf.union(a, b)


def _merge_orgs(nodes: dict[str, _Node], uf: _UnionFind, places: set[str]) -> None:
    orgs = {k: _modifiers(_tokens(k), places) for k, n in nodes.items() if not n.is_person and len(_tokens(k)) >= 2}
    keys = sorted(orgs)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            (ca, ma), (cb, mb) = orgs[a], orgs[b]
            if ca and len(ca) == len(cb) and _respelled(ca, cb) and not (ma and mb and ma != mb):
                uf.union(a, b)
    for a, (ca, ma) in orgs.items():  # a name inside exactly one longer name
        if len(ca) < 2:
            continue
        # the longer name keeps the shorter's places: 'Lakeside National Park' is not in 'Hillside National Park'
        owners = {uf.find(b) for b, (cb, mb) in orgs.items() if len(cb) > len(ca) and _contains(cb, ca) and ma <= mb and _same_head(cb, ca)}
        if len(owners) == 1:
            uf.union(a, owners.pop())


def _respelled(a: list[str], b: list[str]) -> bool:
    """The same words, some spelled differently ('Ministry of Defence' / 'Defense Ministry'), not a
    word swapped for another ('Harbour Protection Act' / 'Harbour Protection Court'): close as a whole, and
    every word close to a word of the other."""
    if fuzz.token_sort_ratio(" ".join(a), " ".join(b)) < 90:
        return False
    return all(max(fuzz.ratio(x, y) for y in b) >= WORD_RESPELLED for x in a)


WORD_RESPELLED = 75  # rapidfuzz ratio of two words that are one word spelled two ways ('defence', 'defense')


# words a name may end with and still name the same body: 'Acme Holdings Limited' is 'Acme Holdings'
_NAME_SUFFIXES = frozenset("group inc inc. ltd ltd. limited corp corp. corporation co co. company llc plc ag sa".split())


def _same_head(big: list[str], small: list[str]) -> bool:
    """Whether the longer name ends on the shorter's last word (its head), but for a company
    suffix: 'Regional Planning Committee' is a 'Planning Committee', while the 'Lakeside Herald', the
    'Harbor 9 dock' and a 'Moon Base ... Conference' are not what their first words name."""
    words = list(big)
    while len(words) > 1 and words[-1] in _NAME_SUFFIXES:
        words.pop()
    return words[-1] == small[-1]


def _contains(big: list[str], small: list[str]) -> bool:
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


# -- output ------------------------------------------------------------------------------------


def _index(nodes: dict[str, _Node], uf: _UnionFind, located: Sequence[Located]) -> EntityIndex:
    groups: dict[str, list[_Node]] = defaultdict(list)
    for k, n in nodes.items():
        groups[uf.find(k)].append(n)
    ordered = sorted(groups.values(), key=lambda g: (-sum(sum(n.forms.values()) for n in g), _name(g)))
    entities, ids = [], {}
    for i, group in enumerate(ordered):
        eid = f"E{i + 1}"
        entities.append(StoryEntity(eid, _name(group), _label(group), _variants(group)))
        ids.update({n.key: eid for n in group})
    by_mention = {(x.article_id, x.mention.start): ids[key(x.mention.text)] for x in located if key(x.mention.text) in ids}
    return EntityIndex(tuple(entities), by_mention)


def _name(group: list[_Node]) -> str:
    """Preferred name: the most used form among the longest (most tokens) forms used at least twice."""
    forms: Counter[str] = Counter()
    for n in group:
        forms.update(n.forms)
    top = max(forms.values())
    good = [f for f, c in forms.items() if c >= min(2, top)]
    return max(good, key=lambda f: (len(f.split()) if not f.isupper() else 0, forms[f], f))


def _label(group: list[_Node]) -> str:
    labels: Counter[str] = Counter()
    for n in group:
        labels.update(n.labels)
    return labels.most_common(1)[0][0]


def _variants(group: list[_Node]) -> tuple[Variant, ...]:
    out = []
    for n in group:
        for form, outlets in n.outlets.items():
            out.append(Variant(form, tuple(sorted(outlets)), sum(outlets.values())))
    return tuple(sorted(out, key=lambda v: (-v.count, v.form)))
