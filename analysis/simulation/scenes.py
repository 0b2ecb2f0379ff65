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


# The general behavioural questions a plan holds after the role's own topics (planning.wording.GENERAL_TOPICS).
LEARNING_FAST = [
    "On {thing} I had to learn something new quickly: {limit} came up and the deadline was two weeks away.",
    "I went about it deliberately: the best sources I could find, practice on a small real case, and questions to a "
    "colleague who knew it well.",
    "I checked I had got it right with {check}, and asked that colleague to review my first piece of work.",
    "Next time I would start the practice earlier; the reading alone did not make it stick.",
]
PRIORITIES = [
    "On {thing}, {scale}, I had three deadlines landing in the same week.",
    "I decided what came first on explicit criteria: impact, urgency and who was waiting on each.",
    "I told the people affected early and agreed with my manager what would slip, instead of quietly working late.",
    "The two urgent pieces went out on time, the third a week later, and I now plan a buffer for weeks like that.",
]
MISTAKE = [
    "A mistake that was mine: on {thing} I missed {pitfall}.",
    "As soon as I saw it I told the people affected and my manager, and I limited the damage by {fix}.",
    "I found why it happened from {evidence}: I had skipped a check under time pressure.",
    "The lasting change: I {hindsight}, and I built that check into my routine.",
]
EXPLAINING = [
    "On {thing} I had to explain {pitfall} to someone outside my field who had to decide on it.",
    "I started from what they needed to decide, used plain words and one comparison from their own work instead of "
    "jargon, and drew the options on one page.",
    "I checked their understanding by asking them to tell me back what they would do, rather than assuming it.",
    "They made the decision that week, and they asked me to brief the rest of their team the same way.",
]
PRESSURE = [
    "The week {pitfall} came to a head on {thing}, {scale}, with a hard deadline that Friday.",
    "I triaged first: what would hurt most if it slipped got my attention first, the rest waited.",
    "I kept everyone informed twice a day, my manager and the people waiting on it, so nobody was surprised.",
    "We made the deadline; afterwards I put in place {fix} so it would not pile up again.",
]
FEEDBACK = [
    "The most useful critical feedback I received was that my updates on {thing} came too late for others to act "
    "on.",
    "I did not argue with it; I changed my own behaviour and started sending a short update every Monday.",
    "It held: in the next review the same colleague said the updates were the thing that kept the project calm.",
    "Since then I ask for feedback at the end of every piece of work instead of waiting for the review.",
]
INITIATIVE = [
    "Nobody had asked me to, but on {thing} I kept seeing {pitfall}, and it was costing the team hours every week.",
    "Before acting beyond my own remit I made the case to my manager and the people it touched, with the numbers.",
    "Then I fixed it myself, within what I could change, by {fix}.",
    "The result: {check}, and the fix has lasted; I would raise it even sooner next time.",
]
IMPROVING = [
    "The process I improved was on {thing}: {limit} meant work was done twice, and I could show it from {evidence}.",
    "I weighed two ways to improve it, a new tool or a simpler routine, and chose the routine because it was cheaper "
    "to try.",
    "I brought the people who used it along, tried it with them for two weeks and adjusted it from what they said.",
    "Before and after: {check}, which showed the change had helped.",
]
HELPING = [
    "A newcomer on {thing} was struggling with {pitfall}; what they needed was a way in, not me doing it for them.",
    "I paired with them for an hour a day for two weeks, gave them worked examples and short feedback on each piece.",
    "I let them do the work and make the calls, and only stepped in when they asked.",
    "Within a month they handled it on their own, and later they were the one explaining it to the next newcomer.",
]
UNCLEAR_GOAL = [
    "On {thing} the goal I was given was vague and changed twice in the first month.",
    "I went back to the people who owned the goal and asked what decision our work should help them make.",
    "I wrote down my assumptions and what done would look like, and got them agreed in writing.",
    "Then I moved in small steps, checking each with them; we delivered {check}, and I now start vague work that way.",
]
HARD_CONVERSATION = [
    "The hardest conversation I had was telling a manager that {thing} would be a month late because of {pitfall}.",
    "I prepared: the facts, what they would worry about, and two options with what each would cost them.",
    "In the conversation I was direct about the delay and respectful of the pressure they were under.",
    "We agreed on the smaller option; the work landed, and the relationship was better for the honesty.",
]
DETAILS = [
    "Getting every detail right mattered on {thing}, {scale}: one wrong figure would have meant {pitfall}.",
    "I checked deliberately: a checklist, a second pair of eyes on every change, and {check}.",
    "That caught a real error before it went out, a value entered in the wrong unit.",
    "The checklist is now part of my routine and the team's.",
]
GOAL = [
    "A goal I set myself on {thing}: cut the time {limit} cost us by a third within a quarter.",
    "I broke it into monthly steps and tracked the figure every Friday in a small sheet.",
    "Halfway through the plan stopped working, so I changed the approach to {fix} instead of giving up.",
    "I reached about a quarter, not a third; I learned to test the riskiest step first.",
]
ADAPTING = [
    "The change I did not choose was a reorganisation in the middle of {thing}: a new manager and a new process.",
    "Before judging it I asked the new manager why it was made; the reason, {limit}, was a fair one.",
    "I adapted my own way of working step by step: shorter updates, decisions written down, {check} every week.",
    "It turned out well, the work landed on time, and I would ask about the reason first again next time.",
]
