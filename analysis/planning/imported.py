"""Fit an imported transcript's questions onto an interview plan, so the usual report can judge it.

A transcript held elsewhere was not asked from our plan. Each interviewer turn becomes one of:
- a question on the plan topic it best matches (a skill both name, else enough shared subject
  words); the topic then carries the question actually asked, so the rubric shows what was asked;
- a follow-up on the current topic ("Why?", "Can you give an example?", a question about what the
  answer just said);
- a new ad-hoc topic for that question, under the closest competency, when nothing matches (or
  its best match was already asked by an earlier question);
- the greeting (no question yet) or the closing ("any questions for me?"), which ask nothing to judge.
Candidate turns answer the topic of the interviewer turn before them. Rules only, deterministic:
the same words the offline judge reads (`judge.content_stems`, `substance.relevant_stems`) and the
skill taxonomy (`taxonomy.skill_lines`).
"""

import re
from dataclasses import dataclass, field

from ..assessment.substance import GENERIC, relevant_stems
from ..injection import split_sentences
from ..reporting.judge import content_stems
from ..taxonomy import skill_key, skill_lines
from .build import describe

MATCH_MIN_SHARED = 2.0  # subject words a question shares with a topic (points count half) to match it
MATCH_MIN_SHARE = 0.34  # ... and the share of the question's own subject words they make up
FOLLOW_UP_SHARE = 0.3  # share of a question's subject words taken from the current topic or its answers
AD_HOC_NAME_WORDS = 8
DEFAULT_COMPETENCY = "Hands-on experience"
_OPENER = re.compile(
    r"^\W*(tell|describe|walk|explain|talk|give|share|show|take|imagine|suppose|list|outline|compare|design|"
    r"how|what|why|when|where|which|who|can|could|would|do|did|have|has|is|are)\b", re.IGNORECASE)
# Words that point back at what was just said: a question with them continues the topic.
_REFERS = re.compile(
    r"\b(that|this|it|there|those|these|then|they|example|more|else|why|specifically|exactly|next|outcome|"
    r"result|impact|happened|afterwards|instead|differently)\b", re.IGNORECASE)
_CLOSING = re.compile(
    r"\bquestions? for (me|us)\b|\bthanks?( you)?( so much| very much)? for your time\b|"
    r"\bthat'?s (all|everything)( i have| from me| from my side)?\b|\bwe(?:'re| are) (out of|at) time\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class ImportedTurn:
    """One turn of the transcript as stored: `kind` and `topic_id` as a live interview's turns have them."""

    speaker: str
    text: str
    kind: str
    topic_id: str
    meta: dict = field(default_factory=dict)


@dataclass
class FittedPlan:
    topics: list[dict]
    competencies: list[dict]
    turns: list[ImportedTurn]


def _subject(text: str) -> set[str]:
    return {s for s in content_stems(text) if len(s) >= 3} - GENERIC


def _skills(text: str) -> set[str]:
    return {skill_key(name) for name in skill_lines(text)}


def question_part(text: str) -> str:
    """The sentences that ask something, without the acknowledgement before them ("Thanks, that
    helps. Now, how do you ...?"); the whole text when no sentence asks."""
    asked = [text[a:b] for a, b in split_sentences(text) if text[a:b].rstrip().endswith("?")
             or _OPENER.match(text[a:b])]
    return " ".join(asked) or text


def is_question(text: str) -> bool:
    return "?" in text or any(_OPENER.match(text[a:b]) for a, b in split_sentences(text))


class _Topics:
    """The plan's topics with what matching needs, read once."""

    def __init__(self, topics: list[dict]):
        self.topics = [dict(t) for t in topics]
        self.skills = {t["id"]: _skills(f"{t.get('name', '')}\n{t.get('competency', '')}") for t in self.topics}
        self.words = {t["id"]: _subject(f"{t.get('name', '')} {t.get('question', '')}") for t in self.topics}
        self.points = {t["id"]: relevant_stems(t) for t in self.topics}

    def score(self, question: str, topic: dict) -> float:
        """How well `question` matches `topic`: 0 for no match, above 2 when a skill is shared."""
        asked = _subject(question)
        if not asked:
            return 0.0
        tid = topic["id"]
        shared = len(asked & self.words[tid]) + 0.5 * len((asked & self.points[tid]) - self.words[tid])
        share = shared / len(asked)
        if _skills(question) & self.skills[tid]:
            return 2.0 + share
        return share if shared >= MATCH_MIN_SHARED and share >= MATCH_MIN_SHARE else 0.0

    def best(self, question: str) -> tuple[dict | None, float]:
        scored = [(self.score(question, t), -i, t) for i, t in enumerate(self.topics) if not t.get("ad_hoc")]
        value, _, topic = max(scored, default=(0.0, 0, None), key=lambda x: (x[0], x[1]))
        return (topic, value) if value > 0 else (None, 0.0)


def closest_competency(question: str, topics: list[dict], competencies: list[dict]) -> str:
    """The competency whose description and topics share most subject words with the question."""
    asked = _subject(question)
    best, best_shared = None, 0
    for competency in competencies:
        words = _subject(competency.get("description", "")) | _subject(competency["name"])
        for topic in (t for t in topics if t.get("competency") == competency["name"]):
            words |= relevant_stems(topic)
        shared = len(asked & words)
        if shared > best_shared:
            best, best_shared = competency["name"], shared
    names = [c["name"] for c in competencies]
    return best or (DEFAULT_COMPETENCY if DEFAULT_COMPETENCY in names or not names else names[0])


def _follows_up(question: str, context: str) -> bool:
    asked = _subject(question)
    if len(asked) <= 1 or (len(asked) == 2 and _REFERS.search(question)):
        return True
    shared = asked & _subject(context)
    return bool(shared) and len(shared) / len(asked) >= FOLLOW_UP_SHARE


def _ad_hoc_name(question: str) -> str:
    words = question.strip().rstrip("?.!").split()
    name = " ".join(words[:AD_HOC_NAME_WORDS]) + (" …" if len(words) > AD_HOC_NAME_WORDS else "")
    return name[:80]


class _Fitter:
    def __init__(self, topics: list[dict], competencies: list[dict], ad_hoc_points: list[str]):
        self.plan = _Topics(topics)
        self.competencies = [dict(c) for c in competencies]
        self.ad_hoc_points = list(ad_hoc_points)
        self.used: set[str] = set()
        self.current: dict | None = None
        self.context = ""  # the current topic's question and everything said on it since
        self.closed = False

    def _add_ad_hoc(self, question: str, said: str, like: dict | None) -> dict:
        competency = like["competency"] if like else closest_competency(question, self.plan.topics, self.competencies)
        topic = {
            "id": f"t{len(self.plan.topics) + 1}", "name": _ad_hoc_name(question), "competency": competency,
            "kind": "imported", "why": "Asked in the imported transcript; no planned topic was left that matched it.",
            "question": " ".join(said.split())[:400],
            "strong_answer": list(like["strong_answer"]) if like else list(self.ad_hoc_points),
            "minutes": 0, "follow_ups": 0, "reserve": False, "ad_hoc": True,
        }
        self.plan.topics.append(topic)
        return topic

    def _open(self, topic: dict, text: str, how: str, score: float) -> ImportedTurn:
        self.used.add(topic["id"])
        self.current, self.context = topic, text
        return ImportedTurn("interviewer", text, "question", topic["id"], {"imported": True, "match": how,
                                                                           "score": round(score, 2)})

    def interviewer(self, text: str) -> ImportedTurn:
        if self.closed or (self.used and _CLOSING.search(text)):  # a goodbye comes after questions
            self.closed, self.current = True, None
            return ImportedTurn("interviewer", text, "closing", "", {"imported": True, "match": "closing"})
        if not is_question(text):
            if self.current is None:
                return ImportedTurn("interviewer", text, "greeting", "", {"imported": True, "match": "greeting"})
            return self._follow_up(text)
        question = question_part(text)
        best, score = self.plan.best(question)
        if best is None and question != text:  # "We run everything on Kubernetes. Have you used it?"
            best, score = self.plan.best(text)
        on_current = self.current is not None and best is not None and \
            best["id"] == self.current.get("source", self.current["id"])
        if on_current:
            return self._follow_up(text)
        if best is not None and best["id"] not in self.used:
            best["question"] = " ".join(text.split())[:400]  # the rubric shows what was really asked
            return self._open(best, text, "plan", score)
        if self.current is not None and _follows_up(question, self.context):
            return self._follow_up(text)
        topic = self._add_ad_hoc(question, text, best)
        if best is not None:
            topic["source"] = best["id"]
        return self._open(topic, text, "ad_hoc", score)

    def _follow_up(self, text: str) -> ImportedTurn:
        self.context += "\n" + text
        return ImportedTurn("interviewer", text, "follow_up", self.current["id"], {"imported": True,
                                                                                  "match": "follow_up"})

    def candidate(self, text: str) -> ImportedTurn:
        if self.current is not None:
            self.context += "\n" + text
        return ImportedTurn("candidate", text, "answer", self.current["id"] if self.current else "",
                            {"imported": True})

    def result(self, turns: list[ImportedTurn]) -> FittedPlan:
        topics = [{k: v for k, v in t.items() if k not in ("ad_hoc", "source")} for t in self.plan.topics]
        named = {c["name"] for c in self.competencies}
        extra = [{"name": n, "description": describe(n)} for n in dict.fromkeys(t["competency"] for t in topics)
                 if n not in named]
        return FittedPlan(topics=topics, competencies=self.competencies + extra, turns=turns)


def fit_transcript(*, topics: list[dict], competencies: list[dict], turns: list[tuple[str, str]],
                   ad_hoc_points: list[str]) -> FittedPlan:
    """The plan's topics (matched ones carrying the question asked, ad-hoc ones added after them) and
    each turn of `turns` ([(speaker, text)], speakers "interviewer" or "candidate") with its kind and
    topic. `ad_hoc_points` are the strong-answer points of an ad-hoc topic that resembles no planned one.
    """
    fitter = _Fitter(topics, competencies, ad_hoc_points)
    tagged = [fitter.interviewer(text) if speaker == "interviewer" else fitter.candidate(text)
              for speaker, text in turns]
    return fitter.result(tagged)
