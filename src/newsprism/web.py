"""``newsprism serve``: a local web app over the DuckDB corpus, a thin layer over corpus.py.

Pages: the story list (search and date filter), story pages (the same renderer as the HTML
report), article pages; each has a JSON twin under /api. Ids are checked against a strict pattern,
unknown ones give 404 and bad ones 422, never a traceback. Every page sends the same
Content-Security-Policy as the report files (no script can run).

Connections: every request opens the corpus read-only and closes it (DuckDB refuses a read-write
and a read-only connection to one file in one process, and a connection held open would lock
`ingest` out). Opening costs far more than the list's queries, so list, API and article answers
are kept per request and version of the corpus file (its and its write-ahead log's size and
modification time: ``file_version``), and opened again only once a writer has committed. Story analyses the corpus has not cached are computed once per story and version
of its members and kept in this process (``_Analyses``), as are the rendered story pages.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import asdict
from datetime import date
from pathlib import Path
from urllib.parse import urlencode
from threading import Lock, RLock, Thread
from typing import Any

from fastapi import HTTPException, Query, Request
from fastapi import Path as P
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse
from fastapi_offline import FastAPIOffline

from .corpus import ANALYSIS_VERSION, stored_story_report, stories_page
from .grouping import explain
from .models import Report, counted
from .render_html import CSP, article_html, esc, page, render_story
from .store import READ_WAIT_S, Store, file_version

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,80}$"
UPDATING_NOTE = "New articles joined this story: this page shows it as it was before them while it is analysed again. Reload in a moment."
PER_PAGE = 50  # stories on a page of the list (and in an API answer) unless asked otherwise
MAX_PER_PAGE = 500


LOCAL_NAMES = frozenset({"127.0.0.1", "localhost", "::1"})
# the API docs pages (/docs, /redoc): Swagger UI and ReDoc from the fastapi-offline package's files,
# served here (no CDN); their start-up scripts are inline
DOCS_CSP = "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src blob:; base-uri 'none'; frame-ancestors 'none'"
DOCS_ASSETS = "/docs-assets"


def create_app(db: str | Path, hosts: frozenset[str] | None = LOCAL_NAMES) -> Any:
    """The FastAPI application for the corpus at ``db`` (which must exist). Requests whose Host
    header names none of ``hosts`` are refused (a page of another site that points its own name
    at 127.0.0.1 cannot read the corpus); ``None`` accepts any."""
    Store(db, read_only=True).close()  # fail early, with the store's clear message
    app = FastAPIOffline(title="newsprism", description="Stories, articles and their cross-source analysis.", version="1", static_url=DOCS_ASSETS)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        if hosts is not None and host_name(request.headers.get("host", "")) not in hosts:
            response = PlainTextResponse("unexpected Host header", status_code=400)
        else:
            response = await call_next(request)
        response.headers["Content-Security-Policy"] = DOCS_CSP if request.url.path.startswith(("/docs", "/redoc")) else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    def _day(name: str, text: str | None) -> date | None:
        try:
            return date.fromisoformat(text) if text else None  # the form sends since= when left empty
        except ValueError:
            raise HTTPException(422, f"{name} must be a date like 2017-08-01, not {text!r}") from None

    reads = _Recent()  # (what, arguments) -> (file version, answer)

    def _read(what: tuple, load: Any) -> Any:
        """``load()``, or its answer from when the corpus file was last the same."""
        version = file_version(db)
        hit = reads.get(what)
        if hit is not None and hit[0] == version:
            return hit[1]
        answer = load()
        if file_version(db) == version:  # not written meanwhile
            reads[what] = (version, answer)
        return answer

    def _stories(q: str | None, since: str | None, until: str | None = None, limit: int = PER_PAGE, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
        first, last = _day("since", since), _day("until", until)
        rows, total = _read(("stories", q or None, first, last, limit, offset), lambda: stories_page(db, first, q or None, last, limit, offset, READ_WAIT_S))
        return [_jsonable(r) for r in rows], total

    analyses = _Analyses()

    def _story(story_id: str) -> Report:
        try:
            with analyses.lock_for(story_id), Store(db, read_only=True, wait=READ_WAIT_S) as store:  # one analysis per story at a time
                return stored_story_report(store, story_id, memo=analyses)
        except KeyError:
            raise HTTPException(404, f"no story {story_id}") from None

    def _article(article_id: str):  # type: ignore[no-untyped-def]
        def load() -> tuple[list, str | None]:
            with Store(db, read_only=True, wait=READ_WAIT_S) as s:
                return s.articles([article_id]), s.story_of(article_id)

        found, sid = _read(("article", article_id), load)
        if not found:
            raise HTTPException(404, f"no article {article_id}")
        return found[0], sid

    @app.get("/api/stories", summary="List stories")
    def api_stories(
        q: str | None = Query(None, max_length=200), since: str | None = Query(None, max_length=10), until: str | None = Query(None, max_length=10),
        limit: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE), offset: int = Query(0, ge=0),
    ) -> JSONResponse:
        """Stories, latest first; the header X-Total-Count says how many match in all."""
        rows, total = _stories(q, since, until, limit, offset)
        return JSONResponse([{k: v for k, v in r.items() if k != "members_hash"} for r in rows], headers={"X-Total-Count": str(total)})

    @app.get("/api/stories/{story_id}", summary="One story's cross-source analysis and its articles")
    def api_story(story_id: str = P(..., pattern=ID_PATTERN)) -> JSONResponse:
        report = _story(story_id)
        return JSONResponse(json.loads(json.dumps({"story": asdict(report.stories[0]), "articles": [asdict(a) for a in report.articles]}, default=str)))

    @app.get("/api/stories/{story_id}/grouping", summary="Why a story's articles are one story")
    def api_grouping(story_id: str = P(..., pattern=ID_PATTERN)) -> JSONResponse:
        """The story's articles with their scores against it, its core words and names, its events' dates."""

        def load() -> dict[str, Any] | None:
            with Store(db, read_only=True, wait=READ_WAIT_S) as store:
                return asdict(explain(store, [story_id])[story_id]) if store.story_row(story_id) else None

        found = _read(("grouping", story_id), load)
        if found is None:
            raise HTTPException(404, f"no story {story_id}")
        return JSONResponse(found)

    @app.get("/api/articles/{article_id}", summary="One clean article")
    def api_article(article_id: str = P(..., pattern=ID_PATTERN)) -> JSONResponse:
        art, sid = _article(article_id)
        return JSONResponse(asdict(art) | {"story_id": sid})

    @app.get("/", response_class=HTMLResponse, summary="Story list (HTML)")
    def index(
        q: str | None = Query(None, max_length=200), since: str | None = Query(None, max_length=10), until: str | None = Query(None, max_length=10),
        page_no: int = Query(1, alias="page", ge=1), per_page: int = Query(PER_PAGE, ge=1, le=MAX_PER_PAGE),
    ) -> HTMLResponse:
        rows, total = _stories(q, since, until, per_page, (page_no - 1) * per_page)
        for r in rows:  # analysed by this server (the corpus is read-only here): its title and conflicts
            known = analyses.get((r["id"], r["members_hash"], ANALYSIS_VERSION))
            if known is not None:
                r["title"], r["conflicts"] = known.title, len(known.conflicts)
        items = "".join(
            f"<tr><td><a href='/stories/{esc(r['id'])}'>{esc(r['title'])}</a></td><td>{r['n_articles']}</td><td>{len(r['outlets'])}: {esc(', '.join(r['outlets']))}</td>"
            f"<td>{'' if r['conflicts'] is None else r['conflicts']}</td><td>{esc(r['first_seen'] or '?')}</td><td>{esc(r['last_seen'] or '?')}</td></tr>"
            for r in rows
        )
        form = (
            "<form method='get' action='/'><input name='q' placeholder='search' value='" + esc(q or "") + "'> "
            "since <input type='date' name='since' value='" + esc(since or "") + "'> until <input type='date' name='until' value='" + esc(until or "") + "'> "
            "<button>Filter</button> <a href='/api/stories'>JSON</a> <a href='/docs'>API docs</a></form>"
        )
        shown = f"{(page_no - 1) * per_page + 1}-{(page_no - 1) * per_page + len(rows)} of " if rows and total > len(rows) else ""
        body = (
            f"<h1>newsprism</h1>{form}<p class='meta'>{shown}{counted(total, 'story', 'stories')}, latest first</p>"
            "<table><tr><th>Story</th><th>Articles</th><th>Outlets</th><th title='known once the story has been analysed'>Conflicts</th><th>First seen</th><th>Last seen</th></tr>"
            f"{items}</table>{_pager(page_no, per_page, total, {'q': q, 'since': since, 'until': until})}"
        )
        return HTMLResponse(page("newsprism stories", body))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, summary="Story page (HTML)")
    def story_page(story_id: str = P(..., pattern=ID_PATTERN)) -> HTMLResponse:
        with Store(db, read_only=True, wait=READ_WAIT_S) as store:
            row = store.story_row(story_id)
        key = (story_id, row["members_hash"] if row else None, ANALYSIS_VERSION)
        if key in analyses.pages:  # rendered once per story and version of its members
            return HTMLResponse(analyses.pages[key])
        older = analyses.latest_page(story_id) if row else None
        if older is None:
            return HTMLResponse(_render(story_id, key))
        # the story gained articles: its last page now, the new analysis (seconds for a big story) behind it
        Thread(target=_render_quietly, args=(story_id, key), daemon=True).start()
        return HTMLResponse(older.replace("<main>", f"<main><p class='card'>{UPDATING_NOTE}</p>", 1))

    def _render_quietly(story_id: str, key: tuple) -> None:
        try:
            _render(story_id, key)
        except HTTPException:  # the story was merged away meanwhile: the next view says so
            pass

    def _render(story_id: str, key: tuple) -> str:
        with analyses.lock_for(story_id):  # one analysis per story at a time; the second caller finds it done
            if key not in analyses.pages:
                report = _story(story_id)
                analyses.pages[key] = render_story(report.stories[0], list(report.articles), home="/", article_page="/articles/{id}")
                analyses.latest[story_id] = key
            return analyses.pages[key]

    @app.get("/articles/{article_id}", response_class=HTMLResponse, summary="Article page (HTML)")
    def article_page(article_id: str = P(..., pattern=ID_PATTERN)) -> HTMLResponse:
        art, sid = _article(article_id)
        back = "<nav><a href='/'>&larr; all stories</a>" + (f"<a href='/stories/{esc(sid)}'>story</a>" if sid else "") + "</nav>"
        return HTMLResponse(page(art.headline or art.id, back + article_html(art, 1)))

    return app


def _pager(page_no: int, per_page: int, total: int, params: dict[str, str | None]) -> str:
    """'previous' / 'next' links of the story list, keeping its filters."""
    def link(n: int, label: str) -> str:
        query = urlencode({k: v for k, v in params.items() if v} | {"page": n, "per_page": per_page})
        return f"<a href='/?{esc(query)}'>{label}</a>"

    links = ([link(page_no - 1, "&larr; newer")] if page_no > 1 else []) + ([link(page_no + 1, "older &rarr;")] if page_no * per_page < total else [])
    return f"<nav class='pager'>{' '.join(links)}</nav>" if links else ""


def host_name(header: str) -> str:
    """The name of a Host header, without its port: 'localhost:8000' -> 'localhost', '[::1]:80' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1 : header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


class _Recent(OrderedDict):
    """The most recent ``KEEP`` entries put in, the oldest dropped first; safe across threads."""

    KEEP = 256

    def __init__(self) -> None:
        super().__init__()
        self._guard = Lock()

    def __setitem__(self, key: tuple, value: Any) -> None:
        with self._guard:
            super().__setitem__(key, value)
            while len(self) > self.KEEP:
                self.popitem(last=False)


class _Analyses(_Recent):
    """Story analyses computed by this process, with the rendered story pages beside them (each
    the most recent ``KEEP``); a lock per story, so that ten first views of one story run one
    analysis."""

    def __init__(self) -> None:
        super().__init__()
        self._locks: dict[str, Any] = {}
        self.pages = _Recent()
        self.latest: dict[str, tuple] = {}  # story id -> the key of its newest rendered page

    def lock_for(self, story_id: str) -> Any:
        with self._guard:
            return self._locks.setdefault(story_id, RLock())

    def latest_page(self, story_id: str) -> str | None:
        """The last page rendered for a story, whatever its articles were then."""
        key = self.latest.get(story_id)
        return self.pages.get(key) if key is not None else None


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()}
