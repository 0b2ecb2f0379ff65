"""A readable account of one simulated interview: per topic, what was asked, what the persona said, and how the
offline judge read it (`manage.py simulate_interviews --trace`).

It re-reads the stored interview through the same context the report is written from, so what
it shows is what the evaluator saw: the answers, which of them could not count (a repeat of an
earlier topic's answer, or off-topic) and, per topic, the judge's reading (substantive or not,
score, strong-answer points covered, concrete detail, words).
"""

from interviews.models import Interview

from ..assessment import substance
from ..reporting import Anonymizer, assess, report_context, transcript_turns

ANSWER_CHARS = 400


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= ANSWER_CHARS else f"{text[:ANSWER_CHARS]}\u2026"


def trace_lines(interview_id: int) -> list[str]:
    """The interview's topics with their answers and readings, as indented lines."""
    interview = Interview.objects.select_related("plan", "resume").get(pk=interview_id)
    turns = transcript_turns(interview)
    context = report_context(plan=interview.plan, turns=turns, anonymize=Anonymizer.for_resume(interview.resume))
    topics = context["topics"]
    answers: dict[str, list[dict]] = {}
    for turn in context["turns"]:
        if turn["role"] == "candidate" and turn["topic_id"]:
            answers.setdefault(turn["topic_id"], []).append(turn)
    blanked = substance.unusable(answers, topics)
    findings = {f.topic["id"]: (c, f) for c in assess(context).competencies for f in c.topics}
    lines = []
    for topic in topics:
        lines.append(f"    {topic['id']} {topic['name']} [{topic['competency']}]")
        asked = [t for t in context["turns"] if t["role"] == "interviewer" and t["topic_id"] == topic["id"]]
        for turn in asked:
            lines.append(f"      Q{turn['seq']} ({turn['kind']}): {_short(turn['text'])}")
        for answer in answers.get(topic["id"], []):
            why = f" [not counted: {blanked[answer['seq']]}]" if answer["seq"] in blanked else ""
            lines.append(f"      A{answer['seq']}{why}: {_short(answer['text'])}")
        if topic["id"] not in findings:
            lines.append("      reading: not asked" if not asked else "      reading: no answer")
            continue
        competency, finding = findings[topic["id"]]
        r = finding.reading
        reading = (f"substantive, raw {r.raw_score:.2f}, points {r.covered}/{r.points}, detail {r.detail:.2f}, "
                   f"{r.words} words" if r.substantive else "not substantive (no evidence)")
        lines.append(f"      reading: {reading} \u2192 {competency.name}: {competency.score}")
    return lines
