"""Scanner hits and figures to hand to one reader in its tests."""

from __future__ import annotations

import datetime as dt
import re

from claims.pipeline.extract.context import Context, Figure
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
