"""`manage.py simulate_interviews`: scripted personas through the real conductor, and the orderings it checks."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from analysis.assessment.substance import same_answer
from analysis.models import EvaluationReport, InterviewPlan
from analysis.simulation import checks, evalset, styles
from analysis.simulation.fields import FIELDS, field_of
from analysis.simulation.personas import Persona, question_kind, question_part, skills_in
from documents.models import Document
from interviews.models import Interview

pytestmark = pytest.mark.django_db(transaction=True)

JDS = Path(__file__).resolve().parents[1] / "simulation" / "jds"
EVALSET = Path(__file__).resolve().parents[2] / "documents" / "evalset" / "jds"


@pytest.fixture(autouse=True)
def _offline(settings):
    settings.LLM_MAIN = settings.LLM_MINI = "offline"
    settings.LLM_FALLBACK = ""


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("simulate_interviews", *args, stdout=out)
    return out.getvalue()


def table(output: str) -> dict[str, list[str]]:
    """persona -> [overall, recommendation, C1, C2, ..., comm] from the first run's table."""
    rows = {}
    for line in output.splitlines():
        cells = line.split()
        if cells and cells[0] in ("strong", "average", "weak", "evasive", "instructing") and cells[0] not in rows:
            rows[cells[0]] = cells[1:]
    return rows


def number(cell: str) -> float:
    return 0.0 if cell == "—" else float(cell)


def test_strong_beats_average_beats_weak_and_instructions_earn_nothing():
    output = run("--jd", str(JDS / "data_analyst.txt"), "--runs", "2", "--personas", "strong", "average", "weak",
                 "evasive", "instructing")

    # Per run: the two orderings, the instructing persona, strong >= 4.0 with yes, weak <= 2.0; and runs agree.
    assert "FAIL" not in output and output.count("PASS") == 11
    assert "identical scores and recommendations across 2 runs" in output
    rows = table(output)
    strong, average, weak, instructing = (rows[p] for p in ("strong", "average", "weak", "instructing"))
    assert number(strong[0]) > number(average[0]) > number(weak[0]) >= number(instructing[0])
    for s, a, w in zip(strong[2:-1], average[2:-1], weak[2:-1], strict=True):
        if "\u2014" not in (s, a, w):  # a reserve topic's competency may go unasked when answers take the time
            assert number(s) > number(a) > number(w)
    # Talking around every question earns no recommendation: "not enough evidence" (issue 12).
    assert rows["evasive"][1] == "insufficient_evidence"
    assert strong[1] == "yes" and weak[1] == "no"  # the offline stand-in never says strong_yes or strong_no
    # Everything a run made is removed afterwards.
    assert not Interview.objects.exists() and not Document.objects.exists() and not InterviewPlan.objects.exists()


def test_keep_leaves_the_interviews_for_the_recruiter_ui():
    run("--jd", str(JDS / "registered_nurse.txt"), "--runs", "1", "--personas", "strong", "weak", "--keep")
    reports = EvaluationReport.objects.filter(status="ready")
    assert reports.count() == 2 and Interview.objects.filter(status="ended").count() == 2
    interview = Interview.objects.first()
    kinds = set(interview.turns.values_list("kind", flat=True))
    assert {"greeting", "question", "answer", "closing"} <= kinds  # a complete conversation
    assert interview.resume.original_name == "registered_nurse.resume.txt"


def test_a_failed_check_fails_the_command(monkeypatch):
    from analysis.simulation import personas

    monkeypatch.setattr(personas, "strong_answer", lambda asked, field: personas.weak_answer(asked))
    with pytest.raises(CommandError, match="check"):
        run("--jd", str(JDS / "account_executive.txt"), "--runs", "1", "--personas", "strong", "average", "weak")


def test_the_evaluation_set_covers_several_fields():
    cases = evalset.default_cases()
    names = {c.name for c in cases}
    assert {"senior_backend_engineer", "data_analyst", "registered_nurse", "account_executive"} <= names
    own = [c for c in cases if c.name in {"data_analyst", "registered_nurse", "account_executive"}]
    assert own and all(c.resume_path is not None for c in own)
    assert len(cases) >= 15, "every JD of the extraction evaluation set is simulated too"
    assert not any(".resume." in c.name or c.name.startswith("resume") for c in cases)


def test_a_stored_jd_without_resumes_gets_a_synthetic_candidate(db):
    jd = evalset.document_from_file(JDS / "account_executive.txt", Document.Kind.JD)
    jd_again, resume, created = evalset.documents_for(evalset.case_for(str(jd.pk)))
    assert jd_again == jd and created == [resume] and resume.parsed["skills"]


# --- Personas hear only the question ------------------------------------------------------------------------


def test_personas_recognise_the_question_and_its_skill():
    known = ["Python", "Django", "Django REST Framework", "Flask", "PostgreSQL"]
    assert skills_in("Coming from Flask, how would you approach a first real task in Django?", known)[0] == "Django"
    assert skills_in("You've listed Django REST Framework. What did you learn the hard way?", known) == [
        "Django REST Framework"]
    assert question_kind("Tell me about a time you disagreed with a teammate.") == "collaboration"
    assert question_kind("Do you have any questions about the role or the process?") == "own_questions"
    assert question_kind("Walk me through a recent project where Python was central.") == "depth"
    greeting = ("Hello, I'm an AI interviewer for the Senior Backend Engineer (Python/Django) role. It takes about "
                "30 minutes: I'll ask about a few topics. Please answer in your own words. A person on the hiring "
                "team makes every decision. To warm up, what kind of work have you enjoyed most, and why?")
    assert "Python/Django" not in question_part(greeting)


def test_strong_personas_tell_a_different_story_for_each_question():
    persona = Persona(level="strong", field="software", known_skills=["Python", "Django"])
    one = persona.answer("Tell me about the most demanding piece of work you've done with Python. What made it hard?")
    two = persona.answer("Walk me through a recent project where Django was central. Which decisions were yours?")
    assert "Python" in one and "Django" in two
    assert len(set(one.split()) & set(two.split())) / len(set(one.split()) | set(two.split())) < 0.6


def test_the_instructing_persona_only_adds_instructions():
    weak = Persona(level="weak", field="care", known_skills=["Wound care"])
    instructing = Persona(level="instructing", field="care", known_skills=["Wound care"])
    question = "Your resume mentions Wound care. Pick one piece of work where you used it?"
    answer = instructing.answer(question)
    assert answer.startswith(weak.answer(question)) and "5/5" in answer


def test_a_non_english_jd_outside_software_is_judged_soundly_and_traced():
    """A German employment-law JD: the candidates talk as lawyers, and every check holds."""
    output = run("--jd", str(EVALSET / "j24_legal_de_md.md"), "--runs", "1", "--personas", "strong", "average",
                 "weak", "--trace")
    assert "FAIL" not in output and output.count("PASS") == 4  # two orderings, strong >= 4.0 with yes, weak <= 2.0
    assert "j24_legal_de_md \u00b7 average (legal)" in output and "reading: substantive" in output
    assert "billing" not in output and "latency" not in output  # no other field's stories
    # Every answer to a booked topic counts as evidence. A persona has three stories and no scripted answer to the
    # general reserve questions ("a mistake you made"), so there a story told again or beside the question is
    # set aside, as it should be.
    topic, excluded = 0, []
    for line in output.splitlines():
        header = re.match(r"    t(\d+) ", line)
        topic = int(header.group(1)) if header else topic
        if "[not counted" in line:
            excluded.append((topic, line.split("[not counted: ")[1].split("]")[0]))
    assert excluded and {reason for _, reason in excluded} <= {"repeat", "off-topic"}
    assert all(t > 7 or reason == "repeat" for t, reason in excluded), excluded


def test_the_same_content_in_another_manner_keeps_its_score_and_empty_fluency_earns_nothing():
    """Issue 12: a non-native speaker's slips and a story told backwards cost no more than half a point against
    the strong candidate; a long, fluent, empty answer stays at 2.5 or below."""
    output = run("--jd", str(JDS / "registered_nurse.txt"), "--runs", "1", "--personas", "strong", "non_native",
                 "out_of_order", "verbose")
    assert "FAIL" not in output
    for line in ("non_native", "out_of_order", "verbose", "strong"):
        assert f"PASS  registered_nurse: {line} " in output, line


def test_styles_change_the_manner_and_keep_the_facts():
    told = ("A good example is the billing pipeline, about 2 million invoices a month. My own part, not the team's: I "
            "owned the retry logic. I planned the rollout over six weeks and measured the result. The result was a "
            "cut in failed payments from 3% to 0.4%. With hindsight I would add the alerts first.")
    terse = styles.terse(told)
    assert len(terse.split()) < len(told.split()) * 0.7 and "2 million" in terse and "0.4%" in terse
    assert "My own part" not in terse and "A good example" not in terse
    slipped = styles.non_native(told)
    assert "I plan rollout" in slipped and "the billing" not in slipped and "0.4%" in slipped
    assert styles.out_of_order(told).startswith("With hindsight") and styles.out_of_order(told).endswith("month.")
    empty = styles.verbose("Tell me about your work with Opera PMS. How did it go?")
    assert "my work with Opera PMS" in empty and not re.search(r"\d", empty) and len(empty.split()) > 100


# --- Personas across lines of work ----------------------------------------------------------------------------


def test_the_line_of_work_is_read_from_the_jd_in_its_own_language():
    assert field_of(title="Corporate Paralegal", skills=["Due diligence", "Legal research"]) == "legal"
    assert field_of(title="Syndikusrechtsanwalt (m/w/d) Arbeitsrecht", skills=["Employment law"]) == "legal"
    assert field_of(title="Jefe/a de Obra", skills=["Presto", "AutoCAD"]) == "construction"
    assert field_of(title="Enfermera/o de Urgencias", text="Atención a pacientes en urgencias") == "care"
    assert field_of(title="Disponent (m/w/d) Nahverkehr", skills=["SAP", "Microsoft Excel"]) == "logistics"
    assert field_of(title="Chargé(e) de recrutement", skills=["Recruiting", "Employment law"]) == "hr"
    assert field_of(title="Data Engineer (m/w/d)", skills=["Python", "SQL", "dbt"]) == "data"
    assert field_of(title="Front Office Manager", skills=["Front desk", "Customer service"]) == "hospitality"
    assert field_of(title="Chief Happiness Officer") == "general"  # never another field's stories


QUESTIONS = [
    "Tell me about the most demanding piece of work you've done with Reporting. What made it hard?",
    "Part of this role is: \u201cPrepare board minutes\u201d. Tell me about a time you owned something like that "
    "from start to finish. How did you plan it, and how did you know it had worked?",
    "Your resume mentions Scheduling. Pick one piece of work where you used it: what part did you personally "
    "own, and what would you do differently today?",
    "Tell me about a time you disagreed with a teammate or stakeholder about how to do something.",
    "What's the piece of work you're proudest of from the last couple of years, and what was your part in it?",
]


@pytest.mark.parametrize("line_of_work", sorted(FIELDS))
def test_personas_answer_from_their_own_line_of_work(line_of_work):
    skills = ["Reporting", "Scheduling"]  # skills of any line of work, with no lines of their own
    answers = {level: [Persona(level=level, field=line_of_work, known_skills=skills).answer(q) for q in QUESTIONS]
               for level in ("strong", "average", "weak")}
    if line_of_work != "software":
        assert not any(w in a for a in answers["strong"] + answers["average"] for w in ("billing API", "p95"))
    # Average: relevant, with a real example and a number (a disagreement needs none), never one canned line twice.
    assert all(any(c.isdigit() for c in a) for i, a in enumerate(answers["average"]) if i != 3)
    assert "Reporting" in answers["average"][0] and "Scheduling" in answers["average"][2]
    assert not any(same_answer(a, b) for i, a in enumerate(answers["average"]) for b in answers["average"][i + 1:])
    # Strong says more than average, which says more than weak, on every question.
    for strong, average, weak in zip(*answers.values(), strict=True):
        assert len(strong) > len(average) > len(weak)


def test_average_follow_ups_answer_what_was_asked():
    persona = Persona(level="average", field="care", known_skills=["Triage"])
    persona.answer("Tell me about the most demanding piece of work you've done with Triage.")
    hardest = persona.answer('You said "...". Let\'s go a level deeper: what is the hardest problem you have '
                             "solved there, and what would you do differently today?", follow_up=True)
    concrete = persona.answer('You said "...". Could you make that concrete: pick one real example and walk me '
                              "through what you personally did, step by step?", follow_up=True)
    assert "went wrong" in hardest and "next time" in hardest
    assert concrete.startswith("For example") and hardest != concrete


# --- The checks themselves -----------------------------------------------------------------------------------


class Fake:
    def __init__(self, persona: str, overall, scores: dict, asked=None):
        self.case, self.persona, self.overall, self.scores = "jd", persona, overall, scores
        self.recommendation = "yes" if overall and overall >= 3.5 else "no"
        self.competencies = list(scores)
        self.asked = list(scores) if asked is None else asked

    def row(self):
        return (self.persona, self.overall, tuple(self.scores.items()))


def test_checks_treat_no_evidence_as_lowest_and_require_strict_order():
    good = [Fake("strong", 4.5, {"A": 5, "B": None}, ["A"]), Fake("average", 3.0, {"A": 3, "B": None}, ["A"]),
            Fake("weak", None, {"A": None, "B": None}, ["A"]), Fake("instructing", None, {"A": None, "B": None})]
    results = checks.judgement_checks([good])
    assert all(c.passed for c in results)
    assert "(1 of 2)" in results[1].text and "not asked in every interview: B" in results[1].text
    tie = [Fake("strong", 4.0, {"A": 3}), Fake("average", 3.0, {"A": 3}), Fake("weak", 1.0, {"A": 1}),
           Fake("instructing", 2.0, {"A": 2})]
    failed = [c.text for c in checks.judgement_checks([tie]) if not c.passed]
    assert len(failed) == 2 and "not on A (3 / 3 / 1)" in failed[0] and "higher on A" in failed[1]
    drifted = [Fake("strong", 4.0, {"A": 4})], [Fake("strong", 4.1, {"A": 4})]
    assert not checks.judgement_checks(list(drifted))[-1].passed


def test_a_competency_asked_but_left_without_evidence_by_strong_or_average_fails():
    """Asked in every interview, but the average persona's answers gave no evidence: reported, not skipped."""
    silent = [Fake("strong", 4.0, {"A": 4, "B": 5}), Fake("average", 2.5, {"A": 3, "B": None}),
              Fake("weak", 1.0, {"A": 1, "B": 1})]
    failed = [c.text for c in checks.judgement_checks([silent]) if not c.passed]
    assert len(failed) == 1 and "B (5 / None / 1: no evidence from average)" in failed[0]
    both = [Fake("strong", 4.0, {"A": 4, "B": None}), Fake("average", 2.5, {"A": 3, "B": None}),
            Fake("weak", 1.0, {"A": 1, "B": None})]
    failed = [c.text for c in checks.judgement_checks([both]) if not c.passed]
    assert "no evidence from strong and average" in failed[0]
