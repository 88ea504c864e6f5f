from django.urls import path, re_path

from counselling import erasure_views, log_views, subject_views, views

app_name = "counselling"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("clients/", views.client_search, name="client_search"),
    path("clients/<str:code>/", views.client_detail, name="client"),
    path("clients/<str:code>/data.json", subject_views.client_json, name="client_json"),
    path("clients/<str:code>/data.pdf", subject_views.client_pdf, name="client_pdf"),
    path("clients/<str:code>/follow-up/", views.follow_up, name="follow_up"),
    path("consultations/new/", views.first_consultation, name="first_consultation"),
    path(
        "consultations/group/new/",
        views.consultation_without_client,
        {"kind": "group"},
        name="group_session",
    ),
    path(
        "consultations/employer/new/",
        views.consultation_without_client,
        {"kind": "employer"},
        name="employer_consultation",
    ),
    path("consultations/<int:pk>/edit/", views.consultation_edit, name="consultation_edit"),
    path("lookup/countries/", views.country_options, name="country_options"),
    path("lookup/occupations/", views.occupation_options, name="occupation_options"),
    path("figures/", views.figures, name="figures"),
    path("log/", log_views.network_log, name="audit_log"),
    path("erasure/", erasure_views.erasure_list, name="erasure_list"),
    path("erasure/new/", erasure_views.erasure_new, name="erasure_new"),
    path("erasure/<int:pk>/decide/", erasure_views.erasure_decide, name="erasure_decide"),
    re_path(
        r"^figures/monitoring\.(?P<extension>csv|xlsx)$", views.monitoring, name="monitoring"
    ),
    re_path(
        r"^figures/monitoring-dictionary\.(?P<extension>csv|xlsx)$",
        views.monitoring_dictionary,
        name="monitoring_dictionary",
    ),
    re_path(r"^figures/(?P<key>[a-z_]+)\.(?P<extension>csv|xlsx)$", views.export, name="export"),
]
