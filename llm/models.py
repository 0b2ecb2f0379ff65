"""A record of every model call: who asked, which model, tokens, latency, cost and outcome."""

from django.db import models


class ModelCall(models.Model):
    class Outcome(models.TextChoices):
        OK = "ok"
        RETRIED = "retried"
        FELL_BACK = "fell_back"
        CANCELLED = "cancelled"
        FAILED = "failed"

    role = models.CharField(max_length=10)
    provider = models.CharField(max_length=20)
    model = models.CharField(max_length=100)
    prompt_name = models.CharField(max_length=60)
    prompt_version = models.PositiveIntegerField()
    interview = models.ForeignKey("interviews.Interview", null=True, blank=True, on_delete=models.SET_NULL)
    # The organisation of the interview or document the call served (none for a call that served neither).
    organization = models.ForeignKey("organizations.Organization", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.SET_NULL)
    input_tokens = models.PositiveIntegerField(default=0)
    output_tokens = models.PositiveIntegerField(default=0)
    cache_write_tokens = models.PositiveIntegerField(default=0)
    cache_read_tokens = models.PositiveIntegerField(default=0)
    ttft_ms = models.FloatField(null=True, blank=True, help_text="Time to first token")
    total_ms = models.FloatField(default=0)
    cost_usd = models.DecimalField(max_digits=12, decimal_places=6, default=0)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.OK, db_index=True)
    error = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.prompt_name} v{self.prompt_version} · {self.provider}:{self.model} · {self.outcome}"
