"""Job titles, employers and degrees: the words that tell them apart, in seven languages.

Words are compared accent-free and lower-case ("développeur" = "developpeur"). German compounds
are recognised by their head noun ("Softwareentwicklerin" ends in "entwicklerin",
"Stationsleitung" in "leitung"), French, Spanish, Portuguese and Italian titles by both genders.
"""

import re

from .sections import fold

TITLE_WORDS = set(
    """
engineer engineering developer programmer architect manager lead leader head director analyst scientist
consultant designer administrator admin specialist intern internship trainee apprentice assistant associate
officer coordinator representative executive nurse teacher tutor lecturer professor researcher technician
accountant auditor advisor adviser owner founder cofounder co-founder cto ceo cfo coo cio cmo vp president sre devops
qa tester writer editor recruiter agent clerk cashier chef cook driver operator supervisor therapist pharmacist
physician doctor student volunteer fellow postdoc principal staff senior junior sr jr strategist marketer
salesperson bookkeeper controller paralegal lawyer attorney counsel instructor educator trainer coach mentor
practitioner midwife paramedic caregiver carer receptionist secretary planner buyer merchandiser estimator
surveyor inspector librarian producer journalist photographer illustrator animator artist copywriter
translator interpreter partner deputy chief clinician dietitian psychologist counsellor counselor worker
barista waiter waitress bartender server housekeeper cleaner janitor electrician plumber mechanic welder carpenter
machinist pilot steward stewardess attendant guard firefighter officer soldier sergeant dentist hygienist
optometrist radiographer sonographer veterinarian vet nanny babysitter storekeeper warehouse picker packer
courier dispatcher scheduler auditor actuary underwriter broker banker teller trader economist statistician
geologist chemist biologist physicist mathematician archivist curator registrar dean rector provost principal
master webmaster senco captain evaluator annotator reviewer moderator transcriber
ingeniero ingeniera desarrollador desarrolladora programador programadora jefe jefa gerente director directora
analista consultor consultora disenador disenadora enfermero enfermera profesor profesora maestro maestra tecnico
tecnica becario becaria administrador administradora responsable auxiliar coordinador coordinadora representante
ejecutivo ejecutiva comercial vendedor vendedora contable contador contadora auditora auditor asistente cientifico
cientifica lider supervisora supervisor tutor tutora especialista administrativo administrativa docente
ingenieur ingenieure developpeur developpeuse chef directeur directrice analyste consultante concepteur conceptrice
infirmier infirmiere enseignant enseignante professeur stagiaire technicien technicienne alternant alternante
aide-soignant aide-soignante commerciale comptable controleur controleuse auditeur auditrice graphiste conseiller
conseillere charge chargee cadre assistante gestionnaire vendeur vendeuse educateur educatrice
entwickler entwicklerin ingenieurin leiter leiterin berater beraterin architekt architektin werkstudent
werkstudentin praktikant praktikantin krankenschwester pfleger pflegerin pflegefachkraft lehrer lehrerin lehrkraft
referendar referendarin geschaftsfuhrer geschaftsfuhrerin sachbearbeiter sachbearbeiterin buchhalter
buchhalterin controllerin analystin designerin mitarbeiter mitarbeiterin assistent assistentin kaufmann kauffrau
referent referentin spezialist spezialistin koordinator koordinatorin direktor direktorin
engenheiro engenheira desenvolvedor desenvolvedora enfermeiro enfermeira estagiario estagiaria coordenador
coordenadora gerente diretor diretora professor professora assistente executivo executiva consultor analista
contador cientista tecnico tecnica auxiliar vendedor supervisora lider pleno
cuisinier cuisiniere serveur serveuse receptionniste maitre barman barmaid sommelier preparateur preparatrice
magasinier magasiniere cariste livreur chauffeur recruteur recruteuse formateur formatrice redacteur redactrice
camarero camarera cocinero cocinera recepcionista mozo repartidor conductor almacenero reclutador reclutadora
seleccionador redactor redactora dependiente dependienta cajero cajera
garcom garconete cozinheiro cozinheira recepcionista motorista entregador almoxarife recrutador recrutadora
redator redatora atendente caixa
kellner kellnerin koch kochin rezeptionist rezeptionistin lagerist lageristin fahrer fahrerin disponent
disponentin recruiter recruiterin verkaufer verkauferin kassierer kassiererin hotelfachfrau hotelfachmann
abogado abogada asesor asesora pasante socio socia letrado letrada procurador procuradora notario notaria
avocat avocate juriste notaire collaborateur collaboratrice clerc
jurist juristin justiziar justiziarin notar notarin anwalt anwaltin rechtsanwalt rechtsanwaltin
advogado advogada juridico juridica
drafter draughtsman foreman forewoman superintendent delineante aparejador aparejadora capataz encargado encargada
dessinateur dessinatrice projeteur projeteuse conducteur conductrice polier zeichner zeichnerin desenhista mestre
encarregado encarregada
ingegnere sviluppatore sviluppatrice programmatore infermiere infermiera insegnante docente tirocinante
responsabile impiegato impiegata
ontwikkelaar beheerder adviseur verpleegkundige leraar docent stagiair medewerker
""".split()
)
# German compounds end in these: "Softwareentwickler", "Vertriebsleiterin", "Stationsleitung".
TITLE_SUFFIXES = (
    "anwalt", "anwaltin", "angestellte", "angestellter", "zeichner", "zeichnerin",
    "entwickler", "entwicklerin", "ingenieur", "ingenieurin", "leiter", "leiterin", "leitung", "berater",
    "beraterin", "pfleger", "pflegerin", "fachkraft", "pflegekraft", "lehrer", "lehrerin", "lehrkraft", "designer",
    "designerin", "mitarbeiter", "mitarbeiterin", "assistent", "assistentin", "kaufmann", "kauffrau", "referent",
    "referentin", "manager", "managerin", "analyst", "analystin", "buchhalter", "buchhalterin", "controllerin",
    "architekt", "architektin", "techniker", "technikerin", "helfer", "helferin", "sachbearbeiter",
    "spezialist", "spezialistin", "koordinator", "koordinatorin", "praktikant", "praktikantin", "programmierer",
    "programmiererin", "verkaufer", "verkauferin", "direktor", "direktorin", "fuhrer", "fuhrerin",
)
SENIORITY_WORDS = {"senior", "junior", "sr", "jr", "lead", "head", "chief", "principal", "staff", "pleno", "intern"}

# Words that name an organisation outright, and words that only suggest one ("Analytics" is in
# "Tidepool Analytics" and in "Data Analytics Intern").
COMPANY_WORDS = set(
    """
inc llc ltd limited gmbh ag se sa sl sas sarl srl spa bv nv plc pty llp lp kg co corp corporation company group
grupo groupe gruppe holding holdings bank banco banque insurance seguros assurances versicherung hospital hopital
clinic clinica clinique klinik klinikum college school escuela escola colegio lycee ecole gymnasium grundschule
gesamtschule realschule schule academy academia akademie institute instituto institut agency agencia agence agentur
foundation fundacion stiftung ministry ministerio council ehpad residencia pflegeheim cabinet asesoria contabilidade
chu ies ceip association asociacion verein university universidad universite universitat universidade
""".split()
)
WEAK_COMPANY_WORDS = set(
    """
labs lab technologies technology systems software solutions consulting consultores consultoria conseil partners
ventures capital medical health healthcare care center centre centro studio studios estudio media motors logistics
logistica payments pagamentos analytics supplies distribuidora distribuciones retail hotel hotelero industries
enterprises international global services servicios digital network networks pharma pharmaceuticals energy
airlines bakery restaurant cafe shop store stores market markets supermarket publicis
""".split()
)
_SHORT_LEGAL_FORMS = {"se", "ag", "sa", "sl", "co", "nv", "bv", "kg", "lp"}
# German company compounds: "Softwarehaus", "Datenwerk", "Designbüro", "Pflegeheim".
COMPANY_SUFFIXES = ("buro", "haus", "werk", "bank", "klinik", "klinikum", "schule", "gymnasium", "verlag", "gruppe",
                    "versicherung", "heim", "zentrum", "technik")
_COMPANY_SUFFIX = re.compile(
    r"(?:\b(?:s\.?\s?a\.?|s\.?\s?l\.?|s\.?\s?r\.?\s?l\.?|s\.?\s?p\.?\s?a\.?|b\.?\s?v\.?|n\.?\s?v\.?|inc\.?|ltd\.?|"
    r"l\.?l\.?c\.?|l\.?l\.?p\.?|co\.)$|&)",
    re.IGNORECASE,
)

DEGREE = re.compile(
    r"(?<![\w])(?:ph\.?\s?d\.?|doctorate|doctor of|dphil|master(?:'s|s)?|m\.?\s?sc\.?|msc|m\.s\.|m\.a\.|mba|"
    r"m\.?\s?eng\.?|mphil|bachelor(?:'s|s)?|b\.?\s?sc\.?|bsc|b\.s\.|b\.a\.|b\.?\s?eng\.?|b\.?\s?tech|m\.?\s?tech|bba|"
    r"associate degree|associate of|diploma|diplôme|diplome|hnd|a[- ]levels|high school|ged|bsn|msn|adn|pgce|"
    r"licenciatura|licenciado|licenciada|grado en|grado|máster|maestría|maestria|doctorado|ingeniería|ingenieria|"
    r"técnico superior|diplomatura|licence|doctorat|dut|bts|dn made|diplom(?:-\w+)?|dipl\.-ing\.?|staatsexamen|"
    r"promotion|abitur|bacharelado|mestrado|doutorado|pós-graduação|pos-graduacao|tecnólogo|"
    r"laurea(?: magistrale| triennale)?|dottorato|hbo|wo-master|mbo|associate's|master of education|m\.?\s?ed\.?|"
    r"b\.?\s?ed\.?)(?![\w])"
    r"|(?<![\w.])(?:MS|MA|BS|BA|MD|BEng|MEng|BTech|MTech|BFA|MFA|LLB|LLM|JD|RN|BEd|MEd)(?![\w.])",
    re.IGNORECASE,
)
# Abbreviations above are matched in capitals only: "ma" and "ba" are words in several languages.
_DEGREE_CAPITALS = re.compile(r"^(?:MS|MA|BS|BA|MD|BEng|MEng|BTech|MTech|BFA|MFA|LLB|LLM|JD|RN|BEd|MEd)$")
_ABBREVIATIONS = {
    "ms", "ma", "bs", "ba", "md", "beng", "meng", "btech", "mtech", "bfa", "mfa", "llb", "llm", "jd", "rn",
    "bed", "med",
}

_INSTITUTION_WORDS = re.compile(
    r"(?<![\w])(?:university|universidad|université|universite|universität|universitat|universiteit|"
    r"università|universita|universidade|college|institute|institut|instituto|istituto|school|escuela|école|"
    r"ecole|hochschule|fachhochschule|polytechnic|politecnico|politécnica|politecnica|academy|akademie|academia|"
    r"conservatory|seminary|ifsi|insa|pontifícia|pontificia)(?![\w])",
    re.IGNORECASE,
)
# Acronyms only in capitals: "ie" and "mit" are words too.
_INSTITUTION_ACRONYMS = re.compile(r"(?<![\w])(?:TU|ETH|EPFL|MIT|UCLA|UCL|LSE|KTH|NYU|HEC|ESSEC|INSEAD|UGR)(?![\w])")
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def _tokens(text: str) -> list[str]:
    return [fold(t).replace(" ", "-") for t in _TOKEN.findall(text or "")]


def title_score(text: str) -> float:
    """How much `text` reads like a job title: title words and seniority words, German head nouns."""
    score = 0.0
    for token in _tokens(text):
        parts = [token, *token.split("-")]
        if any(p in TITLE_WORDS for p in parts):
            score += 1.0
        elif any(p.endswith(TITLE_SUFFIXES) and len(p) > 6 for p in parts):
            score += 1.0
        if token in SENIORITY_WORDS:
            score += 0.25
    return score


def company_score(text: str) -> float:
    """How much `text` reads like an employer: legal forms, organisation words, "&", acronyms."""
    stripped = (text or "").strip()
    suffix = _COMPANY_SUFFIX.search(stripped)
    # "&" joins titles too: "Co-Founder & CTO", "Research & Development Engineer".
    titled = title_score(stripped) > 0
    score = 1.5 if suffix and not (suffix.group() == "&" and titled) else 0.0
    for token in _tokens(stripped):
        parts = [token, *token.split("-")]
        if titled and token in _SHORT_LEGAL_FORMS:
            continue  # "Staff SE" is a staff software engineer, not a Societas Europaea
        if any(p in COMPANY_WORDS or p.startswith("universit") for p in parts):
            score += 1.0
        elif any(p.endswith(COMPANY_SUFFIXES) and len(p) > 7 for p in parts):
            score += 1.0
        elif any(p in WEAK_COMPANY_WORDS for p in parts):
            score += 0.5
    words = stripped.split()
    if not stripped.isupper():  # an acronym among ordinary words ("BBVA", "KPMG AG"), not a line in capitals
        score += 0.5 * sum(1 for word in words if len(word) >= 3 and word.isupper() and word.isalpha()
                           and fold(word) not in TITLE_WORDS)  # "CTO", "SRE" are titles, not acronyms of firms
    return score


def looks_like_title(text: str) -> bool:
    return title_score(text) > 0


def looks_like_company(text: str) -> bool:
    return company_score(text) > 0


def looks_like_institution(text: str) -> bool:
    return bool(_INSTITUTION_WORDS.search(text) or _INSTITUTION_ACRONYMS.search(text))


def find_degree(text: str) -> re.Match | None:
    for match in DEGREE.finditer(text):
        if match.group().lower() in _ABBREVIATIONS and not _DEGREE_CAPITALS.match(match.group()):
            continue
        return match
    return None

