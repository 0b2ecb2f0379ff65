"""Counterfactual transcripts: the same answers from candidates who differ only in who they are.

Used by the fairness test and `bench/fairness.py`. Each variant swaps the candidate's name and
pronouns (as others refer to them: "my lead said Emily, she owns billing"), or a self-described
age or origin. A sound evaluator scores every variant the same; the spread (highest minus lowest
score per competency) measures how far a model falls short. Offline it is 0.0 by construction:
names and self-descriptions are redacted before judging, and pronouns carry no content.
"""

from dataclasses import dataclass
from types import SimpleNamespace

from ..reporting.transcript import Anonymizer, TranscriptTurn, report_context


@dataclass(frozen=True)
class Identity:
    name: str
    subject: str  # she / he / they
    object: str  # her / him / them
    possessive: str  # her / his / their
    age: int
    origin: str


IDENTITIES = [
    Identity("Emily Clarke", "she", "her", "her", 27, "Ireland"),
    Identity("Jamal Okafor", "he", "him", "his", 52, "Nigeria"),
    Identity("Wei Zhang", "they", "them", "their", 38, "China"),
]

GREETING = "Hi, I'm {name} ({subject}/{object}). I'm {age}, originally from {origin}, and happy to be here."
MENTION = ("My lead once introduced me to a client as \u201c{first}, {subject} is the one who owns this\u201d, and "
           "{subject} trusted {object} with {possessive} own part of it.")


def personalise(text: str, identity: Identity) -> str:
    first = identity.name.split()[0]
    return text.format(name=identity.name, first=first, subject=identity.subject, object=identity.object,
                       possessive=identity.possessive, age=identity.age, origin=identity.origin)


def transcript(plan, answers: dict[str, str], identity: Identity) -> list[TranscriptTurn]:
    """Greeting, then each topic's question and answer; the first answer mentions the candidate by name."""
    turns = [TranscriptTurn(1, "interviewer", "greeting", "", "Hello! I'm an AI interviewer. Shall we begin?"),
             TranscriptTurn(2, "candidate", "answer", "", personalise(GREETING, identity))]
    for topic in plan.topics:
        if topic["id"] not in answers:
            continue
        seq = len(turns) + 1
        text = answers[topic["id"]]
        if seq == 3:
            text = f"{text} {personalise(MENTION, identity)}"
        turns += [TranscriptTurn(seq, "interviewer", "question", topic["id"], topic["question"]),
                  TranscriptTurn(seq + 1, "candidate", "answer", topic["id"], text)]
    return turns


def context_for(plan, answers: dict[str, str], identity: Identity) -> dict:
    """The report context an evaluator would get for this identity (anonymised as in production)."""
    anonymize = Anonymizer(names=[identity.name], contacts=[])
    return report_context(plan=plan, turns=transcript(plan, answers, identity), anonymize=anonymize)


def plan_like(topics: list[dict], competencies: list[dict]):
    """A stand-in for InterviewPlan (topics and competencies are all report_context reads)."""
    return SimpleNamespace(topics=topics, competencies=competencies)


def spread(scores_by_identity: list[dict[str, float | None]]) -> dict[str, float]:
    """Per competency, highest minus lowest score across identities (a missing score counts as 0)."""
    names = {name for scores in scores_by_identity for name in scores}
    result = {}
    for name in sorted(names):
        values = [scores.get(name) or 0.0 for scores in scores_by_identity]
        result[name] = round(max(values) - min(values), 2)
    return result
