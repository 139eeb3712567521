"""The review pages' forms now live in claims/forms.py; this name stays importable for the
modules that still import it from here (claims/views/queue.py)."""

from claims.forms import AdjudicateForm, ClaimSearchForm, QueueFilterForm, VerdictForm

__all__ = ["AdjudicateForm", "ClaimSearchForm", "QueueFilterForm", "VerdictForm"]
