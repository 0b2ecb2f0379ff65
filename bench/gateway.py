"""The gateway's own added latency to the first token, over a local stream.

    DJANGO_DEBUG=1 .venv/bin/python bench/gateway.py [--calls 300]

Time to the first piece of text of the real INTERVIEWER_TURN prompt, three ways, interleaved call
by call so drift hits all alike:
  sdk       the AsyncAnthropic client alone (same client, same pooled connection), prompt pre-rendered
  provider  AnthropicModel.stream: rendering, message building, the SDK call, event parsing
  gateway   llm.gateway.stream: model selection, fallback chain, deadline, accounting, then the provider
and the same for the offline engine (no network): OfflineModel.stream against gateway.stream.
The server is `llm.testing.fake_anthropic` in a process of its own. The gateway's added latency is
gateway minus provider, as a difference of medians and as the median of per-call differences.
The gateway records each call after its last piece, on a throwaway SQLite database; that is not
part of the first token. Target (issue 4): under 2 ms median. Prints; never asserts.
"""

import argparse
import asyncio
import logging
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MODEL = "claude-sonnet-5-5"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "llm.testing.fake_anthropic", "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.05)
    server.kill()
    raise RuntimeError("the local server did not start")


def setup_django(base_url: str) -> None:
    var_dir = tempfile.mkdtemp(prefix="bench-gateway-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="interview_site.settings", VAR_DIR=var_dir,
        DATABASE_URL=f"sqlite:///{var_dir}/db.sqlite3", ANTHROPIC_API_KEY="bench-not-a-key",
        ANTHROPIC_BASE_URL=base_url, LLM_MAIN=f"anthropic:{MODEL}", LLM_MINI="offline", LLM_FALLBACK="",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    logging.getLogger("httpx2").setLevel(logging.WARNING)


def turn_context() -> dict:
    from interviews.prompts import interviewer_turn_context

    topic = {"id": "t2", "name": "Idempotency", "question": "Tell me about a time duplicate requests hurt you."}
    transcript = [
        ("interviewer", "Hello, I'm an AI interviewer. What are you working on at the moment?"),
        ("candidate", "I own the payments service: 40 endpoints, PostgreSQL, Celery, about 3,000 requests a second."),
    ]
    return interviewer_turn_context(
        action="question", seq=3, role_title="Senior Backend Engineer", minutes=45, topic=topic, topic_number=2,
        topic_count=6, last_answer=transcript[-1][1], transcript=transcript,
    )


async def first_piece(pieces) -> float:
    """Seconds to the first piece; the rest is drained (and the iterator closed) outside the timing."""
    started = time.perf_counter()
    await anext(pieces)
    elapsed = time.perf_counter() - started
    async for _ in pieces:
        pass
    return elapsed


async def via_sdk(params: dict) -> float:
    from llm.providers import anthropic as provider

    started = time.perf_counter()
    events = await provider._client().messages.create(stream=True, **params)
    elapsed = None
    async for event in events:
        if elapsed is None and event.type == "content_block_delta" and event.delta.type == "text_delta":
            elapsed = time.perf_counter() - started
    await events.close()
    return elapsed


async def measure(calls: int) -> dict[str, list[float]]:
    from interviews.prompts import INTERVIEWER_TURN
    from llm import gateway
    from llm.providers.anthropic import AnthropicModel, build_messages
    from llm.providers.base import ModelRequest
    from llm.providers.offline import OfflineModel

    context = turn_context()
    model, offline = AnthropicModel(MODEL), OfflineModel("")
    system, history, user = INTERVIEWER_TURN.render_messages(context)
    request = ModelRequest(prompt=INTERVIEWER_TURN, context=context, max_tokens=INTERVIEWER_TURN.max_tokens)
    params = model._params(request, system, build_messages(history, user, cache=True), request.max_tokens)

    def fresh() -> ModelRequest:
        return ModelRequest(prompt=INTERVIEWER_TURN, context=context, max_tokens=INTERVIEWER_TURN.max_tokens)

    variants = {
        "sdk": lambda: via_sdk(params),
        "provider": lambda: first_piece(model.stream(fresh())),
        "gateway": lambda: first_piece(gateway.stream(INTERVIEWER_TURN, context, role="main")),
        "offline provider": lambda: first_piece(offline.stream(fresh())),
        "offline gateway": lambda: first_piece(gateway.stream(INTERVIEWER_TURN, context, role="mini")),
    }
    names = list(variants)
    for _ in range(20):  # warm-up: connection pool, imports, template compilation, SQLite
        for name in names:
            await variants[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for i in range(calls):
        order = names[i % len(names):] + names[: i % len(names)]  # rotate, so no variant always goes first
        for name in order:
            times[name].append(await variants[name]())
    return times


def ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def report(times: dict[str, list[float]], calls: int) -> None:
    print(f"Time to first piece, {calls} calls each, interleaved ({MODEL} on a local server; offline engine)")
    print(f"{'path':<18} {'median ms':>10} {'p95 ms':>9} {'mean ms':>9}")
    for name, values in times.items():
        print(f"{name:<18} {ms(values, 0.5):>10.3f} {ms(values, 0.95):>9.3f} {statistics.fmean(values) * 1000:>9.3f}")
    for label, base, top in (("HTTP", "provider", "gateway"), ("offline", "offline provider", "offline gateway")):
        paired = [g - p for g, p in zip(times[top], times[base], strict=True)]
        added = ms(times[top], 0.5) - ms(times[base], 0.5)
        print(f"gateway added latency ({label}): {added:.3f} ms difference of medians; "
              f"per-call differences median {ms(paired, 0.5):.3f} ms, p95 {ms(paired, 0.95):.3f} ms")
    sdk_cost = ms(times["provider"], 0.5) - ms(times["sdk"], 0.5)
    print(f"provider over the bare SDK (rendering, messages, parsing): {sdk_cost:.3f} ms median")
    print("target: gateway added latency under 2 ms median")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()
    port = free_port()
    server = start_server(port)
    try:
        setup_django(f"http://127.0.0.1:{port}")
        report(asyncio.run(measure(args.calls)), args.calls)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
