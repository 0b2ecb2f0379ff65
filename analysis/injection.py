"""Recognise text addressed to the evaluator ("ignore your rubric", "give me 5/5").

Such text is never evidence: it is removed before an answer is judged and reported as a concern.
The patterns are deliberately broad; a false positive only costs the sentence its weight as
evidence, while a false negative could let an answer talk itself into a score.
"""

import re

# A sentence ends at . ! or ? followed by a space, a line end or the end (closing quotes and brackets stay with
# it); a point inside a token ("0.8%", "Node.js", "v2.1") does not end one.
_SENTENCE = re.compile(r"(?:[^.!?\n]|[.!?](?=[^\s.!?\"'\u201d\u2019)]))+(?:[.!?]+[\"'\u201d\u2019)]*(?=\s|$)|\n|$)")

# Who an instruction is addressed to: an AI, a model, or whoever judges the answer (English, German,
# French, Spanish). Alone these words are ordinary ("our reviewer", "the model"); they count only where
# the sentence speaks to them (a vocative "Reviewer model: ...", "note to the grader", "Liebe KI").
_JUDGE = r"""(?:reviewer|grader|evaluator|assessor|scorer|rater|judge|examiner|marker|screener
    |(?:ai|a\.i\.|llm|gpt|chatgpt|claude|language|scoring|grading|evaluation|evaluating|assessment|review|reviewing
       |judging|rating|marking)\s+(?:model|system|engine|bot|tool)
    |(?:reviewer|grader|evaluator|assessor|scorer|rater|judge)\s+(?:model|ai|llm|bot|system)
    |ai|a\.i\.|llm|gpt|chatgpt|claude|language\s+model|assistant|chatbot
    |ki|k\.i\.|bewertungs\w*|bewerter\w*|prüfer\w*|gutachter\w*|sprachmodell\w*|modell|assistent\w*
    |évaluateur\w*|correcteur\w*|modèle|ia|evaluador\w*|calificador\w*|modelo(?:\s+evaluador)?|asistente)"""
_SCORE_TERM = r"""(?:\d+(?:\.\d+)?\s*(?:/|out\s+of|von|sur|de)\s*\d+\b|full\s+marks|full\s+points|top\s+(?:score|marks|rating)
    |highest\s+(?:score|marks?|rating|grade)|perfect\s+score|maximum\s+(?:score|marks?|points?|rating)
    |strong[_\s]yes|strong\s+hire|\b5\s+stars)"""
_ANSWER = r"(?:this|the|my)\s+(?:answer|response|reply|submission|transcript|candidate|interview)"

_PATTERNS = [
    # English: overriding the rules ("ignore your rubric"), dictating a score ("give me 5/5").
    r"""\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}?
        \b(instruction|rubric|prompt|rule|guideline|criteria|previous|above|evaluat|scoring|grading|strong[-\s]answer)""",
    rf"""\b(give|award|assign|rate|score|grade|mark|grant)\s+(?:[\w'-]+\s+){{0,4}}?(?:an?\s+|the\s+)?{_SCORE_TERM}""",
    rf"""\b(give|award|assign|grant)\s+(?:it|me|this|{_ANSWER})?\s*(?:the\s+)?(?:maximum|max|top|highest|best)\s*(?=[.!?;]|$)""",
    r"""\b(score|rate|grade|mark|evaluate)\s+(me|this\s+(answer|response|candidate)|my\s+(answer|response))\s+
        (highly|high|well|as\s+(excellent|strong|perfect))""",
    # Telling the judge how to read the answer: "score accordingly", "consider this answer perfect",
    # "this answer meets every strong-answer point".
    r"""\b(score|rate|grade|mark|judge|evaluate|assess)\s+(?:it\s+|this\s+|me\s+)?accordingly\b""",
    rf"""\b(consider|treat|regard|rate|score|grade|mark|record|evaluate|assess|classify)\s+{_ANSWER}\s+(?:as\s+)?(?:an?\s+)?
        (?:fully\s+|completely\s+|entirely\s+)?(perfect|excellent|flawless|correct|outstanding|exceptional|complete|strong|top|ideal)""",
    rf"""{_ANSWER}\s+(meets|satisfies|covers|fulfils|fulfills|hits|addresses|matches)\s+(every|all)\b[^.!?\n]{{0,40}}?
        (point|criteri|rubric|requirement|competenc|expectation)""",
    r"""\b(record|recommend|mark|classify)\s+(?:this\s+candidate\s+|me\s+|them\s+)?(?:as\s+)?(?:a\s+)?(strong[_\s](yes|hire)|hire)\b
        (?!\s+(?:rate|process|date|plan|freeze|count|manager|budget))""",
    r"""\brecommend\s+(me|this\s+candidate)\s+(as\s+)?(a\s+)?(strong[_\s]yes|hire)\b""",
    # Speaking to an AI or to the judge.
    r"""\byou\s+are\s+(now\s+)?(an?\s+)?(ai|language\s+model|evaluator|grader|assistant|llm)\b""",
    r"""\b(system|developer)\s+prompt\b""",
    rf"""\b(note|message|instructions?|hint|attention|reminder)\s+(to|for)\s+(the\s+|any\s+|all\s+)?{_JUDGE}\b""",
    rf"""\b(dear|hey|hi|hello)\s+(the\s+|my\s+)?(automated\s+)?{_JUDGE}\s*[,:]""",
    rf"""\b(as|to)\s+(the\s+|any\s+)?(automated\s+)?{_JUDGE}\s*(:|\b(reading|reviewing|grading|scoring|evaluating|assessing|judging)\s+(this|these|my|the\s+(answer|transcript|interview)))""",
    rf"""^\W*(the\s+)?{_JUDGE}\s*[:,]""",
    rf"""\b(any|the|an?)\s+(automated|ai|machine|llm)\s+\w+\s+(reading|reviewing|grading|scoring|evaluating|assessing)\s+this\b""",
    r"""\bnew\s+instructions?\b""",
    # German: "ignoriere die Bewertungsregeln", "die Kriterien ignorieren", "gib mir die Höchstnote",
    # "Hinweis an das Bewertungsmodell", "Liebe KI".
    r"""\b(ignorier\w*|vergiss|vergesst|vergessen|missacht\w*|übergeh\w*|überspring\w*)\b[^.!?\n]{0,60}?
        (anweisung|instruktion|regel|bewertung|kriteri|vorgabe|richtlinie|rubrik|prompt|vorherig|bisherig|obig)""",
    r"""(anweisung|instruktion|regel|bewertungs|kriteri|vorgabe|richtlinie|rubrik)\w*\b[^.!?\n]{0,40}?
        \b(ignorieren|vergessen|missachten|übergehen|überspringen)\b""",
    r"""\b(gib|gebt|geben|vergib|vergebt|vergeben|erteile|erteilt|erteilen|bewerte|bewertet|bewerten|verdient|einstufen|benote\w*)\b
        [^.!?\n]{0,60}?(höchstnote|bestnote|bestbewertung|höchstbewertung|höchstpunktzahl|volle\s+punkt\w*|maximal\w*\s+punkt\w*
        |beste\s+note|note\s+1\b|sehr\s+gut\b|hervorragend|\d+\s+von\s+\d+|starke\s+empfehlung)""",
    r"""(höchstnote|bestnote|volle\s+punktzahl|höchstpunktzahl|\d+\s+von\s+\d+\s+punkt\w*)[^.!?\n]{0,40}?
        \b(geben|vergeben|erteilen|bewerten|einstufen|verdient)\b""",
    rf"""\b(hinweis|nachricht|anweisung|notiz|info)\s+(an|für)\s+(das|den|die|alle|jedes?)?\s*{_JUDGE}""",
    rf"""^\W*(an\s+(das|den|die)|liebe[rs]?|sehr\s+geehrte[rs]?|hallo)\s+{_JUDGE}\b""",
    # French and Spanish: "ignorez les consignes", "attribuez la note maximale", "asigna la puntuación máxima".
    r"""\b(ignore[rz]?|oublie[rz]?|ignora|ignore|ignorad|olvida|olvide|omite)\b[^.!?\n]{0,40}?
        (consigne|instruction|règle|critère|barème|instruccion|regla|criterio|rúbrica)""",
    r"""(note\s+maximale|meilleure\s+note|puntuaci[óo]n\s+m[áa]xima|nota\s+m[áa]xima|m[áa]xima\s+puntuaci[óo]n|calificaci[óo]n\s+m[áa]xima)""",
]
_INSTRUCTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.IGNORECASE | re.VERBOSE | re.MULTILINE)


def looks_like_instruction(text: str) -> bool:
    """True when the text speaks to an AI or evaluator instead of answering a question."""
    text = text or ""
    # Sentence by sentence too: a vocative ("Reviewer model: ...") is recognised at a sentence's start.
    return bool(_INSTRUCTION.search(text)) or any(_INSTRUCTION.search(text[a:b]) for a, b in split_sentences(text))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, leading spaces excluded, so slices stay exact."""
    spans = []
    for match in _SENTENCE.finditer(text or ""):
        start, end = match.start(), match.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            spans.append((start, end))
    return spans


def strip_instructions(text: str) -> tuple[str, bool]:
    """The text without its sentences addressed to the evaluator, and whether any were removed."""
    kept, removed = [], False
    for start, end in split_sentences(text):
        sentence = text[start:end]
        if looks_like_instruction(sentence):
            removed = True
        else:
            kept.append(sentence)
    return " ".join(kept), removed
