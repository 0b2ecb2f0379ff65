"""Transcripts of interviews held elsewhere, for the import tests: another company's interviewer, in
their own words (none of our plan's questions), for the shared fixtures' JD (Python, Django,
PostgreSQL, Kubernetes, Flask) and Alice's resume."""

from .transcripts import STRONG

FOLLOW_UP_ANSWER = (
    "Because the work was waiting on the network, not on the CPU: each invoice needed three HTTP calls to the "
    "payment provider. Threads would have worked too, but with 200 concurrent calls asyncio used far less "
    "memory and I could cap concurrency with a semaphore, which the provider's rate limit required."
)
TESTING_ANSWER = (
    "Every change gets unit tests with pytest before review, and the billing code also has property-based tests "
    "with Hypothesis, which found two rounding bugs in refunds. CI runs the suite on every pull request in about "
    "six minutes and blocks the merge below 85% branch coverage; for the riskiest paths I add a contract test "
    "against the payment provider's sandbox."
)

# (speaker, text, what it is): "greeting", "closing", or the plan topic / "follow-up" / "ad-hoc".
CONVERSATION = [
    ("interviewer", "Hi Alice, thanks for joining today. I'm Sam from the platform team.", "greeting"),
    ("candidate", "Hi Sam, happy to be here.", "greeting"),
    ("interviewer", "Let's start with Python. What is the most demanding Python system you have built, and how "
                    "did you make it fast?", "Python in depth"),
    ("candidate", STRONG["t1"], "Python in depth"),
    ("interviewer", "Interesting. Why asyncio rather than threads there?", "follow-up"),
    ("candidate", FOLLOW_UP_ANSWER, "follow-up"),
    ("interviewer", "How have you used Django in production, and what problems did you hit with the ORM?",
     "Django in depth"),
    ("candidate", STRONG["t5"], "Django in depth"),
    ("interviewer", "We run everything on Kubernetes. Have you worked with it?", "Approaching Kubernetes"),
    ("candidate", STRONG["t2"], "Approaching Kubernetes"),
    ("interviewer", "Tell me about the PostgreSQL databases you looked after: what went wrong and what did you do?",
     "PostgreSQL experience"),
    ("candidate", STRONG["t4"], "PostgreSQL experience"),
    ("interviewer", "How do you make sure your code is well tested before it ships?", "ad-hoc"),
    ("candidate", TESTING_ANSWER, "ad-hoc"),
    ("interviewer", "Thanks, that's all from me. Do you have any questions for us?", "closing"),
    ("candidate", "Yes, how big is the team?", "closing"),
    ("interviewer", "Eight engineers, spread over two time zones.", "closing"),
]
# The candidate turns a report must judge: every one but the greeting's and the closing's.
SUBSTANTIVE_SEQS = [seq for seq, (speaker, _, what) in enumerate(CONVERSATION, start=1)
                    if speaker == "candidate" and what not in ("greeting", "closing")]


def labelled_text(conversation=CONVERSATION, newline: str = "\n") -> str:
    """The conversation as a transcript file: labels in mixed case, answers wrapped over several lines
    (continuation lines), blank lines between turns."""
    blocks = []
    for i, (speaker, text, _) in enumerate(conversation):
        label = "Interviewer" if speaker == "interviewer" else ("CANDIDATE" if i % 4 == 1 else "candidate")
        words = text.split()
        lines = [" ".join(words[j:j + 14]) for j in range(0, len(words), 14)]
        blocks.append(f"{label}: " + newline.join(lines))
    return (newline * 2).join(blocks) + newline


def json_turns(conversation=CONVERSATION) -> list[dict]:
    return [{"speaker": speaker, "text": text} for speaker, text, _ in conversation]
