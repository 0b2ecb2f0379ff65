"""From a stored file to what the API shows: parse (in a child process), screen, extract.

Shared by the worker's `document_parse` service and the `parse_document` command, which must
print exactly what the API would return for the same file.
"""

import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from interview_site.redaction import safe_error
from llm.gateway import Subject, structured_sync

from .errors import DocumentError
from .parsing.result import ParseResult
from .parsing.runner import parse_in_child
from .parsing.text import parse_text
from .prompts import JD_EXTRACTION, RESUME_EXTRACTION, document_context
from .screening import screen
from .skills import normalize_skill, skills_in_text, split_spoken_languages

log = logging.getLogger(__name__)


@dataclass
class DocumentReading:
    """Everything a parse produces, ready to be written onto a Document."""

    text: str
    parsed: dict[str, Any]
    flags: list[str] = field(default_factory=list)
    flag_details: list[dict[str, Any]] = field(default_factory=list)
    language: str = ""
    pages: int | None = None


def parse_file(path: str, source_format: str) -> ParseResult:
    """Text of a stored file; PDF and DOCX are parsed in a limited child process."""
    if source_format in ("txt", "md", "text"):
        with open(path, "rb") as handle:  # plain text needs no sandbox: it is never inflated
            return parse_text(handle.read(), markdown=source_format == "md")
    return parse_in_child(
        path,
        source_format,
        timeout_s=float(settings.DOCUMENT_PARSE_TIMEOUT_S),
        memory_mb=int(settings.DOCUMENT_PARSE_MEMORY_MB),
        max_pages=int(settings.DOCUMENT_MAX_PAGES),
    )


def read_document(*, path: str, source_format: str, kind: str, document_id: int | None = None) -> DocumentReading:
    """Parse, screen and extract one document; raise DocumentError with a contract code on failure."""
    result = parse_file(path, source_format)
    if len(result.text) > settings.DOCUMENT_MAX_CHARS:
        raise DocumentError(
            "too_many_characters",
            f"The document has {len(result.text):,} characters of text; the limit is {settings.DOCUMENT_MAX_CHARS:,}.",
        )
    if not result.text.strip() and not result.hidden:
        raise DocumentError("empty_file", "The document contains no text.")
    screening = screen(result.text, result.hidden)
    parsed = extract_fields(kind=kind, text=screening.text, document_id=document_id)
    return DocumentReading(
        text=screening.text,
        parsed=parsed,
        flags=screening.flags,
        flag_details=screening.details,
        language=parsed.get("language") or "",
        pages=result.pages,
    )


def extract_fields(*, kind: str, text: str, document_id: int | None) -> dict[str, Any]:
    """Structured fields through the model gateway (recorded); the rule-based answer if the model fails."""
    prompt = RESUME_EXTRACTION if kind == "resume" else JD_EXTRACTION
    context = document_context(kind=kind, text=text)
    spec = settings.LLM_MAIN if prompt.role == "main" else settings.LLM_MINI
    note: dict[str, Any] = {"prompt": f"{prompt.name}.v{prompt.version}", "model": spec.split("?")[0]}
    try:
        fields = structured_sync(prompt, context, subject=Subject(document_id=document_id))
        note["source"] = "offline" if spec.startswith("offline") else "model"
    except Exception as exc:  # a model that fails or answers off-schema never fails the document
        log.warning("extraction by %s failed for document %s: %s", spec, document_id, exc)
        fields = prompt.schema.model_validate(prompt.offline(context))  # type: ignore[union-attr, misc]
        note.update(source="offline", problem=f"{spec}: {safe_error(exc)}"[:300])
    parsed = fields.model_dump(mode="json")
    _canonical_skills(parsed)
    if note["source"] == "model":
        _skills_in_text(parsed, text, note)
    parsed["_extraction"] = note
    return parsed


SKILL_KEYS = ("skills", "required_skills", "nice_to_have_skills")


def _skills_in_text(parsed: dict[str, Any], text: str, note: dict[str, Any]) -> None:
    """A model's skills must be in the document: one it read into hidden instructions, inferred or made up
    is dropped, and the count (with the names) is kept with the extraction's record."""
    dropped: list[str] = []
    for key in SKILL_KEYS:
        if key in parsed:
            parsed[key], missing = skills_in_text(parsed[key], text)
            dropped += missing
    if dropped:
        note["skills_dropped"] = len(dropped)
        note["skills_dropped_names"] = dropped[:20]


def _canonical_skills(parsed: dict[str, Any]) -> None:
    """A model may write "Postgres"; everyone downstream compares canonical names, and spoken
    languages are kept apart from skills."""
    languages_of = {"skills": "languages", "required_skills": "languages",
                    "nice_to_have_skills": "nice_to_have_languages"}
    for key, languages_key in languages_of.items():
        if key in parsed:
            # A model may still list "English" as a skill: it moves to the languages, never stays a skill.
            names = list(dict.fromkeys(normalize_skill(s) or s for s in parsed[key]))
            skills, languages = split_spoken_languages(names)
            parsed[key] = skills
            parsed[languages_key] = list(dict.fromkeys([*(parsed.get(languages_key) or []), *languages]))
    if "nice_to_have_languages" in parsed:
        asked = set(parsed.get("languages") or [])
        parsed["nice_to_have_languages"] = [name for name in parsed["nice_to_have_languages"] if name not in asked]
    if "roles" in parsed:
        from .extraction.dates import total_years

        spans = [(r.get("start"), r.get("end")) for r in parsed["roles"] if r.get("start")]
        if spans:  # overlap-aware arithmetic, whoever extracted the roles
            parsed["total_years"] = total_years(spans)
