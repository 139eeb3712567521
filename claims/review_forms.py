"""Forms of the review pages: verdicts, adjudication, and the queue's and claim list's filters."""

from __future__ import annotations

from django import forms

from claims.models import Claim, FactGroup, Outlet, Verdict
from claims.pipeline.types import KINDS
from claims.selectors import ClaimSearch
from claims.services.review import QueueFilters

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


class _OutletChoiceMixin:
    fields: dict[str, forms.Field]

    def _add_outlets(self) -> None:
        outlets = [(str(o.pk), str(o)) for o in Outlet.objects.order_by("name", "domain")]
        field = self.fields["outlet"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = _blank("Any outlet", outlets)


class QueueFilterForm(_OutletChoiceMixin, forms.Form):
    """The queue's filters, read from the query string; bad values are ignored, not errors."""

    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    outlet = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[])
    kind = forms.ChoiceField(required=False, choices=_blank("Any kind", KIND_CHOICES))
    relation = forms.ChoiceField(required=False, choices=_blank("Any relation", RELATION_CHOICES),
                                 label="Suggested relation")

    def __init__(self, *args: object, with_outlets: bool = True, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if with_outlets:
            self._add_outlets()

    def filters(self) -> QueueFilters:
        self.is_valid()  # a bad value drops that one filter; cleaned_data keeps the valid ones
        data = getattr(self, "cleaned_data", {})
        return QueueFilters(article=data.get("article"), outlet=data.get("outlet"), kind=data.get("kind") or "",
                            relation=data.get("relation") or "")


class ClaimSearchForm(_OutletChoiceMixin, forms.Form):
    q = forms.CharField(required=False, max_length=200, label="Search claim or sentence",
                        widget=forms.TextInput(attrs={"type": "search"}))
    kind = forms.ChoiceField(required=False, choices=_blank("Any kind", KIND_CHOICES))
    status = forms.ChoiceField(required=False, choices=_blank("Any status", Claim.Status.choices))
    review = forms.ChoiceField(required=False, choices=_blank("Any review", Claim.Review.choices))
    relation = forms.ChoiceField(required=False, choices=_blank("Any relation", RELATION_CHOICES))
    article = forms.IntegerField(required=False, min_value=1, label="Article id")
    outlet = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[])

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._add_outlets()

    def search(self) -> ClaimSearch:
        self.is_valid()  # a bad value drops that one filter; cleaned_data keeps the valid ones
        data = getattr(self, "cleaned_data", {})
        return ClaimSearch(q=(data.get("q") or "").strip(), kind=data.get("kind") or "",
                           status=data.get("status") or "", review=data.get("review") or "",
                           relation=data.get("relation") or "", article=data.get("article"),
                           outlet=data.get("outlet"))
