from django.urls import path

from claims.views import home, ingest

urlpatterns = [
    path("", home.home, name="home"),
    path("ingest/", ingest.ingest, name="ingest"),
]
