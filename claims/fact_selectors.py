"""Reads for the facts pages: the fact list (keyset-paginated, aggregated in one query per
page) and one fact whole: every source's claim, a timeline of its values, verdicts, history
and the reviewers' corrections that bind its claims."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString

from claims.highlighting import highlight_in_sentence
from claims.models import AuditEntry, Claim, FactGroup, MatchConstraint, Verdict
from claims.pipeline.match.suggestion import suggest_relation
from claims.pipeline.match.values import value_range
from claims.services.corrections import CORRECTION_ACTIONS, constraint_is_stale
from claims.services.matching import claim_record

LIVE = ~Q(status=Claim.Status.WITHDRAWN)
CONFLICT = FactGroup.Relation.CONFLICT.value
PAGE_SIZE = 50

STATUS_CHOICES = [
    ("open", "open: a claim needs a verdict"),
    ("adjudicate", "to adjudicate"),
    ("done", "done: every claim settled"),
    ("corrected", "corrected by a reviewer"),
]


@dataclass(frozen=True)
class FactFilters:
    """The fact list's filters; empty fields do not filter."""

    relation: str = ""
    outlet: int | None = None
    status: str = ""
    q: str = ""
    order: str = ""  # "" = conflicts first, then newest; "newest" = newest first

    def apply(self, groups: QuerySet[FactGroup]) -> QuerySet[FactGroup]:
        members = Claim.objects.filter(LIVE, group_id=OuterRef("pk"))
        if self.relation:
            groups = groups.filter(relation=self.relation)
        if self.outlet:
            groups = groups.filter(Exists(members.filter(article__outlet_id=self.outlet)))
        if self.status in (Claim.Review.OPEN, Claim.Review.ADJUDICATE):
            groups = groups.filter(Exists(members.filter(review=self.status)))
        elif self.status == "done":
            groups = groups.exclude(Exists(members.exclude(review=Claim.Review.DONE)))
        elif self.status == "corrected":
            corrected = AuditEntry.objects.filter(group_id=OuterRef("pk"), action__in=CORRECTION_ACTIONS)
            groups = groups.filter(~Q(relation_override="") | Exists(corrected))
        if self.q:
            groups = groups.filter(Q(label__icontains=self.q) | Exists(members.filter(text__icontains=self.q)))
        return groups


@dataclass(frozen=True)
class FactRow:
    group: FactGroup
    subject: str
    articles: int
    claims: int
    value_range: str
    review: str  # open | adjudicate | done
    reason: str  # the suggested relation's reason, clipped for the list


@dataclass(frozen=True)
class FactPage:
    rows: list[FactRow]
    next_cursor: str  # "" on the last page
    first: bool


def _cursor(group: FactGroup, conflicts_first: bool) -> str:
    phase = "c" if conflicts_first and group.relation == CONFLICT else "o"
    return f"{phase}{group.pk}"


def _parse_cursor(cursor: str) -> tuple[str, int] | None:
    if len(cursor) < 2 or cursor[0] not in "co" or not cursor[1:].isdigit():
        return None
    return cursor[0], int(cursor[1:])


def fact_page(*, filters: FactFilters, after: str = "", size: int = PAGE_SIZE) -> FactPage:
    """One page of facts: conflicts first (newest first), then the others (newest first).

    Keyset pagination (`after` is the previous page's last row as "c<id>" or "o<id>"): each page
    reads at most size+1 groups through the (relation, -id) index, then one aggregate query over
    the page's members, whatever the number of facts."""
    groups = filters.apply(FactGroup.objects.all())
    position = _parse_cursor(after)
    conflicts_first = filters.order != "newest"
    picked: list[FactGroup] = []
    if conflicts_first and (position is None or position[0] == "c"):
        conflicts = groups.filter(relation=CONFLICT)
        if position:
            conflicts = conflicts.filter(pk__lt=position[1])
        picked = list(conflicts.order_by("-id")[: size + 1])
    if len(picked) <= size:
        others = groups.exclude(relation=CONFLICT) if conflicts_first else groups
        if position and (position[0] == "o" or not conflicts_first):
            others = others.filter(pk__lt=position[1])
        picked += list(others.order_by("-id")[: size + 1 - len(picked)])
    more = len(picked) > size
    picked = picked[:size]
    return FactPage(
        rows=fact_rows(picked), next_cursor=_cursor(picked[-1], conflicts_first) if more else "", first=position is None
    )


def fact_rows(groups: list[FactGroup]) -> list[FactRow]:
    """Counts, value range and review state of each group's live members: one query for the page
    (two when some group has no subject line yet)."""
    if not groups:
        return []
    stats = {
        row["group_id"]: row
        for row in Claim.objects.filter(LIVE, group_id__in=[g.pk for g in groups])
        .values("group_id")
        .annotate(
            articles=Count("article_id", distinct=True),
            claims=Count("id"),
            low=Min("value"),
            high=Max("value"),
            unit=Max("unit"),
            first=Min("id"),
            open=Count("id", filter=Q(review=Claim.Review.OPEN)),
            adjudicate=Count("id", filter=Q(review=Claim.Review.ADJUDICATE)),
        )
        .order_by()
    }
    unlabelled = [stats[g.pk]["first"] for g in groups if not g.label and g.pk in stats]
    texts = dict(Claim.objects.filter(pk__in=unlabelled).values_list("pk", "sentence")) if unlabelled else {}
    rows = []
    for group in groups:
        s = stats.get(group.pk, {})
        review = "adjudicate" if s.get("adjudicate") else "open" if s.get("open") else "done"
        subject = _clip(group.label or texts.get(s.get("first", 0), "") or f"fact {group.pk}", 160)
        rows.append(
            FactRow(
                group=group,
                subject=subject,
                articles=s.get("articles", 0),
                claims=s.get("claims", 0),
                value_range=format_range(s.get("low"), s.get("high"), s.get("unit") or ""),
                review=review,
                reason=_clip(group.reason, 140),
            )
        )
    return rows


def _clip(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "\u2026"


def format_number(value: float) -> str:
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_range(low: float | None, high: float | None, unit: str) -> str:
    """A range as a reviewer reads it ("2,053\u20132,445 deaths"), one figure ("12 meetings"), or "" without numbers."""
    if low is None or high is None:
        return ""
    span = format_number(low) if low == high else f"{format_number(low)}\u2013{format_number(high)}"
    return f"{span} {unit}".strip()


# --------------------------------------------------------------------------------------------------
# One fact


@dataclass(frozen=True)
class Source:
    claim: Claim
    sentence_html: SafeString
    copy: bool  # the article copies another (one wire story)


@dataclass(frozen=True)
class TimelinePoint:
    x: str
    y: str
    y_low: str
    y_high: str
    interval: bool  # a hedged figure, drawn as the range it allows
    copy: bool
    label: str
    value: str
    date: str


@dataclass(frozen=True)
class Tick:
    at: str
    label: str


@dataclass(frozen=True)
class TimelineChart:
    """Coordinates of a server-rendered SVG: each source's figure at its reference date.
    Coordinates are formatted here (never localized)."""

    width: str
    height: str
    left: str
    right: str
    top: str
    bottom: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    points: list[TimelinePoint]
    undated: int
    unit: str
    description: str


@dataclass
class ConstraintRow:
    constraint: MatchConstraint
    stale: bool
    partner: Claim | None = None


@dataclass(frozen=True)
class FactDetail:
    group: FactGroup
    sources: list[Source]
    withdrawn: list[Claim]
    chart: TimelineChart | None
    verdicts: list[Verdict]
    history: list[AuditEntry]
    constraints: list[ConstraintRow]
    suggested: str  # the matcher's relation for the current members
    suggested_reason: str
    candidates: list[Claim] = field(default_factory=list)


def _coord(number: float) -> str:
    return f"{round(number, 1):g}"


def timeline_chart(claims: list[Claim], *, width: int = 720, height: int = 300) -> TimelineChart | None:
    """Values by reference date (the article's date, else the date of the story it copies);
    hedged figures are drawn as the interval they allow; None without two dated figures."""
    placed = []
    undated = 0
    for claim in claims:
        date = claim.article.reference_date
        bounds = value_range(claim_record(claim))
        if bounds is None:
            continue
        if date is None:
            undated += 1
            continue
        placed.append((claim, date, bounds))
    if len(placed) < 2:
        return None
    left, right, top, bottom = 70.0, width - 30.0, 20.0, height - 50.0
    days = [d.toordinal() for _, d, _ in placed]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - 1, last + 1
    low = min(b[0] for _, _, b in placed)
    high = max(b[1] for _, _, b in placed)
    if low == high:
        low, high = low - max(1.0, abs(low) * 0.1), high + max(1.0, abs(high) * 0.1)
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad

    def x_of(ordinal: int) -> float:
        return left + (ordinal - first) / (last - first) * (right - left)

    def y_of(value: float) -> float:
        return bottom - (value - low) / (high - low) * (bottom - top)

    points = []
    for claim, date, (lo, hi) in sorted(placed, key=lambda p: (p[1], p[0].pk)):
        value = claim.value if claim.value is not None else (lo + hi) / 2
        outlet = str(claim.article.outlet) if claim.article.outlet_id else claim.article.label
        points.append(
            TimelinePoint(
                x=_coord(x_of(date.toordinal())),
                y=_coord(y_of(value)),
                y_low=_coord(y_of(lo)),
                y_high=_coord(y_of(hi)),
                interval=hi > lo,
                copy=bool(claim.article.copy_of_id),
                label=outlet[:28],
                value=format_number(value),
                date=date.isoformat(),
            )
        )
    x_ticks = [Tick(_coord(x_of(o)), dt.date.fromordinal(o).isoformat()) for o in sorted({first, last})]
    y_ticks = [Tick(_coord(y_of(v)), format_number(round(v, 2))) for v in (low + pad, high - pad)]
    unit = next((c.unit for c, _, _ in placed if c.unit), "")
    description = "; ".join(
        f"{p.date} {p.label}: {p.value}{' (interval)' if p.interval else ''}{' (copy)' if p.copy else ''}"
        for p in points
    )
    return TimelineChart(
        width=_coord(width),
        height=_coord(height),
        left=_coord(left),
        right=_coord(right),
        top=_coord(top),
        bottom=_coord(bottom),
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        points=points,
        undated=undated,
        unit=unit,
        description=description,
    )


def _members(group_id: int) -> list[Claim]:
    return list(
        Claim.objects.filter(group_id=group_id)
        .select_related("article__outlet", "article__copy_of")
        .defer("article__raw", "article__text", "article__copy_of__raw", "article__copy_of__text")
        .order_by("article__published", "id")
    )


def fact_detail(*, group_id: int) -> FactDetail:
    """Everything the fact page shows, in a fixed number of queries. Raises FactGroup.DoesNotExist."""
    group = FactGroup.objects.select_related("relation_set_by").get(pk=group_id)
    members = _members(group_id)
    live = [c for c in members if c.status != Claim.Status.WITHDRAWN]
    ids = [c.pk for c in members]
    sources = [
        Source(
            claim=c,
            sentence_html=highlight_in_sentence(c.sentence, c.text, c.start - c.sentence_start),
            copy=bool(c.article.copy_of_id),
        )
        for c in live
    ]
    verdicts = list(Verdict.objects.filter(claim_id__in=ids).select_related("reviewer", "claim").order_by("id"))
    history = list(
        AuditEntry.objects.filter(Q(group_id=group_id) | Q(claim_id__in=ids, action__in=CORRECTION_ACTIONS))
        .select_related("actor", "claim")
        .order_by("id")
    )
    suggestion = suggest_relation([claim_record(c) for c in live]) if live else None
    return FactDetail(
        group=group,
        sources=sources,
        withdrawn=[c for c in members if c.status == Claim.Status.WITHDRAWN],
        chart=timeline_chart(live),
        verdicts=verdicts,
        history=history,
        constraints=constraint_rows(ids),
        suggested=suggestion.relation if suggestion else "",
        suggested_reason=suggestion.reason if suggestion else "",
        candidates=join_candidates(group=group, members=live),
    )


def constraint_rows(claim_ids: list[int]) -> list[ConstraintRow]:
    """The open corrections touching these claims, each marked stale when it no longer binds."""
    constraints = list(
        MatchConstraint.objects.filter(ended_at__isnull=True)
        .filter(Q(claim_id__in=claim_ids) | Q(other_id__in=claim_ids))
        .select_related("author")
        .order_by("id")
    )
    partners = {pk for c in constraints for pk in (c.claim_id, c.other_id)}
    claims = Claim.objects.select_related("article").defer("article__raw", "article__text").in_bulk(partners)
    rows = []
    for c in constraints:
        partner_id = c.other_id if c.claim_id in claim_ids else c.claim_id
        rows.append(ConstraintRow(constraint=c, stale=constraint_is_stale(c, claims), partner=claims.get(partner_id)))
    return rows


MAX_CANDIDATES = 8


def join_candidates(*, group: FactGroup, members: list[Claim]) -> list[Claim]:
    """Claims in no fact, of the members' kind and unit, from articles not yet in the fact:
    what a reviewer most often wants to join ("same fact")."""
    if not members:
        return []
    first = members[0]
    articles = {c.article_id for c in members}
    return list(
        Claim.objects.filter(LIVE, group__isnull=True, kind=first.kind, unit=first.unit)
        .exclude(article_id__in=articles)
        .select_related("article__outlet")
        .defer("article__raw", "article__text")
        .order_by("-id")[:MAX_CANDIDATES]
    )
