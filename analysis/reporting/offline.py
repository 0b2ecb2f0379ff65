"""The offline evaluator: a deterministic report from the same context a real model would get.

Per competency, the evidence is the candidate's answers to that competency's topics; the score is
the mean reading of those answers against each topic's strong-answer points (see `judge`), or
null when no answer is substantive. The resume is not in the context and plays no part.
Also used as a guard on real models' scores for answers that contained instructions.
"""

from dataclasses import dataclass, field

from ..assessment import substance  # a module import: substance itself uses the judge
from ..injection import looks_like_instruction
from .judge import Reading, best_quote, content_stems, read_answer
from .policy import NO_EVIDENCE_NOTE, overall_from, recommendation_for, round_half_up

QUOTES_PER_TOPIC = 2
QUOTES_PER_COMPETENCY = 4
CONFIDENCE_CEILING = 0.9  # a heuristic judge should never sound certain
WORDS_FOR_FULL_EVIDENCE = 60  # substantive words per competency for "enough" evidence


@dataclass
class TopicFinding:
    topic: dict
    seqs: list[int]
    reading: Reading
    evidence: list[dict] = field(default_factory=list)


@dataclass
class CompetencyFinding:
    name: str
    score: int | None
    evidence: list[dict]
    topics: list[TopicFinding]
    asked: bool
    instructions: bool


@dataclass
class Assessment:
    competencies: list[CompetencyFinding]
    strengths: list[str]
    concerns: list[str]
    instruction_concerns: list[str]
    overall: float | None
    confidence: float
    summary: str


def _echoed(topic: dict) -> set[str]:
    return content_stems(f"{topic.get('name', '')} {topic.get('question', '')}")


def _read_topic(topic: dict, answers: list[dict]) -> TopicFinding:
    points, echoed = list(topic.get("strong_answer") or []), _echoed(topic)
    reading = read_answer("\n".join(a["text"] for a in answers), points=points, echoed=echoed)
    finding = TopicFinding(topic, [a["seq"] for a in answers], reading)
    if reading.substantive:
        for answer in answers:
            quote = best_quote(answer["text"], points=points, echoed=echoed)
            if quote and len(finding.evidence) < QUOTES_PER_TOPIC:
                finding.evidence.append({"seq": answer["seq"], "quote": quote})
    return finding


def _competency(name: str, topics: list[dict], answers: dict[str, list[dict]], asked: set[str]) -> CompetencyFinding:
    findings = [_read_topic(t, answers[t["id"]]) for t in topics if answers.get(t["id"])]
    judged = [f.reading.raw_score for f in findings if f.reading.substantive]
    score = min(5, max(1, round_half_up(sum(judged) / len(judged)))) if judged else None
    evidence = sorted((e for f in findings for e in f.evidence), key=lambda e: e["seq"])[:QUOTES_PER_COMPETENCY]
    return CompetencyFinding(
        name=name, score=score, evidence=evidence, topics=findings,
        asked=any(t["id"] in asked for t in topics) or bool(findings),
        instructions=any(f.reading.instructions for f in findings),
    )


def _topic_sentences(competency: CompetencyFinding) -> tuple[list[str], list[str]]:
    strengths, concerns = [], []
    for finding in competency.topics:
        r, name, seq = finding.reading, finding.topic.get("name", ""), finding.seqs[0]
        where = f"{competency.name} \u2014 on \u201c{name}\u201d (turn {seq})"
        if not r.substantive:
            concerns.append(f"{where} there was no substantive answer, so it could not be judged.")
        elif r.raw_score >= 3.5:
            detail = ", with concrete detail (numbers, named tools, own actions)" if r.detail >= 0.6 else ""
            strengths.append(f"{where} the answer covered {r.covered} of {r.points} points a strong answer "
                             f"includes{detail}.")
        elif r.raw_score < 2.5:
            detail = " and little concrete detail" if r.detail < 0.4 else ""
            concerns.append(f"{where} the answer stayed general: {r.covered} of {r.points} expected points "
                            f"covered{detail}.")
    if not competency.topics:
        reason = "was asked but not answered" if competency.asked else "was not reached in the interview"
        concerns.append(f"{competency.name} \u2014 {reason}; not enough evidence.")
    return strengths, concerns


def _instruction_concerns(answers: dict[str, list[dict]]) -> list[str]:
    seqs = sorted(a["seq"] for group in answers.values() for a in group if looks_like_instruction(a["text"]))
    return [
        f"Turn {seq} contained text addressed to the evaluator (for example asking for a score or to ignore the "
        "rubric); it was ignored and did not count as evidence."
        for seq in seqs
    ]


def _confidence(competencies: list[CompetencyFinding]) -> float:
    scored = [c for c in competencies if c.score is not None]
    if not scored:
        return 0.0
    coverage = len(scored) / len(competencies)
    substantive_words = sum(f.reading.words for c in scored for f in c.topics if f.reading.substantive)
    amount = min(1.0, substantive_words / (WORDS_FOR_FULL_EVIDENCE * len(competencies)))
    return round(min(CONFIDENCE_CEILING, 0.15 + 0.5 * coverage + 0.35 * amount), 2)


def _candidate_answers(context: dict, topic_ids: set[str]) -> dict[str, list[dict]]:
    answers: dict[str, list[dict]] = {}
    for turn in context.get("turns", []):
        if turn["role"] == "candidate" and turn["topic_id"] in topic_ids:
            answers.setdefault(turn["topic_id"], []).append(turn)
    return answers


def assess(context: dict) -> Assessment:
    """Judge the transcript in `context` (see `transcript.report_context`) against its rubric."""
    topics = list(context.get("topics") or [])
    names = [c["name"] for c in context.get("competencies") or []]
    names = names or list(dict.fromkeys(t["competency"] for t in topics))
    answers = _candidate_answers(context, {t["id"] for t in topics})
    asked = {t["topic_id"] for t in context.get("turns", []) if t["role"] == "interviewer"}
    judged = substance.judgeable(answers, topics)  # off-topic answers and repeats are no evidence
    competencies = [_competency(n, [t for t in topics if t["competency"] == n], judged, asked) for n in names]
    strengths, concerns = [], []
    for competency in competencies:
        s, c = _topic_sentences(competency)
        strengths += s
        concerns += c
    overall = overall_from([c.score for c in competencies])
    answered = sum(1 for c in competencies for f in c.topics if f.reading.substantive)
    summary = f"Judged {sum(c.score is not None for c in competencies)} of {len(competencies)} competencies " \
        f"from {answered} substantive answer{'s' if answered != 1 else ''}."
    return Assessment(competencies, strengths, concerns, _instruction_concerns(answers), overall,
                      _confidence(competencies), summary if overall is not None else f"{summary} {NO_EVIDENCE_NOTE}")


MAX_ITEMS, MAX_STRENGTHS = 30, 20  # the report schema's limits on concerns and strengths


def offline_report(context: dict) -> dict:
    """`REPORT.offline`: the assessment in the report's shape (integrity and code are added later)."""
    result = assess(context)
    return {
        "overall_score": result.overall,
        "recommendation": recommendation_for(result.overall),
        "confidence": result.confidence,
        "competencies": [{"name": c.name, "score": c.score, "evidence": c.evidence} for c in result.competencies],
        "strengths": result.strengths[:MAX_STRENGTHS],
        # Instruction concerns first, as the finished report orders them; a long interview can have more
        # than the schema's 30 (one per answer that addressed the evaluator), and the rest say the same.
        "concerns": (result.instruction_concerns + result.concerns)[:MAX_ITEMS],
        "integrity": [],
        "code": None,
        "summary": result.summary,
    }

