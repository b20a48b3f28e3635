"""Feeds: the entries of an RSS, Atom (feedparser) or JSON Feed document, and the feeds a site's
home page links to (trafilatura's feed finder)."""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None = None
    published: str | None = None  # ISO 8601, UTC, when the feed gives it


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]


def parse_feed(body: bytes, url: str, content_type: str = "") -> Feed | None:
    """The feed in ``body`` (fetched from ``url``), or None when it is not a feed (a web page)."""
    head = body.lstrip()[:1]
    if head in {b"{", b"["}:
        return _json_feed(body, url)
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-type": content_type or "application/xml", "content-location": url})
    if not parsed.version:
        return None
    entries = []
    for e in parsed.entries:
        link = e.get("link") or next((lk.get("href") for lk in e.get("links", []) if lk.get("href")), None)
        if not link:
            continue
        when = e.get("published_parsed") or e.get("updated_parsed")
        iso = datetime(*when[:6], tzinfo=timezone.utc).isoformat() if when else None
        entries.append(FeedEntry(urljoin(url, link), _text(e.get("title")), iso))
    return Feed(_text(parsed.feed.get("title")), tuple(entries))


def _json_feed(body: bytes, url: str) -> Feed | None:
    """JSON Feed 1.0 / 1.1 (https://jsonfeed.org), which feedparser does not read."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict) or not str(data.get("version", "")).startswith("https://jsonfeed.org/version/"):
        return None
    entries = []
    for item in data.get("items") or []:
        if not isinstance(item, dict):
            continue
        link = item.get("url") or item.get("external_url")
        if not isinstance(link, str) or not link:
            continue
        entries.append(FeedEntry(urljoin(url, link), _text(item.get("title")), _iso(item.get("date_published") or item.get("date_modified"))))
    return Feed(_text(data.get("title")), tuple(entries))


def _text(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def _iso(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc)).astimezone(timezone.utc).isoformat()


def feed_links(html: str, base_url: str) -> list[str]:
    """The feeds a home page announces (``<link rel="alternate" type="application/rss+xml">``,
    or links that look like feeds), absolute, most likely first."""
    with warnings.catch_warnings():  # its downloader module warns that urllib3 lacks SOCKS support, which we do not use
        warnings.simplefilter("ignore")
        from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(base_url)
    params = FeedParameters(f"{parts.scheme}://{parts.netloc}", parts.hostname or "", base_url, False)
    return determine_feed(html, params)
