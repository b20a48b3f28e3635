"""Story step 5, timeline: dated events in the text, resolved against publication dates, ordered.

Each DATE mention is resolved against its article's publication date (or, for undated articles,
the story's latest known publication date). Mentions of the same date in sentences of one claim
become one event backed by several outlets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Callable, Collection, Mapping, Sequence

from . import dates
from . import textfeatures as tf
from .models import Article, Mention, Sentence, TimelineEvent

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span

_PRECISION_ORDER = {"year": 0, "month": 1, "week": 2, "day": 3}


def publication_bases(articles: Sequence[Article], stray: Collection[str] = ()) -> dict[str, date | None]:
    """Each article's reference date: its own, else the latest known date of the story's articles
    that are not ``stray``."""
    known = [d for a in articles if a.id not in stray and (d := dates.to_date(a.published))]
    fallback = max(known) if known else None
    return {a.id: dates.to_date(a.published) or fallback for a in articles}


def build_timeline(articles: Sequence[Article], claim_of: Mapping[str, int], bases: Mapping[str, date | None], skip: frozenset[str] = frozenset(), parsed: Mapping[str, "Doc"] | None = None, alike: Callable[[str, str], bool] | None = None) -> list[TimelineEvent]:
    """Dated events of the story; articles in ``skip`` (stray pages) are left out; ``parsed``
    (sentence id -> parse) tells the tense of the verb a date without its year belongs to;
    ``alike`` (two sentence ids) whether two sentences of a date tell one event."""
    groups: dict[tuple, dict] = defaultdict(lambda: {"sids": set(), "outlets": set(), "text": None})
    deeds: dict[str, set[str]] = defaultdict(set)  # sentence id -> the verbs its dates go with
    until = max((d for d in bases.values() if d), default=None)
    dated = {(a.id, s.id): _dated_mentions(a, s, (parsed or {}).get(s.id), bases.get(a.id), until) for a in articles if a.id not in skip for s in a.sentences}
    years = _sure_years([(m, res, sure) for found in dated.values() for m, res, sure in found])
    for a in articles:
        if a.id in skip:
            continue
        current: str | None = None  # the day the article's narrative is at: a clock time alone happens on it
        for s in a.sentences:
            if tf.is_fact_box(s.text) or len(s.text.split()) < MIN_EVENT_WORDS:  # 'Release Date: 2012-03-04 Running Time: 1:45', '2015.'
                continue
            doc = (parsed or {}).get(s.id)
            found = [(m, res if sure else _in_the_story_s_year(m, res, years)) for m, res, sure in dated[(a.id, s.id)]]
            days = [res.iso for _, res in found if res.precision == "day"]
            clock = _clock_time(a.entities, s.start, s.end) if not found and current else None
            if clock is not None and current:  # 'At 10:08 p.m., an officer sounds the alarm.'
                found = [(clock, dates.Resolved(current, "day"))]
            current = days[-1] if days else current
            listed_years = sum(res.precision == "year" for _, res in found) >= YEAR_LIST
            for m, res in found:
                if res.precision == "year" and (listed_years or _title_not_year(a.body, m.start, m.end)) or _anaphoric(a.body[max(0, m.start - 40) : m.start]):
                    continue
                k = (res.iso, res.precision, claim_of.get(s.id, s.id))
                if doc is not None and clock is None and (deed := _deed(doc, m.start - s.start, m.end - s.start)):  # a day read off the narrative dates its deed less surely
                    deeds[s.id].add(deed)
                g = groups[k]
                g["sids"].add(s.id)
                g["outlets"].add(a.outlet or a.id)
                g["text"] = g["text"] or s.text
    events = [TimelineEvent(iso, prec, g["text"], tuple(sorted(g["sids"])), tuple(sorted(g["outlets"]))) for (iso, prec, _), g in groups.items()]  # type: ignore[arg-type]
    events = _one_row_per_event(events, alike, deeds)
    return sorted(events, key=lambda e: (e.date, _PRECISION_ORDER[e.precision], -len(e.outlets), e.sentence_ids))


SAME_EVENT_SHARE = 0.5  # share of the shorter row's content words the other repeats, for two rows of one day to be one event
SAME_EVENT_WORDS = 3  # ... and at least this many
SAME_EVENT_DEEDS = 2  # ... of them words in lower case (what happened; names alone say who, not what)
SAME_EVENT_COS = 0.70  # or two of their sentences, of two articles, this close in meaning: read on the story gold and 8 review clusters (docs/benchmarks.md)


def _one_row_per_event(events: list[TimelineEvent], alike: Callable[[str, str], bool] | None = None, deeds: Mapping[str, set[str]] | None = None) -> list[TimelineEvent]:
    """Rows of one date whose sentences (from claims the grouping kept apart) tell one event in
    words alike ('Trump withdrew from the debate on Tuesday' in four outlets' wordings), more than
    the names they share, that ``alike`` finds close in meaning (two sentences, one from each
    row), or whose dates go with one verb (``deeds``: 'Congress passed the bill on Thursday', 'the
    package passed the House and the Senate on Thursday') become one row, shown by the sentence
    of the most outlets."""
    deeds = deeds or {}
    out: list[TimelineEvent] = []
    kept_words: list[tuple[set[str], set[str]]] = []  # content words and lower-case words of each row of ``out``, read once
    for e in sorted(events, key=lambda e: (-len(e.outlets), e.sentence_ids)):
        words, lower = tf.content_words(e.text), tf.lower_case_words(e.text)
        for k, kept in enumerate(out):
            if (kept.date, kept.precision) != (e.date, e.precision):
                continue
            kw, kl = kept_words[k]
            shared = len(words & kw)
            said_alike = len(tf.content_words(" ".join(lower & kl)))  # what happened, not only who
            worded_alike = shared >= SAME_EVENT_WORDS and said_alike >= SAME_EVENT_DEEDS and shared >= SAME_EVENT_SHARE * min(len(words), len(kw))
            same_deed = any(deeds.get(a, set()) & deeds.get(b, set()) for a in e.sentence_ids for b in kept.sentence_ids)
            if worded_alike or same_deed or (alike is not None and any(alike(a, b) for a in e.sentence_ids for b in kept.sentence_ids)):
                out[k] = replace(kept, sentence_ids=tuple(sorted({*kept.sentence_ids, *e.sentence_ids})), outlets=tuple(sorted({*kept.outlets, *e.outlets})))
                break
        else:
            out.append(e)
            kept_words.append((words, lower))
    return out


_PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night", "day", "weekend"})  # 'Thursday evening': still the date
_LIGHT = frozenset({"be", "have", "do", "make", "take", "get", "go", "come", "begin", "start", "continue", "happen", "occur"})


def _deed(doc: "Doc", start: int, end: int) -> str | None:
    """The verb a date (characters ``start``-``end`` of the sentence) goes with ('passed' in
    'Congress passed the bill on Thursday'), when it says what happened: not a statement (many
    are made on one day) nor a light verb ('was', 'took place')."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    tok = root = span.root
    for _ in range(4):
        if tok.pos_ == "VERB" and tok.dep_ != "amod":
            lemma = tok.lemma_.lower()
            return None if lemma in _STATEMENTS | _LIGHT else lemma
        if (tok.pos_ == "NOUN" and tok.i != root.i and tok.lower_ not in _PARTS_OF_DAY) or tok.head.i == tok.i:
            return None  # 'the passage Thursday of the bill': the date dates a noun
        tok = tok.head
    return None


_TODAY_WORDS = r"this (?:morning|afternoon|evening)|tonight|today"  # the article's own day (``_times_of_today``)
_NOW = re.compile(rf"(?:{_TODAY_WORDS}|yesterday|tomorrow|last night)", re.IGNORECASE)


def _said_now(m: Mention, sentence_start: int, quoted: list[tuple[int, int]]) -> bool:
    """'today' inside a quotation: the day it was said, which the article need not be published on
    ('"What he was saying today," she told the show'), so no day of the timeline."""
    at = m.start - sentence_start
    return bool(_NOW.fullmatch(m.text.strip())) and any(a <= at < b for a, b in quoted)


def _quoted(text: str) -> list[tuple[int, int]]:
    """Quoted spans of a sentence, also where a quotation opened in an earlier sentence ends in it
    ('So much for that, which you said tonight.”') or one opened in it goes on past it."""
    spans = tf.quoted_spans(text)
    opens, closes = text.count("“"), text.count("”")
    if closes > opens or (text.count('"') % 2 and text.rstrip().endswith('"')):
        spans.append((0, max(text.rfind("”"), text.rfind('"'))))
    elif opens > closes:
        spans.append((text.rfind("“"), len(text)))
    return spans


_HABIT = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
_WEEKLY = re.compile(r"(?:on\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days")


def _habitual(body: str, m: Mention) -> bool:
    """'every Sunday', 'on Sundays': what happens again and again, no day of the story."""
    return bool(_HABIT.search(body[max(0, m.start - 12) : m.start])) or bool(_WEEKLY.fullmatch(m.text))


def _after_a_nouns_preposition(span: "Span") -> bool:
    """'the statement on Tuesday', 'the caucuses in January': the date is the object of a
    preposition that belongs to a noun (not a time itself)."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"NOUN", "PROPN"} and head.head.ent_type_ not in {"DATE", "TIME"} and not span.start <= head.head.i < span.end


def _dated_mentions(a: Article, s: Sentence, doc: "Doc | None", base: date | None, until: date | None) -> list[tuple[Mention, dates.Resolved, bool]]:
    """The dates of one sentence, resolved, each with whether its year is sure: written out, or
    the sentence says the date is to come ('set for June 25')."""
    mentions = [m for m in a.entities if m.label == "DATE" and s.start <= m.start < s.end]
    mentions += _weekdays_missed(a.body, s.start, s.end, mentions) + _years_of_events(a.entities, s.start, s.end) + _times_of_today(a.entities, s.start, s.end)
    quoted = _quoted(s.text)
    found = []
    for m in mentions:
        said = _with_shared_year(m, a.body[m.end : s.end])
        if not _habitual(a.body, m) and not _said_now(m, s.start, quoted) and not _BOUND.search(a.body[max(0, m.start - 12) : m.start]) and (res := _resolved(said, a.body, s.start, s.end, doc, base, until)):
            found.append((m, res, bool(_EVENT_YEAR.search(said.text)) or _ahead(a.body, s.start, s.end, m)))
    return found


_SHARED_YEAR = re.compile(rf"^,?\s+(?:and|or|to|through|until|[-–])\s+(?:(?:early|mid|late)-?\s*)?(?:{tf.MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def _with_shared_year(m: Mention, after: str) -> Mention:
    """A month or day written without its year before another that has one ('in August and
    October 2017', 'from March 3 to April 5, 2016'), with that year: one year for both."""
    shared = _SHARED_YEAR.match(after)
    return replace(m, text=f"{m.text} {shared.group(1)}") if shared and _A_MONTH.search(m.text) and not _EVENT_YEAR.search(m.text) else m


_A_MONTH = re.compile(rf"\b(?:{tf.MONTHS})\b", re.IGNORECASE)  # 'Monday and March 3, 2016': a weekday takes no year


_BOUND = re.compile(r"\b(?:before|ahead of|as of)\s+$", re.IGNORECASE)  # 'a deadline to avert a shutdown before Christmas': a bound, not the event's day


def _sure_years(found: Sequence[tuple[Mention, dates.Resolved, bool]]) -> dict[str, set[int]]:
    """Month (and day) of no year ('--06-25') -> the years the story's sure dates give them."""
    years: dict[str, set[int]] = defaultdict(set)
    for _, res, sure in found:
        if sure and res.precision == "day" and res.iso[:4].isdigit():  # a day: 'December 2016' does not make every December that one
            years["-" + res.iso[4:]].add(int(res.iso[:4]))
            years["-" + res.iso[4:7]].add(int(res.iso[:4]))  # June 25, 2013 is in June 2013
    return years


def _in_the_story_s_year(m: Mention, res: dates.Resolved, years: Mapping[str, set[int]]) -> dates.Resolved:
    """One story, one calendar: a month or day written without its year ('in June') is in the
    year the story's other sure mentions of it give ('June 25, 2013', 'set for June 25'), when
    that is one year and next to the one read off the article's day."""
    key = dates.yearless(m.text)
    sure = years.get(key.iso if key else "", set())
    if key is None or len(sure) != 1 or not res.iso[:4].isdigit():
        return res
    year = next(iter(sure))
    return dates.Resolved(dates.in_year(key.iso, year), res.precision) if abs(year - int(res.iso[:4])) == 1 else res


PRESENT_AHEAD_MONTHS = 3  # a month the present tense schedules is near ('takes over in January'); further off it is a historical present


def _resolved(m: Mention, body: str, start: int, end: int, doc: "Doc | None", base: date | None, until: date | None) -> dates.Resolved | None:
    """A date mention resolved against its article's day, the coming one when the sentence says
    so by a future marker, or by a present tense for a weekday or a month at most
    ``PRESENT_AHEAD_MONTHS`` ahead ('A student goes on a rampage ... in April', in a list of past
    shootings, is no coming April)."""
    if _ahead(body, start, end, m):
        return dates.resolve(m.text, base, until, True)
    res = dates.resolve(m.text, base, until)
    if res is None or base is None or not _present_tense(doc, m.start - start, m.end - start):
        return res
    coming = dates.resolve(m.text, base, until, True)
    if coming is not None and coming.precision == "month" and (int(coming.iso[:4]) - base.year) * 12 + int(coming.iso[5:7]) - base.month > PRESENT_AHEAD_MONTHS:
        return res
    return coming


def _ahead(body: str, start: int, end: int, m: Mention) -> bool:
    """Whether the sentence (``start``-``end`` of ``body``) speaks of the date ``m`` as to come."""
    return dates.said_ahead(body[start : m.start], body[m.end : end])


_REPORTING = frozenset({"say", "tell", "report", "add", "state", "write", "announce", "confirm", "note", "claim"})
_STATEMENTS = _REPORTING | frozenset({"tweet", "post", "issue", "release", "comment", "respond"})  # many are made on one day: each is no event of its own


def _present_tense(doc: "Doc | None", start: int, end: int) -> bool:
    """Whether the verb a date belongs to is in the present tense, which news prose uses for what
    is scheduled ('the Congress takes over in January', 'the probe has a second chance on
    Wednesday'); not a reporting verb ('says'), and not the present perfect ('has left')."""
    if doc is None or (span := doc.char_span(start, end, alignment_mode="expand")) is None:
        return False
    if dates.dates_a_thing(span) or _after_a_nouns_preposition(span):  # 'the statement on Tuesday': a noun's date, not what the verb schedules
        return False
    tok = span.root
    for _ in range(8):
        infinitive = tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)  # 'a chance to sail': the tense is the chance's
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ not in {"amod", "aux", "auxpass"} and not infinitive:
            break
        if tok.head is tok:
            return False
        tok = tok.head
    else:
        return False
    if tok.lemma_ in _REPORTING:
        return False
    progressive = tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in tok.children)
    return tok.tag_ in {"VBZ", "VBP"} or progressive


_WEEKDAY = re.compile(r"\b(?:(?:early|late|last|this|on)\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:\s+(?:morning|afternoon|evening|night))?\b")


def _weekdays_missed(body: str, start: int, end: int, found: Sequence[Mention]) -> list[Mention]:
    """Weekdays the NER did not tag as dates ('early Wednesday morning'), as DATE mentions."""
    return [Mention(w.group(0), "DATE", w.start(), w.end()) for w in _WEEKDAY.finditer(body, start, end) if not any(m.start < w.end() and w.start() < m.end for m in found)]


_TODAY = re.compile(rf"\b(?:{_TODAY_WORDS})\b", re.IGNORECASE)


def _times_of_today(entities: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """Times of day the text ties to its own day ('this afternoon', 'tonight'), as DATE mentions
    of 'today': the article's day, not the day its narrative was at ('Biden planned to return to
    the Hill this afternoon', after a sentence about Monday night)."""
    return [Mention("today", "DATE", m.start, m.end) for m in entities if m.label == "TIME" and start <= m.start < end and _TODAY.search(m.text)]


def _clock_time(entities: Sequence[Mention], start: int, end: int) -> Mention | None:
    """The first time of day a sentence (``start``-``end``) gives ('at about 11:20 p.m.'), if any."""
    return next((m for m in entities if m.label == "TIME" and start <= m.start < end and dates.clock_range(m.text) is not None), None)


_EVENT_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")


def _years_of_events(entities: Sequence[Mention], start: int, end: int) -> list[Mention]:
    """The year inside a named event ('the 2009 Super Bowl', 'the 2016 election'), as a DATE mention."""
    out = []
    for m in entities:
        if m.label == "EVENT" and start <= m.start < end and (y := _EVENT_YEAR.search(m.text)):
            out.append(Mention(y.group(0), "DATE", m.start + y.start(), m.start + y.end()))
    return out


MIN_EVENT_WORDS = 4  # a shorter 'sentence' ('2015.') is a fragment, not an event
YEAR_LIST = 3  # bare years in one sentence from which they are a list ('in 2007, 2009 and 2012'), not events


# 'that March', 'the following day': a time told relative to the story's own past, not to publication
_ANAPHORIC = re.compile(r"\b(?:that|the following|the next|the previous|the same)\s+$", re.IGNORECASE)
# ... but the 'that' of 'said that Monday's vote' only introduces what was said
_COMPLEMENTISER = re.compile(r"\b(?:said|says|say|announced|announces|reported|reports|added|adds|noted|notes|confirmed|confirms|stated|states|told \w+|warned|warns|claimed|claims|argued|argues|believe[sd]?|think|thinks|thought|expect(?:s|ed)?|hope[sd]?|insisted|insists|wrote|writes|know|knew|learned|suggested|suggests|showed|shows|found|means?|meant)\s+that\s+$", re.IGNORECASE)


def _anaphoric(before: str) -> bool:
    """The words before a date point back into the story ('that March', 'the following day')."""
    return bool(_ANAPHORIC.search(before)) and not _COMPLEMENTISER.search(before)
_POSSESSIVE = re.compile(r"['’]s\s+$")


def _title_not_year(body: str, start: int, end: int) -> bool:
    """A bare year that names a work rather than a time: "Orwell's 1984", '"1917"', 'Blade Runner
    2049"' (a closing quotation mark right after it); not the year that opens a quotation ('"2017
    was a hard year," she said')."""
    return bool(_POSSESSIVE.search(body[max(0, start - 4) : start])) or body[end : end + 1] in {'"', "”", "’"}


BACKGROUND_DAYS = 90  # an event this long before the story's first article is background to it (a month or two before is the story's own run-up)


def story_start(articles: Sequence[Article]) -> date | None:
    """The first publication date among a story's articles (None when none is dated)."""
    return min((d for a in articles if (d := dates.to_date(a.published))), default=None)


def is_background(event: TimelineEvent, start: date | None) -> bool:
    """An event well before the story's first publication date ``start`` ('the 1999 Columbine
    massacre' in a 2013 story); never when no article is dated."""
    when = _last_day(event.date)
    return start is not None and when is not None and (start - when).days > BACKGROUND_DAYS


def _last_day(iso: str) -> date | None:
    """The last day a timeline date can mean, so that a month or a year counts as background only
    when all of it lies before the window ('2019-01' is not background to a story of 2019-01-20)."""
    days = dates.span(iso, {4: "year", 7: "month"}.get(len(iso), "day"))
    return days[1] if days else None
