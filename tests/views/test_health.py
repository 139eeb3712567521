from django.test import Client


def test_healthz_answers_ok_to_anonymous_without_touching_the_database() -> None:
    # No django_db mark: any query here would raise "Database access not allowed".
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_healthz_refuses_writes() -> None:
    assert Client().post("/healthz").status_code == 405
