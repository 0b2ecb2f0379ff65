"""Job titles, company names and degrees: the words that tell them apart, in seven languages."""

import re

_TITLE_WORDS = r"""
engineer engineering developer programmer architect manager lead leader head director analyst scientist
consultant designer administrator admin specialist intern internship trainee apprentice assistant associate
officer coordinator representative executive nurse teacher tutor lecturer professor researcher technician
accountant auditor advisor adviser owner founder co-founder cofounder cto ceo cfo coo cio vp president sre
devops qa tester writer editor recruiter agent clerk cashier chef cook driver operator supervisor therapist
pharmacist physician doctor student volunteer fellow postdoc principal staff senior junior sr jr
programmer strategist marketer salesperson bookkeeper controller paralegal lawyer attorney counsel
ingeniero ingeniera desarrollador desarrolladora programador programadora jefe jefa gerente directora analista
consultor consultora diseñador diseñadora enfermero enfermera profesor profesora maestro maestra técnico técnica
becario becaria administrador administradora responsable
ingénieur ingénieure développeur développeuse chef directeur directrice analyste consultante concepteur
infirmier infirmière enseignant enseignante professeur stagiaire technicien technicienne alternant
entwickler entwicklerin softwareentwickler softwareentwicklerin ingenieur ingenieurin leiter leiterin berater
beraterin architekt architektin projektleiter projektleiterin werkstudent werkstudentin praktikant
praktikantin krankenschwester pfleger pflegerin pflegefachkraft gesundheits lehrer lehrerin geschäftsführer
teamleiter teamleiterin sachbearbeiter sachbearbeiterin
engenheiro engenheira desenvolvedor desenvolvedora enfermeiro enfermeira estagiário estagiária coordenador
ingegnere sviluppatore sviluppatrice programmatore infermiere infermiera insegnante docente tirocinante
ontwikkelaar beheerder adviseur verpleegkundige leraar docent stagiair medewerker
"""
TITLE = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(w) for w in set(_TITLE_WORDS.split())) + r")(?![\w])", re.IGNORECASE
)

_COMPANY_WORDS = r"""
inc inc. llc ltd ltd. limited gmbh ag corp corp. corporation co. company s.a. sa s.l. sl srl s.r.l. spa
s.p.a. bv b.v. nv n.v. plc pty oy ab kg se sas sarl group labs lab technologies technology solutions
systems software consulting university universidad université universität universiteit università
universidade hospital clinic klinikum clinica clínica school bank agency studio foundation institute
institut instituto partners ventures holdings health healthcare
"""
COMPANY = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(w) for w in set(_COMPANY_WORDS.split())) + r")(?![\w])", re.IGNORECASE
)

DEGREE = re.compile(
    r"(?<![\w])(?:ph\.?\s?d\.?|doctorate|doctor of|dphil|master(?:'s|s)?|m\.?\s?sc\.?|msc|m\.s\.|m\.a\.|mba|"
    r"m\.?\s?eng\.?|mphil|bachelor(?:'s|s)?|b\.?\s?sc\.?|bsc|b\.s\.|b\.a\.|b\.?\s?eng\.?|b\.?\s?tech|m\.?\s?tech|bba|"
    r"associate degree|associate of|diploma|diplôme|diplome|hnd|a[- ]levels|high school|ged|bsn|msn|adn|pgce|"
    r"licenciatura|licenciado|licenciada|grado en|grado|máster|maestría|maestria|doctorado|ingeniería|ingenieria|"
    r"técnico superior|diplomatura|licence|doctorat|dut|bts|diplom(?:-\w+)?|dipl\.-ing\.?|staatsexamen|"
    r"promotion|abitur|bacharelado|mestrado|doutorado|tecnólogo|laurea(?: magistrale| triennale)?|dottorato|"
    r"hbo|wo-master|mbo|associate's)(?![\w])"
    r"|(?<![\w.])(?:MS|MA|BS|BA|MD|BEng|MEng|BTech|MTech|BFA|MFA|LLB|LLM|JD|RN)(?![\w.])",
    re.IGNORECASE,
)
# Abbreviations above are matched in capitals only: "ma" and "ba" are words in several languages.
_DEGREE_CAPITALS = re.compile(r"^(?:MS|MA|BS|BA|MD|BEng|MEng|BTech|MTech|BFA|MFA|LLB|LLM|JD|RN)$")

_INSTITUTION_WORDS = re.compile(
    r"(?<![\w])(?:university|universidad|université|universite|universität|universitat|universiteit|"
    r"università|universita|universidade|college|institute|institut|instituto|istituto|school|escuela|école|"
    r"ecole|hochschule|fachhochschule|polytechnic|politecnico|politécnica|politecnica|academy|akademie|academia|"
    r"conservatory|seminary)(?![\w])",
    re.IGNORECASE,
)
# Acronyms only in capitals: "ie" and "mit" are words too.
_INSTITUTION_ACRONYMS = re.compile(r"(?<![\w])(?:TU|ETH|EPFL|MIT|UCLA|UCL|LSE|KTH|NYU|HEC|ESSEC|INSEAD|UGR)(?![\w])")


def looks_like_institution(text: str) -> bool:
    return bool(_INSTITUTION_WORDS.search(text) or _INSTITUTION_ACRONYMS.search(text))


def looks_like_title(text: str) -> bool:
    return bool(TITLE.search(text))


def looks_like_company(text: str) -> bool:
    return bool(COMPANY.search(text))


_ABBREVIATIONS = {
    "ms", "ma", "bs", "ba", "md", "beng", "meng", "btech", "mtech", "bfa", "mfa", "llb", "llm", "jd", "rn",
}


def find_degree(text: str) -> re.Match | None:
    for match in DEGREE.finditer(text):
        if match.group().lower() in _ABBREVIATIONS and not _DEGREE_CAPITALS.match(match.group()):
            continue
        return match
    return None
