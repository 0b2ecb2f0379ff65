"""Skill taxonomy: canonical names, aliases and related skills. (Interface fixed.)

The data is `documents/data/skills.txt` (its header explains the format). Matching works on
tokens, so it respects word boundaries: "Go" the language is not the verb "go", "C" is not the
"C" of "C++" or "C-level", and short or everyday names ("Go", "R", "Spring", "Sales") count only
when the text treats them as skills - in a list of other skills, in a skills section, or next to
a cue word such as "language" or "framework".
"""

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "skills.txt"
NEIGHBOUR_DISTANCE = 4  # tokens between a skill and a cue word
_TOKEN = re.compile(r"(?<!\w)\.?[^\W_][\w+#.&]*|(?<=\w)[+#]+")
_SKILLS_LABEL = re.compile(
    r"^\s*(?:[#*\-•]\s*)?(?:key\s+|core\s+|technical\s+|tech\s+|hard\s+|soft\s+|other\s+|it\s+|professional\s+)?"
    r"(?:skills?|skill\s*set|tech(?:nology|nologies)?\s*stack|stack|technolog(?:y|ies)|tools?(?:\s+and\s+\w+)?|"
    r"languages?|programming\s+languages?|frameworks?|competenc(?:e|es|ies|y)|expertise|proficienc(?:y|ies)|"
    r"kenntnisse|fähigkeiten|fachkenntnisse|sprachen|habilidades|competencias|"
    r"conocimientos|idiomas|compétences|langues|outils|competências|idiomas|conhecimentos|competenze|lingue|"
    r"vaardigheden|talen)\b[^:\n]{0,40}:",
    re.IGNORECASE,
)
_CONNECTORS = {"and", "or", "und", "oder", "y", "o", "et", "ou", "e", "en", "of", "plus", "&"}
_CUES = {
    "language", "languages", "programming", "lang", "framework", "frameworks", "developer", "developers",
    "development", "engineer", "engineers", "library", "libraries", "stack", "sdk", "fluent", "fluency",
    "native", "proficient", "proficiency", "bilingual", "speaker", "c1", "c2", "b1", "b2", "a1", "a2",
    "certified", "certification", "skills", "coding", "scripting", "muttersprache", "fließend", "nativo",
    "nativa", "fluido", "courant", "langue", "sprache", "idioma",
}


@dataclass
class _Alias:
    canonical: str
    words: tuple[str, ...]  # as written, for case-sensitive aliases
    case_sensitive: bool
    ambiguous: bool


@dataclass
class _Taxonomy:
    aliases: dict[tuple[str, ...], list[_Alias]] = field(default_factory=dict)
    longest_from: dict[str, int] = field(default_factory=dict)  # first token -> longest alias length
    families: dict[str, set[str]] = field(default_factory=dict)  # family -> canonical names
    skill_families: dict[str, set[str]] = field(default_factory=dict)  # canonical -> family names
    kinds: dict[str, str] = field(default_factory=dict)  # canonical -> tech | general


def _tokens(text: str) -> list[tuple[str, bool]]:
    """Tokens, each with whether punctuation separates it from the one before.

    Hyphens and slashes join ("CI/CD", "scikit-learn" = "scikit learn"); other punctuation breaks,
    so "AWS (ECS)" is two mentions, not "AWS ECS".
    """
    found: list[tuple[str, bool]] = []
    cursor = 0
    for match in _TOKEN.finditer(text.replace("-", " ").replace("/", " ")):
        token = match.group().rstrip(".&")
        if not token:
            continue
        gap = text[cursor : match.start()]
        found.append((token, bool(gap.strip(" \t-/"))))
        cursor = match.start() + len(token)
    return found


def _parse_name(raw: str) -> tuple[str, bool, bool]:
    name = raw.strip()
    ambiguous = case_sensitive = False
    while name and name[-1] in "*^":
        ambiguous |= name[-1] == "*"
        case_sensitive |= name[-1] == "^"
        name = name[:-1].rstrip()
    return name, case_sensitive, ambiguous


@lru_cache(maxsize=1)
def _taxonomy() -> _Taxonomy:
    taxonomy = _Taxonomy()
    family, kind = "", "general"
    for line in DATA_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or (line.startswith("#") and not line.startswith("## ")):
            continue
        if line.startswith("## "):
            match = re.match(r"##\s+(.*?)\s*(?:\[(\w+)\])?$", line)
            family, kind = match.group(1), (match.group(2) or "general") if match else ("", "general")
            continue
        names = [_parse_name(part) for part in line.split("|")]
        canonical = names[0][0]
        taxonomy.families.setdefault(family, set()).add(canonical)
        taxonomy.skill_families.setdefault(canonical, set()).add(family)
        taxonomy.kinds.setdefault(canonical, kind)
        for name, case_sensitive, ambiguous in names:
            words = tuple(token for token, _ in _tokens(name))
            key = tuple(word.lower() for word in words)
            if key:
                taxonomy.aliases.setdefault(key, []).append(_Alias(canonical, words, case_sensitive, ambiguous))
                taxonomy.longest_from[key[0]] = max(taxonomy.longest_from.get(key[0], 0), len(key))
    return taxonomy


def all_skills() -> dict[str, str]:
    """Every canonical skill and its kind (`tech` or `general`)."""
    return dict(_taxonomy().kinds)


def normalize_skill(name: str) -> str | None:
    """The canonical name of a skill or alias ("Postgres" -> "PostgreSQL"), or None if unknown."""
    key = tuple(token.lower() for token, _ in _tokens(name or ""))
    entries = _taxonomy().aliases.get(key)
    return entries[0].canonical if entries else None


@dataclass
class _Match:
    canonical: str
    start: int  # token index in the whole text
    end: int
    line: int
    ambiguous: bool  # still needs a neighbouring skill to count
    gap_before: tuple[str, ...] = ()  # the words between this match and the previous one on its line


def extract_skills(text: str) -> list[str]:
    """Canonical skills mentioned in text, in order of first mention, without duplicates."""
    return extract_skills_in(text)


def extract_skills_in(text: str, *, skills_context: bool = False) -> list[str]:
    """`extract_skills`, optionally treating all of `text` as a list of skills (a JD's requirements)."""
    seen: dict[str, None] = {}
    for match in _confirmed(_find_matches(text or "", skills_context)):
        seen.setdefault(match.canonical, None)
    return list(seen)


def _find_matches(text: str, skills_context: bool) -> list[_Match]:
    """Every alias occurrence; an ambiguous one is settled here when its line gives context."""
    taxonomy = _taxonomy()
    found: list[_Match] = []
    in_skills_section = False
    base = 0
    for line_no, line in enumerate(text.splitlines()):
        in_skills_section = _section_state(line, in_skills_section)
        labelled = skills_context or in_skills_section or bool(_SKILLS_LABEL.match(line))
        tokens = _tokens(line)
        words = [token for token, _ in tokens]
        breaks = {i for i, (_, broken) in enumerate(tokens) if broken}
        lowered = [word.lower() for word in words]
        cues = [i for i, word in enumerate(lowered) if word in _CUES]
        previous_end: int | None = None
        i = 0
        while i < len(words):
            hit = _longest(taxonomy, words, lowered, breaks, i)
            if hit is None:
                i += 1
                continue
            alias, length = hit
            cued = any(i - NEIGHBOUR_DISTANCE <= c < i or i + length <= c < i + length + 2 for c in cues)
            ambiguous = alias.ambiguous and not (labelled or cued)
            gap = tuple(lowered[previous_end:i]) if previous_end is not None else ("\n",)
            found.append(_Match(alias.canonical, base + i, base + i + length, line_no, ambiguous, gap))
            i += length
            previous_end = i
        base += len(words)
    return found


def _longest(
    taxonomy: _Taxonomy, words: list[str], lowered: list[str], breaks: set[int], i: int
) -> tuple[_Alias, int] | None:
    limit = min(taxonomy.longest_from.get(lowered[i], 0), len(words) - i)
    for later in range(i + 1, i + limit):
        if later in breaks:
            limit = later - i
            break
    for length in range(limit, 0, -1):
        for alias in taxonomy.aliases.get(tuple(lowered[i : i + length]), ()):
            if not alias.case_sensitive or tuple(words[i : i + length]) == alias.words:
                return alias, length
    return None


def _section_state(line: str, current: bool) -> bool:
    """Inside a skills section: after a short heading like "Skills", until the next heading."""
    stripped = line.strip().strip("#*_:").strip()
    if not stripped or len(stripped) > 40 or len(stripped.split()) > 5:
        return current
    if _SKILLS_LABEL.fullmatch(stripped + ":") or _SKILLS_LABEL.fullmatch(stripped):
        return True
    looks_like_heading = stripped.isupper() or line.rstrip().endswith(":") or line.lstrip().startswith("#")
    return False if looks_like_heading else current


def _confirmed(matches: list[_Match]) -> list[_Match]:
    """Clear matches, plus ambiguous ones listed next to a confirmed skill on the same line."""
    confirmed = [not m.ambiguous for m in matches]
    changed = True
    while changed:  # "Python, Go, R" - Go is confirmed by Python, then R by Go
        changed = False
        for k, match in enumerate(matches):
            if confirmed[k]:
                continue
            # Matches are in text order: a list neighbour is the match right before or right after.
            neighbours = [(k - 1, match), (k + 1, matches[k + 1] if k + 1 < len(matches) else None)]
            for j, later in neighbours:
                if 0 <= j < len(matches) and later is not None and confirmed[j] and _listed_together(later):
                    confirmed[k] = changed = True
                    break
    return [m for m, ok in zip(matches, confirmed, strict=True) if ok]


def _listed_together(later: _Match) -> bool:
    """The later of two neighbouring matches follows the earlier as in a list: "Python, Go", "Go and R"."""
    return len(later.gap_before) <= 1 and all(word in _CONNECTORS for word in later.gap_before)


def related_skills(name: str) -> set[str]:
    """Canonical skills a practitioner would call close to this one (the skill graph's `~` links).

    Sharing a family is not enough ("Caching" and "Frontend development" share one). Spoken
    languages keep each other as relatives only, so "English" is close to no skill.
    """
    from .skill_graph import related

    canonical = normalize_skill(name) or name
    if is_spoken_language(canonical):
        return _taxonomy().families[SPOKEN_LANGUAGES] - {canonical}
    return related(canonical)


SPOKEN_LANGUAGES = "Spoken languages"


def is_spoken_language(name: str) -> bool:
    """English, Spanish, German...: a language people speak, which is not a skill (programming
    languages are)."""
    canonical = normalize_skill(name) or name
    return SPOKEN_LANGUAGES in _taxonomy().skill_families.get(canonical, ())


def split_spoken_languages(names: list[str]) -> tuple[list[str], list[str]]:
    """(skills, spoken languages) of a list of canonical names, each in its order."""
    languages = [n for n in names if is_spoken_language(n)]
    return [n for n in names if n not in languages], languages


_LIST_MARK = re.compile(r"^(?:[-*•·▪◦●○■►✓➢–]\s*)+")


def skill_lines(text: str) -> dict[str, list[str]]:
    """Each canonical skill mentioned in `text`, with the lines that mention it (whitespace and list
    bullets trimmed), in order."""
    lines = (text or "").splitlines()
    found: dict[str, list[str]] = {}
    for match in _confirmed(_find_matches(text or "", False)):
        line = _LIST_MARK.sub("", " ".join(lines[match.line].split()))
        if line not in found.setdefault(match.canonical, []):
            found[match.canonical].append(line)
    return found


def skill_profile(name: str) -> tuple[str, set[str]]:
    """(kind, families) of a skill: kind `tech` or `general` ("" when unknown), and the names of its
    families ("Healthcare and nursing", "Spoken languages", ...)."""
    canonical = normalize_skill(name) or name
    taxonomy = _taxonomy()
    return taxonomy.kinds.get(canonical, ""), set(taxonomy.skill_families.get(canonical, ()))


@lru_cache(maxsize=1)
def _keys_by_canonical() -> dict[str, set[tuple[str, ...]]]:
    """Every canonical skill's aliases (its own name included), as lower-case token tuples."""
    keys: dict[str, set[tuple[str, ...]]] = {}
    for key, entries in _taxonomy().aliases.items():
        for entry in entries:
            keys.setdefault(entry.canonical, set()).add(key)
    return keys


def _mention_keys(name: str) -> set[tuple[str, ...]]:
    """The ways a text may mention `name`: its own words, every alias of its canonical skill, and those of
    the skills the skill graph calls the same (`==`)."""
    from .skill_graph import implications

    canonical = normalize_skill(name)
    keys = {tuple(token.lower() for token, _ in _tokens(name or ""))}
    if canonical is not None:
        index = _keys_by_canonical()
        same = {other for other in implications(canonical) if canonical in implications(other)}
        for skill in (canonical, *same):
            keys |= index.get(skill, set())
    return {key for key in keys if key}


def skills_in_text(names: list[str], text: str) -> tuple[list[str], list[str]]:
    """(names the text mentions, names it does not), each in order. A mention is any alias of the
    skill as whole words, case and punctuation aside ("k8s" for Kubernetes, "Postgres" for PostgreSQL),
    so a model's list can be held to what the document says."""
    words = [token.lower() for token, _ in _tokens(text or "")]
    starts: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        starts.setdefault(word, []).append(i)

    def mentioned(key: tuple[str, ...]) -> bool:
        return any(tuple(words[i : i + len(key)]) == key for i in starts.get(key[0], ()))

    kept, dropped = [], []
    for name in names:
        (kept if any(mentioned(key) for key in _mention_keys(name)) else dropped).append(name)
    return kept, dropped
