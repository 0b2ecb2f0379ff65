"""Work history from resume text: one role per date range, its title and employer from the lines around it.

A role is anchored on a line with a date range ("Jan 2019 – Present", "seit 03/2020", "2015-2018").
Its header is the rest of that line plus the short, non-bullet lines right above it (unless the
previous role already used them) and, if still incomplete, right below it. The header is cut into
pieces at separators ("|", "·", "—", ",", tabs, "Title at Company"), places are dropped, and the
pieces are assigned by what they read like: job-title words on one side, legal forms and
organisation words ("GmbH", "Hospital", "Lycée") on the other.

Profile exports that print each role as "Company / Title / dates (duration)" (LinkedIn's "Save to
PDF") are read by position instead: when most date lines end in a duration, the line above the
dates is the title and the one above it the employer, or, for a second title at one employer, the
employer of the role before.
"""

import re
from dataclasses import dataclass
from itertools import permutations
from typing import Any

from .dates import COMMA_RANGE, RANGE, SINCE, Span, find_range
from .places import US_STATES, is_place
from .sections import fold
from .titles import company_score, find_degree, looks_like_institution, title_score

BULLET = re.compile(r"^\s*(?:[-*•·▪◦●○■►✓➢–◆◇❖➤▸▹‣⁃∙★✔→]|\d+[.)]|[a-z][.)])\s+")
_MARKUP = re.compile(r"^\s*#{1,6}\s+|[*_`]{1,3}")
_AT = re.compile(r"\s+(?:at|@|chez|bei|en|presso|bij|na|no)\s+(?=[A-ZÀ-Þ0-9])")
# An em dash separates even without spaces ("LLC —Sales Representative"); a hyphen does when a space
# sits before it and a capital after it ("Atom Logistic LLC -Amazon Driver").
_PIECES = re.compile(
    r"\s*(?:\t|\s\|\s|\|| · | • |—| – | - |\s-(?=[A-ZÀ-Þ])|;\s|,\s|:\s|\(|\)|\s[-.·_]{3,}\s|\.{4,})\s*")
# How long a job lasted, as profile exports print it: "(2 years 3 months)", "less than a year", "11 meses".
_UNITS = (r"(?:years?|yrs?|months?|mos?|anos?|años?|meses|mês|mes|ans?|mois|jahre?n?|monate?n?|anni|anno|mesi|"
          r"jaar|jaren|maanden?)")
DURATION = re.compile(
    rf"^\(?\s*(?:(?:less than|menos de|moins d['’]|weniger als|meno di|minder dan)\s*(?:a|one|un|um|une|einem?|uno)?\s*"
    rf"{_UNITS}|\d+\s*{_UNITS}(?:\s*\d+\s*{_UNITS})?)\s*\)?$",
    re.IGNORECASE,
)
_JOINED = re.compile(r"\s(?:of|and|for|the|de|da|do|dos|das|des|du|del|della|di|van|von|für|&)$", re.IGNORECASE)
_NAME_JOINERS = {"with", "from", "para", "pour", "avec", "und", "della", "delle", "degli", "dello", "voor", "van"}
_LEADING_DURATION = re.compile(rf"^\d+\s*{_UNITS}\s+(as\s+)?", re.IGNORECASE)
_QUALIFIER = re.compile(r"(?<=\w)\s*\(([^()]{2,60})\)")
_OPEN, _CLOSE = "\u2768", "\u2769"  # brackets the piece splitter does not cut at
_FIELDS = re.compile(r"\s*(?:\t|\s\|\s|\|| · | • |—| – )\s*")
_FROM_WORDS = {"from", "de", "desde", "von", "vom", "depuis", "dal", "van", "since"}
_URL = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_CONNECTOR = re.compile(r"[|&,/+\-–]$")
# How a job is held, not who held it: "Acme (Part-time)", "Kanzlei Brandt · Teilzeit".
EMPLOYMENT_TYPES = {
    "full time", "part time", "contract", "contractor", "freelance", "freelancer", "internship", "temporary", "temp",
    "permanent", "remote", "hybrid", "on site", "seasonal", "volunteer", "teilzeit", "vollzeit",
    "werkvertrag", "freiberuflich", "befristet", "unbefristet", "praktikum", "cdd", "cdi", "interim", "stage",
    "alternance", "temps partiel", "temps plein", "media jornada", "jornada completa", "autonomo", "practicas",
    "temporal", "meio periodo", "periodo integral", "pj", "clt", "estagio", "temporario",
}
_YEAR = re.compile(r"(?<!\d)(?:19[5-9]\d|20[0-4]\d)(?!\d)")
# A piece that is only a legal form belongs to the name before it: "Northwind Software, Inc.".
_LEGAL_FORM = re.compile(
    r"^(?:inc|llc|ltd|limited|gmbh|ag|se|sa|s\.?a|sl|s\.?l|sas|sarl|srl|spa|bv|nv|plc|pty|llp|lp|kg|co|corp)\.?$",
    re.IGNORECASE,
)
_ABBREVIATED = {"inc", "ltd", "co", "jr", "sr", "st", "corp", "bros", "dept", "univ", "s.a", "s.l", "s.r.l",
                "b.v", "n.v"}
MAX_HEADER_WORDS = 12
MAX_HEADER_CHARS = 90


@dataclass(eq=False)  # two lines with the same text are still two lines (list.index must find this one)
class _Line:
    text: str
    claimed: bool = False


def strip_markup(line: str) -> str:
    """Markdown headings and emphasis off: "### **Engineer**" -> "Engineer"."""
    return _MARKUP.sub("", line).strip()


def is_header_like(line: str) -> bool:
    """Short, not a bullet, not a sentence: what a title or employer line looks like."""
    text = strip_markup(line)
    if not text or BULLET.match(line) or len(text) > MAX_HEADER_CHARS:
        return False
    if text.isupper() and len(text.split()) >= 2 and not title_score(text) and company_score(text) < 1:
        return False  # a section heading the section list does not know ("TRAJETÓRIA PROFISSIONAL")
    words = [word for word in text.split() if any(c.isalnum() for c in word)]  # "|", "+", "&" are not words
    return len(words) <= MAX_HEADER_WORDS and not _is_sentence(text)


def _is_sentence(text: str) -> bool:
    """Ends with a full stop that is not an abbreviation ("Acme Inc.", "Tecnologías Alba S.L.")."""
    if not text.endswith("."):
        return False
    last = text[:-1].split()[-1].lower() if text[:-1].split() else ""
    return last not in _ABBREVIATED and not (len(last) == 1 and last.isalpha())


def find_roles(lines: list[str]) -> list[dict[str, Any]]:
    """[{title, company, start, end}] for every date range that heads a role, in document order."""
    marked = [_Line(line) for line in lines]
    anchors = [(index, span) for index, line in enumerate(marked) if (span := _role_span(line.text))]
    profile = sum(1 for index, span in anchors if _only_duration_after(marked[index].text, span)) > len(anchors) / 2
    roles: list[dict[str, Any]] = []
    if profile:  # dates inside a description ("Aug 2011 - Present: Head of ...") do not start a role
        anchors = [(index, span) for index, span in anchors if _only_duration_after(marked[index].text, span)]
    for index, span in anchors:
        line = marked[index]
        if profile:
            title, company = _profile_header(marked, index)
            if title and not company and roles:
                company = roles[-1]["company"]
        else:
            title, company = _role_header(marked, index, span)
        if title and not company and roles and roles[-1]["company"]:
            company = roles[-1]["company"]  # a promotion: titles listed under one employer heading
        if title or company:
            line.claimed = True
            roles.append({"title": title, "company": company, "start": span.start, "end": span.end})
    return roles


def dated_with_duration(text: str) -> bool:
    """A role line that closes on how long the job lasted: "Cray, Pleasanton, CA | 01/2014 – 12/2017 (4 years)"."""
    span = _role_span(text)
    return bool(span and span.match_end < len(text.rstrip()) and DURATION.match(text[span.match_end :].strip()))


def _role_span(text: str) -> Span | None:
    span = find_range(text)
    if span is None or not span.start or (find_degree(text) and looks_like_institution(text)):
        return None
    if BULLET.match(text) and text[: span.match_start].rstrip().endswith("("):
        return None  # "• Operating Systems (February 2021, October 2021)": a detail of the role above
    return span


def _only_duration_after(text: str, span: Span) -> bool:
    """Dates then a duration and nothing else: "January 2020 - Present (4 years 2 months)"."""
    return not text[: span.match_start].strip() and bool(DURATION.match(text[span.match_end :].strip()))


def _profile_header(lines: list[_Line], index: int) -> tuple[str | None, str | None]:
    """Title and employer of a profile export's role: the title right above the dates (a title too
    long for one line continues on the next), the employer above it, or above the duration that
    an employer with several roles prints under its name."""
    block: list[str] = []
    taken: list[int] = []
    barrier = None
    for i in range(index - 1, max(index - 7, -1), -1):
        text = strip_markup(lines[i].text)
        if not text and len(block) == 1 and _describes_role_before(lines, i):
            barrier = i
            break
        if not text:
            continue  # a page break between the title and its dates
        continues = bool(block) and (
            not block[0][:1].isalnum() or _starts_lower(block[0]) or bool(_CONNECTOR.search(text))
        )
        stop = lines[i].claimed or not is_header_like(lines[i].text) or _has_range(text) or bool(DURATION.match(text))
        wrapped = i > 0 and _wrapped_employer(lines[i - 1], text)
        if not stop and len(block) == 1 and _starts_lower(text) and wrapped:
            # "LAND UFRJ - Laboratory for modeling and development of" / "networks and computing systems"
            taken += [i, i - 1]
            block.insert(0, f"{strip_markup(lines[i - 1].text)} {text}")
            break
        if stop or (is_place(text) and not continues) or (_starts_lower(text) and block and not continues):
            barrier = i
            break
        if i > 0 and _has_range(lines[i - 1].text) and not continues:
            barrier = i
            break  # the line under the previous role's dates is where it was held ("Taguig")
        taken.append(i)
        if continues:
            block[0] = f"{text} {block[0]}"
        else:
            block.insert(0, text)
    if not block:
        return None, None
    for i in taken:
        lines[i].claimed = True
    title = block[-1]
    if len(block) >= 2:
        return title, block[-2]
    if barrier is not None and DURATION.match(strip_markup(lines[barrier].text)) and barrier > 0:
        above = strip_markup(lines[barrier - 1].text)
        if is_header_like(above) and not _has_range(above):
            lines[barrier - 1].claimed = True
            return title, above
    return title, None


def _wrapped_employer(line: _Line, rest: str) -> bool:
    """An employer's name that ends in a joining word is wrapped: its rest is on the next line."""
    text = strip_markup(line.text)
    return (not line.claimed and is_header_like(line.text) and is_header_like(rest) and not _has_range(text)
            and bool(_JOINED.search(text)))


def _starts_lower(text: str) -> bool:
    """A line that goes on from the one above starts in lower case; "iPhiTech", "eBay" are names."""
    return text[:1].islower() and not text[1:2].isupper()


def _describes_role_before(lines: list[_Line], gap: int) -> bool:
    """Above a gap over a title: a line of prose right under the previous role's dates or place is
    that role's description ("São Paulo, Brazil / Responsible for Knowledge Graph projects / <gap> /
    Trainee"), not the next title's employer. A name in capitals ("Saffi Consultoria") is an employer."""
    above = [j for j in range(gap - 1, -1, -1) if strip_markup(lines[j].text)][:2]
    if len(above) < 2:
        return False
    candidate, before = (strip_markup(lines[j].text) for j in above)
    prose = any(len(word) >= 4 and word.isalpha() and word.islower() and word not in _NAME_JOINERS
                for word in candidate.split())
    return prose and (is_place(before) or _has_range(before))


def _role_header(lines: list[_Line], index: int, span: Span) -> tuple[str | None, str | None]:
    text = lines[index].text
    before = text[: span.match_start]
    if BULLET.match(text):  # dates set beside a bullet's first line, unless the bullet is the role itself
        before = _role_sentence(before)
    rest = before + "\t" + text[span.match_end :]
    found = [(index, piece) for piece in split_pieces(rest)]
    wrapped = _wrapped_name(lines, index, found)
    if wrapped is not None:
        found[-1] = (index, f"{found[-1][1]} {lines[wrapped].text.strip()}")
        lines[wrapped].claimed = True
    title, company = assign([piece for _, piece in found])
    joined = _two_titles(rest, title, company)
    if joined:  # "SOLUTION DESIGNER - TECHNICAL LEADER": one title; the employer is on a line around it
        found = [(index, joined)]
        title, company = joined, None
    employer = _employer_above(lines, index, rest, title, company)
    if employer is not None:  # "NEXON" over "Game Developer Intern at Global Internship Program <dates>"
        lines[index - 1].claimed = True
        return _AT.sub(" at ", f"{title} at {company}"), employer
    if title and company and (title_score(title) > 0 or company_score(company) > 0):
        return _whole_field(rest, title, company), company  # a place after the dates is no employer
    for neighbour in _neighbours(lines, index, below=index + 1 + (wrapped is not None)):
        more = split_pieces(neighbour.text)
        if not more:
            continue
        neighbour.claimed = True
        found += [(lines.index(neighbour), piece) for piece in more]
        # In reading order, so that on a tie the piece written first is the title.
        title, company = assign([piece for _, piece in sorted(found, key=lambda item: item[0])])
        if title and company:
            break
    return title, company


def _employer_above(lines: list[_Line], index: int, text: str, title: str | None, company: str | None) -> str | None:
    """The employer on the line right above a date line that reads "Title at Program": a single name
    that reads as no title, so "at ..." belongs to the title."""
    written_at = rf"{re.escape(title or '')}{_AT.pattern}{re.escape(company or '')}"
    if not (title and company and index) or not re.search(written_at, text):
        return None
    above = lines[index - 1]
    if above.claimed or not is_header_like(above.text) or _has_range(above.text):
        return None
    first = _FIELDS.split(strip_markup(above.text))[0]  # the name before a tab, "|" or "·": "NEXON<tab>Seoul"
    return first if split_pieces(first) == [first] and title_score(first) == 0 else None


def _two_titles(text: str, title: str | None, company: str | None) -> str | None:
    """"Title - Title" as written, when what was taken for the employer reads as a title and nothing
    like an organisation ("SOLUTION DESIGNER - TECHNICAL LEADER")."""
    if not (title and company) or title_score(company) == 0 or company_score(company) > 0:
        return None
    match = re.search(rf"{re.escape(title)}\s*(?:-|–|—|/|&|\|)\s*{re.escape(company)}", text)
    return match.group() if match else None


def _whole_field(text: str, title: str, company: str) -> str:
    """The title's whole field when a separator stands between employer and title and commas cut the
    title ("Kaar Technologies – SAP Mobility, API & Integration Consultant"): every comma piece of
    it is kept (none was a place or a date) and none reads as an organisation."""
    for field in _FIELDS.split(strip_markup(text)):
        field = _trim(field.split("(")[0] if field.count("(") > field.count(")") else field)
        if title not in field or company in field or field == title:
            continue
        commas = [piece for piece in re.split(r",\s+", field) if piece]
        if (len(commas) > 1 and len(split_pieces(field)) == len(commas) and title == commas[-1]
                and all(company_score(piece) < 1 for piece in commas)):
            return field
    return title


def _role_sentence(text: str) -> str:
    """A bullet that is the role: "* 2 years as Front-End Captain at Synthesio from 2014 to today"."""
    plain = BULLET.sub("", text).strip()
    duration = _LEADING_DURATION.match(plain)
    plain = plain[duration.end():] if duration else plain
    at = _AT.split(plain, maxsplit=1)
    said = bool(duration and duration.group(1))  # "2 years as ...": what follows "as" is the title
    return plain if len(at) == 2 and (said or title_score(at[0]) > 0) else ""


def _wrapped_name(lines: list[_Line], index: int, found: list[tuple[int, str]]) -> int | None:
    """The index of a line that finishes the employer written before the dates: "Karachi Nuclear Power
    <dates>" over "Plant" over "Head Procurement". One or two words that read as no title, under a
    date line whose only piece reads as no title either, with a header line still to come."""
    if len(found) != 1 or title_score(found[0][1]) > 0 or index + 2 >= len(lines):
        return None
    below, after = lines[index + 1], lines[index + 2]
    text = strip_markup(below.text)
    if (below.claimed or not text or len(text.split()) > 2 or not text[:1].isupper() or title_score(text) > 0
            or _has_range(text) or _says_nothing(text) or not is_header_like(after.text) or _has_range(after.text)):
        return None
    return index + 1


def _neighbours(lines: list[_Line], index: int, below: int) -> list[_Line]:
    """Unclaimed header-like lines touching the date line: up to two above, then up to two from `below` on."""
    found: list[_Line] = []
    for step, start, stop in ((-1, index - 1, -1), (1, below, len(lines))):
        taken = 0
        for i in range(start, stop, step):
            line = lines[i]
            if DURATION.match(strip_markup(line.text)) or (not line.text.strip() and i == start):
                continue  # "3 years 6 months" under an employer's name; a paragraph gap right at the dates
            if line.claimed or not is_header_like(line.text) or _has_range(line.text) or taken == 2:
                break
            found.append(line)
            taken += 1
    return found


def _has_range(text: str) -> bool:
    return bool(RANGE.search(text) or COMMA_RANGE.search(text) or SINCE.search(text))


def split_pieces(text: str) -> list[str]:
    """The title/employer candidates of a header line, places and bare years removed."""
    # A field that is only a place ("San Francisco, CA" after a tab or "|") goes before commas split it.
    text = "\t".join(field for field in _FIELDS.split(strip_markup(text)) if not is_place(field))
    at = _AT.split(text, maxsplit=1)
    parts = [at[0], at[1]] if len(at) == 2 and title_score(at[0]) > 0 else [text]
    pieces: list[str] = []
    for part in parts:
        previous = ""
        for raw in _PIECES.split(_QUALIFIER.sub(_keep_qualifier, part)):
            piece = _trim(raw).replace(_OPEN, "(").replace(_CLOSE, ")")
            if piece in US_STATES:  # "Kaiser Permanente, Pleasanton, CA": the city goes with its state
                if pieces and pieces[-1] == previous and _city_of(previous, piece):
                    pieces.pop()
            elif _LEGAL_FORM.match(piece) and pieces:
                pieces[-1] = f"{pieces[-1]}, {piece}"
            elif not _says_nothing(piece):
                pieces.append(_without_place(piece))
            previous = piece
    return [p for p in pieces if p]


def _keep_qualifier(match: re.Match) -> str:
    """"HP (Autonomy)", "Engineer (Compulsory Military Service)": a bracketed note that names no
    employer, place, duration or kind of contract stays with the piece before it."""
    inner = match.group(1).strip()
    if inner[:1].islower() and len(inner.split()) >= 3 and not DURATION.match(inner) and not _YEAR.search(inner):
        return f" {_OPEN}{inner}{_CLOSE}"  # a note in words: "Software Maestro (funded by Korea Ministry of …)"
    if (company_score(inner) or title_score(inner) or fold(inner) in EMPLOYMENT_TYPES or DURATION.match(inner)
            or is_place(inner) or _YEAR.search(inner) or (inner.isupper() and len(inner.split()) == 1)):
        return match.group()
    return f" {_OPEN}{inner}{_CLOSE}"


def _says_nothing(piece: str) -> bool:
    """A place, a year, how or how long the job was held, "From:", a web address: no title or employer."""
    if len(piece) < 2 or _YEAR.fullmatch(piece) or is_place(piece) or not re.search(r"[^\W\d]", piece):
        return True
    folded = fold(piece)
    return folded in EMPLOYMENT_TYPES or folded in _FROM_WORDS or bool(DURATION.match(piece) or _URL.match(piece))


def _city_of(piece: str, state: str) -> bool:
    """"Pleasanton" before ", CA" is a city: a short name that reads as neither title nor employer."""
    plain = not (title_score(piece) or company_score(piece))
    return len(piece.split()) <= 2 and plain and is_place(f"{piece}, {state}")


def _trim(piece: str) -> str:
    """Separators off the ends; a final full stop too, unless it closes a legal form ("Inc.")."""
    piece = piece.strip(" ,:;-–—|·•\t")
    words = piece.split()
    return piece if words and _LEGAL_FORM.match(words[-1]) else piece.rstrip(".")


def _without_place(piece: str) -> str:
    """"Acme Corp Berlin" keeps "Acme Corp" when the last word alone is a known place
    (but "Colegio Británico de Madrid" is a name, not a school in Madrid)."""
    words = piece.split()
    if len(words) >= 3 and is_place(words[-1]) and not words[-2][:1].islower():
        return " ".join(words[:-1])
    return piece


def assign(pieces: list[str]) -> tuple[str | None, str | None]:
    """Pick the title and the employer among the pieces by what each reads like."""
    if not pieces:
        return None, None
    if len(pieces) == 1:
        piece = pieces[0]
        return (piece, None) if title_score(piece) > company_score(piece) else (None, piece)
    best, best_score = (None, None), float("-inf")
    for position, (title, company) in enumerate(permutations(pieces[:4], 2)):
        score = (title_score(title) - company_score(title)) + (company_score(company) - 0.6 * title_score(company))
        score -= 0.01 * position  # ties: the earlier piece is the title, the next the employer
        if score > best_score:
            best, best_score = (title, company), score
    return best
