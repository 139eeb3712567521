"""Small factories for stored rows, so view and service tests need no extraction run."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from typing import Any

from claims.models import Article, Claim, FactGroup, Outlet

_seq = itertools.count(1)


def make_article(
    *,
    text: str = "The council met 12 times in 2023.",
    title: str = "",
    outlet: str = "example.com",
    published: dt.date | None = dt.date(2024, 5, 1),
    **extra: Any,
) -> Article:
    n = next(_seq)
    outlet_row, _ = Outlet.objects.get_or_create(domain=outlet, defaults={"name": outlet})
    raw = text.encode()
    defaults: dict[str, Any] = {
        "identity": f"file:article-{n}.txt",
        "source_name": f"article-{n}.txt",
        "title": title or f"Article {n}",
        "outlet": outlet_row,
        "published": published,
        "raw": raw,
        "text": text,
        "content_hash": hashlib.sha256(raw).hexdigest(),
        "extractor_version": "test",
    }
    defaults.update(extra)
    return Article.objects.create(**defaults)


def make_claim(
    *,
    article: Article | None = None,
    text: str = "12 times",
    kind: str = "count",
    value: float | None = 12,
    unit: str = "meetings",
    score: float = 0.8,
    group: FactGroup | None = None,
    **extra: Any,
) -> Claim:
    article = article or make_article()
    start = article.text.find(text)
    if start < 0:
        start = 0
    n = next(_seq)
    defaults: dict[str, Any] = {
        "article": article,
        "start": start,
        "end": start + len(text),
        "text": text,
        "sentence": article.text,
        "sentence_start": 0,
        "kind": kind,
        "value": value,
        "unit": unit,
        "score": score,
        "group": group,
        "priority": 1 if group is not None and group.relation == FactGroup.Relation.CONFLICT else 0,
        "fingerprint": f"fp-{n}",
        "extractor_version": "test",
    }
    defaults.update(extra)
    return Claim.objects.create(**defaults)


def make_group(*, relation: str = "agree", reason: str = "2 sources give 12") -> FactGroup:
    return FactGroup.objects.create(relation=relation, reason=reason, origins=2)
