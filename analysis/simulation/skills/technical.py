"""Skills of software, data and design work."""

SKILLS: dict[str, list[str]] = {
    # Software
    "python": [
        "I write most of our services and scripts in Python, with type hints and tests.",
        "I used generators so we stream rows instead of loading them, and context managers for every connection.",
        "Tests are in pytest, with fixtures for each case and mocking only at the boundaries, so edge cases are "
        "covered.",
        "When it was slow I profiled it with py-spy: the GIL was not the bottleneck, blocking I/O was, so I moved "
        "those calls to asyncio and kept multiprocessing for the CPU-heavy part.",
    ],
    "django": [
        "I build our endpoints and admin screens in Django, using the ORM for the database work.",
        "I fixed N+1 queries with select_related and prefetch_related and added the missing indexes in the ORM.",
        "I ran migrations on live data in two steps, without downtime, and queued slow work to Celery with "
        "transaction.on_commit.",
    ],
    "django rest framework": [
        "I write serializers and viewsets for our API in Django REST Framework.",
        "I validated every input in serializers at the API boundary and set permissions and throttling per "
        "endpoint.",
        "I used cursor pagination and versioning, and checked the query count of each list endpoint.",
    ],
    "backend development": [
        "I build the APIs and background jobs behind our product, mostly in Python with PostgreSQL.",
        "I design the data model first and keep every write idempotent, because retries happen in production.",
        "I measure each endpoint's p95 latency and query count before and after a change, not just whether the "
        "tests pass.",
    ],
    "postgresql": [
        "I write the queries and migrations for our PostgreSQL database.",
        "I added indexes after reading the EXPLAIN ANALYZE query plans of the slow queries.",
        "I handled deadlocks by fixing the lock ordering inside short transactions, and put PgBouncer in front for "
        "connection pooling.",
    ],
    "sql": [
        "I write SQL every day for reports and checks, with joins and aggregations.",
        "I use window functions for cohort and retention queries, and CTEs to keep long queries readable.",
        "For slow queries I read the query plans and ask for indexes on the join keys, and I check row counts "
        "after every join.",
    ],
    "kubernetes": [
        "I deploy our services to Kubernetes and look after the manifests.",
        "I wrote the deployments and services, with rolling updates and a tested rollback.",
        "I set resource requests and limits and autoscaling, and debugged crash loops from health probes and the "
        "logs of failing pods.",
    ],
    "go": [
        "I write some of our smaller services in Go.",
        "I use goroutines with context cancellation everywhere, so a slow dependency cannot pile up requests.",
        "Errors are wrapped with context at each layer, and I profile with pprof before optimising anything.",
    ],
    "amazon web services": [
        "We run on AWS; I mostly work with EC2, S3 and RDS.",
        "I give every service its own IAM role with least privilege, and secrets come from Secrets Manager.",
        "I set budgets and CloudWatch alarms, which caught a NAT gateway costing us 3,000 USD a month.",
    ],
    "docker": [
        "I package our services in Docker images and run them locally with docker compose.",
        "I cut our image from 1.2 GB to 180 MB with multi-stage builds and better layer caching.",
        "Configuration comes from environment variables and secrets are mounted, never baked into images.",
    ],
    "ci/cd": [
        "Our pipeline runs the tests on every merge request and deploys to staging.",
        "The pipeline stages run tests, linters and security checks before a merge, and deployments are canary "
        "releases behind feature flags.",
        "Rollback is one click, and I kept the pipeline under 8 minutes by caching dependencies and splitting the "
        "tests.",
    ],
    "devops": [
        "I look after our pipelines, infrastructure and monitoring together with the developers.",
        "Everything is in Terraform and reviewed like code, so a change to production is a merge request.",
        "I measure deployment frequency, lead time and failed changes, and run blameless postmortems after "
        "incidents.",
    ],
    "javascript": [
        "I write the front end of our product in JavaScript, mostly with React.",
        "I handle asynchronous code with async/await and make sure every promise has error handling.",
        "I understand the event loop well enough to find why a long task froze the page, and I split it up.",
    ],
    "html": [
        "I write the HTML for our pages and components.",
        "I use semantic elements and proper labels, so the pages work with screen readers and keyboard only.",
        "I test forms and layouts across browsers, and check accessibility with axe before release.",
    ],
    "react": [
        "I build our screens as React components with hooks.",
        "I keep state as low as possible and lift it only when two components need it.",
        "I profile re-renders and memoise only where the profiler shows a cost.",
    ],
    "git": [
        "I use Git every day with feature branches and pull requests.",
        "I keep commits small and rebase before merging so the history stays readable.",
        "I have used bisect to find the commit that broke a release, and reflog to recover lost work.",
    ],
    "fastapi": [
        "I have built two internal services with FastAPI.",
        "I use Pydantic models for every request and response, so validation and the docs come for free.",
        "I keep blocking database calls out of async endpoints, which was the cause of our first latency problem.",
    ],
    "on-call": [
        "I am on the on-call rota one week in six.",
        "I write a runbook for every alert, and an alert without an action gets deleted.",
        "After an incident I write a blameless postmortem with actions that have owners and dates.",
    ],
    # Data
    "a/b testing": [
        "I have analysed several A/B tests on our checkout.",
        "I sized the test up front, fixed the success metric and checked for sample ratio mismatch.",
        "We stopped only at the planned sample size, never on a peek.",
    ],
    "statistics": [
        "I use basic statistics every week, mostly averages, distributions and significance tests.",
        "I check sample sizes and confidence intervals before calling a result.",
        "I used regression to control for seasonality.",
    ],
    "data warehousing": [
        "I build and maintain tables in our warehouse in Snowflake.",
        "I model facts and dimensions with clear grain, and keep history with slowly changing dimensions.",
        "I partition and cluster the big tables, which cut our warehouse bill by about a third.",
    ],
    "data visualization": [
        "I build dashboards and charts for the business teams.",
        "I choose the chart from the question: trends as lines, comparisons as bars, and never a pie with ten "
        "slices.",
        "Every dashboard has one headline number with its definition next to it, so nobody argues about what it "
        "means.",
    ],
    "tableau": [
        "I build dashboards in Tableau for the commercial teams.",
        "I use extracts with incremental refresh and keep calculations in the data model rather than in workbooks.",
        "I use level-of-detail expressions for the ratios that break when people filter.",
    ],
    "power bi": [
        "I build reports in Power BI for the finance and sales teams.",
        "I keep one shared dataset with a star schema, so every report uses the same measures.",
        "I write DAX measures with CALCULATE and check them against the source totals.",
    ],
    "dbt": [
        "I write our transformation models in dbt.",
        "Every model has tests for uniqueness and not-null keys, and sources have freshness checks.",
        "I split staging, intermediate and mart models, so a change in a source touches one place.",
    ],
    "pandas": [
        "I use pandas for analysis and data cleaning in notebooks.",
        "I replaced loops with vectorised operations and group-bys.",
        "I handled joins and missing data explicitly, with checks on row counts, and chose data types to cut "
        "memory.",
    ],
    "scikit-learn": [
        "I have trained a few classification models with scikit-learn.",
        "I put preprocessing in a Pipeline so nothing leaks from the test set into training.",
        "I compare every model with a simple baseline and use cross-validation that respects time order.",
    ],
    "microsoft excel": [
        "I use Excel every day for reports and reconciliations, with lookups and pivot tables.",
        "I build models with inputs, calculations and outputs on separate sheets, and no hard-coded numbers in "
        "formulas.",
        "I use Power Query to load the data, and checks that flag when totals do not tie to the source.",
    ],
    "economics": [
        "I studied economics and use it when I look at prices and demand.",
        "I think in terms of elasticity and incentives when a price change is discussed.",
        "I am careful to separate correlation from causation when reading the data.",
    ],
    # Design
    "user research": [
        "I run interviews and usability tests with our users.",
        "I write a research plan with the decision it should inform before recruiting anyone.",
        "I synthesise with affinity mapping and share clips, because a clip convinces a team more than a slide.",
    ],
    "design systems": [
        "I contribute components to our design system in Figma.",
        "I set up design tokens for colour, spacing and type, shared between Figma and the code.",
        "I document when to use each component, and measure adoption by counting detached instances.",
    ],
    "figma": [
        "I design all my screens and prototypes in Figma.",
        "I use components with variants and auto layout, so screens adapt to content.",
        "I organise files by page and status, so developers know what is ready to build.",
    ],
    "adobe illustrator": [
        "I make logos, icons and illustrations in Illustrator.",
        "I build logos on a grid with clean paths and export versions for print and screen.",
        "I set up global swatches in CMYK and RGB so colours stay consistent across every file.",
    ],
    "adobe indesign": [
        "I lay out brochures and posters in InDesign.",
        "I use master pages, paragraph and character styles, so a change carries through the whole document.",
        "I preflight every file and export print PDFs with bleed and the printer's colour profile.",
    ],
    "adobe photoshop": [
        "I retouch photos and make visuals in Photoshop.",
        "I work non-destructively with adjustment layers and masks.",
        "I prepare images at the right resolution and colour profile for print or web.",
    ],
    "motion graphics": [
        "I make short animations for social media.",
        "I animate with easing curves so movement feels natural, not linear.",
        "I keep animations short and check them without sound, because most are watched muted.",
    ],
}
