from django.urls import path

from pathways.views import questionnaire

app_name = "questionnaire"
urlpatterns = [
    path("", questionnaire.start, name="start"),
]
