"""The self-contained HTML report: complete, offline, and inert to hostile article text."""

from __future__ import annotations

from html import escape
import re

import pytest

import newsprism
from newsprism.render_html import safe_url, write_html

EVIL = {
    "evil1.txt": "<script>window.__pwned=1;alert(1)</script> Council approves flood barrier plan\n"
    "The council approved the <img src=x onerror=\"window.__pwned=1;alert(1)\"> flood barrier plan on Tuesday after a long debate in the chamber.\n"
    "It will cost 42 million pounds and take three years to finish, officials said on Tuesday evening.\n"
    "Residents said <b>broken <i>markup</b> and \"quotes' would not stop them from campaigning.\n",
    "evil2.txt": "Flood barrier plan approved <svg onload=alert(1)>\n"
    "The council approved the flood barrier plan on Tuesday after a long debate in the chamber.\n"
    "It will cost 42 million pounds and take three years to finish, officials said on Tuesday evening.\n",
}


@pytest.fixture(scope="module")
def evil_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evil")
    for name, text in EVIL.items():
        (folder / name).write_text(text)
    (folder / "sources.csv").write_text("file,outlet,url\nevil1.txt,<script>alert(2)</script>Outlet,javascript:alert(3)\nevil2.txt,Other \"Outlet',https://example.org/a?b=<c>\n")
    return newsprism.analyze([folder])


def test_report_pages_are_written_and_self_contained(tmp_path, example_report):
    paths = write_html(example_report, tmp_path)
    story_page = paths[example_report.stories[0].id].read_text()
    index = paths["index"].read_text()
    assert example_report.stories[0].title in story_page or "Israel" in story_page
    for html in (index, story_page):
        assert "<script" not in html.lower()
        assert not re.search(r"""(src|href)=['"]https?://""", html.replace("rel='noreferrer noopener'", "")) or "source</a>" in html
        assert "Content-Security-Policy" in html and "script-src 'none'" in html
    for needed in ("Summary", "Where accounts differ", "What the outlets agree on", "Who cited whom", "Timeline", "Coverage", "<svg", "<details"):
        assert needed in story_page, needed


def test_every_citation_points_at_an_existing_sentence(tmp_path, example_report):
    page = write_html(example_report, tmp_path)[example_report.stories[0].id].read_text()
    ids = set(re.findall(r"id='(s-[^']+)'", page))
    targets = re.findall(r"class='cite' href='#([^']+)'", page)
    assert targets and set(targets) <= ids


def test_hostile_text_is_shown_as_text(tmp_path, evil_report):
    paths = write_html(evil_report, tmp_path)
    for path in paths.values():
        html = path.read_text()
        assert "<script>" not in html and "<img src=x" not in html and "<svg onload" not in html and "<b>broken" not in html
        assert "javascript:alert" not in html.replace("javascript:alert(3)</p>", "") or "href='javascript" not in html
        assert "href='javascript" not in html and 'href="javascript' not in html
    story = paths[evil_report.stories[0].id].read_text()
    assert "&lt;img src=x onerror=" in story and "&lt;script&gt;" in story


@pytest.mark.parametrize("url,ok", [("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False), ("JAVASCRIPT:x", False), ("data:text/html,x", False), (None, False)])
def test_safe_url(url, ok):
    assert (safe_url(url) is not None) == ok


def test_the_story_list_shows_when_each_story_ran_and_how_it_opens(example_report):
    from newsprism.render_html import render_index

    page = render_index(example_report)
    assert "<td>2017-08-09 – 2017-08-10</td>" in page  # the dated articles' first and last day
    first = next(s.text for s in example_report.stories[0].summary.sentences if s.sentence_id)
    assert escape(first, quote=True) in page


def test_pages_of_an_earlier_run_into_the_same_folder_are_removed(tmp_path, example_report):
    (tmp_path / "story-Sdeadbeef0000.html").write_text("an old story page")
    (tmp_path / "story-notes.html").write_text("the user's own file")
    written = write_html(example_report, tmp_path)
    pages = {p.name for p in tmp_path.glob("story-*.html")}
    assert "story-Sdeadbeef0000.html" not in pages and "story-notes.html" in pages
    assert {p.name for p in written.values() if p.name.startswith("story-")} <= pages


def test_an_article_in_another_language_is_listed_as_not_compared():
    from newsprism.models import Article
    from newsprism.report import other_language

    def art(aid: str, lang: str | None) -> Article:
        return Article(aid, f"{aid}.txt", None, None, None, None, None, None, lang, "", (), ())

    assert other_language([art("a", "en"), art("b", "en"), art("c", "de"), art("d", None)]) == {"c": "German"}
    assert other_language([art("a", "en"), art("b", None)]) == {}
