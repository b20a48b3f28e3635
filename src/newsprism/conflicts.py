"""Story step 3, conflicts: where the outlets' accounts differ, typed and explained.

- ``date``: the same event (same verb, a shared topic noun, e.g. 'the ceasefire ... announced')
  given different calendar dates by different outlets, anywhere in the story;
- ``number``: inside one aligned claim, different counts of the same thing ('12 dead' / '15 dead'),
  sizes of one thing ('a 4-year-old boy' / 'a 3-year-old boy'), or sums, measures and
  percentages of the same thing among the sentences that state the claim ('a net worth of $4.5bn'
  / '$2.1 billion'); anywhere in the story, the death toll and one deed's count ('2,000 people
  signed a petition' / 'almost 300,000 people had signed a petition');
- ``name``: inside one near-identical claim, different people in the same role, or one surname
  with two first names;
- ``attribution``: inside one claim, sources with the same noun but another qualifier
  ('Western diplomats' / 'Russian diplomats');
- ``polarity``: inside one near-identical claim, the same main verb negated by one outlet only, or
  a verb negated in one quotation of a remark only;
- ``quote``: inside one claim, one remark quoted in other words ('colon' / 'colorectal');
- ``attribution`` of a quotation: the same quoted words put in two different people's mouths.
Two years written out ('since 2002' / 'since 2003') are compared between near-identical sentences.
Only claims stated by 2+ outlets are compared, and only values that the parser ties to the same
slot, to keep false alarms down.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from rapidfuzz.fuzz import ratio

from . import dates
from .dates import CLOCK, clock_range, dates_a_thing
from .entities import TITLES, initials, key, same_given_name
from .claims import Alignment
from .models import Article, Conflict, ConflictValue
from .textfeatures import MONTHS, content_words, plain, quoted_spans, unaccented
from .textfeatures import quotations as tf_quotations

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

REPORTING = frozenset({"say", "tell", "report", "add", "state", "write", "reveal", "claim", "note", "cite", "quote"})
NEAR_IDENTICAL = 0.72  # embedding cosine above which two sentences make the same statement; swept 0.65-0.85
MAX_DATE_GAP_DAYS = 31  # dates further apart are different events, not a disagreement
NO_YEAR = 2000  # a leap year, where dates written without a year are compared with each other
NUMBER_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24})
_SCALE = {"dozen": 12, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "m": 1e6, "bn": 1e9, "k": 1e3}


@dataclass(frozen=True)
class _Obs:
    """One value observed in one sentence."""

    slot: str
    value: str
    surface: str
    sentence_id: str
    outlet: str
    label: str = ""  # how a person would name the slot, when that differs from the key ('the number of civilians')


LEAD_SENTENCES = 3  # where an article says who its sources are for the story as a whole


def find_conflicts(articles: Sequence[Article], alignment: Alignment, parsed: dict[str, "Doc"], bases: dict[str, date | None]) -> list[Conflict]:
    """All conflicts of a story; ``parsed`` maps sentence id -> parsed sentence."""
    outlet = {a.id: a.outlet or a.id for a in articles}
    texts = {s.id: s.text for a in articles for s in a.sentences}
    found: list[tuple[str, str, list[_Obs]]] = []
    found += _date_conflicts(parsed, outlet, bases)
    found += _time_conflicts(parsed, outlet)
    leads = {s.id: parsed[s.id] for a in articles for s in a.sentences[:LEAD_SENTENCES] if s.id in parsed}
    found += _slot_conflicts("attribution", _sources(leads, outlet))
    found += _slot_conflicts("number", _numbers(leads, outlet, with_verb=True))
    found += _slot_conflicts("number", _casualties(parsed, outlet))  # a story has one death toll, wherever it is stated
    found += _slot_conflicts("number", _numbers(parsed, outlet, with_partner=True))  # one deed's count anywhere: '2,000 people signed a petition' / 'almost 300,000 have signed'
    for k, group in enumerate(alignment.groups):
        ids = [alignment.units[i].sentence.id for i in group]
        if len({outlet[s.split(":")[0]] for s in ids}) < 2:
            continue
        docs = {s: parsed[s] for s in ids if s in parsed}
        stating = {alignment.units[i].sentence.id for i in alignment.counted(k)}
        found += _slot_conflicts("number", _numbers(docs, outlet))
        found += _slot_conflicts("number", _sizes(docs, outlet))
        found += _slot_conflicts("number", _measures({s: d for s, d in docs.items() if s in stating}, outlet))  # sums and measures of the members that state the claim
        found += _slot_conflicts("number", _casualties(docs, outlet))
        found += _slot_conflicts("attribution", _sources(docs, outlet))
        close = _near_identical_pairs(alignment, group, docs)
        found += _name_conflicts(docs, outlet, close)
        found += _organisation_conflicts(docs, outlet)
        found += _place_conflicts(docs, outlet, close, _cross_pairs(docs), texts)
        found += _count_left_over(docs, outlet, close)
        found += _polarity_conflicts(docs, outlet, close)
        found += _wording_conflicts(docs, outlet)
        found += _claim_date_conflicts(docs, outlet, bases, close)
        found += _namesake_conflicts(docs, outlet, close)
    found += _quote_conflicts(parsed, outlet)
    figures = {a.id: figures_in(a.body) for a in articles} if any(typ == "number" for typ, _, _ in found) else {}  # read only when needed
    sizes = {a.id: sizes_in(a.body) for a in articles} if any(about.startswith(_SIZE_SLOTS) for _, about, _ in found) else {}
    earlier = told_earlier(articles) if figures else {}
    found = [f for f in (_unless_known(f, sizes if f[1].startswith(_SIZE_SLOTS) else figures, earlier) for f in found) if f is not None]
    unique: dict[tuple, tuple[str, str, list[_Obs]]] = {}
    # the same disagreement seen in a claim and in the leads, or as '12 people' within the death
    # toll: keep the fuller of two where one holds the other, of equals a casualty count, else the first
    for typ, about, obs in sorted(found, key=lambda f: (-len({(o.value, o.sentence_id) for o in f[2]}), f[1] not in _CASUALTIES)):
        seen = frozenset((o.value, o.sentence_id) for o in obs)
        if not any(t == typ and seen <= k for t, k in unique):
            unique[(typ, seen)] = (typ, about, obs)
    published = {a.id: a.published or "" for a in articles}
    return [_as_told(_as_running_total(_conflict(n, typ, about, obs, published), texts), earlier, texts) for n, (typ, about, obs) in enumerate(unique.values(), 1)]


def _conflict(n: int, typ: str, about: str, obs: list[_Obs], published: dict[str, str]) -> Conflict:
    by_value: dict[str, list[_Obs]] = defaultdict(list)
    for o in obs:
        by_value[o.value].append(o)
    values = tuple(
        ConflictValue(v, tuple(sorted({o.sentence_id for o in os})), tuple(sorted({o.outlet for o in os})), tuple(sorted({o.surface for o in os})))
        for v, os in sorted(by_value.items())
    )
    verdict, why = _verdict(typ, values, published)
    return Conflict(f"X{n}", typ, _slot_label(obs, about), values, verdict, why)  # type: ignore[arg-type]


def _slot_label(obs: Sequence[_Obs], about: str) -> str:
    """How a reader would name a conflict's slot: its observations' most used label, else its key."""
    label = Counter(o.label for o in obs if o.label).most_common(1)
    return label[0][0] if label else about


def _verdict(typ: str, values: Sequence[ConflictValue], published: dict[str, str]) -> tuple[str, str]:
    """'update' when a figure's reports all came out before those of the next figure (a toll that
    rose during the day: the later report revises the earlier one), or a date's, while that date
    was still to come (a launch put off), else 'dispute'; with the reason in words."""
    def shown(v: ConflictValue, when: str = "") -> str:  # 'five people (BBC, 2024-03-01 08:10)'
        return f"{v.surface[0] if v.surface else v.value} ({', '.join(v.outlets)}{', ' + when if when else ''})"

    times = {v.value: sorted(published.get(s.rsplit(":", 1)[0], "") for s in v.sentence_ids) for v in values}
    if typ in {"number", "date"} and all(t and t[0] for t in times.values()):
        cut = 10 if any(len(t) <= 10 for ts in times.values() for t in ts) else 16  # compare days unless every report has a time
        spans = {v: (ts[0][:cut], ts[-1][:cut]) for v, ts in times.items()}
        order = sorted(values, key=lambda v: spans[v.value])
        in_turn = all(spans[a.value][1] < spans[b.value][0] for a, b in zip(order, order[1:]))
        # a date changes only while it is to come: a launch moved from January to February
        to_come = typ == "number" or order[0].value[:7] >= spans[order[0].value][1][:7]
        if in_turn and to_come:
            return "update", "first reported " + ", later ".join(shown(v, spans[v.value][0].replace("T", " ")) for v in order)
    listed = " and ".join(shown(v) for v in values)
    return "dispute", f"{listed} cannot {'both' if len(values) == 2 else 'all'} be right{' at the same time' if typ == 'number' else ''}"


def published_days(conflict: Conflict, articles: Sequence[Article]) -> dict[str, str]:
    """Figure -> the publication days of the articles that give it ('2017-09-07, 2017-09-08'), when
    a number conflict's values come from articles published on different days: the figure may
    have been revised since, not disputed, and the reader should see which came later. Empty
    otherwise (and for dates, names and attributions, which a later day does not revise)."""
    if conflict.type != "number":
        return {}
    day = {a.id: (a.published or "")[:10] for a in articles}
    days = {v.value: sorted({day.get(s.rsplit(":", 1)[0], "") for s in v.sentence_ids} - {""}) for v in conflict.values}
    if any(not d for d in days.values()) or len({tuple(d) for d in days.values()}) < 2:
        return {}
    return {v: ", ".join(d) for v, d in days.items()}


def _slot_conflicts(typ: str, obs: Iterable[_Obs]) -> list[tuple[str, str, list[_Obs]]]:
    """Group observations by slot; a slot whose outlets give different values is a conflict."""
    by_slot: dict[str, list[_Obs]] = defaultdict(list)
    for o in obs:
        by_slot[o.slot].append(o)
    out = []
    for slot, os in by_slot.items():
        # an article giving two values is speaking of two things: its first (in its lead, most
        # often) is its figure for the story. An outlet's two articles may give two: a figure revised
        first: dict[str, _Obs] = {}
        for o in sorted(os, key=_place_in_story):
            first.setdefault(_place_in_story(o)[0], o)
        consistent = [o for o in os if o.value == first[_place_in_story(o)[0]].value]
        if len({o.value for o in consistent}) > 1:
            out.append((typ, slot, consistent))
    return out


def _place_in_story(o: _Obs) -> tuple[str, int]:
    """(article id, sentence index) of an observation."""
    article, index = o.sentence_id.rsplit(":", 1)
    return article, int(index)


# -- dates -------------------------------------------------------------------------------------


def _date_conflicts(parsed: dict[str, "Doc"], outlet: dict[str, str], bases: dict[str, date | None]) -> list[tuple[str, str, list[_Obs]]]:
    events = []
    for sid, doc in parsed.items():
        aid = sid.split(":")[0]
        for ent in doc.ents:
            if ent.label_ != "DATE" or not re.search(r"\d", ent.text) or dates_a_thing(ent) or _cut_off(doc, ent):
                continue
            res = dates.resolve(ent.text, bases.get(aid))
            verb = _governing_verb(ent)
            if res is None or res.precision != "day" or verb is None or verb.lemma_ in REPORTING:
                continue
            events.append((verb, _topic_nouns(verb, ent), _Obs("", res.iso, ent.text, sid, outlet[aid])))
    out = []
    for group in _same_event_groups(events):
        obs = [e[2] for e in group]
        days = sorted(date.fromisoformat(o.value) for o in obs)
        if (days[-1] - days[0]).days > MAX_DATE_GAP_DAYS:
            continue
        verb = group[0][0]
        noun = sorted(set.intersection(*[e[1] for e in group]) or group[0][1])[0]
        about = f"when the {noun} was {verb.text.lower() if verb.tag_ in {'VBD', 'VBN'} else verb.lemma_}"
        out += _slot_conflicts("date", [_Obs(about, o.value, o.surface, o.sentence_id, o.outlet) for o in obs])
    return out


def _claim_date_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str], bases: dict[str, date | None], close: Sequence[tuple[str, str]] = ()) -> list[tuple[str, str, list[_Obs]]]:
    """Inside one claim (sentences already aligned as one fact), dates that cannot both hold:
    'lifts off for the first time in late January' / 'blasts off Tuesday' (February 6), where
    the verbs differ. Only sentences with one date each; a month holds its days, dates more than
    ``MAX_DATE_GAP_DAYS`` apart are two events, and two dates told relative to their articles'
    days ('Friday', 'today') are not compared (a day's doubt is in the resolving itself). A year
    alone is too coarse for that; two years written out are compared only between the
    near-identical sentences ``close`` ('has led the party since 2002' / '... since 2003')."""
    obs: list[tuple[_Obs, tuple[date, date], "Token | None", bool]] = []
    years: dict[str, tuple[_Obs, "Span"]] = {}  # sentence -> its one year written out, and its entity
    by_verb: dict[str, dict[str, tuple[_Obs, tuple[date, date], "Token", bool]]] = {}  # sentence of several dates -> verb lemma -> its one date
    for sid, doc in docs.items():
        aid = sid.split(":")[0]
        found, yearly = [], []
        for ent in doc.ents:
            if ent.label_ != "DATE" or ent.text.lower() in _NOWADAYS or dates_a_thing(ent) or _ALTERNATIVE.search(doc.text[max(0, ent.start_char - 20) : ent.start_char]) or _cut_off(doc, ent):
                continue
            ahead = dates.said_ahead(doc.text[: ent.start_char], doc.text[ent.end_char :])
            res = dates.resolve(ent.text, bases.get(aid), ahead=ahead) or (dates.yearless(ent.text) if bases.get(aid) is None else None)
            if res is None or (span := dates.span(dates.in_year(res.iso, NO_YEAR), res.precision)) is None:
                continue
            (yearly if res.precision == "year" else found).append((ent, res, span))
        if len(found) == 1:
            ent, res, span = found[0]
            obs.append((_Obs("", res.iso, ent.text, sid, outlet[aid]), span, _governing_verb(ent), bool(_CALENDAR.search(ent.text))))
        elif len(found) > 1:
            by_verb[sid] = _dates_by_verb(found, sid, outlet[aid])
        elif not found and len(yearly) == 1 and _YEAR.fullmatch(yearly[0][0].text.lower()):
            years[sid] = (_Obs("", yearly[0][1].iso, yearly[0][0].text, sid, outlet[aid]), yearly[0][0])
    out: list[tuple[str, str, list[_Obs]]] = []
    for a, b in close:
        if a in years and b in years and years[a][0].value != years[b][0].value and years[a][0].outlet != years[b][0].outlet:
            ent = years[a][1]
            verb = _governing_verb(ent)
            since = docs[a].text[: ent.start_char].rstrip().lower().endswith("since") or ent.text.lower().startswith("since")
            what = _event_phrase(verb) if verb is not None and verb.lemma_ not in REPORTING else "it happened"
            about = f"{'since when' if since else 'in which year'} {what}"
            out += _slot_conflicts("date", [replace(years[a][0], slot=about), replace(years[b][0], slot=about)])

    def clash(a: tuple, b: tuple) -> bool:
        a, b = _in_year_of(a, b, months=False), _in_year_of(b, a, months=False)
        apart = a[1][1] < b[1][0] or b[1][1] < a[1][0]
        gap = max((b[1][0] - a[1][1]).days, (a[1][0] - b[1][1]).days)
        return a[0].outlet != b[0].outlet and apart and (a[3] or b[3]) and gap <= MAX_DATE_GAP_DAYS

    single = {o[0].sentence_id: {o[2].lemma_: o} for o in obs if o[2] is not None and o[2].lemma_ not in _COPULAS}
    for a, b in _cross_pairs({sid: docs[sid] for sid in by_verb.keys() | single.keys()}):
        if a not in by_verb and b not in by_verb:
            continue  # two sentences of one date each: compared below, verbs or not
        va_all, vb_all = by_verb[a] if a in by_verb else single[a], by_verb[b] if b in by_verb else single[b]  # a sentence's several dates by verb, or its one date ('wrote in April' / 'who died in May, wrote in April')
        for lemma in sorted(va_all.keys() & vb_all.keys()):
            va, vb = va_all[lemma], vb_all[lemma]
            if clash(_in_year_of(va, vb), _in_year_of(vb, va)):
                about = f"when {_event_phrase(va[2])}"
                out += _slot_conflicts("date", [replace(va[0], slot=about), replace(vb[0], slot=about)])
    kept = [a for a in obs if any(clash(a, b) for b in obs)]
    if not kept:
        return out
    verb = next((v for _, _, v, _ in sorted(kept, key=lambda o: _place_in_story(o[0])) if v is not None and v.lemma_ not in REPORTING | _COPULAS), None)
    about = f"when {_event_phrase(verb)}" if verb is not None else "when it happened"
    return out + _slot_conflicts("date", [replace(o, slot=about) for o, _, _, _ in kept])


def _dates_by_verb(found: list, sid: str, outlet: str) -> dict[str, tuple[_Obs, tuple[date, date], "Token", bool]]:
    """Of a sentence's several dates ((entity, resolved, span) each), those of an event verb that
    has no other: 'who died in December, wrote in April' -> {'die': December, 'write': April}."""
    verbs: dict[str, list] = defaultdict(list)
    for ent, res, span in found:
        verb = _governing_verb(ent)
        if verb is not None and verb.lemma_ not in _COPULAS:  # 'wrote a letter in April' is an event
            verbs[verb.lemma_].append((_Obs("", res.iso, ent.text, sid, outlet), span, verb, bool(_CALENDAR.search(ent.text))))
    return {lemma: got[0] for lemma, got in verbs.items() if len(got) == 1}


def _in_year_of(a: tuple, b: tuple, months: bool = True) -> tuple:
    """``a`` with a month written without its year ('in April') read in the year ``b`` gives
    ('in May 2012'): of one fact, only the months can differ. A date of no year ('--04', its
    article's day unknown) is read so too, or kept in ``NO_YEAR`` beside another of no year;
    ``months=False``: only dates of no year are moved."""
    o, (first, last) = a[0], a[1]
    if o.value.startswith("--"):
        if b[0].value.startswith("--") or b[1][0].year != b[1][1].year:
            return a
        moved = dates.span(dates.in_year(o.value, b[1][0].year), "day" if len(o.value) == 7 else "month")
        return (o, moved or (first, last), *a[2:])
    if not months or len(o.value) != 7 or _WRITTEN_YEAR.search(o.surface) or b[1][0].year != b[1][1].year:
        return a
    moved = dates.span(f"{b[1][0].year:04d}-{o.value[5:7]}", "month")
    return (o, moved or (first, last), *a[2:])


_WRITTEN_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_YEAR = re.compile(r"(?:(?:in|since|from|until|by)\s+)?(?:1[89]|20)\d\d")  # a year written out, not 'the 1990s' or 'last year'
_COPULAS = frozenset({"be", "become", "have", "remain", "seem"})  # 'it will be the largest' names no event
_ALTERNATIVE = re.compile(r"\b(?:or|between|either)\s+(?:\w+\s+)?$", re.IGNORECASE)  # 'in either July or [August of 2018]'
_TO_A_DAY = r"\b(?:through|thru|as of|until|till|up to)\s+(?:the end of\s+)?"  # 'through July', 'as of August 2016': how far a running total goes
_CUT_OFF_BEFORE = re.compile(_TO_A_DAY + r"$", re.IGNORECASE)
_CUT_OFF = re.compile(rf"{_TO_A_DAY}((?:{MONTHS})\.?(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{4}})\b", re.IGNORECASE)


def _cut_off(doc: "Doc", ent: "Span") -> bool:
    """'through July', 'as of August 2016': how far a running total goes, no event's day."""
    return bool(_CUT_OFF_BEFORE.search(doc.text[max(0, ent.start_char - 20) : ent.start_char]) or re.match(_TO_A_DAY, ent.text, re.IGNORECASE))


def _as_running_total(c: Conflict, texts: dict[str, str]) -> Conflict:
    """A count each of whose figures is told up to another day ('32 cases through July' / '50
    cases as of August 2016') is a running total that grew, not a dispute: an update in the
    order of those days."""
    if c.type != "number":
        return c
    if not all(_cut_off_month(_CUT_OFF.search(texts.get(s, ""))) for v in c.values for s in v.sentence_ids):
        return c  # every sentence of every figure tells its day
    cut = {v.value: _CUT_OFF.search(texts[v.sentence_ids[0]]) for v in c.values}
    days = {value: _cut_off_month(m) for value, m in cut.items()}
    year = next((y for y, _ in days.values() if y), 0)  # type: ignore[misc]

    def when(v: ConflictValue) -> tuple[int, int]:
        y, month = days[v.value]  # type: ignore[misc]
        return (y or year, month)

    order = sorted(c.values, key=when)
    if len({when(v) for v in order}) != len(order):
        return c
    said = [f"{v.surface[0] if v.surface else v.value} ({', '.join(v.outlets)}, {cut[v.value].group(0).strip()})" for v in order]  # type: ignore[union-attr]
    return replace(c, verdict="update", why="a running total: first " + ", later ".join(said))


def _cut_off_month(m: "re.Match[str] | None") -> tuple[int | None, int] | None:
    """(year or None, month) of the day a total is told up to ('through July' -> (None, 7))."""
    if not m or not (month := re.match(rf"(?:{MONTHS})", m.group(1), re.IGNORECASE)):
        return None
    year = re.search(r"\d{4}", m.group(1))
    return (int(year.group(0)) if year else None, dates.month_number(month.group(0)))
_NOWADAYS = frozenset({"today", "now", "these days"})  # 'the most powerful rocket in use today': the present, not a day
_CALENDAR = re.compile(rf"\d|\b(?:{MONTHS})", re.IGNORECASE)  # a date written on the calendar, not relative to the article's day


def _time_conflicts(parsed: dict[str, "Doc"], outlet: dict[str, str]) -> list[tuple[str, str, list[_Obs]]]:
    """One event (same verb, a shared topic noun) given times of day that cannot both hold:
    'shortly before noon' and 'about 11:20 a.m.' (not 'around 6:10 a.m.' and 'about 6am')."""
    events = []
    for sid, doc in parsed.items():
        for ent in doc.ents:
            window = doc[max(ent.start - 3, 0) : ent.end].text  # the hedge may stand outside the entity: 'shortly before [noon]'
            verb = _governing_verb(ent)
            if ent.label_ != "TIME" or verb is None or verb.lemma_ in REPORTING or dates_a_thing(ent) or (span := clock_range(window)) is None:
                continue
            said = CLOCK.search(window).group(0).strip()  # type: ignore[union-attr]
            events.append((verb, _topic_nouns(verb, ent), _Obs("", said, said, sid, outlet[sid.split(":")[0]]), span))
    out = []
    for group in _same_event_groups(events):
        if not _outlets_clash([(e[2].outlet, e[3]) for e in group]):
            continue
        about = f"what time {_event_phrase(group[0][0])}"
        out += _slot_conflicts("time", [replace(e[2], slot=about) for e in group])
    return out


def _event_phrase(verb: "Token") -> str:
    """'firefighters reached the warehouse roof', from the verb, its subject and its object (no time, no place)."""
    subj, obj = _arguments(verb)
    if subj is None and verb.dep_ == "acl" and verb.tag_ in {"VBN", "VBD"}:  # 'a BuzzFeed article posted Oct. 30': the article was posted
        return f"{_phrase(verb.head)} was {verb.text}"
    subject = _phrase(subj) if subj is not None else "it"
    if subj is not None and subj.left_edge.is_sent_start and subj.left_edge.pos_ != "PROPN":
        subject = subject[:1].lower() + subject[1:]  # 'Firefighters reached...' -> 'what time firefighters reached'
    aux = " ".join(c.text for c in verb.children if c.dep_ in {"aux", "auxpass"} and c.i < verb.i and c.lower_ != "to")  # 'will sail', 'was hit'
    particle = " ".join(c.text for c in verb.children if c.dep_ == "prt")  # 'lifts off', not 'lifts'
    words = [subject, aux, verb.text, particle, _phrase(obj) if obj is not None else ""]
    return " ".join(w for w in words if w)


def _arguments(verb: "Token") -> tuple["Token | None", "Token | None"]:
    """(subject, direct object) of a verb, either None."""
    parts = {c.dep_: c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}}
    return parts.get("nsubj") or parts.get("nsubjpass"), parts.get("dobj")


def _phrase(head: "Token") -> str:
    """The words a token heads, without its clauses, appositions and places: 'this bill' for
    'bill', 'a lengthy letter' for 'a lengthy letter to the patriarch, who ...', 'the roof of the
    warehouse' (an 'of' phrase is kept)."""
    words = sorted(_phrase_words(head), key=lambda t: t.i)
    return "".join(t.text_with_ws for t in words[:-1]) + words[-1].text


_ASIDE = frozenset({"relcl", "appos", "acl", "advcl", "punct", "cc", "conj", "parataxis", "npadvmod"})


def _phrase_words(head: "Token") -> list["Token"]:
    out = [head]
    for c in head.children:
        if c.dep_ not in _ASIDE and not (c.dep_ == "prep" and c.lower_ != "of"):
            out += _phrase_words(c)
    return out


def _same_event_groups(events: list) -> list[list]:
    """Connected groups of dated mentions that share the verb and a topic noun."""
    groups: list[list] = []
    for ev in events:
        hits = [g for g in groups if any(e[0].lemma_ == ev[0].lemma_ and e[1] & ev[1] for e in g)]
        merged = [ev] + [e for g in hits for e in g]
        groups = [g for g in groups if g not in hits] + [merged]
    return [g for g in groups if len({e[2].outlet for e in g}) > 1]


def _governing_verb(span: "Span") -> "Token | None":
    tok = span.root
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ != "amod":
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _topic_nouns(verb: "Token", skip: "Span") -> set[str]:
    return {
        _lemma(t)
        for t in verb.subtree
        if t.pos_ in {"NOUN", "PROPN"} and not (skip.start <= t.i < skip.end) and t.ent_type_ not in {"DATE", "TIME"}
    }


def _lemma(t: "Token") -> str:
    return t.lemma_.lower().replace("-", "")


# -- numbers -----------------------------------------------------------------------------------


def number_value(text: str) -> float | None:
    """'1,200' -> 1200; 'two' -> 2; '3.5 million' -> 3500000; '$40m' -> 40000000; 'at least 250' -> 250."""
    t = text.lower().replace(",", "").replace("$", "").replace("£", "").replace("€", "").strip()
    parts = re.findall(r"[\d.]+|[a-z]+", t)
    first = next((i for i, p in enumerate(parts) if re.match(r"\d", p) or p in NUMBER_WORDS), None)  # past 'at least', 'about'
    if first is None:
        return None
    try:
        val = float(parts[first]) if re.match(r"\d", parts[first]) else float(NUMBER_WORDS[parts[first]])
    except ValueError:
        return None
    if 20 <= val <= 90 and parts[first + 1 : first + 2] and 0 < NUMBER_WORDS.get(parts[first + 1], 0) < 10:
        val += NUMBER_WORDS[parts[first + 1]]  # 'twenty-one'
    for p in parts[first + 1 :]:
        if p in _SCALE:
            val *= _SCALE[p]
    return val


def _numbers(docs: dict[str, "Doc"], outlet: dict[str, str], with_verb: bool = False, with_partner: bool = False) -> Iterable[_Obs]:
    """Counts of things: '12 people' -> slot 'the number of people'; '24 passes of the moon' ->
    'the number of pass of moon', which is not 'seven passes of Mars'. ``with_verb`` (outside
    aligned claims, where the noun alone is too loose a key) adds the governing verb to the slot
    and needs one that is neither a reporting verb nor 'be' (a count of what is, 'two officers are
    in custody', is compared only between sentences aligned as one statement); ``with_partner``
    (anywhere in the story) also the verb's other party ('2,000 people signed a petition' ->
    people, sign, petition) and needs one."""
    for sid, doc in docs.items():
        for ent in doc.ents:
            if ent.label_ not in {"CARDINAL", "MONEY", "QUANTITY", "PERCENT"}:
                continue
            head = _counted_noun(ent)
            if head is None or _measures_a_thing(head):
                continue
            if (val := number_value(ent.text)) is None or _names_a_model(ent) or _one_of_a_kind(head) or _hyphened(ent):
                continue
            verb = _governing_verb(ent)
            if (with_verb or with_partner) and (verb is None or verb.lemma_ in REPORTING | {"be"}):
                continue
            if _partitive_total(head) or _threshold(head, verb) or _part_of_a_count(head):
                continue
            of = _of_objects(head)
            place, before = _place_of(head)
            slot = f"the number of {head.lemma_.lower()}" + "".join(f" of {o.lemma_.lower()}" for o in of) + (f" in {place.lower().removeprefix('the ')}" if place else "")
            noun = head.text.lower() if val != 1 else head.lemma_.lower()
            label = f"the number of {place + ' ' if before else ''}{noun}" + "".join(f" of {_with_det(o)}" for o in of) + (f" in {place}" if place and not before else "")
            partner = _partner(verb, head) if with_partner and verb is not None else None
            if with_partner and partner is None:
                continue
            if with_verb or with_partner:
                slot += f" ({verb.lemma_.lower()}{' ' + _lemma(partner) if partner is not None else ''})"  # type: ignore[union-attr]
            label += _done(verb)  # 'the number of people killed'
            said = f"{ent.text} of {head.text}" if ent.text.lower() == "dozens" else f"{ent.text} {head.text}"  # 'dozens of assaults', '12 people'
            yield _Obs(slot, _figure(val), said, sid, outlet[sid.split(':')[0]], label)


def _partner(verb: "Token", counted: "Token") -> "Token | None":
    """The verb's other core party than the counted noun: its object when the count is the subject
    ('2,000 people signed a petition' -> petition), its subject when the count is the object
    ('police arrested 12 men' -> police); a noun, not a pronoun."""
    subject_deps, object_deps = {"nsubj", "nsubjpass"}, {"dobj"}
    wanted = object_deps if counted.dep_ in subject_deps else subject_deps if counted.dep_ in object_deps else set()
    return next((c for c in verb.children if c.dep_ in wanted and c.pos_ in {"NOUN", "PROPN"}), None)


def _counted_noun(ent: "Span") -> "Token | None":
    """The noun a number counts: '12 people' -> people; 'dozens of assaults' -> assaults."""
    head = ent.root.head
    if ent.root.dep_ in {"nummod", "quantmod", "compound"} and head.pos_ == "NOUN":
        return head
    if ent.text.lower() == "dozens":
        return next((g for c in ent.root.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj" and g.pos_ == "NOUN"), None)
    return None


# a number with one of these units before a noun measures that thing ('a 450-pound gorilla', 'a
# 4-year-old boy'): how big or old it is, not a count of pounds or years
_SIZE_UNITS = {
    "year": "age", "pound": "weight", "lb": "weight", "kilogram": "weight", "kg": "weight", "ton": "weight", "tonne": "weight",
    "foot": "length", "ft": "length", "inch": "length", "meter": "length", "metre": "length", "mile": "length", "kilometer": "length", "km": "length",
}


def _measures_a_thing(unit: "Token") -> bool:
    """Whether a noun a number goes with is a unit before another noun ('450-pound gorilla', '4-year-old boy')."""
    return _lemma(unit) in _SIZE_UNITS and _sized(unit) is not None


def _sized(unit: "Token") -> "Token | None":
    """The noun a unit measures: 'pound' in '450-pound gorilla' -> gorilla, 'year' in '4-year-old boy' -> boy."""
    tok = unit.head if unit.dep_ == "npadvmod" and unit.head.lower_ in {"old", "long", "tall", "high", "wide", "deep"} else unit
    return tok.head if tok.dep_ in {"compound", "nmod", "amod"} and tok.head.pos_ in {"NOUN", "PROPN"} else None


MAX_AGE = 120  # a number in apposition above this is no one's age


def _thing_named(noun: "Token") -> str:
    """'Jan Roe' for a name (with its compound words), 'the boy' for a common noun."""
    name = [t.text for t in noun.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [noun.text]
    return " ".join(name) if noun.pos_ == "PROPN" else f"the {noun.text.lower()}"


def _sizes(docs: dict[str, "Doc"], outlet: dict[str, str]) -> Iterable[_Obs]:
    """How old, heavy or long a thing is, as a measure before its noun ('a 4-year-old boy', 'the
    450-pound gorilla', 'a 12-mile stretch') or as an age in apposition ('the boy, 4,'): slot
    'the age of the boy', 'the weight in pounds of the gorilla'. Compared inside one claim only;
    a measure in another unit is another slot (no conversion, so no false alarm from rounding)."""
    for sid, doc in docs.items():
        for tok in doc:
            if not tok.like_num or (val := number_value(tok.text)) is None:
                continue
            if tok.dep_ == "nummod" and _lemma(tok.head) in _SIZE_UNITS and (thing := _sized(tok.head)) is not None:
                unit = _lemma(tok.head)
                kind = "the age" if _SIZE_UNITS[unit] == "age" else f"the {_SIZE_UNITS[unit]} in {unit}s"
                last = tok.head.head if tok.head.dep_ == "npadvmod" else tok.head  # '4-year-old', '450-pound'
                surface = doc[tok.i : last.i + 1].text
            elif tok.dep_ == "appos" and tok.head.pos_ in {"NOUN", "PROPN"} and 0 < val <= MAX_AGE and 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].text == "," and doc[tok.i + 1].is_punct:
                thing, kind, surface = tok.head, "the age", tok.text  # 'Jan Roe, 45,'
            else:
                continue
            yield _Obs(f"{kind} of {_lemma(thing)}", _figure(val), surface, sid, outlet[sid.split(":")[0]], f"{kind} of {_thing_named(thing)}")


def _count_left_over(docs: dict[str, "Doc"], outlet: dict[str, str], pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[_Obs]]]:
    """Two near-identical sentences of two outlets whose counts agree but for one each: the two
    left over are one count given two ways ('displaced 2.3 million others' / 'displaced 2.6
    million people'), which a slot keyed by the counted noun cannot pair, unless they count in
    two places."""
    out = []
    for a, b in pairs:
        if outlet[a.split(":")[0]] == outlet[b.split(":")[0]]:
            continue
        ca, cb = _counts_of(docs[a]), _counts_of(docs[b])
        left_a = [c for c in ca if c[0] not in {v for v, _ in cb}]
        left_b = [c for c in cb if c[0] not in {v for v, _ in ca}]
        if len(ca) != len(cb) or len(left_a) != 1 or len(left_b) != 1:
            continue
        (va, ea), (vb, eb) = left_a[0], left_b[0]
        pa, pb = _place_of(ea.root.head)[0], _place_of(eb.root.head)[0]
        if not _one_place(pa, pb, docs[a].text, docs[b].text):
            continue  # '400,000 UK consumers' / '143 million consumers in the United States': two counts
        about = _count_label(ea) or _count_label(eb) or "the number"
        out += _slot_conflicts("number", [_Obs(about, va, ea.text, a, outlet[a.split(":")[0]], about), _Obs(about, vb, eb.text, b, outlet[b.split(":")[0]], about)])
    return out


def _counts_of(doc: "Doc") -> list[tuple[str, "Span"]]:
    """(value, entity) of each count a sentence gives (a cardinal number, not part of a name nor
    of a hyphened modifier)."""
    counts = []
    for ent in doc.ents:
        if ent.label_ == "CARDINAL" and not _names_a_model(ent) and not _hyphened(ent) and (val := number_value(ent.text)) is not None:
            counts.append((_figure(val), ent))
    return counts


def _hyphened(ent: "Span") -> bool:
    """A number hyphened to the next word ('an 11-and-a-half hour journey', 'a 3-2 vote'): part of
    a modifier, no count of anything."""
    text = ent.doc.text
    return text[ent.end_char : ent.end_char + 1] == "-" and text[ent.end_char + 1 : ent.end_char + 2].isalnum()


def _one_place(pa: str, pb: str, text_a: str, text_b: str) -> bool:
    """Whether two counts, placed ``pa`` and ``pb`` ('' for none), count in one place: neither is
    placed, both in the same place, or one where the other's sentence is too."""
    if pa and pb:
        return _same_place(pa, pb)
    return (not pa or _mentions(text_b, pa)) and (not pb or _mentions(text_a, pb))


_OTHERS = frozenset({"other", "others", "more"})


def _count_label(ent: "Span") -> str:
    """'the number of people displaced' for '2.6 million people' that a verb in the past displaced; '' for no noun."""
    head = ent.root.head
    if ent.root.dep_ not in {"nummod", "quantmod", "compound"} or head.pos_ != "NOUN" or head.lower_ in _OTHERS:
        return ""
    return f"the number of {head.text.lower()}{_done(_governing_verb(ent))}"


def _done(verb: "Token | None") -> str:
    """' killed' for a count's verb in the past that says what happened to it (not 'said', not 'left'), else ''."""
    return f" {verb.text.lower()}" if verb is not None and verb.tag_ in {"VBD", "VBN"} and verb.lemma_ not in REPORTING | _LIGHT_VERBS else ""


_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "dollar": "dollars", "pound": "pounds", "euro": "euros", "yuan": "yuan", "yen": "yen", "rupee": "rupees"}


def _measures(docs: dict[str, "Doc"], outlet: dict[str, str]) -> Iterable[_Obs]:
    """Sums of money, measures with their unit and percentages that count no noun of their own,
    keyed by their unit and what they are of (``_measured``): 'a net worth of about $4.5bn' ->
    dollars of net worth; 'the company's shares fell 5 percent' -> percent of share fall.
    Compared only inside one claim, where the sentences state one fact."""
    for sid, doc in docs.items():
        for ent in doc.ents:
            if ent.label_ not in {"MONEY", "QUANTITY", "PERCENT"} or (ent.root.dep_ in {"nummod", "quantmod", "compound"} and ent.root.head.pos_ == "NOUN"):
                continue  # a count of a noun: ``_numbers``
            if ent.root.dep_ == "appos" or (ent.start > 0 and doc[ent.start - 1].text == "("):
                continue  # '3.9 million miles (6.2 million kilometers)': the same figure converted
            unit = _unit(ent)
            anchor = _anchor(ent)
            if unit is None or anchor is None or (val := number_value(ent.text)) is None:
                continue
            if (of := _measured(anchor)) is None:
                continue
            what = " ".join([t.text.lower() for t in anchor.lefts if t.dep_ in {"compound", "amod"}] + [anchor.text.lower()]) if anchor.pos_ == "NOUN" else ""
            label = f"the {what}" if what else "the percentage" if unit == "percent" else f"how many {unit}"
            yield _Obs(f"the {unit} of {of}", _figure(val), ent.text, sid, outlet[sid.split(':')[0]], label)


def _unit(ent: "Span") -> str | None:
    """What a sum or a measure is counted in: a currency, the measure's own noun ('miles'), 'percent'."""
    if ent.label_ == "PERCENT":
        return "percent"
    if ent.label_ == "MONEY":
        return next((_CURRENCIES[k] for t in ent for k in (t.text, t.lemma_.lower()) if k in _CURRENCIES), None)
    words = [t for t in ent if t.is_alpha and t.lower_ not in _SCALE and t.lower_ not in NUMBER_WORDS and not _ABOUT.fullmatch(t.lower_)]
    return words[-1].lemma_.lower() + "s" if words and words[-1].pos_ == "NOUN" else None


def _measured(anchor: "Token") -> str | None:
    """What a sum or measure is of, as a key: a noun with its modifiers ('combined rate' is not
    'federal tax rate'), a verb with the head of its subject ('case cost'), or the verb alone when
    its subject is a pronoun ('which will take it within 3 miles': the claim names the thing); None
    when the verb has no subject."""
    if anchor.pos_ == "NOUN":
        return " ".join(sorted(_lemma(t) for t in anchor.lefts if t.dep_ in {"compound", "amod"}) + [_lemma(anchor)])
    subject = next((t for t in anchor.children if t.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    return f"{_lemma(subject)} {_lemma(anchor)}" if subject.pos_ in {"NOUN", "PROPN"} else _lemma(anchor) if subject.pos_ == "PRON" else None


def _anchor(ent: "Span") -> "Token | None":
    """The noun or verb a sum or measure depends on, through a preposition ('worth of $4.5bn' -> worth)."""
    tok = ent.root.head
    for _ in range(3):
        if tok.i in range(ent.start, ent.end) or tok.pos_ == "ADP":
            if tok.head is tok:
                return None
            tok = tok.head
            continue
        return tok if tok.pos_ in {"NOUN", "VERB"} and tok.lemma_ not in REPORTING | {"be"} else None
    return None


# casualty counts, however they are put: slot -> (verbs, nouns / adjectives that name the casualties,
# the noun of a running total, 'the death toll rose to 16')
_ANYONE = frozenset({"people", "person"})  # who died, when the count says no more ('12 people', not '12 soldiers')
# slot -> (verbs, nouns that are the count by themselves, the noun of a running total, who the verbs may count)
_CASUALTIES = {
    "the death toll": (frozenset({"kill", "die"}), frozenset({"death", "fatality", "dead"}), "toll", _ANYONE),
    "the number of injured": (frozenset({"injure", "wound", "hurt"}), frozenset({"injury", "injured", "wounded"}), None, _ANYONE),
    # people the police suspect: 'investigating 30 people', '31 suspects were identified' (not 'two suspects are at large')
    "the number of suspects": (frozenset({"identify", "investigate", "question", "arrest", "detain", "charge"}), frozenset(), None, _ANYONE | {"suspect"}),
}
_MODALS = frozenset({"could", "would", "may", "might", "can", "should", "will"})
_PAST_EVENT = re.compile(
    r"\b(?:deadliest|worst|since|compared|previous|record|(?:last|earlier this) (?:week|month|year)|(?:weeks|months|years) (?:ago|earlier))\b", re.IGNORECASE
)  # another, earlier event's toll: 'air strikes last week in which 30 people were killed


def states_a_count(text: str) -> bool:
    """Whether a sentence holds a figure a count could be read from: cheap, before parsing."""
    return bool(_FIGURE.search(text))


def _casualties(docs: dict[str, "Doc"], outlet: dict[str, str]) -> Iterable[_Obs]:
    """How many died (or were hurt), however it is put: 'killing 12 people', '15 died', 'at least
    14 were killed', 'left 14 dead', '14 deaths', 'the death toll rose to 16'; 'wounding 30', '30
    people were injured', '30 injured'. A count of a kind of people ('12 soldiers') is another
    fact, and so is a sentence that names a year or another event ('the deadliest since 2004,
    which killed 230,000', 'strikes last week that killed 30'), or a casualty that could happen."""
    for sid, doc in docs.items():
        if _PAST_EVENT.search(doc.text) or any(e.label_ == "DATE" and re.search(r"\b\d{4}\b", e.text) for e in doc.ents):
            continue
        for ent in doc.ents:
            if ent.label_ != "CARDINAL" or (val := number_value(ent.text)) is None or val < 1:
                continue
            for slot, (verbs, nouns, total, who) in _CASUALTIES.items():
                if _counts(ent.root, verbs, nouns, total, who):
                    yield _Obs(slot, _figure(val), ent.text, sid, outlet[sid.split(":")[0]], slot)


def _counts(num: "Token", verbs: frozenset[str], nouns: frozenset[str], total: str | None, who: frozenset[str]) -> bool:
    head = num.head
    if num.dep_ in {"nummod", "amod"}:  # '12 people killed', '14 deaths', '14 dead', '30 injured'
        if _lemma(head) in nouns or head.lower_ in nouns:
            return True
        counted = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" and _lemma(head.head.head) in {"total", "number"} else head  # 'a total of 31 suspects'
        return _lemma(head) in who and counted.dep_ in {"nsubj", "nsubjpass", "dobj"} and _casualty_verb(counted.head, verbs)
    if num.dep_ in {"nsubj", "nsubjpass", "dobj"}:  # '15 died', 'at least 14 were killed', 'killing 12', 'left 15 dead'
        if any(_lemma(g) not in who | nouns for c in num.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"):
            return False  # 'investigating dozens of assaults' counts assaults, not people
        return _casualty_verb(head, verbs) or any(c.dep_ in {"oprd", "acomp"} and c.lower_ in nouns for c in head.children)
    if total and num.dep_ == "pobj" and head.lower_ in {"to", "at"}:  # 'the death toll rose to 16', 'stands at 16'
        return any(c.dep_ == "nsubj" and c.lemma_.lower() == total for c in head.head.children)
    return False


def _casualty_verb(verb: "Token", verbs: frozenset[str]) -> bool:
    return verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in verbs and not any(c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


_NEEDED = frozenset({"necessary", "needed", "required"})
# verbs whose meaning lies in what follows ('left 32 civilians dead', 'taken to hospital'): the
# label names the count without them, not 'the number of civilians left'
_LIGHT_VERBS = frozenset({"leave", "take", "make", "have", "get", "put", "give", "bring", "see", "find", "show", "keep", "hold"})


def _names_a_model(num: "Span") -> bool:
    """A number right after a name is part of the name ('Antonov 124 freighters', 'Route 66'), not a count."""
    before = num.doc[num.start - 1] if num.start > 0 else None
    return before is not None and before.pos_ == "PROPN" and before.text[:1].isupper() and not num.text[:1].isalpha()


def _one_of_a_kind(noun: "Token") -> bool:
    """'a fully loaded 124 freighter': a singular noun with 'a' or 'each' is one thing, so its number
    is a name ('a staggering 359 assaults' is a count)."""
    plural = noun.tag_ in {"NNS", "NNPS"} and noun.lower_ != noun.lemma_.lower()  # 'assaults'; 'aircraft' may be one
    return not plural and any(c.dep_ == "det" and c.lower_ in {"a", "an", "each", "every"} for c in noun.children)


_PART = frozenset({"other", "additional", "more", "further", "extra"})  # not 'new': '32 new cases this year' is the year's count


def _part_of_a_count(noun: "Token") -> bool:
    """'128 other politicians', '2.5 million more people': a part added to a count, not the count itself."""
    return any(c.lower_ in _PART and c.dep_ in {"amod", "advmod"} for c in noun.children)


def _partitive_total(noun: "Token") -> bool:
    """The whole of a part ('21 of the 200 schoolgirls'): the 200 is not what the event counts."""
    prep = noun.head
    return noun.dep_ == "pobj" and prep.lower_ == "of" and (prep.head.like_num or prep.head.lower_ in {"some", "all", "most", "many", "none"})


def _threshold(noun: "Token", verb: "Token | None") -> bool:
    """A number needed, not a number counted: '60 votes are required', 'the 41 votes necessary to
    block it', 'requires a supermajority of 60 votes'."""
    return any(c.lower_ in _NEEDED for c in noun.children) or (verb is not None and verb.lemma_ in {"need", "require"})


def _of_objects(noun: "Token") -> list["Token"]:
    """What a counted noun is of: 'passes of the moon' -> [moon]."""
    return [g for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]


_PLACES = frozenset({"GPE", "NORP", "LOC"})


def _place_of(noun: "Token") -> tuple[str, bool]:
    """Where the counted things are, when the phrase says so: '20,000 Dutch customers' and '3
    million customers in Canada' count different populations, not one twice. The
    place's name as written ('the United States'), or ''; and whether it stands before the noun."""
    for c in noun.children:
        if c.dep_ in {"compound", "amod", "nmod"} and c.ent_type_ in _PLACES:
            return " ".join(t.text for t in c.subtree if t.ent_type_ in _PLACES), True
        if c.dep_ == "prep" and c.lower_ in {"in", "across", "from"}:
            for g in c.children:
                if g.dep_ == "pobj" and g.ent_type_ in _PLACES:
                    return " ".join(t.text for t in g.subtree if t.ent_type_ in _PLACES), False
    return "", False


def _with_det(noun: "Token") -> str:
    """'the moon', 'Venus': the noun as written, with its determiner."""
    det = next((c.text.lower() for c in noun.children if c.dep_ == "det"), None)
    name = noun.text if noun.pos_ == "PROPN" else noun.text.lower()
    return f"{det} {name}" if det else name


_COUNT_WORDS = sorted(set(NUMBER_WORDS) - {"zero", "one", "dozens"})  # not 'one' ('no one', 'one of') nor vague 'dozens'
_FIGURE = re.compile(rf"\b(?:\d(?:[\d,.]*\d)?|(?:{'|'.join(_COUNT_WORDS)}))\b", re.IGNORECASE)


def figures_in(text: str) -> frozenset[str]:
    """The numbers a text states, written as digits or as words ('4' and 'four' alike)."""
    values = (number_value(m.group(0)) for m in _FIGURE.finditer(text))
    return frozenset(_figure(v) for v in values if v is not None)


_SIZE_SLOTS = ("the age of", "the weight in", "the length in")  # the slots ``_sizes`` fills
_SIZE_WORDS = "|".join(sorted({*_SIZE_UNITS, "feet", "kilos"} - {"year"}, key=len, reverse=True))
_SIZE = re.compile(rf"\b(\d[\d,.]*|{'|'.join(_COUNT_WORDS)}|one)(?:-|\s)(?:years?(?:-|\s)old|(?:{_SIZE_WORDS})s?)\b|,\s(\d{{1,3}}),", re.IGNORECASE)


def sizes_in(text: str) -> frozenset[str]:
    """The numbers a text gives as ages, weights or lengths ('4-year-old', '450 pounds', 'Jan Roe,
    45,'): what an outlet must state for it to know a rival value of one of those (its articles
    are full of small numbers of other kinds)."""
    values = (number_value(m.group(1) or m.group(2)) for m in _SIZE.finditer(text))
    return frozenset(_figure(v) for v in values if v is not None)


def _figure(value: float) -> str:
    """A number as plain digits: 11500000, 3.5 (not 1.15e+07)."""
    return f"{value:.15g}"


_EARLIER = re.compile(r"\b(?:initially|originally|at first|first reported|previously reported|had (?:earlier |first |initially )?(?:said|reported))\b", re.IGNORECASE)
_SLOT_WORDS = frozenset({"number", "age", "weight", "length", "amount", "sum", "share", "pounds", "feet", "years"})  # what a slot's label says of any figure


Told = dict[str, list[tuple[str, frozenset[str], frozenset[str]]]]  # article id -> (sentence id, its figures, its content words)


def told_earlier(articles: Sequence[Article]) -> Told:
    """The sentences of each article that tell what was first said ('The boy was initially
    reported to be 4 years old'), with their figures and words: the article tells of a change."""
    out: Told = {}
    for a in articles:
        for s in a.sentences:
            if _EARLIER.search(s.text):
                out.setdefault(a.id, []).append((s.id, figures_in(s.text) | sizes_in(s.text), frozenset(content_words(s.text))))
    return out


def _unless_known(found: tuple[str, str, list[_Obs]], figures: dict[str, frozenset[str]], earlier: Told | None = None) -> tuple[str, str, list[_Obs]] | None:
    """A number conflict as outlets really state it, or None: without the outlets whose article
    also states a rival value somewhere ('he said 306 votes, when in fact he won 304': they report
    both), unless one of them tells that value as what was first said (``told_earlier``: then every
    outlet's figure stands, an update), and only if two outlets give ranges that cannot both hold
    ('at least four cases' and '88 cases' can; 'about 148,000' and 'nearly 150,000' can; 12 and 15
    killed cannot)."""
    typ, about, obs = found
    if typ != "number":
        return found
    values = {o.value for o in obs}
    if _change_told([(o.value, o.sentence_id) for o in obs], earlier or {}, _slot_label(obs, about)):
        return (typ, about, obs) if _outlets_clash([(o.outlet, _range(o)) for o in obs]) else None
    kept = [o for o in obs if not (values - {o.value}) & figures[o.sentence_id.split(":")[0]]]
    clash = _outlets_clash([(o.outlet, _range(o)) for o in kept])
    return (typ, about, kept) if clash and len({o.value for o in kept}) > 1 else None


def _change_told(said: Sequence[tuple[str, str]], earlier: Told, about: str) -> tuple[str, str] | None:
    """(first figure, the sentence that tells it was first said) when an outlet giving one of the
    figures ``said`` ((figure, sentence id) pairs) tells of another of them, in a sentence about the
    same thing ('the boy' of 'the age of the boy'), as the earlier report; else None."""
    values = {value for value, _ in said}
    topic = frozenset(content_words(about)) - _SLOT_WORDS
    for value, sentence_id in sorted(said, key=lambda p: p[1]):
        for sid, figures, words in earlier.get(sentence_id.split(":")[0], []):
            if words & topic and (first := sorted(figures & values - {value})):
                return first[0], sid
    return None


def _as_told(c: Conflict, earlier: Told, texts: dict[str, str]) -> Conflict:
    """A number conflict one of whose outlets tells of the change ('initially reported to be 4
    years old, but police later said he is 3') is an update in that order, the outlet quoted."""
    given = [(v.value, s) for v in c.values for s in v.sentence_ids]
    told = _change_told(given, earlier, c.about) if c.type == "number" and c.verdict != "update" else None
    if told is None:
        return c
    first, sid = told
    order = sorted(c.values, key=lambda v: v.value != first)
    said = [f"{v.surface[0] if v.surface else v.value} ({', '.join(v.outlets)})" for v in order]
    return replace(c, verdict="update", why=f"first reported {', later '.join(said)}, as one of them tells: '{texts.get(sid, '')}'")


def _outlets_clash(spans: Sequence[tuple[str, tuple[float, float]]]) -> bool:
    """Whether two outlets give ranges (of a count, of minutes of the day) that cannot both hold."""
    return any(a != b and (sa[1] < sb[0] or sb[1] < sa[0]) for a, sa in spans for b, sb in spans)


_AT_LEAST = re.compile(r"\b(?:at least|more than|over|upwards of|in excess of|no fewer than)\b", re.IGNORECASE)
_AT_MOST = re.compile(r"\b(?:up to|fewer than|less than|at most|under|no more than|as (?:many|much|high) as)\b", re.IGNORECASE)  # 'as many as 20' allows 15
_ABOUT = re.compile(r"\b(?:about|around|nearly|almost|roughly|approximately|some|close to|an estimated|estimated|approx)\b", re.IGNORECASE)
_VAGUE = re.compile(r"\b(?:dozens|scores|hundreds|thousands|millions|billions)\b", re.IGNORECASE)  # 'dozens' vs '37': compatible
APPROX = 0.1  # 'about 148,000' covers 10% either side
DOZENS_MAX = 143.0  # 'dozens' stays under a dozen dozen
_LARGER = frozenset({"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions"})  # 'dozens of millions'
LOWER_BOUND_REACH = 0.75  # share of its step a lower bound covers: set by reading (docs/benchmarks.md), 0.5 took 'more than 270' against 276


def _range(o: _Obs) -> tuple[float, float]:
    """The values an observation allows, from the words before its number. A lower bound is a
    count rounded down to the step of the precision it is written with, up to ``LOWER_BOUND_REACH``
    of the step (nearer the next step, a writer says 'nearly 60'): 'more than 270' covers 276,
    'more than 11 million' 11.5 million and 'more than 500' 527; 'at least 50' does not cover 59,
    nor 'more than 400' 527."""
    value, surface = float(o.value), o.surface.replace("-", " ")  # 'more-than 11 million'
    if _VAGUE.search(surface):
        words = set(surface.lower().split())
        return value, DOZENS_MAX if "dozens" in words and not words & _LARGER else math.inf  # 'dozens' is not 359
    if _AT_LEAST.search(surface):
        return value, math.nextafter(value + LOWER_BOUND_REACH * _precision(value), value)
    if _AT_MOST.search(surface):
        return 0.0, value
    if _ABOUT.search(surface):
        return value * (1 - APPROX), value * (1 + APPROX)
    return value, value


def _precision(value: float) -> float:
    """The step of the last significant digit a figure is written with: 500 -> 100, 140000 -> 10000, 5.1 -> 0.1."""
    if value <= 0:
        return 1.0
    if value != int(value):
        decimals = len(f"{value:.6f}".rstrip("0").split(".")[1])
        return 10.0**-decimals
    step, n = 1.0, int(value)
    while n % 10 == 0:
        step, n = step * 10, n // 10
    return step


# -- attributions ------------------------------------------------------------------------------


def _sources(docs: dict[str, "Doc"], outlet: dict[str, str]) -> Iterable[_Obs]:
    """Qualified sources: 'according to Western diplomats', 'Russian diplomats said'."""
    for sid, doc in docs.items():
        for tok in doc:
            if tok.pos_ != "NOUN" or not tok.tag_.startswith("NN"):
                continue
            if not (_is_according_to(tok) or (tok.dep_ == "nsubj" and tok.head.lemma_ in REPORTING) or _conj_of_source(tok)):
                continue
            # adjectives that say whose source it is ('Western', 'Russian'), not names ('Haaretz')
            quals = [c.text for c in tok.children if c.dep_ == "amod" and c.pos_ == "ADJ" and (c.ent_type_ in {"NORP", "GPE"} or c.text[:1].isupper())]
            if quals:
                value = " ".join(quals).lower()
                yield _Obs(f"which {tok.lemma_.lower()}s were the source", value, f"{' '.join(quals)} {tok.text}", sid, outlet[sid.split(':')[0]])


def _is_according_to(tok: "Token") -> bool:
    return tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.lower_ == "according"


def _conj_of_source(tok: "Token") -> bool:
    head = tok.head
    return tok.dep_ == "conj" and (_is_according_to(head) or (head.dep_ == "nsubj" and head.head.lemma_ in REPORTING))


# -- names and polarity --------------------------------------------------------------------------


def _near_identical_pairs(al: Alignment, group: Sequence[int], docs: dict[str, "Doc"]) -> list[tuple[str, str]]:
    """Pairs of parsed sentences of one claim that say nearly the same thing."""
    ids = [al.units[i].sentence.id for i in group]
    return [
        (ids[a], ids[b])
        for a in range(len(group))
        for b in range(a + 1, len(group))
        if al.cos[group[a], group[b]] >= NEAR_IDENTICAL and ids[a] in docs and ids[b] in docs
    ]


def _name_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str], pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[_Obs]]]:
    out = []
    for a, b in pairs:
        pa, pb = _people(docs[a]), _people(docs[b])
        if len(pa) == 1 and len(pb) == 1 and pa != pb:
            (ra, va), (rb, vb) = next(iter(pa)), next(iter(pb))
            if ra == rb and not _names_in(va, docs[b].text) and not _names_in(vb, docs[a].text):
                obs = [_Obs(f"who {ra}", va, va, a, outlet[a.split(':')[0]]), _Obs(f"who {rb}", vb, vb, b, outlet[b.split(':')[0]])]
                out += _slot_conflicts("name", obs)
    return out


def _namesake_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str], pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[_Obs]]]:
    """Two near-identical sentences of one claim that name a person by one surname and two first
    names ('Rep. Loretta Sanchez won the seat' / 'Rep. Linda Sánchez won the seat'): one outlet has
    the wrong person. Not when either sentence names both, nor when the first names are one name
    (``_one_given_name``)."""
    out = []
    for a, b in pairs:
        if outlet[a.split(":")[0]] == outlet[b.split(":")[0]]:
            continue
        for na, fa, sa in _named_people(docs[a]):
            for nb, fb, sb in _named_people(docs[b]):
                if sa != sb or fa in _folded(docs[b].text) or fb in _folded(docs[a].text) or _one_given_name(fa, fb):
                    continue
                about = f"the first name of {na.split()[-1]}"
                out += _slot_conflicts("name", [_Obs(about, na, na, a, outlet[a.split(":")[0]]), _Obs(about, nb, nb, b, outlet[b.split(":")[0]])])
    return out


def _named_people(doc: "Doc") -> list[tuple[str, str, str]]:
    """(name, first name, surname) of the people a sentence names with a first name and a
    surname (titles left out), first name and surname folded (case, accents)."""
    out = []
    for e in doc.ents:
        words = [w for w in re.sub(r"['’]s$", "", e.text).split() if w.lower().strip(".") not in TITLES]
        while words and _GENERATION.fullmatch(words[-1].lower()):
            words.pop()
        if e.label_ == "PERSON" and len(words) >= 2 and words[0][:1].isupper() and not words[0].isupper():  # not 'DC Bird' (a rank)
            out.append((" ".join(words), _folded(words[0]), _folded(words[-1])))
    return out


def _one_given_name(a: str, b: str) -> bool:
    """Whether two folded first names are one: an initial or the start of the other ('l.' /
    'linda', 'chris' / 'christine'), a nickname of it ('jim' / 'james', ``entities``' list), or a
    spelling of it ('mohamed' / 'mohammed')."""
    x, y = a.rstrip("."), b.rstrip(".")
    return x.startswith(y) or y.startswith(x) or same_given_name(x, y) or ratio(x, y) >= SPELLING


_GENERATION = re.compile(r"(?:jr|sr|ii|iii|iv)\.?,?")


def _folded(text: str) -> str:
    """Case and accents folded: 'Sánchez' -> 'sanchez'."""
    return unaccented(text.casefold())


def _organisation_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str]) -> list[tuple[str, str, list[_Obs]]]:
    """Sentences of one claim that name an organisation two ways that cannot both be right (see
    ``_other_name``): 'Harbor Freight Lines' / 'Harbor Global Logistics'."""
    orgs = {sid: {e.text: _name_words(e.text) for e in doc.ents if e.label_ == "ORG" and not _WEB_OR_QUOTED.search(e.text)} for sid, doc in docs.items()}
    out = []
    for a, b in ((a, b) for a in docs for b in docs if a < b and outlet[a.split(":")[0]] != outlet[b.split(":")[0]]):
        for na, nb in ((na, nb) for na in orgs[a] for nb in orgs[b]):
            wa, wb = orgs[a][na], orgs[b][nb]
            if _other_name(na, nb, orgs[a], orgs[b]) and not _mentions(docs[b].text, na) and not _mentions(docs[a].text, nb) and not _run_on(wa - wb, docs[b].text) and not _run_on(wb - wa, docs[a].text):
                about = f"the name of {_shared_name(na, wa & wb)}"
                out += _slot_conflicts("name", [_Obs(about, na, na, a, outlet[a.split(":")[0]]), _Obs(about, nb, nb, b, outlet[b.split(":")[0]])])
    return out


def _run_on(words: frozenset[str], other: str) -> bool:
    """Whether the words one name has beyond the other all stand in the other sentence too: there
    they name something else ('Universal Pictures Benicio Del Toro' for a photo credit run into an
    actor's name, where the other sentence lists 'Benicio Del Toro'), so the tagger's cut, not the
    name, differs."""
    return bool(words) and words <= _name_words(other)  # ``words`` hold no corporate word either


_WEB_OR_QUOTED = re.compile(r"[\"“”]|\w\.(?:com|org|net|gov|edu|co|uk)\b", re.IGNORECASE)  # 'Cincinnati.com', 'the "Wal-Mart Way': a site, a phrase


def _shared_name(name: str, shared: frozenset[str]) -> str:
    """A name with the words the other name lacks shown as '…': 'the Federal Law Enforcement …
    Association' (Officers / Officials), 'Harbor …' (Freight Lines / Global Logistics)."""
    words: list[str] = []
    for w in name.split():
        keep = w.lower() in shared or w.lower().strip(".") in _CORPORATE
        if keep or words[-1:] != ["…"]:
            words.append(w if keep else "…")
    return " ".join(words)


def _other_name(na: str, nb: str, in_a: dict[str, frozenset[str]], in_b: dict[str, frozenset[str]]) -> bool:
    """Whether ``na`` and ``nb`` (of two sentences naming the organisations ``in_a``, ``in_b``) are
    two different names of one organisation: they start with the same word, each has words the
    other lacks, and each sentence names one organisation starting so. Not when one is a shorter
    or longer form of the other ('Harbor Freight' / 'Harbor Freight Lines Inc.', '&' for 'and'),
    a spelling of it ('Defence' / 'Defense'), or a list ('the Ministry of Health and the Ministry
    of Labour'); names that share only a place ('Lakeside State' / 'the University of Lakeside')
    do not start alike."""
    first, wa, wb = _first_word(na), in_a[na], in_b[nb]
    if first != _first_word(nb) or not (wa - wb and wb - wa):
        return False
    if sum(_first_word(n) == first for n in in_a) > 1 or sum(_first_word(n) == first for n in in_b) > 1:
        return False
    if any(wa <= w or w <= wa for w in in_b.values()) or any(wb <= w or w <= wb for w in in_a.values()):
        return False
    return not _spelled_alike(wa - wb, wb - wa)


def _spelled_alike(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether every word of ``a`` is a spelling of some word of ``b`` and back ('defence' / 'defense')."""
    return all(any(ratio(x, y) >= SPELLING for y in b) for x in a) and all(any(ratio(y, x) >= SPELLING for x in a) for y in b)


SPELLING = 80  # rapidfuzz ratio from which two words are one spelled two ways (a letter in six)


def _first_word(name: str) -> str:
    words = [w for w in re.findall(r"[\w'’-]+", name.lower()) if w != "the"]
    return words[0] if words else ""


_CORPORATE = frozenset({"the", "of", "and", "&", "inc", "corp", "co", "ltd", "llc", "plc", "company", "group", "corporation"})


def _name_words(name: str) -> frozenset[str]:
    """The words that tell one organisation's name from another's ('The Harbor Co.' -> {'harbor'})."""
    return frozenset(w for w in re.findall(r"[\w'’-]+|&", name.lower()) if w.strip(".") not in _CORPORATE)


_WHERE = frozenset({"GPE", "LOC", "FAC"})  # what a place conflict compares (not NORP: "British")


def _cross_pairs(docs: dict[str, "Doc"]) -> list[tuple[str, str]]:
    """Pairs of parsed sentences of one claim group from two articles."""
    ids = sorted(docs)
    return [(a, b) for i, a in enumerate(ids) for b in ids[i + 1 :] if a.split(":")[0] != b.split(":")[0]]


def _place_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str], pairs: list[tuple[str, str]], grouped: Sequence[tuple[str, str]] = (), story: dict[str, str] | None = None) -> list[tuple[str, str, list[_Obs]]]:
    """Two sentences that put the same thing in different places: the same preposition on the
    same word ('anchored in Lake Erie' / 'anchored in Lake Huron'), and neither sentence names the
    other's place ('in Smyrna, near Atlanta' agrees with 'in Atlanta'). The two are near-identical
    (``pairs``), or only grouped as one claim (``grouped``) when the places are two of one kind
    ('the Atlantic Ocean' / 'the Pacific Ocean'): alternatives, where 'in Paris' / 'in Texas' may
    place two things the parse reads as one. Each value also holds the other sentences of the
    ``story`` that put the same thing there."""
    out = []
    for a, b, things, prep, va, vb in [*_placed_alike(docs, pairs), *_placed_of_one_kind(docs, grouped)]:
        if _same_place(va, vb) or _mentions(docs[b].text, va) or _mentions(docs[a].text, vb):
            continue
        about = f"where the {things[0]} is" if things[0] == things[1] else "which place"
        obs = [_Obs(about, v, v, sid, outlet[sid.split(":")[0]]) for v, first in ((va, a), (vb, b)) for sid in [first, *_stating_place(story or {}, things, prep, v, {a, b})]]
        out += _slot_conflicts("name", obs)
    return out


def _stating_place(texts: dict[str, str], things: tuple[str, str], prep: str, place: str, skip: set[str]) -> list[str]:
    """The sentences, other than ``skip``, that name one of ``things`` and ``prep`` + ``place``
    ('... a drone ship in the Pacific Ocean'): read in the text, as most sentences are not parsed."""
    at = re.compile(rf"\b{re.escape(prep)}\s+(?:the\s+)?{re.escape(place.removeprefix('the ').removeprefix('The '))}\b", re.IGNORECASE)
    word = re.compile(rf"\b(?:{'|'.join(re.escape(t) for t in set(things))})", re.IGNORECASE)
    return [sid for sid, text in texts.items() if sid not in skip and at.search(text) and word.search(text)]


def _placed_alike(docs: dict[str, "Doc"], pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, tuple[str, str], str, str, str]]:
    """(a, b, things placed, preposition, place in a, place in b) for one thing placed by one preposition in both."""
    for a, b in pairs:
        pa, pb = _places(docs[a]), _places(docs[b])
        for thing, prep in sorted(pa.keys() & pb.keys()):
            yield a, b, (thing, thing), prep, pa[(thing, prep)], pb[(thing, prep)]


def _placed_of_one_kind(docs: dict[str, "Doc"], pairs: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, tuple[str, str], str, str, str]]:
    """The same for the one place each sentence gives with one preposition, when the two are of
    one kind (``_one_kind``): the parse of what is placed may differ ('a ship in the X Ocean' /
    'a ship positioned downrange in the Y Ocean')."""
    for a, b in pairs:
        pa, pb = _places(docs[a]), _places(docs[b])
        for prep in sorted({p for _, p in pa} & {p for _, p in pb}):
            ra = {name: thing for (thing, p), name in pa.items() if p == prep}
            rb = {name: thing for (thing, p), name in pb.items() if p == prep}
            if len(ra) == 1 and len(rb) == 1 and _one_kind(va := next(iter(ra)), vb := next(iter(rb))):
                yield a, b, (ra[va], rb[vb]), prep, va, vb


def _one_kind(a: str, b: str) -> bool:
    """Two names of places of one kind: several words each, the same last word, and otherwise
    no word in common ('Lake Erie' / 'Lake Huron' by the first, 'Atlantic Ocean' / 'Pacific
    Ocean' by the last; not 'New York' / 'York')."""
    wa, wb = key(a).removeprefix("the ").split(), key(b).removeprefix("the ").split()
    if len(wa) < 2 or len(wb) < 2:
        return False
    return (wa[-1] == wb[-1] and not set(wa[:-1]) & set(wb[:-1])) or (wa[0] == wb[0] and not set(wa[1:]) & set(wb[1:]))


def _places(doc: "Doc") -> dict[tuple[str, str], str]:
    """(thing placed, preposition) -> the one place that is the preposition's object: ('float', 'in') -> 'Lake Erie'."""
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in doc.ents:
        prep = e.root.head
        if e.label_ in _WHERE and e.root.dep_ == "pobj" and prep.dep_ == "prep" and prep.head is not prep:
            found[(_thing_placed(prep.head), prep.lower_)].append(e.text)
    return {role: names[0] for role, names in found.items() if len(set(names)) == 1}


def _thing_placed(word: "Token") -> str:
    """What a place phrase places: the nearest noun up the tree ('a float anchored in ...' -> 'float'), else the word."""
    tok = word
    for _ in range(3):
        if tok.pos_ in {"NOUN", "PROPN"}:
            return tok.lemma_.lower()
        if tok.head is tok:
            break
        tok = tok.head
    return word.lemma_.lower()


def _mentions(text: str, place: str) -> bool:
    return plain(place).removeprefix("the ") in plain(text)


def _same_place(a: str, b: str) -> bool:
    """One place written two ways: the same name key (``entities.key``: typography, a leading
    'the', dotted initials) or one as the other's initials ('U.S.' / 'the United States')."""
    ka, kb = key(a), key(b)
    return ka == kb or ka.replace(" ", "").upper() == initials(b) or kb.replace(" ", "").upper() == initials(a)


def _people(doc: "Doc") -> set[tuple[str, str]]:
    """(verb lemma, person) for people who are the subject of a non-reporting verb."""
    return {(e.root.head.lemma_, e.text) for e in doc.ents if e.label_ == "PERSON" and e.root.dep_ in {"nsubj", "nsubjpass"} and e.root.head.lemma_ not in REPORTING}


def _names_in(person: str, text: str) -> bool:
    """Whether the other sentence names this person too (by surname)."""
    return person.split()[-1].lower() in text.lower()


def _polarity_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str], pairs: list[tuple[str, str]]) -> list[tuple[str, str, list[_Obs]]]:
    """Two near-identical sentences of which one negates a verb both use and the other negates
    nothing: the main verb ('the plant did not close' / 'the plant closed'), or another verb each
    quotes once, in one remark quoted two ways ('"To pass this bill would raise the risk"' / '"If
    they don't pass this bill it will raise the risk"'; outside quotations a negated verb of
    another clause is too often another event: 'urged him not to declare it' / 'planned to declare it')."""
    out = []
    for a, b in pairs:
        ra, rb = _main_verb(docs[a]), _main_verb(docs[b])
        if ra is not None and rb is not None and ra.lemma_ == rb.lemma_ and ra.lemma_ not in REPORTING:
            na, nb = _negated(ra), _negated(rb)
            if na != nb and not _denies_anything(docs[b] if na else docs[a]):
                about = min(_whether(ra), _whether(rb), key=len)  # the plainer of the two wordings
                obs = [_Obs(about, "no" if na else "yes", docs[a].text, a, outlet[a.split(':')[0]]), _Obs(about, "no" if nb else "yes", docs[b].text, b, outlet[b.split(':')[0]])]
                out += _slot_conflicts("polarity", obs)
                continue
        for va, vb in _negated_once(docs[a], docs[b]):
            about = f"whether {_verb_phrase(vb if _negated(vb) else va)}"
            na = _negated(va)
            obs = [_Obs(about, "no" if na else "yes", docs[a].text, a, outlet[a.split(':')[0]]), _Obs(about, "yes" if na else "no", docs[b].text, b, outlet[b.split(':')[0]])]
            out += _slot_conflicts("polarity", obs)
            break
    return out


_LIGHT = frozenset({"be", "have", "do"}) | REPORTING


def _negated_once(a: "Doc", b: "Doc") -> list[tuple["Token", "Token"]]:
    """Verbs (not 'be', 'have', 'do' or reporting verbs) that each sentence quotes once, negated
    in one sentence, where the other sentence negates nothing."""
    def verbs(doc: "Doc") -> dict[str, list["Token"]]:
        spans = quoted_spans(doc.text)
        out: dict[str, list["Token"]] = defaultdict(list)
        for t in doc:
            if t.pos_ == "VERB" and t.lemma_ not in _LIGHT and any(s <= t.idx < e for s, e in spans):
                out[t.lemma_].append(t)
        return out

    va, vb = verbs(a), verbs(b)
    shared = [(va[k][0], vb[k][0]) for k in sorted(va.keys() & vb.keys()) if len(va[k]) == 1 and len(vb[k]) == 1]
    return [(x, y) for x, y in shared if _negated(x) != _negated(y) and not _denies_anything(b if _negated(x) else a)]


def _verb_phrase(verb: "Token") -> str:
    """'they pass this bill': the verb's lemma with its subject (or 'it') and object."""
    subj, obj = _arguments(verb)
    return " ".join(w for w in (_phrase(subj) if subj is not None else "it", verb.lemma_, _phrase(obj) if obj is not None else "") if w)


def _denies_anything(doc: "Doc") -> bool:
    """Whether any verb of a sentence is negated: 'That is not the objective, man is the objective'
    says 'not', though its root ('is') does not; it is no 'yes' against another 'not'."""
    return any(_negated(t) for t in doc if t.pos_ in {"VERB", "AUX"})


def _main_verb(doc: "Doc") -> "Token | None":
    """The sentence's root verb, or, where the root reports speech ('X is not Y, an engineer has
    said'), the verb of what is reported."""
    root = next((t for t in doc if t.dep_ == "ROOT" and t.pos_ in {"VERB", "AUX"}), None)
    if root is not None and root.lemma_ in REPORTING:
        return next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}), root)
    return root


def _whether(verb: "Token") -> str:
    """A polarity conflict's label: 'whether it close', or for 'be' what is said to be so
    ('whether it is out of control')."""
    if verb.lemma_ != "be":
        return f"whether it {verb.lemma_}"
    said = next((c for c in verb.children if c.dep_ in {"acomp", "attr", "prep"}), None)
    return f"whether it is {' '.join(t.text for t in said.subtree)}" if said is not None else "whether it is so"


def _negated(verb: "Token") -> bool:
    """'did not go', 'never went', 'wasn’t' (the curly apostrophe the parser does not always read
    as a negation), 'denied'; not the 'not' of 'not only ... but also'."""
    for c in verb.children:
        if c.lower_ == "not" and c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "only":
            continue
        if c.dep_ == "neg" or c.lower_ in {"never", "no", "n’t"}:
            return True
    return verb.lemma_ in {"deny", "reject"}


# -- who said a quotation --------------------------------------------------------------------------

QUOTE_WORDS = 2  # words a quotation needs (one of them a content word) to be traced to its speaker
LONG_QUOTE_WORDS = 4  # a quotation this long is one speaker's words wherever it appears; a shorter one
# ('perfectly fine') needs the two sentences to share a content word outside it too ('brain')


def quotations(text: str) -> list[tuple[str, ...]]:
    """The quotations of a sentence (``textfeatures.quotations``) of ``QUOTE_WORDS`` or more words."""
    return [q for q in tf_quotations(text) if len(q) >= QUOTE_WORDS]


def quoted_across(articles: Sequence[Article]) -> set[str]:
    """Ids of the sentences whose quotation another outlet's sentence also quotes (the only ones a
    quotation's speakers are compared in, so the only ones to parse for it)."""
    by_quote: dict[tuple[str, ...], set[tuple[str, str]]] = defaultdict(set)
    for a in articles:
        for s in a.sentences:
            for q in quotations(s.text):
                by_quote[q].add((a.outlet or a.id, s.id))
    return {sid for held in by_quote.values() if len({o for o, _ in held}) > 1 for _, sid in held}


def _speaker(doc: "Doc") -> str | None:
    """The one named speaker of a sentence: the subject of its one reporting verb ('Roe said',
    'said Jane Roe') or the object of 'according to', when a person or organisation names it."""
    heads = [t for t in doc if t.pos_ in {"VERB", "AUX"} and t.lemma_ in REPORTING] + [t for t in doc if t.lower_ == "according"]
    if len(heads) != 1:
        return None
    head = heads[0]
    if head.lower_ == "according":
        who = [c for t in head.children if t.lower_ == "to" for c in t.children if c.dep_ == "pobj"]
    else:
        who = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    names = [e for w in who for e in doc.ents if e.label_ in {"PERSON", "ORG"} and e.start <= w.i < e.end]
    return names[0].text if len(names) == 1 else None


def _same_speaker(a: str, b: str) -> bool:
    """'Rich Dauer' and 'Dauer' are one speaker; 'Dauer' and 'Dr. David Lintner' are two (a
    shared title, ``entities.TITLES``, is no shared name: 'Coach Roe' is not 'Coach Smith')."""
    def words(name: str) -> set[str]:
        return {w.lower().strip(".") for w in name.split()} - TITLES - {"the"}

    return bool(words(a) & words(b))


def _quote_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str]) -> list[tuple[str, str, list[_Obs]]]:
    """The same quoted words put in two speakers' mouths by two outlets: 'his brain is "perfectly
    fine," according to Dr. Jane Roe' / 'Smith says his brain is "perfectly fine"'. A quotation
    matches only the same speaker saying the same thing; both speakers must be named."""
    said: dict[tuple[str, ...], list[tuple[str, str, str]]] = defaultdict(list)  # quotation -> (sentence id, speaker, outlet)
    for sid, doc in docs.items():
        quotes = quotations(doc.text)
        if quotes and (who := _speaker(doc)) is not None:
            for q in quotes:
                said[q].append((sid, who, outlet[sid.split(":")[0]]))
    out = []
    for q, held in said.items():
        pairs = [(a, b) for a in held for b in held if a[2] < b[2] and not _same_speaker(a[1], b[1]) and _traced(q, docs[a[0]].text, docs[b[0]].text)]
        if not pairs:
            continue
        quote = " ".join(q)
        held = sorted({x for p in pairs for x in p})
        name = {who: max((w for _, w, _ in held if _same_speaker(w, who)), key=lambda w: (len(w), w)) for _, who, _ in held}  # 'Olsen' is 'Maria Olsen'
        out += _slot_conflicts("attribution", [_Obs(f"who said '{quote}'", name[who], who, sid, o) for sid, who, o in held])
    return out


WORDING_SHARE = 0.6  # of two quotations' words in order, shared when they are one remark quoted two ways
WORDING_SWAP = 3  # words at most on either side of one difference in wording
WORDING_CONTEXT = 2  # quoted words alike on each side of it


def _wording_conflicts(docs: dict[str, "Doc"], outlet: dict[str, str]) -> list[tuple[str, str, list[_Obs]]]:
    """One remark quoted two ways by two outlets of one claim: the quotations share most of their
    words in order (``WORDING_SHARE``) and differ where a few words (``WORDING_SWAP``) stand for
    others, content words on both sides: 'must steward its resources' / 'must husband its
    resources'. Left out or added words (a quotation cut short), spellings, and figures (compared
    as numbers) are no difference."""
    from difflib import SequenceMatcher

    said = {sid: [tuple(w.replace("’", "'") for w in q if w.strip("-")) for q in quotations(doc.text) if len(q) >= LONG_QUOTE_WORDS] for sid, doc in docs.items()}
    out = []
    for a, b in ((a, b) for a in docs for b in docs if a < b and outlet[a.split(":")[0]] != outlet[b.split(":")[0]]):
        for qa in said[a]:
            for qb in said[b]:
                m = SequenceMatcher(None, qa, qb, autojunk=False)
                if m.ratio() < WORDING_SHARE:
                    continue
                for op, i1, i2, j1, j2 in m.get_opcodes():
                    wa, wb = qa[i1:i2], qb[j1:j2]
                    if op != "replace" or len(wa) > WORDING_SWAP or len(wb) > WORDING_SWAP or not (content_words(" ".join(wa)) and content_words(" ".join(wb))):
                        continue
                    if min(i1, j1) < WORDING_CONTEXT or min(len(qa) - i2, len(qb) - j2) < WORDING_CONTEXT:  # inside the remark, not at an edge where quotations are cut
                        continue
                    if ratio(" ".join(wa), " ".join(wb)) >= SPELLING or any(w[:1].isdigit() for w in wa + wb) or _one_wording(wa, wb):
                        continue
                    shown_a, shown_b = " ".join(qa[max(0, i1 - 1) : i2 + 1]), " ".join(qb[max(0, j1 - 1) : j2 + 1])
                    common = max(m.get_matching_blocks(), key=lambda blk: blk.size)
                    about = f"the words of the quotation '…{' '.join(qa[common.a : common.a + min(common.size, 6)])}…'"
                    out += _slot_conflicts("quote", [_Obs(about, shown_a, shown_a, a, outlet[a.split(":")[0]]), _Obs(about, shown_b, shown_b, b, outlet[b.split(":")[0]])])
                    break
    return out


def _one_wording(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two runs of quoted words differ only in form: a plural or an ending ('duties' /
    'duty'), a short form ('ok' / 'okay'), or words that add no content ('that it's' / 'it's')."""
    def stems(words: tuple[str, ...]) -> list[str]:
        out = []
        for w in content_words(" ".join(words)):
            if not _CONTRACTED.fullmatch(w):
                w = w.removesuffix("'s")
                out.append(w[:-3] + "y" if w.endswith("ies") else w.rstrip("s"))
        return out

    ca, cb = stems(a), stems(b)
    if len(ca) != len(cb):
        return False
    left = list(cb)
    for x in ca:
        y = next((y for y in left if x == y or x.startswith(y) or y.startswith(x)), None)
        if y is None:
            return False
        left.remove(y)
    return True


_CONTRACTED = re.compile(r"(?:it|that|there|here|what|who|he|she|i|we|you|they)'(?:s|m|re|ll|d|ve)")


def _traced(quote: tuple[str, ...], a: str, b: str) -> bool:
    """Whether two sentences quoting ``quote`` quote the same remark: a long quotation is one
    remark; a short one needs a content word in common outside the quotation as well."""
    if len(quote) >= LONG_QUOTE_WORDS:
        return True
    inside = set(quote)
    return bool((content_words(a) & content_words(b)) - inside)
