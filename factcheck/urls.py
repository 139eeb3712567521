from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from claims.views.auth import ThrottledLoginView

urlpatterns = [
    path("admin/login/", ThrottledLoginView.as_view(), name="admin_login"),
    path("admin/", admin.site.urls),
    path("accounts/login/", ThrottledLoginView.as_view(), name="login"),
    # Only the account pages the desk uses: no password reset, which would send mail from an
    # anonymous request and needs an email setup the product does not have.
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("", include("claims.urls")),
]

handler400 = "claims.views.errors.bad_request"
