"""Existing data moves into the default organisation when the organisation migrations run."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("documents", "0001_initial"), ("interviews", "0004_end_reason_imported"),
          ("analysis", "0006_report_recommendation_insufficient_evidence"), ("llm", "0001_initial"),
          ("organizations", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_rows_made_before_organisations_belong_to_the_default_one():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Document = old.get_model("documents", "Document")
    jd = Document.objects.create(kind="jd", status="ready", text="Backend engineer")
    resume = Document.objects.create(kind="resume", status="ready", text="Ada", jd=jd)
    plan = old.get_model("analysis", "InterviewPlan").objects.create(jd=jd, resume=resume, duration_minutes=30,
                                                                     topics=[], competencies=[])
    interview = old.get_model("interviews", "Interview").objects.create(
        jd=jd, resume=resume, plan=plan, duration_minutes=30, token_hash="h" * 64, token_expires_at="2030-01-01T00:00Z")
    report = old.get_model("analysis", "EvaluationReport").objects.create(interview=interview, version=1)
    decision = old.get_model("analysis", "Decision").objects.create(interview=interview, decision="hold")
    call = old.get_model("llm", "ModelCall").objects.create(role="main", provider="offline", model="offline",
                                                            prompt_name="p", prompt_version=1, interview=interview)
    loose_call = old.get_model("llm", "ModelCall").objects.create(role="main", provider="offline", model="offline",
                                                                  prompt_name="p", prompt_version=1)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    from analysis.models import Decision, EvaluationReport, InterviewPlan
    from documents.models import Document as NewDocument
    from interviews.models import Interview
    from llm.models import ModelCall
    from organizations.models import Organization

    default = Organization.objects.get(slug="default")
    for model, pk in [(NewDocument, jd.pk), (NewDocument, resume.pk), (InterviewPlan, plan.pk),
                      (Interview, interview.pk), (EvaluationReport, report.pk), (Decision, decision.pk),
                      (ModelCall, call.pk)]:
        assert model.objects.get(pk=pk).organization_id == default.pk, model
    assert ModelCall.objects.get(pk=loose_call.pk).organization_id is None  # it served no interview or document
