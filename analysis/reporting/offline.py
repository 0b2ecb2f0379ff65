"""The offline evaluator: a deterministic report from the same context a real model would get.

Per competency, the evidence is the candidate's answers to that competency's topics (and the coding
task's hidden tests, for the competency the task tests: `transcript.coding_competency`); the score is the
anchored level (`planning.anchors.anchored_level`) of the strong-answer points those answers cover,
so the score and its "covers N of M points" line cannot disagree. Null when no answer is
substantive. Every candidate answer is accounted for in `answers`: counted, or excluded with the
reason. The resume is not in the context and plays no part. Also the check beside a real model
(`engine`), and the guard on its scores for answers that contained instructions.
"""

from dataclasses import dataclass, field

from ..assessment import substance  # a module import: substance itself uses the judge
from ..injection import looks_like_instruction, strip_instructions
from ..planning.anchors import anchored_level
from .judge import Reading, best_quote, content_stems, is_substantive, judged_text, read_answer
from .policy import confidence_for, enough_evidence, overall_from, recommendation_for, round_half_up

QUOTES_PER_TOPIC = 2
QUOTES_PER_COMPETENCY = 4
CODE_POINTS = 5  # the coding task weighs as much as one topic's strong-answer points
EXCLUDED = {
    "repeat": "repeats an answer already given to another question, so it is not new evidence",
    "off-topic": "does not address the question asked (no word of its subject)",
    "vague": "too short or too vague to judge",
    "instructions": "only text addressed to the evaluator, which is ignored",
    "greeting": "a reply to the greeting or the closing, not an answer to a planned question",
    "unplanned": "answers a topic that is not in the plan",
}


@dataclass
class TopicFinding:
    topic: dict
    seqs: list[int]
    reading: Reading
    evidence: list[dict] = field(default_factory=list)

    @property
    def level(self) -> int | None:
        r = self.reading
        if not r.substantive:
            return None
        return anchored_level(r.covered, r.points, r.detail, r.words) if r.points else _raw_level(r.raw_score)


@dataclass
class CompetencyFinding:
    name: str
    score: int | None
    evidence: list[dict]
    topics: list[TopicFinding]
    asked: bool
    instructions: bool
    covered: int = 0
    points: int = 0
    code: dict | None = None  # {passed, total} when the coding task counts here

    @property
    def answered(self) -> int:
        return sum(1 for f in self.topics if f.reading.substantive)


@dataclass
class Assessment:
    competencies: list[CompetencyFinding]
    strengths: list[str]
    concerns: list[str]
    instruction_concerns: list[str]
    overall: float | None
    confidence: float
    summary: str
    answers: list[dict] = field(default_factory=list)  # every candidate answer: counted or excluded, and why

    @property
    def judged_answers(self) -> int:
        """Answers that count as evidence (the coding task, when it counts somewhere, as one)."""
        return sum(a["status"] == "scored" for a in self.answers) + any(c.code for c in self.competencies)


def _raw_level(raw: float) -> int:
    return min(5, max(1, round_half_up(raw)))


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


def _level(findings: list[TopicFinding], code: dict | None) -> tuple[int | None, int, int]:
    """(anchored level, points covered, points) of a competency's substantive findings and coding result."""
    judged = [f for f in findings if f.reading.substantive]
    covered, points = sum(f.reading.covered for f in judged), sum(f.reading.points for f in judged)
    if not judged and not code:
        return None, 0, 0
    if judged and not points:  # topics without strong-answer points: the reading's own scale
        return _raw_level(sum(f.reading.raw_score for f in judged) / len(judged)), 0, 0
    detail = sum(f.reading.detail for f in judged) / len(judged) if judged else 1.0
    words = sum(f.reading.words for f in judged) / len(judged) if judged else None
    share_covered, share_points = float(covered), points
    if code:
        share_covered += CODE_POINTS * code["passed"] / code["total"]
        share_points += CODE_POINTS
    return anchored_level(share_covered, share_points, detail, words), covered, points


def _competency(name: str, topics: list[dict], answers: dict[str, list[dict]], asked: set[str],
                code: dict | None) -> CompetencyFinding:
    findings = [_read_topic(t, answers[t["id"]]) for t in topics if answers.get(t["id"])]
    score, covered, points = _level(findings, code)
    evidence = sorted((e for f in findings for e in f.evidence), key=lambda e: e["seq"])[:QUOTES_PER_COMPETENCY]
    return CompetencyFinding(
        name=name, score=score, evidence=evidence, topics=findings,
        asked=any(t["id"] in asked for t in topics) or bool(findings) or bool(code),
        instructions=any(f.reading.instructions for f in findings), covered=covered, points=points,
        code={"passed": code["passed"], "total": code["total"]} if code else None,
    )


def _topic_sentences(competency: CompetencyFinding) -> tuple[list[str], list[str]]:
    strengths, concerns = [], []
    for finding in competency.topics:
        r, name, seq, level = finding.reading, finding.topic.get("name", ""), finding.seqs[0], finding.level
        where = f"{competency.name} \u2014 on \u201c{name}\u201d (turn {seq})"
        if level is None:
            concerns.append(f"{where} there was no substantive answer, so it could not be judged.")
        elif level >= 4:
            detail = ", with concrete detail (numbers, named tools, own actions)" if r.detail >= 0.6 else ""
            strengths.append(f"{where} the answer covered {r.covered} of {r.points} points a strong answer "
                             f"includes{detail}.")
        elif level <= 2:
            detail = " and little concrete detail" if r.detail < 0.4 else ""
            concerns.append(f"{where} the answer stayed general: {r.covered} of {r.points} expected points "
                            f"covered{detail}.")
    if competency.code:
        passed, total = competency.code["passed"], competency.code["total"]
        line = f"{competency.name} \u2014 the coding task passed {passed} of {total} hidden tests."
        (strengths if passed * 5 >= total * 4 else concerns if passed * 5 < total * 2 else []).append(line)
    if not competency.topics and not competency.code:
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


def _candidate_answers(context: dict, topic_ids: set[str]) -> dict[str, list[dict]]:
    answers: dict[str, list[dict]] = {}
    for turn in context.get("turns", []):
        if turn["role"] == "candidate" and turn["kind"] != "code" and turn["topic_id"] in topic_ids:
            answers.setdefault(turn["topic_id"], []).append(turn)
    return answers


def _ledger_entry(turn: dict, topic: dict | None, finding: TopicFinding | None, blanked: dict[int, str]) -> dict | None:
    """One candidate answer: counted toward a competency, or excluded with the reason (None: not worth a line)."""
    entry = {"seq": turn["seq"], "topic_id": turn["topic_id"], "topic": (topic or {}).get("name", ""),
             "competency": (topic or {}).get("competency", ""), "status": "excluded", "reason": "", "quote": ""}
    clean, instructions = strip_instructions(turn["text"])
    if topic is None:
        if not is_substantive(judged_text(clean)):
            return None  # "Hi, ready when you are."
        entry["reason"] = EXCLUDED["greeting" if not turn["topic_id"] else "unplanned"]
    elif turn["seq"] in blanked:
        entry["reason"] = EXCLUDED["repeat" if blanked[turn["seq"]] == "repeat" else "off-topic"]
    elif instructions and not judged_text(clean).split():
        entry["reason"] = EXCLUDED["instructions"]
    elif finding is None or not finding.reading.substantive:
        entry["reason"] = EXCLUDED["vague"]
    else:
        echoed, points = _echoed(topic), list(topic.get("strong_answer") or [])
        entry.update(status="scored", quote=best_quote(turn["text"], points=points, echoed=echoed) or "")
    return entry


def _answer_ledger(context: dict, topics: list[dict], answers: dict[str, list[dict]],
                   competencies: list[CompetencyFinding]) -> list[dict]:
    by_id = {t["id"]: t for t in topics}
    blanked = substance.unusable(answers, topics)
    findings = {f.topic["id"]: f for c in competencies for f in c.topics}
    ledger = []
    for turn in context.get("turns", []):
        if turn["role"] != "candidate" or turn["kind"] == "code":
            continue  # code is judged by its hidden tests (the report's `code`)
        topic = by_id.get(turn["topic_id"])
        entry = _ledger_entry(turn, topic, findings.get(turn["topic_id"]), blanked)
        if entry:
            ledger.append(entry)
    return ledger


def assess(context: dict) -> Assessment:
    """Judge the transcript in `context` (see `transcript.report_context`) against its rubric."""
    topics = list(context.get("topics") or [])
    names = [c["name"] for c in context.get("competencies") or []]
    names = names or list(dict.fromkeys(t["competency"] for t in topics))
    answers = _candidate_answers(context, {t["id"] for t in topics})
    asked = {t["topic_id"] for t in context.get("turns", []) if t["role"] == "interviewer"}
    judged = substance.judgeable(answers, topics)  # off-topic answers and repeats are no evidence
    code = context.get("code")  # the coding task's result, when it ran, and the competency it tests
    competencies = [_competency(n, [t for t in topics if t["competency"] == n], judged, asked,
                                code if code and n == code["competency"] else None) for n in names]
    strengths, concerns = [], []
    for competency in competencies:
        s, c = _topic_sentences(competency)
        strengths += s
        concerns += c
    overall = overall_from([c.score for c in competencies])
    result = Assessment(competencies, strengths, concerns, _instruction_concerns(answers), overall, 0.0, "")
    result.answers = _answer_ledger(context, topics, answers, competencies)
    counts = evidence_counts(result, in_play_names(context, names))
    result.confidence, _ = confidence_for(**counts, offline=True)
    return result


def in_play_names(context: dict, names: list[str]) -> set[str]:
    """Competencies the interview was meant to cover: those with a booked topic, or with one that was asked
    (a reserve topic never reached does not count against the evidence)."""
    asked = {t["topic_id"] for t in context.get("turns", []) if t["role"] == "interviewer"}
    booked = {t["competency"] for t in context.get("topics") or [] if not t.get("reserve") or t["id"] in asked}
    return {n for n in names if n in booked} or set(names)


def evidence_counts(result: Assessment, in_play: set[str]) -> dict:
    scored = {c.name for c in result.competencies if c.score is not None}
    return {"answers": result.judged_answers, "scored": len(scored), "in_play": len(in_play | scored)}


MAX_ITEMS, MAX_STRENGTHS = 30, 20  # the report schema's limits on concerns and strengths


def offline_report(context: dict) -> dict:
    """`REPORT.offline`: the assessment in the report's shape (integrity and code are added later)."""
    result = assess(context)
    counts = evidence_counts(result, in_play_names(context, [c.name for c in result.competencies]))
    recommendation = recommendation_for(result.overall, enough=enough_evidence(**counts), offline=True)
    return {
        "overall_score": result.overall,
        "recommendation": recommendation,
        "confidence": result.confidence,
        "competencies": [{"name": c.name, "score": c.score, "evidence": c.evidence} for c in result.competencies],
        "strengths": result.strengths[:MAX_STRENGTHS],
        # Instruction concerns first, as the finished report orders them; a long interview can have more
        # than the schema's 30 (one per answer that addressed the evaluator), and the rest say the same.
        "concerns": (result.instruction_concerns + result.concerns)[:MAX_ITEMS],
        "integrity": [],
        "code": None,
        "summary": "",
    }
