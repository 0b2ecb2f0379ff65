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
# At a sentence's start before a colon or comma only the evaluator's roles count: "AI:" or "Model:" there
# is as likely a label in an ordinary answer.
_JUDGE_ROLE = r"""(?:reviewer|grader|evaluator|assessor|scorer|rater|judge|examiner|marker
    |(?:ai|a\.i\.|llm|language|scoring|grading|evaluation|evaluating|assessment|review|reviewing|judging|rating|marking)
     \s+(?:model|system|engine|bot|tool)
    |(?:reviewer|grader|evaluator|assessor|scorer|rater|judge)\s+(?:model|ai|llm|bot|system)
    |bewertungs\w*|bewerter\w*|prüfer\w*|gutachter\w*|évaluateur\w*|correcteur\w*|evaluador\w*|calificador\w*
    |modelo\s+evaluador)"""
_SCORE_TERM = r"""(?:\d+(?:\.\d+)?\s*(?:/|out\s+of|von|sur|de)\s*\d+\b|full\s+marks|full\s+points
    |top\s+(?:score|marks|rating)|highest\s+(?:score|marks?|rating|grade)|perfect\s+score
    |maximum\s+(?:score|marks?|points?|rating)|strong[_\s]yes|strong\s+hire|\b5\s+stars)"""
_ANSWER = r"(?:this|the|my)\s+(?:answer|response|reply|submission|transcript|candidate|interview)"
_READING = r"(?:reading|reviewing|grading|scoring|evaluating|assessing|judging)"
_TOP_GRADE_DE = r"""(?:höchstnote|bestnote|bestbewertung|höchstbewertung|höchstpunktzahl|volle\s+punkt\w*
    |maximal\w*\s+punkt\w*|beste\s+note|\d+\s+von\s+\d+|starke\s+empfehlung)"""

# Each rule: words, of which at least one must occur in the lower-cased text ("|" between them; a cheap
# test that spares most texts most expressions), then the expression.
_RULES: list[tuple[str, str]] = [
    # English: overriding the rules ("ignore your rubric"), dictating a score ("give me 5/5").
    ("ignore|disregard|forget|override|bypass",
    r"""\b(ignore|disregard|forget|override|bypass)\b[^.!?\n]{0,60}?
        \b(instruction|rubric|prompt|rule|guideline|criteria|previous|above|evaluat|scoring|grading
           |strong[-\s]answer)"""),
    ("/|out|von|sur|de|full|top|highest|perfect|maximum|strong|stars",
    rf"""\b(give|award|assign|rate|score|grade|mark|grant)\s+(?:[\w'-]+\s+){{0,4}}?(?:an?\s+|the\s+)?{_SCORE_TERM}"""),
    ("give|award|assign|grant",
    rf"""\b(give|award|assign|grant)\s+(?:it|me|this|{_ANSWER})?\s*(?:the\s+)?(?:maximum|max|top|highest|best)
        \s*(?=[.!?;]|$)"""),
    ("high|well|excellent|strong|perfect",
    r"""\b(score|rate|grade|mark|evaluate)\s+(me|this\s+(answer|response|candidate)|my\s+(answer|response))\s+
        (highly|high|well|as\s+(excellent|strong|perfect))"""),
    # Telling the judge how to read the answer: "score accordingly", "consider this answer perfect",
    # "this answer meets every strong-answer point".
    ("accordingly",
    r"""\b(score|rate|grade|mark|judge|evaluate|assess)\s+(?:it\s+|this\s+|me\s+)?accordingly\b"""),
    ("perfect|excellent|flawless|correct|outstanding|exceptional|complete|strong|top|ideal",
    rf"""\b(consider|treat|regard|rate|score|grade|mark|record|evaluate|assess|classify)\s+{_ANSWER}\s+
        (?:as\s+)?(?:an?\s+)?(?:fully\s+|completely\s+|entirely\s+)?
        (perfect|excellent|flawless|correct|outstanding|exceptional|complete|strong|top|ideal)"""),
    ("meets|satisfies|covers|fulfils|fulfills|hits|addresses|matches",
    rf"""{_ANSWER}\s+(meets|satisfies|covers|fulfils|fulfills|hits|addresses|matches)\s+(every|all)\b
        [^.!?\n]{{0,40}}?(point|criteri|rubric|requirement|competenc|expectation)"""),
    ("hire|strong",
    r"""\b(record|recommend|mark|classify)\s+(?:this\s+candidate\s+|me\s+|them\s+)?(?:as\s+)?(?:a\s+)?
        (strong[_\s](yes|hire)|hire)\b(?!\s+(?:rate|process|date|plan|freeze|count|manager|budget))"""),
    ("recommend",
    r"""\brecommend\s+(me|this\s+candidate)\s+(as\s+)?(a\s+)?(strong[_\s]yes|hire)\b"""),
    # Speaking to an AI or to the judge: "note to the grader", "Dear AI,", "To the model reviewing this:",
    # "Reviewer model: ..." at a sentence's start, "any automated scorer reading this".
    ("you",
    r"""\byou\s+are\s+(now\s+)?(an?\s+)?(ai|language\s+model|evaluator|grader|assistant|llm)\b"""),
    ("prompt",
    r"""\b(system|developer)\s+prompt\b"""),
    ("note|message|instruction|hint|attention|reminder",
    rf"""\b(note|message|instructions?|hint|attention|reminder)\s+(to|for)\s+(the\s+|any\s+|all\s+)?{_JUDGE}\b"""),
    ("dear|hey|hello|hi",
    rf"""\b(dear|hey|hi|hello)\s+(the\s+|my\s+)?(automated\s+)?{_JUDGE}\s*[,:]"""),
    (":|reading|reviewing|grading|scoring|evaluating|assessing|judging",
    rf"""\b(as|to)\s+(the\s+|any\s+)?(automated\s+)?{_JUDGE}\s*
        (:|\b{_READING}\s+(this|these|my|the\s+(answer|transcript|interview)))"""),
    ("reviewer|grader|evaluator|assessor|scorer|rater|judge|examiner|marker|model"
     "|system|engine|bot|tool|bewert|prüfer|gutachter|évaluateur|correcteur|evaluador|calificador",
    rf"""(?:^|[.!?;]\s)\W*(the\s+)?{_JUDGE_ROLE}\s*[:,]"""),
    ("reading|reviewing|grading|scoring|evaluating|assessing|judging",
    rf"""\b(any|the|an?)\s+(automated|ai|machine|llm)\s+\w+\s+{_READING}\s+this\b"""),
    ("instruction",
    r"""\bnew\s+instructions?\b"""),
    # German: "ignoriere die Bewertungsregeln", "die Kriterien ignorieren", "gib mir die Höchstnote",
    # "bewerte sie als hervorragend", "Hinweis an das Bewertungsmodell", "Liebe KI".
    ("ignorier|vergiss|vergesst|vergessen|missacht|übergeh|überspring",
    r"""\b(ignorier\w*|vergiss|vergesst|vergessen|missacht\w*|übergeh\w*|überspring\w*)\b[^.!?\n]{0,60}?
        (anweisung|instruktion|regel|bewertung|kriteri|vorgabe|richtlinie|rubrik|prompt|vorherig|bisherig|obig)"""),
    ("ignorieren|vergessen|missachten|übergehen|überspringen",
    r"""(anweisung|instruktion|regel|bewertungs|kriteri|vorgabe|richtlinie|rubrik)\w*\b[^.!?\n]{0,40}?
        \b(ignorieren|vergessen|missachten|übergehen|überspringen)\b"""),
    ("höchst|bestnote|bestbewertung|volle|maximal|beste|von|starke",
    rf"""\b(gib|gebt|geben|vergib|vergebt|vergeben|erteile|erteilt|erteilen|bewerte|bewertet|bewerten|verdient
        |einstufen|benote\w*)\b[^.!?\n]{{0,60}}?{_TOP_GRADE_DE}"""),
    ("höchst|bestnote|bestbewertung|volle|maximal|beste|von|starke",
    rf"""{_TOP_GRADE_DE}[^.!?\n]{{0,40}}?\b(geben|vergeben|erteilen|bewerten|einstufen|verdient)\b"""),
    ("bewerte|benote|stufe|einstufen",
    r"""\b(bewerte|benote|stufe)\b[^.!?\n]{0,40}?(sehr\s+gut|hervorragend|exzellent|note\s+1\b)
        | \b(als|mit)\s+(sehr\s+gut|hervorragend|exzellent)\s+(einstufen|bewerten|benoten)\b"""),
    ("hinweis|nachricht|anweisung|notiz|info",
    rf"""\b(hinweis|nachricht|anweisung|notiz|info)\s+(an|für)\s+(das|den|die|alle|jedes?)?\s*{_JUDGE}"""),
    ("das|den|die|liebe|geehrte|hallo",
    rf"""(?:^|[.!?;]\s)\W*(an\s+(das|den|die)|liebe[rs]?|sehr\s+geehrte[rs]?|hallo)\s+{_JUDGE}\b"""),
    # French and Spanish: "ignorez les consignes", "attribuez la note maximale", "asigna la puntuación máxima".
    ("ignore|oublie|ignora|olvida|olvide|omite",
    r"""\b(ignore[rz]?|oublie[rz]?|ignora|ignorad|olvida|olvide|omite)\b[^.!?\n]{0,40}?
        (consigne|instruction|règle|critère|barème|instruccion|regla|criterio|rúbrica)"""),
    ("maximale|meilleure|máxima|maxima",
    r"""(note\s+maximale|meilleure\s+note|puntuaci[óo]n\s+m[áa]xima|nota\s+m[áa]xima|m[áa]xima\s+puntuaci[óo]n
        |calificaci[óo]n\s+m[áa]xima)"""),
]
_COMPILED = [(tuple(words.split("|")), re.compile(p, re.IGNORECASE | re.VERBOSE | re.MULTILINE)) for words, p in _RULES]


def looks_like_instruction(text: str) -> bool:
    """True when the text speaks to an AI or evaluator instead of answering a question."""
    text = text or ""
    lowered = text.lower()
    return any(any(w in lowered for w in words) and rule.search(text) for words, rule in _COMPILED)


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
