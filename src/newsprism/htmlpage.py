"""Stage 2 for HTML inputs: trafilatura pulls out the main text and the page's metadata."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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
    """Main text and metadata of an HTML page (trafilatura), or ``InputError`` if it has none."""
    page = _extract(html)
    if page is None:
        raise InputError(path, "HTML page has no extractable article text")
    return page


@lru_cache(maxsize=1024)
def _extract(html: str) -> PageText | None:
    """Remembered: a fetched page is read once to key it and once more by the pipeline (in this
    process, or in a worker forked from it, which inherits the memory)."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False, favor_precision=True)
    if doc is None or not (doc.text or "").strip():
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_recall=True)
    if doc is None or not (doc.text or "").strip():
        return None
    text = "\n".join(p for p in doc.text.split("\n"))
    return PageText(text, doc.title, doc.author, doc.date, doc.sitename, doc.url, doc.description)
