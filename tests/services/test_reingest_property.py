"""Property: however an article is edited between re-ingestions (sentences inserted, deleted,
reworded, figures changed), no verdict is ever lost, and the claims not withdrawn are exactly
the ones the current text gives."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.models import Article, Claim, Verdict
from claims.pipeline.neardup.fingerprint import fingerprints
from claims.services.ingestion import article_ingest
from claims.services.reingest import article_reingest
from tests.services.fake_pipeline import fake_extract_claims, install_fake_pipeline

SUBJECTS = ["The ferry company", "A regional survey", "The school board", "Local growers", "The museum"]
VERBS = ["reported", "counted", "expected", "recorded"]
THINGS = ["passengers", "new members", "apples", "visitors", "complaints"]

_urls = itertools.count(1)

sentences = st.builds(
    lambda subject, verb, number, thing: f"{subject} {verb} {number} {thing}.",
    st.sampled_from(SUBJECTS),
    st.sampled_from(VERBS),
    st.integers(1, 999),
    st.sampled_from(THINGS),
)

insert = st.tuples(st.just("insert"), st.integers(0, 20), sentences)
delete = st.tuples(st.just("delete"), st.integers(0, 20))
reword = st.tuples(st.just("reword"), st.integers(0, 20), st.sampled_from(VERBS))
refigure = st.tuples(st.just("refigure"), st.integers(0, 20), st.integers(1, 999))
edits = st.lists(st.one_of(insert, delete, reword, refigure), min_size=1, max_size=4)


def _apply(lines: list[str], edit: tuple[Any, ...]) -> list[str]:
    lines = list(lines)
    if edit[0] == "insert":
        lines.insert(edit[1] % (len(lines) + 1), edit[2])
    elif not lines:
        return lines
    elif edit[0] == "delete":
        del lines[edit[1] % len(lines)]
    elif edit[0] == "reword":
        at = edit[1] % len(lines)
        words = lines[at].split(" ")
        verb_at = next(i for i, w in enumerate(words) if w in VERBS)
        words[verb_at] = edit[2]
        lines[at] = " ".join(words)
    elif edit[0] == "refigure":
        at = edit[1] % len(lines)
        words = lines[at].split(" ")
        number_at = next(i for i, w in enumerate(words) if w.isdigit())
        words[number_at] = str(edit[2])
        lines[at] = " ".join(words)
    return lines


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    first=st.lists(sentences, min_size=1, max_size=6),
    rounds=st.lists(edits, min_size=1, max_size=5),
    pick=st.randoms(use_true_random=False),
)
def test_re_ingesting_edited_articles_never_loses_a_verdict(
    monkeypatch: pytest.MonkeyPatch, reviewer: Any, first: list[str], rounds: list[list[tuple[Any, ...]]], pick: Any
) -> None:
    install_fake_pipeline(monkeypatch)
    url = f"https://news.example.org/story-{next(_urls)}"
    page = {"text": " ".join(first)}
    monkeypatch.setattr("claims.services.urls.fetch_article", lambda *, url: (page["text"].encode(), "text/plain", url))
    article_id = article_ingest(raw=page["text"].encode(), url=url).article
    assert article_id is not None
    article = Article.objects.get(pk=article_id)
    verdict_claims: dict[int, int] = {}
    lines = list(first)

    for round_edits in rounds:
        open_claims = list(article.claims.exclude(status=Claim.Status.WITHDRAWN))
        if open_claims:
            claim = pick.choice(open_claims)
            verdict = Verdict.objects.create(claim=claim, reviewer=reviewer, verdict="agree", claim_value=claim.value)
            verdict_claims[verdict.pk] = claim.pk
        for edit in round_edits:
            lines = _apply(lines, edit)
        page["text"] = " ".join(lines)
        claims_before = article.claims.count()

        article_reingest(article_id=article.pk)

        assert article.claims.count() >= claims_before  # claims are never deleted
        kept = dict(Verdict.objects.filter(claim__article=article).values_list("id", "claim_id"))
        assert kept == verdict_claims  # every verdict still on the claim it was given to
        statuses = set(Claim.objects.filter(pk__in=kept.values()).values_list("status", flat=True))
        assert statuses <= {Claim.Status.CURRENT, Claim.Status.REOPENED, Claim.Status.WITHDRAWN}
        expected = set(fingerprints(fake_extract_claims(page["text"].strip())))
        live = set(article.claims.exclude(status=Claim.Status.WITHDRAWN).values_list("fingerprint", flat=True))
        assert live == expected
