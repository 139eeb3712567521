"""Read settings from the environment (pure helpers, no Django imports)."""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit


def env_bool(value: str | None, default: bool = False) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(value: str | None, default: list[str]) -> list[str]:
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_seconds(value: str | None, default: float) -> float:
    """A number of seconds from the environment; empty means the default, 0 means none."""
    if value is None or value.strip() == "":
        return default
    seconds = float(value)
    if seconds < 0:
        raise ValueError(f"a number of seconds cannot be negative, got {value!r}")
    return seconds


def database_from_url(
    url: str | None, *, sqlite_path: str, connect_timeout: float = 0, statement_timeout: float = 0
) -> dict[str, object]:
    """Django DATABASES["default"] from a postgres:// URL; SQLite when none is given.

    ``connect_timeout`` (seconds) bounds opening a connection, so a database that accepts the
    TCP connection and never answers fails the request instead of holding it; ``statement_timeout``
    (seconds) makes PostgreSQL cancel any statement running longer. 0 leaves either unset; the
    URL's own query parameters (``?connect_timeout=…&options=…``) win over both.
    """
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_path}
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql", "pgsql"}:
        raise ValueError(f"DATABASE_URL must be postgres://…, got scheme {parts.scheme!r}")
    options: dict[str, object] = {}
    if connect_timeout:
        options["connect_timeout"] = max(1, round(connect_timeout))  # libpq counts whole seconds
    if statement_timeout:
        options["options"] = f"-c statement_timeout={round(statement_timeout * 1000)}"
    options.update(parse_qsl(parts.query))
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "postgres",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }


REDIS_SCHEMES = {"redis", "rediss", "unix"}


def cache_url(url: str | None, *, broker_url: str | None, production: bool) -> str:
    """The cache to use: CACHE_URL when set; in the production profile the broker's Redis
    (CELERY_BROKER_URL), which every production deployment runs; otherwise none ("")."""
    if url:
        return url
    if production and broker_url and urlsplit(broker_url).scheme in REDIS_SCHEMES:
        return broker_url
    return ""


def cache_from_url(url: str, *, timeout: float = 0) -> dict[str, object]:
    """Django CACHES["default"] from a redis:// URL (Django's Redis cache, shared by every
    process); an empty URL gives each process its own in-memory cache. ``timeout`` (seconds)
    bounds connecting to Redis and each of its answers; 0 leaves them unset."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = urlsplit(url).scheme
    if scheme not in REDIS_SCHEMES:
        raise ValueError(f"CACHE_URL must be redis://…, rediss://… or unix://…, got scheme {scheme!r}")
    options: dict[str, object] = {}
    if timeout:
        options = {"socket_connect_timeout": timeout, "socket_timeout": timeout}
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "factcheck",
        "OPTIONS": options,
    }
