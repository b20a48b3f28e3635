"""report.json follows docs/report.schema.json; report.md escapes untrusted text."""

from __future__ import annotations

import json
import os
import stat

import jsonschema
import pytest

import newsprism
from conftest import ROOT
from newsprism.report import md, render_markdown, to_json, write_report


def test_report_json_validates_against_the_documented_schema(example_report):
    schema = json.loads((ROOT / "docs" / "report.schema.json").read_text())
    data = json.loads(to_json(example_report))
    jsonschema.validate(data, schema)
    assert data["articles"][0]["sentences"][0]["id"].startswith(data["articles"][0]["id"] + ":")


def test_sentence_and_entity_offsets_point_into_the_body(example_report):
    for art in example_report.articles:
        for s in art.sentences:
            assert art.body[s.start : s.end] == s.text
        for e in art.entities:
            assert art.body[e.start : e.end] == e.text
        assert [s.id for s in art.sentences] == [f"{art.id}:{i}" for i in range(len(art.sentences))]


def test_write_report_writes_both_files(tmp_path, example_report):
    paths = write_report(example_report, tmp_path / "out")
    assert json.loads(paths["json"].read_text())["exit_code"] == 0
    assert paths["markdown"].read_text().startswith("# newsprism report")


@pytest.mark.parametrize("umask", [0o022, 0o077], ids=["umask-022", "umask-077"])
def test_report_files_all_get_the_modes_the_umask_gives(tmp_path, example_report, umask):
    old = os.umask(umask)
    try:
        write_report(example_report, tmp_path / "out")
    finally:
        os.umask(old)
    files = sorted((tmp_path / "out").iterdir())
    assert {"report.json", "report.md", "index.html"} <= {f.name for f in files} and any(f.name.startswith("story-") for f in files)
    assert not [f.name for f in files if f.name.startswith(".")]  # no temporary file left behind
    assert {f.name: stat.S_IMODE(f.stat().st_mode) for f in files} == {f.name: 0o666 & ~umask for f in files}


def test_markdown_escapes_html_and_script(tmp_path):
    evil = tmp_path / "evil.txt"
    evil.write_text(
        "<script>alert(1)</script> Council approves plan\n"
        "The council approved the <img src=x onerror=alert(1)> plan on Tuesday after a long debate.\n"
        "It will cost millions of pounds and take [three](javascript:alert(1)) years, officials said.\n"
    )
    text = render_markdown(newsprism.analyze([evil]))
    assert "<script>" not in text and "<img" not in text and "[three](javascript:" not in text
    assert "\\[three\\](javascript" in text  # shown as text, not a link
    assert "&lt;script&gt;" in text


def test_md_escape_leaves_plain_text_readable():
    assert md("Israel, Russia and the U.S.") == "Israel, Russia and the U.S."
    assert md("a | b") == "a \\| b"


def test_stray_articles_are_listed_apart_and_their_claims_are_not_unique_claims(example_report):
    from dataclasses import replace

    from newsprism.render_html import render_story

    story = example_report.stories[0]
    stray = example_report.articles[-1].id
    unique = [c for c in story.claims if c.kind == "unique" and c.sentence_ids[0].startswith(stray + ":")]
    assert unique  # the example's last article has claims of its own
    marked = replace(story, stray_articles=(stray,))
    text = render_markdown(replace(example_report, stories=(marked,)))
    assert "### Articles that share nothing with the rest" in text
    assert not any(f": {md(c.text)}" in text.split("### Claims only one outlet makes")[1].split("###")[0] for c in unique)
    page = render_story(marked, example_report.articles)
    assert "Articles that share nothing with the rest" in page and f"href='#a-{stray}'" in page


def test_only_names_spelled_differently_are_listed_as_written_differently():
    from newsprism.models import StoryEntity, Variant

    def entity(*forms: str) -> StoryEntity:
        return StoryEntity("e", forms[0], "PERSON", tuple(Variant(f, ("a",), 1) for f in forms))

    assert entity("Jan Kowalsky", "Kowalsky", "Kowalski", "Jan Kowalski").spellings() == ("Jan Kowalsky", "Jan Kowalski")
    assert entity("Maria Lopez", "Lopez").spellings() == ("Maria Lopez",)  # a surname is a shortening, not a spelling
    assert len(entity("U.S.", "United States", "US").spellings()) == 3
    assert len(entity("Bashar Al-Assad", "Bashar Assad").spellings()) == 2
    assert entity("Lakeside Gazette", "LAKESIDE GAZETTE", "Lakeside Gazete").spellings() == ("Lakeside Gazette", "Lakeside Gazete")  # case is no spelling
    assert len(entity("Children’s Fund", "Children's Fund").spellings()) == 1  # nor is an apostrophe's shape
    assert entity("North Korea", "North Korean", "North Koreans").spellings() == ("North Korea",)  # nor a place's adjective
    assert entity("Democrats", "Democrat").spellings() == ("Democrat",)  # nor a plural


def test_markdown_keeps_a_plain_ampersand_and_escapes_one_that_starts_a_reference():
    from newsprism.report import md

    assert md("good & bad, AT&T") == "good & bad, AT&T"
    assert md("&lt;script&gt; and &#60;b>") == "&amp;lt;script&amp;gt; and &amp;\\#60;b&gt;"  # shown as typed, never decoded to markup
