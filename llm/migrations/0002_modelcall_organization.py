"""Every model-call record carries the organisation of the interview or document it served; existing
rows take it from their interview or document (none when they served neither)."""

import django.db.models.deletion
from django.db import migrations, models


def from_owner(apps, schema_editor):
    ModelCall = apps.get_model("llm", "ModelCall")
    Interview = apps.get_model("interviews", "Interview")
    Document = apps.get_model("documents", "Document")
    interview_orgs = models.Subquery(Interview.objects.filter(pk=models.OuterRef("interview_id")).values("organization_id")[:1])
    document_orgs = models.Subquery(Document.objects.filter(pk=models.OuterRef("document_id")).values("organization_id")[:1])
    ModelCall.objects.filter(interview__isnull=False).update(organization_id=interview_orgs)
    ModelCall.objects.filter(interview__isnull=True, document__isnull=False).update(organization_id=document_orgs)


class Migration(migrations.Migration):
    dependencies = [
        ("llm", "0001_initial"),
        ("organizations", "0002_default_organization"),
        ("interviews", "0005_interview_organization"),
        ("documents", "0002_document_organization"),
    ]

    operations = [
        migrations.AddField(
            model_name="modelcall", name="organization",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="+", to="organizations.organization"),
        ),
        migrations.RunPython(from_owner, migrations.RunPython.noop),
    ]
