"""The cross-source analysis of one story, one numbered step per module.

  1. entities    one canonical list, spelling variants merged            (entities.py)
  2. claims      sentences aligned across articles; consensus/unique     (claims.py)
  3. conflicts   dates, numbers, names, attributions, polarity           (conflicts.py)
  4. provenance  who cited whom; the original source                     (provenance.py)
  5. timeline    dated events resolved against publication dates         (timeline.py)
  6. framing     each outlet's distinctive wording                        (framing.py)
  7. summary     short neutral summary, every sentence cited               (summarize.py)
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import replace
from typing import Callable, Mapping, Sequence

from . import claims as claims_mod
from . import textfeatures as tf
from .conflicts import LEAD_SENTENCES, find_conflicts, quoted_across, states_a_count
from .copies import independent_sources, with_reproductions
from .embed import get_embedder
from .entities import EntityIndex, build_entities, key
from .framing import build_framing
from .metadata import unify_outlets
from .models import Article, Mention, Sentence, Story, StoryEntity, Summary
from .nlp import parse_sentences
from .provenance import find_citations
from .summarize import DEFAULT_WORDS, compress, summarize
from .timeline import SAME_EVENT_COS, build_timeline, publication_bases


def story_id(article_ids: Sequence[str]) -> str:
    """Stable id of a set of articles."""
    return "S" + hashlib.sha256("|".join(sorted(article_ids)).encode()).hexdigest()[:12]


def analyze_story(articles: Sequence[Article], copies: Mapping[str, str] | None = None, summary_words: int = DEFAULT_WORDS) -> Story:
    """Everything newsprism knows across the outlets of one story.

    ``copies`` maps an article id to the id of the article whose text it copies (a wire report
    run by several outlets: ``copies.find_copies``), so that copies count once in a claim's
    support, as do the story's articles that reproduce most of another's text
    (``copies.with_reproductions``); by default every outlet is independent.
    """
    articles = unify_outlets(articles)  # a corpus's articles may come from several runs
    copies = with_reproductions(articles, copies or {})
    independent = independent_sources(articles, copies)
    indep = {a.id: independent.get(a.id) or (a.outlet or a.id) for a in articles}
    n_sources = len(set(indep.values()))
    # 1. entities
    index = build_entities(articles)
    # 2. claims
    units = claims_mod.build_units(articles, index)
    embedder = get_embedder()
    embedder.prefetch([u.sentence.text for u in units])  # on the other cores while the parser runs
    # 3. conflicts (the parser runs only on the sentences that can hold one: leads and dated
    # sentences now, sentences of multi-outlet claims once the claims are known)
    parsed = _parse(articles, lambda a, i, s: i < LEAD_SENTENCES or _has_dated_mention(a, s.start, s.end) or states_a_count(s.text))
    sim, cos = claims_mod.similarity(units, embedder)
    groups = claims_mod.align(units, sim)
    claims, alignment = claims_mod.claims_from(units, sim, cos, groups, indep, n_sources)
    bases = publication_bases(articles)
    stray = claims_mod.stray_articles(alignment, bases)
    bases = publication_bases(articles, stray)  # a stray page's date is no day for the story's undated articles
    if (n_topic := len({indep[a.id] for a in articles if a.id not in stray})) < n_sources:  # support is counted among the outlets on topic
        n_sources = n_topic
        claims = [replace(c, kind=claims_mod.claim_kind(c.support, n_sources, c.kind == "single")) for c in claims]
    multi = _in_multi_outlet_claims(alignment)
    quoted = quoted_across(articles)  # a quotation two outlets print: whose words are they?
    parsed |= _parse(articles, lambda a, i, s: (s.id in multi or s.id in quoted) and s.id not in parsed)
    conflicts = find_conflicts(articles, alignment, parsed, bases)
    claims = claims_mod.without_conflicting(claims, conflicts, articles, indep, n_sources)
    # 4. provenance
    labels = {key(v.form): (e.label, sum(x.count for x in e.variants), e.name) for e in index.entities for v in e.variants}
    citations, original = find_citations(articles, labels, copies)
    # 5. timeline
    parsed |= _parse(articles, lambda a, i, s: s.id not in parsed and _has_undated_day(a, s.start, s.end))  # their verbs' tense places them
    timeline = build_timeline(articles, alignment.claim_of(), bases, skip=frozenset(stray), parsed=parsed, alike=_close_in_meaning(alignment))
    # 6. framing
    framing = build_framing(articles, index.entities)
    # 7. summary
    summary = summarize(articles, alignment, conflicts, words=summary_words, stray=stray)
    return Story(
        id=story_id([a.id for a in articles]),
        title=_title(articles, original.article_id if original else None, stray, summary),
        article_ids=tuple(a.id for a in articles),
        outlets=tuple(sorted({a.outlet or a.id for a in articles})),
        claims=tuple(claims),
        conflicts=tuple(conflicts),
        entities=_named_on_topic(index, stray),
        citations=tuple(citations),
        original_source=original,
        timeline=tuple(timeline),
        framing=tuple(framing),
        summary=summary,
        stray_articles=stray,
        copies=copy_groups(articles, copies or {}),
        sources=n_sources,
    )


def _named_on_topic(index: EntityIndex, stray: Sequence[str]) -> tuple[StoryEntity, ...]:
    """The story's entities less those only its stray articles name (another event filed with the
    story, a page's appended story): they are not who or what the story is about."""
    named = {eid for (aid, _), eid in index.by_mention.items() if aid not in stray}
    return tuple(e for e in index.entities if e.id in named)


def copy_groups(articles: Sequence[Article], copies: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
    """The story's articles that carry one text, in groups of two or more: the article copied
    first (when it is in the story), then its copies in the story's order."""
    groups: dict[str, list[str]] = {}
    for a in articles:  # in the story's order
        groups.setdefault(copies.get(a.id, a.id), []).append(a.id)
    return tuple(tuple(sorted(g, key=lambda i: i != root)) for root, g in groups.items() if len(g) > 1)  # stable: the copies keep their order


def _close_in_meaning(alignment: claims_mod.Alignment) -> Callable[[str, str], bool]:
    """Whether two aligned sentences of two articles are ``SAME_EVENT_COS`` close in meaning (the
    claims' cosine), for the timeline's rows of one event."""
    at = {u.sentence.id: i for i, u in enumerate(alignment.units)}

    def close(a: str, b: str) -> bool:
        return a in at and b in at and alignment.units[at[a]].article_id != alignment.units[at[b]].article_id and alignment.cos[at[a], at[b]] >= SAME_EVENT_COS

    return close


def _in_multi_outlet_claims(alignment: claims_mod.Alignment) -> set[str]:
    return {alignment.units[i].sentence.id for g in alignment.groups if len({alignment.units[i].outlet for i in g}) > 1 for i in g}


def _parse(articles: Sequence[Article], wanted_if: Callable[[Article, int, Sentence], bool]) -> dict[str, object]:
    """Dependency parses of the sentences ``wanted_if(article, index, sentence)`` picks."""
    wanted = [(s, a) for a in articles for i, s in enumerate(a.sentences) if wanted_if(a, i, s)]
    mentions = [[Mention(m.text, m.label, m.start - s.start, m.end - s.start) for m in a.entities if s.start <= m.start and m.end <= s.end] for s, a in wanted]
    return dict(zip([s.id for s, _ in wanted], parse_sentences([s.text for s, _ in wanted], mentions), strict=True))


def _has_undated_day(article: Article, start: int, end: int) -> bool:
    """A weekday or a month named without its year ('on Wednesday', 'in January'): the past one
    or the coming one, which the verb's tense tells."""
    return any(m.label in {"DATE", "TIME"} and start <= m.start < end and _UNDATED.search(m.text) and not re.search(r"\d{4}", m.text) for m in article.entities)  # 'Thursday evening' is a TIME


_UNDATED = re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b")


def _has_dated_mention(article: Article, start: int, end: int) -> bool:
    return any(m.label in {"DATE", "TIME"} and start <= m.start < end and re.search(r"\d|noon|midnight", m.text) for m in article.entities)


def _title(articles: Sequence[Article], original_id: str | None, stray: Sequence[str] = (), summary: Summary | None = None) -> str:
    """The story's title: a headline of an article that is not stray and that shares two content
    words with the rest of the story (the other articles and the summary's opening; its own text
    for a one-article story), the original source's first; without one that reads as a headline,
    the summary's opening sentence."""
    ordered = sorted(articles, key=lambda a: (a.id in stray, a.id != original_id))  # the original source first, stray pages last
    leads = [next((s.text for s in a.sentences if not tf.is_dateline_stub(s.text)), None) for a in ordered]
    opening = next((s.text for s in summary.sentences if s.sentence_id), None) if summary else None
    words = {a.id: tf.content_words(a.body) for a in articles if a.id not in stray}
    df = Counter(w for ws in words.values() for w in ws)  # in how many of the story's pages each word stands
    opening_words = tf.content_words(opening) if opening else set()

    def about_the_story(a: Article) -> bool:  # shares two content words with the rest of the story
        own = words[a.id]
        if len(words) == 1:
            return len(tf.content_words(a.headline or "") & own) >= 2
        return sum(w in opening_words or df[w] > (w in own) for w in tf.content_words(a.headline or "")) >= 2

    heads = [a.headline if a.id in words and about_the_story(a) else None for a in ordered]
    return story_title(heads, [opening] + leads if opening else leads)


TITLE_WORDS = 14


def story_title(headlines: Sequence[str | None], leads: Sequence[str | None]) -> str:
    """The first headline that reads as one (``is_title``); without one, the start of the first
    lead sentence ('A bus carrying tourists crashed into a ravine near Lakeside on Tuesday,
    killing 12…')."""
    heads = [_STAMP.sub("", h) for h in headlines if h]
    headline = next((h for h in heads if is_title(h)), None)
    if headline:
        return headline
    lead = next((x for x in leads if x and not tf.is_dateline_stub(x.strip())), None)  # not 'Lakeside, Virginia (CNN)' alone
    if not lead:
        return "Untitled story"
    lead = compress(lead)  # no wire dateline: 'COLUMBIA, S.C. - The deputy...' -> 'The deputy...'
    words = lead.split()
    return lead if len(words) <= TITLE_WORDS else " ".join(words[:TITLE_WORDS]).rstrip(",;:") + "…"


TITLE_MIN_WORDS = 4
_STAMP = re.compile(r"\s+(?:Posted|Updated|Published|Last updated)\s*:\s.*$")  # 'Headline Posted: Wednesday, June 27, 2012 1:32 PM'
_PERSON_ID = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}, \d{1,3},")  # 'Jane Roe, 32, of Lakeside': a caption's name line
_CREDIT = re.compile(r"^(?:Directed|Written|Produced|Photographed|Edited|Reviewed|Compiled) by\b")  # a review's credits
_LIST_ITEM = re.compile(r"^\(?\d{1,2}[.)]\s")  # '2. Jane Roe': an item of a list
_WIDGET_WORD = re.compile(r"^(?:CLOSE|WATCH|VIDEO|PHOTOS?|LIVE|UPDATE|BREAKING)\b")  # a player's or a feed's label run into the line


def is_title(line: str) -> bool:
    """A line that can title a story: not a wire dateline alone ('Lakeside, Virginia (CNN)'), a
    place or a label ('Gazette News, Lakeside', 'THE TOWN HALL'), an item of a list, a line a menu
    or a player left ('LAKESIDE |', 'CLOSE Jane Roe was...'), a caption's name line ('Jane Roe,
    32, of Lakeside'), nor a review's credits ('Directed by Jane Roe'). (Interface text never
    reaches here: the cleaner sets it aside.)"""
    text = line.strip()
    return (
        len(tf.words(text)) >= TITLE_MIN_WORDS
        and not tf.is_dateline_stub(text)
        and not text.endswith(("|", ":", "/"))
        and not tf.in_capitals(text)
        and not _LIST_ITEM.match(text)
        and not _WIDGET_WORD.match(text)
        and not _PERSON_ID.match(text)
        and not _CREDIT.match(text)
    )


