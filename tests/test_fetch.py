"""Fetching pages and following feeds, against a local server (no internet)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from newsprism.cli import app
from newsprism.crawl import canonical, fetch_into, follow_once, read_feed_list
from newsprism.feeds import feed_links, parse_feed
from newsprism.fetch import Fetcher, Politeness
from newsprism.store import Store

from webserver import Server, atom, json_feed, rss

DELAY = 0.3  # short, so the suite stays fast; the spacing below is checked against it


@pytest.fixture()
def server():
    s = Server()
    yield s
    s.close()


def fetcher(**kw) -> Fetcher:
    return Fetcher(Politeness(**({"delay": DELAY, "allow_private": True, "timeout": 5.0} | kw)))


def test_only_http_urls_and_no_private_addresses_unless_allowed(server):
    with Fetcher(Politeness(delay=0)) as f:
        assert "not an http(s) URL" in f.get("file:///etc/passwd").error
        refused = f.get(server.base + "/news/ferry-1.html")
        assert not refused.ok and "private, loopback or link-local" in refused.error and "--allow-private" in refused.error
    assert server.log == []  # refused before any request, robots.txt included


def test_robots_txt_is_obeyed_and_read_once(server):
    with fetcher() as f:
        got = f.get(server.base + "/private/secret.html")
        assert not got.ok and "robots.txt" in got.error
        assert f.get(server.base + "/news/ferry-1.html").ok
    assert server.requested("/private/secret.html") == 0
    assert server.requested("/robots.txt") == 1


def test_one_host_gets_one_request_at_a_time_with_the_delay_between(server):
    paths = ["/news/ferry-1.html", "/news/ferry-2.html", "/news/library.html", "/feed.xml"]
    with fetcher(concurrency=4) as f:
        assert all(r.ok for r in f.iter_many(server.base + p for p in paths))
    times = sorted(t for t, _, _ in server.log)
    assert len(times) == 5  # robots.txt + 4
    assert min(b - a for a, b in zip(times, times[1:])) >= DELAY * 0.95
    assert all(h["user-agent"].startswith("newsprism/") for _, _, h in server.log)


def test_redirects_are_followed_and_urls_compared_in_canonical_form(server):
    with fetcher() as f:
        got = f.get(server.base + "/hop1")
    assert got.ok and got.final_url == server.base + "/news/ferry-2.html?utm_source=feed"
    assert canonical(got.final_url) == canonical(server.base + "/news/ferry-2.html") == server.base + "/news/ferry-2.html"


def test_errors_say_why_and_429_is_retried_after_the_time_asked(server):
    with fetcher(retries=2) as f:
        assert f.get(server.base + "/missing").error == "HTTP 404"
        busy = f.get(server.base + "/busy")
    assert busy.ok and server.requested("/busy") == 2
    first, second = [t for t, p, _ in server.log if p == "/busy"]
    assert second - first >= 1.0  # Retry-After: 1


def test_a_slow_page_times_out_and_a_huge_one_is_refused(server):
    with fetcher(timeout=1.0, retries=0, max_bytes=2**20) as f:
        slow = f.get(server.base + "/slow")
        huge = f.get(server.base + "/huge")
    assert not slow.ok and "within 1 s" in slow.error
    assert not huge.ok and "larger than 1 MB" in huge.error


def test_a_wrong_charset_header_does_not_garble_utf8(server):
    with fetcher() as f:
        assert "São Tomé" in f.get(server.base + "/wrong-charset.html").text()


def test_rss_atom_json_feed_and_a_home_page_that_links_its_feed():
    base = "https://news.example"
    assert [e.url for e in parse_feed(rss(base, ["/news/ferry-1.html"]), base + "/feed.xml").entries] == [base + "/news/ferry-1.html"]
    a = parse_feed(atom(base, ["/news/ferry-2.html"]), base + "/atom.xml")
    assert a.title == "Valley Ledger" and a.entries[0].published == "2026-05-04T19:40:00+00:00"
    j = parse_feed(json_feed(base, ["/news/library.html"]), base + "/feed.json")
    assert j.title == "Lakeside Post" and j.entries[0].url == base + "/news/library.html"
    assert parse_feed(b"<html><body>not a feed</body></html>", base) is None
    html = f'<html><head><link rel="alternate" type="application/rss+xml" href="{base}/feed.xml"></head></html>'
    assert feed_links(html, base + "/") == [base + "/feed.xml"]


def test_pages_are_stored_once_raw_and_ingested(server, tmp_path):
    db = tmp_path / "c.duckdb"
    urls = [server.base + p for p in ("/news/ferry-1.html", "/news/library.html", "/news/ferry-1.html?utm_source=x#top", "/missing")]
    with Store(db) as store, fetcher() as f:
        run = fetch_into(store, urls, f)
        assert len(run.stored) == 2 and run.failures == ((server.base + "/missing", "HTTP 404"),)
        assert run.ingest.added == 2 and store.count("articles") == 2 and store.count("pages") == 2
        html = store.con.execute("SELECT html FROM pages WHERE url LIKE '%ferry-1.html'").fetchone()[0]
        assert "<nav>" in html  # the page as fetched, for a better cleaner later
        again = fetch_into(store, urls, f)
        assert again.stored == () and again.already_stored == 2 and again.ingest.added == 0
        assert store.con.execute("SELECT tries FROM fetch_failures").fetchall() == [(2,)]  # tried again, still failing
    assert server.requested("/news/ferry-1.html") == 1  # not fetched twice
    res = CliRunner().invoke(app, ["fetch", server.alt + "/news/ferry-1.html", "--db", str(db), "-q", "--allow-private", "--delay", "0"])
    assert res.exit_code == 0 and "1 of them an article already stored under another address" in res.output, res.output


def test_a_run_stopped_after_storing_pages_is_finished_by_the_next(server, tmp_path):
    db = tmp_path / "c.duckdb"
    with Store(db) as store, fetcher() as f:
        page = f.get(server.base + "/news/library.html")
        store.add_pages([{"url": page.url, "final_url": page.final_url, "article_id": "0123456789abcdef", "content_hash": "x", "html": page.text(), "published": None}], [])
        assert store.count("articles") == 0  # as if killed before the ingest
        run = fetch_into(store, [page.url], f)
        assert run.already_stored == 1 and store.count("articles") == 1
    assert server.requested("/news/library.html") == 1


def test_follow_reports_new_stories_new_articles_and_updated_figures(server, tmp_path):
    db = tmp_path / "c.duckdb"
    feeds = [server.base + "/feed.xml", server.base + "/feed.json"]
    with Store(db) as store, fetcher() as f:
        first = follow_once(store, feeds, f)
        assert [s.status for s in first.feeds] == ["read", "read"]
        assert first.fetched == 2 and first.already_stored == 0  # the library page is in both feeds
        assert len(first.new_stories) == 2 and first.grown_stories == [] and first.conflicts == []
        server.feed_paths = server.feed_paths + [server.alt + "/news/ferry-2.html"]  # a later report, of another outlet
        second = follow_once(store, feeds, f)
        assert second.fetched == 1
        assert [len(s["added"]) for s in second.grown_stories] == [1] and second.new_stories == []
        toll = [c for c in second.conflicts if c["about"] == "the death toll"]
        assert toll and toll[0]["change"] == "new" and toll[0]["verdict"] == "update"
        assert "first reported" in toll[0]["why"] and toll[0]["why"].index("four") < toll[0]["why"].index("six")
        third = follow_once(store, feeds[:1], f)
        assert [s.status for s in third.feeds] == ["unchanged"] and third.fetched == 0  # If-None-Match: 304
    assert any(h.get("if-none-match") for _, p, h in server.log if p == "/feed.xml")
    assert server.requested("/news/ferry-1.html") == 1


def test_a_home_page_leads_to_its_feed(server, tmp_path):
    with Store(tmp_path / "c.duckdb") as store, fetcher() as f:
        changes = follow_once(store, [server.base + "/home"], f)
        assert changes.feeds[0].feed_url == server.base + "/feed.xml" and changes.fetched == 2
        assert store.feed_state(server.base + "/home")["feed_url"] == server.base + "/feed.xml"


def test_feed_list_problems_name_the_file_and_line():
    urls, problems = read_feed_list("# my feeds\nhttps://a.example/rss\n\nftp://b.example/feed\nnot a url\n", "feeds.txt")
    assert urls == ["https://a.example/rss"]
    assert [(p.path, p.line) for p in problems] == [("feeds.txt", 4), ("feeds.txt", 5)]


def test_follow_command_once_writes_what_changed(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/atom.xml\n", encoding="utf-8")
    out = tmp_path / "changes.json"
    res = CliRunner().invoke(app, ["follow", str(feeds), "--db", str(tmp_path / "c.duckdb"), "--once", "--allow-private", "--delay", "0.1", "--changes", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["fetched"] == 1 and data["new_stories"][0]["articles"] == 1
    assert "new story" in res.output


def test_bad_duration_and_private_fetch_are_clear_errors(server, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://a.example/rss\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["follow", str(feeds), "--every", "soon", "--db", str(tmp_path / "c.duckdb")])
    assert res.exit_code == 2 and "--every: expected a duration" in res.output
    res = CliRunner().invoke(app, ["fetch", server.base + "/news/library.html", "--db", str(tmp_path / "c.duckdb"), "-q"])
    assert res.exit_code == 2 and "private" in res.output and server.log == []


def test_analyze_and_ingest_take_urls_beside_paths(server, tmp_path):
    urls = [server.base + "/news/ferry-1.html", server.alt + "/news/ferry-2.html"]
    res = CliRunner().invoke(app, ["analyze", *urls, "--out", str(tmp_path / "out"), "-q", "--allow-private"])
    assert res.exit_code == 0, res.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert sorted(a["url"] for a in report["articles"]) == sorted(urls)
    res = CliRunner().invoke(app, ["ingest", urls[0], "--db", str(tmp_path / "c.duckdb"), "-q", "--allow-private"])
    assert res.exit_code == 0 and "added 1 article;" in res.output, res.output


def test_a_killed_follow_loses_nothing_when_run_again(server, tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    pages = [f"/news/library.html?part={n}" for n in range(8)]  # eight URLs of one article
    server.feed_paths = pages
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(server.base + "/feed.xml\n", encoding="utf-8")
    db = tmp_path / "c.duckdb"
    cmd = [sys.executable, "-m", "newsprism", "follow", str(feeds), "--db", str(db), "--once", "--allow-private", "--delay", "0.4"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ | {"NEWSPRISM_VECTOR_CACHE": "0"})
    deadline = time.monotonic() + 120
    while sum(server.requested(p) for p in pages) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with Store(db) as store, fetcher() as f:
        assert store.count("pages") < len(pages)  # killed while fetching (pages are written in groups)
        follow_once(store, [server.base + "/feed.xml"], f)
        assert store.count("pages") == len(pages) and store.count("articles") == 1
        assert store.count("fetch_failures") == 0
    assert all(server.requested(p) <= 2 for p in pages)  # at most the one in flight is asked again


def test_reclean_reads_the_stored_pages_again_without_fetching(server, tmp_path):
    db = tmp_path / "c.duckdb"
    with Store(db) as store, fetcher() as f:
        fetch_into(store, [server.base + "/news/library.html"], f)
    asked = len(server.log)
    res = CliRunner().invoke(app, ["reclean", "--db", str(db), "-q"])
    assert res.exit_code == 0 and "cleaned the stored pages of 1 article again: 0 articles changed" in res.output, res.output
    with Store(db) as store:  # the stored page now reads differently (as it would to a changed cleaner)
        store.con.execute("UPDATE pages SET html = replace(html, '</article>', '<p>The library will also open on Sundays from June, the council said.</p></article>')")
    res = CliRunner().invoke(app, ["reclean", "--db", str(db), "-q"])
    assert res.exit_code == 0 and "1 article changed" in res.output, res.output
    with Store(db) as store:
        (article_id,) = store.con.execute("SELECT id FROM articles").fetchone()
        assert "open on Sundays" in store.articles([article_id])[0].body
    assert len(server.log) == asked


def test_canonical_urls_keep_what_names_the_article():
    assert canonical("HTTPS://News.Example:443/a?story=5&utm_source=feed#top") == "https://news.example/a?story=5"


def test_refused_urls_are_reported_but_not_tried_again(server, tmp_path):
    with Store(tmp_path / "c.duckdb") as store, fetcher() as f:
        run = fetch_into(store, ["ftp://a.example/x", server.base + "/private/secret.html", server.base + "/missing"], f)
        assert len(run.failures) == 3
        assert store.retry_urls(5) == [server.base + "/missing"]  # a 404 may come back; a refusal will not


def test_follow_exit_codes_and_a_missing_feed_list(server, tmp_path):
    db = str(tmp_path / "c.duckdb")
    res = CliRunner().invoke(app, ["follow", str(tmp_path / "nofile.txt"), "--db", db, "--once"])
    assert res.exit_code == 2 and "no such file" in res.output and "Traceback" not in res.output
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{server.base}/atom.xml\n{server.base}/missing\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["follow", str(feeds), "--db", db, "--once", "--allow-private", "--delay", "0.1"])
    assert res.exit_code == 1 and "(1 entry)" in res.output, res.output  # one feed read, one failed
    res = CliRunner().invoke(app, ["fetch", server.base + "/news/library.html", "--db", str(tmp_path / "nodir" / "c.duckdb"), "--allow-private"])
    assert res.exit_code == 2 and "does not exist" in res.output


def test_pages_downloaded_before_ctrl_c_are_kept(server, tmp_path):
    with fetcher() as f:
        got = [f.get(server.base + p) for p in ("/news/ferry-1.html", "/news/library.html")]

    class Interrupted:
        def iter_many(self, urls):
            yield from got
            raise KeyboardInterrupt

    with Store(tmp_path / "c.duckdb") as store:
        with pytest.raises(KeyboardInterrupt):
            fetch_into(store, [server.base + p for p in ("/news/ferry-1.html", "/news/library.html", "/news/ferry-2.html")], Interrupted())
        assert store.count("pages") == 2  # the next run ingests them without fetching them again
