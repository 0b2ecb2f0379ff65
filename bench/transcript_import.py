"""Does an imported transcript get the evaluation the live interview got?

    DJANGO_DEBUG=1 DATABASE_URL=postgres://... python bench/transcript_import.py [--split tune|held-out|all]
        [--personas strong average weak]

For each JD of the simulation's evaluation set (`analysis.simulation.evalset`: the demo JD, the
evaluation set's JDs, three JDs with resumes of their own) and each persona, runs a live interview
through the real conductor (`simulate_interviews`' driver, offline engine unless LLM_MAIN says
otherwise), writes it out as labelled text (`Interviewer:` / `Candidate:`, nothing else), imports
that text (`interviews.imports.interview_import`) twice — with the resume, and without it (the
JD-only plan: the questions then come from a plan the import did not build) — and compares:

- mapping (with the resume): the share of candidate answers the import puts under the same topic,
  and under the same competency, as the live interview did;
- coverage: the share of substantive answers (candidate answers to a topic, 8 words or more) that
  the report quotes, or whose competency it scores, and the share it quotes: live, imported with
  resume, imported without;
- agreement: |overall imported - overall live| (mean, max) and how often the recommendation is the same.

The split is by case, alphabetically: `tune` is the first half, `held-out` the second. Prints
figures, asserts nothing; removes everything it created.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from analysis.management.commands.simulate_interviews import tasks_inline  # noqa: E402
from analysis.models import InterviewPlan  # noqa: E402
from analysis.reporting import transcript_turns  # noqa: E402
from analysis.services import report_generate  # noqa: E402
from analysis.simulation import evalset  # noqa: E402
from analysis.simulation.driver import remove, simulate  # noqa: E402
from documents.models import Document  # noqa: E402
from interviews.imports import interview_import  # noqa: E402
from interviews.models import Interview  # noqa: E402

SUBSTANTIVE_WORDS = 8
LABEL = {"interviewer": "Interviewer", "candidate": "Candidate"}


def as_text(interview: Interview) -> str:
    """The live interview as another company's export would have it: speakers and words, no tags."""
    return "\n\n".join(f"{LABEL[t.role]}: {t.text}" for t in interview.turns.order_by("seq")
                       if t.text.strip() and t.kind not in ("code", "code_task"))


def answers(interview: Interview) -> list[tuple[int, str, str]]:
    """[(seq, topic_id, competency)] of the candidate answers in order (those `as_text` writes out), topic as
    the report reads it."""
    competency = {t["id"]: t.get("competency") for t in interview.plan.topics}
    return [(t.seq, t.topic_id, competency.get(t.topic_id, "")) for t in transcript_turns(interview)
            if t.role == "candidate" and t.kind != "code" and t.text.strip()]


def coverage(interview: Interview, report: dict) -> tuple[int, int, int]:
    """(substantive answers quoted or under a scored competency, substantive answers quoted, substantive answers)."""
    cited = {e["seq"] for c in report.get("competencies") or [] for e in c["evidence"]}
    scored = {c["name"] for c in report.get("competencies") or [] if c["score"] is not None}
    words = {t.seq: len(t.text.split()) for t in interview.turns.filter(role="candidate")}
    substantive = [(seq, comp) for seq, topic, comp in answers(interview) if topic and words[seq] >= SUBSTANTIVE_WORDS]
    quoted = sum(seq in cited for seq, _ in substantive)
    return sum(seq in cited or comp in scored for seq, comp in substantive), quoted, len(substantive)


def imported(text: str, jd: Document, resume: Document | None) -> tuple[Interview, dict]:
    interview = interview_import(jd_id=jd.pk, resume_id=resume.pk if resume else None, text=text, queue_report=False)
    report = report_generate(interview_id=interview.pk)
    return interview, report.data


def cleanup(interviews: list[Interview]) -> None:
    stand_ins = [i.resume_id for i in interviews if i.resume.source_format == "transcript"]
    plans = [i.plan_id for i in interviews]
    Interview.objects.filter(pk__in=[i.pk for i in interviews]).delete()
    InterviewPlan.objects.filter(pk__in=plans).delete()
    Document.objects.filter(pk__in=stand_ins).delete()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["tune", "held-out", "all"], default="held-out")
    parser.add_argument("--personas", nargs="+", default=["strong", "average", "weak"])
    args = parser.parse_args()
    cases = sorted(evalset.default_cases(), key=lambda c: c.name)
    half = len(cases) // 2
    cases = {"tune": cases[:half], "held-out": cases[half:], "all": cases}[args.split]
    print(f"Model: {settings.LLM_MAIN} · split {args.split}: {len(cases)} JDs ({cases[0].name} … {cases[-1].name})"
          f" × {len(args.personas)} personas")
    same_topic = same_competency = mapped = 0
    cover = {"live": [0, 0, 0], "with resume": [0, 0, 0], "without resume": [0, 0, 0]}
    deltas = {"with resume": [], "without resume": []}
    same_rec = {"with resume": 0, "without resume": 0}
    compared = 0
    started = time.monotonic()
    with tasks_inline():
        for case in cases:
            jd, resume, created = evalset.documents_for(case)
            outcomes, extra = [], []
            try:
                for level in args.personas:
                    live = simulate(case=case.name, jd=jd, resume=resume, level=level, timeout_s=30.0)
                    outcomes.append(live)
                    live_interview = Interview.objects.get(pk=live.interview_id)
                    text = as_text(live_interview)
                    truth = answers(live_interview)
                    rows = {"live": (live_interview, live.report.data)}
                    for name, with_resume in (("with resume", resume), ("without resume", None)):
                        rows[name] = imported(text, jd, with_resume)
                        extra.append(rows[name][0])
                    got = answers(rows["with resume"][0])  # the same answers, in the same order
                    for (_, topic, comp), (_, their_topic, their_comp) in zip(truth, got, strict=True):
                        if topic:
                            mapped += 1
                            same_topic += their_topic == topic
                            same_competency += their_comp == comp
                    for name, (interview, report) in rows.items():
                        for i, count in enumerate(coverage(interview, report)):
                            cover[name][i] += count
                    compared += 1
                    for name in deltas:
                        mine, theirs = rows[name][1].get("overall_score"), live.report.data.get("overall_score")
                        if mine is not None and theirs is not None:
                            deltas[name].append(abs(mine - theirs))
                        same_rec[name] += rows[name][1].get("recommendation") == live.report.data.get("recommendation")
                    print(f"  {case.name[:28]:28} {level:8} live {live.overall!s:5} "
                          f"import+resume {rows['with resume'][1].get('overall_score')!s:5} "
                          f"import-resume {rows['without resume'][1].get('overall_score')!s:5}", flush=True)
            finally:
                cleanup(extra)
                remove(outcomes, created)
    print(f"\n{compared} interviews in {time.monotonic() - started:.0f} s")
    print(f"mapping (with resume): same topic {same_topic}/{mapped} = {same_topic / max(1, mapped):.1%}, "
          f"same competency {same_competency}/{mapped} = {same_competency / max(1, mapped):.1%}")
    for name, (hit, quoted, total) in cover.items():
        print(f"coverage {name:15}: {hit}/{total} = {hit / max(1, total):.1%} of substantive answers quoted or under "
              f"a scored competency; quoted {quoted}/{total} = {quoted / max(1, total):.1%}")
    for name, values in deltas.items():
        if values:
            print(f"overall |imported - live| {name:15}: mean {statistics.mean(values):.2f}, max {max(values):.2f} "
                  f"({len(values)} pairs); same recommendation {same_rec[name]}/{compared}")


if __name__ == "__main__":
    main()
