from typing import Any

import pytest

from factcheck.envconfig import cache_from_url, cache_url, database_from_url, env_bool, env_list, env_seconds


def test_no_database_url_means_sqlite_at_the_given_path() -> None:
    assert database_from_url(None, sqlite_path="/tmp/x.sqlite3") == {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/tmp/x.sqlite3",
    }


def test_postgres_url_is_split_into_django_settings() -> None:
    db = database_from_url("postgres://u%40x:p%2Fw@db.internal:5433/fc?sslmode=require", sqlite_path="")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    got = (db["NAME"], db["USER"], db["PASSWORD"], db["HOST"], db["PORT"])
    assert got == ("fc", "u@x", "p/w", "db.internal", "5433")
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_other_database_schemes_are_refused() -> None:
    with pytest.raises(ValueError, match="postgres"):
        database_from_url("mysql://root@localhost/x", sqlite_path="")


def test_booleans_and_lists_read_from_text() -> None:
    assert env_bool("yes") and env_bool("1") and not env_bool("0") and not env_bool(None)
    assert env_bool("", default=True)
    assert env_list("a.com, b.com,", []) == ["a.com", "b.com"]
    assert env_list(None, ["x"]) == ["x"]


def test_postgres_gets_connect_and_statement_timeouts_that_the_url_can_override() -> None:
    db = database_from_url("postgres://u@db/fc", sqlite_path="", connect_timeout=5, statement_timeout=30)
    assert db["OPTIONS"] == {"connect_timeout": 5, "options": "-c statement_timeout=30000"}
    own = database_from_url("postgres://u@db/fc?connect_timeout=2", sqlite_path="", connect_timeout=5)
    assert own["OPTIONS"] == {"connect_timeout": "2"}
    assert database_from_url("postgres://u@db/fc", sqlite_path="")["OPTIONS"] == {}


def test_timeouts_are_read_as_seconds_with_defaults() -> None:
    assert env_seconds(None, 5) == 5 and env_seconds("", 5) == 5
    assert env_seconds("0", 5) == 0 and env_seconds("2.5", 5) == 2.5
    with pytest.raises(ValueError):
        env_seconds("-1", 5)


def test_the_settings_give_a_stalled_database_a_few_seconds_not_minutes(settings: Any) -> None:
    options = settings.DATABASES["default"].get("OPTIONS", {})
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        assert 0 < int(options["connect_timeout"]) <= 10
        assert "statement_timeout=" in options["options"]
    assert 0 < settings.DATABASE_CONNECT_TIMEOUT <= 10 and 0 < settings.DATABASE_STATEMENT_TIMEOUT <= 120


def test_connecting_to_a_database_that_never_answers_fails_within_the_connect_timeout() -> None:
    """A server that accepts the connection and stays silent: psycopg gives up after connect_timeout."""
    import socket
    import threading
    import time

    import psycopg

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    accepted: list[socket.socket] = []
    threading.Thread(target=lambda: accepted.append(listener.accept()[0]), daemon=True).start()
    port = listener.getsockname()[1]
    db = database_from_url(f"postgres://u@127.0.0.1:{port}/fc", sqlite_path="", connect_timeout=2)
    options = db["OPTIONS"]
    assert isinstance(options, dict)
    started = time.monotonic()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(host="127.0.0.1", port=port, dbname="fc", user="u", **options)
    assert time.monotonic() - started < 6
    listener.close()


def test_no_cache_url_means_each_process_keeps_its_own_cache() -> None:
    assert cache_url(None, broker_url=None, production=False) == ""
    assert cache_from_url("")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_a_redis_cache_url_gives_djangos_redis_cache_with_its_timeouts() -> None:
    cache = cache_from_url("redis://cache.internal:6379/2", timeout=3)
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"
    assert cache["OPTIONS"] == {"socket_connect_timeout": 3, "socket_timeout": 3}


def test_other_cache_schemes_are_refused() -> None:
    with pytest.raises(ValueError, match="redis"):
        cache_from_url("memcached://cache.internal:11211")


def test_production_caches_on_the_brokers_redis_unless_cache_url_names_another() -> None:
    broker = "redis://redis.internal:6379/0"
    assert cache_url(None, broker_url=broker, production=True) == broker
    assert cache_url("redis://cache.internal/1", broker_url=broker, production=True) == "redis://cache.internal/1"
    assert cache_url(None, broker_url=broker, production=False) == ""
    assert cache_url(None, broker_url="memory://", production=True) == ""
