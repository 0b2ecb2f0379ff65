"""Template helpers for analysis fragments."""

from django import template

register = template.Library()


_STATUS_TITLE = {
    "matched": "Required — on the resume",
    "implied": "Required — shown through {via}",
    "unclear": "Required — unclear from the resume: to confirm in the interview",
    "missing": "Required — not on the resume",
}


def _required_chip(entry: dict, adjacent: dict[str, list[str]]) -> dict:
    skill, status, via, evidence = entry["skill"], entry["status"], entry.get("via"), entry.get("evidence")
    title = _STATUS_TITLE.get(status, _STATUS_TITLE["missing"]).format(via=via)
    chip = {"text": skill, "css": status, "title": title, "via": via if status == "implied" else None,
            "evidence": evidence, "status": status}
    if status == "unclear" and adjacent.get(skill):
        related = ", ".join(adjacent[skill])
        chip.update(text=f"{skill} \u2248 {related}", title=f"{title}; related on the resume: {related}")
    if evidence:
        chip["title"] += f" — \u201c{evidence}\u201d"
    return chip


@register.filter
def fit_chips(fit) -> dict[str, list[dict]]:
    """Skill chips of a fit analysis, {"required", "nice", "languages"}, each {text, css, title, ...}.

    A required chip's `css` is its status: matched, implied (with `via`), unclear (shown with its
    related skill when there is one) or missing; `evidence` is the resume line behind it, also in
    the hover title. Spoken languages are chips of their own, never skills. A fit stored before
    statuses existed shows as before: matched, adjacent or missing.
    """
    adjacent = {a["required"]: a.get("related") or [] for a in fit.adjacent or []}
    statuses = getattr(fit, "required_status", None) or []
    if statuses:
        chips = [_required_chip(entry, adjacent) for entry in statuses]
    else:
        chips = [{"text": s, "css": "matched", "title": "Required — on the resume"} for s in fit.matched_required or []]
        for skill in fit.missing_required or []:
            if skill in adjacent:
                related = ", ".join(adjacent[skill])
                chips.append({"text": f"{skill} \u2248 {related}", "css": "adjacent",
                              "title": f"Required — not on the resume; related: {related}"})
            else:
                chips.append({"text": skill, "css": "missing", "title": "Required — not on the resume"})
    nice = [{"text": s, "css": "matched", "title": "Nice to have — on the resume"} for s in fit.matched_nice or []]
    nice += [{"text": s, "css": "missing", "title": "Nice to have — not on the resume"} for s in fit.missing_nice or []]
    return {"required": chips, "nice": nice, "languages": _language_chips(getattr(fit, "languages", None) or {})}


def _language_chips(languages: dict) -> list[dict]:
    missing = set(languages.get("missing") or [])
    chips = [{"text": name, "css": "missing" if name in missing else "matched",
              "title": "Spoken language asked for — " + ("not shown on the resume" if name in missing else "shown")}
             for name in languages.get("required") or []]
    chips += [{"text": name, "css": "language", "title": "Spoken language: a plus for the role"}
              for name in languages.get("nice") or [] if name not in (languages.get("required") or [])]
    asked = set(languages.get("required") or []) | set(languages.get("nice") or [])
    chips += [{"text": name, "css": "language", "title": "Spoken language on the resume"}
              for name in languages.get("candidate") or [] if name not in asked]
    return chips


@register.filter
def score_label(score) -> str:
    """A competency score as shown to recruiters: "4 / 5", or "not enough evidence"."""
    if score is None:
        return "not enough evidence"
    return f"{score:g} / 5"


@register.filter
def as_datetime(value):
    """An ISO 8601 string (as stored in report JSON) as a datetime, for the `date` filter."""
    from django.utils.dateparse import parse_datetime

    try:
        return parse_datetime(value) or value
    except (TypeError, ValueError):
        return value
