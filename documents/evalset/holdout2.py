"""The second held-out part of the evaluation set: written last, after every change to the extractor,
measured once and never used to change anything. Two fields the extractor was never shown (law and
construction), new employers, titles, skill wordings and header orders.
"""

from .fields import HERE, load_pools
from .jobs import Job

TITLES = {
    "legal": {
        "en": ["0 Legal Assistant", "1 Paralegal", "1 Associate Attorney", "2 Senior Associate", "2 Legal Counsel",
               "3 General Counsel"],
        "es": ["0 Pasante", "1 Abogada", "2 Asesor Jurídico", "3 Socia Directora"],
        "fr": ["0 Assistante juridique", "1 Juriste", "2 Avocate collaboratrice", "3 Directeur juridique"],
        "de": ["0 Rechtsanwaltsfachangestellte", "1 Rechtsanwalt", "2 Syndikusrechtsanwältin", "3 Leiter Recht"],
        "pt": ["0 Estagiária de Direito", "1 Advogado", "2 Advogada Sênior", "3 Gerente Jurídico"],
    },
    "construction": {
        "en": ["0 Site Assistant", "1 Site Engineer", "1 Quantity Surveyor", "2 Project Engineer",
               "3 Construction Manager"],
        "es": ["0 Delineante", "1 Aparejadora", "2 Jefe de Obra", "3 Director de Proyectos"],
        "fr": ["0 Dessinateur projeteur", "1 Ingénieure travaux", "2 Conducteur de travaux", "3 Directrice de projets"],
        "de": ["0 Bauzeichnerin", "1 Bauingenieur", "2 Bauleiterin", "3 Projektleiter Hochbau"],
        "pt": ["0 Desenhista Técnico", "1 Engenheira Civil", "2 Mestre de Obras", "3 Gerente de Projetos"],
    },
}
EMPLOYERS = {
    "legal": {
        "en": ["Hawthorne & Pike LLP", "City of Denver", "Redwood Legal Aid", "Carver Whitlock", "Nimbus Bank"],
        "es": ["Garrigues", "Despacho Ortiz Abogados", "Ayuntamiento de Zaragoza", "Seguros Atlántida S.A."],
        "fr": ["Cabinet Moreau & Associés", "Fidal", "Mairie de Rennes", "Groupe Bellevue"],
        "de": ["Hengeler Mueller", "Kanzlei Brandt", "Stadtwerke Leipzig", "Nordbank AG"],
        "pt": ["Pinheiro Neto Advogados", "Prefeitura de Recife", "Escritório Duarte", "Banco Aurora S.A."],
    },
    "construction": {
        "en": ["Granite Peak Builders", "Ironwood Civil", "Skanska", "Meridian Homes Ltd", "Atlas Infrastructure"],
        "es": ["Acciona", "Construcciones Vallejo S.L.", "Ferrovial", "Obras del Norte"],
        "fr": ["Bouygues Construction", "Eiffage", "BTP Durand", "Vinci"],
        "de": ["Hochtief", "Bauunternehmen Krause GmbH", "Züblin", "Baukontor Nord"],
        "pt": ["Construtora Horizonte", "Odebrecht", "MRV Engenharia", "Obras Paulistas Ltda."],
    },
}
SKILLS = load_pools(HERE / "skills_holdout2.txt")
DEGREES = {
    "legal": {"en": ["JD", "LLB Law", "BA Political Science"],
              "es": ["Grado en Derecho", "Máster de Acceso a la Abogacía"],
              "fr": ["Master 2 Droit des affaires", "CAPA"], "de": ["Erstes Staatsexamen Rechtswissenschaft", "LL.M."],
              "pt": ["Bacharelado em Direito", "Pós-graduação em Direito Empresarial"]},
    "construction": {"en": ["BEng Civil Engineering", "MSc Construction Management"],
                     "es": ["Grado en Arquitectura Técnica", "Máster en Ingeniería de Caminos"],
                     "fr": ["Diplôme d'ingénieur ESTP", "BTS Bâtiment"],
                     "de": ["B.Eng. Bauingenieurwesen", "M.Sc. Baumanagement"],
                     "pt": ["Bacharelado em Engenharia Civil", "Técnico em Edificações"]},
}
NAMED_SKILLS = {
    "Legal Assistant": [], "Paralegal": ["Paralegal"], "Legal Counsel": [], "General Counsel": [],
    "Asesor Jurídico": [], "Assistante juridique": [], "Site Engineer": [], "Quantity Surveyor": [],
    "Project Engineer": [], "Construction Manager": ["Construction management"],
    "Director de Proyectos": ["Project management"], "Directrice de projets": ["Project management"],
    "Gerente de Projetos": ["Project management"], "BEng Civil Engineering": ["Civil engineering"],
    "Bacharelado em Engenharia Civil": ["Civil engineering"], "Engenheira Civil": ["Civil engineering"],
    "MSc Construction Management": ["Construction management"], "BA Political Science": [],
}
ORDERS = {  # header orders no earlier part used
    "company_colon_title": lambda t, c, d: [(f"{c}: {t}", d)],
    "three_lines": lambda t, c, d: [(t, ""), (c, ""), (d, "")],
    "dates_pipe_company_title": lambda t, c, d: [(f"{d} | {c} | {t}", "")],
    "title_bullet_company": lambda t, c, d: [(f"{t} • {c}", d)],
}
JOBS = [
    Job("j22", "en", "pdf", "legal", "Corporate Paralegal", "Hawthorne & Pike LLP", None, "Denver, CO", "hybrid",
        "Denver, CO · hybrid (3 days in office)", 3,
        "Hawthorne & Pike is a mid-size business law firm.",
        ["Paralegal"],
        [("Prepare board minutes and corporate filings", ["Corporate law"]),
         ("Manage contract databases and renewal dates", ["Contract management"]),
         ("Support due diligence for acquisitions", ["Due diligence"])],
        [("3+ years as a paralegal in a corporate practice", ["Paralegal", "Corporate law"]),
         ("Strong legal research and drafting", ["Legal research", "Contract drafting"]),
         ("Advanced Microsoft Word and Excel", ["Microsoft Word", "Microsoft Excel"])],
        [("Notary public commission is a plus", [])]),
    Job("j23", "es", "docx", "construction", "Jefe/a de Obra", "Construcciones Vallejo S.L.", None, "Zaragoza",
        "onsite", "Zaragoza (presencial en obra)", 5,
        "Empresa constructora con 40 años de historia en Aragón.",
        [],
        [("Planificación y control de la obra", ["Construction management"]),
         ("Gestión de subcontratas y proveedores", ["Procurement"]),
         ("Control de costes y certificaciones", ["Cost control"])],
        [("Mínimo 5 años como jefe de obra en edificación", ["Construction management"]),
         ("Manejo de Presto y AutoCAD", ["Presto", "AutoCAD"]),
         ("Conocimientos de prevención de riesgos laborales", ["Occupational health and safety"])],
        [("Se valorará experiencia con BIM (Revit)", ["BIM", "Revit"])]),
    Job("j24", "de", "md", "legal", "Syndikusrechtsanwalt (m/w/d) Arbeitsrecht", "Nordbank AG", None, "Hamburg",
        "hybrid", "Hamburg, hybrides Arbeiten möglich", 4,
        "Die Nordbank AG ist eine Regionalbank mit 2.000 Beschäftigten.",
        ["Employment law"],
        [("Beratung der Personalabteilung in allen Fragen des Arbeitsrechts", ["Employment law"]),
         ("Gestaltung von Arbeitsverträgen", ["Contract drafting"]),
         ("Vertretung vor den Arbeitsgerichten", ["Litigation"])],
        [("Zwei juristische Staatsexamina", []),
         ("Mindestens 4 Jahre Berufserfahrung im Arbeitsrecht", ["Employment law"]),
         ("Verhandlungssichere Englischkenntnisse", ["English"])],
        [("Erfahrung im Bankenumfeld ist von Vorteil", ["Banking"])]),
]
