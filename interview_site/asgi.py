"""ASGI entry point: Daphne serves HTTP and the candidate WebSocket on one port."""
import gc
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")
django_asgi_app = get_asgi_application()  # must run before importing consumers (app registry)

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402

from interview_site.background import background  # noqa: E402
from interview_site.body_limit import BodyLimitMiddleware, install_daphne_guard  # noqa: E402
from interviews.routing import websocket_urlpatterns  # noqa: E402

# After-commit work (assessment requests, model-call accounting) leaves the conductor's path.
if settings.BACKGROUND_AFTER_COMMIT:
    background.start()

# Oversized request bodies get 413 before they are read: in Daphne's request class (Daphne reads a
# whole body before calling the application) and around the Django app (servers that stream bodies).
install_daphne_guard()

application = ProtocolTypeRouter(
    {
        "http": BodyLimitMiddleware(django_asgi_app),
        "websocket": AllowedHostsOriginValidator(AuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# Everything loaded so far (Django, the apps, Twisted: most of the heap) lives as long as the process:
# frozen out of the collector's sight, and full collections run 10x less often. Without this, full
# collections paused the event loop for 90-160 ms at 200 interviews (bench/ws_load.py).
gc.collect()
gc.freeze()
gc.set_threshold(700, 10, 100)
