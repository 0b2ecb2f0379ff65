from django.urls import path

from privacy import api as privacy_api

from . import api, views

page_urlpatterns = [
    path("documents/upload/", views.document_upload_page, name="documents-upload"),
    path("documents/<int:document_id>/", views.document_page, name="documents-detail"),
    path("documents/<int:document_id>/file", views.document_file, name="documents-file"),
]
api_urlpatterns = [
    path("documents/upload/jd", api.JobDescriptionUploadApi.as_view(), name="api-documents-upload-jd"),
    path("documents/upload/resume", api.ResumeUploadApi.as_view(), name="api-documents-upload-resume"),
    path("documents/<int:document_id>", api.DocumentDetailApi.as_view(), name="api-document-detail"),
    path("documents/<int:document_id>/erase", privacy_api.DocumentEraseApi.as_view(), name="api-document-erase"),
    path("documents/<int:document_id>/export", privacy_api.DocumentExportApi.as_view(), name="api-document-export"),
]
