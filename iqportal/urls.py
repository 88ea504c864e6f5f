from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from iqportal import bench, second_factor, views
from iqportal.auth_forms import PortalAdminAuthenticationForm, PortalAuthenticationForm
from pathways.api import evaluate_api

admin.site.login_form = PortalAdminAuthenticationForm

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    # 404 unless BENCH_FLOOR is on (scripts/bench.sh): the bare view pages are measured against.
    path("bench/floor", bench.floor, name="bench_floor"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path(
        "accounts/login/",
        views.LoginView.as_view(authentication_form=PortalAuthenticationForm),
        name="login",
    ),
    path("accounts/password_reset/", views.password_reset, name="password_reset"),
    path("accounts/second-factor/", second_factor.verify, name="second_factor_verify"),
    path("accounts/second-factor/setup/", second_factor.setup, name="second_factor_setup"),
    path("accounts/recovery-codes/", second_factor.recovery_codes, name="recovery_codes"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/evaluate", evaluate_api, name="api_evaluate"),
    path("check/", include("pathways.urls.questionnaire")),
    path("hiring/", include("pathways.urls.hiring")),
    path("counselling/", include("counselling.urls")),
]

handler404 = views.page_not_found
handler500 = views.server_error
