"""Fit analyses, interview plans and evaluation reports."""

from django.db import models

from organizations.models import organization_field
from privacy.history import ReportQuerySet, ReportVersionMixin


class FitAnalysis(models.Model):
    """How a resume meets a JD: skills matched and missing, experience, a score and its reasons."""

    jd = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="fit_analyses_as_jd")
    organization = organization_field()
    resume = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="fit_analyses")
    score = models.PositiveSmallIntegerField(help_text="0 to 100")
    matched_required = models.JSONField(default=list, blank=True)
    missing_required = models.JSONField(default=list, blank=True)
    matched_nice = models.JSONField(default=list, blank=True)
    missing_nice = models.JSONField(default=list, blank=True)
    adjacent = models.JSONField(default=list, blank=True, help_text="[{required, related}] near misses")
    years_required = models.FloatField(null=True, blank=True)
    years_candidate = models.FloatField(null=True, blank=True)
    reasons = models.JSONField(default=list, blank=True)
    probe_topics = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "fit analyses"
        ordering = ["-score", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["jd", "resume"], name="one_fit_per_jd_resume")]

    def __str__(self) -> str:
        return f"Fit {self.score} · {self.resume} for {self.jd}"

    # Per-skill statuses travel inside `probe_topics` (every required skill has a topic carrying its
    # status, evidence, via and engine), so they need no column of their own.
    @property
    def required_status(self) -> list[dict]:
        """[{skill, status (matched|implied|unclear|missing), evidence (a resume line or None), via}]."""
        return [{"skill": t["skill"], "status": t["status"], "evidence": t.get("evidence"), "via": t.get("via")}
                for t in self.probe_topics or [] if t.get("status")]

    @property
    def implied_required(self) -> list[str]:
        return [s["skill"] for s in self.required_status if s["status"] == "implied"]

    @property
    def unclear_required(self) -> list[str]:
        return [s["skill"] for s in self.required_status if s["status"] == "unclear"]

    @property
    def engine(self) -> str:
        """Who gave the skill statuses: "offline" (the rules) or the id of the model that reviewed them."""
        return next((t["engine"] for t in self.probe_topics or [] if t.get("engine")), "offline")

    @property
    def languages(self) -> dict:
        """Spoken languages asked for and shown ({required, nice, candidate, missing}), from the documents."""
        from .fit import languages_fit

        jd, resume = self.jd.parsed or {}, self.resume.parsed or {}
        return languages_fit(jd, resume, [*(jd.get("required_skills") or []), *(jd.get("nice_to_have_skills") or [])],
                             list(resume.get("skills") or []))


class InterviewPlan(models.Model):
    """The topics to cover, why each is there, and what a strong answer covers (recruiter-only)."""

    jd = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="plans_as_jd")
    organization = organization_field()
    resume = models.ForeignKey("documents.Document", on_delete=models.CASCADE, related_name="plans")
    fit = models.ForeignKey(FitAnalysis, null=True, blank=True, on_delete=models.SET_NULL, related_name="plans")
    duration_minutes = models.PositiveSmallIntegerField()
    # [{id, name, competency, kind (core|gap|claim), why, question, strong_answer [str], minutes}]
    topics = models.JSONField(default=list)
    # [{name, description}]
    competencies = models.JSONField(default=list)
    coding_task = models.JSONField(null=True, blank=True)
    # Why a role that writes code got no coding task (the sandbox could not run code safely), or "".
    coding_note = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Plan #{self.pk}: {len(self.topics)} topics, {self.duration_minutes} min"


class EvaluationReport(ReportVersionMixin, models.Model):
    """An evidence-based evaluation of one interview. Regenerating adds a version; none is lost."""

    class Status(models.TextChoices):
        PENDING = "pending"
        READY = "ready"
        FAILED = "failed"

    class Recommendation(models.TextChoices):
        STRONG_YES = "strong_yes", "Strong yes"
        YES = "yes", "Yes"
        NO = "no", "No"
        STRONG_NO = "strong_no", "Strong no"
        INSUFFICIENT_EVIDENCE = "insufficient_evidence", "Not enough evidence"

    interview = models.ForeignKey("interviews.Interview", on_delete=models.CASCADE, related_name="reports")
    organization = organization_field()
    version = models.PositiveIntegerField(default=1)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    overall_score = models.FloatField(null=True, blank=True)
    recommendation = models.CharField(max_length=24, choices=Recommendation.choices, blank=True)
    confidence = models.FloatField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True, help_text="The full report, as the API returns it.")
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = ReportQuerySet.as_manager()  # a version is deleted only by erasure (privacy/history.py)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["interview", "version"], name="one_report_per_version")]

    def __str__(self) -> str:
        return f"Report v{self.version} for interview #{self.interview_id}"


# Models of the analysis packages, imported here so Django registers them with the app.
from .assessment.models import AnswerAssessment  # noqa: E402,F401
from .code.models import CodeSubmission  # noqa: E402,F401
from .oversight.models import Comment, Decision, ScoreOverride  # noqa: E402,F401
