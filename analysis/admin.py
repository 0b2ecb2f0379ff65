"""Admin: fit analyses, plans and reports, readable and (for reports) read-only."""

import json

from django.contrib import admin
from django.db.models import Prefetch
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import (
    AnswerAssessment,
    CodeSubmission,
    Decision,
    EvaluationReport,
    FitAnalysis,
    InterviewPlan,
    ScoreOverride,
)


def pretty_json(value) -> str:
    # A class, not a style="" attribute: the Content-Security-Policy refuses inline styles (css/admin.css).
    return format_html('<pre class="json">{}</pre>', json.dumps(value, indent=2, ensure_ascii=False))


class JsonMedia:
    css = {"all": ["css/admin.css"]}


@admin.register(FitAnalysis)
class FitAnalysisAdmin(admin.ModelAdmin):
    Media = JsonMedia
    list_display = ("resume", "jd", "score", "updated_at")
    list_filter = (("jd", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("resume", "jd")
    search_fields = ("resume__candidate_name", "resume__title", "jd__title")
    readonly_fields = ("jd", "resume", "score", "years_required", "years_candidate", "created_at", "updated_at",
                       "reasons_list", "skills_json", "probe_topics_json")
    exclude = ("matched_required", "missing_required", "matched_nice", "missing_nice", "adjacent", "reasons",
               "probe_topics")

    @admin.display(description="Reasons")
    def reasons_list(self, fit: FitAnalysis) -> str:
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((r,) for r in fit.reasons)))

    @admin.display(description="Skills")
    def skills_json(self, fit: FitAnalysis) -> str:
        return pretty_json({name: getattr(fit, name) for name in (
            "matched_required", "missing_required", "adjacent", "matched_nice", "missing_nice")})

    @admin.display(description="Probe topics")
    def probe_topics_json(self, fit: FitAnalysis) -> str:
        return pretty_json(fit.probe_topics)


@admin.register(InterviewPlan)
class InterviewPlanAdmin(admin.ModelAdmin):
    list_display = ("__str__", "resume", "jd", "duration_minutes", "created_at")
    list_select_related = ("resume", "jd")
    readonly_fields = ("jd", "resume", "fit", "duration_minutes", "created_at", "topics_table", "competencies_list",
                       "coding_task")
    exclude = ("topics", "competencies")

    @admin.display(description="Topics")
    def topics_table(self, plan: InterviewPlan) -> str:
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td><b>{}</b><br><small>{} · {}</small></td><td>{}</td><td>{}</td><td><ul>{}</ul></td>"
            "<td>{}</td></tr>",
            (
                (t.get("id"), t.get("name"), t.get("kind"), t.get("competency"), t.get("why"), t.get("question"),
                 format_html_join("", "<li>{}</li>", ((p,) for p in t.get("strong_answer") or [])), t.get("minutes"))
                for t in plan.topics
            ),
        )
        head = "<tr><th>id</th><th>topic</th><th>why</th><th>question</th><th>strong answer</th><th>min</th></tr>"
        return format_html("<table>{}{}</table>", mark_safe(head), rows)  # noqa: S308 - a constant

    @admin.display(description="Competencies")
    def competencies_list(self, plan: InterviewPlan) -> str:
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li><b>{}</b>: {}</li>", ((c.get("name"), c.get("description", "")) for c in plan.competencies)))


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class ScoreOverrideInline(ReadOnlyInline):
    model = ScoreOverride
    fields = ("competency", "original_score", "score", "reason", "user_name", "created_at")
    readonly_fields = fields


@admin.register(EvaluationReport)
class EvaluationReportAdmin(admin.ModelAdmin):
    Media = JsonMedia
    list_display = ("interview", "version", "status", "overall_score", "recommendation", "decision_in_force",
                    "created_at")
    list_filter = ("status", "recommendation")
    list_select_related = ("interview__resume", "interview__jd")
    readonly_fields = ("interview", "version", "status", "overall_score", "recommendation", "confidence", "error",
                       "created_at", "completed_at", "decision_in_force", "data_pretty")
    exclude = ("data",)
    inlines = [ScoreOverrideInline]

    def get_queryset(self, request):
        # One query for every row's decisions, not one a row.
        decisions = Decision.objects.order_by("-created_at", "-pk")
        return super().get_queryset(request).prefetch_related(Prefetch("interview__decisions", queryset=decisions))

    @admin.display(description="Decision (recruiter)")
    def decision_in_force(self, report: EvaluationReport) -> str:
        decision = next(iter(report.interview.decisions.all()), None)
        return f"{decision.get_decision_display()} ({decision.user_name or 'unknown'})" if decision else "—"

    @admin.display(description="Report")
    def data_pretty(self, report: EvaluationReport) -> str:
        return pretty_json(report.data)

    def has_add_permission(self, request) -> bool:
        return False  # reports are written by the evaluator, never by hand

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # a version is history; regenerating adds one

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # only erasure of the candidate removes it (privacy/history.py)


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Hiring decisions as recruiters recorded them; history is never edited (record a new one instead)."""

    list_display = ("interview", "decision", "user_name", "created_at")
    list_filter = ("decision",)
    list_select_related = ("interview__resume", "interview__jd")
    search_fields = ("interview__resume__candidate_name", "note", "user_name")
    readonly_fields = ("interview", "decision", "note", "user", "user_name", "created_at")

    def has_add_permission(self, request) -> bool:
        return False  # recorded from the report page or the API, which check the interview has ended

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # only erasure of the candidate removes it (privacy/history.py)


@admin.register(ScoreOverride)
class ScoreOverrideAdmin(admin.ModelAdmin):
    list_display = ("report", "competency", "original_score", "score", "user_name", "created_at")
    list_select_related = ("report__interview",)
    search_fields = ("competency", "reason", "user_name")
    readonly_fields = ("report", "competency", "original_score", "score", "reason", "user", "user_name", "created_at")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # only erasure of the candidate removes it (privacy/history.py)


@admin.register(AnswerAssessment)
class AnswerAssessmentAdmin(admin.ModelAdmin):
    list_display = ("turn", "topic_id", "score", "created_at")
    list_select_related = ("turn",)
    readonly_fields = ("turn", "topic_id", "score", "covered_points", "missing_points", "notes", "created_at")

    def has_add_permission(self, request) -> bool:
        return False  # written by the per-answer assessment job

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CodeSubmission)
class CodeSubmissionAdmin(admin.ModelAdmin):
    Media = JsonMedia
    """What a candidate's code did in the sandbox: read-only, written by the evaluator."""

    list_display = ("interview", "task_id", "language", "purpose", "status", "tests", "isolation", "created_at")
    list_filter = ("purpose", "status", "language", "task_id")
    list_select_related = ("interview__resume", "interview__jd")
    readonly_fields = ("interview", "task_id", "language", "client_id", "purpose", "status", "error", "created_at",
                       "evaluated_at", "code", "result_pretty")
    exclude = ("result",)

    @admin.display(description="Tests passed")
    def tests(self, submission: CodeSubmission) -> str:
        tests = (submission.result or {}).get("tests") or {}
        return f"{tests.get('passed', '?')}/{tests.get('total', '?')}" if tests else "—"

    @admin.display(description="Isolation")
    def isolation(self, submission: CodeSubmission) -> str:
        return ((submission.result or {}).get("isolation") or {}).get("level", "—")

    @admin.display(description="Result")
    def result_pretty(self, submission: CodeSubmission) -> str:
        return pretty_json(submission.result)

    def has_add_permission(self, request) -> bool:
        return False
