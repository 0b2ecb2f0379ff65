"""Lines of work that move and build things, and the neutral professional for JDs no field recognises."""

import re

from . import Field

LOGISTICS = Field(
    name="logistics",
    cues=re.compile(
        r"\b(?:logisti\w*|transport\w*|dispatch\w*|disponent\w*|nahverkehr|fernverkehr|warehous\w*|lager\w*|"
        r"almacen\w*|entrepot\w*|fleet|fuhrpark|routing|tourenplanung|shipping|supply chain|freight|spedition\w*|"
        r"fahrer\w*|lkw|delivery routes?)\b"
    ),
    profile={
        "role": "a transport planner with 7 years of experience; I dispatch a fleet of 45 trucks for regional "
                "deliveries",
        "work": "a dispatcher in a regional transport company",
        "tools": "our transport management system, telematics and Excel",
        "first_steps": "the company's procedures and training, practising under supervision, and shadowing "
                       "someone experienced",
        "plan_check": "on-time delivery figures, feedback from drivers and customers, and cost per stop",
        "limit": "international and air freight",
        "disagreement": "whether to accept a large same-day order that would break two drivers' hours",
        "carry": "planning routes, working with drivers and keeping an eye on costs",
        "hard": "the days when trucks break down or traffic collapses, and the driving-time rules",
        "routine": "I use {skill} every day for the next day's tours and the changes during the day.",
    },
    stories=[
        {"thing": "daily dispatch for a fleet of 45 trucks", "scale": "about 900 stops a day for 60 customers, "
         "with 2 other dispatchers", "own": "planned the tours and handled the exceptions during the day",
         "brief": "We do about 900 stops a day.",
         "pitfall": "late deliveries every Monday at the same two supermarkets",
         "evidence": "telematics arrival times against the delivery windows for six weeks",
         "fix": "moving those stops to the first wave and agreeing a wider window with one customer",
         "check": "on-time delivery, up from 91% to 97%, and the customers' feedback",
         "tradeoff": "one extra truck on Mondays against late penalties",
         "hindsight": "look at the telematics data weekly, not only when someone complains"},
        {"thing": "the move of our depot to a new site", "scale": "45 trucks and 80 drivers moved over one weekend",
         "own": "planned the new routes and the driver briefings",
         "brief": "It was 45 trucks and about 80 drivers.",
         "pitfall": "longer first routes from the new site that broke drivers' hours",
         "evidence": "simulated routes in the TMS and the tachograph data from the first week",
         "fix": "re-cutting the territories and adding a second shift start",
         "check": "driving-time infringements, which went to zero, and cost per stop",
         "tradeoff": "a second shift start against overtime costs",
         "hindsight": "run the new routes in the TMS a month before the move"},
        {"thing": "cutting empty kilometres on our return trips", "scale": "about 1.2 million km a year across "
         "the fleet", "own": "analysed the trips and found backhaul loads",
         "brief": "The fleet drives about 1.2 million km a year.",
         "pitfall": "backhaul loads that made drivers miss their next morning slot",
         "evidence": "trip data from the TMS and the drivers' own notes",
         "fix": "only accepting backhauls that fit the next day's plan",
         "check": "empty kilometres, down 14%, and on-time delivery held at 96%",
         "tradeoff": "extra revenue against the risk to the next day's deliveries",
         "hindsight": "ask the drivers first, they knew which loads worked"},
    ],
    design=[
        "First I clarified the requirements and constraints with operations: 900 stops a day, delivery windows "
        "and the driving-time rules.",
        "I broke the plan into three parts with clear responsibilities: fixed tours, flexible tours and "
        "same-day orders, each owned by one dispatcher.",
        "I compared two approaches, fixed daily tours versus planning each day from scratch, and chose fixed "
        "tours with a flexible part; the trade-off was less optimisation for more stability.",
        "I planned for failure with a standby truck, live tracking and a call list for breakdowns.",
        "With hindsight I would change one thing: involve the drivers in cutting the tours.",
    ],
    delivery=[
        "I set the goals and success measures up front: on-time delivery above 96% and no driving-time "
        "infringements.",
        "I planned the work over four weeks and managed the risks and dependencies, like the TMS set-up and the "
        "works council.",
        "I kept the stakeholders informed, drivers, customers and my manager, and adjusted when a customer "
        "changed its windows.",
        "Afterwards I measured the result, 97% on time and zero infringements, and reflected on the lessons "
        "learned with the team.",
    ],
    practice=[
        "With {skill} I plan around the delivery windows and the drivers' hours first, because everything else "
        "can move.",
        "I check {skill} decisions against the telematics data afterwards, not just the plan.",
    ],
)

CONSTRUCTION = Field(
    name="construction",
    cues=re.compile(
        r"\b(?:construction\w*|obras?|chantiers?|bau\w*|site manager|autocad|bim|revit|presto|civil engineer\w*|"
        r"subcontract\w*|subcontrat\w*|contractor|jefe de obra|conducteur de travaux|ingeniero de caminos|"
        r"occupational health and safety|quantity survey\w*|prevencion de riesgos)\b"
    ),
    profile={
        "role": "a site manager with 9 years in building construction; I run sites of up to 12 million EUR with "
                "about 15 subcontractors",
        "work": "an assistant site manager for a building contractor",
        "tools": "Presto, AutoCAD and the site diary",
        "first_steps": "the company's procedures and training, practising under supervision, and shadowing "
                       "someone experienced",
        "plan_check": "the programme, cost reports, safety inspections and feedback from the project manager",
        "limit": "large civil engineering works like bridges",
        "disagreement": "whether to pour a slab before the rain forecast for the afternoon",
        "carry": "reading drawings, coordinating subcontractors and controlling costs",
        "hard": "keeping the programme when deliveries or weather go wrong, and safety with many trades on site",
        "routine": "I use {skill} on every site, mostly for measurements, planning and the monthly reports.",
    },
    stories=[
        {"thing": "a 60-flat residential building", "scale": "a 9 million EUR contract over 20 months, with about "
         "15 subcontractors", "own": "ran the site, the programme and the monthly cost report",
         "brief": "It was a 9 million EUR contract.",
         "pitfall": "the structure falling three weeks behind after late steel deliveries",
         "evidence": "the programme against the delivery notes and the daily site diary",
         "fix": "resequencing the floors and adding a second formwork crew for six weeks",
         "check": "the weekly programme review with the project manager and the handover date met",
         "tradeoff": "the cost of a second crew against the penalties for a late handover",
         "hindsight": "fix the steel delivery dates in the subcontract"},
        {"thing": "cost control on a school extension", "scale": "a 3.5 million EUR budget with 40 budget lines "
         "in Presto", "own": "kept the cost report and negotiated the variations",
         "brief": "The budget was about 3.5 million EUR.",
         "pitfall": "variations agreed verbally on site that never reached the budget",
         "evidence": "comparing the site diary with the subcontractors' invoices",
         "fix": "no variation work without a signed order and a weekly variations log",
         "check": "the monthly cost report against the certified value, within 2% at completion",
         "tradeoff": "a faster decision on site against a written order first",
         "hindsight": "set the variation procedure in the kick-off meeting"},
        {"thing": "safety on a refurbishment of an occupied office building", "scale": "about 40 workers on site "
         "and 300 office staff still working in the building", "own": "wrote the site rules and ran the inductions",
         "brief": "About 40 workers were on site at the busiest time.",
         "pitfall": "trades working in the same area at the same time",
         "evidence": "near-miss reports and my daily walk of the site",
         "fix": "a daily coordination meeting and a permit for every work area",
         "check": "zero lost-time accidents and the safety coordinator's audits",
         "tradeoff": "slower progress against keeping trades apart",
         "hindsight": "plan the work areas floor by floor before the first trade arrives"},
    ],
    design=[
        "First I clarified the requirements and constraints with the client and the architect: 20 months, a "
        "fixed price and neighbours on three sides.",
        "I broke the works into three phases with clear responsibilities: structure, envelope and fit-out, each "
        "with a lead subcontractor.",
        "I compared two approaches, in-situ concrete versus precast floors, and chose precast; the trade-off was "
        "a higher material cost for a shorter programme.",
        "I planned for failure with float in the programme, a second supplier for steel and weekly safety audits.",
        "With hindsight I would change one thing: order the lifts earlier.",
    ],
    delivery=[
        "I set the goals and success measures up front: handover on the contract date, within budget and with "
        "no lost-time accidents.",
        "I planned the works in a programme with milestones and managed the risks and dependencies, like "
        "deliveries, permits and the weather.",
        "I kept the stakeholders informed, the client, the architect and the neighbours, and adjusted the "
        "programme when the steel arrived late.",
        "Afterwards I measured the result, handover on time and 1.5% under budget, and reflected on the lessons "
        "learned with the team.",
    ],
    practice=[
        "With {skill} I check quantities against the drawings myself, because a wrong measurement turns into a "
        "wrong budget.",
        "I keep {skill} work tied to the programme and the cost report, so a change on site shows up in both.",
    ],
)

GENERAL = Field(
    name="general",
    cues=re.compile(r"(?!)"),  # never found: the neutral professional is the fallback only
    profile={
        "role": "an operations coordinator with 6 years of experience; I run the team's processes and reporting",
        "work": "a coordinator in an operations team",
        "tools": "our ticketing system, shared checklists and Excel",
        "first_steps": "the company's procedures and training, practising under supervision, and shadowing "
                       "someone experienced",
        "plan_check": "feedback from my manager and colleagues, and measurable results like turnaround times",
        "limit": "managing large budgets",
        "disagreement": "whether to change a process in the middle of the busiest month",
        "carry": "organising work, communicating clearly and checking results",
        "hard": "the exceptions that no procedure covers, and doing it well at volume",
        "routine": "I use {skill} most weeks as part of my normal work.",
    },
    stories=[
        {"thing": "our request handling process", "scale": "about 1,500 requests a month, with a team of 6",
         "own": "redesigned the process and trained the team", "brief": "We handle about 1,500 requests a month.",
         "pitfall": "requests getting lost between two teams",
         "evidence": "the ticket history for a month and interviews with both teams",
         "fix": "one owner per request and a daily review of anything older than two days",
         "check": "turnaround time, down from 6 days to 2, and feedback from the requesters",
         "tradeoff": "speed against the extra step of a daily review",
         "hindsight": "map the process with both teams before changing it"},
        {"thing": "the move to a new booking system", "scale": "about 40 users and 3 years of records",
         "own": "led the data migration and the training", "brief": "About 40 people use it.",
         "pitfall": "duplicate records after the migration",
         "evidence": "record counts before and after, and a sample checked by hand",
         "fix": "a cleaning step before the import and a rule against duplicates",
         "check": "a reconciliation report and feedback from the users in the first month",
         "tradeoff": "moving all history against a clean start",
         "hindsight": "clean the data before choosing the go-live date"},
        {"thing": "the monthly reporting for our department", "scale": "12 reports for about 30 managers",
         "own": "built the reports and automated the data collection", "brief": "About 30 managers read them.",
         "pitfall": "numbers that changed after the report had gone out",
         "evidence": "the source data compared at different dates",
         "fix": "a fixed cut-off date and a check before sending",
         "check": "fewer corrections, from 5 a month to none, and feedback from the managers",
         "tradeoff": "a later report against a correct one",
         "hindsight": "agree the cut-off with the managers first"},
    ],
    design=[
        "First I clarified the requirements and constraints with my manager: 1,500 requests a month, no extra "
        "staff and a two-day target.",
        "I broke the process into three steps with clear responsibilities: intake, handling and follow-up, each "
        "with a named owner.",
        "I compared two approaches, one shared inbox versus a ticket system, and chose tickets; the trade-off was "
        "some training time.",
        "I planned for failure with a daily review, a backlog limit and a way back to the old inbox.",
        "With hindsight I would change one thing: involve the requesters from the start.",
    ],
    delivery=[
        "I set the goals and success measures up front: turnaround under two days within one quarter.",
        "I planned the work in three steps and managed the risks and dependencies, like the IT changes and "
        "training.",
        "I kept the stakeholders informed every week and adjusted the plan when the busiest month came early.",
        "Afterwards I measured the result, two days on average, and reflected on the lessons learned with the "
        "team.",
    ],
    practice=[
        "With {skill} I write down the steps and check the result against a measure, not a feeling.",
        "I learned {skill} mostly by doing it on real work and asking for feedback early.",
    ],
)

FIELDS = [CONSTRUCTION, LOGISTICS]
