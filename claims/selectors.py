"""Reads for the review pages: the queue's evidence for one claim, progress, the claim list
and the article page. Each read is a fixed number of queries, whatever the group size."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.safestring import SafeString

from claims.filtering import Filter, lookup, orm_condition, sql_conditions
from claims.highlighting import Span, highlight, highlight_in_paragraph, highlight_in_sentence
from claims.models import Article, AuditEntry, Claim, FactGroup, Verdict
from claims.services.matching import claim_subject_line
from claims.sql import fetch_rows, table

LIVE = ~Q(status=Claim.Status.WITHDRAWN)
LIVE_CLAIMS = ~Q(claims__status=Claim.Status.WITHDRAWN)
SINGLE = FactGroup.Relation.SINGLE.value


def in_relation(relation: str, *, path: str = "") -> Q:
    """Claims (or, with path "claim__", their verdicts) whose group suggests this relation;
    "single" also takes the claims in no group."""
    grouped = Q(**{f"{path}group__relation": relation})
    return Q(**{f"{path}group__isnull": True}) | grouped if relation == SINGLE else grouped


def _in_relation_sql(relation: str) -> str:
    in_relation = f"c.group_id IN (SELECT id FROM {table(FactGroup)} WHERE relation = %(relation)s)"  # noqa: S608
    return f"(c.group_id IS NULL OR {in_relation})" if relation == SINGLE else in_relation


# The queue's filters, on the claim table aliased c: the claims list renders them for the ORM,
# the lease statement (services.review) as SQL; tests hold the two renderings together.
QUEUE_FILTERS: tuple[Filter, ...] = (
    Filter("article", orm=lookup("article_id"), sql="c.article_id = %(article)s"),
    Filter(
        "outlet",
        orm=lookup("article__outlet_id"),
        sql=f"c.article_id IN (SELECT id FROM {table(Article)} WHERE outlet_id = %(outlet)s)",  # noqa: S608
    ),
    Filter("kind", orm=lookup("kind"), sql="c.kind = %(kind)s"),
    Filter("relation", orm=in_relation, sql=_in_relation_sql),
)


@dataclass(frozen=True)
class _ClaimFilters:
    """The fields QUEUE_FILTERS reads; empty fields do not filter."""

    article: int | None = None
    outlet: int | None = None
    kind: str = ""
    relation: str = ""


@dataclass(frozen=True)
class QueueFilters(_ClaimFilters):
    """Which part of the queue a reviewer works on (QUEUE_FILTERS)."""

    def apply(self, claims: QuerySet[Claim]) -> QuerySet[Claim]:
        return claims.filter(orm_condition(QUEUE_FILTERS, self))

    def sql(self) -> tuple[str, dict[str, Any]]:
        """The same filters as SQL conditions on the claim table aliased c (" AND …"), with
        their parameters, for the lease statement."""
        conditions, params = sql_conditions(QUEUE_FILTERS, self)
        return "".join(f" AND {condition}" for condition in conditions), params


# The claims list's filters: the queue's, plus text search, status and review state (ORM only).
CLAIM_SEARCH_FILTERS: tuple[Filter, ...] = (
    *QUEUE_FILTERS,
    Filter("q", orm=lambda q: Q(text__icontains=q) | Q(sentence__icontains=q)),
    Filter("status", orm=lookup("status")),
    Filter("review", orm=lookup("review")),
)


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def copy_note(article: Article, other: Article) -> str:
    """'copy of the same wire story' when one article copies the other or both copy a third."""
    if article.pk == other.pk:
        return "same article"
    if article.copy_of_id == other.pk or other.copy_of_id == article.pk:
        return "copy of the same wire story"
    if article.copy_of_id and article.copy_of_id == other.copy_of_id:
        return "copy of the same wire story"
    return ""


@dataclass(frozen=True)
class Evidence:
    """One source's claim, highlighted in its own sentence."""

    claim: Claim
    sentence_html: SafeString
    copy_note: str


@dataclass(frozen=True)
class ChartPoint:
    x: str
    label: str
    value: str
    current: bool
    label_y: str


@dataclass(frozen=True)
class ValueChart:
    """Coordinates for a one-axis SVG of the values each source reports. Coordinates are
    strings, formatted here: SVG needs a plain decimal point, never the locale's separator."""

    width: str
    height: str
    tick_y: str
    axis_y: str
    left: str
    right: str
    low: str
    high: str
    unit: str
    points: list[ChartPoint]
    description: str


@dataclass(frozen=True)
class QueueItem:
    claim: Claim
    sentence_html: SafeString
    paragraph_html: SafeString
    others: list[Evidence]
    chart: ValueChart | None
    history: list[Verdict]
    changes: list[AuditEntry]
    article_done: int
    article_total: int
    reviewed_count: int
    own_copy_note: str = ""
    subject: str = ""  # what the figure is about: its fact group's subject line, else its own frame's


def fact_subject(claim: Claim) -> str:
    """The subject line shown with a claim: its group's label when it has one, else its own frame's."""
    if claim.group_id and claim.group is not None and claim.group.label:
        return claim.group.label
    return claim_subject_line(claim)


def _sentence_html(claim: Claim) -> SafeString:
    return highlight_in_sentence(claim.sentence, claim.text, claim.start - claim.sentence_start)


def value_chart(claims: list[Claim], current_id: int, *, width: int = 640) -> ValueChart | None:
    """Place each source's figure on one axis; None when fewer than two claims carry a value."""
    valued = [c for c in claims if c.value is not None]
    if len(valued) < 2:
        return None
    values = [float(c.value) for c in valued if c.value is not None]
    low, high = min(values), max(values)
    left, right = 100.0, width - 100.0  # room for a centred label at either end
    height, axis_y = 130, 70.0
    points = []
    for index, claim in enumerate(sorted(valued, key=lambda c: (c.value, c.pk))):
        value = float(claim.value) if claim.value is not None else 0.0
        x = (left + right) / 2 if high == low else left + (value - low) / (high - low) * (right - left)
        outlet = str(claim.article.outlet) if claim.article.outlet_id else claim.article.label
        points.append(
            ChartPoint(
                x=_coord(x),
                label=outlet[:28],
                value=_fmt(value),
                current=claim.pk == current_id,
                label_y=_coord(axis_y - 22 if index % 2 == 0 else axis_y + 34),
            )
        )
    description = "; ".join(f"{p.label}: {p.value}" for p in points)
    return ValueChart(
        width=_coord(width),
        height=_coord(height),
        tick_y=_coord(height - 4),
        axis_y=_coord(axis_y),
        left=_coord(left),
        right=_coord(right),
        low=_fmt(low),
        high=_fmt(high),
        unit=valued[0].unit,
        points=points,
        description=description,
    )


def _coord(number: float) -> str:
    return f"{round(number, 1):g}"


CHANGE_ACTIONS = ("figure changed", "withdrawn", "restored")

# Claims this reviewer has a live verdict on: the queue panel's progress line and reviewed_by().
_REVIEWED_SQL = f"""
    SELECT count(DISTINCT claim_id) FROM {table(Verdict)}
    WHERE reviewer_id = %(reviewer)s AND retracted_at IS NULL AND NOT adjudication"""  # noqa: S608
_LIVE_SQL = f"NOT (status = '{Claim.Status.WITHDRAWN.value}')"

# One statement for the small facts the queue panel shows beside a claim. Written out in SQL
# because it runs on every queue request and the ORM's subquery annotations cost ~6 ms of CPU
# to compile per request (bench/queue.py), for a statement the database runs in well under 1 ms.
# "Settled" is review = done, as on the article list (article_bars): a claim waiting for
# adjudication is not settled yet.
_PANEL_FACTS_SQL = f"""
    SELECT
      (SELECT count(*) FROM {table(Claim)} WHERE article_id = %(article)s AND {_LIVE_SQL}),
      (SELECT count(*) FROM {table(Claim)} WHERE article_id = %(article)s AND {_LIVE_SQL}
         AND review = '{Claim.Review.DONE.value}'),
      EXISTS (SELECT 1 FROM {table(Verdict)} WHERE claim_id = %(claim)s),
      EXISTS (SELECT 1 FROM {table(AuditEntry)} WHERE claim_id = %(claim)s
              AND action IN ({", ".join(f"'{action}'" for action in CHANGE_ACTIONS)})),
      ({_REVIEWED_SQL})"""  # noqa: S608


@dataclass(frozen=True)
class PanelFacts:
    article_total: int
    article_done: int
    has_verdicts: bool
    has_changes: bool
    reviewed_count: int


def panel_facts(*, claim: Claim, reviewer: Any) -> PanelFacts:
    """The article's settled/total counts, whether the claim has verdicts or figure changes
    to list, and how many claims this reviewer has reviewed: one query."""
    params = {"article": claim.article_id, "claim": claim.pk, "reviewer": reviewer.pk}
    [(total, done, has_verdicts, has_changes, reviewed)] = fetch_rows(_PANEL_FACTS_SQL, params)
    return PanelFacts(
        article_total=total,
        article_done=done,
        has_verdicts=bool(has_verdicts),
        has_changes=bool(has_changes),
        reviewed_count=reviewed,
    )


def queue_item(*, claim: Claim, reviewer: Any) -> QueueItem:
    """Everything the queue shows for one claim: its paragraph, every other source's claim in
    its group, the value chart, progress, and its history when it has one.

    Pass the claim as claim_lease_next returns it, with its article, outlet, group and other
    sources: then this is one query (the panel facts), two more for a claim with a history."""
    facts = panel_facts(claim=claim, reviewer=reviewer)
    article = claim.article
    others: list[Claim] = claim.other_sources  # type: ignore[attr-defined]
    evidence = [
        Evidence(claim=o, sentence_html=_sentence_html(o), copy_note=copy_note(article, o.article)) for o in others
    ]
    history: list[Verdict] = []
    if facts.has_verdicts:
        history = list(Verdict.objects.filter(claim=claim).select_related("reviewer").order_by("id"))
    changes: list[AuditEntry] = []
    if facts.has_changes:
        changes = list(AuditEntry.objects.filter(claim=claim, action__in=CHANGE_ACTIONS).order_by("id"))
    own_note = "copy of the same wire story" if article.copy_of_id else ""
    return QueueItem(
        claim=claim,
        sentence_html=_sentence_html(claim),
        paragraph_html=highlight_in_paragraph(
            article.text,
            claim_start=claim.start,
            claim_end=claim.end,
            sentence_start=claim.sentence_start,
            sentence=claim.sentence,
        ),
        others=evidence,
        chart=value_chart([claim, *others], claim.pk),
        history=history,
        changes=changes,
        article_done=facts.article_done,
        article_total=facts.article_total,
        reviewed_count=facts.reviewed_count,
        own_copy_note=own_note,
        subject=fact_subject(claim),
    )


def reviewed_by(reviewer: Any) -> int:
    """Claims this reviewer has a live verdict on."""
    [(count,)] = fetch_rows(_REVIEWED_SQL, {"reviewer": reviewer.pk})
    return int(count)


@dataclass(frozen=True)
class Bar:
    label: str
    done: int
    total: int
    link: str = ""
    key: str = ""  # element id of the bar

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass(frozen=True)
class Progress:
    mine: Bar
    overall: Bar
    adjudicate: int
    open: int


def progress(*, reviewer: Any) -> Progress:
    by_review = dict(
        Claim.objects.filter(LIVE).values_list("review").annotate(n=Count("id")).values_list("review", "n")
    )
    total = sum(by_review.values())
    return Progress(
        mine=Bar("Reviewed by you", reviewed_by(reviewer), total, key="bar-mine"),
        overall=Bar("Settled overall", by_review.get(Claim.Review.DONE, 0), total, key="bar-overall"),
        adjudicate=by_review.get(Claim.Review.ADJUDICATE, 0),
        open=by_review.get(Claim.Review.OPEN, 0),
    )


def article_bars() -> QuerySet[Article]:
    """Articles with their claim counts, for per-article progress bars and the article list."""
    return (
        Article.objects.select_related("outlet")
        .annotate(
            claim_total=Count("claims", filter=LIVE_CLAIMS),
            claim_done=Count("claims", filter=LIVE_CLAIMS & Q(claims__review=Claim.Review.DONE)),
            claim_adjudicate=Count("claims", filter=LIVE_CLAIMS & Q(claims__review=Claim.Review.ADJUDICATE)),
        )
        .order_by("-published", "id")
    )


@dataclass(frozen=True)
class ClaimSearch(_ClaimFilters):
    """The claims list's filters (CLAIM_SEARCH_FILTERS): the queue's, and the fields below."""

    q: str = ""
    status: str = ""
    review: str = ""


def claim_list(*, search: ClaimSearch) -> QuerySet[Claim]:
    return (
        Claim.objects.filter(orm_condition(CLAIM_SEARCH_FILTERS, search))
        .select_related("article__outlet", "group")
        .order_by("-score", "id")
    )


@dataclass(frozen=True)
class ArticlePage:
    article: Article
    paragraphs: list[SafeString]
    claims: list[Claim]


def article_page(*, article_id: int) -> ArticlePage:
    """The article's text, one paragraph per line, every claim marked with its review state."""
    article = Article.objects.select_related("outlet", "copy_of").get(pk=article_id)
    claims = list(article.claims.select_related("group").order_by("start", "id"))
    paragraphs: list[SafeString] = []
    offset = 0
    for line in article.text.split("\n"):
        line_end = offset + len(line)
        spans = [
            Span(
                c.start - offset,
                c.end - offset,
                css=f"claim-mark review-{c.review} status-{c.status}",
                label=f"{c.status}, review {c.review}",
                anchor=f"claim-{c.pk}",
            )
            for c in claims
            if c.start >= offset and c.end <= line_end and article.text[c.start : c.end] == c.text
        ]
        if line.strip():
            paragraphs.append(highlight(line, spans))
        offset = line_end + 1
    return ArticlePage(article=article, paragraphs=paragraphs, claims=claims)


def adjudication_list() -> QuerySet[Claim]:
    """Claims whose reviewers disagree, with their live verdicts."""
    live = Verdict.objects.filter(retracted_at__isnull=True).select_related("reviewer").order_by("id")
    return (
        Claim.objects.filter(LIVE, review=Claim.Review.ADJUDICATE)
        .select_related("article__outlet", "group")
        .prefetch_related(Prefetch("verdicts", queryset=live, to_attr="live_verdicts"))
        .order_by("-score", "id")
    )
