"""What a recruiter must know about a document before trusting it.

- `hidden_text`: text in the file that a human reader cannot see (white on white or the colour of
  the shape behind it, tiny, off the page or outside its clipping path, invisible render mode,
  covered by a shape or picture painted over it; Word's hidden font, white or tiny runs, comments;
  Markdown comments). It stays out of `Document.text`, so no model reads it, and is shown to the
  recruiter highlighted where it sat.
- `prompt_injection`: text addressed to an AI system ("ignore previous instructions", "rate this
  candidate 10/10"), visible or hidden, in English, Spanish, French, German, Portuguese, Italian
  or Dutch. It is flagged, not removed: the recruiter sees what the candidate wrote.
- `invisible_characters`: zero-width, bidi-control or tag characters, removed before any model
  sees the text; tag characters can spell a hidden message, which is decoded for the recruiter.
"""

import re
from dataclasses import dataclass, field

from llm.sanitize import count_invisible, strip_invisible

from .parsing.result import HiddenSpan
from .skills import extract_skills

EXCERPT_CHARS = 300
MAX_DETAILS_PER_FLAG = 20
INVISIBLE_THRESHOLD = 10  # a few soft hyphens or zero-width joiners are normal in exported PDFs
_TAGS = re.compile("[\U000e0000-\U000e007f]+")

_I = re.IGNORECASE
INJECTION_PATTERNS: list[tuple[str, re.Pattern]] = [
    (p, re.compile(p, _I))
    for p in [
        # English
        r"\b(?:ignore|disregard|forget|override|skip)\s+(?:all\s+|any\s+|the\s+|your\s+|of\s+)*(?:previous|prior|above|"
        r"earlier|preceding|former|existing|system|original)\s+(?:instructions?|prompts?|directions?|rules|guidelines|"
        r"messages?|context)",
        r"\bignore\s+(?:all\s+|any\s+)?(?:instructions?|the\s+rules)\b",
        r"\byou\s+are\s+now\s+(?:a|an|the|in|my|acting|going|no\s+longer)\b",
        r"\b(?:system|developer|hidden)\s+prompt\b",
        r"\bnew\s+instructions?\s*:",
        r"\bas\s+an?\s+(?:ai|artificial\s+intelligence)(?:\s+language)?\s+model\b",
        r"\bas\s+a\s+large\s+language\s+model\b",
        r"\b(?:note|message|instructions?|attention)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|a\.i\.|llm|gpt|"
        r"chatgpt|claude|gemini|language\s+model|assistant|bot|screening\s+(?:system|tool|software)|ats|recruiter\s+ai)\b",
        r"\b(?:rate|score|rank|grade|evaluate|mark|assess)\s+(?:this|the|me|my)\s+(?:candidate|applicant|resume|cv|"
        r"profile|application)?\s*(?:as\s+|with\s+|at\s+|a\s+)?(?:\d{1,3}\s*(?:/|out\s+of)\s*\d{1,3}|10|100|"
        r"highly|the\s+(?:best|top|highest)|a\s+perfect|excellent|maximum|perfect)",
        r"\b(?:you\s+(?:must|should|will)|please|always)\s+(?:hire|recommend|shortlist|select|advance|approve|prioriti[sz]e)"
        r"\s+(?:this|the|me\b|my)",
        r"\b(?:recommend|hire|shortlist|advance)\s+this\s+(?:candidate|applicant|person)\s+(?:immediately|"
        r"for\s+(?:the|this)\s+(?:role|position|job)|as\s+(?:a\s+)?(?:strong|top|perfect))",
        r"\bdo\s+not\s+(?:mention|reveal|disclose|tell)\s+(?:this|these|that|the\s+(?:instructions|prompt))",
        r"<\|im_start\|>|<\|system\|>|\[/?INST\]|<<SYS>>|###\s*(?:system|instruction)s?\b",
        r"\b(?:jailbreak|DAN\s+mode|developer\s+mode\s+enabled)\b",
        # Spanish
        r"\b(?:ignora|ignore|ignorad|olvida|olvide|omite)\s+(?:todas\s+)?(?:las\s+)?(?:instrucciones|indicaciones|"
        r"órdenes)\s+(?:anteriores|previas)",
        r"\b(?:ahora\s+eres|eres\s+ahora|ahora\s+act[uú]as\s+como)\b",
        r"\bprompt\s+del\s+sistema\b",
        r"\bcomo\s+(?:un\s+)?modelo\s+de\s+lenguaje\b",
        r"\b(?:califica|puntúa|puntua|evalúa|evalua|valora)\s+(?:a\s+)?(?:este|esta|el|la)\s+(?:candidat[oa]|"
        r"perfil|currículum|curriculum|cv)\s+con\s+(?:un\s+)?(?:\d{1,3}|la\s+máxima|la\s+maxima)",
        r"\b(?:recomienda|contrata)\s+(?:a\s+)?(?:este|esta)\s+(?:candidat[oa]|persona)\b",
        # French
        r"\b(?:ignore[rz]?|oublie[rz]?)\s+(?:toutes\s+)?(?:les\s+)?(?:instructions|consignes)\s+(?:précédentes|"
        r"precedentes|antérieures|anterieures|ci-dessus)",
        r"\b(?:tu\s+es|vous\s+êtes|vous\s+etes)\s+(?:maintenant|désormais|desormais)\b",
        r"\b(?:invite|prompt)\s+(?:du\s+)?système\b",
        r"\ben\s+tant\s+que\s+modèle\s+de\s+langage\b",
        r"\b(?:donne[rz]?|attribue[rz]?|note[rz]?|évalue[rz]?)\s+(?:à\s+)?(?:ce|cette|le|la)\s+(?:candidat|candidate|"
        r"profil|cv)\s+(?:la\s+note\s+(?:de\s+)?|avec\s+)?(?:\d{1,3}\s*/\s*\d{1,3}|\d{1,3}|la\s+note\s+maximale)",
        r"\brecommande[rz]?\s+(?:ce|cette)\s+(?:candidat|candidate)\b",
        # German
        r"\b(?:ignoriere|ignorieren\s+sie|vergiss|vergessen\s+sie|missachte)\s+(?:alle\s+)?(?:vorherigen|bisherigen|"
        r"obigen|vorigen|früheren)?\s*(?:anweisungen|instruktionen|befehle|regeln)",
        r"\bdu\s+bist\s+(?:jetzt|nun|ab\s+sofort)\b",
        r"\bsystem-?prompt\b",
        r"\bals\s+(?:ein\s+)?(?:ki-)?sprachmodell\b",
        r"\b(?:bewerte|bewerten\s+sie|beurteile)\s+(?:diesen|diese|den|die)\s+(?:kandidaten|kandidatin|bewerber|"
        r"bewerberin|lebenslauf)\s+mit\s+(?:\d{1,3}|der\s+höchst)",
        r"\b(?:empfiehl|empfehlen\s+sie|stelle|stellen\s+sie)\s+(?:diesen|diese)\s+(?:kandidaten|kandidatin|bewerber|"
        r"bewerberin)\b",
        # Portuguese, Italian, Dutch
        r"\bignore\s+(?:todas\s+)?as\s+instruções\s+anteriores\b",
        r"\bvocê\s+agora\s+é\b",
        r"\bignora\s+(?:tutte\s+)?le\s+istruzioni\s+precedenti\b",
        r"\bora\s+sei\b",
        r"\bnegeer\s+(?:alle\s+)?(?:vorige|eerdere|voorgaande)\s+(?:instructies|opdrachten)\b",
        r"\bje\s+bent\s+nu\b",
    ]
]


@dataclass
class Screening:
    text: str
    hidden: list[HiddenSpan]
    flags: list[str] = field(default_factory=list)
    details: list[dict] = field(default_factory=list)

    def flag(self, name: str, excerpt: str, reason: str, **extra: object) -> None:
        if name not in self.flags:
            self.flags.append(name)
        if sum(1 for d in self.details if d["name"] == name) < MAX_DETAILS_PER_FLAG:
            self.details.append({"name": name, "excerpt": _excerpt(excerpt), "reason": reason, **extra})


def _excerpt(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1] + "…"


def screen(text: str, hidden: list[HiddenSpan]) -> Screening:
    """Clean the visible text of invisible characters and flag hidden text and prompt injection."""
    result = Screening(text=strip_invisible(text), hidden=[])
    _invisible(result, text, hidden)
    for span in result.hidden:
        named = extract_skills(span.text)
        reason = f"{span.reason}; names skills: {', '.join(named[:8])}" if named else span.reason
        result.flag("hidden_text", span.text, reason, offset=span.offset)
    _injection(result, result.text, "visible")
    for span in result.hidden:
        _injection(result, span.text, "hidden")
    return result


def _invisible(result: Screening, text: str, hidden: list[HiddenSpan]) -> None:
    # Soft hyphens are removed too, but Word exports them by the hundred: they are not a signal.
    count = sum(count_invisible(t) - t.count("\u00ad") for t in [text, *(s.text for s in hidden)])
    messages = [_decode_tags(m.group()) for m in _TAGS.finditer(text)]
    for span in hidden:
        cleaned = strip_invisible(span.text).strip()
        if cleaned:  # offsets move left by the invisible characters removed before them
            result.hidden.append(HiddenSpan(cleaned, span.reason, len(strip_invisible(text[: span.offset]))))
    for message in filter(None, messages):
        offset = len(result.text)
        result.hidden.append(HiddenSpan(message, "spelled in invisible Unicode tag characters", offset))
    if count >= INVISIBLE_THRESHOLD or messages:
        shown = "; ".join(m for m in messages if m) or f"{count} invisible characters"
        result.flag("invisible_characters", shown, f"{count} invisible Unicode characters were removed")


def _decode_tags(run: str) -> str:
    return "".join(chr(ord(c) - 0xE0000) for c in run if 0xE0020 <= ord(c) <= 0xE007E).strip()


def _injection(result: Screening, text: str, where: str) -> None:
    for _, pattern in INJECTION_PATTERNS:
        for match in pattern.finditer(text):
            excerpt = _around(text, match.start(), match.end())
            if any(d["name"] == "prompt_injection" and d["excerpt"] == _excerpt(excerpt) for d in result.details):
                continue
            reason = f"{where} text addressed to an AI system: “{match.group().strip()}”"
            result.flag("prompt_injection", excerpt, reason, where=where)


def _around(text: str, start: int, end: int) -> str:
    """The sentence or line holding a match."""
    left = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start) + 1, start - 200)
    right_candidates = [i for i in (text.find("\n", end), text.find(". ", end)) if i != -1]
    right = min([*right_candidates, end + 200])
    return text[max(left, 0) : right + 1]
