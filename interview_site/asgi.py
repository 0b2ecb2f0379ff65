"""ASGI entry point: Daphne serves HTTP and the candidate WebSocket on one port."""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")
django_asgi_app = get_asgi_application()  # must run before importing consumers (app registry)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from interview_site.background import background  # noqa: E402
from interviews.routing import websocket_urlpatterns  # noqa: E402

# After-commit work (assessment requests, model-call accounting) leaves the conductor's path.
if settings.BACKGROUND_AFTER_COMMIT:
    background.start()

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)
