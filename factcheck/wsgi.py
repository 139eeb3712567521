"""WSGI entry point for gunicorn (its settings, such as the worker hook that gc.freeze()s what a
worker has loaded, are in factcheck/gunicorn_conf.py)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
application = get_wsgi_application()
