"""Forms of the facts pages: the fact list's filters and the reviewers' corrections."""

from __future__ import annotations

from django import forms

from claims.fact_selectors import STATUS_CHOICES, FactFilters
from claims.review_forms import NOTE_MAX, RELATION_CHOICES, _blank, _OutletChoiceMixin

ORDER_CHOICES = [("", "conflicts first"), ("newest", "newest first")]


class FactFilterForm(_OutletChoiceMixin, forms.Form):
    """The fact list's filters, read from the query string; a bad value drops that filter."""

    q = forms.CharField(required=False, max_length=200, label="Search subject or claim",
                        widget=forms.TextInput(attrs={"type": "search"}))
    relation = forms.ChoiceField(required=False, choices=_blank("Any relation", RELATION_CHOICES))
    outlet = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, choices=[])
    status = forms.ChoiceField(required=False, choices=_blank("Any status", STATUS_CHOICES), label="Review status")
    order = forms.ChoiceField(required=False, choices=ORDER_CHOICES, label="Order")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._add_outlets()

    def filters(self) -> FactFilters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return FactFilters(relation=data.get("relation") or "", outlet=data.get("outlet"),
                           status=data.get("status") or "", q=(data.get("q") or "").strip(),
                           order=data.get("order") or "")


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

