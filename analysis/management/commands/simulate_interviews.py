"""`python manage.py simulate_interviews [--jd PATH_OR_ID ...] [--runs 2] [--personas ...] [--minutes 30] [--keep]
[--trace]`

Runs complete interviews through the real conductor with scripted personas (strong, average,
weak, evasive, instructing) for every JD of the evaluation set, writes each report, prints a
table (JD × persona → overall, recommendation, per-competency scores) and checks the orderings
issue 6 asks for. Exits non-zero when a check fails. Works with the offline engine and with a
real model (LLM_MAIN) alike: only the model's answers differ, never the code path. With --trace,
the first run also prints every interview topic by topic: the questions, the persona's answers
and the judge's reading of them, to see why a score is what it is.

Each interview runs on a test clock with realistic reading, thinking and speaking times, and the
command prints its pacing: simulated minutes, main questions (topics asked of those planned, and
surprise questions), follow-ups and the coding task.
"""

from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from analysis.simulation import checks, evalset
from analysis.simulation.driver import Outcome, remove, simulate
from analysis.simulation.personas import PERSONAS
from interview_site.celery import app as celery_app


@contextmanager
def tasks_inline():
    """Run the report and per-answer jobs in this process, as a worker would, then restore the setting."""
    before = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager = before


def _score(value) -> str:
    return "—" if value is None else f"{value:g}"


class Command(BaseCommand):
    help = "Simulate complete interviews with scripted candidates for every JD and check the report's judgement."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--jd", action="append", default=[], metavar="PATH_OR_ID",
                            help="a JD file or a stored JD's id (repeatable); default: the evaluation set")
        parser.add_argument("--runs", type=int, default=2, help="how many times to run everything (default 2)")
        parser.add_argument("--personas", nargs="+", choices=PERSONAS, default=list(PERSONAS))
        parser.add_argument("--keep", action="store_true", help="keep the interviews and reports (for the UI)")
        parser.add_argument("--timeout", type=float, default=None, help="seconds to wait for each interviewer turn")
        parser.add_argument("--minutes", type=int, default=30, help="the booked length of each interview (default 30)")
        parser.add_argument("--trace", action="store_true",
                            help="print each interview's answers and the judge's reading per topic (first run)")

    def handle(self, *args: Any, jd: list[str], runs: int, personas: list[str], keep: bool, timeout: float | None,
               trace: bool = False, minutes: int = 30, **options: Any) -> None:
        cases = [evalset.case_for(value) for value in jd] if jd else evalset.default_cases()
        if not cases:
            raise CommandError("No JDs to simulate.")
        offline = settings.LLM_MAIN.startswith("offline")
        timeout_s = timeout or (30.0 if offline else 300.0)
        self.stdout.write(f"Model: {settings.LLM_MAIN} · {len(cases)} JD(s) × {len(personas)} personas × {runs} run(s)"
                          f" · {minutes}-minute interviews")
        self._minutes = minutes
        all_runs: list[list[Outcome]] = []
        with tasks_inline():
            for number in range(1, max(1, runs) + 1):
                outcomes = self._run(cases, personas, timeout_s, keep, trace and number == 1)
                all_runs.append(outcomes)
                if number == 1:
                    self._table(outcomes)
                    self._pacing(outcomes)
        results = checks.judgement_checks(all_runs)
        for check in results:
            self.stdout.write(check.line())
        if not all(c.passed for c in results):
            raise CommandError(f"{sum(not c.passed for c in results)} check(s) failed.")

    def _run(self, cases, personas: list[str], timeout_s: float, keep: bool, trace: bool) -> list[Outcome]:
        outcomes: list[Outcome] = []
        for case in cases:
            jd, resume, created = evalset.documents_for(case)
            mine = [simulate(case=case.name, jd=jd, resume=resume, level=level, timeout_s=timeout_s, trace=trace,
                             minutes=self._minutes) for level in personas]
            for outcome in mine if trace else []:
                self.stdout.write(f"\n{case.name} \u00b7 {outcome.persona} ({outcome.line_of_work})")
                self.stdout.write("\n".join(outcome.trace))
            outcomes += mine
            if not keep:
                remove(mine, created)
        return outcomes

    def _pacing(self, outcomes: list[Outcome]) -> None:
        """Simulated minutes, main questions (topics asked/planned + surprise), follow-ups, coding task."""
        self.stdout.write(f"Pacing of {self._minutes}-minute interviews (simulated minutes on the test clock):")
        head = ["case", "persona", "minutes", "main", "topics", "surprise", "follow-ups", "coding"]
        widths = [28, 12, 8, 5, 7, 9, 11, 6]
        self.stdout.write("  " + " ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
        for o in outcomes:
            p = o.pacing
            cells = [o.case[:27], o.persona, f"{p.minutes:g}", p.main_questions,
                     f"{p.topics_asked}/{p.topics_planned}", p.surprises, p.follow_ups, p.coding]
            self.stdout.write("  pacing " + " ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
        engaged = [o.pacing for o in outcomes if o.persona in ("strong", "average")]
        if engaged:
            self.stdout.write(
                f"  engaged personas: {min(p.minutes for p in engaged):g}-{max(p.minutes for p in engaged):g} "
                f"minutes, {min(p.main_questions for p in engaged)}-{max(p.main_questions for p in engaged)} main "
                f"questions, {min(p.follow_ups for p in engaged)}-{max(p.follow_ups for p in engaged)} follow-ups\n")

    def _table(self, outcomes: list[Outcome]) -> None:
        for case in dict.fromkeys(o.case for o in outcomes):
            rows = [o for o in outcomes if o.case == case]
            names = rows[0].competencies
            self.stdout.write(f"\n{case}")
            for i, name in enumerate(names, start=1):
                self.stdout.write(f"  C{i} = {name}")
            head = ["persona", "overall", "recommendation", *[f"C{i}" for i in range(1, len(names) + 1)], "comm"]
            widths = [12, 8, 15, *[4] * len(names), 5]
            self.stdout.write("  " + " ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
            for o in rows:
                comm = (o.report.data.get("communication") or {}).get("score")
                cells = [o.persona, _score(o.overall), o.report.data.get("recommendation") or "none",
                         *[_score(o.scores.get(n)) for n in names], _score(comm)]
                self.stdout.write("  " + " ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)))
        self.stdout.write("")
