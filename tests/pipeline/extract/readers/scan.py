"""Scanner hits and figures to hand to one reader in its tests."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from claims.pipeline.extract.context import Context, Draft, Figure
from claims.pipeline.extract.scanner import SCANNER, trigger_positions


def hit(text: str, at: str = "", published: dt.date | None = None) -> tuple[Context, re.Match[str]]:
    """The reading context of the text and the scanner's hit at the first place `at` stands (else the first hit)."""
    start = text.index(at) if at else 0
    for position in trigger_positions(text):
        if position < start:
            continue
        match = SCANNER.match(text, position)
        if match is not None:
            return Context(text, published), match
    raise AssertionError(f"no figure starts in {text!r} from {start}")


def number(text: str, written: str, value: float, published: dt.date | None = None) -> tuple[Context, Figure]:
    """The context and the plain figure of the number `written` in the text, as read_number hands it on."""
    start = text.index(written)
    end = start + len(written)
    return Context(text, published), Figure(start, end, end, value, "exact", not written[0].isdigit(), False)


AfterReader = Callable[[Context, Figure], list[Draft] | None]


def read_after(
    reader: AfterReader, text: str, written: str, value: float, published: dt.date | None = None
) -> list[Draft]:
    """What `reader` makes of the number `written` from the words after it; fails when it leaves the number alone."""
    ctx, figure = number(text, written, value, published)
    drafts = reader(ctx, figure)
    assert drafts is not None, f"{reader.__name__} left {written!r} in {text!r} to the other readers"
    return drafts
