"""The offline evaluator's reading of one answer: is it substantive, what does it cover, how concrete is it.

A score comes from three things the candidate said, judged against the topic's strong-answer
points: coverage of the points' key terms (words that merely echo the question do not count),
concrete detail (numbers, things named that the question did not name, first-person actions in
any line of work) and how much the answer brings of its own (distinct content words beyond the
question's, so neither repeating a line nor reciting the question makes an answer longer). Text
addressed to the evaluator is removed first and never counts. Words are read in any script and
without accents, so a topic that carries a Spanish or German skill name matches an answer that
writes it with or without them.

It reads English and German, the languages the product interviews in: German function words are
glue, German endings are stemmed (see `german`), a compound meets its parts ("Kundenkarte" covers
"Karte"), amounts meet amounts ("16,50 €"), and a short answer that names what a point names is
substantive. Coverage is graded: a point earns part credit for part of its key terms, and a point
may carry its weight ("(0.25 P)"). Measured on SAF, expert-scored answers in both languages:
`bench/answer_judge.py`.
"""

import re
import unicodedata
from dataclasses import dataclass

from ..assessment.protected import PERSONAL_PLACEHOLDER
from ..assessment.speech import without_fillers
from ..injection import split_sentences, strip_instructions
from . import german
from .transcript import CONTACT_PLACEHOLDER, PLACEHOLDER

MIN_WORDS = 8
PART_CREDIT = 0.5  # a point short of its needed terms earns this much of its share of them
COMPOUND_PART = 4  # letters a part of a compound needs to count as the word ("karte" in "kundenkarte")
MIN_FUNCTION_WORD_SHARE = 0.12  # real sentences are glue words too; keyword salad and gibberish are not
QUOTE_MAX_CHARS = 220

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers him his how i if in into is it its itself just me more most my no nor not now of off on once
    only or other our ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which while who whom
    why will with would you your yours yourself i'm i've i'd we'd we've it's that's don't didn't""".split()
)
# Words of the rubric's phrasing that carry no subject matter.
RUBRIC_FILLER = frozenset(
    """specific concrete clear clearly own part their they them what how why with from about beyond not only
    just e.g etc example examples like such would could should""".split()
)
# Function words of the evaluation set's other languages (es, fr, de, pt), accents folded: a topic or
# question that quotes a JD in its own language ("Gestión de obras y control de costes") has these
# as glue, not as subject matter. They are not counted as an English answer's function words.
FOREIGN_GLUE = frozenset(
    """de del la las el los lo y e o u en con por para al un una uno unos unas su sus que se como mas
    le les des du et ou au aux dans pour avec sur une qui ne pas est sont
    der die das den dem des und oder mit von fur zu zur zum im ein eine einer einem eines auf bei aus nach
    da do das dos em no na nos nas com um uma ao aos pelo pela""".split()
)
# Words in any script (a Spanish or German skill name must not fall apart at its accents): a letter,
# then letters, digits and a few joiners, ending on a letter, digit, + or #.
_WORD = re.compile(r"[^\W\d_](?:(?:[^\W_]|['+#./-])*(?:[^\W_]|[+#]))?")
_FIGURES = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)?")
_NUMBER = re.compile(r"\b\d[\d,.]*\s*(%|x\b|ms\b|s\b|k\b|m\b|gb\b|tb\b|mb\b)?", re.IGNORECASE)
# A first-person action: "I" or "we", perhaps a helper word or two ("have", "then"), then a verb of doing:
# one of these, in base or past form ("I fix", "I have fix" and "I fixed" are the same action: non-native
# grammar must not cost detail), or any other past form but the vague ones below, so a nurse who
# "escalated", a teacher who "planned" and a paralegal who "drafted" act as much as an engineer who "deployed".
_ACTION_VERBS = (
    "build|built|design|designed|write|wrote|rewrote|lead|led|migrate|migrated|implement|implemented|measure|"
    "measured|profile|profiled|fix|fixed|add|added|introduce|introduced|cut|reduce|reduced|improve|improved|ship|"
    "shipped|deploy|deployed|automate|automated|create|created|set up|own|owned|debug|debugged|trace|traced|"
    "refactor|refactored|replace|replaced|split|move|moved|benchmark|benchmarked|test|tested|choose|chose|decide|"
    "decided|propose|proposed|mentor|mentored|run|ran|make|made|check|checked|train|trained|negotiate|negotiated|"
    "assess|assessed|analyse|analysed|analyze|analyzed|escalate|escalated|document|documented|close|closed|present|"
    "presented|organise|organised|organize|organized|plan|review|draft|prepare|coordinate|schedule|teach|taught|"
    "handle|explain|reconcile|audit|monitor|track|interview|recruit|dispatch|calculate|triage|sell|sold"
)
# Past forms that say nothing about what was done ("I was", "we had", "I used it", "I worked with").
_VAGUE_PAST = frozenset(
    "was were had did used worked liked loved enjoyed felt thought knew seemed wanted needed tried went got "
    "learned learnt started finished supposed called named based interested involved experienced".split()
)
_ACTION_WORDS = frozenset(_ACTION_VERBS.replace("set up", "set").split("|"))
_SUBJECT = re.compile(r"\b(I|we)(?:'ve)?\s+((?:[\w'-]+\s+){0,2}[\w'-]+)", re.IGNORECASE)
# Words between the subject and its verb ("I have then fixed", "we would also review").
_HELPERS = frozenset("""have has 've also then just personally myself ourselves first quickly finally later really
    actually always often usually sometimes would will could can should must might 'd both all together""".split())
_NON_ANSWER = re.compile(
    rf"^\W*(i\s+(don'?t|do\s+not)\s+know|no\s+idea|pass|skip|not\s+sure|n/?a|nothing|no\s+submission|"
    rf"{german.NON_ANSWER})\b", re.IGNORECASE
)
# A point may carry its weight, as a rubric does: "Shows the letter in the app (0.25 P)", "(2 points)".
_POINT_WEIGHT = re.compile(r"\s*\(\s*(\d+(?:[.,]\d+)?)\s*(?:p|pt|pts|pkt|punkte?|points?)\.?\s*\)", re.IGNORECASE)


@dataclass
class Reading:
    """What one answer (or the joined answers to one topic) amounts to."""

    substantive: bool
    raw_score: float = 0.0  # 1.0-5.0 when substantive
    covered: int = 0
    points: int = 0
    coverage: float = 0.0  # 0-1: the weighted share of the points covered, with part credit for part of a point
    detail: float = 0.0
    words: int = 0
    instructions: bool = False  # it contained text addressed to the evaluator


def words(text: str) -> list[str]:
    return _WORD.findall((text or "").replace("\u2019", "'"))


# Irregular past forms, so "I build" and "I built" meet (tense errors are not evidence).
IRREGULAR = {
    "built": "build", "wrote": "write", "written": "write", "led": "lead", "ran": "run", "made": "make",
    "took": "take", "taken": "take", "chose": "choose", "chosen": "choose", "found": "find", "taught": "teach",
    "brought": "bring", "thought": "think", "began": "begin", "begun": "begin", "saw": "see", "seen": "see",
    "gave": "give", "given": "give", "drove": "drive", "driven": "drive", "spent": "spend", "sent": "send",
    "knew": "know", "known": "know", "kept": "keep", "held": "hold", "told": "tell", "grew": "grow",
    "grown": "grow", "broke": "break", "broken": "break", "sold": "sell", "bought": "buy", "caught": "catch",
    "fought": "fight", "understood": "understand", "met": "meet", "went": "go", "did": "do", "done": "do",
}
_SUFFIXES = (("ing", 3), ("ed", 3), ("es", 3), ("s", 3), ("ly", 4))


def stem(word: str) -> str:
    """A crude stem so "tests", "testing", "tested" and "test" meet, and "fix"/"fixed", "built"/"build".

    Hyphens are dropped ("trade-offs" ~ "tradeoff"); a final "e" too ("change" ~ "changed"), and a doubled
    final consonant after -ed/-ing ("planned" ~ "plan"), so tense and plural slips cost nothing. Accents
    are dropped too, so "Gestión" in a question and "gestion" typed on an English keyboard meet. German
    endings go as well ("Kunden" ~ "Kunde", "gegrüßt" ~ "grüßen"). Cut to 7 letters, so that sets of stems
    compare whole word families; `term` is the uncut stem the coverage reading matches compounds on.
    """
    return term(word)[:7]


def term(word: str) -> str:
    """The uncut stem of a word (see `stem`): English inflections, then German endings (CISTEM)."""
    word = fold(word).replace("-", "").replace("'", "").replace("\u2019", "")
    word = IRREGULAR.get(word, word)
    for suffix, keep in _SUFFIXES:
        if not word.endswith(suffix) or len(word) - len(suffix) < keep:
            continue
        if suffix == "ed" and word.endswith("eed") or suffix == "s" and word.endswith(("ss", "us", "is")):
            break  # "speed", "process", "status", "analysis" are not inflections
        word = word[: -len(suffix)]
        if suffix in ("ing", "ed") and len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
            word = word[:-1]
        break
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return german.cistem(word)


def fold(word: str) -> str:
    """Lower case without accents ("Gestión" -> "gestion", "Kündigung" -> "kundigung")."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def content_words(text: str) -> list[str]:
    """The words that carry subject matter: English and German function words, and the glue of the other
    languages a JD may quote, removed."""
    return [w for w in words(text) if w.lower() not in STOPWORDS and w.lower() not in RUBRIC_FILLER
            and (folded := fold(w)) not in FOREIGN_GLUE and folded not in german.FUNCTION_WORDS]


def content_stems(text: str) -> set[str]:
    """Stems of the words that carry subject matter (see `content_words`)."""
    return {stem(w) for w in content_words(text)}


def content_terms(text: str) -> set[str]:
    """Uncut stems of the words that carry subject matter, for matching compounds (see `terms_meet`), and the
    numbers of two or more figures ("#16.5" for "16,50 €"): a point that names an amount is met by it."""
    numbers = {f"#{n}" for n in (_number_term(m) for m in _FIGURES.findall(text or "")) if len(n) >= 2}
    return {term(w) for w in content_words(text)} | numbers


def _number_term(figures: str) -> str:
    figures = figures.replace(",", ".")
    return figures.rstrip("0").rstrip(".") if "." in figures else figures


def judged_text(text: str) -> str:
    """What is judged of an answer: without redaction placeholders, fillers or stutters (see assessment.speech)."""
    for placeholder in (PLACEHOLDER, CONTACT_PLACEHOLDER, PERSONAL_PLACEHOLDER):
        text = text.replace(placeholder, " ")
    return without_fillers(text)


def new_content(text: str, echoed: set[str]) -> set[str]:
    """What an answer brings of its own, which is what its length is measured in: distinct content words
    (dropped articles or fillers neither cost nor earn anything), without the question's words given
    back and without repeats (saying the same line twice does not make an answer longer)."""
    return content_stems(text) - echoed


def is_substantive(text: str, *, points: list[str] | None = None, echoed: set[str] | None = None) -> bool:
    """Enough real language to judge: not empty, not a non-answer, not gibberish or keyword salad.

    In English or German. A short answer (under `MIN_WORDS`) is enough when it names something a point of
    the topic names: "Ein Foto der Toiletten von außen" answers where to look as fully as a long one.
    """
    tokens = words(judged_text(text))
    if not tokens or _NON_ANSWER.match(text) and len(tokens) < 15:
        return False
    if len(tokens) < MIN_WORDS:
        answer = content_terms(text)
        return len(tokens) >= 2 and any(_credit(p, answer, echoed or set()) > 0 for p in points or [])
    function_share = sum(1 for t in tokens if t.lower() in STOPWORDS or fold(t) in german.FUNCTION_WORDS) / len(tokens)
    variety = len({t.lower() for t in tokens}) / len(tokens)
    return function_share >= MIN_FUNCTION_WORD_SHARE and variety >= 0.3


def detail_score(text: str, echoed: set[str] | None = None) -> float:
    """0-1: numbers, named tools (capitalised words mid-sentence) and first-person actions.

    A name the question itself gave (the skill asked about, echoed back) is not a detail the candidate
    brought: "I have used Advanced Cardiac Life Support a bit" names nothing new.
    """
    score = 0.35 if _NUMBER.search(text) else 0.0
    named = {w for start, end in split_sentences(text) for w in words(text[start:end])[1:]
             if _named(w) and stem(w) not in (echoed or ())}
    score += 0.35 if len(named) >= 2 else 0.15 if named else 0.0
    actions = first_person_actions(text)
    score += 0.3 if "i" in actions else 0.15 if actions else 0.0
    return min(1.0, score)


def first_person_actions(text: str) -> list[str]:
    """The subject ("i" or "we") of each first-person action in `text` (see `_ACTION_VERBS`)."""
    found = []
    for match in _SUBJECT.finditer((text or "").replace("\u2019", "'")):
        verb = next((w for w in match.group(2).lower().split() if w not in _HELPERS), "")
        if _is_doing(verb):
            found.append(match.group(1).lower())
    return found


def _is_doing(word: str) -> bool:
    """A verb of doing: a listed one, or any past form that is not one of the vague ones."""
    if word in _VAGUE_PAST:
        return False
    return word in _ACTION_WORDS or word in IRREGULAR or (word.endswith("ed") and len(word) > 4)


def _named(word: str) -> bool:
    return word != "I" and (word[0].isupper() or any(c.isupper() for c in word[1:]))


def point_weight(point: str) -> tuple[str, float]:
    """A point's text and weight: "Zeigt das Schreiben vor (0.25 P)" -> ("Zeigt das Schreiben vor", 0.25)."""
    match = _POINT_WEIGHT.search(point)
    if not match:
        return point, 1.0
    return (point[:match.start()] + point[match.end():]).strip(), float(match.group(1).replace(",", ".")) or 1.0


def point_terms(point: str, echoed: set[str]) -> set[str]:
    """Key terms of a strong-answer point, minus words the question or topic already gave away."""
    return {t for t in content_terms(point_weight(point)[0]) if len(t) >= 3 and t[:7] not in echoed}


def terms_meet(one: str, other: str) -> bool:
    """The same word, or one a compound of the other ("Kundenkarte" ~ "Karte", "Informationsschreiben" ~
    "Information"), or a cut stem of it: a shared start or end of at least `COMPOUND_PART` letters."""
    if one == other:
        return True
    short, long = sorted((one, other), key=len)
    return len(short) >= COMPOUND_PART and (long.startswith(short) or long.endswith(short))


def share_terms(one: set[str], other: set[str]) -> bool:
    """Whether two sets of stems or terms have a word in common (compounds and cut stems meet, see `terms_meet`)."""
    return bool(one & other) or any(terms_meet(a, b) for a in one for b in other)


def _met(point: str, answer: set[str], echoed: set[str]) -> tuple[int, int]:
    """(key terms of the point the answer names, key terms of the point)."""
    terms = point_terms(point, echoed)
    return sum(1 for t in terms if t in answer or any(terms_meet(t, a) for a in answer)), len(terms)


def _needed(terms: int) -> int:
    """Key terms an answer must name to cover a point in full: one of a short point, more of a long one."""
    return 1 if terms <= 3 else 2 if terms <= 8 else 3


def _credit(point: str, answer: set[str], echoed: set[str]) -> float:
    """0-1: how much of a point the answer covers: full once `_needed` of its key terms are named; short of
    that, half its share (one of the two terms a long point needs: 0.25), so a word in passing is not half
    a point."""
    met, terms = _met(point, answer, echoed)
    if not terms:
        return 0.0
    needed = _needed(terms)
    return 1.0 if met >= needed else PART_CREDIT * met / needed


def point_credits(answer: set[str], points: list[str], echoed: set[str]) -> list[float]:
    """For each point, 0-1: how much of it `answer` (stems or terms of the answer) covers."""
    return [_credit(point, answer, echoed) for point in points]


def covered_points(answer: set[str], points: list[str], echoed: set[str]) -> int:
    """How many points `answer` (stems or terms of the answer) covers in full."""
    return sum(covers_point(point, answer, echoed) for point in points)


def covers_point(point: str, answer: set[str], echoed: set[str]) -> bool:
    """Whether `answer` (stems or terms of the answer) covers a point in full (see `_credit`)."""
    return _credit(point, answer, echoed) >= 1.0


def weighted_coverage(credits: list[float], points: list[str]) -> float:
    """0-1: the points' credits, each counted by the point's weight (1 unless the point gives one)."""
    weights = [point_weight(p)[1] for p in points]
    return sum(c * w for c, w in zip(credits, weights, strict=True)) / sum(weights) if points else 0.0


def read_answer(text: str, *, points: list[str], echoed: set[str]) -> Reading:
    """Judge answer text against a topic's strong-answer points (see the module docstring)."""
    clean, instructions = strip_instructions(text)
    clean = judged_text(clean)
    if not is_substantive(clean, points=points, echoed=echoed):
        return Reading(substantive=False, instructions=instructions, words=len(words(clean)))
    count = len(words(clean))
    credits = point_credits(content_terms(clean), points, echoed)
    coverage = weighted_coverage(credits, points)
    covered = sum(credit >= 1.0 for credit in credits)
    detail = detail_score(clean, echoed)
    length = min(1.0, max(0.0, (len(new_content(clean, echoed)) - 6) / 24))
    raw = 1.0 + 2.2 * coverage + 1.0 * detail + 0.8 * length
    return Reading(True, min(5.0, raw), covered, len(points), coverage, detail, count, instructions)


def best_quote(text: str, *, points: list[str], echoed: set[str]) -> str | None:
    """The most telling sentence of an answer, as an exact substring (shortened at a word boundary).

    Sentences addressed to the evaluator, or touched by anonymisation, are never quoted.
    """
    wanted = set().union(*(point_terms(p, echoed) for p in points)) if points else set()
    best, best_value = None, -1.0
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if PLACEHOLDER in sentence or CONTACT_PLACEHOLDER in sentence or strip_instructions(sentence)[1]:
            continue
        if len(words(sentence)) < 4:
            continue
        value = len(content_terms(sentence) & wanted) + detail_score(sentence)
        if value > best_value:
            best, best_value = sentence, value
    return _shorten(best) if best else None


def _shorten(sentence: str) -> str:
    if len(sentence) <= QUOTE_MAX_CHARS:
        return sentence
    cut = sentence.rfind(" ", 0, QUOTE_MAX_CHARS)
    return sentence[: cut if cut > 40 else QUOTE_MAX_CHARS].rstrip(" ,;:")
