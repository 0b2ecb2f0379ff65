"""N simulated candidates over real WebSockets against ONE Daphne process (Redis channel layer, PostgreSQL).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/interviewer REDIS_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python bench/ws_load.py [--n 50,100,200,400] [--answers 4] [--think 1.0]

The model is the offline engine set to `ttft_ms=800&tokens_per_s=50` (main and mini). Each candidate
says hello, waits for the greeting, then answers `--answers` times, `--think` seconds after each
interviewer turn; every fourth candidate "types" its answer first (a partial, then the same words as
the message half a second later), which lets the server prepare the reply (preemptive generation).
Candidates start spread over a ramp. For each N it prints, for the replies of the main model:
  added      time from sending the answer to the reply's first delta, minus the model's 800 ms
  filler     time from sending the answer to the filler (promised within 700 ms)
  gap        time between consecutive deltas of one turn, as the candidate receives them
  cpu        CPU seconds of the Daphne process per interview-minute (and per interview, on a line below,
             with the p99 of `added` for the answers sent while other candidates were still connecting)
  errors     failed connections, error frames, unexpected closes, candidates that did not finish
and the same frame pattern through a bare `websockets` echo server (the floor of this harness).
The server inherits this environment, so its knobs can be compared run against run (e.g.
`DB_THREADS=1`, `DB_CONN_MAX_AGE=0`; `WS_LOAD_SWITCH_INTERVAL=0.001` sets the server's GIL switch
interval, `WS_LOAD_PROFILE=path` writes a cProfile of it).
The database is a throwaway one next to DATABASE_URL's (`<name>_wsbench`), dropped at the end; the
server's `postgres` database is used to create and drop it.
Only loopback addresses; every wait is bounded; it stops by itself. Prints; never asserts.
"""

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TTFT_S, TOKENS_PER_S = 0.8, 50
MODEL = f"offline?ttft_ms={int(TTFT_S * 1000)}&tokens_per_s={TOKENS_PER_S}"
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
ANSWERS = [
    "I lead a small platform team at Acme; lately I have been moving our billing jobs onto Celery.",
    "Yes, I have done that a lot.",
    "Our search endpoint took 4 seconds. I ran EXPLAIN ANALYZE, saw a sequential scan on 30 million rows, "
    "added a composite index and rewrote an OR into a UNION. It dropped to 40 ms.",
    "When a colleague and I disagreed about Kafka, I wrote down both options with costs, we ran a two-day "
    "spike, and the numbers showed our queue was fine for two more years.",
    "For example, when an incident hit I personally rolled back, wrote the postmortem and added alerts.",
]
MAIN_KINDS = {"question", "follow_up", "greeting", "closing", "code_task", "nudge"}
SESSION_TIMEOUT_S = 120.0


# --- Statistics ---------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))]


def ms(values: list[float], q: float) -> str:
    value = pct(values, q)
    return "  -  " if value != value else f"{value * 1000:5.0f}"


@dataclass
class Stats:
    added: list[float] = field(default_factory=list)
    added_typed: list[float] = field(default_factory=list)  # replies to answers typed first (partials)
    filler: list[float] = field(default_factory=list)
    gaps: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    finished: int = 0
    seconds: float = 0.0  # summed session time, for interview-minutes
    started: float = 0.0  # when the first candidate connects
    ramp_s: float = 0.0  # candidates connect over this long
    added_during_ramp: list[float] = field(default_factory=list)  # `added`, for answers sent while others connect


# --- One candidate ------------------------------------------------------------------------------------


class Candidate:
    def __init__(self, url: str, origin: str, *, answers: int, think_s: float, typed: bool, stats: Stats):
        self.url, self.origin, self.answers, self.think_s, self.typed = url, origin, answers, think_s, typed
        self.stats = stats
        self.sent_at: float | None = None
        self.replied: set[int] = set()
        self.first_delta: dict[int, float] = {}
        self.last_delta: dict[int, float] = {}
        self.said = 0

    async def run(self, delay_s: float) -> None:
        import websockets

        await asyncio.sleep(delay_s)
        started = time.monotonic()
        try:
            async with websockets.connect(self.url, origin=self.origin, open_timeout=30, max_queue=None) as ws:
                await ws.send(json.dumps({"type": "hello", "last_seq": 0}))
                await ws.send(json.dumps({"type": "start", "consent": True}))
                await asyncio.wait_for(self._talk(ws), SESSION_TIMEOUT_S)
            self.stats.finished += 1
        except Exception as error:  # noqa: BLE001 - every failure is counted, none stops the bench
            self.stats.errors.append(f"{type(error).__name__}: {str(error)[:80]}")
        finally:
            self.stats.seconds += time.monotonic() - started

    async def _talk(self, ws) -> None:
        answering: asyncio.Task | None = None
        while True:
            frame = json.loads(await ws.recv())
            now = time.monotonic()
            kind = frame["type"]
            if kind == "interviewer.delta":
                self._delta(frame, now)
            elif kind == "interviewer.filler" and self.sent_at is not None:
                self.stats.filler.append(now - self.sent_at)
            elif kind == "error":
                self.stats.errors.append(f"error frame {frame.get('code')}")
            elif kind == "turn" and frame["role"] == "interviewer":
                self._turn(frame)
                if self.said >= self.answers:
                    return
                answering = asyncio.create_task(self._answer(ws))
            elif kind == "ended":
                return
        del answering

    def _delta(self, frame: dict, now: float) -> None:
        seq = frame["seq"]
        if seq in self.last_delta:
            self.stats.gaps.append(now - self.last_delta[seq])
        else:
            self.first_delta[seq] = now
        self.last_delta[seq] = now

    def _turn(self, frame: dict) -> None:
        seq = frame["seq"]
        if self.sent_at is None or seq in self.replied or seq not in self.first_delta:
            return
        self.replied.add(seq)
        if frame["kind"] in MAIN_KINDS:  # the surprise comes from the mini model: not this measure
            added = self.first_delta[seq] - self.sent_at - TTFT_S
            (self.stats.added_typed if self.typed_last else self.stats.added).append(added)
            if not self.typed_last and self.sent_at - self.stats.started < self.stats.ramp_s:
                self.stats.added_during_ramp.append(added)

    async def _answer(self, ws) -> None:
        await asyncio.sleep(self.think_s * random.uniform(0.7, 1.3))  # noqa: S311 - load shape, not security
        text = ANSWERS[self.said % len(ANSWERS)]
        self.said += 1
        self.typed_last = self.typed and self.said > 1
        if self.typed_last:
            await ws.send(json.dumps({"type": "candidate.partial", "text": text}))
            await asyncio.sleep(0.5)
        self.sent_at = time.monotonic()
        await ws.send(json.dumps({"type": "candidate.message", "text": text, "client_id": uuid.uuid4().hex}))

    typed_last = False


async def run_load(urls: list[tuple[str, str]], *, answers: int, think_s: float, ramp_s: float) -> Stats:
    stats = Stats(started=time.monotonic(), ramp_s=ramp_s)
    candidates = [
        Candidate(url, origin, answers=answers, think_s=think_s, typed=i % 4 == 3, stats=stats)
        for i, (url, origin) in enumerate(urls)
    ]
    await asyncio.gather(*(c.run(ramp_s * i / max(1, len(candidates))) for i, c in enumerate(candidates)))
    return stats


# --- The echo floor: the same frames from a bare websockets server ------------------------------------------


def _pieces(text: str, flush_s: float = 0.05) -> list[str]:
    """The reply's words grouped the way the server coalesces them (one flush every 50 ms)."""
    words = text.split(" ")
    per_flush = max(1, round(TOKENS_PER_S * flush_s))
    return [" ".join(words[i : i + per_flush]) + " " for i in range(0, len(words), per_flush)]


async def echo_server(port: int) -> None:
    import websockets

    reply = _pieces(" ".join(ANSWERS[2].split()[:45]))

    async def speak(ws, seq: int) -> None:
        await asyncio.sleep(TTFT_S)
        offset = 0
        for i, piece in enumerate(reply):
            if i:
                await asyncio.sleep(0.05)
            await ws.send(json.dumps({"type": "interviewer.delta", "seq": seq, "text": piece, "offset": offset}))
            offset += len(piece)
        await ws.send(json.dumps({"type": "turn", "seq": seq, "role": "interviewer", "kind": "question",
                                  "text": "".join(reply)}))  # fmt: skip

    async def filler(ws) -> None:
        await asyncio.sleep(0.64)
        await ws.send(json.dumps({"type": "interviewer.filler", "text": "Right, one moment."}))

    async def handle(ws) -> None:
        seq = 0
        async for raw in ws:
            frame = json.loads(raw)
            if frame["type"] == "hello":
                await ws.send(json.dumps({"type": "session", "last_seq": 0}))
                seq += 1
                asyncio.ensure_future(speak(ws, seq))
            elif frame["type"] == "candidate.message":
                seq += 2
                await ws.send(json.dumps({"type": "turn", "seq": seq - 1, "role": "candidate", "kind": "answer",
                                          "text": frame["text"]}))  # fmt: skip
                asyncio.ensure_future(filler(ws))
                asyncio.ensure_future(speak(ws, seq))

    async with websockets.serve(handle, "127.0.0.1", port, max_queue=None):
        await asyncio.sleep(3600)  # the parent stops it; an hour at most in any case


# --- Setting up: a throwaway database, interviews, the servers ----------------------------------------------


def loopback_only(url: str) -> None:
    host = urlsplit(url).hostname or ""
    if host not in LOOPBACK:
        sys.exit(f"refusing a non-loopback address: {host}")


def bench_database_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_wsbench"))


def maintenance_url(url: str) -> str:
    """The server's `postgres` database: DATABASE_URL's own need not exist on a fresh machine."""
    return urlunsplit(urlsplit(url)._replace(path="/postgres"))


def recreate_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(maintenance_url(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(admin_url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(maintenance_url(admin_url), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def make_interviews(count: int) -> list[tuple[int, str]]:
    from interviews.tests.factories import TOPICS, make_interview

    return [(i.pk, token) for i, token in (make_interview(topics=TOPICS[:3]) for _ in range(count))]


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def server_env(database_url: str, redis_url: str) -> dict[str, str]:
    # redis-py 8 reads with a 5 s socket timeout, as long as channels_redis's blocking pop, and its pool
    # refuses a 101st connection: raise both (the settings should say so; see the report).
    redis_for_layer = redis_url + ("&" if "?" in redis_url else "?") + "socket_timeout=15&max_connections=1000"
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="interview_site.settings", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="bench-" + "k" * 50,
        DJANGO_SECURE="0", DATABASE_URL=database_url, REDIS_URL=redis_for_layer, CELERY_BROKER_URL=redis_url,
        LLM_MAIN=MODEL, LLM_MINI=MODEL, PYTHONUNBUFFERED="1", LOG_LEVEL="WARNING",
        DB_CONN_MAX_AGE=os.environ.get("DB_CONN_MAX_AGE", "60"),  # persistent connections, as deployed
    )  # fmt: skip
    env.pop("ANTHROPIC_API_KEY", None)
    return env


def start(args: list[str], env: dict[str, str], log: Path, port: int) -> subprocess.Popen:
    from tests.live import wait_for_port

    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    wait_for_port(port, proc, timeout_s=60)
    return proc


def stop(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGINT)  # Daphne stops cleanly on SIGINT (and a profile gets written)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


# --- The run -------------------------------------------------------------------------------------------------


def row(label: str, n: int, stats: Stats, cpu: float | None) -> str:
    minutes = stats.seconds / 60
    cpu_text = "   -  " if cpu is None else f"{cpu / minutes:6.2f}" if minutes else "   ?  "
    errors = len(stats.errors) + (n - stats.finished - len(stats.errors))
    return (
        f"{label:6} {n:4} | {ms(stats.added, 50)} {ms(stats.added, 95)} {ms(stats.added, 99)} | "
        f"{ms(stats.filler, 50)} {ms(stats.filler, 99)} {sum(f > 0.7 for f in stats.filler):4} | "
        f"{ms(stats.gaps, 50)} {ms(stats.gaps, 99)} | {cpu_text} | {errors:4} | {ms(stats.added_typed, 50)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", default="50,100,200,400", help="candidate counts, comma-separated")
    parser.add_argument("--answers", type=int, default=4)
    parser.add_argument("--think", type=float, default=1.0, help="seconds between a turn and the answer")
    parser.add_argument("--echo", type=int, help=argparse.SUPPRESS)  # internal: run the echo server
    args = parser.parse_args()
    if args.echo:
        asyncio.run(echo_server(args.echo))
        return
    database_url, redis_url = os.environ.get("DATABASE_URL", ""), os.environ.get("REDIS_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")) or not redis_url:
        sys.exit("needs DATABASE_URL (PostgreSQL) and REDIS_URL")
    loopback_only(database_url)
    loopback_only(redis_url)
    bench_url = bench_database_url(database_url)
    bench_name = urlsplit(bench_url).path.lstrip("/")
    recreate_database(database_url, bench_name)
    env = server_env(bench_url, redis_url)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    os.environ.update(DATABASE_URL=bench_url, DJANGO_SETTINGS_MODULE="interview_site.settings", DJANGO_DEBUG="0",
                      DJANGO_SECRET_KEY=env["DJANGO_SECRET_KEY"], DJANGO_SECURE="0")  # fmt: skip
    import django

    django.setup()
    from tests.live import free_port

    logs = Path(tempfile.gettempdir()) / "ws_load"
    logs.mkdir(exist_ok=True)
    port, echo_port = free_port(), free_port()
    daphne_cmd = [str(Path(sys.executable).parent / "daphne"), "-b", "127.0.0.1", "-p", str(port),
                  "--access-log", os.devnull, "interview_site.asgi:application"]  # fmt: skip
    if os.environ.get("WS_LOAD_SWITCH_INTERVAL"):  # an experiment: the GIL's switch interval of the server, s
        daphne_cmd = [sys.executable, "-c", "import sys; sys.setswitchinterval(float(sys.argv.pop(1))); "
                      "from daphne.cli import CommandLineInterface; CommandLineInterface.entrypoint()",
                      os.environ["WS_LOAD_SWITCH_INTERVAL"], *daphne_cmd[1:]]  # fmt: skip
    if os.environ.get("WS_LOAD_PROFILE"):  # a cProfile of the server, written when it stops (SIGINT)
        daphne_cmd = [sys.executable, "-m", "cProfile", "-o", os.environ["WS_LOAD_PROFILE"], *daphne_cmd]
    daphne = start(daphne_cmd, env, logs / "daphne.log", port)
    echo = start([sys.executable, __file__, "--echo", str(echo_port)], env, logs / "echo.log", echo_port)
    print(f"model {MODEL}; {args.answers} answers per candidate, think {args.think} s; logs in {logs}")
    print("                 added latency ms  |  filler ms  late |  gap ms   | cpu s/ | err  | typed")
    print("server    N    |  p50   p95   p99 |  p50   p99  >700 |  p50  p99 | int-min|      | added p50")
    try:
        for n in [int(x) for x in args.n.split(",") if x.strip()]:
            interviews = make_interviews(n)
            urls = [(f"ws://127.0.0.1:{port}/api/v1/interview/{pk}/chat?token={token}", f"http://127.0.0.1:{port}")
                    for pk, token in interviews]  # fmt: skip
            before = cpu_seconds(daphne.pid)
            stats = asyncio.run(run_load(urls, answers=args.answers, think_s=args.think, ramp_s=min(10, n / 40)))
            used = cpu_seconds(daphne.pid) - before
            print(row("daphne", n, stats, used), flush=True)
            print(f"         daphne CPU {used:.1f} s in all, {used / n * 1000:.0f} ms per interview", flush=True)
            ramp = stats.added_during_ramp
            print(f"         added p99 while candidates still connect: {ms(ramp, 99).strip()} ms ({len(ramp)} replies)",
                  flush=True)  # fmt: skip
            if stats.errors:
                print("         errors:", ", ".join(sorted(set(stats.errors)))[:300])
            echo_urls = [(f"ws://127.0.0.1:{echo_port}/", f"http://127.0.0.1:{echo_port}")] * n
            floor = asyncio.run(run_load(echo_urls, answers=args.answers, think_s=args.think, ramp_s=min(10, n / 40)))
            print(row("echo", n, floor, None), flush=True)
    finally:
        stop(daphne)
        stop(echo)
        drop_database(database_url, bench_name)


if __name__ == "__main__":
    main()
