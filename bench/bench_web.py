"""Load on the local web app: requests/s and latency per page kind at a fixed concurrency, on a
corpus of the stories-dev articles, then the same load while `ingest` adds Multi-News articles.

    .venv/bin/python bench/bench_web.py [--requests 400] [--concurrency 20] [--ingest 300]

Loopback only and bounded (a fixed number of requests per page kind). The server runs in its own
process (`newsprism serve`), as a user runs it. Skips cleanly when ../shared/bench/ is absent.
Not a test: a table to read and record in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from rich.console import Console
from rich.table import Table

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "bench" / "stories-dev.jsonl"
ROOT = Path(__file__).resolve().parents[1]


def _write(records: list[dict], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps({"id": r["id"], "outlet": r.get("outlet"), "published": r.get("date"), "title": r.get("title"), "text": r["text"]}) + "\n")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _load(base: str, paths: list[str], n: int, concurrency: int) -> tuple[float, list[float], int]:
    """(requests/s, latencies in s, errors) for ``n`` GETs spread over ``paths``."""
    import httpx

    lat: list[float] = []
    errors = 0
    lock = threading.Lock()
    client = httpx.Client(base_url=base, timeout=30.0, limits=httpx.Limits(max_connections=concurrency))

    def one(k: int) -> None:
        nonlocal errors
        t = time.perf_counter()
        try:
            ok = client.get(paths[k % len(paths)]).status_code == 200
        except httpx.HTTPError:
            ok = False
        with lock:
            lat.append(time.perf_counter() - t)
            errors += not ok

    t0 = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(n)))
    wall = time.perf_counter() - t0
    client.close()
    return n / wall, sorted(lat), errors


def _p(lat: list[float], q: float) -> float:
    return lat[min(len(lat) - 1, int(q * len(lat)))] * 1000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--requests", type=int, default=400, help="requests per page kind")
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--ingest", type=int, default=300, help="articles added during the second load")
    args = ap.parse_args()
    if not DATA.exists():
        print(f"skipped: {DATA} not found (benchmark data lives in ../shared/bench/)")
        return 0
    import httpx

    recs = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    extra = [  # what the second load's ingest adds: Multi-News articles, other stories
        {"id": f"{c['id']}-{k}", "text": t}
        for c in map(json.loads, (DATA.parent / "multinews-dev.jsonl").read_text(encoding="utf-8").splitlines())
        for k, t in enumerate(c["articles"])
    ][: args.ingest]
    exe = [sys.executable, "-m", "newsprism"]
    env = os.environ | {"NEWSPRISM_VECTOR_CACHE": "1"}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "c.duckdb"
        first, more = recs, extra
        _write(first, Path(tmp) / "first")
        _write(more, Path(tmp) / "more")
        done = subprocess.run(exe + ["ingest", str(Path(tmp) / "first"), "--db", str(db), "-q"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if done.returncode not in (0, 1):  # 1: some inputs skipped (stubs of the data set), as documented
            raise SystemExit(f"ingest failed with exit code {done.returncode}")
        port = _free_port()
        server = subprocess.Popen(exe + ["serve", "--db", str(db), "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    stories = httpx.get(base + "/api/stories", params={"limit": 500}).json()
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            big = sorted(stories, key=lambda s: -s["n_articles"])[:5]
            for s in big:  # first views (analyses) are not what the load measures
                httpx.get(f"{base}/stories/{s['id']}", timeout=120)
            arts = [a["id"] for s in big[:1] for a in httpx.get(f"{base}/api/stories/{s['id']}", timeout=120).json()["articles"]]
            kinds = {
                "story list /": ["/"],
                "story page": [f"/stories/{s['id']}" for s in big],
                "article page": [f"/articles/{a}" for a in arts],
                "API /api/stories": ["/api/stories"],
            }
            table = Table(title=f"Local web app, {len(first)} stories-dev articles, concurrency {args.concurrency}, {args.requests} requests per kind")
            for col in ("load", "page", "requests/s", "p50 ms", "p99 ms", "errors"):
                table.add_column(col, justify="right")
            for name, paths in kinds.items():
                rate, lat, err = _load(base, paths, args.requests, args.concurrency)
                table.add_row("alone", name, f"{rate:.0f}", f"{_p(lat, 0.5):.0f}", f"{_p(lat, 0.99):.0f}", str(err))
            writer = subprocess.Popen(exe + ["ingest", str(Path(tmp) / "more"), "--db", str(db), "-q", "--wait", "60"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            rounds = 0
            while writer.poll() is None:
                for name, paths in kinds.items():
                    rate, lat, err = _load(base, paths, args.requests // 4, args.concurrency)
                    table.add_row(f"during ingest ({rounds})", name, f"{rate:.0f}", f"{_p(lat, 0.5):.0f}", f"{_p(lat, 0.99):.0f}", str(err))
                rounds += 1
            table.add_row("ingest", f"{len(more)} articles", "", "", "", f"exit {writer.returncode}")
            Console().print(table)
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
