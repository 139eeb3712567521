"""Login with throttling; otherwise Django's own LoginView."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse

from claims.services.login_throttle import login_attempt_begin, login_success_record

THROTTLED_MESSAGE = "Too many failed attempts. Wait 15 minutes before trying again."


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the header a trusted proxy sets (FACTCHECK_CLIENT_IP_HEADER,
    e.g. HTTP_X_REAL_IP) so that clients behind one proxy are not throttled as one."""
    header = settings.FACTCHECK_CLIENT_IP_HEADER
    value = request.META.get(header, "") if header else ""
    return str(value or request.META.get("REMOTE_ADDR", "")).split(",")[-1].strip()[:45]


class ThrottledLoginView(auth_views.LoginView):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = str(request.POST.get("username", ""))[:300]
        address = client_address(request)
        if not login_attempt_begin(username=username, address=address):
            # The form without the password: validating the posted one would check it after all.
            form = self.get_form_class()(request, data={"username": username.strip()[:150]})
            form.errors.clear()
            form.add_error(None, THROTTLED_MESSAGE)
            response = self.render_to_response(self.get_context_data(form=form, throttled=True))
            response.status_code = 429
            return response
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            login_success_record(username=username)  # the attempt's own row goes with the others
        return response
