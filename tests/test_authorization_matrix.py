"""Every URL pattern of the project, for every role, by GET and by POST: the expected response.

The matrix is explicit: a URL pattern added without its rows fails
`test_every_url_pattern_has_a_get_and_a_post_row`, naming the pattern. POSTs carry a valid CSRF
token (so a refusal comes from the role check, not from CSRF); a separate test shows that no POST
is accepted without one. A refused request writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.admin.sites import site as admin_site
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from claims.models import Article, AuditEntry, FactGroup, Feed, Job, MatchConstraint, Skip, Verdict
from tests.factories import make_article, make_claim, make_group

ROLES = ("anonymous", "no_role", "reviewer", "admin", "staff")


@dataclass(frozen=True)
class Redirect:
    """A redirect whose Location starts with ``prefix``."""

    prefix: str
    status: int = 302


LOGIN = Redirect("/accounts/login/?next=")
ADMIN_LOGIN = Redirect("/admin/login/?next=/admin/")
Expected = int | Redirect

# Column order: anonymous, no-role user, reviewer, admin (group), staff superuser.
ANYONE_LOGGED_IN = (LOGIN, 200, 200, 200, 200)
REVIEWER_PAGE = (LOGIN, 403, 200, 200, 200)
REVIEWER_POST_ONLY_GET = (LOGIN, 403, 405, 405, 405)
ADMIN_PAGE = (LOGIN, 403, 403, 200, 200)
ADMIN_POST_ONLY_GET = (LOGIN, 403, 403, 405, 405)
SIGN_IN_POST = (200, Redirect("/"), Redirect("/"), Redirect("/"), Redirect("/"))
REVIEWER_GET_ONLY_POST = (LOGIN, 403, 405, 405, 405)
BACK_TO_FACTS = Redirect("/facts/", 303)
REVIEWER_CORRECTION = (LOGIN, 403, BACK_TO_FACTS, BACK_TO_FACTS, BACK_TO_FACTS)

MATRIX: dict[tuple[str, str], tuple[Expected, ...]] = {
    # Django admin: only staff get past its own login page.
    ("admin/", "GET"): (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    ("admin/", "POST"): (ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, ADMIN_LOGIN, 200),
    ("admin/login/", "GET"): (200, 200, 200, 200, 200),
    ("admin/login/", "POST"): SIGN_IN_POST,
    ("accounts/login/", "GET"): (200, 200, 200, 200, 200),
    ("accounts/login/", "POST"): SIGN_IN_POST,
    ("accounts/logout/", "GET"): (405, 405, 405, 405, 405),
    ("accounts/logout/", "POST"): (Redirect("/accounts/login/"),) * 5,
    ("accounts/password_change/", "GET"): ANYONE_LOGGED_IN,
    ("accounts/password_change/", "POST"): ANYONE_LOGGED_IN,  # wrong old password: the form again
    ("accounts/password_change/done/", "GET"): ANYONE_LOGGED_IN,
    ("accounts/password_change/done/", "POST"): (LOGIN, 405, 405, 405, 405),
    ("", "GET"): ANYONE_LOGGED_IN,
    ("", "POST"): ANYONE_LOGGED_IN,
    ("healthz", "GET"): (200, 200, 200, 200, 200),
    ("healthz", "POST"): (405, 405, 405, 405, 405),
    ("readyz", "GET"): (200, 200, 200, 200, 200),
    ("readyz", "POST"): (405, 405, 405, 405, 405),
    ("ingest/", "GET"): ADMIN_PAGE,
    ("ingest/", "POST"): ADMIN_PAGE,
    ("queue/", "GET"): REVIEWER_PAGE,
    ("queue/", "POST"): (LOGIN, 403, 405, 405, 405),
    ("queue/undo/", "GET"): REVIEWER_POST_ONLY_GET,
    ("queue/undo/", "POST"): (LOGIN, 403, Redirect("/queue/", 303), Redirect("/queue/", 303), Redirect("/queue/", 303)),
    ("queue/<int:claim_id>/verdict/", "GET"): REVIEWER_POST_ONLY_GET,
    ("queue/<int:claim_id>/verdict/", "POST"): (
        LOGIN,
        403,
        Redirect("/queue/", 303),
        Redirect("/queue/", 303),
        Redirect("/queue/", 303),
    ),
    ("queue/<int:claim_id>/skip/", "GET"): REVIEWER_POST_ONLY_GET,
    ("queue/<int:claim_id>/skip/", "POST"): (
        LOGIN,
        403,
        Redirect("/queue/", 303),
        Redirect("/queue/", 303),
        Redirect("/queue/", 303),
    ),
    ("queue/<int:claim_id>/renew/", "GET"): REVIEWER_POST_ONLY_GET,
    ("queue/<int:claim_id>/renew/", "POST"): REVIEWER_PAGE,
    ("progress/", "GET"): REVIEWER_PAGE,
    ("progress/", "POST"): (LOGIN, 403, 405, 405, 405),
    ("claims/", "GET"): REVIEWER_PAGE,
    ("claims/", "POST"): (LOGIN, 403, 405, 405, 405),
    ("articles/", "GET"): REVIEWER_PAGE,
    ("articles/", "POST"): (LOGIN, 403, 405, 405, 405),
    ("articles/<int:article_id>/", "GET"): REVIEWER_PAGE,
    ("articles/<int:article_id>/", "POST"): (LOGIN, 403, 405, 405, 405),
    ("adjudicate/", "GET"): ADMIN_PAGE,
    ("adjudicate/", "POST"): (LOGIN, 403, 403, 405, 405),
    ("adjudicate/<int:claim_id>/", "GET"): ADMIN_POST_ONLY_GET,
    ("adjudicate/<int:claim_id>/", "POST"): (
        LOGIN,
        403,
        403,
        Redirect("/adjudicate/", 303),
        Redirect("/adjudicate/", 303),
    ),
    ("export/", "GET"): ADMIN_PAGE,
    ("export/", "POST"): ADMIN_PAGE,  # the filter form again: export only ever reads the query string
    ("jobs/", "GET"): ADMIN_PAGE,
    ("jobs/", "POST"): (LOGIN, 403, 403, Redirect("/jobs/"), Redirect("/jobs/")),
    ("jobs/<int:job_id>/", "GET"): ADMIN_PAGE,
    ("jobs/<int:job_id>/", "POST"): ADMIN_PAGE,  # the progress page again; it changes nothing
    ("articles/<int:article_id>/reingest/", "GET"): ADMIN_POST_ONLY_GET,
    ("articles/<int:article_id>/reingest/", "POST"): (LOGIN, 403, 403, Redirect("/jobs/"), Redirect("/jobs/")),
    ("feeds/", "GET"): ADMIN_PAGE,
    ("feeds/", "POST"): ADMIN_POST_ONLY_GET,
    ("feeds/add/", "GET"): ADMIN_PAGE,
    ("feeds/add/", "POST"): (LOGIN, 403, 403, Redirect("/feeds/"), Redirect("/feeds/")),
    ("feeds/<int:feed_id>/", "GET"): ADMIN_PAGE,
    ("feeds/<int:feed_id>/", "POST"): (LOGIN, 403, 403, Redirect("/feeds/"), Redirect("/feeds/")),
    ("feeds/<int:feed_id>/poll/", "GET"): ADMIN_POST_ONLY_GET,
    ("feeds/<int:feed_id>/poll/", "POST"): (LOGIN, 403, 403, Redirect("/feeds/"), Redirect("/feeds/")),
    ("facts/", "GET"): REVIEWER_PAGE,
    ("facts/", "POST"): REVIEWER_GET_ONLY_POST,
    ("facts/<int:group_id>/", "GET"): REVIEWER_PAGE,
    ("facts/<int:group_id>/", "POST"): REVIEWER_GET_ONLY_POST,
    ("facts/<int:group_id>/split/", "GET"): REVIEWER_POST_ONLY_GET,
    ("facts/<int:group_id>/split/", "POST"): REVIEWER_CORRECTION,
    ("facts/<int:group_id>/move/", "GET"): REVIEWER_POST_ONLY_GET,
    ("facts/<int:group_id>/move/", "POST"): REVIEWER_CORRECTION,
    ("facts/<int:group_id>/join/", "GET"): REVIEWER_POST_ONLY_GET,
    ("facts/<int:group_id>/join/", "POST"): REVIEWER_CORRECTION,
    ("facts/<int:group_id>/relation/", "GET"): REVIEWER_POST_ONLY_GET,
    ("facts/<int:group_id>/relation/", "POST"): REVIEWER_CORRECTION,
    ("facts/<int:group_id>/corrections/<int:constraint_id>/", "GET"): REVIEWER_POST_ONLY_GET,
    ("facts/<int:group_id>/corrections/<int:constraint_id>/", "POST"): REVIEWER_CORRECTION,
}

# What each POST sends; placeholders are filled from the sample rows.
POST_BODIES: dict[str, dict[str, str]] = {
    "accounts/password_change/": {"old_password": "not-it", "new_password1": "x", "new_password2": "x"},
    "ingest/": {"text": "The borough planted 340 trees along its canals in 2022.", "name": "trees"},
    "queue/<int:claim_id>/verdict/": {"verdict": "agree", "claim_version": "1", "note": ""},
    "adjudicate/<int:claim_id>/": {"verdict": "conflict", "note": ""},
    "jobs/": {"scope": "all"},
    "feeds/add/": {"url": "https://courier.example/feed.xml", "poll_minutes": "30", "active": "on"},
    "feeds/<int:feed_id>/": {"url": "https://gazette.example/atom", "poll_minutes": "60", "active": "on"},
    "facts/<int:group_id>/split/": {"claim": "<claim_id>", "note": "two quantities"},
    "facts/<int:group_id>/move/": {"claim": "<claim_id>", "target": "<other_group_id>", "note": ""},
    "facts/<int:group_id>/join/": {"claim": "<loner_id>", "note": ""},
    "facts/<int:group_id>/relation/": {"relation": "conflict", "note": ""},
    "facts/<int:group_id>/corrections/<int:constraint_id>/": {"action": "dismiss"},
}


def _admin_internal(resolver: URLResolver) -> bool:
    return resolver.app_name == admin_site.name


def project_patterns(patterns: list[Any] | None = None, prefix: str = "") -> Iterator[str]:
    """Every routable pattern as one route string; the admin site's own pages collapse to `admin/`."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if _admin_internal(entry):
                yield route  # the admin index; its internals are Django's, not ours
            else:
                yield from project_patterns(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and not route.startswith("static/"):
            yield route


def test_every_url_pattern_has_a_get_and_a_post_row() -> None:
    routes = set(project_patterns())
    missing = sorted(
        f"{route!r} {method}" for route in routes for method in ("GET", "POST") if (route, method) not in MATRIX
    )
    assert not missing, "URL patterns without a row in the authorization matrix: " + ", ".join(missing)
    stale = sorted({route for route, _ in MATRIX} - routes)
    assert not stale, "matrix rows for URL patterns that no longer exist: " + ", ".join(stale)


@pytest.fixture
def sample_ids(db: Any) -> dict[str, int]:
    article = make_article(text="The ferry carried 1,200 passengers on its first day.", title="Ferry")
    claim = make_claim(article=article, text="1,200 passengers", value=1200, unit="passengers")
    job = Job.objects.create(kind="reingest_all", description="all articles", total=0, state=Job.State.DONE)
    group, other_group = make_group(), make_group()
    claim.group = group
    claim.save(update_fields=["group"])
    partner = make_claim(article=make_article(outlet="other.example"), group=group)
    for _ in range(2):
        make_claim(article=make_article(outlet="third.example"), group=other_group)
    loner = make_claim(article=make_article(outlet="fourth.example"))
    constraint = MatchConstraint.objects.create(
        kind="cannot_link", claim=loner, other=partner, claim_fingerprint="old", other_fingerprint=partner.fingerprint
    )
    feed = Feed.objects.create(url="https://tribune.example/sitemap.xml", outlet="tribune.example")
    return {
        "article_id": article.pk,
        "feed_id": feed.pk,
        "claim_id": claim.pk,
        "job_id": job.pk,
        "group_id": group.pk,
        "other_group_id": other_group.pk,
        "loner_id": loner.pk,
        "constraint_id": constraint.pk,
    }


def _user_for(role: str, django_user_model: Any, request: Any) -> Any:
    if role == "anonymous":
        return None
    if role == "staff":
        return django_user_model.objects.create_superuser(username="sam", password="pw-sam-test", email="")
    return request.getfixturevalue({"no_role": "no_role_user", "reviewer": "reviewer", "admin": "admin_user"}[role])


def _fill(route: str, ids: dict[str, int]) -> str:
    path = "/" + route
    for name, value in ids.items():
        path = path.replace(f"<int:{name}>", str(value))
    assert "<" not in path, f"no sample id for {route}"
    return path


def _client_with_token(user: Any) -> tuple[Client, str]:
    client = Client(enforce_csrf_checks=True)
    if user is not None:
        client.force_login(user)
    client.get("/accounts/login/")  # the login page always sets the CSRF cookie
    return client, client.cookies["csrftoken"].value


def _body(route: str, user: Any, ids: dict[str, int] | None = None) -> dict[str, str]:
    if route.endswith("login/"):
        if user is None:
            return {"username": "nobody", "password": "wrong"}
        return {"username": user.get_username(), "password": f"pw-{user.get_username()}-test"}
    ids = ids or {}
    return {
        key: str(ids[value[1:-1]]) if value.startswith("<") else value
        for key, value in POST_BODIES.get(route, {}).items()
    }


def _counts() -> tuple[object, ...]:
    counts = tuple(
        model.objects.count() for model in (Article, AuditEntry, Feed, Job, Skip, Verdict, MatchConstraint, FactGroup)
    )
    return (*counts, tuple(Feed.objects.order_by("pk").values_list("url", "poll_minutes")))


def _check(response: Any, expected: Expected, label: str) -> None:
    if isinstance(expected, Redirect):
        location = response.get("Location", "")
        assert response.status_code == expected.status and location.startswith(expected.prefix), (
            f"{label}: expected {expected.status} to {expected.prefix}, got {response.status_code} {location}"
        )
    else:
        assert response.status_code == expected, f"{label}: expected {expected}, got {response.status_code}"


CASES = [
    (route, method, role, expected[index])
    for (route, method), expected in MATRIX.items()
    for index, role in enumerate(ROLES)
]


@pytest.mark.parametrize(
    ("route", "method", "role", "expected"),
    CASES,
    ids=[f"{method} /{route} as {role}" for route, method, role, _ in CASES],
)
def test_the_authorization_matrix(
    route: str,
    method: str,
    role: str,
    expected: Expected,
    sample_ids: dict[str, int],
    django_user_model: Any,
    request: Any,
) -> None:
    user = _user_for(role, django_user_model, request)
    client, token = _client_with_token(user)
    path = _fill(route, sample_ids)
    before = _counts()
    response = (
        client.get(path)
        if method == "GET"
        else client.post(path, _body(route, user, sample_ids), HTTP_X_CSRFTOKEN=token)
    )
    _check(response, expected, f"{method} {path} as {role}")
    refused = expected in (LOGIN, ADMIN_LOGIN, 403, 405)
    if refused:
        assert _counts() == before, f"{method} {path} as {role} was refused but wrote rows"


POST_ACTIONS = [
    route
    for (route, method), expected in MATRIX.items()
    if method == "POST" and expected[ROLES.index("staff")] not in (405,)
]


@pytest.mark.parametrize("route", POST_ACTIONS)
def test_no_post_is_accepted_without_a_csrf_token(
    route: str, sample_ids: dict[str, int], django_user_model: Any
) -> None:
    staff = django_user_model.objects.create_superuser(username="sam", password="pw-sam-test", email="")
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    before = _counts()
    response = client.post(_fill(route, sample_ids), _body(route, staff, sample_ids))
    assert response.status_code == 403
    assert _counts() == before


@pytest.mark.parametrize(
    "route",
    [
        "articles/<int:article_id>/",
        "queue/<int:claim_id>/verdict/",
        "adjudicate/<int:claim_id>/",
        "jobs/<int:job_id>/",
        "articles/<int:article_id>/reingest/",
        "feeds/<int:feed_id>/",
        "feeds/<int:feed_id>/poll/",
        "facts/<int:group_id>/",
        "facts/<int:group_id>/split/",
        "facts/<int:group_id>/relation/",
    ],
)
def test_a_missing_id_is_404_for_those_allowed_and_403_for_the_others(
    route: str, reviewer: Any, admin_user: Any, no_role_user: Any
) -> None:
    missing = {"article_id": 987654, "claim_id": 987654, "job_id": 987654, "group_id": 987654, "feed_id": 987654}
    path = _fill(route, missing)
    method = "GET" if MATRIX[(route, "GET")][ROLES.index("admin")] == 200 else "POST"
    for user, allowed in (
        (no_role_user, False),
        (
            reviewer,
            route.startswith(("articles/<int:article_id>/", "queue/", "facts/")) and not route.endswith("reingest/"),
        ),
        (admin_user, True),
    ):
        client, token = _client_with_token(user)
        response = (
            client.get(path)
            if method == "GET"
            else client.post(path, _body(route, user, missing), HTTP_X_CSRFTOKEN=token)
        )
        assert response.status_code == (404 if allowed else 403), f"{method} {path} as {user}"


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "javascript:alert(1)"]
)
def test_login_never_redirects_off_site(client: Client, reviewer: Any, target: str) -> None:
    response = client.post(f"/accounts/login/?next={target}", {"username": "rita", "password": "pw-rita-test"})
    assert response.status_code == 302 and response["Location"] == "/"
