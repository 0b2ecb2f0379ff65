"""Parsing speed per format over the evaluation set, beside a bare pypdfium2 text extraction as the floor,
and the full pipeline (parse + screen + extract, offline) on a two-page resume.

    DJANGO_DEBUG=1 .venv/bin/python bench/parse.py [--runs 5]

Parsing runs the production way: in a limited child forked from the warm parser pool. For
comparison it also shows the fallback (a fresh interpreter per document) and the parser in-process
(no sandbox, never used in production). Uses a throw-away VAR_DIR; prints figures, asserts nothing.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = {".pdf": "PDF", ".docx": "DOCX", ".txt": "TXT/MD", ".md": "TXT/MD"}
PIPELINE_TARGET_MS = 500


def _setup() -> Path:
    var = Path(tempfile.mkdtemp(prefix="bench-parse-"))
    os.environ["VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.LLM_MAIN = settings.LLM_MINI = "offline"
    call_command("migrate", verbosity=0)
    return var


def _median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _fmt(path: Path) -> str:
    return path.suffix.lstrip(".")


def _pdfium_text(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return sum(len(page.get_textpage().get_text_range()) for page in pdf)
    finally:
        pdf.close()


def _per_format(documents: list[Path], runs: int) -> None:
    from django.conf import settings

    from documents.parsing import runner
    from documents.parsing.child import _parse
    from documents.pipeline import parse_file

    limits = runner._limits(float(settings.DOCUMENT_PARSE_TIMEOUT_S), int(settings.DOCUMENT_PARSE_MEMORY_MB),
                            int(settings.DOCUMENT_MAX_PAGES))
    rows: dict[str, dict[str, list[float]]] = {}
    for path in documents:
        fmt = _fmt(path)
        row = rows.setdefault(FORMATS[path.suffix], {"doc": [], "page": [], "fresh": [], "inproc": [], "pages": [],
                                                     "floor": [], "floor_page": []})
        pages = parse_file(str(path), fmt).pages or 0
        warm = _median_ms(lambda: parse_file(str(path), fmt), runs)  # noqa: B023 - called at once
        row["doc"].append(warm)
        row["pages"].append(pages)
        if pages:
            row["page"].append(warm / pages)
        if fmt in ("pdf", "docx"):
            row["fresh"].append(_median_ms(lambda: runner._parse_fresh(str(path), fmt, limits, 60.0), 1))  # noqa: B023
            row["inproc"].append(_median_ms(lambda: _parse(fmt, str(path), 30), runs))  # noqa: B023
        if fmt == "pdf":
            floor = _median_ms(lambda: _pdfium_text(path), runs)  # noqa: B023
            row["floor"].append(floor)
            row["floor_page"].append(floor / pages)
    print(f"{'format':<8}{'docs':>5}{'pages':>7}{'per doc':>10}{'per page':>10}{'fresh interp.':>15}"
          f"{'in-process':>12}{'pypdfium2 floor':>18}{'floor/page':>12}")
    for name in ("PDF", "DOCX", "TXT/MD"):
        row = rows.get(name)
        if not row:
            continue

        def med(key: str, r: dict = row) -> str:
            if not r[key]:
                return "-"
            value = statistics.median(r[key])
            return f"{value:.2f}" if value < 10 else f"{value:.1f}"

        print(f"{name:<8}{len(row['doc']):>5}{sum(row['pages']) or '-':>7}{med('doc'):>10}{med('page'):>10}"
              f"{med('fresh'):>15}{med('inproc'):>12}{med('floor'):>18}{med('floor_page'):>12}")
    print("(milliseconds, medians over documents of each document's median; TXT/MD have no pages)")


def _make_two_page_resume(folder: Path) -> Path:
    from documents.evalset.compose import compose
    from documents.evalset.locales import DateStyle
    from documents.evalset.persona import Spec, make_persona
    from documents.evalset.render_pdf import classic

    path = folder / "two_page_resume.pdf"
    spec = Spec("bench", "software", "en", "pdf_classic", DateStyle("mon_yyyy"), "comma", roles=6, bullets=6)
    classic(compose(make_persona(spec)), str(path))
    return path


def _make_dense_pdf(folder: Path) -> Path:
    """Three columns of 7 pt text, about 9,000 characters: a dense page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = folder / "dense.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    pdf.setFont("Helvetica", 7)
    words = "built tested shipped operated measured improved services pipelines reports teams".split()
    for column in range(3):
        for line in range(95):
            text = " ".join(words[(line * 3 + column + k) % len(words)] for k in range(6))
            pdf.drawString(36 + column * 180, 800 - line * 8.2, text)
    pdf.showPage()
    pdf.save()
    return path


def _pipeline(path: Path, runs: int) -> None:
    from documents.pipeline import parse_file, read_document

    pages = parse_file(str(path), "pdf").pages
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read_document(path=str(path), source_format="pdf", kind="resume")
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    verdict = "met" if median < PIPELINE_TARGET_MS else "NOT MET"
    print(f"\nFull pipeline, {pages}-page resume (parse in a sandboxed child + screen + extract offline through the "
          f"gateway, ModelCall recorded):\n  median {median:.1f} ms over {runs} runs (min {min(times):.1f}, "
          f"max {max(times):.1f}); target < {PIPELINE_TARGET_MS} ms: {verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repetitions per document (median kept)")
    args = parser.parse_args()
    var = _setup()
    from documents.evalset.scoring import cases
    from documents.pipeline import parse_file

    started = time.perf_counter()
    parse_file(str(ROOT / "documents" / "samples" / "resume_strong_fit.pdf"), "pdf")  # starts the fork server
    startup_ms = (time.perf_counter() - started) * 1000
    print(f"Warm parser pool start-up (first parse of a process, once): {startup_ms:.0f} ms")
    documents = [path for kind in ("resume", "jd") for path, _ in cases(kind)]
    print(f"\nParsing the evaluation set ({len(documents)} documents, {args.runs} runs each, {os.cpu_count()} CPUs):")
    _per_format(documents, args.runs)
    dense = _make_dense_pdf(var)
    dense_ms = _median_ms(lambda: parse_file(str(dense), "pdf"), args.runs)
    floor_ms = _median_ms(lambda: _pdfium_text(dense), args.runs)
    print(f"\nDense page (3 columns of 7 pt text, {_pdfium_text(dense):,} characters): {dense_ms:.1f} ms/page "
          f"(pypdfium2 floor {floor_ms:.1f} ms/page)")
    _pipeline(_make_two_page_resume(var), max(args.runs * 4, 20))
    return 0


if __name__ == "__main__":
    sys.exit(main())
