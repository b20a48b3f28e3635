"""The corpus store: idempotent, crash-safe, versioned, incremental, and the same on Dask."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from conftest import EXAMPLE, ROOT
from newsprism.corpus import cluster_pending, ingest, list_stories, story_report
from newsprism.errors import NoCorpusError
from newsprism.store import SCHEMA_VERSION, Store, StoreError

TOPICS = [
    ("Flood barrier approved in {city}", "The council of {city} approved a new flood barrier on the river after a long debate, officials said on {day}. The barrier will cost {n} million pounds and take three years to build."),
    ("{city} airport strike grounds flights", "Baggage handlers at {city} airport walked out on {day}, grounding {n} flights, the union said. Talks with the airport operator collapsed overnight."),
]


def _write_articles(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i in range(n):
        title, body = TOPICS[i % 2]
        city = ["Lakeside", "Northport", "Easton"][i % 3]
        text = f"{title.format(city=city)}\n" + "\n".join(body.format(city=city, day=day, n=10 + i) for day in ("Tuesday", "Wednesday"))
        rows.append({"id": f"art-{i:03d}", "text": text, "outlet": f"Outlet {i % 5}", "published": f"2021-03-{1 + i % 9:02d}"})
    path = folder / "feed.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def _snapshot(db: Path) -> tuple:
    with Store(db, read_only=True) as s:
        arts = s.con.execute("SELECT id, story_id, copy_of FROM articles ORDER BY id").fetchall()
        stories = s.con.execute("SELECT count(*) FROM stories").fetchone()[0]
    return arts, stories


def test_ingest_is_idempotent(tmp_path):
    db = tmp_path / "c.duckdb"
    first = ingest([EXAMPLE], db)
    assert first.added == 5 and first.stories_total == 1
    again = ingest([EXAMPLE], db)
    assert again.added == 0 and again.already_stored == 5 and again.stories_changed == 0
    assert _snapshot(db)[1] == 1


def test_story_listing_query_and_report(tmp_path):
    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    (row,) = list_stories(db)
    assert row["n_articles"] == 5 and "Haaretz" in row["outlets"]
    assert list_stories(db, query="Lavrentyev") and not list_stories(db, query="no such words anywhere")
    report = story_report(db, row["id"])
    assert report.stories[0].original_source.outlet == "Haaretz"
    assert story_report(db, row["id"]).stories[0] == report.stories[0]  # cached analysis reads back equal
    with Store(db) as store:  # an analysis stored by older code is made again, not served stale
        store.save_analysis(row["id"], {"_members_hash": store.story_row(row["id"])["members_hash"], "_analysis_version": 1, "id": row["id"], "title": "stale", "article_ids": [], "outlets": []})
    assert story_report(db, row["id"]).stories[0] == report.stories[0]
    with pytest.raises(KeyError):
        story_report(db, "S9999999")


def test_not_a_newsprism_database(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    with pytest.raises(StoreError, match="not a newsprism database"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="not a newsprism database"):
        Store(other)


def test_reading_a_missing_corpus_names_it_and_creates_nothing(tmp_path):
    typo = tmp_path / "typo.duckdb"
    for read in (lambda: list_stories(typo), lambda: story_report(typo, "S0000000"), lambda: Store(typo, read_only=True), lambda: Store(typo, create=False)):
        with pytest.raises(NoCorpusError, match="no corpus at") as caught:
            read()
        assert caught.value.path == str(typo)
    assert list(tmp_path.iterdir()) == []
    blank = tmp_path / "blank.duckdb"
    duckdb.connect(str(blank)).close()  # a DuckDB file with no tables is no corpus either
    for read_only in (True, False):
        with pytest.raises(NoCorpusError):
            Store(blank, read_only=read_only, create=False)
    Store(typo).close()  # a writable open, as ingest's, still creates a new corpus
    with Store(typo, read_only=True) as store:
        assert store.count("articles") == 0


def test_newer_schema_is_refused_and_nothing_changes(tmp_path):
    db = tmp_path / "c.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer newsprism"):
        Store(db)


def test_batches_in_date_order_match_one_shot(tmp_path):
    feed = _write_articles(tmp_path / "in", 24)
    rows = sorted((json.loads(x) for x in feed.read_text().splitlines()), key=lambda r: (r["published"], r["id"]))
    one = tmp_path / "one.duckdb"
    ingest([feed], one)
    inc = tmp_path / "inc.duckdb"
    for k, chunk in enumerate([rows[:8], rows[8:16], rows[16:]]):
        part = tmp_path / f"part{k}.jsonl"
        part.write_text("\n".join(json.dumps(r) for r in chunk) + "\n")
        ingest([part], inc)
        assert all(sid for _, sid, _ in _snapshot(inc)[0])  # every article is in a story after each batch

    def groups(db):
        arts, _ = _snapshot(db)
        by: dict = {}
        for aid, sid, _ in arts:
            by.setdefault(sid, set()).add(aid)
        return sorted(sorted(g) for g in by.values())

    assert groups(one) == groups(inc)
    assert len(groups(one)) >= 2  # the two topics stay apart


def test_sigkill_mid_ingest_leaves_a_consistent_database(tmp_path):
    feed = _write_articles(tmp_path / "in", 160)
    db = tmp_path / "c.duckdb"
    cmd = [sys.executable, "-m", "newsprism", "ingest", str(feed), "--db", str(db), "-q"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and proc.poll() is None:  # kill once the first batch is committed
        if db.exists() and _count_or_zero(db) > 0:
            break
        time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial, _ = _snapshot(db)  # opens fine after the kill
    assert len({a for a, _, _ in partial}) == len(partial)
    result = ingest([feed], db)
    final, stories = _snapshot(db)
    assert len(final) == 160 and len({a for a, _, _ in final}) == 160
    assert all(sid is not None for _, sid, _ in final) and stories >= 1
    assert result.added + result.already_stored == 160


def _count_or_zero(db: Path) -> int:
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return 0
    try:
        return con.execute("SELECT count(*) FROM articles").fetchone()[0]
    except duckdb.Error:
        return 0
    finally:
        con.close()


def test_copies_are_linked(tmp_path):
    feed = _write_articles(tmp_path / "in", 2)
    rows = [json.loads(x) for x in feed.read_text().splitlines()]
    wire = dict(rows[0], id="art-copy", outlet="Another Outlet", published="2021-03-02")
    feed.write_text("\n".join(json.dumps(r) for r in rows + [wire]) + "\n")
    db = tmp_path / "c.duckdb"
    ingest([feed], db)
    arts, _ = _snapshot(db)
    assert {a: c for a, _, c in arts}["art-copy"] == "art-000"


def test_cluster_pending_without_new_articles_changes_nothing(tmp_path):
    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    with Store(db) as s:
        assert cluster_pending(s) == 0


@pytest.mark.slow
def test_dask_backend_gives_the_same_stories(tmp_path):
    feed = _write_articles(tmp_path / "in", 12)
    local, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    ingest([feed], local)
    ingest([feed], dask_db, backend="dask")
    assert _snapshot(local) == _snapshot(dask_db)


def _hold_lock(db, seconds: float):
    """Another process holding the corpus open for writing, as an ingest does (returns once it holds it)."""
    import subprocess
    import sys

    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, sys, time; c = duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep({seconds})"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_corpus_held_by_another_process_is_named_as_such_and_can_be_waited_for(tmp_path):
    from newsprism.errors import StoreError
    from newsprism.store import Store

    db = tmp_path / "c.duckdb"
    Store(db).close()
    holder = _hold_lock(db, 1.5)
    try:
        with pytest.raises(StoreError, match="another newsprism process is using this corpus"):
            Store(db)
        with Store(db, wait=20) as store:  # the holder lets go after 1.5 s
            assert store.count("articles") == 0
    finally:
        holder.kill()
        holder.wait()


def test_batches_out_of_date_order_match_one_shot_and_keep_story_ids(tmp_path):
    """Batches newest first: each reaches back in time, so the corpus is clustered again: the
    stories are those of one run, and a story found again keeps its id."""
    feed = _write_articles(tmp_path / "in", 24)
    rows = [json.loads(x) for x in feed.read_text().splitlines()]
    one = tmp_path / "one.duckdb"
    ingest([feed], one)
    late = sorted(rows, key=lambda r: (r["published"], r["id"]), reverse=True)
    inc = tmp_path / "inc.duckdb"
    ids_after: list[dict[str, str]] = []
    for k, chunk in enumerate([late[:8], late[8:16], late[16:]]):
        part = tmp_path / f"part{k}.jsonl"
        part.write_text("\n".join(json.dumps(r) for r in chunk) + "\n")
        ingest([part], inc)
        ids_after.append({aid: sid for aid, sid, _ in _snapshot(inc)[0]})

    def groups(db):
        by: dict = {}
        for aid, sid, _ in _snapshot(db)[0]:
            by.setdefault(sid, set()).add(aid)
        return sorted(sorted(g) for g in by.values())

    assert groups(one) == groups(inc)
    # the two topics, told apart from the second batch on, keep their ids through the third
    assert len(set(ids_after[1].values())) == 2
    assert all(ids_after[2][a] == sid for a, sid in ids_after[1].items())


def test_stories_computed_while_another_writer_clustered_are_computed_again(tmp_path, monkeypatch):
    """cluster_pending lets go of the corpus while it computes; if the corpus changed meanwhile
    (here: faked once), it computes again holding the corpus, and the result is still one run's."""
    feed = _write_articles(tmp_path / "in", 12)
    one = tmp_path / "one.duckdb"
    ingest([feed], one)
    real = Store.unclustered_ids
    seen: list[int] = []

    def changed_once(self):
        seen.append(1)
        return ["someone-else"] if len(seen) == 1 else real(self)

    monkeypatch.setattr(Store, "unclustered_ids", changed_once)
    other = tmp_path / "other.duckdb"
    ingest([feed], other)
    assert len(seen) == 1  # the second pass holds the corpus and checks nothing
    assert _snapshot(one) == _snapshot(other)


def test_a_split_and_a_merge_are_kept_across_later_ingests(tmp_path):
    from newsprism.corpus import merge_stories, split_story
    from newsprism.errors import DecisionError

    db = tmp_path / "c.duckdb"
    ingest([EXAMPLE], db)
    (row,) = list_stories(db)
    with Store(db, read_only=True) as s:
        members = s.story_members(row["id"])
    out = members[:2]
    moved = split_story(db, row["id"], out)
    assert {moved[a] for a in out} != {moved[a] for a in members[2:]} and len({moved[a] for a in out}) == 1
    assert sorted(r["n_articles"] for r in list_stories(db)) == [2, 3]
    # a late article (dated before the others) makes the corpus cluster everything again: the split holds
    late = tmp_path / "late.jsonl"
    text = (EXAMPLE / "000_f97e466fed4ba07b.txt").read_text(encoding="utf-8")
    late.write_text(json.dumps({"id": "late-1", "text": text + "\nA late line.", "outlet": "Late Outlet", "published": "2017-01-01"}) + "\n")
    ingest([late], db)
    with Store(db, read_only=True) as s:
        stories = {s.story_of(a) for a in members}
        assert len(stories) == 2 and s.story_of(out[0]) == s.story_of(out[1]) and s.story_of(out[0]) != s.story_of(members[2])
    merged = merge_stories(db, *sorted(stories))
    with Store(db, read_only=True) as s:
        assert {s.story_of(a) for a in members} == {merged}
    for bad in (lambda: split_story(db, "S9999999", out), lambda: split_story(db, merged, ["no-such-article"]), lambda: split_story(db, merged, members + ["late-1"]), lambda: merge_stories(db, merged, merged)):
        with pytest.raises(DecisionError):
            bad()
