"""Evaluating a transcript held elsewhere (PROTOCOL: `POST /api/v1/transcripts`, `evaluate_transcript`).

The transcript becomes an interview that has already ended (`end_reason` `imported`), with its turns
in order, a plan for the JD (and resume) onto which its questions were fitted
(`analysis.transcripts`), and its report made by the same task as a live interview's. Nobody can
join it: its invite-token hash is a value no token hashes to.

Input is either turns (`[{"speaker": "interviewer" | "candidate", "text"}]`) or labelled text:
lines starting `Interviewer:` or `Candidate:` (any case, spaces allowed before the colon) open a
turn; other lines continue the turn before them (a line cut mid-sentence is joined to the next with
a space); blank lines and Windows or old Mac newlines are fine. Anything wrong is refused whole
with a specific `ApiError`, and nothing is written.
"""

import json
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from analysis import services as analysis_services
from analysis.models import InterviewPlan
from analysis.transcripts import transcript_plan
from documents.models import Document
from interview_site.api import ApiError
from llm.sanitize import strip_invisible

from .models import Interview, Turn
from .services import _ready_document

log = logging.getLogger(__name__)

SPEAKERS = ("interviewer", "candidate")
_LABEL = re.compile(r"^[ \t]*(interviewer|candidate)[ \t]*:[ \t]?(.*)$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;)\]\"”]$")
_LIST_ITEM = re.compile(r"^([-*•]|\d+[.)])\s")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # PostgreSQL refuses NUL; none of them is text
WORDS_PER_MINUTE = 130  # speech; an imported interview's length is estimated from its words
MIN_MINUTES, MAX_MINUTES, PLAN_MIN_MINUTES = 5, 120, 30
# Where the stored token hash comes from: not hexadecimal, so no sha256 of any token can equal it.
UNJOINABLE_PREFIX = "imported-"


@dataclass(frozen=True)
class TranscriptTurnInput:
    speaker: str
    text: str


def _clean(text: str) -> str:
    text = strip_invisible(text.replace("\r\n", "\n").replace("\r", "\n"))
    return _CONTROL.sub("", text).strip()


def transcript_parse_text(text: str) -> list[TranscriptTurnInput]:
    """Turns from labelled text. Raises ApiError `empty_transcript` or `unlabelled_text`."""
    if not isinstance(text, str):
        raise ApiError("invalid_text", "text must be a string of labelled lines.")
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    turns: list[list] = []
    for number, line in enumerate(lines, start=1):
        label = _LABEL.match(line)
        if label:
            turns.append([label.group(1).lower(), [label.group(2)]])
        elif turns:
            turns[-1][1].append(line)
        elif line.strip():
            raise ApiError("unlabelled_text", f"Line {number} comes before the first 'Interviewer:' or "
                                              "'Candidate:' label; every turn must start with one.")
    if not turns:
        raise ApiError("empty_transcript", "The text has no turns: start each turn with 'Interviewer:' or "
                                           "'Candidate:' at the beginning of a line.")
    return [TranscriptTurnInput(speaker, _joined(body)) for speaker, body in turns]


def _joined(lines: list[str]) -> str:
    """A turn's lines as its text: a line cut mid-sentence (a hard wrap) goes on with a space, so quotes
    are whole sentences; a line that ends a sentence, a list item and a blank line keep their breaks."""
    text = ""
    for line in (raw.strip() for raw in lines):
        if not line:
            text += "\n\n" if text and not text.endswith("\n") else ""
        elif not text or text.endswith("\n"):
            text += line
        else:
            text += ("\n" if _SENTENCE_END.search(text) or _LIST_ITEM.match(line) else " ") + line
    return text.strip()


def transcript_turns_from_json(items) -> list[TranscriptTurnInput]:
    """Turns from `[{"speaker", "text"}]`. Raises ApiError `invalid_turns` or `unknown_speaker`."""
    if not isinstance(items, list):
        raise ApiError("invalid_turns", 'turns must be a list of {"speaker", "text"} objects.')
    turns = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise ApiError("invalid_turns", f'Turn {number} must be an object with "speaker" and a string "text".')
        speaker = item.get("speaker")
        if not isinstance(speaker, str) or speaker.strip().lower() not in SPEAKERS:
            raise ApiError("unknown_speaker",
                           f'Turn {number} has speaker {json.dumps(speaker)[:60]}; use "interviewer" or "candidate".')
        turns.append(TranscriptTurnInput(speaker.strip().lower(), item["text"]))
    return turns


def transcript_from_file(content: str) -> list[TranscriptTurnInput]:
    """Turns from a file's text: JSON (`{"turns": [...]}` or the list itself) or labelled text."""
    stripped = content.lstrip("\ufeff").strip()
    if stripped[:1] in ("[", "{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise ApiError("invalid_json", f"The file looks like JSON but is not: {error}.") from None
        return transcript_turns_from_json(data.get("turns") if isinstance(data, dict) else data)
    return transcript_parse_text(content)


def transcript_validate(turns: list[TranscriptTurnInput]) -> list[tuple[str, str]]:
    """[(speaker, clean text)] within the limits, or ApiError: `too_many_turns`, `transcript_too_long`,
    `empty_turn`, `no_candidate_turn`, `no_interviewer_turn`."""
    if not turns:
        raise ApiError("empty_transcript", "The transcript has no turns.")
    if len(turns) > settings.TRANSCRIPT_MAX_TURNS:
        raise ApiError("too_many_turns", f"The transcript has {len(turns)} turns; at most "
                                         f"{settings.TRANSCRIPT_MAX_TURNS} are accepted.")
    cleaned = [(t.speaker, _clean(t.text)) for t in turns]
    total = sum(len(text) for _, text in cleaned)
    if total > settings.TRANSCRIPT_MAX_CHARS:
        raise ApiError("transcript_too_long", f"The transcript has {total} characters; at most "
                                              f"{settings.TRANSCRIPT_MAX_CHARS} are accepted.")
    for number, (speaker, text) in enumerate(cleaned, start=1):
        if not text:
            raise ApiError("empty_turn", f"Turn {number} ({speaker}) has no text.")
    for speaker in SPEAKERS:
        if all(s != speaker for s, _ in cleaned):
            raise ApiError(f"no_{speaker}_turn", f"The transcript has no {speaker} turn; it needs both speakers.")
    return cleaned


def transcript_turns_input(*, turns=None, text=None) -> list[tuple[str, str]]:
    """The validated turns from exactly one of `turns` (JSON list) or `text` (labelled)."""
    if turns is None and text is None:
        raise ApiError("missing_transcript", 'Give the transcript as "turns" or as "text".')
    if turns is not None and text is not None:
        raise ApiError("ambiguous_transcript", 'Give the transcript as "turns" or as "text", not both.')
    parsed = transcript_turns_from_json(turns) if turns is not None else transcript_parse_text(text)
    return transcript_validate(parsed)


def _estimated_minutes(turns: list[tuple[str, str]]) -> int:
    words = sum(len(text.split()) for _, text in turns)
    return max(MIN_MINUTES, min(MAX_MINUTES, round(words / WORDS_PER_MINUTE)))


def _stand_in_resume(*, jd: Document, candidate_name: str, user) -> Document:
    """The candidate of a transcript that came without a resume: an empty, ready resume under the JD,
    so the interview has its candidate (shown on the dashboard, erasable like any candidate)."""
    return Document.objects.create(
        organization_id=jd.organization_id,
        kind=Document.Kind.RESUME, status=Document.Status.READY, source_format="transcript", jd=jd,
        candidate_name=candidate_name, original_name="" if candidate_name else "Imported transcript",
        uploaded_by=user if user is not None and user.is_authenticated else None, parsed_at=timezone.now(),
    )


def interview_import(*, jd_id, resume_id=None, turns=None, text=None, candidate_name: str = "", user=None,
                     queue_report: bool = True) -> Interview:
    """Store a transcript held elsewhere as an ended interview (`end_reason` `imported`) and ask for its report.

    Give exactly one of `turns` ([{"speaker", "text"}]) or `text` (labelled lines). Without a resume, an
    empty stand-in resume under the JD is the candidate (named `candidate_name` if given). The plan is
    built as for a live interview and the questions fitted onto it. Everything is written in one
    transaction; the report is queued after commit (`queue_report=False`: not at all, for a caller that
    runs the task itself). Raises ApiError: jd_not_found / resume_not_found (404),
    document_not_ready (409), and the transcript's own codes (see `transcript_turns_input`).
    """
    cleaned = transcript_turns_input(turns=turns, text=text)
    if jd_id is None:
        raise ApiError("missing_jd_id", "jd_id is required: the job the interview was for.")
    jd = _ready_document(jd_id, Document.Kind.JD, "jd_not_found", user=user)
    resume = (_ready_document(resume_id, Document.Kind.RESUME, "resume_not_found", user=user,
                              organization_id=jd.organization_id) if resume_id is not None else None)
    name = " ".join(strip_invisible(candidate_name or "").split())[:200]
    minutes = _estimated_minutes(cleaned)
    # Model calls (fit review, plan draft) before the transaction: no lock is held while a model thinks.
    fitted, fit = transcript_plan(jd=jd, resume=resume, duration_minutes=max(PLAN_MIN_MINUTES, minutes),
                                  turns=cleaned)
    now = timezone.now()
    with transaction.atomic():
        candidate = resume or _stand_in_resume(jd=jd, candidate_name=name, user=user)
        plan = InterviewPlan.objects.create(
            organization_id=jd.organization_id, jd=jd, resume=candidate, fit=fit,
            duration_minutes=max(PLAN_MIN_MINUTES, minutes),
            topics=fitted.topics, competencies=fitted.competencies, coding_task=None,
        )
        interview = Interview.objects.create(
            organization_id=jd.organization_id, jd=jd, resume=candidate, plan=plan,
            created_by=user if user is not None and user.is_authenticated else None,
            status=Interview.Status.ENDED, phase=Interview.Phase.ENDED, end_reason=Interview.EndReason.IMPORTED,
            duration_minutes=minutes, token_hash=UNJOINABLE_PREFIX + secrets.token_hex(27), token_expires_at=now,
            started_at=now, ended_at=now, last_activity_at=now,
        )
        # No completed_at: the times of an imported transcript are unknown, so nothing is timed
        # (integrity's fast answers and long silences need real times).
        Turn.objects.bulk_create([
            Turn(interview=interview, seq=seq, role=t.speaker, kind=t.kind, text=t.text, topic_id=t.topic_id,
                 meta=t.meta)
            for seq, t in enumerate(fitted.turns, start=1)
        ])
        if queue_report:
            analysis_services.report_request(interview_id=interview.pk)  # the task is queued on commit
    log.info("interview %s imported for jd %s: %s turns", interview.pk, jd.pk, len(cleaned))
    return interview
