from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = "Data protection"

    def ready(self) -> None:
        from interview_site import redaction

        from . import signals  # noqa: F401 - file rows delete their files

        redaction.install()
