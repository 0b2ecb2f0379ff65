"""ASGI entry point: Daphne serves HTTP and the candidate WebSocket on one port."""
import gc
import inspect
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


def _raw_request_bodies_under_daphne() -> None:
    """Leave request bodies to Django.

    Twisted parses every multipart body itself, in memory, into `request.args`, which Daphne never reads,
    and answers a body its email parser refuses (e.g. a multipart body with no parts) with a bare 400: no
    body, no Content-Type, before Django sees it. Daphne hands the raw body to Django, which parses it and
    answers any failure in the contract's JSON shape.
    """
    from daphne.http_protocol import WebRequest
    from twisted.web.http import Request

    if "parsePOSTFormSubmission" not in inspect.signature(Request.__init__).parameters:
        return  # an older Twisted, which has no switch for it
    original = WebRequest.__init__
    if getattr(original, "leaves_bodies_to_django", False):
        return

    def __init__(self, *args, **kwargs):
        kwargs["parsePOSTFormSubmission"] = False
        original(self, *args, **kwargs)

    __init__.leaves_bodies_to_django = True
    WebRequest.__init__ = __init__


_raw_request_bodies_under_daphne()
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
