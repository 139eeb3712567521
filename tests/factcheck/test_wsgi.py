"""The WSGI entry point gunicorn loads."""

from __future__ import annotations

import gc
import importlib


def test_the_wsgi_module_gives_the_application_and_leaves_the_collector_alone() -> None:
    gc.unfreeze()
    try:
        module = importlib.reload(importlib.import_module("factcheck.wsgi"))

        assert callable(module.application)
        assert gc.get_freeze_count() == 0  # freezing is the gunicorn worker hook's job (gunicorn_conf)
    finally:
        gc.unfreeze()
