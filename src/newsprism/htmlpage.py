"""Stage 2 for HTML inputs: trafilatura pulls out the main text and the page's metadata."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from threading import Lock

from .errors import InputError


@dataclass(frozen=True)
class PageText:
    text: str
    title: str | None
    author: str | None
    date: str | None
    sitename: str | None
    url: str | None
    description: str | None


def extract_page(html: str, path: str) -> PageText:
    """Main text and metadata of an HTML page (trafilatura), or ``InputError`` if it has none.

    Remembered by the page's digest (not the page itself, which may be megabytes) for the last
    ``REMEMBERED`` pages: a fetched page is read once to key it and once more by the pipeline
    (in this process, or in a worker forked from it, which inherits the memory)."""
    key = hashlib.blake2b(html.encode("utf-8", "surrogatepass"), digest_size=16).digest()
    with _lock:
        found = _seen.get(key, _MISSING)
        if found is not _MISSING:
            _seen.move_to_end(key)
    if found is _MISSING:
        found = _extract(html)
        with _lock:
            _seen[key] = found
            while len(_seen) > REMEMBERED:
                _seen.popitem(last=False)
    if found is None:
        raise InputError(path, "HTML page has no extractable article text")
    return found  # type: ignore[return-value]


def forget_pages() -> None:
    """Empty the memory of extracted pages (for benchmarks that read the same pages twice)."""
    with _lock:
        _seen.clear()


REMEMBERED = 1024
_MISSING = object()
_seen: OrderedDict[bytes, PageText | None] = OrderedDict()
_lock = Lock()


def _extract(html: str) -> PageText | None:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    if doc is None or not (doc.text or "").strip():
        return None
    return PageText(doc.text, doc.title, doc.author, doc.date, doc.sitename, doc.url, doc.description)
