"""Per-language source data for the generated evaluation set: people, places, headings, dates.

Written by hand for the generator. Nothing here is read by the extractor; the expected answers
are built from these values, never from what the extractor returns.
"""

from dataclasses import dataclass

FIRST_NAMES = {
    "en": ["Emily", "James", "Olivia", "Daniel", "Grace", "Marcus", "Hannah", "Priya", "Samuel", "Chloe", "Aisha"],
    "es": ["Lucía", "Javier", "María José", "Alejandro", "Carmen", "Pablo", "Inés"],
    "fr": ["Camille", "Julien", "Élodie", "Mathieu", "Chloé", "Jean-Baptiste", "Léa"],
    "de": ["Anna", "Jonas", "Katharina", "Lukas", "Sophie", "Maximilian", "Jana"],
    "pt": ["Ana", "João", "Beatriz", "Rafael", "Mariana", "Thiago", "Luísa"],
}
LAST_NAMES = {
    "en": ["Carter", "Nguyen", "O'Brien", "Patel", "Thompson", "Okafor", "Reyes", "Whitfield", "Lindqvist", "Brooks"],
    "es": ["García López", "Fernández", "de la Fuente", "Martínez Ruiz", "Navarro", "Ortega Gil", "Romero"],
    "fr": ["Dubois", "Lefèvre", "Moreau", "Girard", "Bonnet", "Da Costa", "Rousseau"],
    "de": ["Müller", "Schneider", "Weber", "von Hagen", "Hoffmann", "Krüger", "Becker"],
    "pt": ["Silva", "Santos", "Oliveira", "de Souza", "Ferreira", "Costa Lima", "Almeida"],
}
CITIES = {
    "en": ["Austin, TX", "London, UK", "Seattle, WA", "Manchester, United Kingdom", "Toronto, Canada", "Boston, MA",
           "Dublin, Ireland", "Chicago, IL"],
    "es": ["Madrid, España", "Barcelona, España", "Valencia, España", "Sevilla, España", "Bilbao, España"],
    "fr": ["Paris, France", "Lyon, France", "Toulouse, France", "Nantes, France", "Bordeaux, France"],
    "de": ["Berlin, Deutschland", "München, Deutschland", "Hamburg", "Köln, Deutschland", "Frankfurt am Main"],
    "pt": ["São Paulo, Brasil", "Lisboa, Portugal", "Porto, Portugal", "Rio de Janeiro, Brasil", "Curitiba, Brasil"],
}
# Phone formats: # is a digit. Several per language: people write numbers many ways.
PHONES = {
    "en": ["+1 (512) ###-####", "+44 20 #### ####", "(206) ###-####", "+44 7### ######", "+1 416-###-####",
           "512.###.####", "+353 87 ### ####"],
    "es": ["+34 6## ### ###", "+34 6## ## ## ##", "6## ### ###"],
    "fr": ["+33 6 ## ## ## ##", "06 ## ## ## ##", "+33 (0)6 ## ## ## ##"],
    "de": ["+49 30 #######", "+49 (0)171 #######", "0176 ########", "+49 89 ### ### ##"],
    "pt": ["+55 11 9####-####", "(11) 9####-####", "+351 912 ### ###", "+55 (21) 9####-####"],
}
EMAIL_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "proton.me", "fastmail.co.uk", "icloud.com"],
    "es": ["gmail.com", "hotmail.es", "correo-personal.es"],
    "fr": ["gmail.com", "orange.fr", "laposte.net"],
    "de": ["gmx.de", "web.de", "posteo.de", "gmail.com"],
    "pt": ["gmail.com", "uol.com.br", "sapo.pt"],
}

HEADINGS = {
    "en": {"summary": ["Summary", "Profile", "Professional Summary", "About Me"],
           "experience": ["Experience", "Work Experience", "Professional Experience", "Employment History",
                          "Where I've Worked", "Career History"],
           "education": ["Education", "Education and Training"],
           "skills": ["Skills", "Technical Skills", "Core Skills", "Key Skills", "Toolbox"],
           "languages": ["Languages"], "certifications": ["Certifications"], "projects": ["Projects"],
           "contact": ["Contact"]},
    "es": {"summary": ["Perfil", "Perfil profesional", "Sobre mí"],
           "experience": ["Experiencia", "Experiencia profesional", "Experiencia laboral", "Trayectoria profesional",
                          "Historial laboral"],
           "education": ["Formación", "Formación académica", "Educación"],
           "skills": ["Habilidades", "Competencias", "Conocimientos"], "languages": ["Idiomas"],
           "certifications": ["Certificaciones"], "projects": ["Proyectos"], "contact": ["Contacto"]},
    "fr": {"summary": ["Profil", "À propos de moi"],
           "experience": ["Expérience professionnelle", "Expériences professionnelles", "Parcours professionnel",
                          "Emplois occupés"],
           "education": ["Formation", "Études"], "skills": ["Compétences", "Compétences techniques"],
           "languages": ["Langues"], "certifications": ["Certifications"], "projects": ["Projets"],
           "contact": ["Contact"]},
    "de": {"summary": ["Profil", "Über mich", "Zusammenfassung"],
           "experience": ["Berufserfahrung", "Beruflicher Werdegang", "Werdegang", "Berufliche Stationen"],
           "education": ["Ausbildung", "Bildungsweg", "Studium"], "skills": ["Kenntnisse", "Fähigkeiten",
                                                                             "Fachkenntnisse"],
           "languages": ["Sprachen"], "certifications": ["Zertifikate"], "projects": ["Projekte"],
           "contact": ["Kontakt"]},
    "pt": {"summary": ["Resumo", "Perfil profissional", "Sobre mim"],
           "experience": ["Experiência profissional", "Experiência", "Histórico profissional",
                          "Trajetória profissional"],
           "education": ["Formação acadêmica", "Formação", "Educação"],
           "skills": ["Competências", "Habilidades", "Conhecimentos"], "languages": ["Idiomas"],
           "certifications": ["Certificações"], "projects": ["Projetos"], "contact": ["Contato"]},
}

MONTHS_SHORT = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(),
    "es": "ene. feb. mar. abr. may. jun. jul. ago. sept. oct. nov. dic.".split(),
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split(),
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.".split(),
    "pt": "jan fev mar abr mai jun jul ago set out nov dez".split(),
}
MONTHS_LONG = {
    "en": "January February March April May June July August September October November December".split(),
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(),
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split(),
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split(),
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro".split(),
}
PRESENT = {
    "en": ["Present", "Current", "Now", "present", "to date"],
    "es": ["Actualidad", "actual", "Presente", "la actualidad"],
    "fr": ["Aujourd'hui", "aujourd’hui", "présent", "ce jour"],
    "de": ["heute", "Heute", "aktuell", "jetzt"],
    "pt": ["Atual", "atual", "o momento", "presente"],
}
# Words for "since" with a current role ("seit 03/2019"), used instead of a range by some styles.
SINCE = {"en": "Since", "es": "Desde", "fr": "Depuis", "de": "seit", "pt": "Desde"}
# "<title> at <company>"
AT = {"en": "at", "es": "en", "fr": "chez", "de": "bei", "pt": "na"}
LEVELS = {
    "en": ["Native", "Fluent", "Professional working proficiency", "C1", "B2", "Intermediate", "Basic"],
    "es": ["Nativo", "Bilingüe", "C1", "B2", "Intermedio", "Básico"],
    "fr": ["Langue maternelle", "Courant", "C1", "B2", "Intermédiaire", "Notions"],
    "de": ["Muttersprache", "Fließend", "C1", "B2", "Gute Kenntnisse", "Grundkenntnisse"],
    "pt": ["Nativo", "Fluente", "C1", "B2", "Intermediário", "Básico"],
}
# Spoken languages: canonical (taxonomy) name, then how each language writes it.
SPOKEN = {
    "English": {"en": "English", "es": "Inglés", "fr": "Anglais", "de": "Englisch", "pt": "Inglês"},
    "Spanish": {"en": "Spanish", "es": "Español", "fr": "Espagnol", "de": "Spanisch", "pt": "Espanhol"},
    "French": {"en": "French", "es": "Francés", "fr": "Français", "de": "Französisch", "pt": "Francês"},
    "German": {"en": "German", "es": "Alemán", "fr": "Allemand", "de": "Deutsch", "pt": "Alemão"},
    "Portuguese": {"en": "Portuguese", "es": "Portugués", "fr": "Portugais", "de": "Portugiesisch",
                   "pt": "Português"},
    "Italian": {"en": "Italian", "es": "Italiano", "fr": "Italien", "de": "Italienisch", "pt": "Italiano"},
}
# Employment types some resumes add after the employer: "Acme (Contract)".
EMPLOYMENT = {
    "en": ["Contract", "Part-time", "Freelance", "Internship"],
    "es": ["Media jornada", "Autónomo", "Prácticas"],
    "fr": ["CDD", "Temps partiel", "Freelance"],
    "de": ["Teilzeit", "Werkvertrag", "Freiberuflich"],
    "pt": ["Meio período", "PJ", "Freelancer"],
}
NATIVE = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese"}


@dataclass(frozen=True)
class DateStyle:
    """How one resume writes a month and a range; `kind` picks the month format."""

    kind: str  # mon_yyyy, mon._yyyy, mon_yy, month_yyyy, mm/yyyy, m/yyyy, yyyy-mm, mm.yyyy, mon/yyyy, year
    dash: str = " – "
    since: bool = False  # a current role is written "seit 03/2019" instead of a range

    def month(self, lang: str, year: int, month: int) -> str:
        if self.kind == "mon_yyyy":
            return f"{MONTHS_SHORT[lang][month - 1]} {year}"
        if self.kind == "month_yyyy":
            name = MONTHS_LONG[lang][month - 1]
            return f"{name} de {year}" if lang == "es" and self.dash == " a " else f"{name} {year}"
        if self.kind == "mm/yyyy":
            return f"{month:02d}/{year}"
        if self.kind == "m/yyyy":
            return f"{month}/{year}"
        if self.kind == "yyyy-mm":
            return f"{year}-{month:02d}"
        if self.kind == "mm.yyyy":
            return f"{month:02d}.{year}"
        if self.kind == "mon._yyyy":  # "Mar. 2019", "Sept. 2020"
            short = MONTHS_SHORT[lang][month - 1].rstrip(".")
            return f"{short}{'' if short == MONTHS_LONG[lang][month - 1] else '.'} {year}"
        if self.kind == "mon_yy":  # "Mar ’19"
            return f"{MONTHS_SHORT[lang][month - 1]} ’{year % 100:02d}"
        if self.kind == "mon/yyyy":
            return f"{MONTHS_SHORT[lang][month - 1].rstrip('.')}/{year}"
        return str(year)

    def range(self, lang: str, start: tuple[int, int], end: tuple[int, int] | None, present: str) -> str:
        first = self.month(lang, *start)
        if end is None and self.since:
            return f"{SINCE[lang]} {first}"
        last = present if end is None else self.month(lang, *end)
        return f"{first}{self.dash}{last}"
