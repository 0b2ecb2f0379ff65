from django.urls import path

from . import api, views

page_urlpatterns = [
    path("interviews/<int:interview_id>/report/", views.interview_report_page, name="interview-report"),
    path(
        "interviews/<int:interview_id>/report/regenerate/",
        views.interview_report_regenerate,
        name="interview-report-regenerate",
    ),
]
api_urlpatterns = [
    path("interview/<int:interview_id>/report", api.InterviewReportApi.as_view(), name="api-interview-report"),
    path(
        "interview/<int:interview_id>/report/regenerate",
        api.InterviewReportRegenerateApi.as_view(),
        name="api-interview-report-regenerate",
    ),
]
