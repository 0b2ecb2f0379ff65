"""Who the candidate is and how to reach them: name, email, phone, links, location."""

import re

from ..skills import normalize_skill
from .dates import RANGE
from .places import REMOTE_WORDS, is_place, mentions_place
from .roles import strip_markup
from .sections import fold, heading_key
from .titles import company_score, find_degree, title_score

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}(?![\w-])")
URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()|,;\"']+"
    r"|(?<![\w@.])(?:[\w-]+\.)?(?:linkedin\.com|github\.com|gitlab\.com|bitbucket\.org|stackoverflow\.com|"
    r"behance\.net|dribbble\.com|medium\.com|twitter\.com|x\.com|kaggle\.com|xing\.com|huggingface\.co|"
    r"codeberg\.org|orcid\.org|scholar\.google\.com)/[^\s<>()|,;\"']+",
    re.IGNORECASE,
)
_WRAPPED_EMAIL = re.compile(
    r"(?<![\w.+-])([\w.+-]+@[\w-]+(?:\.[\w-]+)*\.?)\n([a-z][a-z.-]{0,15}[a-z]|[a-z])(?=[ \t]*(?:\n|$))"
)
# Not inside an identifier: "10.1234/neurips.2023.1234" (a DOI) holds no phone number.
_PHONE = re.compile(r"(?<![\w+])(?<![\w][./])(\+?\(?\d[\d\s().\-/]{6,}\d)(?![\w])")
_PHONE_WORDS = (r"(?:phone|tel|telephone|mobile|mob|cell|móvil|movil|teléfono|telefono|telefon|handy|tél|portable|"
                r"telefone|celular|cellulare|telefoon|whatsapp)")
_PHONE_LABEL = re.compile(
    rf"\b{_PHONE_WORDS}\b|\((?:home|work|mobile|other)\)",  # LinkedIn: "0724 (Home)"
    re.IGNORECASE,
)
_LOCATION_LABEL = re.compile(
    r"^\s*(?:location|address|based in|city|residence|ubicación|ubicacion|dirección|direccion|residencia|"
    r"wohnort|adresse|standort|localisation|localização|localizacao|endereço|indirizzo|residenza|woonplaats|adres)"
    r"\s*[:\-]?\s*(.+)$",
    re.IGNORECASE,
)
_ONLY_PHONE_LABEL = re.compile(rf"^\s*{_PHONE_WORDS}\s*(?:no\.?|number)?\s*:?\s*$", re.IGNORECASE)
_INTRODUCED = re.compile(r"\b(?i:my name is|i am called|je m'appelle|me llamo|mi chiamo|ich heiße|ich heisse)\s+"
                         r"([A-ZÀ-Þ][\w'’-]+(?:\s+[A-ZÀ-Þ][\w'’-]+){1,3})")
_NAME_LABEL = re.compile(r"^\s*(?:name|full name|nombre|nom|vorname und name|nome|naam)\s*:\s*(.+)$", re.IGNORECASE)
_UPPER, _LOWER = "A-ZÀ-ÖØ-ÞА-ЯЁІЇЄҐΑ-Ω", "a-zà-öø-ÿа-яёіїєґα-ωά-ώ"  # Latin, Cyrillic, Greek
_CJK_NAME = re.compile("^[\u4e00-\u9fff\uac00-\ud7af]{2,4}$")  # 王小明, 김민수: one word, no spaces
# Anne, McDonald, O'Brien
_NAME_PART = rf"[{_UPPER}](?:[{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?|['’][{_UPPER}][{_LOWER}]+)"
_NAME_WORD = re.compile(
    rf"^(?:{_NAME_PART}(?:-{_NAME_PART})?"  # Jean-Luc
    rf"|[{_UPPER}]\.|[{_UPPER}'’-]{{2,}})$"  # J., DOE
)
_PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "la", "le", "di", "dos", "das", "du", "y", "e",
              "bin", "al", "zu", "ten", "ter"}
NAME_SEARCH_LINES = 60
_NOT_NAME = {"curriculum vitae", "resume", "résumé", "cv", "lebenslauf", "curriculum", "profile", "contact"}
_SEPARATORS = re.compile(r"\s*(?:\||·|•|⋅|∙|—|–|\t| - |;)\s*")
HEADER_LINES = 10
MAX_TITLE_WORDS = 12


def find_email(text: str) -> str | None:
    match = EMAIL.search(_WRAPPED_EMAIL.sub(_unwrap_email, text))
    return match.group().lower() if match else None


def _unwrap_email(match: re.Match) -> str:
    """A narrow sidebar breaks "name@gmail.c" / "om": join the parts when the first is not an address yet."""
    head, tail = match.group(1), match.group(2)
    return head + tail if not EMAIL.fullmatch(head) else match.group()


def find_links(text: str) -> list[str]:
    links: dict[str, None] = {}
    for match in URL.finditer(text):
        link = match.group().rstrip(".,;:)]}>'\"")
        if "@" not in link.split("/")[0]:
            links.setdefault(link, None)
    return list(links)


def find_phone(text: str) -> str | None:
    previous = ""
    for line in text.splitlines():
        # "Phone: 79860…", or a sidebar's label on the line above its value ("PHONE:" / "7986020318")
        labelled = bool(_PHONE_LABEL.search(line) or _ONLY_PHONE_LABEL.match(previous))
        previous = line if line.strip() else previous
        for match in _PHONE.finditer(line):
            candidate = match.group(1).strip()
            if _plausible_phone(candidate, labelled):
                return re.sub(r"\s+", " ", candidate)
    return None


def _plausible_phone(candidate: str, labelled: bool) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if not 8 <= len(digits) <= 15 or RANGE.search(candidate):
        return False
    if not labelled and not candidate.startswith("+") and _looks_like_date(candidate):
        return False
    return labelled or candidate.startswith(("+", "(")) or len(re.findall(r"\d+", candidate)) >= 2


def _looks_like_date(candidate: str) -> bool:
    """"03.2019 2021", "01/2019-12/2020": digit groups of day/month size around a year. A phone number
    that ends in 1919 ("512.740.1919") has longer groups beside it."""
    groups = re.findall(r"\d+", candidate)
    years = [g for g in groups if len(g) == 4 and g[:2] in ("19", "20")]
    return bool(years) and all(len(g) <= 2 or g in years for g in groups)


def find_name(text: str) -> str | None:
    """The candidate's name: a labelled name, or the best-placed short line of capitalised words.

    The name is usually first, but sidebars are often read before the main column: a candidate
    line scores for being near the top, and for being followed by a job title or contact details.
    """
    lines = [strip_markup(line) for line in text.splitlines()]
    lines = [line for line in lines if line][:NAME_SEARCH_LINES]
    for line in lines[:40]:
        labelled = _NAME_LABEL.match(line)
        if labelled:
            return labelled.group(1).strip()
    for line in lines[:40]:
        introduced = _INTRODUCED.search(line)  # "My name is Aakarsh Walia and I am a student"
        if introduced and _looks_like_name(introduced.group(1)):
            return introduced.group(1)
    best, best_score = None, float("-inf")
    for position, line in enumerate(lines):
        candidate = _SEPARATORS.split(line)[0].strip().strip(",")
        head, comma, tail = candidate.rpartition(",")
        if comma and find_degree(tail):
            candidate = head.strip()  # "Felipe Schreiber, M.Sc."
        if not _looks_like_name(candidate) or (position and lines[position - 1].endswith(",")):
            continue  # the end of a list wrapped onto a line: "Prompt Testing," / "Guideline Adherence"
        following = lines[position + 1 : position + 4]
        score = (1.5 if position < 3 else 0.0) - 0.05 * position
        if following and title_score(following[0]) > 0 and len(following[0].split()) <= MAX_TITLE_WORDS:
            score += 2.0  # a headline under the name, not the first sentence of a summary
        if any(EMAIL.search(line) or _PHONE.search(line) for line in following):
            score += 1.0
        if any(is_place(line) or ("," in line and mentions_place(line)) for line in following):
            score += 1.0  # where the candidate lives, under the name and headline
        if score > best_score:
            best, best_score = candidate, score
    if best is None:
        return None
    return _title_case(best) if best.isupper() else best


def _title_case(name: str) -> str:
    words = [word.title() if word.lower() not in _PARTICLES else word.lower() for word in name.split()]
    return " ".join(words)


def _looks_like_name(candidate: str) -> bool:
    if _CJK_NAME.match(candidate.replace(" ", "")) and len(candidate.split()) <= 2:
        return True
    words = candidate.split()
    if not 2 <= len(words) <= 5 or fold(candidate) in _NOT_NAME or heading_key(candidate):
        return False
    if any(ch.isdigit() for ch in candidate) or "@" in candidate or "/" in candidate:
        return False
    if title_score(candidate) > 0 or company_score(candidate) >= 1 or normalize_skill(candidate):
        return False
    if is_place(candidate) or ("," in candidate and mentions_place(candidate)):
        return False
    if sum(1 for word in words if normalize_skill(word)) >= len(words) - 1:
        return False  # "Spring Boot", "System Monitoring": a skill list in a sidebar
    # "da Silva", "van Dijk"; a particle ends no name ("Debarghya Das")
    named = [word for word in words[:-1] if word.lower() not in _PARTICLES] + words[-1:]
    return all(_NAME_WORD.match(word) for word in named) and len(named) >= 2


def find_location(text: str) -> str | None:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    for line in lines[:40]:
        labelled = _LOCATION_LABEL.match(line)
        if labelled:
            value = labelled.group(1).strip().strip(".")
            first = re.split(r"\s*(?:\(|;| - | \| )", value)[0].strip()
            # "Remote (anywhere in Europe)": the parenthesis is the location, keep it
            return (value if fold(first) in REMOTE_WORDS and "(" in value else first) or None
    nearby = lines[:HEADER_LINES]
    email_at = next((i for i, line in enumerate(lines) if EMAIL.search(line)), None)
    if email_at is not None and email_at >= HEADER_LINES - 3:  # contacts in a sidebar read after the main column
        nearby += lines[max(0, email_at - 4) : email_at + 6]
    for line in nearby:
        if EMAIL.fullmatch(line.strip()):
            continue
        for part in _SEPARATORS.split(EMAIL.sub("", URL.sub("", line))):
            part = part.strip(" ,")
            if part and len(part) <= 60 and (is_place(part) or (mentions_place(part) and "," in part)):
                return part
    return None
