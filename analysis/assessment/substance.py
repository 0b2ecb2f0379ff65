"""Answers that cannot be evidence for a topic: off-topic, or a repeat of an earlier answer.

Both are judged before scoring, so a candidate who answers every question with the same paragraph,
or talks about something else entirely, gets "not enough evidence" rather than an invented score.
Relevance is deliberately lenient: one shared subject word with the topic, its question or its
strong-answer points is enough; everyday words ("work", "team", "time") do not count. A short,
vague answer gets the benefit of the doubt, unless it is a canned line given to several topics.
So does a reply to a follow-up once the candidate has answered the topic in the topic's own terms:
the interviewer's follow-up ("what was the hardest problem there?") steers it, so it continues the
topic in its own words ("a NEWS2 score that looked stable while the lactate rose") without
repeating the topic's. (The report's context does not carry the follow-up's words to this module;
with them, relevance could be checked against what was actually asked.)
"""

from ..injection import strip_instructions
from ..reporting.judge import content_stems, judged_text, share_terms, stem

GENERIC = frozenset(stem(w) for w in """
    tell time times work worked working team teams project projects thing things make made use used good great
    hard recent last year years day days way people someone something think know like want need get got go went
    see look help new first one two lot lots really well also best better always never every everyone happy
    fine job jobs company place part person life world today yesterday week month love enjoy fun nice
    """.split())
OFF_TOPIC_MIN_STEMS = 6  # fewer subject words than this: a short answer may mean the topic by "it"
REPEAT_SIMILARITY = 0.85  # share of distinct words two answers have in common to count as the same answer


def relevant_stems(topic: dict) -> set[str]:
    """Subject words of a topic: its name, its question and its strong-answer points, without everyday words."""
    text = " ".join([str(topic.get("name", "")), str(topic.get("question", "")),
                     *[str(p) for p in topic.get("strong_answer") or []]])
    return {s for s in content_stems(text) if len(s) >= 3} - GENERIC


def off_topic(text: str, topic: dict, *, min_stems: int = OFF_TOPIC_MIN_STEMS) -> bool:
    """True when a substantial answer shares no subject word with its topic.

    A short, vague answer ("I have used it for years, it is a good language") may mean the topic
    by "it": it is left to the substance check and the rubric, which score it low. A topic with no
    subject words of its own cannot judge relevance, so nothing is off-topic there.
    """
    wanted = relevant_stems(topic)
    answer = _subject_stems(text) - GENERIC
    return bool(wanted) and len(answer) >= min_stems and not share_terms(answer, wanted)


def _subject_stems(text: str) -> set[str]:
    # Content words only, instructions to the evaluator removed: two short answers are not "the
    # same" because both use "the" and "I", or both end with the same plea for a top score, and a
    # plea is not a subject of its own.
    return content_stems(judged_text(strip_instructions(text)[0]))


def same_answer(one: str, other: str) -> bool:
    a, b = _subject_stems(one), _subject_stems(other)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= REPEAT_SIMILARITY and min(len(a), len(b)) >= 5


def unusable(answers: dict[str, list[dict]], topics: list[dict]) -> dict[int, str]:
    """Why answers cannot be evidence, by seq: "repeat" of an earlier topic's answer, or "off-topic"."""
    by_id = {t["id"]: t for t in topics}
    ordered = sorted(((topic_id, a) for topic_id, group in answers.items() for a in group), key=lambda x: x[1]["seq"])
    earlier: list[tuple[str, str]] = []
    engaged: set[str] = set()  # topics the candidate has already given a usable answer to
    reasons: dict[int, str] = {}
    for topic_id, answer in ordered:
        text = answer["text"]
        repeat = any(other_topic != topic_id and same_answer(text, other) for other_topic, other in earlier)
        # A canned line given to several topics must be about the first one to count there: the
        # leniency for short, vague answers ("it is a good language") does not extend to it.
        canned = any(other_topic != topic_id and same_answer(text, a["text"])
                     for other_topic, group in answers.items() for a in group)
        earlier.append((topic_id, text))
        follow_up = topic_id in engaged and not canned
        if repeat:
            reasons[answer["seq"]] = "repeat"
        elif not follow_up and off_topic(text, by_id.get(topic_id, {}),
                                         min_stems=1 if canned else OFF_TOPIC_MIN_STEMS):
            reasons[answer["seq"]] = "off-topic"
        elif _shares_subject(text, by_id.get(topic_id, {})):
            engaged.add(topic_id)  # demonstrably on the topic, not merely given the benefit of the doubt
    return reasons


def _shares_subject(text: str, topic: dict) -> bool:
    return share_terms(_subject_stems(text) - GENERIC, relevant_stems(topic))


def judgeable(answers: dict[str, list[dict]], topics: list[dict]) -> dict[str, list[dict]]:
    """The answers by topic, with off-topic answers and repeats of an earlier topic's answer blanked.

    A blanked answer keeps its place (and seq), so the report still says the topic was answered
    without substance, rather than that it was never asked.
    """
    blanked = unusable(answers, topics)
    return {topic_id: [{**a, "text": ""} if a["seq"] in blanked else a for a in group]
            for topic_id, group in answers.items()}
