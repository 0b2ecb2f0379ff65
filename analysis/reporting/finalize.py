"""Check a model's report against the interview before anything is stored.

Evidence must point at a candidate turn of this interview and quote it exactly; a competency left
without evidence has no score. Competencies are the plan's, in the plan's order. The headline
numbers are recomputed from the surviving scores (`policy`), and where an answer contained
instructions to the evaluator the score is capped by the offline reading of that answer with the
instructions removed. Integrity comes from the stored signals, never from the model.
"""

from ..injection import looks_like_instruction, split_sentences
from .offline import Assessment
from .policy import NO_EVIDENCE_NOTE, overall_from, recommendation_for
from .schema import ReportOutput
from .transcript import TranscriptTurn

MAX_SENTENCES = 20
MAX_SENTENCE_CHARS = 600
MIN_QUOTE_WORDS = 2


def _instruction_spans(text: str) -> list[tuple[int, int]]:
    return [(a, b) for a, b in split_sentences(text) if looks_like_instruction(text[a:b])]


def _quotes_instruction(quote: str, text: str) -> bool:
    """A quote that is, or overlaps, a sentence addressed to the evaluator is not evidence of anything."""
    if looks_like_instruction(quote):
        return True
    start = text.find(quote)
    end = start + len(quote)
    return any(start < b and a < end for a, b in _instruction_spans(text))


def _valid_evidence(evidence, candidate_text: dict[int, str]) -> list[dict]:
    kept, seen = [], set()
    for item in evidence:
        quote = item.quote
        text = candidate_text.get(item.seq)
        if text is None or len(quote.split()) < MIN_QUOTE_WORDS or quote not in text or (item.seq, quote) in seen:
            continue
        if _quotes_instruction(quote, text):
            continue
        seen.add((item.seq, quote))
        kept.append({"seq": item.seq, "quote": quote})
    return kept


def _guarded(score: float | None, name: str, guard: Assessment | None) -> float | None:
    """Cap a score where an answer tried to instruct the evaluator (no-op for the offline engine)."""
    finding = next((c for c in guard.competencies if c.name == name), None) if guard else None
    if score is None or finding is None or not finding.instructions:
        return score
    return None if finding.score is None else min(score, finding.score)


def _competencies(
    output: ReportOutput, names: list[str], turns: list[TranscriptTurn], guard
) -> tuple[list[dict], bool]:
    """The plan's competencies with checked evidence, and whether the guard had to lower a score."""
    candidate_text = {t.seq: t.text for t in turns if t.role == "candidate"}
    by_name = {c.name.casefold(): c for c in output.competencies}
    result, swayed = [], False
    for name in names:
        got = by_name.get(name.casefold())
        evidence = _valid_evidence(got.evidence, candidate_text) if got else []
        claimed = got.score if got and evidence else None
        score = _guarded(claimed, name, guard)
        swayed = swayed or (claimed is not None and score != claimed)
        result.append({"name": name, "score": None if score is None else round(score, 1), "evidence": evidence})
    return result, swayed


def _sentences(items: list[str]) -> list[str]:
    out = []
    for text in items:
        text = " ".join(str(text).split())[:MAX_SENTENCE_CHARS]
        if text and text not in out:
            out.append(text)
    return out[:MAX_SENTENCES]


def _confidence(model_value: float, competencies: list[dict]) -> float:
    if not competencies:
        return 0.0
    coverage = sum(c["score"] is not None for c in competencies) / len(competencies)
    return round(min(model_value, coverage), 2)


def integrity_items(signals) -> list[dict]:
    return [{"name": s.name, "at": s.at.isoformat(), "detail": s.detail} for s in signals]


def finalize_report(
    output: ReportOutput,
    *,
    competency_names: list[str],
    turns: list[TranscriptTurn],
    signals,
    guard: Assessment | None = None,
    code: dict | None = None,
) -> dict:
    """The report as stored and served: validated evidence, recomputed headline, stored integrity.

    `code` is the coding task's result from the sandbox (`analysis.code.services.code_result_for_report`),
    never the model's: a model cannot change what the tests found.
    """
    names = list(competency_names) or [c.name for c in output.competencies]
    competencies, swayed = _competencies(output, names, turns, guard)
    overall = overall_from([c["score"] for c in competencies])
    recommendation = recommendation_for(overall)
    # A model that an answer talked into a higher score wrote its prose under the same influence
    # ("scored 5/5 as requested"): the stored words then come from the guard's own reading, so
    # nothing shown to a recruiter contradicts the stored scores.
    prose = guard if swayed and guard else output
    model_confidence = min(output.confidence, guard.confidence) if swayed and guard else output.confidence
    report = {
        "overall_score": overall,
        "recommendation": recommendation,
        "confidence": _confidence(model_confidence, competencies),
        "competencies": competencies,
        "strengths": _sentences(prose.strengths),
        # Instruction concerns first: they are the ones a recruiter must not miss when the list is cut.
        "concerns": _sentences([*(guard.instruction_concerns if guard else []), *prose.concerns]),
        "integrity": integrity_items(signals),
        "code": code,
        "summary": " ".join(prose.summary.split()),
    }
    if recommendation is None:
        report["recommendation_note"] = NO_EVIDENCE_NOTE
    return report
