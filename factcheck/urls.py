from django.contrib import admin
from django.urls import include, path

from claims.views.auth import ThrottledLoginView

urlpatterns = [
    path("admin/login/", ThrottledLoginView.as_view(), name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("claims.urls")),
]
