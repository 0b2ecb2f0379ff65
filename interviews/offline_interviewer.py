"""The offline engine's interviewer: deterministic words for every turn, filler and surprise question.

Same context, same words, in every process and every run (crc32, never hash()). It never reveals
notes, never gives an answer away, and never evaluates. Its filler is also the conductor's local
fallback when the mini model is too slow, so it must be instant.
"""

import html
import re
import zlib
from collections import Counter
from typing import Any

from llm.sanitize import strip_invisible

_DATA = re.compile(r'^<data name="[^"]*">\n(.*)\n</data>$', re.DOTALL)
_WORD = re.compile(r"[^\s\"“”«»]+")
_FIRST_NAME = re.compile(r"^[^\W\d_][^\W\d_'’.-]*(?:['’-][^\W\d_]+)?$")
_PLAIN_WORD = re.compile(r"[^\W_][\w'’+#.-]*[^\W_]|[^\W_]")
_STOP = {
    "about", "after", "again", "also", "always", "because", "before", "being", "could", "doing", "every", "first",
    "going", "great", "maybe", "never", "other", "really", "should", "since", "something", "still", "their",
    "there", "these", "thing", "things", "think", "those", "through", "usually", "where", "which", "while",
    "would", "yeah", "years", "honestly", "basically", "actually", "pretty", "quite", "though", "having",
}  # fmt: skip


def one_line(text: str, limit: int) -> str:
    """Untrusted short text (a title, a name) as one clean line of at most `limit` characters."""
    return " ".join(strip_invisible(text or "").split())[:limit].strip()


def first_name(full_name: str) -> str:
    """The first word of a name if it looks like a name; otherwise nothing (the greeting goes without)."""
    first = one_line(full_name, 80).split(" ")[0] if full_name else ""
    return first if len(first) <= 30 and _FIRST_NAME.match(first) else ""


def _pick(options: list[str], ctx: dict, salt: str = "") -> str:
    key = f"{ctx['action']}:{ctx.get('topic_id', '')}:{ctx.get('seq', 0)}:{salt}"
    return options[zlib.crc32(key.encode()) % len(options)]


def _unwrap(block: str) -> str:
    match = _DATA.match(block or "")
    return html.unescape(match.group(1)) if match else ""


def answer_quote(answer: str, words: int = 7) -> str:
    """The first few words of an answer, to show the candidate they were heard."""
    found = _WORD.findall(answer)
    quote = " ".join(found[:words]).rstrip(".,;:!?")
    return quote + ("…" if len(found) > words else "")


def _question_line(ctx: dict) -> str:
    return ctx["topic_question"] or f"Could you tell me about your experience with {ctx['topic_name']}?"


def _rephrased(ctx: dict) -> str:
    # Never the original question word for word: the same ask, from another side (and never the
    # topic's name from the plan: "a situation that involved Approaching Kafka" reads as a template).
    return (
        "Think of one real situation from your own work that comes closest to this: what was the problem, what "
        "did you do yourself, and how did it turn out?"
    )


def _interrupted_lead(ctx: dict) -> str:
    return "Thanks for jumping in. " if ctx.get("interrupted") else ""


def _greeting(ctx: dict) -> str:
    hello = f"Hello {ctx['candidate_name']}" if ctx["candidate_name"] else "Hello"
    opening = _pick(
        [
            f"{hello}, and thank you for joining. Before we begin: I'm an AI interviewer, an automated "
            f"system rather than a person, and I'll be running this interview for the {ctx['role_title']} role.",
            f"{hello}, welcome. I should say up front that I'm an AI interviewer — an automated system, not a "
            f"human — and I'll be guiding this interview for the {ctx['role_title']} position.",
        ],
        ctx,
    )
    count = ctx["topic_count"]
    review = " A person on the hiring team reviews this conversation and makes every decision."
    if not ctx.get("warm_up", True):
        return f"{opening}{review} There is nothing more I need to ask you today."
    topics = "a few topics" if count > 1 else "one main topic" if count == 1 else "a short exercise"
    plan = (
        f" It takes about {ctx['minutes']} minutes: I'll ask about {topics}, one at a time, and I may ask a short "
        f"follow-up. Please answer in your own words, as you would to a colleague.{review}"
    )
    warm_up = _pick(
        [
            " To start, could you tell me briefly about your current role and what you have been working on lately?",
            " To warm up, what kind of work have you enjoyed most in your recent roles, and why?",
        ],
        ctx,
        "warm",
    )
    return f"{opening}{plan}{warm_up}"


# --- Acknowledging what was said: a concrete detail of the answer, in a whole sentence ----------------

_FIRST_PERSON = re.compile(
    r"\b(?:I|we)\s+((?:also |then |first |eventually |finally )?(?:[a-z]+ed|built|wrote|led|ran|set up|cut|"
    r"split|shipped|made|took|brought|found|chose|rewrote|taught|sold|drove|won|kept|got|began|began|did|ran)\b"
    r"[^.;:!?\n]*)",
)
_FIGURE = re.compile(
    r"\b(?:from \d[\d,.]*\s*\w* to )?\d[\d,.]*\s*(?:%|percent|ms|milliseconds|seconds|minutes|hours|days|weeks|"
    r"months|years|users|requests|people|patients|customers|clients|engineers|services|servers|x)\b",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r",|\b(?:and then|which|because|so that|but|while|although|so)\b")
_YOU = [(r"\bI'm\b", "you're"), (r"\bI've\b", "you've"), (r"\bI'd\b", "you'd"), (r"\bI\b", "you"),
        (r"\bmy\b", "your"), (r"\bmyself\b", "yourself"), (r"\bme\b", "you"), (r"\bwe\b", "you"),
        (r"\bour\b", "your"), (r"\bours\b", "yours"), (r"\bus\b", "you"), (r"\bwe're\b", "you're")]
_ACK_WORDS = 14


def _to_you(text: str) -> str:
    for pattern, said in _YOU:
        text = re.sub(pattern, said, text)
    return text


def _clause(text: str) -> str:
    """The first thing the candidate says they (or their team) did, as a short clause; "" if none fits."""
    for match in _FIRST_PERSON.finditer(text):
        clause = _CLAUSE_END.split(match.group(1))[0].strip(" -\u2014")
        said = clause.split()
        if 3 <= len(said) <= _ACK_WORDS and said[-1].lower() not in {"the", "a", "an", "to", "of", "with", "for"}:
            return _to_you(clause)
    return ""


def acknowledgement(answer: str, ctx: dict) -> str:
    """A short, specific sentence about something the candidate actually said ("" for nothing usable).

    Never their words cut mid-phrase and never a name: a whole clause they used about their own
    work (turned to "you"), or a figure they gave; a short answer is quoted whole.
    """
    text = one_line(answer, 2000)
    found = _WORD.findall(text)
    if not found:
        return ""
    if len(found) <= 12:
        return f'You said "{text.rstrip(".,;:!?")}".'
    clause = _clause(text)
    if clause:
        return _pick([f"Thanks, it's useful to hear that you {clause}.", f"So you {clause}; that helps.",
                      f"Good, you {clause}."], ctx, "ack")
    figure = _FIGURE.search(text)
    if figure:
        return f"Thanks, the figure you gave, {figure.group(0)}, helps me picture the scale."
    return "Thank you for walking me through that."


def _question(ctx: dict) -> str:
    ack = acknowledgement(_unwrap(ctx.get("last_answer", "")), ctx)
    turn = _pick(["Let's turn to something different.", "Next, a different area.", "Let me change direction."],
                 ctx)
    lead = f"{ack} {turn}" if ack else turn
    return f"{_interrupted_lead(ctx)}{lead} {_question_line(ctx)}"


def _clarified(answer: str) -> str:
    unused = re.search(r"\bI (?:have not|haven'?t|never|didn'?t) (?:actually |really )?(?:used|worked with|worked on|"
                       r"done|touched) ([^,.;!?]{2,40}?)(?:,|\s+but\b)", answer)
    if unused:
        return f"Fair enough, {_to_you(unused.group(1).strip())} is not something you've used yourself. "
    return "Thanks for saying so; I may have put that badly. "


def _follow_up(ctx: dict) -> str:
    answer = _unwrap(ctx["last_answer"])
    ack, lead, focus = acknowledgement(answer, ctx), _interrupted_lead(ctx), ctx.get("focus")
    ack = f"{ack} " if ack else ""
    if focus == "clarify_topic":
        return (f"{lead}{_clarified(answer)}Let me put it another way: tell me about the closest thing you have done "
                "yourself, and what from it would carry over here?")
    if focus == "missing" and ctx.get("probe"):
        return lead + ack + _pick(
            [f"I'd like to hear about {ctx['probe']}. Could you walk me through that part?",
             f"One more side of it: {ctx['probe']}. How did that go?"], ctx)
    if not answer.strip():
        return f"{lead}Could you make that concrete? Pick one real situation and walk me through what you did."
    if focus == "depth":
        return lead + ack + _pick(
            [
                "Let's go a level deeper: what is the hardest problem you have solved there, and what would you do "
                "differently today?",
                "Let me test the depth of that: what is something about it that most people get wrong, and how did "
                "you learn it?",
            ],
            ctx,
        )
    return lead + ack + _pick(
        [
            "Could you make that concrete: pick one real example and walk me through what you personally did, "
            "step by step?",
            "What does that look like in practice? Tell me about a specific time, what you did yourself, and how "
            "it turned out.",
            "What was one concrete situation where this came up, what did you decide, and what trade-off did you "
            "weigh?",
        ],
        ctx,
    )


_REASK_LEADS = {
    "empty": "It looks like your answer didn't come through, no problem. Let me put it another way.",
    "gibberish": "I couldn't quite make that out. Let me ask it differently.",
    "repeat": "That sounds close to what you told me earlier, and I'd like to hear something new here. "
    "Let me put it another way.",
    "clarify": "Of course. I can't give an answer away, but let me put the question another way.",
}


def _reask(ctx: dict) -> str:
    return f"{_REASK_LEADS.get(ctx.get('focus', ''), _REASK_LEADS['clarify'])} {_rephrased(ctx)}"


def _nudge(ctx: dict) -> str:
    return _pick(
        [
            "Take your time, there's no rush. Whenever you're ready, answer in your own words; a rough first "
            "thought is a fine place to start.",
            "No hurry at all. If it helps, start with whatever comes to mind first, and we can build from there.",
        ],
        ctx,
    )


_LANGUAGE_NAMES = {"python": "Python", "javascript": "JavaScript", "typescript": "TypeScript", "java": "Java",
                   "go": "Go", "ruby": "Ruby", "csharp": "C#", "cpp": "C++", "php": "PHP", "kotlin": "Kotlin"}


def _code_task(ctx: dict) -> str:
    name = ctx.get("code_language") or ""
    language = f" in {_LANGUAGE_NAMES.get(name.lower(), name)}" if name else ""
    return (
        f"{_interrupted_lead(ctx)}Now let's move to a short coding exercise{language}. You'll find the task "
        "below the chat. Take your time, think out loud in the chat if you like, and submit your code when "
        "you're ready. I can't help with the solution itself."
    )


_TASK_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|$)")
_MARKDOWN_MARKS = re.compile(r"^[\s>*#\-+]*(?:\d+[.)]\s*)?|`|\*\*")
_ASKS_WHAT_IS_ALLOWED = re.compile(r"\b(?:can|may|allowed|use|import|library|libraries|module|package)\b", re.I)
_RULE_WORDS = re.compile(
    r"\b(?:must|only|allowed|may|assume|without|never|at most|at least|library|import|standard|built-in|constraint"
    r"|example|input|output|return|returns)\b",
    re.I,
)
_HELP_STOP = _STOP | {
    "what", "with", "that", "this", "does", "have", "will", "from", "your", "task", "code", "the", "and", "for",
    "are", "you", "can", "how", "any", "but", "not", "its", "has", "was", "should", "like",
}  # fmt: skip
_STAND_IN = "(I'm the offline stand-in interviewer, so I can only point you to what the task says.)"
_NO_SOLUTION = "I can't help with the solution itself, but take your time, and submit your code whenever you're ready."


def _task_sentences(task: str) -> list[str]:
    sentences = []
    for line in task.splitlines():
        line = _MARKDOWN_MARKS.sub("", line).strip()
        sentences += [m.group(0).strip() for m in _TASK_SENTENCE.finditer(line) if len(m.group(0).split()) >= 3]
    return sentences


def _words(text: str) -> set[str]:
    return {w.lower().strip(".,;:!?()[]'\"") for w in _PLAIN_WORD.findall(text)} - _HELP_STOP


def task_line_for(question: str, task: str) -> str:
    """The sentence of the task that best answers a question about it ("" when none does): only the
    task's own words, which the candidate can see, so it never gives anything away."""
    asked = {w for w in _words(question) if len(w) >= 3}
    best, best_score = "", 0.0
    for sentence in _task_sentences(task):
        score = len(asked & {w for w in _words(sentence) if len(w) >= 3})
        if score and _ASKS_WHAT_IS_ALLOWED.search(question) and _RULE_WORDS.search(sentence):
            score += 1.5  # "can I use ...?" is answered by a rule of the task
        if score > best_score:
            best, best_score = sentence, score
    return best[:300]


def _code_help(ctx: dict) -> str:
    question = _unwrap(ctx.get("last_answer", ""))
    line = task_line_for(question, ctx.get("code_prompt", ""))
    if line:
        return f'Good question. On that, the task says: "{line}" {_NO_SOLUTION} {_STAND_IN}'
    if "?" in question:
        return (
            "The task doesn't say more about that than what is written there, so choose a reasonable assumption "
            f"and note it in a comment. {_NO_SOLUTION} {_STAND_IN}"
        )
    return f"Thanks, noted. {_NO_SOLUTION}"


_CODE_ENDINGS = {
    "code_submitted": "Thanks for submitting your solution. ",
    "code_skipped": "No problem, let's leave the coding task there. ",
    "code_time_up": "That's the time for the coding task, so let's leave it there; thanks for working on it. ",
}


def _candidate_questions(ctx: dict) -> str:
    lead = _CODE_ENDINGS.get(ctx.get("focus", ""), "Thank you. ")
    return f"{lead}We're nearly at the end. Before we wrap up, do you have any questions about the role or the process?"


def _closing(ctx: dict) -> str:
    asked = "?" in _unwrap(ctx.get("last_answer", "")) and ctx.get("focus") != "code_skipped"
    lead = "Thanks for your question; I'll pass it on to the hiring team, who can answer it properly. " if asked else ""
    lead = _CODE_ENDINGS.get(ctx.get("focus", ""), "") + lead
    covered = "We're close to time, so let's stop here." if ctx.get("time_short") else (
        "Thank you, that covers everything I wanted to ask."
    )
    return (
        f"{lead}{covered} What happens next: a person on the hiring team will review this conversation, and the "
        "team will get back to you about the next steps. I don't make the decision. Thanks again for your time, "
        "and good luck!"
    )


def _candidate_ended(ctx: dict) -> str:
    return (
        "Of course, we can stop here. Thank you for your time today. A person on the hiring team will review "
        "what we covered and get back to you about the next steps. Goodbye!"
    )


_TURNS = {
    "greet": _greeting,
    "question": _question,
    "follow_up": _follow_up,
    "reask": _reask,
    "nudge": _nudge,
    "code_task": _code_task,
    "code_help": _code_help,
    "candidate_questions": _candidate_questions,
    "close": _closing,
    "candidate_ended": _candidate_ended,
}


def interviewer_turn(ctx: dict[str, Any]) -> str:
    """What the offline engine says for this turn: same context, same words, every run."""
    if ctx["action"] == "surprise":
        return surprise_question(ctx)
    return _TURNS[ctx["action"]](ctx)


# --- Fillers: short, about what was just said, never the same twice ---------------------------------

_FILLERS = [
    "Mm, {p}. Let me think about that for a second.",
    "Right, {p}. Give me a moment.",
    "Okay, {p}, thanks. Just a second.",
    "I see, {p}. Let me gather my next question.",
    "Got it, {p}. One moment.",
    "Thanks, {p}, noted. Bear with me a second.",
]
_PLAIN_FILLERS = ["Okay, thanks. Give me a moment.", "Right, thank you. One second.", "I see. Let me think."]


def key_phrase(answer: str) -> str:
    """A word or two from the answer worth echoing: its longest uncommon word and the one after it, when
    that one continues the same phrase (a lower-case word, not the start of the next sentence or "I")."""
    text = strip_invisible(answer or "")
    matches = list(_PLAIN_WORD.finditer(text))
    found = [m.group(0) for m in matches]
    best = -1
    for i, word in enumerate(found):
        plain = word.lower()
        if len(plain) >= 5 and plain not in _STOP and (best < 0 or len(word) > len(found[best])):
            best = i
    if best < 0:
        return ""
    phrase = [found[best]]
    if best + 1 < len(found):
        following, gap = found[best + 1], text[matches[best].end() : matches[best + 1].start()]
        joined = not gap.strip() and not found[best].endswith(".")
        if joined and following.islower() and len(following) >= 3 and following not in _STOP:
            phrase.append(following)
    return " ".join(w.strip(".,;:!?") for w in phrase)[:40]


def filler(ctx: dict[str, Any]) -> str:
    """A short filler that echoes the answer, never one already used (`used_list`)."""
    answer, used = ctx.get("answer_text", ""), {" ".join(u.lower().split()) for u in ctx.get("used_list", [])}
    phrase = key_phrase(answer)
    templates = _FILLERS if phrase else _PLAIN_FILLERS
    start = zlib.crc32(f"{answer}:{ctx.get('key', '')}".encode()) % len(templates)
    candidates = [templates[(start + i) % len(templates)].format(p=phrase) for i in range(len(templates))]
    word = phrase or "that"
    candidates += [f"{a.split('.')[0].format(p=word)}. {b}" for a in _FILLERS for b in _PLAIN_FILLERS]
    for text in candidates:
        if " ".join(text.lower().split()) not in used:
            return text
    return f"One moment, please ({len(used) + 1})."


# --- Surprise questions: a scenario tied to the JD ------------------------------------------------------


# A scenario in the words of the role's own field: a production incident is a software team's
# curveball, not a nurse's or a teacher's. {p} is the JD point the scenario hinges on.
_SCENARIOS_BY_FAMILY = {
    "Healthcare and nursing": "your shift is short-staffed and a patient who needs {p} gets worse while you are "
    "with another patient",
    "Sales": "your largest prospect threatens to walk away a week before the quarter closes, and {p} is where "
    "the deal is stuck",
    "Education and teaching": "a parent emails you, upset about how {p} was handled for their child, an hour "
    "before your next class",
    "Customer service and operations": "a customer's problem that calls for {p} escalates at the busiest hour "
    "of the day",
}
_SCENARIO_TECH = "a production problem involving {p} lands on your desk an hour before a big release"
_SCENARIO_GENERAL = (
    "an urgent situation that calls for {p} comes up late in the day, while the colleague who usually covers it "
    "is away"
)
_COMMON_NOUN = re.compile(r"(?:tion|sion|ing|ment|ance|ence|ship|ity|ery|ics|ism|ure)$")


def _in_a_sentence(point: str) -> str:
    """A skill name as it reads mid-sentence: "Patient care" -> "patient care", "Negotiation" ->
    "negotiation"; names and acronyms ("Epic", "Basic Life Support", "ACCA") stay as written."""
    words = point.split()
    common = len(words) > 1 and all(w[:1].islower() for w in words[1:])
    common = common or (len(words) == 1 and bool(_COMMON_NOUN.search(point.lower())) and not point.isupper())
    return point[0].lower() + point[1:] if common and point[1:2].islower() else point


def _surprise_scenario(points: list[str], seq: int, role_title: str) -> str:
    from documents.skills import skill_profile

    profiles = {point: skill_profile(point) for point in points}
    title = role_title.lower()
    usable = [
        p for p in points
        if "Spoken languages" not in profiles[p][1]  # "English" is no scenario
        and p.lower() not in title  # nor is the job itself ("Account executive" for an Account Executive)
    ]  # fmt: skip
    kinds = [kind for kind, _ in profiles.values() if kind]
    technical = sum(kind == "tech" for kind in kinds) * 2 > len(kinds)
    if not usable:
        return (
            "the most important system you would own fails an hour before a big launch"
            if technical
            else "something important you are responsible for goes wrong an hour before a deadline"
        )
    point = usable[zlib.crc32(f"surprise:{seq}".encode()) % len(usable)]
    if len(point.split()) > 3:  # a responsibility, not a skill
        return f"you are asked to {point[0].lower() + point[1:].rstrip('.')} with half the time you expected"
    if technical:
        return _SCENARIO_TECH.format(p=point)
    # A field's own scenario when half the JD's known points are of that field (the role's field, not
    # one point's) and so is this point; the general one otherwise.
    fields = Counter(f for _, families in profiles.values() for f in families if f in _SCENARIOS_BY_FAMILY)
    field = max(sorted(fields), key=fields.__getitem__) if fields else None
    if field is None or fields[field] * 2 < len(kinds) or field not in profiles[point][1]:
        return _SCENARIO_GENERAL.format(p=_in_a_sentence(point))
    return _SCENARIOS_BY_FAMILY[field].format(p=_in_a_sentence(point))


def surprise_question(ctx: dict[str, Any]) -> str:
    scenario = _surprise_scenario(list(ctx.get("points") or []), int(ctx.get("seq") or 0), ctx.get("role_title") or "")
    role = f"the new {ctx['role_title']}" if ctx.get("role_title") else "the new hire in this role"
    return (
        "Here's a different kind of question, a quick scenario. Imagine it's your second week as "
        f"{role} and {scenario}. What would you do in the first hour, and why?"
    )
