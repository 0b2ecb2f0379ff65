"""The application worker's reader of the `sandbox.results` queue (a worker bootstep with its own
broker connection, keyed like the sandbox's traffic: `messages.transport_options`).

Messages there are data from the sandbox worker, not tasks: each is validated
(`messages.outcome_clean`) and turned into one of our own tasks; anything else is dropped with a
log line. So even a sandbox worker under someone else's control could only report outcomes.
"""

import logging
import threading

from celery import bootsteps
from kombu.mixins import ConsumerMixin

from .messages import RESULTS_QUEUE, outcome_clean, transport_options

log = logging.getLogger(__name__)


def sandbox_connection(app, *, write: bool):
    """A broker connection for sandbox traffic (the application's credentials, the sandbox key prefix)."""
    url = app.conf.broker_url or ""
    options = transport_options(url, app.conf.broker_transport_options)
    return (app.connection_for_write if write else app.connection_for_read)(transport_options=options)


def on_message(body, message) -> None:
    from .tasks import code_evaluation_finish_task, sandbox_heartbeat_task

    clean = outcome_clean(body)
    if clean is None:
        log.warning("dropped a malformed message from the sandbox results queue")
        message.ack()
        return
    try:
        if clean["type"] == "heartbeat":
            sandbox_heartbeat_task.delay(clean)
        else:
            code_evaluation_finish_task.delay(clean["submission_id"], clean)
    except Exception:  # the broker refused the task: keep the outcome for another try
        log.exception("could not queue the sandbox outcome; it stays on the results queue")
        message.requeue()
        return
    message.ack()


class _Reader(ConsumerMixin):
    def __init__(self, connection):
        self.connection = connection

    def get_consumers(self, Consumer, channel):  # noqa: N803 - kombu's signature
        return [Consumer(queues=[RESULTS_QUEUE], callbacks=[on_message], accept=["json"])]


class SandboxResults(bootsteps.StartStopStep):
    """Reads the results queue in a thread of the application worker's main process."""

    def __init__(self, worker, **kwargs):
        self.reader, self.thread = None, None

    def start(self, worker) -> None:
        self.reader = _Reader(sandbox_connection(worker.app, write=False))
        self.thread = threading.Thread(target=self.reader.run, name="sandbox-results", daemon=True)
        self.thread.start()

    def stop(self, worker) -> None:
        if self.reader is not None:
            self.reader.should_stop = True
            self.thread.join(timeout=5)
            self.reader.connection.release()

    shutdown = stop
