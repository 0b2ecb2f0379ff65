"""Billed input tokens per turn of a 40-turn interview, with and without prompt caching.

    DJANGO_DEBUG=1 .venv/bin/python bench/tokens.py

Each turn goes through the real gateway, the Anthropic provider and SDK, with the real
INTERVIEWER_TURN prompt and `interviewer_turn_context`, to `llm.testing.fake_anthropic` on
localhost, which bills tokens by the API's caching rule (1024-token minimum for Sonnet; see
`llm.testing.prompt_cache`). The interview: a Senior Backend Engineer (Payments) plan of 19 topics,
each a question and one follow-up, between a greeting and a closing; the candidate's answers are
generated deterministically, 60 to 250 words; the interviewer's words are the server's replies.

Two ways of calling the prompt are measured:
  whole conversation + outline: `transcript` holds every earlier turn and `plan_topics` the plan,
      as the conductor passes them (interviews/conductor/voice.py: the whole conversation up to 80
      turns); the conversation goes as messages with a cache breakpoint on the last one.
  6-turn tail, no outline: the earlier wiring (store.transcript(limit=6)), for comparison.
Costs use settings.LLM_PRICES, from the ModelCall rows the gateway records. Prints; never asserts.
"""

import asyncio
import logging
import os
import random
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODEL = "claude-sonnet-5-5"
TURNS = 40
ROLE = "Senior Backend Engineer (Payments)"
PLAN = [
    ("Payment API design", "How would you design an API that lets merchants take card payments safely under retries?"),
    ("Idempotency", "Tell me about a time duplicate requests caused a problem and how you made the operation safe."),
    ("PostgreSQL performance", "Walk me through how you found and fixed a slow query in production."),
    ("Schema migrations", "How do you change a large table's schema without downtime?"),
    ("Transactions and isolation", "When did an isolation level matter in something you built, and why?"),
    ("Queues and workers", "How have you used a queue to take slow work off the request path?"),
    ("Exactly-once myths", "A consumer processed the same message twice. How would you make that harmless?"),
    ("Caching", "Describe a cache you introduced: what you cached, for how long, and how you kept it correct."),
    ("Observability", "How did you find out about the last serious production incident you handled?"),
    ("Incident response", "Walk me through an incident you led from the first alert to the post-mortem."),
    ("Testing strategy", "How do you decide what to cover with unit, integration and end-to-end tests?"),
    ("Security", "How have you protected secrets and card data in a service you worked on?"),
    ("Reconciliation", "How would you detect that your ledger and the payment provider's records disagree?"),
    ("Rate limiting", "How would you protect an API from one merchant sending ten times its usual traffic?"),
    ("Concurrency", "Tell me about a race condition you found and how you fixed it."),
    ("Code review", "What do you look for first when you review a colleague's pull request?"),
    ("Technical disagreement", "Describe a technical decision you disagreed with and what you did about it."),
    ("Mentoring", "How have you helped a less experienced engineer grow?"),
    ("Trade-offs under deadline", "Tell me about a shortcut you took under a deadline and how you paid it back."),
]
SENTENCES = [
    "At my last company I owned the payments service end to end, about 40 endpoints and 3,000 requests a second.",
    "I started by measuring the baseline, because the first guess about where the time goes is usually wrong.",
    "We used PostgreSQL 14 with PgBouncer in transaction mode, and most of our latency came from lock waits.",
    "I wrote a short design doc with two options and their costs, and reviewed it with the on-call engineers.",
    "We shipped it behind a feature flag to 5 percent of merchants and compared the dashboards for a week.",
    "The p95 latency dropped from 1.8 seconds to 220 milliseconds, and the support tickets about it stopped.",
    "The trade-off was about 3 GB more memory per node, which we accepted after checking the budget.",
    "I added an idempotency key table keyed by merchant and request id, with a unique index and a 24-hour TTL.",
    "Retries from the mobile clients were the real source of duplicates, not the payment provider itself.",
    "I paired with a junior engineer on the rollout so that someone else could own it after me.",
    "We wrote a runbook and a Grafana dashboard, and the next on-call engineer resolved a similar alert in minutes.",
    "Looking back, I would have added the reconciliation job earlier instead of trusting the webhook alone.",
    "Honestly, the hardest part was agreeing on the failure semantics with the product team, not the code.",
    "We used Celery with Redis at first and later moved the heavy jobs to a separate queue with its own workers.",
    "I ran EXPLAIN ANALYZE, found a sequential scan over 30 million rows, and added a composite index.",
    "The test suite ran in 9 minutes, so I split it and cached the database setup, which brought it to 3.",
]


def setup_django(base_url: str) -> None:
    """Django on a throwaway SQLite database, with Claude pointed at the local server."""
    var_dir = tempfile.mkdtemp(prefix="bench-tokens-")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="interview_site.settings", VAR_DIR=var_dir,
        DATABASE_URL=f"sqlite:///{var_dir}/db.sqlite3", ANTHROPIC_API_KEY="bench-not-a-key",
        ANTHROPIC_BASE_URL=base_url, LLM_MAIN=f"anthropic:{MODEL}", LLM_MINI=f"anthropic:{MODEL}", LLM_FALLBACK="",
    )
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    logging.getLogger("httpx2").setLevel(logging.WARNING)


def answer(rng: random.Random, action: str) -> str:
    count = rng.randint(2, 4) if action == "follow_up" else rng.randint(5, 11)
    return " ".join(rng.sample(SENTENCES, count))


def script() -> list[tuple[str, int]]:
    """(action, topic index) for each interviewer turn: greeting, question + follow-up per topic, closing."""
    turns = [("greet", 0)] + [(action, i) for i in range(len(PLAN)) for action in ("question", "follow_up")]
    return (turns + [("close", len(PLAN) - 1)])[:TURNS]


async def interview(*, whole: bool, caching: bool) -> list:
    """Run one interview; return the ModelCall rows of its turns, in order."""
    from django.conf import settings

    from interviews.prompts import INTERVIEWER_TURN, interviewer_turn_context
    from llm import gateway
    from llm.models import ModelCall

    settings.LLM_PROMPT_CACHING = caching
    topics = [{"id": f"t{i + 1}", "name": name, "question": question} for i, (name, question) in enumerate(PLAN)]
    rng, transcript, first_id = random.Random(4), [], await _last_id(ModelCall)
    for seq_index, (action, topic_index) in enumerate(script()):
        seq = len(transcript) + 1
        last_answer = transcript[-1][1] if transcript and action != "greet" else ""
        context = interviewer_turn_context(
            action=action, seq=seq, role_title=ROLE, minutes=60, topic=topics[topic_index],
            topic_number=topic_index + 1, topic_count=len(topics), last_answer=last_answer,
            transcript=transcript if whole else transcript[-6:], plan_topics=topics if whole else None,
        )
        said = "".join([piece async for piece in gateway.stream(INTERVIEWER_TURN, context)])
        transcript.append(("interviewer", said))
        if seq_index < TURNS - 1:
            transcript.append(("candidate", answer(rng, script()[seq_index + 1][0])))
    return [call async for call in ModelCall.objects.filter(id__gt=first_id).order_by("id")]


async def _last_id(model) -> int:
    last = await model.objects.order_by("-id").afirst()
    return last.id if last else 0


def share(call) -> float:
    total = call.input_tokens + call.cache_write_tokens + call.cache_read_tokens
    return call.cache_read_tokens / total if total else 0.0


def print_table(title: str, on: list, off: list) -> None:
    print(f"\n{title}")
    print(f"{'':>4} {'':<10} | {'caching on':^46} | {'caching off':^21}")
    print(f"{'turn':>4} {'action':<10} | {'uncached':>9} {'write':>7} {'read':>7} {'read %':>7} {'cost $':>10} | "
          f"{'uncached':>9} {'cost $':>10}")
    for number, (action, _), a, b in zip(range(1, TURNS + 1), script(), on, off, strict=True):
        print(f"{number:>4} {action:<10} | {a.input_tokens:>9} {a.cache_write_tokens:>7} {a.cache_read_tokens:>7} "
              f"{share(a):>7.1%} {float(a.cost_usd):>10.6f} | {b.input_tokens:>9} {float(b.cost_usd):>10.6f}")


def print_summary(title: str, on: list, off: list) -> None:
    def total(calls, field):
        return sum(getattr(c, field) for c in calls)

    billed = total(on, "input_tokens") + total(on, "cache_write_tokens") + total(on, "cache_read_tokens")
    met = sum(share(c) >= 0.70 for c in on[2:])
    cost_on, cost_off = float(total(on, "cost_usd")), float(total(off, "cost_usd"))
    print(f"\n{title}")
    uncached, written, read = (total(on, f) for f in ("input_tokens", "cache_write_tokens", "cache_read_tokens"))
    print(f"  input tokens, caching on : {uncached:>7} uncached + {written:>6} written + {read:>7} read "
          f"= {billed} ({read / billed:.1%} read)")
    print(f"  input tokens, caching off: {total(off, 'input_tokens'):>7} uncached")
    print(f"  output tokens            : {total(on, 'output_tokens'):>7}")
    print(f"  turns 3-{TURNS} with >= 70% of input read from the cache: {met} of {TURNS - 2}")
    print(f"  cost of the interview's {TURNS} turns: ${cost_on:.4f} with caching, ${cost_off:.4f} without "
          f"({(cost_off - cost_on) / cost_off:+.1%} saved by caching)")


async def run(server) -> None:
    from django.conf import settings

    prices = settings.LLM_PRICES[MODEL]
    print(f"{TURNS}-turn interview, {MODEL} on a local Messages API server ({server.base_url}); "
          f"USD per million tokens: input {prices['input']}, output {prices['output']}, "
          f"cache write {prices['cache_write']}, cache read {prices['cache_read']}")
    results = {}
    for whole in (True, False):
        for caching in (True, False):
            server.cache.clear()
            results[whole, caching] = await interview(whole=whole, caching=caching)
    print_table("Whole conversation as messages + plan outline in [system]", results[True, True], results[True, False])
    print_summary("Whole conversation + outline, totals", results[True, True], results[True, False])
    print_summary("6-turn tail, no outline (the earlier wiring), totals", results[False, True],
                  results[False, False])


def main() -> None:
    from llm.testing.fake_anthropic import FakeAnthropic

    with FakeAnthropic() as server:
        setup_django(server.base_url)
        asyncio.run(run(server))


if __name__ == "__main__":
    main()
