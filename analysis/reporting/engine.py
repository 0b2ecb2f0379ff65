"""What produced a report's judgement, said wherever it reaches a person.

`engine` is `offline` (the rule-based stand-in), the model id that judged it, or `offline fallback`
(a model was configured but its output could not be used, so the rules judged instead: for the whole
report when the model's answer failed validation after its one repair, or for one competency when the
model scored it without evidence that holds up). With a model, the rules' reading runs beside it as a
check; a gap of DISAGREEMENT_GAP points or more on a competency is shown, never hidden.
"""

from django.conf import settings

OFFLINE = "offline"
OFFLINE_FALLBACK = "offline fallback"
DISAGREEMENT_GAP = 2
OFFLINE_ADVICE = ("These scores come from the offline rule-based stand-in, which matches words rather than "
                  "meaning: use them as a rough guide only, and configure a model (LLM_MAIN) for real assessments.")


def is_offline(engine: str) -> bool:
    return engine in (OFFLINE, OFFLINE_FALLBACK)


def configured_engine(role: str = "main") -> str:
    """The model id the report prompt's role is configured with, or `offline`."""
    spec = (settings.LLM_MAIN if role == "main" else settings.LLM_MINI).split("?")[0].strip()
    return OFFLINE if spec.startswith(OFFLINE) else spec.partition(":")[2] or spec


def answered_by(*, interview_id: int, configured: str, prompt_name: str = "report") -> str:
    """Who actually answered the last report call: a gateway fallback (LLM_FALLBACK) may have stepped in."""
    from llm.models import ModelCall

    if configured == OFFLINE:
        return OFFLINE
    call = (ModelCall.objects.filter(interview_id=interview_id, prompt_name=prompt_name, outcome__in=("ok", "retried"))
            .order_by("-pk").first())
    if call is None:
        return configured
    return OFFLINE_FALLBACK if call.provider == OFFLINE else call.model


def fallback_reason(exc: BaseException) -> str:
    """Why the model's report was not used, in words for a recruiter; never the model's own text (an error
    quotes what it answered, which a candidate's answer may have steered)."""
    message = str(exc)
    if "after a repair" in message or "invalid" in message.casefold():
        return "its answer was invalid: it did not match the report's schema, even after one repair"
    if "within" in message and "s" in message:
        return "it did not answer in time"
    return f"the call failed ({type(exc).__name__})"


def engine_note(engine: str, *, fallback: dict | None, fallback_competencies: list[str]) -> str:
    """One sentence for the recruiter on what judged this report."""
    if engine == OFFLINE:
        return OFFLINE_ADVICE
    if engine == OFFLINE_FALLBACK:
        model = (fallback or {}).get("model") or "the configured model"
        return (f"{model} did not give a usable report ({(fallback or {}).get('reason') or 'no valid answer'}), so "
                f"the offline rule-based stand-in judged it instead. {OFFLINE_ADVICE}")
    note = "The rule-based reading ran beside the model as a check; a gap of 2 points or more is shown."
    if fallback_competencies:
        note += (f" The model's scores for {', '.join(fallback_competencies)} had no evidence that holds up, so the "
                 "rule-based reading scored them (marked offline fallback).")
    return note


def disagreements(competencies: list[dict]) -> list[dict]:
    """Competencies where the model's score and the rules' differ by DISAGREEMENT_GAP points or more."""
    found = []
    for item in competencies:
        model, rules = item.get("score"), item.get("rules_score")
        if item.get("engine") in (OFFLINE, OFFLINE_FALLBACK) or model is None or rules is None:
            continue
        if abs(model - rules) >= DISAGREEMENT_GAP:
            found.append({
                "competency": item["name"], "model_score": model, "rules_score": rules,
                "note": f"The model and the rule-based reading disagree on {item['name']}: the model gave {model:g}, "
                        f"the rules {rules:g}. Read the evidence before relying on either.",
            })
    return found
