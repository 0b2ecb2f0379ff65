"""The words of a plan: questions the candidate hears, and points only the recruiter sees.

Questions are open and ask for real examples; they never contain the strong-answer points (that
would hand the candidate the rubric). Several phrasings per kind are rotated so a plan does not
read like one template stamped over every skill.
"""

import re

from .knowledge import facets_for, generic_facets

# `{skill}` is always a noun phrase that stands on its own ("where PostgreSQL was central"), never
# after a preposition that fits only tools ("with Backend development" read as a template seam).
CORE_QUESTIONS = [
    "Tell me about the most demanding piece of work you've done where {skill} was central. What made it hard, and "
    "how did you handle it?",
    "Walk me through a recent project where {skill} was central. Which decisions were yours, and why did you make "
    "them?",
    "Think of a time your {skill} work didn't behave the way you expected. How did you find out what was going on, "
    "and what did you change?",
]
CONFIRM_QUESTIONS = [
    "Tell me about your {skill} work{at}. What did you build or run, and what was your own part in it?",
    "How has {skill} come up in your work{at}? Pick one piece of it and walk me through what you did yourself.",
]
GAP_QUESTIONS = [
    "Suppose your first project here leaned heavily on {skill}. How would you approach getting productive with it, "
    "and what would you look at first?",
    "Imagine a teammate hands you a problem that needs {skill}, and it's new ground for you. How would you get up to "
    "speed, and how would you know you were doing it well?",
]
ADJACENT_QUESTIONS = [
    "This role uses {skill}, and you've worked with {related}. If you picked up {skill} next month, what would carry "
    "over, and what would you expect to be different?",
    "Coming from {related}, how would you approach a first real task in {skill}? Which habits would you keep, and "
    "which would you double-check?",
]
CLAIM_QUESTIONS = [
    "Your resume mentions {skill}. Pick one project where you used it: what part did you personally own, and what "
    "would you do differently today?",
    "You've listed {skill}. What's something about it you had to learn the hard way?",
    "How deep has your {skill} work gone? Tell me about a problem you solved with it that someone new to it "
    "would have struggled with.",
]
DESIGN_QUESTION = (
    "Part of this role is: \u201c{duty}\u201d. Tell me about a time you designed or reworked something along those "
    "lines. How did you break it down, and which options did you weigh?"
)
DESIGN_QUESTION_GENERAL = (
    "Tell me about a system or feature you designed end to end. How did you break it down, and which options did "
    "you weigh?"
)
DELIVERY_QUESTION = (
    "Part of this role is: \u201c{duty}\u201d. Tell me about a time you owned something like that from start to "
    "finish. How did you plan it, and how did you know it had worked?"
)
DELIVERY_QUESTION_GENERAL = (
    "Tell me about a piece of work you owned from start to finish. How did you plan it, and how did you know it had "
    "worked?"
)
DUTY_QUESTIONS = [
    "One part of this role is \u201c{duty}\u201d. Tell me about a time you did that, or the closest thing to it: what "
    "was the situation, what did you do yourself, and how did it turn out?",
    "The role also involves \u201c{duty}\u201d. Walk me through one real example of how you have handled that, "
    "step by step.",
    "How have you gone about \u201c{duty}\u201d in your work so far? Pick one occasion and tell me what you did "
    "and what came of it.",
]
COLLABORATION_QUESTION = (
    "Tell me about a time you disagreed with a teammate or stakeholder about how to do something. How did you "
    "handle it, and how did it turn out?"
)
RECENT_WORK_QUESTION = (
    "What's the piece of work you're proudest of from the last couple of years, and what was your part in it?"
)
DEBUGGING_QUESTION = (
    "Tell me about the hardest problem you've had to untangle at work. How did you narrow it down?"
)


def pick(variants: list[str], index: int) -> str:
    return variants[index % len(variants)]


_COMMON_NOUN = re.compile(r"(?:tion|sion|ing|ment|ance|ence|ship|ity|ery|ics|ism|ure)$")


def mid_sentence(skill: str) -> str:
    """A skill name as it reads inside a sentence: "Backend development" -> "backend development",
    "Negotiation" -> "negotiation"; names and acronyms ("PostgreSQL", "REST APIs", "Epic") stay."""
    words = skill.split()
    if not words:
        return skill
    common = len(words) > 1 and all(w[:1].islower() for w in words[1:])
    common = common or (len(words) == 1 and bool(_COMMON_NOUN.search(skill.lower())) and not skill.isupper())
    return skill[0].lower() + skill[1:] if common and skill[1:2].islower() else skill


def confirm_points(skill: str) -> list[str]:
    facets = (facets_for(skill) or generic_facets(skill))[:2]
    return [
        f"A specific piece of work where {skill} was used, with their own part separated from the team's",
        *facets,
        "How they checked that it worked, and what they would do differently",
    ]


def core_points(skill: str) -> list[str]:
    facets = (facets_for(skill) or generic_facets(skill))[:3]
    return [
        f"A specific project where {skill} was central, with their own part in it and its scale (users, data, "
        "latency or team size)",
        *facets,
        "Trade-offs weighed, and what they would change with hindsight",
    ]


def gap_points(skill: str, related: list[str]) -> list[str]:
    carry = (
        f"What carries over from {' and '.join(related[:2])} and what is different"
        if related
        else "Links to tools or concepts they already know"
    )
    facets = facets_for(skill)
    awareness = (
        f"Awareness of what matters in {skill}, e.g. {facets[0][0].lower()}{facets[0][1:]}"
        if facets
        else f"Awareness of what {skill} is for and where it usually gets hard"
    )
    return [
        "Concrete first steps: official documentation, a small spike or prototype, pairing with someone experienced",
        carry,
        awareness,
        "How they would check they are on track: tests, code review, feedback from the team",
    ]


def claim_points(skill: str) -> list[str]:
    facets = (facets_for(skill) or generic_facets(skill))[:2]
    return [
        f"First-person detail on what they built with {skill}, not only what the team did",
        *facets,
        "A problem they hit and how they diagnosed and fixed it",
        "Honest about the limits of their experience",
    ]


DESIGN_POINTS = [
    "Clarifies requirements and constraints before choosing a design (scale, latency, consistency, cost)",
    "Breaks the system into components with clear responsibilities and data ownership",
    "Compares at least two approaches and explains the trade-off chosen",
    "Plans for failure: monitoring, retries, rollback, testing",
    "Reflects on what they would change with hindsight",
]
DELIVERY_POINTS = [
    "Sets goals and success measures up front",
    "Plans the work and manages risks and dependencies",
    "Keeps stakeholders informed and adjusts when things change",
    "Measures the result and reflects on lessons learned",
]
DUTY_POINTS = [
    "A real situation from their own work, with its context and what was at stake",
    "The steps they took personally, not only what the team did",
    "The result, with a figure or a concrete outcome",
    "What they learned or would do differently next time",
]
COLLABORATION_POINTS = [
    "Describes the disagreement and the other side's view fairly",
    "Uses data, prototypes or shared criteria to decide, not seniority or volume",
    "Communicates clearly and keeps the working relationship intact",
    "States the outcome and what they learned from it",
]
RECENT_WORK_POINTS = [
    "A specific piece of work with their own part clearly separated from the team's",
    "The problem it solved and how success was measured",
    "Obstacles met and how they were handled",
    "What they would do differently",
]
# General behavioural questions after the role's own topics: a role whose JD names few skills and duties
# still has enough for its booked time (each as a topic: name, competency, question, points).
GENERAL_TOPICS = [
    ("Learning something new fast", "Problem solving",
     "Tell me about a time you had to learn something new quickly for your work. How did you go about it, and how "
     "did you know you had got it right?",
     ["Names what had to be learned and why it was urgent",
      "A deliberate way of learning: sources, practice, asking people who knew",
      "Verifies the learning: a result, feedback or a test of it",
      "What they would do the same or differently next time"]),
    ("Competing priorities", "Delivery & ownership",
     "Tell me about a time you had more to do than time to do it. How did you decide what came first, and how did "
     "it turn out?",
     ["Makes the competing demands and the deadline concrete",
      "Decides on explicit criteria: impact, urgency, who depends on it",
      "Tells the people affected and agrees what slips",
      "The outcome, and what they would change"]),
    ("A mistake and what changed", "Delivery & ownership",
     "Tell me about a mistake you made at work. What happened, what did you do about it, and what do you do "
     "differently now?",
     ["Owns the mistake in the first person, without blaming others",
      "Acts quickly to limit the damage and tells the people affected",
      "Finds why it happened",
      "A lasting change in how they work"]),
    ("Explaining to a non-expert", "Collaboration & communication",
     "Tell me about a time you had to explain something from your work to someone without your background. How did "
     "you make it clear, and how did you know it had landed?",
     ["Starts from what the listener needs to know or decide",
      "Uses plain words, an example or a comparison instead of jargon",
      "Checks understanding rather than assuming it",
      "The result: a decision made, a change adopted, a question answered"]),
    ("Working under pressure", "Delivery & ownership",
     "Tell me about a day or a week at work when things went wrong under time pressure. What did you do first, and "
     "how did it end?",
     ["Makes the pressure concrete: what was at stake and by when",
      "Triages: what they handled first and why",
      "Keeps people informed while it is going on",
      "The outcome and what they put in place afterwards"]),
    ("Acting on feedback", "Collaboration & communication",
     "Tell me about a piece of critical feedback you received at work. What was it, and what did you change "
     "because of it?",
     ["Names the feedback specifically, without defending against it",
      "Says what they changed in their own behaviour",
      "Shows the change held: a later result or a follow-up conversation",
      "Reflects on how they seek feedback now"]),
    ("Taking the initiative", "Delivery & ownership",
     "Tell me about a time you noticed a problem at work that nobody had asked you to fix. What did you do about it, "
     "and what came of it?",
     ["Spots the problem unprompted and says why it mattered",
      "Makes the case to the people concerned before acting beyond their own remit",
      "Acts on it personally, within what they could change",
      "A concrete result, and whether the fix lasted"]),
    ("Improving how work gets done", "Problem solving",
     "Tell me about a way of working, a process or a tool that you improved. What was wrong with it, and how did you "
     "know your change helped?",
     ["States what was wrong, with evidence rather than a feeling",
      "Weighs more than one way to improve it",
      "Brings the people who use it along with the change",
      "Compares before and after to show the change helped"]),
    ("Helping someone else improve", "Collaboration & communication",
     "Tell me about a time you helped a colleague or a newcomer get better at their work. What did you do, and what "
     "changed for them?",
     ["Notices what the person needed, rather than what they themselves would do",
      "Helps in a concrete way: pairing, examples, feedback, a plan",
      "Lets the person do the work and grow, instead of taking it over",
      "The difference it made to the person: their work, their confidence"]),
    ("A goal that was unclear", "Problem solving",
     "Tell me about a time you were given a goal that was vague or kept changing. How did you make progress anyway?",
     ["Clarifies the goal with the people who own it",
      "Writes down assumptions and agrees what done looks like",
      "Moves in small steps and checks each with the people concerned",
      "The outcome, and how they handle vague goals now"]),
    ("A hard conversation", "Collaboration & communication",
     "Tell me about a conversation at work you found hard to have, for example saying no or giving bad news. How did "
     "you prepare, and how did it go?",
     ["Says why the conversation was hard and what was at stake",
      "Prepares: the facts, the other person's view, what they want to come out of it",
      "Is direct and respectful in the conversation itself",
      "The outcome for the work and for the relationship"]),
    ("Getting the details right", "Delivery & ownership",
     "Tell me about a piece of work where getting every detail right really mattered. How did you make sure nothing "
     "slipped through?",
     ["Says what was at stake if a detail was wrong",
      "A deliberate way of checking: lists, reviews, a second pair of eyes, tests",
      "Catches or prevents a specific error",
      "How the check became part of their routine"]),
    ("A goal they set themselves", "Delivery & ownership",
     "Tell me about a goal you set for yourself at work. How did you keep track of it, and did you reach it?",
     ["Names a goal that was theirs and concrete enough to check",
      "Breaks it into steps and tracks progress along the way",
      "Adjusts when the plan stops working instead of giving up",
      "An honest outcome: reached or not, and what they learned"]),
    ("Adapting to a change", "Problem solving",
     "Tell me about a change you did not choose, such as a new tool, a reorganisation or a new manager, that "
     "affected your work. How did you adapt?",
     ["Says what changed and what it meant for their work",
      "Finds out why the change was made before judging it",
      "Adapts their own way of working in specific steps",
      "How it turned out, and what they would do the same next time"]),
]
DEBUGGING_POINTS = [
    "Forms hypotheses and narrows the problem down step by step",
    "Uses evidence: logs, metrics, reproductions, profilers or debuggers",
    "Fixes the root cause, not only the symptom",
    "Prevents a recurrence: tests, alerts, documentation",
]
