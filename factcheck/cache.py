"""Django's Redis cache, where Redis being out of reach is a cache miss instead of an error.

The cache holds copies only (sessions are in the database too: Django's cached_db store), so a
Redis outage must not take the site down with it. While Redis cannot be reached, a read finds
nothing (the session comes from the database), a write or a delete is skipped, and each is
logged; connecting and answering are bounded by the cache's socket timeouts (CACHE_TIMEOUT).

A session ended while Redis is out of reach is ended in the database, but a copy Redis still
held when it went away answers again once Redis is back, until that copy expires; a Redis that
keeps nothing on disk (as deployed here) comes back empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
OUT_OF_REACH = (RedisConnectionError, RedisTimeoutError)
T = TypeVar("T")


class OutageTolerantRedisCache(RedisCache):
    def _or(self, fallback: T, operation: Callable[[], T], name: str) -> T:
        try:
            return operation()
        except OUT_OF_REACH as error:
            logger.warning("cache %s skipped, Redis out of reach: %s", name, error)
            return fallback

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        return self._or(default, lambda: super(OutageTolerantRedisCache, self).get(key, default, version), "read")

    def get_many(self, keys: Any, version: int | None = None) -> dict[Any, Any]:
        return self._or({}, lambda: super(OutageTolerantRedisCache, self).get_many(keys, version), "read")

    def has_key(self, key: Any, version: int | None = None) -> bool:
        return self._or(False, lambda: super(OutageTolerantRedisCache, self).has_key(key, version), "read")

    def add(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> bool:
        return self._or(False, lambda: super(OutageTolerantRedisCache, self).add(key, value, timeout, version), "write")

    def set(self, key: Any, value: Any, timeout: Any = None, version: int | None = None) -> None:
        self._or(None, lambda: super(OutageTolerantRedisCache, self).set(key, value, timeout, version), "write")

    def set_many(self, data: dict[Any, Any], timeout: Any = None, version: int | None = None) -> list[Any]:
        result: list[Any] = self._or(
            list(data), lambda: super(OutageTolerantRedisCache, self).set_many(data, timeout, version), "write"
        )
        return result

    def touch(self, key: Any, timeout: Any = None, version: int | None = None) -> bool:
        return self._or(False, lambda: super(OutageTolerantRedisCache, self).touch(key, timeout, version), "write")

    def delete(self, key: Any, version: int | None = None) -> bool:
        return self._or(False, lambda: super(OutageTolerantRedisCache, self).delete(key, version), "delete")

    def delete_many(self, keys: Any, version: int | None = None) -> None:
        self._or(None, lambda: super(OutageTolerantRedisCache, self).delete_many(keys, version), "delete")
