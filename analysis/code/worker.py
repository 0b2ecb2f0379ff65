"""The sandbox worker: a Celery app of its own that runs candidate code and nothing else.

    celery -A analysis.code.worker worker -Q sandbox
    python -m analysis.code.worker --check      # the isolation level here; exit 1 below the minimum

It imports no Django, opens no database and needs no secret: its environment holds the broker URL
(`SANDBOX_BROKER_URL`, else `CELERY_BROKER_URL`, else `REDIS_URL`, else the embedded file-system
broker under `VAR_DIR`) and `CODE_SANDBOX_MIN_LEVEL`. It consumes only the sandbox queue and
answers on `sandbox.results` with data (`messages.py`): each evaluation's outcome, and a heartbeat
every 30 s with the isolation level it detects, from which the application decides whether new
interview plans may carry a coding task.
"""

import logging
import os
import sys
import threading
from pathlib import Path

from celery import Celery, signals

from .execution import execute, worker_status
from .messages import (
    HEARTBEAT_S,
    RESULTS_EXCHANGE,
    RESULTS_QUEUE,
    RESULTS_QUEUE_NAME,
    RUN_TASK,
    SANDBOX_QUEUE,
    transport_options,
)

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parents[2]
# Outlives any run: tests <= 20 s plus the syntax check <= 10 s.
SOFT_TIME_LIMIT_S = 60
TIME_LIMIT_S = 90


def broker_config(environ=None) -> dict:
    """Broker URL and transport options for the sandbox worker, from its (small) environment."""
    environ = os.environ if environ is None else environ
    url = (environ.get("SANDBOX_BROKER_URL") or environ.get("CELERY_BROKER_URL") or environ.get("REDIS_URL")
           or "filesystem://localhost//")
    if url.startswith("filesystem://"):
        folder = Path(environ.get("VAR_DIR") or ROOT / "var") / "celery-queue"
        folder.mkdir(parents=True, exist_ok=True)
        options = {"data_folder_in": str(folder), "data_folder_out": str(folder),
                   "control_folder": str(folder / "control"), "store_processed": False, "polling_interval": 0.2}
    else:
        options = {"visibility_timeout": 3600} if url.startswith(("redis://", "rediss://")) else {}
    return {"broker_url": url, "broker_transport_options": transport_options(url, options)}


app = Celery("sandbox")
app.conf.update(
    **broker_config(),
    task_default_queue=SANDBOX_QUEUE,
    task_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,
    result_backend=None,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    worker_enable_remote_control=False,  # no pidbox: nothing to read or send beyond its two queues
    worker_send_task_events=False,
    broker_connection_retry_on_startup=True,
    worker_hijack_root_logger=True,
)


def publish(body: dict) -> None:
    """Put a data message on the results queue (never a task)."""
    with app.producer_or_acquire() as producer:
        producer.publish(body, exchange=RESULTS_EXCHANGE, routing_key=RESULTS_QUEUE_NAME, declare=[RESULTS_QUEUE],
                         serializer="json", retry=True, retry_policy={"max_retries": 5})


@app.task(name=RUN_TASK, acks_late=True, soft_time_limit=SOFT_TIME_LIMIT_S, time_limit=TIME_LIMIT_S)
def sandbox_run_task(payload: dict) -> None:
    publish(execute(payload))


def _beat(stop: threading.Event, hostname: str) -> None:
    while True:
        try:
            status = worker_status(hostname)
            publish(status)
            if status["error"]:
                log.error("sandbox worker: %s", status["error"])
        except Exception:  # a broker hiccup: the next beat tries again
            log.exception("sandbox heartbeat failed")
        if stop.wait(HEARTBEAT_S):
            return


_stop = threading.Event()


@signals.worker_ready.connect
def _start_heartbeat(sender=None, **kwargs) -> None:
    if getattr(sender, "app", None) is not app:
        return
    hostname = getattr(sender, "hostname", None) or os.uname().nodename
    threading.Thread(target=_beat, args=(_stop, hostname), name="sandbox-heartbeat", daemon=True).start()


@signals.worker_shutdown.connect
def _stop_heartbeat(**kwargs) -> None:
    _stop.set()


def main(argv: list[str]) -> int:
    """`--check`: print the level this machine offers and the minimum; exit 1 when code would not run."""
    if argv[1:] != ["--check"]:
        print(__doc__)
        return 2
    status = worker_status()
    print(f"isolation level: {status['level']}\nminimum: {status['minimum'] or '-'}\n"
          f"languages: {', '.join(status['languages']) or 'none'}")
    if status["error"]:
        print(f"NOT SAFE: {status['error']}")
        return 1
    print("OK: candidate code will run at this level")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
