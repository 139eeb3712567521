"""Facts as a desk exports them: one row per fact with its members, its relation and whether a
person set it (CSV or JSON Lines), or the desk's corrected groups as a gold file in the schema
of the shared evaluation set (`../shared/eval/README.md`), so `score.py` can measure the matcher
on the desk's own stories.

Facts are read a chunk at a time (ids in order, one query for the groups and one for their
members per chunk), so the export streams whatever the number of facts."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Q

from claims.csvsafe import CsvWriter
from claims.models import Article, AuditEntry, Claim, FactGroup, MatchConstraint
from claims.services.corrections import CORRECTION_ACTIONS

FORMATS = ("csv", "jsonl", "gold")
CHUNK = 1000
COLUMNS = (
    "fact_id",
    "subject",
    "relation",
    "relation_set_by_person",
    "relation_set_by",
    "relation_set_at",
    "suggested_reason",
    "origins",
    "articles",
    "claims",
    "value_low",
    "value_high",
    "unit",
    "member_claims",
    "member_articles",
    "outlets",
    "corrected",
    "updated_at",
)
GOLD_RELATIONS = ("agree", "conflict", "time_shifted")


def _facts(*, corrected_only: bool) -> Iterator[tuple[FactGroup, list[Claim], list[MatchConstraint], bool]]:
    """Every fact in id order with its live members (by article date), the open corrections that
    bind them, and whether a reviewer corrected it."""
    last = 0
    while True:
        groups = list(FactGroup.objects.filter(pk__gt=last).select_related("relation_set_by").order_by("pk")[:CHUNK])
        if not groups:
            return
        last = groups[-1].pk
        ids = [g.pk for g in groups]
        members: dict[int, list[Claim]] = defaultdict(list)
        claims = (
            Claim.objects.filter(group_id__in=ids)
            .exclude(status=Claim.Status.WITHDRAWN)
            .select_related("article__outlet")
            .defer("article__raw", "article__text")
            .order_by("article__published", "article_id", "start", "id")
        )
        for claim in claims:
            assert claim.group_id is not None
            members[claim.group_id].append(claim)
        member_ids = [c.pk for group_members in members.values() for c in group_members]
        touched = set(
            AuditEntry.objects.filter(group_id__in=ids, action__in=CORRECTION_ACTIONS).values_list(
                "group_id", flat=True
            )
        )
        bound: dict[int, list[MatchConstraint]] = defaultdict(list)
        for constraint in (
            MatchConstraint.objects.filter(ended_at__isnull=True)
            .filter(Q(claim_id__in=member_ids) | Q(other_id__in=member_ids))
            .select_related("author")
            .order_by("id")
        ):
            bound[constraint.claim_id].append(constraint)
            bound[constraint.other_id].append(constraint)
        for group in groups:
            constraints = list({c.pk: c for m in members[group.pk] for c in bound.get(m.pk, [])}.values())
            corrected = bool(group.relation_override) or group.pk in touched or bool(constraints)
            if corrected_only and not corrected:
                continue
            yield group, members[group.pk], constraints, corrected


def _row(group: FactGroup, members: list[Claim], corrected: bool) -> dict[str, Any]:
    values = [c.value for c in members if c.value is not None]
    return {
        "fact_id": group.pk,
        "subject": group.label or (members[0].sentence[:300] if members else ""),
        "relation": group.relation,
        "relation_set_by_person": bool(group.relation_override),
        "relation_set_by": group.relation_set_by.get_username() if group.relation_set_by else "",
        "relation_set_at": group.relation_set_at,
        "suggested_reason": group.reason,
        "origins": group.origins,
        "articles": len({c.article_id for c in members}),
        "claims": len(members),
        "value_low": min(values) if values else None,
        "value_high": max(values) if values else None,
        "unit": next((c.unit for c in members if c.unit), ""),
        "member_claims": [c.pk for c in members],
        "member_articles": [c.article_id for c in members],
        "outlets": sorted({str(c.article.outlet) for c in members if c.article.outlet_id}),
        "corrected": corrected,
        "updated_at": group.updated_at,
    }


def csv_chunks(*, corrected_only: bool = False) -> Iterator[str]:
    writer = CsvWriter()
    yield writer.line(COLUMNS)
    for group, members, _constraints, corrected in _facts(corrected_only=corrected_only):
        row = _row(group, members, corrected)
        for key in ("member_claims", "member_articles", "outlets"):
            row[key] = " ".join(str(item) for item in row[key])
        yield writer.line([row[column] for column in COLUMNS])


def jsonl_chunks(*, corrected_only: bool = False) -> Iterator[str]:
    for group, members, constraints, corrected in _facts(corrected_only=corrected_only):
        row = _row(group, members, corrected)
        for key in ("relation_set_at", "updated_at"):
            row[key] = row[key].isoformat() if row[key] else None
        row["members"] = [
            {
                "claim_id": c.pk,
                "article_id": c.article_id,
                "article": c.article.label,
                "outlet": str(c.article.outlet) if c.article.outlet_id else "",
                "published": c.article.published.isoformat() if c.article.published else None,
                "text": c.text,
                "sentence": c.sentence,
                "kind": c.kind,
                "value": c.value,
                "unit": c.unit,
                "hedge": c.hedge,
            }
            for c in members
        ]
        row["corrections"] = [
            {
                "kind": c.kind,
                "claim_id": c.claim_id,
                "other_id": c.other_id,
                "author": c.author.get_username() if c.author else "",
                "note": c.note,
                "created_at": c.created_at.isoformat(),
            }
            for c in constraints
        ]
        yield json.dumps(row, ensure_ascii=False) + "\n"


def gold_key(article: Article) -> str:
    """The name score.py reads an article by: the base name of what export_claims prints as `article`."""
    return article.label.replace("\\", "/").rsplit("/", 1)[-1]


def gold_document(*, corrected_only: bool = False) -> tuple[dict[str, Any], list[str]]:
    """The desk's facts as gold groups over the articles they touch, in the evaluation set's
    schema; returns the document and warnings (articles left out because score.py could not
    tell them apart by name). Facts of fewer than two articles are not groups in that schema."""
    facts = [
        (g, m, c)
        for g, m, _, c in _facts(corrected_only=corrected_only)
        if len({claim.article_id for claim in m}) >= 2 and g.relation in GOLD_RELATIONS
    ]
    article_ids = sorted({c.article_id for _, members, _ in facts for c in members})
    articles = Article.objects.filter(pk__in=article_ids).select_related("outlet").defer("raw", "text")
    keys: dict[int, str] = {}
    seen: defaultdict[str, list[int]] = defaultdict(list)
    for article in articles:
        seen[gold_key(article)].append(article.pk)
    warnings = []
    for key, ids in seen.items():
        if key and len(ids) == 1:
            keys[ids[0]] = key
        else:
            warnings.append(
                f"articles {', '.join(map(str, ids))} left out: score.py cannot tell them apart by name ({key!r})"
            )
    claims_by_article: dict[int, list[Claim]] = defaultdict(list)
    for claim in (
        Claim.objects.filter(article_id__in=list(keys))
        .exclude(status=Claim.Status.WITHDRAWN)
        .select_related("group")
        .order_by("article_id", "start", "id")
    ):
        claims_by_article[claim.article_id].append(claim)
    index = {c.pk: (keys[aid], i) for aid, claims in claims_by_article.items() for i, c in enumerate(claims)}
    gold_articles = []
    for article in articles:
        if article.pk not in keys:
            continue
        gold_articles.append(
            {
                "id": keys[article.pk],
                "file": article.label,
                "outlet": str(article.outlet) if article.outlet_id else None,
                "published": article.published.isoformat() if article.published else None,
                "claims": [
                    {
                        "quote": c.text,
                        "value": c.value,
                        "unit": c.unit,
                        "kind": c.kind,
                        "approx": c.hedge != "exact",
                        "subject": c.group.label if c.group else "",
                        "borderline": False,
                    }
                    for c in claims_by_article[article.pk]
                ],
            }
        )
    groups = []
    for group, members, corrected in facts:
        placed = [list(index[c.pk]) for c in members if c.pk in index]
        if len({aid for aid, _ in placed}) < 2:
            continue
        note = "relation set by a reviewer" if group.relation_override else "relation suggested by the matcher"
        if corrected:
            note += "; membership corrected by a reviewer" if not group.relation_override else "; corrected"
        groups.append(
            {
                "id": f"fact-{group.pk}",
                "subject": group.label,
                "members": placed,
                "relation": group.relation,
                "note": note,
            }
        )
    return {"articles": gold_articles, "groups": groups}, warnings
