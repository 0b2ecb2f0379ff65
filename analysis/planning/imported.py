"""Fit an imported transcript's questions onto an interview plan, so the usual report can judge it.

A transcript held elsewhere was not asked from our plan. Each interviewer turn becomes one of:
- a question on the plan topic it best matches (a skill both name, else enough shared subject
  words); the topic then carries the question actually asked, so the rubric shows what was asked;
- a follow-up on the current topic ("Why?", "Can you give an example?", a question about what the
  answer just said);
- a new ad-hoc topic for that question when nothing matches (or its best match was already asked
  by an earlier question), under the competency of the closest planned topic, whose strong-answer
  points then judge the answer, else under the closest competency with general points;
- the greeting (no question yet, or only a warm-up: "tell me about yourself") or the closing ("any
  questions for me?", and what follows it unless a planned question clearly comes back), which ask
  nothing to judge, as in a live interview.
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
CLEAR_MATCH = 0.6  # a match this good (or a shared skill, 2+) is a new question even if it points back
FOLLOW_UP_SHARE = 0.3  # share of a question's subject words taken from the current topic or its answers
FOLLOW_UP_REFERRING_WORDS = 6  # a short question pointing back ("where did this come up?") continues the topic
AD_HOC_NAME_WORDS = 8
DEFAULT_COMPETENCY = "Hands-on experience"
_OPENER = re.compile(
    r"^\W*(tell|describe|walk|explain|talk|give|share|show|take|imagine|suppose|list|outline|compare|design|"
    r"how|what|why|when|where|which|who|can|could|would|do|did|have|has|is|are)\b", re.IGNORECASE)
# Words that point back at what was just said: a question with them continues the topic. ("it", "that"
# and "they" are not among them: "how do you make sure your code is tested before it ships?" is new.)
_REFERS = re.compile(
    r"\b(this|there|those|these|then|example|more|else|why|specifically|exactly|next|happened|afterwards|"
    r"instead|differently)\b", re.IGNORECASE)
# An opening warm-up, not judged (as in a live interview, whose greeting's warm-up answers no topic).
_WARM_UP = re.compile(
    r"\bwarm(ing)?[ -]?up\b|\babout yourself\b|\bintroduce yourself\b|\bwalk me through your (resume|cv|background)\b",
    re.IGNORECASE)
# Said when going on with the same topic, or when leaving it.
_REPHRASE = re.compile(r"\b(put it another way|in other words|let me rephrase|to rephrase|ask (it|that) "
                       r"(differently|another way)|more specifically|(a level|go|dig) deeper|you (just )?mentioned|"
                       r"tell me more|walk me through that)\b", re.IGNORECASE)
_NEW_TOPIC = re.compile(r"\b(a different (area|topic|subject)|something (different|else)|change (direction|"
                        r"topics?|gears)|switch(ing)? (gears|topics?)|moving on|next (topic|question|area)|"
                        r"another (topic|area)|let'?s turn to)\b", re.IGNORECASE)
_CLOSING = re.compile(
    r"\bquestions? for (me|us)\b|\b(do you have|have you got|are there) any questions\b|"
    r"\bthanks?( you)?( so much| very much)?( again)? for your time\b|\bbefore we (wrap up|finish|close)\b|"
    r"\bthat'?s (all|everything)( i have| from me| from my side)?\b|\bthat covers (everything|all)\b|"
    r"\bwe(?:'re| are) (out of|at) time\b|\bwhat happens next\b", re.IGNORECASE)


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


def _asks(sentence: str) -> bool:
    return sentence.rstrip().endswith("?") or bool(_OPENER.match(sentence))


def question_part(text: str) -> str:
    """The sentences that ask something, without the acknowledgement before them ("Thanks, that
    helps. Now, how do you ...?"); the whole text when no sentence asks."""
    asked = [text[a:b] for a, b in split_sentences(text) if _asks(text[a:b])]
    return " ".join(asked) or text


def lead_in(text: str) -> str:
    """The sentence just before the first one that asks: what "it" refers to in "We run everything on
    Kubernetes. Have you used it?" ("" when the question comes first)."""
    sentences = [text[a:b] for a, b in split_sentences(text)]
    first = next((i for i, sentence in enumerate(sentences) if _asks(sentence)), 0)
    return sentences[first - 1] if first > 0 else ""


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


def closest_topic(question: str, topics: list[dict]) -> dict | None:
    """The planned topic sharing most subject words with the question (at least MATCH_MIN_SHARED), for a
    question no topic matches: its competency and strong-answer points judge the answer best."""
    asked = _subject(question)
    scored = [(len(asked & relevant_stems(t)), -i, t) for i, t in enumerate(topics) if not t.get("ad_hoc")]
    shared, _, topic = max(scored, default=(0, 0, None), key=lambda x: (x[0], x[1]))
    return topic if shared >= MATCH_MIN_SHARED else None


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


def _points_back(question: str, said: str) -> bool:
    asked = _subject(question)
    return bool(_REPHRASE.search(said)) or len(asked) <= 1 or (
        len(asked) <= FOLLOW_UP_REFERRING_WORDS and bool(_REFERS.search(question)))


def _follows_up(question: str, context: str, said: str) -> bool:
    if _points_back(question, said):
        return True
    asked = _subject(question)
    shared = asked & _subject(context)
    return bool(shared) and len(shared) / len(asked) >= FOLLOW_UP_SHARE


def _ad_hoc_name(question: str) -> str:
    words = question.strip().rstrip("?.!").split()
    name = " ".join(words[:AD_HOC_NAME_WORDS]) + (" …" if len(words) > AD_HOC_NAME_WORDS else "")
    return name[:80]


class _Fitter:
    def __init__(self, topics: list[dict], competencies: list[dict], ad_hoc_points: list[str], role_title: str):
        title = " ".join(role_title.split())
        # "as the new Senior Backend Engineer" names the role, not a subject the question is about.
        self.title = re.compile(rf"\b{re.escape(title)}\b", re.IGNORECASE) if len(title) >= 3 else None
        self.plan = _Topics(topics)
        self.competencies = [dict(c) for c in competencies]
        self.ad_hoc_points = list(ad_hoc_points)
        self.used: set[str] = set()
        self.current: dict | None = None
        self.context = ""  # the current topic's question and everything said on it since
        self.closed = False

    def _add_ad_hoc(self, question: str, said: str, like: dict | None) -> dict:
        like = like or closest_topic(question, self.plan.topics)
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
        if self.closed and self._reopens(text):
            self.closed = False  # "any questions so far?" was not the end: a planned question follows
        if self.closed or (self.used and _CLOSING.search(text)):  # a goodbye comes after questions
            self.closed, self.current = True, None
            return ImportedTurn("interviewer", text, "closing", "", {"imported": True, "match": "closing"})
        if not self.used and (not is_question(text) or _WARM_UP.search(question_part(text))):
            return ImportedTurn("interviewer", text, "greeting", "", {"imported": True, "match": "greeting"})
        if not is_question(text):
            if self.current is None:
                return ImportedTurn("interviewer", text, "greeting", "", {"imported": True, "match": "greeting"})
            return self._follow_up(text)
        said = self.title.sub(" ", text) if self.title else text
        question = question_part(said)
        best, score = self.plan.best(question)
        if lead_in(said):  # "We run everything on Kubernetes. Have you used it?": "it" is in the sentence before
            best, score = max([(best, score), self.plan.best(f"{lead_in(said)} {question}")], key=lambda x: x[1])
        goes_on = self.current is not None and not _NEW_TOPIC.search(said)
        current = self.current or {}
        on_current = best is not None and best["id"] == current.get("source", current.get("id"))
        # A question pointing back ("could you walk me through that part?") stays, unless it clearly asks a
        # planned topic (names its skill, or most of its words).
        if goes_on and (on_current or (score < CLEAR_MATCH and _points_back(question, said))):
            return self._follow_up(text)
        if best is not None and best["id"] not in self.used:
            best["question"] = " ".join(text.split())[:400]  # the rubric shows what was really asked
            return self._open(best, text, "plan", score)
        if goes_on and _follows_up(question, self.context, said):
            return self._follow_up(text)
        topic = self._add_ad_hoc(question, text, best)
        if best is not None:
            topic["source"] = best["id"]
        return self._open(topic, text, "ad_hoc", score)

    def _reopens(self, text: str) -> bool:
        if not is_question(text) or _CLOSING.search(text):
            return False
        best, score = self.plan.best(question_part(self.title.sub(" ", text) if self.title else text))
        return best is not None and best["id"] not in self.used and score >= CLEAR_MATCH

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
                   ad_hoc_points: list[str], role_title: str = "") -> FittedPlan:
    """The plan's topics (matched ones carrying the question asked, ad-hoc ones added after them) and
    each turn of `turns` ([(speaker, text)], speakers "interviewer" or "candidate") with its kind and
    topic. `ad_hoc_points` are the strong-answer points of an ad-hoc topic that resembles no planned one;
    `role_title` (the JD's), when a question names it, is not read as the question's subject.
    """
    fitter = _Fitter(topics, competencies, ad_hoc_points, role_title)
    tagged = [fitter.interviewer(text) if speaker == "interviewer" else fitter.candidate(text)
              for speaker, text in turns]
    return fitter.result(tagged)
