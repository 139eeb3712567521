"""Admins' re-ingestion pages: start a job (all articles, one outlet's, one article) and watch
its progress bar, which htmx refreshes every 2 s until the job ends."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from claims.forms import JobStartForm, ReingestForm
from claims.http import HtmxHttpRequest
from claims.models import Article, Job, Outlet, TaskFailure
from claims.roles import admin_required
from claims.services.reingest import JobNotQueued, job_is_finished, job_start, job_summary

JOBS_SHOWN = 50
FAILURES_SHOWN = 20


@admin_required
@require_http_methods(["GET", "POST"])
def job_list(request: HttpRequest) -> HttpResponse:
    """GET: recent jobs and the start forms. POST scope=all|outlet starts a job."""
    if request.method == "POST":
        return _start_from_form(request)
    outlets = Outlet.objects.annotate(article_count=Count("articles")).filter(article_count__gt=0).order_by("domain")
    jobs = Job.objects.select_related("created_by")[:JOBS_SHOWN]
    return render(
        request,
        "claims/job_list.html",
        {
            "jobs": jobs,
            "outlets": outlets,
            "article_count": Article.objects.count(),
            "failures": TaskFailure.objects.all()[:FAILURES_SHOWN],
        },
    )


def _start_from_form(request: HttpRequest) -> HttpResponse:
    form = JobStartForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.non_field_errors()) or "Check the job's options.")
        return redirect("jobs")
    scope, force = form.cleaned_data["scope"], form.cleaned_data["force"]
    if scope == "article":
        return article_reingest(request, form.cleaned_data["article"].pk)
    if scope == "outlet":
        outlet = form.cleaned_data["outlet"]
        ids = Article.objects.filter(outlet=outlet).values_list("id", flat=True)
        start = partial(
            job_start,
            kind="reingest_outlet",
            article_ids=ids,
            user=request.user,
            description=outlet.domain,
            force=force,
        )
    else:
        start = partial(
            job_start,
            kind="reingest_all",
            article_ids=Article.objects.values_list("id", flat=True),
            user=request.user,
            description="all articles",
            force=force,
        )
    try:
        job = start()
    except JobNotQueued as error:
        return _not_queued(request, error)
    messages.success(request, f"Job {job.pk} started: {job.total} article(s) to re-ingest.")
    return redirect(job)


def _not_queued(request: HttpRequest, error: JobNotQueued) -> HttpResponse:
    messages.error(
        request,
        f"Job {error.job.pk} could not be queued and is marked failed: {error}. "
        "Start it again once the task queue is back.",
    )
    return redirect(error.job)


def _force(request: HttpRequest) -> bool:
    form = ReingestForm(request.POST)
    return bool(form.is_valid() and form.cleaned_data["force"])


@admin_required
@require_POST
def article_reingest(request: HttpRequest, article_id: int) -> HttpResponse:
    article = get_object_or_404(Article, pk=article_id)
    try:
        job = job_start(
            kind="reingest_articles",
            article_ids=[article.pk],
            user=request.user,
            description=str(article)[:300],
            force=_force(request),
        )
    except JobNotQueued as error:
        return _not_queued(request, error)
    messages.success(request, f"Job {job.pk} started: re-ingesting {article}.")
    return redirect(job)


@admin_required
@vary_on_headers("HX-Request")
def job_detail(request: HtmxHttpRequest, job_id: int) -> HttpResponse:
    """The whole page, or (for htmx polling) only the progress fragment."""
    job = get_object_or_404(Job, pk=job_id)
    context = {
        "job": job,
        "summary": job_summary(job),
        "finished": job_is_finished(job),
        "processed": job.done + job.failed,
        "queued": max(job.total - job.done - job.failed, 0),
    }
    template = "claims/_job_progress.html" if request.htmx else "claims/job_detail.html"
    return render(request, template, context)
