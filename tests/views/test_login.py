"""Login at /accounts/login/, with throttling of repeated failures."""

from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client


def _login(client: Client, username: str, password: str, **meta: Any) -> HttpResponse:
    """POST the login form; `meta` sets the request's addresses (REMOTE_ADDR, a proxy's header)."""
    response = client.post("/accounts/login/", {"username": username, "password": password}, **meta)
    assert isinstance(response, HttpResponse)
    return response


@pytest.mark.django_db
def test_a_reviewer_logs_in_with_the_right_password(client: Client, reviewer: Any) -> None:
    response = _login(client, "rita", "pw-rita-test")
    assert response.status_code == 302


@pytest.mark.django_db
def test_repeated_failures_for_one_account_block_even_the_right_password(client: Client, reviewer: Any) -> None:
    for _ in range(5):
        response = _login(client, "rita", "wrong")
        assert response.status_code == 200
    response = _login(client, "rita", "pw-rita-test")
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_repeated_failures_from_one_address_block_other_accounts(client: Client, reviewer: Any) -> None:
    for n in range(20):
        _login(client, f"guess{n}", "x", REMOTE_ADDR="203.0.113.9")
    blocked = _login(client, "rita", "pw-rita-test", REMOTE_ADDR="203.0.113.9")
    assert blocked.status_code == 429
    other = _login(client, "rita", "pw-rita-test", REMOTE_ADDR="198.51.100.4")
    assert other.status_code == 302


@pytest.mark.django_db
def test_login_needs_a_csrf_token(reviewer: Any) -> None:

    client = Client(enforce_csrf_checks=True)
    response = _login(client, "rita", "pw-rita-test")
    assert response.status_code == 403


@pytest.mark.django_db
def test_behind_a_proxy_failures_count_per_client_address(client: Client, reviewer: Any, settings: Any) -> None:
    settings.FACTCHECK_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for n in range(20):
        _login(client, f"guess{n}", "x", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")
    other_client = _login(client, "rita", "pw-rita-test", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="198.51.100.4")
    assert other_client.status_code == 302
    client.logout()
    same_client = _login(client, "rita", "pw-rita-test", REMOTE_ADDR="10.0.0.2", HTTP_X_REAL_IP="203.0.113.9")
    assert same_client.status_code == 429


@pytest.mark.django_db
@pytest.mark.parametrize("spelling", [" rita", "rita\n", "\uff52\uff49\uff54\uff41", "RITA "])
def test_failures_count_for_the_account_however_its_name_is_spelled(
    client: Client, reviewer: Any, spelling: str
) -> None:
    for _ in range(5):
        _login(client, spelling, "wrong", REMOTE_ADDR=f"198.51.100.{_}")
    response = _login(client, "rita", "pw-rita-test")
    assert response.status_code == 429


@pytest.mark.django_db(transaction=True)
def test_thirty_parallel_bad_logins_check_at_most_five_passwords(
    reviewer: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from django.contrib.auth.base_user import AbstractBaseUser
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("parallel requests need a database with concurrent connections")
    checks = []
    lock = threading.Lock()
    real_check = AbstractBaseUser.check_password

    def counted(self: AbstractBaseUser, raw_password: str) -> bool:
        with lock:
            checks.append(raw_password)
        return real_check(self, raw_password)

    monkeypatch.setattr(AbstractBaseUser, "check_password", counted)
    spellings = [" rita", "rita\n", "\uff52\uff49\uff54\uff41", "rita"]
    start = threading.Barrier(30)
    statuses = []

    def guess(n: int) -> None:
        client = Client()
        start.wait()
        response = _login(client, spellings[n % 4], f"guess{n}", REMOTE_ADDR=f"203.0.113.{n}")
        with lock:
            statuses.append(response.status_code)
        connection.close()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(statuses) == 30 and set(statuses) <= {200, 429}
    assert len(checks) <= 5
    assert statuses.count(429) >= 25
