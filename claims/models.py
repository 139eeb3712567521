"""The review desk's data: outlets, articles and their revisions, claims, fact groups,
verdicts and their audit trail, and background jobs.

Verdict and AuditEntry rows are never deleted or updated in place: a claim's review
state is derived from them and cached on the claim for the queue's sake.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


class Outlet(models.Model):
    name = models.CharField(max_length=200)
    domain = models.CharField(max_length=253, unique=True)

    def __str__(self) -> str:
        return self.name or self.domain


class Article(models.Model):
    """One story from one source. Its identity is its URL when known, else its file name."""

    identity = models.CharField(max_length=2100, unique=True)
    url = models.URLField(max_length=2048, blank=True)
    source_name = models.CharField(max_length=255, blank=True, help_text="input file name")
    outlet = models.ForeignKey(Outlet, null=True, blank=True, on_delete=models.SET_NULL, related_name="articles")
    title = models.CharField(max_length=500, blank=True)
    published = models.DateField(null=True, blank=True)
    raw = models.BinaryField()
    text = models.TextField()
    content_hash = models.CharField(max_length=64, db_index=True)
    encoding = models.CharField(max_length=40, blank=True)
    copy_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        help_text="the earlier article this one copies (same wire story)",
    )
    copy_similarity = models.FloatField(null=True, blank=True)
    nearest = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="the most similar other article (a rewrite, when below the copy threshold)",
    )
    nearest_similarity = models.FloatField(null=True, blank=True)
    extractor_version = models.CharField(max_length=40, blank=True)
    matcher_version = models.CharField(max_length=40, blank=True)
    match_pending_since = models.DateTimeField(
        null=True,
        blank=True,
        help_text="set when its claims were stored and not yet matched; the match task clears it, and the "
        "beat sweep re-sends matching for articles left waiting (e.g. the broker was down)",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(
                fields=["match_pending_since"],
                name="article_match_pending_idx",
                condition=Q(match_pending_since__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.source_name or self.url or f"article {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("article", args=[self.pk])

    @property
    def reference_date(self) -> dt.date | None:
        """The date relative expressions are read against: its own, else that of the story it copies."""
        if self.published is None and self.copy_of_id and self.copy_of is not None:
            return self.copy_of.published
        return self.published

    @property
    def label(self) -> str:
        """What exports call the article: its input file name, or its URL."""
        return self.source_name or self.url


class PendingInput(models.Model):
    """An input given to `ingest --async`, stored until a worker ingests it: the task carries
    only this row's id, never the bytes. The beat sweep re-sends inputs left waiting."""

    name = models.CharField(max_length=255, blank=True, help_text="input file name")
    raw = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"pending input {self.pk} ({self.name or 'stdin'})"


class ArticleRevision(models.Model):
    """Every version of an article's content ever ingested."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    raw = models.BinaryField()
    text = models.TextField()
    content_hash = models.CharField(max_length=64)
    extractor_version = models.CharField(max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["article_id", "number"]
        constraints = [models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")]

    def __str__(self) -> str:
        return f"{self.article_id} r{self.number}"


class ArticleBand(models.Model):
    """MinHash LSH band keys: articles sharing a key are candidate copies, so finding the
    copies of a new article looks up its keys instead of comparing it with every article."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bands")
    key = models.CharField(max_length=40)
    signature = models.JSONField(default=list, blank=True)  # only on band 0's row: the whole signature

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "key"], name="unique_article_band")]
        # Newest first within a key: copy detection reads only the head of each posting list.
        indexes = [models.Index(fields=["key", "-article"], name="articleband_key_newest_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} {self.key}"


class FactGroup(models.Model):
    """Claims from different articles that report the same quantity about the same thing."""

    class Relation(models.TextChoices):
        AGREE = "agree"
        CONFLICT = "conflict"
        TIME_SHIFTED = "time_shifted"
        SINGLE = "single"

    relation = models.CharField(max_length=20, choices=Relation.choices, default=Relation.SINGLE)
    reason = models.TextField(blank=True)
    label = models.CharField(max_length=300, blank=True)
    origins = models.PositiveIntegerField(default=1, help_text="independent origins (copies count once)")
    matcher_version = models.CharField(max_length=40, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A reviewer's choice of relation: while set, the matcher's suggestion never replaces it
    # (services.corrections.apply_constraints writes it back after every re-match).
    relation_override = models.CharField(max_length=20, choices=Relation.choices, blank=True, default="", db_default="")
    relation_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    relation_set_at = models.DateTimeField(null=True, blank=True)
    relation_note = models.TextField(blank=True, default="", db_default="")

    class Meta:
        # The fact list: conflicts first, newest first within each relation (keyset pagination).
        indexes = [models.Index(fields=["relation", "-id"], name="factgroup_relation_newest_idx")]

    def __str__(self) -> str:
        return f"group {self.pk} ({self.relation})"

    def get_absolute_url(self) -> str:
        return reverse("fact", args=[self.pk])

    @property
    def relation_is_set(self) -> bool:
        """Whether a person chose the relation (rather than the matcher suggesting it)."""
        return bool(self.relation_override)


class Claim(models.Model):
    class Status(models.TextChoices):
        CURRENT = "current"
        REOPENED = "reopened"
        WITHDRAWN = "withdrawn"

    class Review(models.TextChoices):
        OPEN = "open"  # needs (more) verdicts
        DONE = "done"  # enough verdicts, and they agree
        ADJUDICATE = "adjudicate"  # reviewers disagree: an Admin decides

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="claims")
    revision = models.ForeignKey(ArticleRevision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.CharField(max_length=500)
    sentence = models.TextField()
    sentence_start = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=20, db_index=True)
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    hedge = models.CharField(max_length=20, default="exact")
    normalized = models.CharField(max_length=60, blank=True)
    score = models.FloatField(default=0.5)
    subject = models.JSONField(default=list, blank=True)
    linked_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    fingerprint = models.CharField(max_length=64)
    extractor_version = models.CharField(max_length=40)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CURRENT)
    previous_value = models.FloatField(null=True, blank=True, help_text="the figure before a re-ingestion changed it")
    previous_text = models.CharField(max_length=500, blank=True)
    group = models.ForeignKey(FactGroup, null=True, blank=True, on_delete=models.SET_NULL, related_name="claims")
    review = models.CharField(max_length=20, choices=Review.choices, default=Review.OPEN)
    priority = models.PositiveSmallIntegerField(
        default=0,
        help_text="1 while its group suggests a conflict: the queue's first sort key, copied from "
        "FactGroup.relation (services.review.queue_priority_sync) so that taking the next claim needs no join",
    )
    version = models.PositiveIntegerField(default=1, help_text="bumped whenever re-ingestion changes the claim")
    lease_holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lease_expires = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "fingerprint"], name="unique_claim_fingerprint"),
        ]
        indexes = [
            models.Index(
                fields=["review", "-priority", "-score", "id"],
                name="claim_queue_order_idx",
                condition=~Q(status="withdrawn"),
            ),
            # a group's members in id order: matching samples the first few of each group
            models.Index(fields=["group", "id"], name="claim_group_members_idx"),
            # claims in no fact by kind and unit, newest first: what a fact page offers to join
            models.Index(fields=["kind", "unit", "-id"], name="claim_ungrouped_idx", condition=Q(group__isnull=True)),
        ]

    def __str__(self) -> str:
        return f"{self.text} ({self.kind})"


class ClaimKey(models.Model):
    """Blocking keys for cross-source matching: candidates share a key, so matching one
    claim looks up an index instead of scanning every stored claim."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="keys")
    key = models.CharField(max_length=120)

    class Meta:
        # Newest first within a key: matching reads only the head of each posting list.
        indexes = [models.Index(fields=["key", "-claim"], name="claimkey_key_newest_idx")]
        constraints = [models.UniqueConstraint(fields=["claim", "key"], name="unique_claim_key")]

    def __str__(self) -> str:
        return f"{self.claim_id} {self.key}"


class TermCount(models.Model):
    """How many stored sentences use each term (claims.pipeline.match.rarity.term_counts, summed over the
    articles' live claims): the rarity of words over the whole store, kept up to date as articles are
    stored and re-extracted. The row with the empty term counts the sentences themselves."""

    term = models.CharField(max_length=120, primary_key=True)
    sentences = models.IntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.term or '(sentences)'} {self.sentences}"


class Verdict(models.Model):
    """One reviewer action on one claim. Rows are only ever added; undo marks a row retracted."""

    class Choice(models.TextChoices):
        AGREE = "agree"
        CONFLICT = "conflict"
        UNCLEAR = "unclear"
        NOT_A_CLAIM = "not_a_claim"

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="verdicts")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts")
    verdict = models.CharField(max_length=20, choices=Choice.choices)
    note = models.TextField(blank=True)
    claim_version = models.PositiveIntegerField(default=1)
    claim_value = models.FloatField(null=True, blank=True, help_text="the figure the reviewer saw")
    adjudication = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    retracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["claim", "retracted_at"], name="verdict_claim_idx")]
        permissions = [("export_verdicts", "Can export verdicts")]

    def __str__(self) -> str:
        return f"{self.verdict} by {self.reviewer_id} on claim {self.claim_id}"

    @classmethod
    def on(cls, claim: Claim, *, reviewer: Any, verdict: str, note: str = "", adjudication: bool = False) -> Verdict:
        """A new (unsaved) verdict on the claim as it reads now: the version and the figure the
        reviewer saw are the claim's current ones."""
        row = cls(claim=claim, reviewer=reviewer, verdict=verdict, note=note, adjudication=adjudication)
        row.claim_version, row.claim_value = claim.version, claim.value
        return row


class Skip(models.Model):
    """A reviewer passed over a claim; the queue shows it to them again only when nothing else is left."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"skip of claim {self.claim_id} by {self.reviewer_id}"


class AuditEntry(models.Model):
    """Who changed what, when: every verdict, undo, adjudication, re-ingestion change and
    correction of the matcher (split, move, join, relation set)."""

    claim = models.ForeignKey(Claim, null=True, blank=True, on_delete=models.SET_NULL, related_name="audit")
    # The fact a correction concerns. No database constraint: the id stays in the trail after
    # the matcher dissolves the group, so its history can still be read.
    group = models.ForeignKey(
        FactGroup, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=40)
    old = models.CharField(max_length=200, blank=True)
    new = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.action} on claim {self.claim_id}"


class MatchConstraint(models.Model):
    """A reviewer's correction of the matcher, as a constraint on one pair of claims.

    cannot_link: the two never share a fact group again; must_link: they always do. Both hold
    through re-matching, a new matcher version and re-ingestion while each claim is live and
    still has the fingerprint it had when the correction was made; otherwise the constraint is
    stale (shown for a reviewer to confirm or dismiss) and the matcher ignores it. `claim` is
    the claim the reviewer acted on, `other` its partner. Rows are never deleted: a later
    correction that contradicts one ends it (ended_at)."""

    class Kind(models.TextChoices):
        CANNOT_LINK = "cannot_link"
        MUST_LINK = "must_link"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    other = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    claim_fingerprint = models.CharField(max_length=64)
    other_fingerprint = models.CharField(max_length=64)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    group_id_at = models.PositiveIntegerField(null=True, blank=True, help_text="the fact the correction was made on")
    created_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["claim"], name="constraint_claim_live_idx", condition=Q(ended_at__isnull=True)),
            models.Index(fields=["other"], name="constraint_other_live_idx", condition=Q(ended_at__isnull=True)),
        ]
        constraints = [models.CheckConstraint(condition=~Q(claim=models.F("other")), name="constraint_two_claims")]

    def __str__(self) -> str:
        return f"{self.kind} {self.claim_id}-{self.other_id}"


class Job(models.Model):
    """A background re-ingestion job, with counts an admin page polls."""

    class State(models.TextChoices):
        QUEUED = "queued"
        RUNNING = "running"
        DONE = "done"
        FAILED = "failed"

    kind = models.CharField(max_length=40)
    description = models.CharField(max_length=300, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.kind} job {self.pk} ({self.state})"

    def get_absolute_url(self) -> str:
        return reverse("job", args=[self.pk])


class JobItem(models.Model):
    """One article of a job; its unique row makes a redelivered task count once."""

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="items")
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    outcome = models.CharField(max_length=20, blank=True)  # "" pending, created/updated/unchanged, or failed
    error = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["job", "article"], name="unique_job_article")]

    def __str__(self) -> str:
        return f"job {self.job_id} article {self.article_id}"


class TaskFailure(models.Model):
    """A background task that failed (or an input a worker refused), shown on the jobs page: a
    failure must not be visible only in a worker's log."""

    task = models.CharField(max_length=200)
    task_id = models.CharField(max_length=255, blank=True)
    article_id = models.BigIntegerField(null=True, blank=True, help_text="the article the task was about, if any")
    arguments = models.CharField(max_length=500, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["article_id", "created_at"], name="taskfailure_article_idx")]

    def __str__(self) -> str:
        return f"{self.task} failed: {self.error[:80]}"


class LoginFailure(models.Model):
    """A failed login, kept briefly so repeated failures per account or address are refused for a while."""

    username = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=45, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"failed login for {self.username!r} from {self.address}"


class Feed(models.Model):
    """An outlet's RSS/Atom feed or news sitemap (index), polled by Celery beat for new articles."""

    class Status(models.TextChoices):
        NEW = "new", "not polled yet"
        OK = "ok", "ok"
        NOT_MODIFIED = "not_modified", "not modified (304)"
        PARTIAL = "partial", "some entries failed"
        ERROR = "error", "error"

    url = models.URLField(max_length=2048, unique=True)
    outlet = models.CharField(max_length=253, blank=True, help_text="the outlet this feed belongs to (a label)")
    active = models.BooleanField(default=True)
    poll_minutes = models.PositiveIntegerField(default=30, help_text="minutes between polls")
    include = models.CharField(
        max_length=500, blank=True, help_text="comma-separated keywords; only entries mentioning one are ingested"
    )
    last_status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    last_error = models.TextField(blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    error_count = models.PositiveIntegerField(default=0, help_text="consecutive failed polls")
    paused_at = models.DateTimeField(null=True, blank=True, help_text="set after repeated failures; edit to resume")
    last_polled = models.DateTimeField(null=True, blank=True)
    next_due = models.DateTimeField(null=True, blank=True, db_index=True)
    polling_since = models.DateTimeField(null=True, blank=True, help_text="the poll lock: set while a poll runs")
    articles_found = models.PositiveIntegerField(default=0)
    last_new = models.PositiveIntegerField(default=0, help_text="articles ingested by the last poll")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["outlet", "url"]

    def __str__(self) -> str:
        return self.url

    def get_absolute_url(self) -> str:
        return reverse("feed_edit", args=[self.pk])

    @property
    def paused(self) -> bool:
        return self.paused_at is not None


class FeedItem(models.Model):
    """One entry URL a feed announced and a poll processed: the per-feed memory of what was done."""

    class Outcome(models.TextChoices):
        INGESTED = "ingested", "ingested"
        KNOWN = "known", "already stored"
        FAILED = "failed", "failed"

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    url = models.URLField(max_length=2048)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    article = models.ForeignKey(Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "url"], name="feeditem_feed_url_unique")]
        indexes = [models.Index(fields=["feed", "created_at"], name="feeditem_feed_created")]

    def __str__(self) -> str:
        return f"{self.url} ({self.outcome})"
