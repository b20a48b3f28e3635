"""Stage 2b, metadata: published date, author, outlet and language of a cleaned article."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Sequence
from urllib.parse import urlparse

from . import textfeatures as tf
from .clean import Cleaned
from .models import Article

_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_DATELINE_IN_TEXT = re.compile(rf"^(?:[A-Z][A-Za-z .]+,?\s+)?\(?({tf.MONTHS}\s+\d{{1,2}},?\s+\d{{4}})\)?\s*[-–—:]", re.IGNORECASE)


@lru_cache(maxsize=4096)
def iso_date(text: str | None) -> str | None:
    """'10 August, 2017' / 'August 9, 2017 at 12:56 pm' / '2017-08-09T10:00' -> '2017-08-09'."""
    if not text or not text.strip():
        return None
    m = re.match(r"^\s*(\d{4}-\d{2}-\d{2})", text)
    if m:
        try:
            return date.fromisoformat(m.group(1)).isoformat()
        except ValueError:  # '2021-13-45'
            return None
    import dateparser

    parsed = dateparser.parse(
        tf.find_full_date(text) or text.strip(),
        languages=["en"],
        settings={"PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": ["year", "month", "day"], "RETURN_AS_TIMEZONE_AWARE": False},
    )
    return parsed.date().isoformat() if parsed else None


def published_date(given: str | None, cleaned: Cleaned) -> str | None:
    """Manifest/record/page date first, then the first date line, then a dateline opening the body."""
    for candidate in (given, *cleaned.all("dateline")):
        if (iso := iso_date(candidate)) is not None:
            return iso
    body = cleaned.all("body")
    if body and (m := _DATELINE_IN_TEXT.match(body[0])):
        return iso_date(m.group(1))
    return None


def author_name(given: str | None, cleaned: Cleaned) -> str | None:
    """The record's author, else the first byline with 'By' and trailing outlet stripped."""
    for cand in (given, *cleaned.all("byline")):
        if cand and (bio := tf.author_bio(cand)):
            return bio
        if cand and tf.script_share(cand) >= 0.5:
            name = _BY.sub("", cand)
            name = re.split(r"\s+[|,•·—–-]\s+", name)[0].strip()
            if name:
                return name
    return None


def outlet_name(given: str | None, url: str | None, sitename: str | None, cleaned: Cleaned) -> str | None:
    """Manifest > the page's own site name ('Lakeside Herald', from its og:site_name or the
    like) > URL domain > masthead joined to the headline in the text > the agency of a wire
    dateline opening the body ('(CNN) ...', 'CAIRO (Reuters) - ...')."""
    if given:
        return given
    if sitename and _SITE_NAME.match(sitename.strip()) and not _HOST.match(sitename.strip()):
        return sitename.strip()
    if url and (host := urlparse(url).hostname):
        return known_outlet(host) or host.removeprefix("www.")
    body = cleaned.all("body")
    return _masthead(cleaned) or (tf.dateline_agency(body[0]) if body else None)


def _masthead(cleaned: Cleaned) -> str | None:
    head = cleaned.first("headline")
    if not head:
        return None
    for ln in cleaned.lines:
        if ln.label == "boilerplate" and head in ln.text and ln.text != head:
            rest = ln.text.replace(head, " ")
            rest = re.sub(r"\s*[|:•·—–-]\s*", " ", rest).strip()
            ws = rest.split()
            if 1 <= len(ws) <= 4:
                return ws[-1]
    return None


def load_language_model() -> None:
    """Load the language identifier's model now (half a second of decompression), e.g. in a
    parent process before it forks workers, which then inherit it instead of each loading it."""
    language("a sentence in English to load the language model")


def language(text: str) -> str | None:
    """ISO 639-1 code of the body's language (py3langid), or None for empty text."""
    if len(text.strip()) < 20:
        return None
    import py3langid

    lang, _ = py3langid.classify(text[:1500])  # a few paragraphs decide it; the rest only costs time
    return str(lang)


_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_SITE_NAME = re.compile(r"^\S.{0,58}\S$")  # a name, not a sentence nor one letter


def unify_outlets(articles: Sequence[Article]) -> list[Article]:
    """One outlet, one name: a web address given as the outlet ('www.news.lakesideherald.com') takes
    the name of an outlet of the same articles that one of its labels spells ('Lakeside Herald'),
    else the name a general table gives its domain ('www.cbsnews.com' -> 'CBS News',
    ``known_outlet``), else the bare host ('news.lakesideherald.com'), so that an outlet under
    two names counts once."""
    names = {a.outlet for a in articles if a.outlet and not _HOST.match(a.outlet)}
    by_squashed = {_squashed(n): n for n in sorted(names) if len(_squashed(n)) >= 4}
    renamed = {}
    for a in articles:
        if a.outlet and _HOST.match(a.outlet) and a.outlet not in renamed:
            host = a.outlet.lower().removeprefix("www.")
            renamed[a.outlet] = next((by_squashed[label] for label in host.split(".") if label in by_squashed), None) or known_outlet(host) or host
    return [replace(a, outlet=renamed[a.outlet]) if a.outlet in renamed and renamed[a.outlet] != a.outlet else a for a in articles]


def known_outlet(host: str) -> str | None:
    """The name of a widely read outlet whose domain (or a parent domain) ``host`` is
    (``outlets.json``: 'edition.cnn.com' -> 'CNN'), or None."""
    labels = host.lower().rstrip(".").split(".")
    table = _outlet_table()
    return next((table[d] for d in (".".join(labels[i:]) for i in range(len(labels) - 1)) if d in table), None)


def known_outlet_names() -> frozenset[str]:
    """The names the widely read outlets of ``outlets.json`` publish under ('CNN', 'Politico')."""
    return frozenset(_outlet_table().values())


@lru_cache(maxsize=1)
def _outlet_table() -> dict[str, str]:
    return dict(json.loads(resources.files("newsprism").joinpath("outlets.json").read_text(encoding="utf-8"))["domains"])


def _squashed(name: str) -> str:
    """'The Lakeside Herald' -> 'lakesideherald': how a name is written in a web address."""
    return re.sub(r"[^a-z0-9]", "", name.lower().removeprefix("the "))
