"""The offline judge reads the languages the product interviews in: English and German.

Topics written here in the shape the plans give them (a question and its strong-answer points); the
SAF benchmark (bench/answer_judge.py) measures the same reading on expert-scored answers.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.reporting.judge import content_stems, covered_points, is_substantive, read_answer

ROOT = Path(__file__).resolve().parents[2]
SAF_PRESENT = any((p / "saf_english.jsonl").exists() for p in (ROOT.parent / "shared" / "data" / "saf",
                                                                Path("/work/shared/data/saf")))

BESCHWERDE = {
    "name": "Umgang mit Beschwerden",
    "question": "Ein Gast beschwert sich an der Rezeption lautstark über sein Zimmer. Wie gehst du vor?",
    "points": ["Hört ruhig zu und lässt den Gast ausreden (0.25 P)",
               "Entschuldigt sich und zeigt Verständnis (0.25 P)",
               "Bietet ein anderes Zimmer oder eine Gutschrift an (0.25 P)",
               "Dokumentiert die Beschwerde im Hotelsystem und informiert die Schichtleitung (0.25 P)"],
}
OUTAGE = {
    "name": "Handling a production outage",
    "question": "Walk me through how you handled a production outage.",
    "points": ["Rolls back or mitigates first, before looking for the root cause",
               "Keeps stakeholders informed through a status page or incident channel",
               "Writes a blameless postmortem with follow-up actions"],
}


def _read(text: str, topic: dict):
    return read_answer(text, points=topic["points"], echoed=content_stems(f"{topic['name']} {topic['question']}"))


def test_a_german_answer_that_covers_the_points_reads_as_covering_them():
    full = ("Ich höre dem Gast ruhig zu und lasse ihn ausreden. Dann entschuldige ich mich und zeige Verständnis. "
            "Ich biete ihm ein anderes Zimmer an, und danach dokumentiere ich die Beschwerde im Hotelsystem und "
            "informiere die Schichtleiterin.")
    part = "Ich entschuldige mich beim Gast und biete ihm ein anderes Zimmer an, wenn eins frei ist."
    full_reading, part_reading = _read(full, BESCHWERDE), _read(part, BESCHWERDE)
    assert full_reading.substantive and full_reading.covered == 4 and full_reading.coverage == 1.0
    assert part_reading.substantive and part_reading.covered == 2
    assert full_reading.raw_score > part_reading.raw_score


def test_a_short_german_answer_can_be_substantive_and_a_german_non_answer_is_not():
    short = _read("Zimmer tauschen oder Gutschrift.", BESCHWERDE)
    assert short.substantive and short.covered == 1
    for non_answer in ("Weiß ich nicht.", "Keine Ahnung, ehrlich gesagt.", "Professionell bleiben.", ""):
        assert not _read(non_answer, BESCHWERDE).substantive, non_answer
    # A long answer about something else covers nothing, and German glue words are not subject matter.
    other = _read("Ich arbeite gerne im Team und bin sehr motiviert, weil mir der Beruf einfach Spaß macht.",
                  BESCHWERDE)
    assert other.covered == 0 and other.coverage == 0.0


def test_german_compounds_inflections_and_amounts_meet_the_points():
    echoed = content_stems("Was kaufst du ein?")
    points = ["Eine Kundenkarte anbieten", "Das Budget von 16,50 € einhalten"]
    answer = content_stems("Ich frage nach der Karte des Kunden und gebe höchstens 16,50 Euro aus.")
    assert covered_points(answer, points[:1], echoed) == 1
    from analysis.reporting.judge import content_terms

    assert covered_points(content_terms("Ich gebe höchstens 16,50 Euro aus."), points[1:], echoed) == 1
    assert covered_points(content_terms("Ich gebe höchstens 20 Euro aus."), points[1:], echoed) == 0


def test_an_english_answer_covering_the_points_beats_a_general_one_and_a_non_answer_is_not_judged():
    strong = ("I rolled back the deploy first to mitigate, then looked for the root cause. I kept stakeholders "
              "informed in the incident channel and wrote a blameless postmortem with three follow-up actions.")
    general = "It was stressful but the team worked hard together and in the end everything was fine again."
    assert _read(strong, OUTAGE).covered == 3 and _read(strong, OUTAGE).coverage == 1.0
    assert _read(general, OUTAGE).covered == 0
    assert not _read("I don't know.", OUTAGE).substantive
    assert not is_substantive("asdkj qwe zxcmnb lkjqwe poiu mnbv qwerty asdf zxcv hjkl")


def test_a_heavier_point_counts_for_more_of_the_coverage():
    topic = {"name": "Kassenabschluss", "question": "Wie machst du den Kassenabschluss?",
             "points": ["Zählt das Bargeld zweimal (0.75 P)", "Unterschreibt das Protokoll (0.25 P)"]}
    heavy = _read("Ich zähle das Bargeld zweimal nach, bevor ich gehe.", topic)
    light = _read("Ich unterschreibe am Ende das Protokoll, bevor ich gehe.", topic)
    assert heavy.covered == light.covered == 1
    assert heavy.coverage == 0.75 and light.coverage == 0.25


@pytest.mark.skipif(not SAF_PRESENT, reason="SAF data not present (../shared/data/saf)")
def test_the_saf_benchmark_runs_on_a_few_rows_and_prints_its_table():
    env = {**os.environ, "DJANGO_DEBUG": "1", "DATABASE_URL": ""}
    result = subprocess.run([sys.executable, "bench/answer_judge.py", "--limit", "4", "--repeat", "2"], cwd=ROOT,
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("rho" in line and "overlap rho" in line and "length rho" in line for line in lines)
    for language in ("de", "en"):
        for split in ("training", "unseen_answers", "unseen_questions"):
            assert any(line.split()[:3] == [language, split, "4"] for line in lines), (language, split)
    assert "largest spread of one answer's coverage 0.000 (identical)" in result.stdout


def test_a_quoted_sentence_keeps_its_figures_whole():
    # A report quoted "... mismatches dropping from 0." — the decimal point had ended the sentence.
    from analysis.injection import split_sentences
    from analysis.reporting.judge import best_quote

    answer = ("I owned the ledger and the retry logic. I added idempotency keys and measured mismatches dropping from "
              "0.8% to 0.01% over six weeks on Node.js workers. With hindsight I would add the alerts first.")
    sentences = [answer[a:b] for a, b in split_sentences(answer)]
    assert len(sentences) == 3 and sentences[1].endswith("on Node.js workers.")
    quote = best_quote(answer, points=["Measures the result with a figure"], echoed=set())
    assert quote and "0.8% to 0.01%" in quote
