"""The WSGI entry point gunicorn loads."""

from __future__ import annotations

import gc
import importlib
import sys


def test_the_wsgi_module_loads_every_view_and_freezes_what_it_loaded_out_of_the_collector() -> None:
    gc.unfreeze()
    try:
        module = importlib.reload(importlib.import_module("factcheck.wsgi"))
        assert callable(module.application)
        assert "claims.views.queue" in sys.modules
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
