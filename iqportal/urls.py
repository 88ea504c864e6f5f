from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

from iqportal import views
from pathways.api import evaluate_api

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("api/evaluate", evaluate_api, name="api_evaluate"),
    path("check/", include("pathways.urls.questionnaire")),
    path("hiring/", include("pathways.urls.hiring")),
    path("counselling/", include("counselling.urls")),
]

handler404 = views.page_not_found
handler500 = views.server_error
