"""Value types passed between the pipeline stages and the Django layer."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["count", "ordinal", "percent", "money", "date", "duration", "quantity"]
Hedge = Literal["exact", "approx", "at_least", "at_most"]
KINDS: tuple[str, ...] = ("count", "ordinal", "percent", "money", "date", "duration", "quantity")
HEDGES: tuple[str, ...] = ("exact", "approx", "at_least", "at_most")


class InputError(ValueError):
    """Input the product refuses, with a message a person can act on."""


@dataclass(frozen=True)
class CleanedDocument:
    """An article after decoding, repair and boilerplate removal."""

    text: str
    title: str = ""
    outlet: str = ""  # site name or domain, "" when the text gives no clue
    url: str = ""  # canonical URL when the document states one
    published: dt.date | None = None
    encoding: str = ""  # what the bytes were decoded as
    repairs: tuple[str, ...] = ()  # e.g. ("gbk-mojibake", "boilerplate:12 lines")


@dataclass(frozen=True)
class ExtractedClaim:
    """One checkable figure, located by character offsets into the cleaned text."""

    start: int
    end: int
    text: str
    sentence: str
    sentence_start: int
    kind: str
    value: float | None
    unit: str
    hedge: str = "exact"
    normalized: str = ""  # ISO date / range for dates, "" otherwise
    score: float = 0.5
    linked_to: int | None = None  # index of a linked claim in the same list (a bracketed conversion)
    subject: tuple[str, ...] = field(default_factory=tuple)  # key terms of the counted thing
