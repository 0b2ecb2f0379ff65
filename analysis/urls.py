from django.urls import path  # noqa: F401

page_urlpatterns: list = []
api_urlpatterns: list = []
