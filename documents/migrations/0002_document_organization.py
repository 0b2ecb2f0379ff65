"""Every document (JD or resume) and its file belongs to an organisation; existing rows move into the default one."""

import django.db.models.deletion
from django.db import migrations, models

import organizations.models


def into_default(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    default, _ = Organization.objects.get_or_create(slug="default", defaults={"name": "Default organisation"})
    for name in ("document",):
        apps.get_model("documents", name).objects.filter(organization__isnull=True).update(organization=default)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("organizations", "0002_default_organization")]

    operations = [
        migrations.AddField(
            model_name='document', name="organization",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="organizations.organization"),
        ),
        migrations.RunPython(into_default, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='document', name="organization",
            field=models.ForeignKey(default=organizations.models.default_organization_id,
                                    on_delete=django.db.models.deletion.PROTECT, related_name="+",
                                    to="organizations.organization"),
        ),
    ]
