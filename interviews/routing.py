"""WebSocket routes of the interviews app (wrapped by interview_site.asgi)."""

from django.urls import re_path

from .consumers import InterviewChatConsumer

websocket_urlpatterns = [
    # The trailing slash is optional: clients build this URL by hand.
    re_path(r"^api/v1/interview/(?P<interview_id>\d+)/chat/?$", InterviewChatConsumer.as_asgi()),
]
