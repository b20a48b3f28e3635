"""Story step 4, provenance: which media each article cites, and the original source.

Attributions are found with patterns around a capitalised name ('X reported', 'according to X',
'told X', 'citing X', 'X has reported', 'reported by X', '..., reports X.', 'the X newspaper'). A name counts as a
medium when it is an outlet of the corpus, sits next to a media noun ('newspaper', 'agency',
'TV'...), or is the subject of a reporting verb and is not a person or a place the story
otherwise talks about. When the first medium an article cites relays an unnamed one ('An Israeli
newspaper has revealed ..., New Khalij has reported'), the media it names later are reached
through that first one ('via'). The original source is the medium
that others cite and that cites no one, cited by at least two articles; it is tied to an article
when an outlet matches it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

from rapidfuzz import fuzz
from spacy.lang.en.stop_words import STOP_WORDS

from . import textfeatures as tf
from .entities import initials, key, person_shaped
from .metadata import known_outlet_names
from .models import Article, Citation, OriginalSource

_NAME = r"((?<![\w-])(?:[A-Z][\w'’&.-]*|al-[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’&.-]*|al-[A-Z][\w'’-]*|(?:of|de|al)\b(?=\s+[A-Z]))){0,4})"
MEDIA_NOUNS = r"(?:newspaper|daily|paper|news agency|agency|news outlet|outlet|website|news site|magazine|broadcaster|channel|television|TV|radio|network|weekly|tabloid)"
_TITLED_MEDIA_NOUNS = r"(?:newspaper|daily|paper|news agency|magazine|broadcaster|weekly|tabloid|website)"
REPORT_VERBS = r"(?:reported|reports|has reported|had reported|said in a report|broke the news)"
DISCLOSE_VERBS = r"(?:revealed|has revealed|wrote|writes|published)"  # anything can reveal: 'A scan revealed'
_PATTERNS: tuple[tuple[re.Pattern[str], bool], ...] = tuple(
    (re.compile(p), strong)
    for p, strong in (
        (rf"\b(?:the\s+)?{_NAME}\s+{MEDIA_NOUNS}\b", True),  # the Haaretz newspaper
        (rf"\b{MEDIA_NOUNS}\s+{_NAME}", True),  # Israeli daily Haaretz
        (rf"\b{_TITLED_MEDIA_NOUNS}\s+the\s+{_NAME}", True),  # the weekly tabloid the Harbour Mirror (not 'on TV the Harbour Master')
        (rf"\b{MEDIA_NOUNS},\s+(?:[Tt]he\s+)?{_NAME}(?=\s*(?:[,.;:)]|$))", False),  # 'by a local newspaper, the Harbour Mirror,': the name in apposition
        (rf"\b(?i:according to)\s+(?:the\s+)?{_NAME}", False),
        (rf"\b(?i:told|telling|tells|tell|speaking to|spoke to|in an interview (?:with|on)|interviewed by|(?:a |the )?(?:statement|comments?|remarks) to)\s+(?:the\s+)?{_NAME}", False),  # 'Sources tell the Herald', 'said in a statement to the Herald'
        (rf"\b(?i:citing)\s+(?:the\s+)?{_NAME}", False),
        (rf"\b(?i:reported by|obtained by|seen by)\s+(?:the\s+)?{_NAME}", False),  # 'a letter obtained by the Harbour Times'
        (rf"(?:^|,\s)(?:per|via)\s+(?:the\s+)?{_NAME}", False),  # ', per the Harbour Times', ', via the Harbour Times'
        (rf"\b{_NAME},?\s+(?:(?:first|originally|initially|previously|earlier|also)\s+)?{REPORT_VERBS}\b", False),  # 'which the Harbour Times first reported'
        (rf"[,—–]\s*(?:reports|reported|writes|wrote|notes|noted)\s+(?:the\s+)?(?!{tf.SHORT_TITLE}\.){_NAME}\s*(?:[.;]|$)", False),  # '..., reports the Harbour Times.': the attribution after what it tells (not '..., noted Dr. Roe')
        (rf"\b(?i:an?\s+(?:opinion piece|op-ed|column|editorial|article|story|report))\s+(?i:in|for|by)\s+(?:the\s+)?{_NAME}", False),  # 'in an opinion piece in the Harbour Times'
        (rf"\b(?:an?|the)\s+(?![A-Z]{{6,}}\b){_NAME}\s+(?i:story|report|article|op-ed|editorial)\b", False),  # 'in a Harbour Times story' (not 'an FBI investigation', a body's; nor 'the ENTIRE report')
        (rf"\b{_NAME},?\s+{DISCLOSE_VERBS}\b", False),
    )
)
_BARE_MEDIA_NOUN = re.compile(MEDIA_NOUNS, re.IGNORECASE)
_DISCLOSES = _PATTERNS[-1][0]  # 'X revealed': X must be a known organisation
# words naming a body, its members or a meeting: what is told, cited or reports under such a name
# is no medium unless named like one ('told the Senate Judiciary Committee', 'according to the
# Harbour Trail Association', 'the Labor Department reported')
_BODY_WORD = re.compile(
    r"\b(?:Senate|House|Congress|Parliament|Assembly|Legislature|Committee|Subcommittee|Council|Commission|Court|Department|"
    r"Ministry|Cabinet|Caucus|Board|Police|Democrats|Republicans|Party|Government|Administration|Lawmakers|Officials|"
    r"Association|Alliance|Coalition|Conference|Foundation|Institute|Society|University|College)\b",
    re.IGNORECASE,
)
# people, peoples, dates and numbers, and books, laws or events ('according to the Bible') are not media
_NOT_A_NAME = frozenset({"PERSON", "NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "WORK_OF_ART", "LAW", "EVENT", "LANGUAGE"})
_NOT_MEDIA = frozenset({"He", "She", "They", "It", "We", "I", "The", "This", "That", "These", "Those", "Some", "Many", "Others", "A", "An", "In", "On", "But", "And", "According", "Officials", "Sources"})


@dataclass(frozen=True)
class _Hit:
    name: str
    sentence_id: str
    position: int
    strong: bool


def find_citations(articles: Sequence[Article], entity_labels: dict[str, tuple[str, int, str]], copies: Mapping[str, str] | None = None) -> tuple[list[Citation], OriginalSource | None]:
    """Citation edges of a story and its original source (None when nobody is cited).

    ``entity_labels`` maps an entity form (``entities.key``) to its story label, mention count and
    the entity's name, which a cited organisation is listed under ('CDC' and 'the Centers for
    Disease Control and Prevention' are one source). ``copies`` maps an article to the article
    whose text it copies: a copy of a wire report credited in its dateline is the wire's report
    too, with or without the credit.
    """
    outlets = {a.outlet for a in articles if a.outlet}
    citations: list[Citation] = []
    for a in articles:
        mine = _own_letters(a)
        itself = _own_names(a) if not a.outlet else set()
        own = [h for h in _media_hits(a, outlets, entity_labels) if not _same(h.name, a.outlet) and not (mine and initials(h.name) == mine) and not any(_same(h.name, n) for n in itself)]
        citations += _edges(a, own)
    credits = [c for a in articles if (c := _wire_credit(a)) is not None]
    citations += [c for c in credits if not any(x.article_id == c.article_id and _same(x.cites, c.cites) for x in citations)]
    return citations, _original(citations, articles, _copied_credits(credits, articles, copies or {}), credits, copies or {})


# wire services as datelines credit them, 'LAKESIDE, Pa. (AP) —': a small general table
WIRES = {"AP": "Associated Press", "Reuters": "Reuters", "AFP": "Agence France-Presse", "UPI": "United Press International", "dpa": "Deutsche Presse-Agentur", "Xinhua": "Xinhua", "CP": "The Canadian Press", "PA": "PA Media", "Bloomberg": "Bloomberg"}
_DATELINE_CREDIT = re.compile(rf"^\s*(?:[A-Z][\w .,'’-]{{0,60}}?\s*)?\(({'|'.join(WIRES)})\)\s*[-—–:]")  # with or without the place


_OWN_CREDIT = re.compile(r"\b[A-Z][A-Za-z.]*,?(?:\s[A-Z][A-Za-z.]*){0,3}\s\(([A-Z]{2,5})\)\s*[-—–]")  # 'BAKERSFIELD, Calif. (CN) -'


def _own_letters(article: Article) -> str | None:
    """The letters an article's dateline credits when they are no wire's ('(CN)'): the outlet
    that wrote it, so 'told Courthouse News' in it is its own reporting, not a citation."""
    m = _OWN_CREDIT.search(article.body[:400])
    return m.group(1) if m and m.group(1) not in WIRES else None


_ASKS = r"(?:requests?|calls?|e-?mails?|messages?|inquir(?:y|ies)|quer(?:y|ies)|questions?)"
# where an article's outlet asks for comment or signs its own staff's lines, it names itself:
# 'did not return emails from the Lakeside Herald seeking comment', "the Herald's request for
# comment", 'Analysis: Jan Roe, Harbour News business editor' (a line of its own)
_ASKS_FOR_COMMENT = (
    re.compile(rf"\b{_ASKS}\s+(?:for comment\s+)?from\s+(?:the\s+)?{_NAME}(?:\s+(?:seeking|for)\s+comment)"),
    re.compile(rf"\b{_ASKS}\s+for comment\s+from\s+(?:the\s+)?{_NAME}"),
    re.compile(rf"(?:^|\s)(?:the\s+)?{_NAME}['’]s?\s+{_ASKS}\s+for\s+comment"),
)
_STAFF_LINE = re.compile(rf"^(?:[A-Z]\w+:\s+|By\s+)?[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){{1,2}},\s+(?:the\s+)?{_NAME}\s+(?:[a-z]+\s+)?(?:editor|correspondent|reporter|writer|columnist)\s*$", re.MULTILINE)


def _own_names(article: Article) -> set[str]:
    """Names an article of no known outlet gives itself: the medium that asked for comment, or
    that signs a line of its own staff. 'told the Herald' in it is its own reporting."""
    text = "\n".join([article.body, *(r.text for r in article.removed)])  # a staff line is often set aside as a byline
    names = {m.group(1) for p in _ASKS_FOR_COMMENT for m in p.finditer(text)}
    names |= {m.group(1) for m in _STAFF_LINE.finditer(text)}
    return {n for n in (_trim(x) for x in names) if n}


def _wire_credit(article: Article) -> Citation | None:
    """The wire service an article's dateline credits ('ERIE, Pa. (AP) - Snow ...'), as a citation."""
    if not article.sentences or not (m := _DATELINE_CREDIT.match(article.sentences[0].text)):
        return None
    wire = WIRES[m.group(1)]
    own = _same(wire, article.outlet) or _same(m.group(1), article.outlet)  # the wire's own report, its outlet read off this very credit ('AP')
    return None if own else Citation(article.id, wire, None, article.sentences[0].id)


def _copied_credits(credits: Sequence[Citation], articles: Sequence[Article], copies: Mapping[str, str]) -> list[Citation]:
    """Dateline credits extended to the copies of the credited article (each copy cites the wire)."""
    def root(aid: str) -> str:
        return copies.get(aid, aid)

    out = []
    for c in credits:
        out += [Citation(a.id, c.cites, None, c.sentence_id) for a in articles if a.id != c.article_id and root(a.id) == root(c.article_id) and not _same(c.cites, a.outlet)]
    return out


def _media_hits(article: Article, outlets: set[str], labels: dict[str, tuple[str, int, str]]) -> list[_Hit]:
    hits = []
    people = {m.text for m in article.entities if m.label == "PERSON" and " " in m.text}
    lower_words = tf.lower_case_words(article.body)
    for pos, s in enumerate(article.sentences):
        if tf.in_capitals(s.text):  # a transcript in capitals: every phrase looks like a name
            continue
        for pattern, strong in _PATTERNS + ((_WROTE_IN, False),):
            for m in pattern.finditer(s.text):
                if _WORKPLACE.search(s.text[: m.start()]):
                    continue  # 'an analyst at the website NK Pro': where a speaker works, not a source
                names = [(m.start(1), m.group(1))]
                if (more := _AND_NAME.match(s.text, m.end(1))) and pattern is not _DISCLOSES:
                    names.append((more.start(1), more.group(1)))  # 'according to the Harbour Times and the Lakeside Post'
                for at, found in names:
                    start = s.start + at
                    name = _trim(_owner(_whole_name(article, start, found), labels))
                    if _no_medium(name, people) or (at == 0 and " " not in found and name.lower() in lower_words):
                        continue  # nothing a medium is called; or a common word opening the sentence ('Residents reported', 'Travel agency X said')
                    name = _named_in_full(article, name, start)
                    outlet = _outlet_named(name, outlets)
                    label, count, entity = labels.get(key(name), (_label_at(article, start), 0, name))
                    if not (outlet or label or _CALL_LETTERS.match(name)) and at == 0 and " " not in found:
                        continue  # one capitalised word opening the sentence that the model names nothing: 'Witnesses reported'
                    if not (outlet or _named_like_a_medium(name)) and (pattern is _WROTE_IN or (not strong and (_BODY_WORD.search(name) or person_shaped(name.split())))):
                        continue  # 'told Senate Democrats', 'according to the Trail Association': a body; 'according to Gareth Jones': a person; 'wrote in Paris'
                    if outlet or pattern is _WROTE_IN or (not _not_a_name(name, label) and _may_be_a_source(label, count, strong or pattern is not _DISCLOSES)):
                        hits.append(_Hit(outlet or _trim(entity), s.id, pos, strong or bool(outlet)))
    return hits


# where someone's words were published: 'wrote in The Harbour Times', 'wrote an opinion piece for the Herald' (a medium's name only)
_WROTE_IN = re.compile(rf"\b(?i:wrote|writes|writing)\s+(?:(?:an?|the|his|her|their)\s+(?:[\w-]+\s+){{0,3}})?(?i:in|for)\s+(?:the\s+)?{_NAME}")
_AND_NAME = re.compile(rf"\s*(?:,\s*)?(?:and|&)\s+(?:the\s+)?{_NAME}")  # a second medium cited with the first


_WORKPLACE = re.compile(r"\b(?:analyst|editor|reporter|columnist|correspondent|writer|contributor|fellow|researcher|expert|founder|producer|host|anchor)s?\s+(?:\w+\s+){0,2}(?:at|for|with|of)\s+(?:the\s+|an?\s+)?(?:\w+\s+)?$", re.IGNORECASE)
_PRONOUN = re.compile(r"^(?:I|We|You|They|He|She|It)(?:['’]\w+)?$")


def _no_medium(name: str, people: set[str]) -> bool:
    """Nothing a medium could be called: empty, a function word, a bare media noun ('told
    Australian TV'), a pronoun ('I’ve reported'), or a name holding a person's ('Coroner Mark
    Bowen said')."""
    return not name or name in _NOT_MEDIA or bool(_BARE_MEDIA_NOUN.fullmatch(name) or _PRONOUN.match(name)) or any(p in name for p in people)


def _not_a_name(name: str, label: str) -> bool:
    """A capitalised common word ('Other', 'After'), or a run of capitals longer than call letters
    that the model does not call an organisation ('CREDIT', 'MOST READ IN')."""
    if " " not in name and name.lower() in STOP_WORDS:
        return True
    return name.isupper() and len(name.replace(" ", "")) > 5 and label != "ORG"


def _whole_name(article: Article, start: int, name: str) -> str:
    """The whole entity mention when the pattern caught only its end ('Prevention reported' in 'the
    Centers for Disease Control and Prevention reported')."""
    return next((m.text for m in article.entities if m.start < start < m.end and m.label == "ORG"), name)


def _label_at(article: Article, start: int) -> str:
    """The named-entity label of the article's mention at ``start`` ('' if none): for names the
    story's entity list leaves out, such as dates ('told TODAY')."""
    return next((m.label for m in article.entities if m.start <= start < m.end), "")


def _may_be_a_source(label: str, count: int, pattern_says_so: bool) -> bool:
    """Not a person, a nationality, a date or number, nor a place the story keeps talking about;
    the subject of 'revealed' or 'published' only if it is an organisation."""
    if label in _NOT_A_NAME or (label in {"GPE", "LOC", "FAC"} and count >= 2):
        return False
    return pattern_says_so or label == "ORG"


# a weekday after the name ('told Fox News Thursday'); a capitalised 'Today' is part of one ('Harbor Today')
_WHEN = re.compile(r"(?:\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))+$")


_RANK_AT_END = re.compile(r"\b(?:Sgt|Lt|Capt|Det|Cpl|Officer|Detective|Sergeant|Lieutenant|Captain|Chief|Spokesman|Spokeswoman|Spokesperson)\.?(?:\s+[A-Z][\w'’-]*)*$")  # 'Lakeside Police Sgt. [Jan Roe]': a person
_HONORIFIC = re.compile(rf"^(?:{tf.SHORT_TITLE}|Miss|Sir|Dame|Lord|Lady)\.?\s")


# words that open a clause or a phrase, not a name: 'As Reuters reported', 'According to ...'
_FUNCTION_WORDS = frozenset(
    "the a an as and but or so yet when while after before since because if then also thus meanwhile "
    "according to by of in on at from with for via per said told this that these those".split()
)


def _trim(name: str) -> str:
    """The medium's name alone: no leading article or function word ('As Fortune reported'), no
    possessive, day or lower-case word after it ('told Fox News Thursday'); '' for a person ('Mr
    Smith', 'Police Sgt.' before a name)."""
    words = name.strip().split()
    while len(words) > 1 and words[0].lower() in _FUNCTION_WORDS:  # 'The', 'As Fortune reported' (not 'All Coast Radio')
        words = words[1:]
    while len(words) > 1 and words[-1][:1].islower():  # 'told the Harbour Times days after...': the model's span ran on
        words = words[:-1]
    name = " ".join(words)
    if _HONORIFIC.match(name) or _RANK_AT_END.search(name):
        return ""
    return _WHEN.sub("", re.sub(r"['’]s$", "", name)).strip(" .,'’")


_MASTHEAD_WORD = re.compile(rf"\b(?:{MEDIA_NOUNS[3:-1]}|news|times|post|journal|herald|tribune|gazette|telegraph|review|monitor|express|mail|star|sun|observer|guardian|examiner|chronicle|inquirer|enquirer|dispatch|courier|ledger|sentinel|globe|mirror|bulletin|courant|beacon)\b", re.IGNORECASE)


_CALL_LETTERS = re.compile(r"^(?:[KW][A-Z]{2,3}(?:-(?:TV|FM|AM|DT))?|[A-Z]{3,4}\d{1,2})$")  # North American stations: 'WXYZ', 'KBFX-TV'; a network's local channel: 'ABC7', 'NBC4'


def _named_like_a_medium(name: str) -> bool:
    """A known outlet or wire, or the letters a known outlet's name starts with ('NBC' of 'NBC
    News'), a name with a masthead word ('the Harbour Times', 'Channel 4 News'), or a station's
    call letters."""
    known = _known_media()
    if any(_same(name, n) for n in known) or (re.fullmatch(r"[A-Z]{2,6}", name) and any(n.split()[0] == name for n in known)):
        return True
    return bool(_MASTHEAD_WORD.search(name) or _CALL_LETTERS.match(name))


@lru_cache(maxsize=1)
def _known_media() -> frozenset[str]:
    return known_outlet_names() | frozenset(WIRES.values()) | frozenset(WIRES)


_UNIT_NOUNS = frozenset("office department ministry bureau committee agency service council commission court police team campaign".split())


def _owner(name: str, labels: dict[str, tuple[str, int, str]]) -> str:
    """Of 'X's Y', the medium: X when Y is a person, or X an organisation and Y no masthead
    ('CNN's Jane Roe'), else Y ('Israel's Haaretz', 'the group's Daily Star')."""
    parts = re.split(r"(?:['’]s|s['’])\s+", name, maxsplit=1)  # 'CNN's Jane Roe', 'Fox News' Jim Doe'
    if len(parts) == 1:
        return name
    owner, owned = parts
    if name[len(owner) : len(owner) + 1] == "s":  # the split took the plural's 's' with the apostrophe
        owner += "s"
    if owned.lower().strip(".,;:") in _UNIT_NOUNS:
        return name  # 'the County Attorney's Office' is one body, not an 'Office'

    owned_label, owner_label = labels.get(key(owned), ("",))[0], labels.get(key(owner), ("",))[0]
    if owned_label == "PERSON" or (owner_label == "ORG" and (owned_label != "ORG" or not _MASTHEAD_WORD.search(owned))):
        return owner  # a medium's reporter or programme (the model often tags an unusual name ORG)
    if not owned_label and not _MASTHEAD_WORD.search(owned) and 2 <= len(owned.split()) <= 3:
        return owner  # 'Harbour News’ Jim Doe': a name, not a masthead
    return owned


def _same(a: str | None, b: str | None) -> bool:
    """One medium's name written two ways ('New York Times' / 'The New York Times', 'LA Times' /
    'Los Angeles Times')."""
    if not (a and b):
        return False
    return fuzz.ratio(_bare(a), _bare(b)) >= 88 or _initialled(a, b) or _initialled(b, a)


def _initialled(short: str, long: str) -> bool:
    """'LA Times' of 'Los Angeles Times': the first words written as their initials, the rest the same."""
    first, _, rest = _bare(short).partition(" ")
    words = _bare(long).split()
    n = len(first)
    return bool(rest) and 2 <= n < len(words) and short.split()[-len(rest.split()) - 1].isupper() and "".join(w[0] for w in words[:n]) == first and " ".join(words[n:]) == rest


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", name.casefold())


def _outlet_named(name: str, outlets: set[str]) -> str | None:
    """The corpus outlet ``name`` stands for: the same name, or its last word when exactly one
    outlet ends so ('the Times' for The New York Times, among outlets with no other Times)."""
    same = next((o for o in sorted(outlets) if _same(name, o)), None)
    if same or " " in name:
        return same
    ending = [o for o in outlets if o.split()[-1].casefold() == name.casefold() and " " in o]
    return ending[0] if len(ending) == 1 else None


def _named_in_full(article: Article, name: str, start: int) -> str:
    """A one-word medium ('the Times' at ``start``) is the medium the same article last named in
    full with that last word ('the Los Angeles Times'), or the one it names so further on."""
    if " " in name:
        return name
    full = [m for m in article.entities if m.label == "ORG" and " " in m.text and m.text.split()[-1] == name]
    before = [m.text for m in full if m.end <= start]
    after = [f for i, f in enumerate(m.text for m in full) if not any(_same(f, g.text) for g in full[:i])]
    return _trim(before[-1]) if before else _trim(after[0]) if len(after) == 1 else name


_UNNAMED_MEDIUM = re.compile(rf"\b(?i:an?|another)\s+(?:[\w-]+\s+){{0,2}}{MEDIA_NOUNS}\b")  # 'An Israeli newspaper has revealed'


def _edges(article: Article, own: list[_Hit]) -> list[Citation]:
    """Each medium an article cites. When the first one cited is itself relaying an unnamed medium
    ('An Israeli newspaper has revealed ..., New Khalij has reported'), the media the article names
    later are taken to be reached through it ('via'); otherwise every citation is direct."""
    if not own:
        return []
    order = sorted(own, key=lambda h: h.position)
    direct = order[0].name
    text = {s.id: s.text for s in article.sentences}
    relays = bool(_UNNAMED_MEDIUM.search(text.get(order[0].sentence_id, "")))
    first_sentence: dict[str, str] = {}
    for h in order:
        if not any(_same(h.name, n) for n in first_sentence):  # 'LA Times' after 'Los Angeles Times': cited once
            first_sentence[h.name] = h.sentence_id
    return [Citation(article.id, name, direct if relays and name != direct else None, sid) for name, sid in first_sentence.items()]


MIN_CITING = 2  # articles that must cite a medium before it can be the story's original source ...
MIN_CITING_SHARE = 1 / 3  # ... and this share of the story's articles; set by reading the 6 dev stories that cite someone


_FIRST = re.compile(r"\bfirst (?:reported|revealed|disclosed)\b|\bbroke the (?:news|story)\b|\bwas (?:the )?first to report\b|\bobtained by\b", re.IGNORECASE)  # obtaining the document is breaking the story


def _said_to_be_first(citations: Sequence[Citation], articles: Sequence[Article]) -> set[str]:
    """The media a citing sentence says reported first ('..., first reported by the Harbour
    Times', 'which the Harbour Times first reported') or obtained the document the story is about
    ('the letter, obtained by the Harbour Times')."""
    text = {s.id: s.text for a in articles for s in a.sentences}
    return {c.cites for c in citations if _FIRST.search(text.get(c.sentence_id, ""))}


def _most_cited(cited_by: dict[str, set[str]], cites_someone: set[str], n_articles: int, copies: Mapping[str, str] | None = None) -> str | None:
    """The most cited medium that cites no one (by the independent reports citing it, ``copies``
    of one text being one, then by articles), if ``MIN_CITING`` articles and ``MIN_CITING_SHARE``
    of the story's cite it (else the most cited medium, if it reaches that)."""
    if len(set().union(*cited_by.values())) < MIN_CITING:
        return None

    def cited(m: str) -> tuple[int, int, str]:
        return len({(copies or {}).get(a, a) for a in cited_by[m]}), len(cited_by[m]), m

    roots = [m for m in cited_by if not any(_same(m, x) for x in cites_someone)]
    best = max(roots or list(cited_by), key=cited)
    needed = max(MIN_CITING, math.ceil(MIN_CITING_SHARE * n_articles))  # two of eight articles citing a wire for one detail: not the story's source
    if len(cited_by[best]) < needed:
        best = max(cited_by, key=cited)  # a root cited once loses to a medium cited by more
    return best if len(cited_by[best]) >= needed else None


def _original(citations: list[Citation], articles: Sequence[Article], inherited: Sequence[Citation] = (), credits: Sequence[Citation] = (), copies: Mapping[str, str] | None = None) -> OriginalSource | None:
    """The medium the articles say reported first ('first reported by X'), else the most cited
    medium among those that are not seen citing anyone themselves, if at least
    ``MIN_CITING`` articles and ``MIN_CITING_SHARE`` of the story's articles cite it: one article
    quoting a radio interview or a think tank, or two of many citing a wire for one detail, say
    where those articles got a detail, not where the story comes from. ``inherited`` citations
    (copies of a credited wire report) count towards these, but are not listed as citations. A
    wire whose report (an article its dateline ``credits`` name, or a copy of one) cites another
    medium is seen citing: it is not where the story comes from. Of media cited alike, the one
    more independent reports cite (``copies`` of one text are one report) comes first."""
    wire_of = {c.article_id: c.cites for c in [*credits, *inherited]}
    citations = citations + [c for c in inherited if not any(x.article_id == c.article_id and x.cites == c.cites for x in citations)]
    outlet_of = {a.id: a.outlet or a.id for a in articles}
    cites_someone: set[str] = set()
    cited_by: dict[str, set[str]] = defaultdict(set)
    evidence: dict[str, list[str]] = defaultdict(list)
    for c in citations:
        cites_someone.add(c.via or outlet_of[c.article_id])
        if (wire := wire_of.get(c.article_id)) is not None and not _same(c.cites, wire):
            cites_someone.add(wire)
        cited_by[c.cites].add(c.article_id)
        evidence[c.cites].append(c.sentence_id)
    said_first = _said_to_be_first(citations, articles)  # 'first reported by the Harbour Times': the articles say who broke the story
    best = max(said_first, key=lambda m: (len(cited_by[m]), m)) if said_first else _most_cited(cited_by, cites_someone, len(articles), copies)
    if best is None:
        return None
    article = next((a.id for a in articles if _same(a.outlet, best)), None)
    return OriginalSource(best, article, tuple(sorted(set(evidence[best]))))
