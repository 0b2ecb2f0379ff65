"""Who the candidate is and how to reach them: name, email, phone, links, location."""

import re

from .dates import RANGE
from .places import is_place, mentions_place
from .sections import fold, heading_key
from .titles import looks_like_title

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()|,;\"']+"
    r"|(?<![\w@.])(?:[\w-]+\.)?(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|stackoverflow\.com|"
    r"behance\.net|dribbble\.com|medium\.com|twitter\.com|x\.com|kaggle\.com|xing\.com|huggingface\.co|"
    r"codeberg\.org|orcid\.org|scholar\.google\.com)/[^\s<>()|,;\"']+",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\w+])(\+?\(?\d[\d\s().\-/]{6,}\d)(?![\w])")
_PHONE_LABEL = re.compile(
    r"\b(?:phone|tel|telephone|mobile|mob|cell|móvil|movil|teléfono|telefono|telefon|handy|tél|portable|"
    r"telefone|celular|cellulare|telefoon|whatsapp)\b",
    re.IGNORECASE,
)
_LOCATION_LABEL = re.compile(
    r"^\s*(?:location|address|based in|city|residence|ubicación|ubicacion|dirección|direccion|residencia|"
    r"wohnort|adresse|standort|localisation|localização|localizacao|endereço|indirizzo|residenza|woonplaats|adres)"
    r"\s*[:\-]?\s*(.+)$",
    re.IGNORECASE,
)
_NAME_LABEL = re.compile(r"^\s*(?:name|full name|nombre|nom|vorname und name|nome|naam)\s*:\s*(.+)$", re.IGNORECASE)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+(?:-[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’]+)?"  # Anne, Jean-Luc
    r"|[A-ZÀ-ÖØ-Þ]\.|[A-ZÀ-ÖØ-Þ'’-]{2,}"  # J., DOE
    r"|(?:de|da|del|della|van|von|der|den|la|le|di|dos|das|du|y|e|bin|al)\.?)$"  # particles
)
_NOT_NAME = {"curriculum vitae", "resume", "résumé", "cv", "lebenslauf", "curriculum", "profile", "contact"}
_SEPARATORS = re.compile(r"\s*(?:\||·|•|⋅|∙|—|–|\t| - |;)\s*")
HEADER_LINES = 10


def find_email(text: str) -> str | None:
    match = EMAIL.search(text)
    return match.group().lower() if match else None


def find_links(text: str) -> list[str]:
    links: dict[str, None] = {}
    for match in _URL.finditer(text):
        link = match.group().rstrip(".,;:)]}>'\"")
        if "@" not in link.split("/")[0]:
            links.setdefault(link, None)
    return list(links)


def find_phone(text: str) -> str | None:
    for line in text.splitlines():
        labelled = bool(_PHONE_LABEL.search(line))
        for match in _PHONE.finditer(line):
            candidate = match.group(1).strip()
            if _plausible_phone(candidate, labelled):
                return re.sub(r"\s+", " ", candidate)
    return None


def _plausible_phone(candidate: str, labelled: bool) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if not 8 <= len(digits) <= 15 or RANGE.search(candidate):
        return False
    if re.fullmatch(r"[\d\s./-]*(?:19|20)\d\d[\d\s./-]*", candidate) and not labelled and not candidate.startswith("+"):
        # Bare digit groups holding a year are dates far more often than phone numbers.
        groups = re.findall(r"\d+", candidate)
        if any(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
            return False
    return labelled or candidate.startswith(("+", "(")) or len(re.findall(r"\d+", candidate)) >= 2


def find_name(text: str) -> str | None:
    """The candidate's name: a labelled name, or a short line of capitalised words at the top."""
    lines = [line.strip() for line in text.splitlines() if line.strip()][:HEADER_LINES]
    for line in lines:
        labelled = _NAME_LABEL.match(line)
        if labelled:
            return labelled.group(1).strip()
    for line in lines:
        candidate = _SEPARATORS.split(line)[0].strip().strip(",")
        if _looks_like_name(candidate):
            return candidate.title() if candidate.isupper() else candidate
    return None


def _looks_like_name(candidate: str) -> bool:
    words = candidate.split()
    if not 2 <= len(words) <= 5 or fold(candidate) in _NOT_NAME or heading_key(candidate):
        return False
    if any(ch.isdigit() for ch in candidate) or "@" in candidate or looks_like_title(candidate):
        return False
    if is_place(candidate) or mentions_place(candidate):
        return False
    return all(_NAME_WORD.match(word) for word in words) and sum(word[0].isupper() for word in words) >= 2


def find_location(text: str) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:40]:
        labelled = _LOCATION_LABEL.match(line)
        if labelled:
            return re.split(r"\s*(?:\(|;| - | \| )", labelled.group(1))[0].strip().strip(".") or None
    for line in lines[:HEADER_LINES]:
        if EMAIL.fullmatch(line.strip()):
            continue
        for part in _SEPARATORS.split(EMAIL.sub("", _URL.sub("", line))):
            part = part.strip(" ,")
            if part and len(part) <= 60 and (is_place(part) or (mentions_place(part) and "," in part)):
                return part
    return None
