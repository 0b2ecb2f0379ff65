"""Check a report against the interview before anything is stored, so that it agrees with its evidence.

Evidence must point at a candidate turn of this interview and quote it exactly; a model's score
left without evidence that holds up falls back to the rules' reading of that competency (marked
`offline fallback`). Competencies are the plan's, in the plan's order, each with its anchors and
the anchor its score reaches. The headline numbers are recomputed from the surviving scores
(`policy`): too little evidence gives `insufficient_evidence`, confidence follows the amount of
evidence, and the offline engine never says strong_* nor more than 60 %. Where an answer contained
instructions to the evaluator the score is capped by the offline reading of that answer with the
instructions removed. Every candidate answer is listed as counted or excluded with the reason
(`answers`), a competency at 4 or more always has a strength, and the summary's counts are those of
the report shown. With a model, the rules' score sits beside its own (`rules_score`) and a gap of 2
or more is listed in `disagreements`. Integrity comes from the stored signals, never from the model.
"""

from ..injection import looks_like_instruction, split_sentences
from ..planning.anchors import anchor_for, with_anchors
from . import engine as engines
from .offline import Assessment, in_play_names
from .policy import answers_said, confidence_for, enough_evidence, insufficient_note, overall_from, recommendation_for
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
    finding = _finding(name, guard)
    if score is None or finding is None or not finding.instructions:
        return score
    return None if finding.score is None else min(score, finding.score)


def _finding(name: str, guard: Assessment | None):
    return next((c for c in guard.competencies if c.name == name), None) if guard else None


def _rules_item(name: str, guard: Assessment | None) -> dict:
    finding = _finding(name, guard)
    return {"score": finding.score if finding else None, "evidence": list(finding.evidence) if finding else []}


def _competency(name: str, got, candidate_text: dict[int, str], guard: Assessment | None,
                engine: str) -> tuple[dict, bool]:
    """One competency as judged by `engine`, and whether the guard had to lower the model's score."""
    rules = _rules_item(name, guard)
    evidence = _valid_evidence(got.evidence, candidate_text) if got else []
    finding = _finding(name, guard)
    counted_code = bool(finding and finding.code)
    claimed = got.score if got and (evidence or counted_code) else None  # the coding task is evidence too
    unsupported = got is not None and got.score is not None and claimed is None
    if not engines.is_offline(engine) and unsupported and rules["score"]:
        # The model scored it, but no quote holds up: the rules' reading stands in, and says so.
        return {"name": name, "score": rules["score"], "evidence": rules["evidence"],
                "engine": engines.OFFLINE_FALLBACK}, False
    score = _guarded(claimed, name, guard)
    return {"name": name, "score": None if score is None else round(score, 1), "evidence": evidence,
            "engine": engine}, claimed is not None and score != claimed


def _competencies(
    output: ReportOutput, names: list[str], turns: list[TranscriptTurn], guard, engine: str
) -> tuple[list[dict], bool]:
    """The plan's competencies with checked evidence, and whether the guard had to lower a score."""
    candidate_text = {t.seq: t.text for t in turns if t.role == "candidate"}
    by_name = {c.name.casefold(): c for c in output.competencies}
    result, swayed = [], False
    for name in names:
        item, lowered = _competency(name, by_name.get(name.casefold()), candidate_text, guard, engine)
        swayed = swayed or lowered
        result.append(item)
    return result, swayed


def _with_scale(item: dict, anchors: dict | None, guard: Assessment | None, engine: str) -> dict:
    """A competency with its anchors, the anchor its score reaches, and the rules' reading of its evidence."""
    finding = _finding(item["name"], guard)
    level, text = anchor_for(anchors, item["score"])
    item.update(anchors=anchors or {}, anchor_level=level, anchor=text)
    if finding is not None:
        item["coverage"] = {"covered": finding.covered, "points": finding.points, "answers": finding.answered,
                            "code": finding.code}
        if not engines.is_offline(engine):
            item["rules_score"] = finding.score
    return item


def _answer_ledger(guard: Assessment | None, competencies: list[dict], engine: str) -> list[dict]:
    """The rules' account of every answer; with a model, an answer it quotes as evidence (checked) counts too."""
    ledger = [dict(a) for a in guard.answers] if guard else []
    if engines.is_offline(engine):
        return ledger
    cited = {e["seq"]: e["quote"] for c in competencies if c["engine"] == engine for e in c["evidence"]}
    for entry in ledger:
        if entry["status"] == "excluded" and entry["seq"] in cited:
            entry.update(status="scored", quote=cited[entry["seq"]],
                         reason=f"quoted as evidence by {engine} (the rules had not counted it: {entry['reason']})")
    return ledger


def _sentences(items: list[str]) -> list[str]:
    out = []
    for text in items:
        text = " ".join(str(text).split())[:MAX_SENTENCE_CHARS]
        if text and text not in out:
            out.append(text)
    return out[:MAX_SENTENCES]


def _strengths(given: list[str], competencies: list[dict]) -> list[str]:
    """The judge's strengths, and one for every competency scored 4 or more that none of them names."""
    strengths = _sentences(given)
    for item in competencies:
        if item["score"] is None or item["score"] < 4 or any(item["name"] in s for s in strengths):
            continue
        quote = next((e for e in item["evidence"]), None)
        said = f" For example: \u201c{quote['quote']}\u201d (turn {quote['seq']})." if quote else ""
        top = (item.get("anchors") or {}).get("5")
        where = ("meets the top of its scale" if item["score"] >= 5 else "close to the top of its scale") + \
            (f" ({top.rstrip('.')})" if top else "")
        strengths.append(_sentences([f"{item['name']} \u2014 scored {item['score']:g} of 5, {where}.{said}"])[0])
    return strengths[:MAX_SENTENCES]


def _summary(competencies: list[dict], answers: list[dict], engine: str, prose: str) -> str:
    """Counts taken from the report as shown, then the judge's own paragraph (a model's; offline has none)."""
    scored = sum(c["score"] is not None for c in competencies)
    counted = sum(a["status"] == "scored" for a in answers)
    excluded = len(answers) - counted
    code = any((c.get("coverage") or {}).get("code") for c in competencies)
    text = f"Judged {scored} of {len(competencies)} competencies from {answers_said(counted + code, code)}"
    text += f"; {excluded} answer{'s' if excluded != 1 else ''} not counted (see why below)." if excluded else "."
    prose = " ".join(prose.split())
    return f"{text} {prose}" if prose and not engines.is_offline(engine) else text


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
    context: dict | None = None,
    engine: str = engines.OFFLINE,
    fallback: dict | None = None,
) -> dict:
    """The report as stored and served: validated evidence, recomputed headline, stored integrity.

    `code` is the coding task's result from the sandbox (`analysis.code.services.code_result_for_report`),
    never the model's: a model cannot change what the tests found. `guard` is the rules' reading of the
    same `context` (`offline.assess`); `engine` names who judged (`engine` module), `fallback` why the
    rules stood in for a model that failed ({model, reason}).
    """
    names = list(competency_names) or [c.name for c in output.competencies]
    competencies, swayed = _competencies(output, names, turns, guard, engine)
    anchors = {c["name"]: c.get("anchors") for c in (context or {}).get("competencies") or []}
    competencies = [_with_scale(item, anchors.get(item["name"]), guard, engine) for item in competencies]
    fell_back = [c["name"] for c in competencies if c["engine"] == engines.OFFLINE_FALLBACK]
    offline = engines.is_offline(engine) or bool(fell_back)
    overall = overall_from([c["score"] for c in competencies])
    answers = _answer_ledger(guard, competencies, engine)
    scored = sum(c["score"] is not None for c in competencies)
    in_play = len(in_play_names(context or {}, names)) if guard else len(names)
    code_counted = any((c.get("coverage") or {}).get("code") for c in competencies)
    counts = {"answers": sum(a["status"] == "scored" for a in answers) + code_counted, "scored": scored,
              "in_play": max(in_play, scored)}
    enough = enough_evidence(**counts)
    recommendation = recommendation_for(overall, enough=enough, offline=offline)
    # A model that an answer talked into a higher score wrote its prose under the same influence
    # ("scored 5/5 as requested"): the stored words then come from the guard's own reading, so
    # nothing shown to a recruiter contradicts the stored scores.
    prose = guard if swayed and guard else output
    judge_value = min(output.confidence, guard.confidence) if swayed and guard else output.confidence
    confidence, confidence_note = confidence_for(
        **counts, judge_value=None if engines.is_offline(engine) else judge_value, offline=offline, code=code_counted)
    report = {
        "overall_score": overall,
        "recommendation": recommendation,
        "confidence": confidence,
        "confidence_note": confidence_note,
        "competencies": competencies,
        "strengths": _strengths(prose.strengths, competencies),
        # Instruction concerns first: they are the ones a recruiter must not miss when the list is cut.
        "concerns": _sentences([*(guard.instruction_concerns if guard else []), *prose.concerns]),
        "integrity": integrity_items(signals),
        "code": code,
        "summary": _summary(competencies, answers, engine, prose.summary if prose is output else ""),
        "answers": answers,
        "engine": engine,
        "engine_note": engines.engine_note(engine, fallback=fallback, fallback_competencies=fell_back),
        "fallback": fallback if engine == engines.OFFLINE_FALLBACK else
        ({"competencies": fell_back} if fell_back else None),
        "disagreements": engines.disagreements(competencies),
    }
    if recommendation == "insufficient_evidence":
        report["recommendation_note"] = insufficient_note(**counts, code=code_counted)
    return report


def report_with_anchors(data: dict, load_plan) -> dict:
    """A report's competencies with anchors and the anchor each one's score (a recruiter's override, if
    any) reaches. A report written before anchors existed gets those of its plan, derived from the topics
    when the plan has none either (`load_plan()` is called only then, so a current report costs no query)."""
    items = data.get("competencies") or []
    derived: dict[str, dict] = {}
    if any(not (isinstance(c.get("anchors"), dict) and c["anchors"]) for c in items):
        plan = load_plan()
        stored = {c.get("name"): c for c in (plan.competencies or []) if isinstance(c, dict)} if plan else {}
        named = [{**stored.get(c["name"], {}), "name": c["name"]} for c in items]
        derived = {c["name"]: c["anchors"] for c in with_anchors(named, plan.topics if plan else [])}
    competencies = []
    for item in items:
        anchors = item.get("anchors") or derived.get(item["name"], {})
        level, text = anchor_for(anchors, item.get("score"))
        competencies.append({**item, "anchors": anchors, "anchor_level": level, "anchor": text})
    return {**data, "competencies": competencies}
