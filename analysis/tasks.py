"""Celery tasks: thin, idempotent, ids in."""

from celery import shared_task

from .code import tasks as code_tasks  # noqa: F401 - registers the code evaluation tasks


@shared_task(acks_late=True)
def fit_analyze_task(jd_id: int, resume_id: int) -> int | None:
    from documents.models import Document

    from .services import fit_analyze

    jd = Document.objects.filter(pk=jd_id, status=Document.Status.READY).first()
    resume = Document.objects.filter(pk=resume_id, status=Document.Status.READY).first()
    if jd is None or resume is None:
        return None  # one of them is not ready yet; its own parse will trigger the analysis
    return fit_analyze(jd=jd, resume=resume).pk


@shared_task(acks_late=True)
def report_generate_task(interview_id: int, regenerate: bool = False) -> int:
    from .services import report_generate

    return report_generate(interview_id=interview_id, regenerate=regenerate).pk


@shared_task(acks_late=True)
def answer_assess_task(turn_id: int) -> int | None:
    from .assessment.answer import answer_assess

    assessment = answer_assess(turn_id=turn_id)
    return assessment.pk if assessment else None
