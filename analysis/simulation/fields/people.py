"""Lines of work with people at their centre: nurses, teachers, recruiters, hotel staff."""

import re

from . import Field

CARE = Field(
    name="care",
    cues=re.compile(
        r"\b(?:nurs\w*|enfermer\w*|infirmi\w*|pflege\w*|enfermag\w*|patients?|pacientes?|ward|clinical|medication|"
        r"triage|vital signs|life support|critical care|intensive care|urgencias|icu|midwi\w*|epic)\b"
    ),
    profile={
        "role": "a staff nurse with 4 years on an acute surgical ward, and I mentor two newly qualified nurses",
        "work": "a staff nurse on a surgical ward",
        "tools": "the NEWS2 early warning score and Epic",
        "first_steps": "the trust's guidelines and training, practising under supervision, and shadowing someone "
                       "experienced",
        "plan_check": "supervision, feedback from colleagues and measurable results like my audit scores",
        "limit": "paediatric patients",
        "disagreement": "whether a patient was safe to discharge on a Friday evening",
        "carry": "the assessment, the checks and the escalation I already do every shift",
        "hard": "complications in patients who deteriorate quickly, and getting it right at night with fewer staff",
        "routine": "I do {skill} on every shift, following the ward's protocol and documenting it in the notes.",
    },
    stories=[
        {"thing": "post-operative care on a 28-bed surgical ward", "scale": "for a caseload of 8 patients a shift "
         "and a volume of about 30 admissions a week, in a team of 6 nurses",
         "own": "led the bay, did the assessments and coordinated the discharges",
         "brief": "I usually have about 8 patients a shift.",
         "pitfall": "a medication chart that did not match the discharge letter",
         "evidence": "the drug chart, the theatre notes and a call to the pharmacist",
         "fix": "a reconciliation step with pharmacy before every discharge",
         "check": "a second-nurse check, audits of the charts and feedback from the ward sister",
         "tradeoff": "speed of discharge against the time a full reconciliation takes",
         "hindsight": "involve the pharmacist earlier in the day"},
        {"thing": "the care of a patient with sepsis after a bowel resection", "scale": "one of 8 patients on a "
         "night shift with 2 nurses for 28 beds", "own": "spotted the deterioration and escalated it",
         "brief": "It was a night shift with 2 nurses for 28 beds.",
         "pitfall": "a NEWS2 score that looked stable while the lactate was rising",
         "evidence": "the trend of the observations and a blood gas I asked for",
         "fix": "escalating with SBAR and starting the sepsis six within the hour",
         "check": "the sepsis audit and a debrief with the registrar",
         "tradeoff": "waking the registrar at 3 am against waiting for the morning round",
         "hindsight": "escalate on the trend, not on one number"},
        {"thing": "the ward's pressure ulcer prevention", "scale": "for 28 patients with a volume of about 120 "
         "skin checks a week, with a team of 12 nurses and 6 healthcare assistants",
         "own": "led the project and trained the team", "brief": "It covered all 28 beds.",
         "pitfall": "repositioning charts filled in after the fact",
         "evidence": "spot checks at the bedside against the charts",
         "fix": "a two-hourly prompt on the handheld devices and a named nurse per bay",
         "check": "the monthly tissue viability audit and feedback from the team",
         "tradeoff": "time spent on charting against time with patients",
         "hindsight": "train the healthcare assistants first"},
    ],
    design=[
        "First I clarified the requirements and constraints with the ward manager: 28 beds, two nurses on nights, "
        "and no extra cost.",
        "I broke the round into three parts with clear responsibilities: observations, medications and wound "
        "checks, each owned by a named nurse.",
        "I compared two approaches, fixed rounds versus rounds driven by the NEWS2 score, and chose the score; the "
        "trade-off was more paperwork.",
        "I planned for failure with monitoring of missed observations, an escalation route and audits.",
        "With hindsight I would change one thing: involve the night staff from the start.",
    ],
    delivery=[
        "I set the goals and success measures up front: every surgical patient mobilised within 24 hours, "
        "measured on the audit.",
        "I planned the work with the physiotherapists and managed the risks and dependencies, like pain control "
        "and staffing at weekends.",
        "I kept the stakeholders informed, the ward manager, the surgeons and the families, and adjusted the plan "
        "when the weekend staffing changed.",
        "Afterwards I measured the result, 86% mobilised within 24 hours against 60% before, and reflected on the "
        "lessons learned with the team.",
    ],
    practice=[
        "With {skill} I work to the protocol but watch the trend, not one reading, and I escalate early with SBAR.",
        "Everything I do in {skill} is documented at the time, because the next nurse acts on my notes.",
    ],
)

TEACHING = Field(
    name="teaching",
    cues=re.compile(
        r"\b(?:teach\w*|lehrkraft|lehrer\w*|profesor\w*|enseignant\w*|professora?|lesson\w*|classroom|pupils?|"
        r"schule|schuler\w*|escuela|ecole|school|curriculum|pgce|qualified teacher|unterricht\w*|mathemati\w*|"
        r"physik|lehramt|klasse\w*)\b"
    ),
    profile={
        "role": "a maths teacher with 7 years in a comprehensive school; I lead Key Stage 4 maths for about 180 "
                "pupils",
        "work": "a maths teacher at a secondary school",
        "tools": "our assessment tracker, Google Classroom and the exam board's mark schemes",
        "first_steps": "the scheme of work and training, observing colleagues' lessons, and team-teaching with "
                       "someone experienced",
        "plan_check": "lesson observations, feedback from my head of department and the pupils' results",
        "limit": "teaching A-level further maths",
        "disagreement": "whether to set Year 9 by ability or teach them in mixed groups",
        "carry": "planning from what pupils already know, checking understanding and managing a class",
        "hard": "the pupils who fall behind quietly, and keeping a mixed class all learning at once",
        "routine": "I use {skill} in most of my lessons, following the department's scheme of work.",
    },
    stories=[
        {"thing": "my Year 11 foundation maths group", "scale": "28 pupils, most of them predicted a grade 3, in a "
         "department of 9 teachers", "own": "planned the intervention and taught every lesson",
         "brief": "There were 28 pupils in the group.",
         "pitfall": "pupils who could follow a worked example but not start a problem on their own",
         "evidence": "question-level analysis of the mock papers and short exit tickets",
         "fix": "weekly retrieval quizzes and teaching the first step of each problem type explicitly",
         "check": "the next mock, where 19 of the 28 reached a grade 4, and feedback from my head of department",
         "tradeoff": "covering the whole specification against going deeper on the most common topics",
         "hindsight": "start the retrieval quizzes in Year 10"},
        {"thing": "the department's new Key Stage 3 assessment", "scale": "for about 540 pupils across Years 7 to "
         "9, with 9 teachers", "own": "wrote the assessments and the marking guidance",
         "brief": "It covers about 540 pupils.", "pitfall": "marks that varied a lot between teachers",
         "evidence": "a blind re-mark of 30 scripts by two colleagues",
         "fix": "a shared mark scheme with worked examples and a moderation meeting each term",
         "check": "moderation, where the gap between markers fell from 15% to 4%",
         "tradeoff": "shorter tests against the detail the data gives us",
         "hindsight": "moderate a sample before the marks go home"},
        {"thing": "a Year 8 class with a lot of low-level disruption", "scale": "30 pupils, 6 of them with SEN "
         "support plans", "own": "changed the routines and worked with the SENCo",
         "brief": "It was a class of 30.", "pitfall": "behaviour that got worse whenever the lesson slowed down",
         "evidence": "a seating plan against the behaviour log and a colleague's observation",
         "fix": "a do-now task on every desk, a new seating plan and calling parents early",
         "check": "behaviour points, down by half in one term, and an observation by my mentor",
         "tradeoff": "time spent on routines against time on content",
         "hindsight": "set the routines in the first week, not the fourth"},
    ],
    design=[
        "First I clarified the requirements and constraints with my head of department: 540 pupils, one hour of "
        "assessment per term and no extra marking time.",
        "I broke it into three parts with clear responsibilities: a common test, a marking guide and a tracker, "
        "each owned by a named teacher.",
        "I compared two approaches, one end-of-term test versus short topic tests, and chose topic tests; the "
        "trade-off was more admin for earlier feedback.",
        "I planned for failure with moderation, a review after the first term and a way back to the old tests.",
        "With hindsight I would change one thing: ask the pupils which feedback they actually read.",
    ],
    delivery=[
        "I set the goals and success measures up front: 70% of the Year 11 group at grade 4 or above by the "
        "summer.",
        "I planned the work term by term and managed the risks and dependencies, like mock dates and staff "
        "absence.",
        "I kept the stakeholders informed, parents, the head of year and my head of department, and adjusted the "
        "plan after the November mock.",
        "Afterwards I measured the result, 74% at grade 4 or above, and reflected on the lessons learned with "
        "the department.",
    ],
    practice=[
        "With {skill} I plan backwards from what the pupils must be able to do, and check understanding every "
        "few minutes rather than at the end.",
        "I adapt {skill} for pupils with SEN support plans, because one lesson rarely fits the whole class.",
    ],
)

HR = Field(
    name="hr",
    cues=re.compile(
        r"\b(?:recruit\w*|recrut\w*|reclut\w*|human resources|hr|rh|talent acquisition|onboarding|"
        r"applicant tracking|ats|personalabteilung|personalwesen|recursos humanos|ressources humaines|"
        r"employer branding)\b"
    ),
    profile={
        "role": "an in-house recruiter with 5 years of experience; I run hiring for operations and sales, about "
                "60 hires a year",
        "work": "a recruiter in an in-house HR team",
        "tools": "Greenhouse, LinkedIn Recruiter and structured interview scorecards",
        "first_steps": "the company's policies and training, practising under supervision, and shadowing someone "
                       "experienced",
        "plan_check": "hiring manager feedback, candidate surveys and measurable results like time to hire",
        "limit": "executive search",
        "disagreement": "whether to make an offer to a candidate the panel was split on",
        "carry": "structured interviewing, keeping candidates informed and working with hiring managers",
        "hard": "hard-to-fill roles, and keeping hiring managers consistent and fair",
        "routine": "I use {skill} every day for my open roles, from the first screen to the offer.",
    },
    stories=[
        {"thing": "hiring 25 warehouse team leads for a new site", "scale": "25 hires in 10 weeks from about 900 "
         "applicants, with 6 hiring managers", "own": "ran the campaign, the screening and the assessment days",
         "brief": "We hired 25 people in about 10 weeks.",
         "pitfall": "a third of the offers being turned down at the last minute",
         "evidence": "the decline reasons I logged in the ATS and calls with candidates who said no",
         "fix": "publishing the shift pattern in the advert and making offers within 48 hours",
         "check": "offer acceptance, up from 66% to 88%, and 90-day retention",
         "tradeoff": "speed of hiring against a second interview round",
         "hindsight": "agree the salary band with finance before the adverts go live"},
        {"thing": "rolling out structured interviews for the sales team", "scale": "for 12 hiring managers and "
         "about 40 hires a year", "own": "wrote the scorecards and trained the managers",
         "brief": "About 12 managers use them.", "pitfall": "managers scoring on gut feeling and filling the card "
         "in afterwards", "evidence": "scorecards submitted days after the interview and panels that disagreed",
         "fix": "calibration sessions and scorecards that must be submitted before the debrief",
         "check": "panel agreement, first-year performance reviews and feedback from the managers",
         "tradeoff": "a longer process against fairer, more consistent decisions",
         "hindsight": "start with the managers who were already keen"},
        {"thing": "the new-starter onboarding programme", "scale": "for about 150 new starters a year across 4 "
         "sites", "own": "designed the first-week programme and the 30-day check-ins",
         "brief": "About 150 people go through it a year.",
         "pitfall": "new starters arriving without equipment or system access",
         "evidence": "the first-week survey and the IT tickets raised by new starters",
         "fix": "a shared checklist with IT and facilities that starts two weeks before day one",
         "check": "the 30-day survey, early leavers and feedback from managers",
         "tradeoff": "one standard programme against tailoring it to each site",
         "hindsight": "ask new starters what they needed before designing anything"},
    ],
    design=[
        "First I clarified the requirements and constraints with the managers: 25 hires in 10 weeks, a fixed "
        "salary band and employment law on fair selection.",
        "I broke the process into three stages with clear responsibilities: screening by my team, an assessment "
        "day run by managers and the offer owned by me.",
        "I compared two approaches, interviews only versus an assessment day, and chose the assessment day; the "
        "trade-off was more organising for better evidence.",
        "I planned for failure with weekly pipeline tracking, a reserve list of candidates and a check of every "
        "decision against the scorecard.",
        "With hindsight I would change one thing: involve the site manager earlier.",
    ],
    delivery=[
        "I set the goals and success measures up front: 25 team leads hired in 10 weeks, with 90-day retention "
        "above 85%.",
        "I planned the work week by week and managed the risks and dependencies, like managers' availability and "
        "the background checks.",
        "I kept the stakeholders informed with a weekly update and adjusted the plan when the site opening moved.",
        "Afterwards I measured the result, 25 hires and 92% retention at 90 days, and reflected on the lessons "
        "learned with the managers.",
    ],
    practice=[
        "With {skill} I keep every step documented and consistent for every candidate, because fairness has to "
        "be shown, not just meant.",
        "I measure {skill} with numbers the managers care about, like time to hire and offer acceptance.",
    ],
)

HOSPITALITY = Field(
    name="hospitality",
    cues=re.compile(
        r"\b(?:hotel\w*|front office|front desk|guests?|hospitality|reception\w*|recepcion\w*|hebergement|"
        r"gastgeb\w*|hotelaria|concierge|housekeeping|check-in|restaurant\w*|huespedes|hospedes)\b"
    ),
    profile={
        "role": "an assistant front office manager with 6 years in city hotels; I run a team of 14 at a 220-room "
                "hotel",
        "work": "a front desk supervisor at a city hotel",
        "tools": "Opera PMS, our guest feedback platform and the shift rota",
        "first_steps": "the brand standards and training, practising under supervision, and shadowing someone "
                       "experienced",
        "plan_check": "guest feedback scores, feedback from my manager and measurable results like complaints "
                      "per stay",
        "limit": "revenue management and pricing",
        "disagreement": "whether to upgrade a guest who complained loudly while other guests waited",
        "carry": "staying calm with guests, the PMS and running a shift",
        "hard": "the busy moments when everything happens at once, and keeping standards the same on every shift",
        "routine": "I do {skill} on every shift, following the brand standards.",
    },
    stories=[
        {"thing": "the front desk of a 220-room city hotel", "scale": "about 300 arrivals on a busy day, with a "
         "team of 14 across three shifts", "own": "run the shifts, the rota and the escalations",
         "brief": "On a busy day we have about 300 arrivals.",
         "pitfall": "check-in queues of 25 minutes when two coaches arrived together",
         "evidence": "arrival times from the PMS and the complaint log",
         "fix": "pre-assigning rooms for groups and opening a second check-in point at peak",
         "check": "average queue time, under 8 minutes, and the guest feedback scores",
         "tradeoff": "an extra person at peak against the labour budget",
         "hindsight": "ask for the group arrival times when the booking is made"},
        {"thing": "a conference weekend with an overbooking", "scale": "12 rooms overbooked on a sold-out night "
         "with 450 guests in house", "own": "handled the walked guests and the partner hotel",
         "brief": "We were 12 rooms overbooked that night.",
         "pitfall": "guests with guaranteed late arrivals and no rooms left",
         "evidence": "the no-show history and the arrivals list I went through at 6 pm",
         "fix": "booking rooms at a partner hotel with a taxi and a voucher, before the guests arrived",
         "check": "the feedback from the walked guests and whether they booked with us again",
         "tradeoff": "the cost of walking guests against the revenue of overbooking",
         "hindsight": "set the overbooking limit from the no-show data, not by habit"},
        {"thing": "raising our guest satisfaction scores", "scale": "from 8.1 to 8.9 on the booking sites over 6 "
         "months, for about 5,000 stays a month", "own": "analysed the reviews and retrained the team",
         "brief": "We have about 5,000 stays a month.",
         "pitfall": "complaints about noisy rooms that we kept answering with apologies",
         "evidence": "six months of reviews tagged by room number",
         "fix": "moving those rooms to the end of the allocation and flagging them for long stays",
         "check": "the review scores and complaints per 1,000 stays",
         "tradeoff": "occupancy of those rooms against the scores",
         "hindsight": "read the reviews by room number much sooner"},
    ],
    design=[
        "First I clarified the requirements and constraints with the general manager: 220 rooms, 300 arrivals "
        "on peak days and no extra staff.",
        "I broke the process into three parts with clear responsibilities: pre-arrival, check-in and "
        "escalations, each with a named lead per shift.",
        "I compared two approaches, more staff at peak versus online check-in, and chose online check-in; the "
        "trade-off was less personal contact.",
        "I planned for failure with a fallback desk, queue monitoring and a review of complaints every week.",
        "With hindsight I would change one thing: involve housekeeping from the start.",
    ],
    delivery=[
        "I set the goals and success measures up front: queues under 10 minutes and a check-in score above 9.",
        "I planned the work over six weeks and managed the risks and dependencies, like the PMS upgrade and "
        "training on every shift.",
        "I kept the stakeholders informed, the general manager and the team, and adjusted when a new group "
        "contract came in.",
        "Afterwards I measured the result, an 8-minute average queue and a 9.2 check-in score, and reflected on "
        "the lessons learned with the team.",
    ],
    practice=[
        "With {skill} I listen first, then fix what I can on the spot and follow up before the guest leaves.",
        "I keep {skill} the same on every shift by briefing the team and checking the log at handover.",
    ],
)

FIELDS = [CARE, TEACHING, HR, HOSPITALITY]
