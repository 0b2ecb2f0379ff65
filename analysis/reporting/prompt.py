"""The REPORT prompt: template `llm/prompts/report.v2.txt`, schema `ReportOutput`, offline `offline_report`."""

from llm.prompts import Prompt

from .offline import offline_report
from .schema import ReportOutput

REPORT = Prompt(name="report", version=2, role="main", schema=ReportOutput, offline=offline_report, max_tokens=4096)
