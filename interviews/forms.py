"""The interview page's plan form: what the recruiter posted, read into the topics list that
`analysis.services.plan_update` takes (the same shape as `PUT /api/v1/interview/{id}/plan`).

The form posts every topic's id (in the order shown) and question, the new topic's fields, and the
button pressed (`action`): `save`, `add`, `up:<id>`, `down:<id>` or `remove:<id>`. Every button
posts the whole form, so what was typed anywhere is saved along with the move or removal.
"""

from django.http import QueryDict

from analysis.serializers import PlanUpdateInputSerializer
from interview_site.api import ApiError


def _moved(ids: list[str], action: str) -> list[str]:
    verb, _, target = action.partition(":")
    if target not in ids:
        return ids
    at = ids.index(target)
    if verb == "remove":
        return ids[:at] + ids[at + 1:]
    swap = at - 1 if verb == "up" else at + 1 if verb == "down" else at
    if 0 <= swap < len(ids):
        ids = list(ids)
        ids[at], ids[swap] = ids[swap], ids[at]
    return ids


def _first_error(detail) -> str:
    """The first message in a DRF error tree, with where it came from ("Topic 2, question: …")."""
    if isinstance(detail, dict):
        field, inner = next(iter(detail.items()))
        label = "" if field in ("topics", "non_field_errors") else f"{field}: "
        return label + _first_error(inner)
    if isinstance(detail, list):
        for index, inner in enumerate(detail):
            if inner:
                prefix = f"Topic {index + 1}, " if isinstance(inner, dict) else ""
                return prefix + _first_error(inner)
    return str(detail)


def plan_topics_from_post(post: QueryDict, current: list[dict]) -> list[dict]:
    """The topics to store, in order: existing ones by id (with the question only when it changed),
    then the new topic when one was written. Raises ApiError `invalid_plan` for input the API would
    refuse (an empty or too long question, no topics left)."""
    questions = {t.get("id"): " ".join(str(t.get("question") or "").split()) for t in current}
    action = post.get("action", "save")
    topics = []
    for topic_id in _moved(post.getlist("topic"), action):
        item = {"id": topic_id}
        typed = " ".join(post.get(f"question-{topic_id}", "").split())
        if topic_id in questions and typed != questions[topic_id]:
            item["question"] = typed
        topics.append(item)
    new_question, new_name = post.get("new_question", "").strip(), post.get("new_name", "").strip()
    if new_question:
        topics.append({"question": new_question, **({"name": new_name} if new_name else {})})
    elif action == "add":
        raise ApiError("invalid_plan", "Write the new topic's question first.")
    given = PlanUpdateInputSerializer(data={"topics": topics})
    if not given.is_valid():
        raise ApiError("invalid_plan", _first_error(given.errors))
    return given.validated_data["topics"]
