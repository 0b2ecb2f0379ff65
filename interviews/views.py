"""HTML pages: the candidate's chat page, and the recruiter's dashboard and interview detail.

Thin adapters: they resolve access through the selectors, call one service, and render.
"""

from django.conf import settings
from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from analysis import selectors as analysis_selectors
from analysis import services as analysis_services
from analysis.code.selectors import sandbox_status
from analysis.models import Decision, EvaluationReport
from audit.services import Action as Audit
from audit.services import audit_record
from documents.models import Document
from interview_site.api import ApiError
from organizations.access import Action, can, scoped
from organizations.decorators import member_required

from . import invites, selectors, services
from .forms import plan_topics_from_post
from .models import Interview
from .serializers import InterviewStartInputSerializer

DURATION_CHOICES = (15, 30, 45)
RECENT_INTERVIEWS = 20
DASHBOARD_JOBS = 50
UNLINKED_RESUMES = 50
# The raw token lives only until the detail page shows it once; then it is gone from the session too.
NEW_LINK_SESSION_KEY = "interviews_new_link"



# --- Candidate ---------------------------------------------------------------------------------



def _reports() -> Prefetch:
    """Each interview's evaluation reports, newest version first (the first one is shown)."""
    return Prefetch("reports", queryset=EvaluationReport.objects.order_by("-version"), to_attr="report_list")


def _decisions() -> Prefetch:
    """Each interview's recruiter decisions, newest first (the first one is in force)."""
    return Prefetch("decisions", queryset=Decision.objects.order_by("-created_at", "-pk"), to_attr="decision_list")

def _unlogged(response: HttpResponse) -> HttpResponse:
    # Django logs every 4xx with its path; here the path holds an invite token, which is never logged.
    response._has_been_logged = True
    return response


def _invite_refused(request: HttpRequest, token: str) -> HttpResponse:
    expired = invites.invite_is_expired(token)
    response = render(
        request, "interviews/invite_invalid.html", {"expired": expired}, status=410 if expired else 404
    )
    return _unlogged(response)


@require_GET
@never_cache
def candidate_page(request: HttpRequest, token: str) -> HttpResponse:
    """The candidate's chat page. No login: the invite token is the credential."""
    try:
        interview = selectors.interview_get_for_candidate(token=token)
    except Interview.DoesNotExist:
        return _invite_refused(request, token)
    # The WebSocket authenticates by this session entry, so the token need not travel again.
    opened = request.session.get(selectors.CANDIDATE_SESSION_KEY, {})
    opened[str(interview.pk)] = interview.token_hash
    request.session[selectors.CANDIDATE_SESSION_KEY] = opened
    jd = interview.jd
    context = {
        "interview": interview,
        "role_title": jd.parsed.get("title") or jd.display_name,
        "company": (jd.parsed.get("company") or "").strip(),
        "time_left_s": selectors.interview_time_left_s(interview=interview),
        "topic_count": len(interview.plan.topics or []),
        "coding_task": selectors.coding_task_public(plan=interview.plan),
    }
    return render(request, "interviews/candidate.html", context)


# --- Recruiter: dashboard ----------------------------------------------------------------------


def _dashboard_jobs(user) -> list[Document]:
    """The organisation's JDs newest first, each with its resumes, their fits and interviews: five queries
    in all (resumes, fits and interviews of a JD are of the JD's organisation)."""
    interviews = Prefetch(
        "interviews", queryset=Interview.objects.order_by("-created_at").prefetch_related(_reports(), _decisions()),
        to_attr="interview_list",
    )
    resumes = Prefetch(
        "resumes", queryset=Document.objects.filter(kind=Document.Kind.RESUME).prefetch_related(interviews),
        to_attr="resume_list",
    )
    jobs = list(
        scoped(Document.objects.filter(kind=Document.Kind.JD), user)
        .order_by("-created_at")
        .prefetch_related(resumes, Prefetch("fit_analyses_as_jd", to_attr="fit_list"))[:DASHBOARD_JOBS]
    )
    for job in jobs:
        job.candidates = _ranked_candidates(job)
    return jobs


def _ranked_candidates(job: Document) -> list[dict]:
    """The JD's resumes, best fit first; resumes without a fit yet (still processing) last."""
    fits = {fit.resume_id: fit for fit in job.fit_list}
    rows = [
        {
            "resume": resume,
            "fit": fits.get(resume.pk),
            # A resume may also have been interviewed for another JD; only this JD's interview belongs here.
            "interview": next((i for i in resume.interview_list if i.jd_id == job.pk), None),
        }
        for resume in job.resume_list
    ]
    rows.sort(key=lambda row: (row["fit"] is None, -(row["fit"].score if row["fit"] else 0)))
    for row in rows:
        row["report"] = _latest_report(row["interview"])
    return rows


def _latest_report(interview: Interview | None) -> EvaluationReport | None:
    if interview is None:
        return None
    report_list = getattr(interview, "report_list", None)
    return report_list[0] if report_list else None


def _recent_interviews(user) -> list[Interview]:
    recent = list(
        selectors.interviews_for_recruiter(user=user).select_related("jd", "resume")
        .prefetch_related(_reports(), _decisions())
        .order_by("-created_at")[
            :RECENT_INTERVIEWS
        ]
    )
    for interview in recent:
        interview.latest_report = _latest_report(interview)
    return recent


@require_GET
@member_required
def dashboard(request: HttpRequest) -> HttpResponse:
    unlinked = scoped(Document.objects.filter(kind=Document.Kind.RESUME, jd__isnull=True), request.user)
    context = {
        "jobs": _dashboard_jobs(request.user),
        "unlinked_resumes": unlinked[:UNLINKED_RESUMES],
        "recent_interviews": _recent_interviews(request.user),
        "can_change": can(request.user, Action.CHANGE),
        "duration_choices": DURATION_CHOICES,
        "default_duration": settings.INTERVIEW_DEFAULT_MINUTES,
        "sandbox": sandbox_status() if settings.INTERVIEW_CODING_TASKS else None,
    }
    return render(request, "interviews/dashboard.html", context)


# --- Recruiter: start, detail, new link --------------------------------------------------------


def _flash_link(request: HttpRequest, interview: Interview, token: str) -> None:
    request.session[NEW_LINK_SESSION_KEY] = {"id": interview.pk, "url": invites.candidate_url(request, token)}


def _pop_link(request: HttpRequest, interview: Interview) -> str | None:
    flash = request.session.get(NEW_LINK_SESSION_KEY)
    if not flash or flash.get("id") != interview.pk:
        return None
    del request.session[NEW_LINK_SESSION_KEY]
    return flash["url"]


@require_POST
@member_required(action=Action.CHANGE)
def interview_start_form(request: HttpRequest) -> HttpResponse:
    given = InterviewStartInputSerializer(data=request.POST)
    if not given.is_valid():
        messages.error(request, "Could not start the interview: choose a job, a resume and a duration.")
        return redirect("interviews-dashboard")
    try:
        interview, token = services.interview_start(**given.validated_data, user=request.user)
    except ApiError as error:
        messages.error(request, f"Could not start the interview: {error.message}")
        return redirect("interviews-dashboard")
    audit_record(action=Audit.INTERVIEW_STARTED, request=request, obj=interview)
    _flash_link(request, interview, token)
    return redirect("interviews-detail", interview_id=interview.pk)


def _recruiter_interview(request: HttpRequest, interview_id: int, action: Action = Action.VIEW) -> Interview | None:
    """The interview through the recruiter selector (None: a 404); a role that lacks `action` raises
    RoleForbidden, which `member_required` answers with a 403 page."""
    try:
        return selectors.interview_get_for_recruiter(user=request.user, interview_id=interview_id, action=action)
    except Interview.DoesNotExist:
        return None


@require_POST
@member_required
def interview_new_link(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _recruiter_interview(request, interview_id, Action.CHANGE)
    if interview is None:
        return render(request, "404.html", status=404)
    try:
        token = invites.interview_rotate_token(interview=interview)
    except ApiError as error:
        messages.error(request, error.message)
    else:
        audit_record(action=Audit.LINK_ROTATED, request=request, obj=interview)
        _flash_link(request, interview, token)
        messages.success(request, "A new link was created. The previous link no longer works.")
    return redirect("interviews-detail", interview_id=interview.pk)


def _plan_rows(interview: Interview, typed: QueryDict | None) -> list[dict]:
    """Each topic with the question to show in its textarea: what the recruiter typed when a save failed."""
    rows = []
    for topic in interview.plan.topics or []:
        question = topic.get("question") or ""
        if typed is not None:
            question = typed.get(f"question-{topic.get('id')}", question)
        rows.append({"topic": topic, "question": question})
    return rows


def _detail_context(request: HttpRequest, interview: Interview, typed: QueryDict | None = None) -> dict:
    return {
        "interview": interview,
        "new_link": None if typed is not None else _pop_link(request, interview),
        "fit": analysis_selectors.fit_get(jd=interview.jd, resume=interview.resume),
        "topics": interview.plan.topics,
        "plan_rows": _plan_rows(interview, typed),
        "can_change": can(request.user, Action.CHANGE),
        "plan_editable": interview.status == Interview.Status.SCHEDULED and can(request.user, Action.CHANGE),
        "new_topic": {"question": typed.get("new_question", ""), "name": typed.get("new_name", "")} if typed else {},
        "turns": list(interview.turns.all()),
        "signals": analysis_selectors.interview_integrity(interview=interview),
        "report": analysis_selectors.report_latest_for_interview(interview_id=interview.pk),
        "live": interview.status != Interview.Status.ENDED,
        "link_expired": interview.token_expires_at <= timezone.now(),
    }


@require_GET
@never_cache  # it may carry the one-time link: the back button must not bring it back from cache
@member_required
def interview_detail(request: HttpRequest, interview_id: int) -> HttpResponse:
    interview = _recruiter_interview(request, interview_id)
    if interview is None:
        return render(request, "404.html", status=404)
    audit_record(action=Audit.TRANSCRIPT_VIEWED, request=request, obj=interview)
    return render(request, "interviews/detail.html", _detail_context(request, interview))


@require_POST
@member_required
def interview_plan_edit(request: HttpRequest, interview_id: int) -> HttpResponse:
    """The plan form on the interview page: edit, move, remove or add topics before the interview starts."""
    interview = _recruiter_interview(request, interview_id, Action.CHANGE)
    if interview is None:
        return render(request, "404.html", status=404)
    try:
        topics = plan_topics_from_post(request.POST, interview.plan.topics or [])
        analysis_services.plan_update(interview=interview, topics=topics)
    except ApiError as error:
        # The page again, with the error and what was typed, so nothing is lost.
        context = {**_detail_context(request, interview, typed=request.POST), "plan_error": error.message}
        return render(request, "interviews/detail.html", context, status=error.status_code)
    audit_record(action=Audit.PLAN_EDITED, request=request, obj=interview, detail={"topics": len(topics)})
    messages.success(request, "The plan was saved.", extra_tags="plan")
    return redirect(reverse("interviews-detail", args=[interview.pk]) + "#plan-title")
