"""The claim extractor on short articles of our own: economy, sport, health, elections, and page furniture."""

from __future__ import annotations

import datetime as dt

import pytest

from claims.pipeline.extract.extraction import EXTRACTOR_VERSION, extract_claims
from claims.pipeline.types import ExtractedClaim

PUBLISHED = dt.date(2024, 5, 10)  # a Friday

ECONOMY = """\
The finance ministry said on Thursday that the economy grew 3.5% in the first quarter, adding 1,250,000 jobs.
Inflation fell to 2.1 per cent, and the central bank cut rates by 25 basis points, its first cut since March 2020.
The state will borrow Rs 500 crore and pay ₹2.5 lakh to each of 40,000 households.
Exports rose to €40m last month, and the group raised US$2bn from some 40 investors.
Bilateral trade reached 7bn yuan ($966 million) in 2023, up around 30% from 2022.
The firm employs 5k staff, expects a $1.2-1.5bn loss and holds 300mn dollars in cash.
Revenue hit ¥3.2 trillion, or 3.2 thousand billion yen, the company said.
"""

SPORT = """\
Manchester United won 3-1 on Saturday, their 14th league title in 20 years.
The 26-year-old striker has scored thirty-two goals this season and a dozen were headers.
She ran the 100m in 10.85 seconds, finishing third in the final.
The two teams met for the first time since 2019. One of the players said the two coaches disagreed.
A hundred fans and at least 12 stewards were injured; 40 or more people were treated.
"""

HEALTH = """\
Between 20 and 30 patients remain in intensive care, while 15-20 wards stay closed.
More than 300 nurses were hired over the past six years, and up to 5,000 beds will be added.
Nearly 40 clinics opened within days of the announcement, less than two weeks ago.
The 12-point plan runs for a decade. Waiting lists peaked in the early 1990s and again in February 2021.
"""

ELECTION = """\
Voters go to the polls next week and the results are due on Monday.
Turnout was 67.3%, compared with 61.2% in 2019, and the party won 412 seats.
It was the party's third term, decided at 09:30 am on Tuesday, March 5-7 counts aside.
The vote was held yesterday, on 4 May and last Friday; the campaign began last year.
"""


def claims_of(text: str, published: dt.date | None = PUBLISHED) -> list[ExtractedClaim]:
    return extract_claims(text, published=published)


def find(claims: list[ExtractedClaim], span: str) -> ExtractedClaim:
    hits = [claim for claim in claims if claim.text == span]
    assert hits, f"no claim {span!r} in {[c.text for c in claims]}"
    return hits[0]


def test_version_is_a_dated_string() -> None:
    assert EXTRACTOR_VERSION.count(".") == 2


@pytest.mark.parametrize(
    ("span", "kind", "value", "unit", "hedge"),
    [
        ("3.5%", "percent", 3.5, "percent", "exact"),
        ("1,250,000 jobs", "count", 1_250_000, "jobs", "exact"),
        ("2.1 per cent", "percent", 2.1, "percent", "exact"),
        ("25 basis points", "percent", 25, "basis points", "exact"),
        ("Rs 500 crore", "money", 5e9, "INR", "exact"),
        ("₹2.5 lakh", "money", 250_000, "INR", "exact"),
        ("40,000 households", "count", 40_000, "households", "exact"),
        ("€40m", "money", 40e6, "EUR", "exact"),
        ("US$2bn", "money", 2e9, "USD", "exact"),
        ("40 investors", "count", 40, "investors", "approx"),
        ("7bn yuan", "money", 7e9, "CNY", "exact"),
        ("$966 million", "money", 966e6, "USD", "exact"),
        ("30%", "percent", 30, "percent", "approx"),
        ("5k staff", "count", 5000, "staff", "exact"),
        ("$1.2-1.5bn", "money", 1.2e9, "USD", "at_least"),
        ("300mn dollars", "money", 300e6, "USD", "exact"),
        ("¥3.2 trillion", "money", 3.2e12, "JPY", "exact"),
    ],
)
def test_economy_figures_are_read_with_scale_currency_and_hedge(
    span: str, kind: str, value: float, unit: str, hedge: str
) -> None:
    claim = find(claims_of(ECONOMY), span)
    assert (claim.kind, claim.unit, claim.hedge) == (kind, unit, hedge)
    assert claim.value == pytest.approx(value)


def test_bracketed_conversion_links_both_amounts_to_each_other() -> None:
    claims = claims_of(ECONOMY)
    yuan, dollars = find(claims, "7bn yuan"), find(claims, "$966 million")
    assert yuan.linked_to == claims.index(dollars)
    assert dollars.linked_to == claims.index(yuan)
    assert find(claims, "US$2bn").linked_to is None


def test_the_first_quarter_names_a_period_and_is_not_a_claim() -> None:
    assert "first quarter" not in [claim.text for claim in claims_of(ECONOMY)]


def test_base_year_of_a_change_is_not_a_separate_claim() -> None:
    texts = [claim.text for claim in claims_of(ECONOMY)]
    assert "2023" in texts
    assert "2022" not in texts  # "up around 30% from 2022": the year belongs to the percentage


@pytest.mark.parametrize(
    ("span", "kind", "value", "unit", "hedge"),
    [
        ("14th league title", "ordinal", 14, "titles", "exact"),
        ("20 years", "duration", 20, "years", "exact"),
        ("26-year-old", "duration", 26, "years", "exact"),  # an age is a duration in years
        ("thirty-two goals", "count", 32, "goals", "exact"),
        ("a dozen", "count", 12, "", "exact"),
        ("100m", "quantity", 100, "metres", "exact"),
        ("10.85 seconds", "duration", 10.85, "seconds", "exact"),
        ("first time", "ordinal", 1, "times", "exact"),
        ("A hundred fans", "count", 100, "fans", "exact"),
        ("12 stewards", "count", 12, "stewards", "at_least"),
        ("40 or more people", "count", 40, "people", "at_least"),
    ],
)
def test_sport_figures_in_words_and_digits(span: str, kind: str, value: float, unit: str, hedge: str) -> None:
    claim = find(claims_of(SPORT), span)
    assert (claim.kind, claim.value, claim.unit, claim.hedge) == (kind, value, unit, hedge)


def test_a_score_line_and_mere_references_are_not_claims() -> None:
    texts = [claim.text for claim in claims_of(SPORT)]
    assert not any(text in ("3", "1", "3-1") for text in texts)
    assert not any("two teams" in text or "two coaches" in text or text.startswith("One") for text in texts)


@pytest.mark.parametrize(
    ("span", "kind", "value", "unit", "hedge"),
    [
        ("20 and 30 patients", "count", 20, "patients", "at_least"),
        ("15-20 wards", "count", 15, "wards", "at_least"),
        ("300 nurses", "count", 300, "nurses", "at_least"),
        ("six years", "duration", 6, "years", "exact"),
        ("5,000 beds", "count", 5000, "beds", "at_most"),
        ("40 clinics", "count", 40, "clinics", "approx"),
        ("within days", "duration", None, "days", "approx"),
        ("two weeks ago", "duration", 2, "weeks", "at_most"),
        ("12-point", "quantity", 12, "points", "exact"),
        ("a decade", "duration", 10, "years", "exact"),
        ("early 1990s", "date", 1990, "decade", "approx"),
        ("February 2021", "date", 2021, "year", "exact"),
    ],
)
def test_health_ranges_hedges_and_durations(span: str, kind: str, value: float, unit: str, hedge: str) -> None:
    claim = find(claims_of(HEALTH), span)
    assert (claim.kind, claim.value, claim.unit, claim.hedge) == (kind, value, unit, hedge)


def test_time_ago_is_resolved_against_publication() -> None:
    assert find(claims_of(HEALTH), "two weeks ago").normalized == "2024-04-26"
    assert find(claims_of(HEALTH), "early 1990s").normalized == "1990/1993"


@pytest.mark.parametrize(
    ("span", "unit", "value", "normalized"),
    [
        ("next week", "date", None, "2024-05-13/2024-05-19"),
        ("Monday", "date", None, "2024-05-13"),  # "are due on Monday": the coming one
        ("2019", "year", 2019, "2019"),
        ("09:30 am on Tuesday", "time", None, "2024-05-07"),
        ("March 5-7", "date", None, "2024-03-05/2024-03-07"),
        ("yesterday", "date", None, "2024-05-09"),
        ("4 May", "date", None, "2024-05-04"),
        ("Friday", "date", None, "2024-05-03"),  # "last Friday", written on a Friday
        ("last year", "date", None, "2023"),
    ],
)
def test_election_dates_resolve_against_the_publication_date(
    span: str, unit: str, value: float | None, normalized: str
) -> None:
    claim = find(claims_of(ELECTION), span)
    assert (claim.kind, claim.unit, claim.value, claim.normalized) == ("date", unit, value, normalized)


def test_relative_dates_stay_unresolved_without_a_publication_date() -> None:
    claim = find(claims_of(ELECTION, published=None), "next week")
    assert claim.value is None and claim.normalized == ""


def test_money_outranks_a_weekday_in_check_worthiness() -> None:
    economy, election = claims_of(ECONOMY), claims_of(ELECTION)
    assert find(economy, "7bn yuan").score > find(election, "67.3%").score - 0.1
    assert find(economy, "7bn yuan").score > find(election, "Monday").score
    assert find(election, "next week").score < 0.3


def test_subject_starts_with_the_counted_noun() -> None:
    claim = find(claims_of(ELECTION), "412 seats")
    assert claim.subject[0] == "seats"
    assert "party" in claim.subject or "won" in claim.subject


def test_sentence_and_offsets_point_into_the_text() -> None:
    for text in (ECONOMY, SPORT, HEALTH, ELECTION):
        for claim in claims_of(text):
            assert text[claim.start : claim.end] == claim.text
            assert text[claim.sentence_start :].startswith(claim.sentence)
            assert claim.text in claim.sentence


FURNITURE = """\
Budget 2024: Rates Held | Daily Planet
By Jane Roe
Mar 27, 2023 08:03 PM IST
Thursday, April 18, 2024
London 12C
Start 14 Days Free Trial Subscribe Now
20240105 budget vote
The chancellor (2nd L) arrives at the Treasury. Image Credit: Reuters
Ministers applaud the plan in the Commons. (AFP)
Published 2024-01-05 Sign up for our newsletters
The chancellor said debt would fall by 2 percent.
"""


def test_page_furniture_is_not_reported() -> None:
    claims = claims_of(FURNITURE)
    assert [claim.text for claim in claims] == ["2 percent"]


def test_phone_numbers_urls_emails_and_identifiers_are_not_reported() -> None:
    text = (
        "Call +44 20 7946 0958 or (020) 7946 0958 or 555-123-4567. See https://example.com/2024/05/report-123 "
        "or write to desk2024@example.org. G20 leaders discussed COVID-19 vaccines, the F-35 jet, a Boeing 737, "
        "A4 paper, 5G masts, Windows 11 and the Power of Siberia-2 pipeline."
    )
    assert claims_of(text) == []


def test_claims_are_sorted_and_deterministic() -> None:
    first = claims_of(ECONOMY + SPORT + HEALTH + ELECTION)
    assert [claim.start for claim in first] == sorted(claim.start for claim in first)
    assert first == claims_of(ECONOMY + SPORT + HEALTH + ELECTION)


def test_empty_and_figure_free_text_give_no_claims() -> None:
    assert claims_of("") == []
    assert claims_of("The minister spoke at length about hope and resolve.") == []


def test_one_in_five_is_a_share_in_percent() -> None:
    claims = claims_of("One in five firms expects to cut jobs, and 1 in 10 adults smokes.")
    assert [(c.text, c.kind, c.value) for c in claims] == [
        ("One in five", "percent", 20.0),
        ("1 in 10", "percent", 10.0),
    ]


def test_a_change_from_one_figure_to_another_is_two_claims_not_a_range() -> None:
    claims = claims_of("Brent crude fell $1.20 to $81.50 a barrel, and sales rose from 20 to 30 units.")
    assert [(c.text, c.value) for c in claims] == [("$1.20", 1.2), ("$81.50", 81.5), ("20", 20), ("30 units", 30)]


def test_numbers_that_complete_a_name_or_a_phone_number_are_skipped() -> None:
    text = "Article 50 was triggered in 2017. Call 0800 123 4567 for help. In the second half of the year, output grew."
    assert [c.text for c in claims_of(text)] == ["2017"]


def test_house_numbers_and_slashed_dates_are_not_amounts_but_a_fraction_of_something_is() -> None:
    text = "The PM returned to No. 10 Downing Street, open 24/7, though 1/3 of wards lacked staff on 12/05/2024."
    assert [(c.text, c.kind, c.value) for c in claims_of(text)] == [("1/3", "percent", 33.3)]


def test_comparative_adjectives_do_not_hide_the_counted_noun() -> None:
    claim = find(claims_of("“We need 2,000 more nurses,” she said."), "2,000 more nurses")
    assert (claim.kind, claim.value, claim.unit) == ("count", 2000, "nurses")


def test_vague_multitudes_have_no_value_but_keep_their_noun() -> None:
    claims = claims_of("Hundreds of thousands of commuters travelled, and dozens of the victims were children.")
    assert [(c.text, c.value, c.unit, c.hedge) for c in claims] == [
        ("Hundreds of thousands of", None, "commuters", "at_least"),  # states a floor
        ("dozens of", None, "victims", "approx"),
    ]


def test_numbers_used_as_labels_are_not_amounts() -> None:
    text = "Patients with type 2 diabetes joined phase 3 trials after a Category 5 hurricane hit in season 2."
    assert claims_of(text) == []


def test_a_long_single_line_is_read_in_linear_time() -> None:
    text = "On Tuesday 40 people met at 9:30 am, up 3% on 2019 and worth $2bn " * 8000  # ~550,000 characters
    claims = claims_of(text)
    assert len(claims) == 8000 * 5  # "on 2019" after "3%" is the base year of the change, not a claim
    assert all(len(claim.sentence) <= 600 for claim in claims)
    assert claims[-1].text == "$2bn" and claims[-1].value == 2e9


def test_fractions_in_words_are_shares_in_percent() -> None:
    claims = claims_of("Two-thirds of voters and three-quarters of members backed the plan.")
    assert [(c.text, c.kind, c.value) for c in claims] == [
        ("Two-thirds", "percent", 66.7),
        ("three-quarters", "percent", 75.0),
    ]


STRIKE = """\
Dock workers walked out on 3 March 2025, and the union said talks with the port would resume the following day.
The two sides have met about 12 times since the dispute began, and the chairman took over the union in 2019.
Pickets gathered at a rally in Rotterdam in 2021.
"""


def test_the_following_day_is_resolved_against_the_date_before_it() -> None:
    claims = claims_of(STRIKE)
    assert find(claims, "3 March 2025").normalized == "2025-03-03"
    assert find(claims, "the following day").normalized == "2025-03-04"
    ballot = claims_of("The ballot closed on 12 May 2025.\nThe day before, turnout had reached 40%.")
    assert find(ballot, "The day before").normalized == "2025-05-11"  # the previous sentence's date


def test_the_following_day_stays_unresolved_without_a_date_nearby() -> None:
    claims = claims_of("Nobody knew when it began.\nThe strike spread.\nThe ministers met the following day.")
    assert find(claims, "the following day").normalized == ""


def test_subject_of_a_count_is_its_noun_and_verb() -> None:
    claim = find(claims_of(STRIKE), "12 times")
    assert claim.subject[:2] == ("meetings", "met")


def test_subject_of_a_year_is_the_event_of_its_clause() -> None:
    claims = claims_of(STRIKE)
    assert find(claims, "2019").subject[0] == "union"  # "took over the union in 2019"
    rally = find(claims, "2021").subject
    assert rally[0] == "rally" and "rotterdam" in rally
