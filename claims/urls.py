from django.urls import path

from claims.views import adjudicate, browse, corrections, export, facts, health, home, ingest, jobs, queue

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
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
    path("facts/", facts.fact_list, name="facts"),
    path("facts/<int:group_id>/", facts.fact_page_view, name="fact"),
    path("facts/<int:group_id>/split/", corrections.split, name="fact_split"),
    path("facts/<int:group_id>/move/", corrections.move, name="fact_move"),
    path("facts/<int:group_id>/join/", corrections.join, name="fact_join"),
    path("facts/<int:group_id>/relation/", corrections.relation, name="fact_relation"),
    path("facts/<int:group_id>/corrections/<int:constraint_id>/", corrections.constraint, name="fact_constraint"),
]
