from django.urls import path

from claims.views import adjudicate, browse, export, feeds, health, home, ingest, jobs, queue

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("ingest/", ingest.ingest, name="ingest"),
    path("queue/", queue.queue, name="queue"),
    path("queue/undo/", queue.undo, name="queue_undo"),
    path("queue/<int:claim_id>/verdict/", queue.verdict, name="queue_verdict"),
    path("queue/<int:claim_id>/skip/", queue.skip, name="queue_skip"),
    path("queue/<int:claim_id>/renew/", queue.renew, name="queue_renew"),
    path("progress/", browse.progress_page, name="progress"),
    path("claims/", browse.claims_list, name="claims"),
    path("articles/", browse.articles_list, name="articles"),
    path("articles/<int:article_id>/", browse.article_detail, name="article"),
    path("adjudicate/", adjudicate.adjudicate_list, name="adjudicate"),
    path("adjudicate/<int:claim_id>/", adjudicate.adjudicate_claim, name="adjudicate_claim"),
    path("export/", export.export, name="export"),
    path("jobs/", jobs.job_list, name="jobs"),
    path("jobs/<int:job_id>/", jobs.job_detail, name="job"),
    path("articles/<int:article_id>/reingest/", jobs.article_reingest, name="article_reingest"),
    path("feeds/", feeds.feed_index, name="feeds"),
    path("feeds/add/", feeds.feed_add, name="feed_add"),
    path("feeds/<int:feed_id>/", feeds.feed_edit, name="feed_edit"),
    path("feeds/<int:feed_id>/poll/", feeds.feed_poll_now, name="feed_poll"),
]
