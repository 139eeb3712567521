"""The scope slots of a figure: the period it covers, per what unit, which round, which subgroup,
and whether it is a difference ("up by 166", "34 seconds faster") rather than a level.

Two figures of one measure whose filled slots differ are different facts: growth in 2022 and growth
in 2023, a share of the first round and of the runoff, a price per share and a deal's total, the
women's race and the men's. A slot one figure leaves empty says nothing either way, except that a
difference and a level differ, and so do a part of a count (those brought to hospitals) and the whole, and
a figure of "another" thing of its kind and the one the others report.
A sentence that states no period is read in the reporting period its article last stated
(``carried_periods``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from claims.pipeline.lexicon import CARDINAL_WORD, MONTH_NAME, ORDINALS, month_number, word_set
from claims.pipeline.match.frames.words import distances, fold, gap_cost

Scope = tuple[tuple[str, str], ...]

MAX_DISTANCE = 8
_YEAR = re.compile(rf"\b(?:({MONTH_NAME})\s+)?((?:19|20)\d\d)\b")
_YEAR_TO = re.compile(
    r"\b(?:year|months|quarter)\s+(?:to|ending|ended|up\s+to|through)(?:\s+the\s+end\s+of)?\s+"
    r"(?:this\s+|last\s+)?$",
    re.I,
)
_QUARTER = re.compile(
    r"\b(?:(first|second|third|fourth|1st|2nd|3rd|4th)\s+(quarter|half)|(Q[1-4]|H[12]))"
    r"(?:\s+(?:of\s+)?((?:19|20)\d\d))?\b",
    re.I,
)
_ORDINALS = {**{word: n for word, n in ORDINALS.items() if n <= 4}, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}
_THIS_MONTH = re.compile(rf"\b(this|last)\s+({MONTH_NAME})\b", re.I)
_RELATIVE_YEAR = re.compile(r"\b(last|previous|past|this|current)\s+year\b", re.I)
_PER = re.compile(r"^\W*(?:(?:of\s+)?(?:a|an|per|each|every)\s+|/)([a-z]+)\b", re.I)
_PER_BEFORE = re.compile(r"\bper[- ]([a-z]+)(?:\s+[a-z]+)?(?:\s+of)?\s*$", re.I)
_PER_UNITS = word_set(
    "share person capita head year month week day hour barrel tonne ton kilo kilogram litre gallon unit household"
)
_ROUNDS = {
    "first round": "1",
    "first-round": "1",
    "second round": "2",
    "second-round": "2",
    "runoff": "2",
    "run-off": "2",
    "final round": "final",
    "third round": "3",
}
_ROUND = re.compile("|".join(re.escape(k) for k in _ROUNDS), re.I)
_SUBGROUP_WORDS = {
    "women's": "women",
    "women": "women",
    "female": "women",
    "men's": "men",
    "male": "men",
    "girls": "girls",
    "boys": "boys",
    "children": "children",
    "adults": "adults",
}
# Those of a count that reached one kind of place ("200 dead were brought to hospitals", "30 injured were
# treated in clinics") are a part of the count, not its total.
_PART_AFTER = re.compile(
    r"^[^.;:]{0,40}?\b(?:brought|taken|admitted|treated|rushed|sheltering|housed)\s+(?:to|in|at|into)\s+"
    r"(?:[a-z]+\s+){0,2}?(hospital|clinic|morgue|shelter|camp)s?\b",
    re.I,
)
# Those of a count in a number of the area's districts or villages ("45 injured in three villages", "30 dead
# in two of the districts") are a part of it too. Another figure in between takes the place phrase for itself.
_PART_OF_AREAS = re.compile(
    rf"^[^.;:\d]{{0,30}}?\bin\s+(?:the\s+|these\s+|those\s+)?(?:{CARDINAL_WORD}|\d+|several|a\s+few)\s+"
    r"(?:of\s+the\s+)?(district|village|province|county|town)s?\b",
    re.I,
)
# A figure of "another" thing of its kind ("another storm of force 9") is not the one the others report.
# "Another" right before a count ("injured another 40") only adds it to a figure of another measure.
_ANOTHER_BEFORE = re.compile(r"\banother\s+(?:[a-z-]+\s+){1,3}$", re.I)
_DELTA_BEFORE = re.compile(
    r"\bby\s+(?:(?:about|around|almost|nearly|more\s+than|less\s+than|over|some|roughly|just|only|a\s+further)\s+)*$",
    re.I,
)
_DELTA_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+)?(?:higher|lower|more|fewer|less|faster|slower|bigger|smaller)\s+than\b(?!\s*[$\u20ac\u00a3]?\s*\d)",
    re.I,
)
_DELTA_OFF = re.compile(r"^\s*(?:[a-z-]+\s+)?off\b", re.I)
_DELTA_NOUN_BEFORE = re.compile(
    r"\b(?:increase|rise|fall|drop|decline|jump|revision|gain|cut)\s+of\s+(?:about\s+)?$", re.I
)


def _year_of(match: re.Match[str], folded: str) -> str:
    """ "2023", "2023-06" for "June 2023", "12m:2023-06" for "the year to June 2023" (twelve months ending then)."""
    month = month_number(match.group(1)) if match.group(1) else None
    period = f"{match.group(2)}-{month:02d}" if month else match.group(2)
    if month and _YEAR_TO.search(folded[max(0, match.start() - 30) : match.start()]):
        return f"12m:{period}"
    return period


def _quarter_of(match: re.Match[str], published: dt.date | None) -> str:
    """ "2024-Q3" for "the third quarter of 2024" or "Q3 2024", "2024-H1" for "the first half"; the year
    of publication when none is written; "" when there is none to take."""
    if match.group(3):
        label = match.group(3).upper()
    else:
        label = ("Q" if match.group(2).lower() == "quarter" else "H") + str(_ORDINALS[match.group(1).lower()])
        if label[0] == "H" and (label[1] not in "12" or not match.group(4)):
            return ""  # "the second half of the race" is no period; "the first half of 2024" is
    year = match.group(4) or (str(published.year) if published else "")
    return f"{year}-{label}" if year else ""


def period_of(sentence: str, span: tuple[int, int], *, kind: str, published: dt.date | None) -> str:
    """The period nearest the figure in its sentence ("2023", "2023-06", "12m:2023-06"), or the sentence's
    only period wherever it stands; "" if none."""
    if kind == "date":
        return ""
    found = _period_marks(sentence, span, published=published)
    if not found:
        return ""
    cost, period = min(found)
    if cost <= MAX_DISTANCE or (len({p for _, p in found}) == 1 and cost <= 2 * MAX_DISTANCE):
        return period
    return ""


def stated_period(sentence: str, *, published: dt.date | None) -> str | None:
    """The one period a sentence states ("in the year to June 2023": "12m:2023-06"); "" when it states
    none, None when it states several (then no single period holds for what follows)."""
    periods = {period for _, period in _period_marks(sentence, (0, 0), published=published)}
    if len(periods) > 1:
        return None
    return periods.pop() if periods else ""


def carried_periods(sentences: Sequence[str], *, published: dt.date | None) -> list[str]:
    """For each sentence of an article, in order, the period the article last stated before it: a
    figure whose own sentence states none is read in the period its article was talking about
    ("Net migration was 728,000 in the year to June 2024. ... It said the figure was 906,000 for the
    period before" carries "12m:2024-06"). A sentence stating several periods ends the carry."""
    carried: list[str] = []
    last = ""
    for sentence in sentences:
        carried.append(last)
        stated = stated_period(sentence, published=published)
        if stated is None:
            last = ""
        elif stated:
            last = stated if is_reporting_period(stated) else ""
    return carried


def is_reporting_period(period: str) -> bool:
    """A period a statistic is reported for (twelve months to a month, a quarter, a half), not a year or
    month that merely dates an event: only those are carried to later sentences."""
    return period.startswith("12m:") or "-Q" in period or "-H" in period


def _period_marks(sentence: str, span: tuple[int, int], *, published: dt.date | None) -> list[tuple[float, str]]:
    """Every period the sentence names outside the figure's own span, with its distance to the figure."""
    folded = fold(sentence)
    start, end = span
    found: list[tuple[float, str]] = []
    quarters = [(m, _quarter_of(m, published)) for m in _QUARTER.finditer(folded)]
    for match, quarter in quarters:
        if quarter and not start <= match.start() < end:
            found.append((gap_cost(sentence, span, match.start(), match.end()), quarter))
    for match in _YEAR.finditer(folded):
        inside_quarter = any(q and m.start() <= match.start() < m.end() for m, q in quarters)
        if not start <= match.start() < end and not inside_quarter:
            found.append((gap_cost(sentence, span, match.start(), match.end()), _year_of(match, folded)))
    if published is not None:
        for match in _RELATIVE_YEAR.finditer(folded):
            if not start <= match.start() < end:
                back = 1 if match.group(1).lower() in ("last", "previous", "past") else 0
                found.append((gap_cost(sentence, span, match.start(), match.end()), f"~{published.year - back}"))
        for match in _THIS_MONTH.finditer(folded):
            month = month_number(match.group(2))
            if month and not start <= match.start() < end:
                year = published.year - (1 if month > published.month and match.group(1).lower() == "last" else 0)
                prefix = "12m:" if _YEAR_TO.search(folded[max(0, match.start() - 30) : match.start()]) else ""
                found.append((gap_cost(sentence, span, match.start(), match.end()), f"{prefix}{year}-{month:02d}"))
    return found


def _loosely_same_year(a: str, b: str) -> bool:
    """ "~2023" ("last year", "the previous year") is any period within 2023, or twelve months ending in it
    or in the first half of the next year."""
    loose, other = (a, b) if a.startswith("~") else (b, a)
    year = int(loose[1:5])
    other = other.lstrip("~")
    twelve = other.startswith("12m:")
    other = other.removeprefix("12m:")
    if int(other[:4]) == year:
        return True
    return twelve and int(other[:4]) == year + 1 and len(other) > 4 and int(other[5:7]) <= 6


def periods_differ(a: str, b: str) -> bool:
    """Whether two periods cannot be the same: a year holds its months, and twelve months to December are
    that calendar year; twelve months to June are not."""
    if a == b:
        return False
    if a.startswith("~") or b.startswith("~"):
        return not _loosely_same_year(a, b)
    twelve_a, twelve_b = a.startswith("12m:"), b.startswith("12m:")
    a, b = a.removeprefix("12m:"), b.removeprefix("12m:")
    if twelve_a and not twelve_b and len(b) == 4:
        return a != f"{b}-12"
    if twelve_b and not twelve_a and len(a) == 4:
        return b != f"{a}-12"
    return not (a.startswith(b) or b.startswith(a))


def scope_of(
    *, text: str, sentence: str, span: tuple[int, int], kind: str, published: dt.date | None, context_period: str = ""
) -> Scope:
    """The figure's scope slots; `context_period` (see carried_periods) stands in for a period the
    sentence does not state."""
    folded = fold(sentence)
    start, end = span
    slots: dict[str, str] = {}
    period = period_of(sentence, span, kind=kind, published=published)
    if not period and kind != "date" and stated_period(sentence, published=published) == "":
        # a period carried from earlier sentences holds only where the sentence names none of its own
        # ("fell 20%, ..., standing at 728,000 in the year to June 2024" is not read in an earlier period)
        period = context_period
    if period:
        slots["period"] = period
    per = _PER.match(folded[end : end + 30])
    per_before = _PER_BEFORE.search(folded[max(0, start - 20) : start])
    per_unit = (per.group(1).lower() if per else "") or (per_before.group(1).lower() if per_before else "")
    if per_unit.rstrip("s") in _PER_UNITS:
        slots["per"] = per_unit.rstrip("s")
    rounds = [(abs(m.start() - start), _ROUNDS[m.group(0).lower()]) for m in _ROUND.finditer(folded)]
    if rounds:
        slots["round"] = min(rounds)[1]
    groups = sorted(
        (cost, _SUBGROUP_WORDS[w.text])
        for w, cost, _ in distances(sentence, span)
        if w.text in _SUBGROUP_WORDS and cost <= 6
    )
    if groups:
        slots["subgroup"] = groups[0][1]
    part = (
        (_PART_AFTER.match(folded[end : end + 80]) or _PART_OF_AREAS.match(folded[end : end + 80]))
        if kind != "date"
        else None
    )
    if part:
        slots["part"] = part.group(1).lower()
    before = folded[max(0, start - 40) : start]
    if kind != "date" and _ANOTHER_BEFORE.search(before):
        slots["other"] = "yes"
    if kind != "date" and (
        _DELTA_BEFORE.search(before)
        or _DELTA_NOUN_BEFORE.search(before)
        or _DELTA_AFTER.match(folded[end : end + 40])
        or _DELTA_OFF.match(folded[end : end + 20])
    ):
        slots["delta"] = "yes"
    return tuple(sorted(slots.items()))


def is_period_slot(sentence: str, span: tuple[int, int]) -> bool:
    """Whether a date only names the period of another figure: "(in) the year to June 2024", "the 12
    months ending March". Such a date scopes a statistic; it is no fact of its own to line up."""
    folded = fold(sentence)
    return bool(_YEAR_TO.search(folded[max(0, span[0] - 40) : span[0]]))


def scopes_differ(a: Scope, b: Scope) -> str:
    """The first slot both fill with different values ("period", "per", ...), or "" when none does.

    A difference and a level always differ, whether or not the level says so; so do a part of a count
    (those brought to hospitals) and the whole. Periods differ unless
    one contains the other ("2023" and "2023-06").
    """
    sa, sb = dict(a), dict(b)
    if ("delta" in sa) != ("delta" in sb):
        return "delta"
    if ("other" in sa) != ("other" in sb):
        return "other"  # another storm's figure is not the one the others report
    if sa.get("part") != sb.get("part"):
        return "part"  # those brought to hospitals are not the whole toll
    for slot in ("period", "per", "round", "subgroup"):
        va, vb = sa.get(slot), sb.get(slot)
        if not va or not vb or va == vb:
            continue
        if slot == "period" and not periods_differ(va, vb):
            continue
        return slot
    return ""
