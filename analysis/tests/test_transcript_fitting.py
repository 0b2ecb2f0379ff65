"""Fitting an imported transcript's questions onto a plan (`analysis.planning.imported`), without a database."""

from analysis.planning.build import describe
from analysis.planning.imported import fit_transcript

TOPICS = [
    {"id": "t1", "name": "Python in depth", "competency": "Technical depth: Python", "kind": "core",
     "why": "", "question": "Walk me through the most complex Python system you built.",
     "strong_answer": ["Concurrency model chosen and why", "How performance was measured"]},
    {"id": "t2", "name": "System design", "competency": "System design", "kind": "core", "why": "",
     "question": "How would you design a service that sends invoices to customers?",
     "strong_answer": ["Components and their data", "Failure handling and retries"]},
    {"id": "t3", "name": "Owning a piece of work", "competency": "Delivery & ownership", "kind": "core", "why": "",
     "question": "Tell me about a project you owned from plan to result.",
     "strong_answer": ["Goals and risks", "How the outcome was measured"]},
]
COMPETENCIES = [{"name": n, "description": describe(n)} for n in
                ("Technical depth: Python", "System design", "Delivery & ownership", "Collaboration & communication")]
POINTS = ["A specific example", "How they checked the result"]


def fitted(*turns):
    return fit_transcript(topics=TOPICS, competencies=COMPETENCIES, turns=list(turns), ad_hoc_points=POINTS)


def shape(result) -> list[tuple[str, str]]:
    return [(t.kind, t.topic_id) for t in result.turns]


def test_a_question_naming_a_skill_goes_to_its_topic_whatever_the_wording():
    result = fitted(("interviewer", "Great to meet you. So, Python: where have you pushed it hardest?"),
                    ("candidate", "Our billing pipeline, moved to asyncio."))
    assert shape(result) == [("question", "t1"), ("answer", "t1")]
    python = next(t for t in result.topics if t["id"] == "t1")
    assert python["question"] == "Great to meet you. So, Python: where have you pushed it hardest?"


def test_follow_ups_stay_on_the_topic_and_new_subjects_open_their_own():
    result = fitted(
        ("interviewer", "How would you design an invoice service for a million customers?"),
        ("candidate", "A queue between the API and the senders, with retries."),
        ("interviewer", "Why a queue there?"),
        ("candidate", "Senders fail; the queue keeps invoices until they go out."),
        ("interviewer", "What retries policy would the senders use?"),
        ("candidate", "Exponential backoff with a dead-letter queue."),
        ("interviewer", "Okay."),
        ("interviewer", "How do you keep stakeholders informed when a launch date slips?"),
        ("candidate", "I tell them the new date and why, the day I know it."),
    )
    assert shape(result) == [("question", "t2"), ("answer", "t2"), ("follow_up", "t2"), ("answer", "t2"),
                             ("follow_up", "t2"), ("answer", "t2"), ("follow_up", "t2"),
                             ("question", "t4"), ("answer", "t4")]
    added = result.topics[-1]
    assert added == {**added, "id": "t4", "kind": "imported", "strong_answer": POINTS,
                     "question": "How do you keep stakeholders informed when a launch date slips?"}
    assert added["competency"] in {c["name"] for c in COMPETENCIES}


def test_a_second_question_on_an_asked_topic_gets_a_topic_of_its_own_under_the_same_competency():
    result = fitted(
        ("interviewer", "What Python code of yours are you proudest of?"),
        ("candidate", "A streaming parser."),
        ("interviewer", "Tell me about a project you owned from plan to result."),
        ("candidate", "The checkout migration."),
        ("interviewer", "Back to Python: how do you profile a slow Python service?"),
        ("candidate", "py-spy first, then cProfile on the hot path."),
    )
    assert shape(result) == [("question", "t1"), ("answer", "t1"), ("question", "t3"), ("answer", "t3"),
                             ("question", "t4"), ("answer", "t4")]
    second = result.topics[-1]
    assert second["competency"] == "Technical depth: Python"
    assert second["strong_answer"] == TOPICS[0]["strong_answer"]  # judged like the planned Python topic


def test_a_question_nothing_matches_goes_under_the_closest_competency():
    result = fitted(("interviewer", "How do you handle a disagreement with a colleague about priorities?"),
                    ("candidate", "We compare the options against the goal and decide on evidence."))
    added = result.topics[-1]
    assert (added["id"], added["competency"]) == ("t4", "Collaboration & communication")
    assert [c["name"] for c in result.competencies] == [c["name"] for c in COMPETENCIES]


def test_greetings_and_goodbyes_ask_nothing_to_judge():
    result = fitted(
        ("interviewer", "Thanks for your time today, I'm Sam."),
        ("candidate", "Hi Sam."),
        ("interviewer", "Python: where have you pushed it hardest?"),
        ("candidate", "Our billing pipeline."),
        ("interviewer", "That's all from me. Any questions for us?"),
        ("candidate", "How big is the team?"),
        ("interviewer", "Eight people. What else would you like to know?"),
    )
    assert shape(result) == [("greeting", ""), ("answer", ""), ("question", "t1"), ("answer", "t1"),
                             ("closing", ""), ("answer", ""), ("closing", "")]
    assert len(result.topics) == len(TOPICS)


def test_any_questions_midway_is_not_the_end_when_a_planned_question_follows():
    result = fitted(
        ("interviewer", "Python: where have you pushed it hardest?"),
        ("candidate", "Our billing pipeline."),
        ("interviewer", "Do you have any questions so far?"),
        ("candidate", "No, all clear."),
        ("interviewer", "How would you design a service that sends invoices to customers?"),
        ("candidate", "A queue and idempotent senders."),
        ("interviewer", "Thanks for your time."),
        ("interviewer", "Why a queue there?"),
    )
    assert shape(result) == [("question", "t1"), ("answer", "t1"), ("closing", ""), ("answer", ""),
                             ("question", "t2"), ("answer", "t2"), ("closing", ""), ("closing", "")]
