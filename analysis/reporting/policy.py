"""Rules that turn competency scores into the headline numbers, the same for every model.

The recommendation is advisory and derived from the validated scores here, never taken from a
model: a model cannot recommend what its evidence does not support. Without any scored competency
there is no overall score and no recommendation (`recommendation_note` says why).
"""

NO_EVIDENCE_NOTE = (
    "No recommendation: the transcript holds no substantive answers to judge, so there is not enough evidence."
)
THRESHOLDS = [(4.2, "strong_yes"), (3.4, "yes"), (2.4, "no")]


def round_half_up(value: float) -> int:
    return int(value + 0.5)


def overall_from(scores: list[float | None]) -> float | None:
    """Mean of the scored competencies, one decimal; None when nothing was scored."""
    scored = [s for s in scores if s is not None]
    if not scored:
        return None
    return round(min(5.0, max(1.0, sum(scored) / len(scored))), 1)


def recommendation_for(overall: float | None) -> str | None:
    if overall is None:
        return None
    return next((name for floor, name in THRESHOLDS if overall >= floor), "strong_no")
