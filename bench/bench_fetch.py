"""Fetch + ingest throughput when the network is not the limit: stories-dev articles served as HTML
pages by a local server, fetched into a fresh corpus with no delay, against ingesting the same
pages from files.

    .venv/bin/python bench/bench_fetch.py [--limit N] [--concurrency N]

Also prints what politeness alone allows (one host, the default 2 s delay). Skips cleanly when
../shared/bench/ is absent. Not a test: a table to read and record in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import html
import json
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from rich.console import Console
from rich.table import Table

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "stories-dev.jsonl"


def _page(rec: dict) -> bytes:
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in rec["text"].split("\n") if p.strip())
    title = html.escape(rec.get("title") or "")
    return f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def _serve(pages: dict[str, bytes]) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            body = pages.get(self.path)
            if self.path == "/robots.txt":
                body = b"User-agent: *\nAllow: /\n"
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--limit", type=int, default=300, help="pages to serve (first N stories-dev articles with text)")
    ap.add_argument("--concurrency", type=int, default=4)
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    from newsprism.corpus import ingest
    from newsprism.crawl import fetch_into
    from newsprism.embed import get_embedder
    from newsprism.fetch import Fetcher, Politeness
    from newsprism.htmlpage import forget_pages
    from newsprism.nlp import get_nlp
    from newsprism.store import Store

    recs = [r for r in map(json.loads, DATA.read_text(encoding="utf-8").splitlines()) if len(r.get("text", "").split()) >= 50][: args.limit]
    pages = {f"/a/{i}.html": _page(r) for i, r in enumerate(recs)}
    get_nlp(), get_embedder()  # models loaded before the clocks start
    httpd = _serve(pages)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm = Path(tmp) / "warm"  # the first ingest of a process pays one-off costs (workers, buffers): not measured
        warm.mkdir()
        for p, body in list(pages.items())[:40]:
            (warm / (p.rsplit("/", 1)[1])).write_bytes(body)
        ingest([warm], Path(tmp) / "warm.duckdb")
        forget_pages(), get_embedder()._cache.clear()  # each run reads and embeds its pages afresh
        t0 = time.perf_counter()
        with Store(Path(tmp) / "web.duckdb") as store, Fetcher(Politeness(delay=0.0, concurrency=args.concurrency, allow_private=True)) as f:
            run = fetch_into(store, [base + p for p in pages], f)
        web_s = time.perf_counter() - t0
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for p, body in pages.items():
            (folder / (p.rsplit("/", 1)[1])).write_bytes(body)
        forget_pages(), get_embedder()._cache.clear()
        t0 = time.perf_counter()
        files = ingest([folder], Path(tmp) / "files.duckdb")
        file_s = time.perf_counter() - t0
    httpd.shutdown()
    table = Table(title=f"{len(pages)} stories-dev pages from a local server (no delay, concurrency {args.concurrency})")
    for col in ("input", "articles added", "seconds", "articles/s"):
        table.add_column(col, justify="right")
    rows.append(("fetch + ingest", run.ingest.added, web_s))
    rows.append(("ingest from files", files.added, file_s))
    for name, n, s in rows:
        table.add_row(name, str(n), f"{s:.1f}", f"{n / s:.1f}")
    Console().print(table)
    print(f"politeness alone, one host at the default 2 s delay: {1 / Politeness().delay:.1f} pages/s; {len(pages)} pages from one site take {len(pages) * Politeness().delay / 60:.0f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
