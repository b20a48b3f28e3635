"""The corpus store: one DuckDB file holding articles, embeddings, copy links, stories, the
clusterer's state and cached story analyses.

Every write is one transaction, so a process killed at any moment leaves the file as it was
before that transaction; the next run redoes only what is missing. The schema carries a version:
older files are migrated, newer ones refused with a clear message.
"""

from __future__ import annotations

import json
import pickle
import time
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

from .errors import NoCorpusError, StoreError
from .models import Article, article_from_dict

SCHEMA_VERSION = 2
APP = "newsprism"

_SCHEMA = [
    "CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, source_path VARCHAR, outlet VARCHAR, url VARCHAR, headline VARCHAR,
        published DATE, language VARCHAR, data JSON, lead_vec FLOAT[], minhash BLOB,
        copy_of VARCHAR, story_id VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS stories (
        id VARCHAR PRIMARY KEY, title VARCHAR, first_seen DATE, last_seen DATE, n_articles INTEGER,
        outlets JSON, members_hash VARCHAR, analysis JSON, updated_at TIMESTAMP DEFAULT current_timestamp)""",
    "CREATE TABLE IF NOT EXISTS state (name VARCHAR PRIMARY KEY, value BLOB)",
]
_WEB = [  # schema 2: pages fetched from the web, kept raw so that a better cleaner can read them again
    """CREATE TABLE IF NOT EXISTS pages (
        url VARCHAR PRIMARY KEY, final_url VARCHAR, article_id VARCHAR, content_hash VARCHAR,
        html VARCHAR, published VARCHAR, fetched_at TIMESTAMP DEFAULT current_timestamp)""",
    "CREATE TABLE IF NOT EXISTS fetch_failures (url VARCHAR PRIMARY KEY, reason VARCHAR, tries INTEGER, last_at TIMESTAMP DEFAULT current_timestamp)",
    """CREATE TABLE IF NOT EXISTS feeds (
        url VARCHAR PRIMARY KEY, feed_url VARCHAR, title VARCHAR, etag VARCHAR, last_modified VARCHAR,
        checked_at TIMESTAMP DEFAULT current_timestamp)""",
]
_SCHEMA += _WEB
# version -> statements that bring a file from version-1 to version
MIGRATIONS: dict[int, list[str]] = {2: _WEB}


LOCK_RETRY_S = 0.2  # how often a waiting open tries the lock again
REOPEN_WAIT_S = 120.0  # how long a released writer waits to get the file back from readers
READ_WAIT_S = 30.0  # how long a reader (the web app) waits while a writer holds the file for one write
NO_DOWNLOADS = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}  # never fetch an extension at run time


def file_version(path: str | Path) -> tuple:
    """What changes whenever a writer commits to the corpus: size and modification time (ns) of
    the file and of its write-ahead log (None where absent)."""
    out: list = []
    for p in (Path(path), Path(f"{path}.wal")):
        try:
            st = p.stat()
            out.append((st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


class Store:
    """A newsprism corpus in one DuckDB file."""

    def __init__(self, path: str | Path, read_only: bool = False, create: bool = True, wait: float = 0.0) -> None:
        """Open the corpus at ``path``. Only a writable open with ``create`` makes a new one;
        otherwise a missing or empty file raises NoCorpusError and no file is left behind. While
        another process holds the file (an ingest writing), try again for up to ``wait`` seconds."""
        self.path = Path(path)
        self.create = create and not read_only
        fresh = not self.path.exists() or self.path.stat().st_size == 0
        if fresh and not self.create:  # before connecting: DuckDB would create the file
            raise NoCorpusError(str(self.path))
        if fresh and not self.path.parent.is_dir():
            raise StoreError(f"{self.path}: the folder {self.path.parent} does not exist; create it first or give another --db")
        self.read_only = read_only
        self._con: Any = self._connect(read_only, time.monotonic() + wait)
        self._check_or_create(fresh, read_only)

    @property
    def con(self) -> Any:
        """The DuckDB connection, opened again after ``release`` (waiting up to ``REOPEN_WAIT_S``
        for the readers that came in meanwhile)."""
        if self._con is None:
            self._con = self._connect(self.read_only, time.monotonic() + REOPEN_WAIT_S)
        return self._con

    def release(self) -> None:
        """Let go of the file until the next use: a long job (ingest, fetch) calls it between its
        writes, so that other processes (the web app) can read the corpus meanwhile."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def _connect(self, read_only: bool, deadline: float) -> Any:
        import duckdb

        while True:
            try:
                return duckdb.connect(str(self.path), read_only=read_only, config=NO_DOWNLOADS)
            except duckdb.Error as exc:
                first = str(exc).splitlines()[0]
                if "lock" in first.lower():
                    if time.monotonic() < deadline:
                        time.sleep(LOCK_RETRY_S)
                        continue
                    raise StoreError(f"{self.path}: another newsprism process is using this corpus (an ingest writing, most often); try again when it has finished, or give --wait SECONDS") from exc
                if "permission" in first.lower():
                    raise StoreError(f"{self.path}: permission denied ({first})") from exc
                raise StoreError(f"{self.path}: not a newsprism database (DuckDB cannot open it: {first})") from exc

    # -- schema ---------------------------------------------------------------------------------

    def _check_or_create(self, fresh: bool, read_only: bool) -> None:
        tables = {r[0] for r in self.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        if fresh or not tables:
            if not self.create:  # a DuckDB file with nothing in it: still no corpus
                self.release()
                raise NoCorpusError(str(self.path))
            with self.transaction():
                for stmt in _SCHEMA:
                    self.con.execute(stmt)
                self.con.execute("INSERT INTO meta VALUES ('app', ?), ('schema_version', ?)", [APP, str(SCHEMA_VERSION)])
            return
        if "meta" not in tables or self._meta("app") != APP:
            raise StoreError(f"{self.path}: not a newsprism database (it has other tables: {', '.join(sorted(tables))[:200]})")
        version = int(self._meta("schema_version") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: written by a newer newsprism (schema {version}, this one reads up to {SCHEMA_VERSION}); upgrade newsprism")
        if version < SCHEMA_VERSION and not read_only:
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        with self.transaction():
            for v in range(version + 1, SCHEMA_VERSION + 1):
                for stmt in MIGRATIONS.get(v, []):
                    self.con.execute(stmt)
            self.con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)])

    def _meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def transaction(self) -> "_Tx":
        return _Tx(self.con)

    def close(self) -> None:
        self.release()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- articles -------------------------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def add_articles(self, rows: Sequence[tuple[Article, Sequence[float], bytes, str | None]]) -> None:
        """Insert articles with lead embedding, MinHash signature and copy link, all or nothing."""
        if not rows:
            return
        values = [[a.id, a.source_path, a.outlet, a.url, a.headline, _date(a.published), a.language, json.dumps(asdict(a)), list(map(float, vec)), sig, copy_of] for a, vec, sig, copy_of in rows]
        columns = [list(c) for c in zip(*values, strict=True)]
        with self.transaction():  # one statement over whole columns: half the time of executemany
            self.con.execute(
                "INSERT INTO articles (id, source_path, outlet, url, headline, published, language, data, lead_vec, minhash, copy_of) "
                "SELECT unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?::DATE[]), unnest(?), unnest(?), unnest(?::FLOAT[][]), unnest(?::BLOB[]), unnest(?) "
                "ON CONFLICT DO NOTHING",
                columns,
            )

    def signatures(self) -> list[tuple[str, bytes, str | None]]:
        return [(r[0], bytes(r[1]), r[2]) for r in self.con.execute("SELECT id, minhash, copy_of FROM articles ORDER BY published NULLS FIRST, id").fetchall()]

    def unclustered(self) -> list[tuple[Article, list[float]]]:
        rows = self.con.execute("SELECT data, lead_vec FROM articles WHERE story_id IS NULL ORDER BY published NULLS FIRST, id").fetchall()
        return [(article_from_dict(json.loads(d)), v) for d, v in rows]

    def clustering_inputs(self, ids: Sequence[str] | None = None) -> tuple[list[tuple[str, str | None, str, str | None]], list[list[float]]]:
        """(id, headline, body, published) and lead embedding of every stored article (or of
        ``ids``), in date order."""
        where, args = ("WHERE id IN (SELECT unnest(?))", [list(ids)]) if ids is not None else ("", [])
        rows = self.con.execute(
            f"SELECT id, headline, json_extract_string(data, '$.body'), json_extract_string(data, '$.published'), lead_vec FROM articles {where} ORDER BY published NULLS FIRST, id", args
        ).fetchall()
        return [(r[0], r[1], r[2] or "", r[3]) for r in rows], [r[4] for r in rows]

    def articles(self, ids: Sequence[str]) -> list[Article]:
        rows = self.con.execute("SELECT data FROM articles WHERE id IN (SELECT unnest(?)) ORDER BY published NULLS FIRST, id", [list(ids)]).fetchall()
        return [article_from_dict(json.loads(r[0])) for r in rows]

    def headlines_by_id(self, ids: Sequence[str]) -> dict[str, tuple[str | None, str | None, date | None, str | None]]:
        """Article id -> (headline, outlet, published, first sentence), in one query."""
        sql = "SELECT id, headline, outlet, published, json_extract_string(data, '$.sentences[0].text') FROM articles WHERE id IN (SELECT unnest(?))"
        return {r[0]: tuple(r[1:]) for r in self.con.execute(sql, [list(ids)]).fetchall()}  # type: ignore[misc]

    def story_of(self, article_id: str) -> str | None:
        row = self.con.execute("SELECT story_id FROM articles WHERE id = ?", [article_id]).fetchone()
        return row[0] if row else None

    def copies(self, ids: Sequence[str]) -> dict[str, str]:
        rows = self.con.execute("SELECT id, copy_of FROM articles WHERE copy_of IS NOT NULL AND id IN (SELECT unnest(?))", [list(ids)]).fetchall()
        return dict(rows)

    def count(self, table: str) -> int:
        assert table in {"articles", "stories", "pages", "fetch_failures"}
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    # -- clustering state and stories -----------------------------------------------------------

    def state_bytes(self, name: str) -> bytes | None:
        """A saved state as written by ``save_clustering`` (our own pickle), or None."""
        row = self.con.execute("SELECT value FROM state WHERE name = ?", [name]).fetchone()
        return bytes(row[0]) if row else None

    def unclustered_ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles WHERE story_id IS NULL ORDER BY id").fetchall()]

    def save_clustering(self, state_name: str, state: Any, assignments: dict[str, str], stories: Sequence[dict[str, Any]], extra: Mapping[str, bytes] | None = None) -> None:
        """Article -> story links, story rows and the clusterer state (and ``extra`` states by
        name), in one transaction."""
        with self.transaction():
            self.con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [state_name, pickle.dumps(state, protocol=5)])
            for name, value in (extra or {}).items():
                self.con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [name, value])
            if assignments:
                self.con.execute(
                    "UPDATE articles SET story_id = m.sid FROM (SELECT unnest(?) AS aid, unnest(?) AS sid) AS m WHERE articles.id = m.aid",
                    [list(assignments), list(assignments.values())],
                )
            gone = [s["id"] for s in stories if s.get("delete")]
            if gone:
                self.con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?))", [gone])
            for s in stories:
                if s.get("delete"):
                    continue
                self.con.execute(
                    "INSERT OR REPLACE INTO stories (id, title, first_seen, last_seen, n_articles, outlets, members_hash, analysis) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                    [s["id"], s["title"], s["first_seen"], s["last_seen"], s["n_articles"], json.dumps(s["outlets"]), s["members_hash"]],
                )

    def story_members(self, story_id: str) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM articles WHERE story_id = ? ORDER BY published NULLS FIRST, id", [story_id]).fetchall()]

    def list_stories(self, since: date | None = None, query: str | None = None, limit: int = 200, until: date | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Stories seen in [since, until] whose title or articles contain ``query``, latest first,
        ``limit`` of them from ``offset``; ``conflicts`` is None until the story is analysed."""
        where, args = self._story_filter(since, query, until)
        sql = (
            "SELECT id, coalesce(json_extract_string(analysis, '$.title'), title), outlets, n_articles, first_seen, last_seen, "
            "json_array_length(json_extract(analysis, '$.conflicts')), members_hash "
            f"FROM stories WHERE {where} ORDER BY last_seen DESC NULLS LAST, n_articles DESC, id LIMIT ? OFFSET ?"
        )  # the title of the story's analysis once there is one: the list says what the story page says
        cols = ["id", "title", "outlets", "n_articles", "first_seen", "last_seen", "conflicts", "members_hash"]
        return [dict(zip(cols, r)) | {"outlets": json.loads(r[2] or "[]")} for r in self.con.execute(sql, args + [limit, offset]).fetchall()]

    def count_stories(self, since: date | None = None, query: str | None = None, until: date | None = None) -> int:
        where, args = self._story_filter(since, query, until)
        return int(self.con.execute(f"SELECT count(*) FROM stories WHERE {where}", args).fetchone()[0])

    @staticmethod
    def _story_filter(since: date | None, query: str | None, until: date | None) -> tuple[str, list[Any]]:
        sql, args = "1=1", []
        if since:
            sql += " AND (last_seen IS NULL OR last_seen >= ?)"
            args.append(since)
        if until:
            sql += " AND (first_seen IS NULL OR first_seen <= ?)"
            args.append(until)
        if query:
            sql += " AND (title ILIKE ? ESCAPE '\\' OR id IN (SELECT story_id FROM articles WHERE headline ILIKE ? ESCAPE '\\' OR CAST(data AS VARCHAR) ILIKE ? ESCAPE '\\'))"
            literal = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")  # '50%' finds '50%', not everything
            args += [f"%{literal}%"] * 3
        return sql, args

    def conflict_snapshot(self) -> dict[str, tuple[str, list[dict[str, Any]] | None]]:
        """Story id -> (members hash, the conflicts of its cached analysis, or None when none is cached)."""
        rows = self.con.execute("SELECT id, members_hash, json_extract(analysis, '$.conflicts') FROM stories").fetchall()
        return {r[0]: (r[1], json.loads(r[2]) if r[2] else None) for r in rows}

    # -- pages fetched from the web ---------------------------------------------------------------

    def stored_urls(self, urls: Iterable[str]) -> set[str]:
        urls = list(urls)
        rows = self.con.execute("SELECT url FROM pages WHERE url IN (SELECT unnest(?))", [urls]).fetchall() if urls else []
        return {r[0] for r in rows}

    def add_pages(self, pages: Sequence[dict[str, Any]], failures: Sequence[tuple[str, str]]) -> None:
        """Fetched pages (url, final_url, article_id, content_hash, html, published) and failed URLs
        (url, reason), in one transaction; a page stored clears its URL's failures."""
        with self.transaction():
            for p in pages:
                self.con.execute(
                    "INSERT INTO pages (url, final_url, article_id, content_hash, html, published) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    [p["url"], p["final_url"], p["article_id"], p["content_hash"], p["html"], p.get("published")],
                )
                self.con.execute("DELETE FROM fetch_failures WHERE url = ?", [p["url"]])
            for url, reason in failures:
                self.con.execute(
                    "INSERT INTO fetch_failures (url, reason, tries) VALUES (?, ?, 1) "
                    "ON CONFLICT (url) DO UPDATE SET reason = excluded.reason, tries = fetch_failures.tries + 1, last_at = now()",
                    [url, reason],
                )

    def failed_tries(self, urls: Iterable[str]) -> dict[str, int]:
        urls = list(urls)
        rows = self.con.execute("SELECT url, tries FROM fetch_failures WHERE url IN (SELECT unnest(?))", [urls]).fetchall() if urls else []
        return dict(rows)

    def retry_urls(self, max_tries: int) -> list[str]:
        """URLs that failed fewer than ``max_tries`` times, to try again."""
        return [r[0] for r in self.con.execute("SELECT url FROM fetch_failures WHERE tries < ? ORDER BY url", [max_tries]).fetchall()]

    def pages_without_article(self) -> list[dict[str, Any]]:
        """Pages stored by a run that stopped before their article was: they are ingested next run."""
        sql = "SELECT url, final_url, article_id, html, published FROM pages p WHERE article_id NOT IN (SELECT id FROM articles) ORDER BY url"
        return [dict(zip(["url", "final_url", "article_id", "html", "published"], r)) for r in self.con.execute(sql).fetchall()]

    def stored_pages(self) -> list[dict[str, Any]]:
        """One stored page per article (its first URL), for cleaning again."""
        sql = "SELECT min(url), arg_min(final_url, url), article_id, arg_min(html, url), arg_min(published, url) FROM pages WHERE article_id IN (SELECT id FROM articles) GROUP BY article_id ORDER BY article_id"
        return [dict(zip(["url", "final_url", "article_id", "html", "published"], r)) for r in self.con.execute(sql).fetchall()]

    def replace_articles(self, rows: Sequence[tuple[Article, Sequence[float], bytes]]) -> None:
        """New text and annotations for stored articles (same ids, same stories), in one
        transaction; the cached analyses of their stories are dropped."""
        with self.transaction():
            for a, vec, sig in rows:
                self.con.execute(
                    "UPDATE articles SET outlet = ?, headline = ?, published = ?, language = ?, data = ?, lead_vec = ?, minhash = ? WHERE id = ?",
                    [a.outlet, a.headline, _date(a.published), a.language, json.dumps(asdict(a)), list(map(float, vec)), sig, a.id],
                )
            ids = [a.id for a, _, _ in rows]
            if ids:
                self.con.execute("UPDATE stories SET analysis = NULL WHERE id IN (SELECT story_id FROM articles WHERE id IN (SELECT unnest(?)))", [ids])

    def feed_state(self, url: str) -> dict[str, Any] | None:
        r = self.con.execute("SELECT feed_url, title, etag, last_modified FROM feeds WHERE url = ?", [url]).fetchone()
        return None if r is None else dict(zip(["feed_url", "title", "etag", "last_modified"], r))

    def save_feed_state(self, url: str, feed_url: str, title: str | None, etag: str | None, last_modified: str | None) -> None:
        with self.transaction():
            self.con.execute(
                "INSERT OR REPLACE INTO feeds (url, feed_url, title, etag, last_modified, checked_at) VALUES (?, ?, ?, ?, ?, current_timestamp)",
                [url, feed_url, title, etag, last_modified],
            )

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        r = self.con.execute("SELECT id, title, members_hash, analysis FROM stories WHERE id = ?", [story_id]).fetchone()
        return None if r is None else {"id": r[0], "title": r[1], "members_hash": r[2], "analysis": json.loads(r[3]) if r[3] else None}

    def save_analysis(self, story_id: str, analysis: dict[str, Any]) -> None:
        with self.transaction():
            self.con.execute("UPDATE stories SET analysis = ?, updated_at = current_timestamp WHERE id = ?", [json.dumps(analysis), story_id])


class _Tx:
    def __init__(self, con: Any) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        self.con.execute("ROLLBACK" if exc_type else "COMMIT")


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


