"""Commercial and professional lines of work: sales, marketing, finance, law."""

import re

from . import Field

SALES = Field(
    name="sales",
    cues=re.compile(
        r"\b(?:sales|account executive|ventas|vendedor\w*|commercial|vertrieb\w*|vendas|quota\w*|b2b|negotiation|"
        r"crm|key account\w*|grands comptes|pipeline management|prospect\w*|salesforce|business development)\b"
    ),
    profile={
        "role": "a mid-market account executive with 4 years in B2B SaaS; last year I closed 112% of quota",
        "work": "an account executive selling software to mid-sized companies",
        "tools": "Salesforce, Gong and MEDDIC",
        "first_steps": "the playbook and product training, practising demos under supervision, and shadowing "
                       "someone experienced",
        "plan_check": "supervision in deal reviews, feedback from colleagues and measurable results like "
                      "conversion rates",
        "limit": "enterprise deals above 1 million EUR",
        "disagreement": "how big a discount to offer a key account at renewal",
        "carry": "discovery, qualification and how I run a deal",
        "hard": "the finance jargon and the long approval chains",
        "routine": "I use {skill} with every account, from the first call to the renewal.",
    },
    stories=[
        {"thing": "a 140,000 EUR expansion deal with a 600-person logistics company", "scale": "across a book of "
         "35 accounts and a pipeline of 1.2 million EUR, in a team of 4 account executives",
         "own": "ran discovery, the business case and the negotiation", "brief": "It was worth about 140,000 EUR.",
         "pitfall": "a champion who left the customer two weeks before signature",
         "evidence": "the call recordings in Gong and the stakeholder map",
         "fix": "multi-threading the deal to the CFO and their procurement lead",
         "check": "weekly pipeline reviews with my manager, win-loss analysis and feedback from the customer",
         "tradeoff": "a 10% discount against a two-year term", "hindsight": "map the buying committee in the "
         "first call"},
        {"thing": "a new-logo deal with a 900-person retailer", "scale": "a 95,000 EUR first-year contract with 6 "
         "people in the buying committee", "own": "prospected the account and ran the whole cycle",
         "brief": "The first year was worth about 95,000 EUR.",
         "pitfall": "a security review that nobody had planned for",
         "evidence": "the procurement checklist I asked for in week two",
         "fix": "bringing our security lead to a call with their IT team in the same week",
         "check": "the mutual action plan reviewed every Friday with the customer",
         "tradeoff": "speed against a pilot that would have cost us a quarter",
         "hindsight": "ask for the procurement steps in the first call"},
        {"thing": "rebuilding my territory's pipeline after a bad quarter", "scale": "from 400,000 to 1.1 million "
         "EUR in 4 months, across 60 target accounts", "own": "cleaned the pipeline and did the prospecting",
         "brief": "It covered about 60 target accounts.", "pitfall": "stale opportunities that inflated the "
         "forecast", "evidence": "the last activity date on every opportunity in Salesforce",
         "fix": "closing out 22 dead deals and prospecting into 15 new accounts a week",
         "check": "forecast accuracy each month, within 5% by the end",
         "tradeoff": "a smaller but honest forecast against a bigger one my manager wanted",
         "hindsight": "clean the pipeline every month, not every quarter"},
    ],
    design=[
        "First I clarified the requirements and constraints: 35 accounts, a quota of 900,000 EUR and no extra "
        "headcount.",
        "I broke the territory into three segments with clear responsibilities: new logos, expansions and "
        "renewals, each with an owner.",
        "I compared two approaches, account-based outreach versus inbound follow-up, and chose account-based; the "
        "trade-off was a slower first quarter.",
        "I planned for failure with weekly pipeline monitoring, a fallback list of accounts and deal reviews.",
        "With hindsight I would change one thing: bring solutions engineers into discovery earlier.",
    ],
    delivery=[
        "I set the goals and success measures up front with the customer: close the expansion by the end of Q3 "
        "and cut their month-end close from 9 days to 5.",
        "I planned the work in a mutual action plan and managed the risks and dependencies: security review, "
        "legal and the CFO's budget cycle.",
        "I kept the stakeholders informed every week, on their side and ours, and adjusted when their champion "
        "left.",
        "Afterwards I measured the result, 140,000 EUR closed at 112% of my quarter, and reflected on the lessons "
        "learned in our win-loss review.",
    ],
    practice=[
        "With {skill} I qualify hard with MEDDIC, because a big pipeline of weak deals is worse than a small honest "
        "one.",
        "I tie {skill} to the customer's own numbers, so the business case is theirs and not mine.",
    ],
)

MARKETING = Field(
    name="marketing",
    cues=re.compile(
        r"\b(?:marketing|seo|sem|google ads|google analytics|campaigns?|campanhas?|campanas?|campagnes?|"
        r"kampagne\w*|social media|redes sociais|redes sociales|reseaux sociaux|content|conversion|ctr|cpc|roas|"
        r"email marketing|growth|performance marketing|midia paga)\b"
    ),
    profile={
        "role": "a digital marketing specialist with 5 years in e-commerce; I run paid search and analytics for a "
                "brand doing about 2 million EUR online a year",
        "work": "a digital marketing analyst in an e-commerce team",
        "tools": "Google Ads, GA4 and Looker Studio",
        "first_steps": "the platform's documentation and certification, a small test campaign, and pairing with "
                       "someone experienced",
        "plan_check": "weekly performance reviews, feedback from the team and measurable results like cost per "
                      "acquisition",
        "limit": "brand and TV campaigns",
        "disagreement": "whether to move budget from search to social before Black Friday",
        "carry": "tracking, testing ideas with data and writing for an audience",
        "hard": "attribution across channels, and spending well when results lag by weeks",
        "routine": "I use {skill} every week for our campaigns and the monthly report.",
    },
    stories=[
        {"thing": "our paid search account", "scale": "about 40,000 EUR a month across 120 campaigns, with one "
         "other specialist", "own": "restructured the campaigns and ran the bidding tests",
         "brief": "We spend about 40,000 EUR a month on it.",
         "pitfall": "conversions counted twice after a checkout change",
         "evidence": "GA4 events compared with the orders in the shop back end",
         "fix": "a single purchase event with a transaction ID and a weekly reconciliation",
         "check": "conversions matching orders within 2% and a drop in cost per acquisition from 31 to 24 EUR",
         "tradeoff": "smart bidding against control over what we paid for brand terms",
         "hindsight": "test tracking changes in a staging property first"},
        {"thing": "the Black Friday campaign", "scale": "about 18% of the year's online revenue in one week, "
         "across search, social and email", "own": "planned the budget and the channel mix",
         "brief": "It brings about 18% of the year's online revenue.",
         "pitfall": "budgets running out by lunchtime on the Friday",
         "evidence": "hourly spend and conversion data from the previous year",
         "fix": "an hourly budget plan and automated rules to shift spend between campaigns",
         "check": "revenue against target, 112%, and return on ad spend by channel",
         "tradeoff": "discount depth against margin",
         "hindsight": "agree the stock levels with buying before setting budgets"},
        {"thing": "our SEO content programme", "scale": "60 guides over a year that grew organic traffic by 45%",
         "own": "did the keyword research and briefed the writers",
         "brief": "We published about 60 guides.", "pitfall": "pages competing with each other for the same "
         "searches", "evidence": "Search Console queries that showed several of our pages for one term",
         "fix": "merging overlapping pages and redirecting the old URLs",
         "check": "rankings and organic sessions per page over three months",
         "tradeoff": "fewer, deeper pages against covering more topics",
         "hindsight": "map keywords to pages before writing anything"},
    ],
    design=[
        "First I clarified the requirements and constraints with the head of e-commerce: a 250,000 EUR budget, a "
        "cost per acquisition under 30 EUR and tracking we could trust.",
        "I broke the plan into three parts with clear responsibilities: search, social and email, each with an "
        "owner and its own targets.",
        "I compared two approaches, an even budget versus one weighted by last year's returns, and chose the "
        "weighted one; the trade-off was less learning on new channels.",
        "I planned for failure with daily monitoring, spend caps and a fallback plan if tracking broke.",
        "With hindsight I would change one thing: keep 10% of budget for tests.",
    ],
    delivery=[
        "I set the goals and success measures up front: 120% of last year's campaign revenue at a return on ad "
        "spend of at least 6.",
        "I planned the work in weekly milestones and managed the risks and dependencies, like stock, creative "
        "deadlines and the website freeze.",
        "I kept the stakeholders informed with a daily report during the campaign and adjusted budgets when a "
        "channel underperformed.",
        "Afterwards I measured the result, 112% of target at a return of 7.1, and reflected on the lessons "
        "learned in a retrospective.",
    ],
    practice=[
        "With {skill} I trust nothing until the tracking is reconciled with real orders, because bad data makes "
        "every optimisation wrong.",
        "I run {skill} as a series of small tests with one change at a time, and I keep a log of what we learned.",
    ],
)

FINANCE = Field(
    name="finance",
    cues=re.compile(
        r"\b(?:financ\w*|accounting|accountant|contab\w*|comptab\w*|buchhalt\w*|budget\w*|orcamento\w*|"
        r"forecast\w*|audit\w*|month-end|variance|controlling|controller|fp&a|ledger|acca|cima|tesorer\w*|"
        r"fechamento)\b"
    ),
    profile={
        "role": "a financial analyst with 6 years of experience; I run budgeting and forecasting for a 120 million "
                "EUR business unit",
        "work": "a financial analyst in the finance team",
        "tools": "Excel, SAP and Power BI",
        "first_steps": "the company's policies and training, practising under supervision, and shadowing someone "
                       "experienced",
        "plan_check": "review by my controller, reconciliations and measurable results like forecast accuracy",
        "limit": "group consolidation and tax",
        "disagreement": "whether to release a provision before the year-end",
        "carry": "reconciling numbers, building models and explaining variances",
        "hard": "data that does not match between systems, and deadlines at month-end",
        "routine": "I use {skill} every month for the close and the management reports.",
    },
    stories=[
        {"thing": "the monthly close for our business unit", "scale": "a 120 million EUR unit with 4 legal "
         "entities, in a team of 5", "own": "owned the accruals, the reconciliations and the variance pack",
         "brief": "It is a unit of about 120 million EUR.",
         "pitfall": "an intercompany balance that would not reconcile by 180,000 EUR",
         "evidence": "a line-by-line match of both ledgers and the invoice dates",
         "fix": "correcting a currency rate set wrongly in SAP and adding a cut-off check",
         "check": "the reconciliation signed off by the controller and a clean audit",
         "tradeoff": "closing on day 5 against waiting for late invoices",
         "hindsight": "agree cut-off rules with the other entities before the year starts"},
        {"thing": "the annual budget and rolling forecast", "scale": "for 14 cost centres and about 35 budget "
         "holders", "own": "built the model and ran the budget meetings",
         "brief": "It covers 14 cost centres.", "pitfall": "budget holders padding their numbers",
         "evidence": "three years of actuals against budget for every cost centre",
         "fix": "driver-based budgets tied to volumes and a review of every line above 50,000 EUR",
         "check": "forecast accuracy within 3% by the third quarter",
         "tradeoff": "the detail budget holders wanted against a model people could maintain",
         "hindsight": "lock the drivers with operations before the first round"},
        {"thing": "a pricing review for our largest customers", "scale": "the top 40 customers, about 60% of "
         "revenue", "own": "built the margin analysis and presented it to the sales director",
         "brief": "It covered the top 40 customers.", "pitfall": "margins that looked healthy until we added "
         "freight and rebates", "evidence": "invoice-level data joined with freight costs and rebate agreements",
         "fix": "a full cost-to-serve model per customer", "check": "a review with sales and the controller, and "
         "margin tracked for two quarters", "tradeoff": "raising prices against the risk of losing volume",
         "hindsight": "involve sales from the first draft"},
    ],
    design=[
        "First I clarified the requirements and constraints with the controller: 14 cost centres, a board deadline "
        "and numbers that must tie to the ledger.",
        "I broke the model into three parts with clear responsibilities: drivers from operations, costs from "
        "finance and the summary for the board.",
        "I compared two approaches, a line-by-line budget versus a driver-based one, and chose drivers; the "
        "trade-off was less detail for faster updates.",
        "I planned for failure with checks that tie totals to the ledger, version control of the file and a "
        "review by a second analyst.",
        "With hindsight I would change one thing: agree the drivers before building anything.",
    ],
    delivery=[
        "I set the goals and success measures up front: close by working day 5 with no audit adjustments.",
        "I planned the work with a close calendar and managed the risks and dependencies, like late invoices "
        "and the other entities' deadlines.",
        "I kept the stakeholders informed, the controller and the budget holders, and adjusted when the auditors "
        "asked for more detail.",
        "Afterwards I measured the result, day 4 closes and a clean audit, and reflected on the lessons learned "
        "with the team.",
    ],
    practice=[
        "With {skill} every number has to tie back to the ledger, so I reconcile before I analyse.",
        "I document my {skill} work so the controller can follow every step and an auditor can re-perform it.",
    ],
)

LEGAL = Field(
    name="legal",
    cues=re.compile(
        r"\b(?:legal|law|lawyer|paralegal|attorney|counsel|jurist\w*|\w*rechtsanwalt\w*|\w*recht|abogad\w*|"
        r"avocat\w*|juridi\w*|advogad\w*|contract drafting|litigation|due diligence|corporate law|employment law|"
        r"kanzlei|notar\w*|legal research)\b"
    ),
    profile={
        "role": "a corporate paralegal with 6 years of experience; I support three partners on M&A and company "
                "secretarial work",
        "work": "a paralegal in a corporate law team",
        "tools": "our document management system, Westlaw and a data room platform",
        "first_steps": "the firm's precedents and training, practising under supervision, and shadowing someone "
                       "experienced",
        "plan_check": "review by the supervising lawyer, checklists and feedback from the team",
        "limit": "litigation and court work",
        "disagreement": "whether a change-of-control clause needed to go to the client as a red flag",
        "carry": "careful reading, keeping files in order and working to deadlines",
        "hard": "the volume of documents under time pressure, and knowing when something is a real risk",
        "routine": "I use {skill} on most of my matters, working from the firm's precedents.",
    },
    stories=[
        {"thing": "the due diligence for a 40 million EUR acquisition", "scale": "about 1,200 documents in the "
         "data room and 14 days, in a team of 2 lawyers and me", "own": "reviewed the commercial contracts and ran "
         "the issues list", "brief": "There were about 1,200 documents in the data room.",
         "pitfall": "change-of-control clauses hidden in side letters",
         "evidence": "a keyword search of the whole data room and a check of every amendment",
         "fix": "adding side letters to the review checklist and a column for consent requirements",
         "check": "a second review by the associate and the partner's sign-off on the report",
         "tradeoff": "reviewing every contract against sampling the small ones",
         "hindsight": "agree the materiality threshold with the client on day one"},
        {"thing": "the annual filings and board minutes for a group of 18 companies", "scale": "about 60 "
         "filings a year across the group", "own": "kept the statutory books and drafted the minutes",
         "brief": "It covers 18 companies.", "pitfall": "a director appointment that was never filed",
         "evidence": "the statutory register compared with the registry's records",
         "fix": "a filing tracker with deadlines and a monthly check against the registry",
         "check": "the tracker reviewed by the supervising lawyer every month and no late filings that year",
         "tradeoff": "a simple spreadsheet against a proper entity management system",
         "hindsight": "reconcile the registers before taking over a group"},
        {"thing": "legal research for a dispute over a supply contract", "scale": "a claim of about 2 million "
         "EUR, with one associate", "own": "researched the case law and prepared the research memo",
         "brief": "The claim was about 2 million EUR.",
         "pitfall": "a leading case that had been distinguished on appeal",
         "evidence": "checking the citator and reading the appeal judgment itself",
         "fix": "rebuilding the argument on the appeal decision and two later cases",
         "check": "the associate's review and the citations checked again before filing",
         "tradeoff": "depth of research against the client's budget",
         "hindsight": "check every authority in the citator before drafting"},
    ],
    design=[
        "First I clarified the requirements and constraints with the partner: 1,200 documents, 14 days and a "
        "fixed fee.",
        "I broke the review into three parts with clear responsibilities: commercial contracts, employment and "
        "property, each owned by one person.",
        "I compared two approaches, reviewing every document versus sampling below a threshold, and chose the "
        "threshold; the trade-off was a small risk of missing something in low-value contracts.",
        "I planned for failure with a daily issues list, a second review of red flags and a buffer of two days "
        "before the report.",
        "With hindsight I would change one thing: agree the report format with the client first.",
    ],
    delivery=[
        "I set the goals and success measures up front: every filing on time and minutes approved within a week "
        "of each board meeting.",
        "I planned the work with a filing calendar and managed the risks and dependencies, like signatures from "
        "directors abroad.",
        "I kept the stakeholders informed, the partner and the client's company secretary, and adjusted when a "
        "board meeting moved.",
        "Afterwards I measured the result, no late filings in the year, and reflected on the lessons learned "
        "with the team.",
    ],
    practice=[
        "With {skill} I always go back to the primary source and note exactly where each point comes from, so "
        "the lawyer can check it in minutes.",
        "I keep a running issues list for {skill} work with a risk rating for each item, because a long report "
        "nobody reads protects no one.",
    ],
)

FIELDS = [LEGAL, FINANCE, MARKETING, SALES]
