"""Dates written in news text, resolved against the article's publication date.

'July 8' -> 2017-07-08 (the year that puts it nearest the publication date, the future
counting 1.5x as far); 'last Wednesday' -> the latest Wednesday before publication; 'early last month' -> a
month; 'last week' -> a week. Durations ('six years', 'three weeks') are not dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from typing import TYPE_CHECKING

from .textfeatures import MONTHS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

_MONTH_NUM = {m: i for i, names in enumerate(
    [("jan",), ("feb",), ("mar",), ("apr",), ("may",), ("jun",), ("jul",), ("aug",), ("sep",), ("oct",), ("nov",), ("dec",)], 1) for m in names}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MD = re.compile(rf"\b({MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_DM = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b(?:,?\s+(\d{{4}}))?", re.IGNORECASE)
_MY = re.compile(rf"\b({MONTHS})\s+(?:of\s+)?(\d{{4}})\b", re.IGNORECASE)
_MONTH_ALONE = re.compile(rf"^(?:early |mid-?|late |in |this past |last )?({MONTHS})$", re.IGNORECASE)
_YEAR = re.compile(r"^(?:in |since )?((?:19|20)\d{2})(?:(?: and|,| or) (?:19|20)\d{2})*$")  # '1994 and 1995': when it began
_SEASON = re.compile(r"^(?:last|this past|this|(?:early|late) last) (spring|summer|fall|autumn|winter)$")
_SEASON_ENDS = {"spring": 5, "summer": 8, "fall": 11, "autumn": 11, "winter": 2}  # the month a season ends (northern)
_AGO = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(day|week|month|year)s?\s+(ago)\b", re.IGNORECASE)
_SMALL = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


_YEAR_SAID = {"last year": -1, "previous year": -1, "this year": 0, "next year": 1}
_MONTH_YEAR_SAID = re.compile(rf"^(?:early |mid-?|late |in )?({MONTHS})(?: of)? (?:last|previous|this|next) year$", re.IGNORECASE)


_FIXED_HOLIDAYS = {"new year's day": (1, 1), "valentine's day": (2, 14), "independence day": (7, 4), "fourth of july": (7, 4), "july fourth": (7, 4),
                   "halloween": (10, 31), "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26), "new year's eve": (12, 31)}
_HOLIDAY = re.compile(r"^(?:(last|this past|this|next) )?(" + "|".join(re.escape(h) for h in [*_FIXED_HOLIDAYS, "thanksgiving day", "thanksgiving"]) + r")(?: (?:day|morning|afternoon|evening|night|weekend))?$")


def _holiday(name: str, year: int) -> date:
    """The day of a holiday in a year: a fixed day, or US Thanksgiving (the fourth Thursday of November)."""
    if name.startswith("thanksgiving"):
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    month, day = _FIXED_HOLIDAYS[name]
    return date(year, month, day)


def _year_said(t: str, base: date | None) -> int | None:
    """The year named relative to publication beside a day or month: 'March 3 last year'."""
    if base is None:
        return None
    return next((base.year + k for words, k in _YEAR_SAID.items() if words in t), None)


@dataclass(frozen=True)
class Resolved:
    iso: str  # YYYY-MM-DD, YYYY-MM or YYYY; weeks as the Monday's YYYY-MM-DD
    precision: str  # day | week | month | year


def month_number(name: str) -> int:
    """'Aug.' / 'August' -> 8."""
    return _MONTH_NUM[name.lower()[:3]]


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve(text: str, base: date | None, until: date | None = None, ahead: bool = False) -> Resolved | None:
    """Resolve one DATE expression; None when it is not a point in time or cannot be placed.
    ``until``: the latest publication date among the story's articles (see ``_relative``);
    ``ahead``: the sentence speaks of what is to come there ('will launch on Tuesday', see
    ``looks_ahead``), so a weekday, a month or a day without its year is the next one, not the last."""
    t = " ".join(text.strip().lower().replace("the ", "").split())
    if re.search(r"\bor\b", t):  # 'either July or August of 2018': only the year is sure
        year = re.search(r"\b(?:19|20)\d{2}\b", t)
        return Resolved(year.group(0), "year") if year else None
    if m := _MD.search(t) or _DM.search(t):
        mon, day = (m.group(1), m.group(2)) if m.re is _MD else (m.group(2), m.group(1))
        return _day(int(m.group(3)) if m.group(3) else _year_said(t, base), month_number(mon), int(day), base, ahead)
    if (m := _MONTH_YEAR_SAID.match(t)) and (year := _year_said(t, base)):  # 'in April last year'
        return Resolved(f"{year:04d}-{month_number(m.group(1)):02d}", "month")
    if m := _MY.search(t):
        return Resolved(f"{int(m.group(2)):04d}-{month_number(m.group(1)):02d}", "month")
    if m := _YEAR.match(t):
        return Resolved(m.group(1), "year")
    if base is None:
        return None
    return _relative(t, base, until, ahead)


def yearless(text: str) -> Resolved | None:
    """A calendar date written without its year ('April', 'Oct. 29'), for an article whose own day
    is unknown, so that no year can be placed: ISO 8601's '--04' or '--10-29'."""
    t = " ".join(text.strip().lower().replace("the ", "").split())
    if re.search(r"\d{4}", t):
        return None
    if m := _MD.search(t) or _DM.search(t):
        mon, day = (m.group(1), m.group(2)) if m.re is _MD else (m.group(2), m.group(1))
        return Resolved(f"--{month_number(mon):02d}-{int(day):02d}", "day") if 1 <= int(day) <= 31 else None
    if m := _MONTH_ALONE.match(t):
        return Resolved(f"--{month_number(m.group(1)):02d}", "month")
    return None


def in_year(iso: str, year: int) -> str:
    """A date of no year ('--04-14') placed in ``year`` ('2012-04-14'); any other date as it is."""
    return f"{year:04d}{iso[1:]}" if iso.startswith("--") else iso


_AHEAD = re.compile(
    r"\b(?:will|won['’]t|shall|is|are|was|were)\s+(?:(?:now|also|still|then|not|currently|tentatively)\s+)?(?:(?:set|scheduled|due|expected|slated|poised|planning|going)\s+(?:to|for)\b)"
    r"|\b(?:will|won['’]t|shall)\b|['’]ll\b|\b(?:scheduled|slated|planned|set|due)\s+(?:for|on)\b|\bas early as\b|\bupcoming\b|\bnext\b"
    r"|\b(?:expect|plan|intend|aim|promise|vow|pledge)(?:s|ed|ing)?\s+to\b"  # 'he expected to announce it by Friday'
    r"|\b(?:could|might|would|(?-i:may))\s+(?!have\b|not have\b)\w+",  # 'he could put it in play in November', not 'could have won'
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:,]|\b(?:but|after|when|since|because|who|which)\b", re.IGNORECASE)
AHEAD_WORDS = 18  # how far before a date a future marker governs it, clause boundaries aside ('is expected to push ... in his address Tuesday'); 12 missed such a sentence, 18 changes no gold date


def looks_ahead(before: str) -> bool:
    """Whether the words right before a date, in its sentence, speak of what is to come: a future
    marker ('will', 'is scheduled to', 'as early as', 'next') among the last ``AHEAD_WORDS`` words,
    with no clause boundary after it."""
    words = " ".join(before.split()[-AHEAD_WORDS:])
    last = None
    for last in _AHEAD.finditer(words):
        pass
    return last is not None and not _CLAUSE_END.search(words[last.end() :])


AFTER_WORDS = 6  # how far after a date its clause's future marker may come ('On Monday, the Senate will reconvene')
_WILL = re.compile(r"\b(?:will|won['’]t|shall)\b|['’]ll\b|\b(?:is|are)\s+(?:set|scheduled|due|expected|slated)\s+to\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|announced|added|reported|wrote|warned|claimed|stated)\b", re.IGNORECASE)


def looks_ahead_after(after: str) -> bool:
    """Whether the clause a date opens speaks of what is to come: 'On Monday afternoon, Reid will
    reconvene the Senate'. Not when the words first report speech ('On Monday police said they will')."""
    after = re.sub(r"^\s*(?:morning|afternoon|evening|night)\b", "", after, flags=re.IGNORECASE)  # 'Monday| afternoon, Reid will'
    words = " ".join(after.lstrip(" ,").split()[:AFTER_WORDS])
    if (end := _CLAUSE_END.search(words)) is not None:
        words = words[: end.start()]
    will = _WILL.search(words)
    return will is not None and not _REPORTED.search(words[: will.start()])


def said_ahead(before: str, after: str) -> bool:
    """Whether a sentence speaks of its date as to come, by the words ``before`` it
    (``looks_ahead``) or the clause it opens (``looks_ahead_after``)."""
    return looks_ahead(before) or looks_ahead_after(after)


FUTURE_WEIGHT = 1.5  # a date written without its year is placed in the nearest year, the future counting 1.5x as far


def _day(year: int | None, month: int, day: int, base: date | None, ahead: bool = False) -> Resolved | None:
    """A day; without a year, the one nearest the publication date ('December 30' in a January
    article is last year's, 'the Jan. 3 caucus' in a December article next year's), the future
    counting ``FUTURE_WEIGHT`` times as far, since news more often reports the past."""
    if year is None:
        if base is None:
            return None
        options = [d for y in (base.year - 1, base.year, base.year + 1) if (d := _safe(y, month, day))]
        if not options:
            return None
        coming = [d for d in options if d >= base]
        if ahead and coming:
            return Resolved(min(coming).isoformat(), "day")
        best = min(options, key=lambda d: (base - d).days if d <= base else FUTURE_WEIGHT * (d - base).days)
        return Resolved(best.isoformat(), "day")
    d = _safe(year, month, day)
    return Resolved(d.isoformat(), "day") if d else None


def _relative(t: str, base: date, until: date | None = None, ahead: bool = False) -> Resolved | None:
    """'Friday' is the latest Friday up to the publication date ``base``; but the day after it
    when the story's reports run past ``base`` (``until``): an article dated Thursday that says
    'early on Friday' was written as the night turned, or in another time zone, not six days on."""
    if t in {"today", "this morning", "tonight", "this evening"}:
        return Resolved(base.isoformat(), "day")
    if t in {"yesterday", "last night"}:
        return Resolved((base - timedelta(days=1)).isoformat(), "day")
    for i, wd in enumerate(_WEEKDAYS):
        if re.fullmatch(rf"(?:last |on |this |this past |(?:earlier|early|late|later)(?: on)? )?{wd}(?: morning| afternoon| evening| night)?", t):
            if ahead and not t.startswith("last"):
                return Resolved((base + timedelta(days=(i - base.weekday()) % 7)).isoformat(), "day")
            back = (base.weekday() - i) % 7 or (7 if t.startswith("last") else 0)
            if back == 6 and until is not None and until > base and not t.startswith("last"):
                back = -1
            return Resolved((base - timedelta(days=back)).isoformat(), "day")
    if re.fullmatch(r"(?:early |late |mid-?|earlier )?last month|(?:early |late |earlier )?(?:in )?(?:the )?previous month", t):
        prev = base.replace(day=1) - timedelta(days=1)
        return Resolved(f"{prev.year:04d}-{prev.month:02d}", "month")
    if re.fullmatch(r"(?:early |late |earlier )?this month", t):
        return Resolved(f"{base.year:04d}-{base.month:02d}", "month")
    if re.fullmatch(r"(?:early |late |earlier )?last week|(?:the )?previous week", t):
        monday = base - timedelta(days=base.weekday() + 7)
        return Resolved(monday.isoformat(), "week")
    if re.fullmatch(r"last year|(?:the )?previous year", t):
        return Resolved(str(base.year - 1), "year")
    if m := _AGO.search(t):
        n, unit = (_SMALL.get(m.group(1).lower()) or int(m.group(1))), m.group(2).lower()
        if unit == "day":
            return Resolved((base - timedelta(days=n)).isoformat(), "day")
        if unit == "week":
            return Resolved((base - timedelta(days=7 * n + base.weekday())).isoformat(), "week")
        if unit == "month":
            y, mo = divmod(base.year * 12 + base.month - 1 - n, 12)
            return Resolved(f"{y:04d}-{mo + 1:02d}", "month")
        return Resolved(str(base.year - n), "year")
    if m := _HOLIDAY.match(t):
        which, name = m.group(1), m.group(2)
        days = [_holiday(name, y) for y in (base.year - 1, base.year, base.year + 1)]
        if which == "next" or (ahead and which != "last"):
            return Resolved(min(d for d in days if d >= base).isoformat(), "day")
        if which in {"last", "this past"}:
            return Resolved(max(d for d in days if d < base).isoformat(), "day")
        return Resolved(max(d for d in days if d <= base + timedelta(days=1)).isoformat(), "day")
    if m := _SEASON.match(t):
        if t.startswith("this ") and not t.startswith("this past"):
            return Resolved(str(base.year), "year")
        ends = _SEASON_ENDS[m.group(1)]
        return Resolved(str(base.year if base.month > ends else base.year - 1), "year")
    if m := _MONTH_ALONE.match(t):
        mon = month_number(m.group(1))
        if t.startswith(("last ", "this past ")):  # the latest one before this month
            year = base.year if mon < base.month else base.year - 1
        elif ahead:  # the coming one: this year's, unless it is already past
            year = base.year if mon >= base.month else base.year + 1
        else:
            year = base.year if mon <= base.month else base.year - 1
        return Resolved(f"{year:04d}-{mon:02d}", "month")
    return None


def span(iso: str, precision: str) -> tuple[date, date] | None:
    """The first and last day a date of that precision means ('2019-01', month: January 1-31);
    None when ``iso`` is not such a date."""
    try:
        if precision == "year":
            return date(int(iso[:4]), 1, 1), date(int(iso[:4]), 12, 31)
        if precision == "month":
            y, m = int(iso[:4]), int(iso[5:7])
            return date(y, m, 1), date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)
        first = date.fromisoformat(iso[:10])
        return first, first + timedelta(days=6 if precision == "week" else 0)
    except ValueError:
        return None


CLOCK = re.compile(
    r"\b(?:(?P<near>shortly|just|soon)\s+)?(?P<hedge>before|after|about|around|approximately|roughly|nearly|almost)?\s*"
    r"(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])\.?\s?m\b\.?|(?P<word>noon|midnight))",
    re.IGNORECASE,
)


def clock_range(text: str) -> tuple[int, int] | None:
    """The minutes of the day a time of day allows: '7:42 p.m.' -> (1182, 1182); 'about 11:20 a.m.' ->
    (670, 690); 'shortly before noon' -> (700, 720); 'around 5 p.m.' -> (990, 1050)."""
    m = CLOCK.search(text)
    if m is None:
        return None
    hedge, near = (m["hedge"] or "").lower(), bool(m["near"])
    if m["word"]:
        at = 720 if m["word"].lower() == "noon" else (0 if hedge == "after" else 1440)
        exact = True
    else:
        hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
        at, exact = hour * 60 + int(m["m"] or 0), m["m"] is not None
        if hour > 23 or int(m["m"] or 0) > 59:
            return None
    slack = 10 if exact else 30  # 'about 11:20' is not 11:35; 'about 5' may be 5:25
    if hedge == "before":
        return (at - (20 if near else 120), at)
    if hedge == "after":
        return (at, at + (20 if near else 120))
    if hedge in {"nearly", "almost"}:
        return (at - slack, at)
    if hedge:
        return (at - slack, at + slack)
    return (at, at) if exact else (at, at + 15)


def to_date(iso: str | None) -> date | None:
    try:
        return date.fromisoformat(iso[:10]) if iso and len(iso) >= 10 else None
    except ValueError:
        return None


def dates_a_thing(ent: "Span") -> bool:
    """A date or time that belongs to a noun, not to the sentence's event: 'the Sept. 11 attacks',
    'a 4 a.m. deadline', 'a December court filing', 'the statement Friday' (another event's
    date, or a deadline's hour); not 'Tuesday afternoon', where the noun is itself a time."""
    root, head = ent.root, ent.root.head
    return root.dep_ in {"compound", "nmod", "amod", "npadvmod", "nummod"} and head.pos_ in {"NOUN", "PROPN"} and head.ent_type_ not in {"DATE", "TIME"} and not ent.start <= head.i < ent.end
