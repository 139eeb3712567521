"""The resolution of relative dates against an article's publication date.

"On Tuesday" in a story published on a Friday means the Tuesday just gone, unless the sentence
speaks of the future; "last month" means the calendar month before publication. Resolved dates
let claims from different outlets be compared even when each wrote "this week".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

SEASONS: dict[str, tuple[int, int]] = {  # northern-hemisphere meteorological seasons (first month, last month)
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}

# Words that make a sentence speak of what is still to come: weekdays then point forward.
FUTURE = re.compile(
    r"\b(?:will|shall|'ll|going to|is to|are to|due to|set to|scheduled|expected to|plans? to|"
    r"next|upcoming|coming|would)\b",
    re.I,
)


def iso_range(first: dt.date, last: dt.date) -> str:
    return f"{first.isoformat()}/{last.isoformat()}"


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def resolve_weekday(weekday: int, published: dt.date, forward: bool) -> dt.date:
    """The named weekday nearest the publication date, on the side the sentence's tense points to."""
    if forward:
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - weekday) % 7)


def resolve_month(month: int, published: dt.date, forward: bool) -> str:
    """A month named without a year: the latest one at or before publication, or the next one ahead."""
    year = published.year
    if forward and month < published.month:
        year += 1
    elif not forward and month > published.month:
        year -= 1
    return f"{year:04d}-{month:02d}"


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def resolve_relative(anchor: str, unit: str, published: dt.date) -> str:
    """ "this|last|next|past week|month|year|<season>" → ISO date, month or range around publication."""
    anchor = anchor.lower()
    unit = unit.lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(anchor, 0)
    if unit in ("week", "weekend"):
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=step)
        if unit == "weekend":
            return iso_range(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        return iso_range(monday, monday + dt.timedelta(days=6))
    if unit == "month":
        year, month = shift_month(published.year, published.month, step)
        return f"{year:04d}-{month:02d}"
    if unit == "year":
        return f"{published.year + step:04d}"
    if unit == "quarter":
        quarter_index = published.year * 4 + (published.month - 1) // 3 + step
        year, quarter = divmod(quarter_index, 4)
        first = dt.date(year, quarter * 3 + 1, 1)
        return iso_range(first, month_span(year, quarter * 3 + 3)[1])
    if unit in SEASONS:
        first_month, last_month = SEASONS[unit]
        year = published.year + step
        if unit == "winter":
            start_year = year if published.month == 12 else year - 1
            return iso_range(dt.date(start_year, 12, 1), month_span(start_year + 1, 2)[1])
        if step == -1 and published.month > last_month:
            year += 1  # "last summer" written in October is this year's summer
        return iso_range(month_span(year, first_month)[0], month_span(year, last_month)[1])
    return ""
