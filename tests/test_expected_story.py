"""Every check in tests/fixtures/syria-expected.json, sections same_entity, original_source, agreed, conflicts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsprism.entities import key


@pytest.fixture(scope="module")
def story(example_report):
    (s,) = example_report.stories
    return s


@pytest.fixture(scope="module")
def file_of(example_report):
    return {a.id: Path(a.source_path).name for a in example_report.articles}


def _entity_of(story, form: str) -> str:
    k = key(form)
    hits = {e.id for e in story.entities for v in e.variants if key(v.form) == k or (len(v.form.split()) >= 2 and key(v.form) in k)}
    assert len(hits) == 1, f"{form!r} -> {hits}"
    return hits.pop()


def test_same_entity_groups(story, expected):
    ids = []
    for group in expected["same_entity"]:
        got = {_entity_of(story, f) for f in group}
        assert len(got) == 1, f"{group} split over {got}"
        ids.append(got.pop())
    assert len(set(ids)) == len(ids), "two expected entities were merged"


def test_original_source_and_chain(story, expected, file_of):
    want = expected["original_source"]
    assert story.original_source.outlet == want["outlet"]
    assert file_of[story.original_source.article_id] == want["file"]
    citing = {file_of[c.article_id] for c in story.citations if c.cites == want["outlet"]}
    assert citing == set(want["cite_it"])
    for f, via, origin in want["chains"]:
        assert any(file_of[c.article_id] == f and c.via == via and c.cites == origin for c in story.citations)


def test_agreed_facts(story, expected, file_of, example_report):
    text = {s.id: s.text for a in example_report.articles for s in a.sentences}
    for fact in expected["agreed"]:
        pats = [re.compile(p) for p in fact["every_sentence_mentions"]]
        ok = [
            c for c in story.claims
            if set(fact["sources"]) <= {file_of[s.split(":")[0]] for s in c.sentence_ids}
            and all(all(p.search(text[s]) for p in pats) for s in c.sentence_ids)
        ]
        assert ok, fact["fact"]
        assert ok[0].support >= len(fact["sources"]) and ok[0].kind in {"consensus", "corroborated"}


def test_conflicts(story, expected, file_of):
    for want in expected["conflicts"]:
        wanted = {surface: set(files) for surface, files in want["values"].items()}
        found = False
        for c in story.conflicts:
            got = {}
            for v in c.values:
                for surface in wanted:
                    if surface in v.surface:
                        got[surface] = {file_of[s.split(":")[0]] for s in v.sentence_ids}
            if got == wanted:
                found = True
                assert c.type == "date"
        assert found, want["about"]


def test_claim_kinds_are_consistent(story):
    n = len(story.outlets)
    for c in story.claims:
        assert c.support == len(set(c.outlets)) <= n
        if c.support > 1:
            assert c.kind == ("consensus" if c.support == n else "corroborated")
        else:  # one outlet's: its exclusive, unless another outlet's sentence is close to it
            other = {s.split(":")[0] for s in c.related_ids} - {s.split(":")[0] for s in c.sentence_ids}
            assert c.kind == ("single" if other else "unique")
        assert len({s.split(":")[0] for s in c.sentence_ids}) == len(c.sentence_ids), "one sentence per article"


def test_no_conflict_is_a_single_outlet_disagreeing_with_itself(story):
    for c in story.conflicts:
        holders = [set(v.outlets) for v in c.values]
        assert len(holders) >= 2
        assert not set.intersection(*holders)
