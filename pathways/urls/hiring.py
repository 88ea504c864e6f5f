from django.urls import path

from pathways.views import hiring

app_name = "hiring"
urlpatterns = [
    path("", hiring.start, name="start"),
    path("timeline/", hiring.timeline, name="timeline"),
    path("timeline/calendar.ics", hiring.timeline_calendar, name="timeline_calendar"),
    path("save/", hiring.save, name="save"),
    path("plan/<str:token>/", hiring.plan, name="plan"),
    path("plan/<str:token>/done/", hiring.mark_done, name="mark_done"),
    path("plan/<str:token>/reopen/", hiring.reopen, name="reopen"),
    path("plan/<str:token>/calendar.ics", hiring.plan_calendar, name="plan_calendar"),
    path("herr-delic/", hiring.herr_delic, name="herr_delic"),
    path("herr-delic/calendar.ics", hiring.herr_delic_calendar, name="herr_delic_calendar"),
]
