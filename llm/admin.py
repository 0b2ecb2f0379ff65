"""Model calls in the admin: a read-only ledger, with a cost and latency summary page."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path

from .models import ModelCall
from .selectors import model_cost_by_day, model_cost_by_interview


@admin.register(ModelCall)
class ModelCallAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "role",
        "provider",
        "model",
        "prompt",
        "interview_id",
        "tokens",
        "ttft_ms_rounded",
        "total_ms_rounded",
        "cost_usd",
        "outcome",
    ]
    list_filter = ["role", "provider", "outcome", "prompt_name"]
    date_hierarchy = "created_at"
    search_fields = ["model", "prompt_name", "error"]
    list_per_page = 100
    change_list_template = "admin/llm/modelcall/change_list.html"

    # Records are accounting: written by the gateway only, never edited by hand.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description="prompt", ordering="prompt_name")
    def prompt(self, obj: ModelCall) -> str:
        return f"{obj.prompt_name} v{obj.prompt_version}"

    @admin.display(description="tokens in / out / cache read / cache write")
    def tokens(self, obj: ModelCall) -> str:
        return f"{obj.input_tokens} / {obj.output_tokens} / {obj.cache_read_tokens} / {obj.cache_write_tokens}"

    @admin.display(description="ttft ms", ordering="ttft_ms")
    def ttft_ms_rounded(self, obj: ModelCall) -> str:
        return "–" if obj.ttft_ms is None else f"{obj.ttft_ms:.0f}"

    @admin.display(description="total ms", ordering="total_ms")
    def total_ms_rounded(self, obj: ModelCall) -> str:
        return f"{obj.total_ms:.0f}"

    def get_urls(self):
        summary = path("summary/", self.admin_site.admin_view(self.summary_view), name="llm_modelcall_summary")
        return [summary, *super().get_urls()]

    def summary_view(self, request):
        """Cost and median latency per interview and per day."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = max(1, min(int(request.GET.get("days", 30)), 366))
        except ValueError:
            days = 30
        context = {
            **self.admin_site.each_context(request),
            "title": "Model calls: cost and latency",
            "opts": self.model._meta,
            "days": days,
            "by_day": model_cost_by_day(days=days),
            "by_interview": model_cost_by_interview(),
        }
        return TemplateResponse(request, "admin/llm/modelcall/summary.html", context)
