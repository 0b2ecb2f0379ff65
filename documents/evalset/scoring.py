"""Field-level scoring of extracted fields against the evaluation set's expected answers.

Used by `bench/extraction.py` (the whole set) and by the tests (a few documents). Strings are
compared after light normalisation (case, spacing, surrounding punctuation), phones by their
digits, links without scheme or "www."; lists are compared as multisets. Expected dates written
as a bare year ("2019") match any month of that year.
"""

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
TOTAL_YEARS_TOLERANCE = 1.0


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def cases(kind: str) -> list[tuple[Path, dict[str, Any]]]:
    """(document path, expected answer) for every resume (`resume`) or job description (`jd`)."""
    folder = HERE / ("resumes" if kind == "resume" else "jds")
    found = []
    for answer in sorted(folder.glob("*.json")):
        expected = json.loads(answer.read_text(encoding="utf-8"))
        found.append((folder / expected["file"], expected))
    return found


def norm(value: Any) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    text = text.replace("’", "'").replace("–", "-").replace("—", "-")
    return re.sub(r"\s+", " ", text).strip(" .,;:-|·•()")


def norm_phone(value: Any) -> str:
    return re.sub(r"\D", "", str(value or ""))


def norm_link(value: Any) -> str:
    return re.sub(r"^(?:https?://)?(?:www\.)?", "", str(value or "").strip().lower()).rstrip("/")


def _same_place(a: Any, b: Any) -> bool:
    x, y = norm(a), norm(b)
    return bool(x and y) and (x in y or y in x)


def count_single(tally: Tally, expected: Any, predicted: Any, same=lambda a, b: a == b) -> bool:
    """One value per document. Returns whether the document got it right (both absent counts as right)."""
    present_e, present_p = expected not in (None, "", []), predicted not in (None, "", [])
    if present_e and present_p and same(expected, predicted):
        tally.tp += 1
        return True
    tally.fp += present_p
    tally.fn += present_e
    return not present_e and not present_p


def count_many(tally: Tally, expected: Iterable[Any], predicted: Iterable[Any]) -> None:
    """Multiset comparison of already-normalised values."""
    e, p = Counter(expected), Counter(predicted)
    hits = sum((e & p).values())
    tally.tp += hits
    tally.fp += sum(p.values()) - hits
    tally.fn += sum(e.values()) - hits


def _same_date(expected: str | None, predicted: str | None) -> bool:
    """At the expected precision: a year-only date matches any month of that year."""
    if expected is None or predicted is None:
        return expected is None and predicted is None
    return predicted[:4] == expected if len(expected) == 4 else predicted == expected


def count_dates(tally: Tally, expected: list[dict], predicted: list[dict]) -> None:
    remaining = [(r.get("start"), r.get("end")) for r in predicted]
    for role in expected:
        match = next((p for p in remaining if _same_date(role["start"], p[0]) and _same_date(role["end"], p[1])), None)
        if match is None:
            tally.fn += 1
        else:
            tally.tp += 1
            remaining.remove(match)
    tally.fp += len(remaining)


def expected_total_years(roles: list[dict], today: date | None = None) -> float:
    """Years covered by the expected roles, overlaps once, current roles up to `today`.

    A range written with years only ("2016 - 2019") is read as mid-year to mid-year: three years.
    """
    today = today or date.today()
    months: set[int] = set()
    now = today.year * 12 + today.month - 1
    for role in roles:
        start, end = role.get("start"), role.get("end")
        if not start:
            continue
        first = int(start[:4]) * 12 + (int(start[5:7]) - 1 if len(start) > 4 else 6)
        last = now if end is None else int(end[:4]) * 12 + (int(end[5:7]) - 1 if len(end) > 4 else 5)
        months.update(range(first, min(last, now) + 1))
    return round(len(months) / 12, 1)


RESUME_FIELDS = (
    "name", "email", "phone", "links", "location", "language", "role titles", "role companies", "role dates",
    "roles (all three)", "skills", "spoken languages", "education", "degrees",
)
JD_FIELDS = ("jd title", "jd seniority", "jd required skills", "jd nice-to-have skills", "jd languages", "jd min years",
             "jd remote", "jd work mode", "jd location", "jd language")


def score_resume(expected: dict, parsed: dict, tallies: dict[str, Tally], today: date | None = None) -> dict:
    """Add one resume to `tallies`; return its misses for the report."""
    t = {name: tallies.setdefault(name, Tally()) for name in RESUME_FIELDS}
    misses: dict[str, Any] = {}
    for key in ("name", "email", "language"):
        if not count_single(t[key], norm(expected[key]) or None, norm(parsed.get(key)) or None):
            misses[key] = parsed.get(key)
    if not count_single(t["phone"], norm_phone(expected["phone"]) or None, norm_phone(parsed.get("phone")) or None):
        misses["phone"] = parsed.get("phone")
    if not count_single(t["location"], expected.get("location"), parsed.get("location"), _same_place):
        misses["location"] = parsed.get("location")
    count_many(t["links"], map(norm_link, expected["links"]), map(norm_link, parsed.get("links") or []))
    roles_e, roles_p = expected["roles"], parsed.get("roles") or []
    for key, name in (("title", "role titles"), ("company", "role companies")):
        before = t[name].tp
        count_many(t[name], [norm(r[key]) for r in roles_e], [norm(r.get(key)) for r in roles_p if r.get(key)])
        if t[name].tp - before < len(roles_e) or len(roles_p) != len(roles_e):
            misses[name] = [r.get(key) for r in roles_p]
    count_dates(t["role dates"], roles_e, roles_p)
    full_e = [(norm(r["title"]), norm(r["company"])) for r in roles_e]
    full_p = [(norm(r.get("title")), norm(r.get("company"))) for r in roles_p]
    count_many(t["roles (all three)"], full_e, full_p)
    skills_e, languages_e = _apart(expected["skills"])
    skills_p = set(parsed.get("skills") or [])
    count_many(t["skills"], skills_e, skills_p)
    if skills_e != skills_p:
        misses["skills"] = {"missed": sorted(skills_e - skills_p), "extra": sorted(skills_p - skills_e)}
    languages_p = set(parsed.get("languages") or [])
    count_many(t["spoken languages"], languages_e, languages_p)
    if languages_e != languages_p:
        misses["languages"] = {"missed": sorted(languages_e - languages_p), "extra": sorted(languages_p - languages_e)}
    _education(t["education"], t["degrees"], expected["education"], parsed.get("education") or [])
    years_e = expected_total_years(roles_e, today)
    years_p = float(parsed.get("total_years") or 0)
    within = abs(years_e - years_p) <= TOTAL_YEARS_TOLERANCE
    if not within:
        misses["total_years"] = {"expected": years_e, "got": years_p}
    return {"misses": misses, "total_years_ok": within}


def _education(entries: Tally, degrees: Tally, expected: list[dict], predicted: list[dict]) -> None:
    remaining = list(predicted)
    for entry in expected:
        match = next((p for p in remaining if _same_place(entry["institution"], p.get("institution"))
                      and entry["year"] == p.get("year")), None)
        if match is None:
            entries.fn += 1
        else:
            entries.tp += 1
            remaining.remove(match)
    entries.fp += len(remaining)
    count_many(degrees, [norm(e["degree"]) for e in expected], [norm(p.get("degree")) for p in predicted
                                                                  if p.get("degree")])


def score_jd(expected: dict, parsed: dict, tallies: dict[str, Tally]) -> dict:
    t = {name: tallies.setdefault(name, Tally()) for name in JD_FIELDS}
    misses: dict[str, Any] = {}
    singles = (("jd title", "title", norm), ("jd seniority", "seniority", norm), ("jd language", "language", norm),
               ("jd min years", "min_years", lambda v: None if v is None else float(v)),
               ("jd remote", "remote", lambda v: v), ("jd work mode", "work_mode", norm))
    for name, key, convert in singles:
        e, p = convert(expected[key]), convert(parsed.get(key))
        if not count_single(t[name], e if e != "" else None, p if p != "" else None):
            misses[key] = parsed.get(key)
    if not count_single(t["jd location"], expected.get("location"), parsed.get("location"), _same_place):
        misses["location"] = parsed.get("location")
    languages_e: set[str] = set()
    for name, key in (("jd required skills", "required_skills"), ("jd nice-to-have skills", "nice_to_have_skills")):
        e, spoken = _apart(expected[key])
        languages_e |= spoken
        p = set(parsed.get(key) or [])
        count_many(t[name], e, p)
        if e != p:
            misses[key] = {"missed": sorted(e - p), "extra": sorted(p - e)}
    languages_p = set(parsed.get("languages") or []) | set(parsed.get("nice_to_have_languages") or [])
    count_many(t["jd languages"], languages_e, languages_p)
    if languages_e != languages_p:
        misses["languages"] = {"missed": sorted(languages_e - languages_p), "extra": sorted(languages_p - languages_e)}
    return {"misses": misses}


def _apart(labelled: list[str]) -> tuple[set[str], set[str]]:
    """(skills, spoken languages) of a labelled skill list: the answers were written when spoken
    languages were listed as skills; the extractor now reports them in `languages`."""
    from documents.skills import is_spoken_language

    return {s for s in labelled if not is_spoken_language(s)}, {s for s in labelled if is_spoken_language(s)}
