"""Security headers on every page."""

import pytest
from django.test import Client


@pytest.mark.django_db
def test_pages_carry_a_csp_without_inline_scripts(client: Client) -> None:
    response = client.get("/accounts/login/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_the_login_page_has_no_inline_script(client: Client) -> None:
    html = client.get("/accounts/login/").content.decode()
    assert "<script>" not in html
    assert 'src="/static/js/htmx.min.js"' in html
