"""Page furniture is removed by general rules; body paragraphs and headings survive."""

import pytest

from claims.pipeline.clean.boilerplate import LineKind, classify_line, remove_boilerplate

SPORTS_PAGE = """\
Rovers edge Athletic in five-goal thriller | Football - The Matchday Post
menu_open
search_icon
Matchday Post

Rovers edge Athletic in five-goal thriller

Saturday 4 May 2024, 18:45 BST

By Dana Whitfield

Rovers came from behind twice to beat Athletic 3-2 on Saturday, lifting them to fourth with three games left.

Striker Leon Achebe, 23, scored twice in the last 20 minutes after Athletic had led 2-1 at half-time.

Achebe celebrates his second goal at the Riverside Stadium. (Getty Images)
Achebe celebrates his second goal at the Riverside Stadium.

A Season Turned Around

The win was Rovers' ninth in 11 matches, a run that began when the club changed managers in February.

"We never stopped believing," manager Ines Moreau said. "The players deserve this."

Advertisement

Attendance was 31,402, the biggest crowd at the ground since it reopened in 2019.

Download the Matchday app for live scores and alerts
Follow Us On
WATCH HIGHLIGHTS
Live Score
LOGIN
Lisbon 21\u00b0C
Sign up for our free football newsletter
\u00a9 2024 Matchday Media Ltd. All rights reserved.
Privacy Policy | Terms of Use | Cookie Settings
"""

HEALTH_PAGE = """\
Home \u2022 Health \u2022 Nutrition \u2022 Fitness
SUBSCRIBE
Sign in
Register

Published: 12 January 2024

Adults who walk 7,000 steps a day have a 50% lower risk of early death than those who walk 4,000, a study found.

The study followed 2,110 adults aged 38 to 50 for an average of 10.8 years.

What The Numbers Mean

Benefits levelled off above about 10,000 steps, the authors wrote, and the pace of walking made little difference.

Photo: A woman walks in a park in spring. Credit: Jane Ruiz
Start your 30-day free trial today
Get the latest health news straight to your inbox
Share this story
share_button
Read more: Five ways to sleep better tonight
The views expressed in this article are those of the author alone.
"""

SPORTS_BODY = [
    "Rovers came from behind twice to beat Athletic 3-2 on Saturday, lifting them to fourth with three games left.",
    "Striker Leon Achebe, 23, scored twice in the last 20 minutes after Athletic had led 2-1 at half-time.",
    "A Season Turned Around",
    "The win was Rovers' ninth in 11 matches, a run that began when the club changed managers in February.",
    '"We never stopped believing," manager Ines Moreau said. "The players deserve this."',
    "Attendance was 31,402, the biggest crowd at the ground since it reopened in 2019.",
]
HEALTH_BODY = [
    "Adults who walk 7,000 steps a day have a 50% lower risk of early death than those who walk 4,000, a study found.",
    "The study followed 2,110 adults aged 38 to 50 for an average of 10.8 years.",
    "What The Numbers Mean",
    "Benefits levelled off above about 10,000 steps, the authors wrote, and the pace of walking made little "
    "difference.",
]


def kept_lines(text: str, **kwargs: object) -> list[str]:
    result = remove_boilerplate(text, **kwargs)  # type: ignore[arg-type]
    return [line for line in result.text.split("\n") if line]


def test_sports_page_keeps_exactly_its_body_and_heading() -> None:
    lines = kept_lines(SPORTS_PAGE, title="Rovers edge Athletic in five-goal thriller", header_lines=frozenset({0}))

    assert lines[:2] == SPORTS_BODY[:2]
    assert lines[-4:] == SPORTS_BODY[-4:]
    # The caption is dropped; its body twin (same words without the credit) is kept once.
    assert lines.count("Achebe celebrates his second goal at the Riverside Stadium.") == 1
    assert len(lines) == len(SPORTS_BODY) + 1


def test_health_page_keeps_exactly_its_body_and_heading() -> None:
    assert kept_lines(HEALTH_PAGE) == HEALTH_BODY


def test_removed_line_count_is_reported() -> None:
    result = remove_boilerplate(HEALTH_PAGE)

    assert result.removed_lines == len([line for line in HEALTH_PAGE.split("\n") if line]) - len(HEALTH_BODY)


@pytest.mark.parametrize(
    "line",
    [
        "close_button",
        "freemium",
        "SHARE",
        "OPEN APP",
        "SHARE THIS ARTICLE ON",
        "Story Saved",
        "Saved Articles",
        "Sign out",
        "Follow Us On",
        "Oslo -3C",
        "Madrid 28\u00b0C",
        "Thursday, April 18, 2024",
        "Start 7 Days Free Trial Subscribe Now",
        "Continue reading with Gold Membership",
        "Get Latest Business News, Market Updates along with Latest News at The Ledger.",
        "Daily Digest I Podcasts I Puzzles I Weekend Magazine",
        "Stream the final on our exclusive app. Download now!",
        "To receive weekly deals straight to your inbox, sign up for our newsletter",
        "The views expressed are personal",
        "Firefighters at the scene on Monday. (Reuters)",
        "The harbour at dawn. Image Credit: Supplied",
        "20240201 harbour fire",
        "Advertisement",
    ],
)
def test_furniture_lines_are_furniture_anywhere(line: str) -> None:
    assert classify_line(line) is LineKind.FURNITURE


@pytest.mark.parametrize(
    "line",
    [
        "The council voted 7-2 to sign up for the regional recycling scheme, officials said.",
        "Shares in the company fell 4% after it said it would close 12 stores.",
        "Residents can follow the route on a map published by the city.",
        "She told reporters the app had been downloaded 2 million times.",
        "Temperatures reached 41C in Seville on Tuesday, the highest on record.",
    ],
)
def test_body_sentences_that_mention_ui_words_are_body(line: str) -> None:
    assert classify_line(line) is LineKind.BODY


@pytest.mark.parametrize("line", ["A Rare Foreign Trip", "'Pro-growth policies'", "What Comes Next"])
def test_headings_are_fragments_not_furniture(line: str) -> None:
    assert classify_line(line) is LineKind.FRAGMENT


def test_heading_between_paragraphs_is_kept() -> None:
    text = "The first paragraph says something useful.\nA Quiet Recovery\nThe second paragraph adds detail."

    assert kept_lines(text) == text.split("\n")


def test_short_lines_at_the_edges_are_dropped() -> None:
    text = "World\nBusiness\nThe market rose 2% on Monday.\nMore than 300 firms reported.\nTop Stories\nMost Read"

    assert kept_lines(text) == ["The market rose 2% on Monday.", "More than 300 firms reported."]


def test_a_document_of_only_short_lines_keeps_them() -> None:
    text = "Roses are red\nViolets are blue"

    assert kept_lines(text) == ["Roses are red", "Violets are blue"]


def test_labelled_stamp_is_cut_off_a_glued_signup_prompt_and_both_go() -> None:
    text = " date 2024-02-01 To receive free alerts straight to your inbox, sign up for our emails\nBody text here."

    assert kept_lines(text) == ["Body text here."]


def test_labelled_stamp_before_body_text_keeps_the_body() -> None:
    assert kept_lines("Published: 3 May 2022 The river rose 2 metres overnight.") == [
        "The river rose 2 metres overnight."
    ]


def test_lines_equal_to_the_title_are_dropped() -> None:
    text = "Floods Hit Coastal Towns\nThe river rose 2 metres overnight, officials said."

    assert kept_lines(text, title="Floods hit coastal towns") == ["The river rose 2 metres overnight, officials said."]


def test_repeated_short_lines_are_chrome_even_mid_article() -> None:
    text = "First body sentence is here.\nRelated Coverage\nSecond body sentence.\nRelated Coverage\nThird one."

    assert kept_lines(text) == ["First body sentence is here.", "Second body sentence.", "Third one."]


def test_author_bio_at_the_bottom_is_dropped() -> None:
    text = (
        "The port handled 4 million containers last year.\n"
        "Maria Lopez, our Lisbon correspondent, writes a monthly column on shipping for the paper."
    )

    assert kept_lines(text) == ["The port handled 4 million containers last year."]


def test_a_long_paragraph_that_ends_with_a_bracketed_link_is_body_not_a_caption() -> None:
    paragraph = (
        "The ferry company said on Monday that crossings would resume once the storm passed, after a week in "
        "which 14 sailings were cancelled and hundreds of lorries queued on the approach roads. Drivers said they "
        "had slept in their cabs for three nights, and the port authority opened a car park with toilets and hot "
        "food for them. The company expects the backlog to clear by Thursday if the wind drops as forecast, "
        "although it warned that freight would take priority over holiday traffic. (Read more travel stories.)"
    )
    assert classify_line(paragraph) is LineKind.BODY
    assert classify_line("Lorries queue at the port on Monday. (Reuters)") is LineKind.FURNITURE
