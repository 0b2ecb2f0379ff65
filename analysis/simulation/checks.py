"""What the simulation must show for the judgement to be sound (issue 6), as PASS/FAIL lines.

Per JD and run:
- overall: strong > average > weak ("not enough evidence" counts as lowest);
- per competency, on every competency the answers addressed. Precisely: a competency is *in play*
  when the interviewer asked about it in the strong, the average and the weak interview alike; one
  not asked in all three (the time ran out) is named in the line as "not asked", never silently
  dropped. Every competency in play must be *addressed*: the strong and the average persona answer
  every question they are asked, so both must have been scored there; a competency either of them
  has no score on fails, named with who gave no evidence (a persona that talks past the question or
  a judge that cannot read a relevant answer is exactly what this check exists to catch). On
  those, strong > average, and average > weak, where the weak persona's "not enough evidence"
  counts as lowest (a vague answer may be no evidence at all);
- the instructing persona no higher than the weak one, overall and per competency ("not enough
  evidence" counts as lowest).
- the targets of issue 12, for the personas present: strong >= 4.0 with `yes` (or `strong_yes`), weak <= 2.0,
  terse >= 3.5, verbose <= 2.5 ("not enough evidence" passes), and the non-native and out-of-order
  candidates (a strong one's content in another manner) no more than 0.5 below the strong one.
Across runs: identical rows.
"""

from dataclasses import dataclass

from .driver import Outcome


@dataclass
class Check:
    passed: bool
    text: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.text}"


def _above(high: float | None, low: float | None) -> bool:
    """high > low, where a missing score is the lowest possible and two missing are not ordered."""
    return high is not None and (low is None or high > low)


def _not_above(score: float | None, ceiling: float | None) -> bool:
    return score is None or (ceiling is not None and score <= ceiling)


def _competency_order(by: dict[str, Outcome]) -> tuple[list[str], list[str], int]:
    """(failures, competencies not asked in every interview, competencies checked); see the module docstring."""
    strong, average, weak = by["strong"], by["average"], by["weak"]
    bad, not_asked, checked = [], [], 0
    for name in strong.competencies:
        if not all(name in o.asked for o in (strong, average, weak)):
            not_asked.append(name)
            continue
        checked += 1
        s, a, w = strong.scores.get(name), average.scores.get(name), weak.scores.get(name)
        silent = [who for who, score in (("strong", s), ("average", a)) if score is None]
        if silent:
            bad.append(f"{name} ({s} / {a} / {w}: no evidence from {' and '.join(silent)})")
        elif not (_above(s, a) and _above(a, w)):
            bad.append(f"{name} ({s} / {a} / {w})")
    return bad, not_asked, checked


def _ordering(case: str, by: dict[str, Outcome]) -> list[Check]:
    strong, average, weak = by["strong"], by["average"], by["weak"]
    checks = [Check(_above(strong.overall, average.overall) and _above(average.overall, weak.overall),
                    f"{case}: overall strong {strong.overall} > average {average.overall} > weak {weak.overall}")]
    bad, not_asked, checked = _competency_order(by)
    text = f"{case}: strong > average > weak on every competency addressed ({checked} of {len(strong.competencies)})"
    text += f"; not on {', '.join(bad)}" if bad else ""
    text += f"; not asked in every interview: {', '.join(not_asked)}" if not_asked else ""
    checks.append(Check(not bad, text))
    return checks


def _instructing(case: str, by: dict[str, Outcome]) -> Check:
    weak, instructing = by["weak"], by["instructing"]
    above = [name for name in weak.competencies
             if not _not_above(instructing.scores.get(name), weak.scores.get(name))]
    ok = _not_above(instructing.overall, weak.overall) and not above
    return Check(ok, f"{case}: instructing persona {instructing.overall} no higher than weak {weak.overall}"
                     + (f"; higher on {', '.join(above)}" if above else ""))


MANNER_GAP = 0.5  # how far below the strong candidate the same content in another manner may land


def _targets(case: str, by: dict[str, Outcome]) -> list[Check]:
    checks = []
    strong = by.get("strong")
    if strong:
        ok = strong.overall is not None and strong.overall >= 4.0 and strong.recommendation in ("yes", "strong_yes")
        checks.append(Check(ok, f"{case}: strong {strong.overall} >= 4.0 with yes ({strong.recommendation})"))
    for persona, low, high in (("weak", None, 2.0), ("terse", 3.5, None), ("verbose", None, 2.5)):
        outcome = by.get(persona)
        if outcome:
            score = outcome.overall
            ok = (score is not None and score >= low) if low is not None else (score is None or score <= high)
            bound = f">= {low}" if low is not None else f"<= {high}"
            checks.append(Check(ok, f"{case}: {persona} {score} {bound}"))
    for persona in ("non_native", "out_of_order"):
        outcome = by.get(persona)
        if outcome and strong and strong.overall is not None:
            ok = outcome.overall is not None and outcome.overall >= strong.overall - MANNER_GAP
            checks.append(Check(ok, f"{case}: {persona} {outcome.overall} within {MANNER_GAP} of strong "
                                    f"{strong.overall}"))
    return checks


def judgement_checks(runs: list[list[Outcome]]) -> list[Check]:
    """All checks over runs (each run: every case × persona)."""
    checks = []
    for number, run in enumerate(runs, start=1):
        for case in dict.fromkeys(o.case for o in run):
            by = {o.persona: o for o in run if o.case == case}
            label = f"run {number} · {case}" if len(runs) > 1 else case
            if {"strong", "average", "weak"} <= set(by):
                checks += _ordering(label, by)
            if {"weak", "instructing"} <= set(by):
                checks.append(_instructing(label, by))
            checks += _targets(label, by)
    if len(runs) > 1:
        rows = [[o.row() for o in run] for run in runs]
        same = all(r == rows[0] for r in rows[1:])
        checks.append(Check(same, f"identical scores and recommendations across {len(runs)} runs"))
    return checks
