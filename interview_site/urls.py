"""URL routing. Each app owns its pages (`page_urlpatterns`) and its API (`api_urlpatterns`)."""
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from analysis import urls as analysis_urls
from audit import urls as audit_urls
from documents import urls as documents_urls
from interviews import urls as interviews_urls

from .health import healthz

api_v1 = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    *documents_urls.api_urlpatterns,
    *interviews_urls.api_urlpatterns,
    *analysis_urls.api_urlpatterns,
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/v1/", include(api_v1)),
    *documents_urls.page_urlpatterns,
    *analysis_urls.page_urlpatterns,
    *interviews_urls.page_urlpatterns,
    *audit_urls.page_urlpatterns,
]

handler404 = "interview_site.api.not_found"
handler500 = "interview_site.api.server_error"
