"""Remove protected attributes a candidate mentions about themselves before any evaluator reads an answer.

Age, date of birth, nationality or origin, gender, family status, religion, home address and
phone numbers say nothing about the competencies a rubric asks for, and a model that reads them
may be swayed. They are replaced by one neutral placeholder, the same whatever was removed, so a
counterfactual swap ("I am 52" / "I am 27") leaves the evaluated text identical.

The patterns look for self-descriptions ("I'm 52", "as a mother", "I'm originally from Lagos"),
not for every number or place: "we served 52 clinics" or "our Berlin office" stay.
"""

import re

PERSONAL_PLACEHOLDER = "[personal detail removed]"

_DEMONYMS = (
    "american|british|english|scottish|welsh|irish|canadian|australian|mexican|brazilian|argentinian|colombian"
    "|chilean|peruvian|venezuelan|cuban|spanish|portuguese|french|german|italian|dutch|belgian|swiss|austrian"
    "|polish|czech|slovak|hungarian|romanian|bulgarian|greek|turkish|russian|ukrainian|belarusian|swedish"
    "|norwegian|danish|finnish|icelandic|estonian|latvian|lithuanian|serbian|croatian|bosnian|albanian"
    "|nigerian|ghanaian|kenyan|ethiopian|somali|egyptian|moroccan|algerian|tunisian|south african|ugandan"
    "|tanzanian|cameroonian|senegalese|zimbabwean|indian|pakistani|bangladeshi|sri lankan|nepali|chinese"
    "|japanese|korean|vietnamese|thai|filipino|filipina|indonesian|malaysian|singaporean|iranian|iraqi"
    "|syrian|lebanese|israeli|palestinian|jordanian|saudi|emirati|afghan|arab|african|asian|european|latino"
    "|latina|hispanic|black|white|caucasian"
)
_GENDER_WORDS = (
    "woman|man|female|male|girl|guy|mother|father|mom|mum|dad|single mother|single father|single parent"
    "|wife|husband|grandmother|grandfather|transgender|trans woman|trans man|non-binary|nonbinary|gay|lesbian"
    "|bisexual|queer"
)
_RELIGIONS = "muslim|christian|catholic|protestant|jewish|hindu|buddhist|sikh|atheist|mormon"
_STREET = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Lane|Boulevard|Blvd\.|Drive|Court|Way|Place|Square|Terrace|Strasse|Straße"
)
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty"
_I_AM = r"\bI(?:'m|\s+am|\s+was)\s+(?:a\s+|an\s+)?"
# A place name: capitalised words (case matters here, so "I come from a data background" stays).
_PLACE = r"(?:the\s+)?[A-Z][\w'-]+(?:,?\s+(?:[A-Z][\w'-]+|de|del|da|do|of|la|le))*"

_PATTERNS = [
    # Age and date of birth.
    re.compile(rf"{_I_AM}(?:\d{{2}}|(?:{_TENS})(?:[- ][a-z]+)?)(?:\s+years?\s+old|\s+y/?o\b)?"
               r"(?=\s*[,.;!?)]|\s+and\b|$)", re.IGNORECASE),
    re.compile(r"\b\d{2}[- ]years?[- ]old\b", re.IGNORECASE),
    re.compile(r"\b(?:I\s+was\s+)?born\s+(?:in|on)\s+[^,.;!?\n]{1,40}", re.IGNORECASE),
    re.compile(r"\b(?:at|for)\s+my\s+age\b|\bmy\s+age\b|\baged\s+\d{2}\b", re.IGNORECASE),
    re.compile(r"\b(?:turned|turning)\s+\d{2}\b", re.IGNORECASE),
    # Nationality, origin, residence.
    re.compile(rf"{_I_AM}(?:{_DEMONYMS})(?:\s+(?:citizen|national|woman|man|person|native|immigrant))?\b",
               re.IGNORECASE),
    re.compile(rf"\bas\s+an?\s+(?:{_DEMONYMS})(?:\s+(?:citizen|national|woman|man|person|immigrant))?\b",
               re.IGNORECASE),
    re.compile(r"\b(?i:I(?:'m|\s+am)\s+(?:originally\s+)?from|I\s+come\s+from|I\s+grew\s+up\s+in|my\s+home\s+"
               rf"country\s+is|I\s+was\s+raised\s+in|I\s+(?:live|reside)\s+(?:in|near))\s+{_PLACE}"),
    re.compile(r"\bmy\s+(?:nationality|citizenship|ethnicity|race|religion|accent|visa|immigration\s+status)\b"
               r"[^,.;!?\n]{0,40}", re.IGNORECASE),
    re.compile(r"\b(?:a\s+)?(?:citizen|national)\s+of\s+[A-Z][^,.;!?\n]{0,30}"),
    re.compile(rf"\b(?i:originally\s+from|born\s+and\s+raised\s+in|a\s+native\s+of)\s+{_PLACE}"),
    re.compile(r"\b(?i:I\s+live\s+(?:at|on))\s+[^,.;!?\n]{1,40}"),
    re.compile(rf"\b\d{{1,5}}\s+(?:[A-Z][\w'-]+\s+){{1,3}}(?:{_STREET})(?=[\s,.;!?]|$)"),
    re.compile(r"\b(?:I(?:'m|\s+am)\s+)?(?:not\s+)?a\s+(?:non-?\s?)?native\s+(?:English\s+)?speaker\b", re.IGNORECASE),
    # Gender, family, religion.
    re.compile(rf"\bas\s+an?\s+(?:{_GENDER_WORDS}|{_RELIGIONS})\b", re.IGNORECASE),
    re.compile(rf"{_I_AM}(?:{_GENDER_WORDS}|{_RELIGIONS})\b", re.IGNORECASE),
    re.compile(r"\b(?:I(?:'m|\s+am)\s+)?(?:pregnant|on\s+maternity\s+leave|on\s+paternity\s+leave)\b", re.IGNORECASE),
    re.compile(r"\bmy\s+(?:pronouns\s+are\s+)?(?:she|he|they)\s*/\s*(?:her|him|them)\b", re.IGNORECASE),
    re.compile(r"\(\s*(?:she|he|they)\s*/\s*(?:her|him|them)\s*\)", re.IGNORECASE),
    # Phone numbers: at least nine digits in the usual groupings.
    re.compile(r"(?<![\w+])\+?\d{1,3}?[\s.-]?\(?\d{2,4}\)?[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w])"),
]


def redact_protected(text: str) -> str:
    """The text with self-described protected attributes replaced by PERSONAL_PLACEHOLDER."""
    for pattern in _PATTERNS:
        text = pattern.sub(PERSONAL_PLACEHOLDER, text)
    return text
