"""What the Django layer hands the matcher for each stored claim, and what it hands back for a group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimRecord:
    """What the Django layer hands the matcher for each stored claim."""

    id: int
    article_id: int
    origin_id: int  # id of the article's copy root: copies of one wire story share it
    published: dt.date | None
    kind: str
    value: float | None
    unit: str
    hedge: str
    normalized: str
    text: str
    sentence: str
    subject: tuple[str, ...] = ()
    context_period: str = ""  # the period the article last stated before this sentence (frames.scope.carried_periods)


@dataclass(frozen=True)
class Suggestion:
    """A group's suggested relation, with a reason a reviewer can read and its count of independent origins."""

    relation: str  # agree | conflict | time_shifted | single
    reason: str
    origins: int
    subject: str = ""  # the fact's subject line: "Deaths, Herat, as of 8 Oct to 11 Oct 2023"
