"""How a strong candidate tells a story, whatever its line of work (placeholders from a field's profile and story).

Each is one real situation told the way experienced people tell it: the constraints first, the
options weighed, what they personally did, how they checked it, and what they would change.
A field's own design and delivery accounts live with the field (`fields`).
"""

DEBUGGING = [
    "The hardest one was {pitfall}.",
    "I formed hypotheses and narrowed the problem down step by step, ruling out one cause at a time.",
    "I used evidence rather than guesses: {evidence}.",
    "I fixed the root cause, not only the symptom, by {fix}.",
    "To prevent a recurrence I added a check to our routine, an early warning and a short write-up for the team.",
]
COLLABORATION = [
    "A colleague and I disagreed about {disagreement}; before arguing I made sure I could state the other side's "
    "view fairly, because they had a real point about the risk.",
    "Instead of deciding by seniority or by who argued loudest, we agreed shared criteria and used data from a "
    "two-week trial to decide.",
    "I communicated clearly in writing, kept the working relationship intact, and gave them credit in the review.",
    "The outcome was a compromise that cut the risk by half, and I learned to agree on criteria before options.",
]
# Follow-ups on the story just told: made concrete step by step, or the decision behind it.
CONCRETE = [
    "Take {thing}, {scale}.",
    "Step by step: first I {own}; then the problem was {pitfall}, which I traced from {evidence}.",
    "I fixed it by {fix}, and I checked the result with {check}.",
    "It turned out well, and with hindsight I would {hindsight}.",
]
TRADEOFF = [
    "On {thing} the trade-off was {tradeoff}.",
    "I decided it with the people affected, on evidence rather than opinion: {evidence}.",
    "I would make the same call again, but I would {hindsight}.",
]
SCENARIO = (
    "In the first hour I would make sure I understand the impact and who is affected, tell my lead and the people "
    "waiting on it, and pick the smallest safe step first, because a calm, reversible decision beats a fast wrong "
    "one. Then I would write down what happened for the team."
)


def told(lines: list[str], **values: str) -> str:
    return " ".join(line.format(**values) for line in lines)
