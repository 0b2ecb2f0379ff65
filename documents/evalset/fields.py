"""Per-field source data for the generated evaluation set: titles, employers, skills, degrees.

Skills live in skills_pool.txt, one a line: "Canonical | en alias; alias | es ... | fr ...": the
canonical name is what a human screener would record (the taxonomy's name), the rest is how a
resume in that language may write it. A language without an entry writes the canonical name.
Titles carry a level (0 junior .. 3 lead) so careers progress.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_pools(path: Path) -> dict[str, str]:
    """{field: its block of skill lines} from a pool file with "## field" headings."""
    pools: dict[str, list[str]] = {}
    current: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = pools.setdefault(line[3:].strip(), [])
        elif line.strip() and not line.startswith("#"):
            current.append(line.strip())
    return {field: "\n".join(lines) for field, lines in pools.items()}


FIELDS = ("software", "data", "nursing", "sales", "finance", "teaching", "design")

TITLES = {
    "software": {
        "en": ["0 Junior Software Developer", "1 Software Engineer", "1 Backend Developer", "1 Full-Stack Developer",
               "2 Senior Software Engineer", "2 Senior Backend Engineer", "1 Scrum Master",
               "2 Site Reliability Engineer",
               "3 Tech Lead", "3 Engineering Manager"],
        "es": ["0 Desarrollador Junior", "1 Desarrolladora Backend", "1 Ingeniero de Software",
               "2 Desarrollador Full Stack Senior", "3 Líder Técnico"],
        "fr": ["0 Développeur Junior", "1 Développeuse Back-End", "1 Ingénieur Logiciel", "2 Développeur Senior",
               "3 Lead Développeur"],
        "de": ["0 Junior Softwareentwickler", "1 Softwareentwicklerin", "1 Backend-Entwickler",
               "2 Senior Softwareentwickler", "3 Teamleiter Softwareentwicklung"],
        "pt": ["0 Desenvolvedor Júnior", "1 Desenvolvedora Back-end", "1 Engenheiro de Software",
               "2 Desenvolvedor Sênior", "3 Tech Lead"],
    },
    "data": {
        "en": ["0 Junior Data Analyst", "1 Data Analyst", "1 BI Analyst", "1 Data Engineer", "2 Data Scientist",
               "2 Senior Data Scientist", "2 Machine Learning Engineer", "2 Quant Researcher", "3 Head of Data"],
        "es": ["0 Analista de Datos Junior", "1 Analista de Datos", "2 Científica de Datos", "2 Ingeniero de Datos",
               "3 Responsable de Analítica"],
        "fr": ["0 Analyste de données junior", "1 Analyste de données", "2 Data Scientist", "2 Ingénieure Data",
               "3 Responsable Data"],
        "de": ["0 Werkstudent Data Analytics", "1 Datenanalystin", "2 Data Scientist", "2 Data Engineer",
               "3 Leiterin Data Science"],
        "pt": ["0 Estagiário de Dados", "1 Analista de Dados", "2 Cientista de Dados", "2 Engenheira de Dados",
               "3 Coordenador de Dados"],
    },
    "nursing": {
        "en": ["0 Nursing Assistant", "1 Registered Nurse", "1 Staff Nurse", "1 Midwife", "2 ICU Nurse",
               "2 Charge Nurse",
               "3 Nurse Manager", "2 Clinical Nurse Specialist"],
        "es": ["0 Auxiliar de Enfermería", "1 Enfermera", "2 Enfermera de UCI", "3 Supervisora de Enfermería"],
        "fr": ["0 Aide-soignante", "1 Infirmière", "2 Infirmière en réanimation", "3 Cadre de santé"],
        "de": ["0 Pflegehelferin", "1 Gesundheits- und Krankenpflegerin", "2 Fachkrankenpflegerin Intensivpflege",
               "3 Stationsleitung"],
        "pt": ["0 Técnica de Enfermagem", "1 Enfermeira", "2 Enfermeira de UTI", "3 Enfermeira Chefe"],
    },
    "sales": {
        "en": ["0 Sales Development Representative", "0 Retail Sales Associate", "1 Sales & Marketing Coordinator",
               "1 Account Executive", "2 Customer Success Manager",
               "2 Senior Account Executive", "2 Key Account Manager", "3 Sales Manager",
               "2 Business Development Manager"],
        "es": ["0 Representante Comercial", "1 Ejecutivo de Ventas", "2 Gerente de Cuentas Clave",
               "3 Director Comercial"],
        "fr": ["0 Commercial sédentaire", "1 Chargé d'affaires", "2 Responsable Grands Comptes",
               "3 Directeur commercial"],
        "de": ["0 Vertriebsassistentin", "1 Vertriebsmitarbeiter Innendienst", "2 Key Account Manager",
               "3 Vertriebsleiter"],
        "pt": ["0 Assistente Comercial", "1 Executivo de Vendas", "2 Gerente de Contas", "3 Gerente Comercial"],
    },
    "finance": {
        "en": ["0 Accounts Payable Clerk", "1 Payroll Specialist", "1 Staff Accountant", "1 Financial Analyst",
               "2 Senior Accountant",
               "2 Senior Financial Analyst", "3 FP&A Manager", "3 Finance Manager"],
        "es": ["0 Auxiliar Contable", "1 Contable", "1 Analista Financiero", "2 Auditora Senior",
               "3 Responsable Financiero"],
        "fr": ["0 Assistant comptable", "1 Comptable", "1 Contrôleuse de gestion", "2 Auditeur financier senior",
               "3 Directeur administratif et financier"],
        "de": ["0 Buchhaltungsassistentin", "1 Finanzbuchhalterin", "1 Controller", "2 Senior Controllerin",
               "3 Leiter Rechnungswesen"],
        "pt": ["0 Assistente Financeiro", "1 Analista Contábil", "1 Analista Financeira", "2 Controller",
               "3 Gerente Financeiro"],
    },
    "teaching": {
        "en": ["0 Teaching Assistant", "1 Mathematics Teacher", "1 Primary School Teacher", "1 English Teacher",
               "2 Head of Science", "2 SENCO", "2 Lecturer", "3 Deputy Head Teacher"],
        "es": ["0 Profesor en prácticas", "1 Profesora de Matemáticas", "1 Maestra de Educación Primaria",
               "2 Jefa de Departamento de Ciencias", "3 Coordinador Pedagógico"],
        "fr": ["0 Assistante d'éducation", "1 Professeur des écoles", "1 Enseignante de français",
               "2 Professeur de mathématiques", "3 Conseiller pédagogique"],
        "de": ["0 Referendarin", "1 Lehrerin für Mathematik und Physik", "1 Grundschullehrer",
               "2 Fachbereichsleiterin Naturwissenschaften", "3 Stellvertretender Schulleiter"],
        "pt": ["0 Professor Auxiliar", "1 Professora de Português", "1 Professor de Matemática",
               "2 Coordenadora Pedagógica", "3 Diretora Escolar"],
    },
    "design": {
        "en": ["0 Junior Graphic Designer", "1 Graphic Designer", "1 Creative Technologist", "1 UI Designer",
               "1 UX Designer",
               "2 Senior Product Designer", "2 Art Director", "3 Design Lead"],
        "es": ["0 Diseñadora Gráfica Junior", "1 Diseñador Gráfico", "1 Diseñadora UX/UI", "2 Directora de Arte"],
        "fr": ["0 Graphiste junior", "1 Graphiste", "1 Designer UX", "2 Directrice artistique"],
        "de": ["0 Junior Grafikdesignerin", "1 Grafikdesigner", "1 UX-Designerin", "2 Senior Produktdesigner",
               "3 Art Director"],
        "pt": ["0 Designer Gráfico Júnior", "1 Designer Gráfica", "1 Designer de Produto", "2 Designer UX Sênior",
               "3 Diretor de Arte"],
    },
}

EMPLOYERS = {
    "software": {
        "en": ["Brightwave Labs", "Northwind Software, Inc.", "Quantive", "Helix Systems Ltd", "Copperleaf",
               "Stackline Technologies", "Orbit Payments", "Bluefin Health", "Tidepool Analytics"],
        "es": ["Cabify", "Tecnologías Alba S.L.", "Nubentia", "Glovo", "Soluciones Ibéricas S.A."],
        "fr": ["Doctolib", "Alan", "Qonto", "Mirakl SAS", "Logiciels Vauban"],
        "de": ["Zalando SE", "N26", "Personio GmbH", "Softwarehaus Nord GmbH", "Celonis"],
        "pt": ["Nubank", "Stone Pagamentos", "Farfetch", "Talkdesk", "TOTVS S.A."],
    },
    "data": {
        "en": ["Tidepool Analytics", "Metricful", "Greenline Insurance", "Spotify", "Harbor Retail Group",
               "Lumen Data Ltd"],
        "es": ["BBVA", "Idealista", "Datalia Consultores S.L.", "Telefónica"],
        "fr": ["Criteo", "Dataiku", "BlaBlaCar", "Société Générale"],
        "de": ["Zalando SE", "Datenwerk GmbH", "Allianz", "HelloFresh"],
        "pt": ["iFood", "Itaú Unibanco", "Dados Abertos Consultoria", "Magazine Luiza"],
    },
    "nursing": {
        "en": ["St. Mary's Hospital", "Riverside Medical Center", "Mercy Health", "Northfield Care Home",
               "City General Hospital", "Kingsway Clinic"],
        "es": ["Hospital Universitario La Paz", "Hospital Clínic de Barcelona", "Clínica San Rafael",
               "Residencia Los Olivos"],
        "fr": ["CHU de Lyon", "Hôpital Saint-Louis", "Clinique du Parc", "EHPAD Les Tilleuls"],
        "de": ["Charité Universitätsmedizin Berlin", "Klinikum rechts der Isar", "Pflegeheim Sonnenhof",
               "Asklepios Klinik Nord"],
        "pt": ["Hospital Sírio-Libanês", "Hospital Santa Maria", "Clínica São Lucas", "Hospital da Luz"],
    },
    "sales": {
        "en": ["Salesforce", "Pinecrest Software", "Atlas Office Supplies", "Meridian Logistics Ltd",
               "Vantage Media", "Crestview Motors"],
        "es": ["Distribuciones Levante S.L.", "Mercadona", "Grupo Norte Seguros", "Softvia"],
        "fr": ["Bureau Vallée", "Orange Business", "Transports Lemoine", "Sodexo"],
        "de": ["Würth", "Bürotechnik Schulz GmbH", "SAP SE", "Vertriebspartner Süd GmbH"],
        "pt": ["Ambev", "Vendas Brasil Distribuidora", "RD Station", "Grupo Boticário"],
    },
    "finance": {
        "en": ["Deloitte", "Harbor Retail Group", "Keystone Capital, LLC", "PwC", "Greenline Insurance",
               "Morrison & Hale LLP"],
        "es": ["KPMG", "Banco Sabadell", "Grupo Hotelero Mediterráneo", "Asesoría Fiscal Martín"],
        "fr": ["Mazars", "BNP Paribas", "Groupe Legrand", "Cabinet Fiduciaire Durand"],
        "de": ["KPMG AG", "Deutsche Bank", "Bosch", "Steuerbüro Klein & Partner"],
        "pt": ["Ernst & Young", "Banco do Brasil", "Contabilidade Moreira", "Natura &Co"],
    },
    "teaching": {
        "en": ["Lincoln High School", "Oakwood Primary School", "Westfield Academy", "Riverside Community College",
               "St. Anne's Grammar School"],
        "es": ["IES Miguel de Cervantes", "Colegio San José", "CEIP Los Almendros", "Colegio Británico de Madrid"],
        "fr": ["Lycée Victor Hugo", "École élémentaire Jules Ferry", "Collège Jean Moulin", "Lycée Saint-Exupéry"],
        "de": ["Goethe-Gymnasium", "Grundschule am Park", "Gesamtschule Nord", "Humboldt-Gymnasium"],
        "pt": ["Colégio Bandeirantes", "Escola Estadual Dom Pedro II", "Escola Secundária de Camões",
               "Colégio Santo Agostinho"],
    },
    "design": {
        "en": ["Pentagram", "Studio North", "Fable & Co.", "Brightwave Labs", "Canvas Creative Agency",
               "Orbit Payments"],
        "es": ["Estudio Mariscal", "Agencia Kreativa", "Diseño Norte S.L.", "Wallapop"],
        "fr": ["Agence Graphique Lumière", "Studio Bleu", "Publicis", "Deezer"],
        "de": ["Designbüro Weiss", "Jung von Matt", "Studio Kranich GmbH", "Ableton"],
        "pt": ["Estúdio Pirâmide", "Agência Pulso", "Resultados Digitais", "Olist"],
    },
}

SKILLS = load_pools(HERE / "skills_pool.txt")
COMMON_SKILLS = SKILLS.pop("common")

DEGREES = {
    "software": {"en": ["BSc Computer Science", "B.S. in Computer Engineering", "MSc Software Engineering"],
                 "es": ["Grado en Ingeniería Informática", "Máster en Ingeniería del Software"],
                 "fr": ["Diplôme d'ingénieur en informatique", "Master Informatique"],
                 "de": ["B.Sc. Informatik", "M.Sc. Wirtschaftsinformatik"],
                 "pt": ["Bacharelado em Ciência da Computação", "Mestrado em Engenharia de Software"]},
    "data": {"en": ["BSc Mathematics", "MSc Data Science", "B.A. in Economics"],
             "es": ["Grado en Matemáticas", "Máster en Ciencia de Datos"],
             "fr": ["Master Statistique et Science des données", "Licence de Mathématiques"],
             "de": ["M.Sc. Statistik", "B.Sc. Mathematik"],
             "pt": ["Bacharelado em Estatística", "Mestrado em Ciência de Dados"]},
    "nursing": {"en": ["Bachelor of Science in Nursing", "Associate Degree in Nursing"],
                "es": ["Grado en Enfermería", "Máster en Cuidados Críticos"],
                "fr": ["Diplôme d'État d'infirmier", "Licence Sciences infirmières"],
                "de": ["B.Sc. Pflegewissenschaft", "Staatsexamen Gesundheits- und Krankenpflege"],
                "pt": ["Bacharelado em Enfermagem", "Licenciatura em Enfermagem"]},
    "sales": {"en": ["BA Business Administration", "BBA Marketing"],
              "es": ["Grado en Administración y Dirección de Empresas", "Máster en Dirección Comercial"],
              "fr": ["BTS Négociation et Relation Client", "Master Management Commercial"],
              "de": ["B.A. Betriebswirtschaftslehre", "Bachelor International Business"],
              "pt": ["Bacharelado em Administração", "MBA em Gestão Comercial"]},
    "finance": {"en": ["BSc Accounting and Finance", "MBA", "BA Economics"],
                "es": ["Grado en Economía", "Máster en Auditoría de Cuentas"],
                "fr": ["Master Comptabilité Contrôle Audit", "Diplôme de comptabilité et de gestion"],
                "de": ["B.Sc. Betriebswirtschaftslehre", "M.Sc. Finance"],
                "pt": ["Bacharelado em Ciências Contábeis", "MBA em Finanças"]},
    "teaching": {"en": ["BA Mathematics", "PGCE Secondary Mathematics", "Master of Education",
                        "BEd Primary Education"],
                 "es": ["Grado en Magisterio de Educación Primaria", "Máster en Formación del Profesorado"],
                 "fr": ["Master MEEF Premier degré", "Licence de Lettres modernes"],
                 "de": ["Staatsexamen Lehramt Gymnasium", "Master of Education Mathematik"],
                 "pt": ["Licenciatura em Letras", "Licenciatura em Matemática"]},
    "design": {"en": ["BA Graphic Design", "BFA Visual Communication", "MA Interaction Design"],
               "es": ["Grado en Diseño", "Máster en Diseño UX"],
               "fr": ["DN MADE Graphisme", "Master Design d'interaction"],
               "de": ["B.A. Kommunikationsdesign", "M.A. Interaction Design"],
               "pt": ["Bacharelado em Design Gráfico", "Pós-graduação em UX Design"]},
}
INSTITUTIONS = {
    "en": ["University of Texas at Austin", "University of Manchester", "Boston University", "King's College London",
           "University of Toronto", "Trinity College Dublin", "Georgia Institute of Technology"],
    "es": ["Universidad Complutense de Madrid", "Universitat Politècnica de València", "Universidad de Sevilla",
           "Universidad de Deusto"],
    "fr": ["Université Lyon 1", "Sorbonne Université", "INSA Toulouse", "Université de Nantes", "IFSI de Bordeaux"],
    "de": ["Technische Universität München", "Humboldt-Universität zu Berlin", "Universität Hamburg",
           "Hochschule für Technik und Wirtschaft Berlin"],
    "pt": ["Universidade de São Paulo", "Universidade de Lisboa", "Universidade Federal do Paraná",
           "Pontifícia Universidade Católica do Rio de Janeiro"],
}

# Titles and degrees that name a skill: a screener listing "skills mentioned" counts these too.
NAMED_SKILLS = {
    "Backend Developer": ["Backend development"], "Senior Backend Engineer": ["Backend development"],
    "Tech Lead": ["Leadership"], "Scrum Master": ["Scrum"], "Customer Success Manager": ["Customer success"],
    "Payroll Specialist": ["Payroll"], "Quant Researcher": ["Quantitative analysis"],
    "Sales & Marketing Coordinator": ["Sales", "Marketing"], "BI Analyst": ["Business intelligence"],
    "Machine Learning Engineer": ["Machine learning"], "Werkstudent Data Analytics": ["Data analysis"],
    "Leiterin Data Science": ["Data science"], "Nursing Assistant": ["Nursing"], "ICU Nurse": ["Critical care"],
    "Sales Development Representative": ["Sales development"], "Retail Sales Associate": ["Retail sales"],
    "Account Executive": ["Account executive"], "Senior Account Executive": ["Account executive"],
    "Business Development Manager": ["Business development"], "Accounts Payable Clerk": ["Accounts payable"],
    "FP&A Manager": ["Financial planning and analysis"], "Teaching Assistant": ["Teaching"],
    "UI Designer": ["UI design"], "UX Designer": ["UX design"], "Diseñadora UX/UI": ["UX design"],
    "Designer UX": ["UX design"], "UX-Designerin": ["UX design"], "Designer UX Sênior": ["UX design"],
    "MSc Software Engineering": ["Software development"], "MSc Data Science": ["Data science"],
    "B.A. in Economics": ["Economics"], "BA Economics": ["Economics"],
    "Bachelor of Science in Nursing": ["Nursing"], "Associate Degree in Nursing": ["Nursing"],
    "BSc Accounting and Finance": ["Accounting"], "Master Comptabilité Contrôle Audit": ["Auditing"],
    "BEd Primary Education": ["Primary education"], "BA Graphic Design": ["Graphic design"],
    "MA Interaction Design": ["Interaction design"], "M.A. Interaction Design": ["Interaction design"],
    "Máster en Diseño UX": ["UX design"], "Pós-graduação em UX Design": ["UX design"],
    "Grado en Enfermería": ["Nursing"], "Bacharelado em Enfermagem": ["Nursing"],
    "Licenciatura em Enfermagem": ["Nursing"], "Staatsexamen Gesundheits- und Krankenpflege": ["Nursing"],
    "Fachkrankenpflegerin Intensivpflege": ["Critical care"], "Enfermera de UCI": ["Critical care"],
    "Enfermeira de UTI": ["Critical care"], "Maestra de Educación Primaria": ["Primary education"],
    "Grado en Magisterio de Educación Primaria": ["Primary education"], "M.Sc. Statistik": ["Statistics"],
    "Master Statistique et Science des données": ["Statistics"], "Bacharelado em Estatística": ["Statistics"],
    "Grado en Diseño": [], "Bacharelado em Design Gráfico": ["Graphic design"],
    "Máster en Ciencia de Datos": ["Data science"],
    "Mestrado em Ciência de Dados": ["Data science"],
}
