"""Which language a document is written in, from its most common short words."""

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
    }.items()
}
# Words shared by several languages say little; count only what tells them apart.
_SHARED = {word for word, n in Counter(w for words in STOPWORDS.values() for w in words).items() if n > 2}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_HITS = 5


def detect_language(text: str) -> str | None:
    """ISO 639-1 code (en, es, fr, de, pt, it, nl), or None when the text says too little."""
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text[:20000].lower()):
        if word in _SHARED:
            continue
        for language, words in STOPWORDS.items():
            if word in words:
                counts[language] += 1
    if not counts:
        return None
    language, hits = counts.most_common(1)[0]
    return language if hits >= MIN_HITS else None
