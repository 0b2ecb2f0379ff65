"""Request bodies over the limit are refused with 413 before they are read.

Two guards, one rule (`body_limit`): multipart uploads may be as large as a document plus its form
(HTTP_MAX_UPLOAD_BODY_BYTES); any other body, JSON or a form, is small (HTTP_MAX_BODY_BYTES).

- `BodyLimitMiddleware` wraps the Django ASGI app: a declared Content-Length over the limit is refused
  at once, and a body without one (chunked) is counted as it streams in and refused when it passes the
  limit, before Django spools it to a file. This is the guard under any ASGI server that streams bodies.
- Daphne (Twisted) reads a whole request body before it calls the application, so under Daphne the
  middleware alone would answer only after reading it all: `install_daphne_guard` makes Daphne's
  request class answer 413 as soon as the headers (or the bytes counted so far) pass the limit, then
  drop the connection after a short linger, without storing the rest.
"""

import json
import logging

from django.conf import settings

log = logging.getLogger(__name__)

CODE = "payload_too_large"
LINGER_S = 2.0  # read and drop for this long after answering, so the client can read the 413 before the close


def body_limit(content_type: str | bytes | None) -> int:
    """The largest body accepted for a request of this Content-Type."""
    if isinstance(content_type, bytes):
        content_type = content_type.decode("latin-1")
    if (content_type or "").split(";")[0].strip().lower() == "multipart/form-data":
        return settings.HTTP_MAX_UPLOAD_BODY_BYTES
    return settings.HTTP_MAX_BODY_BYTES


def error_body(limit: int) -> bytes:
    message = f"The request body is larger than the limit of {limit} bytes; nothing was stored."
    return json.dumps({"error": {"code": CODE, "message": message, "limit_bytes": limit}}).encode()


def _declared_length(value: bytes | None) -> int | None:
    if value is None or not value.strip().isdigit():
        return None  # absent or malformed: the server deals with a malformed one
    return int(value)


class BodyLimitMiddleware:
    """ASGI middleware around the Django app: 413 for a body over `body_limit`, before it is read."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        limit = body_limit(headers.get(b"content-type"))
        declared = _declared_length(headers.get(b"content-length"))
        if declared is not None and declared > limit:
            return await self._refuse(send, limit)
        received, refused, started = 0, False, False

        async def counting_receive():
            nonlocal received, refused
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    # Django stops reading at a disconnect and answers nothing; the 413 comes below.
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            nonlocal started
            if refused and not started:
                return
            started = True
            await send(message)

        await self.app(scope, counting_receive, guarded_send)
        if refused and not started:
            await self._refuse(send, limit)

    @staticmethod
    async def _refuse(send, limit: int) -> None:
        body = error_body(limit)
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _raw_response(limit: int) -> bytes:
    body = error_body(limit)
    head = (
        "HTTP/1.1 413 Payload Too Large\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


def install_daphne_guard() -> None:
    """Make Daphne refuse an oversized body as its headers arrive (idempotent; a no-op without Daphne)."""
    try:
        from daphne import http_protocol
        from twisted.internet import reactor
    except ImportError:
        return
    base = http_protocol.WebRequest
    if getattr(base, "body_limited", False):
        return

    class BodyLimitedWebRequest(base):
        body_limited = True
        body_refused = False

        def gotLength(self, length):
            self.body_limit = body_limit((self.requestHeaders.getRawHeaders(b"content-type") or [b""])[0])
            self.body_seen = 0
            if length is not None and length > self.body_limit:
                self._refuse_body()
                return
            super().gotLength(length)

        def handleContentChunk(self, data):
            if self.body_refused:
                return
            self.body_seen += len(data)
            if self.body_seen > self.body_limit:
                self._refuse_body()
                return
            super().handleContentChunk(data)

        def requestReceived(self, command, path, version):
            if not self.body_refused:
                super().requestReceived(command, path, version)

        def _refuse_body(self):
            self.body_refused = True
            channel = self.channel
            # No "100 Continue" after the answer (Twisted sends it once the headers are in).
            self.requestHeaders.removeHeader(b"expect")
            if getattr(self, "content", None) is not None:
                self.content.close()
            channel.transport.write(_raw_response(self.body_limit))
            channel.dataReceived = lambda data: None  # the rest of the body is dropped unread
            reactor.callLater(LINGER_S, channel.loseConnection)
            log.warning("refused a request body over %s bytes (413)", self.body_limit)

    http_protocol.WebRequest = BodyLimitedWebRequest
