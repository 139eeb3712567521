import pytest

from factcheck.envconfig import database_from_url, env_bool, env_list


def test_no_database_url_means_sqlite_at_the_given_path():
    assert database_from_url(None, sqlite_path="/tmp/x.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/tmp/x.sqlite3",
    }


def test_postgres_url_is_split_into_django_settings():
    db = database_from_url("postgres://u%40x:p%2Fw@db.internal:5433/fc?sslmode=require", sqlite_path="")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    got = (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"])
    assert got == ("fc", "u@x", "p/w", "db.internal", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_other_database_schemes_are_refused():
    with pytest.raises(ValueError, match="postgres"):
        database_from_url("mysql://root@localhost/x", sqlite_path="")


def test_booleans_and_lists_read_from_text():
    assert env_bool("yes") and env_bool("1") and not env_bool("0") and not env_bool(None)
    assert env_bool("", default=True)
    assert env_list("a.com, b.com,", []) == ["a.com", "b.com"]
    assert env_list(None, ["x"]) == ["x"]
