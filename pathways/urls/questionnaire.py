from django.urls import path

from pathways.views import questionnaire, result_pdf

app_name = "questionnaire"
urlpatterns = [
    path("", questionnaire.start, name="start"),
    path("q/<slug:question_id>/", questionnaire.question, name="question"),
    path("review/", questionnaire.review, name="review"),
    path("more/", questionnaire.more, name="more"),
    path("result/", questionnaire.result, name="result"),
    path("result.pdf", result_pdf.result_pdf, name="result_pdf"),
    path("save/", questionnaire.save, name="save"),
    path("resume/", questionnaire.resume, name="resume"),
    path("r/<str:code>/", questionnaire.reopen, name="reopen"),
    path("r/<str:code>/result.pdf", result_pdf.saved_pdf, name="saved_pdf"),
    path("delete/", questionnaire.delete, name="delete"),
]
