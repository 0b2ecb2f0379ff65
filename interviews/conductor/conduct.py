"""How the candidate's words read, for choosing the interviewer's next move: plain text heuristics.

No model is asked: these decide within a millisecond, the same way in every process and every run,
and they judge only the shape of an answer (empty, garbled, repeated, vague, a claim), never its
worth. Scores are the evaluator's job, from the transcript, later.
"""

import functools
import re
import unicodedata

from llm.sanitize import strip_invisible

EMPTY, GIBBERISH, REPEAT, CLARIFY, DONT_KNOW, CLAIM, VAGUE, STRONG = (
    "empty",
    "gibberish",
    "repeat",
    "clarify",
    "dont_know",
    "claim",
    "vague",
    "strong",
)
# Answers worth asking again, once, in other words.
REASK_READINGS = (EMPTY, GIBBERISH, REPEAT, CLARIFY)

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_LATIN_WORD = re.compile(r"^[a-z'’-]+$")
_VOWELS = set("aeiouy")
_CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}")
_SAME_CHAR_RUN = re.compile(r"(.)\1{3,}")
_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
# Sounds that carry no content: an answer made only of these says nothing.
_NOISE = {"um", "uh", "er", "erm", "hmm", "hm", "mm", "mmm", "ah", "eh", "oh", "huh", "uhh", "umm", "ehm"}
# Listening sounds: said while the other person talks, they mean "go on", never "stop".
_BACKCHANNELS = {
    "mm-hmm", "mhm", "mm hmm", "uh-huh", "uh huh", "yeah", "yep", "yes", "ok", "okay", "right", "sure", "got it",
    "i see", "cool", "alright", "all right", "hmm", "mm", "mmm", "ah", "oh", "uh", "um", "sounds good", "true",
    "exactly", "indeed", "nice", "great", "makes sense", "fair", "fair enough", "yeah yeah", "ok ok", "okay okay",
}  # fmt: skip
_CLARIFY = re.compile(
    r"\b(?:(?:could|can|would) you (?:please )?(?:repeat|rephrase|clarify|say that again|explain the question)"
    r"|repeat (?:the|your|that) question|what do you mean|(?:did not|didn'?t|don'?t) (?:understand|get) "
    r"(?:the|your|that|what) ?(?:question)?|what (?:is|was) the question|sorry,? what\??$"
    r"|(?:tell|give|show) me the (?:answer|solution)|what(?:'s| is) the (?:right |correct )?(?:answer|solution)"
    r"|give me a hint|can you help me answer)",
    re.IGNORECASE,
)
_DONT_KNOW = re.compile(
    r"^(?:(?:honestly|sorry|well|hmm|um),? )*(?:i (?:really )?(?:do not|don'?t) know|no idea|not sure|i have no "
    r"(?:idea|experience)(?: with (?:that|it|this))?|i (?:have|haven'?t) never (?:done|used|worked with) "
    r"(?:that|it|this)|pass|skip)\b",
    re.IGNORECASE,
)
_CLAIM = re.compile(
    r"\b(?:i'?m|i am) (?:an? )?(?:expert|specialist|guru|ninja|master|pro)\b|\bexpert (?:in|at|with|on)\b"
    r"|\b(?:extensive|deep|strong|solid|vast|huge|lots of|a lot of) (?:experience|knowledge|expertise)\b"
    r"|\b(?:\d+|many|several|lots of|ten|five|years and) years\b|\bvery (?:good|experienced|familiar|proficient|"
    r"strong|comfortable) (?:at|with|in)\b|\bi know (?:it|that|this|\w+) (?:very |really )?well\b|\bmastered\b"
    r"|\bproficient\b|\b(?:done|did|used|built) (?:that|it|this|them)? ?(?:a lot|many times|all the time|plenty)\b",
    re.IGNORECASE,
)
# Signs of a concrete account: numbers, an example, or something the speaker did.
_CONCRETE = re.compile(
    r"\d|\bfor (?:example|instance)\b|\be\.g\.|\bwhen (?:i|we)\b|\b(?:i|we) (?:built|wrote|led|designed|implemented"
    r"|migrated|fixed|reduced|improved|added|chose|decided|measured|debugged|shipped|owned|refactored|automated"
    r"|ran|rewrote|split|cut|moved|profiled|tested|deployed|replaced|introduced|set up)\b",
    re.IGNORECASE,
)
THIN_WORDS = 15  # below this an answer has no room for a concrete example
CONCRETE_WORDS = 40  # below this an answer with no concrete marker is still general
REPEAT_OVERLAP = 0.85


def normalise(text: str) -> str:
    """Lower case, invisible characters gone, accents folded, punctuation dropped, spaces collapsed."""
    # Asked again and again about the same answers (repeat checks, partials): short texts are cached.
    return _normalise_cached(text) if text and len(text) <= 2000 else _normalise(text)


@functools.lru_cache(maxsize=2048)
def _normalise_cached(text: str) -> str:
    return _normalise(text)


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKD", strip_invisible(text or "")).lower()
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(_WORD.findall(folded))


def words(text: str) -> list[str]:
    return normalise(text).split()


def is_backchannel(text: str) -> bool:
    """A listening sound ("mm-hmm", "yeah", "ok, right"): never an interruption."""
    said = normalise(text).replace("-", " ")
    if not said:
        return True
    if said in _BACKCHANNELS or said.replace(" ", "-") in _BACKCHANNELS:
        return True
    parts = said.split()
    if len(parts) > 6:
        return False
    # "yeah ok", "okay got it", "right right right": short runs of listening phrases are still listening.
    i = 0
    while i < len(parts):
        for size in (3, 2, 1):
            phrase = " ".join(parts[i : i + size])
            if len(parts) - i >= size and (phrase in _BACKCHANNELS or phrase in _NOISE):
                i += size
                break
        else:
            return False
    return True


def interrupts(partial: str) -> bool:
    """Whether an interim transcript is the candidate taking the floor (not a backchannel or a stray sound)."""
    said = words(partial)
    if not said or all(w in _NOISE for w in said):
        return False
    return not is_backchannel(partial)


def _word_like(word: str) -> bool:
    if not _LATIN_WORD.match(word):
        return True  # another script: not ours to judge
    if len(word) > 25 or _SAME_CHAR_RUN.search(word) or _CONSONANT_RUN.search(word):
        return False
    if len(word) >= 4 and any(word in row or word[::-1] in row for row in _KEYBOARD_ROWS):
        return False
    return len(word) <= 3 or bool(_VOWELS & set(word))


def is_gibberish(text: str) -> bool:
    """Keyboard mashing or noise: most words are not words in any script we can read."""
    said = [w for w in words(text) if not w.isdigit()]
    if not said:
        return bool(strip_invisible(text).strip()) and not any(ch.isdigit() for ch in text)
    word_like = sum(1 for w in said if _word_like(w))
    return word_like / len(said) < 0.5


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def is_repeat(answer: str, previous: list[str]) -> bool:
    """The same answer as an earlier one (word for word, or nearly: copy-pasted with small edits)."""
    said = normalise(answer)
    mine = set(said.split())
    for earlier in previous:
        other = normalise(earlier)
        if said == other:
            return True
        if len(mine) >= 5 and _overlap(mine, set(other.split())) >= REPEAT_OVERLAP:
            return True
    return False


def is_thin(answer: str) -> bool:
    """An answer too short or too general to judge: few words, or no concrete detail at all."""
    count = len(words(answer))
    if count < THIN_WORDS:
        return True
    return count < CONCRETE_WORDS and not _CONCRETE.search(answer)


def read_answer(answer: str, previous: list[str] | tuple[str, ...] = ()) -> str:
    """What an answer calls for: one of EMPTY, GIBBERISH, CLARIFY, DONT_KNOW, REPEAT, CLAIM, VAGUE, STRONG."""
    said = words(answer)
    if not said or all(w in _NOISE for w in said):
        return EMPTY
    if is_gibberish(answer):
        return GIBBERISH
    if _CLARIFY.search(answer) and len(said) <= 25:
        return CLARIFY
    if _DONT_KNOW.search(answer.strip()) and len(said) <= 20:
        return DONT_KNOW
    if previous and is_repeat(answer, list(previous)):
        return REPEAT
    if _CLAIM.search(answer) and (is_thin(answer) or len(said) < 60):
        return CLAIM
    if is_thin(answer):
        return VAGUE
    return STRONG
