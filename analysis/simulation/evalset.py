"""The job descriptions interviews are simulated for, and the resume each is paired with.

By default: every JD among the project's sample documents (`documents/samples/`), any evaluation
set the documents app ships (`documents/evalset/`, `bench/data/jds/`), and the JDs written for
this simulation (`analysis/simulation/jds/`, several fields). A JD's resume is its sibling
`<stem>.resume.<ext>`, else the first `resume_*` file beside it, else one made from the JD's
skills (half of them matched, so the plan has claims to verify and gaps to probe).
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.utils import timezone

from documents.filetypes import detect_format
from documents.models import Document
from documents.pipeline import read_document

BASE = Path(settings.BASE_DIR)
# The demo sample, the extraction evaluation set's JDs (candidates synthesised from each JD) and
# the simulation's own JDs with resumes.
SEARCHED = [BASE / "documents" / "samples", BASE / "documents" / "evalset" / "jds", BASE / "bench" / "data" / "jds",
            Path(__file__).resolve().parent / "jds"]
DOCUMENT_SUFFIXES = {".txt", ".md", ".pdf", ".docx"}


@dataclass
class EvalCase:
    name: str
    jd_path: Path | None = None
    jd_id: int | None = None
    resume_path: Path | None = None


def _is_resume(path: Path) -> bool:
    return path.name.startswith("resume") or ".resume." in path.name


def _resume_for(jd_path: Path) -> Path | None:
    stem = jd_path.name.split(".")[0]
    siblings = sorted(p for p in jd_path.parent.iterdir() if p.suffix in DOCUMENT_SUFFIXES)
    own = [p for p in siblings if p.name.startswith(f"{stem}.resume.")]
    shared = [p for p in siblings if p.name.startswith("resume")]
    return (own or shared or [None])[0]


def default_cases() -> list[EvalCase]:
    cases = []
    for folder in SEARCHED:
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix in DOCUMENT_SUFFIXES and not _is_resume(path):
                cases.append(EvalCase(path.stem, jd_path=path, resume_path=_resume_for(path)))
    return cases


def case_for(value: str) -> EvalCase:
    """`--jd` as a stored JD's id or a file path."""
    if value.isdigit():
        return EvalCase(f"jd-{value}", jd_id=int(value))
    path = Path(value).expanduser().resolve()
    if not path.is_file():
        raise FileNotFoundError(f"No such JD file: {value}")
    return EvalCase(path.stem, jd_path=path, resume_path=_resume_for(path))


def document_from_file(path: Path, kind: str, **fields) -> Document:
    """Read a file through the documents pipeline (parse, screen, extract) and store it ready."""
    with path.open("rb") as handle:
        source_format = detect_format(File(handle, name=path.name), name=path.name, size=path.stat().st_size,
                                      max_bytes=settings.DOCUMENT_MAX_BYTES)
    document = Document.objects.create(kind=kind, original_name=path.name, source_format=source_format,
                                       size_bytes=path.stat().st_size, **fields)
    # Read with the document's id, so the extraction's model call is recorded against it.
    reading = read_document(path=str(path), source_format=source_format, kind=kind, document_id=document.pk)
    document.status, document.text, document.parsed = Document.Status.READY, reading.text, reading.parsed
    document.title = str(reading.parsed.get("title") or path.stem)[:200]
    document.flags, document.flag_details = reading.flags, reading.flag_details
    document.language, document.pages, document.parsed_at = reading.language, reading.pages, timezone.now()
    document.save()
    return document


def synthetic_resume(jd: Document) -> Document:
    """A resume with every other required skill of the JD and its first nice-to-have."""
    parsed_jd = jd.parsed or {}
    required = list(parsed_jd.get("required_skills") or [])
    skills = required[::2] + list(parsed_jd.get("nice_to_have_skills") or [])[:1]
    years = parsed_jd.get("min_years") or 3
    parsed = {"name": "Sam Taylor", "email": "sam.taylor@example.com", "skills": skills, "total_years": years,
              "roles": [], "education": [], "links": [], "language": "en"}
    return Document.objects.create(kind=Document.Kind.RESUME, status=Document.Status.READY, jd=jd,
                                   candidate_name="Sam Taylor", text=f"Sam Taylor. Skills: {', '.join(skills)}.",
                                   parsed=parsed, parsed_at=timezone.now())


def documents_for(case: EvalCase) -> tuple[Document, Document, list[Document]]:
    """(jd, resume, the documents created for the run, to remove afterwards) of a case."""
    created = []
    if case.jd_id is not None:
        jd = Document.objects.get(pk=case.jd_id, kind=Document.Kind.JD, status=Document.Status.READY)
    else:
        jd = document_from_file(case.jd_path, Document.Kind.JD)
        created.append(jd)
    if case.resume_path is not None:
        resume = document_from_file(case.resume_path, Document.Kind.RESUME, jd=jd)
        created.append(resume)
        return jd, resume, created
    resume = jd.resumes.filter(status=Document.Status.READY).order_by("pk").first() if case.jd_id else None
    if resume is None:
        resume = synthetic_resume(jd)
        created.append(resume)
    return jd, resume, created
