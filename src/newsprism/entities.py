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
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Callable, Iterable, Iterator, Sequence

import jellyfish
from nicknames import NickNamer
from rapidfuzz import fuzz

from .models import Article, Mention, StoryEntity, Variant
from .textfeatures import DATELINE, MONTHS, SAYS, TITLE_ABBREVIATIONS, lower_case_words, unaccented

NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
PARTICLES = frozenset({"al", "el", "bin", "ibn", "ben", "de", "da", "di", "van", "von", "der", "la", "le", "abu"})
_SHORT_TITLES = frozenset(t.lower() for t in TITLE_ABBREVIATIONS)  # 'sgt', 'gov'
TITLES = frozenset(
    "president prime minister secretary state foreign defense defence senator governor representative congressman congresswoman "
    "general king queen prince pope chancellor envoy ambassador judge justice mayor special presidential "
    "spokesman spokeswoman chief commander colonel captain admiral sheikh sheriff deputy sergeant "
    "detective officer coach reverend sir dame lord lady".split()
) | _SHORT_TITLES
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
    return tuple(tuple(g) for g in _aliases()["groups"])


@lru_cache(maxsize=1)
def _aliases() -> dict:
    return json.loads(resources.files("newsprism").joinpath("aliases.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _abbreviated_places() -> dict[str, str]:
    """'Calif.' -> 'California': a place named by its news-style abbreviation alone."""
    return dict(_aliases()["abbreviated_places"])


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
    out = _repair_surname_labels(articles, _known_organisations(_repair_kinds(_repair_titles(_drop_possessors(_drop_opening_occupations(articles, _drop_opening_the(articles, _drop_opening_words(articles, _dateline_places(articles, out)))))))))
    out = _cut_at_dates(_cut_at_dashes(_cut_at_colons(_drop_lower_case_openings(_drop_families(articles, out)))))
    out += _bare_surnames(articles, out)
    out += _missed_initials(articles, out)
    return out + _missed_handles(articles, out)


def _dateline_places(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """A name in capitals in an article's dateline ('JOHANNESBURG (AP) -') is a place, whatever the NER read."""
    ends = {a.id: len(re.split(r"[,(—–-]", m.group(0), maxsplit=1)[0]) for a in articles if (m := DATELINE.match(a.body))}  # the place, before a state or a wire's credit
    return [Located(x.article_id, x.outlet, replace(x.mention, label="GPE")) if x.mention.start < ends.get(x.article_id, 0) and x.mention.text.isupper() and x.mention.label not in {"GPE", "LOC", "FAC"} else x for x in located]


_OPENS = re.compile(r"(?:^|[.!?:;\n\"“”—]\s*)$")


def _drop_opening_words(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """A one-word 'name' written with a capital only where it opens a sentence, and in lower case
    elsewhere in the story ('Beyond that, ...', 'Northbound hikers ...'), is an ordinary word."""
    bodies = {a.id: a.body for a in articles}
    lower = lower_case_words(" ".join(bodies.values()))
    opening: dict[str, bool] = {}
    for x in located:
        m = x.mention
        if " " not in m.text:
            opening[m.text] = opening.get(m.text, True) and bool(_OPENS.search(bodies[x.article_id][max(0, m.start - 3) : m.start]))
    common = {t for t, always in opening.items() if always and t.lower() in lower}
    return [x for x in located if x.mention.text not in common]


def _drop_opening_the(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """'The' that opens a sentence is capitalised whatever follows, so it is no sign of a name
    ('The Erie Times-News reported' is the Erie Times-News); mid-sentence, 'The' stays ('The New York Times')."""
    bodies = {a.id: a.body for a in articles}
    fixed = []
    for x in located:
        m = x.mention
        if m.text.startswith("The ") and _OPENS.search(bodies[x.article_id][max(0, m.start - 3) : m.start]):
            x = Located(x.article_id, x.outlet, Mention(m.text[4:], m.label, m.start + 4, m.end))
        fixed.append(x)
    return fixed


def _drop_opening_occupations(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """A word that opens a sentence before a person's name, and that the story writes in lower
    case elsewhere, is what the person is ('Model Jane Roe and her husband ...') or does
    ('Tranquilizing Harambe would ...'), not part of the name: the mention is the person's name alone."""
    bodies = {a.id: a.body for a in articles}
    lower = lower_case_words(" ".join(bodies.values()))
    alone = {x.mention.text for x in located if " " not in x.mention.text}
    fixed = []
    for x in located:
        m = x.mention
        first, _, rest = m.text.partition(" ")
        one_name = m.label == "PERSON" and rest in alone and first.lower().rstrip(".") not in TITLES  # 'Tranquilizing Harambe would have ...': Harambe, named alone elsewhere ('Sheriff Roe' keeps its title)
        if rest and first.lower() in lower and not is_given_name(first) and (person_shaped(rest.split()) or one_name) and _OPENS.search(bodies[x.article_id][max(0, m.start - 3) : m.start]):
            x = Located(x.article_id, x.outlet, Mention(rest, "PERSON", m.start + len(first) + 1, m.end))
        fixed.append(x)
    return fixed


_FAMILY_AFTER = r"\s+famil(?:y|ies)\b"  # 'the Williams family': the family, not one of its members


def _drop_families(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """A one-word name right before 'family' ('the Williams family') names the family, no person of it."""
    bodies = {a.id: a.body for a in articles}
    return [x for x in located if " " in x.mention.text or not re.match(_FAMILY_AFTER, bodies[x.article_id][x.mention.end : x.mention.end + 12])]


def _drop_lower_case_openings(located: list[Located]) -> list[Located]:
    """A person's mention opening with a word in lower case ('for Harambe', left of 'Justice for
    Harambe' once 'Justice' was read as a judge's title) is the name after it: no name opens so."""
    fixed = []
    for x in located:
        m = x.mention
        first, _, rest = m.text.partition(" ")
        if m.label == "PERSON" and first.isalpha() and first.islower() and rest[:1].isupper():
            x = Located(x.article_id, x.outlet, Mention(rest, m.label, m.start + len(first) + 1, m.end))
        fixed.append(x)
    return fixed


def _cut_at_colons(located: list[Located]) -> list[Located]:
    """A name run on over a colon ('Al Franken: Resign', from a placard or a headline) is the
    name before the colon."""
    fixed = []
    for x in located:
        m = x.mention
        head = m.text.split(":", 1)[0].rstrip()
        if head != m.text and any(ch.isalpha() for ch in head):
            x = Located(x.article_id, x.outlet, Mention(head, m.label, m.start, m.start + len(head)))
        fixed.append(x)
    return fixed


_SPACED_DASH = re.compile(r"\s+(?:[-–—]+|/)\s+")  # or a spaced slash: 'Jan Roe / Via', a photo credit
_OPENING_ARTICLE = re.compile(r"^(?:(?:A|An|The)\b\s*)?")


def _cut_at_dashes(located: list[Located]) -> list[Located]:
    """A name run on over a spaced dash ('SAN DIEGO - A', 'GARDEN GROVE - An Orange County': a
    dateline and the lead's first words) is the names on either side of it, an opening article
    aside; no name has a spaced dash (or slash) inside."""
    fixed = []
    for x in located:
        m = x.mention
        if not _SPACED_DASH.search(m.text):
            fixed.append(x)
            continue
        bounds = [0] + [k for d in _SPACED_DASH.finditer(m.text) for k in d.span()] + [len(m.text)]
        for lo, hi in zip(bounds[::2], bounds[1::2]):
            lo += len(_OPENING_ARTICLE.match(m.text[lo:hi]).group(0))
            if any(ch.isupper() for ch in m.text[lo:hi]):
                fixed.append(Located(x.article_id, x.outlet, Mention(m.text[lo:hi], m.label, m.start + lo, m.start + hi)))
    return fixed


_MONTH_DAY = re.compile(rf"\s+(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b.*$", re.IGNORECASE)


def _cut_at_dates(located: list[Located]) -> list[Located]:
    """A name run on into a date ('Comedy Central October 29th'), and an abbreviated title alone
    ('Sgt'), which names no one: the name before the date; nothing."""
    fixed = []
    for x in located:
        m = x.mention
        if m.text.rstrip(".").lower() in _SHORT_TITLES:
            continue
        if (day := _MONTH_DAY.search(m.text)) and day.start() > 0:
            x = Located(x.article_id, x.outlet, Mention(m.text[: day.start()], m.label, m.start, m.start + day.start()))
        fixed.append(x)
    return fixed


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


def _repair_surname_labels(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """A one-word mention that is the surname of exactly one person named in full is that person
    ('Neu' tagged ORG where 'Michael Neu' is a PERSON), and so is a longer name that ends with a
    person's full name ('Amanda Lene Jones' tagged ORG, 'Lene Jones' a PERSON). Places keep their
    label, unless the mention speaks ('Thune said', tagged a place where 'John Thune' is a PERSON)
    and the story never puts anything in or at it ('in Washington': the place that 'said')."""
    bodies = {a.id: a.body for a in articles}
    placed = set(_PLACED.findall(" ".join(bodies.values())))
    owners: dict[str, set[str]] = defaultdict(set)
    for x in located:
        toks = x.mention.text.split()
        if x.mention.label == "PERSON" and len(toks) >= 2:
            owners[toks[-1]].add(x.mention.text)
    people = {tuple(t.split()) for ts in owners.values() for t in ts}
    persons = _addressed_or_speaking(bodies.values())
    fixed = []
    for x in located:
        m = x.mention
        toks = tuple(m.text.split())
        one_surname = " " not in m.text and len(owners.get(m.text, ())) == 1
        # 'Amanda Lene Jones' tagged ORG where 'Lene Jones' is a PERSON: more given names of that person
        longer_name = len(toks) >= 3 and any(toks[-len(p) :] == p for p in people if 2 <= len(p) < len(toks))
        place_that_speaks = m.label in {"GPE", "LOC"} and one_surname and m.text not in placed and bool(_SPEAKS.match(bodies[x.article_id], m.end))
        if (m.label not in {"PERSON", "GPE", "LOC"} and (one_surname or longer_name)) or place_that_speaks or (m.label != "PERSON" and _named_as_a_person(toks, persons)):
            x = Located(x.article_id, x.outlet, Mention(m.text, "PERSON", m.start, m.end))
        fixed.append(x)
    return fixed


# with _PLACE_KINDS and _BODY_KINDS: words saying a name is a medium, a body or a place, not a person
_KIND_WORDS = frozenset("post times news journal herald tribune gazette daily group center centre hall square garden park beach tech state school".split())


def _addressed_or_speaking(bodies: Iterable[str]) -> set[str]:
    """Capitalised words the story uses as a person's surname: after a personal title ('Ms.
    Haley'), or before a verb of saying ('Haley said') and never after 'the' ('the Hornets said')."""
    text = " ".join(bodies)
    titled = re.findall(r"\b(?:Mr|Mrs|Ms|Miss|Dr)\.?\s+([A-Z][\w'’-]+)", text)
    speaking = set(re.findall(rf"\b([A-Z][\w'’-]+)\s*(?:{SAYS})\b", text)) - set(re.findall(r"\b[Tt]he\s+([A-Z][\w'’-]+)", text))
    return set(titled) | speaking


def _named_as_a_person(toks: tuple[str, ...], persons: set[str]) -> bool:
    """A given name and a surname ('Nikki Haley' tagged an organisation) whose surname the story
    uses as a person's (``_addressed_or_speaking``), and no word saying what kind of body or place
    it is ('Washington Post', 'Virginia Beach', 'Georgia Tech')."""
    return person_shaped(toks) and toks[-1] in persons and not {t.lower().strip(".,") for t in toks} & (_KIND_WORDS | _PLACE_KINDS | _BODY_KINDS)


_SPEAKS = re.compile(rf"\s*(?:{SAYS})\b")  # right after a name: 'Thune said'
_PLACED = re.compile(r"\b(?:in|at|to|from|near|outside|across)\s+([A-Z][\w'’-]+)")  # 'in Lakeside': a place


def _bare_surnames(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """'Fandal said' where NER missed it: surnames of people named in full elsewhere in the story."""
    surnames = {m.text.split()[-1] for x in located if (m := x.mention).label == "PERSON" and len(m.text.split()) >= 2 and m.text.split()[-1][:1].isupper() and len(m.text.split()[-1]) > 2}
    if not surnames:
        return []
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(surnames)) + rf")(?![\w-]|{_FAMILY_AFTER})")
    return _unclaimed(articles, located, pattern, lambda text: "PERSON")


def _unclaimed(articles: Sequence[Article], located: list[Located], pattern: re.Pattern[str], label: Callable[[str], str]) -> list[Located]:
    """Mentions of ``pattern``'s hits in the bodies where no mention stands yet, labelled by ``label(text)``."""
    extra = []
    for a in articles:
        taken = [(x.mention.start, x.mention.end) for x in located if x.article_id == a.id]
        for hit in pattern.finditer(a.body):
            if not any(s < hit.end() and hit.start() < e for s, e in taken):
                extra.append(Located(a.id, a.outlet or a.id, Mention(hit.group(0), label(hit.group(0)), hit.start(), hit.end())))
    return extra


_ACRONYM_FORM = re.compile(r"^[A-Z](?:\.?[A-Z]){1,5}\.?$")  # 'FBI', 'F.B.I.'
MIN_INITIALS = 3  # letters of an acronym looked for in the text ('LAPD'; not 'IS' or 'US', which are also words)


def initials(name: str) -> str:
    """'Los Angeles Police Department' -> 'LAPD' (function words skipped); '' unless every word is capitalised."""
    words = [w for w in re.split(r"[\s\-]+", surface(name)) if w and w.lower() not in FUNCTION_WORDS]
    return "".join(w[0] for w in words) if len(words) >= 2 and all(w[0].isupper() for w in words) else ""


def _missed_initials(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """'the LAPD said' where NER missed it: the initials of an organisation or place named in full
    in the story ('Los Angeles Police Department'), and acronyms it names ('F.B.I.'), written with
    or without dots, as mentions (``_merge_acronyms`` and the keys then join them to it)."""
    owners: dict[str, str] = {}
    for x in located:
        text, label = x.mention.text, x.mention.label
        if label in {"PERSON", "DATE", "TIME"}:
            continue
        ini = text.replace(".", "") if _ACRONYM_FORM.match(text) else initials(text)  # 'F.B.I.' is also written 'FBI'
        if len(ini) >= MIN_INITIALS:
            owners.setdefault(ini, label)
    if not owners:
        return []
    forms = "|".join(f"{re.escape(i)}|{re.escape('.'.join(i) + '.')}" for i in sorted(owners))
    pattern = re.compile(rf"(?<![\w.-])(?:{forms})(?![\w-])")
    return _unclaimed(articles, located, pattern, lambda text: owners[text.replace(".", "")])


_HANDLE = re.compile(r"(?<![\w@.])@\w{3,15}\b")  # '@GovJaneRoe': a social-media account named in the text


def _missed_handles(articles: Sequence[Article], located: list[Located]) -> list[Located]:
    """Social-media handles the NER missed, as mentions (``_merge_handles`` gives each to the one
    entity it is the account of)."""
    return _unclaimed(articles, located, _HANDLE, lambda text: "ORG")


# the last word of a name that says what kind of thing it names, never a person's surname
_PLACE_KINDS = frozenset("road street avenue boulevard highway freeway dam airport tunnel stadium arena hotel hospital".split())
_BODY_KINDS = frozenset("company corporation corp inc ltd llc association department agency council committee university college institute foundation authority commission".split())


def _repair_kinds(located: list[Located]) -> list[Located]:
    """A name the NER read as a person whose last word says what kind of thing it is ('Hyena
    Dam', 'Schaefer Road', 'Road' alone -> a place; 'Acme Corporation' -> an organisation)."""
    fixed = []
    for x in located:
        m = x.mention
        words = m.text.split()
        last = words[-1].lower().strip(".,") if words else ""  # 'Road' alone: the head of one longer name
        if m.label == "PERSON" and (last in _PLACE_KINDS or last in _BODY_KINDS):
            x = Located(x.article_id, x.outlet, Mention(m.text, "FAC" if last in _PLACE_KINDS else "ORG", m.start, m.end))
        fixed.append(x)
    return fixed


def _known_organisations(located: list[Located]) -> list[Located]:
    """A name of a small general list of organisations (news outlets, web platforms) is an
    organisation wherever the NER put it ('Politico' read as a person, 'Netflix' as a place),
    unless it is the surname of a person the story names ('Bloomberg' for Michael Bloomberg)."""
    surnames = {_tokens(x.mention.text)[-1] for x in located if x.mention.label == "PERSON" and len(_tokens(x.mention.text)) >= 2}
    known = _organisation_keys() - surnames
    return [Located(x.article_id, x.outlet, Mention(x.mention.text, "ORG", x.mention.start, x.mention.end)) if x.mention.label != "ORG" and key(x.mention.text) in known else x for x in located]


COMMON_WORD_ZIPF = 4.5  # an outlet's one-word name this frequent in English is also a word ('Time'), no sure sign


@lru_cache(maxsize=1)
def _organisation_keys() -> frozenset[str]:
    """Keys of the listed platforms and of the outlets' names that cannot be anything else: of
    two words or more, or one word the outlet does not publish with 'The' ('The Hill', 'The Sun'
    alone are a hill and the sun) and that is rare as an English word."""
    from wordfreq import zipf_frequency

    from .metadata import known_outlet_names

    outlets = [n for n in known_outlet_names() if len(key(n).split()) >= 2 or (not n.startswith("The ") and zipf_frequency(n.lower(), "en") < COMMON_WORD_ZIPF)]
    return frozenset(key(n) for n in [*_aliases().get("organisations", []), *outlets])


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
    """Display form: no possessive, straight spacing, and no leading article written in lower case
    ('the Acme Airways'); a capital 'The' stays, as part of a name ('The Associated Press')."""
    t = re.sub(r"^(?:the|an|a)\s+", "", text.strip(" '‘’\"“”"))
    t = re.sub(r"['’]s$", "", t).strip(" '‘’\"“”")
    return " ".join(t.split())


_DOTTED = re.compile(r"^(?:[A-Za-z]\.){2,}$")  # 'F.B.I.', 'U.S.'


_ROMAN = {"ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8", "ix": "9", "x": "10"}


def key(text: str) -> str:
    """What one name is merged on: case, accents, a leading article, the dots of initials, '&' for
    'and' and Roman numerals after the first word aside ('Saturn V' is 'Saturn 5'); a state's
    news-style abbreviation is its name ('Calif.' is 'California')."""
    t = re.sub(r"^(?:the|an|a)\s+", "", surface(text).replace("\u00ad", ""), flags=re.IGNORECASE)  # a soft hyphen is invisible
    t = unaccented(t)  # 'Raúl' is 'Raul'
    t = _abbreviated_places().get(t, t)
    t = t.replace(".", "") if _DOTTED.match(t) else t
    words = t.casefold().replace("’", "'").replace("&", " and ").split()
    return " ".join(words[:1] + [_ROMAN.get(w, w) for w in words[1:]])


def _tokens(text: str) -> list[str]:
    """Lower-cased name tokens, hyphenated particles split off ('Al-Assad' -> ['al', 'assad'])."""
    return [t for t in re.split(r"[\s\-‐]+", key(text).replace(".", "")) if t]


def _untitled(tokens: list[str]) -> list[str]:
    """Name tokens without the titles in front ('sheriff lombardo' -> ['lombardo']), one kept at least."""
    k = 0
    while k < len(tokens) - 1 and tokens[k] in TITLES:
        k += 1
    return tokens[k:]


def _core(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in PARTICLES]


def _name_tokens(k: str) -> list[str]:
    """A person's name as compared: lower-cased tokens, titles and particles aside ('Sheriff Jane de Roe' -> ['jane', 'roe'])."""
    return _core(_untitled(_tokens(k)))


def _surname(tokens: list[str]) -> str:
    """The surname of a name's tokens: the last, or the one before 'Jr.', 'III' ('Jesse Roe Jr.' is a Roe)."""
    return tokens[-2] if len(tokens) > 2 and tokens[-1] in _GENERATIONS else tokens[-1]


def _full_names(nodes: dict[str, "_Node"]) -> dict[str, list[str]]:
    """Names read mostly as people with a given name and a surname, by key."""
    names = {k: _name_tokens(k) for k, n in nodes.items() if n.is_person}
    return {k: t for k, t in names.items() if len(t) >= 2}


# -- merging -----------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {i: i for i in items}
        self.why: dict[str, str] = {}  # node key -> why it joined its entity (its first merge)

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str, why: str = "", joins: bool = False) -> None:
        """Merge the groups of ``a`` and ``b``; ``why`` is kept for both, or for ``a`` alone when
        it ``joins`` ``b`` ('surname of ...': said of the surname, not of the full name)."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.why.setdefault(a, why)
            if not joins:
                self.why.setdefault(b, why)


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
    _merge_people(nodes, uf, located)
    _merge_titled(nodes, uf, articles, located)
    _merge_orgs(nodes, uf, _place_words(nodes))
    _merge_acronyms(nodes, uf)
    _merge_heads(nodes, uf)
    _merge_news_divisions(nodes, uf)
    _merge_spacing(nodes, uf)
    _merge_handles(nodes, uf)
    _merge_single_word_spellings(nodes, uf)
    _merge_plurals(nodes, uf)
    keys = _bare_names_by_article(nodes, uf, located)
    if keys:
        nodes = _nodes(located, keys)
        for k in nodes.keys() - uf.parent.keys():
            uf.parent[k] = k
            uf.union(k, k.split(_OF)[1], f"{_shown(nodes, k.split(_OF)[1])}, named in full nearest to it in its article", joins=True)
    return _index(nodes, uf, located, keys)


_OF = "\x00"  # in a node key: 'paddock<_OF>stephen paddock' is the bare name as used for that person


def _bare_names_by_article(nodes: dict[str, _Node], uf: _UnionFind, located: Sequence[Located]) -> dict[tuple[str, int], str]:
    """Node keys for the mentions of a bare surname or first name that several people of the
    story share with no one of them dominant ('Paddock', where Stephen and Eric Paddock are both
    named): each such mention is taken as the nearest person of that name named in full before
    it in its article (the news convention: full name first, then the surname), else the first after it."""
    full = _full_names(nodes)
    groups: dict[str, set[str]] = defaultdict(set)
    for k in nodes:
        groups[uf.find(k)].add(k)
    ambiguous: dict[str, set[str]] = {}
    for k, n in nodes.items():
        toks = _name_tokens(k)
        if len(toks) != 1 or not n.labels["PERSON"] or groups[uf.find(k)] & full.keys():
            continue
        bearers = {f for f, t in full.items() if _surname(t) == toks[0] or t[0] == toks[0]}
        if len({uf.find(f) for f in bearers}) >= 2:
            ambiguous[k] = bearers
    keys: dict[tuple[str, int], str] = {}
    if not ambiguous:
        return keys
    by_article: dict[str, list[Located]] = defaultdict(list)
    for x in located:
        by_article[x.article_id].append(x)
    for xs in by_article.values():
        xs = sorted(xs, key=lambda x: x.mention.start)
        for i, x in enumerate(xs):
            k = key(x.mention.text)
            if k not in ambiguous:
                continue
            before = [y for y in reversed(xs[:i]) if key(y.mention.text) in ambiguous[k]]
            after = [y for y in xs[i + 1 :] if key(y.mention.text) in ambiguous[k]]
            named = (before or after or [None])[0]
            if named is not None:
                keys[(x.article_id, x.mention.start)] = f"{k}{_OF}{key(named.mention.text)}"
    return keys


def _nodes(located: Sequence[Located], keys: dict[tuple[str, int], str] | None = None) -> dict[str, _Node]:
    """One node per key (``keys`` gives some mentions another key than their text's)."""
    nodes: dict[str, _Node] = {}
    for x in located:
        k = (keys or {}).get((x.article_id, x.mention.start)) or key(x.mention.text)
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
            uf.union(present[0], k, "known alias")
    for between, m1, m2 in _side_by_side(articles, located):  # 'X (Y' written side by side: Y is another name of X
        if _BRACKETED_ALIAS.match(between) and key(m1.text) in nodes and key(m2.text) in nodes:
            if _alias_in_brackets(nodes[key(m1.text)], nodes[key(m2.text)]):
                uf.union(key(m1.text), key(m2.text), f"written as '{m1.text}{between}{m2.text})'")


_BRACKETED_ALIAS = re.compile(r"^ \((?:[^()]{0,30},\s*(?:formerly|also known as|aka|a\.k\.a\.|previously)\s+)?$")  # 'X (Y', 'X (Y, formerly Z'


def _side_by_side(articles: Sequence[Article], located: Sequence[Located]) -> Iterator[tuple[str, Mention, Mention]]:
    """Each two mentions that follow each other in an article, with the text between them."""
    bodies = {a.id: a.body for a in articles}
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for x in located:
        by_article[x.article_id].append(x.mention)
    for aid, ms in by_article.items():
        ms = sorted(ms, key=lambda m: m.start)
        for m1, m2 in zip(ms, ms[1:]):
            yield bodies[aid][m1.end : m2.start], m1, m2


def _merge_titled(nodes: dict[str, _Node], uf: _UnionFind, articles: Sequence[Article], located: Sequence[Located]) -> None:
    """A name ending with a title, written just before a person's full name ('Bexar County
    Sheriff Javier Salazar'), is that person's title, and the title alone ('the Bexar County
    Sheriff said') names that person, when the story puts it before no one else."""
    holders: dict[str, set[str]] = defaultdict(set)
    for between, m1, m2 in _side_by_side(articles, located):
        titled, person = key(m1.text), key(m2.text)
        words = _tokens(m1.text)
        if between not in (" ", ". ") or m2.label != "PERSON" or len(_name_tokens(person)) < 2:
            continue
        if between == ". " and words[-1] not in _SHORT_TITLES:  # only a title's dot ('LAPD Cmdr. Jane Roe') stands between
            continue
        if len(words) >= 2 and words[-1] in TITLES and titled in nodes and person in nodes and not nodes[titled].labels["GPE"]:
            holders[titled].add(uf.find(person))
    for titled, people in sorted(holders.items()):
        if len(people) == 1:
            person = next(iter(people))
            uf.union(titled, person, f"a title written before {_shown(nodes, person)}", joins=True)


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
    named: dict[str, list[str]] = defaultdict(list)  # initials -> the names that have them
    for k, n in nodes.items():
        if not n.is_person and (ini := initials(n.forms.most_common(1)[0][0])):  # people go by initials rarely, and 'D.C.' is not Dan Carter
            named[ini.lower()].append(k)
    for k, n in nodes.items():
        form = n.forms.most_common(1)[0][0].replace(".", "")
        # 'Kenya Wildlife Service(s)' are one; a misspelt third, named once, does not make it ambiguous
        owner = _main_bearer(nodes, uf, named.get(form.lower(), [])) if 2 <= len(form) <= 6 and form.isupper() else None
        if owner:
            uf.union(k, owner, f"initials of {_shown(nodes, owner)}", joins=True)


def _merge_people(nodes: dict[str, _Node], uf: _UnionFind, located: Sequence[Located] = ()) -> None:
    # full names need a PERSON majority; a bare surname only needs to have been read as a person once
    people = {k: _name_tokens(k) for k, n in nodes.items() if (n.is_person or (n.labels["PERSON"] and len(_untitled(_tokens(k))) == 1)) and _name_tokens(k)}
    full = _full_names(nodes)
    keys = sorted(full)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if _same_person(full[a], full[b]):
                uf.union(a, b, "same person: given name or its short form, surname spelt alike")
    for a in keys:  # 'Lene Jones' -> 'Amanda Lene Jones': the end of exactly one longer name
        longer = [b for b in keys if len(full[b]) > len(full[a]) and full[b][-len(full[a]) :] == full[a]]
        if len({uf.find(b) for b in longer}) == 1:
            uf.union(a, longer[0], f"the end of the one longer name {_shown(nodes, longer[0])}", joins=True)
    for k, toks in people.items():  # a surname alone -> the full name it belongs to
        if len(toks) == 1:
            bearers = [f for f, ft in full.items() if _same_surname(_surname(ft), toks[0], strict=True)]
            bearers = bearers or [f for f, ft in full.items() if _same_surname(_surname(ft), toks[0], strict=False)]  # 'Semintelli' for Sementilli
            owner = _main_bearer(nodes, uf, bearers)
            if owner:
                uf.union(k, owner, f"surname of {_shown(nodes, owner)}", joins=True)
    surnames = {_surname(ft) for ft in full.values()}
    articles: dict[str, set[str]] = defaultdict(set)
    for x in located:
        articles[key(x.mention.text)].add(x.article_id)
    for k, n in nodes.items():  # a first name alone ('Uma', read once as a person) -> the full name it begins in its article
        toks = _core(_tokens(k))
        if len(toks) == 1 and n.labels["PERSON"] and toks[0] not in surnames:
            owner = _main_bearer(nodes, uf, [f for f, ft in full.items() if ft[0] == toks[0] and (not located or articles[f] & articles[k])])
            if owner:
                uf.union(k, owner, f"first name of {_shown(nodes, owner)}", joins=True)


def _shown(nodes: dict[str, _Node], k: str) -> str:
    """A node's most used spelling, quoted, for a merge's reason."""
    return f"'{nodes[k].forms.most_common(1)[0][0]}'" if k in nodes else f"'{k}'"


DOMINANT = 2  # a bare name goes to the bearer named at least this many times as often as any other


def _main_bearer(nodes: dict[str, _Node], uf: _UnionFind, candidates: list[str]) -> str | None:
    """The full name (its most used one) of the one bearer among ``candidates`` that a bare
    surname, a first name or an acronym refers to: the only one, or the one named ``DOMINANT``
    times as often as the next ('Thurman' is Uma Thurman, named throughout, not her father, named once)."""
    counts: Counter[str] = Counter()
    for f in candidates:
        counts[uf.find(f)] += sum(nodes[f].forms.values())
    ranked = sorted(counts.items(), key=lambda rc: (-rc[1], rc[0]))
    if not ranked or (len(ranked) > 1 and ranked[0][1] < DOMINANT * ranked[1][1]):
        return None
    return max((f for f in candidates if uf.find(f) == ranked[0][0]), key=lambda f: (sum(nodes[f].forms.values()), f))  # its most used full name


def _same_person(a: list[str], b: list[str]) -> bool:
    if a == b:
        return True
    if len(a) > 2 and len(b) > 2 and a[-1] == b[-1] and a[-1] in _GENERATIONS:
        return _same_person(a[:-1], b[:-1])  # 'Jane Roe Jr.' / 'Jane Rowe Jr.': the names before it
    first_ok = a[0] == b[0] or (len(a[0]) == 1 or len(b[0]) == 1) and a[0][0] == b[0][0] or same_given_name(a[0], b[0])
    return first_ok and _same_middle(a[1:-1], b[1:-1]) and _same_surname(a[-1], b[-1], strict=False)


_GENERATIONS = frozenset({"jr", "sr", "2", "3", "4"})  # 'Jr.', 'Sr.', 'II' ... after a surname ('III' is '3' by ``key``)


def _same_middle(a: list[str], b: list[str]) -> bool:
    """Middle names that can be one person's: those of the shorter name found in order among the
    longer's, a name or its initial ('Jane Q. Roe' / 'Jane Quinn Roe'; none at all, 'Jane Roe', fits
    any); two different middle names are two people ('Jane Ama Roe' / 'Jane Efua Roe', sisters)."""
    short, long_ = sorted((a, b), key=len)
    rest = iter(long_)
    return all(any(x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]) for y in rest) for x in short)


@lru_cache(maxsize=1)
def _nicknamer() -> "NickNamer":
    return NickNamer()


def same_given_name(a: str, b: str) -> bool:
    """'Bill' / 'William', 'Pete' / 'Peter': one given name and a short form of it (the curated
    ``nicknames`` list)."""
    nn = _nicknamer()
    return b in nn.nicknames_of(a) or a in nn.nicknames_of(b)


def person_shaped(words: Sequence[str]) -> bool:
    """Two or three capitalised words opening with a given name ('Gareth Jones'): shaped like a
    person's name, whatever the NER read."""
    return 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and is_given_name(words[0])


def is_given_name(word: str) -> bool:
    """Whether a word is a given name of the curated ``nicknames`` list ('Gareth', 'Bill')."""
    nn = _nicknamer()
    w = word.lower()
    return bool(nn.nicknames_of(w) or nn.canonicals_of(w))


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
    """'Penelac' / 'Penelec': one-word names that differ by a letter and sound alike; a people is
    no spelling of a place ('German' / 'Germany'). A person's one name ('Stacy' / 'Stacey') only
    where no outlet writes both: one outlet naming both names two people."""
    words = sorted(k for k, n in nodes.items() if " " not in k and len(k) >= (5 if n.is_person else 6) and k.isalpha())
    outlets = {k: {o for c in nodes[k].outlets.values() for o in c} for k in words}
    for i, a in enumerate(words):
        for b in words[i + 1 :]:
            na, nb = nodes[a], nodes[b]
            if na.is_person != nb.is_person or (na.is_person and outlets[a] & outlets[b]):
                continue
            if a[0] == b[0] and (na.label == "NORP") == (nb.label == "NORP") and fuzz.ratio(a, b) >= 85 and jellyfish.metaphone(a) == jellyfish.metaphone(b):  # not 'German' / 'Germany'
                uf.union(a, b, "one word spelt two ways")



def _merge_plurals(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    """'Democrat' / 'Democrats', 'Saudi' / 'Saudis': a group of people named in the singular and the
    plural (both read as a nationality or a group) is one."""
    for k, n in nodes.items():
        if n.label == "NORP" and " " not in k and (plural := nodes.get(k + "s")) is not None and plural.label == "NORP":
            uf.union(k, k + "s", "the same people in the plural")


def _merge_orgs(nodes: dict[str, _Node], uf: _UnionFind, places: set[str]) -> None:
    orgs = {k: _modifiers(_tokens(k), places) for k, n in nodes.items() if not n.is_person and len(_tokens(k)) >= 2}
    keys = sorted(orgs)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            (ca, ma), (cb, mb) = orgs[a], orgs[b]
            if ca and len(ca) == len(cb) and _respelled(ca, cb) and not (ma and mb and ma != mb) and (nodes[a].label == "NORP") == (nodes[b].label == "NORP"):  # a people is no spelling of its land
                uf.union(a, b, "same words, respelt or reordered")
    for a, (ca, ma) in orgs.items():  # a name inside exactly one longer name
        if len(ca) < 2:
            continue
        # the longer name keeps the shorter's places: 'Lakeside National Park' is not in 'Hillside National Park'
        owners = {uf.find(b) for b, (cb, mb) in orgs.items() if len(cb) > len(ca) and _contains(cb, ca) and ma <= mb and (_same_head(cb, ca) or (nodes[a].label != "GPE" and _kind_added(cb, ca)))}
        if len(owners) == 1:
            owner = owners.pop()
            uf.union(a, owner, f"inside the one longer name {_shown(nodes, owner)}", joins=True)


_THINGS = frozenset({"ORG", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})  # not people, places or nationalities


def _merge_heads(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    """A one-word name (not a person, not a place) that is the last word of exactly one longer
    name of a thing: 'Astros' is the Houston Astros, 'Times' the New York Times where no other
    Times is named. 'Denver' is not the Denver Post: a name's first words are not what it names;
    and a word that begins other names of the story names a body of its own ('House' beside
    'House Judiciary Committee' is not the White House)."""
    longer: dict[str, set[str]] = defaultdict(set)
    first: dict[str, set[str]] = defaultdict(set)
    for k, n in nodes.items():
        toks = k.replace(".", "").split()  # words, not hyphen parts: 'Russian-American' is not 'American'
        if len(toks) >= 2:
            first[toks[0]].add(k)
        if len(toks) >= 2 and not n.is_person and n.label in _THINGS:
            while len(toks) > 1 and toks[-1] in _NAME_SUFFIXES:
                toks.pop()
            longer[toks[-1]].add(k)
    surnames = {_tokens(k)[-1] for k, n in nodes.items() if n.is_person and len(_tokens(k)) >= 2}
    for k, n in nodes.items():
        if " " in k or k in surnames or k.rstrip(".") in TITLES or n.label not in _THINGS | {"PERSON"} or k not in longer:  # 'Sgt' alone is a title, no name
            continue
        owners = {uf.find(b) for b in longer[k]}
        if len(owners) == 1 and any(uf.find(b) not in owners for b in first[k]):
            continue
        if len(owners) == 1:
            owner = owners.pop()
            uf.union(k, owner, f"last word of the one longer name {_shown(nodes, owner)}", joins=True)


_NEWS_DIVISION = frozenset({"news", "tv", "television", "radio"})


def _merge_news_divisions(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    """A broadcaster's letters and its news division are one medium in a story: 'ABC' / 'ABC
    News', 'CBS' / 'CBS Radio' (letters written in capitals, both read as organisations)."""
    for k, n in nodes.items():
        toks = k.split()
        if len(toks) != 2 or toks[1] not in _NEWS_DIVISION or toks[0] not in nodes or n.label != "ORG":
            continue
        letters = nodes[toks[0]]
        if letters.label == "ORG" and letters.forms.most_common(1)[0][0].isupper() and 2 <= len(toks[0]) <= 5:
            uf.union(toks[0], k, f"the news division of {_shown(nodes, toks[0])}", joins=True)


def _merge_spacing(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    """'Space X' / 'SpaceX', 'G-League' / 'G League', 'De Niro' / 'DeNiro': one name written with
    and without a space or hyphen."""
    by_letters: dict[str, set[str]] = defaultdict(set)
    for k, n in nodes.items():
        for form in [k, *(unaccented(f).casefold() for f in n.forms)]:  # as written too: 'X' in 'Space X' is no Roman ten
            by_letters[re.sub(r"[\s\-‐]+", "", form)].add(k)
    for ks in by_letters.values():
        first, *rest = sorted(ks)
        for k in rest:
            uf.union(first, k, "same letters, spaced otherwise")


HANDLE_LETTERS = 6  # letters of a name a social-media handle must hold to be that name's account


def _merge_handles(nodes: dict[str, _Node], uf: _UnionFind) -> None:
    """A social-media handle is the account of the named entity whose letters it holds, whole
    ('@GovLarryHogan': Larry Hogan) or as its start ('@AmericanAir': American Airlines); of two,
    the one that accounts for more of it ('American Airlines', not 'American'), then the shorter
    name."""
    names = {k: re.sub(r"[^a-z0-9]", "", k) for k in nodes if not k.startswith("@")}
    for k in nodes:
        if not k.startswith("@"):
            continue
        handle = re.sub(r"[^a-z0-9]", "", k)
        held: dict[str, tuple[int, int]] = {}  # owner -> (letters of the handle its name accounts for, -letters of that name): the most, then the shortest, wins
        for n, letters in names.items():
            if len(letters) >= HANDLE_LETTERS and (letters in handle or (len(handle) >= HANDLE_LETTERS and letters.startswith(handle))):
                owner = uf.find(n)
                held[owner] = max(held.get(owner, (0, 0)), (min(len(letters), len(handle)), -len(letters)))
        best = sorted(held.items(), key=lambda o: o[1], reverse=True)
        if best and (len(best) == 1 or best[0][1] > best[1][1]):
            uf.union(k, best[0][0], f"the account of {_shown(nodes, best[0][0])}", joins=True)


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


# words that say what kind of place or body a name is: 'Mandalay Bay Resort' is Mandalay Bay, while
# a city is not its airport (a place's name followed by them is left apart: see ``_merge_orgs``)
_KINDS = frozenset("resort hotel casino hospital medical center centre school elementary high university college club stadium arena company corporation".split())


def _kind_added(big: list[str], small: list[str]) -> bool:
    """Whether the longer name is the shorter one followed only by words of its kind ('Mandalay Bay Resort and Casino')."""
    return big[: len(small)] == small and all(w in _KINDS or w in FUNCTION_WORDS for w in big[len(small) :])


def _contains(big: list[str], small: list[str]) -> bool:
    return any(big[i : i + len(small)] == small for i in range(len(big) - len(small) + 1))


# -- output ------------------------------------------------------------------------------------


def _index(nodes: dict[str, _Node], uf: _UnionFind, located: Sequence[Located], keys: dict[tuple[str, int], str]) -> EntityIndex:
    groups: dict[str, list[_Node]] = defaultdict(list)
    for k, n in nodes.items():
        groups[uf.find(k)].append(n)
    ordered = sorted(groups.values(), key=lambda g: (-sum(sum(n.forms.values()) for n in g), _name(g)))
    entities, ids = [], {}
    for i, group in enumerate(ordered):
        eid = f"E{i + 1}"
        name = _name(group)
        entities.append(StoryEntity(eid, name, _label(group), _variants(group, uf.why, name)))
        ids.update({n.key: eid for n in group})
    node_key = {(x.article_id, x.mention.start): keys.get((x.article_id, x.mention.start)) or key(x.mention.text) for x in located}
    by_mention = {at: ids[k] for at, k in node_key.items() if k in ids}
    return EntityIndex(tuple(entities), by_mention)


def _name(group: list[_Node]) -> str:
    """Preferred name: the most used form among the longest (most words, a leading 'The' aside)
    forms used at least twice (any form, for a person), one without an owner's name in front if there
    is one, and for a person a name rather than a title."""
    forms: Counter[str] = Counter()
    for n in group:
        forms.update(n.forms)
    top = max(forms.values())
    good = [f for f, c in forms.items() if c >= min(2, top) or _label(group) == "PERSON"]  # a person by the full name, even if written once
    if _label(group) == "PERSON":  # 'Javier Salazar', not 'Bexar County Sheriff' nor 'Representative Javier Salazar'
        good = [f for f in good if (t := _tokens(f)) and t[-1] not in TITLES] or good
        good = [f for f in good if (t := _tokens(f)) and t[0] not in TITLES] or good
    abbreviated = _abbreviated_places()
    best = max(good, key=lambda f: (not _POSSESSIVE_INSIDE.search(f), f not in abbreviated, len(re.sub(r"^The ", "", f).split()) if not f.isupper() else 0, forms[f], f))  # 'Kentucky', not 'Ky.'
    return _titled(best) if _label(group) in _PLACES and _DATELINE_CAPS.fullmatch(best) else best


_DATELINE_CAPS = re.compile(r"[A-Z]{3,}(?: [A-Z]{2,})*")  # 'WASHINGTON', 'BERKELEY HEIGHTS': a dateline's capitals, not initials


def _titled(name: str) -> str:
    """'BERKELEY HEIGHTS' -> 'Berkeley Heights': a place named only in a dateline's capitals."""
    return " ".join(w.capitalize() for w in name.split())


_POSSESSIVE_INSIDE = re.compile(r"\w['’]s\s")  # "SpaceX's Falcon Heavy": an owner, not the name


def _label(group: list[_Node]) -> str:
    labels: Counter[str] = Counter()
    for n in group:
        labels.update(n.labels)
    return labels.most_common(1)[0][0]


def _variants(group: list[_Node], why: dict[str, str], name: str) -> tuple[Variant, ...]:
    """Each spelling with its outlets, its count and why it is this entity (none for the name itself)."""
    out = []
    for n in group:
        for form, outlets in n.outlets.items():
            reason = "" if len(group) == 1 or form == name else "the same name written otherwise" if key(form) == key(name) else why.get(n.key, "")
            out.append(Variant(form, tuple(sorted(outlets)), sum(outlets.values()), reason))
    return tuple(sorted(out, key=lambda v: (-v.count, v.form)))
