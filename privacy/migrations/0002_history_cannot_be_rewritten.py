"""On PostgreSQL, the database itself refuses to change or delete a decision or a score override, to
delete a report version, or to change a ready one, whoever asks: only a transaction that erases a
candidate (privacy.history.erasing() sets `interviewer.erasing` for that transaction) may. TRUNCATE, an
operator's deliberate act (and the test runner's flush), is not blocked."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION interviewer_history_kept() RETURNS trigger AS $$
BEGIN
    IF current_setting('interviewer.erasing', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'analysis_evaluationreport' THEN
        IF OLD.status <> 'ready' THEN
            RETURN NEW;  -- the evaluator finishes a pending version
        END IF;
    END IF;
    RAISE EXCEPTION '%% is history: %% refused (only erasure of the candidate removes it)', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER decision_history_kept BEFORE UPDATE OR DELETE ON analysis_decision
    FOR EACH ROW EXECUTE FUNCTION interviewer_history_kept();
CREATE TRIGGER scoreoverride_history_kept BEFORE UPDATE OR DELETE ON analysis_scoreoverride
    FOR EACH ROW EXECUTE FUNCTION interviewer_history_kept();
CREATE TRIGGER evaluationreport_history_kept BEFORE UPDATE OR DELETE ON analysis_evaluationreport
    FOR EACH ROW EXECUTE FUNCTION interviewer_history_kept();
"""
DROP = """
DROP TRIGGER IF EXISTS decision_history_kept ON analysis_decision;
DROP TRIGGER IF EXISTS scoreoverride_history_kept ON analysis_scoreoverride;
DROP TRIGGER IF EXISTS evaluationreport_history_kept ON analysis_evaluationreport;
DROP FUNCTION IF EXISTS interviewer_history_kept();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_erasure_summary"), ("analysis", "0007_organization")]

    operations = [migrations.RunPython(forwards, backwards)]
