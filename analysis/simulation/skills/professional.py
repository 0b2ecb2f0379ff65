"""Skills of care, teaching, sales, finance, law, hospitality, logistics, people and construction work."""

SKILLS: dict[str, list[str]] = {
    # Care
    "patient assessment": [
        "I assess my patients at the start of every shift and after any change.",
        "I assess airway, breathing, circulation, pain and the wound on return from theatre, and score NEWS2 every "
        "hour.",
        "A rising score means I escalate to the surgical team using SBAR.",
    ],
    "medication administration": [
        "I give medications on every shift and check them against the chart.",
        "I follow the five rights for every dose and check allergies and interactions against the chart.",
        "Controlled drugs and IV antibiotics always get a second-nurse check.",
    ],
    "triage": [
        "I triage patients when they arrive, using the department's triage scale.",
        "I use the Manchester triage system: the presenting complaint, then the discriminators, and I re-triage "
        "anyone waiting longer than the target.",
        "The risk is the patient who looks well, so I always take a full set of observations before deciding.",
    ],
    "vital signs": [
        "I take and record vital signs for all my patients during the shift.",
        "I look at the trend over several sets, not one reading, and calculate the NEWS2 score every time.",
        "I check a worrying reading manually, because automatic cuffs are often wrong in patients with arrhythmias.",
    ],
    "basic life support": [
        "I am trained in Basic Life Support and renew it every year.",
        "In an arrest I start compressions at 100 to 120 a minute, call for the defibrillator and swap "
        "compressors every two minutes.",
        "I led the response to an arrest on the ward: the patient had a return of circulation before the "
        "team arrived.",
    ],
    "advanced cardiac life support": [
        "I have my ACLS certificate and have been part of several arrest calls.",
        "I know the shockable and non-shockable algorithms and the timing of adrenaline and amiodarone.",
        "As the recorder in arrests I keep the timings, which the team leader uses for every decision.",
    ],
    "critical care": [
        "I have worked in intensive care for two years, looking after ventilated patients.",
        "I manage ventilated patients with sedation holds and daily spontaneous breathing trials.",
        "I titrate vasopressors to a target blood pressure and watch the lactate and urine output.",
    ],
    "nursing": [
        "I have been a nurse for several years, on surgical and medical wards.",
        "I plan care around each patient's assessment and review the plan at every handover.",
        "I raise concerns early, document everything at the time and check my own practice against audits.",
    ],
    "intravenous therapy": [
        "I give IV medications and look after cannulas every shift.",
        "I check the cannula site every shift with a phlebitis score and remove any line that is not needed.",
        "I calculate infusion rates myself and check them against the pump.",
    ],
    # Sales
    "b2b sales": [
        "I sell software to mid-sized companies, usually to operations and finance teams.",
        "I run discovery on the business problem and its cost before any demo.",
        "I qualify with MEDDIC and map the buying committee, because one champion is never enough.",
    ],
    "negotiation": [
        "I negotiate prices and terms on most of my deals.",
        "I prepare my walk-away point and what I can trade, like term length or payment terms, before the call.",
        "I never give a discount without getting something back, and I anchor on the value in the business case.",
    ],
    "crm": [
        "I keep all my accounts and opportunities up to date in the CRM.",
        "I log every next step and close date, because the forecast is only as good as the data.",
        "I built reports on conversion by stage that my manager used in forecast calls.",
    ],
    "salesforce": [
        "I keep every opportunity's stage, next step and close date current in Salesforce.",
        "I built reports on conversion by stage that my manager used in forecast calls.",
        "I clean stale opportunities every month, so the pipeline is honest.",
    ],
    "sales development": [
        "I did outbound prospecting for two years before moving to closing.",
        "I built sequences of calls, emails and LinkedIn messages for each persona.",
        "I measured reply and meeting rates per sequence and dropped the ones under 2%.",
    ],
    # Finance
    "month-end close": [
        "I do the month-end close for my entities: accruals, reconciliations and journals.",
        "I work from a close calendar with owners and deadlines, and reconcile every balance sheet account.",
        "I investigate any variance over the threshold before the numbers go to the controller.",
    ],
    "forecasting": [
        "I update the forecast every month with the budget holders.",
        "I build forecasts from drivers like volumes and prices, not from last year plus a percentage.",
        "I track forecast accuracy and explain every miss above 3%.",
    ],
    "financial analysis": [
        "I prepare the monthly analysis of results against budget.",
        "I split variances into price, volume and mix, so the business sees what actually changed.",
        "I tie every number back to the ledger before I write a comment on it.",
    ],
    "leadership": [
        "I lead a small team and run our weekly planning.",
        "I set clear goals with each person and give feedback every week, not only at the review.",
        "I delegate whole pieces of work with the context, and stay available for the decisions.",
    ],
    # Teaching
    "teaching": [
        "I teach maths to classes from Year 7 to Year 11.",
        "I plan each lesson from what the pupils already know, with retrieval practice at the start.",
        "I check understanding every few minutes with mini-whiteboards, and adapt the lesson on the spot.",
    ],
    "student assessment": [
        "I set and mark tests for my classes and record the results in our tracker.",
        "I use question-level analysis to see which topics to reteach, not just the total mark.",
        "Most of my assessment is formative: exit tickets and hinge questions that change what I do next.",
    ],
    "lesson planning": [
        "I plan my lessons weekly from the department's scheme of work.",
        "I plan backwards from the objective and prepare the questions that will show me who has understood.",
        "I build in retrieval of earlier topics and adapt tasks for pupils with SEN support plans.",
    ],
    "classroom management": [
        "I keep clear rules in my classroom and follow the school's behaviour policy.",
        "I set routines in the first week: how pupils enter, start the task and hand out books.",
        "I deal with low-level disruption quietly and early, and call parents about positives too.",
    ],
    "qualified teacher status": [
        "I have Qualified Teacher Status and completed my induction years in a comprehensive school.",
        "During my induction I was observed every half term against the Teachers' Standards.",
        "Now I mentor trainee teachers and assess them against the same standards.",
    ],
    # Hospitality
    "front desk": [
        "I run the front desk on my shifts: check-ins, check-outs and guest requests.",
        "I plan the shift from the arrivals list: VIPs, groups and early arrivals first.",
        "I check every room's status with housekeeping before peak, so no guest waits in the lobby.",
    ],
    "customer service": [
        "I deal with guests' questions and complaints every day.",
        "I listen to the whole complaint before offering anything, then fix what I can on the spot.",
        "I follow up before the guest leaves and log the issue so it does not happen again.",
    ],
    "complaint handling": [
        "I handle the complaints that the team escalates to me.",
        "I listen, apologise once, and give the guest a choice of two solutions.",
        "I log every complaint by cause, which showed us that noise was the top issue.",
    ],
    # Logistics
    "transportation management": [
        "I plan the daily tours for our trucks in the transport management system.",
        "I plan around delivery windows and driving-time rules first, then optimise the routes.",
        "I compare the plan with the telematics data every week to fix routes that never work in reality.",
    ],
    "sap": [
        "I use SAP every day for orders and the reports I need.",
        "I know the transactions I use well and build my own layouts for the reports.",
        "I reconcile SAP data with our other systems before I trust a report.",
    ],
    # HR
    "recruiting": [
        "I run hiring for my roles from the advert to the offer.",
        "I agree a scorecard with the hiring manager before the advert goes out.",
        "I use structured interviews with the same questions for every candidate, and track time to hire and "
        "offer acceptance.",
    ],
    "applicant tracking systems": [
        "I use our applicant tracking system every day to manage candidates.",
        "I set up the stages and scorecards in the ATS so every candidate gets the same process.",
        "I pull reports on time in stage and drop-off from the ATS to find where the process is slow.",
    ],
    "onboarding": [
        "I organise the first week for our new starters.",
        "I start onboarding before day one, with equipment and access ready.",
        "I check in at 30 and 90 days and track early leavers.",
    ],
    "employment law": [
        "I deal with employment law questions in my daily work.",
        "I check dismissals, contracts and working time against the law and the latest case law.",
        "I document every step of a disciplinary process, because a fair procedure is what a tribunal looks at.",
    ],
    # Marketing
    "digital marketing": [
        "I run our online campaigns across search, social and email.",
        "I plan campaigns from the target cost per acquisition and check tracking before launch.",
        "I compare channels on incremental results, not last-click conversions.",
    ],
    "google analytics": [
        "I use Google Analytics for our weekly traffic and conversion reports.",
        "I set up GA4 events and conversions with the developers, and check them against real orders.",
        "I use explorations and segments to find where users drop off in the funnel.",
    ],
    "google ads": [
        "I manage our search campaigns in Google Ads.",
        "I structure campaigns by intent and use negative keywords to cut wasted spend.",
        "I test bidding strategies with experiments, not by switching everything at once.",
    ],
    "search engine optimization": [
        "I work on our SEO: keywords, page titles and content.",
        "I map keywords to pages so our own pages do not compete for the same search.",
        "I fix technical issues from Search Console first, like indexing and page speed.",
    ],
    "social media marketing": [
        "I plan and post our content on social media.",
        "I plan content by audience and format, and test creatives with small budgets first.",
        "I report on engagement and conversions, not only followers.",
    ],
    # Law
    "due diligence": [
        "I have worked on several due diligence exercises, reviewing contracts in the data room.",
        "I review contracts against a checklist agreed with the client: change of control, exclusivity, "
        "termination and assignment.",
        "I keep a red-flag list ranked by risk, so the report leads with what could change the price.",
    ],
    "legal research": [
        "I do legal research for the lawyers, mostly case law and legislation.",
        "I start with secondary sources to find the leading cases, then read the judgments themselves.",
        "I check every authority in the citator before it goes into a memo.",
    ],
    "contract drafting": [
        "I draft standard contracts from the firm's templates.",
        "I draft from the commercial deal first, then the definitions, and keep every defined term consistent.",
        "I check each clause against how it would work if the relationship went wrong.",
    ],
    "corporate law": [
        "I work on company matters: board minutes, share transfers and filings.",
        "I check every corporate action against the articles and the shareholders' agreement.",
        "I keep the statutory registers reconciled with the registry.",
    ],
    "litigation": [
        "I have worked on several disputes, preparing documents for court.",
        "I build the chronology and the evidence bundle early, because they shape the strategy.",
        "I track every procedural deadline twice, in the diary and on the file.",
    ],
    "paralegal": [
        "I have worked as a paralegal for several years in a corporate team.",
        "I run the document side of transactions: checklists, signing and filings.",
        "I know when to stop and ask the lawyer, which is what keeps mistakes out of the file.",
    ],
    # Construction
    "cost control": [
        "I prepare the monthly cost report for my sites.",
        "I compare cost against the certified value every month, line by line in Presto.",
        "I log every variation with a signed order before the work starts, so nothing is lost at the final "
        "account.",
    ],
    "autocad": [
        "I use AutoCAD to read and mark up drawings and take measurements.",
        "I work with layers and external references so I always build from the latest revision.",
        "I take quantities from the drawings myself and check them against the bill of quantities.",
    ],
    "bim": [
        "I have worked on two projects with a BIM model.",
        "I used the model for clash detection between structure and services before work started.",
        "I linked the model to the programme to check the sequence of the works.",
    ],
    "construction management": [
        "I run building sites as a site manager.",
        "I plan the works in a programme with the critical path, and review it with the subcontractors every "
        "week.",
        "I control cost, safety and quality together, because a problem in one always shows up in the others.",
    ],
    "occupational health and safety": [
        "I follow the safety plan on site and run the toolbox talks.",
        "I walk the site every day and stop any work that does not follow the safety plan.",
        "I analyse near misses with the safety coordinator and change the method, not just remind people.",
    ],
}
