"""Story stages on small synthetic stories written for these tests (not the bundled example)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest

import newsprism
from newsprism.conflicts import number_value
from newsprism.dates import looks_ahead, resolve
from newsprism.models import Article, Mention, Sentence

BUS = {
    "a.txt": ("Daily Courier", "2021-03-04", """Bus crash kills 12 near Lakeside
A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people, police said.
The driver, Tomas Brenner, survived with minor injuries and was questioned by investigators.
Regional governor Ana Kowalczyk declared three days of mourning.
Investigators said the brakes had failed on a steep descent, according to the Lakeside Gazette.
"""),
    "b.txt": ("Evening Post", "2021-03-04", """Tourist bus plunges into ravine
A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 15 people, police said.
Kowalczyk declared three days of mourning across the region on Wednesday.
The driver, Tomas Brenner, survived with minor injuries and was questioned by investigators.
The Lakeside Gazette reported that the brakes had failed on a steep descent.
"""),
    "c.txt": ("Metro Wire", "2021-03-05", """Ravine crash: brakes blamed
Investigators said the brakes had failed on a steep descent, the Lakeside Gazette reported.
Regional governor Ana Kowalczyk declared three days of mourning.
A separate crash in 2019 near the same road injured 4 people, according to regional records.
The company that owns the bus, Brenner Tours, is run by the driver's brother, Lukas Brenner.
"""),
}


@pytest.fixture(scope="module")
def bus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bus")
    rows = ["file,outlet,url,published"]
    for name, (outlet, day, text) in BUS.items():
        (folder / name).write_text(text, encoding="utf-8")
        rows.append(f"{name},{outlet},,{day}")
    (folder / "sources.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = newsprism.analyze([folder])
    return report, report.stories[0], {a.id: Path(a.source_path).name for a in report.articles}


def test_death_toll_conflict_is_found_and_typed(bus):
    _, story, name = bus
    tolls = [c for c in story.conflicts if c.type == "number"]
    assert len(tolls) == 1, story.conflicts
    values = {v.value: {name[s.split(":")[0]] for s in v.sentence_ids} for v in tolls[0].values}
    assert values == {"12": {"a.txt"}, "15": {"b.txt"}}
    assert tolls[0].about == "the death toll"  # "killing 12 people" and "killing 15 people" count deaths


def test_unrelated_numbers_are_not_a_conflict(bus):
    _, story, _ = bus
    for c in story.conflicts:
        assert not any(v.value == "4" for v in c.values)


def _observed(find, texts: dict[str, str]) -> list:
    """What a conflicts finder (``_numbers``, ``_casualties``) reads in ``texts`` (sentence id ->
    text), each sentence's outlet named after its article."""
    from newsprism.nlp import parse_sentences

    docs = dict(zip(texts, parse_sentences(list(texts.values())), strict=True))
    return list(find(docs, {sid.split(":")[0]: sid.split(":")[0].upper() for sid in texts}))


def test_a_part_added_to_a_count_and_another_events_toll_are_not_counts_of_the_story():
    from newsprism.conflicts import _casualties, _numbers

    texts = {
        "a:0": "The files name 12 world leaders and 128 other politicians.",
        "b:0": "The files name 140 politicians and officials.",
        "c:0": "The breach exposed 2.5 million more people.",
    }
    assert {o.value for o in _observed(_numbers, texts)} == {"12", "140"}  # not the 128 'other' ones, nor 2.5 million 'more'
    tolls = {
        "d:0": "The militants said it avenged air strikes last week in which 30 people were killed.",
        "e:0": "The bomber killed at least six people, officials said.",
    }
    assert [o.sentence_id for o in _observed(_casualties, tolls)] == ["e:0"]


def test_sums_and_measures_are_compared_by_unit_and_what_they_are_of():
    from newsprism.conflicts import _measures, _slot_conflicts

    texts = {
        "a:0": "The investor has a net worth of about $4.5bn, the magazine said.",
        "b:0": "The magazine listed the investor with a net worth of $2.1 billion.",
        "c:0": "The probe will make seven passes, which will bring it within 3.9 million miles (6.2 million kilometers) of the sun.",
        "f:0": "The craft will make seven passes, which will bring it within 3.7 million miles of the sun.",
        "d:0": "Last year the couple paid an effective federal tax rate of 31.2 percent.",
        "e:0": "Their federal tax rate was 31.2, and with city and state taxes a combined rate of 42.7 percent.",
    }
    obs = _observed(_measures, texts)
    assert {(o.slot, o.value) for o in obs if o.sentence_id in {"a:0", "b:0"}} == {("the dollars of net worth", "4500000000"), ("the dollars of net worth", "2100000000")}
    assert not any(o.sentence_id == "c:0" and o.slot.startswith("the kilometers") for o in obs)  # a conversion in brackets is the same figure
    ((_, _, clash),) = [f for f in _slot_conflicts("number", obs) if f[1] == "the dollars of net worth"]
    assert clash[0].label == "the net worth"
    assert not [f for f in _slot_conflicts("number", obs) if "rate" in f[1]]  # a combined rate is not the federal rate
    ((_, _, miles),) = [f for f in _slot_conflicts("number", obs) if f[1].startswith("the miles")]  # a verb whose subject is a pronoun: the verb alone
    assert {o.value for o in miles} == {"3900000", "3700000"} and miles[0].label == "how many miles"


def test_a_date_or_time_that_belongs_to_a_noun_dates_no_event():
    from newsprism.dates import dates_a_thing as _dates_a_thing
    from newsprism.nlp import parse_sentences

    texts = ["Families of those killed in the Sept. 11 attacks may sue.", "Officials set a 5 p.m. deadline for the camp.", "The senate voted Wednesday to override the veto.", "She made the announcement Tuesday afternoon."]
    marks = [[_dates_a_thing(e) for e in doc.ents if e.label_ in {"DATE", "TIME"}] for doc in parse_sentences(texts)]
    assert marks == [[True], [True], [False], [False, False]]


def test_counts_of_different_things_or_of_what_is_are_not_compared():
    from newsprism.conflicts import _numbers

    texts = {
        "a:0": "The probe will perform 24 close passes of the moon over three years.",
        "b:0": "The probe will make seven passes of Mars on the way.",
        "c:0": "The probe will perform 22 close passes of the moon over three years.",
        "d:0": "Two officers are in custody over the second raid.",
        "e:0": "The earthquake killed at least 250 people, officials said.",
        "f:0": "At least 300 people died in the earthquake, according to officials.",
    }
    obs = _observed(_numbers, texts)
    slots = {o.sentence_id: o.slot for o in obs}
    assert slots["a:0"] == slots["c:0"] != slots["b:0"]  # 24 vs 22 passes of the moon is a dispute
    assert "d:0" in slots  # 'are in custody': a state, compared between sentences aligned as one statement
    assert "d:0" not in {o.sentence_id for o in _observed(lambda docs, outlet: _numbers(docs, outlet, with_verb=True), texts)}  # not in the leads
    assert slots["e:0"] == slots["f:0"]  # killed 250 vs 300 died: the same count
    labels = {o.sentence_id: o.label for o in obs}
    assert all(o.value.isdigit() for o in obs)
    assert labels["a:0"] == "the number of passes of the moon"  # the key is lemmas, the label reads as English
    assert labels["b:0"] == "the number of passes of Mars"


def test_a_number_in_a_name_is_not_a_count():
    from newsprism.conflicts import _numbers

    texts = {"a:0": "Its thrust equals 12 Antonov 124 freighters at full power.", "b:0": "It can lift more than a fully loaded 124 freighter.", "c:0": "The airline grounded its 37 freighters."}
    found = {(o.sentence_id, o.value) for o in _observed(_numbers, texts)}
    assert ("a:0", "12") in found and ("a:0", "124") not in found
    assert not any(sid == "b:0" for sid, _ in found)  # 'a ... freighter' is one freighter
    assert ("c:0", "37") in found


def test_totals_of_a_part_and_numbers_needed_are_not_counts():
    from newsprism.conflicts import _numbers

    texts = {
        "a:0": "The rebels freed 21 of the more than 200 students they kidnapped two years ago.",
        "b:0": "The leader said he had the 41 votes necessary to block the nominee.",
        "c:0": "The rule requires a supermajority of 60 votes to end the debate.",
        "d:0": "The rebels freed 21 students on Thursday, officials said.",
    }
    found = {(o.sentence_id, o.value) for o in _observed(_numbers, texts)}
    assert not any(sid == "a:0" for sid, _ in found)  # the 200 is the whole the 21 are part of
    assert not any(sid in {"b:0", "c:0"} for sid, _ in found)
    assert ("d:0", "21") in found


def test_hyphenated_hedges_and_curly_negations_are_read():
    from newsprism.conflicts import _Obs, _negated, _range
    from newsprism.nlp import parse_sentences

    assert _range(_Obs("s", "11000000", "more-than 11 million documents", "a:0", "A")) == (11_000_000, math.nextafter(11_750_000, 0))
    doc = parse_sentences(["It wasn’t a secret deal."])[0]
    assert _negated(next(t for t in doc if t.dep_ == "ROOT"))


def test_an_outlet_that_states_both_values_is_not_in_conflict():
    from newsprism.conflicts import _Obs, _unless_known, figures_in

    obs = [_Obs("the number of vote (win)", "304", "304 votes", "a:0", "A"), _Obs("the number of vote (win)", "306", "306 votes", "b:0", "B")]
    both = {"a": figures_in("He won 304 electoral votes, though he claimed 306."), "b": figures_in("He won 306 electoral votes.")}
    assert _unless_known(("number", "the number of vote (win)", obs), both) is None
    apart = {"a": figures_in("He won 304 electoral votes."), "b": figures_in("He won 306 electoral votes.")}
    assert _unless_known(("number", "the number of vote (win)", obs), apart) is not None


@pytest.mark.parametrize(
    "a,b,dispute",
    [
        ("12 people", "15 people", True),
        ("at least four cases", "88 cases", True),  # a writer who knew of 88 would not say 'at least four'
        ("about 148,000 voters", "nearly 150,000 voters", False),  # two roundings of one figure
        ("at least 250 people", "at least 300 people", True),  # a rising toll: shown (as an update when the times say so)
        ("more than 500 people", "527 people", False),  # the figure rounded down to the step it is written with
        ("more than 270 girls", "276 girls", False),
        ("more than 500 people", "590 people", True),  # 590 would be 'nearly 600'
        ("at least 50 people", "59 people", True),  # an early toll, and the later count
        ("more than 400 people", "527 people", True),
        ("more than 10 days", "11 days", False),
        ("dozens of people", "37 people", False),  # vague vs exact
        ("dozens of assaults", "359 assaults", True),  # ... but 'dozens' stays under a dozen dozen
        ("dozens of millions", "359 millions", False),
        ("about 20 people", "40 people", True),
        ("up to 10 missiles", "12 missiles", True),
        ("as many as 20 pieces", "15 pieces", False),  # an upper bound, like 'up to'
        ("as many as 20 pieces", "30 pieces", True),
    ],
)
def test_hedged_numbers_conflict_only_when_their_ranges_cannot_both_hold(a, b, dispute):
    from newsprism.conflicts import _Obs, _unless_known, number_value

    obs = [_Obs("slot", f"{number_value(t.rsplit(' ', 1)[0]):g}", t, f"{k}:0", k.upper()) for k, t in (("a", a), ("b", b))]
    assert (_unless_known(("number", "slot", obs), {"a": frozenset(), "b": frozenset()}) is not None) == dispute


def _number_conflict(published: dict[str, str]):
    from newsprism.conflicts import _conflict, _Obs

    obs = [_Obs("toll", "5", "five people", "a:0", "BBC"), _Obs("toll", "7", "seven people", "b:0", "Reuters"), _Obs("toll", "7", "7 people", "c:0", "AP")]
    return _conflict(1, "number", "the death toll", obs, published)


def test_a_figure_reported_later_is_an_update_with_its_history():
    c = _number_conflict({"a": "2024-03-01T08:10:00", "b": "2024-03-01T11:40:00", "c": "2024-03-01T12:05:00"})
    assert c.verdict == "update"
    assert c.why == "first reported five people (BBC, 2024-03-01 08:10), later 7 people (AP, Reuters, 2024-03-01 11:40)"


def test_figures_reported_at_the_same_time_or_interleaved_are_a_dispute():
    assert _number_conflict({"a": "2024-03-01", "b": "2024-03-01", "c": "2024-03-02"}).verdict == "dispute"  # days overlap
    assert _number_conflict({"a": "2024-03-01T12:00", "b": "2024-03-01T08:00", "c": "2024-03-01T13:00"}).verdict == "dispute"  # 7, then 5, then 7
    assert _number_conflict({"a": "", "b": "2024-03-01", "c": "2024-03-01"}).verdict == "dispute"  # no date: no history
    assert _number_conflict({}).why.endswith("cannot both be right at the same time")


def test_an_article_s_first_figure_is_its_figure_and_an_outlet_may_revise_itself():
    from newsprism.conflicts import _Obs, _slot_conflicts

    obs = [
        _Obs("toll", "5", "five people", "a:0", "BBC"),
        _Obs("toll", "12", "12 people", "a:9", "BBC"),  # another event, further down
        _Obs("toll", "7", "seven people", "b:0", "BBC"),  # the BBC's later report
    ]
    ((_, _, kept),) = _slot_conflicts("number", obs)
    assert {(o.sentence_id, o.value) for o in kept} == {("a:0", "5"), ("b:0", "7")}


def test_consensus_claim_backed_by_all_outlets(bus):
    _, story, _ = bus
    mourning = [c for c in story.claims if "mourning" in c.text]
    assert mourning and mourning[0].kind == "consensus" and mourning[0].support == 3


def test_people_sharing_a_surname_stay_apart_and_short_forms_join(bus):
    _, story, _ = bus
    by_form = {v.form: e.id for e in story.entities for v in e.variants}
    assert by_form["Ana Kowalczyk"] == by_form["Kowalczyk"]
    assert by_form["Tomas Brenner"] != by_form["Lukas Brenner"]


def test_original_source_outside_the_corpus(bus):
    _, story, name = bus
    assert story.original_source.outlet == "Lakeside Gazette"
    assert story.original_source.article_id is None
    assert {name[c.article_id] for c in story.citations if c.cites == "Lakeside Gazette"} == {"a.txt", "b.txt", "c.txt"}


def test_timeline_resolves_weekdays_against_publication_dates(bus):
    _, story, _ = bus
    dated = {(e.date, e.precision) for e in story.timeline}
    assert ("2021-03-02", "day") in dated  # 'on Tuesday' in articles published Thursday 4 March
    assert ("2019", "year") in dated
    assert [e.date for e in story.timeline] == sorted(e.date for e in story.timeline)


@pytest.mark.parametrize("text, is_title", [("He reread Orwell's 1984 on the train.", True), ('The film "1917" opened in London.', True), ("The bridge was built in 1984 by the council.", False), ('"1999 was the year it all changed," she said.', False)])
def test_a_bare_year_naming_a_work_is_not_a_timeline_date(text, is_title):
    from newsprism.timeline import _title_not_year

    start = text.index("19")
    assert _title_not_year(text, start, start + 4) is is_title


def test_framing_lists_each_outlet(bus):
    _, story, _ = bus
    assert {f.outlet for f in story.framing} == {"Daily Courier", "Evening Post", "Metro Wire"}


@pytest.mark.parametrize(
    "text,base,want",
    [
        ("July 8", date(2017, 8, 9), ("2017-07-08", "day")),
        ("8 July", date(2017, 8, 9), ("2017-07-08", "day")),
        ("December 30", date(2018, 1, 2), ("2017-12-30", "day")),
        ("Jan. 3", date(2011, 12, 6), ("2012-01-03", "day")),  # 'ahead of the Jan. 3 caucus'
        ("June 28", date(2012, 2, 20), ("2012-06-28", "day")),  # a sentencing date ahead
        ("March 15", date(2017, 9, 15), ("2017-03-15", "day")),
        ("last Wednesday", date(2017, 8, 9), ("2017-08-02", "day")),
        ("early last month", date(2017, 8, 9), ("2017-07", "month")),
        ("last week", date(2017, 8, 9), ("2017-07-31", "week")),
        ("two weeks ago", date(2017, 8, 9), ("2017-07-24", "week")),
        ("June 25, 2012", None, ("2012-06-25", "day")),
        ("six years", date(2017, 8, 9), None),
        ("a week earlier", date(2017, 8, 9), None),
        ("Wednesday", None, None),
        ("June 12 last year", date(2017, 10, 3), ("2016-06-12", "day")),  # not the June 12 nearest publication
        ("April of last year", date(2017, 10, 3), ("2016-04", "month")),
        ("March next year", date(2017, 10, 3), ("2018-03", "month")),
        ("Christmas Eve", date(2017, 12, 27), ("2017-12-24", "day")),
        ("Christmas Day", date(2017, 12, 27), ("2017-12-25", "day")),
        ("Christmas Day", date(2018, 1, 3), ("2017-12-25", "day")),  # last week's, not this year's to come
        ("last Thanksgiving", date(2018, 2, 3), ("2017-11-23", "day")),  # the fourth Thursday of November
        ("this past October", date(2018, 2, 3), ("2017-10", "month")),
        ("last October", date(2017, 11, 3), ("2017-10", "month")),
        ("October of 2016", date(2017, 1, 24), ("2016-10", "month")),
        ("1994 and 1995", date(2017, 2, 24), ("1994", "year")),  # when it began
        ("last summer", date(2018, 1, 1), ("2017", "year")),
        ("last summer", date(2017, 6, 1), ("2016", "year")),  # this summer has not ended
        ("early Wednesday morning", date(2017, 12, 27), ("2017-12-27", "day")),
        ("either July or August of 2018", date(2017, 12, 27), ("2018", "year")),  # only the year is sure
    ],
)
def test_date_resolution(text, base, want):
    got = resolve(text, base)
    assert (None if got is None else (got.iso, got.precision)) == want


def test_a_weekday_just_after_publication_is_the_next_day_when_the_story_runs_on():
    thursday, friday = date(2021, 3, 11), date(2021, 3, 12)
    assert resolve("early on Friday", thursday).iso == "2021-03-05"  # alone: the Friday before
    assert resolve("early on Friday", thursday, until=friday).iso == "2021-03-12"  # later reports: the night it happened
    assert resolve("last Friday", thursday, until=friday).iso == "2021-03-05"
    assert resolve("Tuesday", thursday, until=friday).iso == "2021-03-09"


@pytest.mark.parametrize(
    "before,ahead",
    [
        ("The ferry company will resume sailings on", True),
        ("The new bridge is scheduled to open to traffic at 6 a.m.", True),
        ("Talks could resume as early as", True),
        ("The ferry resumed sailings on", False),
        ("The mayor said on", False),
        ("The mayor, who will retire next year, opened the bridge on", False),  # the marker's clause has ended
        ("The trial is currently set to begin in", True),
        ("The mayor said she expected to name her deputy by", True),
        ("He said he believed he could win the district in", True),
        ("He could have won the district in", False),
        ("The storm hit the coast in May and again in", False),  # 'May' the month is no modal
        ("The governor is expected to press once again for a new harbour budget in her address to the assembly", True),
    ],
)
def test_words_before_a_date_tell_whether_it_is_to_come(before, ahead):
    assert looks_ahead(before) is ahead


@pytest.mark.parametrize(
    "after,ahead",
    [
        (" afternoon, the council will vote on the plan", True),
        (", the ferry is set to resume sailings", True),
        (", police said they will release the names", False),  # the day it was said
        (", the council voted on the plan", False),
        (" the council met; it will vote later", False),  # the marker is in another clause
    ],
)
def test_a_clause_opened_by_a_date_can_tell_that_it_is_to_come(after, ahead):
    from newsprism.dates import looks_ahead_after

    assert looks_ahead_after(after) is ahead


def test_a_date_to_come_is_the_next_one_not_the_last():
    """In an article of Monday 5 March: 'will reopen on Tuesday' is the 6th, not 27 February; 'will
    vote in January' is next January; 'will meet on March 2' is next year's (this year's has passed)."""
    monday = date(2018, 3, 5)
    assert resolve("Tuesday", monday, ahead=True).iso == "2018-03-06"
    assert resolve("Tuesday", monday).iso == "2018-02-27"
    assert resolve("January", monday, ahead=True).iso == "2019-01"
    assert resolve("March", monday, ahead=True).iso == "2018-03"
    assert resolve("March 2", monday, ahead=True).iso == "2019-03-02"
    assert resolve("last Tuesday", monday, ahead=True).iso == "2018-02-27"


@pytest.mark.parametrize("text,want", [("Twenty-one", 21), ("forty five", 45), ("1,200", 1200), ("two", 2), ("3.5 million", 3_500_000), ("$40m", 40_000_000), ("many", None), ("at least 250", 250), ("about two dozen", 24), ("a dozen", 12)])
def test_number_values(text, want):
    assert number_value(text) == want


def test_a_story_without_headlines_is_titled_by_its_first_lead_sentence():
    from newsprism.story import story_title

    lead = "A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people, police said."
    assert story_title([None, "Bus crash kills 12"], [lead]) == "Bus crash kills 12"
    assert story_title([None, ""], [None, lead]) == "A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12…"
    assert story_title([None], ["Short lead."]) == "Short lead."
    assert story_title([None], ["LAKESIDE, Va. - A bus crashed."]) == "A bus crashed."  # no dateline
    assert story_title([], []) == "Untitled story"
    assert story_title([None, None], ["Lakeside, Virginia (CNN)", "A bus crashed."]) == "A bus crashed."  # a dateline alone is no lead


@pytest.mark.parametrize(
    "line,ok",
    [
        ("Bus crash near Lakeside kills 12", True),
        ("Mayor Rejects 'Fake' Claims About Harbour Deal Ties", True),
        ("Lakeside, Virginia (CNN)", False),
        ("(CNN)", False),
        ("LAKESIDE, Virginia |", False),
        ("THE HARBOUR AUTHORITY OF LAKESIDE", False),
        ("2. Jane Roe", False),
        ("CLOSE Jane Roe was accused by a dozen people of fraud", False),
        ("Jane Roe, 32, of Lakeside", False),
        ("Directed by Jane Roe", False),
        ("Gazette News, Lakeside", False),
    ],
)
def test_a_headline_must_read_as_one_to_title_a_story(line, ok):
    from newsprism.story import is_title

    assert is_title(line) is ok


def test_the_title_is_the_first_headline_that_reads_as_one_else_the_opening_sentence():
    from newsprism.story import story_title

    lead = "A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people."
    assert story_title(["(CNN)", "Bus crash near Lakeside kills 12"], [lead]) == "Bus crash near Lakeside kills 12"
    assert story_title(["Lakeside bus crash kills 12 Posted: Tuesday, June 27, 2012 1:32 PM EDT"], [lead]) == "Lakeside bus crash kills 12"
    assert story_title(["(CNN)"], ["LAKESIDE, Virginia - A bus carrying tourists crashed."]) == "A bus carrying tourists crashed."


def test_a_headline_about_something_else_does_not_title_the_story(tmp_path):
    story = _one_story(tmp_path, {  # a record's title that belongs to another page
        "a.json": json.dumps({"id": "a", "title": "Recipes For A Sunny Weekend At Home", "text": "A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people, police said."}),
        "b.json": json.dumps({"id": "b", "title": "Bus crash near Lakeside kills 12 tourists", "text": "Twelve tourists died when their bus crashed into a ravine near Lakeside on Tuesday, police said."}),
    })
    assert story.title == "Bus crash near Lakeside kills 12 tourists"


def test_not_only_is_not_a_negation():
    from newsprism.conflicts import _negated
    from newsprism.nlp import parse_sentences

    doc = parse_sentences(["Not only will the rocket be able to carry more, but it will also cost less."])[0]
    assert not _negated(next(t for t in doc if t.dep_ == "ROOT"))


def test_timeline_skips_times_told_relative_to_the_story(tmp_path):
    text = (
        "Senator Lee Park quit the race on Tuesday after a poor result in the state primary.\n\n"
        "Park first ran in 2008 and won most of the early primaries, but withdrew from the race that March after a string of losses.\n\n"
        "Her campaign said on Tuesday it would back the front-runner at the convention in July.\n\n"
        "Aides said that April 20 would be her last day in the Senate.\n\n"
        "She also ran in 1996, 2000, 2004 and 2012 without winning a seat.\n\n"
        "Party: Green Candidate: Lee Park Born: 1961 in Ohio."
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "sources.csv").write_text("file,outlet,url,published\na.txt,Daily Courier,,2015-04-16\n", encoding="utf-8")
    story = newsprism.analyze([tmp_path], one_story=True).stories[0]
    dates = {e.date for e in story.timeline}
    assert "2008" in dates and "2015-04-14" in dates
    assert "2015-03" not in dates  # 'that March' is March 2008's, not the publication year's
    assert "2015-04-20" in dates  # 'said that April 20': the 'that' introduces what was said
    assert not {"1996", "2000", "2004", "2012"} & dates  # a list of years is not four events
    assert "1961" not in dates  # a fact box dates no event


def test_a_dateline_agency_is_not_another_name_of_the_place(tmp_path):
    texts = {
        "a.txt": "DALLAS (AP) — Police in Dallas arrested a man on Monday after a chase across the city, officials said.\n\nThe Associated Press could not reach his lawyer.",
        "b.txt": "Police in Dallas arrested a man on Monday after a long chase across the city.\n\nDallas police said he would appear in court on Tuesday.",
    }
    story = _one_story(tmp_path, texts)
    dallas = next(e for e in story.entities if any(v.form.lower() == "dallas" for v in e.variants))
    assert not any(v.form in {"AP", "Associated Press"} for v in dallas.variants)


def test_a_cited_organisation_is_named_whole_and_once_and_scans_are_not_sources(tmp_path):
    texts = {
        "a.txt": "There have been 50 cases of the illness across 24 states this year, the Centers for Disease Control and Prevention reported on Monday.\n\nAn MRI revealed lesions on the girl's spine.",
        "b.txt": "The CDC reported 50 cases of the illness in 24 states this year.\n\nA scan revealed lesions on the spine of one patient, a girl from Ohio.",
    }
    story = _one_story(tmp_path, texts)
    cited = {c.cites for c in story.citations}
    assert cited == {"Centers for Disease Control and Prevention"}
    assert story.original_source.outlet == "Centers for Disease Control and Prevention"


def test_a_role_and_its_actor_in_brackets_stay_two_people(tmp_path):
    texts = {
        "a.txt": "The film follows Susie Palmer (Sarah Ronson), a girl who watches her family from the afterlife.\n\nRonson gives the best performance of the year, critics said.",
        "b.txt": "Sarah Ronson plays Susie Palmer in the film, which opens on Friday.\n\nPalmer is murdered by a neighbour in the first act.",
    }
    story = _one_story(tmp_path, texts)
    people = [{v.form for v in e.variants} for e in story.entities if e.label == "PERSON"]
    assert not any({"Susie Palmer", "Sarah Ronson"} <= forms for forms in people)


def test_a_medium_cited_by_one_article_is_not_the_story_s_original_source(tmp_path):
    texts = {
        "a.txt": "The governor declared a state of emergency on Friday after the river burst its banks.\n\n“This is the worst flood in a century,” the mayor said on KRTV radio.",
        "b.txt": "The governor declared a state of emergency on Friday as the river flooded the town.\n\nHundreds of homes were evacuated overnight, officials said.",
    }
    story = _one_story(tmp_path, texts)
    assert {c.cites for c in story.citations} == {"KRTV"}  # the citation is listed ...
    assert story.original_source is None  # ... but one article's interview is not where the story comes from


def test_a_medium_an_article_says_reported_first_is_the_original_source(tmp_path):
    texts = {
        "a.txt": "The governor's plan to close the pier, first reported by the Lakeside Courier, drew protests on Friday.\n\nHundreds marched.",
        "b.txt": "The governor's plan to close the pier drew protests on Friday.\n\nHundreds of people marched, officials said.",
    }
    story = _one_story(tmp_path, texts)
    assert story.original_source is not None and story.original_source.outlet == "Lakeside Courier"


@pytest.mark.parametrize(
    "texts",
    [
        {  # a medium in apposition after a media noun; 'the paper, Smith said,': a name followed by a verb is no apposition
            "a.txt": "The governor's plan to close the pier, first reported in March by a local newspaper, the Lakeside Courier, drew protests on Friday.\n\nHundreds marched.",
            "b.txt": "The governor's plan to close the pier drew protests on Friday.\n\nHundreds of people marched, officials said.",
            "c.txt": "Protests over the pier went on for a second day, the paper, Smith said, would not print letters.\n\nThe pier stays open.",
        },
        {  # the medium that obtained the document broke the story; 'per' and 'via' cite; not 'Twitter', where a reply was posted, nor where a speaker works
            "a.txt": "The joint letter, obtained by the Lakeside Courier, asks the council to close the pier on Friday.\n\nHundreds signed it.",
            "b.txt": "A letter asks the council to close the pier on Friday, per the Lakeside Courier.\n\nThe mayor posted a reply via Twitter.",
            "c.txt": "Residents asked the council in a letter to close the pier on Friday.\n\nThe pier is unsafe, said Jan Roe, an editor at the newspaper Lakeside Post.",
        },
        {  # the attribution after what it tells; 'notes' a person is no medium
            "a.txt": "The governor plans to close the pier on Friday, reports the Lakeside Courier.\n\nHundreds marched.",
            "b.txt": "The pier will close on Friday under the governor's plan, writes the Lakeside Courier.\n\nResidents protested.",
            "c.txt": "Residents asked the council to keep the pier open on Friday.\n\nThe pier is old, notes Jan Roe.",
        },
    ],
    ids=["apposition", "obtained-per-via", "reports-after"],
)
def test_the_medium_the_articles_name_as_breaking_the_story_is_cited_and_its_original_source(tmp_path, texts):
    story = _one_story(tmp_path, texts)
    assert {c.cites for c in story.citations} == {"Lakeside Courier"}
    assert story.original_source is not None and story.original_source.outlet == "Lakeside Courier"


def test_a_wire_cited_for_one_detail_by_few_of_many_articles_is_not_the_original_source(tmp_path):
    """Two of seven articles cite a wire for one detail: fewer than MIN_CITING_SHARE of the story."""
    towns = ["Elmford", "Oakridge", "Millbrook", "Ashton", "Fernhill"]
    texts = {f"{k}.txt": f"The governor declared a state of emergency on Friday after the river burst its banks near {town}.\n\nAbout {100 + 20 * k} homes were evacuated overnight, officials said." for k, town in enumerate(towns)}
    texts["5.txt"] = "The governor declared a state of emergency on Friday after the river burst its banks.\n\nA dam upstream was also damaged, Reuters reported."
    texts["6.txt"] = "A state of emergency was declared on Friday as the river flooded the valley.\n\nThe dam upstream was damaged as well, according to Reuters."
    story = _one_story(tmp_path, texts)
    assert {c.cites for c in story.citations} == {"Reuters"}
    assert story.original_source is None
    (tmp_path / "three").mkdir()
    fewer = _one_story(tmp_path / "three", {k: texts[k] for k in ("0.txt", "5.txt", "6.txt")})  # two of three: it is
    assert fewer.original_source is not None and fewer.original_source.outlet == "Reuters"


def test_a_wire_credited_in_a_dateline_is_the_source_of_its_copies(tmp_path):
    """One copy of a wire report keeps the dateline credit '(AP)', two copies dropped it: the wire
    is the story's original source; only the credited article is listed as citing it."""
    body = ("Heavy rain flooded the lower town of Elmford on Tuesday, forcing about 300 residents from their homes. "
            "The county opened two shelters at the high school and the fairground, officials said. "
            "Forecasters expect the river to crest on Thursday morning at nearly nine metres.")
    report = _wire_report(tmp_path, body)
    story = report.stories[0]
    assert story.copies  # the three are one wire report
    courier = next(a.id for a in report.articles if a.outlet == "Daily Courier")
    assert [(c.article_id, c.cites) for c in story.citations] == [(courier, "Associated Press")]
    assert story.original_source is not None and story.original_source.outlet == "Associated Press"


def test_a_wire_whose_report_cites_a_newspaper_is_not_the_original_source(tmp_path):
    """Three outlets run a wire report (one credits it in its dateline) that cites the paper which
    broke the story: the wire is seen citing, so the paper is where the story comes from."""
    body = ("Heavy rain flooded the lower town of Elmford on Tuesday, forcing about 300 residents from their homes, the Ashford Gazette reported. "
            "The county opened two shelters at the high school and the fairground, officials told the Ashford Gazette. "
            "Forecasters expect the river to crest on Thursday morning at nearly nine metres.")
    story = _wire_report(tmp_path, body).stories[0]
    assert story.original_source is not None and story.original_source.outlet == "Ashford Gazette"  # a name that loses a tie to the wire's


def test_a_medium_more_independent_reports_cite_comes_before_a_wire_run_three_times(tmp_path):
    """Three outlets run one wire report (credited in one dateline); two other reports cite the
    paper that broke the story: two voices against one, though three articles carry the wire's."""
    body = ("Heavy rain flooded the lower town of Elmford on Tuesday, forcing about 300 residents from their homes. "
            "The county opened two shelters at the high school and the fairground, officials said. "
            "Forecasters expect the river to crest on Thursday morning at nearly nine metres.")
    story = _wire_report(tmp_path, body, {
        "d.txt": "Floods forced hundreds from their homes in Elmford on Tuesday, the Ashford Gazette reported.\n\nShelters opened at the school.",
        "e.txt": "About 300 people left their homes in Elmford as the river rose, according to the Ashford Gazette.\n\nThe river crests on Thursday.",
    }).stories[0]
    assert story.original_source is not None and story.original_source.outlet == "Ashford Gazette"


def _wire_report(folder: Path, body: str, others: dict[str, str] | None = None):
    """Analyse, as one story, a wire report run by three outlets ('a.txt' credits it in its
    dateline, 'b.txt' and 'c.txt' do not) and the ``others`` (file name -> text), all of one day."""
    texts = {"a.txt": "ELMFORD, Ore. (AP) — " + body, "b.txt": body, "c.txt": "ELMFORD, Ore. — " + body, **(others or {})}
    outlets = {"a.txt": "Daily Courier", "b.txt": "Valley News", "c.txt": "Coast Times"}
    (folder / "sources.csv").write_text("file,outlet,published\n" + "".join(f"{name},{outlets.get(name, 'Outlet ' + name[0].upper())},2024-03-05\n" for name in texts))
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return newsprism.analyze([folder], one_story=True)


def _one_story(folder: Path, texts: dict[str, str]):
    """Write ``texts`` (file name -> text) into ``folder`` and analyse them as one story."""
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return newsprism.analyze([folder], one_story=True).stories[0]


def test_a_measure_before_a_noun_is_compared_inside_a_claim(tmp_path):
    """'a 4-year-old boy' / 'a three-year-old boy': the boy's age, not a count of years; the
    gorilla's own age ('17-year-old') and a weight in another unit are other slots."""
    story = _one_story(tmp_path, {
        "a.txt": "A 17-year-old gorilla was shot dead at the Lakeside Zoo on Saturday after a 4-year-old boy fell into its moat.\n\nThe zoo reopens on Tuesday.",
        "b.txt": "A 17-year-old gorilla was shot dead at the Lakeside Zoo on Saturday after a three-year-old boy fell into its moat.\n\nThe zoo reopens on Tuesday.",
        "c.txt": "A 17-year-old gorilla was shot dead at the Lakeside Zoo on Saturday after a four-year-old boy fell into its moat.\n\nThe zoo reopens on Tuesday.",
    })
    ages = [c for c in story.conflicts if c.type == "number"]
    assert [(c.about, sorted(v.value for v in c.values)) for c in ages] == [("the age of the boy", ["3", "4"])]
    shot = next(c for c in story.claims if "gorilla was shot" in c.text)
    assert shot.support == 2  # the outlet giving the other age does not back the claim as shown


def test_dozens_and_a_count_far_beyond_them_are_a_number_conflict(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "Police in Lakeside are investigating dozens of burglaries reported during the New Year holiday.\n\nNo arrests were made.",
        "b.txt": "Police in Lakeside are investigating 359 burglaries reported during the New Year holiday.\n\nNo arrests were made.",
    })
    assert [sorted(v.value for v in c.values) for c in story.conflicts if c.type == "number"] == [["24", "359"]]


def test_names_only_a_stray_article_gives_are_not_the_story_s_entities(tmp_path):
    fire = "A fire broke out on the Harbour Queen ferry near Lakeside on Tuesday, and all 80 passengers were rescued, the coast guard said."
    story = _one_story(tmp_path, {
        "a.txt": fire + "\n\nThe Harbour Queen was towed to Lakeside harbour.",
        "b.txt": fire + "\n\nInvestigators from the Marine Safety Board are on their way.",
        "c.txt": "All 80 passengers of the Harbour Queen ferry were rescued after a fire near Lakeside on Tuesday, the coast guard said.\n\nNobody was hurt.",
        "d.txt": "The singer Marla Quint announced a farewell tour of Brazil and Argentina with her band, the Velvet Owls.\n\nTickets go on sale in May.",
    })
    assert len(story.stray_articles) == 1
    names = {e.name for e in story.entities}
    assert "Harbour Queen" in names and not names & {"Marla Quint", "Brazil", "Argentina", "Velvet Owls"}


def test_one_deed_counted_twice_anywhere_in_the_story_is_a_number_conflict(tmp_path):
    """'More than 2,000 people signed a petition' / 'almost 300,000 people had signed a petition':
    the same verb and the same other party, in sentences the claims keep apart and past the leads;
    a count of another deed ('40 people joined a march') is no rival."""
    story = _one_story(tmp_path, {
        "a.txt": "The Lakeside zoo shot its gorilla on Saturday after a boy fell into the moat.\n\nThe zoo was closed on Sunday.\n\nIts director spoke to reporters.\n\nMore than 2,000 people signed a petition on Sunday that sharply criticised the city police.\n\nAbout 40 people joined a march.",
        "b.txt": "The Lakeside zoo shot its gorilla on Saturday to save a boy who fell into the moat.\n\nThe keepers were praised by the mayor, who called it a hard choice.\n\nThe boy is recovering at home.\n\nBy Wednesday almost 300,000 people had signed a petition asking that the boy's parents be held to account.",
    })
    counts = [(c.about, sorted(v.value for v in c.values)) for c in story.conflicts if c.type == "number"]
    assert counts == [("the number of people signed", ["2000", "300000"])]


def test_a_death_toll_is_compared_however_it_is_put(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "A bus crashed into a ravine near Lakeside on Tuesday, killing 12 people, police said.\n\nThe driver survived.",
        "b.txt": "The death toll from the bus crash near Lakeside rose to 15 on Tuesday, police said.\n\nThe driver survived.",
        "c.txt": "A bus crash near Lakeside left 15 dead on Tuesday, police said.\n\nThe driver survived.",
    })
    (toll,) = [c for c in story.conflicts if c.about == "the death toll"]
    assert {v.value: len(v.outlets) for v in toll.values} == {"12": 1, "15": 2}
    assert not [c for c in story.conflicts if c.about == "the number of people"]  # the same disagreement, once


def test_other_deaths_are_not_the_death_toll(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "A storm near Lakeside killed 12 soldiers at their camp on Tuesday, officials said.\n\nRoads were closed.",
        "b.txt": "A storm near Lakeside killed 15 civilians on Tuesday, officials said.\n\nRoads were closed.",
        "c.txt": "The storm was the deadliest since 2004, when floods killed 230 people in the region.\n\nRoads were closed.",
    })
    assert not [c for c in story.conflicts if c.about == "the death toll"]


def test_the_number_of_injured_is_compared_however_it_is_put(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "A bus crashed into a ravine near Lakeside on Tuesday, injuring 30 people, police said.\n\nThe driver survived.",
        "b.txt": "A bus crashed near Lakeside on Tuesday and 45 people were injured, police said.\n\nThe driver survived.",
    })
    (hurt,) = [c for c in story.conflicts if c.about == "the number of injured"]
    assert {v.value for v in hurt.values} == {"30", "45"}


def test_framing_terms_leave_out_attribution_and_light_verbs():
    from newsprism.framing import terms

    got = terms("The regime said it got the rebels out, officials told reporters.")
    assert "regime" in got and "rebels" in got
    assert not {"said", "got", "told"} & set(got)


def test_events_long_before_the_story_are_background():
    from newsprism.models import TimelineEvent
    from newsprism.timeline import is_background, story_start

    start = story_start([_dated("2019-02-16"), _dated("2019-02-15"), _dated(None)])
    event = lambda iso: TimelineEvent(iso, "day", "", (), ())  # noqa: E731 - a one-line fixture
    assert is_background(event("1999"), start)
    assert is_background(event("2018-10-01"), start)
    assert not is_background(event("2018-12-22"), start)  # the story's own run-up
    assert not is_background(event("2019-02-15"), start)
    assert not is_background(event("1999"), story_start([_dated(None)]))  # nothing to compare with


def _dated(published: str | None):
    from newsprism.models import Article

    return Article("a", "a.txt", None, None, None, None, None, published, "en", "")


def test_later_media_are_reached_through_the_first_only_when_it_relays_an_unnamed_one(tmp_path):
    second = "The pier will close after engineers found cracks in its supports, the Coast Herald reported.\n\nRepairs start in spring."
    relay, direct = tmp_path / "relay", tmp_path / "direct"
    relay.mkdir()
    direct.mkdir()
    relayed = _one_story(relay, {
        "a.txt": "A regional newspaper has revealed that the pier will close, the Harbour Gazette has reported.\n\nAccording to the Coast Herald, engineers found cracks in its supports.",
        "b.txt": second,
    })
    assert any(c.cites == "Coast Herald" and c.via == "Harbour Gazette" for c in relayed.citations)
    plain = _one_story(direct, {
        "a.txt": "The pier will close, the Harbour Gazette reported.\n\nAccording to the Coast Herald, engineers found cracks in its supports. According to the Bible, piers are old.",
        "b.txt": second,
    })
    assert all(c.via is None for c in plain.citations)
    assert "Bible" not in {c.cites for c in plain.citations}  # a book is not a medium


def test_two_parks_named_after_two_places_stay_apart(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "A lion escaped from Lakeside National Park on Monday and was shot by rangers near the town.\n\nIn 2016 another lion left Lakeside National Park.",
        "b.txt": "Rangers shot a lion that had escaped from the park near Lakeside on Monday.\n\nA lion from Karoo National Park was moved there in 2012, Karoo National Park staff said.",
    })
    parks = [{v.form for v in e.variants} for e in story.entities if any("National Park" in v.form for v in e.variants)]
    assert not any({"Lakeside National Park", "Karoo National Park"} <= forms for forms in parks)


def test_a_law_and_the_court_it_set_up_stay_apart(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "The Harbour Protection Act lets the Harbour Protection Court order repairs, the council said on Monday.\n\nThe Harbour Protection Court met on Tuesday.",
        "b.txt": "Under the Harbour Protection Act, the council must repair the pier, officials said on Monday.\n\nThe Harbour Protection Act was passed in 2001.",
    })
    groups = [{v.form for v in e.variants} for e in story.entities]
    assert not any({"Harbour Protection Act", "Harbour Protection Court"} <= forms for forms in groups)


def test_a_day_after_a_medium_s_name_is_not_part_of_it_and_initials_are_not_a_person(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "David Chaney, a supervisor, resigned on Monday, the Harbour Gazette reported Tuesday.\n\nChaney worked in Washington, D.C., for ten years.",
        "b.txt": "David Chaney resigned on Monday after photographs surfaced, the Harbour Gazette reported.\n\nHe had worked in D.C. for a decade.",
    })
    assert {c.cites for c in story.citations} == {"Harbour Gazette"}
    chaney = next(e for e in story.entities if any(v.form == "David Chaney" for v in e.variants))
    assert "D.C." not in {v.form for v in chaney.variants}


def test_the_medium_of_a_reporter_is_cited_and_a_person_is_no_medium(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "The mayor told HGTV’s Jane Roe on Monday that the pier would close.\n\nRepairs will start in spring, according to Mr Nabuto, the harbour master.",
        "b.txt": "The pier will close, the mayor told Harbour News’ Jim Doe on Monday.\n\nRepairs will start in spring, officials said.",
        "c.txt": "The pier's closure has not been confirmed, NPR's Ofeibea Quist-Arcton reports from the coast.\n\nRepairs will start in spring.",
        "d.txt": "“He seemed calm,” a former neighbour told Florida Today.\n\nThe pier will close.",
        "e.txt": "The pier will close, according to All Coast Radio.\n\nRepairs will start in spring.",
    })
    assert {c.cites for c in story.citations} == {"HGTV", "Harbour News", "NPR", "Florida Today", "All Coast Radio"}


def test_a_body_or_a_person_told_something_or_cited_is_no_medium_but_a_medium_named_like_one_is(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "The governor told Senate Democrats on Monday that the pier would close.\n\nRepairs will start in spring.",
        "b.txt": "The pier will close, the harbour master told the State Assembly's transport committee.\n\nRepairs will start in spring.",
        "c.txt": "The pier will close, the governor told NBC on Monday.\n\nRepairs will start in spring.",
        "d.txt": "The pier will close, the governor told The Lakeside Courier.\n\nRepairs will start in spring.",
        "e.txt": "Ferry traffic fell by half last year, according to the Harbour Trail Association.\n\nThe pier will close.",
        "f.txt": "The Lakeside Transport Department reported on Monday that the pier will close.\n\nRepairs will start in spring.",
        "g.txt": "The pier will close on Monday, according to Gail Okafor, a retired ferry captain.\n\nRepairs will start in spring.",
    })
    assert {c.cites for c in story.citations} == {"NBC", "Lakeside Courier"}


@pytest.mark.parametrize("own", [
    "LAKESIDE, Ore. (LC) - The pier will close, the mayor told the Lakeside Courier on Monday.\n\nRepairs will start in spring.",  # its dateline's letters
    "The pier will close, the mayor told the Lakeside Courier on Monday.\n\nThe builder did not return emails from the Lakeside Courier seeking comment.",  # no outlet given: it asks for comment
])
def test_an_outlet_named_by_its_dateline_letters_or_asking_for_comment_does_not_cite_itself(tmp_path, own):
    (tmp_path / "a.txt").write_text(own, encoding="utf-8")
    (tmp_path / "b.txt").write_text("The pier will close, the mayor told the Lakeside Courier on Monday.\n\nRepairs will start in spring.", encoding="utf-8")
    report = newsprism.analyze([tmp_path], one_story=True)
    b = next(a.id for a in report.articles if a.source_path.endswith("b.txt"))
    assert [(c.article_id, c.cites) for c in report.stories[0].citations] == [(b, "Lakeside Courier")]  # a is the Courier's own report


def test_media_cited_in_more_ways_are_found_and_a_short_name_is_the_medium_named_in_full_before_it(tmp_path):
    (tmp_path / "a.txt").write_text(
        "The pier closed on Monday after a storm, according to the Harbour Times and the Lakeside Post.\n\n"
        "Sources tell the Coast Courier that repairs will take a year. The council said in a statement to KXYZ that the pier is unsafe.\n\n"
        "A survey seen by the Bay Ledger found cracks. The mayor wrote an opinion piece in The Gull Gazette about the pier.\n\n"
        "The old pier opened in 1901, according to the Los Angeles Times. It was rebuilt in 1950, the LA Times reported. It closed once before, according to the Times.",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(
        "The pier closed on Monday after a storm.\n\nRepairs will take a year, officials said. The mayor wrote in Paris about the sea.\n\n"
        "The closure, which the Shore Post first reported, angered fishermen. Its owner, Gail Okafor, told the Austin Chronicle that she would sue.\n\n"
        "KLMN7 reported that boats were moved.",
        encoding="utf-8",
    )
    report = newsprism.analyze([tmp_path], one_story=True)
    cited = sorted(c.cites for c in report.stories[0].citations)
    assert cited == sorted(["Harbour Times", "Lakeside Post", "Coast Courier", "KXYZ", "Bay Ledger", "Gull Gazette", "Los Angeles Times", "Shore Post", "Austin Chronicle", "KLMN7"])


def test_an_article_names_itself_in_a_staff_line_set_aside_or_when_asking_for_comment():
    from newsprism.models import Removed
    from newsprism.provenance import _own_names

    a = replace(_article_with_id("a"), body="The pier closed. The builder did not respond to the Lakeside Courier's request for comment.", removed=(Removed("Analysis: Jan Roe, Harbour News business editor", "boilerplate"),))
    assert _own_names(a) == {"Lakeside Courier", "Harbour News"}
    assert _own_names(replace(a, body="The mayor told the Lakeside Courier the pier closed.", removed=())) == set()


def test_a_wire_credit_opening_the_text_without_a_place_is_a_dateline_credit():
    from newsprism.provenance import _DATELINE_CREDIT

    assert _DATELINE_CREDIT.match("(Reuters) - A jet returned to Lakeside on Tuesday.").group(1) == "Reuters"
    assert _DATELINE_CREDIT.match("LAKESIDE, Ore. (AP) — A jet returned on Tuesday.").group(1) == "AP"
    assert _DATELINE_CREDIT.match("A jet (AP) returned.") is None


def test_an_article_of_no_named_outlet_credited_to_a_wire_is_the_wire_s_report_not_a_citation_of_it(tmp_path):
    (tmp_path / "a.txt").write_text("LAKESIDE, Ore. (AP) — The pier closed on Monday after a storm damaged its supports.\n\nRepairs will take a year.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The pier closed on Monday after a storm damaged its supports.\n\nRepairs will take a year, officials said.", encoding="utf-8")
    report = newsprism.analyze([tmp_path], one_story=True)
    a = next(x for x in report.articles if x.source_path.endswith("a.txt"))
    assert a.outlet == "AP" and report.stories[0].citations == ()


def test_an_occupation_opening_a_sentence_is_not_part_of_the_name_after_it():
    from newsprism.entities import Located, _drop_opening_occupations

    body = "Model Jane Roe and her husband were on the flight. The model said the crew was kind. Harbour Jane Doe Trust paid."
    a = _article_with_id("a")
    a = replace(a, body=body)
    found = [Located("a", "x", Mention("Model Jane Roe", "ORG", 0, 14)), Located("a", "x", Mention("Harbour Jane Doe", "ORG", 85, 101))]
    kept = _drop_opening_occupations([a], found)
    assert [(x.mention.text, x.mention.label, body[x.mention.start : x.mention.end]) for x in kept] == [("Jane Roe", "PERSON", "Jane Roe"), ("Harbour Jane Doe", "ORG", "Harbour Jane Doe")]  # 'harbour' is never written in lower case


def test_a_name_opening_with_a_given_name_is_a_person_not_a_medium():
    from newsprism.entities import person_shaped
    from newsprism.provenance import _named_like_a_medium

    def shaped(name: str) -> bool:
        return person_shaped(name.split())

    assert shaped("Gareth Okafor") and shaped("Tom Lakeside")  # the NER may tag neither
    assert not shaped("Lakeside Courier") and not shaped("Fox News") and not shaped("Kansas City Star")
    assert shaped("Bill Roe Journal") and _named_like_a_medium("Bill Roe Journal")  # a masthead keeps it a medium


def test_a_medium_named_after_its_kind_and_the_is_cited_but_not_a_name_after_tv(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "The British tabloid the Harbour Mirror says the pier will close on Monday.\n\nRepairs will start in spring.",
        "b.txt": "The pier will close on Monday, the mayor said on TV the Harbour Master approved.\n\nRepairs will start in spring.",
    })
    assert {c.cites for c in story.citations} == {"Harbour Mirror"}


def test_transcripts_in_capitals_pronouns_and_people_are_no_media(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "THE SHERIFF TOLD POLICE SHE WAS FINE BUT THE BABY WAS NOT, NEIGHBOURS SAID ON THE NEWS.\n\nI’ve reported on the harbour for years, and the pier will close on Monday.",
        "b.txt": "The pier will close on Monday, County Coroner Mark Bowen said.\n\nThe pier will close on Monday after storms, officials said.",
    })
    assert not story.citations


def test_a_rank_before_a_name_is_a_person_and_a_leading_function_word_is_no_part_of_a_medium(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "The pier will close on Monday, according to Lakeside Harbour Police Sgt. Jan Roe Smith.\n\nRepairs will start in spring.",
        "b.txt": "As Reuters reported, the pier will close on Monday after storms.\n\nRepairs will start in spring, officials said.",
    })
    assert {c.cites for c in story.citations} == {"Reuters"}


def test_a_short_name_of_a_corpus_outlet_is_that_outlet(tmp_path):
    (tmp_path / "sources.csv").write_text("file,outlet\na.txt,The Lakeside Times\nb.txt,Harbour Post\nc.txt,Coast Wire\n", encoding="utf-8")
    story = _one_story(tmp_path, {
        "a.txt": "The harbour board will close the old pier on Monday after storms damaged it.\n\nRepairs will start in spring.",
        "b.txt": "The old pier will close on Monday after storms damaged it, the Times reported.\n\nRepairs will start in spring.",
        "c.txt": "The old pier will close on Monday, Lakeside Times reported, after storms damaged it.\n\nRepairs will start in spring.",
    })
    assert {c.cites for c in story.citations} == {"The Lakeside Times"}
    assert story.original_source.article_id is not None  # tied to the outlet's own article


def test_counts_of_people_in_different_places_are_different_counts():
    from newsprism.conflicts import _numbers

    texts = {
        "a:0": "The breach exposed data of 143 million customers in the United States, the firm said.",
        "b:0": "The breach exposed data of 400,000 British customers, the firm said.",
        "c:0": "The breach exposed data of 700,000 British customers, the firm admitted.",
        "d:0": "The breach exposed data of 145 million customers, the firm said.",
    }
    obs = {o.sentence_id: o for o in _observed(_numbers, texts)}
    assert obs["b:0"].slot == obs["c:0"].slot != obs["a:0"].slot  # British customers are one population
    assert obs["a:0"].slot != obs["d:0"].slot  # customers in one country are not all customers
    assert obs["b:0"].label == "the number of British customers exposed"
    assert obs["a:0"].label == "the number of customers in the United States exposed"


def test_a_figure_reported_on_different_days_shows_when_each_was_published():
    from newsprism.conflicts import published_days
    from newsprism.models import Conflict, ConflictValue

    a, b = "a", "b"
    arts = [replace(_dated("2017-09-07"), id=a), replace(_dated("2017-10-02"), id=b)]
    figure = Conflict("X1", "number", "the number of people exposed", (ConflictValue("143000000", (f"{a}:0",), ("A",)), ConflictValue("145500000", (f"{b}:0",), ("B",))))
    assert published_days(figure, arts) == {"143000000": "2017-09-07", "145500000": "2017-10-02"}
    assert published_days(Conflict("X2", "attribution", "who", figure.values), arts) == {}  # a later day revises no source
    same_day = [_dated("2017-09-07"), _dated("2017-09-07")]
    assert published_days(figure, [replace(x, id=i) for x, i in zip(same_day, (a, b))]) == {}


@pytest.mark.parametrize("form,shown", [("the Red Cross", "Red Cross"), ("an All Nippon Airways", "All Nippon Airways"), ("A Coruña", "A Coruña"), ("Putin’s", "Putin")])
def test_an_entity_is_shown_without_its_article(form, shown):
    from newsprism.entities import surface

    assert surface(form) == shown


def test_a_claim_is_shown_by_a_whole_sentence_not_an_aside():
    import numpy as np

    from newsprism.claims import Unit, claims_from
    from newsprism.models import Sentence

    texts = ["(The mayor had hinted at a run earlier in the year.)", "The mayor may still run for governor, aides said.", "Aides said the mayor could yet run for governor."]
    units = [Unit(Sentence(f"{k}:0", t, 0, len(t)), k, k.upper(), 0, frozenset()) for k, t in zip("abc", texts)]
    sim = np.array([[1.0, 0.95, 0.95], [0.95, 1.0, 0.86], [0.95, 0.86, 1.0]])  # the aside is the most central
    (claim,), _ = claims_from(units, sim, sim, [[0, 1, 2]], {}, 3)
    assert claim.text in texts[1:] and claim.sentence_ids == ("b:0", "c:0")
    assert claim.related_ids == ("a:0",)  # the aside tells of another moment in other words: related, not counted


def test_common_words_runaway_spans_and_a_unit_s_bare_noun_are_no_media(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "Credit agency giant Acme said a breach hit its customers.\n\nWitnesses reported smoke from the building, and the credit checks stopped, witnesses said.",
        "b.txt": "The breach began in May, according to the U.S. Attorney's Office.\n\nIts chief told The Harbour Tribune days after the breach that he regretted it.",
        "c.txt": "Acme said a breach hit its customers in May.\n\nPassengers reported smoke from the building on Monday.",  # 'passengers' nowhere else in lower case
    })
    assert {c.cites for c in story.citations} == {"U.S. Attorney's Office", "Harbour Tribune"}


def test_the_number_of_suspects_is_compared_however_it_is_put():
    from newsprism.conflicts import _casualties

    texts = {
        "a:0": "Police said they were investigating 30 people in connection with the attacks.",
        "b:0": "So far, police have identified a total of 31 suspects.",
        "c:0": "Two suspects remain at large, police said.",  # not the count of those identified
        "d:0": "A total of 15 people were killed in the attack.",
    }
    found = {(o.sentence_id, o.slot, o.value) for o in _observed(_casualties, texts)}
    assert found == {("a:0", "the number of suspects", "30"), ("b:0", "the number of suspects", "31"), ("d:0", "the death toll", "15")}


def test_framing_leaves_out_an_outlet_s_own_name_and_words_its_pairs_hold():
    from newsprism.framing import build_framing
    from newsprism.models import Article

    def art(i: str, outlet: str, body: str) -> Article:
        return Article(i, f"{i}.txt", outlet, None, None, None, None, None, "en", body)

    a = "The Harbour Gazette reported the Las Vegas massacre. " * 20 + "The Las Vegas massacre shocked the city. " * 20
    b = "The shooting at the festival left many injured, police said. " * 20 + "The festival shooting was investigated. " * 20
    framing = {f.outlet: [t.term for t in f.terms] for f in build_framing([art("a", "Harbour Gazette", a), art("b", "Metro Wire", b)], [])}
    assert "las vegas" in framing["Harbour Gazette"] and "vegas massacre" in framing["Harbour Gazette"]
    assert not {"vegas", "las", "massacre", "harbour", "gazette", "harbour gazette"} & set(framing["Harbour Gazette"])


@pytest.mark.parametrize(
    "longer,shorter,same",
    [
        ("politburo standing committee", "standing committee", True),
        ("acme holdings limited", "acme holdings", True),
        ("islamic state group", "islamic state", True),
        ("new york times", "new york", False),  # a newspaper is not its city
        ("united states supreme court", "united states", False),
        ("apollo 11 pad", "apollo 11", False),
        ("space station research and development conference", "space station", False),
    ],
)
def test_a_name_inside_a_longer_one_names_the_same_thing_only_if_it_is_its_head(longer, shorter, same):
    from newsprism.entities import _same_head

    assert _same_head(longer.split(), shorter.split()) is same


@pytest.mark.parametrize(
    "text,leans",
    [
        ("He said the talks were useful.", True),
        ("But the council voted no.", True),
        ('"We will rebuild," the mayor said.', True),
        ("and then it rained.", True),
        ("The council voted no on Monday.", False),
        ("Hezbollah denied it on Monday.", False),  # a name, not 'He'
        ("Italy's council voted no.", False),
    ],
)
def test_a_claim_is_shown_by_a_sentence_that_reads_on_its_own(text, leans):
    from newsprism.textfeatures import leans_on_context

    assert leans_on_context(text) is leans


def test_a_claim_is_shown_without_a_wire_dateline(tmp_path):
    story = _one_story(tmp_path, {
        "a.txt": "LAKESIDE, Va. — A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people.\n\nThe driver survived the crash.",
        "b.txt": "LAKESIDE, Va. (AP) — A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people.\n\nThe driver survived.",
    })
    crash = next(c for c in story.claims if "ravine" in c.text)
    assert crash.text.startswith("A bus carrying tourists")


def test_copy_groups_put_the_copied_article_first():
    from newsprism.story import copy_groups

    arts = [_article_with_id(i) for i in ("a", "b", "c", "d", "e")]
    assert copy_groups(arts, {"c": "b", "e": "b", "d": "x"}) == (("b", "c", "e"),)  # 'd' alone: its original is not in the story


def _article_with_id(aid: str) -> Article:
    return Article(aid, f"{aid}.txt", None, None, None, None, None, None, "en", "", (), ())


def test_wire_copies_are_shown_and_count_once(tmp_path):
    from newsprism.report import COPIES_NOTE, render_markdown

    wire = ("A bus carrying tourists crashed into a ravine near Lakeside on Tuesday, killing 12 people, police said.\n\n"
            "The driver survived and was taken to hospital in Lakeside, where he was questioned by police on Tuesday night.\n\n"
            "The road had been closed twice this year after landslides, the county's transport office said in a statement.")
    for name, outlet in (("a", "Daily Courier"), ("b", "Evening Post")):
        (tmp_path / f"{name}.json").write_text(json.dumps({"id": name, "outlet": outlet, "text": wire}), encoding="utf-8")
    (tmp_path / "c.json").write_text(json.dumps({"id": "c", "outlet": "Metro Wire", "text": "Twelve tourists died when their bus crashed into a ravine near Lakeside on Tuesday, police said.\n\nThe driver survived the crash."}), encoding="utf-8")
    report = newsprism.analyze([tmp_path], one_story=True)
    story = report.stories[0]
    assert story.copies == (("a", "b"),) and story.sources == 2
    md = render_markdown(report)
    assert COPIES_NOTE in md and "| 2/2 consensus |" in md
    from newsprism.render_html import render_story

    page = render_story(story, report.articles)
    assert "copy of [1]" in page and "independent, and 1 copy" in page and "2/2</span>consensus" in page
    assert "3 articles, 2 independent sources" in page


def test_a_claim_counts_only_outlets_that_give_its_value():
    """Sentences aligned as one claim that give two values of one conflict: the claim keeps the
    value most outlets give; the other outlet is not counted as support, and the claim points to
    the conflict."""
    from newsprism.claims import without_conflicting
    from newsprism.models import Claim, Conflict, ConflictValue, Sentence

    said = {"a": "At least 59 people were killed.", "b": "59 people were killed.", "c": "58 people were killed, officials said."}
    articles = [Article(k, f"{k}.txt", k.upper(), None, None, None, None, None, "en", t, (Sentence(f"{k}:0", t, 0, len(t)),)) for k, t in said.items()]
    claim = Claim("C1", said["c"], ("a:0", "b:0", "c:0"), ("A", "B", "C"), 3, "consensus")
    toll = Conflict("X1", "number", "the death toll", (ConflictValue("58", ("c:0",), ("C",)), ConflictValue("59", ("a:0", "b:0"), ("A", "B"))))
    (got,) = without_conflicting([claim], [toll], articles, {}, 3)
    assert got.sentence_ids == ("a:0", "b:0") and got.outlets == ("A", "B")
    assert (got.support, got.kind, got.disputed_by) == (2, "corroborated", ("X1",))
    assert got.text == said["a"]  # shown by a sentence it still holds
    untouched = Claim("C2", "Officials gave no name.", ("a:0",), ("A",), 1, "unique")
    assert without_conflicting([untouched], [toll], articles, {}, 3) == [untouched]


def test_the_same_thing_put_in_two_places_is_a_name_conflict_unless_one_names_the_other():
    from newsprism.conflicts import _place_conflicts

    texts = {
        "a:0": "The research buoy will drift near a float anchored in Lake Erie.",
        "b:0": "The research buoy will drift near a float anchored in Lake Huron.",
        "c:0": "The fire started in Smyrna, near Atlanta.",
        "d:0": "The fire started in Atlanta.",
    }
    docs, outlet = _parsed(texts)
    ((typ, about, obs),) = _place_conflicts(docs, outlet, [("a:0", "b:0")])
    assert typ == "name" and {o.value for o in obs} == {"Lake Erie", "Lake Huron"}
    assert _place_conflicts(docs, outlet, [("c:0", "d:0")]) == []  # Smyrna is near Atlanta: both can hold


def test_two_places_of_one_kind_conflict_in_a_claim_group_that_is_not_near_identical():
    from newsprism.conflicts import _cross_pairs, _one_kind, _place_conflicts

    texts = {
        "a:0": "The booster will then come down on a drone ship waiting in the Atlantic Ocean.",
        "b:0": "Minutes later the spent booster is due to touch down on a drone ship in the Pacific Ocean, the company said.",
        "c:0": "The convoy stopped in Paris.",
        "d:0": "Hours later the tired convoy stopped in Texas, officials said.",
    }
    docs, outlet = _parsed(texts)
    story = {**texts, "b:3": "It is the first time a drone ship has waited in the Pacific Ocean.", "e:1": "Storms in the Pacific Ocean are not expected."}
    ((typ, _, obs),) = _place_conflicts(docs, outlet | {"e": "E"}, [], _cross_pairs({k: docs[k] for k in ("a:0", "b:0")}), story)
    assert typ == "name" and {o.value for o in obs} == {"the Atlantic Ocean", "the Pacific Ocean"}
    assert sorted(o.sentence_id for o in obs) == ["a:0", "b:0", "b:3"]  # the story's other sentence that puts a ship there
    assert _place_conflicts(docs, outlet, [], [("c:0", "d:0")]) == []  # two places of no one kind: only near-identical sentences tell
    assert _one_kind("Lake Erie", "Lake Huron") and not _one_kind("New York", "York") and not _one_kind("Paris", "Texas")


@pytest.mark.parametrize(
    "a,b,same",
    [("U.S.", "the United States", True), ("Children’s Place", "Children's Place", True), ("UK", "the United Kingdom", True), ("Lake Erie", "Lake Huron", False), ("US", "Uganda", False)],
)
def test_one_place_written_two_ways(a, b, same):
    from newsprism.conflicts import _same_place

    assert _same_place(a, b) is same


def test_a_sentence_that_says_not_is_no_yes_against_another_not():
    from newsprism.conflicts import _polarity_conflicts

    texts = {"a:0": "The moon is not the goal.", "b:0": "That is not the goal, people are the goal.", "c:0": "The moon is the goal."}
    docs = dict(zip(texts, __import__("newsprism.nlp", fromlist=["parse_sentences"]).parse_sentences(list(texts.values())), strict=True))
    outlet = {k.split(":")[0]: k[0].upper() for k in texts}
    assert _polarity_conflicts(docs, outlet, [("a:0", "b:0")]) == []
    ((typ, _, obs),) = _polarity_conflicts(docs, outlet, [("a:0", "c:0")])
    assert typ == "polarity" and {o.value for o in obs} == {"yes", "no"}


@pytest.mark.parametrize(
    "a,b,clash",
    [
        ("about 11:20 a.m.", "shortly before noon", True),
        ("7:42 p.m.", "7:45 p.m.", True),
        ("around 6:10 a.m.", "about 6am", False),  # rounding
        ("shortly after 5 p.m.", "around 5 p.m.", False),
    ],
)
def test_times_of_day_conflict_only_when_they_cannot_both_hold(a, b, clash):
    from newsprism.conflicts import clock_range

    (a0, a1), (b0, b1) = clock_range(a), clock_range(b)
    assert (a1 < b0 or b1 < a0) == clash


def test_one_event_at_two_times_of_day_is_a_time_conflict():
    from newsprism.conflicts import _time_conflicts

    texts = {
        "a:0": "Firefighters reached the warehouse roof shortly before noon, officials said.",
        "b:0": "Firefighters reached the warehouse roof at about 11:20 a.m., the chief said.",
        "c:0": "Firefighters reached the warehouse roof at about 11:55 a.m., a spokesman said.",
    }
    from newsprism.nlp import parse_sentences

    docs = dict(zip(texts, parse_sentences(list(texts.values())), strict=True))
    found = _time_conflicts(docs, {k.split(":")[0]: k[0].upper() for k in texts})
    assert found and found[0][0] == "time" and found[0][1] == "what time firefighters reached the warehouse roof"
    values = {o.sentence_id: o.value for o in found[0][2]}
    assert values["a:0"] == "shortly before noon" and values["b:0"] == "about 11:20 a.m." and "c:0" in values


def test_a_claim_that_loses_support_moves_down_and_ids_follow_the_order():
    from newsprism.claims import without_conflicting
    from newsprism.models import Claim, Conflict, ConflictValue, Sentence

    said = {"a": "Five people died.", "b": "Five people died, police said.", "c": "Seven people died.", "d": "The bridge was closed.", "e": "The bridge was shut."}
    articles = [Article(k, f"{k}.txt", k.upper(), None, None, None, None, None, "en", t, (Sentence(f"{k}:0", t, 0, len(t)),)) for k, t in said.items()]
    toll = Claim("C1", said["a"], ("a:0", "b:0", "c:0"), ("A", "B", "C"), 3, "corroborated")
    bridge = Claim("C2", said["d"], ("d:0", "e:0"), ("D", "E"), 2, "corroborated")
    x = Conflict("X1", "number", "the death toll", (ConflictValue("5", ("a:0", "b:0"), ("A", "B")), ConflictValue("7", ("c:0",), ("C",))))
    got = without_conflicting([toll, bridge], [x], articles, {}, 5)
    assert [(c.id, c.support) for c in got] == [("C1", 2), ("C2", 2)]  # equal support: the order stays
    three = Claim("C1", said["a"], ("a:0", "c:0"), ("A", "C"), 2, "corroborated")
    got = without_conflicting([three, bridge], [x], articles, {}, 5)
    assert [(c.id, c.text) for c in got] == [("C1", said["d"]), ("C2", said["a"])]  # 2 > 1: the bridge comes first


def _units(texts: list[tuple[str, str]]):
    """Claim units of invented sentences, one (article id, text) each, no entities."""
    from newsprism.claims import Unit
    from newsprism.models import Sentence

    return [Unit(Sentence(f"{a}:{n}", t, 0, len(t)), a, a, n, frozenset()) for n, (a, t) in enumerate(texts)]


def test_shared_words_weigh_a_story_s_particulars_over_its_common_words() -> None:
    """Every article names the ferry and the harbour: sharing those says little. Two sentences
    that share the particular 'generator fire' share a fact."""
    from newsprism.claims import shared_words

    units = _units([
        ("a", "The ferry caught fire in the harbour after a generator fire spread to the deck."),
        ("b", "A generator fire started the blaze on the ferry in the harbour, officials said."),
        ("c", "The ferry left the harbour two hours late."),
        ("c", "Divers searched the harbour for the ferry's missing anchor."),
    ])
    s = shared_words(units)
    assert s[0, 1] > 0.3  # 'generator' and 'fire', in two articles of three, besides the common words
    assert s[0, 2] < 0.1 and s[1, 2] < 0.1  # only 'ferry' and 'harbour', which every article uses
    assert s[0, 1] > 3 * s[0, 2]
    assert s[0, 1] == s[1, 0] and s[0, 0] == 1.0


def test_a_sentence_stating_two_facts_supports_both_claims() -> None:
    """'They met in Tallinn on Monday' states the meeting and its place; the claim that the meeting
    was in Tallinn keeps the sentence the grouping gave to the meeting's claim, and a sentence of
    another fact does not join."""
    from newsprism.claims import LINK_THRESHOLD, also_stating

    units = _units([("a", "x"), ("b", "x"), ("c", "x"), ("c", "y")])
    sim = np.array([
        [1.0, 0.9, 0.75, 0.4],
        [0.9, 1.0, 0.72, 0.5],
        [0.75, 0.72, 1.0, 0.3],
        [0.4, 0.5, 0.3, 1.0],
    ])
    assert also_stating(units, sim, [0, 1]) == [2]  # the closer of article c's sentences, both links above the threshold
    sim[1, 2] = sim[2, 1] = LINK_THRESHOLD - 0.01
    assert also_stating(units, sim, [0, 1]) == []  # every member must match, not their mean
    assert also_stating(units, sim, [0]) == []  # one source's sentence is too weak a sign


def test_two_groups_that_would_be_shown_by_one_sentence_are_one_claim() -> None:
    """Article a states its lead twice; the grouping gives the restatement (a:1) and b's sentence a
    group of their own, whose second credits are the first group's members: shown by c's sentence
    like the first group, it would list the same fact twice."""
    from newsprism.claims import claims_from

    lead, again = "A gorilla was shot dead at the zoo after a boy fell into its moat.", "Keepers shot the gorilla dead after the boy fell in."
    units = _units([("a", lead), ("a", again), ("b", lead), ("c", lead), ("d", lead)])
    sim = np.full((5, 5), 0.8)  # every pair close, but a's two sentences (0.6), and c closest to a, b and d
    np.fill_diagonal(sim, 1.0)
    for (i, j), v in {(0, 1): 0.6, (0, 3): 0.9, (0, 4): 0.9, (2, 3): 0.95, (3, 4): 0.9}.items():
        sim[i, j] = sim[j, i] = v
    independent = {k: k.upper() for k in "abcd"}
    claims, al = claims_from(units, sim, sim, [[0, 3, 4], [1, 2]], independent, 4)
    assert len({c.shown_id for c in claims}) == len(claims) == 1
    assert claims[0].support == 4 and set(claims[0].sentence_ids) >= {"a:0", "b:2", "c:3", "d:4"}


def test_members_a_claim_does_not_count_make_a_claim_of_their_own_when_two_sources_state_it() -> None:
    """A group whose shown sentence does not count two other sources' members that state one fact
    between them becomes two claims; a member that states nothing with another source stays with
    the last claim, as related."""
    from newsprism.claims import claims_from

    closed, cancelled = "The storm closed the port on Monday, the company said.", "Every ferry crossing was cancelled for the week."
    units = _units([("a", closed), ("b", cancelled), ("c", cancelled), ("d", closed), ("e", "Ferries will not sail before Friday.")])
    sim = np.array([
        [1.0, 0.72, 0.72, 0.9, 0.6],
        [0.72, 1.0, 0.95, 0.5, 0.5],
        [0.72, 0.95, 1.0, 0.5, 0.5],
        [0.9, 0.5, 0.5, 1.0, 0.5],
        [0.6, 0.5, 0.5, 0.5, 1.0],
    ])  # a is shown (the most central) and counts d; b and c are below its support score
    independent = {k: k.upper() for k in "abcde"}
    claims, al = claims_from(units, sim, sim, [[0, 1, 2, 3, 4]], independent, 5)
    assert sorted((c.sentence_ids, c.related_ids) for c in claims) == [(("a:0", "d:3"), ()), (("b:1", "c:2"), ("e:4",))]
    assert sorted(len(g) for g in al.groups) == [2, 3]
    one, = claims_from(units, sim, sim, [[0, 1, 3, 4]], independent, 5)[0]  # b alone: one source, no claim of its own
    assert one.sentence_ids == ("a:0", "d:3") and one.related_ids == ("b:1", "e:4")


def test_a_claim_of_one_source_is_an_exclusive_only_with_nothing_close_elsewhere() -> None:
    """A sentence of one outlet that another outlet's sentence would be grouped with by score (but
    that did not join it) is not that outlet's exclusive: the claim is "single", the close
    sentence (of each other source, the closest) listed with it; a copy of the same source does
    not count as another outlet."""
    from newsprism.claims import LINK_THRESHOLD, claim_kind, near_elsewhere

    units = _units([("a", "x"), ("b", "x"), ("b", "y"), ("c", "x"), ("d", "x")])
    sim = np.eye(5)
    sim[0, 1] = sim[1, 0] = LINK_THRESHOLD + 0.02
    sim[0, 2] = sim[2, 0] = LINK_THRESHOLD + 0.05  # article b's closer sentence
    sim[0, 3] = sim[3, 0] = LINK_THRESHOLD - 0.01  # below the grouping's bar
    sim[0, 4] = sim[4, 0] = LINK_THRESHOLD + 0.1  # a wire copy of a's text: the same source
    independent = {"a": "A", "b": "B", "c": "C", "d": "A"}
    assert near_elsewhere(units, sim, 0, {"A"}, independent) == [2]
    assert near_elsewhere(units, sim, 0, {"A", "B"}, independent) == []
    assert claim_kind(1, 4, near_other=True) == "single" and claim_kind(1, 4) == "unique"
    assert claim_kind(2, 4, near_other=True) == "corroborated" and claim_kind(4, 4) == "consensus"


@pytest.mark.parametrize(
    "first,second,clash",
    [
        ("Other tenants include Harbor Global Logistics, a trucking company.", "Harbor Freight Lines and Keller Paper share the building with the pharmacy.", True),
        ("Other tenants include Harbor Freight, a trucking company.", "Harbor Freight Lines Inc. and Keller Paper share the building with the pharmacy.", False),
        ("Other tenants include Keller Paper & Food, a distributor.", "Keller Paper and Food Service shares the building with the pharmacy.", False),
        ("He coached at Lakeside State for a decade.", "He coached at the University of Lakeside for a decade.", False),
        ("Officials of the Ministry of Defence attended the talks.", "Officials of the Ministry of Defense attended the talks.", False),
        ("Officials of the Ministry of Health and the Ministry of Labour attended.", "Officials of the Ministry of Transport attended.", False),
        ("The boy was taken to Lakeside Children's Hospital with injuries.", "The boy was treated for injuries, Lakeside.com reported.", False),  # a news site
        ("The suit claims that Keller Stores Inc. favours men.", "The suit says the \"Keller Way\" favours men.", False),  # a phrase in quotation marks
    ],
)
def test_two_names_of_one_organisation_in_one_claim(first, second, clash):
    """Names that start alike but go on differently are a name conflict; a longer or shorter form
    of one name, '&' for 'and', or two names that only share a place are not."""
    from newsprism.conflicts import _organisation_conflicts

    found = _observed(_organisation_conflicts, {"a:0": first, "b:0": second})
    assert bool(found) is clash
    if clash:
        (typ, about, obs), = found
        assert typ == "name" and about == "the name of Harbor …" and {o.value for o in obs} == {"Harbor Global Logistics", "Harbor Freight Lines"}


@pytest.mark.parametrize(
    "first,second,clash",
    [
        ("Rep. Marta Quill won the vote for deputy chair, defeating Tom Brennan.", "Rep. Dana Quill defeated Tom Brennan in the vote for deputy chair.", True),
        ("Rep. Marta Quill won the vote for deputy chair, defeating Tom Brennan.", "Rep. M. Quill defeated Tom Brennan in the vote for deputy chair.", False),  # an initial
        ("William Quill won the vote for deputy chair, defeating Tom Brennan.", "Bill Quill defeated Tom Brennan in the vote for deputy chair.", False),  # a nickname
        ("Mohamed Quill won the vote for deputy chair, defeating Tom Brennan.", "Mohammed Quill defeated Tom Brennan in the vote for deputy chair.", False),  # a spelling
        ("Marta Quill won the vote, defeating her brother Dana Quill.", "Dana Quill lost the vote to his sister.", False),  # both named by one sentence
    ],
)
def test_one_surname_with_two_first_names_in_one_claim(first, second, clash):
    """Two outlets' near-identical sentences that give one person two first names: a name
    conflict, unless the names are one (an initial, a nickname, a spelling) or one sentence names both."""
    from newsprism.conflicts import _namesake_conflicts
    from newsprism.nlp import parse_sentences

    docs = dict(zip(["a:0", "b:0"], parse_sentences([first, second]), strict=True))
    found = _namesake_conflicts(docs, {"a": "A", "b": "B"}, [("a:0", "b:0")])
    assert bool(found) is clash
    if clash:
        (typ, about, obs), = found
        assert typ == "name" and about == "the first name of Quill" and {o.value for o in obs} == {"Marta Quill", "Dana Quill"}


def test_two_years_of_one_fact_are_compared_between_near_identical_sentences_only():
    """'since 2009' / 'since 2010' in two outlets' near-identical sentences is a date conflict; the
    same years in sentences of one claim that are not near-identical are too coarse to compare."""
    from newsprism.conflicts import _claim_date_conflicts
    from newsprism.nlp import parse_sentences

    texts = ["Quill has led the harbour board since 2009.", "Quill has led the harbour board since 2010, and that is what critics say is the problem."]
    docs = dict(zip(["a:0", "b:0"], parse_sentences(texts), strict=True))
    outlets, bases = {"a": "A", "b": "B"}, {"a": None, "b": None}
    (typ, about, obs), = _claim_date_conflicts(docs, outlets, bases, [("a:0", "b:0")])
    assert typ == "date" and about == "since when Quill has led the harbour board" and {o.value for o in obs} == {"2009", "2010"}
    assert _claim_date_conflicts(docs, outlets, bases) == []


@pytest.mark.parametrize(
    "first,second,clash",
    [
        ('"To close the ferry line this winter would hurt the islands," the mayor said.', '"If they don\'t close the ferry line this winter it will hurt the islands," the mayor said.', True),
        ('"To close the ferry line this winter would hurt the islands," the mayor said.', '"Closing the ferry line this winter would hurt the islands," the mayor said.', False),
        ("The council urged the mayor not to close the ferry line this winter.", "The mayor planned to close the ferry line this winter, the council said.", False),  # outside quotations: another event
    ],
)
def test_one_remark_quoted_with_opposite_meanings(first, second, clash):
    """A verb that two outlets' near-identical quotations of one remark both use, negated in one
    quotation only (and nothing negated in the other): a polarity conflict."""
    from newsprism.conflicts import _polarity_conflicts
    from newsprism.nlp import parse_sentences

    docs = dict(zip(["a:0", "b:0"], parse_sentences([first, second]), strict=True))
    found = _polarity_conflicts(docs, {"a": "A", "b": "B"}, [("a:0", "b:0")])
    assert bool(found) is clash
    if clash:
        (typ, about, obs), = found
        assert typ == "polarity" and "close the ferry line" in about and {o.value for o in obs} == {"yes", "no"}


@pytest.mark.parametrize(
    "first,second,clash",
    [
        ('The mayor said "the town must steward its harbour wisely for the next generation," to applause.', 'The mayor said "the town must husband its harbour wisely for the next generation," to applause.', True),
        ('The mayor said "the town must steward its harbour wisely for the next generation," to applause.', 'The mayor said "the town must steward its harbour wisely for the next generation" on Monday.', False),
        ('The mayor said "we fixed the town\'s duties to the harbour this year, and it\'s okay now."', 'The mayor said "we fixed the town’s duty to the harbour this year, and that\'s ok now."', False),  # forms of one word
        ('The mayor said "the town must steward its harbour wisely for the next generation."', 'The mayor said "the town must steward its harbour wisely for the coming decades."', False),  # the end cut otherwise
    ],
)
def test_one_remark_quoted_in_other_words(first, second, clash):
    """Two outlets' quotations of one remark that swap a word for another inside it are a quote
    conflict; the same words, forms of one word, or quotations cut at another place are not."""
    from newsprism.conflicts import _wording_conflicts
    from newsprism.nlp import parse_sentences

    docs = dict(zip(["a:0", "b:0"], parse_sentences([first, second]), strict=True))
    found = _wording_conflicts(docs, {"a": "A", "b": "B"})
    assert bool(found) is clash
    if clash:
        (typ, about, obs), = found
        assert typ == "quote" and {o.value for o in obs} == {"must steward its", "must husband its"}


def test_a_name_run_into_the_next_one_is_not_another_name():
    """The words that tell two organisation names apart, when the other sentence says them too,
    belong to something else the tagger ran into the name (a photo credit before an actor's
    name); words the other sentence lacks make two names."""
    from newsprism.conflicts import _run_on

    other = "Cast: Anna Marlowe, Tom Brennan. Distributor: Lakeside Pictures Subtitles"
    assert _run_on(frozenset({"anna", "marlowe"}), other)
    assert not _run_on(frozenset({"officers"}), "The Federal Law Enforcement Officials Association said so.")
    assert not _run_on(frozenset(), other)


def test_each_counted_sentence_says_why_it_states_the_claim(bus):
    """Every sentence of a claim but the shown one has a link: its score against the shown
    sentence and the particular words both use ('Tomas Brenner', not 'the')."""
    report, story, _ = bus
    text = {s.id: s.text.lower() for a in report.articles for s in a.sentences}
    for c in story.claims:
        assert c.shown_id in c.sentence_ids
        assert {k.sentence_id for k in c.links} == set(c.sentence_ids) - {c.shown_id}
    shared = [c for c in story.claims if c.support >= 2]
    assert shared and all(k.shared and 0 < k.cosine <= k.score for c in shared for k in c.links)
    for c in shared:
        for k in c.links:
            assert all(w in text[k.sentence_id] and w in text[c.shown_id] for w in k.shared) and "the" not in k.shared
    driver = next(c for c in shared if "Brenner" in c.text)
    assert "tomas" in driver.links[0].shared


def test_a_very_long_text_is_aligned_by_its_start(monkeypatch):
    """Sentence pairs grow as the square of their number: past MAX_UNITS_PER_ARTICLE sentences an
    article (a transcript, a book) is compared by its first ones, and the others stay in it."""
    from newsprism import claims
    from newsprism.models import Sentence

    monkeypatch.setattr(claims, "MAX_UNITS_PER_ARTICLE", 3)
    text = " ".join(f"The council met for the {n}th time on the harbour plan." for n in range(6))
    sentences = tuple(Sentence(f"a:{n}", f"The council met for the {n}th time on the harbour plan.", 0, 1) for n in range(6))
    article = Article("a", "a.txt", None, None, None, None, None, None, "en", text, sentences)
    assert [pos for pos, _ in claims.aligned_sentences(article)] == [0, 1, 2]
    assert len(article.sentences) == 6


def test_an_owner_taken_into_a_person_s_name_is_dropped():
    """"Harborline's Jane Okafor" is Jane Okafor: one person with 'Jane Okafor' and 'Okafor'."""
    from newsprism.entities import Located, _drop_possessors
    from newsprism.models import Mention

    text = "Harborline’s Jane Okafor"
    got = _drop_possessors([Located("a", "A", Mention(text, "PERSON", 10, 10 + len(text))), Located("a", "A", Mention("Harborline’s Okafor", "PERSON", 50, 69)), Located("a", "A", Mention("Macy’s Parade Day", "EVENT", 80, 97))])
    assert [(x.mention.text, x.mention.start, x.mention.end) for x in got] == [("Jane Okafor", 23, 34), ("Harborline’s Okafor", 50, 69), ("Macy’s Parade Day", 80, 97)]


def _parsed(texts: dict[str, str]) -> tuple[dict, dict[str, str]]:
    """Parsed sentences by id ('a:0'), and each article's outlet (its id's letter in capitals)."""
    from newsprism.nlp import parse_sentences

    return dict(zip(texts, parse_sentences(list(texts.values())), strict=True)), {k.split(":")[0]: k[0].upper() for k in texts}


def test_a_number_hyphened_into_a_modifier_is_no_count_left_over():
    from newsprism.conflicts import _count_left_over

    docs, outlet = _parsed({
        "a:0": "A ferry from Lakeside to Elmford turned back four hours into an 11-and-a-half hour crossing after an ‘unauthorized’ passenger was found on board.",
        "b:0": "The ferry, which had 312 passengers aboard, turned back four hours into its crossing to Elmford.",
    })
    assert _count_left_over(docs, outlet, [("a:0", "b:0")]) == []


def test_what_a_speaker_is_reported_to_deny_is_a_polarity_conflict():
    """'X is not out of service, an engineer has said' / 'X has been out of service for weeks':
    the reported clause, not the reporting verb, is what is said; 'be' is labelled by what it says."""
    from newsprism.conflicts import _polarity_conflicts

    docs, outlet = _parsed({
        "a:0": "The harbour bridge is not out of service and drivers are in no danger, a leading engineer has said.",
        "b:0": "The harbour bridge has been completely out of service for weeks now and will close for good in the spring.",
    })
    found = _polarity_conflicts(docs, outlet, [("a:0", "b:0")])
    assert [(about, sorted(o.value for o in obs)) for _, about, obs in found] == [("whether it is out of service", ["no", "yes"])]


def _with_mentions(aid: str, body: str, labelled: Sequence[tuple[str, str]]) -> Article:
    """An article whose entity mentions are given (text, label), found in order in ``body``."""
    mentions, at = [], 0
    for text, label in labelled:
        start = body.index(text, at)
        mentions.append(Mention(text, label, start, start + len(text)))
        at = start + len(text)
    return Article(aid, f"{aid}.txt", aid.upper(), None, None, None, None, None, "en", body, (), tuple(mentions))


def _groups(articles: Sequence[Article]) -> list[set[str]]:
    from newsprism.entities import build_entities

    return [{v.form for v in e.variants} for e in build_entities(articles).entities]


def test_one_name_of_a_person_spelt_two_ways_by_two_outlets_is_one_person_but_not_when_one_outlet_writes_both():
    a = _with_mentions("a", "He and his wife Stacy have two sons.", [("Stacy", "PERSON")])
    b = _with_mentions("b", "His wife, Stacey, was there.", [("Stacey", "PERSON")])
    assert {"Stacy", "Stacey"} in _groups([a, b])
    c = _with_mentions("c", "Stacy met Stacey at the pier.", [("Stacy", "PERSON"), ("Stacey", "PERSON")])
    assert {"Stacy", "Stacey"} not in _groups([a, b, c])


def test_a_state_by_its_abbreviation_and_people_by_their_middle_names():
    a = _with_mentions("a", "Jane Ama Roe spoke in Fresno, Calif. on Monday. Her sister Jane Efua Roe did not. Mary Quinn Okafor agreed.",
                       [("Jane Ama Roe", "PERSON"), ("Calif.", "GPE"), ("Jane Efua Roe", "PERSON"), ("Mary Quinn Okafor", "PERSON")])
    b = _with_mentions("b", "California officials met Mary Okafor and Mary Q. Okafor on Monday.",
                       [("California", "GPE"), ("Mary Okafor", "PERSON"), ("Mary Q. Okafor", "PERSON")])
    groups = _groups([a, b])
    assert {"Calif.", "California"} in groups
    assert {"Mary Quinn Okafor", "Mary Okafor", "Mary Q. Okafor"} in groups  # a middle name left out, or its initial
    assert not any({"Jane Ama Roe", "Jane Efua Roe"} <= g for g in groups)  # two different middle names: two people


def test_a_surname_alone_is_also_the_surname_of_a_junior():
    a = _with_mentions("a", "Jane Q. Roe Jr. pleaded guilty on Monday. Roe, 47, resigned last year.", [("Jane Q. Roe Jr.", "PERSON"), ("Roe", "PERSON")])
    b = _with_mentions("b", "Jane Roe Jr. wept in court. Her father, Tom Roe, was there. Roe will be sentenced in June.",
                       [("Jane Roe Jr.", "PERSON"), ("Tom Roe", "PERSON"), ("Roe", "PERSON")])
    groups = _groups([a])
    assert {"Jane Q. Roe Jr.", "Roe"} in groups  # the only Roe named in full
    assert not any({"Jane Roe Jr.", "Tom Roe"} <= g for g in _groups([a, b]))


def test_a_name_ending_in_a_short_title_before_a_person_is_that_person_s_title():
    a = _with_mentions("a", "Harbour PD Cmdr. Jane Okafor said the pier was closed. Okafor said no one was hurt.",
                       [("Harbour PD Cmdr", "PERSON"), ("Jane Okafor", "PERSON"), ("Okafor", "PERSON")])
    assert {"Harbour PD Cmdr", "Jane Okafor", "Okafor"} in _groups([a])


def test_a_word_capitalised_only_where_it_opens_a_sentence_is_no_name():
    a = _with_mentions("a", "Northbound hikers left Lakeside on Monday. Few walk northbound in May. Lakeside was quiet.",
                       [("Northbound", "ORG"), ("Lakeside", "GPE"), ("Lakeside", "GPE")])
    b = _with_mentions("b", "Lakeside is a town. Hikers met in Lakeside.", [("Lakeside", "GPE"), ("Lakeside", "GPE")])
    groups = _groups([a, b])
    assert {"Lakeside"} in groups and not any("Northbound" in g for g in groups)  # 'Lakeside' opens sentences too, but is never written in lower case


def test_a_broadcaster_s_letters_and_its_news_division_are_one_medium():
    a = _with_mentions("a", "The mayor told KBC News on Sunday. KBC aired the interview. Lakeside TV did not.",
                       [("KBC News", "ORG"), ("KBC", "ORG"), ("Lakeside TV", "ORG")])
    b = _with_mentions("b", "Lakeside was quiet on Sunday.", [("Lakeside", "GPE")])
    groups = _groups([a, b])
    assert {"KBC", "KBC News"} in groups
    assert not any({"Lakeside", "Lakeside TV"} <= g for g in groups)  # a place is no broadcaster's letters


def test_a_surname_read_as_a_place_is_the_person_where_it_speaks():
    a = _with_mentions("a", "Senator Jane Okafor backed the bill. Okafor said it would pass. Voters in Lakeside agreed.",
                       [("Jane Okafor", "PERSON"), ("Okafor", "GPE"), ("Lakeside", "GPE")])
    b = _with_mentions("b", "Lakeside said nothing. Tom Lakeside, a farmer, was there.", [("Lakeside", "GPE"), ("Tom Lakeside", "PERSON")])
    groups = _groups([a])
    assert {"Jane Okafor", "Okafor"} in groups
    assert {"Lakeside"} in _groups([a]) and not any({"Lakeside", "Tom Lakeside"} <= g for g in _groups([a, b]))  # a place that only once 'said'


def test_a_given_name_and_a_surname_the_story_uses_for_a_person_is_a_person_whatever_the_ner_said():
    from newsprism.entities import build_entities

    a = _with_mentions("a", "Governor Susan Quint spoke at the Lakeside Hornets game. Quint said the budget would pass. The Hornets said nothing.",
                       [("Susan Quint", "ORG"), ("Lakeside Hornets", "ORG")])
    b = _with_mentions("b", "The Washington Post said Susan Quint would run. Virginia Beach voted.",
                       [("The Washington Post", "ORG"), ("Susan Quint", "GPE"), ("Virginia Beach", "GPE")])
    label = {e.name: e.label for e in build_entities([a, b]).entities}
    assert label["Susan Quint"] == "PERSON"
    assert label["Lakeside Hornets"] == "ORG"  # 'the Hornets said': a team speaks too
    assert label["Virginia Beach"] == "GPE" and label["Washington Post"] == "ORG"


def test_a_place_is_named_in_full_and_not_in_a_dateline_s_capitals():
    from newsprism.entities import build_entities

    a = _with_mentions("a", "LAKESIDE HEIGHTS (AP) - The senator from Ky. spoke. BRANDON - a town.", [("LAKESIDE HEIGHTS", "ORG"), ("Ky.", "GPE"), ("BRANDON", "ORG")])
    b = _with_mentions("b", "Voters in Kentucky listened.", [("Kentucky", "GPE")])
    named = {e.name: e.label for e in build_entities([a, b]).entities}
    assert named.get("Lakeside Heights") == "GPE"  # the dateline's place, shown as a place is written
    assert named.get("Kentucky") == "GPE" and "Ky." not in named
    assert named.get("BRANDON") == "ORG"  # capitals outside the dateline are left as the NER read them


def test_a_former_name_in_brackets_is_another_name_of_the_same_thing():
    a = _with_mentions("a", "The Harbour Front (HF, formerly Lakeside Liberation Army) claimed the attack. Shares of Acme (ACM, Nasdaq) rose.",
                       [("Harbour Front", "ORG"), ("Lakeside Liberation Army", "ORG"), ("Acme", "ORG"), ("Nasdaq", "ORG")])
    groups = _groups([a])
    assert {"Harbour Front", "Lakeside Liberation Army"} in groups
    assert not any({"Acme", "Nasdaq"} <= g for g in groups)  # a list in brackets names other things


def test_a_person_is_named_without_a_title_before_the_name():
    a = _with_mentions("a", "Representative K. Jane Okafor spoke. Representative K. Jane Okafor left. Okafor said no.",
                       [("Representative K. Jane Okafor", "PERSON"), ("Representative K. Jane Okafor", "PERSON"), ("Okafor", "PERSON")])
    b = _with_mentions("b", "Jane Okafor of Lakeside agreed.", [("Jane Okafor", "PERSON")])
    from newsprism.entities import build_entities

    names = [e.name for e in build_entities([a, b]).entities]
    assert "Representative K. Jane Okafor" not in names and any(n.endswith("Jane Okafor") for n in names)


def test_a_name_spaced_otherwise_is_one_name_even_when_read_as_a_person_or_ending_in_a_letter():
    a = _with_mentions("a", "RocketCo launched on Monday. Shares of Zeta Works rose.", [("RocketCo", "PERSON"), ("Zeta Works", "ORG")])
    b = _with_mentions("b", "Rocket Co launched its rocket. ZetaWorks said little. An adviser to Space X spoke.", [("Rocket Co", "PERSON"), ("ZetaWorks", "ORG"), ("Space X", "ORG")])
    c = _with_mentions("c", "SpaceX flew on Monday.", [("SpaceX", "ORG")])
    groups = _groups([a, b, c])
    assert {"RocketCo", "Rocket Co"} in groups and {"Zeta Works", "ZetaWorks"} in groups
    assert {"Space X", "SpaceX"} in groups  # the 'X' as written, not the Roman ten a key reads


def test_an_entity_read_to_the_full_stop_after_a_letter_ends_before_it():
    from newsprism.nlp import _mention

    assert _mention("Space X.\n\n", "ORG", 10, 20) == Mention("Space X", "ORG", 10, 17)
    assert _mention("U.S.", "GPE", 0, 4).text == "U.S." and _mention("Erie, Pa.", "GPE", 0, 9).text == "Erie, Pa."


@pytest.mark.parametrize("span,kept", [("Movement for Azawad (MNLA", "Movement for Azawad"), ("MNLA)", "MNLA"), ("B]y", None), ("n't", None), ("piggish", None), ("iPhone", "iPhone"), ("Roe (Jr.)", "Roe (Jr.)")])
def test_an_entity_span_keeps_no_stray_bracket_and_has_a_capital_or_a_digit(span, kept):
    from newsprism.nlp import _mention

    text = f"Said {span} on Monday."
    got = _mention(span, "ORG", 5, 5 + len(span))
    assert (got.text if got else None) == kept
    assert got is None or text[got.start : got.end] == got.text
    assert _mention("last month", "DATE", 0, 10).text == "last month"  # a value needs no capital


def test_a_first_name_alone_names_a_person_named_in_full_in_its_own_article():
    a = _with_mentions("a", "Senator Tobias R. Quill spoke on Monday. Later Tobias said he would vote.", [("Tobias R. Quill", "PERSON"), ("Tobias", "PERSON")])
    b = _with_mentions("b", "Senator Tobias R. Quill spoke on Monday.", [("Tobias R. Quill", "PERSON")])
    c = _with_mentions("c", "The 1991 hearing pushed Tobias over the line, the senator recalled.", [("Tobias", "PERSON")])
    assert {"Tobias R. Quill", "Tobias"} in _groups([a, b])
    assert {"Tobias"} in _groups([b, c])  # only another article names him: there 'Tobias' may be a surname


def test_a_bare_surname_goes_to_the_person_named_throughout_not_to_a_relative_named_once():
    a = _with_mentions("a", "Jane Okafor sued the studio. Okafor said she was hurt. Her father, Robert Okafor, is a professor. Okafor said more.",
                       [("Jane Okafor", "PERSON"), ("Okafor", "PERSON"), ("Robert Okafor", "PERSON"), ("Okafor", "PERSON")])
    b = _with_mentions("b", "Jane Okafor spoke on Monday. Jane Okafor was driving. Okafor was injured. Jane, 47, recovered.",
                       [("Jane Okafor", "PERSON"), ("Jane Okafor", "PERSON"), ("Okafor", "PERSON"), ("Jane", "PERSON")])
    groups = _groups([a, b])
    jane = next(g for g in groups if "Jane Okafor" in g)
    assert {"Okafor", "Jane"} <= jane and "Robert Okafor" not in jane


def test_a_surname_two_people_share_is_read_in_each_article_as_the_last_one_named_in_full():
    a = _with_mentions("a", "Tom Adeyemi opened fire. Adeyemi was 64. His brother Eric Adeyemi said he was shocked. Adeyemi added that they rarely spoke.",
                       [("Tom Adeyemi", "PERSON"), ("Adeyemi", "PERSON"), ("Eric Adeyemi", "PERSON"), ("Adeyemi", "PERSON")])
    b = _with_mentions("b", "Eric Adeyemi spoke to reporters. Adeyemi said his brother Tom Adeyemi had no debts.",
                       [("Eric Adeyemi", "PERSON"), ("Adeyemi", "PERSON"), ("Tom Adeyemi", "PERSON")])
    from newsprism.entities import build_entities

    index = build_entities([a, b])
    tom = next(e.id for e in index.entities if e.name == "Tom Adeyemi")
    eric = next(e.id for e in index.entities if e.name == "Eric Adeyemi")
    bare = [index.by_mention[(art.id, m.start)] for art in (a, b) for m in art.entities if m.text == "Adeyemi"]
    assert bare == [tom, eric, eric]


def test_a_title_written_before_one_persons_name_names_that_person():
    a = _with_mentions("a", "Marlow County Sheriff Ada Brennan spoke on Friday. Brennan said two deputies fired.",
                       [("Marlow County Sheriff", "PERSON"), ("Ada Brennan", "PERSON"), ("Brennan", "PERSON")])
    b = _with_mentions("b", "The Marlow County Sheriff called it a tragic accident.", [("Marlow County Sheriff", "PERSON")])
    groups = _groups([a, b])
    assert any({"Marlow County Sheriff", "Ada Brennan", "Brennan"} <= g for g in groups)
    from newsprism.entities import build_entities

    assert "Ada Brennan" in {e.name for e in build_entities([a, b]).entities}  # named by the name, not the title


def test_a_title_written_before_two_people_names_neither():
    a = _with_mentions("a", "Harbor Port Chief Ada Brennan resigned. Harbor Port Chief Tom Ruiz stayed.",
                       [("Harbor Port Chief", "PERSON"), ("Ada Brennan", "PERSON"), ("Harbor Port Chief", "PERSON"), ("Tom Ruiz", "PERSON")])
    groups = _groups([a])
    assert not any("Harbor Port Chief" in g and ("Ada Brennan" in g or "Tom Ruiz" in g) for g in groups)


def test_short_given_names_titles_and_one_word_team_names_join_their_full_names():
    a = _with_mentions("a", "Bill Kristol wrote it. Sheriff Ray Lombardo spoke. The Houston Astros won. The Astros celebrated. F.B.I. agents came.",
                       [("Bill Kristol", "PERSON"), ("Ray Lombardo", "PERSON"), ("Houston Astros", "ORG"), ("Astros", "ORG"), ("F.B.I.", "ORG")])
    b = _with_mentions("b", "William Kristol agreed. Sheriff Lombardo said so. The FBI took over. The Denver Post and Denver were named.",
                       [("William Kristol", "PERSON"), ("Sheriff Lombardo", "PERSON"), ("FBI", "ORG"), ("The Denver Post", "ORG"), ("Denver", "GPE")])
    groups = _groups([a, b])
    for together in ({"Bill Kristol", "William Kristol"}, {"Ray Lombardo", "Sheriff Lombardo"}, {"Houston Astros", "Astros"}, {"F.B.I.", "FBI"}):
        assert any(together <= g for g in groups), together
    assert not any({"Denver", "Denver Post"} <= g or {"Denver", "The Denver Post"} <= g for g in groups)


def test_a_word_that_begins_other_names_is_not_the_last_word_of_one_longer_name():
    """'House' beside the 'House Harbour Committee' names a body of its own, not the 'Lighthouse
    House' it ends; a title alone ('Sgt') is no name to merge."""
    a = _with_mentions("a", "The Lighthouse House issued a statement. The House voted. The House Harbour Committee met. Sgt spoke.",
                       [("Lighthouse House", "ORG"), ("House", "ORG"), ("House Harbour Committee", "ORG"), ("Sgt", "ORG")])
    b = _with_mentions("b", "Lakeside Police Sgt Ada Brennan said so.", [("Lakeside Police Sgt", "ORG"), ("Ada Brennan", "PERSON")])
    groups = _groups([a, b])
    assert not any({"House", "Lighthouse House"} <= g for g in groups)
    assert not any({"Sgt", "Lakeside Police Sgt"} <= g for g in groups)


def test_a_name_written_with_and_without_accents_is_one_name():
    a = _with_mentions("a", "Raúl R. Lindqvíst spoke. Peña Harbour opened.", [("Raúl R. Lindqvíst", "PERSON"), ("Peña Harbour", "FAC")])
    b = _with_mentions("b", "Raul Lindqvist agreed. Pena Harbour opened.", [("Raul Lindqvist", "PERSON"), ("Pena Harbour", "FAC")])
    groups = _groups([a, b])
    assert any({"Raúl R. Lindqvíst", "Raul Lindqvist"} <= g for g in groups)
    assert any({"Peña Harbour", "Pena Harbour"} <= g for g in groups)


def test_a_people_is_no_spelling_of_its_land():
    """'German' (a people) and 'Germany' (a place) sound alike and differ by a letter, as two
    spellings of one name do ('Harbrook' / 'Harbrock'), but are two names; so are 'North African'
    and 'North Africa'."""
    a = _with_mentions("a", "German police said so. Harbrook shares fell. North African men were held.",
                       [("German", "NORP"), ("Harbrook", "ORG"), ("North African", "NORP")])
    b = _with_mentions("b", "Police in Germany said so. Harbrock shares fell. Men from North Africa were held.",
                       [("Germany", "GPE"), ("Harbrock", "ORG"), ("North Africa", "LOC")])
    groups = _groups([a, b])
    assert not any({"German", "Germany"} <= g or {"North African", "North Africa"} <= g for g in groups)
    assert any({"Harbrook", "Harbrock"} <= g for g in groups)


def test_a_capital_the_inside_a_sentence_is_part_of_a_name_but_not_at_its_start():
    a = _with_mentions("a", "The Harbour Gazette reported it. A reporter for The Harbour Gazette said so.",
                       [("The Harbour Gazette", "ORG"), ("The Harbour Gazette", "ORG")])
    (forms,) = [g for g in _groups([a]) if any("Harbour" in f for f in g)]
    assert forms == {"Harbour Gazette", "The Harbour Gazette"}


def test_one_name_spelled_with_or_without_spaces_ampersands_or_roman_numerals_is_one_entity():
    a = _with_mentions("a", "The Blue Line reopened. Keller Paper & Food moved. The Saturn V flew.",
                       [("Blue Line", "ORG"), ("Keller Paper & Food", "ORG"), ("Saturn V", "PRODUCT")])
    b = _with_mentions("b", "The BlueLine was shut. Keller Paper and Food said so. The Saturn 5 was tall.",
                       [("BlueLine", "ORG"), ("Keller Paper and Food", "ORG"), ("Saturn 5", "PRODUCT")])
    groups = _groups([a, b])
    for together in ({"Blue Line", "BlueLine"}, {"Keller Paper & Food", "Keller Paper and Food"}, {"Saturn V", "Saturn 5"}):
        assert any(together <= g for g in groups), together


def test_one_claim_giving_two_dates_that_cannot_both_hold_is_a_date_conflict_and_a_put_off_date_an_update():
    from newsprism.conflicts import _claim_date_conflicts, _conflict

    texts = {
        "a:0": "When the ferry sails for the first time in late March, it will be the largest on the lake.",
        "b:0": "The ferry will sail for the first time on Tuesday, the company said.",
        "c:0": "The ferry, the largest in use today, will sail on Tuesday.",
        "d:0": "The ferry sailed on Friday, the company said.",
    }
    docs, outlet = _parsed(texts)
    bases = {"a": date(2021, 3, 1), "b": date(2021, 4, 5), "c": date(2021, 4, 5), "d": date(2021, 4, 5)}
    ((typ, about, obs),) = _claim_date_conflicts({k: docs[k] for k in ("a:0", "b:0", "c:0")}, outlet, bases)
    assert typ == "date" and {o.value for o in obs} == {"2021-03", "2021-04-06"}  # 'in use today' is no date of the sailing
    assert "sail" in about
    x = _conflict(1, typ, about, obs, {"a": "2021-03-01", "b": "2021-04-05", "c": "2021-04-05"})
    assert x.verdict == "update" and x.why.startswith("first reported late March (A, 2021-03-01), later Tuesday")
    # two weekdays told relative to their articles' days are not compared: a day's doubt is in the resolving
    assert _claim_date_conflicts({k: docs[k] for k in ("b:0", "d:0")}, outlet, {"b": date(2021, 4, 5), "d": date(2021, 4, 7)}) == []


def test_dates_of_no_year_in_one_claim_are_compared_where_the_articles_days_are_unknown():
    from newsprism import dates
    from newsprism.conflicts import _claim_date_conflicts

    assert dates.yearless("Oct. 29") == dates.Resolved("--10-29", "day") and dates.yearless("in April") == dates.Resolved("--04", "month")
    assert dates.yearless("May 2012") is None and dates.yearless("last month") is None
    texts = {
        "a:0": "The painter, who died in December, in April wrote a long letter to the mayor, the paper reported.",
        "b:0": "The painter, who died last month, wrote a long letter to the mayor in May 2012, officials say.",
        "c:0": "In a Harbour Times article posted Oct. 30, the painter said he had written to the mayor.",
        "d:0": "The painter told the Harbour Times in an interview posted Oct. 29 that he had written to the mayor.",
        "e:0": "The painter wrote a long letter to the mayor in April, the paper reported.",
    }
    docs, outlet = _parsed(texts)
    unknown = dict.fromkeys(outlet)
    ((typ, about, obs),) = _claim_date_conflicts({k: docs[k] for k in ("a:0", "b:0")}, outlet, unknown)
    assert {o.value for o in obs} == {"--04", "2012-05"} and "wrote a long letter" in about  # one sentence of two dates, one of one
    ((typ, about, obs),) = _claim_date_conflicts({k: docs[k] for k in ("c:0", "d:0")}, outlet, unknown)
    assert {o.value for o in obs} == {"--10-30", "--10-29"} and about == "when a Harbour Times article was posted"
    assert _claim_date_conflicts({k: docs[k] for k in ("a:0", "e:0")}, outlet, unknown) == []  # April and April
    assert _claim_date_conflicts({k: docs[k] for k in ("a:0", "b:0")}, outlet, {"a": date(2013, 1, 5), "b": None}) != []


def test_running_totals_told_to_different_days_are_an_update_and_their_cut_off_days_no_event_dates():
    from newsprism.conflicts import _as_running_total, _claim_date_conflicts, _conflict, _Obs
    from newsprism.nlp import parse_sentences

    texts = {
        "a:0": "Through July, 32 new cases of the fever have been confirmed across the state this year, health officials said.",
        "b:0": "Health officials reported that, as of August 2016, there have been 50 confirmed cases of the fever across the state.",
        "c:0": "Health officials said 41 cases of the fever had been confirmed across the state this year.",
    }
    obs = [_Obs("cases", "50", "50 cases", "b:0", "B"), _Obs("cases", "32", "32 cases", "a:0", "A")]
    x = _as_running_total(_conflict(1, "number", "cases", obs, {}), texts)
    assert x.verdict == "update" and x.why == "a running total: first 32 cases (A, Through July), later 50 cases (B, as of August 2016)"
    y = _as_running_total(_conflict(1, "number", "cases", [obs[1], _Obs("cases", "41", "41 cases", "c:0", "C")], {}), texts)
    assert y.verdict == "dispute"  # one total without its day
    docs = dict(zip(texts, parse_sentences(list(texts.values())), strict=True))
    assert _claim_date_conflicts({k: docs[k] for k in ("a:0", "b:0")}, {"a": "A", "b": "B"}, {"a": None, "b": None}) == []


def _article_of(aid: str, sentences: Sequence[str]) -> Article:
    """Article ``aid`` of outlet ``aid.upper()`` whose sentences are ``sentences`` (ids 'a:0', 'a:1', ...)."""
    body, sents = "", []
    for k, text in enumerate(sentences):
        start = len(body) + (1 if body else 0)
        body = f"{body} {text}" if body else text
        sents.append(Sentence(f"{aid}:{k}", text, start, start + len(text)))
    return Article(aid, f"{aid}.txt", aid.upper(), None, None, None, None, None, "en", body, tuple(sents))


def test_a_figure_an_outlet_tells_was_first_reported_makes_an_update_not_a_known_rival():
    from newsprism.conflicts import _as_told, _conflict, _Obs, _unless_known, figures_in, told_earlier

    articles = [
        _article_of("a", ["A 4-year-old boy fell into the moat."]),
        _article_of("b", ["A 3-year-old boy fell into the moat.", "The boy was initially reported to be 4 years old, but police later said he is 3."]),
        _article_of("c", ["A 3-year-old boy fell into the moat.", "He was 4 when his family moved to the city."]),
    ]
    figures = {a.id: figures_in(a.body) for a in articles}
    obs = [_Obs("the age of boy", "4", "4-year-old", "a:0", "A"), _Obs("the age of boy", "3", "3-year-old", "b:0", "B")]
    assert _unless_known(("number", "the age of boy", obs), figures) is None  # B states both: without the telling, no rival
    earlier = told_earlier(articles)
    assert [(sid, sorted(figures)) for sid, figures, _ in earlier["b"]] == [("b:1", ["3", "4"])] and list(earlier) == ["b"]
    kept = _unless_known(("number", "the age of boy", obs), figures, earlier)
    assert kept is not None and kept[2] == obs
    c = _as_told(_conflict(1, *kept, {}), earlier, {s.id: s.text for a in articles for s in a.sentences})
    assert c.verdict == "update" and c.why.startswith("first reported 4-year-old (A), later 3-year-old (B), as one of them tells: 'The boy was initially")
    other = [obs[0], _Obs("the age of boy", "3", "3-year-old", "c:0", "C")]
    assert _unless_known(("number", "the age of boy", other), figures, earlier) is None  # C gives 4 elsewhere, as no earlier report
    elsewhere = told_earlier([_article_of("b", ["A 3-year-old boy fell into the moat.", "Police originally said on May 4 that the zoo was closed."])])
    assert _unless_known(("number", "the age of boy", obs), figures, elsewhere) is None  # a first report of something else


def test_an_acronym_and_a_misspelt_surname_find_their_main_bearer():
    a = _with_mentions("a", "The Lakeside Wildlife Service said so. LWS rangers came. The Lakeside Wildlife Service confirmed it. Jane Okafor spoke.",
                       [("Lakeside Wildlife Service", "ORG"), ("LWS", "ORG"), ("Lakeside Wildlife Service", "ORG"), ("Jane Okafor", "PERSON")])
    b = _with_mentions("b", "The Lakeside Wildlfe Serivce acted. Okafor said more. Okafro was hurt.",
                       [("Lakeside Wildlfe Serivce", "ORG"), ("Okafor", "PERSON"), ("Okafro", "PERSON")])
    groups = _groups([a, b])
    assert any({"Lakeside Wildlife Service", "LWS"} <= g for g in groups)  # a misspelling named once does not make LWS ambiguous
    assert any({"Jane Okafor", "Okafor", "Okafro"} <= g for g in groups)


def test_this_afternoon_is_the_articles_day_not_the_narratives():
    """After a sentence about Monday, 'this afternoon' and a clock time after it happen on the
    article's own day (Wednesday), not on Monday."""
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    body = "The deal was announced on Monday night. The mayor planned to visit the harbour this afternoon. She will arrive around 4:30 p.m. with the council."
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.(?: p\.m\.[^.]*\.)?", body)]
    sentences = tuple(Sentence(f"a:{i}", body[a:b].strip(), a + len(body[a:b]) - len(body[a:b].lstrip()), b) for i, (a, b) in enumerate(spans))
    said = [("Monday", "DATE"), ("this afternoon", "TIME"), ("around 4:30 p.m.", "TIME")]
    mentions = tuple(Mention(t, label, body.index(t), body.index(t) + len(t)) for t, label in said)
    article = replace(Article("a", "a.txt", "A", None, None, None, None, None, "en", body), sentences=sentences, entities=mentions)
    got = {e.sentence_ids[0]: e.date for e in build_timeline([article], {}, {"a": date(2021, 3, 10)})}
    assert got == {"a:0": "2021-03-08", "a:1": "2021-03-10", "a:2": "2021-03-10"}


def test_a_month_written_without_its_year_takes_the_year_the_story_gives_it_elsewhere():
    """'until a special election in June', in a January article, is next June when another
    article of the story has the election set for June 25."""
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    def article(aid: str, body: str, said: list[str]) -> Article:
        mentions = tuple(Mention(t, "DATE", body.index(t), body.index(t) + len(t)) for t in said)
        return replace(Article(aid, f"{aid}.txt", aid.upper(), None, None, None, None, None, "en", body), sentences=(Sentence(f"{aid}:0", body, 0, len(body)),), entities=mentions)

    a = article("a", "The governor picked a lawyer to fill the open seat until a special election in June.", ["June"])
    b = article("b", "The special election to fill the seat is set for June 25, officials said.", ["June 25"])
    c = article("c", "The lawyer first ran for the council in March and lost.", ["March"])
    bases = dict.fromkeys("abc", date(2013, 1, 30))
    got = {e.sentence_ids[0]: e.date for e in build_timeline([a, b, c], {}, bases)}
    assert got == {"a:0": "2013-06", "b:0": "2013-06-25", "c:0": "2012-03"}
    assert {e.sentence_ids[0]: e.date for e in build_timeline([a], {}, bases)} == {"a:0": "2012-06"}  # alone, nothing says which June


def test_a_month_before_another_with_a_year_takes_that_year():
    """'in August and October 2017': the year written once is both months'."""
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    body = "The lawyer saw the testimony before he delivered it in August and October 2017, people said."
    said = [("August", body.index("August")), ("October 2017", body.index("October 2017"))]
    article = replace(Article("a", "a.txt", "A", None, "2019-01-18", None, None, None, "en", body), sentences=(Sentence("a:0", body, 0, len(body)),),
                      entities=tuple(Mention(t, "DATE", at, at + len(t)) for t, at in said))
    assert sorted(e.date for e in build_timeline([article], {}, {"a": date(2019, 1, 18)})) == ["2017-08", "2017-10"]


def test_a_day_the_event_came_before_is_no_day_of_the_timeline():
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    body = "Talks broke down hours before a midnight deadline to reopen the pier before Christmas. The pier reopened on Monday after repairs."
    cut = body.index(" The pier")
    sentences = (Sentence("a:0", body[:cut], 0, cut), Sentence("a:1", body[cut + 1 :], cut + 1, len(body)))
    mentions = (Mention("Christmas", "DATE", body.index("Christmas"), body.index("Christmas") + 9), Mention("Monday", "DATE", body.index("Monday"), body.index("Monday") + 6))
    article = replace(Article("a", "a.txt", "A", None, None, None, None, None, "en", body), sentences=sentences, entities=mentions)
    got = {e.sentence_ids[0]: e.date for e in build_timeline([article], {}, {"a": date(2021, 1, 2)})}
    assert got == {"a:1": "2020-12-28"}


def test_today_inside_a_quotation_is_the_day_it_was_said_not_a_day_of_the_timeline():
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    body = "“What he was saying today was wrong,” the senator told the talk show. The mayor opened the new bridge today in front of a crowd."
    cut = body.index(" The mayor")
    sentences = (Sentence("a:0", body[:cut], 0, cut), Sentence("a:1", body[cut + 1 :], cut + 1, len(body)))
    mentions = tuple(Mention("today", "DATE", i, i + 5) for i in (body.index("today"), body.rindex("today")))
    article = replace(Article("a", "a.txt", "A", None, None, None, None, None, "en", body), sentences=sentences, entities=mentions)
    got = {e.sentence_ids[0]: e.date for e in build_timeline([article], {}, {"a": date(2021, 3, 10)})}
    assert got == {"a:1": "2021-03-10"}  # the quoted 'today' is when it was said, which the article does not date
    body = "“So much for that. So much for modesty, which you praised tonight,” she told him. The mayor opened the new bridge today."
    cut = [body.index(" So much for modesty"), body.index(" The mayor")]
    sentences = (Sentence("a:0", body[: cut[0]], 0, cut[0]), Sentence("a:1", body[cut[0] + 1 : cut[1]], cut[0] + 1, cut[1]), Sentence("a:2", body[cut[1] + 1 :], cut[1] + 1, len(body)))
    mentions = (Mention("tonight", "DATE", body.index("tonight"), body.index("tonight") + 7), Mention("today", "DATE", body.rindex("today"), body.rindex("today") + 5))
    article = replace(article, body=body, sentences=sentences, entities=mentions)
    got = {e.sentence_ids[0]: e.date for e in build_timeline([article], {}, {"a": date(2021, 3, 10)})}
    assert got == {"a:2": "2021-03-10"}


def test_one_event_told_by_two_outlets_in_words_alike_is_one_timeline_row_not_two_statements_of_one_person():
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    def article(aid: str, texts: list[str]) -> Article:
        body = " ".join(texts)
        sentences, at = [], 0
        for i, t in enumerate(texts):
            sentences.append(Sentence(f"{aid}:{i}", t, at, at + len(t)))
            at += len(t) + 1
        mentions = tuple(Mention("Tuesday", "DATE", m.start(), m.end()) for m in re.finditer("Tuesday", body))
        return replace(Article(aid, f"{aid}.txt", aid.upper(), None, None, None, None, None, "en", body), sentences=tuple(sentences), entities=mentions)

    a = article("a", ["Sheriff Ada Roe said on Tuesday that the ferry crew had been rescued from the flooded river.", "Sheriff Ada Roe on Tuesday called the storm the worst in memory."])
    b = article("b", ["The ferry crew was rescued from the flooded river on Tuesday, Sheriff Ada Roe said."])
    rows = build_timeline([a, b], {}, {"a": date(2021, 3, 10), "b": date(2021, 3, 10)})
    assert sorted(r.sentence_ids for r in rows) == [("a:0", "b:0"), ("a:1",)]  # the rescue once; the sheriff's other remark apart

    c = article("c", ["On Tuesday the worst storm anyone could remember, in Sheriff Roe's words, hit the valley."])  # few words alike, one meaning
    rows = build_timeline([a, c], {}, {"a": date(2021, 3, 10), "c": date(2021, 3, 10)}, alike=lambda x, y: {x, y} == {"a:1", "c:0"})
    assert sorted(r.sentence_ids for r in rows) == [("a:0",), ("a:1", "c:0")]


def test_dates_that_go_with_one_verb_are_one_timeline_row_unless_the_verb_is_a_statement():
    """'The council passed the budget on Tuesday' / 'the spending plan passed the council on
    Tuesday': one event in other words; two statements made on Tuesday stay two rows."""
    from newsprism.models import Article, Mention, Sentence
    from newsprism.nlp import get_parser
    from newsprism.timeline import build_timeline

    texts = {"a": "The Lakeside council passed the budget on Tuesday after a long debate.", "b": "After weeks of talks, the spending plan passed narrowly on Tuesday.",
             "c": "The mayor announced on Tuesday that she would run again.", "d": "A union leader announced on Tuesday that the strike would go on."}
    arts = []
    for aid, t in texts.items():
        m = re.search("Tuesday", t)
        arts.append(replace(Article(aid, f"{aid}.txt", aid.upper(), None, None, None, None, None, "en", t), sentences=(Sentence(f"{aid}:0", t, 0, len(t)),), entities=(Mention("Tuesday", "DATE", m.start(), m.end()),)))
    parsed = {f"{aid}:0": doc for aid, doc in zip(texts, get_parser().pipe(texts.values()))}
    rows = build_timeline(arts, {}, {aid: date(2021, 3, 10) for aid in texts}, parsed=parsed)
    assert sorted(r.sentence_ids for r in rows) == [("a:0", "b:0"), ("c:0",), ("d:0",)]


def test_what_happens_every_week_is_no_day_of_the_timeline():
    """'every Sunday', 'on Sundays': a habit, not a day; 'on Sunday' is one."""
    from newsprism.models import Article, Mention, Sentence
    from newsprism.timeline import build_timeline

    body = "She goes to the harbour chapel every Sunday with her family. The chapel opens on Sundays for the fishermen. The chapel burned down on Sunday night."
    sents = [m for m in re.finditer(r"[^.]+\.", body)]
    sentences = tuple(Sentence(f"a:{i}", m.group(0).strip(), m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end()) for i, m in enumerate(sents))
    mentions = tuple(Mention(w.group(0), "DATE", w.start(), w.end()) for w in re.finditer(r"(?:every )?Sundays?(?: night)?", body))
    article = replace(Article("a", "a.txt", "A", None, None, None, None, None, "en", body), sentences=sentences, entities=mentions)
    got = build_timeline([article], {}, {"a": date(2021, 3, 10)})
    assert [(e.date, e.sentence_ids) for e in got] == [("2021-03-07", ("a:2",))]


@pytest.mark.parametrize(
    "text,day,ahead",
    [
        ("The new council takes over in January, officials said.", "January", True),
        ("The ferry has a second chance to sail on Wednesday if the wind drops.", "Wednesday", True),
        ("The town is bracing for the storm on Tuesday.", "Tuesday", True),
        ("The ferry sailed on Wednesday.", "Wednesday", False),
        ("The mayor says the ferry sailed on Wednesday.", "Wednesday", False),  # the tense of what is said
        ("The ferry has sailed every day since Wednesday.", "Wednesday", False),
        ("The new timetable follows the mayor's statement on Tuesday criticising the operator.", "Tuesday", False),  # a noun's date: the statement was made
    ],
)
def test_a_present_tense_places_a_day_without_its_year_ahead(text, day, ahead):
    from newsprism.nlp import parse_sentences
    from newsprism.timeline import _present_tense

    (doc,) = parse_sentences([text])
    start = text.index(day)
    assert _present_tense(doc, start, start + len(day)) is ahead


def test_a_clock_time_alone_happens_on_the_day_the_article_last_named_and_an_event_year_counts():
    from newsprism.models import Sentence
    from newsprism.timeline import build_timeline

    said = ["The storm hit the coast on Monday, officials said.", "At 10:08 p.m., the power failed across the town.",
            "The mayor spoke at the 2019 Harbour Festival again."]
    body = " ".join(said)
    sentences, at = [], 0
    for k, t in enumerate(said):
        at = body.index(t, at)
        sentences.append(Sentence(f"a:{k}", t, at, at + len(t)))
    mention = lambda text, label: Mention(text, label, body.index(text), body.index(text) + len(text))  # noqa: E731
    entities = (mention("Monday", "DATE"), mention("10:08 p.m.", "TIME"), mention("the 2019 Harbour Festival", "EVENT"))
    article = Article("a", "a.txt", "A", None, None, None, None, "2021-03-10", "en", body, tuple(sentences), entities)
    got = {e.sentence_ids[0]: e.date for e in build_timeline([article], {}, {"a": date(2021, 3, 10)})}
    assert got == {"a:0": "2021-03-08", "a:1": "2021-03-08", "a:2": "2019"}
    alone = replace(article, sentences=tuple(sentences[1:2]))
    assert build_timeline([alone], {}, {"a": date(2021, 3, 10)}) == []  # no day named before it: no date


def test_each_spelling_says_why_it_is_the_entity():
    a = _with_mentions("a", "Jane Okafor sued. Okafor spoke. The Lakeside Wildlife Service acted. LWS rangers came.",
                       [("Jane Okafor", "PERSON"), ("Okafor", "PERSON"), ("Lakeside Wildlife Service", "ORG"), ("LWS", "ORG")])
    from newsprism.entities import build_entities

    why = {v.form: v.why for e in build_entities([a]).entities for v in e.variants}
    assert why == {"Jane Okafor": "", "Okafor": "surname of 'Jane Okafor'", "Lakeside Wildlife Service": "", "LWS": "initials of 'Lakeside Wildlife Service'"}


@pytest.mark.parametrize(
    "text,month,base,want",
    [
        ("The new council takes over in January, officials said.", "January", date(2010, 12, 1), "2011-01"),  # scheduled
        ("A student goes on a rampage at a college in April.", "April", date(2017, 10, 2), "2017-04"),  # a historical present, months off
    ],
)
def test_a_present_tense_schedules_only_a_near_month(text, month, base, want):
    from newsprism.nlp import parse_sentences
    from newsprism.timeline import _resolved

    (doc,) = parse_sentences([text])
    start = text.index(month)
    assert _resolved(Mention(month, "DATE", start, start + len(month)), text, 0, len(text), doc, base, None).iso == want


def test_one_quotation_in_two_speakers_mouths_is_an_attribution_conflict():
    from newsprism.conflicts import _quote_conflicts, quotations

    texts = {
        "a:0": "The harbour wall is now “completely safe,” according to Dr. Maria Olsen, the port's chief engineer.",
        "b:0": "But for now, Brenner says the harbour wall is 'completely safe'.",
        "c:0": "The harbour wall is “completely safe,” Olsen told reporters on Monday.",
        "d:0": "Tickets for the festival are “completely safe” to buy online, Brenner said.",  # another remark that uses the words
        "e:0": "Olsen said the new ferry was named “Harbour Star” after a vote.",
        "f:0": "The ferry was named “Harbour Star,” Brenner said.",  # a name in title case, not a remark
    }
    docs, outlet = _parsed(texts)
    ((typ, about, obs),) = _quote_conflicts(docs, outlet)
    assert typ == "attribution" and about == "who said 'completely safe'"
    by_value: dict[str, set[str]] = {}
    for o in obs:
        by_value.setdefault(o.value, set()).add(o.sentence_id)
    assert by_value == {"Brenner": {"b:0"}, "Maria Olsen": {"a:0", "c:0"}}  # 'Olsen' is the same speaker as 'Maria Olsen'
    assert "d:0" not in {o.sentence_id for o in obs}  # the same two words about another thing: no shared word outside them
    assert quotations("He called it “Harbour Star” at the launch.") == []
    assert quotations('"It is too early," she said on "State of the Union."') == [("it", "is", "too", "early")]  # a show's name, small words and all


def test_a_member_far_from_the_shown_sentence_is_related_not_counted():
    import numpy as np

    from newsprism.claims import SUPPORT_SCORE, Unit, claims_from
    from newsprism.models import Sentence

    texts = ["The council approved the flood barrier on Tuesday.", "Councillors voted for the new flood barrier on Tuesday.", "The barrier vote followed three years of floods in the north."]
    units = [Unit(Sentence(f"{k}:0", t, 0, len(t)), k, k.upper(), 0, frozenset()) for k, t in zip("abc", texts)]
    weak = SUPPORT_SCORE - 0.05
    sim = np.array([[1.0, 0.95, weak], [0.95, 1.0, 0.6], [weak, 0.6, 1.0]])  # the grouping held c; the shown a is far from it
    (claim,), _ = claims_from(units, sim, sim, [[0, 1, 2]], {}, 3)
    assert claim.sentence_ids == ("a:0", "b:0") and claim.related_ids == ("c:0",)
    assert claim.support == 2 and claim.outlets == ("A", "B") and claim.kind == "corroborated"
    assert [(k.sentence_id, k.counted) for k in claim.links] == [("b:0", True), ("c:0", False)]


def test_a_member_that_says_much_the_shown_sentence_does_not_is_related_not_counted():
    import numpy as np

    from newsprism.claims import SUPPORT_OVERLAP, Unit, Wording, claims_from
    from newsprism.models import Sentence

    texts = [
        "The council approved the flood barrier on Tuesday.",
        "On Tuesday the council approved the new flood barrier.",
        "The barrier, which the council approved after a decade of floods that forced hundreds of families from the northern valley, will take five years and most of the region's budget to build.",
    ]
    units = [Unit(Sentence(f"{k}:0", t, 0, len(t)), k, k.upper(), 0, frozenset()) for k, t in zip("abc", texts)]
    sim = np.array([[1.0, 0.95, 0.9], [0.95, 1.0, 0.85], [0.9, 0.85, 1.0]])  # close by the grouping's score: a shares most with both
    wording = Wording(units)
    assert wording.overlap(0, 1) == wording.overlap(1, 0) >= SUPPORT_OVERLAP  # the same fact, the words reordered
    assert wording.overlap(0, 2) < SUPPORT_OVERLAP  # the approval is a side clause of a sentence about cost and time
    assert wording.overlap(0, 0) == 1.0
    two = [Unit(Sentence(f"{k}:0", texts[1], 0, len(texts[1])), k, k.upper(), 0, frozenset()) for k in "ab"]
    assert Wording(two).overlap(0, 1) == 1.0  # a story of two sentences: the words they share still count
    (claim,), _ = claims_from(units, sim, sim, [[0, 1, 2]], {}, 3)
    assert claim.sentence_ids == ("a:0", "b:0") and claim.related_ids == ("c:0",)
    assert [(k.sentence_id, k.counted, k.overlap >= SUPPORT_OVERLAP) for k in claim.links] == [("b:0", True, True), ("c:0", False, False)]
    assert claim.links[0].why_not == "" and claim.links[1].why_not.startswith("says much that the claim does not")


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("“There is no greater feeling than knowing your players have your back,” the coach said.", "“I'll miss the players,” he said.", False),
        ("“We will rebuild the pier before the summer season,” the mayor said.", "The mayor said: “We will rebuild the pier before the summer season.”", True),
        ("The coach tweeted: 'A steward saw two players with blankets and asked \"did you take them\" so teach your staff to check the facts before judging people'", "“Teach your staff to check the facts before judging people,” the coach tweeted.", True),  # a remark inside a longer one
        ("The pier will reopen in May, the mayor said.", "“We will rebuild the pier,” the mayor said.", True),  # one quotation only: nothing to compare
    ],
)
def test_a_quotation_matches_only_the_same_remark(a, b, same):
    from newsprism.claims import same_remark

    assert same_remark(a, b) is same


def test_a_question_states_no_fact_but_a_reported_question_does():
    from newsprism import textfeatures as tf

    assert tf.is_question("What will the new rocket carry into space?")
    assert not tf.is_question("His first comment was “did you steal them?”")
    assert not tf.is_question("The rocket will carry a car into space.")


def test_a_claim_is_shown_by_what_its_members_have_in_common():
    """Of two sentences that state one fact, one with a detail of its own: the claim shows the
    other, which both state, not the fuller one, which would credit the first with the detail."""
    import numpy as np

    from newsprism.claims import Unit, claims_from
    from newsprism.models import Sentence

    texts = ["The driver was hit by a falling branch and died about 45 minutes later at a hospital, police said.", "The driver died later at a hospital, police said."]
    units = [Unit(Sentence(f"{k}:0", t, 0, len(t)), k, k.upper(), 0, frozenset()) for k, t in zip("ab", texts)]
    sim = np.array([[1.0, 0.9], [0.9, 1.0]])
    (claim,), _ = claims_from(units, sim, sim, [[0, 1]], {}, 2)
    assert claim.shown_id == "b:0" and claim.sentence_ids == ("a:0", "b:0")


def test_a_short_sentence_sharing_a_few_words_but_not_the_meaning_is_related_not_counted():
    import numpy as np

    from newsprism.claims import SUPPORT_COSINE, SUPPORT_SCORE, Unit, claims_from
    from newsprism.models import Sentence

    texts = ["The inquiry found no evidence that the mayor knew of the payments.", "Investigators found no evidence the mayor knew about the payments.", "The group provided no evidence."]
    units = [Unit(Sentence(f"{k}:0", t, 0, len(t)), k, k.upper(), 0, frozenset()) for k, t in zip("abc", texts)]
    sim = np.array([[1.0, 0.95, SUPPORT_SCORE + 0.1], [0.95, 1.0, 0.7], [SUPPORT_SCORE + 0.1, 0.7, 1.0]])  # the score: shared words
    cos = np.array([[1.0, 0.8, SUPPORT_COSINE - 0.1], [0.8, 1.0, 0.3], [SUPPORT_COSINE - 0.1, 0.3, 1.0]])  # the meaning: far
    (claim,), _ = claims_from(units, sim, cos, [[0, 1, 2]], {}, 3)
    assert claim.sentence_ids == ("a:0", "b:0") and claim.related_ids == ("c:0",)


def test_a_longer_name_ending_with_a_persons_full_name_is_that_person():
    a = _with_mentions("a", "Mary Lene Okafor was arrested on Friday. Lene Okafor faces charges.",
                       [("Mary Lene Okafor", "ORG"), ("Lene Okafor", "PERSON")])
    b = _with_mentions("b", "Police named the suspect as Lene Okafor. John Paul Adams and Paul Adams and Mary Paul Adams spoke.",
                       [("Lene Okafor", "PERSON"), ("John Paul Adams", "PERSON"), ("Paul Adams", "PERSON"), ("Mary Paul Adams", "PERSON")])
    groups = _groups([a, b])
    assert {"Mary Lene Okafor", "Lene Okafor"} <= next(g for g in groups if "Lene Okafor" in g)
    assert not any({"Paul Adams", "John Paul Adams"} <= g for g in groups)  # the end of two longer names: which one is unknown


def test_initials_of_a_named_organisation_that_ner_missed_join_it():
    a = _with_mentions("a", "The Lakeside Police Department opened an inquiry on Monday.", [("Lakeside Police Department", "ORG")])
    b = _with_mentions("b", "A spokesman for the LPD said the inquiry would take weeks. The F.B.I. was not involved.", [("F.B.I.", "ORG")])
    c = _with_mentions("c", "The FBI said it was not asked to help. IS claimed nothing.", [])
    groups = _groups([a, b, c])
    assert {"Lakeside Police Department", "LPD"} <= next(g for g in groups if "LPD" in g)
    assert {"F.B.I.", "FBI"} <= next(g for g in groups if "FBI" in g)
    assert not any("IS" in g for g in groups)  # two letters are also a word: not looked for


def test_a_name_followed_by_words_of_its_kind_is_that_name_but_a_city_is_not_its_airport():
    a = _with_mentions("a", "Guests fled the Harbour Bay Resort on Sunday. Flights left Lakeside Airport late.", [("Harbour Bay Resort", "FAC"), ("Lakeside Airport", "FAC")])
    b = _with_mentions("b", "Police searched Harbour Bay after the fire in Lakeside City.", [("Harbour Bay", "LOC"), ("Lakeside City", "GPE")])
    c = _with_mentions("c", "Roads around Lakeside Hospital were closed, Lakeside Town officials said.", [("Lakeside Hospital", "FAC"), ("Lakeside Town", "GPE")])
    groups = _groups([a, b, c])
    assert {"Harbour Bay Resort", "Harbour Bay"} <= next(g for g in groups if "Harbour Bay" in g)
    assert not any({"Lakeside Hospital", "Lakeside Town"} <= g or {"Lakeside Airport", "Lakeside City"} <= g for g in groups)


def test_a_name_read_as_a_person_whose_last_word_says_its_kind_is_a_place_or_a_body():
    from newsprism.entities import build_entities

    a = _with_mentions("a", "Rangers found the lion near Hyena Dam. Acme Corporation and Jane Okafor paid for the fence. The Dam was closed.",
                       [("Hyena Dam", "PERSON"), ("Acme Corporation", "PERSON"), ("Jane Okafor", "PERSON"), ("Dam", "PERSON")])
    labels = {e.name: e.label for e in build_entities([a]).entities}
    assert labels == {"Hyena Dam": "FAC", "Acme Corporation": "ORG", "Jane Okafor": "PERSON"}  # 'Dam' alone joins Hyena Dam, as a place


def test_speakers_sharing_only_a_title_are_two_speakers():
    from newsprism.conflicts import _same_speaker

    assert _same_speaker("Rich Dauer", "Dauer") and _same_speaker("President Obama", "Obama")
    assert not _same_speaker("Coach Roe", "Coach Smith") and not _same_speaker("Dauer", "Dr. David Lintner")


def test_a_count_left_over_in_two_near_identical_sentences_is_a_number_conflict_unless_placed_apart():
    from newsprism.conflicts import _count_left_over

    texts = {
        "a:0": "The floods have killed more than 300 people and forced 1.2 million others from their homes since 2019.",
        "b:0": "Since 2019 the floods have claimed more than 300 lives and driven 1.8 million people from their homes.",
        "c:0": "The storm cut power to 40,000 homes in Ohio and closed 12 schools.",
        "d:0": "The storm cut power to 90,000 homes in Kentucky and closed 12 schools.",
        "e:0": "The storm cut power to 40,000 homes and closed 12 schools.",
        "f:0": "The storm cut power to 90,000 homes and closed 15 schools.",
    }
    docs, outlet = _parsed(texts)
    ((typ, about, obs),) = _count_left_over(docs, outlet, [("a:0", "b:0")])
    assert typ == "number" and about.startswith("the number of people") and {o.value for o in obs} == {"1200000", "1800000"}
    assert _count_left_over(docs, outlet, [("c:0", "d:0")]) == []  # homes in two states: two counts
    assert _count_left_over(docs, outlet, [("e:0", "f:0")]) == []  # two counts differ: which goes with which is not read


def test_dates_of_one_verb_compared_in_sentences_of_several_dates_and_a_month_read_in_the_other_year():
    from datetime import date

    from newsprism.conflicts import _claim_date_conflicts

    texts = {
        "a:1": "The painter, who died in December at the age of 90, in April sent a long letter to the museum, the paper reported on Monday.",
        "b:1": "The painter, who died last month aged 90, sent a long letter to the museum in May 2017, staff say.",
        "c:1": "The painter, who died last month aged 90, sent a long letter to the museum in April 2017, staff say.",
    }
    docs, outlet = _parsed(texts)
    day = date(2020, 1, 13)
    ((typ, about, obs),) = _claim_date_conflicts({k: docs[k] for k in ("a:1", "b:1")}, outlet, {"a": day, "b": day})
    assert typ == "date" and about == "when the painter sent a long letter" and {o.surface for o in obs} == {"April", "May 2017"}
    assert _claim_date_conflicts({k: docs[k] for k in ("a:1", "c:1")}, outlet, {"a": day, "c": day}) == []  # April, read in 2017; December is last month


def test_a_listed_outlet_or_platform_is_an_organisation_unless_a_persons_surname_or_a_common_word():
    from newsprism.entities import build_entities

    a = _with_mentions("a", "Politico reported that Netflix and Twitter agreed. Bloomberg said so, and Michael Bloomberg spoke on the Hill.",
                       [("Politico", "PERSON"), ("Netflix", "GPE"), ("Twitter", "PERSON"), ("Bloomberg", "PERSON"), ("Michael Bloomberg", "PERSON"), ("Hill", "LOC")])
    labels = {e.name: e.label for e in build_entities([a]).entities}
    assert labels["Politico"] == labels["Netflix"] == labels["Twitter"] == "ORG"
    assert labels["Michael Bloomberg"] == "PERSON" and labels["Hill"] == "LOC"  # a surname of the story's person; 'The Hill' alone is a hill


def test_a_social_media_handle_is_the_account_of_the_entity_whose_name_it_holds():
    a = _with_mentions("a", "Governor Jane Okafor spoke. Lakeside Airlines said sorry. Lakeside Airlines Needs Sensitivity, a post read. Lakeside fans were angry.",
                       [("Jane Okafor", "PERSON"), ("Lakeside Airlines", "ORG"), ("Lakeside Airlines Needs Sensitivity", "ORG"), ("Lakeside", "GPE")])
    b = _with_mentions("b", "A video for @LakesideAir went viral, and @GovJaneOkafor replied. @someone_else liked it.", [("@LakesideAir", "GPE")])
    groups = _groups([a, b])
    assert {"Lakeside Airlines", "@LakesideAir"} in groups  # the handle starts the name; the longer headline fragment and 'Lakeside' account for less
    assert {"Jane Okafor", "@GovJaneOkafor"} in groups  # a handle the NER missed, holding the whole name
    assert {"@someone_else"} in groups


def test_an_agreed_claim_is_not_shown_by_a_sentence_that_gives_one_side_of_a_dispute():
    from newsprism.claims import without_conflicting
    from newsprism.models import Article, Claim, ClaimLink, Conflict, ConflictValue, Sentence

    said = {
        "a": "The three countries held secret talks last month, according to Russian diplomats.",
        "b": "The three countries held secret talks last month in two capitals.",
        "c": "The three countries held secret talks last month, officials said.",
    }
    articles = [Article(k, f"{k}.txt", k.upper(), None, None, None, None, None, "en", t, (Sentence(f"{k}:0", t, 0, len(t)),)) for k, t in said.items()]
    links = (ClaimLink("b:0", 0.9, 0.8, (), False, True, 0.6, ""), ClaimLink("c:0", 0.95, 0.85, (), False, True, 0.7, ""))
    claim = Claim("C1", said["a"], ("a:0", "b:0", "c:0"), ("A", "B", "C"), 3, "consensus", shown_id="a:0", links=links)
    sources = Conflict("X1", "attribution", "which diplomats were the source", (ConflictValue("russian", ("a:0",), ("A",)), ConflictValue("western", ("b:1",), ("B",))))
    (got,) = without_conflicting([claim], [sources], articles, {}, 3)
    assert got.shown_id == "c:0" and got.text == said["c"] and got.support == 3  # the agreed fact, shown without the disputed detail
    assert {k.sentence_id for k in got.links} == {"a:0", "b:0"}
    assert without_conflicting([claim], [], articles, {}, 3) == [claim]


def test_a_paragraph_repeated_in_one_article_is_one_statement(tmp_path):
    said = "The harbour authority said on Monday that it had closed the northern pier to all ferries after a crack was found."
    story = _one_story(tmp_path, {
        "a.txt": f"{said}\n\nInspectors will return next week.\n\n{said}",  # a pull quote repeats it
        "b.txt": "The harbour authority said Monday it had closed the northern pier to all ferries after finding a crack.\n\nRepairs may take a month.",
        "c.txt": "On Monday the harbour authority closed the northern pier to all ferries after a crack was found, it said.\n\nTraders were worried.",
    })
    closed = [c for c in story.claims if "northern pier" in c.text]
    assert len(closed) == 1 and closed[0].support == 3


def test_a_repeated_sentence_is_aligned_once():
    from newsprism.claims import aligned_sentences
    from newsprism.models import Article, Sentence

    texts = ["The pier was closed to all ferries on Monday.", "Inspectors will return next week.", "The pier was closed  to all ferries on Monday."]
    article = Article("a", "a.txt", "A", None, None, None, None, None, "en", " ".join(texts), tuple(Sentence(f"a:{i}", t, 0, 1) for i, t in enumerate(texts)))
    assert [pos for pos, _ in aligned_sentences(article)] == [0, 1]


def test_a_surname_before_family_and_a_name_run_on_over_a_colon_are_cut_to_what_they_name():
    a = _with_mentions("a", "Zelda Williams left Twitter. The Williams family thanked fans. Placards read Al Franken: Resign.",
                       [("Zelda Williams", "PERSON"), ("Williams", "PERSON"), ("Al Franken: Resign", "PERSON")])
    groups = _groups([a])
    assert {"Zelda Williams"} in groups and {"Al Franken"} in groups and not any("Williams" in g or "Resign" in g for g in groups)


def test_a_dateline_run_into_the_lead_is_cut_at_its_dash():
    a = _with_mentions("a", "LAKESIDE - An Elm County man was hurt. He lives in Elm County, near LAKESIDE.",
                       [("LAKESIDE - An Elm County", "GPE"), ("Elm County", "GPE"), ("LAKESIDE", "GPE")])
    groups = _groups([a])
    assert {"LAKESIDE"} in groups and {"Elm County"} in groups and not any(" - " in name for g in groups for name in g)


def test_a_name_run_into_a_date_and_a_title_alone_are_cut_to_what_they_name():
    a = _with_mentions("a", "The special airs on Harbour Channel October 29th. Sgt. Jan Roe said the Sgt was off duty. Harbour Channel confirmed it.",
                       [("Harbour Channel October 29th", "ORG"), ("Jan Roe", "PERSON"), ("Sgt", "PERSON"), ("Harbour Channel", "ORG")])
    groups = _groups([a])
    assert {"Harbour Channel"} in groups and not any("October" in name or name == "Sgt" for g in groups for name in g)


def test_a_son_named_with_jr_and_his_father_named_without_a_generation_stay_two():
    a = _with_mentions("a", "Jan Roe Jr. spoke after his father, the Rev. Jan Roe, prayed.", [("Jan Roe Jr.", "PERSON"), ("Jan Roe", "PERSON")])
    b = _with_mentions("b", "Jan Roe said his son Jan Roe Jr. would serve.", [("Jan Roe", "PERSON"), ("Jan Roe Jr.", "PERSON")])
    groups = _groups([a, b])
    assert {"Jan Roe Jr."} in groups and {"Jan Roe"} in groups  # 'Donald Trump Jr.' is not 'Donald Trump'


def test_a_value_under_its_threshold_reads_as_under_it():
    from newsprism.claims import _short_of

    assert _short_of(0.2998) == "0.29" and _short_of(0.29) == "0.29" and _short_of(0.7) == "0.70"


def test_a_stray_page_s_date_is_no_day_for_the_story_s_undated_articles():
    from newsprism.timeline import publication_bases

    articles = [replace(_article_with_id(k), published=p) for k, p in (("a", None), ("b", "2014-09-05"), ("c", "2019-03-01"))]
    assert publication_bases(articles) == {"a": date(2019, 3, 1), "b": date(2014, 9, 5), "c": date(2019, 3, 1)}
    assert publication_bases(articles, {"c"}) == {"a": date(2014, 9, 5), "b": date(2014, 9, 5), "c": date(2019, 3, 1)}


def test_a_story_s_head_counts_the_articles_on_the_story_and_says_how_many_pages_are_off_it():
    from newsprism.models import Story
    from newsprism.report import _story_head

    articles = tuple(replace(_article_with_id(k), outlet=o) for k, o in (("a", "Alpha"), ("b", "Beta"), ("c", None)))
    story = Story("s", "t", ("a", "b", "c"), ("Alpha", "Beta", "c"), stray_articles=("c",))
    assert _story_head(story, articles) == "2 articles from 2 outlets: Alpha, Beta. 1 more page shares nothing with them (listed at the end)."
    assert _story_head(replace(story, article_ids=("a",), stray_articles=()), articles) == "1 article from 1 outlet: Alpha."


def test_an_article_that_restates_a_claim_is_credited_once_by_its_closest_sentence():
    from newsprism.claims import RESTATED, Unit, _one_credit_per_article

    units = [Unit(Sentence(sid, "x", 0, 1), sid.split(":")[0], sid[0].upper(), 0, frozenset()) for sid in ("a:0", "b:0", "b:4", "c:0")]
    sim = np.array([[1.0, 0.9, 0.95, 0.8], [0.9, 1.0, 0.9, 0.7], [0.95, 0.9, 1.0, 0.7], [0.8, 0.7, 0.7, 1.0]])
    assert _one_credit_per_article(units, sim, 0, [0, 1, 2, 3]) == {1: RESTATED}  # b:4 is closer to the shown a:0 than b:0
    assert _one_credit_per_article(units, sim, 1, [0, 1, 2, 3]) == {2: RESTATED}  # the shown sentence itself always counts


def test_a_word_in_lower_case_before_a_one_word_name_is_no_part_of_it_but_a_title_stays():
    from newsprism.entities import Located, _drop_lower_case_openings

    a = _with_mentions("a", "Tranquilizing Harambe would take time. Keepers ruled out tranquilizing him. Sheriff Okafor agreed. Harambe was 17.",
                       [("Tranquilizing Harambe", "PERSON"), ("Sheriff Okafor", "PERSON"), ("Harambe", "PERSON")])
    assert {"Harambe"} in _groups([a]) and {"Sheriff Okafor"} in _groups([a])
    (x,) = _drop_lower_case_openings([Located("a", "A", Mention("for Harambe", "PERSON", 8, 19))])
    assert (x.mention.text, x.mention.start, x.mention.end) == ("Harambe", 12, 19)


def test_a_people_named_in_the_singular_and_the_plural_is_one_but_a_place_is_not_its_people():
    a = _with_mentions("a", "The Democrats voted no. A Democrat from Ohio spoke. Germans and Germany agreed.",
                       [("Democrats", "NORP"), ("Democrat", "NORP"), ("Ohio", "GPE"), ("Germans", "NORP"), ("Germany", "GPE")])
    groups = _groups([a])
    assert {"Democrats", "Democrat"} in groups and {"Germans"} in groups and {"Germany"} in groups


_POST = ("Just wanted to let everyone know that the bakery on Elm Street will close for good at the end of the month. "
         "After thirty years of early mornings we are ready to rest, and we thank every customer who came through our door. "
         "The last loaves go on sale on Saturday, and the ovens will be given to the school kitchen down the road.")


def test_an_article_that_quotes_a_post_whole_counts_once_with_it():
    from newsprism.copies import with_reproductions

    post = _article_of("p", [_POST])
    report = _article_of("r", ["The owners of a Lakeside bakery announced its closure on Monday in a post.", _POST, "Neighbours said they would miss the bread."])
    other = _article_of("o", ["A Lakeside bakery will close at the end of the month, its owners said on Monday.", "They had run it for thirty years."])
    assert with_reproductions([post, report, other], {}) == {"r": "p"}  # the earlier by id, undated
    assert with_reproductions([post, report, other], {"r": "x"}) == {"r": "x"}  # a known copy keeps its original


def test_articles_sharing_one_quotation_are_not_copies():
    from newsprism.copies import with_reproductions

    quote = "“We are ready to rest,” the owner said."
    a = _article_of("a", ["A Lakeside bakery will close at the end of the month after thirty years.", quote, "Its bread won a county prize in 2019."])
    b = _article_of("b", ["The Elm Street bakery is closing, ending three decades of early mornings for its owners.", quote, "Customers lined up on Monday."])
    assert with_reproductions([a, b], {}) == {}


def test_a_sentence_repeated_with_other_quotation_marks_is_aligned_once():
    from newsprism.claims import aligned_sentences

    post = 'I mean, not "over the holidays" - like that was not the fight that ended it & we are fine.'
    quoted = "I mean, not “over the holidays” — like that wasn’t the fight that ended it and we are fine."
    article = _article_of("a", [post, "The two had been together for four years.", quoted.replace("wasn’t", "was not")])
    assert [s.id for _, s in aligned_sentences(article)] == ["a:0", "a:1"]
