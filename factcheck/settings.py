"""Settings, read from the environment.

Without any environment the app runs on its embedded default: SQLite, an in-memory
cache and Celery tasks executed in-process. Production sets DATABASE_URL (PostgreSQL),
CELERY_BROKER_URL (Redis, also the cache unless CACHE_URL names another), SECRET_KEY,
ALLOWED_HOSTS and DJANGO_ENV=production.
"""

import os
import secrets
from pathlib import Path

from factcheck.envconfig import cache_from_url, cache_url, database_from_url, env_bool, env_list, env_seconds

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("FACTCHECK_VAR_DIR", BASE_DIR / "var"))

PRODUCTION = os.environ.get("DJANGO_ENV", "").lower() == "production"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise RuntimeError("DJANGO_ENV=production needs SECRET_KEY")
    # A development key made per process start: nothing fixed is committed.
    SECRET_KEY = "dev-" + secrets.token_urlsafe(48)

DEBUG = env_bool(os.environ.get("DEBUG"), default=not PRODUCTION)
ALLOWED_HOSTS = env_list(
    os.environ.get("ALLOWED_HOSTS"), [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list(os.environ.get("CSRF_TRUSTED_ORIGINS"), [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "claims.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "claims.context_processors.roles",
            ],
        },
    },
]

# A stalled database fails a request within seconds instead of holding a web worker: connecting
# gives up after DATABASE_CONNECT_TIMEOUT, and PostgreSQL cancels a statement that runs longer
# than DATABASE_STATEMENT_TIMEOUT (0 turns either off, e.g. for a long migration).
DATABASE_CONNECT_TIMEOUT = env_seconds(os.environ.get("DATABASE_CONNECT_TIMEOUT"), 5)
DATABASE_STATEMENT_TIMEOUT = env_seconds(os.environ.get("DATABASE_STATEMENT_TIMEOUT"), 30)
DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL"),
        sqlite_path=str(VAR_DIR / "db.sqlite3"),
        connect_timeout=DATABASE_CONNECT_TIMEOUT,
        statement_timeout=DATABASE_STATEMENT_TIMEOUT,
    )
}
# /readyz: how long each of its checks (database, broker) may take.
FACTCHECK_READY_TIMEOUT = env_seconds(os.environ.get("FACTCHECK_READY_TIMEOUT"), 2)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis at CACHE_URL; in the production profile, by default, the broker's Redis.
# Without either, each process keeps its own in-memory cache: enough for the one process of
# the zero-setup default, not for several web workers (a session ended in one would live on
# in the others' caches).
CACHE_TIMEOUT = env_seconds(os.environ.get("CACHE_TIMEOUT"), 3)
CACHES = {
    "default": cache_from_url(
        cache_url(os.environ.get("CACHE_URL"), broker_url=os.environ.get("CELERY_BROKER_URL"), production=PRODUCTION),
        timeout=CACHE_TIMEOUT,
    )
}

# Django's cached database sessions: read from the cache, written to the database and the cache.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves collected files (collectstatic); development serves them straight from static/.
STATIC_ROOT = os.environ.get("STATIC_ROOT") or (str(VAR_DIR / "staticfiles") if PRODUCTION else None)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

LOGIN_URL = "login"  # URL names: Django resolves them
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Request limits: each refusal is a clear error, never a half-read upload.
FACTCHECK_MAX_ARTICLE_BYTES = int(os.environ.get("FACTCHECK_MAX_ARTICLE_BYTES", 5 * 1024 * 1024))
FACTCHECK_MAX_UPLOAD_FILES = int(os.environ.get("FACTCHECK_MAX_UPLOAD_FILES", 50))
FACTCHECK_MAX_URL_LENGTH = int(os.environ.get("FACTCHECK_MAX_URL_LENGTH", 2048))
# One article of endless figures must not take a worker down: more claims than this refuse it.
FACTCHECK_MAX_CLAIMS_PER_ARTICLE = int(os.environ.get("FACTCHECK_MAX_CLAIMS_PER_ARTICLE", 3000))
DATA_UPLOAD_MAX_MEMORY_SIZE = FACTCHECK_MAX_ARTICLE_BYTES + 64 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = FACTCHECK_MAX_ARTICLE_BYTES + 64 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = FACTCHECK_MAX_UPLOAD_FILES

# Behind a reverse proxy, the request header (as in request.META) that carries the client's
# address, set by the proxy itself: login throttling counts per client, not per proxy.
FACTCHECK_CLIENT_IP_HEADER = os.environ.get("FACTCHECK_CLIENT_IP_HEADER", "")

# URL fetching
FACTCHECK_FETCH_TIMEOUT = float(os.environ.get("FACTCHECK_FETCH_TIMEOUT", 10))
FACTCHECK_FETCH_MAX_REDIRECTS = 5
# Test set-ups only: also fetch from loopback addresses (local test servers). Private, link-local and
# every other internal range stay refused; the production profile refuses to start with it on.
FACTCHECK_FETCH_ALLOW_LOOPBACK = env_bool(os.environ.get("FACTCHECK_FETCH_ALLOW_LOOPBACK"), default=False)
if PRODUCTION and FACTCHECK_FETCH_ALLOW_LOOPBACK:
    raise RuntimeError("DJANGO_ENV=production refuses FACTCHECK_FETCH_ALLOW_LOOPBACK: it is for test servers only")

# Followed feeds (RSS/Atom, news sitemaps), polled by beat every FACTCHECK_FEEDS_TICK_SECONDS.
FACTCHECK_FEEDS_TICK_SECONDS = float(os.environ.get("FACTCHECK_FEEDS_TICK_SECONDS", 60))
FACTCHECK_FEED_MAX_ENTRIES_PER_POLL = int(os.environ.get("FACTCHECK_FEED_MAX_ENTRIES_PER_POLL", 50))
FACTCHECK_FEED_MAX_ITEMS_PER_DAY = int(os.environ.get("FACTCHECK_FEED_MAX_ITEMS_PER_DAY", 500))
FACTCHECK_FEED_MAX_SITEMAPS = int(os.environ.get("FACTCHECK_FEED_MAX_SITEMAPS", 10))  # children of one index
FACTCHECK_FEED_PAUSE_AFTER_ERRORS = int(os.environ.get("FACTCHECK_FEED_PAUSE_AFTER_ERRORS", 5))
FACTCHECK_FEED_MAX_BACKOFF_MINUTES = int(os.environ.get("FACTCHECK_FEED_MAX_BACKOFF_MINUTES", 24 * 60))
FACTCHECK_FEED_MIN_POLL_MINUTES = 5
FACTCHECK_FEED_ENTRY_ATTEMPTS = 3  # an entry URL that failed this often is not fetched again
FACTCHECK_FEED_POLL_SECONDS = 180  # a poll starts no new entry after this (the task's soft limit is 240 s)
FACTCHECK_FEED_LOCK_SECONDS = 360  # a poll lock older than this (past the 300 s hard limit) is stale

# Review queue
FACTCHECK_LEASE_SECONDS = int(os.environ.get("FACTCHECK_LEASE_SECONDS", 300))
FACTCHECK_REVIEWS_REQUIRED = int(os.environ.get("FACTCHECK_REVIEWS_REQUIRED", 1))
FACTCHECK_RECHECK_URLS_SECONDS = int(os.environ.get("FACTCHECK_RECHECK_URLS_SECONDS", 6 * 3600))
# Beat sends again the matching of articles, and the `ingest --async` inputs, left waiting
# (a broker outage when they were stored, a worker that died).
FACTCHECK_SWEEP_SECONDS = int(os.environ.get("FACTCHECK_SWEEP_SECONDS", 300))

# Celery: Redis in production; eager, in-process tasks when no broker is configured.
CELERY_TASK_ALWAYS_EAGER = not os.environ.get("CELERY_BROKER_URL")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker process is replaced after this many tasks, or once it holds more than this much memory
# (KiB, checked after each task): memory one large task took is given back.
CELERY_WORKER_MAX_TASKS_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_TASKS_PER_CHILD", 200))
CELERY_WORKER_MAX_MEMORY_PER_CHILD = int(os.environ.get("CELERY_WORKER_MAX_MEMORY_PER_CHILD", 512 * 1024))
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# Redis redelivers an unacknowledged task after visibility_timeout. It must exceed the
# longest task (time limit 300 s) so that a slow task is not run twice while still alive,
# and stay short enough that a task of a killed worker comes back within minutes.
FACTCHECK_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", 600))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": FACTCHECK_VISIBILITY_TIMEOUT,
    # Workers sweep for expired unacknowledged tasks every interval x throttle seconds (kombu's
    # default is 10 x 10 = 100 s): sweep at a fifth of the timeout, so they return soon after it.
    "unacked_restore_interval": max(1, min(10, FACTCHECK_VISIBILITY_TIMEOUT // 5)),
    "unacked_restore_throttle": 1,
}
# A broker that cannot be reached fails a send within seconds (a clear message to the user, the
# work left pending for the sweep) instead of holding a web request: kombu's default retries
# three times with up to 4 s of connect timeout each.
CELERY_BROKER_CONNECTION_TIMEOUT = float(os.environ.get("CELERY_BROKER_CONNECTION_TIMEOUT", 3))
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_DEFAULT_QUEUE", "celery")
CELERY_BEAT_SCHEDULE = {
    "recheck-url-articles": {
        "task": "claims.tasks.recheck_url_articles",
        "schedule": float(FACTCHECK_RECHECK_URLS_SECONDS),
    },
    "poll-due-feeds": {
        "task": "claims.tasks.poll_due_feeds",
        "schedule": FACTCHECK_FEEDS_TICK_SECONDS,
    },
    "sweep-pending": {
        "task": "claims.tasks.sweep_pending",
        "schedule": float(FACTCHECK_SWEEP_SECONDS),
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    # The in-process default has no broker host; kombu's warning about it says nothing useful there.
    "loggers": {"kombu.connection": {"level": "ERROR" if CELERY_TASK_ALWAYS_EAGER else "WARNING"}},
}

# Security headers everywhere; the production profile adds HTTPS-only settings.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool(os.environ.get("SECURE_SSL_REDIRECT"), default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
