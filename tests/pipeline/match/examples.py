"""Hand-made claims of several articles for the matcher's tests (none taken from the seeds)."""

from __future__ import annotations

import datetime as dt
from itertools import count

from claims.pipeline.match.records import ClaimRecord

_ids = count(1)


DAY = dt.date(2024, 5, 6)


def claim(
    article: int,
    sentence: str,
    text: str,
    *,
    kind: str,
    value: float | None,
    unit: str,
    hedge: str = "exact",
    normalized: str = "",
    published: dt.date | None = DAY,
    origin: int | None = None,
    subject: tuple[str, ...] = (),
) -> ClaimRecord:
    assert text in sentence
    return ClaimRecord(
        id=next(_ids),
        article_id=article,
        origin_id=article if origin is None else origin,
        published=published,
        kind=kind,
        value=value,
        unit=unit,
        hedge=hedge,
        normalized=normalized,
        text=text,
        sentence=sentence,
        subject=subject,
    )


def grouped_together(groups: list[list[int]], *claims: ClaimRecord) -> bool:
    return any({c.id for c in claims} <= set(group) for group in groups)
