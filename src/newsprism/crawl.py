"""Web sources into the corpus: ``fetch_into`` stores pages by URL and ingests them; ``follow_once``
reads feeds, fetches their new entries and says what changed in the stories.

Nothing lost, nothing twice: URLs are compared in canonical form (courlan), an article is keyed
by the hash of its extracted text (one article under two URLs is stored once), the raw page is
kept, a failed URL is recorded with its reason and tried again next run (up to ``MAX_TRIES``),
and a feed's ETag / Last-Modified are saved only once its entries are stored, so a run killed at
any point is finished by running it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from typing import Any, Callable, Iterable, Sequence

from .corpus import IngestResult, ingest_into, stored_story_report
from .errors import InputError
from .feeds import Feed, feed_links, parse_feed
from .fetch import Fetched, Fetcher
from .htmlpage import extract_page
from .ingest import content_id
from .models import Problem, Source
from .store import Store
from .story import analyze_story

MAX_TRIES = 5  # a URL that failed this many runs is left alone; its reason stays in fetch_failures
PAGES_PER_WRITE = 16  # fetched pages stored per transaction
FEEDS_TRIED = 3  # feeds announced by a home page that are tried, in its order
Progress = Callable[[str, int, int], None]


def canonical(url: str) -> str:
    """One spelling per page: lower-case host, no default port, no tracking parameters (courlan;
    not its strict mode, which also drops parameters that name the article, '?story=5'), no
    fragment; the URL itself when courlan cannot read it."""
    from courlan import normalize_url

    try:
        return normalize_url(url.strip()).split("#", 1)[0]
    except (ValueError, TypeError):
        return url.strip().split("#", 1)[0]


@dataclass(frozen=True)
class FetchRun:
    asked: int
    stored: tuple[str, ...]  # canonical URLs stored by this run
    already_stored: int
    failures: tuple[tuple[str, str], ...]  # (URL, why)
    ingest: IngestResult
    same_article: int = 0  # pages stored by this run whose article the corpus had under another address


def fetch_into(store: Store, urls: Iterable[str], fetcher: Fetcher, published: dict[str, str] | None = None, progress: Progress | None = None) -> FetchRun:
    """Fetch the pages of ``urls`` the store lacks, keep them raw, ingest their articles (and
    those of pages a stopped run stored without ingesting). ``published`` (URL -> ISO date, from a
    feed) stands in for a page that does not say when it was published."""
    tick = progress or (lambda stage, done, total: None)
    dates = {canonical(u): d for u, d in (published or {}).items()}
    wanted = list(dict.fromkeys(canonical(u) for u in urls))
    have = store.stored_urls(wanted)
    spent = {u for u, n in store.failed_tries(wanted).items() if n >= MAX_TRIES}
    todo = [u for u in wanted if u not in have and u not in spent]
    stored: list[str] = []
    articles: list[str] = []
    failures = [(u, "failed too often; not tried again") for u in sorted(spent)]
    pages: list[dict[str, Any]] = []
    kept: list[tuple[str, str]] = []  # failures worth another try next run

    store.release()  # held only while pages are written: readers (serve) get in between

    def write() -> None:  # one transaction per few pages: a stopped run keeps what it downloaded
        store.add_pages(pages, kept)
        store.release()
        stored.extend(p["url"] for p in pages)
        articles.extend(p["article_id"] for p in pages)
        pages.clear()
        kept.clear()

    try:
        for n, got in enumerate(fetcher.iter_many(todo), 1):
            page = _page(got, dates.get(got.url))
            if isinstance(page, str):
                failures.append((got.url, page))
                if not got.refused:  # a refusal (scheme, address, robots.txt) would only be refused again
                    kept.append((got.url, page))
            else:
                pages.append(page)
            if len(pages) + len(kept) >= PAGES_PER_WRITE:
                write()
            tick("fetch", n, len(todo))
    finally:
        write()
    problems: list[Problem] = [Problem(u, f"not fetched: {why}", "skipped") for u, why in failures]
    same = len(store.known_ids(articles))  # before this run's articles are ingested
    sources = [_source(p) for p in store.pages_without_article()]
    result = ingest_into(store, sources, problems, progress=tick)
    return FetchRun(len(wanted), tuple(stored), len(have), tuple(failures), result, same)


def fetch_sources(urls: Iterable[str], fetcher: Fetcher, progress: Progress | None = None) -> tuple[list[Source], list[Problem]]:
    """Pages as sources, without a corpus (``analyze URL...``): each page once, with why a URL gave none."""
    tick = progress or (lambda stage, done, total: None)
    todo = list(dict.fromkeys(canonical(u) for u in urls))
    sources: dict[str, Source] = {}
    problems: list[Problem] = []
    for n, got in enumerate(fetcher.iter_many(todo), 1):
        tick("fetch", n, len(todo))
        page = _page(got, None)
        if isinstance(page, str):
            problems.append(Problem(got.url, f"not fetched: {page}", "skipped"))
        elif page["article_id"] in sources:
            problems.append(Problem(got.url, f"same article as {sources[page['article_id']].url}; kept once", "warning"))
        else:
            sources[page["article_id"]] = _source(page)
    return list(sources.values()), problems


def _source(page: dict[str, Any]) -> Source:
    """A stored (or just fetched) page as the source the pipeline reads."""
    return Source(page["article_id"], page["final_url"], page["html"], "html", url=page["final_url"], published=page.get("published"))


def _page(got: Fetched, published: str | None) -> dict[str, Any] | str:
    """The page row of a fetched URL, or why it cannot be one."""
    if not got.ok:
        return got.error or f"HTTP {got.status}"
    kind = got.headers.get("content-type", "text/html").split(";")[0].strip().lower()
    if kind and not (kind.startswith("text/") or "html" in kind or "xml" in kind):
        return f"not a web page ({kind})"
    html = got.text()
    try:
        page = extract_page(html, got.final_url)
    except InputError as exc:
        return exc.reason
    return {
        "url": got.url,
        "final_url": got.final_url,
        "article_id": content_id(page.text),
        "content_hash": hashlib.sha256(got.body).hexdigest()[:32],
        "html": html,
        "published": None if page.date else published,  # the page's own date comes first
    }


# -- feeds ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedStatus:
    url: str
    feed_url: str | None
    title: str | None
    entries: int
    status: str  # 'read', 'unchanged' (HTTP 304) or 'failed'
    error: str | None = None


@dataclass
class Changes:
    """What one run of ``follow`` changed, for people and for programs (``as_dict``)."""

    checked_at: str
    feeds: list[FeedStatus] = field(default_factory=list)
    fetched: int = 0
    already_stored: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    new_stories: list[dict[str, Any]] = field(default_factory=list)
    grown_stories: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["failures"] = [{"url": u, "reason": r} for u, r in self.failures]
        return data


def read_feed_list(text: str, path: str) -> tuple[list[str], list[Problem]]:
    """Feed or home-page URLs, one per line ('#' starts a comment); each bad line is a problem."""
    urls, problems = [], []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        if not line.lower().startswith(("http://", "https://")) or " " in line:
            problems.append(Problem(path, f"not an http(s) URL: {line[:100]!r}", "skipped", n))
            continue
        urls.append(line)
    return urls, problems


def follow_once(store: Store, feed_urls: Sequence[str], fetcher: Fetcher, progress: Progress | None = None) -> Changes:
    """Read every feed, fetch its entries the store lacks (and URLs that failed before), ingest
    them and report the stories they changed."""
    changes = Changes(datetime.now(timezone.utc).replace(microsecond=0).isoformat())
    states: list[tuple[str, str, Feed, Fetched]] = []
    links: dict[str, str | None] = {}
    for url in feed_urls:
        status, found = _read_feed(store, url, fetcher)
        changes.feeds.append(status)
        if found is not None:
            states.append((url, *found))
            for e in found[1].entries:
                links.setdefault(e.url, e.published)
    links.update({u: None for u in store.retry_urls(MAX_TRIES) if u not in links})
    before = store.conflict_snapshot()
    run = fetch_into(store, list(links), fetcher, published={u: d for u, d in links.items() if d}, progress=progress)
    for url, feed_url, feed, got in states:  # only now: a run killed before this reads the feeds in full again
        store.save_feed_state(url, feed_url, feed.title, got.headers.get("etag"), got.headers.get("last-modified"))
    changes.fetched, changes.already_stored, changes.failures = len(run.stored), run.already_stored, list(run.failures)
    _story_changes(store, run.ingest.new_ids, before, changes)
    return changes


def _read_feed(store: Store, url: str, fetcher: Fetcher) -> tuple[FeedStatus, tuple[str, Feed, Fetched] | None]:
    """The feed of ``url`` (itself, or the first feed its home page announces that reads as
    one), fetched conditionally when it was read before."""
    state = store.feed_state(url) or {}
    target = state.get("feed_url") or url
    got = fetcher.get(target, state.get("etag"), state.get("last_modified"))
    if got.not_modified:
        return FeedStatus(url, target, state.get("title"), 0, "unchanged"), None
    if not got.ok:
        return FeedStatus(url, target, state.get("title"), 0, "failed", got.error), None
    feed = parse_feed(got.body, got.final_url, got.headers.get("content-type", ""))
    if feed is None:  # a home page: its announced feeds
        for link in feed_links(got.text(), got.final_url)[:FEEDS_TRIED]:
            again = fetcher.get(link)
            feed = parse_feed(again.body, again.final_url, again.headers.get("content-type", "")) if again.ok else None
            if feed is not None:
                target, got = link, again
                break
    if feed is None:
        return FeedStatus(url, None, None, 0, "failed", "neither a feed nor a page that links to one"), None
    return FeedStatus(url, target, feed.title, len(feed.entries), "read"), (target, feed, got)


def _story_changes(store: Store, new_ids: Sequence[str], before: dict[str, tuple[str, list[dict[str, Any]] | None]], changes: Changes) -> None:
    """New stories, stories with new articles, and their conflicts that are new or changed."""
    added: dict[str, list[str]] = {}
    for aid in new_ids:
        sid = store.story_of(aid)
        if sid is not None:
            added.setdefault(sid, []).append(aid)
    for sid, ids in sorted(added.items()):
        members = store.story_members(sid)
        row = store.story_row(sid) or {}
        entry = {"id": sid, "title": row.get("title"), "articles": len(members), "added": sorted(ids)}
        (changes.grown_stories if sid in before and len(members) > len(ids) else changes.new_stories).append(entry)
        if len(members) < 2:
            continue
        now = [asdict(c) for c in stored_story_report(store, sid, save=True).stories[0].conflicts]
        fresh = set(ids)
        old_members = [m for m in members if m not in fresh]
        old = before.get(sid, ("", None))[1]
        if old is None:
            old = [asdict(c) for c in analyze_story(store.articles(old_members), store.copies(old_members)).conflicts] if len(old_members) >= 2 else []
        changes.conflicts += _conflict_changes(sid, row.get("title"), old, now)


def _conflict_changes(sid: str, title: str | None, old: list[dict[str, Any]], now: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Conflicts of ``now`` that ``old`` lacks ('new'), or had with other values ('changed')."""
    def values(c: dict[str, Any]) -> list[str]:
        return sorted(f"{v['value']} ({', '.join(v['outlets'])})" for v in c["values"])

    was = {(c["type"], c["about"]): values(c) for c in old}
    out = []
    for c in now:
        key = (c["type"], c["about"])
        if key in was and was[key] == values(c):
            continue
        out.append({"story_id": sid, "story_title": title, "change": "changed" if key in was else "new", "type": c["type"], "about": c["about"], "verdict": c["verdict"], "why": c["why"], "before": was.get(key, []), "now": values(c)})
    return out


def reclean(store: Store, progress: Progress | None = None) -> tuple[int, int, list[Problem]]:
    """Clean every stored page again with today's cleaner, without fetching: (pages read,
    articles whose text changed, problems). Ids and stories stay; changed stories are analysed
    afresh on their next read."""
    from .cluster import embed_leads
    from .copies import signature, signature_bytes
    from .embed import get_embedder
    from .pipeline import prepare_sources

    pages = store.stored_pages()
    before = {a.id: a.body for a in store.articles([p["article_id"] for p in pages])}
    sources = [_source(p) for p in pages]
    articles, problems = prepare_sources(sources, tick=progress)
    changed = [a for a in articles if before.get(a.id) != a.body]
    leads = embed_leads(changed, get_embedder()) if changed else []
    store.replace_articles([(a, vec, signature_bytes(signature(a.body))) for a, vec in zip(changed, leads)])
    return len(pages), len(changed), problems
