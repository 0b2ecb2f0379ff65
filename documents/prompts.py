"""The extraction prompts. Offline, each is answered by the rule-based extractor from the very text
a model would read, so the offline engine and a real model see the same input."""

import html
import re
from typing import Any

from llm.prompts import Prompt, data_block

from .extraction import extract_jd, extract_resume
from .schemas import JobDescriptionFields, ResumeFields

_BLOCK = re.compile(r'<data name="[^"]*">\n(.*)\n</data>', re.DOTALL)


def document_context(*, kind: str, text: str) -> dict[str, Any]:
    """The prompt context for a document: its text inside a data block, never as instructions."""
    return {"document": data_block("resume" if kind == "resume" else "job_description", text)}


def _document_text(context: dict[str, Any]) -> str:
    match = _BLOCK.search(context.get("document", ""))
    return html.unescape(match.group(1)) if match else ""


def _clamp(value: Any, text_limit: int = 280) -> Any:
    """Keep rule-based output inside the schema's limits, whatever odd text it was read from."""
    if isinstance(value, str):
        return value[:text_limit]
    if isinstance(value, list):
        return [_clamp(item, text_limit) for item in value[:50]]
    if isinstance(value, dict):
        return {key: _clamp(item, 580 if key == "responsibilities" else 78 if "skills" in key else text_limit)
                for key, item in value.items()}
    return value


def _offline_resume(context: dict[str, Any]) -> dict[str, Any]:
    return _clamp(extract_resume(_document_text(context)))


def _offline_jd(context: dict[str, Any]) -> dict[str, Any]:
    return _clamp(extract_jd(_document_text(context)))


RESUME_EXTRACTION = Prompt(
    name="resume_extraction", version=1, role="main", schema=ResumeFields, offline=_offline_resume, max_tokens=4096
)
JD_EXTRACTION = Prompt(
    name="jd_extraction", version=1, role="main", schema=JobDescriptionFields, offline=_offline_jd, max_tokens=3072
)
