"""Rules that turn competency scores into the headline numbers, the same for every model.

The recommendation is advisory and derived from the validated scores here, never taken from a
model: a model cannot recommend what its evidence does not support. Too little evidence (fewer
than MIN_ANSWERS judged answers, or fewer than half the competencies in play scored: a candidate
who ended early) gives `insufficient_evidence`, never a verdict, and `recommendation_note` says why.
The offline engine is a stand-in: its label is never `strong_yes` or `strong_no` and its confidence
never above OFFLINE_CONFIDENCE_CEILING. Confidence follows the amount of evidence.
"""

NO_EVIDENCE_NOTE = (
    "No recommendation: the transcript holds no substantive answers to judge, so there is not enough evidence."
)
INSUFFICIENT = "insufficient_evidence"
THRESHOLDS = [(4.2, "strong_yes"), (3.4, "yes"), (2.4, "no")]
OFFLINE_LABELS = {"strong_yes": "yes", "strong_no": "no"}  # a heuristic judge never speaks that firmly

MIN_ANSWERS = 3  # judged answers (the coding task counts as one) before any recommendation
ANSWERS_FOR_FULL_CONFIDENCE = 6
OFFLINE_CONFIDENCE_CEILING = 0.6


def round_half_up(value: float) -> int:
    return int(value + 0.5)


def overall_from(scores: list[float | None]) -> float | None:
    """Mean of the scored competencies, one decimal; None when nothing was scored."""
    scored = [s for s in scores if s is not None]
    if not scored:
        return None
    return round(min(5.0, max(1.0, sum(scored) / len(scored))), 1)


def enough_evidence(*, answers: int, scored: int, in_play: int) -> bool:
    """At least MIN_ANSWERS judged answers and at least half the competencies in play scored."""
    return answers >= MIN_ANSWERS and scored * 2 >= in_play


def recommendation_for(overall: float | None, *, enough: bool = True, offline: bool = False) -> str:
    """The advisory label: `insufficient_evidence` without enough evidence; offline never strong_*."""
    if overall is None or not enough:
        return INSUFFICIENT
    label = next((name for floor, name in THRESHOLDS if overall >= floor), "strong_no")
    return OFFLINE_LABELS.get(label, label) if offline else label


def answers_said(answers: int, code: bool = False) -> str:
    """"3 substantive answers", or "2 substantive answers and the coding task" (which `answers` counts)."""
    said = answers - code
    text = f"{said} substantive answer{'s' if said != 1 else ''}"
    return f"{text} and the coding task" if code else text


def insufficient_note(*, answers: int, scored: int, in_play: int, code: bool = False) -> str:
    if not answers:
        return NO_EVIDENCE_NOTE
    return (f"Not enough evidence for a recommendation: {answers_said(answers, code)} judged, {scored} of "
            f"{in_play} competencies scored (a recommendation needs at least {MIN_ANSWERS} answers and half the "
            "competencies). The scores shown stand for what was said, not for the role.")


def evidence_confidence(*, answers: int, scored: int, in_play: int) -> float:
    """0-1 from the amount of evidence: judged answers (full at ANSWERS_FOR_FULL_CONFIDENCE) and the
    share of the competencies in play that were scored."""
    if not answers or not in_play:
        return 0.0
    amount = min(1.0, answers / ANSWERS_FOR_FULL_CONFIDENCE)
    return round(amount * min(1.0, scored / in_play), 2)


def confidence_for(*, answers: int, scored: int, in_play: int, judge_value: float | None = None,
                   offline: bool = False, code: bool = False) -> tuple[float, str]:
    """(confidence, note): never above what the evidence supports, nor above the judge's own value;
    offline never above OFFLINE_CONFIDENCE_CEILING. The note says what holds it down."""
    value = evidence_confidence(answers=answers, scored=scored, in_play=in_play)
    if not answers:
        return 0.0, "No confidence: there is no substantive answer to judge."
    notes = [f"Low confidence: judged from only {answers_said(answers, code)}" if answers < MIN_ANSWERS
             else f"Judged from {answers_said(answers, code)}"]
    notes[0] += f" ({ANSWERS_FOR_FULL_CONFIDENCE} or more give full confidence)." \
        if answers < ANSWERS_FOR_FULL_CONFIDENCE else "."
    if scored < in_play:
        notes.append(f"{in_play - scored} of {in_play} competencies have no score.")
    if judge_value is not None and judge_value < value:
        value = round(judge_value, 2)
    if offline and value > OFFLINE_CONFIDENCE_CEILING:
        value = OFFLINE_CONFIDENCE_CEILING
        notes.append(f"At most {round(100 * OFFLINE_CONFIDENCE_CEILING)}%: the offline rule-based stand-in judged "
                     "this report.")
    return value, " ".join(notes)
