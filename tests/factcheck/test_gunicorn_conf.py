"""The gunicorn settings the web process runs with."""

from __future__ import annotations

import gc
import sys

import pytest
from django.urls import clear_url_caches

from factcheck import gunicorn_conf

URL_MODULES = ("factcheck.urls", "claims.urls", "claims.views", "claims.views.queue")


def test_a_worker_loads_every_view_and_freezes_what_it_loaded_out_of_the_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in URL_MODULES:  # as in a fresh worker: URLconf and views not imported yet (restored afterwards)
        monkeypatch.delitem(sys.modules, name, raising=False)
    clear_url_caches()
    gc.unfreeze()
    try:
        gunicorn_conf.post_worker_init(worker=None)

        assert all(name in sys.modules for name in URL_MODULES)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        clear_url_caches()
