"""Sentence spans of the spaCy step: cut at paragraph breaks, lost spaces and reference marks."""

from __future__ import annotations

from newsprism.nlp import annotate, get_nlp


def _sentences(text: str) -> list[str]:
    sents, _ = annotate("x", get_nlp()(text))
    return [s.text for s in sents]


def test_sentences_end_after_reference_marks():
    text = "The disorder affects up to 5% of people.[6] It was first described in 1973.[6][12] Doctors now screen for it."
    assert _sentences(text) == ["The disorder affects up to 5% of people.[6]", "It was first described in 1973.[6][12]", "Doctors now screen for it."]


def test_sentences_are_cut_at_paragraph_breaks_and_lost_spaces():
    text = "The ferry service resumed on Monday\n\nafter a week of storms. Officials praised the crews.Crossings run hourly again."
    assert _sentences(text) == ["The ferry service resumed on Monday", "after a week of storms.", "Officials praised the crews.", "Crossings run hourly again."]


def test_a_list_item_s_number_opens_its_sentence():
    text = "Here is a list of the accusers.\n\n1. Jan Roe, an actor, said he was 14 at the time. Roe later spoke to police.\n\n2. Ann Doe said so too."
    assert _sentences(text) == ["Here is a list of the accusers.", "1. Jan Roe, an actor, said he was 14 at the time.", "Roe later spoke to police.", "2. Ann Doe said so too."]


def test_a_lost_space_after_a_date_or_a_figure_ends_the_sentence_but_a_list_number_does_not():
    text = "The driver returns to court on Jan. 14.Prosecutors say he fled. The plan lists two steps: 1.Clear the road and 2.Reopen it."
    assert _sentences(text) == ["The driver returns to court on Jan. 14.", "Prosecutors say he fled.", "The plan lists two steps: 1.Clear the road and 2.Reopen it."]


def test_a_sentence_is_not_cut_inside_brackets():
    text = "The curator said of the violin: “It is not [the dealer’s]. It belongs to the family.” The scales are kept (Fig. 2). They shine."
    assert _sentences(text) == [
        "The curator said of the violin: “It is not [the dealer’s].",
        "It belongs to the family.”",
        "The scales are kept (Fig. 2).",
        "They shine.",
    ]


def test_offsets_point_into_the_text():
    text = "Talks resumed in Geneva.[3] Both sides sent envoys.\n\nA deal is not expected soon."
    sents, ents = annotate("x", get_nlp()(text))
    assert all(text[s.start : s.end] == s.text for s in sents) and all(text[e.start : e.end] == e.text for e in ents)


def test_a_possessive_read_into_a_name_is_cut_off():
    from newsprism.nlp import _mention

    m = _mention("’s Sergey Roldugin", "PERSON", 10, 28)
    assert (m.text, m.start, m.end) == ("Sergey Roldugin", 13, 28)
    assert _mention("Sergey Roldugin", "PERSON", 0, 15).text == "Sergey Roldugin"


def test_a_prefix_read_into_a_name_is_cut_off():
    from newsprism.nlp import _mention

    m = _mention("anti-Harbour Street", "FAC", 4, 23)
    assert (m.text, m.start, m.end) == ("Harbour Street", 9, 23)
    assert _mention("ex-Labour", "NORP", 0, 9).text == "Labour"
    assert _mention("Ex-Im Bank", "ORG", 0, 10).text == "Ex-Im Bank"  # a capital is part of the name


def test_a_mention_ends_before_a_connective_or_comma_it_ran_on_into():
    from newsprism.nlp import _mention

    m = _mention("Lakeside Marathon and", "EVENT", 7, 28)
    assert (m.text, m.start, m.end) == ("Lakeside Marathon", 7, 24)
    assert _mention("Harbour Trust v.", "ORG", 0, 16).text == "Harbour Trust"  # a case name cut after 'v.'
    assert _mention("WXYZ & KBFX,", "ORG", 0, 12).text == "WXYZ & KBFX"
    assert _mention("Procter & Gamble", "ORG", 0, 16).text == "Procter & Gamble"  # inside a name: kept
    assert _mention("AT&T", "ORG", 0, 4).text == "AT&T"
    m = _mention("the Harbour Wildlife Fund", "ORG", 10, 35)
    assert (m.text, m.start) == ("Harbour Wildlife Fund", 14)  # a lower-case 'the' is no part of a name
    assert _mention("The Hague", "GPE", 0, 9).text == "The Hague"


def test_a_sentence_is_not_cut_after_a_time_of_day():
    text = "The ferry left at 9:15 a.m. Tuesday and docked at 6:40 p.m. The crew was praised. It sailed at 3 p.m. On Friday it rested."
    assert _sentences(text) == [
        "The ferry left at 9:15 a.m. Tuesday and docked at 6:40 p.m.",
        "The crew was praised.",
        "It sailed at 3 p.m.",
        "On Friday it rested.",
    ]


def test_a_quoted_question_keeps_its_attribution():
    text = '"Will the bridge open in time?" Jane Roe asked on Friday. "We hope so!" she said. "Who knows?" The council did not answer.'
    assert _sentences(text) == [
        '"Will the bridge open in time?" Jane Roe asked on Friday.',
        '"We hope so!" she said.',
        '"Who knows?"',
        "The council did not answer.",
    ]


def test_a_sentence_is_not_cut_after_a_title_before_a_name():
    text = "The driver fled, according to Lakeside Police Sgt. Tom Brennan. Nobody was hurt, said Lt. Ada Roe. The car was towed."
    assert _sentences(text) == [
        "The driver fled, according to Lakeside Police Sgt. Tom Brennan.",
        "Nobody was hurt, said Lt. Ada Roe.",
        "The car was towed.",
    ]


def test_no_sentence_starts_in_lower_case_and_a_quotation_ending_in_a_comma_keeps_its_attribution():
    text = (
        "Sen. Ada Roe (D-Vt.) called this “an extraordinary delay.”\n\n"
        "“If you can, Mitch, go ahead,'” the mayor said Feb. 1.\n\n"
        "“Could any bill pass with 60 votes?” Senate Majority Leader Tom Okafor, R-Ky., asked on Tuesday. "
        "The vote is set for Friday."
    )
    assert _sentences(text) == [
        "Sen. Ada Roe (D-Vt.) called this “an extraordinary delay.”",
        "“If you can, Mitch, go ahead,'” the mayor said Feb. 1.",
        "“Could any bill pass with 60 votes?” Senate Majority Leader Tom Okafor, R-Ky., asked on Tuesday.",
        "The vote is set for Friday.",
    ]


def test_party_tags_and_dotted_letters_are_read_by_their_shape():
    from newsprism.nlp import _mention

    assert _mention("D-Mass.", "NORP", 0, 7) is None and _mention("R-Texas", "ORG", 0, 7) is None  # a lawmaker's party and state
    assert _mention("O.K.", "PERSON", 0, 4) is None  # two dotted letters name no one
    assert _mention("F.B.I.", "GPE", 0, 6).label == "ORG" and _mention("Q.R.X.", "PERSON", 0, 6).label == "ORG"
    assert _mention("U.A.E.", "GPE", 0, 6).label == "GPE" and _mention("U.S.", "GPE", 0, 4).label == "GPE"
