"""A candidate with everything the product holds about one: a stored file, a fit, a plan, an ended
interview with turns, a signal, code, an assessment, a ready report with an override, a decision,
model-call records and Celery result rows; and a second candidate that must be left alone."""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_celery_results.models import TaskResult

from analysis.models import AnswerAssessment, CodeSubmission, Decision, EvaluationReport, FitAnalysis, ScoreOverride
from documents.models import Document
from interviews.models import IntegritySignal, Interview, Turn
from interviews.tests.factories import make_interview
from llm.models import ModelCall

NAME, EMAIL = "Ana Lopez", "ana.lopez@example.com"
ANSWER = "I rebuilt the Fernwood ledger service and cut reconciliation from nine hours to forty minutes."
FILE_BYTES = b"%PDF-1.4 Ana Lopez resume bytes"


@dataclass
class Candidate:
    resume: Document
    interview: Interview
    report: EvaluationReport
    decision: Decision | None
    file_path: str
    task_results: list[int]


def _task_result(name: str, args: str) -> TaskResult:
    return TaskResult.objects.create(task_id=f"{name}-{args}-{TaskResult.objects.count()}", task_name=name,
                                     task_args=args, task_kwargs="{}", status="SUCCESS", result="1")


def make_candidate(*, organization=None, name=NAME, email=EMAIL, answer=ANSWER, decide=True) -> Candidate:
    interview, _ = make_interview(organization=organization, status=Interview.Status.ENDED,
                                  end_reason=Interview.EndReason.COMPLETED, ended_at=timezone.now())
    resume = interview.resume
    resume.candidate_name, resume.candidate_email, resume.original_name = name, email, "ana-cv.pdf"
    resume.source_format = "pdf"
    resume.file.save("upload", ContentFile(FILE_BYTES), save=False)
    resume.save()
    org = interview.organization_id
    FitAnalysis.objects.create(organization_id=org, jd=interview.jd, resume=resume, score=72, reasons=["python"])
    Turn.objects.create(interview=interview, seq=1, role="interviewer", kind="question",
                        text="Tell me about a system you rebuilt.")
    answer_turn = Turn.objects.create(interview=interview, seq=2, role="candidate", kind="answer", text=answer)
    AnswerAssessment.objects.create(turn=answer_turn, topic_id="t-api", score=4, notes=f"cites {answer[:20]}")
    IntegritySignal.objects.create(interview=interview, name="tab_hidden", detail="2 s")
    CodeSubmission.objects.create(interview=interview, task_id="merge_intervals", language="python",
                                  code="def merge_intervals(x):\n    return x  # Ana\n", status="done")
    report = EvaluationReport.objects.create(
        organization_id=org, interview=interview, status=EvaluationReport.Status.READY, overall_score=3.6,
        recommendation="yes", data={"summary": f"{name} explained the ledger rebuild"}, completed_at=timezone.now())
    ScoreOverride.objects.create(organization_id=org, report=report, competency="System design",
                                 original_score=3.0, score=4, reason="Strong ledger example", user_name="rita")
    decision = Decision.objects.create(organization_id=org, interview=interview, decision="advance",
                                       note=f"Advance {name}", user_name="rita") if decide else None
    ModelCall.objects.create(role="main", provider="offline", model="offline", prompt_name="resume_extraction",
                             prompt_version=1, document=resume, organization_id=org, error="")
    ModelCall.objects.create(role="main", provider="offline", model="offline", prompt_name="report",
                             prompt_version=2, interview=interview, organization_id=org)
    results = [  # as django-celery-results stores them: a JSON string of the arguments' repr, or a list
        _task_result("documents.tasks.document_parse_task", f'"({resume.pk},)"').pk,
        _task_result("analysis.tasks.report_generate_task", f'"({interview.pk}, False)"').pk,
        _task_result("analysis.tasks.answer_assess_task", f"[{answer_turn.pk}]").pk,
    ]
    return Candidate(resume=resume, interview=interview, report=report, decision=decision, file_path=resume.file.path,
                     task_results=results)


@pytest.fixture
def candidate(db) -> Candidate:
    return make_candidate()


@pytest.fixture
def bystander(db) -> Candidate:
    return make_candidate(name="Bo Svensson", email="bo@example.com", answer="I kept the lights on.")
