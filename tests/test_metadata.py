from __future__ import annotations

import pytest

from newsprism.clean import Cleaned
from newsprism.metadata import author_name, iso_date, language, outlet_name, published_date
from newsprism.models import Line


@pytest.mark.parametrize(
    "text,want",
    [("10 August, 2017", "2017-08-10"), ("August 9, 2017 at 12:56 pm", "2017-08-09"), ("2017-08-09T10:00:00Z", "2017-08-09"), ("Updated 14:05 GMT, March 3, 2021", "2021-03-03"), ("no date here", None), ("", None)],
)
def test_iso_date(text, want):
    assert iso_date(text) == want


def _cleaned(*pairs: tuple[str, str]) -> Cleaned:
    return Cleaned(tuple(Line(i, t, lab) for i, (lab, t) in enumerate(pairs)))  # type: ignore[arg-type]


def test_published_prefers_given_then_dateline_then_body_dateline():
    c = _cleaned(("dateline", "March 3, 2021"), ("body", "Text."))
    assert published_date("2020-01-01", c) == "2020-01-01"
    assert published_date(None, c) == "2021-03-03"
    assert published_date(None, _cleaned(("body", "WASHINGTON, June 4, 2019 - The Senate voted."))) == "2019-06-04"


def test_author_strips_by_and_outlet_and_skips_other_scripts():
    assert author_name(None, _cleaned(("byline", "ברק רביד"), ("byline", "By Jane Okafor | Gazette"))) == "Jane Okafor"
    assert author_name("Given Name", _cleaned()) == "Given Name"


def test_outlet_order_manifest_site_url_masthead():
    """The page's own name for its site comes before its web address ('CBS News' over
    www.cbsnews.com), unless that name is itself an address."""
    c = _cleaned(("boilerplate", "Daily Planet - Storm hits coast"), ("headline", "Storm hits coast"))
    assert outlet_name("Manifest", "https://www.x.example/a", "Site", c) == "Manifest"
    assert outlet_name(None, "https://www.x.example/a", "Site", c) == "Site"
    assert outlet_name(None, "https://www.x.example/a", "www.x.example", c) == "x.example"
    assert outlet_name(None, "https://www.x.example/a", None, c) == "x.example"
    assert outlet_name(None, None, "Site", c) == "Site"
    assert outlet_name(None, None, None, c) == "Planet"


def test_language():
    assert language("The council approved the plan on Tuesday after a long debate.") == "en"
    assert language("Le conseil municipal a approuvé le projet mardi après un long débat.") == "fr"
    assert language("") is None


def test_without_other_clues_the_outlet_is_the_agency_of_a_wire_dateline():
    from newsprism.clean import clean_text
    from newsprism.metadata import outlet_name
    from newsprism.textfeatures import dateline_agency

    assert dateline_agency("LAKESIDE (Reuters) - The council voted on Monday.") == "Reuters"
    assert dateline_agency("(CNN) The council voted on Monday.") == "CNN"
    assert dateline_agency("The council voted (AP) on Monday.") is None
    text = "LAKESIDE, Va. (AP) — The council voted on Monday to close the old pier after engineers said it was unsafe.\n\nRepairs will start in the spring, officials said."
    assert outlet_name(None, None, None, clean_text(text)) == "AP"
    assert outlet_name("Daily Courier", None, None, clean_text(text)) == "Daily Courier"  # a manifest wins


def test_a_line_that_is_only_a_dateline_is_known():
    from newsprism.textfeatures import is_dateline_stub

    assert is_dateline_stub("Lakeside, Virginia (CNN)")
    assert is_dateline_stub("LAKESIDE (Reuters) -")
    assert not is_dateline_stub("Lakeside Council Votes to Close the Old Pier")


def test_an_outlet_given_as_a_web_address_takes_the_name_it_spells():
    from newsprism.metadata import unify_outlets
    from newsprism.models import Article

    outlets = ["Lakeside Herald", "news.lakesideherald.com", "www.valleyradio.example.net", "Valley Radio", "www.morningstar.org", "The Morning Star Weekly", "news.example.org"]
    arts = [Article(f"a{i}", f"{i}.txt", o, None, None, None, None, None, "en", "") for i, o in enumerate(outlets)]
    got = [a.outlet for a in unify_outlets(arts)]
    assert got == ["Lakeside Herald", "Lakeside Herald", "Valley Radio", "Valley Radio", "morningstar.org", "The Morning Star Weekly", "news.example.org"]


def test_a_known_outlet_s_web_address_takes_its_name_and_counts_once():
    from newsprism.clean import clean_text
    from newsprism.metadata import outlet_name, unify_outlets
    from newsprism.models import Article

    outlets = ["www.cbsnews.com", "cbsnews.com", "edition.cnn.com", "news.lakesideherald.com", "cnn.com.example.org"]
    arts = [Article(f"a{i}", f"{i}.txt", o, None, None, None, None, None, "en", "") for i, o in enumerate(outlets)]
    assert [a.outlet for a in unify_outlets(arts)] == ["CBS News", "CBS News", "CNN", "news.lakesideherald.com", "cnn.com.example.org"]
    assert outlet_name(None, "https://www.bbc.co.uk/news/1", None, clean_text("Body.")) == "BBC"
