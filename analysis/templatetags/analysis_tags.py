"""Template helpers for analysis fragments."""

from django import template

register = template.Library()


@register.filter
def fit_chips(fit) -> dict[str, list[dict]]:
    """Skill chips of a fit analysis, {"required": [...], "nice": [...]}, each {text, css, title}.

    `css` is matched, adjacent or missing; a missing required skill with a related one on the
    resume shows once, as adjacent.
    """
    adjacent = {a["required"]: a.get("related") or [] for a in fit.adjacent or []}
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
    return {"required": chips, "nice": nice}


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
