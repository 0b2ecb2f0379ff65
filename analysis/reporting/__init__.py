"""Evaluation reports: transcript and rubric in, validated evidence-based report out."""

from .finalize import finalize_report, integrity_items, report_with_anchors
from .offline import assess, offline_report
from .prompt import REPORT
from .schema import ReportOutput
from .transcript import Anonymizer, TranscriptTurn, report_context, transcript_turns

__all__ = [
    "REPORT",
    "Anonymizer",
    "ReportOutput",
    "TranscriptTurn",
    "assess",
    "finalize_report",
    "integrity_items",
    "offline_report",
    "report_context",
    "report_with_anchors",
    "transcript_turns",
]
