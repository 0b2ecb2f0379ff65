"""The integrity timeline of an interview: what the browser reported, and what the turns' timing shows.

Everything here is for the recruiter's judgement, with its time; none of it changes a score. The
derived items are conservative, because an honest candidate must not look suspicious:
- `fast_answer`: a long answer that arrived faster after its question than anyone types
  (> FAST_CHARS_PER_S sustained over at least FAST_MIN_CHARS characters);
- `long_silence`: an answer that came more than LONG_SILENCE_S after its question;
- `pasted_answer`: an answer sent right after a paste of about its length.
Timing is measured only where the question's turn was completed (a live interview); transcripts
made by hand or imported carry no meaningful times.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

FAST_CHARS_PER_S = 15.0  # sustained typing rarely passes 8 characters a second; speech about 15
FAST_MIN_CHARS = 250
LONG_SILENCE_S = 180
PASTE_WINDOW = timedelta(minutes=10)
PASTE_SHARE = 0.5  # a paste at least half the answer's length
_CHARS = re.compile(r"\d+")


@dataclass(frozen=True)
class IntegrityEvent:
    """One line of the report's `integrity` (the shape `finalize.integrity_items` reads)."""

    name: str
    at: datetime
    detail: str = ""


def _duration(seconds: float) -> str:
    if seconds < 1:
        return "under 1 s"
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def _timing_event(turn, since: datetime, question_seq: int) -> IntegrityEvent | None:
    elapsed = max((turn.created_at - since).total_seconds(), 0.5)
    chars = len(turn.text)
    if chars >= FAST_MIN_CHARS and chars / elapsed > FAST_CHARS_PER_S:
        return IntegrityEvent("fast_answer", turn.created_at,
                              f"Turn {turn.seq}: {chars} characters {_duration(elapsed)} after turn {question_seq} "
                              f"({chars / elapsed:.0f} characters a second; sustained typing is rarely above 8).")
    if elapsed > LONG_SILENCE_S:
        return IntegrityEvent("long_silence", turn.created_at,
                              f"Turn {turn.seq} came {_duration(elapsed)} after turn {question_seq}.")
    return None


def timing_events(turns) -> list[IntegrityEvent]:
    """Fast answers and long silences, from turns in seq order (Turn rows)."""
    events, since, question_seq = [], None, 0
    for turn in turns:
        if turn.role == "interviewer":
            # Measured from when the question was complete; a question without that time is not timed.
            since, question_seq = turn.completed_at, turn.seq
        elif turn.status == "complete" and since is not None:
            event = _timing_event(turn, since, question_seq)
            if event:
                events.append(event)
            since = turn.created_at  # a second answer to the same question is timed from the first
    return events


def paste_events(signals: list[IntegrityEvent], turns) -> list[IntegrityEvent]:
    """An answer sent within minutes of a paste at least half its length."""
    answers = [t for t in turns if t.role == "candidate" and t.status == "complete"]
    events = []
    for signal in (s for s in signals if s.name == "paste"):
        pasted = _CHARS.search(signal.detail or "")
        following = next((t for t in answers if signal.at <= t.created_at <= signal.at + PASTE_WINDOW), None)
        if not pasted or following is None or not following.text:
            continue
        if int(pasted.group()) >= max(1, PASTE_SHARE * len(following.text)):
            events.append(IntegrityEvent("pasted_answer", following.created_at,
                                         f"Turn {following.seq} ({len(following.text)} characters) was sent after "
                                         f"a paste of {pasted.group()} characters."))
    return events


def integrity_events(interview) -> list[IntegrityEvent]:
    """Stored browser signals and the derived items above, in time order."""
    stored = [IntegrityEvent(s.name, s.at, s.detail) for s in interview.signals.order_by("at", "pk")]
    turns = list(interview.turns.order_by("seq"))
    derived = timing_events(turns) + paste_events(stored, turns)
    return sorted(stored + derived, key=lambda e: e.at)
