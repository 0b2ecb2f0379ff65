"""A reply prepared from a partial that stood still: used if the final answer says the same, else dropped."""

from dataclasses import dataclass

from . import conduct
from .policy import Position
from .speaking import Speech


@dataclass
class Prepared:
    text: str
    decided: Position
    speech: Speech

    @property
    def started_at(self) -> float:
        return self.speech.started_at

    def fits(self, text: str, decided: Position) -> bool:
        """The final answer is the partial (normalised) and leads to the same move."""
        same_move = (decided.pending, decided.focus, decided.stage, decided.topic_index) == (
            self.decided.pending,
            self.decided.focus,
            self.decided.stage,
            self.decided.topic_index,
        )
        return same_move and conduct.normalise(text) == conduct.normalise(self.text)

    def saved_ms(self, now: float) -> float:
        """The head start the model got: from preparing to `now` (the answer), or to its first piece if
        that came sooner (the conductor's clock, like `now`)."""
        ready = min(now, self.speech.first_piece_at or now)
        return (ready - self.started_at) * 1000
