"""One interviewer turn on its way out: model pieces in, coalesced `interviewer.delta` frames out.

A `Speech` starts before its turn has a seq: the model starts thinking while the database writes
the step (and, for a preemptive reply, while the candidate's words are still a partial). Deltas
flow once `set_seq()` is called. Pieces are coalesced: the first goes at once (it is what the
candidate waits for), later ones at most every `flush_s` or every `flush_chars`, so a busy server
makes a few group sends per second per interview instead of one per token. The pieces sent always
join to `sent`, and cancelling (a barge-in, the end) stops the model at once — its stream is
closed, which closes the upstream call — and keeps exactly what was sent. A server whose event loop
runs late coalesces more (see `_LoopLag`).
"""

import asyncio
import itertools
import logging
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable

log = logging.getLogger(__name__)

# Stream ids: unique across processes (a random part per process), cheap (no uuid4 per turn: under
# load its urandom call costs a millisecond).
_PROCESS = secrets.token_hex(4)
_streams = itertools.count(1)


class _LoopLag:
    """How late this process's flush timers fire (an average): the server's own measure of how busy
    it is. A busy server coalesces more — up to 4x the flush interval — so it sends fewer frames and
    catches up, while the first words of a turn still go out at once."""

    lag_s = 0.0

    @classmethod
    def sample(cls, late_s: float) -> None:
        cls.lag_s += (max(0.0, late_s) - cls.lag_s) * 0.1

    @classmethod
    def stretch(cls) -> int:
        return 1 if cls.lag_s < 0.005 else 2 if cls.lag_s < 0.02 else 3 if cls.lag_s < 0.05 else 4

Emit = Callable[[dict], Awaitable[None]]


class Speech:
    def __init__(
        self,
        pieces: Callable[[], AsyncIterator[str]],
        *,
        emit: Emit,
        fallback: Callable[[], str],
        flush_s: float = 0.05,
        flush_chars: int = 160,
        on_first_delta: Callable[[], None] | None = None,
        label: str = "",
        now: Callable[[], float] = time.monotonic,
    ):
        self._pieces, self._emit, self._fallback = pieces, emit, fallback
        self._flush_s, self._flush_chars = flush_s, flush_chars
        self.on_first_delta, self.label, self._now = on_first_delta, label, now
        self.stream_id = f"{_PROCESS}{next(_streams):x}"  # a regenerated turn is a new stream: clients restart it
        self.seq: int | None = None
        self.sent = ""
        self.pending = ""
        self.started_at = now()
        self.first_piece_at: float | None = None
        self.first_delta_at: float | None = None
        self.deltas = 0
        self._seq_ready = asyncio.Event()
        self._stopped = False  # cancelled: nothing more goes out, even text already buffered
        self._lock = asyncio.Lock()
        self._last_flush = 0.0
        self._timer: asyncio.TimerHandle | None = None
        self._inflight: set[asyncio.Task] = set()
        self._task = asyncio.create_task(self._run(), name=f"speech-{label}")

    # --- Control ----------------------------------------------------------------------------------

    def set_seq(self, seq: int) -> None:
        """The turn is open in the database: deltas may flow (what is buffered goes now)."""
        self.seq = seq
        self._seq_ready.set()
        if self.pending:
            self._spawn_flush()

    def cancel(self) -> None:
        self._stopped = True
        self._cancel_timer()
        self._task.cancel()

    @property
    def cancelled(self) -> bool:
        return self._task.cancelled()

    @property
    def done(self) -> bool:
        return self._task.done()

    async def wait(self) -> None:
        """Until the turn is over (finished or cancelled) and every delta it sent has gone out."""
        await asyncio.wait({self._task})
        self._cancel_timer()
        while self._inflight:
            await asyncio.wait(set(self._inflight))

    async def aclose(self) -> None:
        self.cancel()
        await self.wait()

    # --- The model's pieces ---------------------------------------------------------------------

    async def _run(self) -> None:
        stream = self._pieces()
        try:
            async for piece in stream:
                if piece:
                    await self._take(piece)
        except asyncio.CancelledError:
            raise
        except Exception:
            # The model failed: the candidate still gets a coherent turn, from the offline engine,
            # after whatever was already said (so the deltas still join to the turn).
            log.exception("model failed on turn %s; offline words used", self.label)
            said = self.sent + self.pending
            await self._take((" " if said else "") + self._fallback())
        finally:
            await stream.aclose()  # closes the model's HTTP stream now, not at garbage collection
        if not (self.sent + self.pending).strip():
            await self._take(self._fallback())
        await self._seq_ready.wait()
        await self._flush()

    async def _take(self, piece: str) -> None:
        if self.first_piece_at is None:
            self.first_piece_at = self._now()
        self.pending += piece
        if self.seq is None:
            return  # held until the turn is open
        since, every = self._now() - self._last_flush, self._flush_s * _LoopLag.stretch()
        if not self.deltas or len(self.pending) >= self._flush_chars or since >= every:
            await self._flush()
        elif self._timer is None:
            loop = asyncio.get_running_loop()
            delay = max(0.0, every - since)
            self._timer = loop.call_later(delay, self._on_timer, loop.time() + delay)

    # --- Flushing: serialised, and never cut short by a cancel --------------------------------------

    def _on_timer(self, due: float) -> None:
        _LoopLag.sample(asyncio.get_running_loop().time() - due)
        self._timer = None
        self._spawn_flush()

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    def _spawn_flush(self) -> asyncio.Task:
        task = asyncio.ensure_future(self._flush_locked())
        self._inflight.add(task)
        task.add_done_callback(self._inflight.discard)
        return task

    async def _flush(self) -> None:
        # Shielded: a delta whose text counts as sent is always sent, even if we are cancelled meanwhile.
        await asyncio.shield(self._spawn_flush())

    async def _flush_locked(self) -> None:
        async with self._lock:
            if not self.pending or self.seq is None or self._stopped:
                return
            self._cancel_timer()
            piece, self.pending = self.pending, ""
            offset = len(self.sent)
            self.sent += piece
            self._last_flush = self._now()
            if not self.deltas:
                self.first_delta_at = self._now()
                if self.on_first_delta is not None:
                    self.on_first_delta()
            self.deltas += 1
            frame = {"type": "interviewer.delta", "seq": self.seq, "text": piece, "offset": offset}
            await self._emit({**frame, "_stream": self.stream_id})
