"""Every check in the ``articles`` section of the example's expectations (tests/fixtures/syria-expected.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

# kept out of the example folder, where it would be an input the demo reports as ignored
EXPECTED = json.loads((Path(__file__).parent / "fixtures" / "syria-expected.json").read_text(encoding="utf-8"))
CASES = sorted(EXPECTED["articles"].items())


def _norm(s: str) -> str:
    return " ".join(s.split())


@pytest.mark.parametrize("name,want", CASES, ids=[c[0] for c in CASES])
def test_article_matches_expected(by_file, name, want):
    art = by_file[name]
    body = _norm(art.body)
    if "headline" in want:
        assert art.headline == want["headline"]
    if "published" in want:
        assert art.published == want["published"]
    if "author" in want:
        assert art.author == want["author"]
    if "standfirst" in want:
        assert art.standfirst == want["standfirst"]
    if "standfirst_start_with" in want:
        assert (art.standfirst or "").startswith(want["standfirst_start_with"])
    for cap in want.get("captions", []):
        assert cap in art.captions
        assert cap not in body
    for start in want.get("captions_start_with", []):
        assert any(c.startswith(start) for c in art.captions), start
        assert start not in body
    for line in want.get("not_body", []):
        assert _norm(line) not in body, line
        assert any(_norm(r.text) == _norm(line) for r in art.removed), f"not kept as removed: {line}"
    if "body_first_words" in want:
        assert body.startswith(_norm(want["body_first_words"]))
    if "body_last_words" in want:
        assert body.endswith(_norm(want["body_last_words"]))


def test_every_example_article_loaded(example_report):
    assert sorted(by.split("/")[-1] for by in (a.source_path for a in example_report.articles)) == sorted(EXPECTED["articles"])
    assert example_report.exit_code == 0 and not example_report.problems  # nothing in the folder is ignored
