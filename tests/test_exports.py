"""The export filters as the export page and `export_verdicts` give them (claims/exports.py)."""

from __future__ import annotations

import datetime as dt

from claims.exports import VerdictFilters, verdict_filters
from claims.forms import ExportForm

NOTHING = {
    "since": None,
    "until": None,
    "outlet": "",
    "article": None,
    "reviewer": "",
    "verdict": "",
    "status": "",
    "relation": "",
    "include_retracted": False,
}


def test_no_values_filter_nothing() -> None:
    assert verdict_filters(NOTHING) == VerdictFilters()


def test_the_article_value_is_the_article_id_and_typed_names_are_stripped() -> None:
    filters = verdict_filters({**NOTHING, "article": 7, "outlet": " news.example ", "reviewer": " ana\t"})

    assert (filters.article_id, filters.outlet, filters.reviewer) == (7, "news.example", "ana")


def test_an_absent_outlet_or_reviewer_does_not_filter() -> None:
    filters = verdict_filters({**NOTHING, "outlet": None, "reviewer": None})

    assert (filters.outlet, filters.reviewer) == ("", "")


def test_the_export_page_and_the_command_make_the_same_filters_of_the_same_choices() -> None:
    form = ExportForm(
        {
            "since": "2024-05-01",
            "until": "2024-05-31",
            "outlet": "news.example",
            "article": "3",
            "reviewer": "ana",
            "verdict": "conflict",
            "status": "current",
            "relation": "time_shifted",
            "include_retracted": "on",
            "format": "csv",
        }
    )
    assert form.is_valid(), form.errors
    options = {
        **NOTHING,
        "since": dt.date(2024, 5, 1),
        "until": dt.date(2024, 5, 31),
        "outlet": "news.example",
        "article": 3,
        "reviewer": "ana",
        "verdict": "conflict",
        "status": "current",
        "relation": "time_shifted",
        "include_retracted": True,
    }

    assert form.filters() == verdict_filters(options)
    assert form.filters().relation == "time_shifted" and form.filters().include_retracted is True
