from django.urls import path

from pathways.views import hiring

app_name = "hiring"
urlpatterns = [
    path("", hiring.start, name="start"),
]
