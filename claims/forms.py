"""All the app's forms: ingestion, re-ingestion jobs, the review pages (verdicts, adjudication, the
queue's and claim list's filters), the facts pages (filters and reviewers' corrections), the export
page and feeds."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from claims.export_formats import FORMATS
from claims.exports import VerdictFilters, verdict_filters
from claims.fact_selectors import STATUS_CHOICES, FactFilters
from claims.models import Article, Claim, FactGroup, Outlet, Verdict
from claims.pipeline.types import KINDS
from claims.selectors import ClaimSearch, QueueFilters
from claims.services.feeds import MAX_POLL_MINUTES

# Ingestion and re-ingestion jobs


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if len(files) > settings.FACTCHECK_MAX_UPLOAD_FILES:
            raise forms.ValidationError(f"At most {settings.FACTCHECK_MAX_UPLOAD_FILES} files per upload.")
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class IngestForm(forms.Form):
    uploads = MultipleFileField(required=False, label="Files")
    url = forms.CharField(
        required=False,
        max_length=settings.FACTCHECK_MAX_URL_LENGTH,
        widget=forms.URLInput(attrs={"placeholder": "https://…"}),
    )
    text = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 8}), max_length=settings.FACTCHECK_MAX_ARTICLE_BYTES
    )
    name = forms.CharField(required=False, max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not (data.get("uploads") or data.get("url") or (data.get("text") or "").strip()):
            raise forms.ValidationError("Give files, a URL or pasted text.")
        return data


class ReingestForm(forms.Form):
    """Options of a re-ingestion: force re-extracts articles whose text has not changed ("1")."""

    force = forms.BooleanField(required=False, widget=forms.HiddenInput)


class JobStartForm(ReingestForm):
    """The job page's start forms: all articles (the default), one outlet's, or one article."""

    SCOPES = (("all", "all articles"), ("outlet", "one outlet"), ("article", "one article"))

    scope = forms.ChoiceField(choices=SCOPES, required=False)
    outlet = forms.ModelChoiceField(queryset=Outlet.objects.all(), to_field_name="domain", required=False)
    article = forms.ModelChoiceField(queryset=Article.objects.all(), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["scope"] = data.get("scope") or "all"
        if data["scope"] == "outlet" and data.get("outlet") is None:
            self.errors.pop("outlet", None)
            raise forms.ValidationError("Choose an outlet to re-ingest.")
        if data["scope"] == "article" and data.get("article") is None:
            self.errors.pop("article", None)
            typed = str(self.data.get("article", "")).strip()[:20]
            raise forms.ValidationError(f"There is no article {typed or 'with that number'}.")
        return data


# The review pages

NOTE_MAX = 2000


def _blank(label: str, choices: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [("", label), *choices]


KIND_CHOICES = [(k, k.replace("_", " ")) for k in KINDS]
RELATION_CHOICES = [(value, str(label).replace("_", " ")) for value, label in FactGroup.Relation.choices]


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.Choice.choices)
    note = forms.CharField(required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))
    claim_version = forms.IntegerField(min_value=1)


class AdjudicateForm(forms.Form):
    verdict = forms.ChoiceField(choices=Verdict.Choice.choices, widget=forms.RadioSelect)
    note = forms.CharField(required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2}))


class _FilterForm(forms.Form):
    """A page's filters, read from the query string: a bad value drops that one filter and is not
    an error. The outlet select's choices are read from the database only when the form is shown."""

    def __init__(self, *args: object, with_outlets: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if with_outlets:
            outlets = [(str(o.pk), str(o)) for o in Outlet.objects.order_by("name", "domain")]
            field = self.fields["outlet"]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = _blank("Any outlet", outlets)

    def valid_values(self) -> dict[str, Any]:
        """The values that passed validation (cleaned_data keeps the valid ones of a bad query)."""
        self.is_valid()
        return getattr(self, "cleaned_data", {})


def _outlet_field(**options: Any) -> forms.TypedChoiceField:
    """An outlet select by id; _FilterForm fills in its choices."""
    return forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[], **options)


def _search_field(label: str) -> forms.CharField:
    return forms.CharField(
        required=False, max_length=200, label=label, widget=forms.TextInput(attrs={"type": "search"})
    )


class QueueFilterForm(_FilterForm):
    """The queue's filters."""

    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    outlet = _outlet_field()
    kind = forms.ChoiceField(required=False, choices=_blank("Any kind", KIND_CHOICES))
    relation = forms.ChoiceField(
        required=False, choices=_blank("Any relation", RELATION_CHOICES), label="Suggested relation"
    )

    def filters(self) -> QueueFilters:
        data = self.valid_values()
        return QueueFilters(
            article=data.get("article"),
            outlet=data.get("outlet"),
            kind=data.get("kind") or "",
            relation=data.get("relation") or "",
        )


class ClaimSearchForm(_FilterForm):
    q = _search_field("Search claim or sentence")
    kind = forms.ChoiceField(required=False, choices=_blank("Any kind", KIND_CHOICES))
    status = forms.ChoiceField(required=False, choices=_blank("Any status", Claim.Status.choices))
    review = forms.ChoiceField(required=False, choices=_blank("Any review", Claim.Review.choices))
    relation = forms.ChoiceField(required=False, choices=_blank("Any relation", RELATION_CHOICES))
    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    outlet = _outlet_field()

    def search(self) -> ClaimSearch:
        data = self.valid_values()
        return ClaimSearch(
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            status=data.get("status") or "",
            review=data.get("review") or "",
            relation=data.get("relation") or "",
            article=data.get("article"),
            outlet=data.get("outlet"),
        )


# The facts pages

ORDER_CHOICES = [("", "conflicts first"), ("newest", "newest first")]


class FactFilterForm(_FilterForm):
    """The fact list's filters."""

    q = _search_field("Search subject or claim")
    relation = forms.ChoiceField(required=False, choices=_blank("Any relation", RELATION_CHOICES), label="Relation")
    outlet = _outlet_field(label="Outlet")
    status = forms.ChoiceField(required=False, choices=_blank("Any status", STATUS_CHOICES), label="Review status")
    order = forms.ChoiceField(required=False, choices=ORDER_CHOICES, label="Order")

    def filters(self) -> FactFilters:
        data = self.valid_values()
        return FactFilters(
            relation=data.get("relation") or "",
            outlet=data.get("outlet"),
            status=data.get("status") or "",
            q=data.get("q") or "",
            order=data.get("order") or "",
        )


@dataclass(frozen=True)
class SelectField:
    """A filter select written out by the fact list's template: its options are built here in one
    format_html_join (the widget templates cost more than the rest of the page at 200 outlets)."""

    name: str
    label: str
    options: SafeString


def filter_selects(form: FactFilterForm) -> list[SelectField]:
    """The form's choice fields with the submitted value selected (a bad value selects nothing)."""
    data = form.data if form.is_bound else {}
    selects = []
    for name in ("relation", "outlet", "status", "order"):
        field = form.fields[name]
        assert isinstance(field, forms.ChoiceField)
        chosen = str(data.get(name, ""))
        choices = cast(list[tuple[object, str]], field.choices)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((value, " selected" if str(value) == chosen else "", label) for value, label in choices),
        )
        selects.append(SelectField(name=name, label=str(field.label or name.capitalize()), options=options))
    return selects


def _note() -> forms.CharField:
    return forms.CharField(required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 1}))


class SplitForm(forms.Form):
    claim = forms.IntegerField(min_value=1)
    note = _note()


class MoveForm(forms.Form):
    claim = forms.IntegerField(min_value=1)
    target = forms.IntegerField(min_value=1, label="Move to fact")
    note = _note()


class JoinForm(forms.Form):
    claim = forms.IntegerField(min_value=1, label="Claim id")
    note = _note()


class RelationForm(forms.Form):
    MATCHER = "matcher"
    relation = forms.ChoiceField(choices=[*RELATION_CHOICES, (MATCHER, "the matcher's suggestion")])
    note = _note()


class ConstraintForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("dismiss", "dismiss")])
    note = _note()


# Export


def _value_choices(values: list[str], empty: str) -> list[tuple[str, str]]:
    return [("", empty), *((value, value.replace("_", " ")) for value in values)]


class ExportForm(forms.Form):
    since = forms.DateField(required=False, label="Verdicts from", widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(required=False, label="Verdicts until", widget=forms.DateInput(attrs={"type": "date"}))
    outlet = forms.CharField(required=False, max_length=253, label="Outlet domain")
    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    reviewer = forms.CharField(required=False, max_length=150, label="Reviewer username")
    verdict = forms.ChoiceField(required=False, choices=_value_choices(Verdict.Choice.values, "any verdict"))
    status = forms.ChoiceField(
        required=False, choices=_value_choices(Claim.Status.values, "any status"), label="Claim status"
    )
    relation = forms.ChoiceField(
        required=False, choices=_value_choices(FactGroup.Relation.values, "any relation"), label="Suggested relation"
    )
    include_retracted = forms.BooleanField(required=False, label="Include retracted verdicts")
    format = forms.ChoiceField(choices=[(name, name) for name in FORMATS], initial="csv")
    bom = forms.BooleanField(required=False, label="Add a BOM (for Excel; CSV only)")

    def filters(self) -> VerdictFilters:
        return verdict_filters(self.cleaned_data)


# Feeds


class FeedForm(forms.Form):
    url = forms.CharField(
        label="Feed URL",
        max_length=settings.FACTCHECK_MAX_URL_LENGTH,
        widget=forms.URLInput(attrs={"placeholder": "https://…/feed.xml"}),
        help_text="RSS 2.0, Atom, a news sitemap or a sitemap index",
    )
    outlet = forms.CharField(required=False, max_length=253, help_text="default: the feed's host name")
    poll_minutes = forms.IntegerField(
        label="Poll every (minutes)",
        initial=30,
        min_value=settings.FACTCHECK_FEED_MIN_POLL_MINUTES,
        max_value=MAX_POLL_MINUTES,
    )
    include = forms.CharField(
        label="Only entries mentioning",
        required=False,
        max_length=500,
        help_text="comma-separated keywords; empty: every entry",
    )
    active = forms.BooleanField(required=False, initial=True, help_text="saving also resumes a paused feed")
