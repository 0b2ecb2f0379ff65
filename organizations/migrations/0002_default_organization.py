"""The default organisation: every row that existed before organisations moves into it (each app's
next migration), and `make run`'s demo user becomes its admin (seed_demo)."""

from django.db import migrations


def create_default(apps, schema_editor):
    Organization = apps.get_model("organizations", "Organization")
    Organization.objects.get_or_create(slug="default", defaults={"name": "Default organisation"})


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]

    operations = [migrations.RunPython(create_default, migrations.RunPython.noop)]
