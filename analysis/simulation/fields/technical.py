"""Lines of work built on software and data: engineers, analysts, designers."""

import re

from . import Field

SOFTWARE = Field(
    name="software",
    cues=re.compile(
        r"\b(?:software|developer|desarrollador\w*|developpeur\w*|entwickler\w*|desenvolvedor\w*|programmer|"
        r"devops|back-?end|front-?end|full[- ]stack|site reliability|platform engineer\w*|kubernetes|javascript|"
        r"typescript|python|django|fastapi|react|terraform|ci/cd|rest apis?|code review|microservices|golang|java)\b"
    ),
    profile={
        "role": "a backend engineer with 8 years of experience; right now I lead the payments work in a team of five",
        "work": "a backend developer in a product team of six",
        "tools": "PostgreSQL, Celery and Grafana",
        "first_steps": "the official documentation, a small spike or prototype, and pairing with someone experienced",
        "plan_check": "tests, code review and feedback from the team",
        "limit": "very large multi-region setups",
        "disagreement": "whether to rewrite the billing service or fix it in place",
        "carry": "testing, code review, data modelling and how I debug",
        "hard": "the edge cases that only show up at real scale, and operating it when it fails",
        "routine": "I use {skill} in most of my tickets, mainly for new endpoints and bug fixes.",
    },
    stories=[
        {"thing": "the billing API", "scale": "serving about 40,000 users and 2 TB of data at a p95 latency of "
         "180 ms, with a team of five", "own": "designed the payment flow and wrote most of the code",
         "brief": "It serves about 40,000 users.", "pitfall": "a race condition that charged 37 customers twice",
         "evidence": "the logs, metrics and a reproduction in staging",
         "fix": "adding an idempotency key and a unique constraint",
         "check": "automated tests, code review and a canary release",
         "tradeoff": "a little more latency for consistency", "hindsight": "add tracing from day one"},
        {"thing": "the search service", "scale": "handling 3 million queries a day for 120,000 users, with a team "
         "of four", "own": "owned the indexing jobs and the query API",
         "brief": "It handles about 3 million queries a day.",
         "pitfall": "a memory leak that restarted every pod at peak time",
         "evidence": "heap profiles and a load test that reproduced it in an hour",
         "fix": "closing a cursor that was held open per request",
         "check": "a soak test, code review and a dashboard of memory per pod",
         "tradeoff": "freshness of the index against the cost of reindexing",
         "hindsight": "set memory alerts before the launch, not after"},
        {"thing": "the data export pipeline", "scale": "moving 50 GB a night for 900 business customers, with a "
         "team of three", "own": "wrote the export jobs and the retry logic",
         "brief": "It moves about 50 GB a night.",
         "pitfall": "a timezone bug that dropped the last hour of every day",
         "evidence": "row counts per hour and one customer's file compared line by line",
         "fix": "storing every timestamp in UTC and converting only at the edges",
         "check": "property-based tests, a reconciliation job and review by a second engineer",
         "tradeoff": "a simpler batch design against near-real-time exports",
         "hindsight": "write the reconciliation job first"},
    ],
    design=[
        "First I clarified the requirements and constraints with product: about 500 requests per second, latency "
        "under 200 ms, strong consistency for payments and a fixed cloud cost.",
        "I broke the system into three components with clear responsibilities, each owning its data: the API in "
        "Django REST Framework, a pricing service and a Celery worker for emails.",
        "I compared two approaches, synchronous calls versus an event queue, and chose the queue because retries "
        "are simpler; the trade-off was eventual consistency for the emails.",
        "I planned for failure with monitoring in Grafana, idempotent retries, a rollback plan and load testing "
        "before launch.",
        "With hindsight I would change one thing: version the API from day one.",
    ],
    delivery=[
        "I set the goals and success measures up front: cut checkout errors from 2% to under 0.5% in one quarter.",
        "I planned the work in three milestones and managed the risks and dependencies on the payments team.",
        "I kept the stakeholders informed every week and adjusted the scope when things changed.",
        "Afterwards I measured the result, 0.3% errors, and reflected on the lessons learned in a retrospective.",
    ],
    practice=[
        "With {skill} I learned to read the source and the changelog when the documentation runs out, which is "
        "what you need when something breaks in production.",
        "I keep {skill} work small and reviewable, with tests around every change.",
    ],
)

DATA = Field(
    name="data",
    cues=re.compile(
        r"\b(?:data (?:scien\w*|analy\w*|engineer\w*|warehous\w*|pipelines?|visuali[sz]ation)|analytics engineer|"
        r"sql|tableau|power bi|dashboards?|statistic\w*|machine learning|dbt|snowflake|bigquery|pandas|looker|"
        r"scikit-learn|a/b test\w*|apache airflow)\b"
    ),
    profile={
        "role": "a data analyst with 5 years of experience; I own the commercial dashboards for 6 teams",
        "work": "a data analyst in the commercial team",
        "tools": "Snowflake, dbt and Tableau",
        "first_steps": "the official documentation, a small prototype on real data, and pairing with someone "
                       "experienced",
        "plan_check": "tests on the numbers, code review of my queries and feedback from the team",
        "limit": "streaming data and machine learning models",
        "disagreement": "whether to rebuild the sales dashboard or fix the old one",
        "carry": "SQL thinking, data modelling and checking numbers against a source of truth",
        "hard": "messy real data, performance on large tables and getting the definitions right",
        "routine": "I use {skill} every week for the reports and the ad-hoc questions from the business.",
    },
    stories=[
        {"thing": "the weekly trading dashboard", "scale": "used by 120 users across 6 teams, on about 300 million "
         "order rows, with a team of four analysts", "own": "built the data model and the revenue metrics",
         "brief": "About 120 people use it every week.", "pitfall": "double counting after a join on a "
         "many-to-many table, which inflated revenue by 8%", "evidence": "row counts at each step and a "
         "reproduction on one week of data", "fix": "deduplicating in a staging model and adding a uniqueness test",
         "check": "tests that reconcile totals with the Finance ledger and peer review of the SQL",
         "tradeoff": "data that is 1 hour old against a 10x cheaper refresh",
         "hindsight": "agree metric definitions with stakeholders before building anything"},
        {"thing": "the customer retention analysis", "scale": "covering 1.2 million customers over 3 years, for "
         "a leadership team of 8", "own": "defined the cohorts and presented the findings",
         "brief": "It covered about 1.2 million customers.",
         "pitfall": "survivorship bias, because churned accounts had been deleted",
         "evidence": "cohort sizes that shrank in the raw tables but not in the backups",
         "fix": "rebuilding the cohorts from the event log",
         "check": "a second analyst re-running the numbers and a test against last year's report",
         "tradeoff": "a simple cohort view against a full survival model",
         "hindsight": "check what the source system deletes before anything else"},
        {"thing": "the delivery-time forecast", "scale": "for 40 depots and about 25,000 orders a day, with one "
         "other analyst", "own": "built the model and the weekly accuracy report",
         "brief": "It covers about 40 depots.", "pitfall": "a holiday week that made the model miss by 30%",
         "evidence": "residuals plotted by day and depot", "fix": "adding a holiday calendar as a feature",
         "check": "a backtest on the previous 12 months and review with operations",
         "tradeoff": "accuracy against a model the depot managers could understand",
         "hindsight": "involve operations in choosing the error metric"},
    ],
    design=[
        "First I clarified the requirements and constraints with the stakeholders: 120 users, data no older than "
        "one hour, consistency with Finance's numbers and a fixed warehouse cost.",
        "I broke it into three components with clear responsibilities and data ownership: staging models in dbt, "
        "a metrics layer owned by our team and the Tableau workbook owned by each team.",
        "I compared two approaches, a live connection versus hourly extracts, and chose extracts; the trade-off "
        "was freshness against a 10x lower cost.",
        "I planned for failure with monitoring of data freshness, retries of failed loads, a rollback to the "
        "previous extract and testing of every metric against Finance.",
        "With hindsight I would change one thing: write the metric definitions down before the first chart.",
    ],
    delivery=[
        "I set the goals and success measures up front: one trusted revenue number used by all 6 teams within 8 "
        "weeks.",
        "I planned the work and managed the risks and dependencies on the data engineering team.",
        "I kept the stakeholders informed every week and adjusted when the marketing team's needs changed.",
        "Afterwards I measured the result, weekly active users of the dashboard went from 15 to 110, and "
        "reflected on the lessons learned.",
    ],
    practice=[
        "With {skill} the numbers are only as good as the definitions behind them, so I write those down and "
        "reconcile every total with a source of truth.",
        "I check row counts at every step, because a silent join problem is the most common way {skill} work "
        "goes wrong.",
    ],
)

DESIGN = Field(
    name="design",
    cues=re.compile(
        r"\b(?:\w*designer\w*|product design|graphic design|graphiste|disenador\w*|diseno grafico|grafikdesign\w*|"
        r"gestalter\w*|figma|adobe|illustrator|photoshop|indesign|typograph\w*|ux|ui|user research|usability|"
        r"branding|prototyp\w*|design systems?|directeur artistique|direction artistique|art director|print design)\b"
    ),
    profile={
        "role": "a product designer with 6 years of experience; I lead design for our merchant tools in a squad "
                "of eight",
        "work": "a designer in a product team",
        "tools": "Figma, Maze and our design system",
        "first_steps": "the tutorials and the team's files, a small practice piece, and pairing with a senior "
                       "designer",
        "plan_check": "design critiques, usability tests and feedback from the team",
        "limit": "native mobile apps and motion work",
        "disagreement": "whether to ship a redesign of the checkout before we had tested it with users",
        "carry": "layout, typography, working from a brief and taking critique",
        "hard": "consistency across many screens or pieces, and files that other people can pick up",
        "routine": "I use {skill} in most of my projects, mainly for layouts and the final files.",
    },
    stories=[
        {"thing": "the redesign of our merchant onboarding", "scale": "for about 3,000 new merchants a month, with "
         "a product manager and four engineers", "own": "ran the research and designed every screen",
         "brief": "About 3,000 merchants go through it every month.",
         "pitfall": "a step that tested well with staff but confused real merchants",
         "evidence": "session recordings and five moderated interviews",
         "fix": "splitting the bank details into their own step with an inline example",
         "check": "a usability test with 8 merchants and the completion rate after launch",
         "tradeoff": "a shorter flow against collecting the data the risk team needed up front",
         "hindsight": "test with real merchants before the first design review"},
        {"thing": "our design system", "scale": "about 60 components used by 5 product teams",
         "own": "set up the tokens and wrote the component guidelines",
         "brief": "Five teams use it.",
         "pitfall": "teams detaching components and drifting from the system",
         "evidence": "a Figma audit of detached instances across 40 files",
         "fix": "adding the missing variants and a monthly office hour",
         "check": "the share of detached components, down from 30% to 8%, and feedback from the teams",
         "tradeoff": "flexibility for teams against consistency",
         "hindsight": "involve engineers in naming from day one"},
        {"thing": "the rebrand of a regional food festival", "scale": "a logo, 40 print pieces and a campaign "
         "seen by about 200,000 people, with one other designer", "own": "designed the identity and the print system",
         "brief": "It had about 40 print pieces.", "pitfall": "colours that printed far darker than on screen",
         "evidence": "a press proof compared with the screen version",
         "fix": "building CMYK versions of the palette and proofing every piece",
         "check": "press proofs signed off by the client and the printer",
         "tradeoff": "a bolder palette against cost on uncoated paper",
         "hindsight": "order a press proof before the client presentation"},
    ],
    design=[
        "First I clarified the requirements and constraints with product and engineering: 3,000 merchants a "
        "month, accessibility at AA, no new backend work this quarter.",
        "I broke the flow into three parts with clear responsibilities: account, business details and payouts, "
        "each owned by one engineer.",
        "I compared two approaches, one long form versus a stepped flow, and chose the steps; the trade-off was "
        "more screens against fewer errors.",
        "I planned for failure with a usability test before launch, a feature flag for a rollback and tracking "
        "of drop-off per step.",
        "With hindsight I would change one thing: bring a support agent into the first workshop.",
    ],
    delivery=[
        "I set the goals and success measures up front: raise onboarding completion from 62% to 75% in one "
        "quarter.",
        "I planned the work with research, design and testing milestones, and managed the risks and "
        "dependencies on the risk team's requirements.",
        "I kept the stakeholders informed in a weekly review and adjusted the scope when legal added a step.",
        "Afterwards I measured the result, 78% completion, and reflected on the lessons learned in a "
        "retrospective.",
    ],
    practice=[
        "With {skill} I set up styles and components first, so a change in one place carries through every "
        "file.",
        "I name and organise my {skill} files so a developer or another designer can pick them up without me.",
    ],
)

FIELDS = [DATA, DESIGN, SOFTWARE]
