"""Write the evaluation set: `.venv/bin/python -m documents.evalset.generate`.

Resumes go to documents/evalset/resumes/, job descriptions to documents/evalset/jds/, each file
beside a JSON file of what a human would extract from it. Output is deterministic (seeded random
choices, reportlab's invariant mode, fixed DOCX dates), so the committed files change only when
this generator or its pools do. The extractor is never run here.
"""

import json
import sys
from pathlib import Path

from .compose import compose
from .holdout2 import JOBS as HOLDOUT2_JOBS
from .holdout_jobs import JOBS as HOLDOUT_JOBS
from .jobs import JOBS
from .locales import DateStyle as D
from .persona import Spec, expected, make_persona
from .render_docx import LAYOUTS as DOCX
from .render_jd import LAYOUTS as JD_LAYOUTS
from .render_pdf import LAYOUTS as PDF
from .render_text import LAYOUTS as TEXT

HERE = Path(__file__).resolve().parent
RESUMES, JDS = HERE / "resumes", HERE / "jds"
SPARSE = {"roles": 1, "bullets": 0, "skill_count": (4, 6), "links": False}
SPECS = [
    Spec("r01", "software", "en", "pdf_two_column", D("mon_yyyy"), "two_line", roles=4, promotion=True),
    Spec("r02", "software", "en", "pdf_latex", D("month_yyyy", " – "), "company_first", roles=3),
    Spec("r03", "software", "en", "docx_table", D("mm/yyyy"), "comma", roles=4, overlap=True, noise=True),
    Spec("r04", "software", "de", "pdf_sidebar_dark", D("mm/yyyy", since=True), "at", roles=3),
    Spec("r05", "software", "es", "docx_textbox", D("mon_yyyy"), "at", roles=3),
    Spec("r06", "software", "fr", "txt_plain", D("month_yyyy"), "company_dash", roles=3),
    Spec("r07", "software", "pt", "md", D("mon/yyyy"), "pipe", roles=3, noise=True),
    Spec("r08", "data", "en", "pdf_long", D("yyyy-mm", " to "), "two_line", roles=7, bullets=6),
    Spec("r09", "data", "en", "md", D("m/yyyy"), "comma", roles=3, promotion=True),
    Spec("r10", "data", "de", "docx_plain", D("mm.yyyy", " - "), "company_dash", roles=3),
    Spec("r11", "data", "fr", "pdf_two_column", D("month_yyyy"), "two_line", roles=3, noise=True),
    Spec("r12", "data", "es", "pdf_table", D("mon_yyyy"), "comma", roles=4),
    Spec("r13", "nursing", "en", "docx_layout", D("month_yyyy"), "comma", roles=4, promotion=True),
    Spec("r14", "nursing", "en", "pdf_classic", D("mm/yyyy"), "comma", **SPARSE),
    Spec("r15", "nursing", "es", "txt_plain", D("mm/yyyy", " - "), "dates_line", roles=3),
    Spec("r16", "nursing", "fr", "docx_header", D("month_yyyy", since=True), "at", roles=3),
    Spec("r17", "nursing", "pt", "pdf_classic", D("mon/yyyy"), "two_line", roles=3),
    Spec("r18", "sales", "en", "pdf_classic", D("mon_yyyy"), "at", roles=4, overlap=True, noise=True),
    Spec("r19", "sales", "en", "txt_compact", D("year"), "parens", roles=4, noise=True),
    Spec("r20", "sales", "de", "docx_textbox", D("month_yyyy", " bis "), "two_line", roles=3, noise=True),
    Spec("r21", "sales", "es", "md", D("month_yyyy", " a "), "comma", roles=3),
    Spec("r22", "finance", "en", "pdf_latex", D("mon_yyyy"), "company_first", roles=4, promotion=True),
    Spec("r23", "finance", "en", "docx_plain", D("m/yyyy"), "dates_first", roles=4, noise=True),
    Spec("r24", "finance", "fr", "pdf_sidebar_dark", D("mon_yyyy"), "company_dash", roles=3),
    Spec("r25", "finance", "de", "txt_plain", D("mm.yyyy", " – ", since=True), "at", roles=3),
    Spec("r26", "teaching", "en", "pdf_long", D("month_yyyy"), "two_line", roles=6, bullets=6),
    Spec("r27", "teaching", "es", "docx_table", D("month_yyyy", " a "), "comma", roles=3),
    Spec("r28", "teaching", "pt", "docx_plain", D("mm/yyyy"), "company_dash", roles=3, promotion=True),
    Spec("r29", "teaching", "fr", "md", D("month_yyyy"), "dates_line", roles=3),
    Spec("r30", "design", "en", "pdf_two_column", D("mon_yyyy", " — "), "pipe", roles=4, noise=True),
    Spec("r31", "design", "de", "pdf_classic", D("month_yyyy"), "comma", roles=3, promotion=True),
    Spec("r32", "design", "pt", "txt_compact", D("mon/yyyy"), "at", roles=3),
    Spec("r33", "design", "en", "docx_textbox", D("mon_yyyy"), "company_first", roles=3, noise=True),
    Spec("r34", "data", "en", "txt_plain", D("mon_yyyy"), "comma", **SPARSE),
    Spec("r35", "sales", "en", "pdf_table", D("year", " - "), "comma", roles=3),
]
# Held out (holdout.py): new fields, titles, employers, wordings; written after tuning, never tuned on.
H = {"holdout": True}
SPECS += [
    Spec("r36", "hospitality", "en", "pdf_classic", D("mon_yy"), "title_dash_company", roles=4, **H),
    Spec("r37", "hospitality", "es", "docx_table", D("mm/yyyy"), "comma", roles=3, **H),
    Spec("r38", "hospitality", "fr", "md", D("month_yyyy"), "company_comma_title", roles=3, **H),
    Spec("r39", "logistics", "en", "docx_plain", D("mon._yyyy", " - "), "company_pipe_dates", roles=4, promotion=True,
         **H),
    Spec("r40", "logistics", "de", "pdf_two_column", D("mm/yyyy", since=True), "title_paren_company", roles=3, **H),
    Spec("r41", "logistics", "pt", "txt_plain", D("mon/yyyy"), "title_dash_company", roles=3, **H),
    Spec("r42", "hr", "en", "pdf_latex", D("month_yyyy"), "company_first", roles=3, noise=True, **H),
    Spec("r43", "hr", "fr", "docx_textbox", D("mm/yyyy", " - "), "at", roles=3, **H),
    Spec("r44", "marketing", "en", "txt_compact", D("mon_yyyy", " to "), "company_comma_title", roles=4, **H),
    Spec("r45", "marketing", "es", "pdf_sidebar_dark", D("mon_yyyy"), "company_pipe_dates", roles=3, **H),
    Spec("r46", "marketing", "de", "md", D("mm.yyyy", " – "), "title_dash_company", roles=3, **H),
    Spec("r47", "hr", "pt", "pdf_table", D("mm/yyyy"), "comma", roles=3, **H),
]
# Second held-out part (holdout2.py): written last, measured once, never used to change the extractor.
H2 = {"part": "holdout2"}
SPECS += [
    Spec("r48", "legal", "en", "pdf_two_column", D("mon._yyyy", " – "), "company_colon_title", roles=4, **H2),
    Spec("r49", "legal", "es", "txt_plain", D("mm/yyyy"), "three_lines", roles=3, **H2),
    Spec("r50", "legal", "fr", "docx_table", D("month_yyyy"), "comma", roles=3, **H2),
    Spec("r51", "legal", "de", "pdf_latex", D("mm.yyyy", " – ", since=True), "company_first", roles=3, **H2),
    Spec("r52", "construction", "en", "docx_plain", D("month_yyyy", " - "), "title_bullet_company", roles=4,
         promotion=True, **H2),
    Spec("r53", "construction", "pt", "md", D("mon/yyyy"), "dates_pipe_company_title", roles=3, **H2),
    Spec("r54", "construction", "de", "pdf_sidebar_dark", D("month_yyyy"), "three_lines", roles=3, noise=True, **H2),
    Spec("r55", "construction", "es", "pdf_classic", D("mon_yyyy"), "company_colon_title", roles=4, **H2),
]
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "txt": "txt", "md": "md"}


def _extension(layout: str) -> str:
    return "md" if layout == "md" else layout.split("_")[0]


def write_resume(spec: Spec) -> Path:
    persona = make_persona(spec)
    stem = f"{spec.id}_{spec.field}_{spec.lang}_{spec.layout}"
    path = RESUMES / f"{stem}.{_extension(spec.layout)}"
    render = {**PDF, **DOCX, **TEXT}[spec.layout]
    render(compose(persona), str(path))
    answer = {"file": path.name, **expected(persona)}
    (RESUMES / f"{stem}.json").write_text(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_job(job) -> Path:
    render, extension = JD_LAYOUTS[job.layout]
    stem = f"{job.id}_{job.field}_{job.lang}_{job.layout}"
    path = JDS / f"{stem}.{extension}"
    render(job, str(path))
    answer = {"file": path.name, **job.expected()}
    (JDS / f"{stem}.json").write_text(json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def main() -> int:
    for folder in (RESUMES, JDS):
        folder.mkdir(exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
    jobs = JOBS + HOLDOUT_JOBS + HOLDOUT2_JOBS
    written = [write_resume(spec) for spec in SPECS] + [write_job(job) for job in jobs]
    print(f"wrote {len(SPECS)} resumes and {len(jobs)} job descriptions ({len(written)} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
