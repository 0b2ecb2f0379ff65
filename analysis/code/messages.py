"""What crosses the broker between the application and the sandbox worker, and nothing more.

The application sends the sandbox queue one task, `sandbox.run`, with the submission's code as
data. The sandbox worker answers with plain JSON messages on the `sandbox.results` queue (an
evaluation's outcome, or a heartbeat with the isolation level it can offer), never with Celery
tasks: the application reads them as data and validates them (`outcome_clean`), so a sandbox
worker that were ever taken over could not queue the application's tasks.
"""

from kombu import Exchange, Queue

SANDBOX_QUEUE = "sandbox"
RUN_TASK = "sandbox.run"
RESULTS_QUEUE_NAME = "sandbox.results"
RESULTS_EXCHANGE = Exchange(RESULTS_QUEUE_NAME, type="direct", durable=True)
RESULTS_QUEUE = Queue(RESULTS_QUEUE_NAME, RESULTS_EXCHANGE, routing_key=RESULTS_QUEUE_NAME, durable=True)
HEARTBEAT_S = 30.0
# On Redis every key of the sandbox's traffic (its queue, the results queue, kombu's bookkeeping)
# starts with this prefix, on both sides, so the sandbox worker's broker account can be limited to
# `~sandbox:*` (docker-compose.yml) and reaches none of the application's keys.
REDIS_KEYPREFIX = "sandbox:"
OUTCOME_STATUSES = ("ran", "refused", "error")
MAX_TEXT = 2000


def transport_options(url: str, base: dict | None = None) -> dict:
    """Transport options for a connection that carries sandbox traffic."""
    options = dict(base or {})
    if url.startswith(("redis://", "rediss://")):
        options["global_keyprefix"] = REDIS_KEYPREFIX
    return options


ONLY_EXAMPLES = "examples"


def run_payload(*, submission_id: int, task_id: str, language: str, code: str, examples_only: bool = False) -> dict:
    """A `sandbox.run`'s one argument. `only: "examples"` runs just the tests the statement shows
    (the candidate's "Run examples"), without the syntax check."""
    payload = {"submission_id": int(submission_id), "task_id": task_id, "language": language, "code": code}
    if examples_only:
        payload["only"] = ONLY_EXAMPLES
    return payload


def _text(value, limit: int = MAX_TEXT) -> str:
    return str(value or "")[:limit]


def outcome_clean(body) -> dict | None:
    """A validated evaluation outcome or heartbeat from the results queue, or None to drop it."""
    if not isinstance(body, dict):
        return None
    if body.get("type") == "heartbeat":
        if not isinstance(body.get("level"), str) or not isinstance(body.get("hostname"), str):
            return None
        return {
            "type": "heartbeat", "hostname": _text(body["hostname"], 200), "level": _text(body["level"], 20),
            "minimum": _text(body.get("minimum"), 20),
            "languages": [_text(x, 20) for x in body.get("languages") or []][:5],
            "error": _text(body.get("error"), 500),
        }
    if body.get("type") != "evaluation" or body.get("status") not in OUTCOME_STATUSES:
        return None
    if not isinstance(body.get("submission_id"), int) or isinstance(body.get("submission_id"), bool):
        return None
    clean = {
        "type": "evaluation", "submission_id": body["submission_id"], "status": body["status"],
        "code": _text(body.get("code"), 64), "message": _text(body.get("message")),
        "level": _text(body.get("level"), 20), "minimum": _text(body.get("minimum"), 20),
    }
    if body["status"] == "ran":
        tests = body.get("tests")
        if not isinstance(tests, dict) or not isinstance(tests.get("tests"), list):
            return None
        if not all(isinstance(tests.get(k), int) for k in ("passed", "total")):
            return None
        syntax = body.get("syntax_error")
        clean["tests"] = tests
        clean["syntax_error"] = syntax if isinstance(syntax, dict) else None
    return clean
