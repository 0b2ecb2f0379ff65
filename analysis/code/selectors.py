"""What the application knows about the sandbox workers, read from their heartbeats."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .isolation import level_rank
from .models import SandboxHeartbeat


def sandbox_status() -> dict:
    """{ready, level, minimum, hostname, seen_at, reason}: whether candidate code can run safely now.

    Ready when a sandbox worker reported within `CODE_SANDBOX_HEARTBEAT_STALE_S` a level at or above
    `CODE_SANDBOX_MIN_LEVEL`. The application's own machine is never probed: it does not run code.
    """
    minimum = settings.CODE_SANDBOX_MIN_LEVEL
    fresh_after = timezone.now() - timedelta(seconds=settings.CODE_SANDBOX_HEARTBEAT_STALE_S)
    beats = list(SandboxHeartbeat.objects.filter(seen_at__gte=fresh_after))
    best = max(beats, key=lambda b: (level_rank(b.level), b.seen_at), default=None)
    status = {"ready": False, "level": best.level if best else None, "minimum": minimum,
              "hostname": best.hostname if best else None, "seen_at": best.seen_at if best else None}
    if best is None:
        status["reason"] = ("no sandbox worker has reported in the last "
                            f"{settings.CODE_SANDBOX_HEARTBEAT_STALE_S} s, so candidate code cannot run")
    elif level_rank(best.level) < level_rank(minimum):
        status["reason"] = (f"the sandbox worker offers only '{best.level}' isolation and the minimum is "
                            f"'{minimum}', so candidate code cannot run safely")
    else:
        status["ready"], status["reason"] = True, ""
    return status
