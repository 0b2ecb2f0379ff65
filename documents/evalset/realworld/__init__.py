"""Real-world resumes from public repositories, labelled from their source data or by hand.

`cases()` gives (path, answer) for every document; files whose licence does not allow them in this
repository are read from the rebuild directory that `rebuild.py` fills from fetched mirrors.
`score()` adds one document to field tallies with the evaluation set's own scoring rules.
"""

import json
import os
from pathlib import Path
from typing import Any

from documents.evalset.scoring import Tally, count_many, count_single, norm, norm_phone

HERE = Path(__file__).resolve().parent
FIELDS = ("name", "email", "phone", "role titles", "role companies", "roles (title and company)", "skills")


def rebuild_dir() -> Path:
    """Where rebuild.py writes the documents that are not committed."""
    return Path(os.environ.get("REALWORLD_DIR", HERE.parents[2] / "var" / "evalset-realworld"))


def document_path(expected: dict[str, Any]) -> Path:
    if expected["source"]["committed"]:
        return HERE / "files" / expected["file"]
    return rebuild_dir() / expected["file"]


def cases() -> list[tuple[Path, dict[str, Any]]]:
    """(document path, answer) for every labelled document, committed or rebuilt."""
    return [(document_path(answer), answer)
            for answer in (json.loads(p.read_text(encoding="utf-8")) for p in sorted((HERE / "labels").glob("*.json")))]


def score(expected: dict[str, Any], parsed: dict[str, Any], tallies: dict[str, Tally]) -> dict[str, Any]:
    """Add one document to `tallies`; return its misses. A role part the document does not state
    (a role with no company) is not scored."""
    t = {name: tallies.setdefault(name, Tally()) for name in FIELDS}
    misses: dict[str, Any] = {}
    for key in ("name", "email"):
        if not count_single(t[key], norm(expected[key]) or None, norm(parsed.get(key)) or None):
            misses[key] = parsed.get(key)
    if not count_single(t["phone"], norm_phone(expected["phone"]) or None, norm_phone(parsed.get("phone")) or None):
        misses["phone"] = parsed.get("phone")
    roles_e, roles_p = expected["roles"], parsed.get("roles") or []
    for key, name in (("title", "role titles"), ("company", "role companies")):
        before = t[name].tp
        stated = [norm(r[key]) for r in roles_e if r[key]]
        count_many(t[name], stated, [norm(r.get(key)) for r in roles_p if r.get(key)])
        if t[name].tp - before < len(stated) or len(roles_p) != len(roles_e):
            misses[name] = [r.get(key) for r in roles_p]
    count_many(t["roles (title and company)"], [(norm(r["title"]), norm(r["company"])) for r in roles_e],
               [(norm(r.get("title")), norm(r.get("company"))) for r in roles_p])
    skills_e, skills_p = set(expected["skills"]), set(parsed.get("skills") or [])
    count_many(t["skills"], skills_e, skills_p)
    if skills_e != skills_p:
        misses["skills"] = {"missed": sorted(skills_e - skills_p), "extra": sorted(skills_p - skills_e)}
    return {"misses": misses}
