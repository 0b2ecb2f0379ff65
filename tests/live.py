"""Start the real processes (Daphne, Celery worker) against the test database, for end-to-end tests
and benchmarks. Each process gets the same environment a deployment would, with its log in a file."""

import os
import socket
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(db: dict) -> str:
    """A DATABASE_URL for Django's current default database (the test database while testing)."""
    user = quote(db.get("USER") or "")
    password = f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


def process_env(db: dict, media_root: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="interview_site.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="integration-" + "k" * 50,
        DJANGO_SECURE="0",
        DATABASE_URL=database_url(db),
        MEDIA_ROOT=str(media_root),
        LLM_MAIN=extra.pop("LLM_MAIN", "offline"),
        LLM_MINI=extra.pop("LLM_MINI", "offline"),
        PYTHONUNBUFFERED="1",
        # Every test and benchmark client connects from 127.0.0.1 and its scripted candidates answer at
        # once: the per-address and per-minute limits are for the tests of limits (which pass their
        # own), and each server's counters are its own.
        WS_CONNECTS_PER_MINUTE_PER_IP="100000",
        INTERVIEW_MESSAGES_PER_MINUTE="100000",
        # The API fuzzer sends about a thousand calls a minute as one user from one address.
        API_THROTTLE_ANON="100000/minute",
        API_THROTTLE_USER="100000/minute",
        API_THROTTLE_IP="100000/minute",
        INTERVIEW_LIMITS_PREFIX=f"test-limits-{uuid.uuid4().hex[:12]}",
    )
    env.pop("ANTHROPIC_API_KEY", None)
    env.update(extra)
    return env


def wait_for_port(port: int, proc: subprocess.Popen, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"process exited with {proc.returncode} before listening on {port}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.3):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listening on {port} after {timeout_s}s")


@contextmanager
def running(args: list[str], env: dict[str, str], log_path: Path, port: int | None = None):
    with log_path.open("wb") as log:
        proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            if port is not None:
                try:
                    wait_for_port(port, proc)
                except (RuntimeError, TimeoutError) as exc:
                    log.flush()
                    tail = log_path.read_text(errors="replace")[-3000:]
                    raise RuntimeError(f"{exc}; its log ends:\n{tail}") from None
            yield proc
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def daphne_args(port: int) -> list[str]:
    # No access log: candidate links carry their invite token in the path.
    return [str(BIN / "daphne"), "-b", "127.0.0.1", "-p", str(port), "--access-log", os.devnull,
            "interview_site.asgi:application"]


def worker_args(concurrency: int = 2) -> list[str]:
    return [
        str(BIN / "celery"), "-A", "interview_site", "worker", "-Q", "celery", "-l", "info",
        "--concurrency", str(concurrency),
    ]


def sandbox_worker_args(concurrency: int = 2) -> list[str]:
    """The sandbox worker as docker-compose.yml runs it: its own Celery app, the sandbox queue only."""
    return [str(BIN / "celery"), "-A", "analysis.code.worker", "worker", "-Q", "sandbox", "-n", "sandbox@%h",
            "-l", "info", "--concurrency", str(concurrency),
            "--without-gossip", "--without-mingle", "--without-heartbeat"]


def sandbox_env(broker_url: str, **extra: str) -> dict[str, str]:
    """The sandbox worker's whole environment: a broker URL, nothing of the application's."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", "LANG": "C.UTF-8",
            "PYTHONUNBUFFERED": "1", "SANDBOX_BROKER_URL": broker_url, **extra}
