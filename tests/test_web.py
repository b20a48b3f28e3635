"""The web app: pages and JSON twins, proper 4xx for bad ids, safe headers, local-only by default."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from conftest import EXAMPLE
from newsprism.cli import app as cli
from newsprism.corpus import ingest
from newsprism.errors import NoCorpusError
from newsprism.web import create_app


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "c.duckdb"
    ingest([EXAMPLE], db)
    return TestClient(create_app(db), base_url="http://127.0.0.1:8000")


def test_story_list_search_and_filter(client):
    assert "Israel" in client.get("/").text
    stories = client.get("/api/stories").json()
    assert len(stories) == 1 and stories[0]["n_articles"] == 5
    assert client.get("/api/stories", params={"q": "Lafrentiev"}).json()
    assert client.get("/api/stories", params={"q": "zzzz-not-there"}).json() == []
    assert client.get("/api/stories", params={"since": "2030-01-01"}).json() == []


def test_story_and_article_pages_with_json_twins(client):
    sid = client.get("/api/stories").json()[0]["id"]
    page = client.get(f"/stories/{sid}")
    assert page.status_code == 200 and "Where accounts differ" in page.text
    data = client.get(f"/api/stories/{sid}").json()
    assert data["story"]["original_source"]["outlet"] == "Haaretz"
    aid = data["articles"][0]["id"]
    assert client.get(f"/api/articles/{aid}").json()["story_id"] == sid
    article = client.get(f"/articles/{aid}")
    assert article.status_code == 200 and f"href='/stories/{sid}'" in article.text  # and back
    assert f"href='/articles/{aid}'" in page.text  # the story links to each article's page
    listed = client.get("/").text  # once analysed, the list says what the story page says
    title = data["story"]["title"]
    assert title.replace("'", "&#x27;") in listed and title.replace("'", "&#x27;") in page.text


def test_a_storys_grouping_says_why_its_articles_are_one_story(client):
    sid = client.get("/api/stories").json()[0]["id"]
    got = client.get(f"/api/stories/{sid}/grouping").json()
    assert len(got["members"]) == 5 and all(0 < m["score"] < 1 for m in got["members"])
    assert "Israel" in got["core_entities"] and {"amman", "ceasefire"} <= set(got["core_terms"])
    assert client.get("/api/stories/S9999999/grouping").status_code == 404


@pytest.mark.parametrize("url,code", [("/stories/S9999999", 404), ("/api/stories/nope", 404), ("/api/articles/0000", 404), ("/stories/..%2F..%2Fetc%2Fpasswd", 404), ("/api/stories/%2e%2e", 422), ("/stories/a;rm", 422), ("/api/stories?since=not-a-date", 422)])
def test_bad_ids_give_4xx_not_tracebacks(client, url, code):
    r = client.get(url)
    assert r.status_code == code
    assert "Traceback" not in r.text


def test_security_headers_and_openapi(client):
    r = client.get("/")
    assert "script-src 'none'" in r.headers["content-security-policy"]
    assert client.get("/openapi.json").json()["info"]["title"] == "newsprism"


def test_serve_refuses_other_addresses_without_flag(tmp_path):
    res = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "x.duckdb"), "--host", "0.0.0.0"])
    assert res.exit_code == 2 and "--allow-remote" in res.output


def test_serve_on_a_missing_corpus_is_an_error_that_creates_no_file(tmp_path):
    typo = tmp_path / "typo.duckdb"
    with pytest.raises(NoCorpusError):
        create_app(typo)  # checked first: were it to succeed, the CLI below would start a server
    res = CliRunner().invoke(cli, ["serve", "--db", str(typo)])
    assert res.exit_code == 2 and f"no corpus at '{typo}'" in res.stderr
    assert list(tmp_path.iterdir()) == []


def test_concurrent_requests_to_every_page_kind_all_succeed(tmp_path):
    """Story pages used to open the corpus read-write beside read-only list pages in the same
    process (DuckDB refuses: HTTP 500), and first views of one story raced to write its analysis.
    Now 60 parallel requests to a fresh app, first views included, all answer 200, and the story
    is analysed once."""
    from concurrent.futures import ThreadPoolExecutor
    from unittest import mock

    from newsprism import corpus

    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    fresh = TestClient(create_app(db), base_url="http://localhost:8000")
    sid = fresh.get("/api/stories").json()[0]["id"]
    urls = [f"/stories/{sid}", f"/api/stories/{sid}", "/api/stories", "/"] * 15
    calls = []
    real = corpus.analyze_story
    with mock.patch.object(corpus, "analyze_story", side_effect=lambda *a, **k: calls.append(1) or real(*a, **k)):
        with ThreadPoolExecutor(20) as pool:
            codes = list(pool.map(lambda u: fresh.get(u).status_code, urls))
    assert codes == [200] * len(urls)
    assert len(calls) == 1


def test_another_site_s_name_for_this_machine_is_refused(client):
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 sends its own Host."""
    r = client.get("/api/stories", headers={"host": "evil.example:8000"})
    assert r.status_code == 400 and "Host" in r.text
    assert client.get("/api/stories", headers={"host": "[::1]:8000"}).status_code == 200
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"] and page.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in client.get("/docs").headers["content-security-policy"]


def test_search_wildcards_are_literal(client):
    """'Isr_el' and 'Isr%l' used to match 'Israel' (LIKE wildcards); they are literal now."""
    assert client.get("/api/stories", params={"q": "Isr_el"}).json() == []
    assert client.get("/api/stories", params={"q": "Isr%l"}).json() == []
    assert client.get("/api/stories", params={"q": "Israel"}).json()


def test_api_docs_load_nothing_from_outside(client):
    """/docs works offline: Swagger UI's script and style are served by the app itself."""
    import re

    for path in ("/docs", "/redoc"):
        page = client.get(path)
        assert page.status_code == 200
        urls = re.findall(r"""(?:src|href)=['"]([^'"]+)""", page.text) + re.findall(r"""url: ?['"]([^'"]+)""", page.text)
        urls = [u for u in urls if not u.startswith("https://fonts.googleapis.com")] if path == "/redoc" else urls  # ReDoc's optional web font: blocked by the CSP
        assert urls and all(u.startswith("/") for u in urls), urls
        for u in urls:
            assert client.get(u).status_code == 200, u
        assert "cdn" not in page.headers["content-security-policy"] and "https:" not in page.headers["content-security-policy"]


def test_story_list_pages_and_date_range(client):
    """--until and paging in the HTML list and the API (one story in the example corpus)."""
    r = client.get("/api/stories", params={"limit": 1, "offset": 0})
    assert r.status_code == 200 and len(r.json()) == 1 and r.headers["x-total-count"] == "1"
    assert client.get("/api/stories", params={"offset": 1}).json() == []
    assert client.get("/api/stories", params={"until": "2000-01-01"}).json() == []
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422
    assert client.get("/api/stories", params={"until": "soon"}).status_code == 422
    page = client.get("/", params={"per_page": 1, "page": 1}).text
    assert "1 story, latest first" in page and "class='pager'" not in page


def test_pager_links_keep_the_filters():
    from newsprism.web import _pager

    first = _pager(1, 10, 25, {"q": "ceasefire", "since": None, "until": None})
    assert "page=2" in first and "q=ceasefire" in first and "newer" not in first
    middle = _pager(2, 10, 25, {"q": None, "since": "2017-08-01", "until": None})
    assert "page=1" in middle and "page=3" in middle and "since=2017-08-01" in middle
    assert _pager(3, 10, 25, {}).count("<a ") == 1 and _pager(1, 10, 10, {}) == ""


def test_every_page_answers_while_an_ingest_writes(tmp_path):
    """The app reads while another process ingests: no request fails (readers wait for the
    writer's short writes), and the new articles show up when it is done."""
    import json
    import os
    import subprocess
    import sys
    from concurrent.futures import ThreadPoolExecutor

    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    sid = client.get("/api/stories").json()[0]["id"]
    aid = client.get(f"/api/stories/{sid}").json()["articles"][0]["id"]
    more = tmp_path / "more"
    more.mkdir()
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.glob("*.txt"))]
    with open(more / "more.jsonl", "w", encoding="utf-8") as f:  # the same reports again, run by other outlets
        for k in range(40):
            f.write(json.dumps({"id": f"again-{k}", "outlet": f"Outlet {k}", "text": texts[k % len(texts)] + f"\n\nUpdate {k}."}) + "\n")
    writer = subprocess.Popen([sys.executable, "-m", "newsprism", "ingest", str(more), "--db", str(db), "-q"], env=os.environ | {"NEWSPRISM_VECTOR_CACHE": "0"}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    paths = ["/", "/api/stories", f"/stories/{sid}", f"/articles/{aid}", f"/api/articles/{aid}"]
    codes: list[int] = []
    with ThreadPoolExecutor(8) as pool:
        while writer.poll() is None:
            codes += list(pool.map(lambda p: client.get(p).status_code, paths * 4))
    assert writer.returncode == 0
    assert codes and set(codes) == {200}, sorted(set(codes))
    assert client.get("/api/stories").json()[0]["n_articles"] > 5
    import time

    from newsprism.web import UPDATING_NOTE

    for _ in range(300):  # the grown story: its last page at once, marked, until the new analysis is ready
        page = client.get(f"/stories/{sid}")
        assert page.status_code == 200
        if UPDATING_NOTE not in page.text:
            break
        time.sleep(0.2)
    assert UPDATING_NOTE not in page.text and "Outlet 1" in page.text


def test_list_answers_are_reused_until_a_writer_commits(tmp_path, monkeypatch):
    import newsprism.web as web
    from newsprism.store import file_version

    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    calls: list[int] = []
    real = web.stories_page
    monkeypatch.setattr(web, "stories_page", lambda *a, **k: calls.append(1) or real(*a, **k))
    client = TestClient(create_app(db), base_url="http://127.0.0.1:8000")
    before = file_version(db)
    assert client.get("/api/stories").json() == client.get("/api/stories").json()
    assert len(calls) == 1 and file_version(db) == before  # reading changes nothing
    more = tmp_path / "more.jsonl"
    more.write_text('{"id": "x1", "outlet": "Other", "text": "A library reopened in Greywick on Saturday after eighteen months of repairs to its flooded reading room."}\n')
    ingest([more], db)
    assert file_version(db) != before
    assert len(client.get("/api/stories").json()) == 2 and len(calls) == 2
