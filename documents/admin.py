"""Admin for job descriptions and resumes (Document itself is shown only through these proxies)."""

import json

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from .models import Document, JobDescription, Resume
from .rendering import text_with_hidden_marks


class FlagFilter(admin.SimpleListFilter):
    title = "flag"
    parameter_name = "flag"

    def lookups(self, request: HttpRequest, model_admin):
        return [("any", "any flag"), ("hidden_text", "hidden text"), ("prompt_injection", "prompt injection"),
                ("invisible_characters", "invisible characters"), ("none", "no flags")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value == "none":
            return queryset.filter(flags=[])
        if value == "any":
            return queryset.exclude(flags=[])
        if value:
            # JSON containment is not available on every database; the flag name is distinctive enough.
            return queryset.filter(flags__icontains=value)
        return queryset


class DocumentAdminBase(admin.ModelAdmin):
    list_filter = ["status", FlagFilter, "language", "source_format", "created_at"]
    date_hierarchy = "created_at"
    list_per_page = 50
    readonly_fields = [
        "status", "error_code", "error_message", "source_format", "original_name", "size_bytes", "sha256",
        "pages", "language", "flags", "flag_details_display", "parsed_display", "text_display", "page_link",
        "uploaded_by", "created_at", "updated_at", "parsed_at",
    ]

    @admin.display(description="flags")
    def flag_list(self, obj: Document) -> str:
        return ", ".join(obj.flags) or "—"

    @admin.display(description="parsed fields")
    def parsed_display(self, obj: Document) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.parsed, indent=2, ensure_ascii=False))

    @admin.display(description="flag details")
    def flag_details_display(self, obj: Document) -> str:
        return format_html("<pre>{}</pre>", json.dumps(obj.flag_details, indent=2, ensure_ascii=False))

    @admin.display(description="text (hidden text highlighted)")
    def text_display(self, obj: Document) -> str:
        return format_html(
            '<pre style="white-space:pre-wrap;max-height:30rem;overflow:auto">{}</pre>',
            text_with_hidden_marks(obj.text, obj.flag_details or []),
        )

    @admin.display(description="page")
    def page_link(self, obj: Document) -> str:
        if not obj.pk:
            return "—"
        return format_html('<a href="{}">recruiter page</a>', reverse("documents-detail", args=[obj.pk]))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # uploads go through the upload page or the API, which validate the file


@admin.register(JobDescription)
class JobDescriptionAdmin(DocumentAdminBase):
    list_display = ["__str__", "status", "flag_list", "language", "created_at"]
    search_fields = ["title", "original_name", "text"]
    fields = ["title", *DocumentAdminBase.readonly_fields]


@admin.action(description="Erase the selected candidates: every trace, cannot be undone")
def erase_candidates(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
    from privacy.services import CandidateNotFound, erase_candidate

    erased = 0
    for resume_id in list(queryset.values_list("pk", flat=True)):
        try:
            erase_candidate(resume_id, request=request)
        except CandidateNotFound:
            continue
        erased += 1
    modeladmin.message_user(request, f"Erased {erased} candidate(s) and everything held about them.")


@admin.register(Resume)
class ResumeAdmin(DocumentAdminBase):
    actions = [erase_candidates]

    # Deleting a resume here is erasing its candidate: model-call records, results and the file go too.
    def delete_model(self, request: HttpRequest, obj: Document) -> None:
        erase_candidates(self, request, Resume.objects.filter(pk=obj.pk))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        erase_candidates(self, request, queryset)

    list_display = ["__str__", "candidate_email", "jd", "status", "flag_list", "language", "created_at"]
    list_select_related = ["jd"]
    search_fields = ["candidate_name", "candidate_email", "original_name", "title", "text"]
    fields = ["candidate_name", "candidate_email", "jd", *DocumentAdminBase.readonly_fields]
