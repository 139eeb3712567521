"""Reference times and vintages of estimates."""

from __future__ import annotations

import datetime as dt

from claims.pipeline.match.frames.reftime import EARLY, LATE, progress_of, reference_of, vintage_of
from claims.pipeline.match.frames.words import locate

THURSDAY = dt.date(2025, 3, 13)


def test_the_publication_date_is_the_reference_unless_the_sentence_moves_it() -> None:
    assert reference_of("The toll stands at 80.", THURSDAY) == THURSDAY
    assert reference_of("The toll stood at 80, officials said on Monday.", THURSDAY) == dt.date(2025, 3, 10)
    assert reference_of("As of Tuesday the toll was 80.", THURSDAY) == dt.date(2025, 3, 11)
    assert reference_of("The ministry said yesterday that 80 had died.", THURSDAY) == dt.date(2025, 3, 12)
    assert reference_of("The toll was 80 as of 2 March.", THURSDAY) == dt.date(2025, 3, 2)


def test_a_date_after_publication_is_read_in_the_year_before() -> None:
    assert reference_of("The count was 80 as of 20 December.", THURSDAY) == dt.date(2024, 12, 20)


def test_weekdays_resolve_backwards_and_no_date_gives_none() -> None:
    assert reference_of("Police said on Thursday that 80 were held.", THURSDAY) == THURSDAY
    assert reference_of("Police said on Friday that 80 were held.", THURSDAY) == dt.date(2025, 3, 7)
    assert reference_of("Police said 80 were held.", None) is None


def vintage(text: str, sentence: str) -> str:
    return vintage_of(sentence, locate(sentence, text))


def test_first_estimates_and_revisions_are_two_vintages() -> None:
    sentence = "The figure was revised up to 512 from the original estimate of 430."
    assert vintage("512", sentence) == LATE
    assert vintage("430", sentence) == EARLY
    both = "The agency raised its estimate from 430 to 512."
    assert vintage("430", both) == EARLY and vintage("512", both) == LATE
    assert vintage("430", "It was initially estimated at 430.") == EARLY
    assert vintage("430", "The crowd numbered 430.") == ""


def test_a_move_before_the_open_and_at_the_close_are_two_readings() -> None:
    assert vintage("9%", "Shares jumped 9% in premarket trading.") == EARLY
    assert vintage("7%", "The stock closed up 7%.") == LATE


def test_the_share_of_a_count_in_progress() -> None:
    assert progress_of("With a fifth of the votes counted, Mora led with 41%.") == 0.2
    assert progress_of("With 96% of ballots counted, Mora had 44%.") == 0.96
    assert progress_of("With nearly all votes counted, Mora had 44%.") == 0.98
    assert progress_of("Final results gave Mora 44%.") == 1.0
    assert progress_of("Mora won 44% of the vote.") is None


def test_the_figure_a_former_record_names_is_an_earlier_reading() -> None:
    sentence = "She took 32 seconds off the previous record of 1:04:12 set in 2019."
    assert vintage("1:04:12", sentence) == EARLY
    assert vintage("1:04:12", "Her old best was 1:04:12.") == EARLY


def test_a_new_figure_beside_a_mention_of_the_former_record_is_no_earlier_reading() -> None:
    sentence = "Her 1:03:40 finish beat the previous record by 32 seconds."
    assert vintage("1:03:40", sentence) == ""
