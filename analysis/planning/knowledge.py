"""What a strong answer about a skill touches: a small, hand-written table for common skills.

These phrases become recruiter-only `strong_answer` points, and the offline evaluator matches
their key terms, so they name concrete things a practitioner would mention. Skills not listed get
generic points that still separate depth from familiarity.
"""

FACETS: dict[str, list[str]] = {
    "python": [
        "Idiomatic Python: data model, generators, context managers and type hints",
        "Testing with pytest: fixtures, mocking boundaries, coverage of edge cases",
        "Performance and concurrency trade-offs: the GIL, asyncio, multiprocessing, profiling",
    ],
    "django": [
        "ORM efficiency: select_related / prefetch_related, spotting N+1 queries, indexes",
        "Migrations on live data without downtime",
        "Transactions and background work after commit (Celery, on_commit)",
    ],
    "django rest framework": [
        "Serializers and validation at the API boundary",
        "Permissions, authentication and throttling",
        "Pagination, versioning and query efficiency of list endpoints",
    ],
    "postgresql": [
        "Indexes and reading EXPLAIN / EXPLAIN ANALYZE query plans",
        "Transactions, isolation levels and locking",
        "Schema migrations on large tables, replication, backups or connection pooling",
    ],
    "mysql": [
        "Indexes and reading EXPLAIN query plans",
        "Transactions, isolation and locking in InnoDB",
        "Replication, backups and schema changes on large tables",
    ],
    "sql": [
        "Joins, aggregation and window functions",
        "Indexes and query plans for slow queries",
        "Transactions and data consistency",
    ],
    "redis": [
        "Caching strategy: keys, TTLs and invalidation",
        "Data structures chosen for the job (hashes, sorted sets, streams)",
        "Persistence, eviction and memory limits; risks of using it as a queue or lock",
    ],
    "celery": [
        "Idempotent tasks, retries and acks_late",
        "Queueing after the transaction commits, not inside it",
        "Monitoring queues, time limits and failed tasks",
    ],
    "docker": [
        "Small, reproducible images: layers, caching, multi-stage builds",
        "Configuration through environment variables and secrets handling",
        "Networking, volumes and debugging a container that will not start",
    ],
    "kubernetes": [
        "Deployments, services and rolling updates or rollbacks",
        "Resource requests and limits, autoscaling",
        "Health probes, logs and debugging failing pods",
    ],
    "aws": [
        "Choosing services for a need (compute, storage, queues) and why",
        "IAM roles and least privilege",
        "Cost awareness, monitoring and alarms",
    ],
    "gcp": [
        "Choosing services for a need (compute, storage, messaging) and why",
        "IAM and service accounts with least privilege",
        "Cost awareness, monitoring and alerting",
    ],
    "azure": [
        "Choosing services for a need and why",
        "Identity, roles and least privilege",
        "Cost awareness, monitoring and alerting",
    ],
    "terraform": [
        "State management, remote state and locking",
        "Modules and environments without copy-paste",
        "Reviewing plans and handling drift",
    ],
    "ci/cd": [
        "Pipeline stages and what gates a merge (tests, linters, security checks)",
        "Deployment strategies: blue-green, canary, feature flags",
        "Rollback and keeping the pipeline fast",
    ],
    "git": [
        "Branching and review workflow",
        "Rebasing versus merging and keeping history readable",
        "Recovering from mistakes (reflog, revert, bisect)",
    ],
    "rest": [
        "Resource design, HTTP methods and status codes",
        "Versioning, pagination and error shapes",
        "Authentication and rate limiting",
    ],
    "graphql": [
        "Schema design and resolvers",
        "N+1 problems and batching (dataloaders)",
        "Authorization and query cost limits",
    ],
    "javascript": [
        "Asynchronous code: promises, async/await and the event loop",
        "Scope, closures and this",
        "Tooling, bundling and testing",
    ],
    "typescript": [
        "Typing API boundaries and shared types",
        "Generics, unions and narrowing",
        "Strict mode and migrating JavaScript code",
    ],
    "react": [
        "State and data flow between components",
        "Effects, data fetching and avoiding needless re-renders",
        "Testing components and accessibility",
    ],
    "node.js": [
        "The event loop and keeping it unblocked",
        "Error handling in asynchronous code",
        "Streams, memory use and profiling",
    ],
    "go": [
        "Goroutines, channels and context cancellation",
        "Explicit error handling and wrapping",
        "Interfaces, testing and profiling with pprof",
    ],
    "java": [
        "JVM memory, garbage collection and profiling",
        "Concurrency: executors, locks, thread safety",
        "Framework use (Spring or similar) and testing",
    ],
    "kafka": [
        "Partitions, ordering and consumer groups",
        "Delivery guarantees, idempotent consumers and retries",
        "Schema evolution and monitoring consumer lag",
    ],
    "machine learning": [
        "Problem framing, baselines and evaluation metrics",
        "Validation without data leakage",
        "Deployment and monitoring of drift",
    ],
    "pandas": [
        "Vectorised operations instead of loops",
        "Joins, group-bys and missing data",
        "Memory use and data types on large frames",
    ],
    "linux": [
        "Processes, signals and resource limits",
        "Debugging with logs, strace, top or similar tools",
        "Permissions, networking and shell scripting",
    ],
    "microservices": [
        "Service boundaries and data ownership",
        "Communication: synchronous calls versus events, retries and timeouts",
        "Observability: tracing, logs and metrics across services",
    ],
}

ALIASES = {
    "postgres": "postgresql",
    "drf": "django rest framework",
    "k8s": "kubernetes",
    "amazon web services": "aws",
    "microsoft azure": "azure",
    "apache kafka": "kafka",
    "google cloud": "gcp",
    "google cloud platform": "gcp",
    "golang": "go",
    "js": "javascript",
    "ts": "typescript",
    "node": "node.js",
    "nodejs": "node.js",
    "rest api": "rest",
    "rest apis": "rest",
    "restful apis": "rest",
    "ci": "ci/cd",
    "continuous integration": "ci/cd",
    "ml": "machine learning",
}


def facets_for(skill: str) -> list[str]:
    """Skill-specific points a strong answer touches, or [] for a skill this table does not know."""
    key = skill.casefold().strip()
    return list(FACETS.get(ALIASES.get(key, key), []))


def generic_facets(skill: str) -> list[str]:
    """Points that separate depth from familiarity for any skill."""
    return [
        f"How {skill} works beneath the everyday use, beyond the basics",
        "Pitfalls met in practice and how they were avoided or fixed",
        "How the work was tested or verified",
    ]
