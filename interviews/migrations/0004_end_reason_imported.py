from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0003_start_consent"),
    ]

    operations = [
        migrations.AlterField(
            model_name="interview",
            name="end_reason",
            field=models.CharField(
                blank=True,
                choices=[
                    ("completed", "Completed"),
                    ("candidate_ended", "Candidate Ended"),
                    ("timeout", "Timeout"),
                    ("abandoned", "Abandoned"),
                    ("imported", "Imported"),
                ],
                max_length=16,
            ),
        ),
    ]
