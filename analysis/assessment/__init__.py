"""Judgement beyond the report itself: per-answer assessment, substance, protected attributes,
integrity timeline, communication. Modules are imported directly (no re-exports here), so the
report's judge can use them without import cycles."""
