"""Routes of the interviews app. interview_site/urls.py mounts `api_urlpatterns` under /api/v1/."""

from django.urls import path

from . import api, views

page_urlpatterns = [
    path("", views.dashboard, name="interviews-dashboard"),
    path("i/<str:token>/", views.candidate_page, name="interviews-candidate"),
    path("interviews/start/", views.interview_start_form, name="interviews-start"),
    path("interviews/<int:interview_id>/", views.interview_detail, name="interviews-detail"),
    path("interviews/<int:interview_id>/plan/", views.interview_plan_edit, name="interviews-plan"),
    path("interviews/<int:interview_id>/new-link/", views.interview_new_link, name="interviews-new-link"),
]

api_urlpatterns = [
    path("interview/start", api.InterviewStartApi.as_view(), name="api-interview-start"),
    path("interview/<int:interview_id>", api.InterviewDetailApi.as_view(), name="api-interview-detail"),
    path("transcripts", api.TranscriptImportApi.as_view(), name="api-transcripts"),
]
