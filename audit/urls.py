from django.urls import path

from . import views

page_urlpatterns = [
    path("audit/", views.audit_page, name="audit-log"),
    path("audit/export.csv", views.audit_export, name="audit-export"),
]
