"""Admin: fit analyses, plans and reports, readable and (for reports) read-only."""

import json

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from .models import EvaluationReport, FitAnalysis, InterviewPlan


def pretty_json(value) -> str:
    return format_html('<pre style="white-space:pre-wrap">{}</pre>', json.dumps(value, indent=2, ensure_ascii=False))


@admin.register(FitAnalysis)
class FitAnalysisAdmin(admin.ModelAdmin):
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


@admin.register(EvaluationReport)
class EvaluationReportAdmin(admin.ModelAdmin):
    list_display = ("interview", "version", "status", "overall_score", "recommendation", "created_at")
    list_filter = ("status", "recommendation")
    list_select_related = ("interview__resume", "interview__jd")
    readonly_fields = ("interview", "version", "status", "overall_score", "recommendation", "confidence", "error",
                       "created_at", "completed_at", "data_pretty")
    exclude = ("data",)

    @admin.display(description="Report")
    def data_pretty(self, report: EvaluationReport) -> str:
        return pretty_json(report.data)

    def has_add_permission(self, request) -> bool:
        return False  # reports are written by the evaluator, never by hand
