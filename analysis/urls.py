from django.urls import path

from . import api, views

page_urlpatterns = [
    path("interviews/<int:interview_id>/report/", views.interview_report_page, name="interview-report"),
    path(
        "interviews/<int:interview_id>/report/regenerate/",
        views.interview_report_regenerate,
        name="interview-report-regenerate",
    ),
    path("interviews/<int:interview_id>/report/overrides/", views.interview_report_override,
         name="interview-report-override"),
    path("interviews/<int:interview_id>/decision/", views.interview_decision, name="interview-decision"),
    path("interviews/<int:interview_id>/comments/", views.interview_comment, name="interview-comment"),
]
api_urlpatterns = [
    path("interview/<int:interview_id>/report", api.InterviewReportApi.as_view(), name="api-interview-report"),
    path(
        "interview/<int:interview_id>/report/regenerate",
        api.InterviewReportRegenerateApi.as_view(),
        name="api-interview-report-regenerate",
    ),
    path(
        "interview/<int:interview_id>/report/overrides",
        api.InterviewReportOverridesApi.as_view(),
        name="api-interview-report-overrides",
    ),
    path("interview/<int:interview_id>/decision", api.InterviewDecisionApi.as_view(), name="api-interview-decision"),
    path("interview/<int:interview_id>/plan", api.InterviewPlanApi.as_view(), name="api-interview-plan"),
    path("interview/<int:interview_id>/comments", api.InterviewCommentsApi.as_view(), name="api-interview-comments"),
    path("jd/<int:jd_id>/candidates", api.JdCandidatesRankedApi.as_view(), name="api-jd-candidates-ranked"),
]
