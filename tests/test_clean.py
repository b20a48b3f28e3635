"""The line cleaner on synthetic pages (deliberately unlike the bundled example)."""

from __future__ import annotations

from collections import Counter

import pytest

from newsprism import textfeatures as tf
from newsprism.clean import LineTags, caption_score, clean_text

PAGE = """Skip to content
Home | World | Business | Sport
Local Gazette
Council approves new riverside flood barrier after long debate
Residents welcomed the decision, saying years of flooding had ruined homes.
Jane Okafor
Updated 14:05 GMT, March 3, 2021
Workers inspect the old barrier on the River Tam, March 1, 2021. Photo: Tom Reed/Gazette
The city council voted 9-2 on Tuesday to build a new flood barrier along the river, ending a debate that lasted three years.
The barrier will cost 42 million pounds and should be finished by 2024, the council's engineer told reporters.
Opponents said the money would be better spent on drainage in the north of the city.
Why it matters
Three major floods since 2015 damaged more than 800 homes, according to council figures.
READ MORE: Flood maps redrawn for the whole county
Construction is expected to begin in the autumn.
Share this article
Sign up for our morning newsletter
Most read
Ten things to do this weekend in the city
Local team wins cup final
"""


def _labels(text: str, **kw) -> dict[str, str]:
    return {ln.text: ln.label for ln in clean_text(text, tagger=_fake_tagger, **kw).lines}


def _fake_tagger(lines):
    """Deterministic stand-in for spaCy: a name line is a PERSON, '-ed' words are past tense."""
    out = []
    for ln in lines:
        ws = ln.split()
        person = 1.0 if "Okafor" in ln else 0.0  # the NER stand-in knows one name
        verb = next(("VBD" if w.endswith("ed") else "VBZ" for w in ws[1:] if w.endswith(("ed", "s")) and w.islower()), None)
        out.append(LineTags(verb, person))
    return out


def test_page_regions_are_labelled():
    lab = _labels(PAGE)
    assert lab["Council approves new riverside flood barrier after long debate"] == "headline"
    assert lab["Jane Okafor"] == "byline"
    assert lab["Updated 14:05 GMT, March 3, 2021"] == "dateline"
    assert lab["Residents welcomed the decision, saying years of flooding had ruined homes."] == "standfirst"
    assert lab["Workers inspect the old barrier on the River Tam, March 1, 2021. Photo: Tom Reed/Gazette"] == "caption"
    assert lab["Why it matters"] == "subheading"
    assert lab["READ MORE: Flood maps redrawn for the whole county"] == "boilerplate"
    for junk in ("Skip to content", "Home | World | Business | Sport", "Local Gazette", "Share this article", "Sign up for our morning newsletter", "Most read", "Ten things to do this weekend in the city", "Local team wins cup final"):
        assert lab[junk] == "boilerplate", junk


def test_body_keeps_paragraphs_in_order_and_a_short_closing_sentence():
    cleaned = clean_text(PAGE, tagger=_fake_tagger)
    paras = cleaned.body.split("\n\n")
    assert paras[0].startswith("The city council voted 9-2")
    assert paras[-1] == "Construction is expected to begin in the autumn."
    assert len(paras) == 5


def test_every_line_is_kept_with_a_label_and_reason():
    cleaned = clean_text(PAGE, tagger=_fake_tagger)
    assert len(cleaned.lines) == len([ln for ln in PAGE.split("\n") if ln.strip()])
    assert all(ln.reason for ln in cleaned.lines if ln.label != "body")


def test_site_prefixed_title_yields_the_bare_headline():
    text = "Gazette - Council approves flood barrier\nCouncil approves flood barrier\n" + "\n".join(
        ["The council approved a flood barrier on Tuesday after a long debate in the chamber.", "The flood barrier will cost millions and take three years to finish, officials said."]
    )
    lab = _labels(text)
    assert lab["Council approves flood barrier"] == "headline"
    assert lab["Gazette - Council approves flood barrier"] == "boilerplate"


def test_by_prefix_marks_a_byline_without_ner():
    text = "Council approves plan\nBy A. N. Writer and B. Other\nThe council approved the plan on Tuesday after a long debate in the chamber.\nIt will cost millions of pounds and take three years to finish, officials said."
    assert _labels(text)["By A. N. Writer and B. Other"] == "byline"


def test_given_title_wins():
    text = "Breaking news\nA different line that looks like a title\nThe council approved the plan on Tuesday after a long debate in the chamber.\nIt will cost millions of pounds and take three years to finish, officials said."
    lab = _labels(text, title="Breaking news")
    assert lab["Breaking news"] == "headline"


def test_no_headline_when_nothing_title_shaped_shares_body_words():
    text = "Weather: sunny\nThe council approved the plan on Tuesday after a long debate in the chamber.\nIt will cost millions of pounds and take three years to finish, officials said."
    cleaned = clean_text(text, tagger=_fake_tagger)
    assert cleaned.first("headline") is None
    assert cleaned.body.startswith("The council approved")


def test_lines_repeated_across_the_corpus_are_furniture():
    text = "Tagline of the site here\n" + "The council approved the plan on Tuesday after a long debate in the chamber.\nIt will cost millions of pounds and take three years to finish, officials said."
    lab = _labels(text, corpus_counts=Counter({"tagline of the site here": 5}))
    assert lab["Tagline of the site here"] == "boilerplate"


def test_other_script_and_doubled_labels_are_boilerplate():
    text = "Council approves plan\nשלום עולם\nShare on FacebookShare on Facebook\nThe council approved the plan on Tuesday after a long debate in the chamber.\nIt will cost millions of pounds and take three years to finish, officials said."
    lab = _labels(text)
    assert lab["שלום עולם"] == "boilerplate" and lab["Share on FacebookShare on Facebook"] == "boilerplate"


def test_caption_score_prefers_dated_present_tense_verbless_lines():
    dated = "A man walks past a damaged shop in the old town on May 2, 2019"
    assert caption_score(dated, LineTags("VBZ", 0.0)) >= 3
    assert caption_score("Officials warned that the river could flood again", LineTags("VBD", 0.0)) < 3
    assert caption_score("Firefighters at work. Credit: Ann Lee", None) == 3


def test_empty_text_has_no_lines():
    assert clean_text("  \n \n", tagger=_fake_tagger).lines == ()


def test_encoding_damage_is_repaired_and_curly_quotes_stay():
    text = (
        "The MontrÃ©al grid collapsed in 1998 after a storm hit the region and left millions without power.\n"
        "It took nine hours to restore power \x97 a record, officials said in a report on the outage.\n"
        "â€œWe were lucky,â€\x9d the operator said of the storm that hit the province that week."
    )
    body = clean_text(text).body
    assert "Montréal" in body and "power — a record" in body
    assert "“We were lucky,” the operator said" in body


def test_html_entities_left_in_plain_text_are_decoded_once():
    text = (
        "The boy fell into the moat at the Riverside Zoo &amp; Botanical Garden on Saturday afternoon.\n"
        "&#8220;It could have been much worse,&#8221; the director said at a news conference on Sunday.\n"
        "The page about markup shows the code &amp;amp; to readers, the web designer said on Monday."
    )
    body = clean_text(text).body
    assert "Zoo & Botanical Garden" in body and "“It could have been much worse,” the director" in body
    assert "the code &amp; to readers" in body


def test_a_long_sign_up_widget_addressed_to_the_reader_is_interface_text():
    from newsprism.textfeatures import ui_reason

    widget = "Morning Briefing Newsletter: Sign up to get the day's top stories on business and science delivered to your inbox before breakfast."
    assert ui_reason(widget) and "addressed to the reader" in ui_reason(widget)
    news = "The newspaper said its newsletter gained 20,000 readers after it asked them to sign up during the election campaign last year."
    assert ui_reason(news) is None  # about newsletters, not talking to the reader
    product = "The library is now divided into two areas: one lets you see everything you bought, the other your subscription and what it includes."
    assert ui_reason(product) is None  # one interface word, however often


def test_a_newsroom_s_appeal_for_tips_is_a_note_about_the_report_but_a_quoted_appeal_is_not():
    from newsprism.textfeatures import ui_reason

    assert "note about the report" in (ui_reason("If you have seen flooding on the harbour road, we'd like to hear from you.") or "")
    assert "note about the report" in (ui_reason("Send us a secure tip using the instructions at newstips.lakeside.example.") or "")
    assert "note about the report" in (ui_reason("Got a story? Email news@lakeside.example or call us direct on 0100 200 300.") or "")
    assert ui_reason("She said she has a story to tell about the harbour, and will tell it in court.") is None
    assert ui_reason("“We want to hear from you,” the mayor told residents at the meeting on the harbour plans.") is None
    assert ui_reason("Police said they would like to hear from anyone who saw the crash on the harbour road.") is None


def test_a_player_s_button_label_run_into_its_caption_is_a_video_caption():
    from newsprism.textfeatures import ui_reason

    assert ui_reason("CLOSE Jan Roe was accused by more than a dozen people of fraud over two decades. Lakeside Herald") == "caption of a video or gallery"
    assert ui_reason("CLOSE friends of the mayor said the harbour deal was signed on Monday.") is None
    gallery = "Photos: The pier through the years The pier opened in 1901. Hide Caption 1 of 23 Photos: The pier through the years Storms hit it in 1950. Hide Caption 2 of 23"
    assert ui_reason(gallery) == "caption of a video or gallery"
    assert ui_reason("Photos: The pier through the years A storm damaged the pier in 1950. Hide Caption 7 of 23") == "caption of a video or gallery"


def test_gallery_captions_and_file_photos_are_captions_not_body():
    text = (
        "A ferry leaves the harbour at dawn on Monday, Jan. 4, 2021. Crews said the crossing would resume... (Harbour Press)\n\n"
        "FILE - In this March 3, 2019, file photo, the mayor speaks to reporters outside city hall in the rain.\n\n"
        "The ferry service resumed on Monday after a week of storms closed the harbour to all shipping traffic.\n\n"
        "Officials said the crossing would run on a reduced timetable until the end of the month, the council said."
    )
    lab = _labels(text)
    assert lab["FILE - In this March 3, 2019, file photo, the mayor speaks to reporters outside city hall in the rain."] == "caption"
    assert next(v for k, v in lab.items() if k.endswith("(Harbour Press)")) == "caption"
    assert lab["The ferry service resumed on Monday after a week of storms closed the harbour to all shipping traffic."] == "body"


def test_photo_gallery_slides_are_captions_but_one_counter_like_line_is_not():
    body = (
        "The ferry service resumed on Monday after a week of storms closed the harbour to all shipping traffic.\n"
        "Officials said the crossing would run on a reduced timetable until the end of the month, the council said.\n"
    )
    gallery = (
        "1/12 2019 A ferry leaves the harbour at dawn as gulls circle above the old pier in the town.\n"
        "2/12 2020 Crew members load supplies onto the deck before the crossing to the island resumes.\n"
    )
    lab = _labels(body + gallery + body.replace("Monday", "Tuesday"))
    assert {lab[ln] for ln in gallery.splitlines()} == {"caption"}
    single = "9/11 changed the way the harbour authority plans for emergencies, the council said on Monday."
    assert _labels(body + single + "\n" + body.replace("Monday", "Tuesday"))[single] == "body"


def test_a_photographer_credit_after_place_and_date_marks_a_caption():
    line = "Students recite prayers in an outdoor classroom. (Northern Province, September 2, 2007) Jane Doe"
    assert caption_score(line, None) >= 3
    assert caption_score("He was born in the capital (the north, 1984) and later he moved away.", None) < 3


def test_social_media_promotions_and_view_images_labels_are_set_aside():
    from newsprism.textfeatures import has_credit, ui_reason

    assert ui_reason("Like The Courier on Facebook and follow @courier on Twitter to join in about this article and others.")
    assert ui_reason("The mayor said on Twitter that he would follow the law and meet the council.") is None
    assert ui_reason("Breaking News Emails Get breaking news alerts and special reports.")
    assert ui_reason("The author is a Harbour Times columnist. The opinions expressed are her own.")
    assert ui_reason("The author is a known critic of the harbour plan, the mayor said on Monday.") is None
    assert ui_reason("Attach your city to each post from the app or from third-party apps, and you can delete your place history at any time. Learn more")
    assert ui_reason("“Delete your account,” the campaign replied to the senator within minutes.") is None  # a quotation, not a setting
    assert has_credit("View Images A drawing of the feathered dinosaur that lived 160 million years ago.")
    assert has_credit("The girl before and after she fell ill with the rare disease last year. (Family photos)")
    assert not has_credit("The museum showed the skeleton (and two photos) to reporters on Monday.")
    assert has_credit("Today, the girl is active again and continues to improve. Courtesy Jane Roe")
    assert has_credit("Deputy Jan Roe is pictured with the school principal after receiving an award in the capital.")
    assert has_credit("This image provided by the county jail shows the defendant on Tuesday, after he was sentenced.")
    assert has_credit("Media caption The mayor: 'We will rebuild the pier'")
    assert not has_credit("This imagery of a calm harbour is misleading, the council said.")
    assert not has_credit("The paintings were lent as a courtesy to the museum.")
    assert not has_credit("“The workers shown in the video by the animal group were trained,” the company said.")  # prose about a video
    assert has_credit("Video by Jane Roe/Staff") and has_credit("The fire spread fast. Photo: Jane Roe")
    assert not has_credit("Viewers saw images of the dinosaur on the museum's website.")


def test_a_sentence_ending_on_its_attribution_without_a_full_stop_is_body():
    text = (
        "Harbour pier closed after storm damage\n\n"
        "The harbour board closed the old pier on Monday after storms damaged its supports, the council said.\n\n"
        "\"Shame on the board for failing to fund the repairs,\" Rep. Jan Roe, D-N.Y., said\n\n"
        "Engineers will inspect the pier this week and report to the board on Friday, officials said."
    )
    lab = _labels(text)
    assert lab["\"Shame on the board for failing to fund the repairs,\" Rep. Jan Roe, D-N.Y., said"] == "body"


def test_a_scrap_of_a_sentence_is_no_headline():
    text = "Harbour pier closed after storm damage\n\nShare This Jan \"\n\nRoe, who was\n\nThe harbour board closed the old pier on Monday after storms damaged its supports, Roe, who was at the pier, said."
    lab = _labels(text)
    assert lab["Harbour pier closed after storm damage"] == "headline"
    assert lab["Roe, who was"] != "headline"


def test_hard_wrapped_text_is_joined_back_into_paragraphs():
    from newsprism.clean import unwrap

    wrapped = [
        "On March 3 the harbour board voted to publish a report on the state of the old",
        "pier, which the engineers had inspected over the winter and found in poor repair.",
        "The board said the report would be released once the engineers had checked the",
        "figures, and that the pier would stay closed to the public until then. The",
        "Mayor welcomed the decision and asked the board to publish the full costs of the",
        "repairs as well.",
    ]
    assert unwrap(wrapped) == [" ".join(wrapped[:2]), " ".join(wrapped[2:])]
    page = ["Harbour news", "By Jane Roe", "The pier will reopen in May after repairs that took the whole winter, the board said.", "read more"]
    assert unwrap(page) == page  # a page with short lines is left as it is
    labels = _labels("\n\n".join(wrapped))
    assert set(labels.values()) == {"body"}


def test_a_video_widget_line_is_not_a_headline():
    text = (
        "Embed Harbour Pier Closed After Storm Damage 2:25 autoplay autoplay Copy this code to your website or blog\n\n"
        "Harbour pier closed after storm damage\n\n"
        "The harbour board closed the old pier on Monday after storms damaged its supports, the council said.\n\n"
        "Engineers will inspect the pier this week and report to the board on Friday, officials said."
    )
    lab = _labels(text)
    assert lab["Harbour pier closed after storm damage"] == "headline"
    assert lab[text.split("\n\n")[0]] != "headline"


def test_the_signature_of_an_embedded_post_is_set_aside_from_its_paragraph():
    body = (
        "The harbour board closed the old pier on Monday after storms damaged its supports, the council said.\n\n"
        "The pier will stay shut while engineers check the damage. We will reopen it as soon as it is safe. — Harbour Board (@harbourboard) March 3, 2021\n\n"
        "Engineers will inspect the pier this week and report to the board on Friday, officials said."
    )
    lines = clean_text(body).lines
    sig = [ln for ln in lines if ln.text.startswith("— Harbour Board")]
    assert [(ln.label, ln.reason) for ln in sig] == [("boilerplate", "signature of an embedded post")]
    assert "The pier will stay shut while engineers check the damage. We will reopen it as soon as it is safe." in clean_text(body).body
    assert "@harbourboard" not in clean_text(body).body


def test_text_run_on_after_an_embedded_post_signature_is_body_of_its_own():
    body = (
        "The harbour board closed the old pier on Monday after storms damaged its supports, the council said.\n\n"
        "Why is the pier shut again, I do not know — Jan Roe (@janroe) March 3, 2021 The board says engineers must check the supports first. — Jan Roe (@janroe) March 3, 2021\n\n"
        "Engineers will inspect the pier this week and report to the board on Friday, officials said."
    )
    lines = clean_text(body).lines
    assert [ln.label for ln in lines if "@janroe" in ln.text] == ["boilerplate", "boilerplate"]
    assert [ln.text for ln in lines if ln.label == "body"][1:3] == ["Why is the pier shut again, I do not know", "The board says engineers must check the supports first."]


@pytest.mark.parametrize(
    "body,want",
    [
        ("CREDIT monitoring firm Acme has admitted a breach.\n\nIts credit and monitoring arms were hit.", "Credit monitoring firm Acme has admitted a breach."),
        ("A MUM of two has died.\n\nThe mum was 30.", "A mum of two has died."),
        ("A MUM of two has died.\n\nShe was 30.", "A MUM of two has died."),  # not known as an ordinary word here
        ("WHO officials said the outbreak had peaked.\n\nNobody knew who was next.", "WHO officials said the outbreak had peaked."),
        ("NASA scientists found water.\n\nThe agency said so.", "NASA scientists found water."),
    ],
)
def test_a_tabloid_opening_in_capitals_is_put_in_sentence_case(body, want):
    from newsprism.textfeatures import sentence_case_lead

    assert sentence_case_lead(body).split("\n\n")[0] == want


def test_the_cleaned_body_opens_in_sentence_case():
    page = (
        "CREDIT monitoring firm Acme has admitted that hackers stole the records of millions of its customers last month.\n"
        "The firm said its credit and monitoring services had been hit, and that it was working with the police on the case."
    )
    assert clean_text(page).body.startswith("Credit monitoring firm Acme has admitted")


def test_a_long_copyright_footer_is_boilerplate_but_a_sentence_about_copyright_is_not():
    footer = (
        "Copyright 1995 - . All rights reserved. The content (including but not limited to text, photo, multimedia) "
        "published in this site belongs to Example Media Co (EMC). Without written authorization from EMC, such content "
        "shall not be republished or used in any form."
    )
    assert tf.ui_reason(footer) == "copyright notice"
    assert tf.ui_reason("© 2019 Example Media Group. " + footer[40:]) == "copyright notice"
    assert tf.ui_reason("Copyright lawyers for the estate said the court had misread the statute on sampling, and that an appeal would follow within weeks.") is None


def test_a_paragraph_pasted_twice_is_kept_once_even_without_its_full_stop():
    para = "The council said the new flood barrier along the river would be finished before the winter storms arrive next year"
    page = f"{para}.\nEngineers began work on the northern bank on Monday, and the road will stay closed for a month.\n{para}"
    labels = [(ln.text, ln.label) for ln in clean_text(page).lines]
    assert labels[0] == (para + ".", "body") and labels[2] == (para, "boilerplate")


def test_two_people_placed_in_a_picture_make_a_caption():
    assert tf.has_credit("Jane Roe (left) and her teammate John Doe (right) were accused of taking blankets before being asked to leave.")
    assert not tf.has_credit("Jane Roe (pictured) said she had taken the blankets from an empty seat, and that she would fly again.")


def test_a_widget_of_links_run_into_one_long_line_is_boilerplate():
    line = "Most Read In Sport BIG WIN Local side takes the cup after a late goal HOME AGAIN Star striker returns to the club that made him after ten years away"
    assert tf.ui_reason(line) == "interface text (most read)"
    assert tf.ui_reason("Subscribe to our newsletter and get the day's ten most important stories from around the region in your inbox every morning") is not None
    assert tf.ui_reason("EMBED More videos The mayor visits the flooded streets of the harbour district. Jane Roe reports at 6pm on June 1.") is not None
    assert tf.ui_reason("Embedded reporters travelled with the troops for six weeks and filed daily reports from the front line.") is None


def test_a_note_on_the_author_at_the_top_or_bottom_is_a_byline():
    from newsprism.metadata import author_name

    text = (
        "Jane Roe is the Daily Planet's science correspondent, covering health and family. Follow her on Twitter @janeroe.\n"
        "The city council voted on Monday to close the old bridge to cars from next spring, officials said.\n"
        "Sam Okafor is a reporter who was detained for 500 days, and the council honoured him on Monday as well.\n"
        "Repairs will cost about $40 million and take two years, the council said in a statement on Monday."
    )
    cleaned = clean_text(text)
    assert cleaned.first("byline") and cleaned.first("byline").startswith("Jane Roe is")
    assert "Sam Okafor is a reporter who was detained" in cleaned.body  # news about a reporter, not a note
    assert author_name(None, cleaned) == "Jane Roe"
    assert tf.author_bio("Sam Okafor is a freelance writer based in Lagos.") == "Sam Okafor"
    assert tf.author_bio("Sam Okafor is a reporter for the Gazette. He was arrested on Monday.") is None


@pytest.mark.parametrize(
    "line",
    [
        "The Associated Press contributed to this report.",
        "AP writers Jane Roe in Lakeside and John Doe in Harbor City contributed to this report.",
        "Because of an editing error, an earlier version of this article misstated the day of the vote.",
        "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
        "WATCH: The county sheriff holds a news conference on the search for the missing hikers on Tuesday afternoon.",
        "This post has been revised to reflect the mayor's later statement.",
        "Harbour Radio transcripts are made quickly. This text may not be in its final form and may be updated.",
        "Stay with Harbour Radio 99.1 FM for developments in this story.",
    ],
)
def test_notes_about_the_report_and_media_captions_are_set_aside(line):
    from newsprism.textfeatures import ui_reason

    assert ui_reason(line)


def test_a_sentence_about_watching_is_story_text():
    from newsprism.textfeatures import ui_reason

    assert ui_reason("Residents could only watch as the water rose over the bridge on Tuesday.") is None


def test_a_list_of_facts_without_full_stops_and_a_one_line_quotation_are_story_text():
    page = (
        "A nerve agent was used in the attack at the airport on Monday, the police chief said in a statement.\n"
        "Two women were arrested on Wednesday and a third suspect is being sought by the police, he added.\n"
        "Here is what is known about the agent, which is banned under an international treaty:\n"
        "The agent is one of the most toxic chemicals ever made by people\n"
        "It can be absorbed into the body through the skin or the eyes\n"
        "Clothing can carry it for about half an hour after contact with the vapour\n"
        "Outlawed by the 1997 International Toxic Agents Treaty\n"
        "Investigators are now testing the clothes of the two women held since Wednesday, police said.\n"
        "“Our thoughts are with his family and friends at this time,”\n"
        "the company said in a statement on its website after the death was confirmed on Tuesday."
    )
    body = clean_text(page).body
    for line in ("one of the most toxic chemicals", "absorbed into the body", "Clothing can carry", "Outlawed by the 1997", "Our thoughts are with his family"):
        assert line in body, line


def test_a_lone_caption_without_a_full_stop_is_not_story_text():
    page = (
        "A nerve agent was used in the attack at the airport on Monday, the police chief said in a statement.\n"
        "Senior coach Jane Roe, pictured, suffered a fall at the parade on Tuesday\n"
        "Investigators are now testing the clothes of the two women held since Wednesday, police said."
    )
    assert "Senior coach Jane Roe, pictured" not in clean_text(page).body


def test_a_photo_gallery_without_article_text_is_named_as_such():
    from newsprism.clean import no_body_reason

    gallery = "\n".join(f"Firefighters battle the blaze above the harbour town, picture {i}. Hide Caption {i} of 6\nPhotos: Wildfire near the harbour" for i in range(1, 7))
    cleaned = clean_text(gallery)
    assert not cleaned.body and no_body_reason(cleaned).startswith("a photo gallery: 6 captions")
    assert no_body_reason(clean_text("Home\nNews\nSport\nWeather")).startswith("no article body found")


def test_a_one_sentence_opening_paragraph_is_story_text():
    page = (
        "The harbour's famous old lighthouse is gone.\n"
        "The tower, which had stood on the rocks above the harbour since 1880, collapsed into the sea during Monday night's storm, the coastguard said.\n"
        "No one was inside at the time, and the lamp had been automated for decades, a spokesman for the harbour authority added on Tuesday."
    )
    assert clean_text(page).body.startswith("The harbour's famous old lighthouse is gone.")


def test_a_page_whose_only_text_is_one_sentence_reports_it():
    """A video page's summary or a one-line brief: its one long sentence-case line is the body;
    a long title-case line alone is not."""
    page = "A ferry capsized on Lake Orrin near the town of Port Ellery on Sunday morning, killing four of its passengers\nSource: Harbor Times"
    assert clean_text(page).body.startswith("A ferry capsized on Lake Orrin")
    titled = "Ferry Capsizes On Lake Orrin Near Port Ellery, Killing Four Passengers In Strong Winds On Sunday Morning\nSource: Harbor Times"
    assert clean_text(titled).body.strip() == ""


STORY = (
    "The harbour board closed the old pier on Monday after storms damaged its supports, the council said.\n"
    "Engineers will inspect the pier this week and report to the board on Friday, officials said.\n"
)


def test_a_quoted_post_is_story_text_but_the_outlets_own_staff_posts_are_not():
    page = (
        STORY
        + "Pier stays shut until engineers sign it off — Harbour Board (@harbourboard) March 3, 2021\n"
        + "I'm live on the seafront now with the latest on the pier closure pic.twitter.com/abc123 — Jane Roe (@JaneRoeWLKS) March 3, 2021\n"
        + "A spokesman for the board said repairs could take several months and cost about two million pounds."
    )
    cleaned = clean_text(page, outlet="WLKS-TV Lakeside")
    assert "Pier stays shut until engineers sign it off" in cleaned.body
    assert "pic.twitter.com" not in cleaned.body and "@harbourboard" not in cleaned.body
    assert "I'm live on the seafront" not in cleaned.body
    assert [ln.reason for ln in cleaned.lines if ln.text.startswith("I'm live")] == ["post by the outlet's own staff"]
    assert "I'm live on the seafront" in clean_text(page).body  # without the outlet, a post is a post


def test_the_items_a_sentence_ending_with_a_colon_introduces_are_story_text():
    page = STORY + "Donations for the families can be made at any branch of the bank, or by mail to:\nHarbour Relief Fund\nP.O. Box 12\nLakeside 40210\nCopyright 2021 Gazette. All rights reserved."
    body = clean_text(page).body
    for line in ("or by mail to:", "Harbour Relief Fund", "P.O. Box 12", "Lakeside 40210"):
        assert line in body, line
    assert "Copyright" not in body
    media = STORY + "In this video interview, the harbour master talks about the storm with our reporter:\nThe harbour master and the mayor at the pier on Sunday:"
    assert "video interview" not in clean_text(media).body  # colons over a picture or a video introduce nothing left on the page


def test_a_correction_note_ends_the_story_and_the_blogs_next_posts_are_not_part_of_it():
    page = (
        "Lawmakers in the state senate passed the budget on Wednesday after a debate that ran through the night.\n"
        "The bill raises school spending by four percent and cuts the fuel tax, the majority leader said.\n"
        "Opponents said the cuts would leave a hole in the transport budget within two years.\n"
        "This post has been revised to reflect the following correction:\n"
        "Because of an editing error, an earlier version of this post said the bill cut school spending.\n"
        "The governor and the mayor of the capital will tour the flooded districts on Tuesday, a spokesman said on Friday morning.\n"
        "A new poll shows voters split over the stadium plan, with half in favour and half against it, the pollster said."
    )
    body = clean_text(page).body
    assert "transport budget" in body
    assert "flooded districts" not in body and "stadium plan" not in body


def test_links_under_a_read_more_heading_a_pull_quote_a_call_to_click_and_a_graphic_are_not_story_text():
    page = (
        "Celebrating 100 years of the Gazette! Look back at the history of the town each day this year. Click to read today's story.\n"
        + STORY
        + "Board spokesman: 'We are sorry for the disruption and we will reopen the pier as soon as it is safe to do so.'\n"
        "'We are sorry for the disruption and we will reopen the pier as soon as it is safe to do so,' the spokesman told reporters on Monday.\n"
        "HARBOUR PIER WEST END Stairs Kiosk Broken supports Location of the collapse HARBOUR PIER WEST END Stairs Kiosk Diagram based on survey\n"
        "The board said the pier had last been repaired in 1998 and was due for a full survey next spring.\n"
        "Read more:\n"
        "Storms batter the coast for a third week. Residents count the cost.\n"
        "Ten things to do at the seaside this summer"
    )
    body = clean_text(page).body
    assert "Click to read" not in body and "Celebrating 100 years" not in body
    assert "Board spokesman:" not in body and "the spokesman told reporters" in body
    assert "Stairs Kiosk" not in body and "last been repaired in 1998" in body
    assert "Storms batter the coast" not in body


def test_an_outlets_brands_come_from_its_name_in_capitals_and_its_web_address():
    assert tf.brands("WBAL-TV 11 / WBAL NewsRadio", None) == {"wbal"}
    assert tf.brands("The Lakeside Sun", "https://www.lakesidesun.com/news/1") == {"lakesidesun"}
    assert tf.brands(None, "https://www.bbc.co.uk/news/1") == {"bbc"}
    assert tf.brands("USA TODAY", None) == set()  # words in capitals, not call letters: other accounts carry them too


def test_the_one_title_line_above_the_body_is_the_headline_even_if_the_body_words_it_otherwise():
    page = (
        "Storm deadliest in a century; harbour closed\n"
        "LAKESIDE - Winds of up to 120 km/h tore through the coast on Sunday as the storm killed nine people and cut power to 40,000 homes, officials said.\n"
        "The port authority said the harbour would stay shut until the damage to the pier had been assessed."
    )
    assert clean_text(page).first("headline") == "Storm deadliest in a century; harbour closed"
    furniture = "Lakeside Evening Gazette Online\n" + page.split("\n", 1)[1]
    assert clean_text(furniture).first("headline") is None  # a site's name shares no word with the story


def test_many_quotation_shaped_and_correction_lines_clean_in_linear_time():
    import random
    import time

    rnd = random.Random(1)
    words = ["".join(rnd.choice("abcdefghijklmnop") for _ in range(7)) for _ in range(3000)]
    quotes = "".join("Spokesman %d: '%s.'\n" % (i, " ".join(rnd.sample(words, 12))) for i in range(1500))
    notes = "The council passed the budget on Wednesday after a debate that ran through the night.\n" * 3 + "Correction: an earlier version of this article misstated the vote.\n" * 3000
    started = time.perf_counter()
    clean_text(quotes)
    clean_text(notes)
    assert time.perf_counter() - started < 10  # each was quadratic: a pull-quote check and a correction note compared every line with every other


def test_a_line_citing_a_publication_is_not_story_text():
    """'Source: Roe J, Doe K, et al. ...' and 'SOURCE: bit.ly/x Journal, online ...' under a report
    on a study cite it for the reader; 'Source: Harbor Times' or 'Sources: police said ...' do not."""
    page = (
        STORY
        + "The study followed 900 ferry workers for ten years, the authors wrote in the journal.\n"
        + "Source: Roe J, Doe K, Lee M, et al. Sleep and Safety at Sea. Harbour Medicine. 2021.\n"
        + "SOURCE: bit.ly/3xYzAb Harbour Medicine, online March 2, 2021.\n"
    )
    cleaned = clean_text(page)
    assert "Roe J" not in cleaned.body and "bit.ly" not in cleaned.body and "ten years" in cleaned.body
    assert [ln.reason for ln in cleaned.lines if ln.text.lower().startswith("source")] == ["a reference to a publication, not story text"] * 2
    assert not tf.is_reference("Sources: police said the gunman acted alone.") and not tf.is_reference("Source: Harbor Times")


STORY_A = [
    "Council approves flood barrier for Lakeside",
    "By Jane Roe",
    "LAKESIDE — The council approved a new flood barrier on the river on Tuesday after a long debate, officials said.",
    "The barrier will cost 40 million pounds and take three years to build, the council said in a statement.",
    "Residents who lost homes in last winter's floods welcomed the decision but asked for faster work.",
    "The work starts in spring, weather permitting, according to the council's engineers.",
]


@pytest.mark.parametrize("opening", [["NORTHPORT (AP) — Baggage handlers at Northport airport walked out on Wednesday, grounding 120 flights, the union said."], ["By Sam Okafor", "Baggage handlers at Northport airport walked out on Wednesday, grounding 120 flights, the union said."]])
def test_a_second_story_appended_to_the_page_is_cut_from_its_headline_on(opening):
    from newsprism.clean import APPENDED

    page = STORY_A + ["Airport strike grounds flights in Northport", *opening, "Talks with the airport operator collapsed overnight, and no new talks are planned, the union said."]
    c = clean_text("\n".join(page))
    assert [ln.text for ln in c.lines if ln.label == "body"] == STORY_A[2:]
    assert all(ln.reason == APPENDED for ln in c.lines if ln.text.startswith(("Airport strike", "Talks with")))


def test_a_subheading_followed_by_the_storys_own_text_is_not_a_second_story():
    page = STORY_A + ["What happens next for the river", "Engineers will survey the banks first, and the council will publish the plans in March."]
    c = clean_text("\n".join(page))
    assert "Engineers will survey the banks first, and the council will publish the plans in March." in [ln.text for ln in c.lines if ln.label == "body"]


def test_capitals_with_a_slash_in_prose_are_no_picture_credit():
    from newsprism.textfeatures import has_credit

    assert not has_credit("Islamic State (IS, formerly ISIS/ISIL) has claimed responsibility for the attack.")
    assert not has_credit("He will pay and/or resign, she said.") and not has_credit("It fights HIV/AIDS.")
    assert has_credit("The senator speaks in Lakeside on Monday. JANE ROE/AFP")  # a credit closes its caption
    assert has_credit("Jan C. Roe/Associated Press") and has_credit("JANE ROE/AFP - The senator speaks.")
    assert has_credit("A cell seen under a microscope. / LAKESIDE LAB")
    assert has_credit("(Image courtesy of Jan Roe, Lakeside Museum.)") and has_credit("Photo credits: Jan Roe (a, b), Ada Doe (c)")
    assert has_credit("Courtesy Jan Roe/Lakeside Museum/Handout via REUTERS")


def test_a_line_of_links_between_bars_is_navigation():
    from newsprism.textfeatures import ui_reason

    assert ui_reason("2016 Election Calendar | Harbour Polls | 2016 Poll Standings") == "navigation links"
    assert ui_reason("It rained | then snowed | then cleared, she said.") is None  # a sentence
    player = "1 of 50 Full Screen Autoplay Close Skip Ad × Behind the scenes of the council's budget debate View Photos " + "Council members and the mayor argued for weeks over the budget and the new harbour road. " * 2
    assert ui_reason(player) == "interface text (a media player)"
    assert ui_reason("The full screen view, she said, was the problem all along.") is None  # one such word is prose


def test_a_reporting_credit_is_a_note_about_the_report_and_a_sentence_about_reporting_is_not():
    from newsprism.textfeatures import ui_reason

    assert ui_reason("Additional reporting by Jane Roe in Lakeside.") == "note about the report (additional reporting by)"
    assert ui_reason("(Reporting by Jan Roe; Editing by Ada Doe)")
    assert ui_reason("Reporting by the Lakeside Courier showed the mayor lied about the budget.") is None
    assert ui_reason("Reporting by Jan Roe showed the mayor lied.") is None
