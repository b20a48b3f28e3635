"""Ingest: formats, encodings, manifests and every kind of bad input."""

from __future__ import annotations

import codecs
import json
import os
from pathlib import Path

import pytest

from newsprism.errors import InputError
from newsprism.ingest import decode_bytes, load_sources
from newsprism.settings import SETTINGS

ARTICLE = "Storm hits coast\n\nA powerful storm struck the coast on Tuesday, officials said.\n\nThousands of homes lost power as the winds rose overnight.\n"


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_utf8_bom_and_utf16_bom_decode_cleanly():
    text = "Café in Zürich — “quoted”."
    assert decode_bytes(codecs.BOM_UTF8 + text.encode("utf-8"), "a.txt") == (text, [])
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"), "b.txt") == (text, [])
    assert decode_bytes(codecs.BOM_UTF16_BE + text.encode("utf-16-be"), "c.txt") == (text, [])


def test_cp1252_falls_back_with_warning():
    text, problems = decode_bytes("Caf\u00e9 \u201cquoted\u201d".encode("cp1252"), "old.txt")
    assert text == "Café “quoted”"
    assert problems and problems[0].severity == "warning" and "cp1252" in problems[0].reason


def test_mostly_utf8_with_a_bad_byte_keeps_utf8_and_warns():
    data = "Zürich, München, Köln and Genève.".encode("utf-8") + b"\xff end"
    text, problems = decode_bytes(data, "mixed.txt")
    assert text.startswith("Zürich, München") and "\ufffd" in text
    assert "1 undecodable byte" in problems[0].reason


@pytest.mark.parametrize(
    "data,reason",
    [
        (b"", "empty file"),
        (b"   \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary file"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "undecodable bytes"),
    ],
)
def test_bad_bytes_raise_input_error_naming_the_file(data, reason):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "bad/file.txt")
    assert reason in str(info.value) and "bad/file.txt" in str(info.value)


def test_bad_files_are_skipped_and_good_ones_kept(tmp_path):
    _write(tmp_path / "good.txt", ARTICLE)
    _write(tmp_path / "empty.txt", "")
    _write(tmp_path / "image.txt", b"\x00\x01\x02binary\x00" * 50)
    _write(tmp_path / "feed.jsonl", json.dumps({"text": ARTICLE.replace("Storm", "Flood"), "outlet": "Daily"}) + "\n{broken json\n" + json.dumps({"title": "no text"}) + "\n")
    sources, problems = load_sources([tmp_path])
    assert sorted(Path(s.source_path.split(":")[0]).name for s in sources) == ["feed.jsonl", "good.txt"]
    reasons = {(Path(p.path).name, p.line): p.reason for p in problems}
    assert "empty file" in reasons[("empty.txt", None)]
    assert "binary file" in reasons[("image.txt", None)]
    assert "malformed JSON line" in reasons[("feed.jsonl", 2)]
    assert "no non-empty 'text' or 'html'" in reasons[("feed.jsonl", 3)]


def test_large_file_is_refused(tmp_path, monkeypatch):
    big = _write(tmp_path / "big.txt", ARTICLE * 10)
    monkeypatch.setitem(SETTINGS, "max_file_mb", SETTINGS["max_file_mb"].__class__("max_file_mb", 0, "test"))
    sources, problems = load_sources([big])
    assert not sources and "file too large" in problems[0].reason


def test_fifty_megabyte_file_is_refused(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.seek(51 * 1024 * 1024)
        fh.write(b"x")
    sources, problems = load_sources([big])
    assert not sources and "file too large" in problems[0].reason and "50 MB" in problems[0].reason


def test_missing_path_and_empty_folder_are_reported(tmp_path):
    (tmp_path / "empty").mkdir()
    _write(tmp_path / "empty" / "notes.pdf", b"%PDF")
    sources, problems = load_sources([tmp_path / "nope", tmp_path / "empty"])
    assert not sources
    assert [p.reason for p in problems] == ["no such file or folder", "folder holds no article files (.htm, .html, .json, .jsonl, .txt)"]


def test_a_folder_whose_manifest_lists_none_of_its_files_says_so(tmp_path):
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "sources.csv", "file,outlet\nother.txt,Coast Times\n")
    sources, problems = load_sources([tmp_path])
    assert not sources
    assert "none of the folder's article files is listed in its sources.csv" in [p.reason for p in problems]


def test_manifest_gives_outlet_url_date_and_lists_the_articles(tmp_path):
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "notes.json", '{"about": "not an article"}')
    _write(tmp_path / "sources.csv", "file,outlet,url,published\na.txt,Coast Times,https://coast.example/a,2020-05-01\nghost.txt,Nobody,,\n")
    sources, problems = load_sources([tmp_path])
    (src,) = sources
    assert (src.outlet, src.url, src.published) == ("Coast Times", "https://coast.example/a", "2020-05-01")
    kinds = {Path(p.path).name: p.severity for p in problems}
    assert kinds["notes.json"] == "info" and kinds["sources.csv"] == "warning"


def test_json_records_keep_their_ids_and_fields(tmp_path):
    recs = [{"id": "r1", "text": ARTICLE, "title": "Storm hits coast", "url": "https://x.example/1", "published": "2020-01-02"}, {"html": "<html><body><article><p>" + "Words here. " * 30 + "</p></article></body></html>"}]
    _write(tmp_path / "recs.json", json.dumps(recs))
    sources, problems = load_sources([tmp_path / "recs.json"])
    assert [s.format for s in sources] == ["text", "html"]
    assert sources[0].id == "r1" and sources[0].title == "Storm hits coast"
    assert len(sources[1].id) == 16 and not problems


def test_ids_are_stable_content_hashes(tmp_path):
    a = _write(tmp_path / "x" / "a.txt", ARTICLE)
    b = _write(tmp_path / "y" / "b.txt", ARTICLE + "\nMore.\n")
    first, _ = load_sources([a, b])
    again, _ = load_sources([b, a])
    assert {s.source_path: s.id for s in first} == {s.source_path: s.id for s in again}


def test_identical_content_is_kept_once_with_a_warning(tmp_path):
    _write(tmp_path / "a.txt", ARTICLE)
    _write(tmp_path / "b.txt", ARTICLE)
    sources, problems = load_sources([tmp_path])
    assert len(sources) == 1 and "same content" in problems[0].reason


def test_forked_workers_give_the_same_articles_as_one_process(tmp_path):
    """Big runs are cleaned and annotated on forked workers: same articles, same order, and the
    problems of empty inputs still reported."""
    from newsprism.pipeline import PARALLEL_FROM, _workers, prepare_sources

    towns = ["Avonmouth", "Brackley", "Cullompton", "Dunstable", "Evesham", "Frome", "Goole", "Hexham"]
    records = []
    for i in range(PARALLEL_FROM + 4):
        town = towns[i % len(towns)]
        body = (
            f"Flooding closes {town} bridge {i}\n\n"
            f"The river burst its banks near {town} on Tuesday, officials said, closing bridge number {i}.\n\n"
            f"About {100 + i} homes in {town} lost power, and the council opened a shelter in the town hall.\n\n"
            f"Engineers from the Environment Agency expect the water to fall by Friday, a spokesperson said."
        )
        records.append({"id": f"a{i:03d}", "text": body if i % 17 else "   \n  "})
    path = _write(tmp_path / "many.jsonl", "\n".join(json.dumps(r) for r in records))
    sources, problems = load_sources([path])
    if len(os.sched_getaffinity(0)) > 1:  # the forked path is the one under test
        assert _workers(len(sources)) > 1
    forked, forked_problems = prepare_sources(sources, parallel=True)
    serial, serial_problems = prepare_sources(sources, parallel=False)
    assert [a.id for a in forked] == [a.id for a in serial]
    assert forked == serial
    assert forked_problems == serial_problems


def test_an_article_in_another_language_is_kept_with_a_warning(tmp_path):
    import newsprism

    _write(tmp_path / "en.txt", ARTICLE)
    _write(tmp_path / "fr.txt", "Le conseil municipal a voté lundi la fermeture du vieux quai, jugé dangereux par les ingénieurs.\n\nLes travaux de réparation commenceront au printemps, selon la mairie.")
    report = newsprism.analyze([tmp_path])
    assert len(report.articles) == 2
    warned = [p for p in report.problems if p.severity == "warning" and "written in 'fr'" in p.reason]
    assert [Path(p.path).name for p in warned] == ["fr.txt"]


def test_a_given_title_is_the_headline_even_when_the_text_holds_only_a_subheading(tmp_path):
    from newsprism.pipeline import prepare_articles

    text = "The Flood Barrier Debate\nThe council approved the flood barrier on Tuesday after a long debate in the chamber.\nIt will cost millions of pounds and take three years to finish, officials said."
    _write(tmp_path / "recs.jsonl", json.dumps({"id": "r1", "text": text, "title": "Lakeside council approves flood barrier"}))
    articles, _ = prepare_articles([tmp_path / "recs.jsonl"])
    assert articles[0].headline == "Lakeside council approves flood barrier"


def test_a_manifest_row_with_extra_values_is_reported_with_its_line_and_used(tmp_path):
    (tmp_path / "a.txt").write_text("A ferry ran aground off Lakeside on Monday, the coast guard said.", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet,url,published\na.txt,Lakeside Gazette,,2021-05-03,oops\n", encoding="utf-8")
    sources, problems = load_sources([tmp_path])
    assert [(s.outlet, s.published) for s in sources] == [("Lakeside Gazette", "2021-05-03")]
    assert [(p.line, p.severity) for p in problems] == [(2, "warning")] and "more than the header" in problems[0].reason


def test_json_nested_too_deeply_is_one_problem_and_the_rest_is_read(tmp_path):
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (tmp_path / "deep.jsonl").write_text('{"text": "A ferry ran aground off Lakeside."}\n' + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    sources, problems = load_sources([tmp_path])
    assert [s.content for s in sources] == ["A ferry ran aground off Lakeside."]
    assert sorted((Path(p.path).name, p.line) for p in problems) == [("deep.json", None), ("deep.jsonl", 2)]
    assert all("nested too deeply" in p.reason for p in problems)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_devices_and_pipes_are_refused_by_type_not_read(tmp_path):
    """A pipe would block the run forever and a device never ends: each is one problem."""
    (tmp_path / "a.txt").write_text("A ferry ran aground off Lakeside on Monday.", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    os.mkfifo(tmp_path / "given.txt")
    sources, problems = load_sources([tmp_path, tmp_path / "given.txt", "/dev/zero"])
    assert [Path(s.source_path).name for s in sources] == ["a.txt"]
    reasons = {Path(p.path).name: p.reason for p in problems}
    assert set(reasons) == {"b.txt", "given.txt", "zero"} and all("not a regular file" in r for r in reasons.values())


def test_a_manifest_date_that_is_no_date_is_reported_not_kept(tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(f"A ferry ran aground off Lakeside on Monday ({name}).", encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet,url,published\na.txt,A,,soon-ish\nb.txt,B,,2021-13-45\nc.txt,C,,\"May 3, 2021\"\n", encoding="utf-8")
    sources, problems = load_sources([tmp_path])
    assert {s.outlet: s.published for s in sources} == {"A": None, "B": None, "C": "May 3, 2021"}
    assert [(p.line, p.severity) for p in problems] == [(2, "warning"), (3, "warning")] and all("is not a date" in p.reason for p in problems)


def test_one_id_given_to_two_texts_keeps_both(tmp_path):
    """Not 'same content ... kept once': the second text is another article, kept under its content id."""
    (tmp_path / "f.jsonl").write_text(
        json.dumps({"id": "x1", "text": "A ferry ran aground off Lakeside on Monday."}) + "\n"
        + json.dumps({"id": "x1", "text": "The mayor opened the new bridge on Tuesday."}) + "\n"
        + json.dumps({"id": "x2", "text": "A ferry ran aground off Lakeside on Monday."}) + "\n",
        encoding="utf-8",
    )
    sources, problems = load_sources([tmp_path])
    assert [s.id for s in sources][0] == "x1" and len(sources) == 3
    assert "already the id of" in problems[0].reason and problems[0].severity == "warning"


def test_a_bug_met_by_one_input_skips_it_names_it_and_exits_3(tmp_path, monkeypatch):
    """The other inputs are analysed; the report says which input met the bug."""
    import newsprism
    from newsprism import pipeline

    real = pipeline.clean_text
    monkeypatch.setattr(pipeline, "clean_text", lambda text, **kw: (_ for _ in ()).throw(ZeroDivisionError("boom")) if "POISON" in text else real(text, **kw))
    _write(tmp_path / "good.txt", ARTICLE)
    _write(tmp_path / "bad.txt", ARTICLE.replace("Storm", "POISON"))
    report = newsprism.analyze([tmp_path])
    assert [Path(a.source_path).name for a in report.articles] == ["good.txt"]
    (p,) = [p for p in report.problems if p.severity == "error"]
    assert Path(p.path).name == "bad.txt" and "ZeroDivisionError: boom" in p.reason and "bug" in p.reason
    assert report.exit_code == 3


def test_newsapi_records_and_json_feed_files_are_read(tmp_path):
    from newsprism.ingest import load_sources

    newsapi = {"status": "ok", "totalResults": 1, "articles": [{
        "source": {"id": None, "name": "Harbor Times"}, "author": "Ada Roe", "title": "Ferry capsizes",
        "url": "https://harbortimes.example/ferry", "publishedAt": "2026-05-04T08:10:00Z",
        "description": "A ferry capsized.", "content": "A passenger ferry capsized on Lake Orrin on Sunday, killing four people... [+1830 chars]"}]}
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "Valley Ledger", "items": [{
        "id": "https://valleyledger.example/toll", "url": "https://valleyledger.example/toll", "title": "Toll rises",
        "content_html": "<p>The toll rose to six.</p>", "date_published": "2026-05-05T07:40:00Z", "authors": [{"name": "Ben Ode"}]}]}
    (tmp_path / "newsapi.json").write_text(json.dumps(newsapi), encoding="utf-8")
    (tmp_path / "feed.json").write_text(json.dumps(feed), encoding="utf-8")
    sources, problems = load_sources([tmp_path])
    by_title = {s.title: s for s in sources}
    a, b = by_title["Ferry capsizes"], by_title["Toll rises"]
    assert (a.outlet, a.author, a.published, a.format) == ("Harbor Times", "Ada Roe", "2026-05-04T08:10:00Z", "text")
    assert a.content.endswith("killing four people") and "[+1830 chars]" not in a.content
    assert (b.format, b.author, b.published, b.url) == ("html", "Ben Ode", "2026-05-05T07:40:00Z", "https://valleyledger.example/toll")
    assert problems == []


def test_fields_of_the_wrong_json_type_are_not_taken_for_text(tmp_path):
    from newsprism.ingest import load_sources

    (tmp_path / "a.jsonl").write_text(json.dumps({"text": "A ferry capsized on Lake Orrin.", "title": {"a": [1]}, "outlet": ["x"], "date": "2026-05-04"}) + "\n", encoding="utf-8")
    (src,), _ = load_sources([tmp_path])
    assert (src.title, src.outlet, src.published) == (None, None, "2026-05-04")
