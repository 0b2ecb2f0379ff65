"""Split a resume or JD into sections by their headings, in seven languages."""

import re
import unicodedata
from dataclasses import dataclass, field

HEADINGS: dict[str, list[str]] = {
    "summary": [
        "summary", "profile", "personal profile",
        "professional summary", "career summary", "about me", "objective", "career objective",
        "personal statement", "perfil", "perfil profesional", "resumen", "sobre mi", "profil", "a propos de moi",
        "zusammenfassung", "uber mich", "profilo", "sommario", "chi sono", "samenvatting", "profiel", "over mij",
        "resumo", "sobre mim", "perfil profissional",
    ],
    "experience": [
        "experience", "work experience", "professional experience", "employment", "employment history",
        "work history", "career history", "career", "relevant experience", "professional background",
        "experience professionnelle", "experiences professionnelles", "experiences", "parcours professionnel",
        "berufserfahrung", "berufliche erfahrung", "beruflicher werdegang", "werdegang", "erfahrung",
        "experiencia", "experiencia laboral", "experiencia profesional", "trayectoria profesional",
        "experiencia profissional", "experiencias", "esperienza", "esperienze", "esperienza professionale",
        "esperienze lavorative", "esperienze professionali", "werkervaring", "ervaring", "loopbaan",
        "where i ve worked", "where i have worked", "work history and experience", "historial laboral",
        "trayectoria", "trajetoria profissional", "historico profissional", "emplois occupes", "stationen",
        "berufliche stationen", "praxiserfahrung",
    ],
    "education": [
        "education", "academic background", "educational background", "academic qualifications", "studies",
        "education and training", "formation", "formation academique", "etudes", "diplomes", "ausbildung",
        "bildung", "bildungsweg", "studium", "akademischer werdegang", "educacion", "formacion",
        "formacion academica", "estudios", "educacao", "formacao", "formacao academica", "istruzione",
        "formazione", "istruzione e formazione", "opleiding", "opleidingen", "qualifications",
    ],
    "skills": [
        "skills", "technical skills", "core skills", "key skills", "skills and tools", "competencies",
        "core competencies", "tech stack", "technologies", "tools", "expertise", "skill set", "kenntnisse",
        "fahigkeiten", "it kenntnisse", "fachkenntnisse", "habilidades", "competencias", "conocimientos",
        "competences", "competences techniques", "competencias tecnicas", "competenze", "vaardigheden",
        "technische vaardigheden", "toolbox", "kompetenzen", "herramientas", "ferramentas", "outils",
        "outils et competences",
    ],
    "projects": [
        "projects", "personal projects", "side projects", "proyectos", "projets", "projekte", "projetos", "progetti",
        "projecten",
    ],
    "certifications": [
        "certifications", "certificates", "licenses", "licenses and certifications", "licences",
        "zertifikate", "zertifizierungen", "certificaciones", "certificados", "certificazioni", "certificaten",
    ],
    "languages": ["languages", "sprachen", "idiomas", "langues", "lingue", "talen", "language skills"],
    "other": [
        "publications", "awards", "honors", "honours", "interests", "hobbies", "references", "volunteering",
        "volunteer experience", "achievements", "activities", "personal", "personal information", "contact",
        "contact information", "interessen", "referenzen", "intereses", "referencias", "centres d interet",
        "extracurricular", "extracurriculars", "extracurricular activity", "extracurricular activities",
        "extra curricular activities", "co curricular activities", "honors awards", "honours awards",
        "honors and awards", "honours and awards", "awards and honors", "awards honors", "awards and achievements",
        "community", "community involvement", "leadership and activities", "clubs and societies",
    ],
    "responsibilities": [
        "responsibilities", "key responsibilities", "your responsibilities", "what you will do",
        "what you ll do", "what youll do", "what you will be doing", "what you ll be doing", "your role",
        "the role", "role", "duties", "your mission", "day to day", "in this role you will", "the job",
        "job description", "aufgaben", "ihre aufgaben", "deine aufgaben", "deine rolle", "responsabilidades",
        "funciones", "tus funciones", "tus responsabilidades", "missions", "vos missions", "tes missions",
        "responsabilites", "le poste", "responsabilita", "mansioni", "verantwoordelijkheden", "taken",
        "jouw taken", "atribuicoes", "o que voce vai fazer",
    ],
    "requirements": [
        "requirements", "qualifications", "required qualifications", "minimum qualifications",
        "basic qualifications", "what you ll need", "what you will need", "what we re looking for",
        "what we are looking for", "who you are", "about you", "you have", "must have", "must haves",
        "required skills", "requirements and skills", "skills and experience", "your profile", "what you bring",
        "what you ll bring", "anforderungen", "ihr profil", "dein profil", "was du mitbringst",
        "was sie mitbringen", "requisitos", "lo que buscamos", "buscamos", "profil recherche", "votre profil",
        "competences requises", "requisiti", "eisen", "functie eisen", "wat wij vragen", "wat breng je mee",
        "requisitos obrigatorios", "o que buscamos",
    ],
    "nice_to_have": [
        "nice to have", "nice to haves", "bonus", "bonus points", "preferred", "preferred qualifications",
        "preferred skills", "pluses", "plus", "it s a plus", "extra credit", "would be great", "desirable",
        "good to have", "wunschenswert", "von vorteil", "pluspunkte", "deseable", "deseables", "se valorara",
        "valorable", "un plus", "souhaite", "atouts", "serait un plus", "desejavel", "diferenciais",
        "gradito", "costituisce un plus", "pre", "pluspunten", "mooi meegenomen",
    ],
    "benefits": [
        "benefits", "what we offer", "perks", "we offer", "compensation", "why join us", "why us",
        "perks and benefits", "salary", "wir bieten", "was wir bieten", "ofrecemos", "beneficios",
        "nous offrons", "avantages", "oferecemos", "beneficios", "offriamo", "wij bieden", "what s in it for you",
    ],
    "about": [
        "about us", "about the company", "who we are", "company", "our mission", "about", "uber uns",
        "sobre nosotros", "qui sommes nous", "a propos de nous", "chi siamo", "over ons", "sobre nos",
        "the team", "about the team",
    ],
}
_LOOKUP = {phrase: key for key, phrases in HEADINGS.items() for phrase in phrases}
MAX_HEADING_WORDS = 7


@dataclass
class Section:
    key: str  # header (before any heading), or a key of HEADINGS
    heading: str
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def fold(text: str) -> str:
    """Lower case without accents or punctuation: "Expérience:" -> "experience"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def heading_key(line: str) -> tuple[str, str] | None:
    """(section key, the rest of the line) when the line is a heading, e.g. "Skills: Python" -> ("skills", "Python")."""
    stripped = line.strip().strip("#*_=|").strip()
    if not stripped or stripped.endswith(".") or stripped[:1].islower():
        return None  # the last word of a wrapped sentence ("... best use of their\nskills.")
    head, colon, rest = stripped.partition(":")
    if not colon and "\t" in stripped:  # a label column: "Experience<tab>AI Engineer<tab>Banco do Brasil"
        head, colon, rest = stripped.partition("\t")
    folded = fold(head)
    if not folded or len(folded.split()) > MAX_HEADING_WORDS:
        return None
    key = _LOOKUP.get(folded) or _LOOKUP.get(re.sub(r"^(?:\d+ )?", "", folded))
    if key is None:
        return None
    if rest.strip() and not colon:
        return None
    return key, rest.strip()


def split_sections(text: str) -> list[Section]:
    sections = [Section("header", "")]
    for line in text.splitlines():
        found = heading_key(line) if len(line) <= 80 else None
        if found:
            key, rest = found
            sections.append(Section(key, line.strip()))
            if rest:
                sections[-1].lines.append(rest)
        else:
            sections[-1].lines.append(line)
    return sections


def lines_of(sections: list[Section], *keys: str) -> list[str]:
    return [line for section in sections if section.key in keys for line in section.lines]
