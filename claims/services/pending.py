"""Work recorded as pending in the database until a task has done it: articles whose claims
are stored but not yet matched, and inputs `ingest --async` stored for a worker. The beat
sweep (claims.tasks.sweep_pending) sends again whatever has waited too long."""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from claims.models import Article, PendingInput, TaskFailure

SWEEP_GRACE_SECONDS = 60  # younger pending work is most likely still on its way to a worker
SWEEP_BATCH = 500  # most articles (and inputs) sent again by one sweep
INGEST_INPUT_TASK = "claims.tasks.ingest_input"  # the task whose failures name an input (TaskFailure.arguments)


def match_pending_since(*, article_id: int) -> dt.datetime | None:
    return Article.objects.filter(pk=article_id).values_list("match_pending_since", flat=True).first()


def match_pending_clear(*, article_id: int, since: dt.datetime | None) -> None:
    """The article is matched: clear its mark, unless it was stored again meanwhile (then the
    newer store's own match, or the sweep, clears it)."""
    if since is not None:
        Article.objects.filter(pk=article_id, match_pending_since=since).update(match_pending_since=None)


def pending_work(*, older_than: float) -> tuple[list[int], list[int]]:
    """Ids of the articles waiting to be matched and of the inputs waiting to be ingested, oldest
    first, that have waited more than `older_than` seconds."""
    cutoff = timezone.now() - dt.timedelta(seconds=older_than)
    # A match that failed since the article was stored is not tried again every sweep: the
    # failure is on the jobs page, and re-ingesting the article marks it again.
    failed = TaskFailure.objects.filter(article_id=OuterRef("pk"), created_at__gte=OuterRef("match_pending_since"))
    articles = list(
        Article.objects.filter(match_pending_since__lt=cutoff)
        .exclude(Exists(failed))
        .order_by("match_pending_since")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    # Likewise an input whose ingest crashed (a failure recorded with the input's id as its argument)
    # waits on the jobs page instead of crashing a worker again at every sweep.
    crashed = TaskFailure.objects.filter(task=INGEST_INPUT_TASK, arguments=OuterRef("as_arguments"))
    inputs = list(
        PendingInput.objects.filter(created_at__lt=cutoff)
        .annotate(as_arguments=Concat(Value("("), Cast("pk", CharField()), Value(",)"), output_field=CharField()))
        .exclude(Exists(crashed))
        .order_by("id")
        .values_list("id", flat=True)[:SWEEP_BATCH]
    )
    return articles, inputs
