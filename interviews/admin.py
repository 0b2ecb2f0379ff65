"""Admin: a read-only record of interviews, their turns and integrity signals.

Interviews are created and changed only through services (the conductor, interview_start), and the
transcript is the log a human reviews (EU AI Act Art. 12, 14), so the admin shows and never edits.
The invite token's hash is never displayed.
"""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from .models import IntegritySignal, Interview, Turn


class ReadOnlyAdminMixin:
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class NoDeleteMixin:
    # Turns and signals are the audit log; they go only when their interview is deleted.
    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class TurnInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Turn
    fields = ("seq", "role", "kind", "text", "status", "created_at")
    readonly_fields = fields
    ordering = ("seq",)
    extra = 0
    can_delete = False
    show_change_link = False


class IntegritySignalInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = IntegritySignal
    fields = ("at", "name", "detail")
    readonly_fields = fields
    ordering = ("at",)
    extra = 0
    can_delete = False


@admin.register(Interview)
class InterviewAdmin(ReadOnlyAdminMixin, NoDeleteMixin, admin.ModelAdmin):
    list_display = (
        "id", "candidate", "job", "status", "phase", "end_reason", "duration_minutes", "started_at", "ended_at",
    )
    list_filter = ("status", "phase", "end_reason")
    search_fields = ("resume__candidate_name", "resume__candidate_email", "resume__title", "jd__title")
    list_select_related = ("jd", "resume")
    date_hierarchy = "created_at"
    # Listed explicitly so token_hash (and the conductor's private state) never reach the page.
    fieldsets = (
        (None, {"fields": ("jd", "resume", "plan", "created_by")}),
        ("Progress", {"fields": ("status", "phase", "end_reason", "duration_minutes", "consented_at",
                                 "started_at", "ended_at", "last_activity_at")}),
        ("Integrity", {"fields": ("integrity_timeline",)}),
        ("Invite", {"fields": ("token_expires_at", "created_at")}),
    )
    readonly_fields = ("created_at", "integrity_timeline")
    inlines = (TurnInline, IntegritySignalInline)

    @admin.display(description="integrity timeline (as on the interview page and in the report)")
    def integrity_timeline(self, interview: Interview) -> str:
        from analysis.selectors import interview_integrity

        items = interview_integrity(interview=interview)
        if not items:
            return "None reported."
        rows = ((item["at"].strftime("%H:%M:%S"), item["name"], item["detail"]) for item in items)
        return format_html_join(mark_safe("<br>"), "{} <strong>{}</strong> {}", rows)

    @admin.display(description="candidate", ordering="resume__candidate_name")
    def candidate(self, interview: Interview) -> str:
        return interview.resume.display_name

    @admin.display(description="job", ordering="jd__title")
    def job(self, interview: Interview) -> str:
        return interview.jd.display_name


@admin.register(Turn)
class TurnAdmin(ReadOnlyAdminMixin, NoDeleteMixin, admin.ModelAdmin):
    list_display = ("interview", "seq", "role", "kind", "status", "short_text", "created_at")
    list_filter = ("role", "kind", "status")
    list_select_related = ("interview__jd", "interview__resume")
    search_fields = ("text",)
    fields = ("interview", "seq", "role", "kind", "text", "topic_id", "client_id", "status", "created_at",
              "completed_at")

    @admin.display(description="text")
    def short_text(self, turn: Turn) -> str:
        return turn.text[:80]


@admin.register(IntegritySignal)
class IntegritySignalAdmin(ReadOnlyAdminMixin, NoDeleteMixin, admin.ModelAdmin):
    list_display = ("interview", "name", "detail", "at")
    list_filter = ("name",)
    list_select_related = ("interview__jd", "interview__resume")
    fields = ("interview", "name", "detail", "at")
