"""Which language a document is written in: by script for non-Latin writing, else by its most common
short words (English, Spanish, French, German, Portuguese, Italian, Dutch, Polish, Swedish, Turkish)."""

import re
from collections import Counter

STOPWORDS: dict[str, set[str]] = {
    language: set(words.split())
    for language, words in {
        "en": "the and of to in for with on is are was were as at by an be this that from have has our you your "
        "we will i my",
        "es": "el la los las de del y en con por para que es son un una su sus como al se lo más también "
        "experiencia años",
        "fr": "le la les de des du et en avec pour que est sont un une sur au aux par dans ce cette nous vous mon "
        "ma mes expérience ans",
        "de": "der die das und in mit für von zu den dem ist sind ein eine auf im bei als auch wir sie ich nicht "
        "erfahrung jahre",
        "pt": "o a os as de do da dos das e em com para que é são um uma no na nos nas por ao também experiência "
        "anos você",
        "it": "il lo la i gli le di del della e in con per che è sono un una nel nella al alla dei delle anche "
        "esperienza anni",
        "nl": "de het een en van in met voor op is zijn te dat die als bij ook wij je jij ik naar ervaring jaar",
        "pl": "i w na z do się jest nie że o jak to przez dla od oraz lat doświadczenie pracy w zespole",
        "sv": "och i att det som en på är av för med till den har inte jag vi om år erfarenhet arbete",
        "tr": "ve bir bu için ile da de olarak en çok yıl deneyim olan gibi daha ben biz ama",
    }.items()
}
# Words shared by several languages say little; count only what tells them apart.
_SHARED = {word for word, n in Counter(w for words in STOPWORDS.values() for w in words).items() if n > 2}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_HITS = 5


# Scripts that name their language (or narrow it down) on their own.
_SCRIPTS = [
    ("ja", re.compile("[\u3040-\u30ff]")),  # kana: Japanese even among kanji
    ("ko", re.compile("[\uac00-\ud7af\u1100-\u11ff]")),
    ("zh", re.compile("[\u4e00-\u9fff]")),
    ("uk", re.compile("[іїєґІЇЄҐ]")),  # letters Russian does not have
    ("ru", re.compile("[\u0400-\u04ff]")),
    ("el", re.compile("[\u0370-\u03ff]")),
    ("ar", re.compile("[\u0600-\u06ff]")),
    ("he", re.compile("[\u0590-\u05ff]")),
    ("hi", re.compile("[\u0900-\u097f]")),
    ("th", re.compile("[\u0e00-\u0e7f]")),
]
SCRIPT_SHARE = 0.3  # of the letters: a Latin resume quoting a few Cyrillic words stays Latin


def _by_script(text: str) -> str | None:
    letters = sum(1 for ch in text if ch.isalpha())
    if not letters:
        return None
    for language, pattern in _SCRIPTS:
        found = len(pattern.findall(text))
        if language == "uk" and found >= 2 and _SCRIPTS[4][1].search(text):
            return "uk"
        if language != "uk" and found >= SCRIPT_SHARE * letters:
            return language
    return None


def detect_language(text: str) -> str | None:
    """ISO 639-1 code, or None when the text says too little."""
    sample = text[:20000]
    script = _by_script(sample)
    if script:
        return script
    counts: Counter[str] = Counter()
    for word in _WORD.findall(sample.lower()):
        if word in _SHARED:
            continue
        for language, words in STOPWORDS.items():
            if word in words:
                counts[language] += 1
    if not counts:
        return None
    ranked = counts.most_common(2)
    language, hits = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    # A short document (a sparse resume) may hold only a few function words: enough if they all agree.
    return language if hits >= MIN_HITS or (hits >= 3 and runner_up == 0) else None
