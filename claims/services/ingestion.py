"""Writes for ingestion: store an article (one transaction each), its revision, its claims,
and its copy links. Matching is enqueued after the transaction commits."""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from claims.broker import BrokerUnavailable
from claims.models import Article, ArticleBand, ArticleRevision, AuditEntry, Claim, Outlet, PendingInput
from claims.pipeline.clean.cleaning import clean_document
from claims.pipeline.extract.extraction import EXTRACTOR_VERSION, extract_claims
from claims.pipeline.neardup import minhash as neardup
from claims.pipeline.neardup.fingerprint import fingerprints
from claims.pipeline.types import CleanedDocument, ExtractedClaim, InputError
from claims.services.rarity import term_counts_update
from claims.services.review import review_state
from claims.sql import table

MAX_CANDIDATES = 50
MAX_PER_KEY = 50  # newest articles read under one MinHash key

logger = logging.getLogger(__name__)


@dataclass
class IngestResult:
    """What happened to one input: the JSON object `ingest --json` prints."""

    input: str
    status: str  # created | unchanged | updated | error | queued
    article: int | None = None
    title: str = ""
    outlet: str = ""
    published: str | None = None
    copy_of: int | None = None
    error: str = ""
    claims: int = 0
    warning: str = ""  # stored, but something after the store did not happen (matching not queued)

    def as_json(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "article": self.article,
            "status": self.status,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "copy_of": self.copy_of,
            "error": self.error or None,
            "warning": self.warning or None,
        }


def fit(model: type[models.Model], field: str, value: str) -> str:
    """Cut text read from an article to its column's length: every text column written from
    article data goes through here, so no site name, title or unit can fail an insert."""
    limit = getattr(model._meta.get_field(field), "max_length", None)
    return value[:limit] if limit else value


def article_identity(*, url: str, name: str, raw: bytes) -> str:
    """URL when known, else the source file name, else (pasted text) a hash of the bytes."""
    if url:
        return url
    if name:
        return f"file:{name}"
    return "pasted:" + hashlib.sha256(raw).hexdigest()[:24]


def clean(*, raw: bytes, name: str = "", url: str = "", content_type: str = "") -> CleanedDocument:
    """Clean bytes exactly as ingestion does (the `extract` command uses this too)."""
    return clean_document(
        raw, name=name, url=url, content_type=content_type, max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES
    )


def article_ingest(
    *, raw: bytes, name: str = "", url: str = "", content_type: str = "", label: str = "", force: bool = False
) -> IngestResult:
    """Store one article. Bad input gives an error result and writes nothing."""
    shown = label or name or url or "-"
    try:
        doc = clean(raw=raw, name=name, url=url, content_type=content_type)
    except InputError as exc:
        return IngestResult(input=shown, status="error", error=str(exc))
    # A URL read from the document itself is only a hint: one longer than the product's URL
    # limit would not fit the article's columns, so the article is stored without it.
    url = url or (doc.url if len(doc.url) <= settings.FACTCHECK_MAX_URL_LENGTH else "")
    identity = article_identity(url=url, name=name, raw=raw)
    try:
        article, status = article_save(identity=identity, raw=raw, doc=doc, name=name, url=url, force=force)
    except InputError as exc:
        return IngestResult(input=shown, status="error", error=str(exc))
    warning = ""
    try:
        match_enqueue(article=article, status=status)
    except BrokerUnavailable as exc:
        warning = f"stored, but not matched yet: {exc}; it is matched once the queue is back"
    return IngestResult(
        input=shown,
        status=status,
        article=article.pk,
        title=article.title,
        outlet=str(article.outlet) if article.outlet_id else "",
        published=article.published.isoformat() if article.published else None,
        copy_of=article.copy_of_id,
        claims=article.claims.exclude(status=Claim.Status.WITHDRAWN).count(),
        warning=warning,
    )


def pending_input_enqueue(*, raw: bytes, name: str, label: str) -> IngestResult:
    """`ingest --async`: store the input and send a worker its id (never the bytes).

    When the broker cannot be reached the input is dropped again and the result says so."""
    from claims.tasks import enqueue_ingest_input

    item = PendingInput.objects.create(raw=raw, name=fit(PendingInput, "name", name))
    try:
        enqueue_ingest_input(item.pk)
    except BrokerUnavailable as exc:
        item.delete()
        return IngestResult(input=label, status="error", error=f"not queued: {exc}")
    return IngestResult(input=label, status="queued")


def pending_input_ingest(*, input_id: int) -> IngestResult | None:
    """Ingest a stored input and drop it, in one transaction; None when it is gone (done
    already) or another worker holds it."""
    with transaction.atomic():
        item = PendingInput.objects.select_for_update(skip_locked=True).filter(pk=input_id).first()
        if item is None:
            return None
        result = article_ingest(raw=bytes(item.raw), name=item.name, label=item.name or f"input {input_id}")
        item.delete()
    if result.status == "error":
        logger.warning("ingesting %s failed: %s", result.input, result.error)
    return result


def article_store(
    *, identity: str, raw: bytes, doc: CleanedDocument, name: str, url: str, force: bool = False
) -> tuple[Article, str]:
    """Store a cleaned document under its identity: the one write path of ingestion and re-ingestion.

    Returns the article and "created", "updated" or "unchanged". Unchanged content read by the
    current extractor writes nothing; otherwise a new revision is stored and the claims synced.
    Matching is enqueued once the transaction commits. Joins the caller's transaction if any.
    """
    article, status = article_save(identity=identity, raw=raw, doc=doc, name=name, url=url, force=force)
    match_enqueue(article=article, status=status)
    return article, status


def article_save(
    *, identity: str, raw: bytes, doc: CleanedDocument, name: str, url: str, force: bool = False
) -> tuple[Article, str]:
    """article_store without sending the match: the article is left marked as waiting for it."""
    try:
        with transaction.atomic():
            return _store_article(identity=identity, raw=raw, doc=doc, name=name, url=url, force=force)
    except IntegrityError:
        # A concurrent ingest of the same identity won the race: it is stored once, by the other.
        return Article.objects.get(identity=identity), "unchanged"


def match_enqueue(*, article: Article, status: str) -> None:
    """Send the article's matching (on commit) when it changed or still waits for an earlier one.
    Raises BrokerUnavailable when sent at once and the broker is down (the article stays waiting)."""
    if status != "unchanged" or article.match_pending_since is not None:
        from claims.tasks import enqueue_match

        enqueue_match(article.pk)


def _store_article(
    *, identity: str, raw: bytes, doc: CleanedDocument, name: str, url: str, force: bool
) -> tuple[Article, str]:
    content_hash = hashlib.sha256(raw).hexdigest()
    # The row lock serialises concurrent (re-)ingests of one article, so a redelivered task
    # waits for the first and then finds nothing left to do.
    article = Article.objects.select_for_update().filter(identity=identity).first()
    same_content = article is not None and (article.content_hash == content_hash or article.text == doc.text)
    if article is not None and not force and same_content and article.extractor_version == EXTRACTOR_VERSION:
        return article, "unchanged"
    status = "created" if article is None else "updated"
    if article is None:
        article = Article(identity=identity)
    article.url = url if len(url) <= Article._meta.get_field("url").max_length else ""  # type: ignore[operator]
    article.source_name = fit(Article, "source_name", name) or article.source_name
    article.outlet = _outlet_for(doc)
    article.title = fit(Article, "title", doc.title)
    article.published = doc.published
    article.raw = raw
    article.text = doc.text
    article.content_hash = content_hash
    article.encoding = fit(Article, "encoding", doc.encoding)
    article.extractor_version = EXTRACTOR_VERSION
    article.match_pending_since = timezone.now()
    article.save()
    number = article.revisions.count() + 1
    revision = ArticleRevision.objects.create(
        article=article,
        number=number,
        raw=raw,
        text=doc.text,
        content_hash=content_hash,
        extractor_version=EXTRACTOR_VERSION,
    )
    _link_copies(article)
    extracted = extract_claims(doc.text, published=article.reference_date)
    limit = settings.FACTCHECK_MAX_CLAIMS_PER_ARTICLE
    if len(extracted) > limit:
        # Raised inside the transaction: the article, its revision and its copy links roll back.
        shown = name or url or doc.title[:80] or identity[:80]
        raise InputError(
            f"{shown}: {len(extracted):,} claims, more than the {limit:,} one article may have "
            "(FACTCHECK_MAX_CLAIMS_PER_ARTICLE); nothing was stored"
        )
    claims_sync(article=article, revision=revision, extracted=extracted)
    return article, status


def _outlet_for(doc: CleanedDocument) -> Outlet | None:
    domain = ""
    if doc.url:
        from urllib.parse import urlsplit

        domain = (urlsplit(doc.url).hostname or "").removeprefix("www.")
    key = domain or doc.outlet.strip().lower()
    if not key:
        return None
    outlet, _ = Outlet.objects.get_or_create(
        domain=fit(Outlet, "domain", key), defaults={"name": fit(Outlet, "name", doc.outlet or domain)}
    )
    return outlet


def _link_copies(article: Article) -> None:
    """Link the article to its nearest stored neighbour: a copy of one wire story, or a rewrite.

    Candidates come from the MinHash key index (a shared LSH band: copy candidate; several
    shared single-value keys: rewrite candidate), never from a scan of every article; they are
    ranked by estimated similarity and the best one is confirmed with the exact Jaccard.
    """
    signature = neardup.signature(article.text)
    keys = neardup.band_keys(signature) + neardup.rewrite_keys(signature)
    ArticleBand.objects.filter(article=article).delete()
    ArticleBand.objects.bulk_create(
        [ArticleBand(article=article, key=key, signature=signature if i == 0 else []) for i, key in enumerate(keys)]
    )
    article.copy_of = None
    article.copy_similarity = None
    article.nearest = None
    article.nearest_similarity = None
    candidate_ids = _similar_article_ids(article, keys)
    signatures = ArticleBand.objects.filter(article_id__in=candidate_ids, key__startswith="b00:")
    ranked = sorted(
        ((neardup.estimated_similarity(signature, row.signature), row.article_id) for row in signatures),
        reverse=True,
    )
    if ranked:
        other = Article.objects.only("id", "text", "copy_of_id").get(pk=ranked[0][1])
        similarity = neardup.jaccard(article.text, other.text)
        if neardup.relation(similarity) is not None:
            article.nearest, article.nearest_similarity = other, round(similarity, 4)
        if neardup.relation(similarity) == "copy":
            root_id = other.copy_of_id or other.pk
            if root_id != article.pk:
                article.copy_of_id, article.copy_similarity = root_id, round(similarity, 4)
    article.save(update_fields=["copy_of", "copy_similarity", "nearest", "nearest_similarity"])


_SIMILAR_ARTICLES_SQL = """
    SELECT hit.article_id
    FROM unnest(%s::text[]) AS k(key)
    CROSS JOIN LATERAL (
        SELECT ab.article_id FROM {article_band} ab
        WHERE ab.key = k.key AND ab.article_id <> %s
        ORDER BY ab.article_id DESC LIMIT %s
    ) AS hit
    GROUP BY hit.article_id
    HAVING count(*) FILTER (WHERE left(k.key, 1) = 'b') >= 1 OR count(*) >= %s
    ORDER BY count(*) DESC, hit.article_id DESC
    LIMIT %s
"""


def _similar_article_ids(article: Article, keys: list[str]) -> list[int]:
    """Articles sharing an LSH band (copy candidates) or several MinHash values (rewrite candidates).

    Only the newest articles under each key are read: a key shared by thousands of articles comes
    from a phrase every article uses and says nothing, and reading it whole would make each
    ingest slower as the store grows.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                _SIMILAR_ARTICLES_SQL.format(article_band=table(ArticleBand)),
                [keys, article.pk, MAX_PER_KEY, neardup.REWRITE_MIN_SHARED_KEYS, MAX_CANDIDATES],
            )
            return [row[0] for row in cursor.fetchall()]
    shared: Counter[int] = Counter()
    banded: set[int] = set()
    for key in keys:
        hits = (
            ArticleBand.objects.filter(key=key)
            .exclude(article=article)
            .order_by("-article_id")
            .values_list("article_id", flat=True)[:MAX_PER_KEY]
        )
        for article_id in hits:
            shared[article_id] += 1
            if key.startswith("b"):
                banded.add(article_id)
    found = [a for a, n in shared.items() if a in banded or n >= neardup.REWRITE_MIN_SHARED_KEYS]
    return sorted(found, key=lambda a: (-shared[a], -a))[:MAX_CANDIDATES]


def claims_sync(*, article: Article, revision: ArticleRevision | None, extracted: list[ExtractedClaim]) -> None:
    """Make the article's stored claims match a fresh extraction without losing a verdict.

    A claim whose fingerprint survives keeps its verdicts; one whose figure changed is
    reopened (its old verdicts kept, "was X, now Y"); one that disappeared is withdrawn.
    Claims are never deleted, so every verdict stays attached to a claim.
    """
    existing = {c.fingerprint: c for c in article.claims.all()}
    old_sentences = {c.sentence for c in existing.values() if c.status != Claim.Status.WITHDRAWN}
    prints = fingerprints(extracted)
    stored: list[Claim] = []
    new_claims: list[Claim] = []
    for claim_data, fingerprint in zip(extracted, prints, strict=True):
        claim = existing.pop(fingerprint, None)
        fields = {
            "revision": revision,
            "start": claim_data.start,
            "end": claim_data.end,
            "text": fit(Claim, "text", claim_data.text),
            "sentence": claim_data.sentence,
            "sentence_start": claim_data.sentence_start,
            "kind": fit(Claim, "kind", claim_data.kind),
            "unit": fit(Claim, "unit", claim_data.unit),
            "hedge": fit(Claim, "hedge", claim_data.hedge),
            "normalized": fit(Claim, "normalized", claim_data.normalized),
            "score": claim_data.score,
            "subject": list(claim_data.subject),
            "extractor_version": EXTRACTOR_VERSION,
        }
        if claim is None:
            claim = Claim(article=article, fingerprint=fingerprint, value=claim_data.value, linked_to=None, **fields)
            new_claims.append(claim)
        else:
            _update_claim(claim, value=claim_data.value, fields=fields)
        stored.append(claim)
    Claim.objects.bulk_create(new_claims)  # one INSERT; sets their ids (PostgreSQL, SQLite 3.35+)
    for gone in existing.values():
        if gone.status != Claim.Status.WITHDRAWN:
            AuditEntry.objects.create(
                claim=gone,
                action="withdrawn",
                old=gone.status,
                new=Claim.Status.WITHDRAWN,
                note="the claim is no longer in the article",
            )
            gone.status = Claim.Status.WITHDRAWN
            gone.lease_holder = None
            gone.lease_expires = None
            gone.save(update_fields=["status", "lease_holder", "lease_expires", "updated_at"])
    relinked: list[Claim] = []
    for claim, claim_data in zip(stored, extracted, strict=True):
        linked = stored[claim_data.linked_to].pk if claim_data.linked_to is not None else None
        if claim.linked_to_id != linked:
            claim.linked_to_id = linked
            relinked.append(claim)
    Claim.objects.bulk_update(relinked, ["linked_to"])
    # Last, so that the store's shared count rows stay locked for as little of the transaction as can be.
    term_counts_update(old_sentences=old_sentences, new_sentences=[c.sentence for c in stored])


def _update_claim(claim: Claim, *, value: float | None, fields: dict[str, Any]) -> None:
    figure_changed = claim.value != value
    came_back = claim.status == Claim.Status.WITHDRAWN
    old_value, old_text = claim.value, claim.text
    for name, new in fields.items():
        setattr(claim, name, new)
    if figure_changed:
        AuditEntry.objects.create(
            claim=claim, action="figure changed", old=_fmt(old_value), new=_fmt(value), note="reopened by re-ingestion"
        )
        claim.previous_value, claim.previous_text = old_value, old_text
        claim.value = value
        claim.status = Claim.Status.REOPENED
        claim.version += 1
        claim.review = review_state([], version=claim.version)  # no verdict on the new version yet
    elif came_back:
        AuditEntry.objects.create(
            claim=claim,
            action="restored",
            old=Claim.Status.WITHDRAWN,
            new=Claim.Status.CURRENT,
            note="the claim is back in the article",
        )
        claim.status = Claim.Status.CURRENT
    claim.save()


def _fmt(value: float | None) -> str:
    if value is None:
        return "none"
    return f"{value:g}"
