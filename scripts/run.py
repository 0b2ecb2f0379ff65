"""`make run`: the whole product on one machine with embedded defaults.

Migrates, creates the demo recruiter and demo data when none exist, then runs Daphne (HTTP and
WebSocket on one port) and a real Celery worker (with an embedded beat scheduler) until Ctrl-C.
With nothing configured: SQLite, the in-memory channel layer, a file-system Celery broker, local
file storage and the offline model, paced like a real one so streaming is visible.
Any variable from .env.example overrides these defaults.
"""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("DJANGO_DEBUG", "1")
    env.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")
    if not env.get("ANTHROPIC_API_KEY"):
        # A real provider's rhythm (first token after ~0.4 s, then ~30 tokens/s) so the demo streams.
        env.setdefault("LLM_MAIN", "offline?ttft_ms=400&tokens_per_s=30")
        env.setdefault("LLM_MINI", "offline?ttft_ms=150&tokens_per_s=60")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _sandbox_environment(env: dict[str, str]) -> dict[str, str]:
    keep = ("PATH", "HOME", "LANG", "VAR_DIR", "CELERY_BROKER_URL", "REDIS_URL", "SANDBOX_BROKER_URL",
            "CODE_SANDBOX_MIN_LEVEL", "DJANGO_DEBUG", "PYTHONUNBUFFERED")
    return {name: env[name] for name in keep if name in env}


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _wait_for_port(host: str, port: int, timeout_s: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.2)
    return False


def main() -> int:
    env = _environment()
    _manage(env, "migrate", "--noinput", "-v", "0")
    _manage(env, "seed_demo")
    bin_dir = Path(sys.executable).parent
    processes = {
        "web": subprocess.Popen(
            # No access log: candidate links carry their invite token in the path.
            [str(bin_dir / "daphne"), "-b", HOST, "-p", str(PORT), "--access-log", os.devnull,
             "interview_site.asgi:application"],
            cwd=ROOT, env=env,
        ),
        "worker": subprocess.Popen(
            [str(bin_dir / "celery"), "-A", "interview_site", "worker", "-B", "-Q", "celery", "-l", "warning",
             "--concurrency", "2", "-s", str(ROOT / "var" / "celerybeat-schedule")],
            cwd=ROOT, env=env,
        ),
        # Candidate code runs only here: its own Celery app, with a broker URL and nothing else.
        "sandbox": subprocess.Popen(
            [str(bin_dir / "celery"), "-A", "analysis.code.worker", "worker", "-Q", "sandbox", "-n", "sandbox@%h",
             "-l", "warning", "--concurrency", "2", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=_sandbox_environment(env),
        ),
    }
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    if _wait_for_port(HOST, PORT):
        print(
            f"\n  AI Interviewer is running at http://{HOST}:{PORT}/\n"
            f"  Log in as {env.get('DEMO_USERNAME', 'demo')} / {env.get('DEMO_PASSWORD', 'demo-interviewer')}"
            f"  (admin: http://{HOST}:{PORT}/admin/)\n"
            f"  Models: main={env.get('LLM_MAIN', 'default')}  mini={env.get('LLM_MINI', 'default')}\n"
            "  Press Ctrl-C to stop.\n",
            flush=True,
        )
    while not stopping and all(p.poll() is None for p in processes.values()):
        time.sleep(0.3)
    for name, proc in processes.items():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        elif not stopping:
            print(f"{name} exited with code {proc.returncode}; stopping.", file=sys.stderr)
    for proc in processes.values():
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0 if stopping else 1


if __name__ == "__main__":
    sys.exit(main())
