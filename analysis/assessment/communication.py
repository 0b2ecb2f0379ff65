"""Communication: how clearly the answers got their content across, judged on content alone.

Per substantive answer three things count, each observable in the words: it answers the question
asked (shares its subject), it grounds the point in a concrete example (numbers, named things,
own actions), and it explains reasoning (because, so that, the trade-off, instead of...). The
text is judged after fillers and stutters are removed, on word stems, so accent, dialect,
filler words ("um", "like", "you know"), grammar and non-native fluency cannot move the score.
Nothing is inferred about emotions, confidence or personality.
"""

import re

from ..injection import strip_instructions
from ..reporting.judge import best_quote, content_stems, detail_score, is_substantive, judged_text
from ..reporting.policy import round_half_up
from . import substance

BASIS = (
    "Judged on content only: whether answers addressed the question, gave a concrete example and explained "
    "their reasoning. Accent, dialect, filler words, grammar and fluency are not considered."
)
_REASONING = re.compile(
    r"\b(because|so that|which meant|that meant|the reason|reasons?|trade-?offs?|instead of|rather than|as a result|"
    r"that's why|therefore|in order to|which is why|first\b.*\bthen|the downside|the risk|compared|the goal)\b",
    re.IGNORECASE | re.DOTALL,
)
WEIGHTS = (1.5, 1.25, 1.25)  # addressed the question, concrete example, reasoning; 1 + sum = 5


ADDRESSED_STEMS = 2  # subject words shared with the question and its topic; the skill's name alone is not enough


def _answer_score(text: str, topic: dict) -> float:
    addressed = len(content_stems(text) & substance.relevant_stems(topic)) >= ADDRESSED_STEMS
    concrete = detail_score(text) >= 0.3
    reasoned = bool(_REASONING.search(text))
    return 1.0 + sum(w for w, ok in zip(WEIGHTS, (addressed, concrete, reasoned), strict=True) if ok)


def communication_assess(context: dict) -> dict:
    """{"score": 1-5 or None, "evidence": [{seq, quote}], "basis"} from the report context's answers."""
    topics = {t["id"]: t for t in context.get("topics") or []}
    answers: dict[str, list[dict]] = {}
    for turn in context.get("turns") or []:
        if turn["role"] == "candidate" and turn["topic_id"] in topics:
            answers.setdefault(turn["topic_id"], []).append(turn)
    scored: list[tuple[float, dict]] = []
    # Off-topic answers and repeats of an earlier answer are blanked: they say nothing new.
    for topic_id, group in substance.judgeable(answers, list(topics.values())).items():
        for turn in group:
            text = judged_text(strip_instructions(turn["text"])[0])
            if is_substantive(text):
                scored.append((_answer_score(text, topics[topic_id]), turn))
    if not scored:
        return {"score": None, "evidence": [], "basis": BASIS}
    score = min(5, max(1, round_half_up(sum(s for s, _ in scored) / len(scored))))
    evidence = []
    for _, turn in sorted(scored, key=lambda item: (-item[0], item[1]["seq"]))[:2]:
        topic = topics[turn["topic_id"]]
        quote = best_quote(turn["text"], points=list(topic.get("strong_answer") or []), echoed=set())
        if quote:
            evidence.append({"seq": turn["seq"], "quote": quote})
    return {"score": score, "evidence": sorted(evidence, key=lambda e: e["seq"]), "basis": BASIS}
