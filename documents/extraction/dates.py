"""Dates and date ranges in resumes, in seven languages, as YYYY-MM; years of experience from them."""

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {}
_MONTH_NAMES = {
    1: "jan january janv janvier januar jänner jän ene enero janeiro gen gennaio januari",
    2: "feb february febr févr fevr février fevrier februar febrero fev fevereiro febbraio februari",
    3: "mar march mars mär märz maerz marzo março marco mrt maart",
    4: "apr april avr avril abr abril aprile",
    5: "may mai mayo maio mag maggio mei",
    6: "jun june juin juni junio junho giu giugno",
    7: "jul july juil juillet juli julio julho lug luglio",
    8: "aug august août aout ago agosto augustus",
    9: "sep sept september septembre septiembre setiembre set setembro settembre",
    10: "oct october octobre okt oktober octubre out outubro ott ottobre",
    11: "nov november novembre noviembre novembro",
    12: "dec december déc décembre decembre dez dezember dic diciembre dezembro dicembre",
}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names.split():
        MONTHS[_name] = _number

PRESENT_WORDS = (
    r"present|current|currently|now|today|ongoing|to date|till date|date|"
    r"heute|bis heute|aktuell|jetzt|derzeit|dato|actualidad|presente|actual|actualmente|hoy|la fecha|"
    r"aujourd'hui|aujourd’hui|présent|actuel|en cours|maintenant|ce jour|à ce jour|atual|atualmente|o momento|hoje|"
    r"oggi|attuale|in corso|heden|nu|huidig"
)
_MONTH = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
# One date: "March 2019", "Mar. 2019", "03/2019", "3.2019", "01.03.2019", "2019-03", "2019".
# "Mar '19", "Sept. ’21": a month name with a two-digit year after an apostrophe.
_SHORT_YEAR = r"['’‘]\d{2}(?!\d)"
DATE = (
    rf"(?:(?:{_MONTH})\.?\s*[,/]?\s*(?:de\s+|of\s+)?(?:{_YEAR}|{_SHORT_YEAR})"
    rf"|(?:\d{{1,2}}\.\s?)?(?:0?[1-9]|1[0-2])\s?[./-]\s?{_YEAR}"
    rf"|{_YEAR}\s?[./-]\s?(?:0[1-9]|1[0-2])(?![\d])"
    rf"|{_YEAR})"
)
# "a la actualidad", "até o momento", "à ce jour": an article may come first.
_PRESENT = rf"(?:(?:la|a la|el|o|ao|à|a|até|até o|bis)\s+)?(?:{PRESENT_WORDS})"
_DASH = r"(?:-{1,2}|–|—|−|~|→|>|to|until|till|through|thru|bis|a|al|hasta|à|au|jusqu'à|jusqu’à|até|ao|fino a|tot|t/m)"
RANGE = re.compile(
    rf"(?<![\w/.])(?:(?:from|de|desde|von|vom|depuis|du|dal|da|van)\s+)?(?P<start>{DATE})\s*{_DASH}\s*"
    rf"(?P<end>{DATE}|{_PRESENT})(?![\w/])",
    re.IGNORECASE,
)
# "March 2024, May 2024": two dates with month names joined by a comma (a template's "from, to").
_NAMED = rf"(?:{_MONTH})\.?\s+{_YEAR}"
COMMA_RANGE = re.compile(rf"(?<![\w/.])(?P<start>{_NAMED}),\s*(?P<end>{_NAMED}|{_PRESENT})(?![\w/])", re.IGNORECASE)
SINCE = re.compile(
    rf"(?<!\w)(?:since|seit|desde|depuis|dal|sinds|a partir de|ab)\s+(?:(?:le|el|o)\s+)?(?P<start>{DATE})(?![\w/])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Span:
    start: str | None  # YYYY-MM
    end: str | None  # YYYY-MM, None while current
    match_start: int
    match_end: int


def parse_date(text: str, *, end: bool = False) -> str | None:
    """"March 2019" -> "2019-03". A bare year is January as a start and December as an end."""
    text = text.strip().lower().rstrip(".")
    if re.fullmatch(_PRESENT, text, re.IGNORECASE):
        return None
    year_match = re.search(_YEAR, text)
    short = re.search(_SHORT_YEAR, text) if not year_match else None
    if short:  # '19 is 2019, '98 is 1998: resumes do not reach back to the 1940s
        two = int(short.group()[1:])
        text = text[: short.start()] + str(2000 + two if two <= date.today().year % 100 + 1 else 1900 + two)
        year_match = re.search(_YEAR, text)
    if not year_match:
        return None
    year = int(year_match.group())
    month = _month_of(text, year_match)
    if month is None:
        month = 12 if end else 1
        if end and year == date.today().year:
            month = date.today().month
    return f"{year:04d}-{month:02d}"


def _month_of(text: str, year_match: re.Match) -> int | None:
    before, after = text[: year_match.start()], text[year_match.end() :]
    name = re.search(rf"({_MONTH})", before)
    if name:
        return MONTHS.get(name.group(1).rstrip("."))
    numbers = re.findall(r"\d{1,2}", before)
    if numbers:
        return int(numbers[-1]) if 1 <= int(numbers[-1]) <= 12 else None
    number = re.match(r"\s?[./-]\s?(\d{2})", after)
    return int(number.group(1)) if number else None


def find_range(line: str) -> Span | None:
    """The first date range in a line ("Jan 2019 – Present", "seit 03/2020", "2015-2018")."""
    for pattern in (RANGE, COMMA_RANGE):
        match = pattern.search(line)
        if match:
            start = parse_date(match.group("start"))
            finish = match.group("end")
            end = None if re.fullmatch(_PRESENT, finish.strip(), re.IGNORECASE) else parse_date(finish, end=True)
            if start and (end is None or end >= start):
                return Span(start, end, match.start(), match.end())
    match = SINCE.search(line)
    if match:
        return Span(parse_date(match.group("start")), None, match.start(), match.end())
    return None


def months_between(start: str, end: str | None, *, today: date | None = None) -> tuple[int, int]:
    """Inclusive month indexes of a span; a current role runs to this month."""
    today = today or date.today()
    first = int(start[:4]) * 12 + int(start[5:7]) - 1
    last = today.year * 12 + today.month - 1 if end is None else int(end[:4]) * 12 + int(end[5:7]) - 1
    return first, min(last, today.year * 12 + today.month - 1)


def total_years(spans: list[tuple[str | None, str | None]], *, today: date | None = None) -> float:
    """Years covered by the spans, overlaps counted once (two jobs at once are not two years)."""
    intervals = sorted(months_between(s, e, today=today) for s, e in spans if s)
    months, current = 0, None
    for first, last in intervals:
        if last < first:
            continue
        if current and first <= current[1] + 1:
            current = (current[0], max(current[1], last))
            continue
        if current:
            months += current[1] - current[0] + 1
        current = (first, last)
    if current:
        months += current[1] - current[0] + 1
    return round(months / 12, 1)
