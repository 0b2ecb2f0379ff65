from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("interviews", "0002_realtime_engine"),
    ]

    operations = [
        migrations.AddField(
            model_name="interview",
            name="consented_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
