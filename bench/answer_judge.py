"""The answer judge measured on SAF: does it rank answers as experts do, in English and German?

    DJANGO_DEBUG=1 .venv/bin/python bench/answer_judge.py [--saf DIR] [--limit N] [--repeat 3]
        [--configured-model [--limit N]]

Each SAF answer (../shared/data/saf, 4,519 expert-scored answers) becomes one interview topic: the
question is the topic's question and the reference answer becomes its strong-answer points (German
references carry rubric points with weights, "(0.25 P)": each weighted clause is a point and keeps
its weight; English references are split into their lines, list items or sentences). The answer is
then judged by the product's own path: the offline report's `offline.assess` on a one-topic
transcript (the same reading, substance checks and off-topic blanking the report uses), and its
per-topic reading's `coverage` (the weighted share of the points covered, 0 to 1) is compared with
the experts' score. The expert score, feedback and verification of the answer being judged are
never shown to the judge.

Printed per language x split: Spearman rho (on the unbinned values) and quadratic-weighted kappa
(both sides rounded to 0 / 0.25 / 0.5 / 0.75 / 1), beside two floors computed in the same run:
reference-word overlap (share of the reference's distinct words the answer uses; its kappa on the
same bins) and answer length alone (words; rho only, a length has no 0-1 scale). A row is marked
"target" where unseen_questions reaches rho >= 0.65, and "floors" where the judge's rho is above both.

`--configured-model` judges a sample (`--limit`, default 10 per language x split) with the
configured model (settings.LLM_MINI) through the product's structured answer assessment
(analysis.assessment.answer: prompt, gateway, validation), and prints the same figures for that
sample beside the offline judge on the same rows. With LLM_MINI=offline it runs end to end through
the gateway's offline engine. `--repeat N` judges the same answers N times and prints the largest
spread of each answer's coverage (test-retest; offline it must be 0).

Tuning honesty: the offline reading was tuned on the `training` split only. `unseen_answers` and
`unseen_questions` were measured four times (before any change, after each of three tuning rounds) and
none of their rows was read; the figures and that history are in the README.
Prints figures, asserts nothing.
"""

import argparse
import json
import os
import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("training", "unseen_answers", "unseen_questions")
LANGUAGES = {"en": "saf_english.jsonl", "de": "saf_german.jsonl"}
TARGET_RHO = 0.65
BINS = 4  # 0, 0.25, 0.5, 0.75, 1


# --- SAF rows as interview topics -------------------------------------------------------------------

_WEIGHT = re.compile(r"\(\s*\d+(?:[.,]\d+)?\s*[pP]\s*\)")
_SENTENCE_END = re.compile(r"(?<!\bz\.B)(?<!\bd\.h)(?<!\bbzw)(?<!\bu\.a)(?<!\bca)(?<!\be\.g)(?<!\bi\.e)"
                           r"[.!?](?=\s+[A-ZÄÖÜ(\"„]|\s*$)|\n+")
_BULLET = re.compile(r"^\s*(?:[-•●○*]+|\d+\s*[.)]|[ivx]+\)|[a-h]\))\s*")


def sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        parts.append(text[start:match.end()])
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]


def weighted_points(reference: str) -> list[str]:
    """A German rubric: each clause that ends in a weight marker is a point, with its marker (the judge reads
    the weight from it); a clause after the last marker of a sentence belongs to that point ("zu welchem
    Zeitpunkt (0.25 P) des Jobs ..."). Sentences without a marker are explanation, not points."""
    points: list[str] = []
    for sentence in sentences(reference):
        markers = list(_WEIGHT.finditer(sentence))
        if not markers:
            continue
        start = 0
        for i, marker in enumerate(markers):
            text = sentence[start:marker.start()]
            if i == len(markers) - 1:
                text += " " + sentence[marker.end():]
            text = " ".join(text.strip(" ,;:.").split())
            if text:
                points.append(f"{text} {marker.group(0)}")
            start = marker.end()
    return points


def listed_points(reference: str) -> list[str]:
    """An English reference: its lines (list items without their bullets) or, in a paragraph, its sentences;
    a heading ("Possible Differences:") is not a point."""
    points = []
    for line in reference.splitlines():
        line = _BULLET.sub("", line).strip()
        if not line or line.endswith(":") and len(line.split()) <= 8:
            continue
        points.extend(s for s in sentences(line) if re.search(r"\w", s))
    return points


def reference_points(reference: str) -> list[str]:
    return weighted_points(reference) if _WEIGHT.search(reference) else listed_points(reference)


def topic_for(row: dict) -> dict:
    points = [p for ref in row["reference_answers"] for p in reference_points(ref)]
    return {"id": "saf", "name": "", "competency": "Answer", "question": row["question"], "strong_answer": points}


def load(saf: Path, *, limit: int | None) -> dict[tuple[str, str], list[dict]]:
    rows: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for language, name in LANGUAGES.items():
        with (saf / name).open(encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                rows[(language, row["split"])].append(row)
    if limit:  # an even sample across the split's questions, the same every run
        for key, group in rows.items():
            step = max(1, len(group) // limit)
            rows[key] = group[::step][:limit]
    return rows


def find_saf(given: str | None) -> Path:
    for candidate in [given, ROOT.parent / "shared" / "data" / "saf", "/work/shared/data/saf"]:
        if candidate and (Path(candidate) / LANGUAGES["en"]).exists():
            return Path(candidate)
    raise SystemExit("SAF not found: pass --saf DIR (the folder with saf_english.jsonl and saf_german.jsonl)")


# --- Judges --------------------------------------------------------------------------------------------


def offline_coverage(row: dict) -> tuple[float, float | None]:
    """(coverage 0-1, per-topic score 1-5 or None) by the offline report's own reading of the answer."""
    from analysis.reporting.offline import assess

    topic = topic_for(row)
    context = {"topics": [topic], "competencies": [{"name": "Answer"}],
               "turns": [{"role": "interviewer", "kind": "question", "topic_id": "saf", "seq": 1,
                          "text": topic["question"]},
                         {"role": "candidate", "kind": "answer", "topic_id": "saf", "seq": 2, "text": row["answer"]}]}
    finding = assess(context).competencies[0].topics[0]
    reading = finding.reading
    return (reading.coverage if reading.substantive else 0.0), (reading.raw_score if reading.substantive else None)


def model_coverage(row: dict) -> float:
    """Coverage by the configured model through the product's answer assessment (prompt, gateway, validation)."""
    from analysis.assessment.answer import ASSESSMENT_DEADLINE_S, assessment_context, validated
    from analysis.assessment.prompt import ANSWER_ASSESSMENT
    from analysis.reporting.judge import point_weight
    from analysis.reporting.transcript import Anonymizer
    from llm.gateway import structured_sync

    topic = topic_for(row)
    context = assessment_context(topic=topic, answers=[row["answer"]], anonymize=Anonymizer(names=[], contacts=[]))
    output = structured_sync(ANSWER_ASSESSMENT, context, deadline_s=ASSESSMENT_DEADLINE_S)
    fields = validated(output, context)
    weights = {p: point_weight(p)[1] for p in context["points"]}
    total = sum(weights.values())
    return sum(weights[p] for p in fields["covered_points"]) / total if total else 0.0


# --- Floors and statistics -------------------------------------------------------------------------------

_PLAIN_WORD = re.compile(r"[^\W\d_]+")
_FLOOR_STOP = frozenset("""a an the and or of to in on for is are be it that this with as by at from not no
    der die das den dem des und oder zu in im mit von ist sind ein eine einen einem einer nicht auf fur für es
    sich so wie""".split())


def plain_words(text: str) -> set[str]:
    return {w.lower() for w in _PLAIN_WORD.findall(text) if w.lower() not in _FLOOR_STOP}


def overlap(row: dict) -> float:
    reference = plain_words(" ".join(_WEIGHT.sub(" ", r) for r in row["reference_answers"]))
    return len(reference & plain_words(row["answer"])) / len(reference) if reference else 0.0


def ranks(values: list[float]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def pearson(x: list[float], y: list[float]) -> float:
    n = len(x)
    if n < 2:
        return float("nan")
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx, syy = sum((a - mx) ** 2 for a in x), sum((b - my) ** 2 for b in y)
    return sxy / (sxx * syy) ** 0.5 if sxx and syy else float("nan")


def spearman(x: list[float], y: list[float]) -> float:
    return pearson(ranks(x), ranks(y))


def to_bin(value: float) -> int:
    return min(BINS, max(0, int(value * BINS + 0.5)))


def weighted_kappa(x: list[float], y: list[float]) -> float:
    """Quadratic-weighted kappa of two 0-1 scores, both rounded to 0 / 0.25 / ... / 1."""
    a, b = [to_bin(v) for v in x], [to_bin(v) for v in y]
    n, k = len(a), BINS + 1
    if not n:
        return float("nan")
    observed = [[0.0] * k for _ in range(k)]
    for i, j in zip(a, b, strict=True):
        observed[i][j] += 1
    row = [sum(observed[i]) for i in range(k)]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = sum((i - j) ** 2 * observed[i][j] for i in range(k) for j in range(k))
    den = sum((i - j) ** 2 * row[i] * col[j] / n for i in range(k) for j in range(k))
    return 1 - num / den if den else float("nan")


# --- Output --------------------------------------------------------------------------------------------


def _figure(value: float) -> str:
    return "  –  " if value != value else f"{value:5.2f}"


def print_table(title: str, results: dict[tuple[str, str], list[dict]], judge: str) -> None:
    print(f"\n{title}")
    print(f"{'language':<9}{'split':<18}{'n':>5}   {'rho':>5} {'kappa':>5} {'rho(1-5)':>8}   "
          f"{'overlap rho':>11} {'kappa':>5}   {'length rho':>10}   mark")
    for (language, split), items in sorted(results.items(), key=lambda kv: (kv[0][0], SPLITS.index(kv[0][1]))):
        expert = [i["expert"] for i in items]
        judged = [i[judge] for i in items]
        rho, kappa = spearman(judged, expert), weighted_kappa(judged, expert)
        score_rho = spearman([i["score"] or 0.0 for i in items], expert) if judge == "judge" else float("nan")
        floor_rho = spearman([i["overlap"] for i in items], expert)
        length_rho = spearman([i["length"] for i in items], expert)
        marks = []
        if rho == rho and rho > max(floor_rho, length_rho):
            marks.append("above floors")
        else:
            marks.append("NOT above floors")
        if split == "unseen_questions":
            marks.append(f"target rho>={TARGET_RHO} " + ("met" if rho >= TARGET_RHO else "NOT MET"))
        print(f"{language:<9}{split:<18}{len(items):>5}   {_figure(rho)} {_figure(kappa)} {_figure(score_rho):>8}   "
              f"{_figure(floor_rho):>11} {_figure(weighted_kappa([i['overlap'] for i in items], expert))}   "
              f"{_figure(length_rho):>10}   {'; '.join(marks)}")


def judge_rows(rows: dict[tuple[str, str], list[dict]], *, model: bool, repeat: int) -> tuple[dict, float]:
    results: dict[tuple[str, str], list[dict]] = defaultdict(list)
    spread = 0.0
    for key, group in rows.items():
        for row in group:
            runs = [offline_coverage(row) for _ in range(repeat)]
            item = {"expert": row["score"], "judge": runs[0][0], "score": runs[0][1], "overlap": overlap(row),
                    "length": len(_PLAIN_WORD.findall(row["answer"]))}
            spread = max(spread, max(r[0] for r in runs) - min(r[0] for r in runs))
            if model:
                covered = [model_coverage(row) for _ in range(repeat)]
                item["model"] = covered[0]
                spread = max(spread, max(covered) - min(covered))
            results[key].append(item)
    return results, spread


def _setup(configured_model: bool) -> None:
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="bench-answer-judge-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "interview_site.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if configured_model:  # model calls are recorded: a throw-away database for the records
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saf", help="the SAF folder (default ../shared/data/saf)")
    parser.add_argument("--limit", type=int, help="answers per language x split (default all; 10 with a model)")
    parser.add_argument("--configured-model", action="store_true", help="also judge with settings.LLM_MINI")
    parser.add_argument("--repeat", type=int, default=1, help="judge every answer N times: test-retest spread")
    parser.add_argument("--language", choices=sorted(LANGUAGES), help="one language only")
    parser.add_argument("--split", choices=SPLITS, help="one split only")
    args = parser.parse_args()
    saf = find_saf(args.saf)
    _setup(args.configured_model)
    limit = args.limit or (10 if args.configured_model else None)
    rows = {key: group for key, group in load(saf, limit=limit).items()
            if (not args.language or key[0] == args.language) and (not args.split or key[1] == args.split)}
    results, spread = judge_rows(rows, model=args.configured_model, repeat=max(1, args.repeat))
    print(f"SAF answers from {saf}; coverage = weighted share of the reference's points covered (0-1); "
          f"kappa on 0/0.25/0.5/0.75/1; rho(1-5) = the judge's per-topic score.")
    print_table("Offline judge (analysis.reporting.offline.assess)", results, "judge")
    if args.configured_model:
        from django.conf import settings

        print_table(f"Configured model {settings.LLM_MINI} (analysis.assessment.answer, structured "
                    f"ANSWER_ASSESSMENT through the gateway)", results, "model")
    if args.repeat > 1:
        print(f"\nTest-retest over {args.repeat} runs: largest spread of one answer's coverage {spread:.3f} "
              f"({'identical' if spread == 0 else 'NOT identical'})")


if __name__ == "__main__":
    main()
